"""The column-mapping step and the rejected-rows file of `crm import`.

A sheet's headers are matched to fields; the preview shows which ones Liaison does not know, a
person's mapping says what they hold (or leaves them out), and what could not be imported is
written back as a file of its own kind, to be fixed and imported again.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

import crm.services.importing as importing
from crm.domain.text import DomainError
from crm.services.exchange.columns import FIELDS, is_known

DATA = Path(__file__).resolve().parent / "data" / "import"

GERMAN_HEADER = [
    "Nachname",
    "Vorname",
    "E-Mail-Adresse",
    "单位",
    "Handy",
    "Lieblingsfarbe",
    "Notizen",
]
GERMAN_ROWS = [
    ["Meier", "Anna", "anna.meier@koeln.example", "Stadt Köln", "+49 171 5550101", "blau", ""],
    ["Schulz", "Bernd", "bernd.schulz(at)bonn.example", "Stadt Bonn", "", "rot", "Rhein"],
    ["Wagner", "Clara", "clara.wagner@essen.example", "Stadt Essen", "", "", "Kennt Ningbo"],
    ["Roth", "Dieter", "dieter.roth@kiel.example", "Stadt Kiel", "", "grün", ""],
]


def write_csv(path: Path, rows: list[list[str]], *, delimiter: str = ";") -> Path:
    """As Excel on a German Windows saves "CSV (Trennzeichen-getrennt)", but in UTF-8."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


@pytest.fixture
def german(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "kontakte.csv", [GERMAN_HEADER, *GERMAN_ROWS])


def people(services) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    found = services.contacts.as_dicts(services.contacts.search("", include_archived=True))
    return {p["family_name"] or p["name_zh"]: p for p in found}


def errors(report) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    return [(p.line, p.message.render()) for p in report.errors]


def read_csv(path: Path) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


# The preview -----------------------------------------------------------------------------
def test_the_preview_shows_each_column_and_marks_the_unknown(services, german) -> None:  # type: ignore[no-untyped-def]
    preview = services.importer.preview(german)
    assert preview.kind == "csv"
    assert preview.line == 1
    assert [(c.header, c.field, c.known) for c in preview.columns] == [
        ("Nachname", "family_name", True),
        ("Vorname", "given_name", True),
        ("E-Mail-Adresse", "emails", True),
        ("单位", "organisation", True),
        ("Handy", "phones", True),
        ("Lieblingsfarbe", None, False),
        ("Notizen", "notes", True),
    ]
    assert preview.unknown == ["Lieblingsfarbe"]
    assert preview.needs_mapping
    colours = next(c for c in preview.columns if c.header == "Lieblingsfarbe")
    assert colours.samples == ("blau", "rot", "grün")  # the empty cell is no example
    assert preview.rows[0][0] == "Meier"
    assert len(preview.rows) == 4
    assert services.contacts.count() == 0


def test_a_vcard_has_nothing_to_map(services) -> None:  # type: ignore[no-untyped-def]
    preview = services.importer.preview(DATA / "apple_contacts.vcf")
    assert (preview.kind, preview.columns, preview.needs_mapping) == ("vcard", (), False)


@pytest.mark.parametrize(
    "name",
    [
        "outlook_contacts.csv",
        "google_contacts.csv",
        "chinese_excel.csv",
        "chinese_office.xlsx",
        "excel_western.csv",
        "excel_unicode.txt",
        "bad_rows.csv",
    ],
)
def test_what_address_books_write_needs_no_mapping(services, name) -> None:  # type: ignore[no-untyped-def]
    # Their addresses, fax numbers and labels are columns Liaison knowingly leaves out.
    preview = services.importer.preview(DATA / name)
    assert preview.unknown == []
    assert not preview.needs_mapping


def test_an_office_sheet_s_header_is_found_under_its_title(services) -> None:  # type: ignore[no-untyped-def]
    preview = services.importer.preview(DATA / "chinese_office.xlsx")
    assert preview.kind == "xlsx"
    assert preview.line == 2
    assert [c.header for c in preview.columns][:3] == ["序号", "姓名", "单位"]
    numbers = preview.columns[0]
    assert (numbers.field, numbers.known) == (None, True)
    assert preview.columns[1].samples[0] == "周建华"


def test_a_sheet_of_unknown_columns_can_be_mapped_and_imported(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(
        tmp_path / "contactos.csv",
        [
            ["Agenda de la oficina"],
            [],
            ["Apellido", "Nombre", "Correo"],
            ["García", "Lucía", "lucia.garcia@sevilla.example"],
        ],
        delimiter=",",
    )
    with pytest.raises(DomainError, match="no column Liaison recognises"):
        services.importer.import_file(path)

    preview = services.importer.preview(path)
    assert preview.line == 3  # the fullest of the top rows, not the title above it
    assert preview.unknown == ["Apellido", "Nombre", "Correo"]
    mapping = {"Apellido": "family_name", "Nombre": "given_name", "Correo": "emails"}
    report, _changes = services.importer.import_file(path, mapping=mapping)
    assert (report.created, errors(report)) == (1, [])
    lucia = people(services)["García"]
    assert (lucia["given_name"], lucia["emails"]) == ("Lucía", ["lucia.garcia@sevilla.example"])


def test_an_empty_file_has_no_preview(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError, match="holds no contacts"):
        services.importer.preview(DATA / "empty.csv")


# The mapping -----------------------------------------------------------------------------
def test_without_a_mapping_an_unknown_column_is_left_out(services, german) -> None:  # type: ignore[no-untyped-def]
    report, _changes = services.importer.import_file(german)
    assert (report.created, report.updated, report.skipped) == (3, 0, 0)
    meier = people(services)["Meier"]
    assert meier["emails"] == ["anna.meier@koeln.example"]
    assert meier["phones"] == ["+49 171 5550101"]
    assert meier["organisation"] == "Stadt Köln"
    assert meier["notes"] == ""


def test_a_column_mapped_into_the_notes_keeps_its_header(services, german) -> None:  # type: ignore[no-untyped-def]
    report, _changes = services.importer.import_file(german, mapping={"Lieblingsfarbe": "notes"})
    assert report.created == 3
    found = people(services)
    assert found["Meier"]["notes"] == "Lieblingsfarbe: blau"
    # The notes column comes first, whatever the order of the columns.
    assert found["Wagner"]["notes"] == "Kennt Ningbo"
    assert found["Roth"]["notes"] == "Lieblingsfarbe: grün"


def test_a_mapping_can_leave_a_known_column_out_or_move_it(services, german) -> None:  # type: ignore[no-untyped-def]
    # Headers are matched as the automatic mapping matches them: "handy" is "Handy".
    mapping = {"handy": None, "单位": "notes", "Lieblingsfarbe": "tags"}
    report, _changes = services.importer.import_file(german, mapping=mapping)
    assert report.created == 3
    meier = people(services)["Meier"]
    assert meier["phones"] == []
    assert meier["organisation"] == ""
    assert meier["notes"] == "单位: Stadt Köln"
    assert meier["tags"] == ["blau"]


def test_a_mapping_to_a_field_that_does_not_exist_is_refused(services, german) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError) as raised:
        services.importer.import_file(german, mapping={"Lieblingsfarbe": "colour"})
    assert raised.value.render() == "“colour” is not a field Liaison can import into."
    assert services.contacts.count() == 0


def test_a_dry_run_with_a_mapping_writes_nothing(services, german) -> None:  # type: ignore[no-untyped-def]
    report, changes = services.importer.import_file(
        german, dry_run=True, mapping={"Lieblingsfarbe": "notes"}
    )
    assert (report.created, report.updated, report.skipped, report.dry_run) == (3, 0, 0, True)
    assert [line for line, _ in errors(report)] == [3]
    assert changes.contacts == frozenset()
    assert services.contacts.count() == 0


def test_every_field_can_be_chosen_with_a_label() -> None:
    assert {name for name, _label in importing.MAPPABLE_FIELDS} == set(FIELDS)
    labels = [label for _name, label in importing.MAPPABLE_FIELDS]
    assert all(label.context == "Import" for label in labels)
    assert len({label.source for label in labels}) == len(labels)


def test_the_error_column_of_a_rejected_rows_file_is_known() -> None:
    assert is_known("error") and is_known("Error") and is_known("错误")
    assert not is_known("Lieblingsfarbe")


# The rejected rows -----------------------------------------------------------------------
def test_rejected_rows_are_written_to_fix_and_import_again(services, german, tmp_path) -> None:  # type: ignore[no-untyped-def]
    mapping = {"Lieblingsfarbe": "notes"}
    report, _changes = services.importer.import_file(german, mapping=mapping)
    assert errors(report) == [(3, "“bernd.schulz(at)bonn.example” is not an e-mail address.")]
    assert report.rejected_suffix == ".csv"

    rejected = tmp_path / "kontakte (rejected).csv"
    assert report.write_rejected(rejected) == 1
    assert rejected.read_bytes().startswith(b"\xef\xbb\xbf")  # so that Excel shows 单位
    rows = read_csv(rejected)  # the file's own ";" kept
    assert rows == [
        [*GERMAN_HEADER, "error"],
        [*GERMAN_ROWS[1], "“bernd.schulz(at)bonn.example” is not an e-mail address."],
    ]

    # The user corrects the address and imports the file again: the error column is left out.
    rows[1][2] = "bernd.schulz@bonn.example"
    write_csv(rejected, rows)
    preview = services.importer.preview(rejected)
    assert preview.unknown == ["Lieblingsfarbe"]
    again, _changes = services.importer.import_file(rejected, mapping=mapping)
    assert (again.created, again.updated, again.skipped, errors(again)) == (1, 0, 0, [])
    assert again.rejected == []
    schulz = people(services)["Schulz"]
    assert schulz["emails"] == ["bernd.schulz@bonn.example"]
    assert schulz["notes"] == "Rhein\nLieblingsfarbe: rot"
    assert services.contacts.count() == 4


def test_a_rejected_rows_file_rejected_again_keeps_one_error_column(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    first = write_csv(
        tmp_path / "first.csv",
        [["Last Name", "First Name", "Birthday"], ["Berg", "Torstein", "31/02/1979"]],
        delimiter=",",
    )
    report, _changes = services.importer.import_file(first)
    second = tmp_path / "second.csv"
    report.write_rejected(second)
    # Corrected wrongly: a birthday still impossible.
    rows = list(csv.reader(io.StringIO(second.read_bytes().decode("utf-8-sig"), newline="")))
    rows[1][2] = "30/02/1979"
    write_csv(second, rows, delimiter=",")
    again, _changes = services.importer.import_file(second)
    third = tmp_path / "third.csv"
    again.write_rejected(third)
    text = third.read_bytes().decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text, newline=""))) == [
        ["Last Name", "First Name", "Birthday", "error"],
        ["Berg", "Torstein", "30/02/1979", "30/02/1979 does not exist in the calendar."],
    ]


def test_a_row_with_a_line_break_is_written_whole(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    report, _changes = services.importer.import_file(DATA / "bad_rows.csv")
    path = tmp_path / "rejected.csv"
    assert report.write_rejected(path) == 2
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == [
        "Last Name",
        "First Name",
        "Company",
        "E-mail Address",
        "Birthday",
        "Notes",
        "error",
    ]
    assert rows[2][5] == "Address copied from\r\na business card"  # as the file had it
    assert [r[0] for r in rows[1:]] == ["Berg", "Smit"]


def test_rejected_rows_of_an_excel_sheet_are_an_excel_sheet(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["外事办公室联系人"])
    sheet.append(["姓名", "单位", "手机", "生日", "Lieblingsfarbe"])
    sheet.append(["周建华", "宁波市外办", 13805741234, "1975/3/8", "蓝"])
    sheet.append(["李明", "=合肥市外办", 13956012345, "1980/2/30", "红"])
    sheet["B4"].data_type = "s"  # typed with a leading "=" as text, not a formula
    source = tmp_path / "名单.xlsx"
    workbook.save(source)

    report, _changes = services.importer.import_file(source)
    assert errors(report) == [(4, "1980/2/30 does not exist in the calendar.")]
    assert report.rejected_suffix == ".xlsx"
    rejected = tmp_path / "名单 (rejected).xlsx"
    assert report.write_rejected(rejected) == 1

    cells = [list(r) for r in load_workbook(rejected).worksheets[0].iter_rows(values_only=True)]
    assert cells == [
        ["姓名", "单位", "手机", "生日", "Lieblingsfarbe", "error"],
        # Text cells: the number as typed, and "=…" not a formula.
        [
            "李明",
            "=合肥市外办",
            "13956012345",
            "1980/2/30",
            "红",
            "1980/2/30 does not exist in the calendar.",
        ],
    ]

    fixed = load_workbook(rejected)
    fixed.worksheets[0]["D2"] = "1980/2/29"
    fixed.save(rejected)
    again, _changes = services.importer.import_file(rejected)
    assert (again.created, errors(again)) == (1, [])
    li = people(services)["李明"]
    assert (li["birthday"], li["phones"], li["notes"]) == ("1980-02-29", ["13956012345"], "")


def test_rejected_rows_leave_out_the_empty_cells_at_their_ends(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A blank cell far to the right (a space typed in column 10,000) made every rejected row
    and the header that wide, 10,000 bold cells written one by one (found by fuzzing)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["family_name", "emails"])
    sheet.append(["Wang", "not an address"])
    sheet.cell(row=2, column=10_000, value=" ")
    source = tmp_path / "wide.xlsx"
    workbook.save(source)
    report, _changes = services.importer.import_file(source)
    rejected = tmp_path / "wide (rejected).xlsx"
    assert report.write_rejected(rejected) == 1
    cells = [list(r) for r in load_workbook(rejected).worksheets[0].iter_rows(values_only=True)]
    assert cells == [
        ["family_name", "emails", "error"],
        ["Wang", "not an address", "“not an address” is not an e-mail address."],
    ]


def test_rejected_rows_that_fill_every_column_are_refused_in_one_sentence(
    services, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """Data in Excel's last column leaves no column for the reason: openpyxl raised
    ValueError on the one after it (found by fuzzing)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["family_name", "emails"])
    sheet.append(["Wang", "not an address"])
    sheet.cell(row=2, column=16_384, value="the last column")
    source = tmp_path / "full.xlsx"
    workbook.save(source)
    report, _changes = services.importer.import_file(source)
    rejected = tmp_path / "full (rejected).xlsx"
    with pytest.raises(DomainError) as refused:
        report.write_rejected(rejected)
    assert refused.value.text.source == importing.NO_COLUMN_LEFT.source
    assert not rejected.exists()


def test_rejected_cards_are_written_as_they_were(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = DATA / "broken_cards.vcf"
    report, _changes = services.importer.import_file(source)
    assert [line for line, _ in errors(report)] == [13, 20]
    assert report.rejected_suffix == ".vcf"
    rejected = tmp_path / "broken_cards (rejected).vcf"
    assert report.write_rejected(rejected) == 2

    lines = source.read_bytes().decode().splitlines(keepends=True)
    assert rejected.read_bytes().decode() == "".join(lines[12:24])  # lines 13–24, verbatim

    text = rejected.read_text(encoding="utf-8")
    text = text.replace("BDAY:1981-02-30", "BDAY:1981-02-28")
    text = text.replace(
        "EMAIL;type=INTERNET:ida.vester@example.com\n",
        "EMAIL;type=INTERNET:ida.vester@example.com\nEND:VCARD\n",
    )
    rejected.write_text(text, encoding="utf-8")
    again, _changes = services.importer.import_file(rejected)
    assert (again.created, again.updated, again.skipped, errors(again)) == (2, 0, 0, [])
    assert set(people(services)) == {"Lund", "Dahl", "Krog", "Vester", "Bruun"}
    assert people(services)["Krog"]["birthday"] == "1981-02-28"


def test_a_dry_run_s_rejected_rows_can_be_written_too(services, german, tmp_path) -> None:  # type: ignore[no-untyped-def]
    report, _changes = services.importer.import_file(german, dry_run=True)
    path = tmp_path / "rejected.csv"
    assert report.write_rejected(path) == 1
    assert services.contacts.count() == 0


def test_nothing_rejected_writes_nothing(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    report, _changes = services.importer.import_file(DATA / "thunderbird_40.vcf")
    path = tmp_path / "rejected.vcf"
    assert report.write_rejected(path) == 0
    assert not path.exists()


def test_a_failed_write_leaves_the_last_file_as_it_was(
    services, german, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    report, _changes = services.importer.import_file(german, dry_run=True)
    path = tmp_path / "rejected.csv"
    path.write_text("the last one\n", encoding="utf-8")

    def full_disk(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(importing.csv, "writer", full_disk)
    with pytest.raises(OSError):
        report.write_rejected(path)
    assert path.read_text(encoding="utf-8") == "the last one\n"
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".rejected.csv")]


def test_a_tab_separated_file_gives_a_tab_separated_text_file(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(
        tmp_path / "liste.txt",
        [["姓名", "邮箱", "生日"], ["王伟", "wangwei(at)example.com"]],  # a row cut short
        delimiter="\t",
    )
    report, _changes = services.importer.import_file(path)
    assert report.rejected_suffix == ".txt"
    rejected = tmp_path / "rejected.txt"
    report.write_rejected(rejected)
    assert rejected.read_bytes().decode("utf-8-sig").splitlines() == [
        "姓名\t邮箱\t生日\terror",
        "王伟\twangwei(at)example.com\t\t“wangwei(at)example.com” is not an e-mail address.",
    ]
