"""How a letter opens: "Dear Dr Müller," / "Dear Director Wang," / "尊敬的王主任：".

Rules chosen (and shown in the help):
- English follows British usage: "Dr", "Mr", "Ms", "Mrs", "Prof" without a full stop; any other
  honorific ("Director", "Ambassador") is used as the contact typed it. Without an honorific
  the full name is used ("Dear Wang Fang,"), never the given name alone.
- A Chinese name in Latin letters is written family name first, a European one given name
  first. A contact counts as Chinese when they have a Chinese name or prefer Chinese.
- Chinese addresses an official by family name and position title (王主任, 欧阳副市长), read
  from the end of the Chinese position; else 教授 / 博士 from the honorific, else 先生 / 女士.
  With neither a title nor a known gender the full name is used ("尊敬的王芳："): never the
  given name with a title.
- A former official keeps the courtesy title: "欧洲处处长（原）" and "原主任" still give
  处长 and 主任, as Chinese offices address their old leaders (老领导) by their last post.
- Of several posts ("党组书记、局长") the first is used, a Party secretary's post only when
  there is no other: an office writes to the 局长.
- A European contact without a Chinese name keeps the Latin family name: "尊敬的Müller博士：".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from crm.domain.names import display_pinyin, has_han, name_syllables, split_chinese_name

if TYPE_CHECKING:
    from crm.domain.greetings import Recipient

# Position titles an official is addressed by; a 副 before any of them is kept (副总经理).
POSITION_TITLES: tuple[str, ...] = (
    "主任",
    "处长",
    "局长",
    "市长",
    "科长",
    "部长",
    "院长",
    "秘书长",
    "总经理",
    "董事长",
    "主席",
    "书记",
    "教授",
    "厅长",
    "司长",
    "省长",
    "区长",
    "县长",
    "校长",
    "所长",
    "会长",
    "理事长",
    "馆长",
    "总裁",
    "大使",
    "总领事",
    "参赞",
)
# Longest first, so 秘书长 wins over a shorter title it ends with.
_TITLES_LONGEST_FIRST = tuple(sorted(POSITION_TITLES, key=len, reverse=True))
_PARTY_TITLES = frozenset({"书记", "副书记"})

# What people type as an honorific, folded, and the British form it stands for.
_KNOWN_HONORIFICS: dict[str, str] = {
    "mr": "Mr",
    "mister": "Mr",
    "herr": "Mr",
    "monsieur": "Mr",
    "先生": "Mr",
    "ms": "Ms",
    "frau": "Ms",
    "madame": "Ms",
    "mme": "Ms",
    "女士": "Ms",
    "mrs": "Mrs",
    "miss": "Miss",
    "mx": "Mx",
    "dr": "Dr",
    "doctor": "Dr",
    "博士": "Dr",
    "prof": "Prof",
    "professor": "Prof",
    "教授": "Prof",
}
_MALE = frozenset({"Mr"})
_FEMALE = frozenset({"Ms", "Mrs", "Miss"})

_BRACKETED = re.compile(r"[（(][^）)]*[）)]")
_POSTS = re.compile(r"[、，,;；/／|]+")
_HONORIFIC_WORDS = re.compile(r"[\s.\-]+")


def honorific_en(honorific: str) -> str:
    """The honorific as a British letter writes it: "Dr." → "Dr", "Prof. Dr." → "Prof",
    "先生" → "Mr"; a free title ("Director") as typed; "" when there is none."""
    text = honorific.strip()
    if not text:
        return ""
    if text in _KNOWN_HONORIFICS:
        return _KNOWN_HONORIFICS[text]
    words = [w.casefold() for w in _HONORIFIC_WORDS.split(text) if w]
    if any(_KNOWN_HONORIFICS.get(w) == "Prof" for w in words):
        return "Prof"
    if words and words[0] in _KNOWN_HONORIFICS:
        return _KNOWN_HONORIFICS[words[0]]
    return text.rstrip(",")


def position_title(position_zh: str) -> str:
    """The title a Chinese position is addressed by: "欧洲处处长" → "处长", "工程科学学院副院长"
    → "副院长", "主任（原）" → "主任"; "" when the position ends in no such title."""
    found: list[str] = []
    for post in _POSTS.split(_BRACKETED.sub("", position_zh)):
        post = "".join(post.split())
        for title in _TITLES_LONGEST_FIRST:
            if post.endswith(title):
                deputy = not title.startswith("副") and post[: -len(title)].endswith("副")
                found.append("副" + title if deputy else title)
                break
    for title in found:
        if title not in _PARTY_TITLES:
            return title
    return found[0] if found else ""


def is_chinese(recipient: Recipient) -> bool:
    """Whether the name is Chinese, so written family name first in Latin letters too."""
    return has_han(recipient.name_zh) or recipient.language.startswith("zh")


def _han_name(recipient: Recipient) -> str:
    if has_han(recipient.name_zh):
        return "".join(recipient.name_zh.split())
    if has_han(recipient.family_name):
        return "".join((recipient.family_name + recipient.given_name).split())
    return ""


def latin_family_name(recipient: Recipient) -> str:
    """The family name in Latin letters; pinyin of the Chinese family name when none was typed."""
    family = recipient.family_name.strip()
    if family and not has_han(family):
        return family
    han = _han_name(recipient)
    return "".join(name_syllables(han)[0]).capitalize() if han else ""


def latin_full_name(recipient: Recipient) -> str:
    """ "Wang Fang" (family name first) for a Chinese contact, "Katrin Müller" otherwise."""
    family, given = recipient.family_name.strip(), recipient.given_name.strip()
    if has_han(family + given):
        family = given = ""
    if not (family or given):
        return display_pinyin(_han_name(recipient))
    parts = (family, given) if is_chinese(recipient) else (given, family)
    return " ".join(p for p in parts if p)


def salutation_en(recipient: Recipient) -> str:
    honorific = honorific_en(recipient.honorific)
    if has_han(honorific):
        honorific = ""  # a Chinese title has no English form we could trust
    family = latin_family_name(recipient)
    if honorific and family:
        return f"Dear {honorific} {family},"
    name = latin_full_name(recipient)
    return f"Dear {name}," if name else "Dear Sir or Madam,"


def _title_zh(recipient: Recipient) -> str:
    title = position_title(recipient.position_zh)
    if title:
        return title
    honorific = recipient.honorific.strip()
    if has_han(honorific) and position_title(honorific):
        return position_title(honorific)
    return {
        "Prof": "教授",
        "Dr": "博士",
        "Mr": "先生",
        "Ms": "女士",
        "Mrs": "女士",
        "Miss": "女士",
    }.get(honorific_en(honorific), "")


def salutation_zh(recipient: Recipient) -> str:
    han = _han_name(recipient)
    if han:
        family, full = split_chinese_name(han)[0], han
    else:
        family, full = latin_family_name(recipient), latin_full_name(recipient)
    title = _title_zh(recipient)
    if title and family:
        return f"尊敬的{family}{title}："
    if full:
        return f"尊敬的{full}："
    return "尊敬的先生/女士："


def salutation(recipient: Recipient, language: str) -> str:
    """The opening line in `language`; any language other than Chinese gets English, the only
    other language templates are written in."""
    if language.startswith("zh"):
        return salutation_zh(recipient)
    return salutation_en(recipient)
