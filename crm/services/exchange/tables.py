"""Rows of a CSV or Excel sheet, or items of a JSON array, each with the line it starts on.

The contact reader beside this module knows contact columns; partnerships and delegations
bring their own (`history_columns`). File-level checks (size, encoding, kind, CSV delimiter,
Excel cells) are the contact reader's, reused here so that every import behaves alike.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from crm.domain.text import QT_TRANSLATE_NOOP, DomainError, Text
from crm.services.exchange.readers import (
    HEADER_SEARCH_ROWS,
    MAX_BYTES,
    NOT_READABLE,
    TOO_LARGE,
    RawRecord,
    _cell_text,
    _decode,
    _delimiter,
    detect_kind,
)

UNKNOWN_TABLE = QT_TRANSLATE_NOOP(
    "HistoryExchange",
    "“{name}” is not a file Liaison can import here: use a CSV, Excel (.xlsx) or JSON file.",
)
NOT_A_LIST = QT_TRANSLATE_NOOP(
    "HistoryExchange", "“{name}” is not a list of records: the file should hold one JSON array."
)

FieldsOf = Callable[[str], str | None]


def table_kind(path: Path) -> str:
    """ "json", "csv" or "xlsx"; anything else is refused in one sentence."""
    if path.stat().st_size > MAX_BYTES:
        raise DomainError(TOO_LARGE.with_params(name=path.name, limit=MAX_BYTES // (1024 * 1024)))
    with path.open("rb") as handle:
        head = handle.read(4096)
    if path.suffix.lower() == ".json" or head.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"["):
        return "json"
    try:
        kind = detect_kind(path, head)
    except DomainError:
        kind = "unknown"
    if kind not in ("csv", "xlsx"):
        raise DomainError(UNKNOWN_TABLE.with_params(name=path.name))
    return kind


def read_table(path: Path, *, fields_of: FieldsOf, no_columns: Text) -> Iterator[RawRecord]:
    """The rows of a CSV or Excel sheet as records keyed by `fields_of(header)`.

    Cells are text as written (a date cell as ISO); splitting list cells is the caller's job,
    since each kind of record has its own lists. The header is the first of the top rows that
    names a known column (office sheets often have a title above it).
    """
    rows = _xlsx_rows(path) if table_kind(path) == "xlsx" else _csv_rows(path)
    fields: list[str | None] = []
    for _line, header in itertools.islice(rows, HEADER_SEARCH_ROWS):
        fields = [fields_of(str(h)) if h is not None else None for h in header]
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


def _csv_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    text = _decode(path, path.read_bytes())
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=_delimiter(text))
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as error:
        raise DomainError(
            NOT_READABLE.with_params(name=path.name, kind="CSV", reason=str(error))
        ) from error


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
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


def read_json_items(path: Path) -> Iterator[tuple[int, Any]]:
    """The items of a JSON array, each with the line its text starts on."""
    text = _decode(path, path.read_bytes())
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        raise DomainError(
            NOT_READABLE.with_params(name=path.name, kind="JSON", reason=str(error))
        ) from error
    decoder = json.JSONDecoder()
    position = _skip_space(text, 0)
    if not text.startswith("[", position):
        raise DomainError(NOT_A_LIST.with_params(name=path.name))
    position = _skip_space(text, position + 1)
    if text.startswith("]", position):
        return
    while True:
        item, end = decoder.raw_decode(text, position)
        yield text.count("\n", 0, position) + 1, item
        position = _skip_space(text, end)
        if text.startswith("]", position):
            return
        position = _skip_space(text, position + 1)  # past the comma: json.loads vouched for it


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position
