"""Gift queries: the register both ways, a person's gifts, the latest ones per person.

A gift of a visit without its own date is dated by the visit's first day, and belongs to the
visit's partnership unless it names one itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, delete, func, insert, literal, select, update
from sqlmodel import Session

from crm.domain.names import full_label
from crm.store.models import Contact, Place
from crm.store.partnership_models import Delegation, Gift, Partnership

G = Gift.__table__  # type: ignore[attr-defined]
D = Delegation.__table__  # type: ignore[attr-defined]
P = Partnership.__table__  # type: ignore[attr-defined]
PL = Place.__table__  # type: ignore[attr-defined]
C = Contact.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class GiftRow:
    id: str
    direction: str
    description: str
    contact_id: str | None
    contact: str  # "Wang Fang (王芳)", "" for a gift to or from a city
    delegation_id: str | None
    delegation: str
    partnership_id: str | None
    partner: str
    partner_zh: str
    occasion: str
    given_on: str  # as recorded; "" means "during the visit"
    on: str  # the date it is ordered by: its own, else its visit's first day
    value_band: str
    photo: str
    notes: str
    created_at: dt.datetime


def effective_date() -> ColumnElement[str]:
    return func.coalesce(func.nullif(G.c.given_on, ""), D.c.start_on, literal(""))


def effective_partnership() -> ColumnElement[str]:
    return func.coalesce(G.c.partnership_id, D.c.partnership_id)


def _select() -> Select[Any]:
    on = effective_date()
    partnership = effective_partnership()
    return select(
        G.c.id,
        G.c.direction,
        G.c.description,
        G.c.contact_id,
        C.c.family_name,
        C.c.given_name,
        C.c.name_zh,
        G.c.delegation_id,
        D.c.title,
        partnership,
        PL.c.name,
        PL.c.name_zh,
        G.c.occasion,
        G.c.given_on,
        on,
        G.c.value_band,
        G.c.photo,
        G.c.notes,
        G.c.created_at,
    ).select_from(
        G.outerjoin(C, C.c.id == G.c.contact_id)
        .outerjoin(D, D.c.id == G.c.delegation_id)
        .outerjoin(P, P.c.id == partnership)
        .outerjoin(PL, PL.c.id == P.c.place_id)
    )


def _row(r: Sequence[Any]) -> GiftRow:
    contact = full_label(r[4], r[5], r[6]) if r[3] and r[4] is not None else ""
    return GiftRow(
        id=r[0],
        direction=r[1],
        description=r[2],
        contact_id=r[3],
        contact=contact,
        delegation_id=r[7],
        delegation=r[8] or "",
        partnership_id=r[9],
        partner=r[10] or "",
        partner_zh=r[11] or "",
        occasion=r[12],
        given_on=r[13],
        on=r[14] or "",
        value_band=r[15],
        photo=r[16],
        notes=r[17],
        created_at=r[18],
    )


def gift_rows(
    session: Session,
    *,
    contact_id: str | None = None,
    delegation_id: str | None = None,
    partnership_id: str | None = None,
    direction: str | None = None,
    ids: Sequence[str] | None = None,
    limit: int | None = None,
) -> list[GiftRow]:
    """Gifts newest first (undated ones last), filtered by whatever is given."""
    on = effective_date()
    statement = _select().order_by(on == "", on.desc(), G.c.created_at.desc(), G.c.id)
    if contact_id is not None:
        statement = statement.where(G.c.contact_id == contact_id)
    if delegation_id is not None:
        statement = statement.where(G.c.delegation_id == delegation_id)
    if partnership_id is not None:
        statement = statement.where(effective_partnership() == partnership_id)
    if direction is not None:
        statement = statement.where(G.c.direction == direction)
    if ids is not None:
        statement = statement.where(G.c.id.in_(list(ids)))
    if limit is not None:
        statement = statement.limit(limit)
    return [_row(r) for r in session.execute(statement)]


def latest_per_contact(
    session: Session,
    contact_ids: Sequence[str],
    *,
    direction: str,
    per: int,
    exclude_delegation: str | None = None,
) -> dict[str, list[GiftRow]]:
    """The `per` latest gifts in one direction for each of these contacts, in one query;
    gifts of `exclude_delegation` (the visit being prepared) left out."""
    if not contact_ids:
        return {}
    on = effective_date()
    rank = (
        func.row_number()
        .over(partition_by=G.c.contact_id, order_by=((on == ""), on.desc(), G.c.created_at.desc()))
        .label("rank")
    )
    ranked = (
        select(G.c.id, rank)
        .select_from(G.outerjoin(D, D.c.id == G.c.delegation_id))
        .where(G.c.contact_id.in_(list(contact_ids)), G.c.direction == direction)
    )
    if exclude_delegation is not None:
        ranked = ranked.where(
            G.c.delegation_id.is_(None) | (G.c.delegation_id != exclude_delegation)
        )
    sub = ranked.subquery()
    wanted = select(sub.c.id).where(sub.c.rank <= per)
    result: dict[str, list[GiftRow]] = {}
    for row in gift_rows(session, ids=list(session.execute(wanted).scalars())):
        assert row.contact_id is not None
        result.setdefault(row.contact_id, []).append(row)
    return result


def insert_gift(session: Session, gift_id: str, values: dict[str, Any]) -> None:
    session.execute(insert(G).values(id=gift_id, **values))


def update_gift(session: Session, gift_id: str, values: dict[str, Any]) -> bool:
    result = session.execute(update(G).where(G.c.id == gift_id).values(**values))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def delete_gifts(session: Session, gift_ids: Sequence[str]) -> None:
    if gift_ids:
        session.execute(delete(G).where(G.c.id.in_(list(gift_ids))))


def stored_gifts(session: Session, gift_ids: Sequence[str]) -> dict[str, tuple[str | None, str]]:
    """(delegation id, photo) of each of these gifts that exists."""
    if not gift_ids:
        return {}
    statement = select(G.c.id, G.c.delegation_id, G.c.photo).where(G.c.id.in_(list(gift_ids)))
    return {r[0]: (r[1], r[2]) for r in session.execute(statement)}


def set_partnership_of_visit(
    session: Session, delegation_id: str, partnership_id: str | None
) -> None:
    """A visit moved to another partnership takes its gifts along."""
    session.execute(
        update(G).where(G.c.delegation_id == delegation_id).values(partnership_id=partnership_id)
    )


def gift_ids_of(session: Session, delegation_id: str) -> set[str]:
    statement = select(G.c.id).where(G.c.delegation_id == delegation_id)
    return set(session.execute(statement).scalars())
