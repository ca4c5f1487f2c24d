"""Many rows at once through SQLAlchemy Core: read by id in blocks, insert and update with one
executemany per block. For merges of whole packages (a handover of 200,000 interactions), where
one ORM object or one query per row would take minutes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlmodel import Session

# Ids per IN (…) list: far below every database's limit on parameters.
BLOCK = 500
Row = dict[str, Any]


def blocks(values: Iterable[Any], size: int = BLOCK) -> Iterator[list[Any]]:
    block: list[Any] = []
    for value in values:
        block.append(value)
        if len(block) == size:
            yield block
            block = []
    if block:
        yield block


def rows_by_id(
    session: Session, table: Any, ids: Sequence[str], columns: Sequence[str]
) -> dict[str, Row]:
    """The named columns of the rows with these ids that exist, by id."""
    found: dict[str, Row] = {}
    wanted = [table.c.id, *(table.c[c] for c in columns)]
    for block in blocks(ids):
        for row in session.execute(select(*wanted).where(table.c.id.in_(block))):
            found[row[0]] = dict(row._mapping)
    return found


def existing_ids(session: Session, table: Any, ids: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for block in blocks(sorted(set(ids))):
        found.update(session.scalars(select(table.c.id).where(table.c.id.in_(block))))
    return found


def child_rows(
    session: Session,
    table: Any,
    parent: str,
    parent_ids: Sequence[str],
    columns: Sequence[str],
    order: Sequence[str] = (),
) -> dict[str, list[tuple[Any, ...]]]:
    """The child rows of these parents as tuples of `columns`, in `order` within a parent."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    key = table.c[parent]
    for block in blocks(parent_ids):
        statement = (
            select(key, *(table.c[c] for c in columns))
            .where(key.in_(block))
            .order_by(key, *(table.c[c] for c in order))
        )
        for row in session.execute(statement):
            found.setdefault(row[0], []).append(tuple(row[1:]))
    return found


def insert_rows(session: Session, table: Any, rows: Sequence[Row]) -> None:
    """Rows with the same keys, in one executemany."""
    if rows:
        session.execute(insert(table), list(rows))


def update_by_id(session: Session, table: Any, rows: Sequence[Row]) -> None:
    """Rows with an "id" and the same other keys: one UPDATE … WHERE id = ?, run for each."""
    if not rows:
        return
    columns = [c for c in rows[0] if c != "id"]
    # Parameters are renamed: SQLAlchemy keeps a column's own name for the SET clause.
    statement = (
        update(table)
        .where(table.c.id == bindparam("key_id"))
        .values({c: bindparam(f"new_{c}") for c in columns})
    )
    session.execute(
        statement, [{"key_id": r["id"], **{f"new_{c}": r[c] for c in columns}} for r in rows]
    )


def delete_where_in(session: Session, table: Any, column: str, ids: Sequence[str]) -> None:
    for block in blocks(ids):
        session.execute(delete(table).where(table.c[column].in_(block)))
