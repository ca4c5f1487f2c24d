"""The fast vCard reader gives, property by property, what vobject gives.

`crm.services.exchange.vcard_reader` reads cards without vobject (ten times faster) and must
read them exactly as vobject did, quirks included, so that a file imports the same whichever
reader took a card. The corpus: the realistic files of tests/data/import, cards as address books
write them (Outlook 2.1 with quoted-printable, macOS 3.0 with `item1.` groups and X-ABLabel,
Google 3.0, Thunderbird 4.0, an Android phone's 2.1 with UTF-8 quoted-printable Chinese names,
folded base64 photos), the edges of the format, and the benchmark's 600 generated cards. What
the fast reader does not read exactly, it leaves to vobject (None).
"""

from __future__ import annotations

import base64
import importlib.util
import random
import re
from pathlib import Path
from typing import Any

import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from crm.services.exchange import readers
from crm.services.exchange.readers import read_vcards
from crm.services.exchange.vcard_reader import (
    ADDRESS_FIELDS,
    NAME_FIELDS,
    Address,
    Name,
    read_card,
    text_values,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "import"
_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE | re.MULTILINE)
PHOTO = base64.b64encode(bytes(range(256)) * 12).decode("ascii")


def folded(line: str, width: int = 75) -> str:
    return "\r\n ".join(line[i : i + width] for i in range(0, len(line), width))


OUTLOOK = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;LANGUAGE=en-us:Mortensen;Jens Peter;;Mr.\r\n"
    "FN:Jens Peter Mortensen\r\n"
    "ORG:Aalborg Kommune;International Relations\r\n"
    "TITLE:Senior Adviser\r\n"
    "TEL;WORK;VOICE:+45 9931 2000\r\n"
    "TEL;CELL;VOICE:+45 2040 1234\r\n"
    "ADR;WORK;PREF:;;Boulevarden 13;Aalborg;;9000;Denmark\r\n"
    "LABEL;WORK;PREF;ENCODING=QUOTED-PRINTABLE:Boulevarden 13=0D=0A=\r\n"
    "9000 Aalborg\r\n"
    "EMAIL;PREF;INTERNET:jens.mortensen@aalborg.example\r\n"
    "NOTE;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:M=F8dt i Hefei 2024=0D=0APrefers Engl=\r\n"
    "ish=3B copy the assistant=2C always\r\n"
    "BDAY:19800415\r\n"
    "X-MS-OL-DEFAULT-POSTAL-ADDRESS:2\r\n"
    "REV:20240515T101010Z\r\n"
    "END:VCARD\r\n"
)
APPLE = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "PRODID:-//Apple Inc.//macOS 14.5//EN\r\n"
    "N:Andersen;Mette;;;\r\n"
    "FN:Mette Andersen\r\n"
    "ORG:Region Nordjylland;Regional Development\r\n"
    "TITLE:Head of International Office\\, Europe and Asia\r\n"
    "item1.EMAIL;type=INTERNET;type=WORK;type=pref:mette.andersen@rn.example\r\n"
    "item1.X-ABLabel:_$!<Work>!$_\r\n"
    "item2.EMAIL;type=INTERNET:mette@example.com\r\n"
    "item2.X-ABLabel:Private\r\n"
    "TEL;type=CELL;type=VOICE;type=pref:+45 20 12 34 56\r\n"
    "item3.ADR;type=WORK;type=pref:;;Niels Bohrs Vej 30;Aalborg Øst;;9220;Denma\r\n"
    " rk\r\n"
    "item3.X-ABADR:dk\r\n"
    "NOTE:Met at the forum.\\nAsks for agendas in adva\r\n"
    " nce\\, in English.\\nGifts: no alcohol.\r\n"
    "BDAY;X-APPLE-OMIT-YEAR=1604:1604-09-21\r\n"
    "CATEGORIES:VIP,Greeting list\r\n"
    "X-ABUID:3F2D1C4B-8E7A-4B6C-9D0E-1F2A3B4C5D6E:ABPerson\r\n"
    + folded(f"PHOTO;ENCODING=b;TYPE=JPEG:{PHOTO}")
    + "\r\nEND:VCARD\r\n"
)
GOOGLE = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Elena Rossi\r\n"
    "N:Rossi;Elena;;Dr.;\r\n"
    "EMAIL;TYPE=INTERNET;TYPE=WORK:elena.rossi@comune-milano.example\r\n"
    "EMAIL;TYPE=INTERNET;TYPE=HOME:e.rossi@example.org\r\n"
    "TEL;TYPE=CELL:+39 333 123 4567\r\n"
    "ADR;TYPE=WORK:;;Piazza della Scala 2;Milano;;20121;Italia\r\n"
    "ORG:Comune di Milano\r\n"
    "TITLE:Head of International Relations\r\n"
    "BDAY:--08-15\r\n"
    "URL:http\\://www.comune.milano.example\r\n"
    "NOTE:Lyon, Milan and Hefei\r\n"
    "CATEGORIES:myContacts,VIP\r\n"
    "END:VCARD\r\n"
)
THUNDERBIRD = (
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "N:Verhoeven;Annelies;;;\r\n"
    "FN:Annelies Verhoeven\r\n"
    "EMAIL;PREF=1:annelies.verhoeven@gent.example\r\n"
    'TEL;VALUE=TEXT;TYPE="cell,voice":+32 478 12 34 56\r\n'
    "TEL;VALUE=uri;TYPE=work:tel:+32-9-266-52-11\r\n"
    "BDAY:--0415\r\n"
    "NOTE:Coordinates the Ghent–Ningbo port twinning and the yearly study visi\r\n"
    " t; asks for the programme six weeks ahead\\, in English\\, with a Chinese co\r\n"
    " py.\r\n"
    'ADR;LABEL="Sint-Baafsplein 1\\n9000 Gent":;;Sint-Baafsplein 1;Gent;;9000;BE\r\n'
    "ORG:Stad Gent;Dienst Internationale Relaties\r\n"
    "IMPP:weixin:annelies_gent\r\n"
    "UID:urn:uuid:6f1c2a9e-3b7d-4e58-9a21-0c4d8e7f5b63\r\n"
    "END:VCARD\r\n"
)
ANDROID = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E7=8E=8B;=E8=8A=B3;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E7=8E=8B=E8=8A=B3\r\n"
    "X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Fang;1;;;;;;;;;;;;;\r\n"
    "TEL;CELL:+8613955104471\r\n"
    "TEL;WORK;VOICE:0551-63537102\r\n"
    "EMAIL;HOME:wangfang.home@example.com\r\n"
    "ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=90=88=E8=82=A5=E5=B8=82\r\n"
    "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:2025=E5=B9=B4=E4=BB=A3=E8=A1=\r\n"
    "=A8=E5=9B=A2=E7=9A=84=E6=97=A5=E5=B8=B8=E5=AF=B9=E6=8E=A5=E4=BA=BA=E3=80=82\r\n"
    "BDAY:19800923\r\n"
    f"PHOTO;ENCODING=BASE64;JPEG:{PHOTO[:76]}\r\n"
    + "".join(f" {PHOTO[i : i + 76]}\r\n" for i in range(76, len(PHOTO), 76))
    + "\r\n"
    "END:VCARD\r\n"
)
LIAISON = (
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "UID:urn:uuid:3bbc4eec-00bc-46b3-8d6f-8956d0a7d37d\r\n"
    "N:;;;;\r\n"
    "FN:Wang Fang\r\n"
    "X-LIAISON-NAME-ZH:王芳\r\n"
    "EMAIL;PREF=1:wangfang@hefei.example\r\n"
    "ORG:合肥市人民政府外事办公室\r\n"
    "X-LIAISON-POSITION-ZH:欧洲处处长\r\n"
    "CATEGORIES:VIP,Greeting list,合肥\r\n"
    "X-LIAISON-BIRTHDAY:1980-06-10\r\n"
    "X-LIAISON-BIRTHDAY-CALENDAR:lunar\r\n"
    "X-LIAISON-BIRTHDAY-LEAP-MONTH:true\r\n"
    "NOTE:多行\\n备注\\; a\\, b\r\n"
    "LANG:zh-CN\r\n"
    "X-LIAISON-WECHAT:wangfang_hf\r\n"
    "X-LIAISON-STATUS:moved_on\r\n"
    "X-LIAISON-OWNER:Anna Berg\r\n"
    "END:VCARD\r\n"
)
# The edges: what a hand-made or odd file holds, each read as vobject reads it.
EDGES = {
    "lf line ends": GOOGLE.replace("\r\n", "\n"),
    "tab folding": "BEGIN:VCARD\nVERSION:3.0\nN:Holm;Kas\n\tper;;;\nFN:Kasper Holm\nEND:VCARD\n",
    "lower-case names and parameters": (
        "begin:vcard\r\nversion:3.0\r\nn:Holm;Kasper;;;\r\nfn:Kasper Holm\r\n"
        "email;type=internet:kasper@example.org\r\ntel;type=cell:+45 28 11 22 33\r\nend:vcard\r\n"
    ),
    "underscore in a name": "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A B\r\nX_LOTUS_NOTE:x\r\nEND:VCARD\r\n",
    "escapes": (
        "BEGIN:VCARD\r\nVERSION:3.0\r\n"
        "N:O\\'Brien\\;Smith;Se\\,án,Patrick;;;\r\n"
        "FN:Seán O'Brien\r\n"
        "NOTE:back\\\\slash\\, comma\\; semi\\N new \\:colon \\x unknown\r\n"
        "TITLE:first, second\r\n"
        "ORG:One\\, Two;Three,Four\r\n"
        "CATEGORIES:a\\,b,c,,d,\r\n"
        "X-TRAILING:ends in a backslash\\\r\n"
        "END:VCARD\r\n"
    ),
    "parameters": (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:P Q\r\n"
        'EMAIL;TYPE=;X-EMPTY=,;X-QUOTED="":a@example.org\r\n'
        'TEL;TYPE="work,voice";TYPE=cell;X-A=b=c:+1 555 0100\r\n'
        'ADR;GEO="geo:51.05,3.72";LABEL="a:b;c":;;Street 1;Town;;1000;BE\r\n'
        "X-SINGLE;CELL;Work:x\r\n"
        "END:VCARD\r\n"
    ),
    "quoted-printable as a bare type": (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Holm;Kasper\r\n"
        "NOTE;QUOTED-PRINTABLE:line one=0D=0Aline =\r\ntwo\r\n"
        "FN;CHARSET=ISO-8859-1;QUOTED-PRINTABLE:S=F8ren Holm\r\n"
        "END:VCARD\r\n"
    ),
    "base64 as a bare type": (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Holm;Kasper\r\nFN:Kasper Holm\r\n"
        f"LOGO;BASE64;GIF:{PHOTO[:40]}\r\n"
        f" {PHOTO[40:80]}\r\n\r\n"
        "END:VCARD\r\n"
    ),
    "blank lines and spaces": (
        "BEGIN:VCARD\r\n\r\nVERSION:3.0\r\n   \r\nN:Holm;Kasper;;;\r\nFN:Kasper Holm\r\n\r\n"
        "END:VCARD\r\n"
    ),
    "text after the end": "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A B\r\nEND:VCARD\r\nstray text\r\n",
    "structured values": (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Family\r\nFN:Family\r\n"
        "ADR:;;1 Street,Floor 2;Town\r\nGEO:51.05;3.72\r\nUID:a,b\r\nEND:VCARD\r\n"
    ),
    "a comma in a quoted-printable note": (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Holm;Kasper\r\n"
        "NOTE;ENCODING=QUOTED-PRINTABLE:Met in Lyon, 2019\r\nEND:VCARD\r\n"
    ),
}
# Cards the fast reader leaves to vobject, which reads (or refuses) them as before.
LEFT_TO_VOBJECT = {
    "no end": "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ida Vester\r\n",
    "a nested card": (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Holm;Kasper\r\nAGENT:\r\nBEGIN:VCARD\r\nVERSION:2.1\r\n"
        "N:Assistant;An\r\nEND:VCARD\r\nEND:VCARD\r\n"
    ),
    "a line vobject skips": (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Holm;Kasper;;;\r\nnot a property\r\nFN:K H\r\nEND:VCARD\r\n"
    ),
    "a bad photo": "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A B\r\nPHOTO;ENCODING=b:abc\r\nEND:VCARD\r\n",
    "an unknown charset": (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=X-NONE;ENCODING=QUOTED-PRINTABLE:=41;B\r\n"
        "END:VCARD\r\n"
    ),
    "a second encoding": (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nNOTE;ENCODING=QUOTED-PRINTABLE,8BIT:x\r\nEND:VCARD\r\n"
    ),
    "an end of something else": "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A B\r\nEND:VCALENDAR\r\n",
    "an unbalanced quote": 'BEGIN:VCARD\r\nVERSION:3.0\r\nTEL;TYPE="cell:+1\r\nEND:VCARD\r\n',
}
REAL_WORLD = {
    "outlook 2.1": OUTLOOK,
    "macos 3.0": APPLE,
    "google 3.0": GOOGLE,
    "thunderbird 4.0": THUNDERBIRD,
    "android 2.1": ANDROID,
    "liaison 4.0": LIAISON,
}


def cards_of(text: str) -> list[str]:
    """The cards of a file's text, as `read_vcards` hands them to a reader."""
    return ["BEGIN:VCARD" + chunk for chunk in _BEGIN.split(text)[1:]]


def data_cards() -> dict[str, str]:
    found = {}
    for path in sorted(DATA.glob("*.vcf")):
        for number, card in enumerate(cards_of(path.read_text(encoding="utf-8-sig")), 1):
            found[f"{path.name} #{number}"] = card
    return found


def generated_cards(count: int = 600) -> dict[str, str]:
    spec = importlib.util.spec_from_file_location("_vcards", ROOT / "benchmarks" / "_vcards.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {f"generated #{i}": c for i, c in enumerate(cards_of(module.vcards(count)), 1)}


def vobject_card(text: str) -> Any:
    return readers._vobject_card(text)  # vobject as the importer calls it (text kept whole)


def value_of(value: Any) -> Any:
    if isinstance(value, Name | vobject.vcard.Name):
        return ("N", *(getattr(value, f) for f in NAME_FIELDS))
    if isinstance(value, Address | vobject.vcard.Address):
        return ("ADR", *(getattr(value, f) for f in ADDRESS_FIELDS))
    return value


def properties(card: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every property of a card as (name, group, parameters, bare parameters, value)."""
    return {
        key: [(p.name, p.group, p.params, p.singletonparams, value_of(p.value)) for p in lines]
        for key, lines in card.contents.items()
    }


def assert_same_properties(text: str) -> None:
    fast = read_card(text)
    assert fast is not None, "the fast reader left a card it should read to vobject"
    expected = properties(vobject_card(text))
    found = properties(fast)
    assert list(found) == list(expected)  # the same properties, in the same order
    for key in expected:
        assert found[key] == expected[key], key


@pytest.mark.parametrize("name", REAL_WORLD)
def test_address_book_cards_read_as_vobject_reads_them(name: str) -> None:
    assert_same_properties(REAL_WORLD[name])


@pytest.mark.parametrize("name", EDGES)
def test_the_edges_of_the_format_read_as_vobject_reads_them(name: str) -> None:
    assert_same_properties(EDGES[name])


def test_the_test_files_read_as_vobject_reads_them() -> None:
    cards = data_cards()
    assert len(cards) >= 13
    for name, text in cards.items():
        if name == "broken_cards.vcf #4":  # cut off without END:VCARD
            assert read_card(text) is None
            continue
        assert_same_properties(text)


def test_generated_cards_read_as_vobject_reads_them() -> None:
    for text in generated_cards().values():
        assert_same_properties(text)


@pytest.mark.parametrize("name", LEFT_TO_VOBJECT)
def test_a_card_it_cannot_read_exactly_is_left_to_vobject(name: str) -> None:
    assert read_card(LEFT_TO_VOBJECT[name]) is None


def test_what_a_few_quirks_give() -> None:
    """vobject's reading, which the importer has always had, spelled out; but text is kept
    whole at an unescaped comma (vCard 2.1 never escapes one)."""
    card = read_card(EDGES["escapes"])
    assert card is not None
    contents = card.contents
    assert contents["note"][0].value == "back\\slash, comma; semi\n new \\:colon \\x unknown"
    assert contents["title"][0].value == "first, second"  # not cut at the unescaped comma
    assert contents["org"][0].value == ["One, Two", ["Three", "Four"]]
    assert contents["categories"][0].value == ["a,b", "c", "", "d"]
    assert contents["x-trailing"][0].value == "ends in a backslash\\eof"
    name = contents["n"][0].value
    assert (name.family, name.given) == ("O\\'Brien;Smith", ["Se,án", "Patrick"])
    apple = read_card(APPLE)
    assert apple is not None
    assert apple.contents["email"][0].group == "item1"
    assert apple.contents["email"][0].params["TYPE"] == ["INTERNET", "WORK", "pref"]
    assert apple.contents["photo"][0].value == base64.b64decode(PHOTO)
    android = read_card(ANDROID)
    assert android is not None
    assert android.contents["tel"][1].singletonparams == ["WORK", "VOICE"]
    assert android.contents["note"][0].value == "2025年代表团的日常对接人。"
    assert android.contents["n"][0].params == {"CHARSET": ["UTF-8"]}


def test_text_values_unescape_as_vobject_does() -> None:
    from vobject.icalendar import stringToTextValues

    rng = random.Random(7)
    alphabet = ["a", "b", ",", ";", "\\", "n", "N", '"', ":", " ", "é", "王"]
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        assert text_values(text) == stringToTextValues(text), text
        assert text_values(text, ";", ";") == stringToTextValues(
            text, listSeparator=";", charList=";"
        ), text


def records(path: Path) -> list[tuple[int, Any, Any]]:
    return [(r.line, r.values, r.original) for r in read_vcards(path)]


@pytest.mark.parametrize(
    "name", ["real-world", "edges", "left to vobject", *(p.name for p in DATA.glob("*.vcf"))]
)
def test_an_import_reads_the_same_records_with_either_reader(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the importer gets (fields, line numbers, the text of each card, the errors)."""
    texts = {
        "real-world": "".join(REAL_WORLD.values()),
        "edges": "".join(EDGES.values()),
        "left to vobject": "".join(LEFT_TO_VOBJECT.values()),
    }
    path = DATA / name if name.endswith(".vcf") else tmp_path / "cards.vcf"
    if name in texts:
        path.write_text(texts[name], encoding="utf-8", newline="")
    fast = records(path)
    monkeypatch.setattr(readers, "read_card", lambda _text: None)
    assert fast == records(path)
    assert len(fast) == len(cards_of(path.read_text(encoding="utf-8-sig")))


def test_generated_cards_give_the_same_records_with_either_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "generated.vcf"
    path.write_text("".join(generated_cards(300).values()), encoding="utf-8", newline="")
    fast = records(path)
    monkeypatch.setattr(readers, "read_card", lambda _text: None)
    assert fast == records(path)
    assert all("_error" not in values for _line, values, _text in fast)


def test_a_comma_in_a_note_or_a_title_keeps_the_rest(tmp_path: Path) -> None:
    """As Outlook and phones write vCard 2.1 (commas never escaped), and as careless 3.0
    writers do: the whole note and title come in, whichever reader reads the card."""
    cards = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Dupont;Marie\r\nFN:Marie Dupont\r\n"
        "NOTE;ENCODING=QUOTED-PRINTABLE:Met in Lyon, 2019=0D=0Aasked for the port, again\r\n"
        "TITLE:Head of Europe, Asia\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Dupont;Jean\r\nFN:Jean Dupont\r\n"
        "NOTE:Met in Lyon, 2019\r\nTITLE:Head of Europe, Asia\r\nEND:VCARD\r\n"
    )
    path = tmp_path / "commas.vcf"
    path.write_text(cards, encoding="utf-8")
    records = [r.values for r in read_vcards(path)]
    assert [r["notes"] for r in records] == [
        "Met in Lyon, 2019\nasked for the port, again",
        "Met in Lyon, 2019",
    ]
    assert [r["position"] for r in records] == ["Head of Europe, Asia"] * 2
    for text in cards.split("END:VCARD\r\n")[:2]:
        card = readers._vobject_card(text + "END:VCARD\r\n")  # the fallback agrees
        assert ", " in card.contents["note"][0].value


# Found by fuzzing (tests/fuzz/test_fuzz_vcard.py) ---------------------------------------
@settings(max_examples=2_000, derandomize=True, database=None, deadline=None)
@given(
    st.text(alphabet='aB1_-.;:=,"x é', max_size=14).map(lambda s: "N" + s) | st.text(max_size=14)
)
def test_the_linear_line_pattern_takes_every_line_vobject_takes_alike(line: str) -> None:
    """vobject's own pattern, where it finishes, and ours agree on every group."""
    import vobject.base

    from crm.services.exchange.vobject_lines import LINE

    theirs, ours = vobject.base.line_re.match(line), LINE.match(line)
    assert (theirs is None) == (ours is None)
    if theirs is not None and ours is not None:
        groups = ("group", "name", "params", "value")
        assert ours.group(*groups) == theirs.group(*groups)


def test_a_line_of_many_parameters_and_no_colon_is_skipped_not_pondered(tmp_path: Path) -> None:
    """vobject's pattern tried every way of cutting such parameters up before it gave up:
    twice the time for each one more, hours for this card. The line is skipped, as vobject
    skips what it cannot read, and the card comes in."""
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Wang;Fang;;;\r\n"
        "X-PHONE;CELL;TYPE=WORK" + "a,b;" * 40 + "\r\n"
        "EMAIL:wang.fang@example.com\r\nEND:VCARD\r\n"
    )
    path = tmp_path / "parameters.vcf"
    path.write_text(card, encoding="utf-8")
    [record] = list(read_vcards(path))
    assert record.values["family_name"] == "Wang"
    assert record.values["emails"] == ["wang.fang@example.com"]


def test_a_base64_text_is_read_as_text_in_its_character_set(tmp_path: Path) -> None:
    """vCard 2.1 lets any property be base64: the text is in the line's CHARSET. It came in
    as bytes, and the import stopped on the first name it tried to compare."""
    name = base64.b64encode(b"Wang Fang").decode("ascii")
    wechat = base64.b64encode("王芳_hf".encode("gb18030")).decode("ascii")
    cards = (
        f"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=BASE64:{name}\r\n"
        f"X-WECHAT;ENCODING=BASE64;CHARSET=GB18030:{wechat}\r\nEND:VCARD\r\n"
        f"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=BASE64;CHARSET=bogus:{name}\r\nEND:VCARD\r\n"
    )
    path = tmp_path / "base64.vcf"
    path.write_text(cards, encoding="ascii")
    first, second = list(read_vcards(path))
    assert (first.values["name"], first.values["wechat"]) == ("Wang Fang", "王芳_hf")
    assert second.values == {"_error": "FN is not text in a known character set"}


def test_control_characters_are_left_out_of_what_a_card_gives(tmp_path: Path) -> None:
    """A NUL or a bell in a quoted-printable note: PostgreSQL refuses NUL in text, and an
    Excel export cannot hold either."""
    card = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Wang;Fang;;;\r\n"
        "NOTE;ENCODING=QUOTED-PRINTABLE:Line=00 one=07=0D=0Atwo\r\nEND:VCARD\r\n"
    )
    path = tmp_path / "controls.vcf"
    path.write_text(card, encoding="ascii")
    [record] = list(read_vcards(path))
    assert record.values["notes"] == "Line one\ntwo"
