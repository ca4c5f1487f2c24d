"""The Excel import fuzzed: workbooks as Excel and openpyxl write them, damaged or hostile.

Workbooks are put together part by part (the zip and its XML written here, which is much
quicker than openpyxl and lets a part be wrong on purpose): cells of every type Excel has —
shared and inline strings, numbers in date formats, booleans, errors, formulas with and without
a value, ISO dates — holding known and unknown headers and values that go wrong; references out
of order or out of range, a sheet claiming to be 16,384 columns wide, rows numbered past
Excel's last; parts missing, cut short or not XML. Then whole files, ours and the office sheet
of tests/data/import among them, with bytes changed, and zip bombs: parts declaring sizes far
beyond what any address book unpacks to.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from contact_cases import HEADERS, MODES, check_contact_import, random_cell, random_text
from fuzz_support import (
    FuzzDatabase,
    declaring,
    expected_cases,
    fuzz_settings,
    mutated,
    one_of_files,
)
from hypothesis import given
from hypothesis import strategies as st

from crm.services.exchange.workbook import UNPACKED_LIMIT

DATA = Path(__file__).resolve().parent.parent / "data" / "import"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PACKAGE = "http://schemas.openxmlformats.org/package/2006"
RELATIONS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
KIND = "application/vnd.openxmlformats-officedocument.spreadsheetml"

CONTENT_TYPES = (
    f'<Types xmlns="{PACKAGE}/content-types">'
    f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{KIND}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{KIND}.worksheet+xml"/>'
    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{KIND}.sharedStrings+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{KIND}.styles+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    f'<Relationships xmlns="{PACKAGE}/relationships"><Relationship Id="rId1" '
    f'Type="{RELATIONS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONS}"><sheets>'
    '<sheet name="Contacts" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    f'<Relationships xmlns="{PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{RELATIONS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{RELATIONS}/sharedStrings" Target="sharedStrings.xml"/>'
    f'<Relationship Id="rId3" Type="{RELATIONS}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
# Styles 1 to 3 are dates (a built-in format, a Chinese one, a time); 4 is text.
STYLES = (
    f'<styleSheet xmlns="{MAIN}"><numFmts count="1">'
    '<numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>'
    '</numFmts><fonts count="1"><font/></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders><cellXfs count="5"><xf numFmtId="0"/>'
    '<xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/>'
    '<xf numFmtId="21" applyNumberFormat="1"/><xf numFmtId="49" applyNumberFormat="1"/>'
    "</cellXfs></styleSheet>"
)
NUMBERS = ("44927", "29326.5", "0", "-1", "1e308", "1e20", "2958466", "13955104471", "-0.5")
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
COLUMNS = ("A", "B", "C", "D", "E", "F", "G", "H", "XFD", "ZZZ")
BAD_COLUMNS = ("AAAA", "", "1")


def text_xml(rng: random.Random, text: str) -> str:
    """Text as Excel writes it (escaped, without the characters XML cannot hold); now and
    then as it is, which need not be XML at all."""
    if rng.random() < 0.06:
        return text
    return escape(NOT_XML.sub("", text))


def cell(rng: random.Random, reference: str, shared: list[str], *, damaged: bool) -> str:
    """A cell of one of the kinds Excel writes; in a `damaged` sheet, one in five is wrong in
    a way Excel's own are not (a shared string that is not there, a date that is not one)."""
    kind = rng.randint(0, 9)
    broken = damaged and rng.random() < 0.2
    at = f' r="{reference}"' if rng.random() < 0.9 else ""
    style = f' s="{rng.choice(("0", "1", "2", "3", "4", "9"))}"'
    if kind < 3:
        return f'<c{at} t="inlineStr"><is><t>{text_xml(rng, random_cell(rng))}</t></is></c>'
    if kind < 5:
        shared.append(text_xml(rng, random_cell(rng)))
        index = rng.choice(("999", "-1", "x")) if broken else str(len(shared) - 1)
        return f'<c{at} t="s"><v>{index}</v></c>'
    if kind < 7:
        number = rng.choice(("abc", "NaN", "")) if broken else rng.choice(NUMBERS)
        return f"<c{at}{style}><v>{number}</v></c>"
    if kind == 7:
        kind_value = rng.choice((("b", "1"), ("b", "0"), ("e", "#DIV/0!"), ("e", "#N/A")))
        return f'<c{at} t="{kind_value[0]}"><v>{kind_value[1]}</v></c>'
    if kind == 8:
        cached = rng.choice(("", "<v>3</v>", "<v>=HYPERLINK(1)</v>"))
        return f'<c{at} t="str"><f>HYPERLINK("http://example.com")</f>{cached}</c>'
    value = "31/05/2024" if broken else rng.choice(("2024-05-31", "2024-05-31T10:00:00"))
    return f'<c{at} t="d"><v>{value}</v></c>'


def sheet_xml(rng: random.Random, shared: list[str]) -> str:
    rows = []
    damaged = rng.random() < 0.15
    numbers = sorted(rng.sample(range(1, 13), rng.randint(1, 6)))
    if rng.random() < 0.1:  # rows out of place; now and then far down (a second each)
        far = rng.random() < 0.15
        numbers.append(rng.choice((100_000, 1_048_576, 1_048_577, 10**9) if far else (0, 5, 13)))
    for position, number in enumerate(numbers):
        cells = []
        if position == 0 and rng.random() < 0.75:  # a header row, most of the time
            names = [rng.choice(HEADERS) for _ in range(rng.randint(1, 6))]
            cells = [
                f'<c r="{COLUMNS[i]}{number}" t="inlineStr"><is><t>{escape(n)}</t></is></c>'
                for i, n in enumerate(names)
            ]
        else:
            for _ in range(rng.randint(0, 6)):
                columns = BAD_COLUMNS if damaged and rng.random() < 0.2 else COLUMNS
                reference = f"{rng.choice(columns)}{number}"
                cells.append(cell(rng, reference, shared, damaged=damaged))
        rows.append(f'<row r="{number}">{"".join(cells)}</row>')
    dimension = rng.choice(("", '<dimension ref="A1:XFD1048576"/>', '<dimension ref="A1"/>'))
    return (
        f'<worksheet xmlns="{MAIN}">{dimension}<sheetData>{"".join(rows)}</sheetData></worksheet>'
    )


@st.composite
def workbook(draw: st.DrawFn) -> bytes:
    """A workbook put together part by part; Hypothesis draws the damage done to it and the
    seed of the generator that writes its cells."""
    rng = draw(st.randoms(use_true_random=True))
    shared: list[str] = []
    sheet = sheet_xml(rng, shared)
    strings = "".join(f"<si><t>{s}</t></si>" for s in shared)
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml": f'<sst xmlns="{MAIN}">{strings}</sst>',
        "xl/styles.xml": STYLES,
    }
    damage = draw(st.sampled_from(("none", "none", "none", "drop", "cut", "garbage")))
    if damage != "none":
        name = draw(st.sampled_from(sorted(parts)))
        if damage == "drop":
            del parts[name]
        elif damage == "cut":
            parts[name] = parts[name][: rng.randint(0, len(parts[name]))]
        else:
            parts[name] = random_text(rng, 40)
    buffer = io.BytesIO()
    method = draw(st.sampled_from((zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)))
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode("utf-8", "surrogatepass"))
    return buffer.getvalue()


def our_export() -> bytes:
    """A sheet as Liaison writes it, formulas neutralised and all."""
    from crm.services.exchange.writers import write_xlsx

    rows = [
        {"family_name": '=HYPERLINK("http://example.com")', "given_name": "Fang"},
        {"family_name": "Müller", "notes": "@SUM(1)", "phones": "+44 20 7946 0000"},
    ]
    buffer = io.BytesIO()
    write_xlsx(buffer, rows, ["family_name", "given_name", "phones", "notes"], sheet="Contacts")
    return buffer.getvalue()


@st.composite
def zip_bomb(draw: st.DrawFn, seeds: st.SearchStrategy[bytes]) -> bytes:
    """A workbook whose sheet says it unpacks to more than an import takes, or (the other
    lie) to less than it holds."""
    data = draw(seeds)
    size = draw(st.sampled_from((UNPACKED_LIMIT + 1, 0xFFFFFFFF, 10, 0)))
    return declaring(data, "xl/worksheets/sheet1.xml", size)


def xlsx_inputs() -> st.SearchStrategy[bytes]:
    seeds = one_of_files([(DATA / "chinese_office.xlsx").read_bytes(), our_export()])
    return st.one_of(
        workbook(),
        workbook(),
        mutated(seeds),
        mutated(workbook()),
        zip_bomb(seeds | workbook()),
    )


# openpyxl warns of what it reads round (a workbook without styles, a date out of Excel's
# range read as an error value): what these cases are made of.
@pytest.mark.filterwarnings("ignore::UserWarning:openpyxl.*")
def test_fuzz_xlsx_import(office_template: Path, tmp_path: Path) -> None:
    fuzz = FuzzDatabase(office_template, tmp_path / "xlsx")
    runs = 0

    @fuzz_settings()
    @given(
        data=xlsx_inputs(),
        name=st.sampled_from(("sheet.xlsx", "sheet.XLSX", "sheet.csv")),
        mode=st.sampled_from(MODES),
    )
    def case(data: bytes, name: str, mode: str) -> None:
        nonlocal runs
        runs += 1
        check_contact_import(fuzz, data, name, importer="XLSX", mode=mode)

    try:
        case()
    finally:
        fuzz.close()
    assert runs >= expected_cases()
