"""`crm check`: is the database whole, and is its schema current?"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from crm.store import contacts as q
from crm.store.database import Database
from crm.store.migrate import schema_status


@dataclass(frozen=True)
class CheckReport:
    database: str
    integrity: str
    schema_revision: str | None
    schema_head: str
    contacts: int

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and self.schema_revision == self.schema_head


def check(db: Database) -> CheckReport:
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
    contacts = 0
    if status.current is not None:
        with db.session() as session:
            contacts = q.count(session)
    where = str(db.path) if db.path else db.engine.url.render_as_string(hide_password=True)
    return CheckReport(where, integrity, status.current, status.head, contacts)
