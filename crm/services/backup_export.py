"""The portable backup: every table of the database in one JSON file.

It is how a PostgreSQL database is backed up (Liaison cannot copy a server's files), and it
reads the same on SQLite. The tables are those the migrations made, reflected from the database
itself rather than taken from the models, so a table the models no longer name still goes in;
only the SQLite search index (rebuilt from `contact.search_text`) and Alembic's bookkeeping
(`schema_revision` says it) stay out. All tables are read in one snapshot (one read transaction;
REPEATABLE READ on PostgreSQL) in parent-before-child order, in blocks of rows, and written
one row per line, so memory stays flat however large the office.

    {"format": "liaison-backup", "version": 1, "schema_revision": "0008", "created_at": "…",
     "database": "postgresql", "columns": {table: {column: kind}},
     "tables": {table: [{column: value}, …]}, "counts": {table: rows}}

Dates and times are ISO 8601, bytes base64; `columns` gives each column's kind (text,
integer, float, boolean, date, datetime, time, bytes, json, other) to read them back by.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Connection, column, inspect, select, table, text, types
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.sql.expression import TableClause

from crm.domain.text import QT_TRANSLATE_NOOP, DomainError
from crm.store.backup import UNREADABLE, written_in_place
from crm.store.database import Database

FORMAT = "liaison-backup"
VERSION = 1
ROWS_PER_BLOCK = 2000
LEFT_OUT = ("alembic_version",)
DERIVED_PREFIX = "contact_fts"  # the SQLite FTS5 index and its shadow tables

NOT_JSON = QT_TRANSLATE_NOOP(
    "Backup",
    "A database on a server is backed up as a JSON export: give the file a name ending in .json.",
)

_KINDS: list[tuple[type[types.TypeEngine[Any]], str]] = [
    (types.Boolean, "boolean"),
    (types.Integer, "integer"),
    (types.Float, "float"),
    (types.Numeric, "float"),
    (types.DateTime, "datetime"),
    (types.Date, "date"),
    (types.Time, "time"),
    (types._Binary, "bytes"),
    (types.JSON, "json"),
    (types.String, "text"),
]


def export_json(db: Database, out: Path, *, now: dt.datetime | None = None) -> dict[str, int]:
    """Write every table to `out` (through a `.part` file renamed when whole); returns the rows
    written per table. Problems become a DomainError of one sentence and leave no file."""
    out = out.absolute()
    where = db.where
    created = (now or dt.datetime.now()).astimezone().isoformat(timespec="seconds")
    # The file stays private, as mkstemp made it: it holds every contact of the office.
    with written_in_place(out, where=where) as partial:
        try:
            with open(partial, "w", encoding="utf-8", newline="\n") as handle:
                counts = _write(db, handle, created)
                handle.flush()
                os.fsync(handle.fileno())
        except SQLAlchemyError as error:
            reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
            raise DomainError(UNREADABLE.with_params(where=where, reason=reason)) from error
    return counts


@dataclass(frozen=True)
class ExportedTable:
    name: str
    columns: dict[str, str]  # name → kind
    selectable: TableClause


def exported_tables(conn: Connection) -> list[ExportedTable]:
    """The database's own tables, parents before children (as a restore would insert them).
    Only columns and foreign keys are read: a full reflection would also read indexes, and
    warn about the expression indexes it cannot reflect."""
    inspector = inspect(conn)
    names = [
        name
        for name in inspector.get_table_names()
        if name not in LEFT_OUT and not name.startswith(DERIVED_PREFIX)
    ]
    parents = TopologicalSorter[str]()
    for name in names:
        referred = {fk["referred_table"] for fk in inspector.get_foreign_keys(name)}
        parents.add(name, *sorted(referred & set(names) - {name}))
    try:
        ordered = list(parents.static_order())
    except CycleError:  # no schema of ours has one; any order then, all tables still go in
        ordered = sorted(names)
    tables = []
    for name in ordered:
        found = inspector.get_columns(name)
        columns = {c["name"]: column_kind(c["type"]) for c in found}
        selectable = table(name, *(column(c["name"], c["type"]) for c in found))
        tables.append(ExportedTable(name, columns, selectable))
    return tables


def _write(db: Database, handle: IO[str], created: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    with db.engine.connect() as conn:
        if db.dialect == "postgresql":
            conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        with conn.begin():
            tables = exported_tables(conn)
            header = {
                "format": FORMAT,
                "version": VERSION,
                "schema_revision": _revision(conn),
                "created_at": created,
                "database": db.dialect,
                "columns": {t.name: t.columns for t in tables},
            }
            opening = json.dumps(header, ensure_ascii=False)
            handle.write(opening[:-1] + ',\n"tables": {')
            for index, exported in enumerate(tables):
                handle.write(",\n" if index else "\n")
                handle.write(json.dumps(exported.name) + ": [")
                counts[exported.name] = _write_rows(conn, exported, handle)
                handle.write("\n]" if counts[exported.name] else "]")
            handle.write('\n},\n"counts": ' + json.dumps(counts) + "}\n")
    return counts


# COPY's rows are gathered into blocks of this many bytes before they are written.
COPY_BLOCK_BYTES = 1 << 20

# Kinds whose JSON the server writes as this module does (the same values; only spacing and
# the digits of a second differ). Others (bytes as hex, numbers, NaN, json with raw line breaks)
# go through Python.
_SERVER_JSON_KINDS = frozenset({"text", "integer", "boolean", "datetime", "date", "time"})


def _write_rows(conn: Connection, exported: ExportedTable, handle: IO[str]) -> int:
    server_json = set(exported.columns.values()) <= _SERVER_JSON_KINDS
    if conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg" and server_json:
        return _copy_rows(conn, exported, handle)
    names = list(exported.columns)
    statement = select(exported.selectable)
    if conn.dialect.name == "sqlite":
        # In the order of logging: a restore gives the rows new rowids in this order, and a
        # timeline breaks ties between interactions of one day by rowid.
        statement = statement.order_by(text("rowid"))
    # A table of files (bytes) is read a row at a time: its rows may be megabytes each.
    per_block = 1 if "bytes" in exported.columns.values() else ROWS_PER_BLOCK
    # On the statement, not the connection: that would stream every later statement on it.
    result = conn.execute(statement.execution_options(yield_per=per_block))
    count = 0
    for block in result.partitions():
        lines = [
            json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False, default=plain)
            for row in block
        ]
        handle.write(("," if count else "") + "\n" + ",\n".join(lines))
        count += len(lines)
    return count


def _copy_rows(conn: Connection, exported: ExportedTable, handle: IO[str]) -> int:
    """PostgreSQL: each row made JSON by the server (`row_to_json`: the table's columns in
    their order, the same values as the rows read one by one give) and streamed with COPY,
    one line a row. 24 s for the 100,000-contact office became a few: the rows never become
    Python values. COPY's text format doubles each backslash, and a JSON text has no other
    character it escapes (line breaks and tabs inside strings are escaped already)."""
    quoted = conn.dialect.identifier_preparer.quote(exported.name)
    conn.exec_driver_sql("SET LOCAL client_encoding TO 'UTF8'")
    handle.flush()
    out = handle.buffer  # type: ignore[attr-defined]  # the text file's bytes, after flush
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    count, pending = 0, bytearray()

    def write_rows() -> None:
        """The whole rows received so far, written; an unfinished one stays pending."""
        nonlocal count
        last = pending.rfind(b"\n")
        if last < 0:
            return
        rows = bytes(pending[:last])
        del pending[: last + 1]
        lines = rows.replace(b"\\\\", b"\\").replace(b"\n", b",\n")
        out.write((b",\n" if count else b"\n") + lines)
        count += rows.count(b"\n") + 1

    with (
        _driver_errors(exported.name),
        cursor.copy(f"COPY (SELECT row_to_json(t) FROM {quoted} AS t) TO STDOUT") as copy,
    ):
        # libpq hands COPY's output over a row at a time: rows are gathered and written a
        # block at a time (at a row each, the Python around them took longer than the server).
        for chunk in copy:
            pending += chunk
            if len(pending) >= COPY_BLOCK_BYTES:
                write_rows()
        write_rows()
    if pending:  # COPY ends every row with a line break: this is not its output
        raise DomainError(UNREADABLE.with_params(where=exported.name, reason="COPY"))
    return count


@contextmanager
def _driver_errors(name: str) -> Iterator[None]:
    """psycopg's own errors (COPY runs below SQLAlchemy) as the export's one sentence."""
    import psycopg

    try:
        yield
    except psycopg.Error as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise DomainError(UNREADABLE.with_params(where=name, reason=reason)) from error


def _revision(conn: Connection) -> str | None:
    if "alembic_version" not in inspect(conn).get_table_names():
        return None
    value = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return str(value) if value is not None else None


def column_kind(type_: types.TypeEngine[Any]) -> str:
    for sql_type, kind in _KINDS:
        if isinstance(type_, sql_type):
            return kind
    return "other"


def plain(value: object) -> object:
    """A value JSON has no type for, as text a restore reads back by its column's kind."""
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    return str(value)
