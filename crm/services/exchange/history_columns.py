"""Columns of partnership and delegation sheets, and how a list lives in one cell.

Our exports use DESIGN.md's JSON keys as headers; sheets kept by hand may name the columns in
English or Chinese ("Partner city", "合作城市"). A list is one cell with its items separated by
";" (areas: "trade;energy efficiency"); an item made of several fields separates them with "|":

    members     contact-id|name|role              e.g. 2e48…|Wang Fang (王芳)|coordinator
    itinerary   day|time|description              e.g. 2019-10-28|09:30|Port visit
    gifts       id|direction|given_on|value_band|contact-id|description|occasion|notes

A backslash makes the next character plain text ("\\;", "\\|", "\\\\"), so any text survives the
round trip; trailing empty fields may be left out. In JSON the same lists are arrays of objects.
"""

from __future__ import annotations

import re

_NORMALISE = re.compile(r"[\s_\-:.：/()（）]+")


def header_key(header: str) -> str:
    """Headers compare case-, space- and punctuation-insensitively, as the contact columns do."""
    return _NORMALISE.sub(" ", header.strip().casefold()).strip()


PARTNERSHIP_FIELDS = (
    "id",
    "partner",
    "partner_zh",
    "country",
    "region",
    "type",
    "formalised_on",
    "status",
    "areas",
    "owner",
    "champions",
    "notes",
)

DELEGATION_FIELDS = (
    "id",
    "partnership",
    "partner",
    "direction",
    "title",
    "start",
    "end",
    "status",
    "leader",
    "members",
    "purpose",
    "itinerary",
    "gifts",
    "outcomes",
    "notes",
)

MEMBER_FIELDS = ("contact", "name", "role")
ITINERARY_FIELDS = ("day", "time", "description")
GIFT_FIELDS = (
    "id",
    "direction",
    "given_on",
    "value_band",
    "contact",
    "description",
    "occasion",
    "notes",
)

_PARTNERSHIP_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("uuid", "partnership id"),
    "partner": ("partner city", "city", "place", "partner name", "合作城市", "伙伴城市", "城市"),
    "partner_zh": (
        "partner chinese",
        "chinese name",
        "city zh",
        "中文名",
        "城市中文名",
        "中文名称",
    ),
    "country": ("country code", "国家", "国家代码"),
    "region": ("province", "state", "省份", "地区"),
    "type": ("partnership type", "kind", "类型", "关系类型"),
    "formalised_on": (
        "formalized on",
        "formalised",
        "formalized",
        "since",
        "established",
        "date",
        "结好时间",
        "建立时间",
        "缔结时间",
    ),
    "status": ("状态",),
    "areas": ("cooperation areas", "areas of cooperation", "topics", "合作领域", "领域"),
    "owner": ("owner name", "staff", "负责人"),
    "champions": ("champion", "key people", "关键人物"),
    "notes": ("note", "comments", "remarks", "备注"),
}

_DELEGATION_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("uuid", "delegation id"),
    "partnership": ("partnership id",),
    "partner": ("partner city", "city", "合作城市"),
    "direction": ("incoming outgoing", "方向"),
    "title": ("name", "delegation", "标题", "代表团"),
    "start": ("start date", "from", "arrival", "开始日期", "抵达"),
    "end": ("end date", "to", "departure", "结束日期", "离开"),
    "status": ("状态",),
    "leader": ("head of delegation", "团长"),
    "members": ("member", "participants", "成员", "团员"),
    "purpose": ("aim", "目的"),
    "itinerary": ("programme", "program", "schedule", "日程"),
    "gifts": ("gift", "礼品"),
    "outcomes": ("outcome", "results", "成果"),
    "notes": ("note", "comments", "remarks", "备注"),
}


def _lookup(aliases: dict[str, tuple[str, ...]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for name, others in aliases.items():
        for alias in (name, *others):
            table.setdefault(header_key(alias), name)
    return table


_PARTNERSHIP_LOOKUP = _lookup(_PARTNERSHIP_ALIASES)
_DELEGATION_LOOKUP = _lookup(_DELEGATION_ALIASES)


def partnership_field(header: str) -> str | None:
    return _PARTNERSHIP_LOOKUP.get(header_key(header))


def delegation_field(header: str) -> str | None:
    return _DELEGATION_LOOKUP.get(header_key(header))


# One cell, many values -----------------------------------------------------------------------
_SPECIAL = ("\\", ";", "|")


def _escape(text: str) -> str:
    for char in _SPECIAL:
        text = text.replace(char, "\\" + char)
    return text


def join_list(values: list[str]) -> str:
    return ";".join(_escape(v) for v in values)


def join_items(items: list[dict[str, str]], fields: tuple[str, ...]) -> str:
    rows = []
    for item in items:
        values = [str(item.get(f) or "") for f in fields]
        while values and not values[-1]:
            values.pop()
        rows.append("|".join(_escape(v) for v in values))
    return ";".join(rows)


def _split(text: str) -> list[list[str]]:
    """Items (split at ";") of fields (split at "|"), backslash escapes honoured."""
    items: list[list[str]] = []
    fields: list[str] = []
    current: list[str] = []
    chars = iter(text)
    for char in chars:
        if char == "\\":
            current.append(next(chars, "\\"))
        elif char == "|":
            fields.append("".join(current).strip())
            current = []
        elif char == ";":
            fields.append("".join(current).strip())
            items.append(fields)
            fields, current = [], []
        else:
            current.append(char)
    fields.append("".join(current).strip())
    items.append(fields)
    return [item for item in items if any(item)]


def split_list(text: str) -> list[str]:
    """ "trade;energy efficiency" → ["trade", "energy efficiency"] (a "|" is plain text here)."""
    return ["|".join(fields) for fields in _split(text)]


def split_items(text: str, fields: tuple[str, ...]) -> list[dict[str, str]]:
    """ "id|name|role;…" → [{"contact": id, "name": name, "role": role}, …].

    A cell with more fields than the layout keeps the rest in the last field (a description
    written with a bare "|" in it)."""
    result = []
    for values in _split(text):
        if len(values) > len(fields):
            values = [*values[: len(fields) - 1], "|".join(values[len(fields) - 1 :])]
        result.append({f: (values[i] if i < len(values) else "") for i, f in enumerate(fields)})
    return result
