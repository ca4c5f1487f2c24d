"""Create and upgrade the schema, only through Alembic, and never without a backup first.

Before anything else the file is looked at (`sqlite_file.examine`, its header only): a damaged
file, a file of another program and a database of a newer Liaison are each refused with their
own error class, before SQLite is asked to change a byte of them (WAL is switched on only once
the file is known to be ours).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import DatabaseError, OperationalError, SQLAlchemyError

from crm.domain.text import QT_TRANSLATE_NOOP, DomainError
from crm.store.backup import backup_sqlite
from crm.store.database import Database
from crm.store.errors import (
    DamagedDatabase,
    NewerDatabase,
    NotLiaison,
    as_domain_error,
)
from crm.store.sqlite_file import Verdict, examine

if TYPE_CHECKING:
    from alembic.config import Config

NOT_LIAISON = QT_TRANSLATE_NOOP("Store", "“{where}” is not a Liaison database.")
NEWER = QT_TRANSLATE_NOOP(
    "Store", "This database was written by a newer version of Liaison: update Liaison to open it."
)
CANNOT_OPEN = QT_TRANSLATE_NOOP("Store", "The database “{where}” cannot be opened: {reason}")
DAMAGED = QT_TRANSLATE_NOOP(
    "Store",
    "The database “{where}” is damaged (it may have been cut short when the computer stopped).",
)

MIGRATIONS = Path(__file__).with_name("migrations")


@dataclass(frozen=True)
class SchemaStatus:
    current: str | None
    head: str

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def known_revisions() -> list[str]:
    """The revisions this version of Liaison knows, oldest first.

    Read from the names of the migration files (`NNNN_what.py` holds revision "NNNN", each
    revising the one before: tests/test_migrations.py holds them to it), not through Alembic,
    whose import alone costs a start more than a tenth of a second: Alembic is imported only
    when there is a migration to run."""
    names = (path.name.split("_", 1)[0] for path in (MIGRATIONS / "versions").glob("*_*.py"))
    return sorted(name for name in names if name.isdigit())


def head_revision() -> str:
    """The newest revision this version of Liaison knows."""
    known = known_revisions()
    return known[-1] if known else ""


def is_known_revision(revision: str) -> bool:
    """Whether this version of Liaison knows `revision` (a newer Liaison's is unknown)."""
    return revision in known_revisions()


def _current_revision(conn: Connection) -> str | None:
    """The revision recorded in the database (Alembic's table), None before the first."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def schema_status(db: Database) -> SchemaStatus:
    """The revision the database is at, and the newest this version of Liaison knows.

    Raises `DamagedDatabase`, `NotLiaison` or `NewerDatabase` for a file Liaison must not
    open as it is, a `DomainError` for a database that cannot be reached or read."""
    if db.path is not None:
        _examine(db.path)
    head = head_revision()
    try:
        with db.engine.connect() as conn:
            current = _current_revision(conn)
            tables = set(inspect(conn).get_table_names()) if current is None else set()
    except (DatabaseError, OperationalError) as error:
        raise _open_error(db, error) from error
    if current is None and tables - {"alembic_version"}:
        raise NotLiaison(NOT_LIAISON.with_params(where=db.where), path=db.path)
    if current is not None and not is_known_revision(current):
        raise NewerDatabase(NEWER, path=db.path)
    return SchemaStatus(current, head)


def _examine(path: Path) -> None:
    try:
        verdict = examine(path)
    except OSError as error:
        reason = error.strerror or str(error)
        raise DomainError(CANNOT_OPEN.with_params(where=str(path), reason=reason)) from error
    if verdict is Verdict.FOREIGN:
        raise NotLiaison(NOT_LIAISON.with_params(where=str(path)), path=path)
    if verdict is Verdict.DAMAGED:
        raise DamagedDatabase(DAMAGED.with_params(where=str(path)), path=path)


def _open_error(db: Database, error: Exception) -> DomainError:
    """The sentence for a database that could not be read at open time."""
    found = as_domain_error(error, path=db.path, where=_server_name(db))
    if isinstance(found, DamagedDatabase):
        return DamagedDatabase(DAMAGED.with_params(where=db.where), path=db.path)
    if found is not None:
        return found
    reason = getattr(error, "orig", None) or error
    return DomainError(CANNOT_OPEN.with_params(where=db.where, reason=str(reason)))


def _server_name(db: Database) -> str:
    url = db.engine.url
    if not url.host:
        return ""
    return f"{url.host}:{url.port}" if url.port else url.host


def upgrade(db: Database) -> Path | None:
    """Bring the schema to the newest revision; returns the backup made first, if any.

    A busy database, a full disk or a damaged file is raised as its `DomainError`, so that
    whoever opens the database tells it in one sentence."""
    try:
        return _upgrade(db)
    except DomainError:
        raise
    except (SQLAlchemyError, sqlite3.Error, OSError) as error:
        if as_domain_error(error) is None:
            raise  # a fault of ours, not of the file: for the log, with its traceback
        raise _open_error(db, error) from error


def _upgrade(db: Database) -> Path | None:
    if db.path is not None:
        db.path.parent.mkdir(parents=True, exist_ok=True)
    status = schema_status(db)
    if db.path is not None:
        db.pragma("journal_mode = WAL")
    if status.up_to_date:
        return None
    backup = None
    if status.current is not None and db.path is not None:
        backup = backup_sqlite(db, label=f"before-{status.head}")
    with db.engine.begin() as conn:
        upgrade_on(conn)
    return backup


def upgrade_on(conn: Connection, revision: str = "head") -> None:
    """Run the migrations up to `revision` in the transaction of `conn` (no backup, no checks:
    for a database being made, as a restore of a JSON export makes one)."""
    from alembic import command

    config = _config()
    config.attributes["connection"] = conn
    command.upgrade(config, revision)
