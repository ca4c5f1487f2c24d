"""Partnerships and delegations in and out of CSV, XLSX and JSON."""

from __future__ import annotations

from crm.store.database import Database


class HistoryExchange:
    def __init__(self, db: Database) -> None:
        self.db = db
