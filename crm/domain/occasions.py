"""Occasions: dated events computed from the data, never typed in twice.

Pure rules over plain facts (the store reads them, the agenda service passes them in). Each
occasion carries the reason it is shown on the day the agenda is computed.

Rules chosen (and shown in the help):
- A partnership known only to the year ("1985") has its anniversary "sometime" in that year:
  it is listed once, dated 1 January of the year ("sometime in 2025"); a round one stays on the
  agenda for the whole year ("sometime this year"). Known to the month ("1986-10"): dated the
  1st of the month; a round one stays for the whole month ("this month"). Known to the day:
  that day.
- Round anniversaries (5th, 10th, 15th, 20th, 25th, 30th, then every 10th) are listed 180 days
  ahead ("start planning"); the others 14 days ahead, or within the agenda's span if longer.
- A 29 February birthday falls on 28 February in common years (the last day of the same month,
  as most offices and most countries' law do).
- No birthday for a contact who is deceased, has moved on, or is archived.
- An agenda covers `start` to `start + days` inclusive; overdue follow-ups and keep-in-touch
  items are listed too, dated the day they fell due.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any, NamedTuple

from crm.domain.chinese_calendar import chinese_festivals, lunar_birthday
from crm.domain.national_days import is_fixed, national_day
from crm.domain.text import QT_TRANSLATE_NOOP, Text

ROUND_LEAD_DAYS = 180
ORDINARY_LEAD_DAYS = 14
KEEP_IN_TOUCH_DAYS: dict[str, int | None] = {
    "active": 90,
    "exploring": 60,
    "dormant": 365,
    "ended": None,
}
NO_BIRTHDAY_STATUSES = frozenset({"deceased", "moved_on"})

ANNIVERSARY = QT_TRANSLATE_NOOP("Occasions", "Partnership with {partner}: {years} years")
BIRTHDAY = QT_TRANSLATE_NOOP("Occasions", "Birthday of {name}")
BIRTHDAY_AGE = QT_TRANSLATE_NOOP("Occasions", "Birthday of {name} ({age})")
LUNAR_BIRTHDAY = QT_TRANSLATE_NOOP("Occasions", "Birthday of {name} (lunar {month}/{day})")
LUNAR_BIRTHDAY_AGE = QT_TRANSLATE_NOOP(
    "Occasions", "Birthday of {name} (lunar {month}/{day}, {age})"
)
AGREEMENT_REVIEW = QT_TRANSLATE_NOOP("Occasions", "Review of “{title}” ({partner})")
AGREEMENT_EXPIRES = QT_TRANSLATE_NOOP("Occasions", "“{title}” expires ({partner})")
FOLLOW_UP = QT_TRANSLATE_NOOP("Occasions", "Follow-up: {description}")
KEEP_IN_TOUCH = QT_TRANSLATE_NOOP("Occasions", "Keep in touch with {partner}")
KEEP_IN_TOUCH_CONTACT = QT_TRANSLATE_NOOP("Occasions", "Keep in touch with {name}")
VISIT_BEGINS = QT_TRANSLATE_NOOP("Occasions", "Visit begins: {title}")
VISIT_ENDS = QT_TRANSLATE_NOOP("Occasions", "Visit ends: {title}")
FESTIVALS: dict[str, Text] = {
    "new_year": QT_TRANSLATE_NOOP("Occasions", "New Year's Day"),
    "spring_festival": QT_TRANSLATE_NOOP("Occasions", "Spring Festival"),
    "lantern": QT_TRANSLATE_NOOP("Occasions", "Lantern Festival"),
    "qingming": QT_TRANSLATE_NOOP("Occasions", "Qingming Festival"),
    "dragon_boat": QT_TRANSLATE_NOOP("Occasions", "Dragon Boat Festival"),
    "mid_autumn": QT_TRANSLATE_NOOP("Occasions", "Mid-Autumn Festival"),
    "double_ninth": QT_TRANSLATE_NOOP("Occasions", "Double Ninth Festival"),
    "christmas": QT_TRANSLATE_NOOP("Occasions", "Christmas"),
}

GREGORIAN_FESTIVALS = frozenset({"new_year", "christmas"})

START_PLANNING = QT_TRANSLATE_NOOP("Occasions", "round anniversary: start planning")
THIS_YEAR = QT_TRANSLATE_NOOP("Occasions", "sometime this year")
SOMETIME_IN = QT_TRANSLATE_NOOP("Occasions", "sometime in {year}")
THIS_MONTH = QT_TRANSLATE_NOOP("Occasions", "this month")
TODAY = QT_TRANSLATE_NOOP("Occasions", "today")
TOMORROW = QT_TRANSLATE_NOOP("Occasions", "tomorrow")
IN_DAYS = QT_TRANSLATE_NOOP("Occasions", "in {days} days")
OVERDUE_SINCE = QT_TRANSLATE_NOOP("Occasions", "overdue since {date}")
NO_CONTACT_FOR = QT_TRANSLATE_NOOP("Occasions", "no contact for {days} days")


class OccasionKind(StrEnum):
    ANNIVERSARY = "anniversary"
    BIRTHDAY = "birthday"
    FESTIVAL = "festival"
    AGREEMENT = "agreement"
    FOLLOW_UP = "follow_up"
    KEEP_IN_TOUCH = "keep_in_touch"
    DELEGATION = "delegation"


class Subject(NamedTuple):
    """What an occasion is about. A tuple of two strings: a year of birthdays holds a hundred
    thousand, and the garbage collector need not watch any of them."""

    type: str
    id: str


class Names(NamedTuple):
    """A contact's names, for a keep-in-touch title."""

    name: str
    name_zh: str


class BirthdayValues(NamedTuple):
    """What a birthday's title says besides its age."""

    name: str
    name_zh: str
    month: int
    day: int


class PartnerNames(NamedTuple):
    """A partner city's names, for a keep-in-touch title."""

    partner: str
    partner_zh: str


class Description(NamedTuple):
    """A follow-up's description, for its title."""

    description: str


# The values of an unbuilt title: a dict, or (lighter, for the thousands of birthdays,
# follow-ups and keep-in-touch items of a large office) one of the named tuples above.
TitleValues = dict[str, object] | Names | BirthdayValues | PartnerNames | Description


class Occasion:
    """One dated item of the agenda.

    Treated as immutable. Light on purpose: a year's agenda of a large office holds a hundred
    thousand of them, so the title and the reason may be given unbuilt — the title as
    (template, params), the reason as None with the day the agenda starts (`since`) — and are
    built the first time someone reads them (only the rows a page shows, usually). An unbuilt
    title is (template, params, age): the age joins the params when it is known."""

    __slots__ = (
        "date",
        "kind",
        "code",
        "years",
        "subject",
        "yearly",
        "_title",
        "_reason",
        "_since",
    )

    def __init__(
        self,
        date: dt.date,
        kind: OccasionKind,
        title: Text | tuple[Text, TitleValues, int | None],
        reason: Text | None = None,
        code: str = "",
        years: int | None = None,
        subject: Subject | None = None,
        # Recurs on the same Gregorian month and day every year (a calendar can repeat it).
        yearly: bool = False,
        *,
        since: dt.date | None = None,
    ) -> None:
        self.date = date
        self.kind = kind
        self.code = code
        self.years = years
        self.subject = subject
        self.yearly = yearly
        self._title = title
        self._reason = reason
        self._since = since

    @property
    def title(self) -> Text:
        title = self._title
        if isinstance(title, tuple):
            template, params, age = title
            given = params if isinstance(params, dict) else params._asdict()
            values = {**template.params, **given}
            if age is not None:
                values["age"] = age
            title = self._title = Text(template.context, template.source, values)
        return title

    @property
    def reason(self) -> Text:
        reason = self._reason
        if reason is None:
            if self._since is None:
                raise ValueError("an occasion needs a reason, or the day its reason is relative to")
            reason = self._reason = due_reason(self.date, self._since)
        return reason

    @property
    def key(self) -> str:
        """Stable identity of this occurrence: what "done", "snoozed" and "notified" refer to.
        A new date (next year's birthday, a keep-in-touch after a new interaction) is a new
        item."""
        about = f"{self.subject.type}:{self.subject.id}" if self.subject else self.code
        return f"{self.kind}:{about}:{self.date.isoformat()}"

    def _fields(self) -> tuple[object, ...]:
        return (
            self.date,
            self.kind,
            self.title,
            self.reason,
            self.code,
            self.years,
            self.subject,
            self.yearly,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Occasion):
            return NotImplemented
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # equal by value, like the Text it holds

    def __repr__(self) -> str:
        return (
            f"Occasion({self.date.isoformat()}, {self.kind!s}, {self.title.render()!r},"
            f" {self.reason.render()!r}, code={self.code!r}, years={self.years!r},"
            f" subject={self.subject!r}, yearly={self.yearly!r})"
        )


# ---- the facts the rules need (read by crm.store.agenda) ----


@dataclass(frozen=True)
class PartnershipFacts:
    id: str
    partner: str
    partner_zh: str
    country: str
    formalised_on: str
    status: str
    last_contact: dt.date | None = None


@dataclass(frozen=True)
class ContactTouchFacts:
    """A contact the office wants to hear from every `interval` days (resolved from the
    contact's own interval or its tags') and the day of the last interaction with them."""

    contact_id: str
    name: str
    name_zh: str
    interval: int
    last_contact: dt.date | None = None


@dataclass(frozen=True)
class BirthdayFacts:
    contact_id: str
    name: str
    name_zh: str
    birthday: str
    calendar: str = "gregorian"
    leap_month: bool = False
    status: str = "active"
    archived: bool = False


@dataclass(frozen=True)
class AgreementFacts:
    id: str
    title: str
    partner: str
    partner_zh: str
    review_on: str
    expires_on: str


@dataclass(frozen=True)
class FollowUpFacts:
    id: str
    description: str
    due_on: str


@dataclass(frozen=True)
class DelegationFacts:
    id: str
    title: str
    start_on: str
    end_on: str
    status: str


# ---- helpers ----


def is_round(years: int) -> bool:
    return years > 0 and (years % 10 == 0 or (years <= 30 and years % 5 == 0))


def due_reason(day: dt.date, start: dt.date) -> Text:
    """ "today", "tomorrow", "in N days", or "overdue since …" for a day before `start`."""
    delta = (day - start).days
    if delta < 0:
        return OVERDUE_SINCE.with_params(date=day.isoformat())
    if delta == 0:
        return TODAY
    if delta == 1:
        return TOMORROW
    return IN_DAYS.with_params(days=delta)


def _iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def _years(start: dt.date, end: dt.date) -> range:
    return range(start.year, end.year + 1)


def _in(day: dt.date, start: dt.date, end: dt.date) -> bool:
    return start <= day <= end


@lru_cache(maxsize=4096)
def same_day_in(year: int, month: int, day: int) -> dt.date:
    """Month/day in `year`; 29 February becomes 28 February in a common year."""
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


# ---- the rules ----


def partnership_anniversaries(
    partnership: PartnershipFacts, start: dt.date, end: dt.date
) -> Iterator[Occasion]:
    return _AnniversaryWindow.of(start, end).anniversaries(partnership)


@dataclass(frozen=True, slots=True)
class _AnniversaryWindow:
    """The days a span's anniversaries are looked for in: a round one from `horizon` away,
    an ordinary one from `soon` away. Worked out once for all of an office's partnerships."""

    start: dt.date
    horizon: dt.date
    soon: dt.date

    @classmethod
    def of(cls, start: dt.date, end: dt.date) -> _AnniversaryWindow:
        return cls(
            start,
            max(end, start + dt.timedelta(days=ROUND_LEAD_DAYS)),
            max(end, start + dt.timedelta(days=ORDINARY_LEAD_DAYS)),
        )

    def anniversaries(self, partnership: PartnershipFacts) -> Iterator[Occasion]:
        founding = _founding(partnership.formalised_on)
        if founding is None:
            return
        founded, month, day = founding
        start, horizon, soon = self.start, self.horizon, self.soon
        for year in range(max(start.year, founded + 1), horizon.year + 1):
            first, last, during = _anniversary_days(year, month, day)
            years = year - founded
            round_ = is_round(years)
            if last < start or first > (horizon if round_ else soon):
                continue
            reason: Text | None = None  # relative to `start`: "in 12 days"
            if first < start:
                # Inside a year or month already begun: only a round one stays on the agenda.
                if not round_:
                    continue
                reason = during
            elif first == start:
                reason = during
            elif round_ and (first - start).days > ORDINARY_LEAD_DAYS:
                reason = START_PLANNING
            elif month is None:
                reason = SOMETIME_IN.with_params(year=year)
            params = {
                "partner": partnership.partner,
                "partner_zh": partnership.partner_zh,
                "years": years,
            }
            yield Occasion(
                first,
                OccasionKind.ANNIVERSARY,
                (ANNIVERSARY, params, None),
                reason,
                "",
                years,
                Subject("partnership", partnership.id),
                day is not None and (month, day) != (2, 29),
                since=start,
            )


@lru_cache(maxsize=65536)
def _anniversary_days(
    year: int, month: int | None, day: int | None
) -> tuple[dt.date, dt.date, Text]:
    """The first and last day of an anniversary known to the year, month or day, and what
    to say while it lasts."""
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31), THIS_YEAR
    if day is None:
        return dt.date(year, month, 1), same_day_in(year, month, 31), THIS_MONTH
    on = same_day_in(year, month, day)
    return on, on, TODAY


@lru_cache(maxsize=65536)
def _founding(formalised_on: str) -> tuple[int, int | None, int | None] | None:
    """Year, month and day of a partial date ("1985", "1986-10", "2009-10-29")."""
    parts = formalised_on.split("-") if formalised_on else []
    if not parts or not all(part.isdigit() for part in parts[:3]):
        return None
    numbers = [int(part) for part in parts[:3]]
    month = numbers[1] if len(numbers) > 1 else None
    day = numbers[2] if len(numbers) > 2 else None
    return numbers[0], month, day


def birthdays(facts: Iterable[BirthdayFacts], start: dt.date, days: int) -> list[Occasion]:
    """The birthdays from `start` to `start + days`, sorted by date, then contact."""
    return BirthdayCalendar(facts).occasions(start, start + dt.timedelta(days=days))


def contact_birthdays(person: BirthdayFacts, start: dt.date, end: dt.date) -> list[Occasion]:
    return BirthdayCalendar([person]).occasions(start, end)


def _birthday_parts(text: str) -> tuple[int | None, int, int] | None:
    value = text.strip()
    try:
        if value.startswith("--"):
            month, day = value[2:].split("-") if "-" in value[2:] else (value[2:4], value[4:])
            return None, int(month), int(day)
        year, month, day = value.split("-")
        return int(year), int(month), int(day)
    except ValueError:
        return None


# One birthday on one day: its date, the contact, then what its occasion is made of: the
# unbuilt title (template, params, age), the age, the subject, whether it recurs yearly.
_Occurrence = tuple[
    dt.date, str, tuple[Text, BirthdayValues, int | None], int | None, Subject, bool
]
_BIRTHDAY_KIND = OccasionKind.BIRTHDAY


class BirthdayCalendar:
    """Everyone's birthdays, a Gregorian year at a time: each year's days are worked out once
    (a lunar birthday is a calendar conversion) and kept sorted, so that any span of the year
    is a slice. Built from the facts as they were read: read them again after a change."""

    # The years kept: a year's agenda from any day of this year or the next needs two; four
    # cover a span across New Year while looking back at the last one (a few MB each).
    KEEP_YEARS = 4

    def __init__(self, facts: Iterable[BirthdayFacts]) -> None:
        self._people = [found for person in facts if (found := _person(person)) is not None]
        self._years: dict[int, list[_Occurrence]] = {}
        # How many years were worked out (a reader that keeps the calendar can tell).
        self.years_computed = 0

    def occasions(self, start: dt.date, end: dt.date) -> list[Occasion]:
        """The birthdays from `start` to `end` inclusive, sorted by date, then contact."""
        return list(self.each(start, end))

    def each(self, start: dt.date, end: dt.date) -> Iterator[Occasion]:
        """The same birthdays, one at a time (a Today page counts thousands of them and keeps
        a few)."""
        for year in range(start.year, end.year + 1):
            days = self._year(year)
            first = bisect.bisect_left(days, start, key=_day)
            last = bisect.bisect_right(days, end, key=_day)
            for index in range(first, last):
                on, _id, title, age, subject, yearly = days[index]
                yield Occasion(
                    on, _BIRTHDAY_KIND, title, None, "", age, subject, yearly, since=start
                )

    def _year(self, year: int) -> list[_Occurrence]:
        days = self._years.get(year)
        if days is None:
            if len(self._years) >= self.KEEP_YEARS:
                del self._years[min(self._years, key=lambda kept: abs(kept - year))]
            days = self._years[year] = sorted(self._occurrences(year), key=_day_then_contact)
            self.years_computed += 1
        return days

    def _occurrences(self, year: int) -> Iterator[_Occurrence]:
        for person in self._people:
            yield from _occurrences_of(person, year)


# A contact's birthday as the calendar keeps it: year born (if known), month, day, lunar,
# leap month, the subject and the title's values.
_Person = tuple[int | None, int, int, bool, bool, Subject, BirthdayValues]


def _person(person: BirthdayFacts) -> _Person | None:
    """What the calendar keeps of a contact, or None for one without a birthday to show."""
    if person.archived or person.status in NO_BIRTHDAY_STATUSES or not person.birthday:
        return None
    parts = _birthday_parts(person.birthday)
    if parts is None:
        return None
    born, month, day = parts
    params = BirthdayValues(person.name, person.name_zh, month, day)
    lunar = person.calendar == "lunar"
    return born, month, day, lunar, person.leap_month, Subject("contact", person.contact_id), params


def _occurrences_of(person: _Person, year: int) -> Iterator[_Occurrence]:
    """A contact's birthday in a Gregorian year (none, one, or two for a lunar one)."""
    born, month, day, lunar, leap, subject, params = person
    if lunar:
        # A lunar year begins in January or February: the lunar year before may still end in
        # this Gregorian year.
        for lunar_year in (year - 1, year):
            try:
                on = lunar_birthday(lunar_year, month, day, leap)
            except Exception:  # noqa: BLE001 - a date the library cannot place: none
                continue
            if on.year == year and (born is None or lunar_year > born):
                yield _occurrence(on, lunar_year, born, True, month, day, subject, params)
    else:
        on = same_day_in(year, month, day)  # 29 February → 28 February in common years
        if born is None or year > born:
            yield _occurrence(on, year, born, False, month, day, subject, params)


def each_birthday(
    facts: Iterable[BirthdayFacts], start: dt.date, end: dt.date
) -> Iterator[Occasion]:
    """The birthdays from `start` to `end` inclusive, as `BirthdayCalendar.occasions` has
    them, but one contact at a time and in no order: nothing is kept of the contacts read."""
    for fact in facts:
        person = _person(fact)
        if person is None:
            continue
        for year in range(start.year, end.year + 1):
            for on, _id, title, age, subject, yearly in _occurrences_of(person, year):
                if start <= on <= end:
                    yield Occasion(
                        on, _BIRTHDAY_KIND, title, None, "", age, subject, yearly, since=start
                    )


def _occurrence(
    on: dt.date,
    year: int,
    born: int | None,
    lunar: bool,
    month: int,
    day: int,
    subject: Subject,
    params: BirthdayValues,
) -> _Occurrence:
    age = year - born if born is not None else None
    if lunar:
        template = LUNAR_BIRTHDAY if age is None else LUNAR_BIRTHDAY_AGE
    else:
        template = BIRTHDAY if age is None else BIRTHDAY_AGE
    yearly = not lunar and (month, day) != (2, 29)
    return (on, subject.id, (template, params, age), age, subject, yearly)


def _day(occurrence: tuple[Any, ...]) -> dt.date:
    """The date an occurrence (a birthday's or a fixed day's) is on: what they are sorted by."""
    day: dt.date = occurrence[0]
    return day


def _day_then_contact(occurrence: _Occurrence) -> tuple[dt.date, str]:
    return occurrence[0], occurrence[1]


def festivals(start: dt.date, days: int, countries: Iterable[str] = ()) -> Iterator[Occasion]:
    """New Year, Christmas, the Chinese festivals and the national days of `countries`."""
    end = start + dt.timedelta(days=days)
    wanted = sorted({c.upper() for c in countries if c})
    for year in _years(start, end):
        dates = [("new_year", dt.date(year, 1, 1)), ("christmas", dt.date(year, 12, 25))]
        dates.extend(chinese_festivals(year))
        for code, on in dates:
            if _in(on, start, end):
                yield Occasion(
                    on,
                    OccasionKind.FESTIVAL,
                    FESTIVALS[code],
                    due_reason(on, start),
                    code,
                    yearly=code in GREGORIAN_FESTIVALS,
                )
        for country in wanted:
            found = national_day(country, year)
            if found and _in(found[1], start, end):
                name, on = found
                yield Occasion(
                    on,
                    OccasionKind.FESTIVAL,
                    name,
                    due_reason(on, start),
                    f"national_day:{country}",
                    yearly=is_fixed(country),
                )


# An occasion on a fixed day, before it is dated against an agenda's first day: its date,
# kind, subject, then the title's template and params.
_Fixed = tuple[dt.date, OccasionKind, Subject, Text, TitleValues]


class FixedDays:
    """Occasions on days written down in the data (agreement reviews and expiries, visits
    beginning and ending, follow-ups due), kept in `order_key`'s order so that a span is a slice.
    Built from facts as they were read: read them again after a change."""

    def __init__(self, occasions: Iterable[_Fixed]) -> None:
        self._days = sorted(occasions, key=_fixed_order)

    def each(self, first: dt.date, last: dt.date, *, since: dt.date) -> Iterator[Occasion]:
        """The occasions from `first` to `last` inclusive, with reasons relative to `since`,
        one at a time."""
        days = self._days
        for index in range(
            bisect.bisect_left(days, first, key=_day), bisect.bisect_right(days, last, key=_day)
        ):
            yield _fixed_occasion(days[index], since)


def _fixed_occasion(fixed: _Fixed, since: dt.date) -> Occasion:
    on, kind, subject, template, params = fixed
    return Occasion(on, kind, (template, params, None), None, "", None, subject, since=since)


def _each_fixed(
    days: Iterable[_Fixed], first: dt.date, last: dt.date, *, since: dt.date
) -> Iterator[Occasion]:
    """`FixedDays.each` without the index: in no order, nothing kept."""
    for fixed in days:
        if first <= fixed[0] <= last:
            yield _fixed_occasion(fixed, since)


def _fixed_order(occasion: _Fixed) -> tuple[dt.date, int, str]:
    return occasion[0], _KIND_ORDER[occasion[1]], occasion[2].id


def agreement_days(facts: Iterable[AgreementFacts]) -> FixedDays:
    """Every agreement's review and expiry."""
    return FixedDays(_agreement_days(facts))


def _agreement_days(facts: Iterable[AgreementFacts]) -> Iterator[_Fixed]:
    for agreement in facts:
        params: dict[str, object] = {
            "title": agreement.title,
            "partner": agreement.partner,
            "partner_zh": agreement.partner_zh,
        }
        subject = Subject("agreement", agreement.id)
        for text, template in (
            (agreement.review_on, AGREEMENT_REVIEW),
            (agreement.expires_on, AGREEMENT_EXPIRES),
        ):
            on = _iso_date(text)
            if on is not None:
                yield on, OccasionKind.AGREEMENT, subject, template, params


def follow_up_days(facts: Iterable[FollowUpFacts]) -> FixedDays:
    """Every open follow-up with a due day."""
    return FixedDays(_follow_up_days(facts))


def _follow_up_days(facts: Iterable[FollowUpFacts]) -> Iterator[_Fixed]:
    for f in facts:
        on = _iso_date(f.due_on)
        if on is not None:
            yield (
                on,
                OccasionKind.FOLLOW_UP,
                Subject("follow_up", f.id),
                FOLLOW_UP,
                Description(f.description),
            )


def delegation_days(facts: Iterable[DelegationFacts]) -> FixedDays:
    """The first and the last day of every visit not cancelled (one day: once)."""
    return FixedDays(_delegation_days(facts))


def _delegation_days(facts: Iterable[DelegationFacts]) -> Iterator[_Fixed]:
    for delegation in facts:
        if delegation.status == "cancelled":
            continue
        first, last = _iso_date(delegation.start_on), _iso_date(delegation.end_on)
        subject = Subject("delegation", delegation.id)
        params: dict[str, object] = {"title": delegation.title}
        if first is not None:
            yield first, OccasionKind.DELEGATION, subject, VISIT_BEGINS, params
        if last is not None and last != first:
            yield last, OccasionKind.DELEGATION, subject, VISIT_ENDS, params


def agreement_dates(
    facts: Iterable[AgreementFacts] | FixedDays, start: dt.date, days: int, *, ordered: bool = True
) -> Iterator[Occasion]:
    """Reviews and expiries within the span; those already past are history, not reminders."""
    end = start + dt.timedelta(days=days)
    return _written_days(facts, _agreement_days, start, end, since=start, ordered=ordered)


def follow_ups(
    facts: Iterable[FollowUpFacts] | FixedDays, start: dt.date, days: int, *, ordered: bool = True
) -> Iterator[Occasion]:
    """Open follow-ups due within the span, and those overdue (dated when they fell due)."""
    end = start + dt.timedelta(days=days)
    return _written_days(facts, _follow_up_days, dt.date.min, end, since=start, ordered=ordered)


def delegation_dates(
    facts: Iterable[DelegationFacts] | FixedDays, start: dt.date, days: int, *, ordered: bool = True
) -> Iterator[Occasion]:
    """Visits beginning or ending within the span."""
    end = start + dt.timedelta(days=days)
    return _written_days(facts, _delegation_days, start, end, since=start, ordered=ordered)


def _written_days(
    facts: Iterable[Any] | FixedDays,
    days_of: Callable[[Iterable[Any]], Iterator[_Fixed]],
    first: dt.date,
    last: dt.date,
    *,
    since: dt.date,
    ordered: bool,
) -> Iterator[Occasion]:
    """The written-down days from `first` to `last`: in date order, unless not `ordered` and
    given facts (then one fact at a time, none of them kept)."""
    if isinstance(facts, FixedDays):
        return facts.each(first, last, since=since)
    if not ordered:
        return _each_fixed(days_of(facts), first, last, since=since)
    return FixedDays(days_of(facts)).each(first, last, since=since)


def partnership_interval(
    status: str,
    own: int | None = None,
    defaults: dict[str, int | None] | None = None,
) -> int | None:
    """Days of silence allowed for a partnership: its own interval if set (0: never), else
    its status's (the office's table, else the built-in default)."""
    return _interval_in(_interval_table(defaults), status, own)


def _interval_table(defaults: dict[str, int | None] | None) -> dict[str, int | None]:
    """Each status's interval: the office's table over the built-in defaults."""
    return KEEP_IN_TOUCH_DAYS if defaults is None else {**KEEP_IN_TOUCH_DAYS, **defaults}


def _interval_in(table: dict[str, int | None], status: str, own: int | None) -> int | None:
    if own is not None:
        return own or None
    return table.get(status)


def contact_interval(own: int | None, tag_intervals: Iterable[int | None]) -> int | None:
    """Days of silence allowed for a contact: their own interval if set (0: never), else the
    shortest of their tags' intervals, else none (contacts are not watched by default)."""
    if own is not None:
        return own or None
    days = [d for d in tag_intervals if d]
    return min(days) if days else None


def _silence(
    last: dt.date, interval: int, start: dt.date, end: dt.date
) -> tuple[dt.date, Text] | None:
    due = last + dt.timedelta(days=interval)
    if due > end:
        return None
    silent = (max(start, due) - last).days
    return due, NO_CONTACT_FOR.with_params(days=silent) if due <= start else due_reason(due, start)


def keep_in_touch(
    facts: Iterable[PartnershipFacts],
    start: dt.date,
    days: int,
    *,
    intervals: dict[str, int | None] | None = None,
    own: dict[str, int] | None = None,
) -> Iterator[Occasion]:
    """A partnership with no interaction for longer than its interval (`own`, by partnership
    id, else its status's in `intervals` or the defaults), dated the day the interval ran
    out. One never contacted has no baseline and is left to the user."""
    end = start + dt.timedelta(days=days)
    table, own = _interval_table(intervals), own or {}
    for partnership in facts:
        found = _partnership_silence(partnership, table, own, start, end)
        if found is not None:
            yield found


def _partnership_silence(
    partnership: PartnershipFacts,
    table: dict[str, int | None],
    own: dict[str, int],
    start: dt.date,
    end: dt.date,
) -> Occasion | None:
    """`keep_in_touch` for one partnership, with the status table and own intervals given."""
    interval = _interval_in(table, partnership.status, own.get(partnership.id))
    if interval is None or partnership.last_contact is None:
        return None
    found = _silence(partnership.last_contact, interval, start, end)
    if found is None:
        return None
    due, reason = found
    return Occasion(
        due,
        OccasionKind.KEEP_IN_TOUCH,
        (KEEP_IN_TOUCH, PartnerNames(partnership.partner, partnership.partner_zh), None),
        reason,
        subject=Subject("partnership", partnership.id),
    )


def contact_keep_in_touch(
    facts: Iterable[ContactTouchFacts], start: dt.date, days: int
) -> Iterator[Occasion]:
    """A watched contact with no interaction for longer than their interval."""
    end = start + dt.timedelta(days=days)
    for person in facts:
        if person.last_contact is None or person.interval <= 0:
            continue
        found = _silence(person.last_contact, person.interval, start, end)
        if found is None:
            continue
        due, reason = found
        yield Occasion(
            due,
            OccasionKind.KEEP_IN_TOUCH,
            (KEEP_IN_TOUCH_CONTACT, Names(person.name, person.name_zh), None),
            reason,
            subject=Subject("contact", person.contact_id),
        )


_KIND_ORDER = {kind: index for index, kind in enumerate(OccasionKind)}


def order_key(occasion: Occasion) -> tuple[dt.date, int, str, str]:
    """The agenda's order: date, then kind, then a stable order within (without rendering
    every title)."""
    return (
        occasion.date,
        _KIND_ORDER[occasion.kind],
        occasion.code,
        occasion.subject.id if occasion.subject else "",
    )


def agenda(
    start: dt.date,
    days: int,
    *,
    partnerships: Iterable[PartnershipFacts] = (),
    birthday_facts: Iterable[BirthdayFacts] | BirthdayCalendar = (),
    agreements: Iterable[AgreementFacts] | FixedDays = (),
    follow_up_facts: Iterable[FollowUpFacts] | FixedDays = (),
    delegations: Iterable[DelegationFacts] | FixedDays = (),
    countries: Iterable[str] = (),
    contacts_to_watch: Iterable[ContactTouchFacts] = (),
    status_intervals: dict[str, int | None] | None = None,
    partnership_intervals: dict[str, int] | None = None,
) -> list[Occasion]:
    """Every occasion of the span (and the overdue ones), sorted by date."""
    calendar_of_birthdays = (
        birthday_facts
        if isinstance(birthday_facts, BirthdayCalendar)
        else BirthdayCalendar(birthday_facts)
    )
    return merged(
        [
            calendar_of_birthdays.each(start, start + dt.timedelta(days=days)),
            agreement_dates(agreements, start, days),
            follow_ups(follow_up_facts, start, days),
            delegation_dates(delegations, start, days),
            sorted(
                each_other(
                    partnerships,
                    start,
                    days,
                    countries=countries,
                    contacts_to_watch=contacts_to_watch,
                    status_intervals=status_intervals,
                    partnership_intervals=partnership_intervals,
                ),
                key=order_key,
            ),
        ]
    )


def each_other(
    partnerships: Iterable[PartnershipFacts],
    start: dt.date,
    days: int,
    *,
    countries: Iterable[str] = (),
    contacts_to_watch: Iterable[ContactTouchFacts] = (),
    status_intervals: dict[str, int | None] | None = None,
    partnership_intervals: dict[str, int] | None = None,
) -> Iterator[Occasion]:
    """The occasions that are neither birthdays nor written-down days, in no order (sort
    them by `order_key` for the agenda's): anniversaries and keep in touch, a partnership's
    as it comes (the partnerships may be read one at a time), then the festivals, then the
    contacts to watch (which may be read only then)."""
    end = start + dt.timedelta(days=days)
    # What is the same for every partnership is worked out once: 5,000 of them are scanned.
    window = _AnniversaryWindow.of(start, end)
    table, own = _interval_table(status_intervals), partnership_intervals or {}
    for partnership in partnerships:
        if partnership.status != "ended":
            yield from window.anniversaries(partnership)
        silence = _partnership_silence(partnership, table, own, start, end)
        if silence is not None:
            yield silence
    yield from festivals(start, days, countries)
    yield from contact_keep_in_touch(contacts_to_watch, start, days)


def merged(parts: Iterable[Iterable[Occasion]]) -> list[Occasion]:
    """The agenda's parts as one list in `order_key`'s order. Each part comes in that order
    already and holds kinds no other holds (the birthdays, each kind of written-down day,
    `each_other` sorted): a stable sort on date and kind alone merges them into that order,
    without building a key of four for every one of a year's birthdays."""
    occasions = [occasion for part in parts for occasion in part]
    occasions.sort(key=_rank)
    return occasions


def _rank(occasion: Occasion) -> int:
    return occasion.date.toordinal() * 8 + _KIND_ORDER[occasion.kind]
