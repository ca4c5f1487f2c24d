"""The CSV import fuzzed: sheets as Excel, Outlook, Google and office staff save them, broken.

Cases are the realistic CSV and text files of tests/data/import with bytes changed, and sheets
put together from known and unknown headers and values that go wrong (dates, formulas, huge
cells, line breaks, NULs), written with every delimiter, quoting and line end, in UTF-8 with
and without a byte-order mark, UTF-16, GB18030, Windows-1252 and Latin-1, a stray byte-order
mark or NUL here and there; some of those are then changed byte by byte too.
"""

from __future__ import annotations

import contextlib
import csv
import io
import random
from pathlib import Path
from typing import Literal

from contact_cases import HEADERS, MODES, check_contact_import, random_cell, random_text
from fuzz_support import FuzzDatabase, expected_cases, fuzz_settings, mutated, one_of_files
from hypothesis import given
from hypothesis import strategies as st

DATA = Path(__file__).resolve().parent.parent / "data" / "import"
SEEDS = [p.read_bytes() for p in sorted([*DATA.glob("*.csv"), *DATA.glob("*.txt")])]

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "gb18030", "cp1252", "latin-1")
PREFIXES = (b"", b"", b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b"\xef\xbb\xbf" * 2)


def sheet(rng: random.Random) -> list[list[str]]:
    """A title or two, a header row, and rows of uneven length under it."""
    rows = [[random_cell(rng)] for _ in range(rng.choice((0, 0, 0, 1, 2)))]
    header = [
        rng.choice(HEADERS) if rng.random() < 0.85 else random_text(rng, 12)
        for _ in range(rng.randint(1, 8))
    ]
    rows.append(header)
    width = len(header)
    for _ in range(rng.randint(0, 6)):
        size = rng.choice((width, width, width, 0, 1, width + 3))
        rows.append([random_cell(rng) for _ in range(size)])
    return rows


@st.composite
def csv_file(draw: st.DrawFn) -> bytes:
    """A sheet written out; Hypothesis draws the delimiter, quoting, line end, encoding and
    byte-order mark, and the seed of the generator that writes the cells."""
    rows = sheet(draw(st.randoms(use_true_random=True)))
    delimiter = draw(st.sampled_from((",", ";", "\t", "|", ",")))
    end = draw(st.sampled_from(("\r\n", "\n", "\r")))
    how = draw(st.sampled_from(("minimal", "all", "none", "raw")))
    # Joined by hand ("raw"): quotes and delimiters inside cells are left as they are.
    text = end.join(delimiter.join(row) for row in rows)
    if how != "raw":
        buffer = io.StringIO(newline="")
        quoting: dict[str, Literal[0, 1, 2, 3]] = {
            "minimal": csv.QUOTE_MINIMAL,
            "all": csv.QUOTE_ALL,
            "none": csv.QUOTE_NONE,
        }
        writer = csv.writer(
            buffer,
            delimiter=delimiter,
            lineterminator=end,
            quoting=quoting[how],
            escapechar="\\",
        )
        with contextlib.suppress(csv.Error):  # a row QUOTE_NONE cannot write stays raw
            writer.writerows(rows)
            text = buffer.getvalue()
    data = text.encode(draw(st.sampled_from(ENCODINGS)), "replace")
    return draw(st.sampled_from(PREFIXES)) + data


csv_inputs = st.one_of(csv_file(), mutated(one_of_files(SEEDS)), mutated(csv_file()))


def test_fuzz_csv_import(office_template: Path, tmp_path: Path) -> None:
    fuzz = FuzzDatabase(office_template, tmp_path / "csv")
    runs = 0

    @fuzz_settings()
    @given(
        data=csv_inputs,
        name=st.sampled_from(("sheet.csv", "sheet.CSV", "sheet.txt", "sheet.tsv")),
        mode=st.sampled_from(MODES),
    )
    def case(data: bytes, name: str, mode: str) -> None:
        nonlocal runs
        runs += 1
        check_contact_import(fuzz, data, name, importer="CSV", mode=mode)

    try:
        case()
    finally:
        fuzz.close()
    assert runs >= expected_cases()
