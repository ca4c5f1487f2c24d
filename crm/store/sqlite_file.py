"""What a file on disk is, told from its first hundred bytes before SQLite is let near it.

Runs at every start, so it must cost nothing on a database of a hundred megabytes: no
integrity check, only the header. The 16-byte magic tells a SQLite file from anything else;
the page size times the "in-header database size" (trusted when the change counter and the
version-valid-for number agree, as every SQLite since 3.7.0 keeps them) tells a whole file from
one cut short when the computer stopped. A write-ahead log beside the file may hold pages the
file has not received yet (a checkpoint interrupted halfway), so with a non-empty log the size
proves nothing and SQLite is left to judge.
"""

from __future__ import annotations

import enum
import struct
from pathlib import Path

MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


class Verdict(enum.Enum):
    NEW = "new"  # no file, or an empty one: SQLite makes a new database in it
    SQLITE = "sqlite"  # a SQLite file that looks whole
    FOREIGN = "foreign"  # not a SQLite file at all
    DAMAGED = "damaged"  # a SQLite file, cut short or with a broken header


def examine(path: Path) -> Verdict:
    """The file's verdict; an OSError (the file cannot be read) is the caller's to report."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return Verdict.NEW
    if size == 0:
        return Verdict.NEW
    with path.open("rb") as handle:
        header = handle.read(HEADER_SIZE)
    if len(header) < HEADER_SIZE:
        # The start of a SQLite file and nothing more is a database cut short.
        return Verdict.DAMAGED if MAGIC.startswith(header[: len(MAGIC)]) else Verdict.FOREIGN
    if header[: len(MAGIC)] != MAGIC:
        return Verdict.FOREIGN
    page_size = _page_size(header)
    if page_size is None:
        return Verdict.DAMAGED
    pages = _declared_pages(header)
    if pages is not None and pages * page_size > size and not _has_log(path):
        return Verdict.DAMAGED
    return Verdict.SQLITE


def _page_size(header: bytes) -> int | None:
    (value,) = struct.unpack(">H", header[16:18])
    size = 65536 if value == 1 else value
    if size < 512 or size & (size - 1):
        return None
    return size


def _declared_pages(header: bytes) -> int | None:
    """The in-header database size, or None when the header says it cannot be trusted."""
    (pages,) = struct.unpack(">I", header[28:32])
    if pages == 0 or header[24:28] != header[92:96]:
        return None
    return int(pages)


def _has_log(path: Path) -> bool:
    try:
        return path.with_name(path.name + "-wal").stat().st_size > 0
    except OSError:
        return False
