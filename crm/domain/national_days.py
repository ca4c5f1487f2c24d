"""The national day of each country we may have partners in: our own table, ISO code → rule.

No library marks "the" national day (LIBRARIES.md: `holidays` has no such flag and lacks
Denmark's 5 June), so the office's own table it is. Most are fixed dates; the Netherlands'
King's Day moves to 26 April when 27 April is a Sunday.

The United Kingdom is left out on purpose: it has no national day, and the King's Official
Birthday that embassies keep is set each year (a Saturday in June), not by a rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from crm.domain.text import QT_TRANSLATE_NOOP, Text


def _kings_day(year: int) -> dt.date:
    day = dt.date(year, 4, 27)
    return day - dt.timedelta(days=1) if day.weekday() == 6 else day


@dataclass(frozen=True)
class NationalDay:
    country: str
    name: Text
    rule: Callable[[int], dt.date]
    fixed: bool = True  # the same month and day every year

    def on(self, year: int) -> dt.date:
        return self.rule(year)


def _fixed(month: int, day: int) -> Callable[[int], dt.date]:
    return lambda year: dt.date(year, month, day)


def _nd(country: str, name: Text, rule: Callable[[int], dt.date]) -> tuple[str, NationalDay]:
    return country, NationalDay(country, name, rule, fixed=rule is not _kings_day)


NATIONAL_DAYS: dict[str, NationalDay] = dict(
    [
        _nd("CN", QT_TRANSLATE_NOOP("NationalDays", "China: National Day"), _fixed(10, 1)),
        _nd("NO", QT_TRANSLATE_NOOP("NationalDays", "Norway: Constitution Day"), _fixed(5, 17)),
        _nd("BE", QT_TRANSLATE_NOOP("NationalDays", "Belgium: National Day"), _fixed(7, 21)),
        _nd("DK", QT_TRANSLATE_NOOP("NationalDays", "Denmark: Constitution Day"), _fixed(6, 5)),
        _nd("DE", QT_TRANSLATE_NOOP("NationalDays", "Germany: Day of German Unity"), _fixed(10, 3)),
        _nd("SE", QT_TRANSLATE_NOOP("NationalDays", "Sweden: National Day"), _fixed(6, 6)),
        _nd("FR", QT_TRANSLATE_NOOP("NationalDays", "France: Bastille Day"), _fixed(7, 14)),
        _nd("PL", QT_TRANSLATE_NOOP("NationalDays", "Poland: Constitution Day"), _fixed(5, 3)),
        _nd("FI", QT_TRANSLATE_NOOP("NationalDays", "Finland: Independence Day"), _fixed(12, 6)),
        _nd("IT", QT_TRANSLATE_NOOP("NationalDays", "Italy: Republic Day"), _fixed(6, 2)),
        _nd("ES", QT_TRANSLATE_NOOP("NationalDays", "Spain: National Day"), _fixed(10, 12)),
        _nd("AT", QT_TRANSLATE_NOOP("NationalDays", "Austria: National Day"), _fixed(10, 26)),
        _nd("CH", QT_TRANSLATE_NOOP("NationalDays", "Switzerland: National Day"), _fixed(8, 1)),
        _nd("IE", QT_TRANSLATE_NOOP("NationalDays", "Ireland: Saint Patrick's Day"), _fixed(3, 17)),
        _nd("PT", QT_TRANSLATE_NOOP("NationalDays", "Portugal: Portugal Day"), _fixed(6, 10)),
        _nd("CZ", QT_TRANSLATE_NOOP("NationalDays", "Czechia: Independence Day"), _fixed(10, 28)),
        _nd("IS", QT_TRANSLATE_NOOP("NationalDays", "Iceland: National Day"), _fixed(6, 17)),
        _nd("LU", QT_TRANSLATE_NOOP("NationalDays", "Luxembourg: National Day"), _fixed(6, 23)),
        _nd("HU", QT_TRANSLATE_NOOP("NationalDays", "Hungary: Saint Stephen's Day"), _fixed(8, 20)),
        _nd("GR", QT_TRANSLATE_NOOP("NationalDays", "Greece: Independence Day"), _fixed(3, 25)),
        _nd(
            "US", QT_TRANSLATE_NOOP("NationalDays", "United States: Independence Day"), _fixed(7, 4)
        ),
        _nd("NL", QT_TRANSLATE_NOOP("NationalDays", "Netherlands: King's Day"), _kings_day),
    ]
)


def national_day(country: str, year: int) -> tuple[Text, dt.date] | None:
    """The name and date of `country`'s national day in `year`, or None if we keep none."""
    entry = NATIONAL_DAYS.get(country.upper())
    return (entry.name, entry.on(year)) if entry else None


def is_fixed(country: str) -> bool:
    """Whether `country`'s national day falls on the same month and day every year."""
    entry = NATIONAL_DAYS.get(country.upper())
    return entry is not None and entry.fixed
