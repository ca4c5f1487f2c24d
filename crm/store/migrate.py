"""Create and upgrade the schema, only through Alembic, and never without a backup first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.exc import DatabaseError, OperationalError

from crm.domain.text import QT_TRANSLATE_NOOP, DomainError
from crm.store.backup import backup_sqlite
from crm.store.database import Database

NOT_LIAISON = QT_TRANSLATE_NOOP("Store", "“{where}” is not a Liaison database.")
NEWER = QT_TRANSLATE_NOOP(
    "Store", "This database was written by a newer version of Liaison: update Liaison to open it."
)
CANNOT_OPEN = QT_TRANSLATE_NOOP("Store", "The database “{where}” cannot be opened: {reason}")

MIGRATIONS = Path(__file__).with_name("migrations")


@dataclass(frozen=True)
class SchemaStatus:
    current: str | None
    head: str

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _where(db: Database) -> str:
    return str(db.path) if db.path else db.engine.url.render_as_string(hide_password=True)


def schema_status(db: Database) -> SchemaStatus:
    """The revision the database is at, and the newest this version of Liaison knows."""
    script = ScriptDirectory.from_config(_config())
    head = script.get_current_head() or ""
    try:
        with db.engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
            tables = set(inspect(conn).get_table_names())
    except (DatabaseError, OperationalError) as error:
        raise DomainError(
            CANNOT_OPEN.with_params(where=_where(db), reason=str(error.orig))
        ) from error
    if current is None and tables - {"alembic_version"}:
        raise DomainError(NOT_LIAISON.with_params(where=_where(db)))
    if current is not None:
        try:
            script.get_revision(current)
        except Exception as error:  # alembic raises several kinds for an unknown revision
            raise DomainError(NEWER) from error
    return SchemaStatus(current, head)


def upgrade(db: Database) -> Path | None:
    """Bring the schema to the newest revision; returns the backup made first, if any."""
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
    config = _config()
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    return backup
