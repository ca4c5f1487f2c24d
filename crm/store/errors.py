"""Faults of the database and the disk, told in one sentence the window and the command share.

SQLite and the system report a locked database, a full disk or a damaged file in their own
words ("database is locked", "disk I/O error", ENOSPC…), wrapped by SQLAlchemy; PostgreSQL adds
a server that cannot be reached. `as_domain_error` finds such a fault anywhere in an
exception's chain and returns the `DomainError` a user reads, or None for anything else (a
bug, which belongs in the log rather than in a sentence).

The refusals at open time are classes of their own, so that the app can offer the latest backup
for a damaged file without reading sentences: `DamagedDatabase`, `NotLiaison`, `NewerDatabase`.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from crm.domain.text import QT_TRANSLATE_NOOP, DomainError, Text

BUSY = QT_TRANSLATE_NOOP(
    "Store",
    "The database is busy: another window or program is writing to it. Try again in a moment.",
)
DISK_FULL = QT_TRANSLATE_NOOP(
    "Store", "The disk is full or could not be written, so nothing was saved."
)
READ_ONLY = QT_TRANSLATE_NOOP(
    "Store",
    "The database cannot be changed because its file or folder is read-only, so nothing was saved.",
)
DISK_READ_ONLY = QT_TRANSLATE_NOOP("Store", "The disk is read-only, so nothing was saved.")
DAMAGED_NOW = QT_TRANSLATE_NOOP(
    "Store", "The database file is damaged, so nothing was saved: restore it from a backup."
)
SERVER_UNREACHABLE = QT_TRANSLATE_NOOP(
    "Store",
    "The database server cannot be reached: check the network connection, or ask whoever looks after the server.",
)
SERVER_UNREACHABLE_AT = QT_TRANSLATE_NOOP(
    "Store",
    "The database server “{where}” cannot be reached: check the network connection, or ask whoever looks after the server.",
)
SERVER_LOGIN = QT_TRANSLATE_NOOP(
    "Store", "The database server did not accept the user name or password."
)

# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_NOTADB = 10, 11, 13, 26

_DISK_ERRNOS = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}

# PostgreSQL states: lock not available, deadlock, serialisation failure; disk full.
_PG_BUSY = {"55P03", "40P01", "40001"}
_PG_DISK_FULL = "53100"
_PG_LOGIN = {"28000", "28P01"}
_UNREACHABLE = (
    "connection refused",
    "could not connect",
    "failed to resolve host",
    "could not translate host name",
    "name or service not known",
    "timeout expired",
    "timed out",
    "no route to host",
    "network is unreachable",
    "server closed the connection unexpectedly",
    "the connection is closed",
    "connection is lost",
    "consuming input failed",
    "terminating connection",
)


class DatabaseRefused(DomainError):
    """A database Liaison will not open as it is; `path` is its file (None for a server)."""

    def __init__(self, text: Text, *, path: Path | None) -> None:
        super().__init__(text)
        self.path = path


class DamagedDatabase(DatabaseRefused):
    """The file is a SQLite database that is cut short or broken: a backup can replace it."""


class NotLiaison(DatabaseRefused):
    """The file is not a Liaison database (another program's, or not a database at all)."""


class NewerDatabase(DatabaseRefused):
    """A newer Liaison wrote the database: it is refused and left exactly as it is."""


def as_domain_error(
    error: BaseException, *, path: Path | None = None, where: str = ""
) -> DomainError | None:
    """The sentence for a fault of the database or the disk anywhere in `error`'s chain.

    `path` (the SQLite file) goes with a `DamagedDatabase`; `where` names the server."""
    if isinstance(error, DomainError):
        return error
    for cause in _chain(error):
        found = _sqlite(cause, path) or _server(cause, where) or _system(cause)
        if found is not None:
            return found
    return None


def _chain(error: BaseException) -> Iterator[BaseException]:
    """The error, the driver's error SQLAlchemy wraps, and what they were raised from; not what
    they were raised while handling (a bug in an error handler is not a busy database)."""
    seen: set[int] = set()
    pending: list[BaseException] = [error]
    while pending and len(seen) < 20:
        current = pending.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        for linked in (getattr(current, "orig", None), current.__cause__):
            if isinstance(linked, BaseException):
                pending.append(linked)


def _sqlite(error: BaseException, path: Path | None) -> DomainError | None:
    if not isinstance(error, sqlite3.Error):
        return None
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    message = str(error).lower()
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "is locked" in message:
        return DomainError(BUSY)
    if primary in (_SQLITE_FULL, _SQLITE_IOERR) or "disk is full" in message:
        return DomainError(DISK_FULL)
    if "disk i/o error" in message:
        return DomainError(DISK_FULL)
    if primary == _SQLITE_READONLY or "readonly database" in message:
        return DomainError(READ_ONLY)
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or _damaged(message):
        return DamagedDatabase(DAMAGED_NOW, path=path)
    return None


def _damaged(message: str) -> bool:
    return "malformed" in message or "file is not a database" in message


def is_damage(error: BaseException) -> bool:
    """Whether SQLite said the file itself is damaged (not locked, not a full disk)."""
    return isinstance(as_domain_error(error), DamagedDatabase)


def _server(error: BaseException, where: str) -> DomainError | None:
    """psycopg's errors, recognised without importing it (a SQLite user need not have it)."""
    if not type(error).__module__.startswith("psycopg"):
        return None
    state = getattr(error, "sqlstate", None)
    message = str(error).lower()
    if state in _PG_BUSY:
        return DomainError(BUSY)
    if state == _PG_DISK_FULL:
        return DomainError(DISK_FULL)
    if state in _PG_LOGIN or "authentication failed" in message:
        return DomainError(SERVER_LOGIN)
    if type(error).__name__ != "OperationalError" or "does not exist" in message:
        return None
    if state is None or state.startswith("08") or any(s in message for s in _UNREACHABLE):
        if where:
            return DomainError(SERVER_UNREACHABLE_AT.with_params(where=where))
        return DomainError(SERVER_UNREACHABLE)
    return None


def _system(error: BaseException) -> DomainError | None:
    if not isinstance(error, OSError):
        return None
    if error.errno in _DISK_ERRNOS:
        return DomainError(DISK_FULL)
    if error.errno == errno.EROFS:
        return DomainError(DISK_READ_ONLY)
    return None
