"""Cells a spreadsheet must not run: what exports write instead, and how imports read it back.

A contact's notes are whatever someone typed or imported, and a spreadsheet program runs a
cell that starts with "=", "+", "-" or "@" as a formula: `=HYPERLINK(…)` makes a link that
sends the sheet's data away, `=cmd|…` once started programs ("CSV injection"). OWASP's advice
is to put a single quote before such a cell, tab and carriage return included. Decisions:

- CSV: the quote goes before a value that starts with one of those characters, unless the
  value is only digits, spaces and the punctuation of numbers, phone numbers, dates and our
  lists (";") after its "+" or "-": "+44 20 7946 0000;+86 139 5510 4471", "-5", "--04-15" (a
  birthday without a year) call no function and reach no other program, and a quote before
  every international phone number would be ugly, in Excel and in every other program that
  reads the file.
- A value that is quotes in front of such a value gets one quote more, so that the import can
  take exactly one away: the round trip CSV export → import gives back every value unchanged.
- XLSX: nothing is added. Every value is written as a string cell, which Excel never runs,
  and a formula-like one also gets Excel's "quote prefix" style, so that editing the cell does
  not turn it into a formula either. Reading it back gives the value as it was.
"""

from __future__ import annotations

import re
from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
# After its "+" or "-": numbers, phone numbers, dates, a list of them. No letter, so no call.
_HARMLESS = re.compile(r"[+-][\d\s().,;/+\-]*")


def _formula_like(text: str) -> bool:
    return text.startswith(TRIGGERS) and _HARMLESS.fullmatch(text) is None


def needs_quote(text: str) -> bool:
    """Whether a CSV export puts a quote before `text` (see the module's decisions)."""
    return _formula_like(text.lstrip(QUOTE))


def csv_cell(text: str) -> str:
    """`text` as a CSV export writes it: a spreadsheet shows it, never runs it."""
    return QUOTE + text if needs_quote(text) else text


def unquoted(value: Any) -> Any:
    """A CSV cell as it was before `csv_cell` wrote it (anything else as it is)."""
    if isinstance(value, str) and value.startswith(QUOTE) and needs_quote(value[1:]):
        return value[1:]
    return value


def xlsx_cell(sheet: Any, value: Any) -> Any:
    """An XLSX cell for the write-only `sheet`: a string cell, quote-prefixed when it looks
    like a formula; "" as no cell; anything but text as openpyxl writes it."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if not isinstance(value, str):
        return value
    if not value:
        return None  # an empty cell, rather than a cell of empty text
    # XML cannot hold most control characters: openpyxl would refuse the whole workbook.
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    if not needs_quote(text):
        return text  # a string cell as it is (openpyxl makes a formula only of a leading "=")
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell
