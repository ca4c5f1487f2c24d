"""`crm handover export`: the zip of everything a leaving colleague owns, over the sample office."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import icalendar
import pytest
import vobject

from crm.cli import main
from crm.domain.text import DomainError
from crm.services.handover import HandoverService

OWNER = "Louise Dahl Nielsen"
TODAY = dt.date(2026, 11, 25)
FILES = {
    "manifest.json",
    "contacts.json",
    "organisations.json",
    "partnerships.json",
    "delegations.json",
    "agreements.json",
    "interactions.json",
    "follow_ups.json",
    "templates.json",
    "contacts.vcf",
    "calendar.ics",
    "dossier.html",
}
CONTACT_KEYS = {
    "id",
    "family_name",
    "given_name",
    "name_zh",
    "honorific",
    "position",
    "organisation",
    "emails",
    "phones",
    "birthday",
    "birthday_calendar",
    "language",
    "tags",
    "owner",
    "status",
}


@pytest.fixture
def package(demo_services: Any, tmp_path: Path) -> zipfile.ZipFile:
    out = tmp_path / "handover.zip"
    # The owner's name in other letters' case finds them too.
    HandoverService(demo_services.db).export(OWNER.upper(), out, today=TODAY)
    return zipfile.ZipFile(out)


def _json(package: zipfile.ZipFile, name: str) -> Any:
    return json.loads(package.read(name))


def test_the_zip_holds_every_file_and_its_manifest(package: zipfile.ZipFile) -> None:
    assert set(package.namelist()) == FILES
    assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in package.infolist())
    manifest = _json(package, "manifest.json")
    assert manifest["format"] == "liaison-handover"
    assert manifest["format_version"] == 1
    assert manifest["owner"] == OWNER
    assert dt.datetime.fromisoformat(manifest["created_at"]).tzinfo is not None
    assert set(manifest["sha256"]) == FILES - {"manifest.json"}
    for name, digest in manifest["sha256"].items():
        assert hashlib.sha256(package.read(name)).hexdigest() == digest


def test_counts_match_the_data(package: zipfile.ZipFile) -> None:
    counts = _json(package, "manifest.json")["counts"]
    for name in FILES:
        if name.endswith(".json") and name != "manifest.json":
            assert counts[name] == len(_json(package, name)), name
    assert counts["partnerships.json"] == 4
    assert counts["contacts.vcf"] == counts["contacts.json"]
    assert counts["documents"] == 0


def test_selection_is_what_the_owner_holds_and_touches(package: zipfile.ZipFile) -> None:
    partnerships = _json(package, "partnerships.json")
    assert {p["owner"] for p in partnerships} == {OWNER}
    pids = {p["id"] for p in partnerships}
    contacts = {c["id"] for c in _json(package, "contacts.json")}
    assert {c for p in partnerships for c in p["champions"]} <= contacts
    for delegation in _json(package, "delegations.json"):
        assert delegation["partnership"] in pids
        assert {m["contact"] for m in delegation["members"]} <= contacts
    for agreement in _json(package, "agreements.json"):
        assert agreement["partnership"] in pids
        assert {s["contact"] for s in agreement["signatories"]} <= contacts
    for interaction in _json(package, "interactions.json"):
        assert {c["contact"] for c in interaction["contacts"]} <= contacts
    for follow_up in _json(package, "follow_ups.json"):
        assert follow_up["partnership"] in pids or follow_up["delegation"]
    organisations = {o["name"] for o in _json(package, "organisations.json")}
    named = {c["organisation"] for c in _json(package, "contacts.json") if c["organisation"]}
    assert named == organisations


def test_the_data_carries_what_an_import_needs(package: zipfile.ZipFile) -> None:
    """Versions, timestamps and ids beyond DESIGN.md's keys, so that an import recreates each
    record as it is; every reference points inside the package."""
    stamped = {"version", "created_at", "updated_at"}
    contacts = _json(package, "contacts.json")
    ids = {c["id"] for c in contacts}
    for contact in contacts:
        assert set(contact) >= stamped | {"organisation_id", "keep_in_touch_days", "gifts"}
        assert contact["successor_of"] is None or contact["successor_of"] in ids
        assert dt.datetime.fromisoformat(contact["updated_at"]).utcoffset() == dt.timedelta(0)
    partnerships = _json(package, "partnerships.json")
    for partnership in partnerships:
        assert set(partnership) >= stamped | {"place_id", "keep_in_touch_days", "gifts"}
    for delegation in _json(package, "delegations.json"):
        assert set(delegation) >= stamped
        assert all("id" in entry for entry in delegation["itinerary"])
        for gift in delegation["gifts"]:
            assert {"partnership", "photo", "created_at"} <= set(gift)
            assert gift["contact"] is None or gift["contact"] in ids
    # A partnership's gifts that are not a visit's.
    assert all(isinstance(p["gifts"], list) for p in partnerships)
    for name in ("agreements", "interactions", "follow_ups", "organisations"):
        assert all("created_at" in item for item in _json(package, f"{name}.json")), name
    assert all("place_id" in o for o in _json(package, "organisations.json"))


def test_contacts_are_in_designs_shape(package: zipfile.ZipFile) -> None:
    contacts = _json(package, "contacts.json")
    assert contacts
    for contact in contacts:
        assert set(contact) >= CONTACT_KEYS
        assert isinstance(contact["emails"], list)
        assert isinstance(contact["tags"], list)


def test_vcards_and_calendar_open_elsewhere(package: zipfile.ZipFile) -> None:
    cards = list(vobject.readComponents(package.read("contacts.vcf").decode("utf-8")))
    assert len(cards) == len(_json(package, "contacts.json"))
    calendar = icalendar.Calendar.from_ical(package.read("calendar.ics"))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == _json(package, "manifest.json")["counts"]["calendar.ics"] > 0
    for event in events:
        start = event.decoded("dtstart")
        assert TODAY <= start <= TODAY + dt.timedelta(days=365)


class _Checker(HTMLParser):
    """Tags opened and closed in order (void elements aside), and the html element's lang."""

    VOID = {"meta", "br", "hr", "img", "link", "input"}

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.lang = ""
        self.balanced = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang") or ""
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open.pop() != tag:
            self.balanced = False


def test_dossier_names_each_partnership(package: zipfile.ZipFile) -> None:
    page = package.read("dossier.html").decode("utf-8")
    checker = _Checker()
    checker.feed(page)
    assert checker.lang == "en"
    assert checker.balanced and not checker.open
    for partnership in _json(package, "partnerships.json"):
        assert partnership["partner"] in page
    assert "Open follow-ups" in page


def test_dossier_in_chinese_and_escaped(demo_services: Any, tmp_path: Path) -> None:
    from sqlalchemy import text

    with demo_services.db.write() as session:
        session.execute(
            text(
                "UPDATE partnership SET notes = '<script>alert(1)</script>' WHERE owner_id = "
                "(SELECT id FROM staff WHERE name = 'Anna Berg')"
            )
        )
    out = tmp_path / "zh.zip"
    HandoverService(demo_services.db).export(
        "Anna Berg", out, today=TODAY, translate=lambda _c, s: s, language="zh_CN"
    )
    page = zipfile.ZipFile(out).read("dossier.html").decode("utf-8")
    assert '<html lang="zh-CN">' in page
    assert "<script>" not in page
    assert "&lt;script&gt;" in page


def test_attached_documents_travel_with_their_bytes(demo_services: Any, tmp_path: Path) -> None:
    agreement = _json_of(demo_services, tmp_path)["agreements.json"][0]
    source = tmp_path / "MoU signed.pdf"
    source.write_bytes(b"%PDF-1.4 the signed copy")
    demo_services.agreements.attach_document(agreement["id"], source)
    out = tmp_path / "with-documents.zip"
    manifest = HandoverService(demo_services.db).export(OWNER, out, today=TODAY)
    package = zipfile.ZipFile(out)
    listed = next(a for a in _json(package, "agreements.json") if a["id"] == agreement["id"])
    document = listed["documents"][0]
    assert document["included"] and document["filename"] == "MoU signed.pdf"
    assert package.read(document["path"]) == source.read_bytes()
    assert manifest.counts["documents"] == 1
    assert manifest.sha256[document["path"]] == hashlib.sha256(source.read_bytes()).hexdigest()


def _json_of(services: Any, tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "first.zip"
    HandoverService(services.db).export(OWNER, out, today=TODAY)
    package = zipfile.ZipFile(out)
    return {name: _json(package, name) for name in package.namelist() if name.endswith(".json")}


def test_unknown_owner_is_one_sentence_and_no_file(
    demo_services: Any, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "nobody.zip"
    args = ["handover", "export", "--owner", "Nobody", "--out", str(out)]
    assert main([*args, "--database", database_url]) == 1
    error = capsys.readouterr().err.strip()
    assert error == "There is no staff member called “Nobody”."
    assert not out.exists()
    with pytest.raises(DomainError):
        HandoverService(demo_services.db).export("Nobody", out)


def test_cli_prints_a_sentence_or_the_manifest(
    demo_services: Any, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "louise.zip"
    args = ["handover", "export", "--owner", OWNER, "--out", str(out), "--database", database_url]
    assert main(args) == 0
    sentence = capsys.readouterr().out.strip()
    assert sentence.startswith(f"Handover of {OWNER} written to") and "4 partnerships" in sentence
    assert "\n" not in sentence
    assert main([*args, "--json"]) == 0
    manifest = json.loads(capsys.readouterr().out)
    assert manifest["format"] == "liaison-handover"
    assert manifest["counts"]["partnerships.json"] == 4


def test_a_failing_write_leaves_no_partial_file(
    demo_services: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "handover.zip"
    real = zipfile.ZipFile.writestr
    written: list[str] = []

    def failing(self: zipfile.ZipFile, name: Any, data: Any, *args: Any, **kw: Any) -> None:
        written.append(str(name))
        if len(written) == 3:
            raise OSError(28, "No space left on device")
        real(self, name, data, *args, **kw)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", failing)
    with pytest.raises(OSError):
        HandoverService(demo_services.db).export(OWNER, out, today=TODAY)
    assert list(folder.iterdir()) == []
