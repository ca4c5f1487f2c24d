"""`crm import` on files as real programs write them (tests/data/import, see its README).

Each realistic file is imported into a fresh database and checked the way a user would check it:
the names (Chinese into name_zh, with pinyin), every e-mail address and phone, organisation and
position, the birthday, tags and notes; then the report, a second import (nothing changes), a dry
run (nothing is written), the broken files, matching against the sample office, and a failure
halfway through.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

import crm.services.importing as importing
from crm.domain.text import DomainError
from crm.store.models import Organisation

DATA = Path(__file__).resolve().parent / "data" / "import"

WANG_FANG = "2e4895f6-70de-4cf3-a2a7-72723bcf4ad8"
KATRIN_MUELLER = "8f20c6fb-a024-45e9-a430-ed3a4d43f599"
DEMO_CONTACTS = 54

# Every realistic file, with how many contacts it holds.
REALISTIC = {
    "outlook_contacts.csv": 3,
    "google_contacts.csv": 3,
    "chinese_excel.csv": 4,
    "chinese_office.xlsx": 4,
    "apple_contacts.vcf": 3,
    "android_21.vcf": 3,
    "thunderbird_40.vcf": 2,
    "excel_western.csv": 2,
    "excel_unicode.txt": 2,
}


def import_file(services, name: str, *, dry_run: bool = False):  # type: ignore[no-untyped-def]
    report, _changes = services.importer.import_file(DATA / name, dry_run=dry_run)
    return report


def everyone(services) -> dict[str, dict[str, Any]]:  # type: ignore[no-untyped-def]
    """Every contact as `crm contacts --json` shows it, by Chinese name or else "Given Family"."""
    people = services.contacts.as_dicts(services.contacts.search("", include_archived=True))
    return {p["name_zh"] or f"{p['given_name']} {p['family_name']}": p for p in people}


def errors(report) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    return [(p.line, p.message.render()) for p in report.errors]


def organisation_count(services) -> int:  # type: ignore[no-untyped-def]
    with services.db.session() as session:
        return session.execute(select(func.count()).select_from(Organisation)).scalar_one()


# The realistic files, one by one -------------------------------------------------------------
def test_outlook_csv(services) -> None:  # type: ignore[no-untyped-def]
    report = import_file(services, "outlook_contacts.csv")
    assert (report.created, report.updated, report.skipped, errors(report)) == (3, 0, 0, [])
    people = everyone(services)
    assert set(people) == {"Jens Peter Mortensen", "Sofie Lindgren", "李娜"}

    jens = people["Jens Peter Mortensen"]
    assert (jens["family_name"], jens["given_name"]) == ("Mortensen", "Jens Peter")
    assert jens["honorific"] == "Mr."  # Outlook's "Title" column, not the job title
    assert jens["position"] == "Senior Adviser, International Relations"
    assert jens["organisation"] == "Aalborg Kommune"
    assert jens["emails"] == ["jens.mortensen@aalborg.example", "jpm@example.com"]
    assert jens["phones"] == ["+45 9931 2000", "+45 2040 1234"]
    assert jens["birthday"] == "1980-04-15"  # 4/15/1980, month first
    assert jens["birthday_calendar"] == "gregorian"
    assert sorted(jens["tags"]) == ["Partners", "VIP"]
    assert jens["notes"] == (
        "Met at the Hefei Global Partners Forum, May 2024.\n"
        'Prefers English; copy his assistant on "formal" invitations.'
    )

    sofie = people["Sofie Lindgren"]
    assert sofie["birthday"] is None  # Outlook's 0/0/00 is "no birthday", not an error
    assert (sofie["honorific"], sofie["position"]) == ("Ms.", "Protocol Officer")
    assert sofie["organisation"] == "Göteborgs Stad"
    assert sofie["tags"] == []

    li = people["李娜"]
    assert (li["family_name"], li["given_name"], li["pinyin"]) == ("", "", "Li Na")
    assert (li["position"], li["position_zh"]) == ("", "处长")
    assert li["organisation"] == "武汉市人民政府外事办公室"
    assert li["birthday"] == "1975-12-03"
    assert li["phones"] == ["+86 139 0713 5566"]
    assert li["emails"] == ["lina@wuhan-fao.example"]


def test_google_csv(services) -> None:  # type: ignore[no-untyped-def]
    report = import_file(services, "google_contacts.csv")
    assert (report.created, report.updated, report.skipped, errors(report)) == (3, 0, 0, [])
    people = everyone(services)

    elena = people["Elena Rossi"]
    assert elena["honorific"] == "Dr."
    assert (elena["organisation"], elena["position"]) == (
        "Comune di Milano",
        "Head of International Relations",
    )
    # "E-mail 1 - Value" holds two addresses as "a ::: b".
    assert elena["emails"] == [
        "elena.rossi@comune-milano.example",
        "e.rossi@example.org",
        "elena.rossi@example.com",
    ]
    assert elena["phones"] == ["+39 333 123 4567", "+39 02 8845 1234", "+39 02 8845 1299"]
    assert elena["birthday"] == "1978-11-02"
    assert sorted(elena["tags"]) == ["Greeting list", "VIP"]  # not Google's "* myContacts"
    assert elena["notes"] == "Met at the EUROCITIES forum in Lyon.\nPrefers Italian or English."

    zhao = people["赵丽"]
    assert (zhao["family_name"], zhao["given_name"], zhao["pinyin"]) == ("", "", "Zhao Li")
    assert zhao["birthday"] == "--08-15"
    assert zhao["birthday_calendar"] == "gregorian"
    assert zhao["tags"] == ["合肥"]
    assert (zhao["position"], zhao["position_zh"]) == ("", "副处长")
    assert zhao["organisation"] == "合肥市人民政府外事办公室"
    assert zhao["phones"] == ["+86 138 5601 2233", "+86 551 6353 7120", "+86 551 6288 0011"]

    marek = people["Marek Wiśniewski"]
    assert marek["tags"] == []  # "* starred ::: * myContacts" are Google's own groups
    assert marek["emails"] == ["marek.wisniewski@gdansk.example", "protocol@gdansk.example"]
    assert marek["birthday"] is None


@pytest.mark.parametrize(
    ("name", "problems"),
    [("chinese_excel.csv", []), ("chinese_office.xlsx", [8])],
    ids=["csv-gb18030", "xlsx"],
)
def test_a_chinese_office_sheet(services, name, problems) -> None:  # type: ignore[no-untyped-def]
    report = import_file(services, name)
    assert (report.created, report.updated, report.skipped) == (4, 0, 0)
    # The .xlsx ends with a note under the table ("注：生日均为公历…"): reported, not imported.
    assert [line for line, _message in errors(report)] == problems
    if problems:
        assert errors(report)[0][1] == "Give a family name, a given name or a Chinese name."
    people = everyone(services)
    assert set(people) == {"周建华", "欧阳倩", "郑堃", "Lars Nielsen"}

    zhou = people["周建华"]
    assert (zhou["family_name"], zhou["given_name"], zhou["pinyin"]) == ("", "", "Zhou Jianhua")
    assert zhou["organisation"] == "宁波市人民政府外事办公室"
    assert (zhou["position"], zhou["position_zh"]) == ("", "友城处处长")
    assert zhou["phones"] == ["13805741234"]  # an Excel number, not 13805741234.0
    assert zhou["emails"] == ["zhoujianhua@ningbo-fao.example"]
    assert zhou["birthday"] == "1975-03-08"
    assert zhou["notes"] == "2019年港口代表团接待人，喜欢喝茶"

    ouyang = people["欧阳倩"]  # typed "欧阳 倩"; a compound family name
    assert ouyang["pinyin"] == "Ouyang Qian"
    assert ouyang["birthday"] == "1982-11-23"  # 1982年11月23日

    zheng = people["郑堃"]  # 堃 is outside GB2312: the file is still read as GB18030
    assert zheng["pinyin"] == "Zheng Kun"
    assert zheng["emails"] == ["zhengkun@qdport.example", "kun.zheng@example.com"]  # split on ；
    assert zheng["birthday"] == "1979-12-01"
    assert zheng["notes"] == "负责绿色航运走廊项目, 邮件请抄送办公室"

    lars = people["Lars Nielsen"]
    assert (lars["family_name"], lars["given_name"], lars["name_zh"]) == ("Nielsen", "Lars", "")
    assert lars["position_zh"] == "商务总监"
    assert lars["phones"] == ["+45 2212 3344"]
    assert lars["birthday"] == "1969-07-14"


def test_the_chinese_csv_is_what_chinese_excel_writes() -> None:
    data = (DATA / "chinese_excel.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert data.decode("gb18030").startswith("姓名,单位,职务,手机,邮箱,生日,备注\r\n")


def test_apple_contacts_vcard(services) -> None:  # type: ignore[no-untyped-def]
    report = import_file(services, "apple_contacts.vcf")
    assert (report.created, report.updated, report.skipped, errors(report)) == (3, 0, 0, [])
    people = everyone(services)

    mette = people["Mette Andersen"]
    assert mette["organisation"] == "Region Nordjylland"
    assert mette["position"] == "Head of International Office, Europe and Asia"
    assert mette["emails"] == ["mette.andersen@rn.example", "mette.andersen@example.com"]
    assert mette["phones"] == ["+45 20 12 34 56", "+45 96 35 10 00"]
    assert mette["birthday"] == "1980-04-15"
    assert sorted(mette["tags"]) == ["Greeting list", "VIP"]
    assert mette["notes"] == (
        "Met at the Hefei Global Partners Forum 2024.\n"
        "Asks for agendas in advance, in English.\n"
        "Gifts: no alcohol."
    )

    luo = people["罗晓峰"]
    assert (luo["family_name"], luo["given_name"], luo["pinyin"]) == ("", "", "Luo Xiaofeng")
    assert luo["birthday"] == "--09-21"  # BDAY;X-APPLE-OMIT-YEAR=1604:1604-09-21
    assert luo["birthday_calendar"] == "gregorian"
    assert (luo["position"], luo["position_zh"]) == ("", "副处长")
    assert luo["organisation"] == "成都市人民政府外事办公室"
    assert luo["emails"] == ["luoxiaofeng@chengdu-fao.example"]
    assert luo["phones"] == ["+86 135 5123 4567"]

    joost = people["Joost van den Berg"]
    assert (joost["honorific"], joost["family_name"]) == ("Dr.", "van den Berg")
    assert joost["position"] == "Programme Manager, China"
    assert joost["birthday"] is None


def test_android_vcard_21(services) -> None:  # type: ignore[no-untyped-def]
    report = import_file(services, "android_21.vcf")
    assert (report.created, report.updated, report.skipped, errors(report)) == (3, 0, 0, [])
    people = everyone(services)

    wang = people["王芳"]  # N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E7=8E=8B;=E8=8A=B3;;;
    assert (wang["family_name"], wang["given_name"], wang["pinyin"]) == ("", "", "Wang Fang")
    assert wang["organisation"] == "合肥市人民政府外事办公室"
    assert wang["position_zh"] == "欧洲处处长"
    assert wang["phones"] == ["+8613955104471", "0551-63537102"]
    assert wang["emails"] == ["wangfang.home@example.com"]
    assert wang["birthday"] == "1980-09-23"  # BDAY:19800923
    # A quoted-printable NOTE broken over five lines with soft line breaks.
    assert (
        wang["notes"]
        == "2025年代表团的日常对接人。喜欢正式的中文信函，附英文副本；中秋节前寄送月饼。"
    )

    kasper = people["Kasper Holm"]
    assert kasper["emails"] == ["kasper.holm@aalborg.example", "kasperholm@example.org"]
    assert kasper["phones"] == ["+45 28 11 22 33", "+45 98 12 34 56"]
    assert (kasper["organisation"], kasper["position"]) == ("Aalborg Havn", "Logistics Manager")
    assert kasper["birthday"] == "1977-01-02"

    assert people["司马文静"]["pinyin"] == "Sima Wenjing"


def test_thunderbird_vcard_40(services) -> None:  # type: ignore[no-untyped-def]
    report = import_file(services, "thunderbird_40.vcf")
    assert (report.created, report.updated, report.skipped, errors(report)) == (2, 0, 0, [])
    people = everyone(services)

    annelies = people["Annelies Verhoeven"]
    assert annelies["id"] == "6f1c2a9e-3b7d-4e58-9a21-0c4d8e7f5b63"  # UID:urn:uuid:…
    assert annelies["emails"] == ["annelies.verhoeven@gent.example", "a.verhoeven@example.org"]
    assert annelies["phones"] == ["+32 478 12 34 56", "+32 9 266 52 11"]
    assert annelies["birthday"] == "--04-15"
    assert (annelies["organisation"], annelies["position"]) == (
        "Stad Gent",
        "Coordinator China Desk",
    )
    assert annelies["notes"] == (  # folded over three lines, commas escaped
        "Coordinates the Ghent–Ningbo port twinning and the yearly study visit; asks for the "
        "programme six weeks ahead, in English, with a Chinese copy."
    )

    jonas = people["Jonas Fischer"]
    assert jonas["id"] == "2c9a7e51-8d4f-4b3a-b6e0-7f1d2c3b4a59"
    assert jonas["birthday"] == "1983-09-30"


def test_excel_on_a_western_windows_pc(services) -> None:  # type: ignore[no-untyped-def]
    """Windows-1252 and ";" (Danish Excel): ø and Æ must not turn into Chinese characters."""
    report = import_file(services, "excel_western.csv")
    assert (report.created, errors(report)) == (2, [])
    people = everyone(services)
    assert set(people) == {"Æsa Søgaard", "Bjørn Jørgensen"}
    bjorn = people["Bjørn Jørgensen"]
    assert bjorn["name_zh"] == ""
    assert bjorn["position"] == "Rådgiver"
    assert bjorn["birthday"] == "1971-11-02"  # 02-11-1971, day first
    assert bjorn["notes"] == "Tovholder på venskabsbyaftalen; taler lidt kinesisk"
    assert people["Æsa Søgaard"]["birthday"] == "1980-04-15"


def test_excel_unicode_text(services) -> None:  # type: ignore[no-untyped-def]
    """Excel's "Unicode text": UTF-16 with a BOM, tab-separated."""
    report = import_file(services, "excel_unicode.txt")
    assert (report.created, errors(report)) == (2, [])
    tao = everyone(services)["陶喆"]
    assert tao["pinyin"] == "Tao Zhe"
    assert tao["birthday"] == "1977-06-09"  # 1977.6.9
    assert tao["organisation"] == "武汉大学"


# Every realistic file: twice, and as a dry run -----------------------------------------------
@pytest.mark.parametrize("name", REALISTIC)
def test_importing_the_same_file_again_changes_nothing(services, name) -> None:  # type: ignore[no-untyped-def]
    first = import_file(services, name)
    assert first.created == REALISTIC[name]
    before = everyone(services)
    again = import_file(services, name)
    assert (again.created, again.updated, again.skipped) == (0, 0, REALISTIC[name])
    assert errors(again) == errors(first)
    assert everyone(services) == before


@pytest.mark.parametrize("name", REALISTIC)
def test_a_dry_run_reports_what_an_import_does_and_writes_nothing(services, name) -> None:  # type: ignore[no-untyped-def]
    organisations = organisation_count(services)
    dry = import_file(services, name, dry_run=True)
    assert dry.dry_run
    assert services.contacts.count() == 0
    assert organisation_count(services) == organisations
    real = import_file(services, name)
    assert (dry.created, dry.updated, dry.skipped) == (real.created, real.updated, real.skipped)
    assert errors(dry) == errors(real)
    assert services.contacts.count() == REALISTIC[name]


def test_a_dry_run_leaves_a_matched_contact_as_it_was(demo_services) -> None:  # type: ignore[no-untyped-def]
    before = demo_services.contacts.get(WANG_FANG)
    report = import_file(demo_services, "android_21.vcf", dry_run=True)
    assert (report.created, report.updated, report.skipped) == (2, 1, 0)
    assert demo_services.contacts.count() == DEMO_CONTACTS
    assert demo_services.contacts.get(WANG_FANG) == before


# Broken files --------------------------------------------------------------------------------
def test_a_bad_card_is_reported_by_line_and_the_others_imported(services) -> None:  # type: ignore[no-untyped-def]
    report = import_file(services, "broken_cards.vcf")
    assert (report.created, report.updated, report.skipped) == (3, 0, 0)
    problems = errors(report)
    assert [line for line, _ in problems] == [13, 20]
    assert problems[0][1] == "1981-02-30 does not exist in the calendar."
    assert problems[1][1].startswith("This entry cannot be read: ")
    assert "line 9" not in problems[1][1]  # vobject's own count within the card would mislead
    assert set(everyone(services)) == {"Birgitte Lund", "Henning Dahl", "Ole Bruun"}


def test_bad_rows_are_reported_by_the_line_they_start_on(services) -> None:  # type: ignore[no-untyped-def]
    report = import_file(services, "bad_rows.csv")
    assert (report.created, report.updated, report.skipped) == (3, 0, 0)
    assert errors(report) == [
        (3, "31/02/1979 does not exist in the calendar."),
        # Row 6 has a line break in its notes, so it ends on line 7.
        (6, "“anouk.smit(at)zwolle.example” is not an e-mail address."),
    ]
    people = everyone(services)
    assert set(people) == {"Maja Hansen", "Peter Jansen", "Erik Nilsson"}
    assert people["Peter Jansen"]["notes"] == "Two lines\nof notes"
    assert people["Peter Jansen"]["birthday"] == "1972-10-12"
    assert people["Erik Nilsson"]["birthday"] == "--03-21"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.csv", None),
        ("legacy_excel.csv", None),  # an Excel 97-2003 .xls renamed
        ("renamed_text.xlsx", None),  # a CSV renamed
        ("contacts.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
        ("no_columns.csv", "Kære kollegaer,\r\nher er listen.\r\n".encode()),
    ],
)
def test_an_unreadable_file_is_one_sentence_naming_it(
    demo_services, tmp_path, name, content
) -> None:  # type: ignore[no-untyped-def]
    path = DATA / name
    if content is not None:
        path = tmp_path / name
        path.write_bytes(content)
    organisations = organisation_count(demo_services)
    with pytest.raises(DomainError) as raised:
        demo_services.importer.import_file(path)
    message = raised.value.render()
    assert f"“{name}”" in message
    assert "\n" not in message
    assert not re.search(r"[.!?]\s+[A-Z“]", message.replace(f"“{name}”", "…"))  # one sentence
    assert demo_services.contacts.count() == DEMO_CONTACTS
    assert organisation_count(demo_services) == organisations


# Matching against the sample office ----------------------------------------------------------
def test_a_phone_card_for_wang_fang_updates_her(demo_services) -> None:  # type: ignore[no-untyped-def]
    before = demo_services.contacts.get(WANG_FANG).draft
    report = import_file(demo_services, "android_21.vcf")
    assert (report.created, report.updated, report.skipped, errors(report)) == (2, 1, 0, [])
    assert demo_services.contacts.count() == DEMO_CONTACTS + 2
    assert demo_services.contacts.search("王芳") == [WANG_FANG]

    after = demo_services.contacts.get(WANG_FANG).draft
    assert after.emails == ["wangfang@hefei.gov.cn.example", "wangfang.home@example.com"]
    # +8613955104471 and 0551-63537102 are numbers she already has, written differently.
    assert after.phones == before.phones
    assert (after.family_name, after.given_name, after.name_zh) == ("Wang", "Fang", "王芳")
    assert after.organisation_id == before.organisation_id
    assert (after.wechat, after.language, after.tags) == (before.wechat, "zh_CN", before.tags)
    assert after.birthday == "1980-09-23"  # the phone knows the year
    # The colleague's notes stay; the phone's note is added below them.
    assert after.notes.startswith(before.notes + "\n\n")
    assert after.notes.endswith("中秋节前寄送月饼。")

    again = import_file(demo_services, "android_21.vcf")
    assert (again.created, again.updated, again.skipped) == (0, 0, 3)


@pytest.mark.parametrize("spelling", ["Müller", "MÜLLER", "muller"])
def test_a_row_for_katrin_mueller_matches_her_whatever_the_spelling(
    demo_services, tmp_path, spelling
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "hamburg.csv"
    path.write_text(
        f"First Name,Last Name,Mobile Phone\r\nKatrin,{spelling},+49 171 555 0101\r\n",
        encoding="utf-8",
    )
    report, _changes = demo_services.importer.import_file(path)
    assert (report.created, report.updated, report.skipped) == (0, 1, 0)
    assert demo_services.contacts.count() == DEMO_CONTACTS
    katrin = demo_services.contacts.get(KATRIN_MUELLER).draft
    assert katrin.family_name == "Müller"  # the spelling we had is kept
    assert katrin.honorific == "Dr"
    assert katrin.phones == ["+49 40 42831 2204", "+49 171 555 0101"]


def test_a_card_with_a_uuid_uid_keeps_it_as_the_contact_id(services) -> None:  # type: ignore[no-untyped-def]
    report, changes = services.importer.import_file(DATA / "thunderbird_40.vcf")
    ids = {"6f1c2a9e-3b7d-4e58-9a21-0c4d8e7f5b63", "2c9a7e51-8d4f-4b3a-b6e0-7f1d2c3b4a59"}
    assert set(report.contact_ids) == ids
    assert changes.contacts == ids
    assert services.contacts.get("6f1c2a9e-3b7d-4e58-9a21-0c4d8e7f5b63").draft.family_name == (
        "Verhoeven"
    )


# Found by fuzzing (tests/fuzz) ----------------------------------------------------------------
def workbook(
    rows: list[list[Any]], *, dimension: str | None = None, at: int | None = None
) -> bytes:
    """An Excel workbook of these rows; `dimension` is the size the sheet claims, and `at`
    moves the last row down to that row number."""
    import io
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    if dimension is None and at is None:
        return buffer.getvalue()
    parts = {}
    with zipfile.ZipFile(buffer) as archive:
        for name in archive.namelist():
            parts[name] = archive.read(name)
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    if dimension is not None:
        sheet = re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"', sheet)
    if at is not None:
        last = len(rows)
        sheet = sheet.replace(f'<row r="{last}"', f'<row r="{at}"')
        sheet = re.sub(rf'r="([A-Z]+){last}"', rf'r="\g<1>{at}"', sheet)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def written(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_a_huge_or_many_lined_value_is_quoted_in_brief(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The report quoted the whole value: 20,000 characters, or a line break in the middle
    of a sentence of the command's report."""
    rows = f'family_name,emails,birthday\r\nWang,{"x" * 20_000},\r\nLi,,"in\nMay"\r\n'
    report, _changes = services.importer.import_file(written(tmp_path, "long.csv", rows.encode()))
    messages = [m for _line, m in errors(report)]
    assert messages == [
        f"“{'x' * 79}…” is not an e-mail address.",
        "“in May” is not a date: write it as 2024-05-31, 2024-05, 2024 or --05-31.",
    ]


def test_utf16_without_a_byte_order_mark_and_stray_nuls_are_read(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Any NUL byte made the file "not text"; a few are junk in a text file (left out), and
    many are UTF-16 written without its byte-order mark."""
    text = "family_name,given_name,emails\r\nWang,Fang,wang@example.com\r\n"
    utf16 = written(tmp_path, "utf16.csv", text.encode("utf-16-le"))
    assert services.importer.import_file(utf16)[0].created == 1
    junk = written(tmp_path, "junk.csv", text.replace("Fang", "Fa\x00ng").encode())
    assert services.importer.import_file(junk)[0].skipped == 1  # the same contact, NUL aside
    assert everyone(services)["Fang Wang"]["given_name"] == "Fang"


def test_a_sheet_that_understates_its_size_is_read_whole(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """openpyxl reads a sheet as large as it says it is: a sheet saying "A1" by a program
    that got it wrong lost every cell but the first."""
    rows = [["family_name", "given_name", "emails"], ["Wang", "Fang", "wang@example.com"]]
    path = written(tmp_path, "small.xlsx", workbook(rows, dimension="A1"))
    report, _changes = services.importer.import_file(path)
    assert report.created == 1
    assert everyone(services)["Fang Wang"]["emails"] == ["wang@example.com"]


def test_a_sheet_claiming_every_column_is_read_at_the_size_it_has(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Padded to the 16,384 columns it claimed, 100,000 empty rows took an hour to pass."""
    rows = [["family_name", "given_name"], ["Wang", "Fang"], ["Li", "Na"]]
    sheet = workbook(rows, dimension="A1:XFD1048576", at=100_000)
    report, _changes = services.importer.import_file(written(tmp_path, "wide.xlsx", sheet))
    assert report.created == 2
    assert report.contact_ids and errors(report) == []


@pytest.mark.slow
def test_rows_past_excels_last_are_not_read(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A row numbered a billion was reached through a billion empty rows."""
    rows = [["family_name", "given_name"], ["Wang", "Fang"], ["Li", "Na"]]
    sheet = workbook(rows, at=1_000_000_000)
    report, _changes = services.importer.import_file(written(tmp_path, "tall.xlsx", sheet))
    assert report.created == 1


def test_a_workbook_that_would_unpack_to_gigabytes_is_refused_unopened(
    services, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    from crm.services.exchange import workbook as excel

    data = bytearray(workbook([["family_name"], ["Wang"]]))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    huge = (excel.UNPACKED_LIMIT + 1).to_bytes(4, "little")
    data[info.header_offset + 22 : info.header_offset + 26] = huge
    entry = data.rfind(b"xl/worksheets/sheet1.xml") - 46  # its entry in the central directory
    data[entry + 24 : entry + 28] = huge
    monkeypatch.setattr(openpyxl, "load_workbook", _never_opened)
    with pytest.raises(DomainError) as refused:
        services.importer.import_file(written(tmp_path, "bomb.xlsx", bytes(data)))
    assert refused.value.render() == "“bomb.xlsx” is refused: it would unpack to more than 512 MB."
    assert services.contacts.count() == 0


def _never_opened(*_args: Any, **_kwargs: Any) -> Any:
    raise AssertionError("the workbook was opened before its size was checked")


def test_a_workbook_named_csv_is_read_as_the_workbook_it_is(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Taken for a workbook by its first bytes, then refused by openpyxl for its name."""
    sheet = workbook([["family_name", "given_name"], ["Wang", "Fang"]])
    report, _changes = services.importer.import_file(written(tmp_path, "contacts.csv", sheet))
    assert report.created == 1


@pytest.mark.parametrize(
    ("damage", "replacement"),
    [
        ("a shared string that is not there", ('t="s"><v>0</v>', 't="s"><v>999</v>')),
        ("a cell that is not a number", ("<v>1980</v>", "<v>nineteen</v>")),
        ("a column past the last", ('r="B2"', 'r="AAAA2"')),
        ("XML cut short", ("</sheetData>", "<sheetData")),
    ],
)
def test_a_damaged_cell_refuses_the_workbook_in_one_sentence(
    services, tmp_path, damage, replacement
) -> None:  # type: ignore[no-untyped-def]
    """openpyxl raised IndexError, ValueError or ParseError as the rows were read, past the
    one place its errors were caught."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["family_name", "birthday"])
    book.active.append(["Wang", 1980])
    buffer = io.BytesIO()
    book.save(buffer)
    parts = {}
    with zipfile.ZipFile(buffer) as archive:
        for name in archive.namelist():
            parts[name] = archive.read(name)
    if "shared" in damage:
        parts["xl/sharedStrings.xml"] = (
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b"<si><t>family_name</t></si></sst>"
        )
        sheet = parts["xl/worksheets/sheet1.xml"].decode()
        sheet = sheet.replace('t="inlineStr"><is><t>family_name</t></is>', 't="s"><v>0</v>')
        parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    old, new = replacement
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    assert old in sheet, damage
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(old, new, 1).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    with pytest.raises(DomainError) as refused:
        services.importer.import_file(written(tmp_path, "damaged.xlsx", out.getvalue()))
    assert refused.value.render() == (
        "“damaged.xlsx” is damaged or is not an Excel workbook: open it in Excel, save it as "
        "an Excel workbook (.xlsx) and import that."
    )
    assert services.contacts.count() == 0


def test_a_rejected_row_like_a_formula_is_written_as_text(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The rejected-rows file is opened in Excel to be fixed: a cell must not run there, and
    must come back as it was once the row is fixed."""
    note = '=HYPERLINK("http://evil.example","fix me")'
    sheet = f'family_name,emails,notes\r\nWang,not an address,"{note.replace(chr(34), chr(34) * 2)}"\r\n'
    report, _changes = services.importer.import_file(written(tmp_path, "in.csv", sheet.encode()))
    rejected = tmp_path / "rejected.csv"
    assert report.write_rejected(rejected) == 1
    text = rejected.read_text(encoding="utf-8-sig")
    assert f"'{note}".replace('"', '""') in text
    rejected.write_text(text.replace("not an address", "wang@example.com"), encoding="utf-8-sig")
    fixed, _changes = services.importer.import_file(rejected)
    assert (fixed.created, fixed.errors) == (1, [])
    assert services.contacts.as_dicts(fixed.contact_ids)[0]["notes"] == note


def test_values_wider_than_their_columns_are_problems_of_their_rows(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """SQLite kept them; a database on PostgreSQL stopped the import halfway. And a row
    refused for its e-mail address no longer leaves its organisation behind."""
    organisations = organisation_count(services)
    rows = (
        "family_name,given_name,language,organisation,emails\r\n"
        "Wang,Fang,Norwegian (Bokmål) and English,,\r\n"
        f"Li,Na,,{'Port ' * 61},\r\n"
        "Zhang,Wei,,Acme Port Authority,zhang(at)example.com\r\n"
    )
    report, _changes = services.importer.import_file(written(tmp_path, "wide.csv", rows.encode()))
    assert report.created == 0
    assert errors(report) == [
        (2, "“norwegian (bokmål) and english” is longer than Liaison keeps here (at most 20 characters)."),
        (3, f"“{('Port ' * 16).strip()}…” is longer than Liaison keeps here (at most 300 characters)."),
        (4, "“zhang(at)example.com” is not an e-mail address."),
    ]  # fmt: skip
    assert organisation_count(services) == organisations


# A failure halfway ---------------------------------------------------------------------------
def test_a_full_disk_halfway_leaves_the_database_as_it_was(demo_services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    real = importing.insert_contact
    calls = 0

    def insert_then_fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls == 3:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(importing, "insert_contact", insert_then_fail)
    organisations = organisation_count(demo_services)
    wang_fang = demo_services.contacts.get(WANG_FANG)
    with pytest.raises(OSError) as raised:
        demo_services.importer.import_file(DATA / "google_contacts.csv")
    assert raised.value.errno == 28
    assert calls == 3
    assert demo_services.contacts.count() == DEMO_CONTACTS
    assert organisation_count(demo_services) == organisations
    assert demo_services.contacts.search("Rossi") == []
    assert demo_services.contacts.get(WANG_FANG) == wang_fang

    monkeypatch.setattr(importing, "insert_contact", real)
    report = import_file(demo_services, "google_contacts.csv")
    assert report.created == 3


# The command, end to end ---------------------------------------------------------------------
def test_the_import_command(tmp_path, run_crm) -> None:  # type: ignore[no-untyped-def]
    from crm.services.bundle import Services

    database, home = tmp_path / "cli.sqlite3", tmp_path / "home"

    dry = run_crm(
        "import",
        str(DATA / "thunderbird_40.vcf"),
        "--dry-run",
        "--json",
        database=database,
        home=home,
    )
    assert dry.returncode == 0, dry.stderr
    report = json.loads(dry.stdout)
    assert {k: report[k] for k in ("created", "updated", "skipped", "errors")} == {
        "created": 2,
        "updated": 0,
        "skipped": 0,
        "errors": [],
    }
    services = Services.open(str(database))
    try:
        assert services.contacts.count() == 0  # the dry run wrote nothing

        done = run_crm("import", str(DATA / "bad_rows.csv"), "--json", database=database, home=home)
        assert done.returncode == 1  # some rows had problems
        report = json.loads(done.stdout)
        assert (report["created"], report["updated"], report["skipped"]) == (3, 0, 0)
        assert report["errors"] == [
            {"line": 3, "message": "31/02/1979 does not exist in the calendar."},
            {"line": 6, "message": "“anouk.smit(at)zwolle.example” is not an e-mail address."},
        ]
        assert done.stderr.strip() == "2 entries could not be imported; the others were."
        assert services.contacts.count() == 3
    finally:
        services.db.dispose()

    missing = run_crm("import", str(tmp_path / "nowhere.vcf"), database=database, home=home)
    assert missing.returncode == 1
    assert missing.stdout == ""
    assert missing.stderr.strip().splitlines() == [
        f"There is no file “{tmp_path / 'nowhere.vcf'}”."
    ]


def test_an_import_names_who_imported_on_what_it_adds_and_changes(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """As an editor's save does: a colleague whose save is then refused reads who changed it."""
    services.acting.use("Anna Berg")
    first = "family_name,given_name,emails\r\nWang,Fang,wang@example.com\r\n"
    services.importer.import_file(written(tmp_path, "first.csv", first.encode()))
    services.acting.use("Lars Holm")
    again = "family_name,given_name,emails,position\r\nWang,Fang,wang@example.com,Director\r\n"
    report, _changes = services.importer.import_file(written(tmp_path, "again.csv", again.encode()))
    assert report.updated == 1
    (contact_id,) = services.contacts.search("")
    assert services.contacts.get(contact_id).updated_by == "Lars Holm"
    services.acting.use("Anna Berg")
    other = "family_name,given_name\r\nLi,Na\r\n"
    services.importer.import_file(written(tmp_path, "other.csv", other.encode()))
    stamps = {
        services.contacts.get(i).draft.family_name: services.contacts.get(i).updated_by
        for i in services.contacts.search("")
    }
    assert stamps == {"Wang": "Lars Holm", "Li": "Anna Berg"}
