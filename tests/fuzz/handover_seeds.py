"""Handover packages to fuzz from, and the ways a package is rebuilt after a change.

The packages are real exports of the sample office. `rebuilt` writes a package again from its
files, the manifest's checksums made anew as a forger who knows the format would, so that a
change inside a JSON file gets past the checksums and reaches the checks of its contents.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

TODAY = dt.date(2026, 11, 25)
LOUISE = "Louise Dahl Nielsen"
MANIFEST = "manifest.json"
Files = dict[str, bytes]


def handover_packages(folder: Path) -> list[bytes]:
    from crm.services.bundle import Services
    from crm.services.demo import load_demo
    from crm.services.handover import HandoverService

    services = Services.open(str(folder / "office.sqlite3"))
    try:
        load_demo(services.db)
        first = folder / "first.zip"
        HandoverService(services.db).export(LOUISE, first, today=TODAY)
        agreement = json.loads(files_of(first.read_bytes())["agreements.json"])[0]["id"]
        document = folder / "Memorandum of Understanding.pdf"
        document.write_bytes(b"%PDF-1.7\n" + b"an agreement, signed\n" * 50)
        services.agreements.attach_document(agreement, document)
        whole = folder / "louise.zip"
        HandoverService(services.db).export(LOUISE, whole, today=TODAY)
    finally:
        services.db.dispose()
    package = whole.read_bytes()
    return [package, small(package)]


def small(package: bytes) -> bytes:
    """Louise's contacts and organisations, and her first partnership with its agreements."""
    files = files_of(package)
    data = {name: json.loads(files[name]) for name in files if name.endswith(".json")}
    partnership = data["partnerships.json"][0]
    partnership["gifts"] = []
    data["partnerships.json"] = [partnership]
    data["agreements.json"] = [
        a for a in data["agreements.json"] if a.get("partnership") == partnership["id"]
    ]
    for name in ("delegations.json", "interactions.json", "follow_ups.json"):
        data[name] = []
    for contact in data["contacts.json"]:
        contact["gifts"] = []
    for name, items in data.items():
        if name != MANIFEST:
            files[name] = json_bytes(items)
    return rebuilt(files)


def files_of(package: bytes) -> Files:
    """The members of a package, by name (a fresh dict: callers change it)."""
    return dict(_members(package))


@functools.lru_cache(maxsize=8)
def _members(package: bytes) -> Files:
    """Unpacked once per package: most cases start from one of two."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def json_bytes(value: Any) -> bytes:
    """JSON as the export writes it; with "\\u" escapes where text holds what UTF-8 cannot."""
    try:
        return json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, put there by a forged value
        return json.dumps(value).encode("ascii")


def rebuilt(files: Files, *, checksums: bool = True, method: int = zipfile.ZIP_STORED) -> bytes:
    """A zip of these files; with `checksums` the manifest lists them anew (when it can still
    be read as a manifest)."""
    files = dict(files)
    if checksums and MANIFEST in files:
        try:
            manifest = json.loads(files[MANIFEST])
        except (ValueError, RecursionError):  # not JSON, or nested past any depth
            manifest = None
        if isinstance(manifest, dict):
            manifest["sha256"] = {
                name: hashlib.sha256(content).hexdigest()
                for name, content in files.items()
                if name != MANIFEST
            }
            files[MANIFEST] = json_bytes(manifest)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, content in files.items():
            archive.writestr(member_info(name, method), content)
    return buffer.getvalue()


def member_info(name: str, method: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, (2026, 11, 25, 9, 0, 0))
    info.compress_type = method
    return info
