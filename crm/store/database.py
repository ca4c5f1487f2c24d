"""Where the database is and how to talk to it.

SQLite (the default, a file in the user's data folder) runs in WAL mode with foreign keys on and
a busy timeout, and every write transaction starts with BEGIN IMMEDIATE: a deferred transaction
that reads and then writes fails with "database is locked" against another writer whatever the
timeout. A SQLAlchemy URL (PostgreSQL for a shared office) works the same way through `Database`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from platformdirs import user_data_path
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlmodel import Session

APP_NAME = "Liaison"
DB_FILENAME = "liaison.sqlite3"
BUSY_TIMEOUT_MS = 5000
SERVER_TIMEOUT_S = 10


def default_database_path() -> Path:
    return user_data_path(APP_NAME, appauthor=False) / DB_FILENAME


def resolve_url(database: str | os.PathLike[str] | None = None) -> str:
    """A path or a SQLAlchemy URL; None means CRM_DATABASE, else the file in the data folder."""
    value = os.fspath(database) if database is not None else os.environ.get("CRM_DATABASE", "")
    if not value:
        value = os.fspath(default_database_path())
    if value == ":memory:":
        return "sqlite://"
    if "://" in value:
        return value
    path = Path(value).expanduser().absolute()
    return f"sqlite:///{path}"


class Database:
    """The engine and the sessions over it; built once by the app or the command and passed in."""

    def __init__(
        self,
        database: str | os.PathLike[str] | None = None,
        *,
        busy_timeout_ms: int | None = None,
    ) -> None:
        self.url = resolve_url(database)
        # How long a writer waits for another one before "busy": long enough for any save of
        # a colleague's window to finish, short enough that a stuck one is reported.
        self.busy_timeout_ms = BUSY_TIMEOUT_MS if busy_timeout_ms is None else busy_timeout_ms
        self.dialect = make_url(self.url).get_backend_name()
        self.is_sqlite = self.dialect == "sqlite"
        self.engine = self._create_engine()
        self._writer = self.engine.execution_options(liaison_write=True)
        # A server's reads run outside a transaction: at READ COMMITTED, PostgreSQL's default,
        # each statement sees its own snapshot anyway, so BEGIN and ROLLBACK would only add two
        # round trips to every read. (SQLite's driver starts no transaction for a read.)
        self._reader = (
            self.engine.execution_options(isolation_level="AUTOCOMMIT")
            if self.dialect == "postgresql"
            else self.engine
        )
        self._commits = 0
        event.listen(self.engine, "commit", self._count_commit)

    def _count_commit(self, _conn: Any) -> None:
        self._commits += 1

    def data_stamp(self) -> tuple[object, ...] | None:
        """A value that changes whenever the data may have: after every commit made through
        this engine, when a SQLite file or its write-ahead log changes under another process,
        and when a PostgreSQL server's log moves. None where no such stamp is known (an
        in-memory database, another server): a reader that caches on it must then read
        afresh every time."""
        if self.dialect == "postgresql":
            return self._server_stamp()
        path = self.path
        if path is None:
            return None
        files: list[tuple[int, int, int] | None] = []
        for name in (path, path.with_name(path.name + "-wal")):
            try:
                found = os.stat(name)
            except OSError:
                files.append(None)
            else:
                files.append((found.st_mtime_ns, found.st_size, found.st_ino))
        return (self._commits, *files)

    def _server_stamp(self) -> tuple[object, ...] | None:
        """PostgreSQL: the position of the server's write-ahead log, which moves with every
        write to it (ours, a colleague's, now and then the server's own housekeeping: a
        needless refresh, never a missed one)."""
        try:
            with self.engine.connect() as conn:
                position = conn.exec_driver_sql("SELECT pg_current_wal_insert_lsn()").scalar()
        except Exception:  # unreachable or not permitted: no stamp, so readers read afresh
            return None
        return (self._commits, str(position))

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server database or an in-memory one."""
        if not self.is_sqlite:
            return None
        name = make_url(self.url).database
        return Path(name) if name and name != ":memory:" else None

    @property
    def where(self) -> str:
        """The database as a sentence names it: the file, or the server's URL without its
        password."""
        path = self.path
        return str(path) if path else self.engine.url.render_as_string(hide_password=True)

    def _create_engine(self) -> Engine:
        if make_url(self.url).get_driver_name() in ("psycopg", "psycopg2"):
            # A server that does not answer is reported after a while, not waited on forever
            # (libpq's own default is to wait as long as the network does).
            return create_engine(
                self.url,
                pool_pre_ping=True,
                connect_args={"connect_timeout": SERVER_TIMEOUT_S},
            )
        if not self.is_sqlite:
            return create_engine(self.url, pool_pre_ping=True)
        timeout_ms = self.busy_timeout_ms
        engine = create_engine(
            self.url,
            connect_args={"check_same_thread": False, "timeout": timeout_ms / 1000},
        )

        def on_connect(dbapi_connection: Any, _record: Any) -> None:
            _sqlite_on_connect(dbapi_connection, busy_timeout_ms=timeout_ms)

        event.listen(engine, "connect", on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine

    def session(self) -> Session:
        """A session for reading (on a server, each statement in its own snapshot)."""
        return Session(self._reader, expire_on_commit=False)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose transaction holds the write lock from the start; commits on success."""
        with Session(self._writer, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def pragma(self, statement: str) -> None:
        """Run a SQLite PRAGMA outside any transaction (some, like journal_mode, require it)."""
        raw = self.engine.raw_connection()
        try:
            raw.cursor().execute(f"PRAGMA {statement}")
        finally:
            raw.close()

    def checkpoint(self) -> None:
        """Fold the WAL back into the database file (on exit, so the -wal file stays small)."""
        if self.is_sqlite:
            self.pragma("wal_checkpoint(TRUNCATE)")

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_on_connect(dbapi_connection: Any, *, busy_timeout_ms: int) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself, so that writers can ask for IMMEDIATE.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    cursor.execute("PRAGMA foreign_keys = ON")
    # WAL is a property of the file, switched on by `migrate.upgrade` once the file is known to
    # be ours: merely looking at someone else's database must not change it.
    cursor.execute("PRAGMA synchronous = NORMAL")
    # 1 MB of page cache per connection (SQLite's default is 2): at 100,000 contacts, 1, 2, 4
    # or 8 MB gave the same search, agenda, history and partnership list figures
    # (benchmarks/scale.py; the file is in the system's cache), and each doubling cost 1 to 5 MB
    # resident over the app's few connections (64 MB cost 80).
    cursor.execute("PRAGMA cache_size = -1024")
    cursor.execute("PRAGMA journal_size_limit = 67108864")
    cursor.close()


def _sqlite_on_begin(conn: Any) -> None:
    write = conn.get_execution_options().get("liaison_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
