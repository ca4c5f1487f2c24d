"""A checked package's JSON read into table rows: what the import compares and writes.

Each record becomes the columns of its table and its child rows, exactly as `crm.services.
handover` read them, so that comparing with the database is comparing like with like. Every
value is type-checked on the way in (a package can be hand-made with matching checksums); a
value of the wrong kind refuses the whole package rather than reaching the database. A package
written before the export carried versions and timestamps gives its records version 1 and its
own date.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from crm.domain.contacts import ContactStatus
from crm.domain.dates import CalendarKind
from crm.domain.names import full_label
from crm.domain.organisations import OrganisationKind
from crm.domain.partnerships import (
    AgreementKind,
    DelegationDirection,
    DelegationStatus,
    GiftDirection,
    InteractionKind,
    PartnershipStatus,
    PartnershipType,
    ValueBand,
)
from crm.services.agreements import safe_filename
from crm.services.handover_kinds import KINDS, table_of
from crm.store.greeting_models import OfficeGreetingTemplate
from crm.store.models import Place, Staff, new_id

Item = dict[str, Any]
MAX_ID = 100
# JSON can spell a lone surrogate ("\\ud800"), which no database can store as text, and NUL,
# which PostgreSQL cannot; Liaison's own export writes neither in an id (see `_Fields`).
_NOT_TEXT = re.compile(r"[\x00\ud800-\udfff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# The file a kind of record is read from, where it is not the kind's own.
FILE_OF = {"documents": "agreements", "gifts": "delegations"}


class BadData(Exception):
    """A value that is not what the export writes; `member` is the file it is in."""

    def __init__(self, member: str) -> None:
        super().__init__(member)
        self.member = member


@dataclass(slots=True)
class Record:
    """One record: its table's columns, its child rows as tuples, and the staff it names
    (column -> name: staff are matched by name, their ids differ between offices)."""

    id: str
    row: Item
    children: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)
    label: str = ""
    staff: dict[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True)
class PlaceIn:
    """A place as the package names it; `id` None: a package without place ids."""

    id: str | None
    name: str
    name_zh: str
    country: str
    region: str

    @property
    def key(self) -> str:
        return self.id or f"{self.name.casefold()}|{self.country}"


@dataclass(frozen=True)
class TemplateIn:
    occasion: str
    language: str
    subject: str
    body: str
    updated_at: dt.datetime


@dataclass
class Incoming:
    """Everything a package holds, by kind (the report's keys), in the tables' terms."""

    records: dict[str, list[Record]]
    places: dict[str, PlaceIn]
    templates: list[TemplateIn]
    # document id -> the zip member holding its bytes
    files: dict[str, str]


class _Fields:
    """Typed reads of one JSON object; a wrong type raises BadData(member)."""

    def __init__(self, item: Item, member: str, taken_at: dt.datetime) -> None:
        self.item, self.member, self.taken_at = item, member, taken_at

    def bad(self) -> BadData:
        return BadData(self.member)

    def text(self, key: str, default: str = "") -> str:
        value = self.item.get(key)
        if type(value) is str:
            return _text(value, self)
        if value is None:
            return default
        raise self.bad()

    def id(self, key: str = "id") -> str:
        value = self.item.get(key)
        if type(value) is not str or not 0 < len(value) <= MAX_ID or _NOT_TEXT.search(value):
            raise self.bad()
        return value

    def ref(self, key: str) -> str | None:
        value = self.item.get(key)
        if value is None or value == "":
            return None
        if type(value) is not str or len(value) > MAX_ID or _NOT_TEXT.search(value):
            raise self.bad()
        return value

    def flag(self, key: str) -> bool:
        value = self.item.get(key, False)
        if not isinstance(value, bool):
            raise self.bad()
        return value

    def number(self, key: str, default: int | None = None) -> int | None:
        value = self.item.get(key, default)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise self.bad()
        return value

    def stamp(self, key: str) -> dt.datetime:
        """A timestamp in UTC; a package without one: when the package was made."""
        value = self.text(key)
        if not value:
            return self.taken_at
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            raise self.bad() from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        return moment.astimezone(dt.UTC)

    def choice(self, key: str, kind: type[StrEnum], default: str, *, empty: bool = False) -> str:
        value = self.text(key, default)
        if value not in _values(kind) and not (empty and value == ""):
            raise self.bad()
        return value

    def objects(self, key: str) -> list[_Fields]:
        value = self.item.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.bad()
        return [_Fields(v, self.member, self.taken_at) for v in value]

    def strings(self, key: str) -> list[str]:
        value = self.item.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.bad()
        return [_text(v, self) for v in value]

    def refs(self, key: str) -> list[str]:
        values = self.strings(key)
        if any(not v or len(v) > MAX_ID for v in values):
            raise self.bad()
        return values

    def people(self, key: str) -> list[str]:
        """The contact ids of a list of {"contact": id, "name": …} (participants, signatories),
        read without a _Fields each: an interaction list runs to hundreds of thousands."""
        value = self.item.get(key) or []
        if type(value) is not list:
            raise self.bad()
        found = []
        for entry in value:
            contact = entry.get("contact") if type(entry) is dict else None
            if type(contact) is not str or not 0 < len(contact) <= MAX_ID:
                raise self.bad()
            if _NOT_TEXT.search(contact):
                raise self.bad()
            found.append(contact)
        return found


def _text(value: str, fields: _Fields) -> str:
    """A text as the database can hold it: a lone surrogate refuses the package (an export
    cannot have written it), a NUL is left out (a note of an old import may hold one)."""
    if _SURROGATE.search(value):
        raise fields.bad()
    return value.replace("\x00", "") if "\x00" in value else value


@functools.cache
def _values(kind: type[StrEnum]) -> frozenset[str]:
    return frozenset(str(member) for member in kind)


def read_records(data: dict[str, list[Item]], *, taken_at: dt.datetime) -> Incoming:
    """The package's JSON as rows; raises BadData naming the file at fault. The lists of
    `data` are emptied on the way: each object goes once it is a row, so that a package of
    200,000 interactions is not held twice over."""

    def each(stem: str, build: Callable[[_Fields], Any]) -> list[Any]:
        items, member, built = data.get(stem, []), f"{stem}.json", []
        items.reverse()
        while items:
            built.append(build(_Fields(items.pop(), member, taken_at)))
        return built

    places: dict[str, PlaceIn] = {}
    organisations = each("organisations", lambda f: _organisation(f, places))
    by_name = {r.row["name"].casefold(): r.id for r in organisations}
    gifts: dict[str, Record] = {}
    contacts = each("contacts", lambda f: _contact(f, by_name, gifts))
    partnerships = each("partnerships", lambda f: _partnership(f, places, gifts))
    documents: list[Record] = []
    files: dict[str, str] = {}
    agreements = each("agreements", lambda f: _agreement(f, documents, files))
    delegations = each("delegations", lambda f: _delegation(f, gifts))
    records = {
        "organisations": organisations,
        "contacts": contacts,
        "partnerships": partnerships,
        "agreements": agreements,
        "documents": documents,
        "delegations": delegations,
        "gifts": list(gifts.values()),
        "follow_ups": each("follow_ups", _follow_up),
        "interactions": each("interactions", _interaction),
    }
    for kind, found in records.items():
        if len({r.id for r in found}) != len(found):
            raise BadData(f"{FILE_OF.get(kind, kind)}.json")
    incoming = Incoming(records, places, each("templates", _template), files)
    _check_widths(incoming)
    return incoming


def _check_widths(incoming: Incoming) -> None:
    """Every text within its column's width: PostgreSQL refuses a longer one mid-import
    (SQLite keeps it), and what Liaison exports always fits."""
    staff_width = table_of(Staff).c.name.type.length
    for kind in KINDS:
        member = f"{FILE_OF.get(kind.name, kind.name)}.json"
        widths = _widths(kind.table, ("id", *kind.columns))
        children = [(c, _widths(table_of(c.model), c.columns)) for c in kind.children]
        for record in incoming.records[kind.name]:
            if _too_wide(widths, {"id": record.id, **record.row}):
                raise BadData(member)
            if any(name and len(name) > staff_width for name in record.staff.values()):
                raise BadData(member)  # a staff member is made of the name
            for child, child_widths in children:
                for values in record.children.get(child.key, []):
                    if _too_wide(child_widths, dict(zip(child.columns, values, strict=True))):
                        raise BadData(member)
    place_widths = _widths(table_of(Place), ("name", "name_zh", "country", "region"))
    for place in incoming.places.values():
        if _too_wide(place_widths, vars(place)):
            raise BadData("partnerships.json")
    template_widths = _widths(table_of(OfficeGreetingTemplate), ("occasion", "language"))
    for template in incoming.templates:
        if _too_wide(template_widths, vars(template)):
            raise BadData("templates.json")


@functools.cache
def _widths(table: Any, columns: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    return tuple(
        (c, table.c[c].type.length) for c in columns if getattr(table.c[c].type, "length", None)
    )


def _too_wide(widths: tuple[tuple[str, int], ...], row: Item) -> bool:
    return any(isinstance(row[c], str) and len(row[c]) > width for c, width in widths)


def _organisation(f: _Fields, places: dict[str, PlaceIn]) -> Record:
    place_name = f.text("place")
    place = None
    if place_name or f.ref("place_id"):
        place = PlaceIn(
            f.ref("place_id"),
            place_name,
            f.text("place_zh"),
            f.text("country"),
            f.text("region"),
        )
        places.setdefault(place.key, place)
    name = f.text("name")
    if not name:
        raise f.bad()
    row: Item = {
        "name": name,
        "name_zh": f.text("name_zh"),
        "kind": f.choice("kind", OrganisationKind, "other"),
        "place_id": place.key if place else None,
        "website": f.text("website"),
        "created_at": f.stamp("created_at"),
    }
    return Record(f.id(), row, label=name)


def _contact(f: _Fields, organisations: dict[str, str], gifts: dict[str, Record]) -> Record:
    organisation = f.ref("organisation_id")
    if organisation is None and "organisation_id" not in f.item and f.text("organisation"):
        organisation = organisations.get(f.text("organisation").casefold())
    contact_id = f.id()
    row: Item = {
        "family_name": f.text("family_name"),
        "given_name": f.text("given_name"),
        "name_zh": f.text("name_zh"),
        "honorific": f.text("honorific"),
        "position": f.text("position"),
        "position_zh": f.text("position_zh"),
        "organisation_id": organisation,
        "wechat": f.text("wechat"),
        "language": f.text("language", "en"),
        "birthday": f.text("birthday"),
        "birthday_calendar": f.choice("birthday_calendar", CalendarKind, "gregorian"),
        "birthday_leap_month": f.flag("birthday_leap_month"),
        "owner_id": None,
        "status": f.choice("status", ContactStatus, "active"),
        "successor_of_id": f.ref("successor_of"),
        "keep_in_touch_days": f.number("keep_in_touch_days"),
        "notes": f.text("notes"),
        "archived": f.flag("archived"),
        **_stamps(f),
    }
    children = {
        "emails": [(e,) for e in f.strings("emails")],
        "phones": [(p,) for p in f.strings("phones")],
        "tags": sorted({(t,) for t in f.strings("tags")}),
    }
    for gift in f.objects("gifts"):
        _gift(gift, None, gifts)
    label = full_label(row["family_name"], row["given_name"], row["name_zh"])
    return Record(contact_id, row, children, label, {"owner_id": f.text("owner") or None})


def _partnership(f: _Fields, places: dict[str, PlaceIn], gifts: dict[str, Record]) -> Record:
    partner = f.text("partner")
    if not partner:
        raise f.bad()
    place = PlaceIn(
        f.ref("place_id"),
        partner,
        f.text("partner_zh"),
        f.text("country"),
        f.text("region"),
    )
    places.setdefault(place.key, place)
    row: Item = {
        "place_id": place.key,
        "type": f.choice("type", PartnershipType, "sister_city"),
        "formalised_on": f.text("formalised_on"),
        "status": f.choice("status", PartnershipStatus, "active"),
        "owner_id": None,
        "notes": f.text("notes"),
        "keep_in_touch_days": f.number("keep_in_touch_days"),
        **_stamps(f),
    }
    children = {
        "areas": sorted({(a,) for a in f.strings("areas")}),
        "champions": sorted({(c,) for c in f.refs("champions")}),
    }
    for gift in f.objects("gifts"):
        _gift(gift, None, gifts)
    return Record(f.id(), row, children, partner, {"owner_id": f.text("owner") or None})


def _agreement(f: _Fields, documents: list[Record], files: dict[str, str]) -> Record:
    agreement_id = f.id()
    partnership = f.id("partnership")
    row: Item = {
        "partnership_id": partnership,
        "kind": f.choice("kind", AgreementKind, "mou"),
        "title": f.text("title"),
        "signed_on": f.text("signed_on"),
        "review_on": f.text("review_on"),
        "expires_on": f.text("expires_on"),
        "notes": f.text("notes"),
        "created_at": f.stamp("created_at"),
    }
    signatories = [(c,) for c in sorted(set(f.people("signatories")))]
    for document in f.objects("documents"):
        documents.append(_document(document, agreement_id, files))
    label = row["title"] or row["kind"]
    return Record(agreement_id, row, {"signatories": signatories}, label)


def _document(f: _Fields, agreement_id: str, files: dict[str, str]) -> Record:
    """An attached file; its bytes are in the zip under documents/<agreement>/<stored name>."""
    filename = f.text("filename")
    path = f.ref("path") if f.flag("included") else None
    stored = f.text("stored_name") or (path.rsplit("/", 1)[-1] if path else "")
    stored = stored or safe_filename(filename or "document")
    if safe_filename(stored) != stored or safe_filename(agreement_id) != agreement_id:
        raise f.bad()
    document_id = f.id()
    if path is not None:
        if path != f"documents/{agreement_id}/{stored}":
            raise f.bad()
        files[document_id] = path
    row: Item = {
        "agreement_id": agreement_id,
        "filename": filename or stored,
        "stored_name": stored,
        "sha256": f.text("sha256"),
        "added_at": f.stamp("added_at"),
    }
    return Record(document_id, row, label=row["filename"])


def _delegation(f: _Fields, gifts: dict[str, Record]) -> Record:
    delegation_id = f.id()
    row: Item = {
        "partnership_id": f.ref("partnership"),
        "direction": f.choice("direction", DelegationDirection, "incoming"),
        "title": f.text("title"),
        "start_on": f.text("start"),
        "end_on": f.text("end"),
        "status": f.choice("status", DelegationStatus, "planned"),
        "leader_id": f.ref("leader"),
        "purpose": f.text("purpose"),
        "outcomes": f.text("outcomes"),
        "notes": f.text("notes"),
        **_stamps(f),
    }
    members: list[tuple[Any, ...]] = [
        (m.id("contact"), m.text("role")) for m in f.objects("members")
    ]
    if len({m[0] for m in members}) != len(members):
        raise f.bad()
    itinerary: list[tuple[Any, ...]] = [
        (e.ref("id") or new_id(), e.text("day"), e.text("time"), e.text("description"))
        for e in f.objects("itinerary")
    ]
    for gift in f.objects("gifts"):
        _gift(gift, delegation_id, gifts)
    children = {"members": members, "itinerary": itinerary}
    return Record(delegation_id, row, children, row["title"])


def _gift(f: _Fields, delegation_id: str | None, gifts: dict[str, Record]) -> None:
    row: Item = {
        "direction": f.choice("direction", GiftDirection, "given"),
        "description": f.text("description"),
        "contact_id": f.ref("contact"),
        "delegation_id": delegation_id,
        "partnership_id": f.ref("partnership"),
        "occasion": f.text("occasion"),
        "given_on": f.text("given_on"),
        "value_band": f.choice("value_band", ValueBand, "", empty=True),
        "photo": f.text("photo"),
        "notes": f.text("notes"),
        "created_at": f.stamp("created_at"),
    }
    gift = Record(f.id(), row, label=row["description"])
    gifts.setdefault(gift.id, gift)


def _follow_up(f: _Fields) -> Record:
    row: Item = {
        "partnership_id": f.ref("partnership"),
        "delegation_id": f.ref("delegation"),
        "description": f.text("description"),
        "assignee_id": None,
        "due_on": f.text("due_on"),
        "created_at": f.stamp("created_at"),
    }
    return Record(f.id(), row, label=row["description"], staff={"assignee_id": f.ref("assignee")})


def _interaction(f: _Fields) -> Record:
    day = f.text("date")
    if not day:
        raise f.bad()
    row: Item = {
        "kind": f.choice("kind", InteractionKind, "meeting"),
        "occurred_on": day,
        "partnership_id": f.ref("partnership"),
        "delegation_id": f.ref("delegation"),
        "staff_id": None,
        "note": f.text("note"),
        "created_at": f.stamp("created_at"),
    }
    people = [(c,) for c in sorted(set(f.people("contacts")))]
    label = f"{day} {row['kind']}"
    return Record(f.id(), row, {"participants": people}, label, {"staff_id": f.ref("staff")})


def _template(f: _Fields) -> TemplateIn:
    occasion, language = f.text("occasion"), f.text("language")
    if not occasion or not language:
        raise f.bad()
    return TemplateIn(occasion, language, f.text("subject"), f.text("body"), f.stamp("updated_at"))


def _stamps(f: _Fields) -> Item:
    version = f.number("version", 1)
    if version is None or version < 1:
        raise f.bad()
    return {
        "version": version,
        "created_at": f.stamp("created_at"),
        "updated_at": f.stamp("updated_at"),
    }
