"""Partial dates and birthdays, as people really know them.

History is often known only to the year ("formalised in 1985") or the month; birthdays often
lack a year (vCard `--04-15`). Nothing here invents the parts nobody knows.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from crm.domain.text import QT_TRANSLATE_NOOP, DomainError

if TYPE_CHECKING:
    from crm.domain.chinese_calendar import LunarMonthSpan

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_YEARLESS = re.compile(r"^--(\d{1,2})-?(\d{1,2})$")

BAD_DATE = QT_TRANSLATE_NOOP(
    "Dates", "“{value}” is not a date: write it as 2024-05-31, 2024-05, 2024 or --05-31."
)
NO_SUCH_DAY = QT_TRANSLATE_NOOP("Dates", "{value} does not exist in the calendar.")
FUTURE_BIRTHDAY = QT_TRANSLATE_NOOP("Dates", "A birthday cannot be in the future.")
TOO_OLD = QT_TRANSLATE_NOOP("Dates", "The year {year} is too far in the past for a birthday.")
BAD_LUNAR = QT_TRANSLATE_NOOP(
    "Dates", "A lunar date has a month from 1 to 12 and a day from 1 to 30."
)
NO_LEAP_MONTH = QT_TRANSLATE_NOOP("Dates", "The lunar year {year} has no leap month {month}.")
SHORT_LUNAR_MONTH = QT_TRANSLATE_NOOP(
    "Dates", "Lunar month {month} of {year} has only {days} days."
)
LEAP_NEEDS_YEAR = QT_TRANSLATE_NOOP("Dates", "A birthday in a leap month needs its year.")


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day; `year` may be None only with month and day."""

    year: int | None
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        value = text.strip()
        if match := _YEARLESS.match(value):
            only_month, only_day = int(match[1]), int(match[2])
            _check_day(None, only_month, only_day, value)
            return cls(None, only_month, only_day)
        match = _PARTIAL.match(value)
        if not match:
            raise DomainError(BAD_DATE.with_params(value=value))
        year = int(match[1])
        if year < 1:
            raise DomainError(NO_SUCH_DAY.with_params(value=value))
        month = int(match[2]) if match[2] else None
        day = int(match[3]) if match[3] else None
        if month is not None and not 1 <= month <= 12:
            raise DomainError(NO_SUCH_DAY.with_params(value=value))
        if day is not None:
            _check_day(year, month or 1, day, value)
        return cls(year, month, day)

    def sort_key(self) -> tuple[int, int, int]:
        """Chronological order: 1985 before 1985-03 before 1985-03-02 before 1986; a date
        without a year sorts by month and day alone."""
        return (self.year or 0, self.month or 0, self.day or 0)

    def iso(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.iso()


def _check_day(year: int | None, month: int, day: int, value: str) -> None:
    if not 1 <= month <= 12:
        raise DomainError(NO_SUCH_DAY.with_params(value=value))
    # A year-less 29 February is a real birthday: check it against a leap year.
    days = calendar.monthrange(year if year is not None else 2000, month)[1]
    if not 1 <= day <= days:
        raise DomainError(NO_SUCH_DAY.with_params(value=value))


class CalendarKind(StrEnum):
    GREGORIAN = "gregorian"
    LUNAR = "lunar"


@dataclass(frozen=True)
class Birthday:
    """A birthday in the Gregorian or the Chinese lunisolar calendar, year optional.

    For a lunar birthday month and day are lunar; `leap_month` marks a birth in a leap month.
    """

    month: int
    day: int
    year: int | None = None
    calendar: CalendarKind = CalendarKind.GREGORIAN
    leap_month: bool = False

    @classmethod
    def parse(
        cls,
        text: str,
        *,
        calendar_kind: CalendarKind | str = CalendarKind.GREGORIAN,
        leap_month: bool = False,
        today: dt.date | None = None,
    ) -> Birthday:
        kind = CalendarKind(calendar_kind)
        value = text.strip()
        if kind is CalendarKind.GREGORIAN:
            partial = PartialDate.parse(value)
            if partial.month is None or partial.day is None:
                raise DomainError(BAD_DATE.with_params(value=value))
            birthday = cls(partial.month, partial.day, partial.year)
            birthday._check_plausible(today or dt.date.today())
            return birthday
        match = _YEARLESS.match(value) or re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", value)
        if not match:
            raise DomainError(BAD_DATE.with_params(value=value))
        groups = [int(g) for g in match.groups()]
        year: int | None = groups[0] if len(groups) == 3 else None
        month, day = groups[-2], groups[-1]
        birthday = cls(month, day, year, CalendarKind.LUNAR, leap_month)
        birthday._check_lunar()
        birthday._check_plausible(today or dt.date.today())
        return birthday

    def iso(self) -> str:
        return PartialDate(self.year, self.month, self.day).iso()

    def _check_plausible(self, today: dt.date) -> None:
        if self.year is None:
            return
        if self.year < 1900:
            raise DomainError(TOO_OLD.with_params(year=self.year))
        if self.calendar is CalendarKind.GREGORIAN:
            if dt.date(self.year, self.month, self.day) > today:
                raise DomainError(FUTURE_BIRTHDAY)
        elif self.to_gregorian_of_birth() > today:
            raise DomainError(FUTURE_BIRTHDAY)

    def _check_lunar(self) -> None:
        if not (1 <= self.month <= 12 and 1 <= self.day <= 30):
            raise DomainError(BAD_LUNAR)
        if self.year is None:
            if self.leap_month:
                raise DomainError(LEAP_NEEDS_YEAR)
            return
        span = _lunar_month(self.year, self.month, self.leap_month)
        if span is None:
            raise DomainError(NO_LEAP_MONTH.with_params(year=self.year, month=self.month))
        days = span.days
        if self.day > days:
            raise DomainError(
                SHORT_LUNAR_MONTH.with_params(year=self.year, month=self.month, days=days)
            )

    def to_gregorian_of_birth(self) -> dt.date:
        """The Gregorian date of birth (needs the year)."""
        if self.year is None:
            raise ValueError("a year-less birthday has no date of birth")
        if self.calendar is CalendarKind.GREGORIAN:
            return dt.date(self.year, self.month, self.day)
        span = _lunar_month(self.year, self.month, self.leap_month)
        if span is not None and 1 <= self.day <= span.days:
            return span.first + dt.timedelta(days=self.day - 1)
        from lunar_python import Lunar

        month = -self.month if self.leap_month else self.month
        solar = Lunar.fromYmd(self.year, month, self.day).getSolar()
        return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


def _lunar_month(year: int, month: int, leap: bool) -> LunarMonthSpan | None:
    """The lunar month, from the year's table (cached: lunar_python takes milliseconds a year,
    which an import of thousands of lunar birthdays would pay for each one)."""
    from crm.domain.chinese_calendar import lunar_months

    return next((s for s in lunar_months(year) if s.month == month and s.leap == leap), None)


_LOOSE_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$"), "ymd"),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T.*)?$"), "ymd"),
    (re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"), "ymd"),
    (re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$"), "ymd"),
    (re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"), "ymd"),
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), "dmy"),
    (re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$"), "dmy"),
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), "slash"),
    (re.compile(r"^--(\d{2})-?(\d{2})$"), "md"),
    (re.compile(r"^(\d{1,2})\s*月\s*(\d{1,2})\s*日?$"), "md"),
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.?$"), "dm"),
)


_OUTLOOK_NONE = re.compile(r"^(0{1,2}/0{1,2}/0{2,4}|0?1/0?1/4501)$")


def parse_loose_date(text: str) -> str:
    """A birthday as address books and spreadsheets write it, as ISO (or --MM-DD without a year).

    Accepts 1980-04-15, 19800415, 1980/4/15, 1980年4月15日, 1980.4.15, 15.04.1980 and 15-04-1980
    (day first, as in Europe), 4/15/1980 (month first when the day is over 12 or the first
    number can only be a month: Outlook and Google write US dates), --0415, --04-15, 4月15日 and
    15.4. Outlook's "no date" (0/0/00, or 1/1/4501) is no birthday: "".
    """
    value = text.strip()
    if _OUTLOOK_NONE.match(value):
        return ""
    for pattern, order in _LOOSE_PATTERNS:
        match = pattern.match(value)
        if not match:
            continue
        numbers = [int(g) for g in match.groups()]
        if order == "ymd":
            year, month, day = numbers
        elif order == "dmy":
            day, month, year = numbers
        elif order == "slash":
            first, second, year = numbers
            # US exports write month/day; a first number over 12 can only be a day.
            month, day = (second, first) if first > 12 else (first, second)
        elif order == "md":
            year, (month, day) = None, numbers
        else:
            year, (day, month) = None, numbers
        if not _valid(year, month, day):
            raise DomainError(NO_SUCH_DAY.with_params(value=value))
        return PartialDate(year, month, day).iso()
    raise DomainError(BAD_DATE.with_params(value=value))


def _valid(year: int | None, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or (year is not None and year < 1):
        return False
    return 1 <= day <= calendar.monthrange(year if year is not None else 2000, month)[1]
