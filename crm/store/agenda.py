"""What the occasion rules need, read as plain rows in a few set-based queries (no ORM objects:
the agenda reads every contact with a birthday and every partnership)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, func, literal, or_, select
from sqlmodel import Session

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


def birthday_facts(session: Session) -> list[BirthdayFacts]:
    """Active, unarchived contacts with a birthday."""
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
        C.c.archived.is_(False),
        C.c.status.not_in(sorted(NO_BIRTHDAY_STATUSES)),
    )
    return [
        BirthdayFacts(
            contact_id=r[0],
            name=latin_name(r[1], r[2], r[3]),
            name_zh=r[3],
            birthday=r[4],
            calendar=r[5],
            leap_month=bool(r[6]),
            status=r[7],
        )
        for r in session.execute(statement)
    ]


def partnership_facts(session: Session) -> list[PartnershipFacts]:
    """Every partnership with its place, country and the day of its last interaction (an
    interaction logged on a visit counts for the visit's partnership)."""
    partnership = func.coalesce(I.c.partnership_id, D.c.partnership_id)
    last = (
        select(partnership.label("partnership_id"), func.max(I.c.occurred_on).label("last"))
        .select_from(I.outerjoin(D, D.c.id == I.c.delegation_id))
        .where(partnership.is_not(None))
        .group_by(partnership)
        .subquery()
    )
    statement = select(
        P.c.id,
        PL.c.name,
        PL.c.name_zh,
        PL.c.country,
        P.c.formalised_on,
        P.c.status,
        last.c.last,
    ).select_from(
        P.join(PL, PL.c.id == P.c.place_id).outerjoin(last, last.c.partnership_id == P.c.id)
    )
    return [
        PartnershipFacts(
            id=r[0],
            partner=r[1],
            partner_zh=r[2],
            country=r[3],
            formalised_on=r[4],
            status=r[5],
            last_contact=_date(r[6]),
        )
        for r in session.execute(statement)
    ]


def agreement_facts(session: Session, start: dt.date, end: dt.date) -> list[AgreementFacts]:
    """Agreements with a review or an expiry between `start` and `end`."""
    first, last = start.isoformat(), end.isoformat()
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
        .where(
            or_(
                and_(A.c.review_on >= first, A.c.review_on <= last),
                and_(A.c.expires_on >= first, A.c.expires_on <= last),
            )
        )
    )
    return [AgreementFacts(*r) for r in session.execute(statement)]


def open_follow_up_facts(session: Session, end: dt.date) -> list[FollowUpFacts]:
    """Open follow-ups due by `end`, overdue ones included."""
    statement = select(F.c.id, F.c.description, F.c.due_on).where(
        F.c.done_at.is_(None), F.c.due_on != "", F.c.due_on <= end.isoformat()
    )
    return [FollowUpFacts(*r) for r in session.execute(statement)]


def delegation_facts(session: Session, start: dt.date, end: dt.date) -> list[DelegationFacts]:
    """Visits, not cancelled, that begin or end between `start` and `end`."""
    first, last = start.isoformat(), end.isoformat()
    statement = select(D.c.id, D.c.title, D.c.start_on, D.c.end_on, D.c.status).where(
        D.c.status != "cancelled",
        or_(
            and_(D.c.start_on >= first, D.c.start_on <= last),
            and_(D.c.end_on >= first, D.c.end_on <= last),
        ),
    )
    return [DelegationFacts(*r) for r in session.execute(statement)]


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None
