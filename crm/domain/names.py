"""Chinese names: family/given split and surname-aware pinyin.

pypinyin reads characters as ordinary words, so 单 comes out "dan" and 曾 "ceng"; as family names
they are "shan" and "zeng". The family name is split off first (compound surnames included) and
read from the override table; the given name is read by pypinyin.

pypinyin is imported when a pinyin is first asked for, not with this module: its dictionaries
take some 55 MB, and most starts of the app never need them (pinyin is stored with each
contact; only a contact without a Latin name, an edit or an import reads it afresh).
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 夏侯 令狐 宇文 司徒 端木 轩辕 澹台 "
    "单于 万俟 闻人 呼延 南宫 西门 申屠 公冶 太史 濮阳 赫连 独孤 钟离 拓跋 百里 东郭".split()
)

# Readings of characters as family names where they differ from the everyday reading.
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "单": ("shan",),
    "曾": ("zeng",),
    "乐": ("yue", "le"),
    "解": ("xie",),
    "仇": ("qiu",),
    "朴": ("piao",),
    "查": ("zha",),
    "区": ("ou",),
    "盖": ("ge",),
    "秘": ("bi",),
    "覃": ("qin",),
    "缪": ("miao",),
    "种": ("chong",),
    "翟": ("zhai",),
    "召": ("shao",),
    "谌": ("chen",),
    "折": ("she",),
    "宓": ("mi",),
    "沈": ("shen",),
    "燕": ("yan",),
    "葛": ("ge",),
    "句": ("gou",),
    "重": ("chong",),
    "柏": ("bai",),
    "薄": ("bo",),
    "贲": ("ben",),
    "过": ("guo",),
    "冼": ("xian",),
    "那": ("na",),
    "祭": ("zhai",),
    "莘": ("shen",),
    "纪": ("ji",),
    "员": ("yun",),
    "繁": ("po",),
    "尉迟": ("yu", "chi"),
    "万俟": ("mo", "qi"),
    "单于": ("chan", "yu"),
    "长孙": ("zhang", "sun"),
    "澹台": ("tan", "tai"),
}

# A Han character (CJK unified ideographs, extension A and B–F, compatibility ideographs).
HAN_CLASS = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]"
_HAN = re.compile(HAN_CLASS)
_MAX_VARIANTS = 8


def is_han(char: str) -> bool:
    return bool(_HAN.fullmatch(char))


def has_han(text: str) -> bool:
    return bool(_HAN.search(text))


def split_chinese_name(name_zh: str) -> tuple[str, str]:
    """Split 欧阳明 into (欧阳, 明) and 王芳 into (王, 芳)."""
    name = "".join(name_zh.split())
    if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
        return name[:2], name[2:]
    return name[:1], name[1:]


def _surname_syllables(family: str) -> list[str]:
    if family in SURNAME_READINGS and len(family) == 2:
        return list(SURNAME_READINGS[family])
    if family in SURNAME_READINGS:
        return [SURNAME_READINGS[family][0]]
    from pypinyin import lazy_pinyin

    return [s.lower() for s in lazy_pinyin(family, errors="ignore")]


def name_syllables(name_zh: str) -> tuple[list[str], list[str]]:
    """The preferred toneless pinyin of a Chinese name, as (family syllables, given syllables)."""
    family, given = _name_syllables(name_zh)
    return list(family), list(given)


# pypinyin takes tens of microseconds a name; a contact's name is read for its pinyin, its sort
# key and its search document, and imports and lists read thousands.
@lru_cache(maxsize=16384)
def _name_syllables(name_zh: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    from pypinyin import lazy_pinyin

    family, given = split_chinese_name(name_zh)
    given_syllables = tuple(s.lower() for s in lazy_pinyin(given, errors="ignore"))
    return tuple(_surname_syllables(family)), given_syllables


def display_pinyin(name_zh: str) -> str:
    """ "Wang Fang", "Ouyang Ming", "Shan Lihua": family name first, as Chinese names are written."""
    if not has_han(name_zh):
        return ""
    family, given = name_syllables(name_zh)
    parts = ["".join(family).capitalize(), "".join(given).capitalize()]
    return " ".join(p for p in parts if p)


def pinyin_variants(name_zh: str) -> list[list[str]]:
    """Every plausible reading of a name as syllable lists, preferred first, for the search index.

    A heteronym in the given name (乐, 行, 长…) gets each reading, and a surname with a special
    reading keeps its everyday reading too, so a user who types either finds the person.
    """
    if not has_han(name_zh):
        return []
    family, given = split_chinese_name(name_zh)
    preferred = name_syllables(name_zh)
    options: list[list[str]] = []
    if family in SURNAME_READINGS and len(family) == 1:
        options.append(list(SURNAME_READINGS[family]) + _readings(family))
    else:
        options.extend([[s] for s in _surname_syllables(family)])
    for char in given:
        options.append(_readings(char))
    variants = [preferred[0] + preferred[1]]
    for combo in itertools.islice(itertools.product(*options), _MAX_VARIANTS * 4):
        candidate = list(combo)
        if candidate not in variants:
            variants.append(candidate)
        if len(variants) >= _MAX_VARIANTS:
            break
    return variants


def _readings(char: str) -> list[str]:
    return list(_char_readings(char))


@lru_cache(maxsize=16384)
def _char_readings(char: str) -> tuple[str, ...]:
    if not is_han(char):
        return ()
    from pypinyin import Style, pinyin

    readings = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    seen: list[str] = []
    for reading in readings[0] if readings else []:
        if reading.lower() not in seen:
            seen.append(reading.lower())
    return tuple(seen) or ("",)


def latin_name(family_name: str, given_name: str, name_zh: str = "") -> str:
    """The name in Latin letters as its owner writes it: "Wang Fang" for a Chinese name (family
    name first), "Katrin Müller" otherwise; the generated pinyin when no Latin name was given."""
    if not (family_name or given_name):
        return display_pinyin(name_zh)
    parts = (family_name, given_name) if has_han(name_zh) else (given_name, family_name)
    return " ".join(p for p in parts if p)


def full_label(family_name: str, given_name: str, name_zh: str = "") -> str:
    """One line for pickers and messages: "Wang Fang (王芳)", "Katrin Müller", "王芳"."""
    latin = latin_name(family_name, given_name, name_zh)
    if name_zh and latin:
        return f"{latin} ({name_zh})"
    return latin or name_zh
