"""Logged interactions and the timelines of contacts and partnerships."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlmodel import Session

from crm.domain.partnership_rules import InteractionDraft
from crm.domain.partnerships import InteractionKind
from crm.domain.text import QT_TRANSLATE_NOOP, DomainError
from crm.services.changes import Changes
from crm.store import interactions as q
from crm.store.database import Database
from crm.store.models import Staff
from crm.store.partnership_models import Delegation, Partnership

UNKNOWN_CONTACT = QT_TRANSLATE_NOOP("Interactions", "One of the chosen people no longer exists.")
UNKNOWN_PARTNERSHIP = QT_TRANSLATE_NOOP("Interactions", "The chosen partnership no longer exists.")
UNKNOWN_DELEGATION = QT_TRANSLATE_NOOP("Interactions", "The chosen delegation no longer exists.")
UNKNOWN_STAFF = QT_TRANSLATE_NOOP("Interactions", "The chosen staff member no longer exists.")

TimelineEntry = q.TimelineEntry
PAGE = 50


class InteractionService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def log(
        self,
        kind: InteractionKind | str,
        occurred_on: dt.date | str,
        contact_ids: Sequence[str] = (),
        partnership_id: str | None = None,
        delegation_id: str | None = None,
        note: str = "",
        staff_id: str | None = None,
        *,
        today: dt.date | None = None,
    ) -> tuple[str, Changes]:
        """Record a meeting, call, e-mail… with its people, in one write transaction."""
        date = occurred_on.isoformat() if isinstance(occurred_on, dt.date) else occurred_on
        if delegation_id and not partnership_id:
            # A visit's interactions belong to the visit's partnership's history too.
            with self.db.session() as session:
                delegation = session.get(Delegation, delegation_id)
                partnership_id = delegation.partnership_id if delegation else None
        draft = InteractionDraft(
            kind=InteractionKind(kind),
            occurred_on=date,
            contact_ids=list(contact_ids),
            partnership_id=partnership_id,
            delegation_id=delegation_id,
            note=note,
            staff_id=staff_id,
        ).validate(today=today)
        with self.db.write() as session:
            _check_references(session, draft)
            interaction_id = q.insert_interaction(
                session,
                kind=str(draft.kind),
                occurred_on=draft.occurred_on,
                contact_ids=draft.contact_ids,
                partnership_id=draft.partnership_id,
                delegation_id=draft.delegation_id,
                staff_id=draft.staff_id,
                note=draft.note,
            )
        partnerships = {draft.partnership_id} if draft.partnership_id else set()
        return interaction_id, Changes(partnerships=frozenset(partnerships))

    def timeline_for_contact(
        self, contact_id: str, limit: int = PAGE, offset: int = 0
    ) -> list[TimelineEntry]:
        """The contact's interactions, newest first, one page."""
        with self.db.session() as session:
            return q.for_contact(session, contact_id, limit=limit, offset=offset)

    def timeline_for_partnership(
        self, partnership_id: str, limit: int = PAGE, offset: int = 0
    ) -> list[TimelineEntry]:
        """The partnership's interactions, newest first, one page."""
        with self.db.session() as session:
            return q.for_partnership(session, partnership_id, limit=limit, offset=offset)

    def last_contact(self, contact_id: str) -> dt.date | None:
        """The day of the latest interaction with this person."""
        with self.db.session() as session:
            last = q.last_for_contact(session, contact_id)
        return dt.date.fromisoformat(last) if last else None


def _check_references(session: Session, draft: InteractionDraft) -> None:
    found = q.existing(session, q.C, draft.contact_ids)
    if len(found) != len(draft.contact_ids):
        raise DomainError(UNKNOWN_CONTACT, field="contact_ids")
    if draft.partnership_id and session.get(Partnership, draft.partnership_id) is None:
        raise DomainError(UNKNOWN_PARTNERSHIP, field="partnership_id")
    if draft.delegation_id and session.get(Delegation, draft.delegation_id) is None:
        raise DomainError(UNKNOWN_DELEGATION, field="delegation_id")
    if draft.staff_id and session.get(Staff, draft.staff_id) is None:
        raise DomainError(UNKNOWN_STAFF, field="staff_id")
