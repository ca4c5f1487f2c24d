"""Partnerships and delegations in DESIGN.md's JSON shapes, and flattened for a sheet.

Everything is read in a handful of queries (one per table), not one per partnership, so that an
office with thousands of records exports in a moment. Dates are exported exactly as stored:
"1985" stays "1985". An unknown date or reference is null; an empty text is "".
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from crm.domain.names import full_label
from crm.services.exchange.history_columns import (
    GIFT_FIELDS,
    ITINERARY_FIELDS,
    MEMBER_FIELDS,
    join_items,
    join_list,
)
from crm.store.models import Contact, Place, Staff
from crm.store.partnership_models import (
    Delegation,
    DelegationMember,
    Gift,
    ItineraryItem,
    Partnership,
    PartnershipArea,
    PartnershipChampion,
)

Item = dict[str, Any]


def _table(model: Any) -> Any:
    return model.__table__


def contact_labels(session: Session, ids: set[str]) -> dict[str, str]:
    """ "Wang Fang (王芳)" for each contact id."""
    table = _table(Contact)
    labels: dict[str, str] = {}
    chunk = sorted(ids)
    for start in range(0, len(chunk), 500):
        rows = session.execute(
            select(table.c.id, table.c.family_name, table.c.given_name, table.c.name_zh).where(
                table.c.id.in_(chunk[start : start + 500])
            )
        )
        for contact_id, family, given, name_zh in rows:
            labels[contact_id] = full_label(family, given, name_zh)
    return labels


def partnership_items(session: Session) -> list[Item]:
    p, place, staff = _table(Partnership), _table(Place), _table(Staff)
    areas: dict[str, list[str]] = defaultdict(list)
    for partnership_id, area in session.execute(
        select(_table(PartnershipArea).c.partnership_id, _table(PartnershipArea).c.area)
    ):
        areas[partnership_id].append(area)
    champion_table, contact = _table(PartnershipChampion), _table(Contact)
    champions: dict[str, list[str]] = defaultdict(list)
    for partnership_id, contact_id in session.execute(
        select(champion_table.c.partnership_id, champion_table.c.contact_id)
        .join(contact, contact.c.id == champion_table.c.contact_id)
        .order_by(contact.c.sort_key, contact.c.id)
    ):
        champions[partnership_id].append(contact_id)
    query = (
        select(
            p.c.id,
            place.c.name,
            place.c.name_zh,
            place.c.country,
            place.c.region,
            p.c.type,
            p.c.formalised_on,
            p.c.status,
            staff.c.name,
            p.c.notes,
        )
        .join(place, place.c.id == p.c.place_id)
        .outerjoin(staff, staff.c.id == p.c.owner_id)
    )
    items = []
    for row in session.execute(query):
        (pid, name, name_zh, country, region, kind, formalised, status, owner, notes) = row
        items.append(
            {
                "id": pid,
                "partner": name,
                "partner_zh": name_zh,
                "country": country or None,
                "region": region,
                "type": kind,
                "formalised_on": formalised or None,
                "status": status,
                "areas": sorted(areas[pid], key=str.casefold),
                "owner": owner,
                "champions": champions[pid],
                "notes": notes,
            }
        )
    items.sort(key=lambda i: (i["partner"].casefold(), i["country"] or "", i["id"]))
    return items


def delegation_items(session: Session) -> list[Item]:
    d = _table(Delegation)
    places = {
        pid: name
        for pid, name in session.execute(
            select(_table(Partnership).c.id, _table(Place).c.name).join(
                _table(Place), _table(Place).c.id == _table(Partnership).c.place_id
            )
        )
    }
    member_table = _table(DelegationMember)
    members: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for delegation_id, contact_id, role in session.execute(
        select(
            member_table.c.delegation_id, member_table.c.contact_id, member_table.c.role
        ).order_by(member_table.c.delegation_id, member_table.c.position, member_table.c.contact_id)
    ):
        members[delegation_id].append((contact_id, role))
    item_table = _table(ItineraryItem)
    itinerary: dict[str, list[Item]] = defaultdict(list)
    for delegation_id, day, time, description in session.execute(
        select(
            item_table.c.delegation_id,
            item_table.c.day,
            item_table.c.time,
            item_table.c.description,
        ).order_by(item_table.c.delegation_id, item_table.c.position, item_table.c.id)
    ):
        itinerary[delegation_id].append(
            {"day": day or None, "time": time, "description": description}
        )
    gift_table = _table(Gift)
    gifts: dict[str, list[Item]] = defaultdict(list)
    for gift in session.execute(
        select(gift_table)
        .where(gift_table.c.delegation_id.is_not(None))
        .order_by(gift_table.c.given_on, gift_table.c.id)
    ):
        gifts[gift.delegation_id].append(
            {
                "id": gift.id,
                "direction": gift.direction,
                "given_on": gift.given_on or None,
                "value_band": gift.value_band or None,
                "contact": gift.contact_id,
                "description": gift.description,
                "occasion": gift.occasion,
                "notes": gift.notes,
            }
        )
    people = {c for rows in members.values() for c, _ in rows}
    labels = contact_labels(session, people)
    items = []
    for row in session.execute(select(d)):
        items.append(
            {
                "id": row.id,
                "partnership": row.partnership_id,
                "partner": places.get(row.partnership_id or "", ""),
                "direction": row.direction,
                "title": row.title,
                "start": row.start_on or None,
                "end": row.end_on or None,
                "status": row.status,
                "leader": row.leader_id,
                "members": [
                    {"contact": c, "name": labels.get(c, ""), "role": role}
                    for c, role in members[row.id]
                ],
                "purpose": row.purpose,
                "itinerary": itinerary[row.id],
                "gifts": gifts[row.id],
                "outcomes": row.outcomes,
                "notes": row.notes,
            }
        )
    items.sort(key=lambda i: (i["start"] or "", i["title"].casefold(), i["id"]))
    return items


def flat_partnership(item: Item) -> Item:
    return {
        **item,
        "areas": join_list(item["areas"]),
        "champions": join_list(item["champions"]),
    }


def flat_delegation(item: Item) -> Item:
    return {
        **item,
        "members": join_items(item["members"], MEMBER_FIELDS),
        "itinerary": join_items(item["itinerary"], ITINERARY_FIELDS),
        "gifts": join_items(item["gifts"], GIFT_FIELDS),
    }
