"""Interaction queries: writing one with its people, and timelines read one page at a time.

A contact's timeline walks the (contact_id, occurred_on) index of `interaction_contact`, a
partnership's the (partnership_id, occurred_on) index of `interaction`, both backwards, so a page
costs the same whether the history holds ten interactions or ten thousand. On SQLite, the rowid
(the order of logging) breaks ties between interactions of the same day: it sits at the end of
every index entry, so the whole ORDER BY is read off the index with no sort.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Table, bindparam, func, insert, literal_column, select
from sqlmodel import Session

from crm.store.agreements import LinkedPeople, PersonRef
from crm.store.models import Contact, Place, Staff, new_id, utcnow
from crm.store.partnership_models import Interaction, InteractionContact, Partnership

I = Interaction.__table__  # type: ignore[attr-defined]  # noqa: E741
IC = InteractionContact.__table__  # type: ignore[attr-defined]
C = Contact.__table__  # type: ignore[attr-defined]
PT = Partnership.__table__  # type: ignore[attr-defined]
PL = Place.__table__  # type: ignore[attr-defined]
S = Staff.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class TimelineEntry:
    id: str
    kind: str
    occurred_on: str
    note: str
    partnership_id: str | None
    partner: str
    partner_zh: str
    delegation_id: str | None
    staff: str
    people: tuple[PersonRef, ...]


def insert_interaction(
    session: Session,
    *,
    kind: str,
    occurred_on: str,
    contact_ids: Sequence[str],
    partnership_id: str | None,
    delegation_id: str | None,
    staff_id: str | None,
    note: str,
) -> str:
    interaction_id = new_id()
    session.execute(
        insert(I).values(
            id=interaction_id,
            kind=kind,
            occurred_on=occurred_on,
            partnership_id=partnership_id,
            delegation_id=delegation_id,
            staff_id=staff_id,
            note=note,
            created_at=utcnow(),
        )
    )
    if contact_ids:
        session.execute(
            insert(IC),
            [
                {"interaction_id": interaction_id, "contact_id": c, "occurred_on": occurred_on}
                for c in contact_ids
            ],
        )
    return interaction_id


_COLUMNS = (
    I.c.id,
    I.c.kind,
    I.c.occurred_on,
    I.c.note,
    I.c.partnership_id,
    I.c.delegation_id,
    PL.c.name.label("partner"),
    PL.c.name_zh.label("partner_zh"),
    S.c.name.label("staff"),
)
_PAGE: tuple[Any, Any] = (bindparam("limit"), bindparam("offset"))


def _around(base: Any) -> Any:
    return (
        base.outerjoin(PT, PT.c.id == I.c.partnership_id)
        .outerjoin(PL, PL.c.id == PT.c.place_id)
        .outerjoin(S, S.c.id == I.c.staff_id)
    )


def _timeline(table: Table, where: ColumnElement[bool], tie: ColumnElement[Any]) -> Any:
    base = IC.join(I, I.c.id == IC.c.interaction_id) if table is IC else I
    return (
        select(*_COLUMNS)
        .select_from(_around(base))
        .where(where)
        .order_by(table.c.occurred_on.desc(), tie.desc())
        .limit(_PAGE[0])
        .offset(_PAGE[1])
    )


# On SQLite the rowid breaks ties (it ends every index entry); elsewhere the time of logging.
_CONTACT = IC.c.contact_id == bindparam("subject")
_PARTNERSHIP = I.c.partnership_id == bindparam("subject")
_TIMELINES = {
    ("contact", True): _timeline(IC, _CONTACT, literal_column("interaction_contact.rowid")),
    ("contact", False): _timeline(IC, _CONTACT, I.c.created_at),
    ("partnership", True): _timeline(I, _PARTNERSHIP, literal_column("interaction.rowid")),
    ("partnership", False): _timeline(I, _PARTNERSHIP, I.c.created_at),
}
_PEOPLE = LinkedPeople(IC, "interaction_id")


def _page(session: Session, of: str, subject: str, limit: int, offset: int) -> list[TimelineEntry]:
    sqlite = session.get_bind().dialect.name == "sqlite"
    params = {"subject": subject, "limit": limit, "offset": offset}
    rows = session.execute(_TIMELINES[of, sqlite], params).all()
    people = people_of(session, [r.id for r in rows])
    return [
        TimelineEntry(
            id=r.id,
            kind=r.kind,
            occurred_on=r.occurred_on,
            note=r.note,
            partnership_id=r.partnership_id,
            partner=r.partner or "",
            partner_zh=r.partner_zh or "",
            delegation_id=r.delegation_id,
            staff=r.staff or "",
            people=tuple(people.get(r.id, ())),
        )
        for r in rows
    ]


def for_contact(
    session: Session, contact_id: str, *, limit: int, offset: int = 0
) -> list[TimelineEntry]:
    return _page(session, "contact", contact_id, limit, offset)


def for_partnership(
    session: Session, partnership_id: str, *, limit: int, offset: int = 0
) -> list[TimelineEntry]:
    return _page(session, "partnership", partnership_id, limit, offset)


def people_of(session: Session, interaction_ids: Sequence[str]) -> dict[str, list[PersonRef]]:
    return _PEOPLE.of(session, interaction_ids)


def last_for_contact(session: Session, contact_id: str) -> str:
    statement = select(func.max(IC.c.occurred_on)).where(IC.c.contact_id == contact_id)
    return session.execute(statement).scalar_one() or ""


def existing(session: Session, table: Table, ids: Sequence[str]) -> set[str]:
    if not ids:
        return set()
    return set(session.execute(select(table.c.id).where(table.c.id.in_(ids))).scalars())
