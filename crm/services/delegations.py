"""Delegations: visits both ways, their members, programme, gifts and follow-ups.

A visit is saved whole, in one write transaction: the visit, its members in protocol order,
its itinerary and (when the editor passes them) its gifts and follow-ups, so that a visit is
never left half-written. `version` guards against overwriting a change made elsewhere; a
change to one of its gifts or follow-ups made elsewhere counts as a change of the visit.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import update
from sqlmodel import Session

from crm.domain.delegation_rules import (
    DelegationDraft,
    FollowUpDraft,
    GiftDraft,
    ItineraryEntry,
    Member,
    RowError,
)
from crm.domain.partnerships import DelegationDirection, DelegationStatus
from crm.domain.text import QT_TRANSLATE_NOOP, DomainError, ValidationErrors
from crm.services.acting import Acting
from crm.services.changes import Changes
from crm.services.conflicts import ChangedElsewhere, DeletedElsewhere
from crm.services.follow_ups import FollowUpRow, write_follow_up
from crm.services.gifts import GiftRow, GiftService, write_gift
from crm.services.photos import NewPhoto
from crm.services.preparation import Preparation, prepare
from crm.store import delegations as q
from crm.store import follow_ups as fq
from crm.store import gifts as gq
from crm.store.database import Database
from crm.store.models import new_id, utcnow
from crm.store.partnership_models import Delegation, Partnership

DelegationRow = q.DelegationRow
MemberRow = q.MemberRow
ItineraryRow = q.ItineraryRow
PartnershipChoice = q.PartnershipChoice

NOT_FOUND = QT_TRANSLATE_NOOP("Delegations", "This visit no longer exists.")
PARTNERSHIP_GONE = QT_TRANSLATE_NOOP("Delegations", "The chosen partnership no longer exists.")
MEMBER_GONE = QT_TRANSLATE_NOOP("Delegations", "A person on the list no longer exists.")


@dataclass(frozen=True)
class FollowUpEdit:
    """One follow-up as the editor holds it: `follow_up_id` None for a new one."""

    follow_up_id: str | None
    draft: FollowUpDraft


@dataclass(frozen=True)
class GiftEdit:
    """One gift as the editor holds it; `photo` is a new image file to copy in."""

    gift_id: str | None
    draft: GiftDraft
    photo: Path | None = None


@dataclass(frozen=True)
class DelegationRecord:
    id: str
    version: int
    draft: DelegationDraft
    summary: DelegationRow
    members: list[MemberRow]
    itinerary: list[ItineraryRow]
    gifts: list[GiftRow]
    follow_ups: list[FollowUpRow]
    updated_at: dt.datetime
    updated_by: str = ""


class DelegationService:
    def __init__(self, db: Database, *, acting: Acting | None = None) -> None:
        self.db = db
        self.acting = acting if acting is not None else Acting()
        self._gifts = GiftService(db)

    # Reading -----------------------------------------------------------------------------
    def list(
        self, *, partnership_id: str | None = None, today: dt.date | None = None
    ) -> builtins.list[DelegationRow]:
        """Every visit (or a partnership's): coming ones first, soonest first; then past ones."""
        with self.db.session() as session:
            return q.delegation_rows(
                session, partnership_id=partnership_id, today=today or dt.date.today()
            )

    def partnerships(self) -> builtins.list[PartnershipChoice]:
        with self.db.session() as session:
            return q.partnership_choices(session)

    def get(self, delegation_id: str, *, today: dt.date | None = None) -> DelegationRecord:
        with self.db.session() as session:
            record = read_record(session, delegation_id, today=today or dt.date.today())
        if record is None:
            raise DomainError(NOT_FOUND)
        return record

    def preparation(self, delegation_id: str, *, history: int = 3) -> Preparation:
        """Everything a protocol officer needs on one screen: each member's names and titles in
        both languages, and our history with them."""
        with self.db.session() as session:
            found = prepare(session, delegation_id, per=history, today=dt.date.today())
        if found is None:
            raise DomainError(NOT_FOUND)
        return found

    # Writing -----------------------------------------------------------------------------
    def create(
        self,
        draft: DelegationDraft,
        *,
        follow_ups: Sequence[FollowUpEdit] | None = None,
        gifts: Sequence[GiftEdit] | None = None,
        delegation_id: str | None = None,
    ) -> tuple[str, Changes]:
        new = delegation_id or new_id()
        changes = self._save(new, draft, None, follow_ups, gifts, create=True)
        return new, changes

    def update(
        self,
        delegation_id: str,
        draft: DelegationDraft,
        *,
        expected_version: int,
        follow_ups: Sequence[FollowUpEdit] | None = None,
        gifts: Sequence[GiftEdit] | None = None,
    ) -> Changes:
        """Save a visit; `follow_ups` and `gifts`, when given, are all of the visit's: those
        not listed are deleted."""
        return self._save(delegation_id, draft, expected_version, follow_ups, gifts, create=False)

    def set_status(
        self, delegation_id: str, status: DelegationStatus, *, expected_version: int | None = None
    ) -> Changes:
        with self.db.write() as session:
            values = {"status": str(status), "updated_by": self.acting.stamp}
            _write_row(session, delegation_id, values, expected_version)
            people = q.member_ids(session, delegation_id)
            visit = session.get(Delegation, delegation_id)
            partnership = visit.partnership_id if visit else None
        return _changes(people, {partnership})

    def delete(self, delegation_id: str) -> Changes:
        """Delete a visit with its members, programme and follow-ups. Its gifts stay in the
        register (they were given), dated by the visit if they had no date of their own."""
        with self.db.write() as session:
            visit = session.get(Delegation, delegation_id)
            if visit is None:
                raise DomainError(NOT_FOUND)
            people = q.member_ids(session, delegation_id)
            gift_table = gq.G
            session.execute(
                update(gift_table)
                .where(gift_table.c.delegation_id == delegation_id, gift_table.c.given_on == "")
                .values(given_on=visit.start_on)
            )
            session.execute(
                update(gift_table)
                .where(
                    gift_table.c.delegation_id == delegation_id,
                    gift_table.c.partnership_id.is_(None),
                )
                .values(partnership_id=visit.partnership_id)
            )
            partnership = visit.partnership_id
            session.delete(visit)
        return _changes(people, {partnership})

    def _save(
        self,
        delegation_id: str,
        draft: DelegationDraft,
        expected_version: int | None,
        follow_ups: Sequence[FollowUpEdit] | None,
        gifts: Sequence[GiftEdit] | None,
        *,
        create: bool,
    ) -> Changes:
        clean, follow_up_drafts, gift_drafts = _validate(draft, follow_ups, gifts, delegation_id)
        photos = self._gifts.photos
        new_photos: dict[int, NewPhoto] = {}
        for row, edit in enumerate(gifts or ()):
            if edit.photo is not None:
                try:
                    new_photos[row] = photos.read(edit.photo)
                except DomainError as error:
                    raise RowError(error.text, field="gifts", row=row) from error
        with self.db.write() as session:
            people = set() if create else q.member_ids(session, delegation_id)
            before = None if create else session.get(Delegation, delegation_id)
            partnerships = {before.partnership_id if before else None, clean.partnership_id}
            _check(session, clean)
            values = {**_row_values(clean), "updated_by": self.acting.stamp}
            if create:
                session.add(Delegation(id=delegation_id, **values))
                session.flush()
            else:
                _write_row(session, delegation_id, values, expected_version, mine=clean)
            q.replace_members(session, delegation_id, clean.members)
            q.replace_itinerary(session, delegation_id, clean.itinerary)
            fq.set_partnership_of_visit(session, delegation_id, clean.partnership_id)
            gq.set_partnership_of_visit(session, delegation_id, clean.partnership_id)
            if follow_ups is not None:
                _write_follow_ups(session, delegation_id, follow_ups, follow_up_drafts)
            if gifts is not None:
                kept = {row: photos.keep(session, p) for row, p in new_photos.items()}
                dropped = _write_gifts(session, delegation_id, gifts, gift_drafts, kept)
                photos.forget(session, dropped)
            # Writing the children touched the visit; one save is one new version.
            version = 1 if expected_version is None else expected_version + 1
            session.execute(update(q.D).where(q.D.c.id == delegation_id).values(version=version))
        people |= {m.contact_id for m in clean.members}
        people |= {g.contact_id for g in gift_drafts if g.contact_id}
        return _changes(people, partnerships)


def read_record(session: Session, delegation_id: str, *, today: dt.date) -> DelegationRecord | None:
    """The stored visit whole, or None when there is none; `today` sorts its follow-ups."""
    rows = q.delegation_rows(session, ids=[delegation_id], today=today)
    visit = session.get(Delegation, delegation_id)
    if not rows or visit is None:
        return None
    members = q.members(session, delegation_id)
    itinerary = q.itinerary(session, delegation_id)
    gifts = gq.gift_rows(session, delegation_id=delegation_id)
    follow_ups = fq.follow_up_rows(session, today=today, delegation_id=delegation_id)
    draft = DelegationDraft(
        title=visit.title,
        direction=DelegationDirection(visit.direction),
        status=DelegationStatus(visit.status),
        partnership_id=visit.partnership_id,
        start_on=visit.start_on,
        end_on=visit.end_on,
        leader_id=visit.leader_id,
        members=[Member(m.contact_id, m.role) for m in members],
        purpose=visit.purpose,
        itinerary=[ItineraryEntry(i.day, i.time, i.description) for i in itinerary],
        outcomes=visit.outcomes,
        notes=visit.notes,
    )
    return DelegationRecord(
        visit.id,
        visit.version,
        draft,
        rows[0],
        members,
        itinerary,
        gifts,
        follow_ups,
        visit.updated_at,
        visit.updated_by,
    )


def _write_row(
    session: Session,
    delegation_id: str,
    values: dict[str, Any],
    expected: int | None,
    *,
    mine: DelegationDraft | None = None,
) -> None:
    """Write the visit's own row; with `expected`, only over that version (else refused with
    the version stored, and nothing written). `mine` names the visit if it was deleted."""
    statement = update(q.D).where(q.D.c.id == delegation_id)
    if expected is not None:
        statement = statement.where(q.D.c.version == expected)
    result = session.execute(
        statement.values(**values, version=q.D.c.version + 1, updated_at=utcnow())
    )
    if result.rowcount == 1:  # type: ignore[attr-defined]
        return
    theirs = read_record(session, delegation_id, today=dt.date.today())
    if theirs is None:
        name = mine.title if mine is not None else ""
        raise DeletedElsewhere(record_type="delegation", record_id=delegation_id, name=name)
    raise ChangedElsewhere(record_type="delegation", name=theirs.draft.title, theirs=theirs)


def _changes(people: set[str], partnerships: set[str | None]) -> Changes:
    return Changes(contacts=frozenset(people), partnerships=frozenset(p for p in partnerships if p))


def _validate(
    draft: DelegationDraft,
    follow_ups: Sequence[FollowUpEdit] | None,
    gifts: Sequence[GiftEdit] | None,
    delegation_id: str,
) -> tuple[DelegationDraft, list[FollowUpDraft], list[GiftDraft]]:
    """Every problem of the visit, its follow-ups and its gifts at once."""
    errors: list[DomainError] = []
    clean = draft
    try:
        clean = draft.validate()
    except ValidationErrors as error:
        errors += error.errors
    follow_up_drafts: list[FollowUpDraft] = []
    for row, f_edit in enumerate(follow_ups or ()):
        try:
            follow_up_drafts.append(f_edit.draft.validate())
        except ValidationErrors as error:
            errors += [RowError(e.text, field="follow_ups", row=row) for e in error.errors]
    gift_drafts: list[GiftDraft] = []
    for row, g_edit in enumerate(gifts or ()):
        try:
            gift_drafts.append(g_edit.draft.validate(today=dt.date.max))
        except ValidationErrors as error:
            errors += [RowError(e.text, field="gifts", row=row) for e in error.errors]
    if errors:
        raise ValidationErrors(errors)
    for f in follow_up_drafts:
        f.delegation_id, f.partnership_id = delegation_id, clean.partnership_id
    for g in gift_drafts:
        g.delegation_id, g.partnership_id = delegation_id, clean.partnership_id
    return clean, follow_up_drafts, gift_drafts


def _check(session: Session, draft: DelegationDraft) -> None:
    if draft.partnership_id and session.get(Partnership, draft.partnership_id) is None:
        raise DomainError(PARTNERSHIP_GONE, field="partnership_id")
    wanted = [m.contact_id for m in draft.members]
    if set(wanted) - q.existing_contacts(session, wanted):
        raise DomainError(MEMBER_GONE, field="members")


def _row_values(draft: DelegationDraft) -> dict[str, Any]:
    return {
        "partnership_id": draft.partnership_id,
        "direction": str(draft.direction),
        "title": draft.title,
        "start_on": draft.start_on,
        "end_on": draft.end_on,
        "status": str(draft.status),
        "leader_id": draft.leader_id,
        "purpose": draft.purpose,
        "outcomes": draft.outcomes,
        "notes": draft.notes,
    }


def _write_follow_ups(
    session: Session,
    delegation_id: str,
    edits: Sequence[FollowUpEdit],
    drafts: list[FollowUpDraft],
) -> None:
    kept = {e.follow_up_id for e in edits if e.follow_up_id}
    fq.delete_follow_ups(session, sorted(fq.ids_of(session, delegation_id) - kept))
    for edit, draft in zip(edits, drafts, strict=True):
        write_follow_up(session, edit.follow_up_id, draft)


def _write_gifts(
    session: Session,
    delegation_id: str,
    edits: Sequence[GiftEdit],
    drafts: list[GiftDraft],
    photos: dict[int, str],
) -> list[str]:
    """Write the visit's gifts (`photos`: the new photo's name by edit row); returns the photo
    names no longer used by them."""
    kept = {e.gift_id for e in edits if e.gift_id}
    before = gq.stored_gifts(session, sorted(gq.gift_ids_of(session, delegation_id) | kept))
    removed = sorted(gq.gift_ids_of(session, delegation_id) - kept)
    gq.delete_gifts(session, removed)
    dropped = [before[g][1] for g in removed if before[g][1]]
    for row, (edit, draft) in enumerate(zip(edits, drafts, strict=True)):
        photo = photos.get(row)
        write_gift(session, edit.gift_id, draft, photo=photo)
        if photo and edit.gift_id and edit.gift_id in before and before[edit.gift_id][1]:
            dropped.append(before[edit.gift_id][1])
    return dropped
