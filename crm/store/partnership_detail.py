"""Everything about one partnership, each part one query driven by an index.

The statements are built once, with bound parameters: building a SELECT costs SQLAlchemy more
than SQLite takes to run one of these, and a detail runs about ten of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Row, bindparam, literal, select, union_all
from sqlmodel import Session

from crm.domain.names import latin_name
from crm.store.among import PerDialect, among
from crm.store.models import Organisation
from crm.store.partnership_models import DelegationMember
from crm.store.partnerships import (
    HEADER_COLUMNS,
    HEADER_FROM,
    PA,
    PC,
    PT,
    C,
    D,
    F,
    S,
    last_contact_column,
)

O = Organisation.__table__  # type: ignore[attr-defined]  # noqa: E741
DM = DelegationMember.__table__  # type: ignore[attr-defined]

# A partner city may have hundreds of contacts on file; the detail shows the first ones.
PEOPLE_LIMIT = 200

_PID: Any = bindparam("pid")
_PLACE: Any = bindparam("place")


@dataclass(frozen=True)
class Header:
    id: str
    place_id: str
    partner: str
    partner_zh: str
    country: str
    region: str
    type: str
    formalised_on: str
    status: str
    owner_id: str | None
    owner: str
    notes: str
    version: int
    last_contact: str
    areas: tuple[str, ...]


@dataclass(frozen=True)
class PersonRow:
    """Someone on a partnership's side of the table, with their titles in both languages."""

    id: str
    name: str
    name_zh: str
    position: str
    position_zh: str
    organisation: str
    organisation_zh: str
    status: str
    champion: bool = False
    in_partner_city: bool = False
    delegation_roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class DelegationRow:
    id: str
    title: str
    direction: str
    start_on: str
    end_on: str
    status: str
    leader: str
    leader_zh: str


@dataclass(frozen=True)
class FollowUpRow:
    id: str
    description: str
    due_on: str
    assignee: str
    delegation_id: str | None
    delegation_title: str


_HEADER = (
    select(*HEADER_COLUMNS, PT.c.notes, PT.c.version, last_contact_column())
    .select_from(HEADER_FROM)
    .where(PT.c.id == _PID)
)
_AREAS = select(PA.c.area).where(PA.c.partnership_id == _PID).order_by(PA.c.area)
_DELEGATIONS = (
    select(
        D.c.id,
        D.c.title,
        D.c.direction,
        D.c.start_on,
        D.c.end_on,
        D.c.status,
        C.c.family_name,
        C.c.given_name,
        C.c.name_zh,
    )
    .select_from(D.outerjoin(C, C.c.id == D.c.leader_id))
    .where(D.c.partnership_id == _PID)
    .order_by(D.c.start_on.desc(), D.c.id)
)


def _follow_ups(dialect: str) -> Any:
    """Follow-ups of the partnership and of its visits. The visits come as ids, and the rest
    is sorted out by the caller: given a join or "not done", SQLite would walk every open
    follow-up rather than use the index on the partnership or on the delegation."""
    columns = (
        F.c.id,
        F.c.description,
        F.c.due_on,
        S.c.name,
        F.c.delegation_id,
        D.c.title,
        F.c.done_at,
        F.c.partnership_id,
    )
    around = F.outerjoin(S, S.c.id == F.c.assignee_id).outerjoin(D, D.c.id == F.c.delegation_id)
    own = select(*columns).select_from(around).where(F.c.partnership_id == _PID)
    visits = select(*columns).select_from(around).where(among(F.c.delegation_id, "visits", dialect))
    found = union_all(own, visits).subquery()
    return select(found).order_by(found.c.due_on == "", found.c.due_on, found.c.id)


_FOLLOW_UPS = PerDialect(_follow_ups)


def _people() -> Any:
    """Champions, delegation members and the people of the partner city's organisations, in
    one query; each part is planned on its own index."""
    person = (
        C.c.id,
        C.c.family_name,
        C.c.given_name,
        C.c.name_zh,
        C.c.position,
        C.c.position_zh,
        O.c.name.label("organisation"),
        O.c.name_zh.label("organisation_zh"),
        C.c.status,
        C.c.sort_key,
    )
    champions = (
        select(literal(0).label("part"), *person, literal("").label("role"))
        .select_from(
            PC.join(C, C.c.id == PC.c.contact_id).outerjoin(O, O.c.id == C.c.organisation_id)
        )
        .where(PC.c.partnership_id == _PID)
    )
    members = (
        select(literal(1).label("part"), *person, DM.c.role)
        .select_from(
            D.join(DM, DM.c.delegation_id == D.c.id)
            .join(C, C.c.id == DM.c.contact_id)
            .outerjoin(O, O.c.id == C.c.organisation_id)
        )
        .where(D.c.partnership_id == _PID)
    )
    partner_city = select(O.c.id).where(O.c.place_id == _PLACE)
    locals_ = (
        select(literal(2).label("part"), *person, literal("").label("role"))
        .select_from(C.join(O, O.c.id == C.c.organisation_id))
        # IS NOT keeps SQLite off the (archived, sort_key) index, which walks every contact.
        .where(C.c.organisation_id.in_(partner_city), C.c.archived.is_not(True))
        .order_by(C.c.sort_key, C.c.id)
        .limit(PEOPLE_LIMIT)
        .subquery()
    )
    return union_all(champions, members, select(locals_))


_PEOPLE = _people()


def header(session: Session, partnership_id: str) -> Header | None:
    r = session.execute(_HEADER, {"pid": partnership_id}).first()
    if r is None:
        return None
    areas = session.execute(_AREAS, {"pid": partnership_id}).scalars().all()
    return Header(
        id=r[0],
        place_id=r[1],
        partner=r[2],
        partner_zh=r[3],
        country=r[4],
        region=r[5],
        type=r[6],
        formalised_on=r[7],
        status=r[8],
        owner_id=r[9],
        owner=r[10] or "",
        notes=r[11],
        version=r[12],
        last_contact=r[13] or "",
        areas=tuple(areas),
    )


def delegations(session: Session, partnership_id: str) -> list[DelegationRow]:
    rows = session.execute(_DELEGATIONS, {"pid": partnership_id}).all()
    return [
        DelegationRow(
            id=r[0],
            title=r[1],
            direction=r[2],
            start_on=r[3],
            end_on=r[4],
            status=r[5],
            leader=latin_name(r[6] or "", r[7] or "", r[8] or ""),
            leader_zh=r[8] or "",
        )
        for r in rows
    ]


def open_follow_ups(
    session: Session, partnership_id: str, delegation_ids: Sequence[str]
) -> list[FollowUpRow]:
    """Not done yet, by due date (undated last). A follow-up that names a partnership counts
    under that one, wherever its visit was."""
    params = {"pid": partnership_id, "visits": list(delegation_ids)}
    found: dict[str, FollowUpRow] = {}
    for r in session.execute(_FOLLOW_UPS.of(session), params).all():
        if r.done_at is None and r.partnership_id in (None, partnership_id):
            found.setdefault(r.id, FollowUpRow(r[0], r[1], r[2], r[3] or "", r[4], r[5] or ""))
    return list(found.values())


def people(session: Session, partnership_id: str, place_id: str) -> list[PersonRow]:
    """Champions first, then delegation members, then the partner city's people, by name."""
    found: dict[str, _Found] = {}
    for row in session.execute(_PEOPLE, {"pid": partnership_id, "place": place_id}).all():
        entry = found.get(row.id)
        if entry is None:
            entry = found[row.id] = _Found(row)
        entry.parts.add(row.part)
        if row.part == 1 and row.role and row.role not in entry.roles:
            entry.roles.append(row.role)
    ranked = sorted(found.values(), key=lambda e: (min(e.parts), e.row.sort_key, e.row.id))
    return [entry.person() for entry in ranked[:PEOPLE_LIMIT]]


@dataclass
class _Found:
    row: Row[Any]
    parts: set[int] = field(default_factory=set)
    roles: list[str] = field(default_factory=list)

    def person(self) -> PersonRow:
        r = self.row
        return PersonRow(
            id=r.id,
            name=latin_name(r.family_name, r.given_name, r.name_zh),
            name_zh=r.name_zh,
            position=r.position,
            position_zh=r.position_zh,
            organisation=r.organisation or "",
            organisation_zh=r.organisation_zh or "",
            status=r.status,
            champion=0 in self.parts,
            in_partner_city=2 in self.parts,
            delegation_roles=tuple(self.roles),
        )
