"""Copies of the SQLite file through the online backup API (safe while the app runs), kept in a
`backups` folder beside the database and thinned out by rotation.

The copy is sqlite3's backup API in one step (`pages=-1`): one read transaction over the source,
so the copy is the database as of one commit, whatever other connections write meanwhile (in WAL
mode they are not even held up). On the benchmark's 100,000-contact file (74 MB) it takes about
0.15 s; `VACUUM INTO` also compacts the copy but rebuilds every b-tree and took 0.2 s there and
twice as long as the backup API on an 860 MB file, for a few percent of space. The copy is then
read back (its header, its schema, its size against its page count) before it takes its name;
`PRAGMA quick_check` would add half the copy's time again (1 s on 860 MB) to check the source's
own b-trees, which is `crm check`'s job, not the copy's.

A backup is named `liaison-YYYYmmdd-HHMMSS[-label].sqlite3` (local time of its making); only
files named so are ever rotated, so nothing a user puts in the folder is touched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import logging
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from crm.domain.text import QT_TRANSLATE_NOOP, DomainError
from crm.store.database import BUSY_TIMEOUT_MS, Database

log = logging.getLogger("crm.store.backup")

NO_DATABASE = QT_TRANSLATE_NOOP("Backup", "There is no database at “{where}” to back up.")
SAME_FILE = QT_TRANSLATE_NOOP("Backup", "A backup cannot be written over the database itself.")
DISK_FULL = QT_TRANSLATE_NOOP(
    "Backup", "There is not enough free space for a backup in “{folder}”: free some and try again."
)
NOT_ALLOWED = QT_TRANSLATE_NOOP(
    "Backup", "Liaison may not write in “{folder}”: choose another place for the backup."
)
BUSY = QT_TRANSLATE_NOOP(
    "Backup", "The database is busy in another program: try the backup again in a moment."
)
UNREADABLE = QT_TRANSLATE_NOOP(
    "Backup", "The database “{where}” could not be read for a backup: {reason}"
)
FAILED = QT_TRANSLATE_NOOP("Backup", "The backup to “{path}” could not be written: {reason}")
NOT_VERIFIED = QT_TRANSLATE_NOOP(
    "Backup", "The backup “{name}” did not read back correctly, so it was not kept."
)

DAILY = 7
WEEKLY = 4
MONTHLY = 12
# Backups made before a migration are the way back from a version of Liaison that went wrong:
# the newest three are kept whatever the rotation says (older ones are rotated like the rest).
BEFORE_MIGRATION = 3
MIGRATION_PREFIX = "before-"
DAILY_LABEL = "daily"
# Every backup this recent stays, so that a backup made by hand this morning is not rotated
# away by the next one this afternoon; the day's newest alone is kept once the day is past.
RECENT = dt.timedelta(days=1)
# A `.part` file is a copy being written; one this old was left by a copy that died.
STALE_PART = dt.timedelta(days=1)

_LABEL = re.compile(r"[A-Za-z0-9._-]*")
_NAME = re.compile(r"liaison-(\d{8}-\d{6})(?:-([A-Za-z0-9._-]+))?\.sqlite3")
_PART = re.compile(_NAME.pattern + r"(?:\.\w+)?\.part")
_SQLITE_HEADER = b"SQLite format 3\x00"
# Windows has no EDQUOT.
_DISK_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


@dataclass(frozen=True)
class BackupFile:
    """A finished backup, as its name tells: when it was made and why (its label)."""

    path: Path
    made: dt.datetime
    label: str

    @property
    def before_migration(self) -> bool:
        return self.label.startswith(MIGRATION_PREFIX)


def backup_name(made: dt.datetime, label: str = "") -> str:
    if not _LABEL.fullmatch(label):
        raise ValueError(f"a backup label is letters, digits, '.', '_' and '-', not {label!r}")
    suffix = f"-{label}" if label else ""
    return f"liaison-{made:%Y%m%d-%H%M%S}{suffix}.sqlite3"


def parse_backup_name(path: Path) -> BackupFile | None:
    """The backup a file name stands for, or None when the name is not one of ours."""
    found = _NAME.fullmatch(path.name)
    if found is None:
        return None
    try:
        made = dt.datetime.strptime(found.group(1), "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    return BackupFile(path, made, found.group(2) or "")


def backup_folder(db: Database) -> Path:
    if db.path is None:
        raise ValueError("only a SQLite file has a backup folder")
    return db.path.parent / "backups"


def backup_files(db: Database) -> list[BackupFile]:
    """The finished backups in the database's backup folder, newest first (by the time in
    their name, which is when they were made: a copied file keeps its name, not its mtime)."""
    if db.path is None:
        return []
    folder = backup_folder(db)
    if not folder.is_dir():
        return []
    found = [parse_backup_name(p) for p in folder.iterdir()]
    backups = [b for b in found if b is not None and b.path.is_file()]
    return sorted(backups, key=lambda b: (b.made, b.path.name), reverse=True)


def list_backups(db: Database) -> list[Path]:
    """The paths of `backup_files`, newest first."""
    return [b.path for b in backup_files(db)]


def backup_age(db: Database, now: dt.datetime | None = None) -> dt.timedelta | None:
    """How long ago the newest backup was made; None when there is none. Negative when the
    newest is dated in the future (the clock was wrong when it was made, or is now)."""
    backups = backup_files(db)
    if not backups:
        return None
    return (now or dt.datetime.now()) - backups[0].made


def backups_to_keep(
    backups: Iterable[BackupFile],
    *,
    daily: int = DAILY,
    weekly: int = WEEKLY,
    monthly: int = MONTHLY,
    before_migration: int = BEFORE_MIGRATION,
    now: dt.datetime | None = None,
) -> set[BackupFile]:
    """Grandfather-father-son: the newest backup of each of the last `daily` days that have a
    backup, of the last `weekly` ISO weeks and of the last `monthly` months that have one; the
    newest `before_migration` backups made before a migration; every backup made less than a
    day before `now` (when given); and always the newest of all. A backup kept by any rule
    stays. Counting days *that have backups* rather than calendar days means a month away
    from the office does not empty the folder. Pure, for the tests."""
    newest_first = sorted(backups, key=lambda b: (b.made, b.path.name), reverse=True)
    keep: set[BackupFile] = set(newest_first[:1])
    if now is not None:
        keep.update(b for b in newest_first if now - RECENT < b.made <= now)
    rules: list[tuple[int, Callable[[dt.datetime], Hashable]]] = [
        (daily, lambda made: made.date()),
        (weekly, lambda made: made.isocalendar()[:2]),
        (monthly, lambda made: (made.year, made.month)),
    ]
    for count, period in rules:
        seen: set[Hashable] = set()
        for backup in newest_first:
            key = period(backup.made)
            if key in seen:
                continue
            if len(seen) >= count:
                break
            seen.add(key)
            keep.add(backup)
    migrations = [b for b in newest_first if b.before_migration]
    keep.update(migrations[:before_migration])
    return keep


def prune_backups(
    db: Database,
    *,
    daily: int = DAILY,
    weekly: int = WEEKLY,
    monthly: int = MONTHLY,
    before_migration: int = BEFORE_MIGRATION,
    now: dt.datetime | None = None,
) -> list[Path]:
    """Delete the backups `backups_to_keep` does not keep (as of `now`), and `.part` files a
    dead copy left more than a day before `now`; returns what was deleted. A file that cannot be deleted is
    logged and left: thinning the folder out must never stop a backup."""
    if db.path is None:
        return []
    now = now or dt.datetime.now()
    backups = backup_files(db)
    keep = backups_to_keep(
        backups,
        daily=daily,
        weekly=weekly,
        monthly=monthly,
        before_migration=before_migration,
        now=now,
    )
    doomed = [b.path for b in backups if b not in keep]
    folder = backup_folder(db)
    if folder.is_dir():
        limit = now - STALE_PART
        for path in folder.iterdir():
            if _PART.fullmatch(path.name) and _modified(path) < limit:
                doomed.append(path)
    removed = []
    for path in doomed:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            log.warning("could not delete the old backup %s: %s", path, error)
            continue
        removed.append(path)
    return removed


def _modified(path: Path) -> dt.datetime:
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return dt.datetime.max


def daily_backup(db: Database, now: dt.datetime | None = None) -> Path | None:
    """Make the day's backup if it is due, then rotate; None when none was due (or the
    database is not a file). Due once per calendar day: when no backup (of any kind) is dated
    today. "Older than 24 hours" would skip every other day for someone who opens Liaison at
    the same time each morning, and a backup dated in the future by a wrong clock would stop
    them for good. Raises DomainError only when a due backup could not be made."""
    if db.path is None or not db.path.is_file():
        return None
    now = now or dt.datetime.now()
    if any(b.made.date() == now.date() for b in backup_files(db)):
        return None
    made = backup_sqlite(db, label=DAILY_LABEL, now=now)
    prune_backups(db, now=now)
    return made


def backup_sqlite(
    db: Database,
    destination: Path | None = None,
    *,
    label: str = "",
    now: dt.datetime | None = None,
) -> Path:
    """Copy the database to `destination` (a file, or a folder to put a named backup in;
    default: the backups folder), named by `now` and `label`. The copy is written to a `.part`
    file beside it, checked, and only then renamed: `destination` is whole or untouched. A
    problem becomes a DomainError of one sentence, and leaves no partial file."""
    source = db.path
    if source is None:
        raise ValueError("only a SQLite file can be copied")
    if not source.is_file():
        raise DomainError(NO_DATABASE.with_params(where=source))
    name = backup_name(now or dt.datetime.now(), label)
    if destination is None:
        destination = backup_folder(db) / name
    elif destination.is_dir():
        destination = destination / name
    destination = destination.absolute()
    if destination.exists() and os.path.samefile(destination, source):
        raise DomainError(SAME_FILE)
    with written_in_place(destination, where=source) as partial:
        copy_pages(source, partial)
        if not readable_copy(partial):
            raise DomainError(NOT_VERIFIED.with_params(name=destination.name))
        # mkstemp makes the file private; the copy is as private as the database.
        os.chmod(partial, source.stat().st_mode & 0o777)
    return destination


@contextmanager
def written_in_place(destination: Path, *, where: object) -> Iterator[Path]:
    """A private `.part` file beside `destination` for the block to write; renamed to
    `destination` when the block ends well, so a reader never meets half a backup, and
    deleted (with the folder made for it) when it does not. OSError and SQLite errors become
    a DomainError of one sentence (`write_error`)."""
    folder = destination.parent
    made_folder = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, partial_name = tempfile.mkstemp(
            prefix=f"{destination.name}.", suffix=".part", dir=folder
        )
        os.close(descriptor)
    except OSError as error:
        raise write_error(error, destination, where=where) from error
    partial = Path(partial_name)
    try:
        yield partial
        os.replace(partial, destination)
    except (OSError, sqlite3.Error) as error:
        _discard(partial, folder if made_folder else None)
        raise write_error(error, destination, where=where) from error
    except BaseException:
        _discard(partial, folder if made_folder else None)
        raise
    _sync_folder(folder)


def _discard(partial: Path, made_folder: Path | None) -> None:
    """Delete a failed copy, any file SQLite made beside it, and the folder made for it."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            partial.with_name(partial.name + suffix).unlink(missing_ok=True)
        except OSError as error:
            log.warning("could not delete the failed backup %s: %s", partial, error)
    if made_folder is not None:
        with contextlib.suppress(OSError):  # only if empty: another backup may be in it now
            made_folder.rmdir()


def copy_pages(source: Path, target: Path) -> None:
    """The copy itself, of the database as it stands at one moment, left as a single file
    (rollback journal, not WAL) and flushed to the disk before it is renamed into place.

    The files are copied as they are, by the kernel (a few times faster than SQLite's backup
    API, which reads and writes every page itself), inside a read transaction: that pins the
    moment. In WAL mode a writer goes on appending to the log meanwhile, and a checkpoint may
    copy into the file pages of the log up to that moment and no further; the log is copied
    after the file, so that the copy of the log holds every page the copy of the file may
    lack. Opening the copy then folds its log into it, and SQLite's recovery leaves out a
    transaction the log holds only part of. Without WAL, the read transaction keeps every
    writer out until the copy is made."""
    reader = sqlite3.connect(source, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM sqlite_schema").fetchone()  # the moment, pinned
        _copy_file(source, target)
        log_file = source.with_name(source.name + "-wal")
        if log_file.is_file() and log_file.stat().st_size > 0:
            _copy_file(log_file, target.with_name(target.name + "-wal"))
    finally:
        reader.close()
    writer = sqlite3.connect(target, isolation_level=None)
    try:
        # The copied log into the file, and the file out of WAL mode: a copy in WAL mode
        # would make `-wal` and `-shm` files beside it whenever it is opened.
        writer.execute("PRAGMA journal_mode = DELETE").fetchone()
    finally:
        writer.close()
    for leftover in ("-wal", "-shm"):
        target.with_name(target.name + leftover).unlink(missing_ok=True)
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())


def _copy_file(source: Path, target: Path) -> None:
    """`source` over `target`, by the kernel where it can (copy_file_range, which a file
    system that shares blocks does at once), else as `shutil` copies."""
    copy_range = getattr(os, "copy_file_range", None)
    if copy_range is not None:
        try:
            with open(source, "rb") as reading, open(target, "wb") as writing:
                size = os.fstat(reading.fileno()).st_size
                copied = 0
                while copied < size:
                    step = copy_range(reading.fileno(), writing.fileno(), size - copied)
                    if step == 0:  # the file ended sooner than it said
                        break
                    copied += step
            return
        except OSError as error:
            if error.errno not in (errno.EXDEV, errno.ENOSYS, errno.EOPNOTSUPP, errno.EINVAL):
                raise
    shutil.copyfile(source, target)


def readable_copy(path: Path) -> bool:
    """A copy that opens as a SQLite database, whose schema reads and whose size is its pages.
    `copy_pages` leaves it in rollback-journal mode (header bytes 18 and 19 are 1): a header
    saying WAL is not our copy, and opening it would make `-wal` and `-shm` files beside it."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(20)
        if header[: len(_SQLITE_HEADER)] != _SQLITE_HEADER or header[18:20] != b"\x01\x01":
            return False
        conn = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
            (page_size,) = conn.execute("PRAGMA page_size").fetchone()
            (page_count,) = conn.execute("PRAGMA page_count").fetchone()
        finally:
            conn.close()
        return bool(page_size * page_count == path.stat().st_size)
    except (OSError, sqlite3.Error):
        return False


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no handle on a folder to flush)."""
    if os.name == "nt":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def write_error(error: BaseException, destination: Path, *, where: object) -> DomainError:
    """One sentence for a failed backup, whether the disk, the folder or the database said no."""
    if isinstance(error, DomainError):
        return error
    folder = destination.parent
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    number = getattr(error, "errno", None)
    if number in _DISK_FULL_ERRNOS or primary == sqlite3.SQLITE_FULL:
        return DomainError(DISK_FULL.with_params(folder=folder))
    if isinstance(error, PermissionError) or number == errno.EROFS:
        return DomainError(NOT_ALLOWED.with_params(folder=folder))
    if primary in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM):
        return DomainError(NOT_ALLOWED.with_params(folder=folder))
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return DomainError(BUSY)
    reason = getattr(error, "strerror", None) or str(error)
    if primary in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT):
        return DomainError(UNREADABLE.with_params(where=where, reason=reason))
    return DomainError(FAILED.with_params(path=destination, reason=reason))
