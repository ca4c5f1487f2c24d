"""What a package's records refer to, found in this database before anything is merged.

Staff are matched by name (their ids differ between offices), places by id and else by name and
country, organisations by id and else by name, so that nothing is there twice under two ids.
A reference to a record that is neither in the package nor in the database is emptied where it
may be empty (the package that holds the record fills it in later) and refuses the package
where it may not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from crm.domain.text import DomainError
from crm.services.handover_kinds import BY_NAME, KINDS, table_of
from crm.services.handover_package import INCOMPLETE
from crm.services.handover_records import FILE_OF, Incoming, Record
from crm.store import bulk
from crm.store.models import Organisation, Place, Staff, new_id

Row = dict[str, Any]


def normal_name(name: str | None) -> str:
    return " ".join((name or "").split())


@dataclass
class StaffLinks:
    leaver_id: str | None  # the leaving owner, if on the staff here before the import
    successor_id: str
    successor: str  # the successor's name as the staff list spells it
    moved: dict[str, set[str]] = field(default_factory=dict)  # kind -> ids the leaver held


def link_staff(
    session: Session, incoming: Incoming, *, owner: str, successor: str, now: dt.datetime
) -> StaffLinks:
    """Names to ids; a name not on the staff yet joins it. What the leaving owner held in the
    package is the successor's from here on."""
    table = table_of(Staff)
    known = {
        name.casefold(): (staff_id, name)
        for staff_id, name in session.execute(select(table.c.id, table.c.name))
    }
    leaver = known.get(owner.casefold())
    new: list[Row] = []

    def staff_id(name: str) -> str:
        found = known.get(name.casefold())
        if found is None:
            found = known[name.casefold()] = (new_id(), name)
            new.append({"id": found[0], "name": name, "email": "", "created_at": now})
        return found[0]

    links = StaffLinks(leaver[0] if leaver else None, staff_id(successor), successor)
    links.successor = known[successor.casefold()][1]
    for kind, records in incoming.records.items():
        for record in records:
            for column, value in record.staff.items():
                name = normal_name(value)
                if column == "owner_id" and name.casefold() == owner.casefold():
                    links.moved.setdefault(kind, set()).add(record.id)
                    name = successor
                record.row[column] = staff_id(name) if name else None
    bulk.insert_rows(session, table, new)
    return links


def link_places(session: Session, incoming: Incoming) -> None:
    table = table_of(Place)
    by_id: set[str] = set()
    by_name: dict[tuple[str, str], str] = {}
    for place_id, name, country in session.execute(
        select(table.c.id, table.c.name, table.c.country)
    ):
        by_id.add(place_id)
        by_name.setdefault((name.casefold(), country), place_id)
    mapping: dict[str, str] = {}
    new: list[Row] = []
    for key, place in incoming.places.items():
        named = (place.name.casefold(), place.country)
        if place.id in by_id:
            mapping[key] = place.id
        elif named in by_name:
            mapping[key] = by_name[named]
        else:
            mapping[key] = by_name[named] = place.id or new_id()
            by_id.add(mapping[key])
            new.append(
                {
                    "id": mapping[key],
                    "name": place.name,
                    "name_zh": place.name_zh,
                    "country": place.country,
                    "region": place.region,
                }
            )
    bulk.insert_rows(session, table, new)
    for kind in ("partnerships", "organisations"):
        for record in incoming.records[kind]:
            key = record.row["place_id"]
            record.row["place_id"] = mapping[key] if key else None


def link_organisations(session: Session, incoming: Incoming) -> None:
    """An organisation unknown here by id but known by name is that one."""
    records = incoming.records["organisations"]
    table = table_of(Organisation)
    present = bulk.existing_ids(session, table, [r.id for r in records])
    if len(present) == len(records):
        return
    by_name: dict[str, str] = {}
    for organisation_id, name in session.execute(select(table.c.id, table.c.name)):
        by_name.setdefault(name.casefold(), organisation_id)
    remap: dict[str, str] = {}
    kept: dict[str, Record] = {}
    for record in records:
        if record.id not in present and record.row["name"].casefold() in by_name:
            remap[record.id] = record.id = by_name[record.row["name"].casefold()]
        kept.setdefault(record.id, record)
    incoming.records["organisations"] = list(kept.values())
    for contact in incoming.records["contacts"]:
        current = contact.row["organisation_id"]
        contact.row["organisation_id"] = remap.get(current, current)


def link_references(session: Session, incoming: Incoming, *, package_name: str) -> None:
    """Every reference resolves to the package or the database: one that may be empty is
    emptied when it does not; one that may not refuses the package."""
    records = incoming.records
    ids = {kind: {r.id for r in found} for kind, found in records.items()}
    named: dict[tuple[str, str], set[str | None]] = {}
    for kind in KINDS:
        for column, target, _nullable in kind.refs:
            named[kind.name, column] = _referred(records[kind.name], column)
            unknown = {i for i in named[kind.name, column] if i is not None} - ids[target]
            ids[target] |= bulk.existing_ids(session, BY_NAME[target].table, unknown)
    for kind in KINDS:
        for column, target, nullable in kind.refs:
            if not named[kind.name, column] - ids[target] - {None}:
                continue
            if not nullable:
                member = f"{FILE_OF.get(kind.name, kind.name)}.json"
                raise DomainError(INCOMPLETE.with_params(name=package_name, member=member))
            _empty_dangling(records[kind.name], column, ids[target])


def _empty_dangling(records: Sequence[Record], column: str, known: set[str]) -> None:
    for record in records:
        if record.row[column] not in known:
            record.row[column] = None


def _referred(records: Sequence[Record], column: str) -> set[str | None]:
    """The ids a column (or a child list, named by its key) of these records refers to."""
    if records and column in records[0].children:
        return {row[0] for r in records for row in r.children[column]}
    return {r.row[column] for r in records}
