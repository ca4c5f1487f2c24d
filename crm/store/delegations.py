"""Delegation queries: lists of visits, one visit's members and programme, and their writes.

Each function reads a whole list in one statement (no query per row), as plain rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, case, delete, func, insert, literal, select, update
from sqlmodel import Session

from crm.domain.delegation_rules import ItineraryEntry, Member
from crm.domain.names import full_label, latin_name
from crm.store.models import Contact, Organisation, Place, new_id, utcnow
from crm.store.partnership_models import (
    Delegation,
    DelegationMember,
    ItineraryItem,
    Partnership,
)

D = Delegation.__table__  # type: ignore[attr-defined]
M = DelegationMember.__table__  # type: ignore[attr-defined]
I = ItineraryItem.__table__  # type: ignore[attr-defined]  # noqa: E741
P = Partnership.__table__  # type: ignore[attr-defined]
PL = Place.__table__  # type: ignore[attr-defined]
C = Contact.__table__  # type: ignore[attr-defined]
O = Organisation.__table__  # type: ignore[attr-defined]  # noqa: E741


@dataclass(frozen=True)
class PartnershipChoice:
    id: str
    partner: str
    partner_zh: str
    country: str
    type: str


@dataclass(frozen=True)
class DelegationRow:
    """What a list of visits shows of one."""

    id: str
    title: str
    direction: str
    status: str
    start_on: str
    end_on: str
    partnership_id: str | None
    partner: str
    partner_zh: str
    leader_id: str | None
    leader: str
    members: int
    version: int


@dataclass(frozen=True)
class MemberRow:
    contact_id: str
    role: str
    family_name: str
    given_name: str
    name_zh: str
    honorific: str
    position: str
    position_zh: str
    organisation: str
    organisation_zh: str
    language: str

    @property
    def latin(self) -> str:
        return latin_name(self.family_name, self.given_name, self.name_zh)

    @property
    def label(self) -> str:
        return full_label(self.family_name, self.given_name, self.name_zh)


@dataclass(frozen=True)
class ItineraryRow:
    id: str
    day: str
    time: str
    description: str


def partnership_choices(session: Session) -> list[PartnershipChoice]:
    """Every partnership, by partner name, for pickers."""
    statement = (
        select(P.c.id, PL.c.name, PL.c.name_zh, PL.c.country, P.c.type)
        .select_from(P.join(PL, PL.c.id == P.c.place_id))
        .order_by(func.lower(PL.c.name), P.c.id)
    )
    return [PartnershipChoice(*row) for row in session.execute(statement)]


def _last_day() -> ColumnElement[str]:
    return func.coalesce(func.nullif(D.c.end_on, ""), D.c.start_on)


def delegation_rows(
    session: Session,
    *,
    partnership_id: str | None = None,
    ids: Sequence[str] | None = None,
    today: dt.date,
) -> list[DelegationRow]:
    """Visits still to come or under way first (soonest first, undated last), then past ones,
    newest first."""
    count = (
        select(M.c.delegation_id, func.count().label("n")).group_by(M.c.delegation_id).subquery()
    )
    leader = C.alias("leader")
    iso = today.isoformat()
    upcoming = case((D.c.start_on == "", 0), (_last_day() >= iso, 0), else_=1)
    statement = (
        select(
            D.c.id,
            D.c.title,
            D.c.direction,
            D.c.status,
            D.c.start_on,
            D.c.end_on,
            D.c.partnership_id,
            func.coalesce(PL.c.name, literal("")),
            func.coalesce(PL.c.name_zh, literal("")),
            D.c.leader_id,
            leader.c.family_name,
            leader.c.given_name,
            leader.c.name_zh,
            func.coalesce(count.c.n, 0),
            D.c.version,
        )
        .select_from(
            D.outerjoin(P, P.c.id == D.c.partnership_id)
            .outerjoin(PL, PL.c.id == P.c.place_id)
            .outerjoin(leader, leader.c.id == D.c.leader_id)
            .outerjoin(count, count.c.delegation_id == D.c.id)
        )
        .order_by(
            upcoming,
            D.c.start_on == "",
            case((upcoming == 0, D.c.start_on), else_=literal("")),
            D.c.start_on.desc(),
            D.c.title,
        )
    )
    if partnership_id is not None:
        statement = statement.where(D.c.partnership_id == partnership_id)
    if ids is not None:
        statement = statement.where(D.c.id.in_(list(ids)))
    rows = []
    for r in session.execute(statement):
        leader_label = full_label(r[10], r[11], r[12]) if r[9] and r[10] is not None else ""
        rows.append(
            DelegationRow(
                id=r[0],
                title=r[1],
                direction=r[2],
                status=r[3],
                start_on=r[4],
                end_on=r[5],
                partnership_id=r[6],
                partner=r[7],
                partner_zh=r[8],
                leader_id=r[9],
                leader=leader_label,
                members=int(r[13]),
                version=r[14],
            )
        )
    return rows


def members(session: Session, delegation_id: str) -> list[MemberRow]:
    """The members of a visit in protocol order, with their names and titles in both scripts."""
    statement = (
        select(
            M.c.contact_id,
            M.c.role,
            C.c.family_name,
            C.c.given_name,
            C.c.name_zh,
            C.c.honorific,
            C.c.position,
            C.c.position_zh,
            func.coalesce(O.c.name, literal("")),
            func.coalesce(O.c.name_zh, literal("")),
            C.c.language,
        )
        .select_from(
            M.join(C, C.c.id == M.c.contact_id).outerjoin(O, O.c.id == C.c.organisation_id)
        )
        .where(M.c.delegation_id == delegation_id)
        .order_by(M.c.position, C.c.sort_key)
    )
    return [MemberRow(*row) for row in session.execute(statement)]


def itinerary(session: Session, delegation_id: str) -> list[ItineraryRow]:
    """The programme by day and time; undated and untimed items after the timed ones."""
    statement = (
        select(I.c.id, I.c.day, I.c.time, I.c.description)
        .where(I.c.delegation_id == delegation_id)
        .order_by(I.c.day == "", I.c.day, I.c.time == "", I.c.time, I.c.position)
    )
    return [ItineraryRow(*row) for row in session.execute(statement)]


def member_ids(session: Session, delegation_id: str) -> set[str]:
    return set(
        session.execute(select(M.c.contact_id).where(M.c.delegation_id == delegation_id)).scalars()
    )


def replace_members(session: Session, delegation_id: str, people: Sequence[Member]) -> None:
    session.execute(delete(M).where(M.c.delegation_id == delegation_id))
    rows = [
        {"delegation_id": delegation_id, "contact_id": m.contact_id, "role": m.role, "position": i}
        for i, m in enumerate(people)
    ]
    if rows:
        session.execute(insert(M), rows)


def replace_itinerary(
    session: Session, delegation_id: str, entries: Sequence[ItineraryEntry]
) -> None:
    session.execute(delete(I).where(I.c.delegation_id == delegation_id))
    rows = [
        {
            "id": new_id(),
            "delegation_id": delegation_id,
            "day": e.day,
            "time": e.time,
            "description": e.description,
            "position": i,
        }
        for i, e in enumerate(entries)
    ]
    if rows:
        session.execute(insert(I), rows)


def touch(session: Session, delegation_id: str) -> None:
    """A gift or follow-up of the visit changed: an editor open on it must read it again."""
    session.execute(
        update(D)
        .where(D.c.id == delegation_id)
        .values(version=D.c.version + 1, updated_at=utcnow())
    )


def existing_contacts(session: Session, ids: Sequence[str]) -> set[str]:
    if not ids:
        return set()
    return set(session.execute(select(C.c.id).where(C.c.id.in_(list(ids)))).scalars())
