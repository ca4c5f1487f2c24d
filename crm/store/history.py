"""Our history with a set of people, read in a few queries whatever their number: the visits
they were on and their latest interactions. Used to prepare a visit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel import Session

from crm.store.partnership_models import (
    Delegation,
    DelegationMember,
    Interaction,
    InteractionContact,
)

D = Delegation.__table__  # type: ignore[attr-defined]
M = DelegationMember.__table__  # type: ignore[attr-defined]
IN = Interaction.__table__  # type: ignore[attr-defined]
IC = InteractionContact.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class PastVisit:
    delegation_id: str
    title: str
    direction: str
    status: str
    start_on: str
    end_on: str
    role: str


@dataclass(frozen=True)
class InteractionNote:
    interaction_id: str
    occurred_on: str
    kind: str
    note: str


def visits_of(
    session: Session,
    contact_ids: Sequence[str],
    *,
    exclude: str | None,
    before: str | None,
    per: int,
) -> dict[str, list[PastVisit]]:
    """The `per` latest other visits each person was on that started before `before` (an ISO
    date; None: any), newest first."""
    if not contact_ids:
        return {}
    rank = (
        func.row_number()
        .over(partition_by=M.c.contact_id, order_by=(D.c.start_on.desc(), D.c.id))
        .label("rank")
    )
    ranked = (
        select(
            M.c.contact_id,
            D.c.id,
            D.c.title,
            D.c.direction,
            D.c.status,
            D.c.start_on,
            D.c.end_on,
            M.c.role,
            rank,
        )
        .select_from(M.join(D, D.c.id == M.c.delegation_id))
        .where(M.c.contact_id.in_(list(contact_ids)))
    )
    if exclude is not None:
        ranked = ranked.where(D.c.id != exclude)
    if before is not None:
        ranked = ranked.where(D.c.start_on != "", D.c.start_on < before)
    sub = ranked.subquery()
    statement = (
        select(*[c for c in sub.c if c.name != "rank"])
        .where(sub.c.rank <= per)
        .order_by(sub.c.contact_id, sub.c.rank)
    )
    result: dict[str, list[PastVisit]] = {}
    for contact_id, *visit in session.execute(statement):
        result.setdefault(contact_id, []).append(PastVisit(*visit))
    return result


def interactions_of(
    session: Session, contact_ids: Sequence[str], *, per: int
) -> dict[str, list[InteractionNote]]:
    """The `per` latest interactions with each person, newest first."""
    if not contact_ids:
        return {}
    rank = (
        func.row_number()
        .over(
            partition_by=IC.c.contact_id,
            order_by=(IC.c.occurred_on.desc(), IN.c.created_at.desc(), IN.c.id),
        )
        .label("rank")
    )
    sub = (
        select(IC.c.contact_id, IN.c.id, IN.c.occurred_on, IN.c.kind, IN.c.note, rank)
        .select_from(IC.join(IN, IN.c.id == IC.c.interaction_id))
        .where(IC.c.contact_id.in_(list(contact_ids)))
        .subquery()
    )
    statement = (
        select(sub.c.contact_id, sub.c.id, sub.c.occurred_on, sub.c.kind, sub.c.note)
        .where(sub.c.rank <= per)
        .order_by(sub.c.contact_id, sub.c.rank)
    )
    result: dict[str, list[InteractionNote]] = {}
    for contact_id, *note in session.execute(statement):
        result.setdefault(contact_id, []).append(InteractionNote(*note))
    return result
