"""Greeting queries: the office's templates, a campaign's candidates in one query, and the record
of who was greeted for which occasion and year.

Candidates are read as plain rows through Core (a campaign may reach thousands of people); the
first e-mail address and the country come in the same query, and who was already greeted in a
second one, so the cost does not grow with a query per person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, delete, insert, or_, select, update
from sqlmodel import Session

from crm.store.greeting_models import GreetingSent, OfficeGreetingTemplate
from crm.store.models import (
    Contact,
    ContactEmail,
    ContactTag,
    Organisation,
    Place,
    Staff,
    new_id,
    utcnow,
)
from crm.store.partnership_models import (
    Interaction,
    InteractionContact,
    Partnership,
    PartnershipChampion,
)

GT = OfficeGreetingTemplate.__table__  # type: ignore[attr-defined]
GS = GreetingSent.__table__  # type: ignore[attr-defined]
C = Contact.__table__  # type: ignore[attr-defined]
E = ContactEmail.__table__  # type: ignore[attr-defined]
T = ContactTag.__table__  # type: ignore[attr-defined]
O = Organisation.__table__  # type: ignore[attr-defined]  # noqa: E741
PL = Place.__table__  # type: ignore[attr-defined]
PT = Partnership.__table__  # type: ignore[attr-defined]
CH = PartnershipChampion.__table__  # type: ignore[attr-defined]
S = Staff.__table__  # type: ignore[attr-defined]
I = Interaction.__table__  # type: ignore[attr-defined]  # noqa: E741
IC = InteractionContact.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class CandidateRow:
    """What a campaign needs of one contact."""

    id: str
    family_name: str
    given_name: str
    name_zh: str
    honorific: str
    position: str
    position_zh: str
    language: str
    status: str
    email: str  # the first address, or ""
    country: str  # of the contact's organisation's place, or ""
    birthday: str
    birthday_calendar: str
    birthday_leap_month: bool


@dataclass(frozen=True)
class PartnershipRow:
    id: str
    place_id: str
    partner: str
    partner_zh: str
    country: str
    formalised_on: str


# ---- templates ----


def office_templates(session: Session) -> list[tuple[str, str, str, str]]:
    """(occasion, language, subject, body) of every template the office wrote."""
    statement = select(GT.c.occasion, GT.c.language, GT.c.subject, GT.c.body).order_by(
        GT.c.occasion, GT.c.language
    )
    return [tuple(row) for row in session.execute(statement).all()]  # type: ignore[misc]


def office_template(session: Session, occasion: str, language: str) -> tuple[str, str] | None:
    """(subject, body) of the office's template, or None when it keeps the shipped one."""
    statement = select(GT.c.subject, GT.c.body).where(
        GT.c.occasion == occasion, GT.c.language == language
    )
    row = session.execute(statement).first()
    return (row.subject, row.body) if row else None


def save_template(
    session: Session, *, occasion: str, language: str, subject: str, body: str
) -> None:
    """Insert or replace (portable: no dialect-specific upsert)."""
    values = {"subject": subject, "body": body, "updated_at": utcnow()}
    where = (GT.c.occasion == occasion) & (GT.c.language == language)
    result = session.execute(update(GT).where(where).values(**values))
    if not result.rowcount:  # type: ignore[attr-defined]
        session.execute(insert(GT).values(occasion=occasion, language=language, **values))


def delete_template(session: Session, occasion: str, language: str) -> bool:
    where = (GT.c.occasion == occasion) & (GT.c.language == language)
    return bool(session.execute(delete(GT).where(where)).rowcount)  # type: ignore[attr-defined]


# ---- candidates ----

_FIRST_EMAIL = (
    select(E.c.address)
    .where(E.c.contact_id == C.c.id)
    .order_by(E.c.position, E.c.id)
    .limit(1)
    .correlate(C)
    .scalar_subquery()
)


def candidates(
    session: Session,
    *,
    partnership_place_id: str | None = None,
    partnership_id: str | None = None,
    tag: str | None = None,
    owner_id: str | None = None,
    language: str | None = None,
    contact_ids: Sequence[str] | None = None,
) -> list[CandidateRow]:
    """Contacts not archived, in list order, narrowed by every filter given.

    A partnership's people are those of the organisations in the partner place, and its
    champions wherever they work."""
    where: list[ColumnElement[bool]] = [C.c.archived.is_(False)]
    if partnership_id is not None:
        champions = select(CH.c.contact_id).where(CH.c.partnership_id == partnership_id)
        in_place = select(O.c.id).where(O.c.place_id == partnership_place_id)
        where.append(or_(C.c.organisation_id.in_(in_place), C.c.id.in_(champions)))
    if tag:
        where.append(C.c.id.in_(select(T.c.contact_id).where(T.c.tag == tag)))
    if owner_id:
        where.append(C.c.owner_id == owner_id)
    if language:
        where.append(C.c.language == language)
    if contact_ids is not None:
        where.append(C.c.id.in_(list(contact_ids)))
    statement = (
        select(
            C.c.id,
            C.c.family_name,
            C.c.given_name,
            C.c.name_zh,
            C.c.honorific,
            C.c.position,
            C.c.position_zh,
            C.c.language,
            C.c.status,
            _FIRST_EMAIL.label("email"),
            PL.c.country,
            C.c.birthday,
            C.c.birthday_calendar,
            C.c.birthday_leap_month,
        )
        .select_from(
            C.outerjoin(O, O.c.id == C.c.organisation_id).outerjoin(PL, PL.c.id == O.c.place_id)
        )
        .where(*where)
        .order_by(C.c.sort_key, C.c.id)
    )
    return [
        CandidateRow(
            id=r.id,
            family_name=r.family_name,
            given_name=r.given_name,
            name_zh=r.name_zh,
            honorific=r.honorific,
            position=r.position,
            position_zh=r.position_zh,
            language=r.language or "en",
            status=r.status,
            email=r.email or "",
            country=r.country or "",
            birthday=r.birthday,
            birthday_calendar=r.birthday_calendar,
            birthday_leap_month=bool(r.birthday_leap_month),
        )
        for r in session.execute(statement).all()
    ]


def partnership(session: Session, partnership_id: str) -> PartnershipRow | None:
    statement = (
        select(PT.c.id, PT.c.place_id, PL.c.name, PL.c.name_zh, PL.c.country, PT.c.formalised_on)
        .select_from(PT.join(PL, PL.c.id == PT.c.place_id))
        .where(PT.c.id == partnership_id)
    )
    row = session.execute(statement).first()
    if row is None:
        return None
    return PartnershipRow(row[0], row[1], row[2], row[3] or "", row[4] or "", row[5] or "")


def staff_id(session: Session, *, name: str = "", email: str = "") -> str | None:
    """The staff member with this e-mail address, else with this name."""
    for column, value in ((S.c.email, email), (S.c.name, name)):
        if value:
            found = session.execute(select(S.c.id).where(column == value)).scalars().first()
            if found:
                return str(found)
    return None


# ---- who was greeted ----


def greeted(session: Session, occasion: str, year: int) -> set[str]:
    """The contacts greeted for this occasion and year."""
    statement = select(GS.c.contact_id).where(GS.c.occasion == occasion, GS.c.year == year)
    return set(session.execute(statement).scalars())


# Built once: a campaign logs thousands of greetings, one transaction each, and building the
# statements anew cost as much as running them.
_INSERT_INTERACTION = insert(I)
_INSERT_PEOPLE = insert(IC)
_INSERT_SENT = insert(GS)


def log_greeting(
    session: Session,
    *,
    contact_id: str,
    occasion: str,
    year: int,
    occurred_on: str,
    partnership_id: str | None,
    staff_id: str | None,
    note: str,
    channel: str,
    address: str,
    message_id: str,
) -> str:
    """The "greeting" interaction with its one person, and the `greeting_sent` row that makes
    a second run skip them; returns the interaction's id. The caller commits."""
    interaction_id, now = new_id(), utcnow()
    conn = session.connection()
    conn.execute(
        _INSERT_INTERACTION,
        {
            "id": interaction_id,
            "kind": "greeting",
            "occurred_on": occurred_on,
            "partnership_id": partnership_id,
            "delegation_id": None,
            "staff_id": staff_id,
            "note": note,
            "created_at": now,
        },
    )
    conn.execute(
        _INSERT_PEOPLE,
        {"interaction_id": interaction_id, "contact_id": contact_id, "occurred_on": occurred_on},
    )
    conn.execute(
        _INSERT_SENT,
        {
            "contact_id": contact_id,
            "occasion": occasion,
            "year": year,
            "interaction_id": interaction_id,
            "channel": channel,
            "address": address,
            "message_id": message_id,
            "sent_at": now,
        },
    )
    return interaction_id
