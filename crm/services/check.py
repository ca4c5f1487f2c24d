"""`crm check`: is the database whole, is its schema current, and how old is its latest backup?"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import text

from crm.services.backups import BackupKind, BackupService
from crm.store import contacts as q
from crm.store import files as files_q
from crm.store.database import Database
from crm.store.migrate import schema_status


@dataclass(frozen=True)
class CheckReport:
    database: str
    integrity: str
    schema_revision: str | None
    schema_head: str
    contacts: int
    # "sqlite": copies kept in the backups folder, the newest described below; "json": a
    # database on a server, backed up by `crm backup` as exports Liaison does not keep.
    backup_kind: BackupKind = "sqlite"
    latest_backup: str | None = None
    backup_age_hours: float | None = None
    # Documents and photos attached before files were kept in the database, on a desktop that
    # has not taken them in since.
    files_missing: int = 0

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and self.schema_revision == self.schema_head


def check(db: Database, *, now: dt.datetime | None = None) -> CheckReport:
    status = schema_status(db)
    integrity = "ok"
    with db.engine.connect() as conn:
        if db.is_sqlite:
            problems = [row[0] for row in conn.execute(text("PRAGMA integrity_check"))]
            integrity = "ok" if problems == ["ok"] else "; ".join(problems[:5])
            if integrity == "ok" and status.current is not None:
                # The external-content search index must agree with the contact table.
                try:
                    conn.execute(
                        text(
                            "INSERT INTO contact_fts(contact_fts, rank) VALUES ('integrity-check', 1)"
                        )
                    )
                except Exception:
                    integrity = "the contact search index is out of step"
    contacts = missing = 0
    if status.current is not None:
        with db.session() as session:
            contacts = q.count(session)
            if status.up_to_date:
                missing = files_q.missing(session)
    backups = BackupService(db)
    latest = backups.latest()
    age = backups.age(now)
    return CheckReport(
        db.where,
        integrity,
        status.current,
        status.head,
        contacts,
        backup_kind=backups.kind,
        latest_backup=str(latest.path) if latest else None,
        backup_age_hours=round(age.total_seconds() / 3600, 3) if age is not None else None,
        files_missing=missing,
    )
