"""Import contacts from a vCard, CSV or XLSX file.

Each card or row becomes a contact, or updates the contact it matches (the same UUID, the same
e-mail address, or the same name in Latin letters or in Chinese, ignoring accents and case), so
importing a file twice creates nothing the second time. A bad card or row is reported with its
line and skipped; the rest is written in one transaction, so a failure halfway (a full disk)
leaves the database as it was. A dry run does all of the work and then rolls it back.

A spreadsheet's columns are matched to fields by their headers (`columns`); `preview` shows a
person the headers Liaison does not know, and the `mapping` they choose goes to `import_file`.
The rows and cards that could not be imported can be written back out as a file of their own
kind (`ImportReport.write_rejected`), to be fixed and imported again.
"""

from __future__ import annotations

import csv
import errno
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select
from sqlmodel import Session

from crm.domain.contacts import TOO_LONG, ContactDraft, ContactStatus
from crm.domain.dates import CalendarKind, parse_loose_date
from crm.domain.names import has_han
from crm.domain.search import fold, name_keys
from crm.domain.text import QT_TRANSLATE_NOOP, DomainError, Text, Translator, ValidationErrors
from crm.i18n import normalise_language
from crm.services.acting import Acting
from crm.services.changes import Changes
from crm.services.contact_rows import ContactRows, current_drafts
from crm.services.contacts import insert_contact, update_contact
from crm.services.exchange.brief import brief, brief_params
from crm.services.exchange.columns import (
    ERROR_HEADER,
    FIELDS,
    fields_for,
    is_error_column,
    is_known,
)
from crm.services.exchange.formulas import csv_cell, xlsx_cell
from crm.services.exchange.readers import (
    FileLayout,
    RawRecord,
    file_kind,
    is_uuid,
    read_records,
    sample_rows,
)
from crm.services.exchange.workbook import EXCEL_COLUMNS
from crm.services.exchange.writers import replacing
from crm.store.database import Database
from crm.store.models import Contact, ContactEmail, ContactPhone, ContactTag, Organisation, Staff

NO_CONTACTS = QT_TRANSLATE_NOOP("Import", "“{name}” holds no contacts.")
CARD_UNREADABLE = QT_TRANSLATE_NOOP("Import", "This entry cannot be read: {reason}")
UNKNOWN_FIELD = QT_TRANSLATE_NOOP("Import", "“{field}” is not a field Liaison can import into.")
NOT_WRITTEN = QT_TRANSLATE_NOOP("Import", "“{name}” could not be written: {reason}")
NO_COLUMN_LEFT = QT_TRANSLATE_NOOP(
    "Import",
    "The rows that were not imported cannot be written to “{name}”: they fill every column an Excel sheet has, leaving none to say what was wrong.",
)
TOO_WIDE = QT_TRANSLATE_NOOP(
    "Import", "“{value}” is longer than Liaison keeps here (at most {limit} characters)."
)

# What a column can be imported as, in the order a person looks for it, with its label.
MAPPABLE_FIELDS: tuple[tuple[str, Text], ...] = (
    ("family_name", QT_TRANSLATE_NOOP("Import", "Family name")),
    ("given_name", QT_TRANSLATE_NOOP("Import", "Given name")),
    ("middle_name", QT_TRANSLATE_NOOP("Import", "Middle name")),
    ("name", QT_TRANSLATE_NOOP("Import", "Full name (split into family and given name)")),
    ("name_zh", QT_TRANSLATE_NOOP("Import", "Chinese name")),
    ("honorific", QT_TRANSLATE_NOOP("Import", "Honorific (Mr, Ms, Dr…)")),
    ("position", QT_TRANSLATE_NOOP("Import", "Position")),
    ("position_zh", QT_TRANSLATE_NOOP("Import", "Position in Chinese")),
    ("organisation", QT_TRANSLATE_NOOP("Import", "Organisation")),
    ("emails", QT_TRANSLATE_NOOP("Import", "E-mail addresses")),
    ("phones", QT_TRANSLATE_NOOP("Import", "Phone numbers")),
    ("wechat", QT_TRANSLATE_NOOP("Import", "WeChat ID")),
    ("language", QT_TRANSLATE_NOOP("Import", "Preferred language")),
    ("birthday", QT_TRANSLATE_NOOP("Import", "Birthday")),
    ("birthday_calendar", QT_TRANSLATE_NOOP("Import", "Birthday calendar (Gregorian or lunar)")),
    ("birthday_leap_month", QT_TRANSLATE_NOOP("Import", "Birthday in a leap month (yes or no)")),
    ("tags", QT_TRANSLATE_NOOP("Import", "Tags")),
    ("notes", QT_TRANSLATE_NOOP("Import", "Notes")),
    ("owner", QT_TRANSLATE_NOOP("Import", "Owner (staff member)")),
    ("status", QT_TRANSLATE_NOOP("Import", "Status (active, moved on, deceased)")),
    ("id", QT_TRANSLATE_NOOP("Import", "Liaison contact ID")),
)

_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "mx", "herr", "frau", "hr", "fr"}
_STATUSES = {
    "active": ContactStatus.ACTIVE,
    "在职": ContactStatus.ACTIVE,
    "moved_on": ContactStatus.MOVED_ON,
    "moved on": ContactStatus.MOVED_ON,
    "已调离": ContactStatus.MOVED_ON,
    "调离": ContactStatus.MOVED_ON,
    "deceased": ContactStatus.DECEASED,
    "已故": ContactStatus.DECEASED,
}
_TRUE = {"1", "true", "yes", "y", "x", "是", "闰", "闰月"}


@dataclass(frozen=True)
class ImportProblem:
    line: int
    message: Text
    # What the rejected row or card held as read (its cells, or its text), to write it back.
    original: tuple[str, ...] | str | None = None


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[ImportProblem] = field(default_factory=list)
    dry_run: bool = False
    contact_ids: list[str] = field(default_factory=list)
    # How the imported file was written (None when it was not a contacts file).
    layout: FileLayout | None = None

    def as_dict(self, translate: Translator | None = None) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "errors": [
                {"line": p.line, "message": p.message.render(translate)} for p in self.errors
            ],
            "dry_run": self.dry_run,
        }

    @property
    def rejected(self) -> list[ImportProblem]:
        """The problems whose row or card can be written to a rejected-rows file."""
        if self.layout is None:
            return []
        return [p for p in self.errors if p.original is not None]

    @property
    def rejected_suffix(self) -> str:
        """The file name suffix of the rejected-rows file: that of the file imported."""
        kind = self.layout.kind if self.layout else "csv"
        if kind in ("vcard", "xlsx"):
            return ".vcf" if kind == "vcard" else ".xlsx"
        # Excel opens a tab-separated ".txt" (its "Unicode text") but not a ".csv" of tabs.
        return ".txt" if self.layout and self.layout.delimiter == "\t" else ".csv"

    def write_rejected(self, path: Path, translate: Translator | None = None) -> int:
        """Write the rows or cards that were not imported, to fix and import again; how many.

        The file is of the imported file's kind. A CSV keeps the header row and delimiter,
        with a last column "error" (which the importer leaves out when the file comes back)
        saying what was wrong, in UTF-8 with a byte-order mark so that Excel shows Chinese.
        An Excel sheet gives a sheet of the same columns, every cell as text. vCards are
        written as they were: a vCard has no place for a remark that is not part of the
        contact, so their problems are only in the report. The file appears whole or not at
        all; with nothing rejected, nothing is written.
        """
        rejected = self.rejected
        if self.layout is None or not rejected:
            return 0
        try:
            _write_rejected(path, self.layout, rejected, translate)
        except OSError as error:
            if error.errno == errno.ENOSPC:
                raise  # "the disk is full", as every operation says it
            reason = error.strerror or str(error)
            raise DomainError(NOT_WRITTEN.with_params(name=path.name, reason=reason)) from error
        return len(rejected)


def _write_rejected(
    path: Path, layout: FileLayout, rejected: list[ImportProblem], translate: Translator | None
) -> None:
    if layout.kind == "vcard":
        with replacing(path, "w", encoding="utf-8", newline="") as handle:
            for problem in rejected:
                text = str(problem.original)
                line_end = "\r\n" if "\r\n" in text else "\n"
                handle.write(text if text.endswith(("\n", "\r")) else text + line_end)
        return
    header, rows = _rejected_rows(layout.header, rejected, translate)
    if layout.kind == "xlsx":
        if len(header) > EXCEL_COLUMNS:
            raise DomainError(NO_COLUMN_LEFT.with_params(name=path.name))
        with replacing(path, "wb") as binary:
            _write_sheet(binary, header, rows)
    else:
        with replacing(path, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=layout.delimiter)
            writer.writerows([[csv_cell(c) for c in row] for row in [header, *rows]])


def _rejected_rows(
    header: tuple[str, ...], rejected: list[ImportProblem], translate: Translator | None
) -> tuple[list[str], list[list[str]]]:
    """The header and rows of a rejected-rows sheet, each row's problem in the error column.

    A file that is itself a rejected-rows file keeps its one error column, with new problems.
    """
    # Without the empty cells at their ends: a stray cell far to the right of a sheet made
    # every row (and the header) as wide as the sheet's last column.
    cells = [_trimmed(list(p.original or ())) for p in rejected]
    named = _trimmed(list(header))
    width = max([len(named), *(len(c) for c in cells)])
    columns = [*named, *[""] * (width - len(named))]
    at = next((i for i, h in enumerate(columns) if is_error_column(h)), None)
    if at is None:
        at = width
        columns.append(ERROR_HEADER)
    rows = []
    for problem, row in zip(rejected, cells, strict=True):
        row += [""] * (len(columns) - len(row))
        row[at] = problem.message.render(translate)
        rows.append(row)
    return columns, rows


def _trimmed(cells: list[str]) -> list[str]:
    while cells and not cells[-1].strip():
        cells.pop()
    return cells


def _write_sheet(handle: IO[bytes], header: list[str], rows: list[list[str]]) -> None:
    """An Excel workbook of text cells: Excel must not turn "1986-10" into a date, nor a cell
    starting with "=" into a formula (`formulas`)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("rejected")
    sheet.freeze_panes = "A2"

    def bold(value: str) -> Any:
        cell = xlsx_cell(sheet, value)
        if cell is None:
            return None
        if isinstance(cell, str):
            cell = WriteOnlyCell(sheet, value=cell)
        cell.font = Font(bold=True)
        return cell

    sheet.append([bold(h) for h in header])
    for row in rows:
        sheet.append([xlsx_cell(sheet, value) for value in row])
    workbook.save(handle)


@dataclass(frozen=True)
class ImportColumn:
    """A column of a sheet to import, as the column-mapping step shows it."""

    header: str
    index: int  # its place in the header row (and in `ImportPreview.rows`)
    field: str | None  # what it is imported as unless a mapping says otherwise
    known: bool  # whether Liaison knows the header (a field, or a column it leaves out)
    samples: tuple[str, ...]  # its first values that are not empty


@dataclass(frozen=True)
class ImportPreview:
    """What a file holds before it is imported: for a sheet, its columns and first rows."""

    kind: str  # "vcard", "csv" or "xlsx"
    columns: tuple[ImportColumn, ...] = ()
    line: int = 0  # the header's line
    rows: tuple[tuple[str, ...], ...] = ()  # the first rows under the header

    @property
    def unknown(self) -> list[str]:
        """The headers Liaison does not know, which a person should map or leave out."""
        return [c.header for c in self.columns if not c.known]

    @property
    def needs_mapping(self) -> bool:
        return bool(self.unknown)

    @property
    def mapping(self) -> dict[str, str | None]:
        """The automatic mapping, header → field (None: left out)."""
        return {c.header: c.field for c in self.columns}


class _Directory:
    """Existing contacts, organisations and staff, looked up by what an import knows of them."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.by_id: set[str] = set()
        self.by_email: dict[str, str] = {}
        self.by_name: dict[str, str] = {}
        self._keys: dict[tuple[str, str, str], set[str]] = {}
        table = Contact.__table__  # type: ignore[attr-defined]
        for contact_id, family, given, name_zh in session.execute(
            select(table.c.id, table.c.family_name, table.c.given_name, table.c.name_zh)
        ):
            self.remember(
                contact_id, family_name=family, given_name=given, name_zh=name_zh, emails=()
            )
        emails = ContactEmail.__table__  # type: ignore[attr-defined]
        for contact_id, address in session.execute(select(emails.c.contact_id, emails.c.address)):
            self.by_email.setdefault(address.casefold(), contact_id)
        self.organisations: dict[str, str] = {}
        for org in session.execute(select(Organisation)).scalars():
            for name in (org.name, org.name_zh):
                if name:
                    self.organisations.setdefault(name.casefold(), org.id)
        self.staff = {s.name.casefold(): s.id for s in session.execute(select(Staff)).scalars()}
        # The drafts of the contacts the import has matched or made, as they now are.
        self.current: dict[str, ContactDraft] = {}

    def read_current(self, entries: list[_Entry]) -> None:
        """Read at once every contact in the database that these entries match.

        Before the import remembers anything, a match can only be a contact in the database;
        and the contact an entry matches once the import has begun is one of these, or one
        the import made (a name or address remembered never displaces one already known)."""
        found = {self.match(contact_id, draft) for _record, contact_id, draft in entries}
        self.current.update(current_drafts(self.session, [i for i in found if i]))

    def current_of(self, contact_id: str) -> ContactDraft:
        if contact_id not in self.current:  # not expected (see `read_current`), but cheap
            self.current.update(current_drafts(self.session, [contact_id]))
        return self.current[contact_id]

    def remember(
        self, contact_id: str, *, family_name: str, given_name: str, name_zh: str, emails: Any
    ) -> None:
        self.by_id.add(contact_id)
        for key in self._name_keys(family_name, given_name, name_zh):
            self.by_name.setdefault(key, contact_id)
        for address in emails:
            self.by_email.setdefault(address.casefold(), contact_id)

    def match(self, contact_id: str | None, draft: ContactDraft) -> str | None:
        if contact_id and contact_id in self.by_id:
            return contact_id
        for address in draft.emails:
            if address.casefold() in self.by_email:
                return self.by_email[address.casefold()]
        for key in sorted(self._name_keys(draft.family_name, draft.given_name, draft.name_zh)):
            if key in self.by_name:
                return self.by_name[key]
        return None

    def _name_keys(self, family_name: str, given_name: str, name_zh: str) -> set[str]:
        """`name_keys`, once per name: an entry is matched twice and then remembered."""
        name = (family_name, given_name, name_zh)
        if name not in self._keys:
            self._keys[name] = name_keys(
                family_name=family_name, given_name=given_name, name_zh=name_zh
            )
        return self._keys[name]

    def organisation(self, name: str) -> str:
        key = name.casefold()
        if key not in self.organisations:
            org = Organisation(name=name, name_zh=name if has_han(name) else "")
            self.session.add(org)
            self.session.flush()
            self.organisations[key] = org.id
        return self.organisations[key]

    def owner(self, name: str) -> str:
        key = " ".join(name.split()).casefold()
        if key not in self.staff:
            member = Staff(name=" ".join(name.split()))
            self.session.add(member)
            self.session.flush()
            self.staff[key] = member.id
        return self.staff[key]


class ContactImporter:
    def __init__(self, db: Database, *, acting: Acting | None = None) -> None:
        self.db = db
        # Who imports: named on the contacts added or changed, as an editor's save is.
        self.acting = acting if acting is not None else Acting()

    def preview(self, path: Path, *, rows: int = 5) -> ImportPreview:
        """The columns of a CSV or Excel file with their automatic fields and first values;
        a vCard has nothing to map. Reads the file, writes nothing."""
        kind = file_kind(path)
        if kind is None:
            raise DomainError(NO_CONTACTS.with_params(name=path.name))
        if kind == "vcard":
            return ImportPreview(kind)
        line, header, samples = sample_rows(path, kind, count=rows)
        if not header:
            raise DomainError(NO_CONTACTS.with_params(name=path.name))
        columns: list[ImportColumn] = []
        seen: set[str] = set()
        for index, (text, automatic) in enumerate(zip(header, fields_for(header), strict=True)):
            name = text.strip()
            if not name or name in seen:  # a mapping names a column by its header
                continue
            seen.add(name)
            values = tuple(r[index].strip() for r in samples if len(r) > index)
            columns.append(
                ImportColumn(
                    header=name,
                    index=index,
                    field=automatic,
                    known=is_known(name),
                    samples=tuple(v for v in values if v),
                )
            )
        return ImportPreview(kind, tuple(columns), line=line, rows=tuple(tuple(r) for r in samples))

    def import_file(
        self,
        path: Path,
        *,
        dry_run: bool = False,
        mapping: Mapping[str, str | None] | None = None,
    ) -> tuple[ImportReport, Changes]:
        """Import a file; `mapping` (header → field, or None to leave the column out) is used
        instead of the automatic field of those headers of a sheet."""
        for target in (mapping or {}).values():
            if target is not None and target not in FIELDS:
                raise DomainError(UNKNOWN_FIELD.with_params(field=target))
        layout = FileLayout(kind="")
        records = list(read_records(path, mapping=mapping, layout=layout))
        if not records:
            raise DomainError(NO_CONTACTS.with_params(name=path.name))
        report = ImportReport(dry_run=dry_run, layout=layout)
        with self.db.write() as session:
            directory = _Directory(session)
            # Every entry read first, then the contacts they match read at once; the rows are
            # written together at the end (`ContactRows`), in the same transaction.
            entries = [_entry(record, directory) for record in records]
            directory.read_current([e for e in entries if not isinstance(e, ImportProblem)])
            rows = ContactRows(session)
            for entry in entries:
                self._import_one(session, directory, rows, entry, report)
            rows.flush()
            if dry_run:
                session.rollback()
        changed = frozenset() if dry_run else frozenset(report.contact_ids)
        return report, Changes(contacts=changed, organisations=bool(changed), staff=bool(changed))

    def _import_one(
        self,
        session: Session,
        directory: _Directory,
        rows: ContactRows,
        entry: _Entry | ImportProblem,
        report: ImportReport,
    ) -> None:
        if isinstance(entry, ImportProblem):
            report.errors.append(entry)
            return
        record, contact_id, draft = entry
        existing = directory.match(contact_id, draft)
        if existing is None:
            new = insert_contact(
                session, draft, contact_id=contact_id, rows=rows, updated_by=self.acting.stamp
            )
            directory.remember(
                new,
                family_name=draft.family_name,
                given_name=draft.given_name,
                name_zh=draft.name_zh,
                emails=draft.emails,
            )
            directory.current[new] = draft
            report.created += 1
            report.contact_ids.append(new)
            return
        current = directory.current_of(existing)
        merged = _merge(current, draft)
        if merged == current:
            report.skipped += 1
            return
        try:
            merged = merged.validate(contact_id=existing)
        except ValidationErrors as errors:  # e.g. the notes together grow too long
            problem = brief_params(errors.errors[0].text)
            report.errors.append(ImportProblem(record.line, problem, record.original))
            return
        update_contact(session, existing, merged, rows=rows, updated_by=self.acting.stamp)
        directory.current[existing] = merged
        directory.remember(
            existing,
            family_name=merged.family_name,
            given_name=merged.given_name,
            name_zh=merged.name_zh,
            emails=merged.emails,
        )
        report.updated += 1
        report.contact_ids.append(existing)


# A record read into a validated draft, with the contact id its file gave (if any).
_Entry = tuple[RawRecord, str | None, ContactDraft]


def _entry(record: RawRecord, directory: _Directory) -> _Entry | ImportProblem:
    """The record as a validated draft, or the problem that keeps it out.

    A problem quotes the value at fault `brief`ly: the report gives each one line.
    """
    if "_error" in record.values:
        problem = CARD_UNREADABLE.with_params(reason=brief(record.values["_error"]))
        return ImportProblem(record.line, problem, record.original)
    try:
        contact_id, draft = _draft(record.values)
        try:
            valid = draft.validate()
        except ValidationErrors as problems:
            first = problems.errors[0].text
            if (first.context, first.source) == (TOO_LONG.context, TOO_LONG.source):
                _check_widths(draft.cleaned())  # the same width, said quoting the value
            raise
        # Only now: a row refused for its e-mail address must not leave its organisation behind.
        _link(valid, record.values, directory)
        return record, contact_id, valid
    except ValidationErrors as errors:
        return ImportProblem(record.line, brief_params(errors.errors[0].text), record.original)
    except DomainError as error:
        return ImportProblem(record.line, brief_params(error.text), record.original)


def _draft(values: dict[str, Any]) -> tuple[str | None, ContactDraft]:
    family = values.get("family_name", "")
    given = " ".join(p for p in (values.get("given_name", ""), values.get("middle_name", "")) if p)
    name_zh = values.get("name_zh", "")
    name = values.get("name", "")
    honorific = values.get("honorific", "")
    if name_zh and not has_han(name_zh):
        name, name_zh = name or name_zh, ""
    # Phones and Chinese address books put 王 in the family and 芳 in the given name.
    if not name_zh and has_han(family + given):
        name_zh = "".join((family + given).split())
        family, given = (
            ("", "") if has_han(family) and (not given or has_han(given)) else (family, given)
        )
    if not (family or given or name_zh) and name:
        if has_han(name):
            name_zh = "".join(name.split())
        else:
            words = name.split()
            if len(words) > 1 and words[0].rstrip(".").casefold() in _HONORIFICS:
                honorific = honorific or words.pop(0)
            family = words[-1] if words else ""
            given = " ".join(words[:-1])
    position, position_zh = values.get("position", ""), values.get("position_zh", "")
    if position_zh and not has_han(position_zh) and not position:
        position, position_zh = position_zh, ""  # a "职务" column holding "Direktør"
    if position and has_han(position) and not position_zh:
        position, position_zh = "", position  # a phone's TITLE or Google's title "副处长"
    draft = ContactDraft(
        family_name=family,
        given_name=given,
        name_zh=name_zh,
        honorific=honorific,
        position=position,
        position_zh=position_zh,
        emails=_unique(values.get("emails", [])),
        phones=_unique_phones(values.get("phones", [])),
        wechat=values.get("wechat", ""),
        language=normalise_code(
            values.get("language", ""), chinese_only=bool(name_zh) and not (family or given)
        ),
        tags=_unique(values.get("tags", [])),
        notes=values.get("notes", ""),
    )
    if values.get("birthday"):
        calendar = str(values.get("birthday_calendar", "")).strip().casefold()
        lunar = calendar in ("lunar", "农历", "阴历")
        draft.birthday = parse_loose_date(values["birthday"])
        draft.birthday_calendar = CalendarKind.LUNAR if lunar else CalendarKind.GREGORIAN
        draft.birthday_leap_month = (
            str(values.get("birthday_leap_month", "")).strip().casefold() in _TRUE
        )
    if values.get("status"):
        draft.status = _STATUSES.get(str(values["status"]).strip().casefold(), ContactStatus.ACTIVE)
    contact_id = is_uuid(values["id"]) if values.get("id") else None
    return contact_id, draft


def _link(draft: ContactDraft, values: dict[str, Any], directory: _Directory) -> None:
    """The draft's organisation and owner, found or created by name."""
    if values.get("organisation"):
        _fits(values["organisation"], _width(Organisation, "name"))
        draft.organisation_id = directory.organisation(values["organisation"])
    if values.get("owner"):
        _fits(" ".join(values["owner"].split()), _width(Staff, "name"))
        draft.owner_id = directory.owner(values["owner"])


def _width(model: Any, column: str) -> int:
    return int(model.__table__.c[column].type.length)


def _fits(value: str, width: int) -> None:
    if len(value) > width:
        raise DomainError(TOO_WIDE.with_params(value=value, limit=width))


def _check_widths(draft: ContactDraft) -> None:
    """The lists and the language against their columns' widths, which `ContactDraft.validate`
    checks too (a database on PostgreSQL refuses a longer value halfway through the import),
    said here in a sentence that quotes the value for the import's report."""
    for values, width in (
        (draft.emails, _width(ContactEmail, "address")),
        (draft.phones, _width(ContactPhone, "number")),
        (draft.tags, _width(ContactTag, "tag")),
        ([draft.language], _width(Contact, "language")),
    ):
        for value in values:
            _fits(value, width)


def normalise_code(value: str, *, chinese_only: bool = False) -> str:
    """A language code; with none given, Chinese for someone known only by a Chinese name."""
    text = value.strip().replace("-", "_")
    if not text:
        return "zh_CN" if chinese_only else "en"
    if text.casefold() in ("chinese", "中文", "汉语", "普通话") or text.casefold().startswith("zh"):
        return normalise_language("zh")
    return text.split("_")[0].lower() if len(text) > 3 and "_" in text else text.lower()


def _unique(values: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(value.casefold(), value)
    return list(seen.values())


_NOT_DIGIT = re.compile(r"[^\d+]")
_INTERNATIONAL = re.compile(r"^00")


def same_phone(a: str, b: str) -> bool:
    """+86 139 5510 4471 = +8613955104471 = 13955104471, and +86 551 6353 7102 = 0551-63537102:
    a phone's export writes the number a user typed, the office sheet the international form."""
    x, y = (_INTERNATIONAL.sub("+", _NOT_DIGIT.sub("", v)) for v in (a, b))
    if x == y:
        return True
    if x.startswith("+") == y.startswith("+"):
        return False
    international, national = (x, y) if x.startswith("+") else (y, x)
    national = national.lstrip("0")
    country = international[1 : len(international) - len(national)]
    return len(national) >= 7 and international.endswith(national) and 1 <= len(country) <= 3


def _unique_phones(values: list[str]) -> list[str]:
    kept: list[str] = []
    for value in values:
        if not any(same_phone(value, other) for other in kept):
            kept.append(value)
    return kept


def _merge(current: ContactDraft, incoming: ContactDraft) -> ContactDraft:
    """What the import knows wins; lists gain what they lacked; nothing known is dropped."""
    merged = replace(current)
    for name in ("family_name", "given_name"):
        # "MÜLLER" or "Muller" in a spreadsheet is the same name: keep the spelling we have.
        value = getattr(incoming, name)
        if value and fold(value) != fold(getattr(current, name)):
            setattr(merged, name, value)
    for name in (
        "name_zh",
        "honorific",
        "position",
        "position_zh",
        "wechat",
        "organisation_id",
        "owner_id",
    ):
        value = getattr(incoming, name)
        if value:
            setattr(merged, name, value)
    if incoming.notes and incoming.notes.strip() not in current.notes:
        # A colleague's notes are knowledge too: the file's notes are added below them.
        merged.notes = f"{current.notes}\n\n{incoming.notes}" if current.notes else incoming.notes
    if incoming.language and incoming.language != "en":
        merged.language = incoming.language
    if incoming.birthday:
        merged.birthday = incoming.birthday
        merged.birthday_calendar = incoming.birthday_calendar
        merged.birthday_leap_month = incoming.birthday_leap_month
    if incoming.status is not ContactStatus.ACTIVE:
        merged.status = incoming.status
    merged.emails = _unique([*current.emails, *incoming.emails])
    merged.phones = _unique_phones([*current.phones, *incoming.phones])
    merged.tags = _unique([*current.tags, *incoming.tags])
    return merged
