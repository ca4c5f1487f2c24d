"""All services over one database, built once by the app (or a test) and passed in."""

from __future__ import annotations

from dataclasses import dataclass

from crm.services.contacts import ContactService
from crm.services.directory import DirectoryService
from crm.services.importing import ContactImporter
from crm.store.database import Database
from crm.store.migrate import upgrade


@dataclass(frozen=True)
class Services:
    db: Database
    contacts: ContactService
    directory: DirectoryService
    importer: ContactImporter

    @classmethod
    def open(cls, database: str | None = None) -> Services:
        """Open (creating or upgrading, after a backup) the database and build the services."""
        db = Database(database)
        upgrade(db)
        return cls(db, ContactService(db), DirectoryService(db), ContactImporter(db))
