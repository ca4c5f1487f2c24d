"""The receiving side of a handover: a colleague's package merged into this database.

`inspect` reads a package and checks all of it (see `handover_package`) without touching the
database; `apply` checks it again (the file may have changed since), then merges it by id in
one write transaction (see `handover_merge` for the rules), with the bytes of the agreement
documents and gift photos it carries, each checked once more. A dry run does all of the work
and rolls it back: its report is the real run's.

Files are kept by their content: a document of ours that gives way to the package's keeps its
bytes in the database, which the version of it kept in the record's history names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import update
from sqlmodel import Session

from crm.domain.text import DomainError
from crm.services.acting import Acting
from crm.services.directory import DirectoryService
from crm.services.handover_merge import Merge, MergeResult
from crm.services.handover_package import (
    BAD_DATA,
    CheckedPackage,
    read_member,
    read_package,
)
from crm.services.handover_records import BadData, Incoming, read_records
from crm.services.photos import sha_of
from crm.store import files as files_q
from crm.store.agreements import AD
from crm.store.database import Database

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class HandoverPackage:
    owner: str  # who left (name in the manifest)
    created_at: str  # ISO timestamp from the manifest
    format_version: int
    counts: dict[str, int]  # the manifest's counts: "contacts.json", "calendar.ics", "documents"…


@dataclass(frozen=True)
class HandoverConflict:
    kind: str  # "contacts", "partnerships", ... (the JSON file's stem)
    id: str
    label: str  # the record's name for people to read
    kept: str  # "theirs" (the package's version won) or "ours" (the database's version won)


@dataclass
class HandoverReport:
    owner: str
    successor: str
    dry_run: bool
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    conflicts: list[HandoverConflict] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The report of `crm handover import --json`."""
        return {
            "owner": self.owner,
            "successor": self.successor,
            "dry_run": self.dry_run,
            "created": dict(self.created),
            "updated": dict(self.updated),
            "unchanged": dict(self.unchanged),
            "conflicts": [
                {"kind": c.kind, "id": c.id, "label": c.label, "kept": c.kept}
                for c in self.conflicts
            ],
        }


class HandoverImportService:
    def __init__(self, db: Database, *, acting: Acting | None = None) -> None:
        self.db = db
        # Who imports: a record whose owner the import changes names them as its last editor.
        self.acting = acting if acting is not None else Acting()

    def inspect(self, path: Path) -> HandoverPackage:
        """Who handed over, when, and what the package holds, once all of it is checked;
        raises DomainError with one sentence."""
        package = read_package(Path(path))
        _records(package)
        return HandoverPackage(
            owner=package.owner,
            created_at=package.created_at,
            format_version=package.format_version,
            counts=dict(package.counts),
        )

    def apply(
        self,
        path: Path,
        *,
        successor: str | None = None,
        dry_run: bool = False,
        progress: Progress | None = None,
    ) -> HandoverReport:
        """Merge the package into the database; `successor` (a staff member's name) takes over
        what the leaving owner held, by default the owner themself (added to the staff if
        need be). `progress(done, total)` is called on the caller's thread now and then; an
        exception from it abandons the import and changes nothing."""
        package = read_package(Path(path))
        incoming = _records(package)
        taker = DirectoryService(self.db).named_staff(successor).name if successor else None
        counter = _Counter(progress, _total(incoming))
        with self.db.write() as session:
            merge = Merge(
                session,
                incoming,
                package_name=package.path.name,
                owner=package.owner,
                successor=taker or package.owner,
                reason=f"handover import from {package.owner}",
                acting=self.acting.stamp,
                tick=counter.tick,
            )
            result = merge.run()
            if dry_run:
                session.rollback()
            else:
                _keep_files(session, package, incoming, result.documents, counter)
        counter.finish()
        return _report(package, result, dry_run=dry_run)


def _keep_files(
    session: Session,
    package: CheckedPackage,
    incoming: Incoming,
    documents: list[str],
    counter: _Counter,
) -> None:
    """The bytes of the documents the merge wrote and of the gifts' photos, inside the
    import's transaction, each checked once more on the way (the package may have changed
    since it was first read); and those of a document the database holds unchanged but
    without its file (attached before files were kept in the database, elsewhere)."""
    written = set(documents)
    kept = files_q.kept(session, package.sha256.values())
    for document_id, member in incoming.files.items():
        sha = package.sha256[member]  # what read_member checks the bytes against
        if sha not in kept:
            files_q.put(session, read_member(package, member))
            kept.add(sha)
        if document_id in written:
            session.execute(update(AD).where(AD.c.id == document_id).values(sha256=sha))
            counter.tick(1)
    for member, sha in package.sha256.items():
        # A photo is named by its checksum: one whose bytes are not what its name says is
        # not a photo any gift can name, and is left out.
        photo = member.startswith("photos/") and sha_of(member.removeprefix("photos/")) == sha
        if photo and sha not in kept:
            files_q.put(session, read_member(package, member))
            kept.add(sha)


class _Counter:
    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0
        self._report()

    def tick(self, count: int) -> None:
        self.done = min(self.done + count, self.total)
        self._report()

    def finish(self) -> None:
        self.done = self.total
        self._report()

    def _report(self) -> None:
        if self.progress is not None:
            self.progress(self.done, self.total)


def _records(package: CheckedPackage) -> Incoming:
    """The package's rows; a document said to be in the package must be one of its files."""
    taken_at = _moment(package.created_at)
    try:
        incoming = read_records(package.data, taken_at=taken_at)
        if not set(incoming.files.values()) <= set(package.sha256):
            raise BadData("agreements.json")
    except BadData as bad:
        raise DomainError(BAD_DATA.with_params(name=package.path.name, member=bad.member)) from None
    return incoming


def _moment(value: str) -> dt.datetime:
    """The package's creation time: what a record without timestamps is dated."""
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return dt.datetime.now(dt.UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _total(incoming: Incoming) -> int:
    records = sum(len(r) for r in incoming.records.values())
    return records + len(incoming.templates) + len(incoming.files)


def _report(package: CheckedPackage, result: MergeResult, *, dry_run: bool) -> HandoverReport:
    return HandoverReport(
        owner=package.owner,
        successor=result.successor,
        dry_run=dry_run,
        created=result.created,
        updated=result.updated,
        unchanged=result.unchanged,
        conflicts=[HandoverConflict(*c) for c in result.conflicts],
    )
