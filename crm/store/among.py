"""`column IN (the ids given)` written once for each database, for statements built once.

SQLite gets an expanding IN list. On PostgreSQL that would render one placeholder per id: a new
statement text for every length, which the driver converts afresh and the server parses and
plans afresh (a block of 256 contacts cost 3.8 ms that way, 2.4 ms as an array). There the ids
go as one array parameter, `= ANY(:ids)`, the same text every time, which the driver prepares
once it has seen it a few times.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, String, any_, bindparam
from sqlmodel import Session

Statement = TypeVar("Statement")


def among(column: Any, name: str, dialect: str) -> ColumnElement[bool]:
    """`column` is one of the sequence bound as `name` (bind it as a list)."""
    if dialect == "postgresql":
        # Imported here: SQLAlchemy's PostgreSQL dialect is not loaded for an office on SQLite.
        from sqlalchemy.dialects.postgresql import ARRAY

        return column == any_(bindparam(name, type_=ARRAY(String)))
    return column.in_(bindparam(name, expanding=True))


class PerDialect(Generic[Statement]):
    """A statement built on first use for the session's database, then kept:
    `_DOCUMENTS = PerDialect(lambda dialect: select(...).where(among(..., dialect)))`, run as
    `session.execute(_DOCUMENTS.of(session), {"ids": [...]})`."""

    def __init__(self, build: Callable[[str], Statement]) -> None:
        self._build = build
        self._built: dict[str, Statement] = {}

    def of(self, session: Session) -> Statement:
        dialect = session.get_bind().dialect.name
        statement = self._built.get(dialect)
        if statement is None:
            statement = self._built[dialect] = self._build(dialect)
        return statement
