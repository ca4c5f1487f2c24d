"""Delegations: members, itinerary, preparation of a visit."""

from __future__ import annotations

from crm.store.database import Database


class DelegationService:
    def __init__(self, db: Database) -> None:
        self.db = db
