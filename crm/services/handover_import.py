"""The receiving side of a handover: a colleague's package merged into this database.

`inspect` reads a package and checks all of it (see `handover_package`) without touching the
database; `apply` checks it again (the file may have changed since), then merges it by id in
one write transaction (see `handover_merge` for the rules), and only then, once every
checksum held, restores the agreement documents beside the database. A dry run does all of the
work and rolls it back, writing no file: its report is the real run's.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crm.domain.text import QT_TRANSLATE_NOOP, DomainError
from crm.services.acting import Acting
from crm.services.agreements import AgreementService
from crm.services.directory import DirectoryService
from crm.services.handover_merge import Merge, MergeResult, Placement
from crm.services.handover_package import (
    BAD_DATA,
    CheckedPackage,
    read_package,
    unpack_member,
)
from crm.services.handover_records import BadData, Incoming, read_records
from crm.store.database import Database

Progress = Callable[[int, int], None]

CANNOT_RESTORE = QT_TRANSLATE_NOOP(
    "HandoverImport",
    "The document “{name}” could not be written to the documents folder, so nothing was imported: {reason}",
)


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
        files = _Files()
        try:
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
                    self._restore(package, incoming, result.placements, files, counter)
        except BaseException:
            files.undo()
            raise
        counter.finish()
        return _report(package, result, dry_run=dry_run)

    def _restore(
        self,
        package: CheckedPackage,
        incoming: Incoming,
        placements: list[Placement],
        files: _Files,
        counter: _Counter,
    ) -> None:
        """The documents' files, inside the transaction: a file that cannot be written undoes
        the import. A different file already under the name is moved aside, never lost."""
        folder = AgreementService(self.db).documents_folder()
        for placement in placements:
            member = incoming.files.get(placement.document_id)
            if member is None:
                continue
            target = folder / placement.agreement_id / placement.stored_name
            try:
                self._restore_one(package, member, target, placement.ours_lost, files)
            except OSError as error:
                reason = error.strerror or str(error)
                text = CANNOT_RESTORE.with_params(name=placement.stored_name, reason=reason)
                raise DomainError(text) from error
            counter.tick(1)

    @staticmethod
    def _restore_one(
        package: CheckedPackage, member: str, target: Path, ours_lost: bool, files: _Files
    ) -> None:
        if target.exists():
            if not ours_lost or _sha256(target) == package.sha256[member]:
                return
            files.move_aside(target)
        unpack_member(package, member, target)
        files.written.append(target)


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


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


class _Files:
    """The files an import wrote and moved, to put back as they were if it fails."""

    def __init__(self) -> None:
        self.written: list[Path] = []
        self.moved: list[tuple[Path, Path]] = []

    def move_aside(self, target: Path) -> None:
        """The file that gave way, kept under the next free numbered name beside it."""
        number = 2
        while (aside := target.with_name(_numbered(target.name, number))).exists():
            number += 1
        target.replace(aside)
        self.moved.append((aside, target))

    def undo(self) -> None:
        for path in reversed(self.written):
            path.unlink(missing_ok=True)
        for aside, target in reversed(self.moved):
            aside.replace(target)


def _numbered(name: str, number: int) -> str:
    """ "MoU (2).pdf", as the documents folder numbers a name already taken."""
    stem, dot, suffix = name.rpartition(".")
    return f"{stem} ({number}).{suffix}" if dot and stem else f"{name} ({number})"
