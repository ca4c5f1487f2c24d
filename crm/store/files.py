"""Queries of the stored files (`stored_file`): kept once per content, by SHA-256."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from sqlalchemy import Connection, Executable, column, delete, exists, func, select, table
from sqlmodel import Session

from crm.store.file_models import StoredFile
from crm.store.models import utcnow
from crm.store.partnership_models import AgreementDocument, Gift

F = StoredFile.__table__  # type: ignore[attr-defined]
AD = AgreementDocument.__table__  # type: ignore[attr-defined]
G = Gift.__table__  # type: ignore[attr-defined]


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


# The table as migration 0012 made it: the migration keeps files through `put` too.
_AS_MADE = table(
    "stored_file", column("sha256"), column("content"), column("size"), column("added_at")
)


def put(executor: Session | Connection, content: bytes) -> str:
    """Keep `content` (once: the same bytes again are already there, and two desktops may
    keep them at the same moment); returns its SHA-256."""
    sha = sha256_of(content)
    values = {"sha256": sha, "content": content, "size": len(content), "added_at": utcnow()}
    bind = executor if isinstance(executor, Connection) else executor.get_bind()
    # Only the dialect in use is imported: the other one costs memory for nothing.
    statement: Executable
    if bind.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        statement = postgresql.insert(_AS_MADE).values(**values).on_conflict_do_nothing()
    else:
        from sqlalchemy.dialects import sqlite

        statement = sqlite.insert(_AS_MADE).values(**values).on_conflict_do_nothing()
    executor.execute(statement)
    return sha


def content(session: Session, sha: str) -> bytes | None:
    """The bytes kept under `sha`, or None."""
    return session.scalar(select(F.c.content).where(F.c.sha256 == sha))


def forget_unused(session: Session, shas: Iterable[str]) -> list[str]:
    """Drop the files of `shas` that no document and no gift photo names any more; returns
    those dropped."""
    dropped = []
    for sha in sorted({s for s in shas if s}):
        used_by_document = exists().where(AD.c.sha256 == sha)
        used_by_photo = exists().where(G.c.photo.startswith(sha, autoescape=True))
        result = session.execute(
            delete(F).where(F.c.sha256 == sha, ~used_by_document, ~used_by_photo)
        )
        if result.rowcount:  # type: ignore[attr-defined]
            dropped.append(sha)
    return dropped


def kept(session: Session, shas: Iterable[str]) -> set[str]:
    """Those of `shas` whose bytes the database holds."""
    wanted = sorted({s for s in shas if s})
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        block = wanted[start : start + 500]
        found.update(session.scalars(select(F.c.sha256).where(F.c.sha256.in_(block))))
    return found


def missing(session: Session) -> int:
    """Documents and gift photos whose bytes the database lacks: attached on a desktop before
    files were kept in the database, and not taken in since."""
    documents = select(func.count()).where(~exists().where(F.c.sha256 == AD.c.sha256))
    photo_sha = func.substr(G.c.photo, 1, 64)
    photos = select(func.count()).where(G.c.photo != "", ~exists().where(F.c.sha256 == photo_sha))
    return int(session.scalar(documents.select_from(AD)) or 0) + int(
        session.scalar(photos.select_from(G)) or 0
    )
