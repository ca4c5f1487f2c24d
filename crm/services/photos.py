"""Photos of gifts, kept in the database like every file (`crm.services.stored_files`).

The name a file came with is never used: a photo is named by its SHA-256 and the image type
read from its first bytes (`<sha256>.jpg`), so no name (`../../x`, `CON`, a 300-character name)
can put a copy anywhere else or fail on another system. A name read back from the database is
checked the same way before it becomes a path. Photos stored before migration 0012 were named
by a random id (`<32 hex digits>.jpg`) in the data folder; they are taken in when asked for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from crm.domain.text import QT_TRANSLATE_NOOP, DomainError
from crm.services.stored_files import StoredFiles, read_to_keep
from crm.store import files as q
from crm.store.legacy_files import OLD_PHOTO, legacy_folder

NOT_A_PHOTO = QT_TRANSLATE_NOOP("Gifts", "“{name}” is not a photo (JPEG, PNG, GIF, WebP or BMP).")
NO_SUCH_FILE = QT_TRANSLATE_NOOP("Gifts", "The file “{name}” cannot be read.")

_NAME = re.compile(r"^([0-9a-f]{64})\.(?:jpg|png|gif|webp|bmp)$")


def image_suffix(head: bytes) -> str | None:
    """The file type an image's first bytes announce, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return ".jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return ".png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return ".gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ".webp"
    if head[:2] == b"BM":
        return ".bmp"
    return None


def sha_of(name: str) -> str | None:
    """The SHA-256 a photo's name holds, or None for no photo or a name we did not make."""
    match = _NAME.match(name or "")
    return match.group(1) if match else None


@dataclass(frozen=True)
class NewPhoto:
    """An image read and checked, to be kept in the transaction that names it."""

    name: str  # `<sha256>.<image type>`
    content: bytes


class PhotoStore:
    def __init__(self, files: StoredFiles) -> None:
        self.files = files

    @staticmethod
    def read(source: Path) -> NewPhoto:
        """An image file read and named by its content; refused in one sentence if it cannot
        be read, is too large or is not an image."""
        display = Path(source).name
        try:
            content = read_to_keep(Path(source), field="photo")
        except OSError as error:
            raise DomainError(NO_SUCH_FILE.with_params(name=display), field="photo") from error
        suffix = image_suffix(content[:16])
        if suffix is None:
            raise DomainError(NOT_A_PHOTO.with_params(name=display), field="photo")
        return NewPhoto(f"{q.sha256_of(content)}{suffix}", content)

    @staticmethod
    def keep(session: Session, photo: NewPhoto) -> str:
        """In the caller's write, the one that names the photo; returns its name."""
        q.put(session, photo.content)
        return photo.name

    def forget(self, session: Session, names: Iterable[str]) -> None:
        """In the caller's write: the photos of `names` that no gift names any more, dropped."""
        self.files.forget(session, [sha for name in names if (sha := sha_of(name))])

    def path(self, name: str) -> Path | None:
        """A copy of the photo to show, or None for no photo, a name we did not make or a
        photo the database lacks."""
        if (sha := sha_of(name)) is not None:
            return self.files.copy_of(sha, name)
        if name and OLD_PHOTO.match(name):
            # Kept on this desktop before migration 0012: taken in (the gift's photo is
            # renamed by it), and shown from where it is this once.
            self.files.adopt_legacy()
            folder = legacy_folder(self.files.db.engine.url)
            old = folder / "photos" / name if folder is not None else None
            return old if old is not None and old.is_file() else None
        return None
