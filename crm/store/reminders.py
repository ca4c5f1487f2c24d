"""Reminder state (done, snoozed, notified), keep-in-touch intervals, and the facts the
keep-in-touch rules need about watched contacts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import delete, func, insert, or_, select, update
from sqlmodel import Session

from crm.domain.names import latin_name
from crm.domain.occasions import NO_BIRTHDAY_STATUSES, ContactTouchFacts, contact_interval
from crm.store.models import Contact, ContactTag, utcnow
from crm.store.partnership_models import Agreement, FollowUp, InteractionContact, Partnership
from crm.store.reminder_models import KeepInTouchInterval, ReminderState

R = ReminderState.__table__  # type: ignore[attr-defined]
K = KeepInTouchInterval.__table__  # type: ignore[attr-defined]
C = Contact.__table__  # type: ignore[attr-defined]
T = ContactTag.__table__  # type: ignore[attr-defined]
P = Partnership.__table__  # type: ignore[attr-defined]
IC = InteractionContact.__table__  # type: ignore[attr-defined]
A = Agreement.__table__  # type: ignore[attr-defined]
F = FollowUp.__table__  # type: ignore[attr-defined]

STATUS = "status"
TAG = "tag"


# ---- reminder state ----


def hidden_keys(session: Session, today: dt.date) -> set[str]:
    """Items marked done, or snoozed until after `today`."""
    statement = select(R.c.key).where(
        or_(R.c.done_at.is_not(None), R.c.snoozed_until > today.isoformat())
    )
    return set(session.execute(statement).scalars())


def notified_keys(session: Session, keys: Iterable[str]) -> set[str]:
    wanted = list(keys)
    found: set[str] = set()
    for first in range(0, len(wanted), 500):
        chunk = wanted[first : first + 500]
        statement = select(R.c.key).where(R.c.key.in_(chunk), R.c.notified_at.is_not(None))
        found.update(session.execute(statement).scalars())
    return found


def set_state(session: Session, key: str, **values: object) -> None:
    """Insert or update the state of one item (portable: no dialect-specific upsert)."""
    result = session.execute(update(R).where(R.c.key == key).values(**values))
    changed = result.rowcount  # type: ignore[attr-defined]
    if not changed:
        session.execute(insert(R).values(key=key, **values))


def clear_state(session: Session, key: str) -> None:
    session.execute(update(R).where(R.c.key == key).values(done_at=None, snoozed_until=""))


def state_of(session: Session, key: str) -> tuple[dt.datetime | None, str] | None:
    row = session.execute(select(R.c.done_at, R.c.snoozed_until).where(R.c.key == key)).first()
    return (row[0], row[1]) if row else None


def forget_states(session: Session, before: dt.date) -> int:
    """Drop the state of items dated before `before` (the key ends with the item's date):
    they can never come back, so the table does not grow without end."""
    rows = session.execute(select(R.c.key)).scalars().all()
    old = [key for key in rows if key[-10:] < before.isoformat()]
    for first in range(0, len(old), 500):
        session.execute(delete(R).where(R.c.key.in_(old[first : first + 500])))
    return len(old)


# ---- intervals ----


def intervals(session: Session, scope: str) -> dict[str, int | None]:
    statement = select(K.c.name, K.c.days).where(K.c.scope == scope)
    return {name: days for name, days in session.execute(statement)}


def set_interval(session: Session, scope: str, name: str, days: int | None) -> None:
    session.execute(delete(K).where(K.c.scope == scope, K.c.name == name))
    session.execute(insert(K).values(scope=scope, name=name, days=days))


def clear_interval(session: Session, scope: str, name: str) -> None:
    session.execute(delete(K).where(K.c.scope == scope, K.c.name == name))


def partnership_intervals(session: Session) -> dict[str, int]:
    """Partnerships with their own interval (0: never)."""
    statement = select(P.c.id, P.c.keep_in_touch_days).where(P.c.keep_in_touch_days.is_not(None))
    return {pid: days for pid, days in session.execute(statement)}


def set_partnership_interval(session: Session, partnership_id: str, days: int | None) -> None:
    # A change like any other: an editor open on the same record sees it was changed.
    session.execute(
        update(P)
        .where(P.c.id == partnership_id)
        .values(keep_in_touch_days=days, version=P.c.version + 1, updated_at=utcnow())
    )


def set_contact_interval(session: Session, contact_id: str, days: int | None) -> None:
    session.execute(
        update(C)
        .where(C.c.id == contact_id)
        .values(keep_in_touch_days=days, version=C.c.version + 1, updated_at=utcnow())
    )


def contact_touch_facts(session: Session) -> list[ContactTouchFacts]:
    """Contacts watched for keep in touch (their own interval, or a tag with one), active and
    not archived, with the day of their last interaction."""
    tag_days = {tag: days for tag, days in intervals(session, TAG).items() if days}
    columns = (
        C.c.id,
        C.c.family_name,
        C.c.given_name,
        C.c.name_zh,
        C.c.keep_in_touch_days,
        C.c.archived,
        C.c.status,
    )
    # Two narrow reads, each by its index (archived and status are checked on the few rows
    # found: in the query they would lead SQLite to read every contact instead).
    found = {
        row[0]: row for row in session.execute(select(*columns).where(C.c.keep_in_touch_days > 0))
    }
    if tag_days:
        tagged = select(T.c.contact_id).where(T.c.tag.in_(sorted(tag_days)))
        for row in session.execute(select(*columns).where(C.c.id.in_(tagged))):
            found.setdefault(row[0], row)
    people = [
        row[:5] for row in found.values() if not row[5] and row[6] not in NO_BIRTHDAY_STATUSES
    ]
    if not people:
        return []
    ids = [row[0] for row in people]
    tags: dict[str, list[str]] = {}
    last: dict[str, str] = {}
    for first in range(0, len(ids), 500):
        chunk = ids[first : first + 500]
        if tag_days:
            for contact_id, tag in session.execute(
                select(T.c.contact_id, T.c.tag).where(
                    T.c.contact_id.in_(chunk), T.c.tag.in_(sorted(tag_days))
                )
            ):
                tags.setdefault(contact_id, []).append(tag)
        statement = (
            select(IC.c.contact_id, func.max(IC.c.occurred_on))
            .where(IC.c.contact_id.in_(chunk))
            .group_by(IC.c.contact_id)
        )
        last.update({contact_id: day for contact_id, day in session.execute(statement)})
    facts = []
    for contact_id, family, given, name_zh, own in people:
        interval = contact_interval(own, (tag_days[t] for t in tags.get(contact_id, ())))
        if interval is None:
            continue
        facts.append(
            ContactTouchFacts(
                contact_id=contact_id,
                name=latin_name(family, given, name_zh),
                name_zh=name_zh,
                interval=interval,
                last_contact=_date(last.get(contact_id)),
            )
        )
    return facts


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def home_of(session: Session, kind: str, subject_id: str) -> tuple[str, str] | None:
    """Where an agenda item is opened: a contact, a partnership or a visit as (type, id). An
    agreement opens its partnership; a follow-up its partnership, else its visit."""
    if kind in ("contact", "partnership", "delegation"):
        return kind, subject_id
    if kind == "agreement":
        found = session.execute(select(A.c.partnership_id).where(A.c.id == subject_id)).first()
        return ("partnership", found[0]) if found and found[0] else None
    if kind == "follow_up":
        row = session.execute(
            select(F.c.partnership_id, F.c.delegation_id).where(F.c.id == subject_id)
        ).first()
        if row is None:
            return None
        if row[0]:
            return "partnership", row[0]
        return ("delegation", row[1]) if row[1] else None
    return None
