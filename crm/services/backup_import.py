"""Restoring the portable JSON export (`backup_export`) into a new, empty database.

It is how a server's backup comes back (onto a new server, or into a SQLite file on a laptop),
and how an office moves between the two. The file is read as a stream, a row at a time, so a
large office needs no more memory than a small one. Everything happens in one transaction: the
schema made at the export's revision, every row inserted, the schema brought to the newest
revision, the counts checked against those the export wrote last. A file cut short, a row that
does not fit, a full disk: the transaction is rolled back, and a SQLite file is only renamed
into place once it is whole, so the target is left as it was.

Only an empty target is accepted (no tables at all; for SQLite, no file yet): a restore never
mixes two offices' data, and never replaces one without the person asking for that knowing.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Connection, column, inspect, table, text
from sqlalchemy.exc import SQLAlchemyError

from crm.domain.text import QT_TRANSLATE_NOOP, DomainError
from crm.services.backup_export import FORMAT, VERSION, column_kind
from crm.store.backup import written_in_place
from crm.store.database import Database
from crm.store.migrate import is_known_revision, upgrade_on

NOT_AN_EXPORT = QT_TRANSLATE_NOOP(
    "Backup",
    "“{name}” is not a Liaison JSON export, or it is damaged: nothing was restored.",
)
CUT_SHORT = QT_TRANSLATE_NOOP(
    "Backup",
    "“{name}” ends too soon (it may have been cut short while it was copied): nothing was restored.",
)
NEWER_EXPORT = QT_TRANSLATE_NOOP(
    "Backup",
    "“{name}” was exported by a newer version of Liaison: update Liaison to restore it.",
)
NOT_EMPTY = QT_TRANSLATE_NOOP(
    "Backup",
    "The database “{where}” already holds data: a JSON export is restored only into a new, empty database.",
)
FILE_EXISTS = QT_TRANSLATE_NOOP(
    "Backup",
    "The file “{where}” already exists: name a new file to restore into, or another database.",
)
DOES_NOT_FIT = QT_TRANSLATE_NOOP(
    "Backup",
    "“{name}” does not fit this version of Liaison (table “{table}”: {reason}): nothing was restored.",
)
NOT_READABLE = QT_TRANSLATE_NOOP("Backup", "“{name}” cannot be read: {reason}")
NO_TARGET = QT_TRANSLATE_NOOP(
    "Backup", "Name the database to restore into: a new file, or a database on a server."
)

ROWS_PER_INSERT = 1000
# SQLite's page cache while a restore builds a file (KiB): a connection of the app keeps 1 MB.
BUILD_CACHE_KB = 64 * 1024
_CHUNK = 1 << 20
# The longest value the reader waits for: far beyond any row Liaison writes (a note, a whole
# letter), short of reading a damaged file whole into memory.
MAX_VALUE = 64 << 20
# Longer than any JSON token that can be cut at the end of a part of the file (true, null, a
# number's digits), and the characters a number may go on with.
_TOKEN = 64
_NUMBER = "0123456789.eE+-"


@dataclass(frozen=True)
class ImportedBackup:
    """What a restore put in: rows per table, from which export, how long it took."""

    source: Path
    target: str
    schema_revision: str
    created_at: str
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": str(self.source),
            "target": self.target,
            "schema_revision": self.schema_revision,
            "exported_at": self.created_at,
            "rows": self.rows,
            "counts": self.counts,
            "seconds": round(self.seconds, 2),
        }


def import_json(source: Path, target: Database) -> ImportedBackup:
    """Restore the export `source` into the empty database `target` (see the module)."""
    begun = time.perf_counter()
    name = source.name
    try:
        handle = open(source, encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as error:
        raise DomainError(NOT_READABLE.with_params(name=name, reason=error.strerror)) from error
    try:
        reader = ExportReader(handle, name)
        header = reader.header()
        if target.path is not None:
            result = _into_new_file(reader, header, source, target.path)
        elif target.is_sqlite:  # in memory: gone when done, nothing to restore into
            raise DomainError(NO_TARGET)
        else:
            _check_empty(target)
            result = _fill(reader, header, source, target)
    except UnicodeDecodeError as error:
        raise DomainError(NOT_AN_EXPORT.with_params(name=name)) from error
    finally:
        handle.close()
    return replace(result, seconds=time.perf_counter() - begun)


def _into_new_file(
    reader: ExportReader, header: dict[str, Any], source: Path, path: Path
) -> ImportedBackup:
    """A SQLite target: made beside its place under a private name, renamed when whole."""
    # A journal or write-ahead log left beside the name by an earlier database would be
    # played into the new file when it is first opened: as good as the file being there.
    beside = (Path(f"{path}{end}") for end in ("-journal", "-wal", "-shm"))
    if path.exists() or any(p.exists() for p in beside):
        raise DomainError(FILE_EXISTS.with_params(where=path))
    with written_in_place(path, where=source) as partial:
        db = Database(partial)
        try:
            result = _fill(reader, header, source, db, scratch=True)
        finally:
            db.dispose()
        with open(partial, "rb+") as made:
            os.fsync(made.fileno())
    return replace(result, target=str(path))


def _check_empty(db: Database) -> None:
    with db.engine.connect() as conn:
        if inspect(conn).get_table_names():
            raise DomainError(NOT_EMPTY.with_params(where=db.where))


def _fill(
    reader: ExportReader,
    header: dict[str, Any],
    source: Path,
    db: Database,
    *,
    scratch: bool = False,
) -> ImportedBackup:
    revision = header["schema_revision"]
    counts: dict[str, int] = {}
    with db.engine.connect() as conn:
        if scratch:
            _unjournaled(conn)
        with conn.begin():
            upgrade_on(conn, revision)
            tables = _Tables(conn, reader.name)
            for name, rows in reader.tables():
                counts[name] = tables.insert(name, rows)
            tables.finish()
            expected = reader.counts()
            if {k: v for k, v in expected.items() if v} != {k: v for k, v in counts.items() if v}:
                raise DomainError(NOT_AN_EXPORT.with_params(name=reader.name))
            upgrade_on(conn, "head")
            if conn.dialect.name == "postgresql":
                _reset_sequences(conn)
    return ImportedBackup(source, db.where, revision, str(header.get("created_at", "")), counts)


def _unjournaled(conn: Connection) -> None:
    """A SQLite file being made under a private name, thrown away whole on any failure, needs
    no journal and no sync before the end (the caller syncs it once, whole); and a large page
    cache while its indexes grow in random order. Said to SQLite on this connection before its
    transaction begins (SQLite refuses a journal mode inside one)."""
    raw = conn.connection.driver_connection
    for pragma in ("journal_mode = OFF", "synchronous = OFF", f"cache_size = -{BUILD_CACHE_KB}"):
        raw.execute(f"PRAGMA {pragma}")  # type: ignore[union-attr]


class _Tables:
    """The target's tables at the export's revision, and the rows put into them.

    A column that refers to a table not filled yet (its own, for a contact's successor; a
    later one, should the export's order ever be broken) is inserted empty and set once every
    table is in, so the order of rows inside a table never breaks a foreign key."""

    def __init__(self, conn: Connection, name: str) -> None:
        self.conn = conn
        self.name = name
        self.inspector = inspect(conn)
        self.known = set(self.inspector.get_table_names())
        self.filled: set[str] = set()
        self.later: list[tuple[Any, str, dict[str, Any], dict[str, Any]]] = []

    def insert(self, name: str, rows: Iterator[dict[str, Any]]) -> int:
        if name not in self.known:
            raise self._does_not_fit(name, "unknown table")
        found = self.inspector.get_columns(name)
        kinds = {c["name"]: _kind(c["type"]) for c in found}
        target = table(name, *(column(c["name"], c["type"]) for c in found))
        keys = self.inspector.get_pk_constraint(name).get("constrained_columns") or []
        postponed = [
            local
            for foreign in self.inspector.get_foreign_keys(name)
            if foreign["referred_table"] == name or foreign["referred_table"] not in self.filled
            for local in foreign["constrained_columns"]
        ]
        if set(postponed) & set(keys):  # a key that waits for another row: no order works
            raise self._does_not_fit(name, "a key that refers to rows not restored yet")
        count, block = 0, []
        for row in rows:
            if row.keys() != kinds.keys():
                unknown, missing = set(row) - set(kinds), set(kinds) - set(row)
                which = f"unknown column {min(unknown)}" if unknown else f"no {min(missing)}"
                raise self._does_not_fit(name, which)
            try:
                values = {key: _value(kinds[key], value) for key, value in row.items()}
            except (ValueError, TypeError) as error:
                raise self._does_not_fit(name, str(error)) from error
            later = {key: values[key] for key in postponed if values.get(key) is not None}
            if later:
                if not keys or any(values.get(key) is None for key in keys):
                    raise self._does_not_fit(name, "a reference without a key to set it by")
                values.update(dict.fromkeys(later))
                where = {key: values[key] for key in keys}
                self.later.append((target, name, where, later))
            block.append(values)
            count += 1
            if len(block) >= ROWS_PER_INSERT:
                self._write(name, target, block)
                block = []
        if block:
            self._write(name, target, block)
        self.filled.add(name)
        return count

    def _write(self, name: str, target: Any, block: list[dict[str, Any]]) -> None:
        if self.conn.dialect.name == "postgresql" and self.conn.dialect.driver == "psycopg":
            self._copy(name, [c.name for c in target.columns], block)
        else:
            self._run(name, target.insert(), block)

    def _copy(self, name: str, columns: list[str], block: list[dict[str, Any]]) -> None:
        """PostgreSQL: the rows through COPY, in the same transaction (several times faster
        than INSERTs: the 100,000-contact office took 113 s instead of 188)."""
        import psycopg

        quote = self.conn.dialect.identifier_preparer.quote
        into = f"COPY {quote(name)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
        cursor = self.conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            with cursor.copy(into) as copy:
                for values in block:
                    copy.write_row([values[c] for c in columns])
        except (psycopg.errors.IntegrityError, psycopg.errors.DataError) as error:
            reason = str(error).strip().splitlines()[0] if str(error).strip() else "?"
            raise self._does_not_fit(name, reason) from error

    def finish(self) -> None:
        """The postponed references, now that every row is in."""
        for target, name, where, later in self.later:
            statement = (
                target.update().where(*(target.c[k] == v for k, v in where.items())).values(later)
            )
            self._run(name, statement, None)

    def _run(self, name: str, statement: Any, rows: list[dict[str, Any]] | None) -> None:
        try:
            self.conn.execute(statement, rows)
        except SQLAlchemyError as error:
            if _is_data_error(error):
                raise self._does_not_fit(name, _reason(error)) from error
            raise

    def _does_not_fit(self, table_name: str, reason: str) -> DomainError:
        return DomainError(
            DOES_NOT_FIT.with_params(name=self.name, table=table_name, reason=reason)
        )


def _is_data_error(error: SQLAlchemyError) -> bool:
    from sqlalchemy.exc import DataError, IntegrityError

    return isinstance(error, IntegrityError | DataError)


def _reason(error: SQLAlchemyError) -> str:
    return str(getattr(error, "orig", None) or error).strip().splitlines()[0]


def _kind(type_: Any) -> str:
    """The column's kind as the export names it; a time of day with a zone is "datetime_tz"."""
    kind = column_kind(type_)
    if kind == "datetime" and getattr(type_, "timezone", False):
        return "datetime_tz"
    return kind


def _value(kind: str, value: Any) -> Any:
    """A value as the export wrote it, back as the column's type takes it; ValueError for one
    of the wrong type (SQLite would keep a word in a number's column).

    Liaison writes its times in UTC: SQLite keeps them without a zone, a server with one, in
    whichever zone its session has. A time without a zone is UTC, one with a zone is turned to
    UTC, and goes to a column without a zone without one."""
    if value is None or kind in ("json", "other"):
        return value
    textual = ("datetime", "datetime_tz", "date", "time", "text", "bytes")
    if kind in textual and not isinstance(value, str):
        raise ValueError(f"not text: {str(value)[:40]}")
    if kind in ("datetime", "datetime_tz"):
        moment = dt.datetime.fromisoformat(value)
        moment = (
            moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
        )
        return moment if kind == "datetime_tz" else moment.replace(tzinfo=None)
    if kind == "date":
        return dt.date.fromisoformat(value)
    if kind == "time":
        return dt.time.fromisoformat(value)
    if kind == "bytes":
        return base64.b64decode(value, validate=True)
    if kind == "boolean":
        if value not in (True, False, 0, 1):
            raise ValueError(f"not true or false: {str(value)[:40]}")
        return bool(value)
    if kind == "integer" and (not isinstance(value, int) or isinstance(value, bool)):
        raise ValueError(f"not a whole number: {str(value)[:40]}")
    if kind == "float" and (not isinstance(value, int | float) or isinstance(value, bool)):
        raise ValueError(f"not a number: {str(value)[:40]}")
    return value


def _reset_sequences(conn: Connection) -> None:
    """PostgreSQL: serial keys go on after the restored rows, not from 1."""
    found = conn.execute(
        text(
            "SELECT table_name, column_name, pg_get_serial_sequence("
            "quote_ident(table_name), column_name)"
            " FROM information_schema.columns WHERE table_schema = current_schema()"
        )
    ).all()
    for table_name, column_name, sequence in found:
        if sequence:
            conn.execute(
                text(
                    f'SELECT setval(:sequence, COALESCE((SELECT max("{column_name}")'
                    f' FROM "{table_name}"), 0) + 1, false)'
                ),
                {"sequence": sequence},
            )


class ExportReader:
    """The export read as a stream: its header, then each table's rows one at a time, then
    the counts it ends with. Any deviation from the format is `NOT_AN_EXPORT`, an end before
    the last brace `CUT_SHORT`; whitespace between the parts may be anything."""

    def __init__(self, handle: IO[str], name: str) -> None:
        self.handle = handle
        self.name = name
        self.buffer = ""
        self.at = 0
        self.decoder = json.JSONDecoder()
        self._header: dict[str, Any] = {}
        self._counts: dict[str, int] | None = None

    # The parts ---------------------------------------------------------------------------
    def header(self) -> dict[str, Any]:
        """Every key before "tables"; checked to be an export this Liaison can restore."""
        self._expect("{")
        while True:
            key = self._key()
            if key == "tables":
                break
            self._header[key] = self._value()
            self._expect(",")
        header = self._header
        if header.get("format") != FORMAT or not isinstance(header.get("columns"), dict):
            raise self._not_an_export()
        revision = header.get("schema_revision")
        if not isinstance(header.get("version"), int) or not isinstance(revision, str):
            raise self._not_an_export()
        if header["version"] > VERSION or not is_known_revision(revision):
            raise DomainError(NEWER_EXPORT.with_params(name=self.name))
        return header

    def tables(self) -> Iterator[tuple[str, Iterator[dict[str, Any]]]]:
        """(name, its rows) for each table, in the export's order (parents first). Each
        table's rows must be read before the next table is asked for."""
        self._expect("{")
        if self._peek() == "}":
            self.at += 1
        else:
            while True:
                name = self._key()
                yield name, self._rows()
                if self._next_of(",}") == "}":
                    break
        self._expect(",")
        if self._key() != "counts":
            raise self._not_an_export()
        counts = self._value()
        self._expect("}")
        if not isinstance(counts, dict) or not all(isinstance(v, int) for v in counts.values()):
            raise self._not_an_export()
        self._counts = counts

    def counts(self) -> dict[str, int]:
        if self._counts is None:
            raise self._not_an_export()
        return self._counts

    def _rows(self) -> Iterator[dict[str, Any]]:
        self._expect("[")
        if self._peek() == "]":
            self.at += 1
            return
        while True:
            row = self._value()
            if not isinstance(row, dict):
                raise self._not_an_export()
            yield row
            if self._next_of(",]") == "]":
                return

    # Reading -----------------------------------------------------------------------------
    def _peek(self) -> str:
        """The next character that is not whitespace (left unread); "" at the end."""
        while True:
            while self.at < len(self.buffer) and self.buffer[self.at] in " \t\r\n":
                self.at += 1
            if self.at < len(self.buffer):
                return self.buffer[self.at]
            if not self._more():
                return ""

    def _more(self) -> bool:
        """More of the file into the buffer (what was read is dropped); False at the end."""
        chunk = self.handle.read(_CHUNK)
        if not chunk:
            return False
        self.buffer = self.buffer[self.at :] + chunk
        self.at = 0
        return True

    def _expect(self, char: str) -> None:
        found = self._peek()
        if found != char:
            raise self._cut_short() if found == "" else self._not_an_export()
        self.at += 1

    def _next_of(self, chars: str) -> str:
        found = self._peek()
        if found == "":
            raise self._cut_short()
        if found not in chars:
            raise self._not_an_export()
        self.at += 1
        return found

    def _key(self) -> str:
        key = self._value()
        if not isinstance(key, str):
            raise self._not_an_export()
        self._expect(":")
        return key

    def _value(self) -> Any:
        if self._peek() == "":
            raise self._cut_short()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buffer, self.at)
            except json.JSONDecodeError as error:
                # A value not whole in the buffer yet fails at its end (or, for a string, as
                # unterminated): more of the file tells. One that fails before is wrong, and
                # so is one longer than any row of ours, whatever follows.
                unfinished = error.pos >= len(self.buffer) - _TOKEN or error.msg.startswith(
                    "Unterminated string"
                )
                if not unfinished or len(self.buffer) - self.at > MAX_VALUE:
                    raise self._not_an_export() from error
                if not self._more():
                    raise self._cut_short() from error
                continue
            except (ValueError, RecursionError) as error:  # a number of 5,000 digits, […[…]]
                raise self._not_an_export() from error
            rest = self.buffer[end : end + _TOKEN]
            if isinstance(value, int | float) and not rest.strip(_NUMBER) and self._more():
                continue  # "12" of "12.5", "1" of "1e3": a number may go on in the next part
            self.at = end
            return value

    def _not_an_export(self) -> DomainError:
        return DomainError(NOT_AN_EXPORT.with_params(name=self.name))

    def _cut_short(self) -> DomainError:
        return DomainError(CUT_SHORT.with_params(name=self.name))
