"""Dates as people read them, in the UI language, through Babel.

English uses British conventions ("29 October 2009"), as a European office writes; Chinese uses
zh_CN ("2009年10月29日"). Lunar dates in Chinese read as a calendar prints them (农历闰六月十二).
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_skeleton

from crm.domain.dates import Birthday, CalendarKind, PartialDate
from crm.domain.text import QT_TRANSLATE_NOOP, DomainError, Translator

LUNAR = QT_TRANSLATE_NOOP("Dates", "lunar {month}/{day}")
LUNAR_LEAP = QT_TRANSLATE_NOOP("Dates", "lunar leap {month}/{day}")
LUNAR_YEAR = QT_TRANSLATE_NOOP("Dates", "{year}, lunar {month}/{day}")
LUNAR_LEAP_YEAR = QT_TRANSLATE_NOOP("Dates", "{year}, lunar leap {month}/{day}")

_ZH_MONTHS = "正二三四五六七八九十冬腊"
_ZH_DIGITS = "一二三四五六七八九十"


def babel_locale(language: str) -> str:
    return "zh_CN" if language.startswith("zh") else "en_GB"


def format_partial_date(value: PartialDate | str, language: str) -> str:
    """ "1985", "October 1986", "29 October 2009", "15 April" (and the zh_CN equivalents)."""
    date = PartialDate.parse(value) if isinstance(value, str) else value
    locale = babel_locale(language)
    if date.year is None:
        assert date.month is not None and date.day is not None
        return format_skeleton("MMMMd", dt.date(2000, date.month, date.day), locale=locale)
    if date.month is None:
        return format_skeleton("y", dt.date(date.year, 1, 1), locale=locale)
    if date.day is None:
        return format_skeleton("yMMMM", dt.date(date.year, date.month, 1), locale=locale)
    return format_date(dt.date(date.year, date.month, date.day), "long", locale=locale)


def format_stored_date(value: str | None, language: str) -> str:
    """A date as Liaison stores it ("1985", "1986-10", "2009-10-29", "--04-15") as people read it.

    For documents written from stored data (the handover dossier): an empty value is "", and a
    text that is not such a date is shown as it was written rather than failing the document."""
    if not value:
        return ""
    try:
        return format_partial_date(value, language)
    except DomainError:
        return value


def lunar_month_day_zh(month: int, day: int, leap: bool = False) -> str:
    """农历 month and day as printed in a calendar: 正月十五, 闰六月十二, 八月三十."""
    if day <= 10:
        day_text = "初" + _ZH_DIGITS[day - 1]
    elif day < 20:
        day_text = "十" + _ZH_DIGITS[day - 11]
    elif day == 20:
        day_text = "二十"
    elif day < 30:
        day_text = "廿" + _ZH_DIGITS[day - 21]
    else:
        day_text = "三十"
    return f"{'闰' if leap else ''}{_ZH_MONTHS[month - 1]}月{day_text}"


def format_birthday(
    birthday: str, calendar: str, leap_month: bool, language: str, translate: Translator
) -> str:
    if not birthday:
        return ""
    try:
        parsed = Birthday.parse(
            birthday, calendar_kind=calendar, leap_month=leap_month, today=dt.date.max
        )
    except Exception:
        return birthday
    if parsed.calendar is CalendarKind.GREGORIAN:
        return format_partial_date(PartialDate(parsed.year, parsed.month, parsed.day), language)
    if language.startswith("zh"):
        year = f"{parsed.year}年" if parsed.year else ""
        return f"{year}农历{lunar_month_day_zh(parsed.month, parsed.day, parsed.leap_month)}"
    if parsed.year:
        text = LUNAR_LEAP_YEAR if parsed.leap_month else LUNAR_YEAR
    else:
        text = LUNAR_LEAP if parsed.leap_month else LUNAR
    return text.with_params(year=parsed.year, month=parsed.month, day=parsed.day).render(translate)


def country_names(language: str) -> dict[str, str]:
    """Every country by its ISO 3166 two-letter code, named in `language` (Babel's CLDR
    names), sorted by name."""
    from babel import Locale

    territories = Locale.parse(babel_locale(language)).territories
    named = {code: name for code, name in territories.items() if len(code) == 2 and code.isalpha()}
    return dict(sorted(named.items(), key=lambda item: item[1].casefold()))
