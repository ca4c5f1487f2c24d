"""Follow-ups agreed with partners: what, who, when, done."""

from __future__ import annotations

from crm.store.database import Database


class FollowUpService:
    def __init__(self, db: Database) -> None:
        self.db = db
