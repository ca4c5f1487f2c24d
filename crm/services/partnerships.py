"""Partnerships and places: list, search, detail, create and edit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any, NoReturn

from sqlalchemy import update
from sqlmodel import Session

from crm.domain.partnership_rules import PartnershipDraft, PlaceDraft
from crm.domain.partnerships import PartnershipStatus, PartnershipType
from crm.domain.places import document_matches, partnership_document
from crm.domain.text import QT_TRANSLATE_NOOP, DomainError
from crm.services.acting import Acting
from crm.services.changes import Changes
from crm.services.conflicts import ChangedElsewhere, DeletedElsewhere
from crm.services.directory import DirectoryService, PlaceItem
from crm.store import agreements as agreements_q
from crm.store import interactions as interactions_q
from crm.store import partnership_detail as detail_q
from crm.store import partnerships as q
from crm.store.database import Database
from crm.store.models import Place, Staff, utcnow
from crm.store.partnership_models import Partnership

NOT_FOUND = QT_TRANSLATE_NOOP("Partnerships", "This partnership no longer exists.")
UNKNOWN_PLACE = QT_TRANSLATE_NOOP("Partnerships", "The chosen place no longer exists.")
UNKNOWN_OWNER = QT_TRANSLATE_NOOP("Partnerships", "The chosen owner is not a staff member.")
UNKNOWN_CHAMPION = QT_TRANSLATE_NOOP(
    "Partnerships", "One of the chosen champions no longer exists."
)

PartnershipRow = q.PartnershipRow
PersonRow = detail_q.PersonRow
DelegationRow = detail_q.DelegationRow
FollowUpRow = detail_q.FollowUpRow
AgreementRow = agreements_q.AgreementRow
TimelineEntry = interactions_q.TimelineEntry

# The first page of a partnership's timeline that its detail shows.
TIMELINE_PAGE = 50


@dataclass(frozen=True)
class PartnershipRecord:
    id: str
    version: int
    draft: PartnershipDraft
    place: PlaceItem
    created_at: dt.datetime
    updated_at: dt.datetime
    updated_by: str = ""


@dataclass(frozen=True)
class PartnershipDetail:
    """Everything about one partnership, for its detail view."""

    row: PartnershipRow
    version: int
    notes: str
    agreements: list[AgreementRow]
    delegations: list[DelegationRow]
    interactions: list[TimelineEntry]
    people: list[PersonRow]
    follow_ups: list[FollowUpRow]
    last_contact: dt.date | None
    days_since_contact: int | None

    @property
    def champions(self) -> list[PersonRow]:
        return [p for p in self.people if p.champion]


class PartnershipService:
    def __init__(self, db: Database, *, acting: Acting | None = None) -> None:
        self.db = db
        self.acting = acting if acting is not None else Acting()

    # Reading -----------------------------------------------------------------------------
    def rows(self, ids: list[str] | None = None) -> list[PartnershipRow]:
        """Every partnership (or these) as the list shows it, by partner name."""
        with self.db.session() as session:
            rows = q.list_rows(session, ids)
        return [replace(row, search_text=search_text(row)) for row in rows]

    def search(self, query: str = "") -> list[PartnershipRow]:
        """Partnerships found by partner name (English, 汉字, pinyin), country, area or owner."""
        return [row for row in self.rows() if matches(row, query)]

    def places(self) -> list[PlaceItem]:
        return DirectoryService(self.db).places()

    def areas(self) -> list[str]:
        """Every cooperation area in use, for completion."""
        with self.db.session() as session:
            return q.all_areas(session)

    def get(self, partnership_id: str) -> PartnershipRecord:
        with self.db.session() as session:
            record = read_record(session, partnership_id)
        if record is None:
            raise DomainError(NOT_FOUND)
        return record

    def detail(
        self,
        partnership_id: str,
        *,
        today: dt.date | None = None,
        interactions: int = TIMELINE_PAGE,
    ) -> PartnershipDetail:
        """Everything about one partnership; "days since" the last contact counts to `today`."""
        with self.db.session() as session:
            head = detail_q.header(session, partnership_id)
            if head is None:
                raise DomainError(NOT_FOUND)
            delegations = detail_q.delegations(session, partnership_id)
            follow_ups = detail_q.open_follow_ups(
                session, partnership_id, [d.id for d in delegations]
            )
            people = detail_q.people(session, partnership_id, head.place_id)
            agreements = agreements_q.for_partnership(session, partnership_id)
            timeline = interactions_q.for_partnership(session, partnership_id, limit=interactions)
        row = PartnershipRow(
            id=head.id,
            place_id=head.place_id,
            partner=head.partner,
            partner_zh=head.partner_zh,
            country=head.country,
            region=head.region,
            type=head.type,
            formalised_on=head.formalised_on,
            status=head.status,
            areas=head.areas,
            owner_id=head.owner_id,
            owner=head.owner,
            champions=sum(1 for p in people if p.champion),
            last_contact=head.last_contact,
            open_follow_ups=len(follow_ups),
        )
        last = dt.date.fromisoformat(head.last_contact) if head.last_contact else None
        return PartnershipDetail(
            row=row,
            version=head.version,
            notes=head.notes,
            agreements=agreements,
            delegations=delegations,
            interactions=timeline,
            people=people,
            follow_ups=follow_ups,
            last_contact=last,
            days_since_contact=((today or dt.date.today()) - last).days if last else None,
        )

    # Writing -----------------------------------------------------------------------------
    def create_place(
        self, *, name: str, name_zh: str = "", country: str, region: str = ""
    ) -> tuple[str, Changes]:
        clean = PlaceDraft(name, name_zh, country, region).validate()
        with self.db.write() as session:
            place = Place(
                name=clean.name, name_zh=clean.name_zh, country=clean.country, region=clean.region
            )
            session.add(place)
            return place.id, Changes(places=True)

    def create(self, draft: PartnershipDraft) -> tuple[str, Changes]:
        clean = draft.validate()
        with self.db.write() as session:
            _check_references(session, clean)
            partnership = Partnership(**_values(clean), updated_by=self.acting.stamp)
            session.add(partnership)
            session.flush()
            q.replace_children(
                session, partnership.id, areas=clean.areas, champions=clean.champion_ids
            )
            new = partnership.id
        return new, Changes(partnerships=frozenset({new}))

    def update(
        self, partnership_id: str, draft: PartnershipDraft, *, expected_version: int
    ) -> Changes:
        """Save the partnership, unless it was saved elsewhere since `expected_version` was
        read: then `ChangedElsewhere` (or `DeletedElsewhere`), and nothing is written."""
        clean = draft.validate()
        with self.db.write() as session:
            _check_references(session, clean)
            table = q.PT
            result = session.execute(
                update(table)
                .where(table.c.id == partnership_id, table.c.version == expected_version)
                .values(
                    **_values(clean),
                    version=table.c.version + 1,
                    updated_at=utcnow(),
                    updated_by=self.acting.stamp,
                )
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                _refuse(session, partnership_id, clean)
            q.replace_children(
                session, partnership_id, areas=clean.areas, champions=clean.champion_ids
            )
        return Changes(partnerships=frozenset({partnership_id}))


def read_record(session: Session, partnership_id: str) -> PartnershipRecord | None:
    """The stored partnership, or None when there is none."""
    partnership = session.get(Partnership, partnership_id)
    if partnership is None:
        return None
    place = session.get(Place, partnership.place_id)
    assert place is not None
    draft = PartnershipDraft(
        place_id=partnership.place_id,
        type=PartnershipType(partnership.type),
        formalised_on=partnership.formalised_on,
        status=PartnershipStatus(partnership.status),
        areas=q.areas_of(session, partnership_id),
        champion_ids=q.champion_ids(session, partnership_id),
        owner_id=partnership.owner_id,
        notes=partnership.notes,
        keep_in_touch_days=partnership.keep_in_touch_days,
    )
    return PartnershipRecord(
        partnership.id,
        partnership.version,
        draft,
        PlaceItem(place.id, place.name, place.name_zh, place.country),
        partnership.created_at,
        partnership.updated_at,
        partnership.updated_by,
    )


def _refuse(session: Session, partnership_id: str, mine: PartnershipDraft) -> NoReturn:
    """A save that found another version stored (or none): say whose, and when."""
    theirs = read_record(session, partnership_id)
    if theirs is None:
        place = session.get(Place, mine.place_id) if mine.place_id else None
        raise DeletedElsewhere(
            record_type="partnership",
            record_id=partnership_id,
            name=place.name if place else "",
        )
    raise ChangedElsewhere(record_type="partnership", name=theirs.place.name, theirs=theirs)


def search_text(row: PartnershipRow) -> str:
    return partnership_document(
        name=row.partner,
        name_zh=row.partner_zh,
        country=row.country,
        region=row.region,
        areas=row.areas,
        owner=row.owner,
    )


def matches(row: PartnershipRow, query: str) -> bool:
    """Whether the search box's query finds this partnership (the contacts' search semantics)."""
    if not query.strip():
        return True
    return document_matches(row.search_text or search_text(row), query)


def _values(draft: PartnershipDraft) -> dict[str, Any]:
    return {
        "place_id": draft.place_id,
        "type": str(draft.type),
        "formalised_on": draft.formalised_on,
        "status": str(draft.status),
        "owner_id": draft.owner_id,
        "notes": draft.notes,
        "keep_in_touch_days": draft.keep_in_touch_days,
    }


def _check_references(session: Session, draft: PartnershipDraft) -> None:
    if draft.place_id is None or session.get(Place, draft.place_id) is None:
        raise DomainError(UNKNOWN_PLACE, field="place_id")
    if draft.owner_id and session.get(Staff, draft.owner_id) is None:
        raise DomainError(UNKNOWN_OWNER, field="owner_id")
    found = interactions_q.existing(session, q.C, draft.champion_ids)
    if len(found) != len(draft.champion_ids):
        raise DomainError(UNKNOWN_CHAMPION, field="champion_ids")
