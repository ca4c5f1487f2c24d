"""Partnerships and delegations in and out of CSV, XLSX and JSON: a handover dossier, a sheet kept
by hand before Liaison, or a colleague's export.

Exports use DESIGN.md's JSON shapes; a sheet has the same keys as headers, its lists in one
cell (see `exchange.history_columns`). Imports follow the contact import: each row is matched
(by id, else by name), then created, updated or skipped, so that importing a file twice adds
nothing; a bad row is reported with its line and leaves no trace; the rest is written in one
transaction; a dry run does all of the work and rolls it back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlmodel import Session

from crm.domain.text import QT_TRANSLATE_NOOP, DomainError, Text
from crm.services.changes import Changes
from crm.services.exchange.delegation_import import DelegationRows
from crm.services.exchange.history_columns import (
    DELEGATION_FIELDS,
    PARTNERSHIP_FIELDS,
    delegation_field,
    partnership_field,
)
from crm.services.exchange.history_export import (
    delegation_items,
    flat_delegation,
    flat_partnership,
    partnership_items,
)
from crm.services.exchange.partnership_import import PartnershipRows
from crm.services.exchange.tables import read_json_items, read_table, table_kind
from crm.services.exchange.writers import ExportFormat, write_listing
from crm.services.importing import ImportProblem, ImportReport
from crm.store.database import Database

NO_PARTNERSHIPS = QT_TRANSLATE_NOOP("HistoryExchange", "“{name}” holds no partnerships.")
NO_DELEGATIONS = QT_TRANSLATE_NOOP("HistoryExchange", "“{name}” holds no delegations.")
NO_PARTNERSHIP_COLUMNS = QT_TRANSLATE_NOOP(
    "HistoryExchange",
    "“{name}” has no column Liaison recognises: the first row should name the columns, "
    "e.g. partner, country, type, formalised_on, status, areas.",
)
NO_DELEGATION_COLUMNS = QT_TRANSLATE_NOOP(
    "HistoryExchange",
    "“{name}” has no column Liaison recognises: the first row should name the columns, "
    "e.g. title, direction, start, end, partnership, members.",
)
NOT_AN_OBJECT = QT_TRANSLATE_NOOP(
    "HistoryExchange", "This entry is not a record: each item of the JSON array is an object."
)

Record = tuple[int, dict[str, Any] | None]


class HistoryExchange:
    def __init__(self, db: Database) -> None:
        self.db = db

    # Export ------------------------------------------------------------------------------
    def partnerships(self) -> list[dict[str, Any]]:
        """Every partnership in DESIGN.md's shape, by partner name."""
        with self.db.session() as session:
            return partnership_items(session)

    def delegations(self) -> list[dict[str, Any]]:
        """Every delegation in DESIGN.md's shape, oldest first."""
        with self.db.session() as session:
            return delegation_items(session)

    def export_partnerships(self, fmt: ExportFormat | str, path: Path) -> int:
        """Write every partnership to `path` as json, csv or xlsx; returns how many."""
        items = self.partnerships()
        write_listing(
            path,
            fmt,
            items,
            columns=PARTNERSHIP_FIELDS,
            flatten=flat_partnership,
            sheet="Partnerships",
        )
        return len(items)

    def export_delegations(self, fmt: ExportFormat | str, path: Path) -> int:
        items = self.delegations()
        write_listing(
            path,
            fmt,
            items,
            columns=DELEGATION_FIELDS,
            flatten=flat_delegation,
            sheet="Delegations",
        )
        return len(items)

    # Import ------------------------------------------------------------------------------
    def import_partnerships(
        self, path: Path, *, dry_run: bool = False
    ) -> tuple[ImportReport, Changes]:
        """From CSV, XLSX or JSON (our export); places and owners are created as needed."""
        records = list(_records(path, partnership_field, NO_PARTNERSHIP_COLUMNS))
        if not records:
            raise DomainError(NO_PARTNERSHIPS.with_params(name=path.name))
        report = ImportReport(dry_run=dry_run)
        touched: set[str] = set()
        with self.db.write() as session:
            rows = PartnershipRows(session)
            staff_before = len(rows.lookup.staff)
            for line, values in records:
                outcome = _apply(report, line, values, rows.apply)
                if outcome:
                    touched.add(outcome[1])
            places = rows.places_changed
            staff = len(rows.lookup.staff) != staff_before
            _finish(session, dry_run)
        if dry_run or not touched:
            return report, Changes()
        return report, Changes(partnerships=frozenset(touched), places=places, staff=staff)

    def import_delegations(
        self, path: Path, *, dry_run: bool = False
    ) -> tuple[ImportReport, Changes]:
        """From JSON (our export), CSV or XLSX; the partnerships and people must be known."""
        records = list(_records(path, delegation_field, NO_DELEGATION_COLUMNS))
        if not records:
            raise DomainError(NO_DELEGATIONS.with_params(name=path.name))
        report = ImportReport(dry_run=dry_run)
        partnerships: set[str] = set()
        people: set[str] = set()
        with self.db.write() as session:
            rows = DelegationRows(session)
            for line, values in records:
                outcome = _apply(report, line, values, rows.apply)
                if outcome:
                    draft = outcome[2]
                    if draft.partnership_id:
                        partnerships.add(draft.partnership_id)
                    people.update(m.contact_id for m in draft.members)
            _finish(session, dry_run)
        if dry_run or not (report.created or report.updated):
            return report, Changes()
        return report, Changes(partnerships=frozenset(partnerships), contacts=frozenset(people))


def _records(
    path: Path, fields_of: Callable[[str], str | None], no_columns: Text
) -> Iterator[Record]:
    if table_kind(path) == "json":
        for line, item in read_json_items(path):
            if not isinstance(item, dict):
                yield line, None
                continue
            yield line, {fields_of(str(k)) or str(k): v for k, v in item.items()}
        return
    for record in read_table(path, fields_of=fields_of, no_columns=no_columns):
        yield record.line, record.values


def _apply(
    report: ImportReport,
    line: int,
    values: dict[str, Any] | None,
    apply: Callable[[dict[str, Any]], tuple[Any, ...]],
) -> tuple[Any, ...] | None:
    """Apply one record and count it; a problem is reported against its line instead."""
    if values is None:
        report.errors.append(ImportProblem(line, NOT_AN_OBJECT))
        return None
    try:
        outcome = apply(values)
    except DomainError as error:
        report.errors.append(ImportProblem(line, error.text))
        return None
    if outcome[0] == "created":
        report.created += 1
    elif outcome[0] == "updated":
        report.updated += 1
    else:
        report.skipped += 1
        return None
    return outcome


def _finish(session: Session, dry_run: bool) -> None:
    if dry_run:
        session.rollback()
