"""Queries of the "possible duplicates" view and of merging two contacts.

The matching reads plain rows of every active contact (tuples, never ORM objects: 100k of them
would cost seconds). A merge moves every row that refers to a contact; which tables those are is
read from the database itself (its foreign keys to contact.id), so that a table added later is
not forgotten, whichever model module happens to be imported.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import MetaData, Table, and_, delete, insert, inspect, or_, select, update
from sqlalchemy.exc import IntegrityError, SAWarning
from sqlmodel import Session, SQLModel

from crm.store.duplicate_models import DuplicateDismissed
from crm.store.models import Contact, ContactEmail, ContactPhone, utcnow
from crm.store.partnership_models import Agreement, Delegation, Interaction
from crm.store.reminder_models import ReminderState

C = Contact.__table__  # type: ignore[attr-defined]
E = ContactEmail.__table__  # type: ignore[attr-defined]
P = ContactPhone.__table__  # type: ignore[attr-defined]
D = DuplicateDismissed.__table__  # type: ignore[attr-defined]
R = ReminderState.__table__  # type: ignore[attr-defined]

Row = dict[str, Any]


# Matching -----------------------------------------------------------------------------------
class PersonRow(NamedTuple):
    """What the matching needs of a contact."""

    id: str
    family_name: str
    given_name: str
    name_zh: str
    pinyin: str
    sort_key: str
    organisation_id: str | None
    successor_of_id: str | None
    archived: bool


# The matching reads whole tables and leaves out the archived contacts itself: a full scan is
# three times faster than walking the (archived, sort_key) index, and a join costs more still.
def people(session: Session) -> list[PersonRow]:
    statement = select(
        C.c.id,
        C.c.family_name,
        C.c.given_name,
        C.c.name_zh,
        C.c.pinyin,
        C.c.sort_key,
        C.c.organisation_id,
        C.c.successor_of_id,
        C.c.archived,
    )
    return [PersonRow._make(row) for row in session.execute(statement)]


def emails(session: Session) -> list[tuple[str, str]]:
    """(contact id, address) of every contact, in no particular order."""
    return [(c, a) for c, a in session.execute(select(E.c.contact_id, E.c.address))]


def phones(session: Session) -> list[tuple[str, str]]:
    return [(c, n) for c, n in session.execute(select(P.c.contact_id, P.c.number))]


def created_at(session: Session, ids: Sequence[str]) -> dict[str, Any]:
    if not ids:
        return {}
    statement = select(C.c.id, C.c.created_at).where(C.c.id.in_(ids))
    return {contact_id: when for contact_id, when in session.execute(statement)}


def ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def dismissed_pairs(session: Session) -> set[tuple[str, str]]:
    return {(a, b) for a, b in session.execute(select(D.c.contact_a, D.c.contact_b))}


def dismiss(session: Session, a: str, b: str) -> bool:
    """Remember that a and b are two people; False if it was remembered already."""
    first, second = ordered(a, b)
    exists = session.execute(
        select(D.c.contact_a).where(D.c.contact_a == first, D.c.contact_b == second)
    ).first()
    if exists:
        return False
    session.execute(insert(D).values(contact_a=first, contact_b=second, dismissed_at=utcnow()))
    return True


def undismiss(session: Session, a: str, b: str) -> None:
    first, second = ordered(a, b)
    session.execute(delete(D).where(D.c.contact_a == first, D.c.contact_b == second))


# Merging ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Reference:
    """A column that refers to contact.id: its table, and the keys (primary key, unique
    constraints) that hold it, on which a moved row may repeat one of the kept contact's."""

    table: str
    column: str
    identity: tuple[str, ...]
    keys: tuple[tuple[str, ...], ...] = ()


def contact_references(session: Session) -> list[Reference]:
    """Every foreign key to contact.id in the database, as its tables really are."""
    with warnings.catch_warnings():
        # SQLAlchemy cannot reflect expression indexes (the birthday one on contact) and says
        # so; they hold no contact reference, so there is nothing to miss.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection", SAWarning)
        return _contact_references(inspect(session.connection()))


def _contact_references(inspector: Any) -> list[Reference]:
    found = []
    for table in sorted(inspector.get_table_names()):
        for fk in inspector.get_foreign_keys(table):
            if fk.get("referred_table") != "contact" or fk.get("referred_columns") != ["id"]:
                continue
            if len(fk["constrained_columns"]) != 1:
                continue
            column = fk["constrained_columns"][0]
            identity = tuple(inspector.get_pk_constraint(table)["constrained_columns"])
            keys = [identity] if column in identity else []
            for unique in inspector.get_unique_constraints(table):
                if column in unique["column_names"]:
                    keys.append(tuple(unique["column_names"]))
            for index in inspector.get_indexes(table):
                if index.get("unique") and column in index["column_names"]:
                    keys.append(tuple(c for c in index["column_names"] if c is not None))
            found.append(Reference(table, column, identity, tuple(dict.fromkeys(keys))))
    return found


def table_named(session: Session, name: str) -> Table:
    """The model's table, or the database's own when no model module declared it."""
    known = SQLModel.metadata.tables.get(name)
    if known is not None:
        return known
    return Table(name, MetaData(), autoload_with=session.connection())


# resolve(kept row, moved row) -> new values for the kept row, when two rows are one.
Resolver = Callable[[Row, Row], Row]


def _more_specific_role(kept: Row, other: Row) -> Row:
    """In the same delegation twice: keep the role that says more ("Vice Mayor" over "")."""
    mine, theirs = (kept.get("role") or "").strip(), (other.get("role") or "").strip()
    if len(theirs) > len(mine):
        return {"role": other["role"]}
    return {}


RESOLVERS: dict[str, Resolver] = {"delegation_member": _more_specific_role}


@dataclass(frozen=True)
class LinkChange:
    """What a merge did to one referring column, enough to undo it.

    `moved`: the rows as they were before (referring to the other contact), now referring to
    the kept one; `dropped`: the other's rows that repeated one of the kept contact's (the same
    interaction, the same delegation…), deleted; `updated`: a kept row's identity and the
    values it had before it took the dropped row's (a more specific role)."""

    table: str
    column: str
    identity: tuple[str, ...]
    moved: tuple[Row, ...] = ()
    dropped: tuple[Row, ...] = ()
    updated: tuple[tuple[Row, Row], ...] = field(default=())

    @property
    def touched(self) -> int:
        return len(self.moved) + len(self.dropped)


def _where(table: Table, values: Row) -> Any:
    return and_(*(table.c[name] == value for name, value in values.items()))


def move_references(session: Session, reference: Reference, *, keep: str, other: str) -> LinkChange:
    """Make every row that refers to `other` through this column refer to `keep` instead."""
    table = table_named(session, reference.table)
    column = table.c[reference.column]
    statement = select(table).where(column == other)
    if reference.table == "contact":  # a successor link; the two contacts themselves aside
        statement = statement.where(table.c.id.not_in([keep, other]))
    rows = [dict(r._mapping) for r in session.execute(statement)]
    if not rows:
        return LinkChange(reference.table, reference.column, reference.identity)
    kept_by_key: list[tuple[tuple[str, ...], dict[tuple[Any, ...], Row]]] = []
    if reference.keys:
        kept_rows = [dict(r._mapping) for r in session.execute(select(table).where(column == keep))]
        for key in reference.keys:
            rest = tuple(c for c in key if c != reference.column)
            kept_by_key.append((rest, {tuple(r[c] for c in rest): r for r in kept_rows}))
    resolve = RESOLVERS.get(reference.table)
    moved: list[Row] = []
    dropped: list[Row] = []
    updated: list[tuple[Row, Row]] = []
    for row in rows:
        clash = next(
            (
                index[value]
                for rest, index in kept_by_key
                if (value := tuple(row[c] for c in rest)) in index
            ),
            None,
        )
        if clash is None:
            moved.append(row)
            continue
        dropped.append(row)
        changes = resolve(clash, row) if resolve else {}
        if changes:
            identity = {c: clash[c] for c in reference.identity}
            updated.append((identity, {c: clash[c] for c in changes}))
            session.execute(update(table).where(_where(table, identity)).values(**changes))
            clash.update(changes)
    for row in dropped:
        session.execute(delete(table).where(_where(table, _identity(reference, row))))
    for row in moved:
        session.execute(
            update(table)
            .where(_where(table, _identity(reference, row)))
            .values({reference.column: keep})
        )
    return LinkChange(
        reference.table,
        reference.column,
        reference.identity,
        tuple(moved),
        tuple(dropped),
        tuple(updated),
    )


def _identity(reference: Reference | LinkChange, row: Row, **replace: Any) -> Row:
    values = {c: row[c] for c in reference.identity} if reference.identity else dict(row)
    for name, value in replace.items():
        if name in values:
            values[name] = value
    return values


def unmove_references(session: Session, change: LinkChange, *, keep: str, other: str) -> None:
    """Undo `move_references`: rows still on the kept contact go back, dropped rows return."""
    table = table_named(session, change.table)
    column = table.c[change.column]
    for identity, before in change.updated:
        session.execute(update(table).where(_where(table, identity)).values(**before))
    for row in change.moved:
        identity = _identity(change, row, **{change.column: keep})
        session.execute(
            update(table)
            .where(_where(table, identity), column == keep)
            .values({change.column: other})
        )
    for row in change.dropped:
        insert_if_possible(session, table, row)


def insert_if_possible(session: Session, table: Table, row: Row) -> bool:
    """Put a row back unless what it refers to is gone meanwhile (a deleted interaction)."""
    try:
        with session.begin_nested():
            session.execute(insert(table).values(**row))
    except IntegrityError:
        return False
    return True


@dataclass(frozen=True)
class ReminderMove:
    """Done, snoozed and notified marks of the other contact's agenda items, carried over."""

    moved: tuple[tuple[str, str], ...] = ()  # (old key, new key)
    dropped: tuple[Row, ...] = ()


def _contact_marker(contact_id: str) -> str:
    # Agenda keys read "birthday:contact:<id>:2027-04-15" (crm.domain.occasions.Occasion.key).
    return f":contact:{contact_id}:"


def move_reminders(session: Session, *, keep: str, other: str) -> ReminderMove:
    old, new = _contact_marker(other), _contact_marker(keep)
    rows = [dict(r._mapping) for r in session.execute(select(R).where(R.c.key.contains(old)))]
    if not rows:
        return ReminderMove()
    targets = {row["key"]: row["key"].replace(old, new) for row in rows}
    existing = set(
        session.execute(select(R.c.key).where(R.c.key.in_(list(targets.values())))).scalars()
    )
    moved, dropped = [], []
    for row in rows:
        target = targets[row["key"]]
        if target in existing:
            dropped.append(row)
            session.execute(delete(R).where(R.c.key == row["key"]))
        else:
            moved.append((row["key"], target))
            session.execute(update(R).where(R.c.key == row["key"]).values(key=target))
    return ReminderMove(tuple(moved), tuple(dropped))


def unmove_reminders(session: Session, move: ReminderMove) -> None:
    for old, new in move.moved:
        session.execute(update(R).where(R.c.key == new).values(key=old))
    for row in move.dropped:
        insert_if_possible(session, R, row)


@dataclass(frozen=True)
class DismissedMove:
    """The other contact's "not the same person" pairs, now the kept contact's."""

    removed: tuple[Row, ...] = ()
    added: tuple[tuple[str, str], ...] = ()


def move_dismissed(session: Session, *, keep: str, other: str) -> DismissedMove:
    mine = or_(D.c.contact_a == other, D.c.contact_b == other)
    rows = [dict(r._mapping) for r in session.execute(select(D).where(mine))]
    if not rows:
        return DismissedMove()
    session.execute(delete(D).where(mine))
    added = []
    for row in rows:
        partner = row["contact_b"] if row["contact_a"] == other else row["contact_a"]
        if partner != keep and dismiss(session, keep, partner):
            added.append(ordered(keep, partner))
    return DismissedMove(tuple(rows), tuple(added))


def unmove_dismissed(session: Session, move: DismissedMove) -> None:
    for a, b in move.added:
        undismiss(session, a, b)
    for row in move.removed:
        insert_if_possible(session, D, row)


def partnerships_of(session: Session, rows: Iterable[Row]) -> frozenset[str]:
    """The partnerships whose pages show these rows (an interaction, a delegation member…)."""
    found: set[str] = set()
    wanted: dict[Any, set[str]] = {Interaction: set(), Delegation: set(), Agreement: set()}
    for row in rows:
        if row.get("partnership_id"):
            found.add(row["partnership_id"])
        for model, column in (
            (Interaction, "interaction_id"),
            (Delegation, "delegation_id"),
            (Agreement, "agreement_id"),
        ):
            if row.get(column):
                wanted[model].add(row[column])
    for model, ids in wanted.items():
        if ids:
            table = model.__table__
            statement = select(table.c.partnership_id).where(table.c.id.in_(list(ids)))
            found.update(p for p in session.execute(statement).scalars() if p)
    return frozenset(found)
