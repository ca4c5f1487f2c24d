"""Contact queries: search, blocks of rows for lists, one contact in full, writes.

Lists read plain rows through SQLAlchemy Core, never ORM objects: 100k ORM objects cost seconds.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    Float,
    String,
    and_,
    delete,
    false,
    func,
    insert,
    literal,
    literal_column,
    or_,
    select,
    text,
    update,
)
from sqlmodel import Session

from crm.domain.names import full_label
from crm.domain.search import Term, parse_query
from crm.store.among import PerDialect, among
from crm.store.models import Contact, ContactEmail, ContactPhone, ContactTag, Organisation, Staff

C = Contact.__table__  # type: ignore[attr-defined]
E = ContactEmail.__table__  # type: ignore[attr-defined]
P = ContactPhone.__table__  # type: ignore[attr-defined]
T = ContactTag.__table__  # type: ignore[attr-defined]
O = Organisation.__table__  # type: ignore[attr-defined]  # noqa: E741
S = Staff.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class ContactRow:
    """What a list shows of a contact."""

    id: str
    family_name: str
    given_name: str
    name_zh: str
    pinyin: str
    honorific: str
    position: str
    position_zh: str
    organisation: str
    organisation_zh: str
    email: str
    phone: str
    owner: str
    status: str
    language: str
    birthday: str
    birthday_calendar: str
    birthday_leap_month: bool
    archived: bool
    tags: tuple[str, ...] = field(default=())


def _fts_query(terms: Sequence[Term]) -> str:
    parts = [f'"{t.text}"' if t.han else f'"{t.text}"*' for t in terms]
    return " AND ".join(parts)


# The search document padded with a space each side, so that " wang" is the start of a word and
# " 王 芳 " a phrase. Written as migration 0010 indexes it (PostgreSQL uses an expression index
# only for the very same expression): literal spaces, not bound parameters.
_SPACE = literal_column("' '", String)
_PADDED = _SPACE + C.c.search_text + _SPACE


def _like_clauses(terms: Sequence[Term]) -> list:  # type: ignore[type-arg]
    clauses = []
    for term in terms:
        needle = f" {term.text} " if term.han else f" {term.text}"
        escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        # The pattern written into the statement: a planner that sees it estimates how many
        # rows it finds and uses the trigram index; a prepared statement's generic plan for
        # "LIKE $1" would not know.
        pattern = literal(f"%{escaped}%", String, literal_execute=True)
        clauses.append(_PADDED.like(pattern, escape="\\"))
    return clauses


# Searches on SQLite go through the FTS5 index. A query's matches are counted in the index
# (cheap), less the archived ones (few); a small result is read whole, driven from the index
# (CROSS JOIN keeps SQLite from walking the whole contact table), and a large one is read a
# block at a time along the covering (archived, sort_key, id) index.
_FTS_ROWIDS = "SELECT rowid FROM contact_fts WHERE contact_fts MATCH :q"
_SQL_COUNT_ALL = "SELECT count(*) FROM contact_fts WHERE contact_fts MATCH :q"
_SQL_COUNT_ARCHIVED = (
    f"SELECT count(*) FROM contact WHERE archived = 1 AND rowid IN ({_FTS_ROWIDS})"
)
_SQL_SMALL = (
    "SELECT c.id FROM contact_fts f CROSS JOIN contact c ON c.rowid = f.rowid "
    "WHERE f.contact_fts MATCH :q {archived} ORDER BY c.archived, c.sort_key, c.id"
)
_SQL_BLOCK = (
    f"SELECT id FROM contact WHERE rowid IN ({_FTS_ROWIDS}) {{archived}} "
    "ORDER BY archived, sort_key, id LIMIT :limit OFFSET :offset"
)


# Elsewhere (PostgreSQL) the LIKE patterns go through migration 0010's trigram index, and the
# search is read in as few round trips as its size allows:
# - the matches are gathered, at most WHOLE_RESULT + 1 of them (the index finds them, the scan
#   stops there): a search that finds no more than that is counted and read whole, sorted, in
#   one statement, which is most keystrokes once a name is a few letters long;
# - a larger one is counted, then read a page at a time one of two ways: along the list index,
#   testing each contact it passes (quick when matches are dense: a page is a few hundred rows
#   in), or every match gathered through the trigram index, then sorted (quick when they are
#   few). The planner cannot tell which, not knowing where the matches lie along the list ("ko"
#   finds the Kowalczyks, all in one place, tens of thousands of rows in), so the count
#   decides: a walk passes about PAGE * contacts / matches rows, each costing about WALKED
#   times a row gathered (measured on the benchmark office of 100,000 contacts with pages of 256,
#   where the two crossed near 10,000 matches; with pages of 64, near 5,000).
WHOLE_RESULT = 3000  # ContactResults' SMALL_RESULT: the searches it reads whole
PAGE = 64  # rows the Contacts list reads at a time (ContactResults.BLOCK)
WALKED = 4
_TABLE_ROWS = literal_column(
    "(SELECT reltuples FROM pg_class WHERE oid = 'contact'::regclass)", Float
)


@dataclass
class _Read:
    """What the last count learnt, for the reads that follow it. Stale, it makes a read slower
    (a page read the slow way), never wrong (`ids` are taken once, straight after the count)."""

    count: int = 0
    table_rows: float = 0.0
    ids: list[str] | None = None


@dataclass(frozen=True)
class Search:
    """A parsed query over the contacts: count it, then read its ids in list order."""

    terms: tuple[Term, ...]
    include_archived: bool = False
    _read: _Read = field(default_factory=_Read, compare=False, repr=False)

    @classmethod
    def of(cls, query: str, *, include_archived: bool = False) -> Search:
        return cls(tuple(parse_query(query)), include_archived)

    def _fts(self, session: Session) -> bool:
        return bool(self.terms) and session.get_bind().dialect.name == "sqlite"

    def _gathers(self, session: Session) -> bool:
        return bool(self.terms) and session.get_bind().dialect.name == "postgresql"

    def _archived_sql(self, alias: str = "") -> str:
        return "" if self.include_archived else f"AND {alias}archived = 0"

    def count(self, session: Session) -> int:
        if self._fts(session):
            q = _fts_query(self.terms)
            total = session.execute(text(_SQL_COUNT_ALL), {"q": q}).scalar_one()
            if not self.include_archived:
                total -= session.execute(text(_SQL_COUNT_ARCHIVED), {"q": q}).scalar_one()
            return int(total)
        if self._gathers(session):
            return self._count_gathering(session)
        statement = select(func.count()).select_from(C).where(*self._where())
        return int(session.execute(statement).scalar_one())

    def _count_gathering(self, session: Session) -> int:
        # One letter finds a good part of any office: counted straight away.
        if not self._one_letter():
            found = self._gathered_ids(session, offset=0, limit=None, whole=WHOLE_RESULT)
            if found:
                self._read.count, self._read.ids = len(found), found
                return len(found)
        # None, or more than WHOLE_RESULT: counted (no match is quickly counted, too).
        statement = select(func.count(), _TABLE_ROWS).select_from(C).where(*self._where())
        count, table_rows = session.execute(statement).one()
        # reltuples is an estimate, -1 where the table was never analysed.
        self._read.count, self._read.table_rows = count, max(float(table_rows or 0), count)
        self._read.ids = None
        return int(count)

    def ids(self, session: Session, *, offset: int = 0, limit: int | None = None) -> list[str]:
        if self._fts(session):
            q = _fts_query(self.terms)
            if limit is None:
                sql = _SQL_SMALL.format(archived=self._archived_sql("c."))
                return list(session.execute(text(sql), {"q": q}).scalars())
            sql = _SQL_BLOCK.format(archived=self._archived_sql())
            params = {"q": q, "limit": limit, "offset": offset}
            return list(session.execute(text(sql), params).scalars())
        if self._gathers(session):
            read, self._read.ids = self._read.ids, None
            if read is not None:
                return read[offset:] if limit is None else read[offset : offset + limit]
            if limit is None or not self._walks():
                return self._gathered_ids(session, offset=offset, limit=limit)
        statement = (
            select(C.c.id).where(*self._where()).order_by(C.c.archived, C.c.sort_key, C.c.id)
        )
        if limit is not None:
            statement = statement.limit(limit).offset(offset)
        return list(session.execute(statement).scalars())

    def _one_letter(self) -> bool:
        return len(self.terms) == 1 and not self.terms[0].han and len(self.terms[0].text) == 1

    def _walks(self) -> bool:
        """Whether a page is best read along the list index (see WHOLE_RESULT above)."""
        matches = self._read.count
        return matches > WHOLE_RESULT and WALKED * PAGE * self._read.table_rows / matches < matches

    def _gathered_ids(
        self, session: Session, *, offset: int, limit: int | None, whole: int | None = None
    ) -> list[str]:
        """Ids of the matches gathered first, then sorted (a materialised CTE keeps the planner
        from walking the list index instead); with `whole`, all of them if there are no more
        than that, else none (the scan stops at the first one too many)."""
        gathered = select(C.c.id, C.c.archived, C.c.sort_key).where(*self._where())
        if whole is not None:
            gathered = gathered.limit(whole + 1)
        found = gathered.cte("found").prefix_with("MATERIALIZED", dialect="postgresql")
        statement = select(found.c.id).order_by(found.c.archived, found.c.sort_key, found.c.id)
        if whole is not None:
            few = select(func.count()).select_from(found).scalar_subquery() <= whole
            statement = statement.where(few)
        if limit is not None:
            statement = statement.limit(limit)
        if offset:
            statement = statement.offset(offset)
        return list(session.execute(statement).scalars())

    def position(self, session: Session, contact_id: str) -> int | None:
        """Where a contact stands in this search's list, or None if the search does not find it."""
        key = session.execute(
            select(C.c.archived, C.c.sort_key).where(C.c.id == contact_id)
        ).first()
        if key is None or (key[0] and not self.include_archived):
            return None
        archived, sort = bool(key[0]), key[1]
        # Archived contacts come last (SQLAlchemy refuses "< True" for a boolean column).
        archived_first = C.c.archived == False if archived else false()  # noqa: E712
        before = or_(
            archived_first,
            and_(C.c.archived == archived, C.c.sort_key < sort),
            and_(C.c.archived == archived, C.c.sort_key == sort, C.c.id < contact_id),
        )
        mine = select(func.count()).select_from(C).where(C.c.id == contact_id)
        earlier = select(func.count()).select_from(C).where(before)
        params: dict[str, str] = {}
        if self._fts(session):
            match = literal_column("contact.rowid").in_(text(_FTS_ROWIDS))
            mine, earlier = mine.where(match), earlier.where(match)
            if not self.include_archived:
                earlier = earlier.where(C.c.archived == False)  # noqa: E712
            params = {"q": _fts_query(self.terms)}
        else:
            mine, earlier = mine.where(*self._where()), earlier.where(*self._where())
        if not session.execute(mine, params).scalar_one():
            return None
        return int(session.execute(earlier, params).scalar_one())

    def _where(self) -> list:  # type: ignore[type-arg]
        clauses = [] if self.include_archived else [C.c.archived == False]  # noqa: E712
        return clauses + _like_clauses(self.terms)


def search_ids(session: Session, query: str = "", *, include_archived: bool = False) -> list[str]:
    """Ids of every contact a query finds, in list order (family name, then given name)."""
    return Search.of(query, include_archived=include_archived).ids(session)


def count(session: Session, *, include_archived: bool = True) -> int:
    statement = select(func.count()).select_from(C)
    if not include_archived:
        statement = statement.where(C.c.archived == False)  # noqa: E712
    return int(session.execute(statement).scalar_one())


# The list's own values of a contact, with its first e-mail address and phone number and its
# tags (a JSON array) in the same row: one query per block of rows.
def _tags_array(dialect: str) -> Any:
    """The contact's tags as a JSON array: on PostgreSQL in the order of its collation, as the
    editor lists them (`child_values`); SQLite's order is sorted after, by code point as its
    own ORDER BY would."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import aggregate_order_by

        return func.json_agg(aggregate_order_by(T.c.tag, T.c.tag))
    return func.json_group_array(T.c.tag)


def _tags(value: Any) -> tuple[str, ...]:
    """SQLite's array comes as text (sorted here), the server's as a list in its order."""
    if isinstance(value, str):
        return tuple(sorted(json.loads(value)))
    return tuple(value or ())


def _first(table: Any, column: Any) -> Any:
    """The contact's first value of a child table (its first e-mail address, phone number)."""
    return (
        select(column)
        .where(table.c.contact_id == C.c.id)
        .order_by(table.c.position)
        .limit(1)
        .scalar_subquery()
    )


def _rows_statement(dialect: str) -> Any:
    tags = select(_tags_array(dialect)).where(T.c.contact_id == C.c.id).scalar_subquery()
    return (
        select(
            C.c.id,
            C.c.family_name,
            C.c.given_name,
            C.c.name_zh,
            C.c.pinyin,
            C.c.honorific,
            C.c.position,
            C.c.position_zh,
            O.c.name,
            O.c.name_zh,
            C.c.status,
            C.c.language,
            C.c.birthday,
            C.c.birthday_calendar,
            C.c.birthday_leap_month,
            C.c.archived,
            S.c.name,
            _first(E, E.c.address),
            _first(P, P.c.number),
            tags,
        )
        .select_from(
            C.outerjoin(O, O.c.id == C.c.organisation_id).outerjoin(S, S.c.id == C.c.owner_id)
        )
        .where(among(C.c.id, "ids", dialect))
    )


_ROWS = PerDialect(_rows_statement)


def rows(session: Session, ids: Sequence[str]) -> list[ContactRow]:
    """The list rows of these contacts, in the order of `ids`."""
    if not ids:
        return []
    by_id = {}
    for r in session.execute(_ROWS.of(session), {"ids": list(ids)}):
        by_id[r[0]] = ContactRow(
            id=r[0],
            family_name=r[1],
            given_name=r[2],
            name_zh=r[3],
            pinyin=r[4],
            honorific=r[5],
            position=r[6],
            position_zh=r[7],
            organisation=r[8] or "",
            organisation_zh=r[9] or "",
            status=r[10],
            language=r[11],
            birthday=r[12],
            birthday_calendar=r[13],
            birthday_leap_month=bool(r[14]),
            archived=bool(r[15]),
            owner=r[16] or "",
            email=r[17] or "",
            phone=r[18] or "",
            tags=_tags(r[19]) if r[19] is not None else (),
        )
    return [by_id[i] for i in ids if i in by_id]


def child_values(session: Session, contact_id: str) -> tuple[list[str], list[str], list[str]]:
    """A contact's e-mails, phones and tags."""
    emails = session.execute(
        select(E.c.address).where(E.c.contact_id == contact_id).order_by(E.c.position)
    ).scalars()
    phones = session.execute(
        select(P.c.number).where(P.c.contact_id == contact_id).order_by(P.c.position)
    ).scalars()
    tags = session.execute(
        select(T.c.tag).where(T.c.contact_id == contact_id).order_by(T.c.tag)
    ).scalars()
    return list(emails), list(phones), list(tags)


# Ids per IN list when many contacts are read at once (SQLite allows 32,766 parameters).
CHUNK = 500


def chunked(ids: Sequence[str], size: int = CHUNK) -> Iterable[Sequence[str]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def children_of(
    session: Session, ids: Sequence[str]
) -> dict[str, tuple[list[str], list[str], list[str]]]:
    """`child_values` of many contacts, three queries per CHUNK of ids rather than per contact."""
    found: dict[str, tuple[list[str], list[str], list[str]]] = {i: ([], [], []) for i in ids}
    for chunk in chunked(list(found)):
        for slot, (table, column, order) in enumerate(
            ((E, E.c.address, E.c.position), (P, P.c.number, P.c.position), (T, T.c.tag, T.c.tag))
        ):
            statement = (
                select(table.c.contact_id, column)
                .where(table.c.contact_id.in_(chunk))
                .order_by(table.c.contact_id, order)
            )
            for contact_id, value in session.execute(statement):
                found[contact_id][slot].append(value)
    return found


def replace_children(
    session: Session,
    contact_id: str,
    *,
    emails: Iterable[str],
    phones: Iterable[str],
    tags: Iterable[str],
) -> None:
    for table in (E, P, T):
        session.execute(delete(table).where(table.c.contact_id == contact_id))
    email_rows = [
        {"contact_id": contact_id, "position": i, "address": a} for i, a in enumerate(emails)
    ]
    phone_rows = [
        {"contact_id": contact_id, "position": i, "number": n} for i, n in enumerate(phones)
    ]
    tag_rows = [{"contact_id": contact_id, "tag": t} for t in tags]
    for table, values in ((E, email_rows), (P, phone_rows), (T, tag_rows)):
        if values:
            session.execute(insert(table), values)


def all_tags(session: Session) -> list[str]:
    return list(session.execute(select(T.c.tag).distinct().order_by(T.c.tag)).scalars())


def ids_in_organisation(session: Session, organisation_id: str) -> list[str]:
    return list(
        session.execute(select(C.c.id).where(C.c.organisation_id == organisation_id)).scalars()
    )


def set_search_fields(
    session: Session, contact_id: str, *, search_text: str, sort_key: str
) -> None:
    session.execute(
        update(C).where(C.c.id == contact_id).values(search_text=search_text, sort_key=sort_key)
    )


def find_by_name(session: Session, query: str, *, limit: int = 50) -> list[tuple[str, str]]:
    """(id, display name) pairs for pickers such as "successor of"."""
    ids = search_ids(session, query, include_archived=True)[:limit]
    return [(r.id, display_label(r)) for r in rows(session, ids)]


def display_label(row: ContactRow) -> str:
    return full_label(row.family_name, row.given_name, row.name_zh)
