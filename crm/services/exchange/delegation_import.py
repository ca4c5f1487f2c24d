"""One delegation of a sheet or of a JSON export into the database, with members, itinerary
and gifts.

A row is the delegation with the same id, else the one of the same partnership with the same
first day and title. The partnership, the leader and every member and gift recipient must
already be in the database (by id, or by name): a delegation is history about people the
office knows, so import the contacts and partnerships first. The rules are the delegation
editor's (`DelegationDraft`, `GiftDraft`).

What the row knows wins; members gain whoever they lacked (a role given replaces the old
one); an itinerary given replaces the old one as a whole, since its items have no identity of
their own; gifts are matched by id, else by direction, description and person.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import delete, select
from sqlmodel import Session

from crm.domain.delegation_rules import DelegationDraft, GiftDraft, ItineraryEntry, Member
from crm.domain.partnerships import (
    DelegationDirection,
    DelegationStatus,
    GiftDirection,
    ValueBand,
)
from crm.domain.text import QT_TRANSLATE_NOOP, DomainError, ValidationErrors
from crm.services.exchange.history_columns import (
    GIFT_FIELDS,
    ITINERARY_FIELDS,
    MEMBER_FIELDS,
    split_items,
)
from crm.services.exchange.history_lookup import Lookup
from crm.services.exchange.partnership_import import choice, text
from crm.services.exchange.readers import is_uuid
from crm.store.models import new_id, utcnow
from crm.store.partnership_models import Delegation, DelegationMember, Gift, ItineraryItem

NO_PARTNERSHIP = QT_TRANSLATE_NOOP(
    "HistoryExchange",
    "There is no partnership “{value}” in Liaison: import the partnerships first.",
)
UNKNOWN_CONTACT = QT_TRANSLATE_NOOP(
    "HistoryExchange", "There is no contact “{value}” in Liaison: import the contacts first."
)
DIRECTION_REQUIRED = QT_TRANSLATE_NOOP(
    "HistoryExchange", "Say whether the visit is incoming or outgoing."
)
BAD_DIRECTION = QT_TRANSLATE_NOOP(
    "HistoryExchange", "“{value}” is not a direction: use incoming or outgoing."
)
BAD_STATUS = QT_TRANSLATE_NOOP(
    "HistoryExchange", "“{value}” is not a delegation status: use one of {choices}."
)
GIFT_DIRECTION_REQUIRED = QT_TRANSLATE_NOOP(
    "HistoryExchange", "Say whether each gift was given or received."
)
BAD_GIFT_DIRECTION = QT_TRANSLATE_NOOP(
    "HistoryExchange", "“{value}” is not a gift direction: use given or received."
)
BAD_VALUE_BAND = QT_TRANSLATE_NOOP(
    "HistoryExchange", "“{value}” is not a value band: use one of {choices}."
)

_DIRECTION_WORDS = {"来访": DelegationDirection.INCOMING, "出访": DelegationDirection.OUTGOING}
_STATUS_WORDS = {
    "计划中": DelegationStatus.PLANNED,
    "已确认": DelegationStatus.CONFIRMED,
    "已完成": DelegationStatus.DONE,
    "已取消": DelegationStatus.CANCELLED,
}
_GIFT_WORDS = {
    "送出": GiftDirection.GIVEN,
    "赠送": GiftDirection.GIVEN,
    "收到": GiftDirection.RECEIVED,
}
_BAND_WORDS = {
    "象征性": ValueBand.TOKEN,
    "一般": ValueBand.MODEST,
    "贵重": ValueBand.SIGNIFICANT,
    "高价": ValueBand.HIGH,
}

GiftKey = tuple[str, str, str | None]


def _items(values: dict[str, Any], key: str, fields: tuple[str, ...]) -> list[dict[str, str]]:
    """A list of objects from JSON, or from one cell ("a|b|c;a|b|c")."""
    value = values.get(key)
    if value is None:
        return []
    if isinstance(value, list):
        return [
            {f: "" if item.get(f) is None else str(item.get(f)).strip() for f in fields}
            for item in value
            if isinstance(item, dict)
        ]
    return split_items(str(value), fields)


def _first(errors: ValidationErrors) -> DomainError:
    return DomainError(errors.errors[0].text, field=errors.errors[0].field)


@dataclass
class _Current:
    draft: DelegationDraft
    gifts: dict[str, GiftDraft]


class DelegationRows:
    """Imports delegations one by one into an open write session."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.lookup = Lookup(session)
        table = Delegation.__table__  # type: ignore[attr-defined]
        self.ids: set[str] = set()
        self.keys: dict[tuple[str | None, str, str], str] = {}
        for row in session.execute(
            select(table.c.id, table.c.partnership_id, table.c.start_on, table.c.title)
        ):
            self._remember(row.id, row.partnership_id, row.start_on, row.title)
        self.gift_ids = set(session.execute(select(Gift.__table__.c.id)).scalars())  # type: ignore[attr-defined]

    def _remember(
        self, delegation_id: str, partnership_id: str | None, start: str, title: str
    ) -> None:
        self.ids.add(delegation_id)
        self.keys.setdefault((partnership_id, start, title.casefold()), delegation_id)

    def apply(self, values: dict[str, Any]) -> tuple[str, str, DelegationDraft]:
        """("created" | "updated" | "skipped", id, draft); DomainError for a bad row."""
        row_id = is_uuid(text(values, "id")) if text(values, "id") else None
        partnership_id = self._partnership(values)
        title = " ".join(text(values, "title").split())
        existing = row_id if row_id in self.ids else None
        if existing is None:
            existing = self.keys.get((partnership_id, text(values, "start"), title.casefold()))
        current = self._current(existing) if existing else None
        draft = self._merged(values, partnership_id, current.draft if current else None)
        gifts = self._gifts(values, draft, current)
        if current is None:
            delegation_id = row_id or new_id()
            self._write(delegation_id, draft, gifts, new=True)
            return "created", delegation_id, draft
        assert existing is not None
        if draft == current.draft and all(
            gift_id in current.gifts and current.gifts[gift_id] == gift
            for gift_id, gift in gifts.items()
        ):
            return "skipped", existing, draft
        self._write(existing, draft, gifts, new=False)
        return "updated", existing, draft

    # Reading -----------------------------------------------------------------------------
    def _partnership(self, values: dict[str, Any]) -> str | None:
        """By id, else by the partner's name (a partnership imported from a sheet has an id
        of its own)."""
        given = [v for v in (text(values, "partnership"), text(values, "partner")) if v]
        for value in given:
            if found := self.lookup.find_partnership(value):
                return found
        if given:
            raise DomainError(NO_PARTNERSHIP.with_params(value=given[-1]), field="partnership")
        return None

    def _contact(self, value: str, name: str = "") -> str | None:
        if not (value or name):
            return None
        found = self.lookup.contact(value, name)
        if found is None:
            raise DomainError(UNKNOWN_CONTACT.with_params(value=name or value))
        return found

    def _merged(
        self, values: dict[str, Any], partnership_id: str | None, current: DelegationDraft | None
    ) -> DelegationDraft:
        base = current or DelegationDraft()
        raw_direction, raw_status = text(values, "direction"), text(values, "status")
        if not (raw_direction or current):
            raise DomainError(DIRECTION_REQUIRED, field="direction")
        direction = (
            choice(raw_direction, DelegationDirection, _DIRECTION_WORDS)
            if raw_direction
            else base.direction
        )
        if direction is None:
            raise DomainError(BAD_DIRECTION.with_params(value=raw_direction), field="direction")
        status = choice(raw_status, DelegationStatus, _STATUS_WORDS) if raw_status else base.status
        if status is None:
            choices = ", ".join(s.value for s in DelegationStatus)
            raise DomainError(BAD_STATUS.with_params(value=raw_status, choices=choices))
        members = list(base.members)
        for item in _items(values, "members", MEMBER_FIELDS):
            contact_id = self._contact(item["contact"], item["name"])
            if contact_id is None:
                continue
            known = next((i for i, m in enumerate(members) if m.contact_id == contact_id), None)
            if known is None:
                members.append(Member(contact_id, item["role"]))
            elif item["role"]:
                members[known] = Member(contact_id, item["role"])
        itinerary = [
            ItineraryEntry(i["day"], i["time"], i["description"])
            for i in _items(values, "itinerary", ITINERARY_FIELDS)
        ]

        def given(key: str, old: str) -> str:
            return text(values, key) or old

        draft = replace(
            base,
            title=" ".join(given("title", base.title).split()),
            direction=direction,
            status=status,
            partnership_id=partnership_id or base.partnership_id,
            start_on=given("start", base.start_on),
            end_on=given("end", base.end_on),
            leader_id=self._contact(text(values, "leader")) or base.leader_id,
            members=members,
            purpose=given("purpose", base.purpose),
            itinerary=itinerary or list(base.itinerary),
            outcomes=given("outcomes", base.outcomes),
            notes=given("notes", base.notes),
        )
        try:
            return draft.validate()
        except ValidationErrors as errors:
            raise _first(errors) from None

    def _gifts(
        self, values: dict[str, Any], draft: DelegationDraft, current: _Current | None
    ) -> dict[str, GiftDraft]:
        """The row's gifts by id: a known id, a known gift of this visit, or a new id."""
        by_content: dict[GiftKey, str] = {}
        if current:
            for gift_id, gift in current.gifts.items():
                by_content.setdefault(_content(gift), gift_id)
        result: dict[str, GiftDraft] = {}
        for item in _items(values, "gifts", GIFT_FIELDS):
            raw = item["direction"]
            if not raw:
                raise DomainError(GIFT_DIRECTION_REQUIRED, field="gifts")
            direction = choice(raw, GiftDirection, _GIFT_WORDS)
            if direction is None:
                raise DomainError(BAD_GIFT_DIRECTION.with_params(value=raw), field="gifts")
            band = None
            if raw_band := item["value_band"]:
                band = choice(raw_band, ValueBand, _BAND_WORDS)
                if band is None:
                    choices = ", ".join(b.value for b in ValueBand)
                    raise DomainError(
                        BAD_VALUE_BAND.with_params(value=raw_band, choices=choices), field="gifts"
                    )
            gift = GiftDraft(
                description=item["description"],
                direction=direction,
                contact_id=self._contact(item["contact"]),
                partnership_id=draft.partnership_id,
                occasion=item["occasion"],
                given_on=item["given_on"],
                value_band=band,
                notes=item["notes"],
            )
            try:
                gift = gift.validate()
            except ValidationErrors as errors:
                raise _first(errors) from None
            known = is_uuid(item["id"]) if item["id"] else None
            result[known or by_content.get(_content(gift)) or new_id()] = gift
        return result

    # Writing -----------------------------------------------------------------------------
    def _current(self, delegation_id: str) -> _Current:
        row = self.session.get(Delegation, delegation_id)
        assert row is not None
        members = self.session.execute(
            select(DelegationMember)
            .where(DelegationMember.delegation_id == delegation_id)  # type: ignore[arg-type]
            .order_by(DelegationMember.position, DelegationMember.contact_id)  # type: ignore[arg-type]
        ).scalars()
        items = self.session.execute(
            select(ItineraryItem)
            .where(ItineraryItem.delegation_id == delegation_id)  # type: ignore[arg-type]
            .order_by(ItineraryItem.position, ItineraryItem.id)  # type: ignore[arg-type]
        ).scalars()
        draft = DelegationDraft(
            title=row.title,
            direction=DelegationDirection(row.direction),
            status=DelegationStatus(row.status),
            partnership_id=row.partnership_id,
            start_on=row.start_on,
            end_on=row.end_on,
            leader_id=row.leader_id,
            members=[Member(m.contact_id, m.role) for m in members],
            purpose=row.purpose,
            itinerary=[ItineraryEntry(i.day, i.time, i.description) for i in items],
            outcomes=row.outcomes,
            notes=row.notes,
        )
        gifts = {
            gift.id: GiftDraft(
                description=gift.description,
                direction=GiftDirection(gift.direction),
                contact_id=gift.contact_id,
                delegation_id=None,
                partnership_id=gift.partnership_id,
                occasion=gift.occasion,
                given_on=gift.given_on,
                value_band=ValueBand(gift.value_band) if gift.value_band else None,
                notes=gift.notes,
            )
            for gift in self.session.execute(
                select(Gift).where(Gift.delegation_id == delegation_id)  # type: ignore[arg-type]
            ).scalars()
        }
        return _Current(draft, gifts)

    def _write(
        self, delegation_id: str, draft: DelegationDraft, gifts: dict[str, GiftDraft], *, new: bool
    ) -> None:
        values: dict[str, Any] = {
            "partnership_id": draft.partnership_id,
            "direction": draft.direction.value,
            "title": draft.title,
            "start_on": draft.start_on,
            "end_on": draft.end_on,
            "status": draft.status.value,
            "leader_id": draft.leader_id,
            "purpose": draft.purpose,
            "outcomes": draft.outcomes,
            "notes": draft.notes,
        }
        if new:
            self.session.add(Delegation(id=delegation_id, **values))
        else:
            row = self.session.get(Delegation, delegation_id)
            assert row is not None
            for key, value in values.items():
                setattr(row, key, value)
            row.version += 1
            row.updated_at = utcnow()
            self.session.add(row)
            for table in (DelegationMember, ItineraryItem):
                self.session.execute(
                    delete(table).where(table.delegation_id == delegation_id)  # type: ignore[arg-type]
                )
        self.session.flush()
        for position, member in enumerate(draft.members):
            self.session.add(
                DelegationMember(
                    delegation_id=delegation_id,
                    contact_id=member.contact_id,
                    role=member.role,
                    position=position,
                )
            )
        for position, entry in enumerate(draft.itinerary):
            self.session.add(
                ItineraryItem(
                    delegation_id=delegation_id,
                    day=entry.day,
                    time=entry.time,
                    description=entry.description,
                    position=position,
                )
            )
        for gift_id, gift in gifts.items():
            self._write_gift(gift_id, delegation_id, gift)
        self.session.flush()
        self._remember(delegation_id, draft.partnership_id, draft.start_on, draft.title)

    def _write_gift(self, gift_id: str, delegation_id: str, gift: GiftDraft) -> None:
        values: dict[str, Any] = {
            "direction": gift.direction.value,
            "description": gift.description,
            "contact_id": gift.contact_id,
            "delegation_id": delegation_id,
            "partnership_id": gift.partnership_id,
            "occasion": gift.occasion,
            "given_on": gift.given_on,
            "value_band": gift.value_band.value if gift.value_band else "",
            "notes": gift.notes,
        }
        row = self.session.get(Gift, gift_id) if gift_id in self.gift_ids else None
        if row is None:
            self.session.add(Gift(id=gift_id, **values))
            self.gift_ids.add(gift_id)
            return
        for key, value in values.items():
            setattr(row, key, value)
        self.session.add(row)


def _content(gift: GiftDraft) -> GiftKey:
    return (gift.direction.value, gift.description.casefold(), gift.contact_id)
