"""The handover package: everything a leaving colleague owns, and everything it touches, in one zip.

Decisions:
- The selection starts from the partnerships the person owns. Their contacts are those they own
  plus the people of those partnerships (champions, signatories, delegation leaders and members,
  people at the partnership's interactions); the interactions are those about the partnerships
  or their delegations, or with any of these contacts, and the people at those are added too, so
  that every reference in the package points at something in it; so are the people given
  gifts and those the people succeed. The closure stops there: an interaction of a champion's
  is not followed to the champion's other partnerships.
- The data is in DESIGN.md's JSON shapes (contacts and partnerships as `crm export` writes
  them, with the keys an import needs to recreate every record added: see
  `handover_details`), beside a .vcf and an .ics that any address book and calendar opens, and a
  dossier a person reads.
- The bytes of agreement documents go under `documents/<agreement id>/<stored name>`, those of
  gift photos under `photos/<photo name>`; a document whose file the database lacks (attached
  on a desktop before files were kept in the database, and not taken in since) is listed with
  `"included": false` rather than failing the whole handover.
- The zip is written beside its final name and moved into place: it appears whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlmodel import Session

from crm.domain.names import full_label
from crm.domain.occasions import Occasion
from crm.domain.text import Translator
from crm.services.agenda import AgendaService
from crm.services.calendar_export import calendar_ics, calendar_occasions
from crm.services.contacts import ContactService
from crm.services.directory import DirectoryService
from crm.services.exchange.vcard_writer import vcard_text
from crm.services.exchange.writers import replacing
from crm.services.greetings import GreetingService
from crm.services.handover_details import (
    add_contact_details,
    add_delegation_details,
    add_organisation_details,
    add_partnership_details,
    chunks,
    iso,
    predecessors,
    template_times,
)
from crm.services.handover_dossier import dossier_html
from crm.services.history_exchange import HistoryExchange
from crm.services.photos import sha_of
from crm.store import files as files_q
from crm.store.database import Database
from crm.store.models import Contact, Organisation, Place, Staff
from crm.store.partnership_models import (
    Agreement,
    AgreementDocument,
    AgreementSignatory,
    FollowUp,
    Interaction,
    InteractionContact,
)

FORMAT = "liaison-handover"
FORMAT_VERSION = 1
CALENDAR_DAYS = 365

Item = dict[str, Any]


@dataclass(frozen=True)
class HandoverManifest:
    owner: str
    created_at: str
    counts: dict[str, int]
    sha256: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> Item:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "owner": self.owner,
            "created_at": self.created_at,
            "counts": self.counts,
            "sha256": self.sha256,
        }


@dataclass
class _Selection:
    owner: str
    partnerships: list[Item]
    contacts: list[Item]
    organisations: list[Item]
    delegations: list[Item]
    agreements: list[Item]
    interactions: list[Item]
    follow_ups: list[Item]
    templates: list[Item]
    documents: dict[str, str]  # name in the zip -> SHA-256 of the stored file


class HandoverService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def export(
        self,
        owner: str,
        out: Path,
        *,
        today: dt.date | None = None,
        translate: Translator | None = None,
        language: str = "en",
        pdf: Callable[[str], bytes] | None = None,
    ) -> HandoverManifest:
        """Write the handover package of the staff member called `owner` to `out`.

        `pdf` lays the dossier's HTML out as a PDF (the UI layer's renderer: services know no
        Qt); without it the package holds the HTML dossier alone."""
        today = today or dt.date.today()
        chosen = self._select(owner)
        files = _data_files(chosen)
        occasions = self._occasions(chosen, today)
        ics = calendar_ics(occasions, start=today, translate=translate, language=language)
        files["calendar.ics"] = ics
        agenda = AgendaService.as_dicts(occasions, translate, start=today, language=language)
        files["dossier.html"] = dossier_html(
            chosen, agenda, today=today, translate=translate, language=language
        ).encode("utf-8")
        if pdf is not None:
            files["dossier.pdf"] = pdf(files["dossier.html"].decode("utf-8"))
        counts = {name: len(getattr(chosen, name.removesuffix(".json"))) for name in JSON_FILES}
        counts["contacts.vcf"] = len(chosen.contacts)
        counts["calendar.ics"] = len(occasions)
        counts["documents"] = len(chosen.documents)
        stored = chosen.documents | self._photos(chosen)
        checksums = {name: _sha256(data) for name, data in files.items()}
        with (
            replacing(out, "wb") as handle,
            # Quick compression: JSON shrinks well at any level, and a big handover spends
            # a second more at the default one.
            zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        ):
            for name, data in files.items():
                archive.writestr(name, data)
            with self.db.session() as session:
                for name, sha in stored.items():
                    content = files_q.content(session, sha)
                    if content is not None:  # gone since it was chosen: listed as missing
                        archive.writestr(name, content)
                        checksums[name] = sha  # its key is its SHA-256
            manifest = HandoverManifest(
                owner=chosen.owner,
                created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                counts=counts,
                sha256=checksums,
            )
            archive.writestr("manifest.json", _json(manifest.as_dict()))
        return manifest

    # Selection ---------------------------------------------------------------------------
    def _select(self, owner: str) -> _Selection:
        staff = DirectoryService(self.db).named_staff(owner)
        owner_id, owner_name = staff.id, staff.name
        history = HistoryExchange(self.db)
        partnerships = [p for p in history.partnerships() if p["owner"] == owner_name]
        pids = {p["id"] for p in partnerships}
        delegations = [d for d in history.delegations() if d["partnership"] in pids]
        dids = {d["id"] for d in delegations}
        with self.db.session() as session:
            add_partnership_details(session, partnerships)
            add_delegation_details(session, delegations)
            people = _owned_contacts(session, owner_id)
            for partnership in partnerships:
                people.update(partnership.get("champions") or [])
                people.update(g["contact"] for g in partnership["gifts"] if g["contact"])
            for delegation in delegations:
                people.update(m["contact"] for m in delegation["members"] if m.get("contact"))
                people.update(g["contact"] for g in delegation["gifts"] if g["contact"])
                if delegation.get("leader"):
                    people.add(delegation["leader"])
            agreements, documents = self._agreements(session, pids)
            for agreement in agreements:
                people.update(s["contact"] for s in agreement["signatories"])
            interactions = _interactions(session, pids, dids, people)
            for interaction in interactions:
                people.update(c["contact"] for c in interaction["contacts"])
            people |= predecessors(session, people)
            follow_ups = _follow_ups(session, pids, dids)
            organisations = _organisations(session, people)
            add_organisation_details(session, organisations)
        contacts = ContactService(self.db).as_dicts(sorted(people))
        with self.db.session() as session:
            add_contact_details(session, contacts)
        return _Selection(
            owner=owner_name,
            partnerships=partnerships,
            contacts=sorted(contacts, key=_contact_order),
            organisations=organisations,
            delegations=delegations,
            agreements=agreements,
            interactions=interactions,
            follow_ups=follow_ups,
            templates=self._templates(),
            documents=documents,
        )

    def _photos(self, chosen: _Selection) -> dict[str, str]:
        """The photos of the gifts in the package: name in the zip -> SHA-256."""
        names = {
            gift["photo"]
            for holder in (*chosen.partnerships, *chosen.delegations, *chosen.contacts)
            for gift in holder.get("gifts") or ()
            if gift.get("photo")
        }
        named = {name: sha for name in names if (sha := sha_of(name))}
        with self.db.session() as session:
            kept = files_q.kept(session, named.values())
        return {f"photos/{name}": sha for name, sha in sorted(named.items()) if sha in kept}

    def _agreements(self, session: Session, pids: set[str]) -> tuple[list[Item], dict[str, str]]:
        agreement, document = _t(Agreement), _t(AgreementDocument)
        signatory, contact = _t(AgreementSignatory), _t(Contact)
        rows = session.execute(
            select(agreement).where(agreement.c.partnership_id.in_(pids or {""}))
        ).all()
        ids = [r.id for r in rows]
        signatories: dict[str, list[Item]] = defaultdict(list)
        for agreement_id, contact_id, family, given, name_zh in session.execute(
            select(
                signatory.c.agreement_id,
                contact.c.id,
                contact.c.family_name,
                contact.c.given_name,
                contact.c.name_zh,
            )
            .join(contact, contact.c.id == signatory.c.contact_id)
            .where(signatory.c.agreement_id.in_(ids or [""]))
            .order_by(contact.c.sort_key, contact.c.id)
        ):
            label = full_label(family, given, name_zh)
            signatories[agreement_id].append({"contact": contact_id, "name": label})
        documents = session.execute(
            select(document)
            .where(document.c.agreement_id.in_(ids or [""]))
            .order_by(document.c.added_at, document.c.id)
        ).all()
        kept = files_q.kept(session, [d.sha256 for d in documents])
        attached: dict[str, list[Item]] = defaultdict(list)
        files: dict[str, str] = {}
        for d in documents:
            name = f"documents/{d.agreement_id}/{d.stored_name}"
            included = d.sha256 in kept
            if included:
                files[name] = d.sha256
            attached[d.agreement_id].append(
                {
                    "id": d.id,
                    "filename": d.filename,
                    "sha256": d.sha256,
                    "path": name if included else None,
                    "included": included,
                    "stored_name": d.stored_name,
                    "added_at": iso(d.added_at),
                }
            )
        items = [
            {
                "id": r.id,
                "partnership": r.partnership_id,
                "kind": r.kind,
                "title": r.title,
                "signed_on": r.signed_on or None,
                "review_on": r.review_on or None,
                "expires_on": r.expires_on or None,
                "notes": r.notes,
                "signatories": signatories[r.id],
                "documents": attached[r.id],
                "created_at": iso(r.created_at),
            }
            for r in rows
        ]
        items.sort(key=lambda a: (a["partnership"], a["signed_on"] or "", a["id"]))
        return items, files

    def _templates(self) -> list[Item]:
        """The office's own greeting templates; the shipped ones come with every Liaison."""
        greetings = GreetingService(self.db)
        with self.db.session() as session:
            changed = template_times(session)
        return [
            {
                "occasion": t.occasion,
                "language": t.language,
                "subject": t.subject,
                "body": t.body,
                "updated_at": changed.get(key),
            }
            for key, t in sorted(greetings.templates().items())
            if greetings.is_customised(*key)
        ]

    def _occasions(self, chosen: _Selection, today: dt.date) -> list[Occasion]:
        subjects = {
            *(p["id"] for p in chosen.partnerships),
            *(c["id"] for c in chosen.contacts),
            *(a["id"] for a in chosen.agreements),
            *(d["id"] for d in chosen.delegations),
            *(f["id"] for f in chosen.follow_ups),
        }
        agenda = AgendaService(self.db).agenda(today, CALENDAR_DAYS)
        mine = [o for o in agenda if o.subject is not None and o.subject.id in subjects]
        return calendar_occasions(mine, start=today)


JSON_FILES = (
    "contacts.json",
    "organisations.json",
    "partnerships.json",
    "delegations.json",
    "agreements.json",
    "interactions.json",
    "follow_ups.json",
    "templates.json",
)


def _data_files(chosen: _Selection) -> dict[str, bytes]:
    files = {name: _json(getattr(chosen, name.removesuffix(".json"))) for name in JSON_FILES}
    files["contacts.vcf"] = "".join(vcard_text(c) for c in chosen.contacts).encode("utf-8")
    return files


def _t(model: Any) -> Any:
    return model.__table__


def _json(value: Any) -> bytes:
    """A list one record per line (readable, and a diff shows the records that changed);
    anything else indented. Each record through the C encoder: `indent` would send a file of
    200,000 interactions through the pure-Python one, ten times slower."""
    if not isinstance(value, list):
        return json.dumps(value, ensure_ascii=False, indent=2, default=str).encode("utf-8")
    lines = ",\n".join(json.dumps(item, ensure_ascii=False, default=str) for item in value)
    return f"[\n{lines}\n]\n".encode() if value else b"[]\n"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _contact_order(contact: Item) -> tuple[str, str]:
    label = full_label(contact["family_name"], contact["given_name"], contact["name_zh"])
    return label.casefold(), contact["id"]


def _owned_contacts(session: Session, owner_id: str) -> set[str]:
    contact = _t(Contact)
    return set(session.scalars(select(contact.c.id).where(contact.c.owner_id == owner_id)))


# Ids per IN (…) list: 500 suits any database; where many thousands are read (the
# interactions of an owner), fewer, larger queries (SQLite takes 32,766 parameters, PostgreSQL
# 65,535).
LARGE_CHUNK = 5000


def _interactions(session: Session, pids: set[str], dids: set[str], people: set[str]) -> list[Item]:
    interaction, taking_part, staff = _t(Interaction), _t(InteractionContact), _t(Staff)
    ids: set[str] = set(
        session.scalars(
            select(interaction.c.id).where(
                or_(
                    interaction.c.partnership_id.in_(pids or {""}),
                    interaction.c.delegation_id.in_(dids or {""}),
                )
            )
        ).all()
    )
    for chunk in chunks(people):
        ids.update(
            session.scalars(
                select(taking_part.c.interaction_id).where(taking_part.c.contact_id.in_(chunk))
            ).all()
        )
    contact = _t(Contact)
    participants: dict[str, list[Item]] = defaultdict(list)
    # A person is at many interactions: their entry is made once and shared.
    entries: dict[str, Item] = {}
    items: list[Item] = []
    for chunk in chunks(ids, LARGE_CHUNK):
        for interaction_id, contact_id, family, given, name_zh in session.execute(
            select(
                taking_part.c.interaction_id,
                contact.c.id,
                contact.c.family_name,
                contact.c.given_name,
                contact.c.name_zh,
            )
            .join(contact, contact.c.id == taking_part.c.contact_id)
            .where(taking_part.c.interaction_id.in_(chunk))
            .order_by(contact.c.sort_key, contact.c.id)
        ).all():
            entry = entries.get(contact_id)
            if entry is None:
                label = full_label(family, given, name_zh)
                entry = entries[contact_id] = {"contact": contact_id, "name": label}
            participants[interaction_id].append(entry)
        for row in session.execute(
            select(
                interaction.c.id,
                interaction.c.kind,
                interaction.c.occurred_on,
                interaction.c.partnership_id,
                interaction.c.delegation_id,
                interaction.c.note,
                interaction.c.created_at,
                staff.c.name.label("staff_name"),
            )
            .outerjoin(staff, staff.c.id == interaction.c.staff_id)
            .where(interaction.c.id.in_(chunk))
        ).all():
            items.append(
                {
                    "id": row.id,
                    "kind": row.kind,
                    "date": row.occurred_on,
                    "partnership": row.partnership_id,
                    "delegation": row.delegation_id,
                    "staff": row.staff_name,
                    "contacts": participants[row.id],
                    "note": row.note,
                    "created_at": iso(row.created_at),
                }
            )
    items.sort(key=lambda i: (i["date"], i["id"]))
    return items


def _follow_ups(session: Session, pids: set[str], dids: set[str]) -> list[Item]:
    follow_up, staff = _t(FollowUp), _t(Staff)
    rows = session.execute(
        select(follow_up, staff.c.name.label("assignee_name"))
        .outerjoin(staff, staff.c.id == follow_up.c.assignee_id)
        .where(follow_up.c.done_at.is_(None))
        .where(
            or_(
                follow_up.c.partnership_id.in_(pids or {""}),
                follow_up.c.delegation_id.in_(dids or {""}),
            )
        )
    )
    items = [
        {
            "id": r.id,
            "partnership": r.partnership_id,
            "delegation": r.delegation_id,
            "description": r.description,
            "assignee": r.assignee_name,
            "due_on": r.due_on or None,
            "created_at": iso(r.created_at),
        }
        for r in rows
    ]
    items.sort(key=lambda f: (f["due_on"] or "9999", f["id"]))
    return items


def _organisations(session: Session, people: set[str]) -> list[Item]:
    contact, organisation, place = _t(Contact), _t(Organisation), _t(Place)
    ids: set[str] = set()
    for chunk in chunks(people):
        ids.update(
            i
            for i in session.scalars(
                select(contact.c.organisation_id).where(contact.c.id.in_(chunk))
            )
            if i
        )
    items = []
    for chunk in chunks(ids):
        for row in session.execute(
            select(organisation, place.c.name.label("place_name"))
            .outerjoin(place, place.c.id == organisation.c.place_id)
            .where(organisation.c.id.in_(chunk))
        ):
            items.append(
                {
                    "id": row.id,
                    "name": row.name,
                    "name_zh": row.name_zh,
                    "kind": row.kind,
                    "place": row.place_name,
                    "website": row.website,
                }
            )
    items.sort(key=lambda o: (o["name"].casefold(), o["id"]))
    return items
