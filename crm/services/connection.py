"""Trying a database before Liaison is told to use it: "Test connection" in Settings.

Opening a database for real creates it or upgrades it; trying one must do neither. A file is
looked at (its header, then its schema through a read-only connection: SQLite may leave its
empty `-wal`/`-shm` companions beside a database in WAL mode, which changes no data), and a
file that is not there is not made. A server is connected to with a short timeout, so that a
wrong address is told in seconds rather than after the network gives up, and only read. What
was found is a `ConnectionReport` with one sentence for the user; what went wrong is a
`DomainError` of one sentence, shared with the start of the app where it can be.

The password of a server database never goes into the settings: the system keyring keeps it,
under the server and the user name, and `with_saved_password` puts it back into the address
when Liaison connects.
"""

from __future__ import annotations

import enum
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, create_engine, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from crm.domain.text import QT_TRANSLATE_NOOP, DomainError, Text
from crm.store.database import resolve_url
from crm.store.errors import DamagedDatabase, NewerDatabase, NotLiaison, as_domain_error
from crm.store.migrate import (
    CANNOT_OPEN,
    DAMAGED,
    NEWER,
    NOT_LIAISON,
    head_revision,
    is_known_revision,
)
from crm.store.sqlite_file import Verdict, examine

KEYRING_SERVICE = "Liaison database"
# Long enough for a server across a slow VPN to answer, short enough to wait for in a dialog.
CONNECT_TIMEOUT_S = 5
SERVER_NAMES = {"postgresql": "PostgreSQL"}

FILE_NEW = QT_TRANSLATE_NOOP(
    "Connection", "There is no database at “{where}” yet: Liaison will create it there."
)
FILE_EMPTY = QT_TRANSLATE_NOOP(
    "Connection", "“{where}” is an empty database: Liaison will create its tables in it."
)
FILE_CURRENT = QT_TRANSLATE_NOOP("Connection", "“{where}” is a Liaison database, ready to use.")
FILE_OLDER = QT_TRANSLATE_NOOP(
    "Connection",
    "“{where}” is a Liaison database of an earlier version: Liaison will back it up and upgrade it when it opens it.",
)
SERVER_EMPTY = QT_TRANSLATE_NOOP(
    "Connection",
    "Connected to {server}: the database is empty, and Liaison will create its tables in it.",
)
SERVER_CURRENT = QT_TRANSLATE_NOOP(
    "Connection", "Connected to {server}: the database is a Liaison database, ready to use."
)
SERVER_OLDER = QT_TRANSLATE_NOOP(
    "Connection",
    "Connected to {server}: the database is a Liaison database of an earlier version, which Liaison will upgrade when it opens it.",
)

NOT_ADDRESS = QT_TRANSLATE_NOOP("Connection", "This is not a database address Liaison understands.")
UNSUPPORTED = QT_TRANSLATE_NOOP(
    "Connection",
    "Liaison cannot connect to “{kind}” databases: use a file on this computer or a PostgreSQL server.",
)
IN_MEMORY = QT_TRANSLATE_NOOP(
    "Connection",
    "A database kept in memory is lost when Liaison closes: choose a file or a server.",
)
A_FOLDER = QT_TRANSLATE_NOOP("Connection", "“{where}” is a folder, not a database file.")
CANNOT_CREATE = QT_TRANSLATE_NOOP(
    "Connection", "Liaison may not create a database in “{folder}”: choose another folder."
)
NO_PASSWORD = QT_TRANSLATE_NOOP(
    "Connection", "The database server asks for a password: type it in and try again."
)
NO_SUCH_DATABASE = QT_TRANSLATE_NOOP(
    "Connection",
    "The server has no database named “{name}”: ask whoever looks after the server to create it.",
)
SERVER_INCOMPLETE = QT_TRANSLATE_NOOP(
    "Connection",
    "To use a database on a server, give the server, the database and your user name.",
)
NO_KEYRING = QT_TRANSLATE_NOOP(
    "Connection",
    "No system keyring is available to keep the database password, so it was not saved.",
)


class Schema(enum.Enum):
    """What Liaison will do with the database when it opens it."""

    NONE = "none"  # no file yet, or an empty database: Liaison creates its tables
    OLDER = "older"  # an earlier Liaison's: upgraded (after a backup) when opened
    CURRENT = "current"  # ready as it is


@dataclass(frozen=True)
class ConnectionReport:
    """What trying a database found; `text` says it in one sentence."""

    where: str  # the file, or the server address without its password
    path: Path | None  # the SQLite file; None for a server
    exists: bool  # False: there is no file yet, and Liaison will create it
    schema: Schema
    revision: str | None
    head: str
    server: str = ""  # "PostgreSQL 16.4"; "" for a file

    @property
    def text(self) -> Text:
        if self.path is not None:
            if not self.exists:
                sentence = FILE_NEW
            else:
                sentence = {
                    Schema.NONE: FILE_EMPTY,
                    Schema.OLDER: FILE_OLDER,
                    Schema.CURRENT: FILE_CURRENT,
                }[self.schema]
            return sentence.with_params(where=self.where)
        sentence = {
            Schema.NONE: SERVER_EMPTY,
            Schema.OLDER: SERVER_OLDER,
            Schema.CURRENT: SERVER_CURRENT,
        }[self.schema]
        return sentence.with_params(server=self.server)


def try_database(url_or_path: str, *, timeout_s: int = CONNECT_TIMEOUT_S) -> ConnectionReport:
    """Open the database a path or a SQLAlchemy URL names ("" is the default file on this
    computer), change nothing in it, and report what Liaison would do with it. Raises a
    DomainError of one sentence when Liaison could not use it. Blocking: call it off the GUI
    thread."""
    try:
        url = make_url(resolve_url(url_or_path.strip()))
    except ArgumentError as error:
        raise DomainError(NOT_ADDRESS) from error
    if url.get_backend_name() == "sqlite":
        return _try_file(url)
    return _try_server(url, timeout_s)


# ---- a file ----


def _try_file(url: URL) -> ConnectionReport:
    name = url.database
    if not name or name == ":memory:":
        raise DomainError(IN_MEMORY)
    path = Path(name)
    where = str(path)
    if path.is_dir():
        raise DomainError(A_FOLDER.with_params(where=where))
    try:
        verdict = examine(path)
    except OSError as error:
        reason = error.strerror or str(error)
        raise DomainError(CANNOT_OPEN.with_params(where=where, reason=reason)) from error
    head = head_revision()
    if verdict is Verdict.NEW:
        exists = path.exists()
        if not exists:
            _check_creatable(path)
        return ConnectionReport(where, path, exists, Schema.NONE, None, head)
    if verdict is Verdict.FOREIGN:
        raise NotLiaison(NOT_LIAISON.with_params(where=where), path=path)
    if verdict is Verdict.DAMAGED:
        raise DamagedDatabase(DAMAGED.with_params(where=where), path=path)
    uri = path.absolute().as_uri() + "?mode=ro"
    engine = create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
        poolclass=NullPool,
    )
    try:
        with engine.connect() as conn:
            revision, tables = _schema(conn)
    except (SQLAlchemyError, sqlite3.Error) as error:
        raise _file_refusal(error, path) from error
    finally:
        engine.dispose()
    schema = _classify(revision, tables, where=where, path=path)
    return ConnectionReport(where, path, True, schema, revision, head)


def _check_creatable(path: Path) -> None:
    """The file Liaison would create: its nearest existing folder must let it in."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise DomainError(A_FOLDER.with_params(where=str(path)))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DomainError(CANNOT_CREATE.with_params(folder=str(folder)))


def _file_refusal(error: BaseException, path: Path) -> DomainError:
    where = str(path)
    found = as_domain_error(error, path=path)
    if isinstance(found, DamagedDatabase):
        return DamagedDatabase(DAMAGED.with_params(where=where), path=path)
    if found is not None:
        return found
    reason = getattr(error, "orig", None) or error
    return DomainError(CANNOT_OPEN.with_params(where=where, reason=str(reason)))


# ---- a server ----


def _try_server(url: URL, timeout_s: int) -> ConnectionReport:
    where = _no_password(url).render_as_string(hide_password=False)
    engine = _server_engine(url, timeout_s)
    try:
        with engine.connect() as conn:
            server = _server_name(conn)
            revision, tables = _schema(conn)
    except (SQLAlchemyError, OSError) as error:
        raise _server_refusal(error, url) from error
    finally:
        engine.dispose()
    schema = _classify(revision, tables, where=where, path=None)
    return ConnectionReport(where, None, True, schema, revision, head_revision(), server)


def _server_engine(url: URL, timeout_s: int) -> Engine:
    connect_args: dict[str, object] = {}
    if url.get_driver_name() in ("psycopg", "psycopg2"):
        connect_args["connect_timeout"] = timeout_s
    try:
        return create_engine(url, poolclass=NullPool, connect_args=connect_args)
    except (NoSuchModuleError, ImportError, ArgumentError) as error:
        raise DomainError(UNSUPPORTED.with_params(kind=url.drivername)) from error


def _server_name(conn: Connection) -> str:
    dialect = conn.dialect
    name = SERVER_NAMES.get(dialect.name, dialect.name)
    version = ".".join(str(part) for part in dialect.server_version_info or ())
    return f"{name} {version}" if version else name


def _server_refusal(error: BaseException, url: URL) -> DomainError:
    """The sentence for a server that would not let us in. The driver says "no password
    supplied" and "database … does not exist" in words only (no SQLSTATE before the login),
    and the shared sentences would call either an unreachable server."""
    message = " ".join(str(getattr(error, "orig", None) or error).split()).lower()
    if "no password supplied" in message:
        return DomainError(NO_PASSWORD)
    if f'database "{(url.database or "").lower()}" does not exist' in message:
        return DomainError(NO_SUCH_DATABASE.with_params(name=url.database or ""))
    where = f"{url.host}:{url.port}" if url.host and url.port else url.host or ""
    found = as_domain_error(error, where=where)
    if found is not None:
        return found
    reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
    address = url.render_as_string(hide_password=True)
    return DomainError(CANNOT_OPEN.with_params(where=address, reason=reason))


# ---- the schema, either way ----


def _schema(conn: Connection) -> tuple[str | None, set[str]]:
    revision = MigrationContext.configure(conn).get_current_revision()
    return revision, set(inspect(conn).get_table_names())


def _classify(
    revision: str | None, tables: Iterable[str], *, where: str, path: Path | None
) -> Schema:
    """As `migrate.schema_status` judges it when Liaison opens the database."""
    if revision is None and set(tables) - {"alembic_version"}:
        raise NotLiaison(NOT_LIAISON.with_params(where=where), path=path)
    if revision is None:
        return Schema.NONE
    if not is_known_revision(revision):
        raise NewerDatabase(NEWER, path=path)
    return Schema.CURRENT if revision == head_revision() else Schema.OLDER


# ---- a server address, field by field ----

SERVER_DRIVER = "postgresql+psycopg"


@dataclass(frozen=True)
class ServerFields:
    """A server database as the Settings page asks for it, rather than as a URL."""

    host: str
    database: str
    user: str
    port: int = 0  # 0: the server's usual port
    password: str = ""


def server_fields(address: str) -> ServerFields | None:
    """The fields of a server URL; None for a file (or anything that is not a URL)."""
    if "://" not in address:
        return None
    try:
        url = make_url(address)
    except ArgumentError:
        return None
    if url.get_backend_name() == "sqlite":
        return None
    return ServerFields(
        host=url.host or "",
        database=url.database or "",
        user=url.username or "",
        port=url.port or 0,
        password=url.password or "",
    )


def server_address(fields: ServerFields, *, with_password: bool = False) -> str:
    """The URL of the fields (PostgreSQL through psycopg); without the password unless asked,
    as the settings keep it. DomainError when the server, database or user is missing."""
    host, database, user = fields.host.strip(), fields.database.strip(), fields.user.strip()
    if not (host and database and user):
        raise DomainError(SERVER_INCOMPLETE)
    url = URL.create(
        SERVER_DRIVER,
        username=user,
        password=fields.password if with_password and fields.password else None,
        host=host,
        port=fields.port or None,
        database=database,
    )
    return url.render_as_string(hide_password=False)


def database_file(address: str) -> Path | None:
    """The SQLite file an address names ("" the default file on this computer); None for a
    server, an in-memory database or an address that is not one."""
    try:
        url = make_url(resolve_url(address.strip()))
    except ArgumentError:
        return None
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def same_database(first: str, second: str) -> bool:
    """Whether two addresses (paths or URLs, "" the default file) name the same database,
    whatever their passwords."""
    try:
        one, other = (make_url(resolve_url(a.strip())) for a in (first, second))
    except ArgumentError:
        return first.strip() == second.strip()
    return _no_password(one) == _no_password(other)


# ---- the password, kept in the system keyring ----


def _no_password(url: URL) -> URL:
    # `URL.set(password=None)` leaves the password as it is: None there means "unchanged".
    return URL.create(
        url.drivername,
        username=url.username,
        host=url.host,
        port=url.port,
        database=url.database,
        query=url.query,
    )


def _keyring_user(url: URL) -> str:
    port = f":{url.port}" if url.port else ""
    return f"{url.username}@{url.host}{port}"


def _server_url(address: str) -> URL | None:
    """The URL of a server database with a user name, else None (a file needs no password)."""
    if "://" not in address:
        return None
    try:
        url = make_url(address)
    except ArgumentError:
        return None
    if url.get_backend_name() == "sqlite" or not url.username or not url.host:
        return None
    return url


def saved_password(address: str) -> str | None:
    """The password the keyring keeps for this server and user; None when it keeps none, or
    there is no keyring to ask."""
    url = _server_url(address)
    if url is None:
        return None
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, _keyring_user(url))
    except Exception:  # noqa: BLE001 - no keyring, a locked or broken one: nothing saved
        return None


def save_password(address: str, password: str) -> None:
    """Keep the password of this server and user in the system keyring; DomainError when
    there is no keyring. Does nothing for a file."""
    url = _server_url(address)
    if url is None:
        return
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, _keyring_user(url), password)
    except Exception as error:  # noqa: BLE001 - any backend failure means "no keyring"
        raise DomainError(NO_KEYRING) from error


def without_password(address: str) -> str:
    """The address as the settings keep it: a server URL loses its password."""
    url = _server_url(address)
    if url is None or url.password is None:
        return address
    return _no_password(url).render_as_string(hide_password=False)


def with_saved_password(address: str) -> str:
    """The address to connect with: a server URL without a password gets the one the keyring
    keeps for it; anything else is returned as it is."""
    url = _server_url(address)
    if url is None or url.password is not None:
        return address
    password = saved_password(address)
    if password is None:
        return address
    return url.set(password=password).render_as_string(hide_password=False)
