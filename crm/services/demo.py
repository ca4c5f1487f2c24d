"""The sample office (`resources/sample/office.json`) and its relationship history
(`resources/sample/history.json`): loading them twice adds nothing.

The history is a realistic record of the office's partnerships as of November 2026: agreements
up the ladder, delegations both ways with members, itineraries and gifts, follow-ups and years
of interactions. It refers to the office's places, staff and contacts by their fixed ids.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import SQLModel

from crm.domain.contacts import ContactDraft, ContactStatus
from crm.domain.dates import CalendarKind
from crm.paths import resources_dir
from crm.services.changes import Changes
from crm.services.contacts import ContactService
from crm.store.database import Database
from crm.store.models import Contact, Organisation, Place, Staff
from crm.store.partnership_models import (
    Agreement,
    AgreementSignatory,
    Delegation,
    DelegationMember,
    FollowUp,
    Gift,
    Interaction,
    InteractionContact,
    ItineraryItem,
    Partnership,
    PartnershipArea,
    PartnershipChampion,
)


def sample_file() -> Path:
    return resources_dir() / "sample" / "office.json"


def history_file() -> Path:
    return resources_dir() / "sample" / "history.json"


@dataclass(frozen=True)
class DemoReport:
    """`created` counts every record added (staff, places, organisations, contacts, and each
    partnership, agreement, delegation, gift, follow-up and interaction); `by_kind` splits it."""

    created: int
    already_there: int
    by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def changes(self) -> Changes:
        return Changes(everything=self.created > 0)


def load_demo(db: Database, path: Path | None = None, *, history: Path | None = None) -> DemoReport:
    """The sample office, then its history. A custom office `path` (tests) comes without the
    sample history, whose references are the sample office's, unless `history` is given."""
    office = load_office(db, path)
    history_path = history or (history_file() if path is None else None)
    if history_path is None:
        return office
    past = load_history(db, history_path)
    return DemoReport(
        office.created + past.created,
        office.already_there + past.already_there,
        {**office.by_kind, **past.by_kind},
    )


def load_office(db: Database, path: Path | None = None) -> DemoReport:
    data = json.loads((path or sample_file()).read_text(encoding="utf-8"))
    created = existing = 0
    by_kind: dict[str, int] = {}
    with db.write() as session:
        for table, key in ((Staff, "staff"), (Place, "places"), (Organisation, "organisations")):
            for item in data[key]:
                if session.get(table, item["id"]) is not None:
                    existing += 1
                    continue
                values = dict(item)
                if table is Organisation:
                    values["place_id"] = values.pop("place")
                session.add(table(**values))
                created += 1
                by_kind[key] = by_kind.get(key, 0) + 1
    service = ContactService(db)
    # Predecessors first, so that every "successor of" link points at a contact already there.
    contacts = sorted(data["contacts"], key=lambda c: c.get("successor_of") is not None)
    for item in contacts:
        with db.session() as session:
            if session.get(Contact, item["id"]) is not None:
                existing += 1
                continue
        service.create(_draft(item), contact_id=item["id"])
        created += 1
        by_kind["contacts"] = by_kind.get("contacts", 0) + 1
    return DemoReport(created, existing, by_kind)


def load_history(db: Database, path: Path | None = None) -> DemoReport:
    """Partnerships first, then what refers to them, all in one write transaction; a record
    already there (by id) is left as it is, children included."""
    data = json.loads((path or history_file()).read_text(encoding="utf-8"))
    created = existing = 0
    by_kind: dict[str, int] = {}
    with db.write() as session:
        for key, model, build in _HISTORY:
            for item in data.get(key, []):
                if session.get(model, item["id"]) is not None:
                    existing += 1
                    continue
                session.add_all(build(item))
                session.flush()
                created += 1
                by_kind[key] = by_kind.get(key, 0) + 1
    return DemoReport(created, existing, by_kind)


def _partnership(item: dict[str, Any]) -> list[SQLModel]:
    rows: list[SQLModel] = [
        Partnership(
            id=item["id"],
            place_id=item["place"],
            type=item["type"],
            formalised_on=item.get("formalised_on", ""),
            status=item["status"],
            owner_id=item.get("owner"),
            notes=item.get("notes", ""),
        )
    ]
    rows += [PartnershipArea(partnership_id=item["id"], area=a) for a in item.get("areas", [])]
    rows += [
        PartnershipChampion(partnership_id=item["id"], contact_id=c)
        for c in item.get("champions", [])
    ]
    return rows


def _agreement(item: dict[str, Any]) -> list[SQLModel]:
    rows: list[SQLModel] = [
        Agreement(
            id=item["id"],
            partnership_id=item["partnership"],
            kind=item["kind"],
            title=item["title"],
            signed_on=item.get("signed_on", ""),
            review_on=item.get("review_on", ""),
            expires_on=item.get("expires_on", ""),
            notes=item.get("notes", ""),
        )
    ]
    rows += [
        AgreementSignatory(agreement_id=item["id"], contact_id=c)
        for c in item.get("signatories", [])
    ]
    return rows


def _delegation(item: dict[str, Any]) -> list[SQLModel]:
    rows: list[SQLModel] = [
        Delegation(
            id=item["id"],
            partnership_id=item.get("partnership"),
            direction=item["direction"],
            title=item["title"],
            start_on=item.get("start", ""),
            end_on=item.get("end", ""),
            status=item["status"],
            leader_id=item.get("leader"),
            purpose=item.get("purpose", ""),
            outcomes=item.get("outcomes", ""),
            notes=item.get("notes", ""),
        )
    ]
    rows += [
        DelegationMember(
            delegation_id=item["id"], contact_id=m["contact"], role=m.get("role", ""), position=i
        )
        for i, m in enumerate(item.get("members", []))
    ]
    rows += [
        ItineraryItem(
            delegation_id=item["id"],
            day=entry.get("day", ""),
            time=entry.get("time", ""),
            description=entry["description"],
            position=i,
        )
        for i, entry in enumerate(item.get("itinerary", []))
    ]
    return rows


def _gift(item: dict[str, Any]) -> list[SQLModel]:
    return [
        Gift(
            id=item["id"],
            direction=item["direction"],
            description=item["description"],
            contact_id=item.get("contact"),
            delegation_id=item.get("delegation"),
            partnership_id=item.get("partnership"),
            occasion=item.get("occasion", ""),
            given_on=item.get("given_on", ""),
            value_band=item.get("value_band", ""),
            notes=item.get("notes", ""),
        )
    ]


def _follow_up(item: dict[str, Any]) -> list[SQLModel]:
    done = item.get("done_on")
    return [
        FollowUp(
            id=item["id"],
            partnership_id=item.get("partnership"),
            delegation_id=item.get("delegation"),
            description=item["description"],
            assignee_id=item.get("assignee"),
            due_on=item.get("due_on", ""),
            # Only the day is recorded; noon UTC keeps it that day in every time zone we serve.
            done_at=dt.datetime.fromisoformat(done).replace(hour=12, tzinfo=dt.UTC)
            if done
            else None,
        )
    ]


def _interaction(item: dict[str, Any]) -> list[SQLModel]:
    rows: list[SQLModel] = [
        Interaction(
            id=item["id"],
            kind=item["kind"],
            occurred_on=item["occurred_on"],
            partnership_id=item.get("partnership"),
            delegation_id=item.get("delegation"),
            staff_id=item.get("staff"),
            note=item.get("note", ""),
        )
    ]
    rows += [
        InteractionContact(interaction_id=item["id"], contact_id=c, occurred_on=item["occurred_on"])
        for c in item.get("contacts", [])
    ]
    return rows


_HISTORY: tuple[tuple[str, type[SQLModel], Any], ...] = (
    ("partnerships", Partnership, _partnership),
    ("agreements", Agreement, _agreement),
    ("delegations", Delegation, _delegation),
    ("gifts", Gift, _gift),
    ("follow_ups", FollowUp, _follow_up),
    ("interactions", Interaction, _interaction),
)


def _draft(item: dict[str, Any]) -> ContactDraft:
    return ContactDraft(
        family_name=item.get("family_name", ""),
        given_name=item.get("given_name", ""),
        name_zh=item.get("name_zh", ""),
        honorific=item.get("honorific", ""),
        position=item.get("position", ""),
        position_zh=item.get("position_zh", ""),
        organisation_id=item.get("organisation"),
        emails=list(item.get("emails", [])),
        phones=list(item.get("phones", [])),
        wechat=item.get("wechat", ""),
        language=item.get("language", "en"),
        birthday=item.get("birthday") or "",
        birthday_calendar=CalendarKind(item.get("birthday_calendar", "gregorian")),
        birthday_leap_month=bool(item.get("birthday_leap_month", False)),
        tags=list(item.get("tags", [])),
        owner_id=item.get("owner"),
        status=ContactStatus(item.get("status", "active")),
        successor_of_id=item.get("successor_of"),
        notes=item.get("notes", ""),
    )
