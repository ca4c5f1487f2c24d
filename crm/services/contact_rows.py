"""Many contacts written at once: Core executemany statements in the caller's transaction.

`insert_contact` makes one ORM object per contact and flushes it: for an import of 10,000
cards that is ~25 times the cost of writing the rows with Core (LIBRARIES.md). `ContactRows`
takes the same validated drafts, checks the same references, computes the same generated
columns (pinyin, sort key, search document) and writes the same rows, in a few statements when
`flush` is called. The full-text index follows the contact table by its triggers, as for any
insert or update. Reading many contacts back as drafts (`current_drafts`) is the same saving
for an import that updates what it finds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, cast

from sqlalchemy import (
    Column,
    MetaData,
    Table,
    bindparam,
    delete,
    insert,
    literal_column,
    select,
    update,
)
from sqlmodel import Session

from crm.domain.contacts import ContactDraft
from crm.domain.text import DomainError
from crm.services.contacts import (
    NOT_FOUND,
    UNKNOWN_ORGANISATION,
    UNKNOWN_PREDECESSOR,
    UNKNOWN_STAFF,
    draft_from,
    generated_fields,
    scalar_values,
)
from crm.store import contacts as q
from crm.store.models import Contact, Organisation, Staff, utcnow

C, E, P, T = q.C, q.E, q.P, q.T
O = Organisation.__table__  # type: ignore[attr-defined]  # noqa: E741
S = Staff.__table__  # type: ignore[attr-defined]

Children = tuple[list[str], list[str], list[str]]


class ContactRows:
    """Contacts to insert and update, written by `flush` (before the transaction commits)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._inserts: dict[str, dict[str, Any]] = {}
        self._updates: dict[str, dict[str, Any]] = {}
        self._children: dict[str, Children] = {}
        self._organisations: dict[str, tuple[str, str]] = {}
        self._staff: set[str] = set()

    def insert(self, draft: ContactDraft, contact_id: str, *, updated_by: str = "") -> None:
        """A new contact (a validated draft), as `insert_contact` would add it."""
        self._check(draft)
        now = utcnow()
        self._inserts[contact_id] = {
            "id": contact_id,
            **self._values(draft),
            "updated_by": updated_by,
            "archived": False,
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }
        self._children[contact_id] = (list(draft.emails), list(draft.phones), list(draft.tags))

    def update(self, contact_id: str, draft: ContactDraft, *, updated_by: str = "") -> None:
        """A contact's new values, as `update_contact` would write them (its version goes up by
        one per update, whether it is in the database or still to be inserted)."""
        self._check(draft)
        values = {**self._values(draft), "updated_by": updated_by}
        if contact_id in self._inserts:
            row = self._inserts[contact_id]
            row.update(values, version=row["version"] + 1, updated_at=utcnow())
        else:
            bump = self._updates[contact_id]["_bump"] + 1 if contact_id in self._updates else 1
            self._updates[contact_id] = {**values, "_id": contact_id, "_bump": bump}
        self._children[contact_id] = (list(draft.emails), list(draft.phones), list(draft.tags))

    def flush(self) -> None:
        """Write what was queued: contacts, then their e-mails, phones and tags."""
        session = self.session
        if self._inserts:
            _insert_contacts(session, list(self._inserts.values()))
        if self._updates:
            now = utcnow()
            rows = [{**row, "updated_at": now} for row in self._updates.values()]
            statement = update(C).where(C.c.id == bindparam("_id"))
            statement = statement.values(version=C.c.version + bindparam("_bump"))
            result = session.execute(statement, rows)
            if result.rowcount != len(rows):  # type: ignore[attr-defined]
                raise DomainError(NOT_FOUND)
            for table in (E, P, T):
                session.execute(
                    delete(table).where(table.c.contact_id == bindparam("_id")),
                    [{"_id": i} for i in self._updates],
                )
        emails, phones, tags = [], [], []
        for contact_id, (addresses, numbers, labels) in self._children.items():
            emails += [
                {"contact_id": contact_id, "position": i, "address": a}
                for i, a in enumerate(addresses)
            ]
            phones += [
                {"contact_id": contact_id, "position": i, "number": n}
                for i, n in enumerate(numbers)
            ]
            tags += [{"contact_id": contact_id, "tag": t} for t in labels]
        for table, values in ((E, emails), (P, phones), (T, tags)):
            if values:
                session.execute(insert(table), values)
        self._inserts.clear()
        self._updates.clear()
        self._children.clear()

    def _values(self, draft: ContactDraft) -> dict[str, Any]:
        """`contact_values`, with the organisation's names read once per organisation."""
        names = self._organisations.get(draft.organisation_id or "", ())
        return {**scalar_values(draft), **generated_fields(draft, names)}

    def _check(self, draft: ContactDraft) -> None:
        """`check_references`, each organisation and staff member looked up once."""
        organisation = draft.organisation_id
        if organisation and organisation not in self._organisations:
            found = self.session.execute(
                select(O.c.name, O.c.name_zh).where(O.c.id == organisation)
            ).first()
            if found is None:
                raise DomainError(UNKNOWN_ORGANISATION, field="organisation_id")
            self._organisations[organisation] = (found[0], found[1])
        owner = draft.owner_id
        if owner and owner not in self._staff:
            if self.session.execute(select(S.c.id).where(S.c.id == owner)).first() is None:
                raise DomainError(UNKNOWN_STAFF, field="owner_id")
            self._staff.add(owner)
        predecessor = draft.successor_of_id
        if (
            predecessor
            and predecessor not in self._inserts
            and self.session.execute(select(C.c.id).where(C.c.id == predecessor)).first() is None
        ):
            raise DomainError(UNKNOWN_PREDECESSOR, field="successor_of_id")


def _insert_contacts(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert contact rows; on SQLite in one statement, through a temporary table.

    The full-text index is kept by a trigger, and SQLite opens a savepoint on it for every
    statement that fires one, which makes FTS5 write out what it holds in memory: with one
    INSERT per row (executemany) that is a segment per contact and merging after, three times
    the cost of the rows themselves. One INSERT … SELECT writes the index once.
    """
    if session.get_bind().dialect.name != "sqlite":
        session.execute(insert(C), rows)
        return
    # Only the columns the rows set: the others (a column with a server default that this
    # module does not know of) take their defaults, as with a plain INSERT of these rows.
    names = [column.name for column in C.c if column.name in rows[0]]
    staged = Table(
        "contact_rows_staged",
        MetaData(),
        *(Column(name, C.c[name].type) for name in names),
        prefixes=["TEMPORARY"],
    )
    connection = session.connection()
    staged.create(connection)
    session.execute(insert(staged), rows)  # the same columns and types as the contact table
    everything = select(*(staged.c[name] for name in names)).order_by(literal_column("rowid"))
    session.execute(insert(C).from_select(names, everything))
    staged.drop(connection)


def current_drafts(session: Session, ids: Iterable[str]) -> dict[str, ContactDraft]:
    """The drafts of these contacts as they are in the database (`draft_from` of each)."""
    wanted: Sequence[str] = sorted(set(ids))
    children = q.children_of(session, wanted)
    drafts = {}
    for chunk in q.chunked(wanted):
        for row in session.execute(select(C).where(C.c.id.in_(chunk))):
            drafts[row.id] = draft_from(cast(Contact, row), *children[row.id])
    return drafts
