"""Read contacts from vCard (2.1, 3.0, 4.0), CSV and XLSX into plain records.

A record is the fields of one card or row (keys from `columns.FIELDS`, list fields as lists)
and the line it starts on, so that every problem can be reported where the user can find it.
Reading never writes anything; a file that is not what it claims gives one clear sentence.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import itertools
import re
import uuid
import zipfile
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crm.domain.text import QT_TRANSLATE_NOOP, DomainError, Text
from crm.services.exchange.columns import LIST_FIELDS, fields_for

NOT_READABLE = QT_TRANSLATE_NOOP("Import", "“{name}” cannot be read as {kind}: {reason}")
UNKNOWN_KIND = QT_TRANSLATE_NOOP(
    "Import",
    "“{name}” is not a file Liaison can import: use a vCard (.vcf), CSV or Excel (.xlsx) file.",
)
NO_COLUMNS = QT_TRANSLATE_NOOP(
    "Import",
    "“{name}” has no column Liaison recognises: the first row should name the columns, "
    "e.g. family_name, given_name, name_zh, emails.",
)
TOO_LARGE = QT_TRANSLATE_NOOP("Import", "“{name}” is too large to import (over {limit} MB).")

MAX_BYTES = 200 * 1024 * 1024
# How many rows above the column names a sheet may have (a title, a date, an empty row).
HEADER_SEARCH_ROWS = 10

# Rows of a sheet, each with the line it starts on.
Rows = Generator[tuple[int, list[Any]], None, None]


@dataclass
class RawRecord:
    line: int
    values: dict[str, Any] = field(default_factory=dict)

    def add(self, key: str, value: Any) -> None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return
        if isinstance(value, str):
            value = value.replace("\r\n", "\n").replace("\r", "\n")  # Windows line ends in notes
        if key in LIST_FIELDS:
            self.values.setdefault(key, []).extend(_split_list(key, value))
        elif key not in self.values:
            self.values[key] = value.strip() if isinstance(value, str) else value


def _split_list(key: str, value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    text = str(value)
    # Google writes several values in one cell as "a ::: b"; lists of ours use ";". People
    # typing into a spreadsheet cell also use "；" and "、", and "," between e-mail addresses.
    separators = r"\s*:::\s*|;|；|、|\n"
    if key in ("tags", "emails"):
        separators += r"|,|，"
    parts = re.split(separators, text)
    return [p.strip() for p in parts if p.strip() and not p.strip().startswith("* ")]


def detect_kind(path: Path, head: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in (".vcf", ".vcard") or head.lstrip(b"\xef\xbb\xbf \r\n\t").upper().startswith(
        b"BEGIN:VCARD"
    ):
        return "vcard"
    if suffix == ".xlsx" or head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if suffix in (".csv", ".txt", ".tsv"):
        return "csv"
    raise DomainError(UNKNOWN_KIND.with_params(name=path.name))


def file_head(path: Path) -> bytes:
    """The first bytes of a file, enough to tell its kind; a file too large to import is refused."""
    if path.stat().st_size > MAX_BYTES:
        raise DomainError(TOO_LARGE.with_params(name=path.name, limit=MAX_BYTES // (1024 * 1024)))
    with path.open("rb") as handle:
        return handle.read(4096)


def read_records(path: Path) -> Iterator[RawRecord]:
    head = file_head(path)
    if not head.strip(b"\xef\xbb\xbf\xff\xfe\x00 \r\n\t"):
        return  # an empty file holds no contacts (the importer says so)
    kind = detect_kind(path, head)
    if kind == "vcard":
        yield from read_vcards(path)
    elif kind == "xlsx":
        yield from read_xlsx(path)
    else:
        yield from read_csv(path)


def read_text(path: Path) -> str:
    """The text of a file, decoded as `_decode` explains."""
    return _decode(path, path.read_bytes())


def _decode(path: Path, data: bytes) -> str:
    """The text of a file as the program that wrote it meant it.

    UTF-8 (with or without BOM) first; Excel's "Unicode text" is UTF-16 with a BOM; a Chinese
    Windows saves CSV in GB18030/GBK and a Western one in Windows-1252. Almost any bytes decode
    as GB18030, so Western text (ü, é, ø next to ASCII letters) would turn into rare Han
    characters: GB18030 is taken only when its characters are the common ones of GB2312.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in data:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
        chinese: str | None = None
        with contextlib.suppress(UnicodeDecodeError):
            chinese = data.decode("gb18030")
        if chinese is not None and _mostly_gb2312(chinese):
            return chinese
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            if chinese is not None:
                return chinese
    raise DomainError(
        NOT_READABLE.with_params(name=path.name, kind="text", reason="unknown character encoding")
    )


def _mostly_gb2312(text: str) -> bool:
    wide = [c for c in text if ord(c) > 0x7F]
    common = 0
    for char in wide:
        try:
            char.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common * 2 >= len(wide)


# vCard ---------------------------------------------------------------------------------------
_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE | re.MULTILINE)


def read_vcards(path: Path) -> Iterator[RawRecord]:
    import vobject

    text = read_text(path)
    starts = [text.count("\n", 0, m.start()) + 1 for m in _BEGIN.finditer(text)]
    if not starts:
        raise DomainError(
            NOT_READABLE.with_params(name=path.name, kind="vCard", reason="no BEGIN:VCARD")
        )
    # Each card is parsed on its own, so one broken card costs only itself.
    chunks = _BEGIN.split(text)[1:]
    for line, chunk in zip(starts, chunks, strict=False):
        record = RawRecord(line)
        try:
            # allowQP: vCard 2.1 (phones) breaks long quoted-printable values with a "=" at
            # the end of the line.
            cards = vobject.readComponents(
                "BEGIN:VCARD" + chunk, ignoreUnreadable=True, allowQP=True
            )
            card = next(iter(cards))
            _card_values(card, record)
        except Exception as error:  # vobject raises many kinds for a malformed card
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            # vobject counts lines from the card's start; the report gives the card's line.
            record.values = {"_error": re.sub(r"^At line \d+:\s*", "", reason)}
        yield record


def _card_values(card: Any, record: RawRecord) -> None:
    contents = card.contents

    def values(name: str) -> list[Any]:
        return [line.value for line in contents.get(name, [])]

    for n in values("n")[:1]:
        record.add("family_name", _join(n.family))
        record.add("given_name", _join(n.given))
        record.add("middle_name", _join(n.additional))
        record.add("honorific", _join(n.prefix))
    for name in values("fn")[:1]:
        record.add("name", name)
    for x_name in ("x-name-zh", "x-liaison-name-zh", "x-phonetic-name"):
        for value in values(x_name)[:1]:
            if x_name != "x-phonetic-name":
                record.add("name_zh", value)
    for uid in values("uid")[:1]:
        record.add("id", str(uid))
    for org in values("org")[:1]:
        record.add("organisation", _join(org[:1] if isinstance(org, list) else org))
    for title in values("title")[:1]:
        record.add("position", title)
    for value in values("x-liaison-position-zh")[:1]:
        record.add("position_zh", value)
    for value in values("email"):
        record.add("emails", [str(value)])
    for value in values("tel"):
        record.add("phones", [re.sub(r"^tel:", "", str(value), flags=re.IGNORECASE)])
    for value in values("categories"):
        record.add("tags", value if isinstance(value, list) else [value])
    for value in values("note")[:1]:
        record.add("notes", value)
    for value in values("lang")[:1]:
        record.add("language", value)
    for line in contents.get("bday", [])[:1]:
        value = line.value
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
        # Apple Contacts writes a birthday without a year as
        # BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15.
        omitted = line.params.get("X-APPLE-OMIT-YEAR", [])
        if omitted and text.startswith(str(omitted[0])):
            text = "--" + text[len(str(omitted[0])) :].lstrip("-")
        record.add("birthday", text)
    for name, key in (
        ("x-wechat", "wechat"),
        ("x-liaison-wechat", "wechat"),
        ("x-liaison-birthday-calendar", "birthday_calendar"),
        ("x-liaison-birthday-leap-month", "birthday_leap_month"),
        ("x-liaison-status", "status"),
        ("x-liaison-owner", "owner"),
    ):
        for value in values(name)[:1]:
            record.add(key, value)
    for line in contents.get("impp", []):
        if str(line.value).lower().startswith(("weixin:", "wechat:")):
            record.add("wechat", str(line.value).split(":", 1)[1])


def _join(value: Any) -> str:
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value if v)
    return str(value or "")


# Spreadsheets --------------------------------------------------------------------------------
def records_from_rows(
    path: Path,
    rows: Rows,
    *,
    fields_of_header: Callable[[list[Any]], list[str | None]],
    no_columns: Text,
) -> Iterator[RawRecord]:
    """The rows after the header as records keyed by `fields_of_header(header row)`.

    Office sheets often have a title (and a blank row) above the column names: the header is
    the first of the top rows that names a known column. Cells are text as written (a date
    cell as ISO). The rows are closed when done, so that Windows lets go of the workbook.
    """
    with contextlib.closing(rows):
        fields: list[str | None] = []
        for _line, header in itertools.islice(rows, HEADER_SEARCH_ROWS):
            fields = fields_of_header(header)
            if any(fields):
                break
        if not any(fields):
            raise DomainError(no_columns.with_params(name=path.name))
        for line, cells in rows:
            if not any(c is not None and str(c).strip() for c in cells):
                continue
            record = RawRecord(line)
            for key, cell in zip(fields, cells, strict=False):
                if key:
                    record.add(key, _cell_text(cell))
            yield record


def _cell_text(cell: Any) -> Any:
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return cell if cell is None else str(cell)


def _delimiter(text: str) -> str:
    """ "," — or ";" where the decimal comma is (Excel in much of Europe), or a tab (Excel's
    "Unicode text"): whichever separates the columns of the first non-empty line."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in ",;\t"}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def csv_rows(path: Path) -> Rows:
    """The rows of a CSV file in whatever encoding and delimiter it was written with."""
    text = read_text(path)
    # Every program that writes CSV quotes as Excel does ("" inside quotes); only the
    # delimiter differs. csv.Sniffer guesses the quoting too, and gets it wrong on long notes.
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=_delimiter(text))
    try:
        start = 1
        for cells in reader:
            # A row with line breaks inside quotes ends on a later line than it starts.
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as error:
        raise DomainError(
            NOT_READABLE.with_params(name=path.name, kind="CSV", reason=str(error))
        ) from error


def xlsx_rows(path: Path) -> Rows:
    """The rows of the first sheet of an Excel workbook, cells as Excel keeps them."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise DomainError(
            NOT_READABLE.with_params(
                name=path.name, kind="Excel", reason=str(error) or type(error).__name__
            )
        ) from error
    try:
        for i, row in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
            yield i, list(row)
    finally:
        workbook.close()


def _contact_fields(header: list[Any]) -> list[str | None]:
    return fields_for([str(h) if h is not None else "" for h in header])


def read_csv(path: Path) -> Iterator[RawRecord]:
    yield from records_from_rows(
        path, csv_rows(path), fields_of_header=_contact_fields, no_columns=NO_COLUMNS
    )


def read_xlsx(path: Path) -> Iterator[RawRecord]:
    yield from records_from_rows(
        path, xlsx_rows(path), fields_of_header=_contact_fields, no_columns=NO_COLUMNS
    )


def is_uuid(value: str) -> str | None:
    """The UUID in "2e48…", "urn:uuid:2e48…" or None."""
    text = value.strip().lower().removeprefix("urn:uuid:")
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None
