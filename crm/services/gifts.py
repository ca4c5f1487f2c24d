"""The gift register, both ways."""

from __future__ import annotations

from crm.store.database import Database


class GiftService:
    def __init__(self, db: Database) -> None:
        self.db = db
