"""Restoring the database from a backup, as a user does it: pick one, check it, put it in place.

Works on a database that would not open (a damaged file at start) as well as on the one the
app has open: it needs only the `Database` (its file and backups folder), closes its
connections before the file moves, and upgrades the restored file to the newest schema, so the
same `Database` (and the services over it) go on working on the restored data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from crm.domain.text import QT_TRANSLATE_NOOP, DomainError
from crm.store.backup import backup_folder, list_backups
from crm.store.database import Database
from crm.store.migrate import upgrade
from crm.store.restore import (
    BackupInfo,
    backup_time,
    check_backup_file,
    is_replaced_file,
    put_in_place,
)

NOT_A_FILE = QT_TRANSLATE_NOOP(
    "Restore",
    "Only a database file can be restored here: a server's backup (its JSON export) is restored into a new database with the command “crm restore”.",
)


@dataclass(frozen=True)
class ListedBackup:
    """A backup as listed, before it is checked (checking reads all of it)."""

    path: Path
    made: dt.datetime
    size: int


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    kept_aside: Path | None  # where the file it replaced went (None: there was none)


class RestoreService:
    def __init__(self, db: Database) -> None:
        self.db = db

    @property
    def database_file(self) -> Path:
        if self.db.path is None:
            raise DomainError(NOT_A_FILE)
        return self.db.path

    def kept_folder(self) -> Path:
        """Where the file a restore replaces is kept: the backups folder."""
        if self.db.path is None:
            raise DomainError(NOT_A_FILE)
        return backup_folder(self.db)

    def backups(self) -> list[ListedBackup]:
        """The backups of this database, newest first; files set aside by a restore are not
        backups (one may be the damaged file itself), though they can be chosen as files."""
        found = []
        for path in list_backups(self.db):
            if is_replaced_file(path):
                continue
            try:
                found.append(ListedBackup(path, backup_time(path), path.stat().st_size))
            except OSError:  # gone since it was listed
                continue
        return sorted(found, key=lambda backup: backup.made, reverse=True)

    def latest(self) -> ListedBackup | None:
        backups = self.backups()
        return backups[0] if backups else None

    def inspect(self, path: Path) -> BackupInfo:
        """What a backup holds, or the one sentence saying why it cannot be restored."""
        return check_backup_file(Path(path))

    def restore(self, backup: Path) -> RestoreResult:
        """Put the backup in place, keep the current file aside, and bring the restored file
        to the newest schema (after a backup of it, as every upgrade)."""
        target = self.database_file
        info = check_backup_file(Path(backup))
        self.db.dispose()
        kept = put_in_place(target, info)
        self.db.dispose()  # nothing may have read the old file since, but be sure
        upgrade(self.db)
        return RestoreResult(restored=info, kept_aside=kept)
