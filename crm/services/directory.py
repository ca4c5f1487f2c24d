"""Organisations, places and staff: the lists the contact editor picks from, and quick creation."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel import Session, col

from crm.domain.organisations import OrganisationKind
from crm.domain.text import QT_TRANSLATE_NOOP, DomainError
from crm.services.changes import Changes
from crm.services.contacts import draft_from, search_fields
from crm.store import contacts as q
from crm.store.database import Database
from crm.store.models import Contact, Organisation, Place, Staff

ORGANISATION_NAME_REQUIRED = QT_TRANSLATE_NOOP("Organisations", "Give the organisation a name.")
ORGANISATION_GONE = QT_TRANSLATE_NOOP("Organisations", "This organisation no longer exists.")
ORGANISATION_EXISTS = QT_TRANSLATE_NOOP(
    "Organisations", "An organisation called “{name}” already exists."
)
STAFF_NAME_REQUIRED = QT_TRANSLATE_NOOP("Staff", "Give the staff member's name.")
STAFF_EXISTS = QT_TRANSLATE_NOOP("Staff", "A staff member called “{name}” already exists.")
BAD_STAFF_EMAIL = QT_TRANSLATE_NOOP("Staff", "“{value}” is not an e-mail address.")
NO_SUCH_STAFF = QT_TRANSLATE_NOOP("Staff", "There is no staff member called “{name}”.")

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")


@dataclass(frozen=True)
class OrganisationItem:
    id: str
    name: str
    name_zh: str
    kind: str
    place: str
    place_zh: str


@dataclass(frozen=True)
class StaffItem:
    id: str
    name: str
    email: str


@dataclass(frozen=True)
class PlaceItem:
    id: str
    name: str
    name_zh: str
    country: str


class DirectoryService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def organisations(self) -> list[OrganisationItem]:
        with self.db.session() as session:
            rows = session.execute(
                select(Organisation, Place)
                .outerjoin(Place, col(Place.id) == col(Organisation.place_id))
                .order_by(func.lower(Organisation.name))
            ).all()
            return [
                OrganisationItem(
                    o.id, o.name, o.name_zh, o.kind, p.name if p else "", p.name_zh if p else ""
                )
                for o, p in rows
            ]

    def staff(self) -> list[StaffItem]:
        with self.db.session() as session:
            members = session.execute(select(Staff).order_by(func.lower(Staff.name))).scalars()
            return [StaffItem(s.id, s.name, s.email) for s in members]

    def places(self) -> list[PlaceItem]:
        with self.db.session() as session:
            places = session.execute(select(Place).order_by(Place.name)).scalars()
            return [PlaceItem(p.id, p.name, p.name_zh, p.country) for p in places]

    def create_organisation(
        self,
        *,
        name: str,
        name_zh: str = "",
        kind: OrganisationKind | str = OrganisationKind.OTHER,
        place_id: str | None = None,
        website: str = "",
    ) -> tuple[str, Changes]:
        name, name_zh = name.strip(), name_zh.strip()
        if not name and not name_zh:
            raise DomainError(ORGANISATION_NAME_REQUIRED, field="name")
        with self.db.write() as session:
            label = name or name_zh
            self._refuse_organisation_clash(session, label)
            organisation = Organisation(
                name=label,
                name_zh=name_zh,
                kind=str(OrganisationKind(kind)),
                place_id=place_id,
                website=website.strip(),
            )
            session.add(organisation)
            return organisation.id, Changes(organisations=True)

    def rename_organisation(self, organisation_id: str, *, name: str, name_zh: str = "") -> Changes:
        """Rename, and re-index the contacts found by the organisation's name."""
        name, name_zh = name.strip(), name_zh.strip()
        if not name and not name_zh:
            raise DomainError(ORGANISATION_NAME_REQUIRED, field="name")
        with self.db.write() as session:
            organisation = session.get(Organisation, organisation_id)
            if organisation is None:
                raise DomainError(ORGANISATION_GONE)
            label = name or name_zh
            self._refuse_organisation_clash(session, label, besides=organisation_id)
            organisation.name, organisation.name_zh = label, name_zh
            session.flush()
            ids = q.ids_in_organisation(session, organisation_id)
            for contact_id in ids:
                contact = session.get(Contact, contact_id)
                assert contact is not None
                emails, phones, tags = q.child_values(session, contact_id)
                draft = draft_from(contact, emails, phones, tags)
                fields = search_fields(session, draft)
                q.set_search_fields(
                    session,
                    contact_id,
                    search_text=fields["search_text"],
                    sort_key=fields["sort_key"],
                )
        return Changes(contacts=frozenset(ids), organisations=True)

    @staticmethod
    def _refuse_organisation_clash(
        session: Session, label: str, *, besides: str | None = None
    ) -> None:
        # Compared in Python: SQL lower() folds ASCII only (Ø and ø would differ).
        wanted = label.casefold()
        for other_id, other_name in session.execute(
            select(col(Organisation.id), col(Organisation.name))
        ):
            if other_id != besides and other_name.casefold() == wanted:
                raise DomainError(ORGANISATION_EXISTS.with_params(name=other_name), field="name")

    def create_staff(self, *, name: str, email: str = "") -> tuple[str, Changes]:
        name, email = " ".join(name.split()), email.strip()
        if not name:
            raise DomainError(STAFF_NAME_REQUIRED, field="name")
        if email and not _EMAIL.match(email):
            raise DomainError(BAD_STAFF_EMAIL.with_params(value=email), field="email")
        with self.db.write() as session:
            if self._staff_named(session, name) is not None:
                raise DomainError(STAFF_EXISTS.with_params(name=name), field="name")
            member = Staff(name=name, email=email)
            session.add(member)
            return member.id, Changes(staff=True)

    def staff_by_name(self, name: str) -> StaffItem | None:
        with self.db.session() as session:
            member = self._staff_named(session, name)
            return StaffItem(member.id, member.name, member.email) if member else None

    def named_staff(self, name: str) -> StaffItem:
        """The staff member called `name` (case aside), or one sentence saying there is none."""
        found = self.staff_by_name(name)
        if found is None:
            raise DomainError(NO_SUCH_STAFF.with_params(name=name))
        return found

    @staticmethod
    def _staff_named(session: Session, name: str) -> Staff | None:
        wanted = " ".join(name.split()).casefold()
        for member in session.execute(select(Staff)).scalars():
            if member.name.casefold() == wanted:
                return member
        return None
