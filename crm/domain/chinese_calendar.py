"""Chinese festivals and lunar birthdays in the Gregorian calendar, from lunar_python.

lunar_python is the well-kept library LIBRARIES.md checked against an independent one for
1900–2100; a conversion costs about a millisecond, so every result is cached per year.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from lunar_python import Lunar, LunarMonth, LunarYear

# Code → (lunar month, lunar day), in the order they fall in the year.
LUNAR_FESTIVALS: tuple[tuple[str, int, int], ...] = (
    ("spring_festival", 1, 1),
    ("lantern", 1, 15),
    ("dragon_boat", 5, 5),
    ("mid_autumn", 8, 15),
    ("double_ninth", 9, 9),
)
QINGMING = "qingming"


def _date(solar: object) -> dt.date:
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())  # type: ignore[attr-defined]


@lru_cache(maxsize=512)
def chinese_festivals(year: int) -> tuple[tuple[str, dt.date], ...]:
    """The Chinese festivals of Gregorian `year`, sorted by date.

    Lunar year `year` begins in January or February of Gregorian `year` and its 9th month
    ends by early December, so every festival of lunar year `year` falls in Gregorian `year`.
    Qingming is a solar term (清明), not a lunar date.
    """
    days = [
        (code, _date(Lunar.fromYmd(year, month, day).getSolar()))
        for code, month, day in LUNAR_FESTIVALS
    ]
    qingming = Lunar.fromYmd(year, 1, 1).getJieQiTable()["清明"]
    days.append((QINGMING, _date(qingming)))
    return tuple(sorted(days, key=lambda item: item[1]))


@lru_cache(maxsize=4096)
def lunar_birthday(lunar_year: int, month: int, day: int, leap_month: bool = False) -> dt.date:
    """The Gregorian date of a lunar birthday (month/day) in lunar year `lunar_year`.

    The rule (LIBRARIES.md): born in a leap month → the leap month in the years that have
    it, else the ordinary month; a day the month lacks (the 30th of a 29-day month) → the
    month's last day.
    """
    key = -month if leap_month and LunarYear.fromYear(lunar_year).getLeapMonth() == month else month
    last = LunarMonth.fromYm(lunar_year, key).getDayCount()
    return _date(Lunar.fromYmd(lunar_year, key, min(day, last)).getSolar())
