"""Partnerships and places: list, search, sort, detail, create and edit."""

from __future__ import annotations

from crm.store.database import Database


class PartnershipService:
    def __init__(self, db: Database) -> None:
        self.db = db
