"""One row of a partnership sheet (or one object of a JSON export) into the database.

A row is the partnership with the same id, else the one with the same partner city (its
English or Chinese name, in the same country when a country is given); the partner place is
found the same way or created. Owners are staff found by name or created. Champions are
contacts found by id or by name; one the database does not know is left out (import the
contacts first), since a name alone is too little to create a person from.

What the row knows wins, lists (areas, champions) gain what they lacked, and an empty cell
changes nothing, so a sheet with fewer columns never erases what the office knows. A row
with any problem is reported with its line and leaves no trace; a type or status left empty
on a new partnership is "other" and "active".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import delete, select
from sqlmodel import Session

from crm.domain.partnership_rules import (
    BAD_COUNTRY,
    PartnershipDraft,
    PlaceDraft,
    unique,
)
from crm.domain.partnerships import PartnershipStatus, PartnershipType
from crm.domain.text import QT_TRANSLATE_NOOP, DomainError, ValidationErrors
from crm.services.exchange.history_columns import split_list
from crm.services.exchange.history_lookup import Lookup, country_code
from crm.services.exchange.readers import is_uuid
from crm.store.models import Place, new_id, utcnow
from crm.store.partnership_models import Partnership, PartnershipArea, PartnershipChampion

NO_PARTNER = QT_TRANSLATE_NOOP(
    "HistoryExchange", "The partner city is missing: fill in the “partner” column."
)
BAD_TYPE = QT_TRANSLATE_NOOP(
    "HistoryExchange", "“{value}” is not a type of partnership: use one of {choices}."
)
BAD_STATUS = QT_TRANSLATE_NOOP(
    "HistoryExchange", "“{value}” is not a partnership status: use one of {choices}."
)

_TYPE_WORDS = {
    "姐妹城市": PartnershipType.SISTER_CITY,
    "友好城市": PartnershipType.FRIENDSHIP_CITY,
    "友城": PartnershipType.FRIENDSHIP_CITY,
    "结对城市": PartnershipType.TWINNING,
    "友好交流城市": PartnershipType.FRIENDLY_EXCHANGE,
    "友好交流": PartnershipType.FRIENDLY_EXCHANGE,
    "港口伙伴": PartnershipType.PORT_PARTNERSHIP,
    "友好港": PartnershipType.PORT_PARTNERSHIP,
    "其他": PartnershipType.OTHER,
}
_STATUS_WORDS = {
    "探索中": PartnershipStatus.EXPLORING,
    "洽谈中": PartnershipStatus.EXPLORING,
    "活跃": PartnershipStatus.ACTIVE,
    "休眠": PartnershipStatus.DORMANT,
    "已结束": PartnershipStatus.ENDED,
    "终止": PartnershipStatus.ENDED,
}


def text(values: dict[str, Any], key: str) -> str:
    value = values.get(key)
    return "" if value is None else str(value).strip()


def strings(values: dict[str, Any], key: str) -> list[str]:
    """A list from JSON (an array) or from a sheet (one cell, items separated by ";")."""
    value = values.get(key)
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    return split_list(str(value))


E = TypeVar("E", bound=StrEnum)


def choice(value: str, enum: type[E], words: dict[str, E]) -> E | None:
    """An enum member from its value ("sister_city"), its English label ("Sister city") or a
    Chinese word for it."""
    key = re.sub(r"[\s\-]+", "_", value.strip().casefold())
    try:
        return enum(key)
    except ValueError:
        return words.get(value.strip())


@dataclass
class _State:
    """What a partnership is, compared before and after a row to tell updated from skipped."""

    place_id: str
    type: str
    formalised_on: str
    status: str
    owner_id: str | None
    notes: str
    areas: list[str]
    champions: list[str]

    def same_as(self, other: _State) -> bool:
        return replace(
            self, areas=_folded(self.areas), champions=sorted(self.champions)
        ) == replace(other, areas=_folded(other.areas), champions=sorted(other.champions))


def _folded(values: list[str]) -> list[str]:
    return sorted(v.casefold() for v in values)


@dataclass
class _Row:
    id: str | None
    place: PlaceDraft
    place_names: list[str]
    country: str | None
    draft: PartnershipDraft
    type_given: bool
    status_given: bool
    owner: str
    champions: list[str]


class PartnershipRows:
    """Imports rows one by one into an open write session; returns what each did."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.lookup = Lookup(session)
        self.places_changed = False

    def apply(self, values: dict[str, Any]) -> tuple[str, str]:
        """("created" | "updated" | "skipped", partnership id); DomainError for a bad row."""
        row = self._parse(values)
        place = self._place(row)
        existing = row.id if row.id in self.lookup.partnership_places else None
        if existing is None and place is not None:
            existing = self.lookup.partnership_at(place.id)
        current = self._state(existing) if existing else None
        owner_id = self.lookup.owner(row.owner) if row.owner else None
        place_id = self._ensure_place(row, place)
        merged = _State(
            place_id=place_id,
            type=row.draft.type.value if row.type_given or current is None else current.type,
            formalised_on=row.draft.formalised_on or (current.formalised_on if current else ""),
            status=row.draft.status.value
            if row.status_given or current is None
            else current.status,
            owner_id=owner_id or (current.owner_id if current else None),
            notes=row.draft.notes or (current.notes if current else ""),
            areas=unique([*(current.areas if current else []), *row.draft.areas], fold_case=True),
            champions=unique([*(current.champions if current else []), *row.champions]),
        )
        place_changed = self._update_place(row, place)
        if current is None:
            partnership_id = row.id or new_id()
            self._insert(partnership_id, merged)
            return "created", partnership_id
        assert existing is not None
        if current.same_as(merged) and not place_changed:
            return "skipped", existing
        if not current.same_as(merged):
            self._update(existing, merged)
        return "updated", existing

    # Reading a row ------------------------------------------------------------------------
    def _parse(self, values: dict[str, Any]) -> _Row:
        partner, partner_zh = text(values, "partner"), text(values, "partner_zh")
        if not (partner or partner_zh):
            raise DomainError(NO_PARTNER, field="partner")
        country: str | None = None
        if raw_country := text(values, "country"):
            country = country_code(raw_country)
            if country is None:
                raise DomainError(BAD_COUNTRY.with_params(value=raw_country), field="country")
        raw_type, raw_status = text(values, "type"), text(values, "status")
        kind = choice(raw_type, PartnershipType, _TYPE_WORDS) if raw_type else PartnershipType.OTHER
        if kind is None:
            choices = ", ".join(t.value for t in PartnershipType)
            raise DomainError(BAD_TYPE.with_params(value=raw_type, choices=choices))
        status = (
            choice(raw_status, PartnershipStatus, _STATUS_WORDS)
            if raw_status
            else PartnershipStatus.ACTIVE
        )
        if status is None:
            choices = ", ".join(s.value for s in PartnershipStatus)
            raise DomainError(BAD_STATUS.with_params(value=raw_status, choices=choices))
        place = PlaceDraft(
            name=partner, name_zh=partner_zh, country=country or "", region=text(values, "region")
        )
        draft = PartnershipDraft(
            place_id="pending",
            type=kind,
            formalised_on=text(values, "formalised_on"),
            status=status,
            areas=strings(values, "areas"),
            notes=text(values, "notes"),
        )
        try:
            draft = draft.validate()
        except ValidationErrors as errors:
            raise DomainError(errors.errors[0].text, field=errors.errors[0].field) from None
        champions = []
        for value in strings(values, "champions"):
            if contact_id := self.lookup.contact(value):
                champions.append(contact_id)
        return _Row(
            id=is_uuid(text(values, "id")) if text(values, "id") else None,
            place=place,
            place_names=[n for n in (partner, partner_zh) if n],
            country=country,
            draft=draft,
            type_given=bool(raw_type),
            status_given=bool(raw_status),
            owner=text(values, "owner"),
            champions=champions,
        )

    def _place(self, row: _Row) -> Place | None:
        """The partner place the row names, if the database has it (checked before writing)."""
        if row.id in self.lookup.partnership_places:
            # The partnership's own place first, should another place share its name.
            current = self.lookup.places[self.lookup.partnership_places[row.id]]
            if self.lookup.place_is(current, row.place_names, row.country):
                return current
        place = self.lookup.find_place(row.place_names, row.country)
        if place is None:
            # A new place needs what a user gives in the editor: a name and a country.
            try:
                row.place = row.place.validate()
            except ValidationErrors as errors:
                raise DomainError(errors.errors[0].text, field=errors.errors[0].field) from None
        return place

    def _ensure_place(self, row: _Row, place: Place | None) -> str:
        if place is not None:
            return place.id
        new = Place(
            name=row.place.name,
            name_zh=row.place.name_zh,
            country=row.place.country,
            region=row.place.region,
        )
        self.session.add(new)
        self.session.flush()
        self.lookup.remember_place(new)
        self.places_changed = True
        return new.id

    def _update_place(self, row: _Row, place: Place | None) -> bool:
        """Fill in or correct the Chinese name and region of a known place."""
        if place is None:
            return False
        changed = False
        name_zh = "".join(row.place.name_zh.split())
        region = " ".join(row.place.region.split())
        if name_zh and name_zh != place.name_zh:
            place.name_zh = name_zh
            changed = True
        if region and region != place.region:
            place.region = region
            changed = True
        if changed:
            self.session.add(place)
            self.lookup.remember_place(place)
            self.places_changed = True
        return changed

    # Writing ------------------------------------------------------------------------------
    def _state(self, partnership_id: str) -> _State:
        partnership = self.session.get(Partnership, partnership_id)
        assert partnership is not None
        area_table = PartnershipArea.__table__  # type: ignore[attr-defined]
        areas = list(
            self.session.execute(
                select(area_table.c.area).where(area_table.c.partnership_id == partnership_id)
            ).scalars()
        )
        champion_table = PartnershipChampion.__table__  # type: ignore[attr-defined]
        champions = list(
            self.session.execute(
                select(champion_table.c.contact_id).where(
                    champion_table.c.partnership_id == partnership_id
                )
            ).scalars()
        )
        return _State(
            place_id=partnership.place_id,
            type=partnership.type,
            formalised_on=partnership.formalised_on,
            status=partnership.status,
            owner_id=partnership.owner_id,
            notes=partnership.notes,
            areas=areas,
            champions=champions,
        )

    def _insert(self, partnership_id: str, state: _State) -> None:
        self.session.add(
            Partnership(
                id=partnership_id,
                place_id=state.place_id,
                type=state.type,
                formalised_on=state.formalised_on,
                status=state.status,
                owner_id=state.owner_id,
                notes=state.notes,
            )
        )
        self.session.flush()
        self._write_lists(partnership_id, state)
        self.lookup.remember_partnership(partnership_id, state.place_id)

    def _update(self, partnership_id: str, state: _State) -> None:
        partnership = self.session.get(Partnership, partnership_id)
        assert partnership is not None
        partnership.place_id = state.place_id
        partnership.type = state.type
        partnership.formalised_on = state.formalised_on
        partnership.status = state.status
        partnership.owner_id = state.owner_id
        partnership.notes = state.notes
        partnership.version += 1
        partnership.updated_at = utcnow()
        self.session.add(partnership)
        for table in (PartnershipArea, PartnershipChampion):
            self.session.execute(
                delete(table).where(table.partnership_id == partnership_id)  # type: ignore[arg-type]
            )
        self.session.flush()
        self._write_lists(partnership_id, state)
        self.lookup.remember_partnership(partnership_id, state.place_id)

    def _write_lists(self, partnership_id: str, state: _State) -> None:
        for area in state.areas:
            self.session.add(PartnershipArea(partnership_id=partnership_id, area=area))
        for contact_id in state.champions:
            self.session.add(
                PartnershipChampion(partnership_id=partnership_id, contact_id=contact_id)
            )
        self.session.flush()
