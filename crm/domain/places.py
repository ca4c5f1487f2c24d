"""Places and countries: ISO 3166 codes checked against Babel's list, country names in the UI
language, and the words a partnership is found by (its partner's names, in Latin letters, 汉字
and pinyin, its country, areas and owner)."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from babel import Locale

from crm.domain.search import fold, matches

_COUNTRY = re.compile(r"^[A-Z]{2}$")
# Codes CLDR knows that are not countries (unions, pseudo-locales, "unknown") or only
# "exceptionally reserved" in ISO 3166-1.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AC", "CP", "DG", "EA", "IC", "TA"})  # fmt: skip


@cache
def known_countries() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes, as Babel (CLDR) names them."""
    codes = (str(code) for code in Locale("en").territories)
    return frozenset(code for code in codes if _COUNTRY.match(code) and code not in _NOT_COUNTRIES)


@cache
def country_name(code: str, locale: str) -> str:
    """ "China" / "中国"; the code itself when unknown."""
    if not code:
        return ""
    return str(Locale.parse(locale).territories.get(code.upper(), code))


@lru_cache(maxsize=8192)
def place_words(name: str, name_zh: str) -> tuple[str, ...]:
    """A place's search words: its names folded, and the pinyin of its Chinese name joined
    (hefei), split (he fei) and as initials (hf)."""
    words = [fold(name), fold(name_zh)]
    if not name_zh:
        return tuple(words)
    # Imported here, as in crm.domain.names: pypinyin's dictionaries are large.
    from pypinyin import lazy_pinyin

    syllables = [s.lower() for s in lazy_pinyin(name_zh, errors="ignore") if s.isalpha()]
    if syllables:
        words += ["".join(syllables), " ".join(syllables), "".join(s[0] for s in syllables)]
    return tuple(words)


@lru_cache(maxsize=16384)
def partnership_document(
    *,
    name: str,
    name_zh: str,
    country: str,
    region: str = "",
    areas: tuple[str, ...] = (),
    owner: str = "",
) -> str:
    """The one text a partnership is found by (the same matching as the contacts' search)."""
    words = list(place_words(name, name_zh))
    if country:
        words += [country.lower(), fold(country_name(country, "en_GB"))]
        words.append(fold(country_name(country, "zh_CN")))
    words += [fold(region), fold(owner), *(fold(a) for a in areas)]
    return " ".join(w for w in words if w)


def document_matches(document: str, query: str) -> bool:
    return matches(document, query)
