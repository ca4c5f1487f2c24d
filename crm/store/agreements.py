"""Agreement queries: a partnership's agreements with their signatories and documents."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, Table, bindparam, delete, insert, select
from sqlmodel import Session

from crm.domain.names import latin_name
from crm.store.among import PerDialect, among
from crm.store.models import Contact
from crm.store.partnership_models import Agreement, AgreementDocument, AgreementSignatory

AG = Agreement.__table__  # type: ignore[attr-defined]
AS = AgreementSignatory.__table__  # type: ignore[attr-defined]
AD = AgreementDocument.__table__  # type: ignore[attr-defined]
C = Contact.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class PersonRef:
    id: str
    name: str
    name_zh: str

    @property
    def label(self) -> str:
        """ "Wang Fang (王芳)", "Katrin Müller", "王芳"."""
        if self.name and self.name_zh:
            return f"{self.name} ({self.name_zh})"
        return self.name or self.name_zh


@dataclass(frozen=True)
class DocumentRow:
    id: str
    agreement_id: str
    filename: str
    stored_name: str
    sha256: str


@dataclass(frozen=True)
class AgreementRow:
    id: str
    partnership_id: str
    kind: str
    title: str
    signed_on: str
    review_on: str
    expires_on: str
    notes: str
    signatories: tuple[PersonRef, ...]
    documents: tuple[DocumentRow, ...]


_OF_PARTNERSHIP = (
    select(AG)
    .where(AG.c.partnership_id == bindparam("pid"))
    .order_by(AG.c.signed_on.desc(), AG.c.created_at.desc())
)
_ONE = select(AG).where(AG.c.id == bindparam("id"))
_DOCUMENTS = PerDialect(
    lambda dialect: (
        select(AD).where(among(AD.c.agreement_id, "ids", dialect)).order_by(AD.c.added_at, AD.c.id)
    )
)


class LinkedPeople:
    """The contacts a link table ties to rows of another (an agreement's signatories, the
    people of an interaction), for a list of those rows' ids, each row's in name order."""

    def __init__(self, link: Table, key: str) -> None:
        self._statement = PerDialect(
            lambda dialect: (
                select(link.c[key], C.c.id, C.c.family_name, C.c.given_name, C.c.name_zh)
                .select_from(link.join(C, C.c.id == link.c.contact_id))
                .where(among(link.c[key], "ids", dialect))
                .order_by(C.c.sort_key, C.c.id)
            )
        )

    def of(self, session: Session, ids: Sequence[str]) -> dict[str, list[PersonRef]]:
        if not ids:
            return {}
        found: dict[str, list[PersonRef]] = {}
        rows = session.execute(self._statement.of(session), {"ids": list(ids)}).all()
        for key, contact_id, family, given, name_zh in rows:
            found.setdefault(key, []).append(
                PersonRef(contact_id, latin_name(family, given, name_zh), name_zh)
            )
        return found


_SIGNATORIES = LinkedPeople(AS, "agreement_id")


def for_partnership(session: Session, partnership_id: str) -> list[AgreementRow]:
    """Newest first; ISO partial dates compare as strings in chronological order."""
    return _with_children(session, session.execute(_OF_PARTNERSHIP, {"pid": partnership_id}).all())


def one(session: Session, agreement_id: str) -> AgreementRow | None:
    found = _with_children(session, session.execute(_ONE, {"id": agreement_id}).all())
    return found[0] if found else None


def _with_children(session: Session, rows: Sequence[Row[Any]]) -> list[AgreementRow]:
    ids = [r.id for r in rows]
    signatories = signatories_of(session, ids)
    documents: dict[str, list[DocumentRow]] = {}
    if ids:
        for d in session.execute(_DOCUMENTS.of(session), {"ids": ids}).all():
            documents.setdefault(d.agreement_id, []).append(
                DocumentRow(d.id, d.agreement_id, d.filename, d.stored_name, d.sha256)
            )
    return [
        AgreementRow(
            id=r.id,
            partnership_id=r.partnership_id,
            kind=r.kind,
            title=r.title,
            signed_on=r.signed_on,
            review_on=r.review_on,
            expires_on=r.expires_on,
            notes=r.notes,
            signatories=tuple(signatories.get(r.id, ())),
            documents=tuple(documents.get(r.id, ())),
        )
        for r in rows
    ]


def signatories_of(session: Session, agreement_ids: Sequence[str]) -> dict[str, list[PersonRef]]:
    return _SIGNATORIES.of(session, agreement_ids)


def replace_signatories(session: Session, agreement_id: str, contact_ids: Iterable[str]) -> None:
    session.execute(delete(AS).where(AS.c.agreement_id == agreement_id))
    rows = [{"agreement_id": agreement_id, "contact_id": c} for c in contact_ids]
    if rows:
        session.execute(insert(AS), rows)


def document(session: Session, document_id: str) -> DocumentRow | None:
    d = session.execute(select(AD).where(AD.c.id == document_id)).first()
    return DocumentRow(d.id, d.agreement_id, d.filename, d.stored_name, d.sha256) if d else None


def stored_names(session: Session, agreement_id: str) -> set[str]:
    statement = select(AD.c.stored_name).where(AD.c.agreement_id == agreement_id)
    return set(session.execute(statement).scalars())
