"""A handover package that is not what Liaison wrote is refused in one sentence of its own, and
the database is left exactly as it was; then `crm handover import` as a script runs it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from crm.cli import main
from crm.domain.contacts import ContactDraft
from crm.domain.text import DomainError, Text
from crm.services import handover_package as hp
from crm.services.bundle import Services
from crm.services.handover import HandoverService
from crm.services.handover_import import HandoverImportService

TODAY = dt.date(2026, 11, 25)
LOUISE = "Louise Dahl Nielsen"
RunCrm = Callable[..., subprocess.CompletedProcess[str]]
Files = dict[str, bytes]


@pytest.fixture
def package(demo_services: Services, tmp_path: Path) -> Path:
    out = tmp_path / "louise.zip"
    HandoverService(demo_services.db).export(LOUISE, out, today=TODAY)
    return out


@pytest.fixture
def receiving(tmp_path: Path) -> Iterator[Services]:
    """The successor's database, not empty, in a folder of its own."""
    folder = tmp_path / "successor"
    folder.mkdir()
    services = Services.open(str(folder / "liaison.sqlite3"))
    services.contacts.create(ContactDraft(family_name="Holm", given_name="Nora"))
    yield services
    services.db.dispose()


def dump(services: Services) -> str:
    """A digest of every row and every table definition, read by another connection."""
    assert services.db.path is not None
    with sqlite3.connect(services.db.path) as conn:
        text = "\n".join(conn.iterdump())
    conn.close()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def files_of(path: Path) -> Files:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_zip(
    out: Path,
    files: Files,
    *,
    checksums: bool = False,
    manifest: Callable[[dict[str, Any]], None] | None = None,
    method: int = zipfile.ZIP_DEFLATED,
) -> Path:
    """A package of these files; `checksums` lists them anew in the manifest, as a forger who
    knows the format would."""
    files = dict(files)
    data = json.loads(files["manifest.json"])
    if checksums:
        data["sha256"] = {
            name: hashlib.sha256(content).hexdigest()
            for name, content in files.items()
            if name != "manifest.json"
        }
    if manifest is not None:
        manifest(data)
    files["manifest.json"] = json.dumps(data).encode("utf-8")
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, content in files.items():
            archive.writestr(zipfile.ZipInfo(name), content, compress_type=method)
    return out


def flip_a_byte(path: Path, member: str) -> Path:
    """One byte changed in the middle of a member's stored data, as a bad disk would."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    raw = bytearray(path.read_bytes())
    header = info.header_offset
    name_length = int.from_bytes(raw[header + 26 : header + 28], "little")
    extra_length = int.from_bytes(raw[header + 28 : header + 30], "little")
    start = header + 30 + name_length + extra_length
    raw[start + info.compress_size // 2] ^= 0x5A
    path.write_bytes(bytes(raw))
    return path


def write(out: Path, data: bytes) -> Path:
    out.write_bytes(data)
    return out


def contacts_without_a_champion(files: Files) -> bytes:
    partnerships = json.loads(files["partnerships.json"])
    champion = next(c for p in partnerships for c in p["champions"])
    contacts = [c for c in json.loads(files["contacts.json"]) if c["id"] != champion]
    return json.dumps(contacts).encode("utf-8")


def contacts_with_a_bad_status(files: Files) -> bytes:
    contacts = json.loads(files["contacts.json"])
    contacts[0]["status"] = 7
    return json.dumps(contacts).encode("utf-8")


def agreements_with_a_document_not_there(files: Files) -> bytes:
    agreements = json.loads(files["agreements.json"])
    first = agreements[0]
    path = f"documents/{first['id']}/signed.pdf"
    first["documents"] = [
        {"id": "d-1", "filename": "signed.pdf", "sha256": "0" * 64, "path": path, "included": True}
    ]
    return json.dumps(agreements).encode("utf-8")


NESTED = b"[" * 100_000 + b"]" * 100_000  # nested past any depth: json raised RecursionError


def contacts_with_a_surrogate_id(files: Files) -> bytes:
    """A lone surrogate, which JSON can spell and no database can store."""
    contacts = json.loads(files["contacts.json"])
    contacts[0]["id"] = "\ud800"
    return json.dumps(contacts).encode("utf-8")


def contacts_with_a_birthday_and_time(files: Files) -> bytes:
    """A birthday with a time of day, too wide for its column: SQLite would keep it, and
    PostgreSQL refused it halfway through the import."""
    contacts = json.loads(files["contacts.json"])
    contacts[0]["birthday"] = "1980-04-15T00:00:00"
    return json.dumps(contacts).encode("utf-8")


def contacts_with_a_long_owner(files: Files) -> bytes:
    """An owner's name longer than a staff member's can be (found by fuzzing)."""
    contacts = json.loads(files["contacts.json"])
    contacts[0]["owner"] = "Louise " * 40
    return json.dumps(contacts).encode("utf-8")


def _long_owner(data: dict[str, Any]) -> None:
    data["owner"] = "Louise " * 40


def _surrogate_owner(data: dict[str, Any]) -> None:
    data["owner"] = "Louise \ud800"


# Each case: how the bad package is made from a good one, its sentence, the member named.
Case = tuple[Callable[[Path, Path], Path], Text, str | None]


def _newer(data: dict[str, Any]) -> None:
    data["format_version"] = hp.FORMAT_VERSION + 1


def _other_format(data: dict[str, Any]) -> None:
    data["format"] = "somebody-elses-backup"


CASES: dict[str, Case] = {
    "not a zip": (
        lambda good, out: write(out, b"Notes, not a zip.\n"),
        hp.NOT_A_ZIP,
        None,
    ),
    "truncated": (
        lambda good, out: write(out, good.read_bytes()[: good.stat().st_size // 2]),
        hp.TRUNCATED,
        None,
    ),
    "bad crc": (
        lambda good, out: flip_a_byte(
            write_zip(out, files_of(good), method=zipfile.ZIP_STORED), "contacts.json"
        ),
        hp.DAMAGED,
        "contacts.json",
    ),
    "damaged compressed data": (
        lambda good, out: flip_a_byte(write_zip(out, files_of(good)), "interactions.json"),
        hp.DAMAGED,
        "interactions.json",
    ),
    "no manifest": (
        lambda good, out: write_zip_plain(out, {"readme.txt": b"hello"}),
        hp.NOT_A_HANDOVER,
        None,
    ),
    "another format": (
        lambda good, out: write_zip(out, files_of(good), manifest=_other_format),
        hp.NOT_A_HANDOVER,
        None,
    ),
    "newer format": (
        lambda good, out: write_zip(out, files_of(good), manifest=_newer),
        hp.NEWER_FORMAT,
        None,
    ),
    "tampered": (
        lambda good, out: write_zip(
            out,
            {
                **files_of(good),
                "contacts.json": files_of(good)["contacts.json"].replace(b"Louise", b"Lou1se"),
            },
        ),
        hp.TAMPERED,
        "contacts.json",
    ),
    "missing file": (
        lambda good, out: write_zip(
            out, {k: v for k, v in files_of(good).items() if k != "interactions.json"}
        ),
        hp.MISSING,
        "interactions.json",
    ),
    "extra file": (
        lambda good, out: write_zip(out, {**files_of(good), "notes.txt": b"unlisted"}),
        hp.EXTRA,
        "notes.txt",
    ),
    "climbing path": (
        lambda good, out: write_zip(
            out, {**files_of(good), "../evil.txt": b"outside"}, checksums=True
        ),
        hp.UNSAFE_NAME,
        "../evil.txt",
    ),
    "absolute path": (
        lambda good, out: write_zip(
            out, {**files_of(good), "/tmp/evil.txt": b"outside"}, checksums=True
        ),
        hp.UNSAFE_NAME,
        "/tmp/evil.txt",
    ),
    "not a list": (
        lambda good, out: write_zip(
            out, {**files_of(good), "contacts.json": b'{"not": "a list"}'}, checksums=True
        ),
        hp.BAD_DATA,
        "contacts.json",
    ),
    "a wrong value": (
        lambda good, out: write_zip(
            out,
            {**files_of(good), "contacts.json": contacts_with_a_bad_status(files_of(good))},
            checksums=True,
        ),
        hp.BAD_DATA,
        "contacts.json",
    ),
    "a document not there": (
        lambda good, out: write_zip(
            out,
            {
                **files_of(good),
                "agreements.json": agreements_with_a_document_not_there(files_of(good)),
            },
            checksums=True,
        ),
        hp.BAD_DATA,
        "agreements.json",
    ),
    "nested past any depth": (
        lambda good, out: write_zip(
            out, {**files_of(good), "contacts.json": NESTED}, checksums=True
        ),
        hp.BAD_DATA,
        "contacts.json",
    ),
    "a manifest nested past any depth": (
        lambda good, out: write_zip_plain(out, {**files_of(good), "manifest.json": NESTED}),
        hp.NOT_A_HANDOVER,
        None,
    ),
    "a surrogate for an id": (
        lambda good, out: write_zip(
            out,
            {**files_of(good), "contacts.json": contacts_with_a_surrogate_id(files_of(good))},
            checksums=True,
        ),
        hp.BAD_DATA,
        "contacts.json",
    ),
    "a surrogate in the owner's name": (
        lambda good, out: write_zip(out, files_of(good), manifest=_surrogate_owner),
        hp.NOT_A_HANDOVER,
        None,
    ),
    "a value wider than its column": (
        lambda good, out: write_zip(
            out,
            {
                **files_of(good),
                "contacts.json": contacts_with_a_birthday_and_time(files_of(good)),
            },
            checksums=True,
        ),
        hp.BAD_DATA,
        "contacts.json",
    ),
    "a staff name too long": (
        lambda good, out: write_zip(
            out,
            {**files_of(good), "contacts.json": contacts_with_a_long_owner(files_of(good))},
            checksums=True,
        ),
        hp.BAD_DATA,
        "contacts.json",
    ),
    "an owner's name too long": (
        lambda good, out: write_zip(out, files_of(good), manifest=_long_owner),
        hp.NOT_A_HANDOVER,
        None,
    ),
    "a reference to nothing": (
        lambda good, out: write_zip(
            out,
            {**files_of(good), "contacts.json": contacts_without_a_champion(files_of(good))},
            checksums=True,
        ),
        hp.INCOMPLETE,
        "partnerships.json",
    ),
}


def write_zip_plain(out: Path, files: Files) -> Path:
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_package_is_refused_in_its_sentence_and_changes_nothing(
    case: str, package: Path, receiving: Services, tmp_path: Path
) -> None:
    make, sentence, member = CASES[case]
    bad = make(package, tmp_path / "bad.zip")
    before = dump(receiving)
    importer = HandoverImportService(receiving.db)
    attempts = [
        lambda: importer.inspect(bad),
        lambda: importer.apply(bad, dry_run=True),
        lambda: importer.apply(bad),
    ]
    if sentence is hp.INCOMPLETE:  # the database may hold what the package lacks
        del attempts[0]
    for attempt in attempts:
        with pytest.raises(DomainError) as refused:
            attempt()
        expected = sentence.with_params(name="bad.zip", member=member or "")
        assert refused.value.render() == expected.render(), case
    assert dump(receiving) == before  # every table, the files kept in it too


def test_every_refusal_has_a_sentence_of_its_own() -> None:
    sentences = [sentence.source for _make, sentence, _member in CASES.values()]
    sentences += [hp.TWICE.source, hp.TOO_LARGE.source, hp.TOO_LARGE_TOTAL.source]
    assert len(set(sentences)) == 14
    assert all(s.context == "HandoverImport" for s in (hp.NOT_A_ZIP, hp.DAMAGED, hp.INCOMPLETE))


def test_a_zip_bomb_is_refused_before_it_is_unpacked(
    package: Path, receiving: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limits are checked against the sizes the zip declares, before any reading; here
    they are lowered so that the sample package stands in for a huge one."""
    with zipfile.ZipFile(package) as archive:
        infos = archive.infolist()
    largest = max(infos, key=lambda i: i.file_size)
    monkeypatch.setattr(hp, "MEMBER_LIMIT", largest.file_size - 1)
    monkeypatch.setattr(hp.zipfile.ZipFile, "open", _never_opened)
    importer = HandoverImportService(receiving.db)
    with pytest.raises(DomainError) as refused:
        importer.apply(package)
    assert refused.value.text.source == hp.TOO_LARGE.source
    assert refused.value.text.params["member"] == largest.filename

    monkeypatch.setattr(hp, "MEMBER_LIMIT", largest.file_size)
    monkeypatch.setattr(hp, "TOTAL_LIMIT", sum(i.file_size for i in infos) - 1)
    with pytest.raises(DomainError) as refused:
        importer.apply(package)
    assert refused.value.text.source == hp.TOO_LARGE_TOTAL.source


def _never_opened(*_args: Any, **_kwargs: Any) -> Any:
    raise AssertionError("a member was unpacked before the sizes were checked")


def test_a_member_twice_is_refused(package: Path, receiving: Services, tmp_path: Path) -> None:
    bad = tmp_path / "twice.zip"
    bad.write_bytes(package.read_bytes())
    with pytest.warns(UserWarning), zipfile.ZipFile(bad, "a") as archive:
        archive.writestr("contacts.json", b"[]")
    with pytest.raises(DomainError) as refused:
        HandoverImportService(receiving.db).inspect(bad)
    assert refused.value.text.source == hp.TWICE.source


def test_a_missing_package_is_one_sentence(receiving: Services, tmp_path: Path) -> None:
    with pytest.raises(DomainError) as refused:
        HandoverImportService(receiving.db).inspect(tmp_path / "nowhere.zip")
    assert refused.value.render() == "There is no file “nowhere.zip” to import."


# The command ---------------------------------------------------------------------------------


@pytest.fixture
def database(receiving: Services) -> str:
    assert receiving.db.path is not None
    return str(receiving.db.path)


def test_the_command_says_what_came_in(
    package: Path, database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    counted = json.loads(files_of(package)["manifest.json"])["counts"]
    args = ["handover", "import", str(package), "--database", database]
    assert main([*args, "--dry-run"]) == 0
    dry = capsys.readouterr().out.splitlines()
    assert dry[0].startswith("Dry run, nothing changed: the handover of Louise Dahl Nielsen")
    assert main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Handover of Louise Dahl Nielsen imported: ")
    assert lines[0].endswith("; Louise Dahl Nielsen holds their partnerships and contacts.")
    contacts = counted["contacts.json"]
    assert f"Contacts: {contacts} added, 0 updated, 0 unchanged" in lines
    assert lines[1:] == dry[1:]  # the dry run told the same
    assert main(args) == 0
    assert f"Contacts: 0 added, 0 updated, {contacts} unchanged" in capsys.readouterr().out


def test_the_command_reports_as_json_and_lists_conflicts(
    demo_services: Services,
    package: Path,
    receiving: Services,
    database: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["handover", "import", "--database", database, "--json"]
    assert main([*args, str(package)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report.keys() >= {"owner", "successor", "dry_run", "created", "updated", "unchanged"}
    assert report["conflicts"] == [] and report["dry_run"] is False
    assert report["created"]["partnerships"] == 4

    he_jun = "2eae6114-8d8e-4a0f-a421-06a50ab85b08"
    for services, notes in ((receiving, "Here."), (demo_services, "There, later.")):
        record = services.contacts.get(he_jun)
        draft = record.draft
        draft.notes = notes
        services.contacts.update(he_jun, draft, expected_version=record.version)
    newer = tmp_path / "newer.zip"
    HandoverService(demo_services.db).export(LOUISE, newer, today=TODAY)
    assert main([*args, str(newer)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["conflicts"] == [
        {"kind": "contacts", "id": he_jun, "label": "He Jun (何俊)", "kept": "theirs"}
    ]
    assert main([args[0], args[1], args[2], args[3], str(newer)]) == 0
    assert "Conflict in Contacts: He Jun (何俊)" not in capsys.readouterr().out  # now the same


def test_the_command_refuses_in_one_sentence(
    package: Path, database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "cut.zip"
    bad.write_bytes(package.read_bytes()[:1000])
    assert main(["handover", "import", str(bad), "--database", database]) == 1
    error = capsys.readouterr().err
    assert error.strip() == hp.TRUNCATED.with_params(name="cut.zip").render()
    assert "\n" not in error.strip()
    args = ["handover", "import", str(package), "--successor", "Nobody", "--database", database]
    assert main(args) == 1
    assert capsys.readouterr().err.strip() == "There is no staff member called “Nobody”."


def test_wrong_usage_is_exit_code_2(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["handover", "import"], ["handover", "import", "x.zip", "--colour"]):
        with pytest.raises(SystemExit) as stopped:
            main([*args, "--database", database])
        assert stopped.value.code == 2
    capsys.readouterr()


def test_end_to_end_as_a_script_runs_it(
    package: Path, database: str, tmp_path: Path, run_crm: RunCrm
) -> None:
    home, db = tmp_path / "home", Path(database)
    result = run_crm("handover", "import", str(package), "--json", database=db, home=home)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["successor"] == LOUISE
    result = run_crm("handover", "import", str(tmp_path / "nowhere.zip"), database=db, home=home)
    assert result.returncode == 1
    assert result.stderr.strip() == "There is no file “nowhere.zip” to import."
    again = ("handover", "import", "--lang", "zh_CN", str(package), "--successor", LOUISE)
    result = run_crm(*again, database=db, home=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_a_nul_in_a_text_is_left_out_rather_than_refusing_the_package(
    package: Path, receiving: Services, tmp_path: Path
) -> None:
    """PostgreSQL stores no NUL in text, and a note imported long ago may hold one: the note
    comes without it, and the rest of the handover with it."""
    files = files_of(package)
    contacts = json.loads(files["contacts.json"])
    contacts[0]["notes"] = "before\u0000after"
    files["contacts.json"] = json.dumps(contacts).encode("utf-8")
    report = HandoverImportService(receiving.db).apply(
        write_zip(tmp_path / "nul.zip", files, checksums=True)
    )
    assert report.created["contacts"] == len(contacts)
    assert receiving.contacts.get(contacts[0]["id"]).draft.notes == "beforeafter"


def test_an_itinerary_entry_under_another_delegation_gets_an_id_of_its_own(
    package: Path, receiving: Services, tmp_path: Path
) -> None:
    """The same itinerary entry under a delegation with a new id (a package put together by
    hand) broke the import on the entry's id, which says nothing of the entry: it is no
    reason to refuse anything (found by fuzzing)."""
    importer = HandoverImportService(receiving.db)
    importer.apply(package)
    files = files_of(package)
    delegations = json.loads(files["delegations.json"])
    first = next(d for d in delegations if d["itinerary"])
    copy = {**first, "id": "a copy of " + first["id"][:20]}
    files["delegations.json"] = json.dumps([*delegations, copy]).encode("utf-8")
    report = importer.apply(write_zip(tmp_path / "copy.zip", files, checksums=True))
    assert report.created["delegations"] == 1
    days = {
        d["id"]: [i["description"] for i in d["itinerary"]]
        for d in receiving.history_exchange.delegations()
    }
    assert days[copy["id"]] == days[first["id"]] == [i["description"] for i in first["itinerary"]]
