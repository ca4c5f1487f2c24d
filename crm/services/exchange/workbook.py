"""The rows of the first sheet of an Excel workbook, read without trusting the workbook.

An .xlsx file is a zip of XML parts, read by openpyxl; what a person picks may be anything
renamed .xlsx, damaged on the way, or made to do harm. So:
- the parts' sizes are checked before openpyxl opens any: a few kilobytes of zip must not unpack
  to gigabytes ("zip bomb"). The sizes the zip declares are enough, since zipfile never gives
  more of a part than its declared size;
- the sheet's own word on its size (`<dimension ref="A1:XFD1048576"/>`) is set aside: openpyxl
  pads every row to it, 16,384 cells a row, and a dimension smaller than the data would hide
  the cells outside it;
- reading stops at Excel's last row: a row numbered a billion would otherwise be reached
  through a billion empty ones; rows without a cell are counted but not passed on;
- whatever openpyxl raises on a damaged part, when opening it or row by row, is one sentence.
"""

from __future__ import annotations

import zipfile
from collections.abc import Generator
from pathlib import Path
from typing import Any

from crm.domain.text import QT_TRANSLATE_NOOP, DomainError

NOT_A_WORKBOOK = QT_TRANSLATE_NOOP(
    "Import",
    "“{name}” is damaged or is not an Excel workbook: open it in Excel, save it as an Excel workbook (.xlsx) and import that.",
)
UNPACKS_TOO_LARGE = QT_TRANSLATE_NOOP(
    "Import", "“{name}” is refused: it would unpack to more than {limit} MB."
)
NO_SHEET = QT_TRANSLATE_NOOP("Import", "“{name}” is an Excel workbook without a worksheet.")

# What the parts of a workbook may unpack to, together: an address book of a million rows
# takes a few hundred megabytes of XML.
UNPACKED_LIMIT = 512 * 1024 * 1024
EXCEL_ROWS = 1_048_576
EXCEL_COLUMNS = 16_384

Rows = Generator[tuple[int, list[Any]], None, None]


def xlsx_rows(path: Path) -> Rows:
    """The rows of the first worksheet, each with its row number, cells as Excel keeps them."""
    from openpyxl import load_workbook

    _check_sizes(path)
    # A handle, not the path: openpyxl refuses a workbook whose name does not end in .xlsx,
    # and the file was taken for a workbook by its first bytes.
    handle = path.open("rb")
    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        handle.close()
        raise _unreadable(path, error) from error
    try:
        if not workbook.worksheets:
            raise DomainError(NO_SHEET.with_params(name=path.name))
        sheet = workbook.worksheets[0]
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True)
        number = 0
        while number < EXCEL_ROWS:
            try:
                row = next(rows, None)
            except Exception as error:  # a damaged cell or part, found as the rows are read
                raise _unreadable(path, error) from error
            if row is None:
                return
            number += 1
            if row:  # rows without a cell are counted, not passed on: there may be a million
                yield number, list(row)
    finally:
        workbook.close()
        handle.close()


def _check_sizes(path: Path) -> None:
    """Refuse a workbook whose parts would unpack to more than UNPACKED_LIMIT."""
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except Exception as error:  # not a zip, or a damaged one: zipfile has several errors
        raise _unreadable(path, error) from error
    if total > UNPACKED_LIMIT:
        limit = UNPACKED_LIMIT // (1024 * 1024)
        raise DomainError(UNPACKS_TOO_LARGE.with_params(name=path.name, limit=limit))


def _unreadable(path: Path, error: BaseException) -> DomainError:
    """The sentence for what openpyxl or zipfile raised; what it was stays in the chain
    (`raise … from error`) for the log, since it means nothing to the person importing."""
    if isinstance(error, DomainError):
        return error
    return DomainError(NOT_A_WORKBOOK.with_params(name=path.name))
