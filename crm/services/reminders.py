"""What the office did about the agenda: items marked done or snoozed, items already shown as a
notification, and the keep-in-touch intervals it chose."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from crm.domain.contacts import MAX_KEEP_IN_TOUCH_DAYS
from crm.domain.occasions import KEEP_IN_TOUCH_DAYS, Occasion, OccasionKind
from crm.domain.text import QT_TRANSLATE_NOOP, DomainError
from crm.store import reminders as q
from crm.store.database import Database
from crm.store.models import utcnow

BAD_INTERVAL = QT_TRANSLATE_NOOP(
    "Reminders", "An interval is a whole number of days from 1 to 3650, or none."
)
MAX_INTERVAL = MAX_KEEP_IN_TOUCH_DAYS


@dataclass(frozen=True)
class Intervals:
    """The office's keep-in-touch intervals: per partnership status (defaults filled in) and
    per contact tag."""

    status: dict[str, int | None]
    tags: dict[str, int | None]


class ReminderService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # ---- done, snoozed ----

    def hidden(self, today: dt.date) -> set[str]:
        with self.db.session() as session:
            return q.hidden_keys(session, today)

    def mark_done(self, occasion: Occasion) -> None:
        """Done: gone from the agenda for good. A follow-up is closed as well."""
        with self.db.write() as session:
            q.set_state(session, occasion.key, done_at=utcnow(), snoozed_until="")
        if occasion.kind is OccasionKind.FOLLOW_UP and occasion.subject:
            from crm.services.follow_ups import FollowUpService

            FollowUpService(self.db).mark_done(occasion.subject.id)

    def snooze(self, occasion: Occasion, until: dt.date) -> None:
        """Hidden until `until` (it shows again that day)."""
        with self.db.write() as session:
            q.set_state(session, occasion.key, done_at=None, snoozed_until=until.isoformat())

    def restore(self, occasion: Occasion) -> None:
        """Undo of done or snooze."""
        with self.db.write() as session:
            q.clear_state(session, occasion.key)
        if occasion.kind is OccasionKind.FOLLOW_UP and occasion.subject:
            from crm.services.follow_ups import FollowUpService

            FollowUpService(self.db).reopen(occasion.subject.id)

    def tidy(self, today: dt.date, *, keep_days: int = 400) -> int:
        """Forget the state of items dated more than `keep_days` ago."""
        with self.db.write() as session:
            return q.forget_states(session, today - dt.timedelta(days=keep_days))

    def home_of(self, occasion: Occasion) -> tuple[str, str] | None:
        """Where the item is opened: ("contact" | "partnership" | "delegation", id), or None
        for one about no record (a festival)."""
        if occasion.subject is None:
            return None
        with self.db.session() as session:
            return q.home_of(session, occasion.subject.type, occasion.subject.id)

    # ---- notified ----

    def not_yet_notified(self, occasions: Iterable[Occasion]) -> list[Occasion]:
        items = list(occasions)
        with self.db.session() as session:
            seen = q.notified_keys(session, (o.key for o in items))
        return [o for o in items if o.key not in seen]

    def mark_notified(self, occasions: Iterable[Occasion]) -> None:
        now = utcnow()
        with self.db.write() as session:
            for occasion in occasions:
                q.set_state(session, occasion.key, notified_at=now)

    # ---- keep-in-touch intervals ----

    def intervals(self) -> Intervals:
        with self.db.session() as session:
            status = {**KEEP_IN_TOUCH_DAYS, **q.intervals(session, q.STATUS)}
            tags = q.intervals(session, q.TAG)
        return Intervals(status=status, tags=tags)

    def set_status_interval(self, status: str, days: int | None) -> None:
        _check(days)
        with self.db.write() as session:
            q.set_interval(session, q.STATUS, status, days)

    def set_tag_interval(self, tag: str, days: int | None) -> None:
        """`days` None: the tag no longer sets an interval."""
        _check(days)
        with self.db.write() as session:
            if days is None:
                q.clear_interval(session, q.TAG, tag)
            else:
                q.set_interval(session, q.TAG, tag, days)

    def set_contact_interval(self, contact_id: str, days: int | None) -> None:
        """None: as the contact's tags say; 0: never."""
        _check(days, zero=True)
        with self.db.write() as session:
            q.set_contact_interval(session, contact_id, days)

    def set_partnership_interval(self, partnership_id: str, days: int | None) -> None:
        """None: the status's default; 0: never."""
        _check(days, zero=True)
        with self.db.write() as session:
            q.set_partnership_interval(session, partnership_id, days)


def _check(days: int | None, *, zero: bool = False) -> None:
    if days is None or (zero and days == 0):
        return
    if not 1 <= days <= MAX_INTERVAL:
        raise DomainError(BAD_INTERVAL)
