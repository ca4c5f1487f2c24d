"""Import contacts from a vCard, CSV or XLSX file.

Each card or row becomes a contact, or updates the contact it matches (the same UUID, the same
e-mail address, or the same name in Latin letters or in Chinese, ignoring accents and case), so
importing a file twice creates nothing the second time. A bad card or row is reported with its
line and skipped; the rest is written in one transaction, so a failure halfway (a full disk)
leaves the database as it was. A dry run does all of the work and then rolls it back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from crm.domain.contacts import ContactDraft, ContactStatus
from crm.domain.dates import CalendarKind, parse_loose_date
from crm.domain.names import has_han
from crm.domain.search import fold, name_keys
from crm.domain.text import QT_TRANSLATE_NOOP, DomainError, Text, Translator, ValidationErrors
from crm.i18n import normalise_language
from crm.services.changes import Changes
from crm.services.contacts import draft_from, insert_contact, update_contact
from crm.services.exchange.readers import RawRecord, is_uuid, read_records
from crm.store import contacts as q
from crm.store.database import Database
from crm.store.models import Contact, ContactEmail, Organisation, Staff

NO_CONTACTS = QT_TRANSLATE_NOOP("Import", "“{name}” holds no contacts.")
CARD_UNREADABLE = QT_TRANSLATE_NOOP("Import", "This entry cannot be read: {reason}")

_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "mx", "herr", "frau", "hr", "fr"}
_STATUSES = {
    "active": ContactStatus.ACTIVE,
    "在职": ContactStatus.ACTIVE,
    "moved_on": ContactStatus.MOVED_ON,
    "moved on": ContactStatus.MOVED_ON,
    "已调离": ContactStatus.MOVED_ON,
    "调离": ContactStatus.MOVED_ON,
    "deceased": ContactStatus.DECEASED,
    "已故": ContactStatus.DECEASED,
}
_TRUE = {"1", "true", "yes", "y", "x", "是", "闰", "闰月"}


@dataclass(frozen=True)
class ImportProblem:
    line: int
    message: Text


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[ImportProblem] = field(default_factory=list)
    dry_run: bool = False
    contact_ids: list[str] = field(default_factory=list)

    def as_dict(self, translate: Translator | None = None) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "errors": [
                {"line": p.line, "message": p.message.render(translate)} for p in self.errors
            ],
            "dry_run": self.dry_run,
        }


class _Directory:
    """Existing contacts, organisations and staff, looked up by what an import knows of them."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.by_id: set[str] = set()
        self.by_email: dict[str, str] = {}
        self.by_name: dict[str, str] = {}
        table = Contact.__table__  # type: ignore[attr-defined]
        for contact_id, family, given, name_zh in session.execute(
            select(table.c.id, table.c.family_name, table.c.given_name, table.c.name_zh)
        ):
            self.remember(
                contact_id, family_name=family, given_name=given, name_zh=name_zh, emails=()
            )
        emails = ContactEmail.__table__  # type: ignore[attr-defined]
        for contact_id, address in session.execute(select(emails.c.contact_id, emails.c.address)):
            self.by_email.setdefault(address.casefold(), contact_id)
        self.organisations: dict[str, str] = {}
        for org in session.execute(select(Organisation)).scalars():
            for name in (org.name, org.name_zh):
                if name:
                    self.organisations.setdefault(name.casefold(), org.id)
        self.staff = {s.name.casefold(): s.id for s in session.execute(select(Staff)).scalars()}

    def remember(
        self, contact_id: str, *, family_name: str, given_name: str, name_zh: str, emails: Any
    ) -> None:
        self.by_id.add(contact_id)
        for key in name_keys(family_name=family_name, given_name=given_name, name_zh=name_zh):
            self.by_name.setdefault(key, contact_id)
        for address in emails:
            self.by_email.setdefault(address.casefold(), contact_id)

    def match(self, contact_id: str | None, draft: ContactDraft) -> str | None:
        if contact_id and contact_id in self.by_id:
            return contact_id
        for address in draft.emails:
            if address.casefold() in self.by_email:
                return self.by_email[address.casefold()]
        keys = name_keys(
            family_name=draft.family_name, given_name=draft.given_name, name_zh=draft.name_zh
        )
        for key in sorted(keys):
            if key in self.by_name:
                return self.by_name[key]
        return None

    def organisation(self, name: str) -> str:
        key = name.casefold()
        if key not in self.organisations:
            org = Organisation(name=name, name_zh=name if has_han(name) else "")
            self.session.add(org)
            self.session.flush()
            self.organisations[key] = org.id
        return self.organisations[key]

    def owner(self, name: str) -> str:
        key = " ".join(name.split()).casefold()
        if key not in self.staff:
            member = Staff(name=" ".join(name.split()))
            self.session.add(member)
            self.session.flush()
            self.staff[key] = member.id
        return self.staff[key]


class ContactImporter:
    def __init__(self, db: Database) -> None:
        self.db = db

    def import_file(self, path: Path, *, dry_run: bool = False) -> tuple[ImportReport, Changes]:
        records = list(read_records(path))
        if not records:
            raise DomainError(NO_CONTACTS.with_params(name=path.name))
        report = ImportReport(dry_run=dry_run)
        with self.db.write() as session:
            directory = _Directory(session)
            for record in records:
                self._import_one(session, directory, record, report)
            if dry_run:
                session.rollback()
        changed = frozenset() if dry_run else frozenset(report.contact_ids)
        return report, Changes(contacts=changed, organisations=bool(changed), staff=bool(changed))

    def _import_one(
        self, session: Session, directory: _Directory, record: RawRecord, report: ImportReport
    ) -> None:
        if "_error" in record.values:
            problem = CARD_UNREADABLE.with_params(reason=record.values["_error"])
            report.errors.append(ImportProblem(record.line, problem))
            return
        try:
            contact_id, draft = _draft(record.values, directory)
            draft = draft.validate()
        except ValidationErrors as errors:
            report.errors.append(ImportProblem(record.line, errors.errors[0].text))
            return
        except DomainError as error:
            report.errors.append(ImportProblem(record.line, error.text))
            return
        existing = directory.match(contact_id, draft)
        if existing is None:
            new = insert_contact(session, draft, contact_id=contact_id)
            directory.remember(
                new,
                family_name=draft.family_name,
                given_name=draft.given_name,
                name_zh=draft.name_zh,
                emails=draft.emails,
            )
            report.created += 1
            report.contact_ids.append(new)
            return
        contact = session.get(Contact, existing)
        assert contact is not None
        current = draft_from(contact, *q.child_values(session, existing))
        merged = _merge(current, draft)
        if merged == current:
            report.skipped += 1
            return
        try:
            merged = merged.validate(contact_id=existing)
        except ValidationErrors as errors:  # e.g. the notes together grow too long
            report.errors.append(ImportProblem(record.line, errors.errors[0].text))
            return
        update_contact(session, existing, merged)
        directory.remember(
            existing,
            family_name=merged.family_name,
            given_name=merged.given_name,
            name_zh=merged.name_zh,
            emails=merged.emails,
        )
        report.updated += 1
        report.contact_ids.append(existing)


def _draft(values: dict[str, Any], directory: _Directory) -> tuple[str | None, ContactDraft]:
    family = values.get("family_name", "")
    given = " ".join(p for p in (values.get("given_name", ""), values.get("middle_name", "")) if p)
    name_zh = values.get("name_zh", "")
    name = values.get("name", "")
    honorific = values.get("honorific", "")
    if name_zh and not has_han(name_zh):
        name, name_zh = name or name_zh, ""
    # Phones and Chinese address books put 王 in the family and 芳 in the given name.
    if not name_zh and has_han(family + given):
        name_zh = "".join((family + given).split())
        family, given = (
            ("", "") if has_han(family) and (not given or has_han(given)) else (family, given)
        )
    if not (family or given or name_zh) and name:
        if has_han(name):
            name_zh = "".join(name.split())
        else:
            words = name.split()
            if len(words) > 1 and words[0].rstrip(".").casefold() in _HONORIFICS:
                honorific = honorific or words.pop(0)
            family = words[-1] if words else ""
            given = " ".join(words[:-1])
    position, position_zh = values.get("position", ""), values.get("position_zh", "")
    if position_zh and not has_han(position_zh) and not position:
        position, position_zh = position_zh, ""  # a "职务" column holding "Direktør"
    if position and has_han(position) and not position_zh:
        position, position_zh = "", position  # a phone's TITLE or Google's title "副处长"
    draft = ContactDraft(
        family_name=family,
        given_name=given,
        name_zh=name_zh,
        honorific=honorific,
        position=position,
        position_zh=position_zh,
        emails=_unique(values.get("emails", [])),
        phones=_unique_phones(values.get("phones", [])),
        wechat=values.get("wechat", ""),
        language=normalise_code(
            values.get("language", ""), chinese_only=bool(name_zh) and not (family or given)
        ),
        tags=_unique(values.get("tags", [])),
        notes=values.get("notes", ""),
    )
    if values.get("birthday"):
        calendar = str(values.get("birthday_calendar", "")).strip().casefold()
        lunar = calendar in ("lunar", "农历", "阴历")
        draft.birthday = parse_loose_date(values["birthday"])
        draft.birthday_calendar = CalendarKind.LUNAR if lunar else CalendarKind.GREGORIAN
        draft.birthday_leap_month = (
            str(values.get("birthday_leap_month", "")).strip().casefold() in _TRUE
        )
    if values.get("status"):
        draft.status = _STATUSES.get(str(values["status"]).strip().casefold(), ContactStatus.ACTIVE)
    if values.get("organisation"):
        draft.organisation_id = directory.organisation(values["organisation"])
    if values.get("owner"):
        draft.owner_id = directory.owner(values["owner"])
    contact_id = is_uuid(values["id"]) if values.get("id") else None
    return contact_id, draft


def normalise_code(value: str, *, chinese_only: bool = False) -> str:
    """A language code; with none given, Chinese for someone known only by a Chinese name."""
    text = value.strip().replace("-", "_")
    if not text:
        return "zh_CN" if chinese_only else "en"
    if text.casefold() in ("chinese", "中文", "汉语", "普通话") or text.casefold().startswith("zh"):
        return normalise_language("zh")
    return text.split("_")[0].lower() if len(text) > 3 and "_" in text else text.lower()


def _unique(values: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(value.casefold(), value)
    return list(seen.values())


def _same_phone(a: str, b: str) -> bool:
    """+86 139 5510 4471 = +8613955104471 = 13955104471, and +86 551 6353 7102 = 0551-63537102:
    a phone's export writes the number a user typed, the office sheet the international form."""
    x, y = (re.sub(r"^00", "+", re.sub(r"[^\d+]", "", v)) for v in (a, b))
    if x == y:
        return True
    if x.startswith("+") == y.startswith("+"):
        return False
    international, national = (x, y) if x.startswith("+") else (y, x)
    national = national.lstrip("0")
    country = international[1 : len(international) - len(national)]
    return len(national) >= 7 and international.endswith(national) and 1 <= len(country) <= 3


def _unique_phones(values: list[str]) -> list[str]:
    kept: list[str] = []
    for value in values:
        if not any(_same_phone(value, other) for other in kept):
            kept.append(value)
    return kept


def _merge(current: ContactDraft, incoming: ContactDraft) -> ContactDraft:
    """What the import knows wins; lists gain what they lacked; nothing known is dropped."""
    merged = replace(current)
    for name in ("family_name", "given_name"):
        # "MÜLLER" or "Muller" in a spreadsheet is the same name: keep the spelling we have.
        value = getattr(incoming, name)
        if value and fold(value) != fold(getattr(current, name)):
            setattr(merged, name, value)
    for name in (
        "name_zh",
        "honorific",
        "position",
        "position_zh",
        "wechat",
        "organisation_id",
        "owner_id",
    ):
        value = getattr(incoming, name)
        if value:
            setattr(merged, name, value)
    if incoming.notes and incoming.notes.strip() not in current.notes:
        # A colleague's notes are knowledge too: the file's notes are added below them.
        merged.notes = f"{current.notes}\n\n{incoming.notes}" if current.notes else incoming.notes
    if incoming.language and incoming.language != "en":
        merged.language = incoming.language
    if incoming.birthday:
        merged.birthday = incoming.birthday
        merged.birthday_calendar = incoming.birthday_calendar
        merged.birthday_leap_month = incoming.birthday_leap_month
    if incoming.status is not ContactStatus.ACTIVE:
        merged.status = incoming.status
    merged.emails = _unique([*current.emails, *incoming.emails])
    merged.phones = _unique_phones([*current.phones, *incoming.phones])
    merged.tags = _unique([*current.tags, *incoming.tags])
    return merged
