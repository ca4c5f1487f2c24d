"""Photos of gifts, kept as copies in the data folder's `photos/`.

The name a file came with is never used: a copy is named by a random id and the image type
read from its first bytes, so no name (`../../x`, `CON`, a 300-character name) can put a file
anywhere else or fail on another system. A name read back from the database is checked the
same way before it becomes a path.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import uuid
from pathlib import Path

from platformdirs import user_data_path

from crm.domain.text import QT_TRANSLATE_NOOP, DomainError
from crm.store.database import APP_NAME, Database

NOT_A_PHOTO = QT_TRANSLATE_NOOP("Gifts", "“{name}” is not a photo (JPEG, PNG, GIF, WebP or BMP).")
NO_SUCH_FILE = QT_TRANSLATE_NOOP("Gifts", "The file “{name}” cannot be read.")

_NAME = re.compile(r"^[0-9a-f]{32}\.(?:jpg|png|gif|webp|bmp)$")


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


def photos_folder(db: Database) -> Path:
    """`photos/` beside the SQLite file; in the user's data folder for a server database."""
    base = db.path.parent if db.path is not None else user_data_path(APP_NAME, appauthor=False)
    return base / "photos"


class PhotoStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def add(self, source: Path) -> str:
        """Copy an image in; returns the stored name."""
        display = Path(source).name
        try:
            with open(source, "rb") as original:
                suffix = image_suffix(original.read(16))
                if suffix is None:
                    raise DomainError(NOT_A_PHOTO.with_params(name=display), field="photo")
                original.seek(0)
                self.folder.mkdir(parents=True, exist_ok=True)
                name = f"{uuid.uuid4().hex}{suffix}"
                handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".part")
                try:
                    with os.fdopen(handle, "wb") as copy:
                        shutil.copyfileobj(original, copy)
                    os.replace(temporary, self.folder / name)
                except BaseException:
                    Path(temporary).unlink(missing_ok=True)
                    raise
        except (FileNotFoundError, IsADirectoryError, PermissionError) as error:
            raise DomainError(NO_SUCH_FILE.with_params(name=display), field="photo") from error
        return name

    def path(self, name: str) -> Path | None:
        """The file of a stored name, or None for no photo or a name we did not make."""
        if not name or not _NAME.match(name):
            return None
        return self.folder / name

    def remove(self, name: str) -> None:
        if (path := self.path(name)) is not None:
            path.unlink(missing_ok=True)
