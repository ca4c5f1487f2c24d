"""Follow-up queries: the open list (overdue first), a visit's or partnership's follow-ups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, literal, select, update
from sqlmodel import Session

from crm.store.models import Place, Staff
from crm.store.partnership_models import Delegation, FollowUp, Partnership

F = FollowUp.__table__  # type: ignore[attr-defined]
D = Delegation.__table__  # type: ignore[attr-defined]
P = Partnership.__table__  # type: ignore[attr-defined]
PL = Place.__table__  # type: ignore[attr-defined]
S = Staff.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class FollowUpRow:
    id: str
    description: str
    assignee_id: str | None
    assignee: str
    due_on: str
    done_at: dt.datetime | None
    delegation_id: str | None
    delegation: str
    partnership_id: str | None
    partner: str
    partner_zh: str
    overdue: bool

    @property
    def done(self) -> bool:
        return self.done_at is not None


def follow_up_rows(
    session: Session,
    *,
    today: dt.date,
    open_only: bool = False,
    delegation_id: str | None = None,
    partnership_id: str | None = None,
    ids: Sequence[str] | None = None,
) -> list[FollowUpRow]:
    """Open ones first, overdue before the rest, then by due date (undated last)."""
    iso = today.isoformat()
    partnership = func.coalesce(F.c.partnership_id, D.c.partnership_id)
    overdue = (F.c.done_at.is_(None)) & (F.c.due_on != "") & (F.c.due_on < iso)
    statement = (
        select(
            F.c.id,
            F.c.description,
            F.c.assignee_id,
            func.coalesce(S.c.name, literal("")),
            F.c.due_on,
            F.c.done_at,
            F.c.delegation_id,
            func.coalesce(D.c.title, literal("")),
            partnership,
            func.coalesce(PL.c.name, literal("")),
            func.coalesce(PL.c.name_zh, literal("")),
        )
        .select_from(
            F.outerjoin(S, S.c.id == F.c.assignee_id)
            .outerjoin(D, D.c.id == F.c.delegation_id)
            .outerjoin(P, P.c.id == partnership)
            .outerjoin(PL, PL.c.id == P.c.place_id)
        )
        .order_by(
            F.c.done_at.is_not(None),
            ~overdue,
            F.c.due_on == "",
            F.c.due_on,
            F.c.created_at,
            F.c.id,
        )
    )
    if open_only:
        statement = statement.where(F.c.done_at.is_(None))
    if delegation_id is not None:
        statement = statement.where(F.c.delegation_id == delegation_id)
    if partnership_id is not None:
        statement = statement.where(partnership == partnership_id)
    if ids is not None:
        statement = statement.where(F.c.id.in_(list(ids)))
    return [
        FollowUpRow(
            id=r[0],
            description=r[1],
            assignee_id=r[2],
            assignee=r[3],
            due_on=r[4],
            done_at=r[5],
            delegation_id=r[6],
            delegation=r[7],
            partnership_id=r[8],
            partner=r[9],
            partner_zh=r[10],
            overdue=r[5] is None and bool(r[4]) and r[4] < iso,
        )
        for r in session.execute(statement)
    ]


@dataclass(frozen=True)
class Stored:
    delegation_id: str | None
    partnership_id: str | None
    done_at: dt.datetime | None


def stored(session: Session, ids: Sequence[str]) -> dict[str, Stored]:
    """What the writes need to know of each of these follow-ups that exists."""
    if not ids:
        return {}
    statement = select(F.c.id, F.c.delegation_id, F.c.partnership_id, F.c.done_at).where(
        F.c.id.in_(list(ids))
    )
    return {r[0]: Stored(r[1], r[2], r[3]) for r in session.execute(statement)}


def ids_of(session: Session, delegation_id: str) -> set[str]:
    statement = select(F.c.id).where(F.c.delegation_id == delegation_id)
    return set(session.execute(statement).scalars())


def insert_follow_up(session: Session, follow_up_id: str, values: dict[str, Any]) -> None:
    session.execute(insert(F).values(id=follow_up_id, **values))


def update_follow_up(session: Session, follow_up_id: str, values: dict[str, Any]) -> bool:
    result = session.execute(update(F).where(F.c.id == follow_up_id).values(**values))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def delete_follow_ups(session: Session, ids: Sequence[str]) -> None:
    if ids:
        session.execute(delete(F).where(F.c.id.in_(list(ids))))


def set_partnership_of_visit(
    session: Session, delegation_id: str, partnership_id: str | None
) -> None:
    """A visit moved to another partnership takes its follow-ups along."""
    session.execute(
        update(F).where(F.c.delegation_id == delegation_id).values(partnership_id=partnership_id)
    )
