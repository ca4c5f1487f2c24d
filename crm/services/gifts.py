"""The gift register, both ways: what we gave to or received from whom, when, on which visit.

"What did we give Mr Janssens last time?" is `last_given_to`. Gifts of a visit are also written
by the delegation editor, through `write_gift` inside the visit's own transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session

from crm.domain.delegation_rules import GiftDraft
from crm.domain.partnerships import GiftDirection, ValueBand
from crm.domain.text import QT_TRANSLATE_NOOP, DomainError
from crm.services.changes import Changes
from crm.services.photos import PhotoStore
from crm.services.stored_files import StoredFiles
from crm.store import delegations as dq
from crm.store import gifts as q
from crm.store.database import Database
from crm.store.models import Contact, new_id
from crm.store.partnership_models import Delegation, Gift, Partnership

GiftRow = q.GiftRow

GIFT_GONE = QT_TRANSLATE_NOOP("Gifts", "This gift is no longer in the register.")
CONTACT_GONE = QT_TRANSLATE_NOOP("Gifts", "The person chosen for this gift no longer exists.")
VISIT_GONE = QT_TRANSLATE_NOOP("Gifts", "The visit chosen for this gift no longer exists.")
PARTNERSHIP_GONE = QT_TRANSLATE_NOOP("Gifts", "The partnership chosen no longer exists.")


@dataclass(frozen=True)
class GiftRecord:
    id: str
    draft: GiftDraft
    photo: str
    photo_path: Path | None


def check_gift(session: Session, draft: GiftDraft) -> None:
    if draft.contact_id and session.get(Contact, draft.contact_id) is None:
        raise DomainError(CONTACT_GONE, field="contact_id")
    if draft.delegation_id and session.get(Delegation, draft.delegation_id) is None:
        raise DomainError(VISIT_GONE, field="delegation_id")
    if draft.partnership_id and session.get(Partnership, draft.partnership_id) is None:
        raise DomainError(PARTNERSHIP_GONE, field="partnership_id")


def gift_values(draft: GiftDraft) -> dict[str, Any]:
    return {
        "direction": str(draft.direction),
        "description": draft.description,
        "contact_id": draft.contact_id,
        "delegation_id": draft.delegation_id,
        "partnership_id": draft.partnership_id,
        "occasion": draft.occasion,
        "given_on": draft.given_on,
        "value_band": str(draft.value_band) if draft.value_band else "",
        "notes": draft.notes,
    }


def write_gift(
    session: Session, gift_id: str | None, draft: GiftDraft, *, photo: str | None = None
) -> tuple[str, str | None]:
    """Insert (no id) or update a validated gift in the caller's transaction; `photo` is a
    stored photo name to set ("" removes it, None keeps the current one). Returns the gift's
    id and the partnership it belongs to (its own, else its visit's)."""
    check_gift(session, draft)
    values = gift_values(draft)
    if photo is not None:
        values["photo"] = photo
    if gift_id is None:
        gift_id = new_id()
        values.setdefault("photo", "")
        q.insert_gift(session, gift_id, values)
    elif not q.update_gift(session, gift_id, values):
        raise DomainError(GIFT_GONE)
    partnership_id = draft.partnership_id
    if draft.delegation_id:
        dq.touch(session, draft.delegation_id)
        visit = session.get(Delegation, draft.delegation_id)
        partnership_id = partnership_id or (visit.partnership_id if visit else None)
    return gift_id, partnership_id


def _partnership_of(session: Session, gift: Gift) -> str | None:
    if gift.partnership_id or not gift.delegation_id:
        return gift.partnership_id
    visit = session.get(Delegation, gift.delegation_id)
    return visit.partnership_id if visit else None


def _changes(contacts: tuple[str | None, ...], partnerships: tuple[str | None, ...]) -> Changes:
    return Changes(
        contacts=frozenset(c for c in contacts if c),
        partnerships=frozenset(p for p in partnerships if p),
    )


class GiftService:
    def __init__(self, db: Database, *, copies: Path | None = None) -> None:
        self.db = db
        self.photos = PhotoStore(StoredFiles(db, copies))

    # Reading -----------------------------------------------------------------------------
    def get(self, gift_id: str) -> GiftRecord:
        with self.db.session() as session:
            gift = session.get(Gift, gift_id)
            if gift is None:
                raise DomainError(GIFT_GONE)
            draft = GiftDraft(
                description=gift.description,
                direction=GiftDirection(gift.direction),
                contact_id=gift.contact_id,
                delegation_id=gift.delegation_id,
                partnership_id=gift.partnership_id,
                occasion=gift.occasion,
                given_on=gift.given_on,
                value_band=ValueBand(gift.value_band) if gift.value_band else None,
                notes=gift.notes,
            )
            return GiftRecord(gift.id, draft, gift.photo, self.photos.path(gift.photo))

    def find(
        self,
        *,
        contact_id: str | None = None,
        partnership_id: str | None = None,
        direction: GiftDirection | None = None,
        delegation_id: str | None = None,
    ) -> list[GiftRow]:
        """The register, newest first, narrowed by whatever is given."""
        with self.db.session() as session:
            return q.gift_rows(
                session,
                contact_id=contact_id,
                partnership_id=partnership_id,
                direction=str(direction) if direction else None,
                delegation_id=delegation_id,
            )

    def gifts_for_contact(self, contact_id: str) -> list[GiftRow]:
        """Everything given to and received from one person, newest first."""
        return self.find(contact_id=contact_id)

    def of_delegation(self, delegation_id: str) -> list[GiftRow]:
        return self.find(delegation_id=delegation_id)

    def last_given_to(self, contact_id: str) -> GiftRow | None:
        """What we gave this person last time, or None if we never gave them anything."""
        return self._last(contact_id, GiftDirection.GIVEN)

    def last_received_from(self, contact_id: str) -> GiftRow | None:
        return self._last(contact_id, GiftDirection.RECEIVED)

    def _last(self, contact_id: str, direction: GiftDirection) -> GiftRow | None:
        with self.db.session() as session:
            rows = q.gift_rows(session, contact_id=contact_id, direction=str(direction), limit=1)
        return rows[0] if rows else None

    def photo_path(self, name: str) -> Path | None:
        """The photo file of a gift (`GiftRow.photo`), or None; None too if the file is gone."""
        path = self.photos.path(name)
        return path if path is not None and path.is_file() else None

    # Writing -----------------------------------------------------------------------------
    def register(
        self, draft: GiftDraft, *, photo: Path | None = None, today: dt.date | None = None
    ) -> tuple[str, Changes]:
        clean = draft.validate(today=today)
        new = self.photos.read(photo) if photo is not None else None
        with self.db.write() as session:
            stored = self.photos.keep(session, new) if new is not None else None
            gift_id, partnership_id = write_gift(session, None, clean, photo=stored)
        return gift_id, _changes((clean.contact_id,), (partnership_id,))

    def update(
        self,
        gift_id: str,
        draft: GiftDraft,
        *,
        photo: Path | None = None,
        remove_photo: bool = False,
        today: dt.date | None = None,
    ) -> Changes:
        """Change a gift; `photo` replaces its photo, `remove_photo` takes it away."""
        clean = draft.validate(today=today)
        new = self.photos.read(photo) if photo is not None else None
        with self.db.write() as session:
            before = session.get(Gift, gift_id)
            if before is None:
                raise DomainError(GIFT_GONE)
            old_photo, old_contact, old_visit = (
                before.photo,
                before.contact_id,
                before.delegation_id,
            )
            old_partnership = _partnership_of(session, before)
            stored = self.photos.keep(session, new) if new is not None else None
            new_photo = stored if stored is not None else ("" if remove_photo else None)
            _id, partnership_id = write_gift(session, gift_id, clean, photo=new_photo)
            if old_visit and old_visit != clean.delegation_id:
                dq.touch(session, old_visit)
            if new_photo is not None and old_photo != new_photo:
                self.photos.forget(session, [old_photo])
        return _changes((clean.contact_id, old_contact), (old_partnership, partnership_id))

    def attach_photo(self, gift_id: str, source: Path) -> Changes:
        record = self.get(gift_id)
        return self.update(gift_id, record.draft, photo=source, today=dt.date.max)

    def delete(self, gift_id: str) -> Changes:
        with self.db.write() as session:
            gift = session.get(Gift, gift_id)
            if gift is None:
                raise DomainError(GIFT_GONE)
            photo, contact_id, visit = gift.photo, gift.contact_id, gift.delegation_id
            partnership_id = _partnership_of(session, gift)
            q.delete_gifts(session, [gift_id])
            if visit:
                dq.touch(session, visit)
            self.photos.forget(session, [photo])
        return _changes((contact_id,), (partnership_id,))
