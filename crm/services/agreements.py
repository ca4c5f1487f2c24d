"""Agreements of a partnership and their attached documents.

A document's bytes are kept in the database (`crm.services.stored_files`), so that a server's
desktops share them and every backup holds them, under a name made safe here: the name a file
arrives with is never trusted as a path, not even for the copy a viewer opens.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, insert, update
from sqlmodel import Session

from crm.domain.partnership_rules import AgreementDraft
from crm.domain.partnerships import AgreementKind
from crm.domain.text import QT_TRANSLATE_NOOP, DomainError
from crm.services.changes import Changes
from crm.services.stored_files import StoredFiles, read_to_keep
from crm.store import agreements as q
from crm.store import files as files_q
from crm.store import interactions as interactions_q
from crm.store.database import Database
from crm.store.models import new_id, utcnow
from crm.store.partnership_models import Partnership

NOT_FOUND = QT_TRANSLATE_NOOP("Agreements", "This agreement no longer exists.")
PARTNERSHIP_GONE = QT_TRANSLATE_NOOP("Agreements", "This partnership no longer exists.")
DOCUMENT_GONE = QT_TRANSLATE_NOOP("Agreements", "This document is no longer attached.")
NO_SUCH_FILE = QT_TRANSLATE_NOOP("Agreements", "“{name}” is not a file that can be read.")
FILE_MISSING = QT_TRANSLATE_NOOP(
    "Agreements",
    "The file of “{name}” is not in the database yet: it was attached on another computer "
    "before files were kept in the database, and is taken in when Liaison next starts there.",
)
UNKNOWN_SIGNATORY = QT_TRANSLATE_NOOP(
    "Agreements", "One of the chosen signatories no longer exists."
)

AgreementRow = q.AgreementRow
DocumentRow = q.DocumentRow

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
_MAX_NAME = 120


def safe_filename(name: str) -> str:
    """A plain file name from whatever a file is called: no folders, no "..", no characters a
    file system refuses, no device names, not too long; its extension kept."""
    base = re.split(r"[/\\]", unicodedata.normalize("NFC", name))[-1]
    base = _UNSAFE.sub("_", base).strip(" .")
    if not base or _RESERVED.match(base):
        base = f"document_{base}" if base else "document"
    stem, dot, suffix = base.rpartition(".")
    if not dot or not stem or len(suffix) > 10:
        stem, suffix = base, ""
    stem = stem[: _MAX_NAME - len(suffix) - 1].rstrip(" .") or "document"
    return f"{stem}.{suffix}" if suffix else stem


def _numbered(name: str, number: int) -> str:
    stem, dot, suffix = name.rpartition(".")
    return f"{stem} ({number}).{suffix}" if dot and stem else f"{name} ({number})"


@dataclass(frozen=True)
class AgreementRecord:
    id: str
    partnership_id: str
    draft: AgreementDraft
    documents: tuple[DocumentRow, ...]


class AgreementService:
    def __init__(self, db: Database, *, copies: Path | None = None) -> None:
        self.db = db
        self.files = StoredFiles(db, copies)

    # Reading -----------------------------------------------------------------------------
    def for_partnership(self, partnership_id: str) -> list[AgreementRow]:
        """Newest first."""
        with self.db.session() as session:
            return q.for_partnership(session, partnership_id)

    def get(self, agreement_id: str) -> AgreementRecord:
        with self.db.session() as session:
            row = q.one(session, agreement_id)
        if row is None:
            raise DomainError(NOT_FOUND)
        draft = AgreementDraft(
            kind=AgreementKind(row.kind),
            title=row.title,
            signed_on=row.signed_on,
            review_on=row.review_on,
            expires_on=row.expires_on,
            signatory_ids=[p.id for p in row.signatories],
            notes=row.notes,
        )
        return AgreementRecord(row.id, row.partnership_id, draft, row.documents)

    def document_path(self, document_id: str) -> Path:
        """A read-only copy of a document's file, for the system viewer."""
        with self.db.session() as session:
            row = q.document(session, document_id)
        if row is None:
            raise DomainError(DOCUMENT_GONE)
        # A file the database lacks is taken in from this desktop's old folder on the way.
        path = self.files.copy_of(row.sha256, row.stored_name) if row.sha256 else None
        if path is None:
            if not row.sha256:  # attached before checksums were kept: copy_of could not look
                self.files.adopt_legacy()
            # Taking a file in records its checksum (the file's own, should it differ).
            with self.db.session() as session:
                adopted = q.document(session, document_id)
            if adopted is not None and adopted.sha256 and adopted.sha256 != row.sha256:
                path = self.files.copy_of(adopted.sha256, adopted.stored_name)
        if path is None:
            raise DomainError(FILE_MISSING.with_params(name=row.filename))
        return path

    # Writing -----------------------------------------------------------------------------
    def add(self, partnership_id: str, draft: AgreementDraft) -> tuple[str, Changes]:
        clean = draft.validate()
        agreement_id = new_id()
        with self.db.write() as session:
            if session.get(Partnership, partnership_id) is None:
                raise DomainError(PARTNERSHIP_GONE)
            self._check_signatories(session, clean)
            session.execute(
                insert(q.AG).values(
                    id=agreement_id,
                    partnership_id=partnership_id,
                    created_at=utcnow(),
                    **_values(clean),
                )
            )
            q.replace_signatories(session, agreement_id, clean.signatory_ids)
        return agreement_id, Changes(partnerships=frozenset({partnership_id}))

    def update(self, agreement_id: str, draft: AgreementDraft) -> Changes:
        clean = draft.validate()
        with self.db.write() as session:
            row = q.one(session, agreement_id)
            if row is None:
                raise DomainError(NOT_FOUND)
            self._check_signatories(session, clean)
            session.execute(update(q.AG).where(q.AG.c.id == agreement_id).values(**_values(clean)))
            q.replace_signatories(session, agreement_id, clean.signatory_ids)
        return Changes(partnerships=frozenset({row.partnership_id}))

    def delete(self, agreement_id: str) -> Changes:
        """The agreement, its signatories and its documents (their files too)."""
        with self.db.write() as session:
            row = q.one(session, agreement_id)
            if row is None:
                raise DomainError(NOT_FOUND)
            session.execute(delete(q.AG).where(q.AG.c.id == agreement_id))
            self.files.forget(session, [d.sha256 for d in row.documents])
        return Changes(partnerships=frozenset({row.partnership_id}))

    def attach_document(self, agreement_id: str, source_path: str | os.PathLike[str]) -> str:
        """Keep a copy of a file in the database, named safely, beside the agreement's other
        documents (a name taken is numbered: "MoU (2).pdf"); returns the document's id."""
        source = Path(source_path)
        original = safe_filename(os.fspath(source_path))
        try:
            content = read_to_keep(source)
        except OSError as error:
            name = source.name or str(source)
            raise DomainError(NO_SUCH_FILE.with_params(name=name)) from error
        document_id = new_id()
        with self.db.write() as session:
            if q.one(session, agreement_id) is None:
                raise DomainError(NOT_FOUND)
            taken = q.stored_names(session, agreement_id)
            name, number = original, 1
            while name in taken:
                number += 1
                name = _numbered(original, number)
            session.execute(
                insert(q.AD).values(
                    id=document_id,
                    agreement_id=agreement_id,
                    filename=original,
                    stored_name=name,
                    sha256=files_q.put(session, content),
                    added_at=utcnow(),
                )
            )
        return document_id

    def remove_document(self, document_id: str) -> Changes:
        with self.db.write() as session:
            row = q.document(session, document_id)
            if row is None:
                raise DomainError(DOCUMENT_GONE)
            agreement = q.one(session, row.agreement_id)
            session.execute(delete(q.AD).where(q.AD.c.id == document_id))
            self.files.forget(session, [row.sha256])
        partnership = agreement.partnership_id if agreement else None
        return Changes(partnerships=frozenset({partnership} if partnership else set()))

    # Helpers -----------------------------------------------------------------------------
    @staticmethod
    def _check_signatories(session: Session, draft: AgreementDraft) -> None:
        found = interactions_q.existing(session, q.C, draft.signatory_ids)
        if len(found) != len(draft.signatory_ids):
            raise DomainError(UNKNOWN_SIGNATORY, field="signatory_ids")


def _values(draft: AgreementDraft) -> dict[str, str]:
    return {
        "kind": str(draft.kind),
        "title": draft.title,
        "signed_on": draft.signed_on,
        "review_on": draft.review_on,
        "expires_on": draft.expires_on,
        "notes": draft.notes,
    }
