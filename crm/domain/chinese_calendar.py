"""Chinese festivals and lunar birthdays in the Gregorian calendar, from lunar_python.

lunar_python is the well-kept library LIBRARIES.md checked against an independent one for
1900–2100. A conversion through it costs about a millisecond, so it is asked once per lunar
year for the year's months (where each begins, how long it is) and every date is counted from
those, cached.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from lunar_python import Lunar, LunarYear, Solar

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


@dataclass(frozen=True)
class LunarMonthSpan:
    """One month of a lunar year, placed in the Gregorian calendar."""

    year: int
    month: int
    leap: bool
    first: dt.date
    days: int

    @property
    def last(self) -> dt.date:
        return self.first + dt.timedelta(days=self.days - 1)


@lru_cache(maxsize=512)
def lunar_months(lunar_year: int) -> tuple[LunarMonthSpan, ...]:
    """The months of lunar year `lunar_year` in order, its leap month (if any) included."""
    return tuple(
        LunarMonthSpan(
            year=lunar_year,
            month=abs(month.getMonth()),
            leap=month.getMonth() < 0,
            first=_date(Solar.fromJulianDay(month.getFirstJulianDay())),
            days=month.getDayCount(),
        )
        for month in LunarYear.fromYear(lunar_year).getMonthsInYear()
        if month.getYear() == lunar_year
    )


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
    if day < 1:
        raise ValueError(f"no lunar day {day}")
    months = {(span.month, span.leap): span for span in lunar_months(lunar_year)}
    span = months.get((month, leap_month)) or months.get((month, False))
    if span is None:
        raise ValueError(f"no lunar month {month} in {lunar_year}")
    return span.first + dt.timedelta(days=min(day, span.days) - 1)


def lunar_birthdays_between(start: dt.date, end: dt.date) -> frozenset[tuple[int, int]]:
    """Every lunar (month, day) whose birthday can fall from `start` to `end` (inclusive).

    The rule of `lunar_birthday` read backwards, to narrow a search: a day of a leap month
    stands for its month's births (born in the leap month), the last day of a 29-day month
    for the 30th too. Born in a leap month or not is left to `lunar_birthday`: a set a little
    too wide only costs a few rows, a set too narrow would lose birthdays.
    """
    found: set[tuple[int, int]] = set()
    # The lunar year before `start`'s Gregorian year ends in January or February.
    for year in range(start.year - 1, end.year + 1):
        for span in lunar_months(year):
            first, last = max(span.first, start), min(span.last, end)
            if first > last:
                continue
            days = range((first - span.first).days + 1, (last - span.first).days + 2)
            found.update((span.month, day) for day in days)
            if last == span.last:
                found.update((span.month, day) for day in range(span.days + 1, 31))
    return frozenset(found)
