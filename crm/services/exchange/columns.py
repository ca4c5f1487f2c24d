"""Which spreadsheet column holds which field.

Our own exports use DESIGN.md's keys as headers; address books name their columns in their own
way (Outlook, Google Contacts, Thunderbird, and Chinese spreadsheets with Chinese headers).
Headers are compared case-, space- and punctuation-insensitively.
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
    "middle_name": ("middle name", "additional name"),
    "name": ("full name", "display name", "fn", "contact name", "姓名（英文）", "english name"),
    "name_zh": ("chinese name", "中文名", "中文姓名", "姓名", "中文名字", "汉字姓名"),
    "honorific": ("title prefix", "prefix", "name prefix", "salutation", "称谓", "称呼"),
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
    ),
    "wechat": ("wechat id", "weixin", "微信", "微信号"),
    "language": ("preferred language", "lang", "语言", "首选语言"),
    "birthday": ("birth date", "date of birth", "dob", "bday", "生日", "出生日期"),
    "birthday_calendar": ("calendar", "birthday calendar", "历法", "生日历法"),
    "birthday_leap_month": ("leap month", "闰月"),
    "tags": ("categories", "category", "groups", "group membership", "labels", "标签", "分组"),
    "owner": ("owner name", "staff", "负责人"),
    "status": ("状态",),
    "notes": ("note", "comments", "remarks", "备注", "notizen", "noter"),
}

# Columns that add to a list rather than set one value (an address book's "E-mail 2 Address").
LIST_FIELDS = frozenset({"emails", "phones", "tags"})

_NORMALISE = re.compile(r"[\s_\-:.：/()（）]+")


def _key(header: str) -> str:
    return _NORMALISE.sub(" ", header.strip().casefold()).strip()


_LOOKUP: dict[str, str] = {}
for _field, _aliases in _ALIASES.items():
    for _alias in (_field, *_aliases):
        _LOOKUP.setdefault(_key(_alias), _field)


_NUMBER = re.compile(r"\b\d+\b")


def field_for(header: str) -> str | None:
    """The field a header names, or None for a column Liaison does not keep."""
    key = _key(header)
    if key in _LOOKUP:
        return _LOOKUP[key]
    # Numbered columns: Google's "E-mail 3 - Value" / "Phone 4 - Value", Outlook's
    # "E-mail 3 Address" / "Home Phone 2" are more of what their first column holds.
    if _NUMBER.search(key):
        for candidate in (_NUMBER.sub("1", key), " ".join(_NUMBER.sub(" ", key).split())):
            if _LOOKUP.get(candidate) in LIST_FIELDS:
                return _LOOKUP[candidate]
    return None


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
