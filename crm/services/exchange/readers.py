"""Read contacts from vCard (2.1, 3.0, 4.0), CSV and XLSX into plain records.

A record is the fields of one card or row (keys from `columns.FIELDS`, list fields as lists)
and the line it starts on, so that every problem can be reported where the user can find it.
Reading never writes anything; a file that is not what it claims gives one clear sentence.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crm.domain.text import QT_TRANSLATE_NOOP, DomainError
from crm.services.exchange.columns import LIST_FIELDS, field_for

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
ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass
class RawRecord:
    line: int
    values: dict[str, Any] = field(default_factory=dict)

    def add(self, key: str, value: Any) -> None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return
        if key in LIST_FIELDS:
            self.values.setdefault(key, []).extend(_split_list(key, value))
        elif key not in self.values:
            self.values[key] = value.strip() if isinstance(value, str) else value


def _split_list(key: str, value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    text = str(value)
    # Google writes several values in one cell as "a ::: b"; lists of ours use ";".
    parts = re.split(r"\s*:::\s*|;|\n" + (r"|,|，|、" if key == "tags" else ""), text)
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


def read_records(path: Path) -> Iterator[RawRecord]:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise DomainError(TOO_LARGE.with_params(name=path.name, limit=MAX_BYTES // (1024 * 1024)))
    with path.open("rb") as handle:
        head = handle.read(4096)
    kind = detect_kind(path, head)
    if kind == "vcard":
        yield from read_vcards(path)
    elif kind == "xlsx":
        yield from read_xlsx(path)
    else:
        yield from read_csv(path)


def _decode(path: Path, data: bytes) -> str:
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DomainError(
        NOT_READABLE.with_params(name=path.name, kind="text", reason="unknown character encoding")
    )


# vCard ---------------------------------------------------------------------------------------
_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE | re.MULTILINE)


def read_vcards(path: Path) -> Iterator[RawRecord]:
    import vobject

    text = _decode(path, path.read_bytes())
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
            card = next(iter(vobject.readComponents("BEGIN:VCARD" + chunk, ignoreUnreadable=True)))
            _card_values(card, record)
        except Exception as error:  # vobject raises many kinds for a malformed card
            record.values = {
                "_error": str(error).splitlines()[0] if str(error) else type(error).__name__
            }
        yield record


def _card_values(card: Any, record: RawRecord) -> None:
    contents = card.contents

    def values(name: str) -> list[Any]:
        return [line.value for line in contents.get(name, [])]

    for n in values("n")[:1]:
        record.add("family_name", _join(n.family))
        record.add("given_name", _join(n.given))
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
    for value in values("bday")[:1]:
        record.add("birthday", value.isoformat() if isinstance(value, dt.date) else str(value))
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
def _records_from_rows(path: Path, rows: Iterator[tuple[int, list[Any]]]) -> Iterator[RawRecord]:
    header_line, header = next(rows, (0, []))
    fields = [field_for(str(h)) if h is not None else None for h in header]
    if not any(fields):
        raise DomainError(NO_COLUMNS.with_params(name=path.name))
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


def read_csv(path: Path) -> Iterator[RawRecord]:
    text = _decode(path, path.read_bytes())
    sample = text[:20_000]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            for cells in reader:
                yield reader.line_num, cells
        except csv.Error as error:
            raise DomainError(
                NOT_READABLE.with_params(name=path.name, kind="CSV", reason=str(error))
            ) from error

    yield from _records_from_rows(path, rows())


def read_xlsx(path: Path) -> Iterator[RawRecord]:
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
        sheet = workbook.worksheets[0]
        rows = ((i, list(row)) for i, row in enumerate(sheet.iter_rows(values_only=True), start=1))
        yield from _records_from_rows(path, rows)
    finally:
        workbook.close()


def is_uuid(value: str) -> str | None:
    """The UUID in "2e48…", "urn:uuid:2e48…" or None."""
    text = value.strip().lower().removeprefix("urn:uuid:")
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None
