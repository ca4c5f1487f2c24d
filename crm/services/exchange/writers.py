"""Write a listing as JSON, CSV or XLSX: DESIGN.md's keys as JSON keys and as column headers.

A file is written beside its destination and moved into place when complete, so a full disk or
a crash never leaves half an export where the last good one was. CSV is UTF-8 with a byte-order
mark, so that Excel shows Chinese; lists are joined by the caller (see `history_columns`).
No cell of either is ever run as a formula by a spreadsheet program: see `formulas` for how,
and why a phone number "+44 20 …" is written as it is.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from crm.services.exchange.formulas import csv_cell, xlsx_cell

Row = dict[str, Any]


class ExportFormat(StrEnum):
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


def write_listing(
    path: Path,
    fmt: ExportFormat | str,
    items: Sequence[Row],
    *,
    columns: Sequence[str],
    flatten: Callable[[Row], Row] | None = None,
    sheet: str = "Sheet",
) -> None:
    """`items` as a JSON array, or as one row each under `columns` (after `flatten`)."""
    kind = ExportFormat(fmt)
    if kind is ExportFormat.JSON:
        with replacing(path, "w", encoding="utf-8") as handle:
            write_json(handle, items)
        return
    rows = [flatten(item) if flatten else item for item in items]
    if kind is ExportFormat.CSV:
        with replacing(path, "w", encoding="utf-8-sig", newline="") as handle:
            write_csv(handle, rows, columns)
    else:
        with replacing(path, "wb") as handle:
            write_xlsx(handle, rows, columns, sheet=sheet)


def write_json(handle: IO[str], items: Sequence[Row]) -> None:
    json.dump(list(items), handle, ensure_ascii=False, indent=2, default=str)
    handle.write("\n")


def write_csv(handle: IO[str], rows: Sequence[Row], columns: Sequence[str]) -> None:
    writer = csv.writer(handle)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(cell_text(row.get(c))) for c in columns])


def write_xlsx(
    handle: IO[bytes], rows: Sequence[Row], columns: Sequence[str], *, sheet: str
) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    worksheet.freeze_panes = "A2"
    widths = [max(10, len(c) + 2) for c in columns]
    texts = [[cell_text(row.get(c)) for c in columns] for row in rows]
    for values in texts:
        for i, value in enumerate(values):
            widths[i] = min(60, max(widths[i], len(value) + 2))
    for i, width in enumerate(widths):
        worksheet.column_dimensions[_column_letter(i)].width = width
    header = []
    for name in columns:
        cell = WriteOnlyCell(worksheet, value=name)
        cell.font = Font(bold=True)
        header.append(cell)
    worksheet.append(header)
    for values in texts:
        # Text cells, always: Excel must not turn "1986-10" into 1 October 1986, nor a note
        # starting with "=" into a formula (see `formulas`).
        worksheet.append([xlsx_cell(worksheet, v) for v in values])
    workbook.save(handle)


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ";".join(cell_text(v) for v in value)
    return str(value)


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


@contextmanager
def replacing(path: Path, mode: str, **options: Any) -> Iterator[Any]:
    folder = path.absolute().parent
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        with os.fdopen(descriptor, mode, **options) as handle:
            yield handle
        # mkstemp makes the file private; an export is an ordinary document.
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
