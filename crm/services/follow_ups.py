"""Follow-ups agreed with partners: what, who, when, done.

A follow-up of a visit belongs to the visit's partnership too, so that the partnership's open
list shows it; a visit's follow-ups are also written by the delegation editor through
`write_follow_up`, inside the visit's own transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from crm.domain.delegation_rules import FollowUpDraft
from crm.domain.text import QT_TRANSLATE_NOOP, DomainError
from crm.services.changes import Changes
from crm.store import delegations as dq
from crm.store import follow_ups as q
from crm.store.database import Database
from crm.store.models import Staff, new_id, utcnow
from crm.store.partnership_models import Delegation, FollowUp, Partnership

FollowUpRow = q.FollowUpRow

FOLLOW_UP_GONE = QT_TRANSLATE_NOOP("FollowUps", "This follow-up no longer exists.")
STAFF_GONE = QT_TRANSLATE_NOOP(
    "FollowUps", "The staff member chosen is no longer in the office list."
)
VISIT_GONE = QT_TRANSLATE_NOOP("FollowUps", "The visit of this follow-up no longer exists.")
PARTNERSHIP_GONE = QT_TRANSLATE_NOOP(
    "FollowUps", "The partnership of this follow-up no longer exists."
)


@dataclass(frozen=True)
class FollowUpRecord:
    id: str
    draft: FollowUpDraft
    done_at: dt.datetime | None


def write_follow_up(
    session: Session,
    follow_up_id: str | None,
    draft: FollowUpDraft,
    *,
    now: dt.datetime | None = None,
) -> tuple[str, str | None]:
    """Insert (no id) or update a validated follow-up in the caller's transaction; returns its
    id and partnership. A follow-up already done keeps the moment it was done."""
    if draft.assignee_id and session.get(Staff, draft.assignee_id) is None:
        raise DomainError(STAFF_GONE, field="assignee_id")
    partnership_id = draft.partnership_id
    if draft.delegation_id:
        visit = session.get(Delegation, draft.delegation_id)
        if visit is None:
            raise DomainError(VISIT_GONE, field="delegation_id")
        partnership_id = partnership_id or visit.partnership_id
    if partnership_id and session.get(Partnership, partnership_id) is None:
        raise DomainError(PARTNERSHIP_GONE, field="partnership_id")
    values: dict[str, Any] = {
        "description": draft.description,
        "assignee_id": draft.assignee_id,
        "due_on": draft.due_on,
        "delegation_id": draft.delegation_id,
        "partnership_id": partnership_id,
    }
    done_at = None
    if follow_up_id is not None:
        before = q.stored(session, [follow_up_id]).get(follow_up_id)
        if before is None:
            raise DomainError(FOLLOW_UP_GONE)
        done_at = before.done_at
    values["done_at"] = (done_at or now or utcnow()) if draft.done else None
    if follow_up_id is None:
        follow_up_id = new_id()
        q.insert_follow_up(session, follow_up_id, values)
    else:
        q.update_follow_up(session, follow_up_id, values)
    if draft.delegation_id:
        dq.touch(session, draft.delegation_id)
    return follow_up_id, partnership_id


def _changes(*partnerships: str | None) -> Changes:
    return Changes(partnerships=frozenset(p for p in partnerships if p))


class FollowUpService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # Reading -----------------------------------------------------------------------------
    def open(
        self,
        *,
        today: dt.date | None = None,
        delegation_id: str | None = None,
        partnership_id: str | None = None,
    ) -> list[FollowUpRow]:
        """What is still to do: overdue first, then by due date, undated last."""
        with self.db.session() as session:
            return q.follow_up_rows(
                session,
                today=today or dt.date.today(),
                open_only=True,
                delegation_id=delegation_id,
                partnership_id=partnership_id,
            )

    def of_delegation(
        self, delegation_id: str, *, today: dt.date | None = None
    ) -> list[FollowUpRow]:
        """All follow-ups of a visit, the open ones first."""
        with self.db.session() as session:
            return q.follow_up_rows(
                session, today=today or dt.date.today(), delegation_id=delegation_id
            )

    def get(self, follow_up_id: str) -> FollowUpRecord:
        with self.db.session() as session:
            row = session.get(FollowUp, follow_up_id)
            if row is None:
                raise DomainError(FOLLOW_UP_GONE)
            draft = FollowUpDraft(
                description=row.description,
                assignee_id=row.assignee_id,
                due_on=row.due_on,
                delegation_id=row.delegation_id,
                partnership_id=row.partnership_id,
                done=row.done_at is not None,
            )
            return FollowUpRecord(row.id, draft, row.done_at)

    # Writing -----------------------------------------------------------------------------
    def add(self, draft: FollowUpDraft) -> tuple[str, Changes]:
        """Add a follow-up to a visit and/or a partnership (or to neither: an office task)."""
        clean = draft.validate()
        with self.db.write() as session:
            follow_up_id, partnership_id = write_follow_up(session, None, clean)
        return follow_up_id, _changes(partnership_id)

    def update(self, follow_up_id: str, draft: FollowUpDraft) -> Changes:
        clean = draft.validate()
        with self.db.write() as session:
            before = self._stored(session, follow_up_id)
            _id, partnership_id = write_follow_up(session, follow_up_id, clean)
            if before.delegation_id and before.delegation_id != clean.delegation_id:
                dq.touch(session, before.delegation_id)
        return _changes(before.partnership_id, partnership_id)

    def mark_done(self, follow_up_id: str, *, at: dt.datetime | None = None) -> Changes:
        return self._set_done(follow_up_id, at or utcnow())

    def reopen(self, follow_up_id: str) -> Changes:
        return self._set_done(follow_up_id, None)

    def _set_done(self, follow_up_id: str, done_at: dt.datetime | None) -> Changes:
        with self.db.write() as session:
            before = self._stored(session, follow_up_id)
            q.update_follow_up(session, follow_up_id, {"done_at": done_at})
            if before.delegation_id:
                dq.touch(session, before.delegation_id)
        return _changes(before.partnership_id)

    def delete(self, follow_up_id: str) -> Changes:
        with self.db.write() as session:
            before = self._stored(session, follow_up_id)
            q.delete_follow_ups(session, [follow_up_id])
            if before.delegation_id:
                dq.touch(session, before.delegation_id)
        return _changes(before.partnership_id)

    @staticmethod
    def _stored(session: Session, follow_up_id: str) -> q.Stored:
        before = q.stored(session, [follow_up_id]).get(follow_up_id)
        if before is None:
            raise DomainError(FOLLOW_UP_GONE)
        return before
