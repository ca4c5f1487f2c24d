"""Copies of the SQLite file through the online backup API: safe while the app runs."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from crm.store.database import Database


def backup_folder(db: Database) -> Path:
    if db.path is None:
        raise ValueError("only a SQLite file has a backup folder")
    return db.path.parent / "backups"


def backup_sqlite(db: Database, destination: Path | None = None, *, label: str = "") -> Path:
    """Copy the database to `destination` (default: the backups folder, named by time)."""
    if db.path is None:
        raise ValueError("only a SQLite file can be copied")
    if destination is None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        suffix = f"-{label}" if label else ""
        destination = backup_folder(db) / f"liaison-{stamp}{suffix}.sqlite3"
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".part")
    source = sqlite3.connect(db.path)
    try:
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
    partial.replace(destination)
    return destination
