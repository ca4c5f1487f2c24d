"""A file of vCards as address books write them, for the exchange benchmark and its tests.

Six shapes, mixed: macOS Contacts (3.0: `item1.` groups with `X-ABLabel`, `type=` parameters
repeated, escaped `\\,` and `\\n`, `X-APPLE-OMIT-YEAR`), Google Contacts (3.0, `--MM-DD`
birthdays), Thunderbird (4.0: `PREF=1`, `VALUE=TEXT`, `--MMDD`, `UID:urn:uuid:`), an Android
phone (2.1: Chinese names in `CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE` with soft line breaks,
bare types `TEL;CELL`), Outlook (2.1: `TEL;WORK;VOICE`, quoted-printable notes and labels) and
Liaison's own export (4.0 with `X-LIAISON-*`). Long lines are folded at 75 octets; one card in
ten carries a base64 `PHOTO`. Every card names a different person with a different address, so
importing the file creates one contact per card.
"""

from __future__ import annotations

import base64
import random
import uuid

FAMILY = [
    "Andersen", "Berg", "Hansen", "Müller", "Janssens", "Ødegård", "Nowak", "Lévesque",
    "Smith", "Jensen", "Nielsen", "Lindgren", "van den Berg", "De Vries", "Rossi", "Fischer",
    "Schmidt", "Kowalski", "Dubois", "Virtanen", "Holm", "Dahl", "Lund", "Bruun", "Søgaard",
    "Verhoeven", "Peeters", "Wiśniewski", "Moreau", "Bianchi", "Johansson", "Karlsson",
    "Novak", "Horvat", "O'Brien", "García", "Martín", "Ferreira", "Costa", "Weber",
]  # fmt: skip
GIVEN = [
    "Anna", "Lars", "Katrin", "Pieter", "Ingrid", "Tomasz", "Claire", "John", "Mette",
    "Jonas", "Sofie", "Elena", "Marek", "Birgitte", "Ole", "Annelies", "Kasper", "Joost",
    "Ida", "Henning", "Åsa", "Bjørn", "Émile", "Zoë", "Frédéric", "Lucía", "Niklas", "Maja",
    "Erik", "Sara", "Hanna", "Mikkel", "Lotte", "Ruben", "Greta", "Paul", "Eva", "Jan",
]  # fmt: skip
SURNAMES_ZH = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余"
GIVEN_ZH = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红建国文志海燕晓峰倩堃乐"
COMPOUND_ZH = ["欧阳", "司马", "诸葛", "上官"]
ORGS = [
    "Aalborg Kommune", "Region Nordjylland", "Stad Gent", "Comune di Milano", "Göteborgs Stad",
    "Gemeente Utrecht", "Port of Antwerp-Bruges", "Innovation Norway", "EUROCITIES",
    "Hamburg Chamber of Commerce", "Stavanger kommune", "Miasto Gdańsk",
]  # fmt: skip
ORGS_ZH = [
    "合肥市人民政府外事办公室", "宁波市人民政府外事办公室", "成都市人民政府外事办公室",
    "武汉市人民政府外事办公室", "青岛港集团", "中国城市发展研究会", "武汉大学",
]  # fmt: skip
TITLES = [
    "Head of International Relations", "Protocol Officer", "Senior Adviser, China",
    "Coordinator China Desk", "Programme Manager", "Deputy Mayor", "Logistics Manager",
]  # fmt: skip
TITLES_ZH = ["处长", "副处长", "主任", "友城处处长", "欧洲处处长", "秘书长", "科长"]
TAGS = ["VIP", "Greeting list", "Partners", "Port", "Culture", "合肥", "Education"]
NOTES = [
    "Met at the Hefei Global Partners Forum 2024.\nAsks for agendas in advance, in English.",
    "Prefers WeChat to e-mail.",
    "Coordinates the port twinning; asks for the programme six weeks ahead.",
    "2025年代表团的日常对接人。喜欢正式的中文信函，附英文副本；中秋节前寄送月饼。",
    "Gifts: no alcohol. Copy the assistant on formal invitations.",
]
CITIES = [("Aalborg", "9220", "Denmark"), ("Gent", "9000", "Belgium"), ("合肥", "230001", "中国")]


def fold(line: str) -> str:
    """A content line folded at 75 octets (CRLF and a space), never inside a character."""
    out, current, size = [], [], 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += width
    out.append("".join(current))
    return "\r\n".join(out) + "\r\n"


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def quoted_printable(text: str, *, ascii_as_is: bool = True) -> str:
    """Quoted-printable as phones write it: UTF-8 bytes as =XX, ASCII letters kept."""
    out = []
    for byte in text.replace("\n", "\r\n").encode("utf-8"):
        char = chr(byte)
        keep = ascii_as_is and 32 < byte < 127 and char not in "=;"
        out.append(char if keep else f"={byte:02X}")
    return "".join(out)


def qp_line(head: str, text: str) -> str:
    """A 2.1 line whose quoted-printable value is broken with soft line breaks (= at the end)."""
    value = quoted_printable(text)
    lines, current = [], head + ":"
    index = 0
    while index < len(value):
        token = value[index : index + 3] if value[index] == "=" else value[index]
        if len(current) + len(token) > 74:
            lines.append(current + "=")
            current = ""
        current += token
        index += len(token)
    lines.append(current)
    return "\r\n".join(lines) + "\r\n"


class People:
    """Distinct names (no two cards are the same person) and addresses."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.seen: set[tuple[str, ...]] = set()
        self.count = 0

    def latin(self) -> tuple[str, str]:
        while True:
            family = self.rng.choice(FAMILY)
            given = " ".join(self.rng.sample(GIVEN, self.rng.choice([1, 2, 2])))
            key = tuple(sorted(f"{family} {given}".casefold().split()))
            if key not in self.seen:
                self.seen.add(key)
                return family, given

    def chinese(self) -> tuple[str, str]:
        while True:
            if self.rng.random() < 0.05:
                family = self.rng.choice(COMPOUND_ZH)
            else:
                family = self.rng.choice(SURNAMES_ZH)
            given = "".join(self.rng.sample(GIVEN_ZH, self.rng.choice([1, 2, 2])))
            if (family + given,) not in self.seen:
                self.seen.add((family + given,))
                return family, given

    def email(self, domain: str = "example.org") -> str:
        self.count += 1
        return f"person{self.count}.{self.rng.randint(0, 999)}@{domain}"

    def phone(self, prefix: str = "+45") -> str:
        digits = "".join(str(self.rng.randint(0, 9)) for _ in range(8))
        return f"{prefix} {digits[:2]} {digits[2:4]} {digits[4:6]} {digits[6:]}"


def _photo(rng: random.Random) -> str:
    return base64.b64encode(rng.randbytes(rng.randint(2_000, 6_000))).decode("ascii")


def _birthday(rng: random.Random) -> tuple[int, int, int]:
    return rng.randint(1950, 2000), rng.randint(1, 12), rng.randint(1, 28)


def apple(rng: random.Random, people: People) -> str:
    chinese = rng.random() < 0.3
    family, given = people.chinese() if chinese else people.latin()
    out = ["BEGIN:VCARD\r\n", "VERSION:3.0\r\n", "PRODID:-//Apple Inc.//macOS 14.5//EN\r\n"]
    prefix = "" if chinese else rng.choice(["", "", "Dr.", "Ms.", "Mr."])
    out.append(fold(f"N:{escape(family)};{escape(given)};;{prefix};"))
    out.append(fold(f"FN:{family}{given}" if chinese else f"FN:{given} {family}"))
    if chinese:
        out.append("X-PHONETIC-LAST-NAME:Luo\r\n")
        org, title = rng.choice(ORGS_ZH), rng.choice(TITLES_ZH)
    else:
        org, title = rng.choice(ORGS), rng.choice(TITLES)
    out.append(fold(f"ORG:{escape(org)};{rng.choice(['', 'International Office'])}"))
    out.append(fold(f"TITLE:{escape(title)}"))
    out.append(f"item1.EMAIL;type=INTERNET;type=WORK;type=pref:{people.email('rn.example')}\r\n")
    out.append("item1.X-ABLabel:_$!<Work>!$_\r\n")
    if rng.random() < 0.5:
        out.append(f"EMAIL;type=INTERNET;type=HOME:{people.email()}\r\n")
    out.append(f"TEL;type=CELL;type=VOICE;type=pref:{people.phone()}\r\n")
    if rng.random() < 0.6:
        out.append(f"TEL;type=WORK;type=VOICE:{people.phone('+86')}\r\n")
    city, code, country = rng.choice(CITIES)
    out.append(fold(f"item2.ADR;type=WORK;type=pref:;;Niels Bohrs Vej 30;{city};;{code};{country}"))
    out.append("item2.X-ABADR:dk\r\n")
    if rng.random() < 0.7:
        out.append(fold(f"NOTE:{escape(rng.choice(NOTES))}"))
    year, month, day = _birthday(rng)
    if rng.random() < 0.3:
        out.append(f"BDAY;X-APPLE-OMIT-YEAR=1604:1604-{month:02d}-{day:02d}\r\n")
    elif rng.random() < 0.8:
        out.append(f"BDAY:{year}-{month:02d}-{day:02d}\r\n")
    if rng.random() < 0.6:
        out.append(fold("CATEGORIES:" + ",".join(escape(t) for t in rng.sample(TAGS, 2))))
    out.append(f"X-ABUID:{str(uuid.UUID(int=rng.getrandbits(128))).upper()}:ABPerson\r\n")
    if rng.random() < 0.1:
        out.append(fold(f"PHOTO;ENCODING=b;TYPE=JPEG:{_photo(rng)}"))
    out.append("END:VCARD\r\n")
    return "".join(out)


def google(rng: random.Random, people: People) -> str:
    family, given = people.latin()
    out = ["BEGIN:VCARD\r\n", "VERSION:3.0\r\n", fold(f"FN:{given} {family}")]
    out.append(fold(f"N:{escape(family)};{escape(given)};;;"))
    out.append(f"EMAIL;TYPE=INTERNET;TYPE=WORK:{people.email('comune-milano.example')}\r\n")
    if rng.random() < 0.4:
        out.append(f"EMAIL;TYPE=INTERNET;TYPE=HOME:{people.email('example.com')}\r\n")
    out.append(f"TEL;TYPE=CELL:{people.phone('+39')}\r\n")
    if rng.random() < 0.5:
        out.append(f"TEL;TYPE=WORK:{people.phone('+39')}\r\n")
    out.append(fold("ADR;TYPE=WORK:;;Piazza della Scala 2;Milano;;20121;Italia"))
    out.append(fold(f"ORG:{escape(rng.choice(ORGS))}"))
    out.append(fold(f"TITLE:{escape(rng.choice(TITLES))}"))
    year, month, day = _birthday(rng)
    out.append(
        f"BDAY:--{month:02d}-{day:02d}\r\n"
        if rng.random() < 0.3
        else f"BDAY:{year}-{month:02d}-{day:02d}\r\n"
    )
    if rng.random() < 0.5:
        out.append(fold(f"NOTE:{escape(rng.choice(NOTES))}"))
    out.append(fold("CATEGORIES:myContacts," + escape(rng.choice(TAGS))))
    out.append("END:VCARD\r\n")
    return "".join(out)


def thunderbird(rng: random.Random, people: People) -> str:
    family, given = people.latin()
    out = ["BEGIN:VCARD\r\n", "VERSION:4.0\r\n", fold(f"N:{escape(family)};{escape(given)};;;")]
    out.append(fold(f"FN:{given} {family}"))
    out.append(f"EMAIL;PREF=1:{people.email('gent.example')}\r\n")
    if rng.random() < 0.5:
        out.append(f"EMAIL:{people.email()}\r\n")
    out.append(f"TEL;VALUE=TEXT;TYPE=cell:{people.phone('+32')}\r\n")
    if rng.random() < 0.5:
        out.append(f"TEL;VALUE=TEXT;TYPE=work:{people.phone('+32')}\r\n")
    year, month, day = _birthday(rng)
    if rng.random() < 0.4:
        out.append(f"BDAY:--{month:02d}{day:02d}\r\n")
    else:
        out.append(f"BDAY;VALUE=DATE:{year}{month:02d}{day:02d}\r\n")
    out.append(fold(f"NOTE:{escape(rng.choice(NOTES))} Ghent–Ningbo, twice a year."))
    out.append(fold(f"ORG:{escape(rng.choice(ORGS))};Dienst Internationale Relaties"))
    out.append(fold(f"TITLE:{escape(rng.choice(TITLES))}"))
    out.append(f"UID:urn:uuid:{uuid.UUID(int=rng.getrandbits(128), version=4)}\r\n")
    out.append("END:VCARD\r\n")
    return "".join(out)


def android(rng: random.Random, people: People) -> str:
    family, given = people.chinese()
    out = ["BEGIN:VCARD\r\n", "VERSION:2.1\r\n"]
    qp = "CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE"
    out.append(
        f"N;{qp}:{quoted_printable(family, ascii_as_is=False)};"
        f"{quoted_printable(given, ascii_as_is=False)};;;\r\n"
    )
    out.append(qp_line(f"FN;{qp}", family + given))
    out.append("X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Fang;1;;;;;;;;;;;;;\r\n")
    out.append(f"TEL;CELL:{people.phone('+86').replace(' ', '')}\r\n")
    if rng.random() < 0.5:
        out.append(f"TEL;WORK;VOICE:0551-6353{rng.randint(1000, 9999)}\r\n")
    out.append(f"EMAIL;HOME:{people.email('example.com')}\r\n")
    out.append(qp_line(f"ORG;{qp}", rng.choice(ORGS_ZH)))
    out.append(qp_line(f"TITLE;{qp}", rng.choice(TITLES_ZH)))
    if rng.random() < 0.6:
        out.append(qp_line(f"NOTE;{qp}", rng.choice(NOTES)))
    year, month, day = _birthday(rng)
    if rng.random() < 0.7:
        out.append(f"BDAY:{year}{month:02d}{day:02d}\r\n")
    if rng.random() < 0.15:
        # As phones write it: continuation lines indented, and a blank line after.
        data = _photo(rng)
        out.append("PHOTO;ENCODING=BASE64;JPEG:" + data[:76] + "\r\n")
        out.extend(f" {data[i : i + 76]}\r\n" for i in range(76, len(data), 76))
        out.append("\r\n")
    out.append("END:VCARD\r\n")
    return "".join(out)


def outlook(rng: random.Random, people: People) -> str:
    family, given = people.latin()
    out = ["BEGIN:VCARD\r\n", "VERSION:2.1\r\n"]
    out.append(f"N;LANGUAGE=en-us:{family};{given}\r\n")
    out.append(f"FN:{given} {family}\r\n")
    out.append(f"ORG:{rng.choice(ORGS)};International Affairs\r\n")
    out.append(f"TITLE:{rng.choice(TITLES).replace(',', '')}\r\n")
    out.append(f"TEL;WORK;VOICE:{people.phone()}\r\n")
    if rng.random() < 0.6:
        out.append(f"TEL;CELL;VOICE:{people.phone()}\r\n")
    out.append("ADR;WORK;PREF:;;Boulevard 13;Aalborg;;9000;Denmark\r\n")
    out.append(qp_line("LABEL;WORK;PREF;ENCODING=QUOTED-PRINTABLE", "Boulevard 13\n9000 Aalborg"))
    out.append(f"EMAIL;PREF;INTERNET:{people.email('aalborg.example')}\r\n")
    if rng.random() < 0.6:
        note = rng.choice(NOTES[:3]).replace(",", "")  # Outlook's 2.1 does not escape commas
        out.append(qp_line("NOTE;ENCODING=QUOTED-PRINTABLE", note))
    year, month, day = _birthday(rng)
    if rng.random() < 0.6:
        out.append(f"BDAY:{year}{month:02d}{day:02d}\r\n")
    out.append("X-MS-OL-DEFAULT-POSTAL-ADDRESS:2\r\n")
    out.append("REV:20240515T101010Z\r\n")
    out.append("END:VCARD\r\n")
    return "".join(out)


def liaison(rng: random.Random, people: People) -> str:
    chinese = rng.random() < 0.5
    family, given = people.chinese() if chinese else people.latin()
    out = ["BEGIN:VCARD\r\n", "VERSION:4.0\r\n"]
    out.append(f"UID:urn:uuid:{uuid.UUID(int=rng.getrandbits(128), version=4)}\r\n")
    if chinese:
        out.append("N:;;;;\r\n")
        out.append(fold(f"FN:{family}{given}"))
        out.append(fold(f"X-LIAISON-NAME-ZH:{family}{given}"))
    else:
        out.append(fold(f"N:{escape(family)};{escape(given)};;Dr;"))
        out.append(fold(f"FN:{given} {family}"))
    out.append(f"EMAIL;PREF=1:{people.email()}\r\n")
    out.append(f"TEL:{people.phone('+86')}\r\n")
    out.append(fold(f"ORG:{escape(rng.choice(ORGS_ZH if chinese else ORGS))}"))
    if chinese:
        out.append(fold(f"X-LIAISON-POSITION-ZH:{rng.choice(TITLES_ZH)}"))
    else:
        out.append(fold(f"TITLE:{escape(rng.choice(TITLES))}"))
    out.append(fold("CATEGORIES:" + ",".join(escape(t) for t in rng.sample(TAGS, 2))))
    year, month, day = _birthday(rng)
    if chinese and rng.random() < 0.5:
        out.append(f"X-LIAISON-BIRTHDAY:{year}-{month:02d}-{day:02d}\r\n")
        out.append("X-LIAISON-BIRTHDAY-CALENDAR:lunar\r\n")
    else:
        out.append(f"BDAY:{year}{month:02d}{day:02d}\r\n")
    out.append(fold(f"NOTE:{escape(rng.choice(NOTES))}"))
    out.append(f"LANG:{'zh-CN' if chinese else 'en'}\r\n")
    out.append(f"X-LIAISON-WECHAT:wx_{rng.getrandbits(32):08x}\r\n")
    out.append(f"X-LIAISON-STATUS:{rng.choice(['active', 'active', 'moved_on'])}\r\n")
    out.append(f"X-LIAISON-OWNER:{rng.choice(['Anna Berg', 'Lars Holm'])}\r\n")
    out.append("END:VCARD\r\n")
    return "".join(out)


SHAPES = ((apple, 25), (google, 20), (thunderbird, 15), (android, 20), (outlook, 10), (liaison, 10))


def vcards(count: int, *, seed: int = 12) -> str:
    """`count` cards of the mixed shapes, as one file's text."""
    rng = random.Random(seed)
    people = People(rng)
    writers = [w for w, _ in SHAPES]
    weights = [n for _, n in SHAPES]
    return "".join(rng.choices(writers, weights)[0](rng, people) for _ in range(count))
