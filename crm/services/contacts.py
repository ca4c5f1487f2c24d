"""Contacts: find, read, create, change, archive, delete (and undo a delete)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update
from sqlmodel import Session

from crm.domain.contacts import ContactDraft, ContactStatus
from crm.domain.dates import CalendarKind
from crm.domain.names import display_pinyin, full_label
from crm.domain.search import search_document, sort_key
from crm.domain.text import QT_TRANSLATE_NOOP, DomainError
from crm.services.acting import Acting
from crm.services.changes import Changes
from crm.services.conflicts import ChangedElsewhere, DeletedElsewhere
from crm.store import contacts as q
from crm.store.database import Database
from crm.store.models import Contact, Organisation, Staff, new_id, utcnow

if TYPE_CHECKING:
    from crm.services.contact_rows import ContactRows

NOT_FOUND = QT_TRANSLATE_NOOP("Contacts", "This contact no longer exists.")
UNKNOWN_ORGANISATION = QT_TRANSLATE_NOOP("Contacts", "The chosen organisation no longer exists.")
UNKNOWN_STAFF = QT_TRANSLATE_NOOP("Contacts", "The chosen owner is not a staff member.")
UNKNOWN_PREDECESSOR = QT_TRANSLATE_NOOP(
    "Contacts", "The contact this one succeeds no longer exists."
)

ContactRow = q.ContactRow
display_label = q.display_label

# A search that finds at most this many contacts is read whole; a larger one page by page.
SMALL_RESULT = 3000


class ContactResults:
    """What a search found: its count at once, its ids in list order when asked for, best a
    BLOCK at a time (the search's reading plan counts on it)."""

    BLOCK = q.PAGE

    def __init__(self, db: Database, search: q.Search) -> None:
        self._db = db
        self._search = search
        with db.session() as session:
            self.count = search.count(session)
            self._all = search.ids(session) if self.count <= SMALL_RESULT else None

    def ids(self, start: int = 0, stop: int | None = None) -> list[str]:
        stop = self.count if stop is None else min(stop, self.count)
        if start >= stop:
            return []
        if self._all is not None:
            return self._all[start:stop]
        with self._db.session() as session:
            return self._search.ids(session, offset=start, limit=stop - start)

    def position(self, contact_id: str) -> int | None:
        if self._all is not None:
            try:
                return self._all.index(contact_id)
            except ValueError:
                return None
        with self._db.session() as session:
            return self._search.position(session, contact_id)


@dataclass(frozen=True)
class ContactRecord:
    id: str
    version: int
    draft: ContactDraft
    archived: bool
    created_at: dt.datetime
    updated_at: dt.datetime
    updated_by: str = ""


@dataclass(frozen=True)
class DeletedContact:
    """Everything needed to put a deleted contact back exactly as it was."""

    record: ContactRecord
    successors: tuple[str, ...]


def draft_from(
    contact: Contact, emails: list[str], phones: list[str], tags: list[str]
) -> ContactDraft:
    return ContactDraft(
        family_name=contact.family_name,
        given_name=contact.given_name,
        name_zh=contact.name_zh,
        honorific=contact.honorific,
        position=contact.position,
        position_zh=contact.position_zh,
        organisation_id=contact.organisation_id,
        emails=emails,
        phones=phones,
        wechat=contact.wechat,
        language=contact.language,
        birthday=contact.birthday,
        birthday_calendar=CalendarKind(contact.birthday_calendar),
        birthday_leap_month=contact.birthday_leap_month,
        tags=tags,
        owner_id=contact.owner_id,
        status=ContactStatus(contact.status),
        successor_of_id=contact.successor_of_id,
        keep_in_touch_days=contact.keep_in_touch_days,
        notes=contact.notes,
    )


def search_fields(session: Session, draft: ContactDraft) -> dict[str, str]:
    """The generated columns of a contact: pinyin, sort key and the search document."""
    organisation_names: tuple[str, ...] = ()
    if draft.organisation_id:
        organisation = session.get(Organisation, draft.organisation_id)
        if organisation is not None:
            organisation_names = (organisation.name, organisation.name_zh)
    return generated_fields(draft, organisation_names)


def generated_fields(draft: ContactDraft, organisation_names: Sequence[str] = ()) -> dict[str, str]:
    """`search_fields` with the organisation's names given: for writers of many contacts at
    once, which read the organisations once rather than once per contact."""
    extra = [*draft.emails, *draft.tags, draft.position, draft.position_zh, draft.wechat]
    extra += organisation_names
    names = {
        "family_name": draft.family_name,
        "given_name": draft.given_name,
        "name_zh": draft.name_zh,
    }
    return {
        "pinyin": display_pinyin(draft.name_zh),
        "sort_key": sort_key(**names),
        "search_text": search_document(**names, extra=extra),
    }


class ContactService:
    def __init__(self, db: Database, *, acting: Acting | None = None) -> None:
        self.db = db
        self.acting = acting if acting is not None else Acting()

    # Reading -----------------------------------------------------------------------------
    def search(self, query: str = "", *, include_archived: bool = False) -> list[str]:
        """Ids of every contact the query finds, in list order (the app's search box matching)."""
        with self.db.session() as session:
            return q.search_ids(session, query, include_archived=include_archived)

    def find(self, query: str = "", *, include_archived: bool = False) -> ContactResults:
        """The same search, read lazily: for lists of any length."""
        return ContactResults(self.db, q.Search.of(query, include_archived=include_archived))

    def rows(self, ids: list[str]) -> list[ContactRow]:
        with self.db.session() as session:
            return q.rows(session, ids)

    def count(self) -> int:
        with self.db.session() as session:
            return q.count(session)

    def get(self, contact_id: str) -> ContactRecord:
        with self.db.session() as session:
            record = read_record(session, contact_id)
        if record is None:
            raise DomainError(NOT_FOUND)
        return record

    def pick_list(self, query: str = "", *, limit: int = 50) -> list[tuple[str, str]]:
        with self.db.session() as session:
            return q.find_by_name(session, query, limit=limit)

    def tags(self) -> list[str]:
        with self.db.session() as session:
            return q.all_tags(session)

    def as_dicts(self, ids: list[str]) -> list[dict[str, Any]]:
        """Contacts in DESIGN.md's JSON shape (for `crm contacts --json` and exports)."""
        result: list[dict[str, Any]] = []
        table = Contact.__table__  # type: ignore[attr-defined]
        with self.db.session() as session:
            # Plain rows a block of ids at a time: an ORM object and three queries per contact
            # took 8 s for 10,000 contacts.
            for chunk in q.chunked(ids):
                rows = q.rows(session, chunk)
                more = {
                    r.id: r
                    for r in session.execute(
                        select(
                            table.c.id, table.c.wechat, table.c.successor_of_id, table.c.notes
                        ).where(table.c.id.in_({r.id for r in rows}))
                    )
                }
                children = q.children_of(session, [r.id for r in rows])
                result.extend(self._as_dict(row, more[row.id], *children[row.id]) for row in rows)
        return result

    @staticmethod
    def _as_dict(
        row: ContactRow, contact: Any, emails: list[str], phones: list[str], tags: list[str]
    ) -> dict[str, Any]:
        return {
            "id": row.id,
            "family_name": row.family_name,
            "given_name": row.given_name,
            "name_zh": row.name_zh,
            "pinyin": row.pinyin,
            "honorific": row.honorific,
            "position": row.position,
            "position_zh": row.position_zh,
            "organisation": row.organisation,
            "emails": emails,
            "phones": phones,
            "wechat": contact.wechat,
            "birthday": row.birthday or None,
            "birthday_calendar": row.birthday_calendar,
            "birthday_leap_month": row.birthday_leap_month,
            "language": row.language,
            "tags": tags,
            "owner": row.owner,
            "status": row.status,
            "successor_of": contact.successor_of_id,
            "archived": row.archived,
            "notes": contact.notes,
        }

    # Writing -----------------------------------------------------------------------------
    def create(self, draft: ContactDraft, *, contact_id: str | None = None) -> tuple[str, Changes]:
        clean = draft.validate()
        with self.db.write() as session:
            new = insert_contact(
                session, clean, contact_id=contact_id, updated_by=self.acting.stamp
            )
        return new, Changes(contacts=frozenset({new}))

    def update(self, contact_id: str, draft: ContactDraft, *, expected_version: int) -> Changes:
        """Save the contact, unless it was saved elsewhere since `expected_version` was read:
        then `ChangedElsewhere` (or `DeletedElsewhere`), and nothing is written."""
        clean = draft.validate(contact_id=contact_id)
        with self.db.write() as session:
            update_contact(
                session,
                contact_id,
                clean,
                expected_version=expected_version,
                updated_by=self.acting.stamp,
            )
        return Changes(contacts=frozenset({contact_id}))

    def set_archived(self, contact_id: str, archived: bool) -> Changes:
        with self.db.write() as session:
            contact = session.get(Contact, contact_id)
            if contact is None:
                raise DomainError(NOT_FOUND)
            contact.archived = archived
            contact.version += 1
            contact.updated_at = utcnow()
            contact.updated_by = self.acting.stamp
        return Changes(contacts=frozenset({contact_id}))

    def delete(self, contact_id: str) -> tuple[DeletedContact, Changes]:
        record = self.get(contact_id)
        with self.db.write() as session:
            table = Contact.__table__  # type: ignore[attr-defined]
            successors = tuple(
                session.execute(
                    select(table.c.id).where(table.c.successor_of_id == contact_id)
                ).scalars()
            )
            contact = session.get(Contact, contact_id)
            if contact is None:
                raise DomainError(NOT_FOUND)
            session.delete(contact)
        changed = frozenset({contact_id, *successors})
        return DeletedContact(record, successors), Changes(contacts=changed)

    def restore(self, deleted: DeletedContact) -> Changes:
        """Undo a delete: the same id, fields, e-mails, phones, tags and successor links."""
        with self.db.write() as session:
            restore_contact(session, deleted, updated_by=self.acting.stamp)
        return Changes(contacts=frozenset({deleted.record.id, *deleted.successors}))


def existing_references(session: Session, draft: ContactDraft) -> ContactDraft:
    """A copy of `draft` without references to what was deleted since it was taken."""
    draft = replace(draft)
    if draft.organisation_id and session.get(Organisation, draft.organisation_id) is None:
        draft.organisation_id = None
    if draft.owner_id and session.get(Staff, draft.owner_id) is None:
        draft.owner_id = None
    if draft.successor_of_id and session.get(Contact, draft.successor_of_id) is None:
        draft.successor_of_id = None
    return draft


def read_record(session: Session, contact_id: str) -> ContactRecord | None:
    """The stored contact, or None when there is none."""
    contact = session.get(Contact, contact_id)
    if contact is None:
        return None
    draft = draft_from(contact, *q.child_values(session, contact_id))
    return ContactRecord(
        contact.id,
        contact.version,
        draft,
        contact.archived,
        contact.created_at,
        contact.updated_at,
        contact.updated_by,
    )


def record_label(draft: ContactDraft) -> str:
    """How a sentence about the contact names them: "Wang Fang (王芳)"."""
    return full_label(draft.family_name, draft.given_name, draft.name_zh)


def restore_contact(session: Session, deleted: DeletedContact, *, updated_by: str = "") -> None:
    """A deleted contact back, inside the caller's transaction: the same id, fields, e-mails,
    phones, tags and successor links; `updated_by` is who brought it back."""
    record = deleted.record
    draft = existing_references(session, record.draft)
    values = contact_values(session, draft)
    session.add(
        Contact(
            id=record.id,
            version=record.version + 1,
            archived=record.archived,
            created_at=record.created_at,
            updated_by=updated_by,
            **values,
        )
    )
    session.flush()
    q.replace_children(
        session, record.id, emails=draft.emails, phones=draft.phones, tags=draft.tags
    )
    if deleted.successors:
        table = Contact.__table__  # type: ignore[attr-defined]
        session.execute(
            update(table)
            .where(table.c.id.in_(deleted.successors))
            .values(successor_of_id=record.id)
        )


def contact_values(session: Session, draft: ContactDraft) -> dict[str, Any]:
    """The contact table's columns for a (validated) draft, generated search columns included."""
    values = scalar_values(draft)
    values.update(search_fields(session, draft))
    return values


_LISTS = ("emails", "phones", "tags")
_SCALARS = tuple(f.name for f in fields(ContactDraft) if f.name not in _LISTS)


def scalar_values(draft: ContactDraft) -> dict[str, Any]:
    """The contact table's columns a draft holds as they are (its lists are child rows)."""
    values = {name: getattr(draft, name) for name in _SCALARS}
    values["birthday_calendar"] = str(draft.birthday_calendar)
    values["status"] = str(draft.status)
    return values


def check_references(session: Session, draft: ContactDraft) -> None:
    if draft.organisation_id and session.get(Organisation, draft.organisation_id) is None:
        raise DomainError(UNKNOWN_ORGANISATION, field="organisation_id")
    if draft.owner_id and session.get(Staff, draft.owner_id) is None:
        raise DomainError(UNKNOWN_STAFF, field="owner_id")
    if draft.successor_of_id and session.get(Contact, draft.successor_of_id) is None:
        raise DomainError(UNKNOWN_PREDECESSOR, field="successor_of_id")


def insert_contact(
    session: Session,
    draft: ContactDraft,
    *,
    contact_id: str | None = None,
    rows: ContactRows | None = None,
    updated_by: str = "",
) -> str:
    """Add a validated contact inside the caller's write transaction; returns its id.
    `updated_by` names who added it ("": unknown).

    With `rows`, the contact is queued there, to be written with many others at once."""
    new = contact_id or new_id()
    if rows is not None:
        rows.insert(draft, new, updated_by=updated_by)
        return new
    check_references(session, draft)
    session.add(Contact(id=new, updated_by=updated_by, **contact_values(session, draft)))
    session.flush()
    q.replace_children(session, new, emails=draft.emails, phones=draft.phones, tags=draft.tags)
    return new


def update_contact(
    session: Session,
    contact_id: str,
    draft: ContactDraft,
    *,
    expected_version: int | None = None,
    rows: ContactRows | None = None,
    updated_by: str = "",
) -> None:
    """Change a contact inside the caller's transaction; `updated_by` names who changed it
    ("": unknown). With `expected_version`, refuse to overwrite a change made elsewhere since
    that version was read (`ChangedElsewhere`, carrying the stored version). With `rows` (and
    no `expected_version`), the change is queued there, to be written with many others at
    once."""
    if rows is not None and expected_version is None:
        rows.update(contact_id, draft, updated_by=updated_by)
        return
    check_references(session, draft)
    table = Contact.__table__  # type: ignore[attr-defined]
    statement = update(table).where(table.c.id == contact_id)
    if expected_version is not None:
        statement = statement.where(table.c.version == expected_version)
    result = session.execute(
        statement.values(
            **contact_values(session, draft),
            version=table.c.version + 1,
            updated_at=utcnow(),
            updated_by=updated_by,
        )
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        theirs = read_record(session, contact_id)
        if theirs is None:
            raise DeletedElsewhere(
                record_type="contact", record_id=contact_id, name=record_label(draft)
            )
        raise ChangedElsewhere(
            record_type="contact", name=record_label(theirs.draft), theirs=theirs
        )
    q.replace_children(
        session, contact_id, emails=draft.emails, phones=draft.phones, tags=draft.tags
    )
