"""All services over one database, built once by the app (or a test) and passed in."""

from __future__ import annotations

from dataclasses import dataclass, field

from crm.services.acting import Acting
from crm.services.agenda import AgendaService
from crm.services.agreements import AgreementService
from crm.services.contacts import ContactService
from crm.services.delegations import DelegationService
from crm.services.directory import DirectoryService
from crm.services.duplicates import DuplicateService
from crm.services.follow_ups import FollowUpService
from crm.services.gifts import GiftService
from crm.services.greetings import GreetingService
from crm.services.history_exchange import HistoryExchange
from crm.services.importing import ContactImporter
from crm.services.interactions import InteractionService
from crm.services.partnerships import PartnershipService
from crm.services.reminders import ReminderService
from crm.store.database import Database
from crm.store.migrate import upgrade


@dataclass(frozen=True)
class Services:
    db: Database
    contacts: ContactService
    directory: DirectoryService
    importer: ContactImporter
    partnerships: PartnershipService
    agreements: AgreementService
    interactions: InteractionService
    delegations: DelegationService
    gifts: GiftService
    follow_ups: FollowUpService
    history_exchange: HistoryExchange
    agenda: AgendaService
    reminders: ReminderService
    greetings: GreetingService
    duplicates: DuplicateService
    # Who saves: the editors' services stamp it on what they write. Changed in place (by the
    # app, from Settings), so every service sees the new name at its next save.
    acting: Acting = field(default_factory=Acting)

    @classmethod
    def open(cls, database: str | None = None, *, acting: Acting | None = None) -> Services:
        """Open (creating or upgrading, after a backup) the database and build the services."""
        db = Database(database)
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
            importer=ContactImporter(db),
            partnerships=PartnershipService(db, acting=acting),
            agreements=AgreementService(db),
            interactions=InteractionService(db),
            delegations=DelegationService(db, acting=acting),
            gifts=GiftService(db),
            follow_ups=FollowUpService(db),
            history_exchange=HistoryExchange(db),
            agenda=AgendaService(db),
            reminders=ReminderService(db),
            greetings=GreetingService(db),
            duplicates=DuplicateService(db),
        )
