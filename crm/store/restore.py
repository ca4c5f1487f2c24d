"""Putting a backup in the place of the database file, without ever losing the file it replaces.

A backup is checked before anything moves: a SQLite file whole enough for `PRAGMA quick_check`,
of Liaison, at a revision this version knows (an older one is upgraded once it is in place; a
newer one is refused). The copy is made first, beside the database, through SQLite's backup API
(which also reads a write-ahead log left beside a chosen file), so that a full disk stops the
restore before the current file has moved. Then the current file (with its log) goes aside into
the backups folder as `liaison-replaced-<time>.sqlite3`, and the copy takes its name with one
atomic rename. If anything fails on the way the current file is put back.

The caller closes its connections first (`Database.dispose`): a file in use cannot be replaced
on Windows, and elsewhere a connection left open would go on writing to the file set aside.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from crm.domain.text import QT_TRANSLATE_NOOP, DomainError
from crm.store.backup import backup_folder
from crm.store.database import Database
from crm.store.errors import DamagedDatabase, NewerDatabase, NotLiaison, is_damage
from crm.store.migrate import is_known_revision
from crm.store.sqlite_file import Verdict, examine

NO_FILE = QT_TRANSLATE_NOOP("Restore", "There is no file “{name}”.")
BACKUP_DAMAGED = QT_TRANSLATE_NOOP(
    "Restore", "The backup “{name}” is damaged and cannot be restored."
)
BACKUP_NOT_LIAISON = QT_TRANSLATE_NOOP(
    "Restore", "“{name}” is not a Liaison database, so it cannot be restored."
)
BACKUP_NEWER = QT_TRANSLATE_NOOP(
    "Restore",
    "The backup “{name}” was written by a newer version of Liaison: update Liaison to restore it.",
)
BACKUP_UNREADABLE = QT_TRANSLATE_NOOP("Restore", "The backup “{name}” cannot be read: {reason}")
ALREADY_IN_PLACE = QT_TRANSLATE_NOOP(
    "Restore", "“{name}” is the database itself: choose a backup of it instead."
)

REPLACED_PREFIX = "liaison-replaced-"
_STAMP = re.compile(r"^liaison-(?:replaced-)?(\d{8}-\d{6})")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int  # bytes
    made: dt.datetime  # local time: the one in a Liaison backup's name, else the file's
    revision: str
    contacts: int


def backup_time(path: Path) -> dt.datetime:
    """When a backup was made: the time in its name (the file's own time changes when it is
    copied), else the file's modification time."""
    found = _STAMP.match(path.name)
    if found:
        with contextlib.suppress(ValueError):
            return dt.datetime.strptime(found.group(1), "%Y%m%d-%H%M%S")
    return dt.datetime.fromtimestamp(path.stat().st_mtime)


def is_replaced_file(path: Path) -> bool:
    """A database set aside by a restore, not a backup."""
    return path.name.startswith(REPLACED_PREFIX)


def check_backup_file(path: Path) -> BackupInfo:
    """What the backup holds, once it is known to be one that can be restored; otherwise a
    `DamagedDatabase`, `NotLiaison`, `NewerDatabase` or `DomainError` in one sentence."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise DomainError(NO_FILE.with_params(name=name))
    try:
        verdict = examine(path)
    except OSError as error:
        raise _unreadable(name, error) from error
    if verdict in (Verdict.NEW, Verdict.FOREIGN):
        raise NotLiaison(BACKUP_NOT_LIAISON.with_params(name=name), path=path)
    if verdict is Verdict.DAMAGED:
        raise DamagedDatabase(BACKUP_DAMAGED.with_params(name=name), path=path)
    try:
        with contextlib.closing(_open_read_only(path)) as conn:
            revision, contacts = _inspect(conn, path)
    except sqlite3.Error as error:
        if is_damage(error):
            raise DamagedDatabase(BACKUP_DAMAGED.with_params(name=name), path=path) from error
        raise _unreadable(name, error) from error
    return BackupInfo(path, path.stat().st_size, backup_time(path), revision, contacts)


def _unreadable(name: str, error: Exception) -> DomainError:
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return DomainError(BACKUP_UNREADABLE.with_params(name=name, reason=reason))


def _open_read_only(path: Path) -> sqlite3.Connection:
    """A connection that changes nothing in or beside the file: a Liaison backup has no
    write-ahead log, and reading it as immutable leaves no -wal or -shm file in the backups
    folder; a chosen file with a log beside it is read with its log."""
    log = path.with_name(path.name + "-wal")
    has_log = log.exists() and log.stat().st_size > 0
    mode = "mode=ro" if has_log else "mode=ro&immutable=1"
    return sqlite3.connect(f"{path.absolute().as_uri()}?{mode}", uri=True)


def _inspect(conn: sqlite3.Connection, path: Path) -> tuple[str, int]:
    name = path.name
    problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
    if problems != ["ok"]:
        raise DamagedDatabase(BACKUP_DAMAGED.with_params(name=name), path=path)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not {"alembic_version", "contact"} <= tables:
        raise NotLiaison(BACKUP_NOT_LIAISON.with_params(name=name), path=path)
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    if row is None or not row[0]:
        raise NotLiaison(BACKUP_NOT_LIAISON.with_params(name=name), path=path)
    revision = str(row[0])
    if not is_known_revision(revision):
        raise NewerDatabase(BACKUP_NEWER.with_params(name=name), path=path)
    (contacts,) = conn.execute("SELECT count(*) FROM contact").fetchone()
    return revision, int(contacts)


def restore_backup(db_path: Path, backup: Path) -> Path | None:
    """Put `backup` in the place of the database file `db_path`, once it is checked; returns
    where the file it replaced was kept (None when there was none). The caller has closed its
    connections."""
    _refuse_itself(Path(db_path), Path(backup))
    return put_in_place(db_path, check_backup_file(backup))


def put_in_place(db_path: Path, checked: BackupInfo) -> Path | None:
    """`restore_backup` of a backup `check_backup_file` has just checked."""
    db_path = Path(db_path).absolute()
    _refuse_itself(db_path, checked.path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    staged = _staged_copy(checked.path.absolute(), db_path.parent)
    moved: list[tuple[Path, Path]] = []
    try:
        aside = _set_aside(db_path, moved)
        os.replace(staged, db_path)
        _sync_folder(db_path.parent)
    except BaseException:
        staged.unlink(missing_ok=True)
        for original, kept in reversed(moved):
            with contextlib.suppress(OSError):
                shutil.move(kept, original)
        raise
    return aside


def _refuse_itself(db_path: Path, backup: Path) -> None:
    if db_path.exists() and backup.exists() and os.path.samefile(db_path, backup):
        raise DomainError(ALREADY_IN_PLACE.with_params(name=backup.name))


def replaced_name(when: dt.datetime) -> str:
    return f"{REPLACED_PREFIX}{when:%Y%m%d-%H%M%S}.sqlite3"


def _set_aside(db_path: Path, moved: list[tuple[Path, Path]]) -> Path | None:
    """Move the database file and its log into the backups folder, noting each move."""
    if not db_path.exists():
        return None
    db = Database(db_path)
    try:
        folder = backup_folder(db)
    finally:
        db.dispose()
    folder.mkdir(parents=True, exist_ok=True)
    aside = _free_name(folder / replaced_name(dt.datetime.now()))
    for suffix in ("", "-wal", "-shm"):
        source = db_path.with_name(db_path.name + suffix)
        if not source.exists():
            continue
        if suffix == "-shm":
            source.unlink()  # rebuilt from the log by whoever opens the file next
            continue
        target = aside.with_name(aside.name + suffix)
        shutil.move(source, target)
        moved.append((source, target))
    return aside


def _free_name(path: Path) -> Path:
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


def _staged_copy(backup: Path, folder: Path) -> Path:
    """A whole copy of the backup in `folder` (so the final rename is atomic), synced to disk."""
    descriptor, name = tempfile.mkstemp(prefix=".liaison-restoring-", suffix=".sqlite3", dir=folder)
    os.close(descriptor)
    staged = Path(name)
    try:
        with (
            contextlib.closing(_open_read_only(backup)) as source,
            contextlib.closing(sqlite3.connect(staged)) as target,
        ):
            source.backup(target)
    except BaseException:
        staged.unlink(missing_ok=True)
        staged.with_name(staged.name + "-journal").unlink(missing_ok=True)
        raise
    return staged


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no folder handles to sync)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
