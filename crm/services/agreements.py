"""Agreements of a partnership and their attached documents."""

from __future__ import annotations

from crm.store.database import Database


class AgreementService:
    def __init__(self, db: Database) -> None:
        self.db = db
