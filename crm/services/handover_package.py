"""Reading a handover package back, trusting nothing in it until it is checked.

A package is refused, in one sentence of its own per reason, when it is not a zip, is cut short
or damaged, is not a handover, comes from a newer Liaison, or differs in any way from what its
manifest lists: a file changed, missing or added, a name that would climb out of the folder it
is unpacked into. Sizes are checked against limits before a byte is unpacked, so that a small
zip cannot unpack to fill the disk or the memory ("zip bomb"); every read is bounded as well,
since the sizes a zip declares are the zip's own word.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from crm.domain.text import QT_TRANSLATE_NOOP, DomainError, Text
from crm.services.handover import FORMAT, FORMAT_VERSION, JSON_FILES
from crm.store.models import Staff

MANIFEST = "manifest.json"
MEMBER_LIMIT = 200 * 1024 * 1024
TOTAL_LIMIT = 1024 * 1024 * 1024
MANIFEST_LIMIT = 16 * 1024 * 1024
BLOCK = 1 << 20
_ZIP_START = b"PK\x03\x04"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_NOT_TEXT = re.compile(r"[\x00\ud800-\udfff]")

NO_FILE = QT_TRANSLATE_NOOP("HandoverImport", "There is no file “{name}” to import.")
UNREADABLE = QT_TRANSLATE_NOOP("HandoverImport", "“{name}” cannot be read: {reason}")
NOT_A_ZIP = QT_TRANSLATE_NOOP(
    "HandoverImport", "“{name}” is not a zip file: choose the handover package Liaison wrote."
)
TRUNCATED = QT_TRANSLATE_NOOP(
    "HandoverImport",
    "“{name}” is cut short, perhaps by an interrupted copy or download: copy the whole package again.",
)
DAMAGED = QT_TRANSLATE_NOOP(
    "HandoverImport",
    "“{name}” is damaged: “{member}” in it cannot be read back as it was written.",
)
NOT_A_HANDOVER = QT_TRANSLATE_NOOP("HandoverImport", "“{name}” is not a Liaison handover package.")
NEWER_FORMAT = QT_TRANSLATE_NOOP(
    "HandoverImport",
    "“{name}” was written by a newer version of Liaison: update Liaison to import it.",
)
TAMPERED = QT_TRANSLATE_NOOP(
    "HandoverImport",
    "“{name}” was changed after it was written: “{member}” is not the file its manifest lists.",
)
MISSING = QT_TRANSLATE_NOOP(
    "HandoverImport", "“{name}” is incomplete: “{member}” is missing from it."
)
EXTRA = QT_TRANSLATE_NOOP(
    "HandoverImport",
    "“{name}” was changed after it was written: it holds “{member}”, which its manifest does not list.",
)
UNSAFE_NAME = QT_TRANSLATE_NOOP(
    "HandoverImport",
    "“{name}” is refused: it holds a file named “{member}”, which would be unpacked outside its folder.",
)
TWICE = QT_TRANSLATE_NOOP("HandoverImport", "“{name}” is refused: it holds “{member}” twice.")
TOO_LARGE = QT_TRANSLATE_NOOP(
    "HandoverImport",
    "“{name}” is refused: “{member}” would unpack to more than {limit} MB.",
)
TOO_LARGE_TOTAL = QT_TRANSLATE_NOOP(
    "HandoverImport", "“{name}” is refused: it would unpack to more than {limit} MB."
)
INCOMPLETE = QT_TRANSLATE_NOOP(
    "HandoverImport",
    "“{name}” cannot be imported: “{member}” refers to records that are neither in it nor in this database.",
)
BAD_DATA = QT_TRANSLATE_NOOP(
    "HandoverImport",
    "“{name}” cannot be imported: “{member}” does not hold what a handover package holds.",
)

Item = dict[str, Any]


@dataclass(frozen=True)
class CheckedPackage:
    """A package whose every file matched its manifest when it was read."""

    path: Path
    owner: str
    created_at: str
    format_version: int
    counts: dict[str, int]
    sha256: dict[str, str]
    data: dict[str, list[Item]]  # "contacts" -> the items of contacts.json

    def refusal(self, text: Text, member: str) -> DomainError:
        return DomainError(text.with_params(name=self.path.name, member=member))


def read_package(path: Path) -> CheckedPackage:
    """Every check there is, then the data; raises DomainError with one sentence."""
    name = path.name
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError as error:
        raise DomainError(NO_FILE.with_params(name=name)) from error
    except (zipfile.BadZipFile, EOFError, ValueError) as error:
        raise DomainError(_why_not_a_zip(path)) from error
    except OSError as error:
        reason = error.strerror or str(error)
        raise DomainError(UNREADABLE.with_params(name=name, reason=reason)) from error
    with archive:
        members = _members(archive, name)
        manifest = _manifest(archive, members, name)
        sha256 = _listed(manifest, members, name)
        data = _verified_data(archive, members, sha256, name)
    counts = manifest.get("counts")
    return CheckedPackage(
        path=path,
        owner=manifest["owner"],
        created_at=manifest["created_at"],
        format_version=manifest["format_version"],
        counts={
            str(k): v
            for k, v in (counts.items() if isinstance(counts, dict) else ())
            if isinstance(v, int) and not isinstance(v, bool)
        },
        sha256=sha256,
        data=data,
    )


def _why_not_a_zip(path: Path) -> Text:
    """A zip begins with a file header and ends with its directory: a file that begins as a zip
    but has no directory at its end was cut short."""
    try:
        with path.open("rb") as handle:
            start = handle.read(len(_ZIP_START))
    except OSError:
        start = b""
    sentence = TRUNCATED if start == _ZIP_START else NOT_A_ZIP
    return sentence.with_params(name=path.name)


def unsafe(member: str) -> bool:
    """A name that could land outside the folder it is unpacked into, on any system: absolute,
    with a drive, climbing up with "..", or with a backslash (a separator on Windows)."""
    if "\x00" in member or "\\" in member or re.match(r"^[A-Za-z]:", member):
        return True
    return any(part in ("", ".", "..") for part in member.split("/"))


def _members(archive: zipfile.ZipFile, name: str) -> dict[str, zipfile.ZipInfo]:
    """The files of the zip (folders carry nothing), their names and sizes checked first."""
    members: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in archive.infolist():
        if unsafe(info.filename.rstrip("/") if info.is_dir() else info.filename):
            raise DomainError(UNSAFE_NAME.with_params(name=name, member=info.filename))
        if info.is_dir():
            continue
        if info.filename in members:
            raise DomainError(TWICE.with_params(name=name, member=info.filename))
        if info.file_size > MEMBER_LIMIT:
            limit = MEMBER_LIMIT // (1024 * 1024)
            raise DomainError(TOO_LARGE.with_params(name=name, member=info.filename, limit=limit))
        total += info.file_size
        if total > TOTAL_LIMIT:
            raise DomainError(TOO_LARGE_TOTAL.with_params(name=name, limit=TOTAL_LIMIT >> 20))
        members[info.filename] = info
    return members


def _manifest(archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], name: str) -> Item:
    info = members.get(MANIFEST)
    if info is None or info.file_size > MANIFEST_LIMIT:
        raise DomainError(NOT_A_HANDOVER.with_params(name=name))
    raw, _digest = _read(archive, info, name, keep=True)
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as error:  # not UTF-8 or JSON, or nested past any depth
        raise DomainError(NOT_A_HANDOVER.with_params(name=name)) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise DomainError(NOT_A_HANDOVER.with_params(name=name))
    version = manifest.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DomainError(NOT_A_HANDOVER.with_params(name=name))
    if version > FORMAT_VERSION:
        raise DomainError(NEWER_FORMAT.with_params(name=name))
    owner, created = manifest.get("owner"), manifest.get("created_at")
    if not isinstance(owner, str) or not owner.strip() or not isinstance(created, str):
        raise DomainError(NOT_A_HANDOVER.with_params(name=name))
    if _NOT_TEXT.search(owner):  # "\\u0000" or a lone surrogate: no database stores it
        raise DomainError(NOT_A_HANDOVER.with_params(name=name))
    if len(owner) > Staff.__table__.c.name.type.length:  # type: ignore[attr-defined]
        raise DomainError(NOT_A_HANDOVER.with_params(name=name))  # a staff member's name
    return manifest


def _listed(manifest: Item, members: dict[str, zipfile.ZipInfo], name: str) -> dict[str, str]:
    """The manifest's checksums, once the files it lists are exactly the files there are."""
    sha256 = manifest.get("sha256")
    if not isinstance(sha256, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and _SHA256.match(v) for k, v in sha256.items()
    ):
        raise DomainError(NOT_A_HANDOVER.with_params(name=name))
    for member in sorted(sha256):
        if unsafe(member):
            raise DomainError(UNSAFE_NAME.with_params(name=name, member=member))
    for member in sorted(set(sha256) - set(members)):
        raise DomainError(MISSING.with_params(name=name, member=member))
    for member in sorted(set(members) - set(sha256) - {MANIFEST}):
        raise DomainError(EXTRA.with_params(name=name, member=member))
    for member in JSON_FILES:
        if member not in sha256:
            raise DomainError(MISSING.with_params(name=name, member=member))
    return dict(sha256)


def _verified_data(
    archive: zipfile.ZipFile,
    members: dict[str, zipfile.ZipInfo],
    sha256: dict[str, str],
    name: str,
) -> dict[str, list[Item]]:
    """Every file read whole and compared with its checksum; the JSON files kept and parsed."""
    data: dict[str, list[Item]] = {}
    for member in sorted(sha256):
        keep = member in JSON_FILES
        raw, digest = _read(archive, members[member], name, keep=keep)
        if digest != sha256[member]:
            raise DomainError(TAMPERED.with_params(name=name, member=member))
        if keep:
            data[member.removesuffix(".json")] = _items(raw, name, member)
    return data


def _items(raw: bytes, name: str, member: str) -> list[Item]:
    try:
        items = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as error:  # not UTF-8 or JSON, or nested past any depth
        raise DomainError(BAD_DATA.with_params(name=name, member=member)) from error
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise DomainError(BAD_DATA.with_params(name=name, member=member))
    return items


def _read(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, *, keep: bool
) -> tuple[bytes, str]:
    """A member's bytes (when kept) and SHA-256, never more of it than it declared."""
    digest = hashlib.sha256()
    kept: list[bytes] = []
    try:
        with archive.open(info) as handle:
            _copy(handle, info, digest, kept.append if keep else None)
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError) as error:
        raise DomainError(DAMAGED.with_params(name=name, member=info.filename)) from error
    except OSError as error:
        reason = error.strerror or str(error)
        raise DomainError(UNREADABLE.with_params(name=name, reason=reason)) from error
    return b"".join(kept), digest.hexdigest()


def _copy(handle: IO[bytes], info: zipfile.ZipInfo, digest: Any, sink: Any) -> None:
    left = info.file_size
    while True:
        block = handle.read(min(BLOCK, left + 1))
        if not block:
            return
        left -= len(block)
        if left < 0:  # more than declared: not the file that was listed
            raise zipfile.BadZipFile(info.filename)
        digest.update(block)
        if sink is not None:
            sink(block)


def read_member(package: CheckedPackage, member: str) -> bytes:
    """One member's bytes, checked once more on the way: the file on disk may have changed
    since it was first read."""
    name = package.path.name
    try:
        with zipfile.ZipFile(package.path) as archive:
            raw, digest = _read(archive, archive.getinfo(member), name, keep=True)
    except (zipfile.BadZipFile, KeyError, OSError) as error:  # the zip itself changed since
        raise DomainError(DAMAGED.with_params(name=name, member=member)) from error
    if digest != package.sha256[member]:
        raise DomainError(TAMPERED.with_params(name=name, member=member))
    return raw
