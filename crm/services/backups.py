"""Backups as a user sees them: make one now, the day's automatic one, how old the latest is.

A SQLite database is copied whole (`crm.store.backup`): into its `backups` folder, rotated, or
to a file of the user's choosing. A database on a server (PostgreSQL) cannot be copied as a
file, so its backup is the portable JSON export of every table (`backup_export`), which a
SQLite database can also be asked for by naming the file `.json`.

How many copies the folder keeps is the user's (`BackupKeep`, from Settings); the rotation
itself is the store's grandfather-father-son (`backups_to_keep`).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from crm.domain.text import DomainError
from crm.store.backup import (
    DAILY,
    DAILY_LABEL,
    MONTHLY,
    WEEKLY,
    backup_age,
    backup_files,
    backup_folder,
    backup_sqlite,
    prune_backups,
)
from crm.store.database import Database

BackupKind = Literal["sqlite", "json"]


@dataclass(frozen=True)
class BackupResult:
    path: Path
    bytes: int
    kind: BackupKind
    seconds: float

    def as_dict(self) -> dict[str, object]:
        """The `crm backup --json` report."""
        return {
            "path": str(self.path),
            "bytes": self.bytes,
            "kind": self.kind,
            "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True)
class BackupKeep:
    """How many backups the rotation keeps: the newest of each of so many days, ISO weeks and
    months that have one (7, 4 and 12 unless the user says otherwise)."""

    daily: int = DAILY
    weekly: int = WEEKLY
    monthly: int = MONTHLY


@dataclass(frozen=True)
class BackupEntry:
    """A backup in the database's backups folder."""

    path: Path
    made: dt.datetime
    label: str
    bytes: int

    @property
    def before_migration(self) -> bool:
        return self.label.startswith("before-")


class BackupService:
    def __init__(self, db: Database, keep: BackupKeep | None = None) -> None:
        self.db = db
        # Changed in place when the user changes it in Settings: the next rotation follows it.
        self.keep = keep if keep is not None else BackupKeep()

    @property
    def kind(self) -> BackupKind:
        """What `backup()` makes here: a copy of the SQLite file, or a JSON export."""
        return "sqlite" if self.db.path is not None else "json"

    def backup(self, out: Path | None = None) -> BackupResult:
        """A backup now: to `out` (a file, or a folder to put one in), else into the backups
        folder (then rotated) for a SQLite file, or the current folder for a JSON export.
        A file named `.json` is a JSON export whatever the database."""
        wants_json = out is not None and out.suffix.lower() == ".json"
        if self.kind == "json" or wants_json:
            if out is not None and not wants_json and not out.is_dir():
                from crm.services.backup_export import NOT_JSON

                raise DomainError(NOT_JSON)
            return self.export_json(out)
        result = self._timed("sqlite", lambda: backup_sqlite(self.db, out))
        if _same_folder(result.path.parent, backup_folder(self.db)):
            self._rotate()
        return result

    def export_json(self, out: Path | None = None) -> BackupResult:
        """The portable export of every table, to `out` (a file or a folder; default: the
        current folder), named `liaison-backup-YYYYmmdd-HHMMSS.json`."""
        now = dt.datetime.now()
        name = f"liaison-backup-{now:%Y%m%d-%H%M%S}.json"
        if out is None:
            out = Path.cwd() / name
        elif out.is_dir():
            out = out / name
        target = out

        from crm.services.backup_export import export_json

        def write() -> Path:
            export_json(self.db, target, now=now)
            return target.absolute()

        return self._timed("json", write)

    def daily(self, now: dt.datetime | None = None) -> BackupResult | None:
        """The automatic backup: makes the day's copy of a SQLite file when none is dated
        today, and rotates the folder; None when nothing was due or the database is on a
        server. Blocking I/O: call it off the GUI thread. Raises DomainError (one sentence)
        only when a due backup failed."""
        # As `crm.store.backup.daily_backup`, which rotates with the default counts: due when
        # no backup (of any kind) is dated today.
        path = self.db.path
        if path is None or not path.is_file():
            return None
        now = now or dt.datetime.now()
        if any(b.made.date() == now.date() for b in backup_files(self.db)):
            return None
        result = self._timed("sqlite", lambda: backup_sqlite(self.db, label=DAILY_LABEL, now=now))
        self._rotate(now)
        return result

    def age(self, now: dt.datetime | None = None) -> dt.timedelta | None:
        """How old the newest backup in the backups folder is; None when there is none (always
        for a database on a server, whose JSON exports Liaison does not keep)."""
        return backup_age(self.db, now)

    def backups(self) -> list[BackupEntry]:
        """The backups folder, newest first."""
        entries = []
        for backup in backup_files(self.db):
            try:
                size = backup.path.stat().st_size
            except OSError:
                continue
            entries.append(BackupEntry(backup.path, backup.made, backup.label, size))
        return entries

    def latest(self) -> BackupEntry | None:
        found = self.backups()
        return found[0] if found else None

    def _rotate(self, now: dt.datetime | None = None) -> None:
        keep = self.keep
        prune_backups(self.db, daily=keep.daily, weekly=keep.weekly, monthly=keep.monthly, now=now)

    def _timed(self, kind: BackupKind, make: Callable[[], Path]) -> BackupResult:
        started = time.perf_counter()
        path = make()
        return _result(path, kind, time.perf_counter() - started)


def _result(path: Path, kind: BackupKind, seconds: float) -> BackupResult:
    return BackupResult(path=path, bytes=path.stat().st_size, kind=kind, seconds=seconds)


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
