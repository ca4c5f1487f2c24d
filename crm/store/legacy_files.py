"""Documents and photos from before migration 0012, when they were copies in the data folder.

`documents/<agreement id>/<stored name>` and `photos/<32 hex digits>.<type>` beside the SQLite
file (in the user's data folder for a server database). `adopt` takes in the files of those a
desktop has that the database does not hold yet, and leaves the files where they are: migration
0012 runs it on the desktop that upgrades; the services run it again when a document or a
photo the database lacks is asked for, on the desktop where it was attached.

The tables are named here by the few columns it needs, not by the models, so that a later
change of a model does not change what this migration did.
"""

from __future__ import annotations

import re
from pathlib import Path

from platformdirs import user_data_path
from sqlalchemy import URL, Connection, column, exists, select, table, update

from crm.store.database import APP_NAME
from crm.store.files import put

_F = table("stored_file", column("sha256"))
_AD = table("agreement_document", column("id"), column("agreement_id"), column("stored_name"),
            column("sha256"))  # fmt: skip
_G = table("gift", column("photo"))
OLD_PHOTO = re.compile(r"^[0-9a-f]{32}\.(?:jpg|png|gif|webp|bmp)$")
_PLAIN = re.compile(r"^[^/\\\x00]+$")


def legacy_folder(url: URL) -> Path | None:
    """Where this desktop kept the files: beside a SQLite file, in the data folder for a
    server database; None for a database in memory."""
    if url.get_backend_name() == "sqlite":
        name = url.database
        return Path(name).parent if name and name != ":memory:" else None
    return user_data_path(APP_NAME, appauthor=False)


def has_old_files(folder: Path | None) -> bool:
    """Whether this desktop has a folder of documents or photos from before migration 0012."""
    return folder is not None and ((folder / "documents").is_dir() or (folder / "photos").is_dir())


def adopt(conn: Connection, folder: Path | None) -> int:
    """Take in the files under `folder` the database lacks; returns how many."""
    if not has_old_files(folder):
        return 0
    assert folder is not None
    return _documents(conn, folder / "documents") + _photos(conn, folder / "photos")


def _documents(conn: Connection, folder: Path) -> int:
    if not folder.is_dir():
        return 0
    missing = conn.execute(
        select(_AD.c.id, _AD.c.agreement_id, _AD.c.stored_name, _AD.c.sha256).where(
            ~exists().where(_F.c.sha256 == _AD.c.sha256)
        )
    ).all()
    adopted = 0
    for document_id, agreement_id, stored_name, recorded in missing:
        content = _read(folder, agreement_id, stored_name)
        if content is None:
            continue
        sha = put(conn, content)
        if sha != recorded:  # "" before checksums were kept
            conn.execute(update(_AD).where(_AD.c.id == document_id).values(sha256=sha))
        adopted += 1
    return adopted


def _photos(conn: Connection, folder: Path) -> int:
    if not folder.is_dir():
        return 0
    names = conn.scalars(select(_G.c.photo).where(_G.c.photo != "").distinct()).all()
    adopted = 0
    for name in names:
        if not OLD_PHOTO.match(name):
            continue
        content = _read(folder, name)
        if content is None:
            continue
        sha = put(conn, content)
        suffix = name[name.index(".") :]
        conn.execute(update(_G).where(_G.c.photo == name).values(photo=f"{sha}{suffix}"))
        adopted += 1
    return adopted


def _read(folder: Path, *parts: str) -> bytes | None:
    if not all(_PLAIN.match(p) and p not in (".", "..") for p in parts):
        return None
    try:
        return folder.joinpath(*parts).read_bytes()
    except OSError:  # gone, unreadable, a folder: it stays missing, as it was
        return None
