"""What DESIGN.md's JSON shapes leave out and a handover import needs to recreate each record
exactly: the ids of places and organisations, versions and timestamps, keep-in-touch intervals,
the ids of itinerary entries, gifts not tied to a visit, the stored names of documents.

Keys are only ever added, never changed, so the shapes stay the documented ones. Timestamps are
ISO 8601 in UTC: SQLite keeps them without their zone, and an import must read back the very
instant an export wrote.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from crm.store.greeting_models import OfficeGreetingTemplate
from crm.store.models import Contact, Organisation, Place
from crm.store.partnership_models import Delegation, Gift, ItineraryItem, Partnership

Item = dict[str, Any]
CHUNK = 500


def _t(model: Any) -> Any:
    return model.__table__


def iso(value: dt.datetime | None) -> str | None:
    """A timestamp as ISO 8601 in UTC; a value read back from SQLite has no zone: it is UTC."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat()


def chunks(ids: Iterable[str], size: int = CHUNK) -> Iterable[list[str]]:
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


def _rows_by_id(session: Session, table: Any, ids: Iterable[str], *columns: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    wanted = [table.c.id, *(table.c[name] for name in columns)]
    for chunk in chunks(ids):
        for row in session.execute(select(*wanted).where(table.c.id.in_(chunk))):
            found[row.id] = row
    return found


def _stamps(row: Any) -> Item:
    return {
        "version": row.version,
        "created_at": iso(row.created_at),
        "updated_at": iso(row.updated_at),
    }


def gift_item(row: Any) -> Item:
    """A gift in the shape a delegation's `gifts` list has, with what recreates it besides."""
    return {
        "id": row.id,
        "direction": row.direction,
        "given_on": row.given_on or None,
        "value_band": row.value_band or None,
        "contact": row.contact_id,
        "description": row.description,
        "occasion": row.occasion,
        "notes": row.notes,
        "partnership": row.partnership_id,
        "photo": row.photo,
        "created_at": iso(row.created_at),
    }


def add_partnership_details(session: Session, partnerships: list[Item]) -> None:
    """The place's id, the interval, version and timestamps; `gifts`: the partnership's gifts
    not tied to a visit (a visit's gifts travel with the visit)."""
    ids = [p["id"] for p in partnerships]
    rows = _rows_by_id(
        session,
        _t(Partnership),
        ids,
        "place_id",
        "keep_in_touch_days",
        "version",
        "created_at",
        "updated_at",
    )
    gift = _t(Gift)
    loose: dict[str, list[Item]] = defaultdict(list)
    for chunk in chunks(ids):
        for row in session.execute(
            select(gift)
            .where(gift.c.delegation_id.is_(None), gift.c.partnership_id.in_(chunk))
            .order_by(gift.c.given_on, gift.c.id)
        ):
            loose[row.partnership_id].append(gift_item(row))
    for item in partnerships:
        row = rows[item["id"]]
        item.update(
            place_id=row.place_id,
            keep_in_touch_days=row.keep_in_touch_days,
            **_stamps(row),
            gifts=loose[item["id"]],
        )


def add_delegation_details(session: Session, delegations: list[Item]) -> None:
    """Version and timestamps; each itinerary entry's id; each gift's partnership, photo and
    creation time."""
    ids = [d["id"] for d in delegations]
    rows = _rows_by_id(session, _t(Delegation), ids, "version", "created_at", "updated_at")
    entry = _t(ItineraryItem)
    entries: dict[str, list[str]] = defaultdict(list)
    gift = _t(Gift)
    gifts: dict[str, Item] = {}
    for chunk in chunks(ids):
        for delegation_id, entry_id in session.execute(
            select(entry.c.delegation_id, entry.c.id)
            .where(entry.c.delegation_id.in_(chunk))
            .order_by(entry.c.delegation_id, entry.c.position, entry.c.id)
        ):
            entries[delegation_id].append(entry_id)
        for row in session.execute(select(gift).where(gift.c.delegation_id.in_(chunk))):
            gifts[row.id] = gift_item(row)
    for item in delegations:
        item.update(_stamps(rows[item["id"]]))
        # The same order as the export read them in: position, then id.
        for entry_item, entry_id in zip(item["itinerary"], entries[item["id"]], strict=True):
            entry_item["id"] = entry_id
        for gift_dict in item["gifts"]:
            full = gifts[gift_dict["id"]]
            gift_dict.update(
                partnership=full["partnership"],
                photo=full["photo"],
                created_at=full["created_at"],
            )


def add_contact_details(session: Session, contacts: list[Item]) -> None:
    """The organisation's id, the interval, version and timestamps; `gifts`: the person's gifts
    tied to neither a visit nor a partnership (those travel with them)."""
    ids = [c["id"] for c in contacts]
    rows = _rows_by_id(
        session,
        _t(Contact),
        ids,
        "organisation_id",
        "keep_in_touch_days",
        "version",
        "created_at",
        "updated_at",
    )
    gift = _t(Gift)
    loose: dict[str, list[Item]] = defaultdict(list)
    for chunk in chunks(ids):
        for row in session.execute(
            select(gift)
            .where(
                gift.c.delegation_id.is_(None),
                gift.c.partnership_id.is_(None),
                gift.c.contact_id.in_(chunk),
            )
            .order_by(gift.c.given_on, gift.c.id)
        ):
            loose[row.contact_id].append(gift_item(row))
    for item in contacts:
        row = rows[item["id"]]
        item.update(
            organisation_id=row.organisation_id,
            keep_in_touch_days=row.keep_in_touch_days,
            **_stamps(row),
            gifts=loose[item["id"]],
        )


def add_organisation_details(session: Session, organisations: list[Item]) -> None:
    """The place's id and its other names, and the creation time."""
    rows = _rows_by_id(
        session, _t(Organisation), [o["id"] for o in organisations], "place_id", "created_at"
    )
    places = _rows_by_id(
        session,
        _t(Place),
        [r.place_id for r in rows.values() if r.place_id],
        "name_zh",
        "country",
        "region",
    )
    for item in organisations:
        row = rows[item["id"]]
        place = places.get(row.place_id or "")
        item.update(
            place_id=row.place_id,
            place_zh=place.name_zh if place else "",
            country=(place.country or None) if place else None,
            region=place.region if place else "",
            created_at=iso(row.created_at),
        )


def predecessors(session: Session, people: set[str]) -> set[str]:
    """The people these succeed, and whom those succeed, so every "successor of" link in a
    package points at someone in it."""
    contact = _t(Contact)
    found: set[str] = set()
    new = set(people)
    while new:
        step: set[str] = set()
        for chunk in chunks(new):
            step.update(
                i
                for i in session.scalars(
                    select(contact.c.successor_of_id).where(contact.c.id.in_(chunk))
                )
                if i
            )
        new = step - people - found
        found |= new
    return found


def template_times(session: Session) -> dict[tuple[str, str], str | None]:
    """When the office last changed each of its templates."""
    table = _t(OfficeGreetingTemplate)
    return {
        (occasion, language): iso(updated_at)
        for occasion, language, updated_at in session.execute(
            select(table.c.occasion, table.c.language, table.c.updated_at)
        )
    }
