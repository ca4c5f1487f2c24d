"""What the occasion rules need, read as plain rows in a few set-based queries (no ORM objects:
the agenda reads thousands of contacts with a birthday and every partnership)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Iterator

from sqlalchemy import ColumnElement, and_, func, literal, literal_column, or_, select, text
from sqlmodel import Session

from crm.domain.chinese_calendar import lunar_birthdays_between
from crm.domain.dates import CalendarKind
from crm.domain.names import latin_name
from crm.domain.occasions import (
    NO_BIRTHDAY_STATUSES,
    AgreementFacts,
    BirthdayFacts,
    DelegationFacts,
    FollowUpFacts,
    PartnershipFacts,
)
from crm.store.models import Contact, Place
from crm.store.partnership_models import (
    Agreement,
    Delegation,
    FollowUp,
    Interaction,
    Partnership,
)

C = Contact.__table__  # type: ignore[attr-defined]
PL = Place.__table__  # type: ignore[attr-defined]
P = Partnership.__table__  # type: ignore[attr-defined]
A = Agreement.__table__  # type: ignore[attr-defined]
D = Delegation.__table__  # type: ignore[attr-defined]
F = FollowUp.__table__  # type: ignore[attr-defined]
I = Interaction.__table__  # type: ignore[attr-defined]  # noqa: E741


def birthday_facts(
    session: Session, start: dt.date | None = None, end: dt.date | None = None
) -> Iterator[BirthdayFacts]:
    """Active, unarchived contacts with a birthday; given a span, only those whose birthday
    can fall in it, found through the month-day index. The occasion rules still decide: the
    narrowing may keep a few too many, never too few. One at a time, as the rows come: a
    big office's month has thousands, and the calendar keeps less of each than a fact."""
    statement = select(
        C.c.id,
        C.c.family_name,
        C.c.given_name,
        C.c.name_zh,
        C.c.birthday,
        C.c.birthday_calendar,
        C.c.birthday_leap_month,
        C.c.status,
    ).where(
        C.c.birthday != "",
        # "Is not true" rather than "= false": the same rows, but the list's index on
        # `archived` no longer tempts SQLite away from the month-day index (no statistics).
        C.c.archived.is_not(True),
        C.c.status.not_in(sorted(NO_BIRTHDAY_STATUSES)),
    )
    if start is not None and end is not None:
        window = _birthday_window(start, end)
        if window is not None:
            statement = statement.where(window)
    for r in session.execute(statement):
        yield BirthdayFacts(
            contact_id=r[0],
            name=latin_name(r[1], r[2], r[3]),
            name_zh=r[3],
            birthday=r[4],
            calendar=r[5],
            leap_month=bool(r[6]),
            status=r[7],
        )


def partnership_facts(session: Session) -> Iterator[PartnershipFacts]:
    """Every partnership with its place, country and the day of its last interaction (an
    interaction logged on a visit alone counts for the visit's partnership); one at a time,
    as the rows come."""
    # One look at the end of each partnership's range of the (partnership_id, occurred_on)
    # index: grouping a million interactions by partnership costs a hundred times more.
    direct = select(func.max(I.c.occurred_on)).where(I.c.partnership_id == P.c.id).scalar_subquery()
    statement = select(
        P.c.id,
        PL.c.name,
        PL.c.name_zh,
        PL.c.country,
        P.c.formalised_on,
        P.c.status,
        direct,
    ).select_from(P.join(PL, PL.c.id == P.c.place_id))
    on_visits = _last_on_visits_alone(session)
    for r in session.execute(statement):
        yield PartnershipFacts(
            id=r[0],
            partner=r[1],
            partner_zh=r[2],
            country=r[3],
            formalised_on=r[4],
            status=r[5],
            last_contact=_date(max(filter(None, (r[6], on_visits.get(r[0]))), default=None)),
        )


def partner_countries(session: Session) -> set[str]:
    """The countries of the partnerships not ended: whose national days are on the agenda."""
    statement = (
        select(PL.c.country)
        .select_from(P.join(PL, PL.c.id == P.c.place_id))
        .where(P.c.status != "ended", PL.c.country != "")
        .distinct()
    )
    return {country for country in session.execute(statement).scalars() if country}


def agreement_facts(
    session: Session, start: dt.date | None = None, end: dt.date | None = None
) -> list[AgreementFacts]:
    """Agreements with a review or an expiry (between `start` and `end`, given a span)."""
    statement = (
        select(
            A.c.id,
            A.c.title,
            func.coalesce(PL.c.name, literal("")),
            func.coalesce(PL.c.name_zh, literal("")),
            A.c.review_on,
            A.c.expires_on,
        )
        .select_from(
            A.outerjoin(P, P.c.id == A.c.partnership_id).outerjoin(PL, PL.c.id == P.c.place_id)
        )
        .where(or_(A.c.review_on != "", A.c.expires_on != ""))
    )
    if start is not None and end is not None:
        first, last = start.isoformat(), end.isoformat()
        statement = statement.where(
            or_(
                and_(A.c.review_on >= first, A.c.review_on <= last),
                and_(A.c.expires_on >= first, A.c.expires_on <= last),
            )
        )
    return [AgreementFacts(*r) for r in session.execute(statement)]


def open_follow_up_facts(session: Session, end: dt.date | None = None) -> Iterator[FollowUpFacts]:
    """Open follow-ups with a due day (by `end`, overdue ones included, given an end), one at
    a time."""
    statement = select(F.c.id, F.c.description, F.c.due_on).where(
        F.c.done_at.is_(None), F.c.due_on != ""
    )
    if end is not None:
        statement = statement.where(F.c.due_on <= end.isoformat())
    for r in session.execute(statement):
        yield FollowUpFacts(*r)


def delegation_facts(
    session: Session, start: dt.date | None = None, end: dt.date | None = None
) -> list[DelegationFacts]:
    """Visits, not cancelled (that begin or end between `start` and `end`, given a span)."""
    statement = select(D.c.id, D.c.title, D.c.start_on, D.c.end_on, D.c.status).where(
        D.c.status != "cancelled"
    )
    if start is not None and end is not None:
        first, last = start.isoformat(), end.isoformat()
        statement = statement.where(
            or_(
                and_(D.c.start_on >= first, D.c.start_on <= last),
                and_(D.c.end_on >= first, D.c.end_on <= last),
            )
        )
    return [DelegationFacts(*r) for r in session.execute(statement)]


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


# ---- the birthdays a span can hold ----

# The month and day of a birthday, however it was written: the last five characters of
# "1980-04-05" and of "--04-05". The same expression as migration 0004's index, character for
# character, or neither SQLite nor PostgreSQL would use the index.
_MONTH_DAY = func.substr(C.c.birthday, func.length(C.c.birthday) - literal_column("4"))
_EVERY_GREGORIAN_DAY = frozenset(
    (month, day)
    for month in range(1, 13)
    for day in range(1, calendar.monthrange(2000, month)[1] + 1)
)
_EVERY_LUNAR_DAY = frozenset((month, day) for month in range(1, 13) for day in range(1, 31))


def _birthday_window(start: dt.date, end: dt.date) -> ColumnElement[bool] | None:
    """Contacts whose birthday can fall from `start` to `end`; None when all can."""
    gregorian = _gregorian_month_days(start, end)
    lunar = lunar_birthdays_between(start, end)
    every_gregorian, every_lunar = gregorian >= _EVERY_GREGORIAN_DAY, lunar >= _EVERY_LUNAR_DAY
    if every_gregorian and every_lunar:
        return None
    # Named, not "!= lunar", so that both halves seek in the index.
    is_lunar = C.c.birthday_calendar == CalendarKind.LUNAR.value
    not_lunar = C.c.birthday_calendar.in_(
        [k.value for k in CalendarKind if k != CalendarKind.LUNAR]
    )
    return or_(
        is_lunar if every_lunar else and_(is_lunar, _MONTH_DAY.in_(_spellings(lunar))),
        not_lunar if every_gregorian else and_(not_lunar, _MONTH_DAY.in_(_spellings(gregorian))),
    )


def _gregorian_month_days(start: dt.date, end: dt.date) -> frozenset[tuple[int, int]]:
    """Every Gregorian (month, day) whose birthday can fall from `start` to `end`: a day the
    month lacks falls on its last day (`occasions.same_day_in`: 29 February on the 28th)."""
    found: set[tuple[int, int]] = set()
    # A year and a day holds every day of the year, 28 February of a common year included.
    for offset in range(min((end - start).days, 366) + 1):
        day = start + dt.timedelta(days=offset)
        found.add((day.month, day.day))
        if (day + dt.timedelta(days=1)).month != day.month:
            found.update((day.month, later) for later in range(day.day + 1, 32))
    return frozenset(found)


def _spellings(month_days: Iterable[tuple[int, int]]) -> list[str]:
    """The last five characters of every way the contact form accepts a birthday on each
    (month, day) (`crm.domain.dates`): "1980-04-05" and "--04-05", but also "1980-4-5",
    "--4-5" and "--0405", which are stored as typed."""
    found: set[str] = set()
    for month, day in month_days:
        days = {f"{day}", f"{day:02d}"}
        for m in {f"{month}", f"{month:02d}"}:
            for d in days:
                found.add(f"--{m}-{d}"[-5:])
                found.update(f"{year}-{m}-{d}"[-5:] for year in "0123456789")
        found.update(f"--{month:02d}{d}"[-5:] for d in days)
    return sorted(found)


# ---- interactions logged on a visit alone ----

# "No partnership of its own", written as migration 0004's partial index says it, so that the
# index serves the query; `partnership_id IS NULL` would send SQLite to the
# (partnership_id, occurred_on) index instead, through every interaction about no partnership.
_ON_VISIT_ALONE = text(
    "interaction.delegation_id IS NOT NULL AND coalesce(interaction.partnership_id, '') = ''"
)


def _last_on_visits_alone(session: Session) -> dict[str, str]:
    """Partnership → its last interaction logged on one of its visits without naming the
    partnership (the app names it; imports and visits linked later may not): few rows."""
    statement = (
        select(D.c.partnership_id, func.max(I.c.occurred_on))
        .select_from(I.join(D, D.c.id == I.c.delegation_id))
        .where(_ON_VISIT_ALONE)
        .group_by(D.c.partnership_id)
    )
    return {r[0]: r[1] for r in session.execute(statement) if r[0] is not None}
