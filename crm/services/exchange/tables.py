"""Rows of a CSV or Excel sheet, or items of a JSON array, each with the line it starts on.

The contact reader beside this module knows contact columns; partnerships and delegations
bring their own (`history_columns`). File-level checks (size, encoding, kind, CSV delimiter,
Excel cells) are the contact reader's, reused here so that every import behaves alike.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from crm.domain.text import QT_TRANSLATE_NOOP, DomainError, Text
from crm.services.exchange.brief import brief
from crm.services.exchange.readers import (
    NOT_READABLE,
    RawRecord,
    csv_rows,
    detect_kind,
    file_head,
    read_text,
    records_from_rows,
    xlsx_rows,
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
    head = file_head(path)
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
    rows = xlsx_rows(path) if table_kind(path) == "xlsx" else csv_rows(path)

    def fields_of_header(header: list[Any]) -> list[str | None]:
        return [fields_of(str(h)) if h is not None else None for h in header]

    yield from records_from_rows(
        path, rows, fields_of_header=fields_of_header, no_columns=no_columns
    )


def read_json_items(path: Path) -> Iterator[tuple[int, Any]]:
    """The items of a JSON array, each with the line its text starts on."""
    text = read_text(path)
    try:
        json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:  # RecursionError: nested too deep
        reason = brief(error) if isinstance(error, ValueError) else "nested too deeply"
        raise DomainError(
            NOT_READABLE.with_params(name=path.name, kind="JSON", reason=reason)
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
