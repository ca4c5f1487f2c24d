"""Logged interactions and the timelines of contacts and partnerships."""

from __future__ import annotations

from crm.store.database import Database


class InteractionService:
    def __init__(self, db: Database) -> None:
        self.db = db
