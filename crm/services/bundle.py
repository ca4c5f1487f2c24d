"""All services over one database, built once by the app (or a test) and passed in."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from platformdirs import user_data_path

from crm.services.acting import Acting
from crm.services.agenda import AgendaService
from crm.services.backups import BackupService
from crm.services.contacts import ContactService
from crm.services.directory import DirectoryService
from crm.services.interactions import InteractionService
from crm.services.partnerships import PartnershipService
from crm.services.reminders import ReminderService
from crm.store.database import APP_NAME, Database
from crm.store.migrate import schema_status, upgrade

if TYPE_CHECKING:
    from crm.services.agreements import AgreementService
    from crm.services.delegations import DelegationService
    from crm.services.duplicates import DuplicateService
    from crm.services.follow_ups import FollowUpService
    from crm.services.gifts import GiftService
    from crm.services.greetings import GreetingService
    from crm.services.history_exchange import HistoryExchange
    from crm.services.importing import ContactImporter
    from crm.services.restore import RestoreService


@dataclass(frozen=True)
class Services:
    db: Database
    contacts: ContactService
    directory: DirectoryService
    partnerships: PartnershipService
    interactions: InteractionService
    agenda: AgendaService
    reminders: ReminderService
    backups: BackupService
    # Who saves: the editors' services stamp it on what they write. Changed in place (by the
    # app, from Settings), so every service sees the new name at its next save.
    acting: Acting = field(default_factory=Acting)

    # Built when first used: what they import (Jinja2 and e-mail for greetings, rapidfuzz for
    # duplicates, the file formats for imports and exports; the visits with their preparation,
    # gifts with their photos, agreements, follow-ups and restores: 2.5 MB of modules between
    # them) is not needed to open the window, and would stay in memory all day for nothing.
    @cached_property
    def agreements(self) -> AgreementService:
        from crm.services.agreements import AgreementService

        return AgreementService(self.db)

    @cached_property
    def delegations(self) -> DelegationService:
        from crm.services.delegations import DelegationService

        return DelegationService(self.db, acting=self.acting)

    @cached_property
    def gifts(self) -> GiftService:
        from crm.services.gifts import GiftService

        return GiftService(self.db)

    @cached_property
    def follow_ups(self) -> FollowUpService:
        from crm.services.follow_ups import FollowUpService

        return FollowUpService(self.db)

    @cached_property
    def restore(self) -> RestoreService:
        from crm.services.restore import RestoreService

        return RestoreService(self.db)

    @cached_property
    def importer(self) -> ContactImporter:
        from crm.services.importing import ContactImporter

        return ContactImporter(self.db, acting=self.acting)

    @cached_property
    def history_exchange(self) -> HistoryExchange:
        from crm.services.history_exchange import HistoryExchange

        return HistoryExchange(self.db)

    @cached_property
    def greetings(self) -> GreetingService:
        from crm.services.greetings import GreetingService

        return GreetingService(self.db)

    @cached_property
    def duplicates(self) -> DuplicateService:
        from crm.services.duplicates import DuplicateService

        return DuplicateService(self.db, acting=self.acting)

    @classmethod
    def open(cls, database: str | None = None, *, acting: Acting | None = None) -> Services:
        """Open (creating or upgrading, after a backup) the database and build the services."""
        db = Database(database)
        if db.path is None and db.dialect != "sqlite":
            _export_before_migrating(db)
        upgrade(db)
        return cls.over(db, acting=acting)

    @classmethod
    def over(cls, db: Database, *, acting: Acting | None = None) -> Services:
        acting = acting if acting is not None else Acting()
        return cls(
            db=db,
            acting=acting,
            contacts=ContactService(db, acting=acting),
            directory=DirectoryService(db),
            partnerships=PartnershipService(db, acting=acting),
            interactions=InteractionService(db),
            agenda=AgendaService(db),
            reminders=ReminderService(db),
            backups=BackupService(db),
        )


def _export_before_migrating(db: Database) -> None:
    """A migration never runs without a backup first: a server database that is about to be
    upgraded is exported (every table, as JSON) to the backups folder in the data folder. A
    SQLite file is copied by `upgrade` itself."""
    status = schema_status(db)
    if status.current is None or status.up_to_date:
        return
    folder = user_data_path(APP_NAME, appauthor=False) / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    BackupService(db).export_json(folder)
