"""The vCard import fuzzed: address books as phones and mail programs write them, broken.

Cases are the realistic files of tests/data/import with bytes changed, and cards put together
from properties Liaison reads and others it does not, with parameters, escapes, folding,
quoted-printable in several character sets, base64 photos, huge values, every line end and
file encodings from UTF-16 to GB18030; some of those are then changed byte by byte too.
"""

from __future__ import annotations

import base64
import binascii
import random
from pathlib import Path

from contact_cases import MODES, check_contact_import, huge, random_cell, random_text
from fuzz_support import FuzzDatabase, expected_cases, fuzz_settings, mutated, one_of_files
from hypothesis import given
from hypothesis import strategies as st

DATA = Path(__file__).resolve().parent.parent / "data" / "import"
SEEDS = [p.read_bytes() for p in sorted(DATA.glob("*.vcf"))]

PROPERTIES = (
    "N",
    "FN",
    "EMAIL",
    "TEL",
    "ORG",
    "TITLE",
    "NOTE",
    "BDAY",
    "CATEGORIES",
    "UID",
    "PHOTO",
    "LANG",
    "IMPP",
    "ADR",
    "VERSION",
    "PRODID",
    "X-WECHAT",
    "X-LIAISON-NAME-ZH",
    "X-LIAISON-POSITION-ZH",
    "X-LIAISON-BIRTHDAY",
    "X-LIAISON-BIRTHDAY-CALENDAR",
    "X-LIAISON-BIRTHDAY-LEAP-MONTH",
    "X-LIAISON-STATUS",
    "X-LIAISON-OWNER",
    "X-LIAISON-LANGUAGE",
    "X-LIAISON-WECHAT",
    "X-PHONETIC-NAME",
    "X-NAME-ZH",
    "X_LOTUS_NOTES",
    "item1.EMAIL",
    "item1.X-ABLabel",
    "AGENT",
    "BEGIN",
    "END",
    "PROFILE",
)
PARAMETERS = (
    "TYPE=WORK",
    "TYPE=cell,voice",
    "type=pref",
    "PREF=1",
    "CELL",
    "CHARSET=UTF-8",
    "CHARSET=GB2312",
    "CHARSET=ISO-8859-1",
    "CHARSET=bogus",
    "ENCODING=QUOTED-PRINTABLE",
    "QUOTED-PRINTABLE",
    "ENCODING=BASE64",
    "ENCODING=b",
    "BASE64",
    "ENCODING=8BIT",
    "VALUE=uri",
    "VALUE=DATE",
    "VALUE=TEXT",
    "X-APPLE-OMIT-YEAR=1604",
    'LABEL="a;b:c,d"',
    'TYPE="',
    "LANGUAGE=zh-CN",
    "JPEG",
    "X-=",
    "",
)
VALUES = (
    "Wang;Fang;;;",
    "王;芳;;;",
    "Müller;Katrin;;Dr.;",
    ";;;;;;",
    "1980-04-15",
    "--04-15",
    "--0415",
    "19800923",
    "1604-09-21",
    "1981-02-30",
    "20230230T101010Z",
    "0000-00-00",
    "urn:uuid:2e4895f6-70de-4cf3-a2a7-72723bcf4ad8",
    "weixin:wangfang_sz",
    "tel:+86-139-5510-4471",
    "VCARD",
    "VCALENDAR",
    "Met in Lyon\\, 2019\\nagain",
    "a\\",
    "\\\\\\;\\,",
    "=E7=8E=8B=E8=8A=B3",
    "=E7=8E=\r\n=8B",
    "=ZZ=",
    "4.0",
    "2.1",
)
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "gb18030", "cp1252", "latin-1")


def value(rng: random.Random) -> str:
    choice = rng.random()
    if choice < 0.35:
        return rng.choice(VALUES)
    if choice < 0.7:
        return random_cell(rng)
    if choice < 0.8:  # a photo, or what claims to be one
        blob = base64.b64encode(rng.randbytes(rng.randint(0, 300))).decode("ascii")
        return blob + rng.choice(("", "=", "!!", "\x00"))
    if choice < 0.95:  # quoted-printable, soft line breaks and all
        raw = random_text(rng, 40).encode(rng.choice(("utf-8", "gb18030")), "replace")
        return binascii.b2a_qp(raw).decode("ascii")
    return huge(rng)


def content_line(rng: random.Random) -> str:
    if rng.random() < 0.9:
        name = rng.choice(PROPERTIES)
    else:
        name = "".join(rng.choice("ABCXYZ019_-.") for _ in range(rng.randint(0, 12)))
    parameters = [rng.choice(PARAMETERS) for _ in range(rng.choice((0, 0, 1, 1, 2, 3, 40)))]
    head = ";".join([name, *parameters]) if parameters else name
    return head + rng.choice((":", ":", ":", "", "::", ";:")) + value(rng)


def fold(rng: random.Random, line: str) -> list[str]:
    """The line folded at a few places, as RFC 6350 (and sometimes not quite) folds it."""
    if not line or rng.random() < 0.8:
        return [line]
    cuts = sorted({rng.randint(1, max(1, len(line) - 1)) for _ in range(rng.randint(1, 3))})
    pieces, start = [], 0
    for cut in cuts:
        pieces.append(line[start:cut])
        start = cut
    pieces.append(line[start:])
    prefix = rng.choice((" ", "\t"))
    return [pieces[0], *(prefix + p for p in pieces[1:])]


@st.composite
def vcard_file(draw: st.DrawFn) -> bytes:
    """Cards of properties; Hypothesis draws how many cards, the line ends and encoding, and
    the seed of the generator that writes the rest (see fuzz_support.mutated for why)."""
    rng = draw(st.randoms(use_true_random=True))
    lines: list[str] = []
    for _card in range(draw(st.integers(0, 4))):
        lines.append(rng.choice(("BEGIN:VCARD", "begin:vcard", "BEGIN:VCARD ")))
        lines.append("VERSION:" + rng.choice(("2.1", "3.0", "4.0", "9", "")))
        for _ in range(rng.randint(0, 8)):
            lines.extend(fold(rng, content_line(rng)))
        if rng.random() < 0.9:
            lines.append("END:VCARD")
        if rng.random() < 0.2:
            lines.append("")
    end = draw(st.sampled_from(("\r\n", "\n", "\r", "\r\r\n")))
    text = end.join(lines) + rng.choice((end, ""))
    return text.encode(draw(st.sampled_from(ENCODINGS)), "replace")


vcard_inputs = st.one_of(
    vcard_file(),
    mutated(one_of_files(SEEDS)),
    mutated(vcard_file()),
)


def test_fuzz_vcard_import(office_template: Path, tmp_path: Path) -> None:
    fuzz = FuzzDatabase(office_template, tmp_path / "vcard")
    runs = 0

    @fuzz_settings()
    @given(
        data=vcard_inputs,
        name=st.sampled_from(("cards.vcf", "cards.VCARD", "cards.txt")),
        mode=st.sampled_from(MODES),
    )
    def case(data: bytes, name: str, mode: str) -> None:
        nonlocal runs
        runs += 1
        check_contact_import(fuzz, data, name, importer="vCard", mode=mode)

    try:
        case()
    finally:
        fuzz.close()
    assert runs >= expected_cases()
