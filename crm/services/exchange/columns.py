"""Which spreadsheet column holds which field.

Our own exports use DESIGN.md's keys as headers; address books name their columns in their own
way (Outlook, Google Contacts, Thunderbird, and Chinese spreadsheets with Chinese headers).
Headers are compared case-, space- and punctuation-insensitively.

A header is *known* when it names a field, or a column those programs write that Liaison
deliberately leaves out (addresses, fax numbers, a row number, the "error" column of a
rejected-rows file). Only the other, unknown headers need a person to say what they hold.
"""

from __future__ import annotations

import re

FIELDS = (
    "id",
    "family_name",
    "given_name",
    "middle_name",
    "name",
    "name_zh",
    "honorific",
    "position",
    "position_zh",
    "organisation",
    "emails",
    "phones",
    "wechat",
    "language",
    "birthday",
    "birthday_calendar",
    "birthday_leap_month",
    "tags",
    "owner",
    "status",
    "notes",
)

_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("uid", "uuid", "contact id"),
    "family_name": (
        "last name",
        "surname",
        "family name",
        "name family",
        "姓",
        "姓氏",
        "last",
        "nachname",
        "efternavn",
        "achternaam",
        "nom",
    ),
    "given_name": (
        "first name",
        "given name",
        "name given",
        "forename",
        "名",
        "名字",
        "first",
        "vorname",
        "fornavn",
        "voornaam",
        "prénom",
        "prenom",
    ),
    "middle_name": ("middle name", "additional name", "weitere vornamen"),
    "name": ("full name", "display name", "fn", "contact name", "姓名（英文）", "english name"),
    "name_zh": ("chinese name", "中文名", "中文姓名", "姓名", "中文名字", "汉字姓名"),
    "honorific": ("title prefix", "prefix", "name prefix", "salutation", "anrede", "称谓", "称呼"),
    "position": (
        "job title",
        "title",
        "organization 1 title",
        "organization title",
        "role",
        "职务英文",
        "english position",
    ),
    "position_zh": ("职务", "职位", "中文职务", "position chinese"),
    "organisation": (
        "company",
        "organization",
        "organisation name",
        "organization 1 name",
        "organization name",
        "org",
        "employer",
        "单位",
        "工作单位",
        "公司",
        "机构",
        "firma",
    ),
    "emails": (
        "email",
        "e mail",
        "e mail address",
        "email address",
        "e mail 1 value",
        "email 1 value",
        "primary email",
        "邮箱",
        "电子邮箱",
        "电子邮件",
        "e mail 2 address",
        "e mail 3 address",
        "e mail 2 value",
        "secondary email",
        "home email",
        "work email",
        "e mail adresse",
        "email adresse",
    ),
    "phones": (
        "phone",
        "telephone",
        "mobile",
        "mobile phone",
        "business phone",
        "home phone",
        "phone 1 value",
        "phone 2 value",
        "work phone",
        "cell",
        "电话",
        "手机",
        "联系电话",
        "办公电话",
        "primary phone",
        "business phone 2",
        "other phone",
        "mobile number",
        "telefon",
        "handy",
        "mobiltelefon",
        "telefon geschäftlich",
        "telefon privat",
    ),
    "wechat": ("wechat id", "weixin", "微信", "微信号"),
    "language": ("preferred language", "lang", "语言", "首选语言"),
    "birthday": (
        "birth date",
        "date of birth",
        "dob",
        "bday",
        "生日",
        "出生日期",
        "geburtstag",
        "geburtsdatum",
    ),
    "birthday_calendar": ("calendar", "birthday calendar", "历法", "生日历法"),
    "birthday_leap_month": ("leap month", "闰月"),
    "tags": (
        "categories",
        "category",
        "groups",
        "group membership",
        "labels",
        "标签",
        "分组",
        "kategorien",
    ),
    "owner": ("owner name", "staff", "负责人"),
    "status": ("状态",),
    "notes": ("note", "comments", "remarks", "备注", "notizen", "noter"),
}

# Columns that address books write and Liaison does not keep, so they are not asked about.
# Numbered ones ("Address 2 - Street", "E-mail 3 Type") are found by their first.
# The column in which a rejected-rows file says what was wrong with each row (see
# `ImportReport.write_rejected`); the importer leaves it out when the fixed file comes back.
ERROR_HEADER = "error"
_ERROR_HEADERS = (ERROR_HEADER, "errors", "错误")

_LEFT_OUT = (
    *_ERROR_HEADERS,
    # Row numbers in office sheets.
    "序号",
    "编号",
    "no",
    "nr",
    "#",
    # Google Contacts.
    "phonetic first name",
    "phonetic middle name",
    "phonetic last name",
    "name suffix",
    "nickname",
    "file as",
    "organization department",
    "photo",
    "e mail 1 label",
    "phone 1 label",
    "address 1 label",
    "address 1 formatted",
    "address 1 street",
    "address 1 city",
    "address 1 po box",
    "address 1 region",
    "address 1 postal code",
    "address 1 country",
    "address 1 extended address",
    "website 1 label",
    "website 1 value",
    "relation 1 label",
    "relation 1 value",
    "event 1 label",
    "event 1 value",
    "im 1 label",
    "im 1 service",
    "im 1 value",
    "custom field 1 label",
    "custom field 1 value",
    # Outlook.
    "suffix",
    "department",
    *(
        f"{place} {part}"
        for place in ("business", "home", "other")
        for part in ("street", "city", "state", "postal code", "country region", "address po box")
    ),
    "assistant's phone",
    "business fax",
    "callback",
    "car phone",
    "company main phone",
    "home fax",
    "isdn",
    "other fax",
    "pager",
    "radio phone",
    "tty tdd phone",
    "telex",
    "account",
    "anniversary",
    "assistant's name",
    "billing information",
    "children",
    "directory server",
    "e mail type",
    "e mail display name",
    "e mail 1 type",
    "e mail 1 display name",
    "gender",
    "government id number",
    "hobby",
    "initials",
    "internet free busy",
    "keywords",
    "location",
    "manager's name",
    "mileage",
    "office location",
    "organizational id number",
    "priority",
    "private",
    "profession",
    "referred by",
    "sensitivity",
    "spouse",
    "user 1",
    "web page",
    # Thunderbird.
    "screen name",
    "fax number",
    "pager number",
    "web page 1",
    "custom 1",
)

# Columns that add to a list rather than set one value (an address book's "E-mail 2 Address").
LIST_FIELDS = frozenset({"emails", "phones", "tags"})
# Columns whose values are put together, each on its own line, rather than the first kept.
JOINED_FIELDS = frozenset({"notes"})

_NORMALISE = re.compile(r"[\s_\-:.：/()（）]+")


def _key(header: str) -> str:
    return _NORMALISE.sub(" ", header.strip().casefold()).strip()


_LOOKUP: dict[str, str] = {}
for _field, _aliases in _ALIASES.items():
    for _alias in (_field, *_aliases):
        _LOOKUP.setdefault(_key(_alias), _field)


_NUMBER = re.compile(r"\b\d+\b")

_LEFT_OUT_KEYS = frozenset(_key(h) for h in _LEFT_OUT)


def _numbered(key: str) -> tuple[str, ...]:
    """ "e mail 3 address" as its first ("e mail 1 address") and unnumbered ("e mail address")."""
    if not _NUMBER.search(key):
        return ()
    return (_NUMBER.sub("1", key), " ".join(_NUMBER.sub(" ", key).split()))


def field_for(header: str) -> str | None:
    """The field a header names, or None for a column Liaison does not keep."""
    key = _key(header)
    if key in _LOOKUP:
        return _LOOKUP[key]
    # Numbered columns: Google's "E-mail 3 - Value" / "Phone 4 - Value", Outlook's
    # "E-mail 3 Address" / "Home Phone 2" are more of what their first column holds.
    for candidate in _numbered(key):
        if _LOOKUP.get(candidate) in LIST_FIELDS:
            return _LOOKUP[candidate]
    return None


def is_left_out(header: str) -> bool:
    """Whether a header is one Liaison knows and deliberately does not import."""
    key = _key(header)
    return key in _LEFT_OUT_KEYS or any(c in _LEFT_OUT_KEYS for c in _numbered(key))


def is_known(header: str) -> bool:
    """Whether a header names a field or a column Liaison knowingly leaves out."""
    return not header.strip() or field_for(header) is not None or is_left_out(header)


def is_error_column(header: str) -> bool:
    """Whether a header is the "error" column of a rejected-rows file."""
    return _key(header) in {_key(h) for h in _ERROR_HEADERS}


def header_key(header: str) -> str:
    """A header as `field_for` compares it: "E-Mail-Adresse" and "e-mail adresse" are one."""
    return _key(header)


def fields_for(headers: list[str]) -> list[str | None]:
    """The field of each column of a header row.

    Outlook's "Title" is the honorific (Mr., Dr.) beside its "Job Title"; alone, as in most
    sheets and in vCard, a title is the position.
    """
    fields = [field_for(h) if h else None for h in headers]
    keys = [_key(h) for h in headers]
    if "title" in keys and any(
        f == "position" and k != "title" for f, k in zip(fields, keys, strict=True)
    ):
        fields = ["honorific" if k == "title" else f for f, k in zip(fields, keys, strict=True)]
    return fields
