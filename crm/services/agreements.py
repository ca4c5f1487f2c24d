"""Agreements of a partnership and their attached documents.

A document is copied into `documents/<agreement id>/` beside the SQLite database, so that the
office's memory travels with its database (and its backups), under a name made safe here: the
name a file arrives with is never trusted as a path.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path
from sqlalchemy import delete, insert, update
from sqlmodel import Session

from crm.domain.partnership_rules import AgreementDraft
from crm.domain.partnerships import AgreementKind
from crm.domain.text import QT_TRANSLATE_NOOP, DomainError
from crm.services.changes import Changes
from crm.store import agreements as q
from crm.store import interactions as interactions_q
from crm.store.database import APP_NAME, Database
from crm.store.models import new_id, utcnow
from crm.store.partnership_models import Partnership

NOT_FOUND = QT_TRANSLATE_NOOP("Agreements", "This agreement no longer exists.")
PARTNERSHIP_GONE = QT_TRANSLATE_NOOP("Agreements", "This partnership no longer exists.")
DOCUMENT_GONE = QT_TRANSLATE_NOOP("Agreements", "This document is no longer attached.")
NO_SUCH_FILE = QT_TRANSLATE_NOOP("Agreements", "“{name}” is not a file that can be read.")
FILE_MISSING = QT_TRANSLATE_NOOP(
    "Agreements", "The file of “{name}” is missing from the documents folder."
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
    def __init__(self, db: Database) -> None:
        self.db = db

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

    def documents_folder(self) -> Path:
        """Where attached documents are kept: beside the database file."""
        database = self.db.path
        base = database.parent if database is not None else user_data_path(APP_NAME, False)
        return base / "documents"

    def document_path(self, document_id: str) -> Path:
        """The stored file of a document, for the system viewer."""
        with self.db.session() as session:
            row = q.document(session, document_id)
        if row is None:
            raise DomainError(DOCUMENT_GONE)
        path = self._folder(row.agreement_id) / row.stored_name
        if not path.is_file():
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
        """The agreement, its signatories and its documents (the files too)."""
        with self.db.write() as session:
            row = q.one(session, agreement_id)
            if row is None:
                raise DomainError(NOT_FOUND)
            session.execute(delete(q.AG).where(q.AG.c.id == agreement_id))
        shutil.rmtree(self._folder(agreement_id), ignore_errors=True)
        return Changes(partnerships=frozenset({row.partnership_id}))

    def attach_document(self, agreement_id: str, source_path: str | os.PathLike[str]) -> Path:
        """Copy a file into the documents folder and record it with its SHA-256; returns where
        the copy is."""
        source = Path(source_path)
        original = safe_filename(os.fspath(source_path))
        if not source.is_file():
            raise DomainError(NO_SUCH_FILE.with_params(name=source.name or str(source)))
        with self.db.session() as session:
            if q.one(session, agreement_id) is None:
                raise DomainError(NOT_FOUND)
        folder = self._folder(agreement_id)
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f".partial-{uuid.uuid4().hex}"
        digest = hashlib.sha256()
        try:
            with source.open("rb") as reading, partial.open("xb") as writing:
                while chunk := reading.read(1 << 20):
                    digest.update(chunk)
                    writing.write(chunk)
            with self.db.write() as session:
                taken = q.stored_names(session, agreement_id)
                name, number = original, 1
                while name in taken or (folder / name).exists():
                    number += 1
                    name = _numbered(original, number)
                target = folder / name
                if target.resolve().parent != folder.resolve():
                    raise DomainError(NO_SUCH_FILE.with_params(name=source.name))
                session.execute(
                    insert(q.AD).values(
                        id=new_id(),
                        agreement_id=agreement_id,
                        filename=original,
                        stored_name=name,
                        sha256=digest.hexdigest(),
                        added_at=utcnow(),
                    )
                )
                partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
        return target

    def remove_document(self, document_id: str) -> Changes:
        with self.db.write() as session:
            row = q.document(session, document_id)
            if row is None:
                raise DomainError(DOCUMENT_GONE)
            agreement = q.one(session, row.agreement_id)
            session.execute(delete(q.AD).where(q.AD.c.id == document_id))
        (self._folder(row.agreement_id) / row.stored_name).unlink(missing_ok=True)
        partnership = agreement.partnership_id if agreement else None
        return Changes(partnerships=frozenset({partnership} if partnership else set()))

    # Helpers -----------------------------------------------------------------------------
    def _folder(self, agreement_id: str) -> Path:
        # Ids come from the database, but a folder name is checked all the same.
        if safe_filename(agreement_id) != agreement_id:
            raise DomainError(NOT_FOUND)
        return self.documents_folder() / agreement_id

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
