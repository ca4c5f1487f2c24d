"""The sample office (`resources/sample/office.json`): loading it twice adds nothing."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crm.domain.contacts import ContactDraft, ContactStatus
from crm.domain.dates import CalendarKind
from crm.paths import resources_dir
from crm.services.changes import Changes
from crm.services.contacts import ContactService
from crm.store.database import Database
from crm.store.models import Contact, Organisation, Place, Staff


def sample_file() -> Path:
    return resources_dir() / "sample" / "office.json"


@dataclass(frozen=True)
class DemoReport:
    created: int
    already_there: int

    @property
    def changes(self) -> Changes:
        return Changes(everything=self.created > 0)


def load_demo(db: Database, path: Path | None = None) -> DemoReport:
    data = json.loads((path or sample_file()).read_text(encoding="utf-8"))
    created = existing = 0
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
    return DemoReport(created, existing)


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
