"""Files kept in the database (agreement documents, gift photos), and the copies of them that
the system's viewers open.

A file's bytes are read whole into the database (`crm.store.files`), so that every desktop of a
server shares them and every backup holds them. To be opened, a file is written out to the
user's cache folder as a read-only copy under `<sha256>/<name>`: the same bytes always make the
same copy, and a viewer asked to save changes has to save them elsewhere rather than in a copy
the next opening would overwrite.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from platformdirs import user_cache_path
from sqlmodel import Session

from crm.domain.text import QT_TRANSLATE_NOOP, DomainError
from crm.store import files as q
from crm.store.database import APP_NAME, Database
from crm.store.legacy_files import adopt, has_old_files, legacy_folder

MAX_FILE_MB = 200
TOO_LARGE = QT_TRANSLATE_NOOP(
    "Files", "“{name}” is larger than {limit} MB, too large to keep in the database."
)


def read_to_keep(path: Path, *, field: str | None = None) -> bytes:
    """A file's bytes, refused with one sentence above MAX_FILE_MB; OSError as the file
    system raised it."""
    if path.stat().st_size > MAX_FILE_MB * 1024 * 1024:
        raise DomainError(TOO_LARGE.with_params(name=path.name, limit=MAX_FILE_MB), field=field)
    return path.read_bytes()


def copies_folder() -> Path:
    return user_cache_path(APP_NAME, appauthor=False) / "files"


class StoredFiles:
    """The files of one database, and their copies in `folder` (the user's cache folder)."""

    def __init__(self, db: Database, folder: Path | None = None) -> None:
        self.db = db
        self.folder = folder or copies_folder()

    def content(self, sha: str) -> bytes | None:
        """The bytes kept under `sha`; if the database lacks them, the files this desktop kept
        before they moved into the database are taken in first."""
        with self.db.session() as session:
            found = q.content(session, sha)
        if found is None and self.adopt_legacy():
            with self.db.session() as session:
                found = q.content(session, sha)
        return found

    def adopt_legacy(self) -> int:
        """Take in this desktop's files from before migration 0012; how many were missing."""
        folder = legacy_folder(self.db.engine.url)
        if not has_old_files(folder):
            return 0
        with self.db.session() as session:
            if not q.missing(session):  # all taken in already: no write at every start
                return 0
        with self.db.write() as session:
            return adopt(session.connection(), folder)

    def forget(self, session: Session, shas: Iterable[str]) -> None:
        """In the caller's write: drop the files of `shas` no document or photo names any
        more, and (once committed or not) their copies here."""
        for sha in q.forget_unused(session, shas):
            shutil.rmtree(self.folder / sha, ignore_errors=True)

    def copy_of(self, sha: str, name: str) -> Path | None:
        """A read-only copy of the file to open, named `name`; None if it is not kept."""
        target = self.folder / sha / name
        if _holds(target, sha):
            return target
        content = self.content(sha)
        if content is None:
            return None
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=target.parent, prefix=".partial-")
        try:
            with os.fdopen(handle, "wb") as writing:
                writing.write(content)
            os.chmod(partial, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
            if target.exists():  # changed since: a read-only file is replaced, not written
                os.chmod(target, stat.S_IWUSR | stat.S_IRUSR)
            os.replace(partial, target)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
        return target


def _holds(path: Path, sha: str) -> bool:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest() == sha
    except OSError:
        return False
