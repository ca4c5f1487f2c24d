"""The `crm` command: the scripting contract of DESIGN.md, and the way to open the window.

Exit codes: 0 success, 1 a data problem explained on stderr in one sentence, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from crm import __version__
from crm.domain.names import latin_name
from crm.domain.text import QT_TRANSLATE_NOOP, DomainError, Translator
from crm.i18n import LANGUAGES, default_language, translator

DEMO_LOADED = QT_TRANSLATE_NOOP("Cli", "Sample office loaded: {created} records added.")
DEMO_ALREADY = QT_TRANSLATE_NOOP("Cli", "The sample office is already loaded: nothing added.")
NO_CONTACTS = QT_TRANSLATE_NOOP("Cli", "No contacts found.")
CHECK_OK = QT_TRANSLATE_NOOP(
    "Cli",
    "Database {where}: integrity {integrity}, schema {current} (newest {head}), {contacts} contacts.",
)
CHECK_PENDING = QT_TRANSLATE_NOOP(
    "Cli",
    "The schema is not up to date: Liaison upgrades it (after a backup) the next time it opens the database.",
)
NO_DATABASE = QT_TRANSLATE_NOOP("Cli", "There is no database at “{where}”.")
NO_FILE = QT_TRANSLATE_NOOP("Cli", "There is no file “{name}”.")
IMPORT_DONE = QT_TRANSLATE_NOOP(
    "Cli",
    "Imported: {created} created, {updated} updated, {skipped} unchanged, {errors} with errors.",
)
IMPORT_DRY_RUN = QT_TRANSLATE_NOOP(
    "Cli",
    "Dry run, nothing changed: {created} would be created, {updated} updated, {skipped} unchanged, {errors} with errors.",
)
IMPORT_LINE = QT_TRANSLATE_NOOP("Cli", "Line {line}: {message}")
IMPORT_HAD_ERRORS = QT_TRANSLATE_NOOP(
    "Cli", "{errors} entries could not be imported; the others were."
)
DISK_PROBLEM = QT_TRANSLATE_NOOP("Cli", "The database could not be written: {reason}")
EXPORTED = {
    "contacts": QT_TRANSLATE_NOOP("Cli", "Exported {count} contacts to “{path}”."),
    "partnerships": QT_TRANSLATE_NOOP("Cli", "Exported {count} partnerships to “{path}”."),
    "delegations": QT_TRANSLATE_NOOP("Cli", "Exported {count} delegations to “{path}”."),
}
CANNOT_WRITE = QT_TRANSLATE_NOOP("Cli", "“{path}” could not be written: {reason}")
EXPORT_FORMATS = ("json", "csv", "xlsx")
BAD_AGENDA_DATE = QT_TRANSLATE_NOOP("Cli", "“{value}” is not a date: write it as 2026-11-25.")
NOTHING_DUE = QT_TRANSLATE_NOOP("Cli", "Nothing on the agenda from {date} for {days} days.")


def _common(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--database",
        default=default,
        help="a SQLite file or a SQLAlchemy URL (default: CRM_DATABASE, else the data folder)",
    )
    parser.add_argument(
        "--lang", choices=LANGUAGES, default=default, help="language of messages and titles"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crm",
        description="Liaison: the CRM of a city's international-relations office. "
        "With no command it opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"Liaison {__version__}")
    _common(parser, suppress=False)
    parser.add_argument("--minimized", action="store_true", help="start in the tray")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="load the sample office (a second run adds nothing)")
    _common(demo, suppress=True)

    contacts = commands.add_parser("contacts", help="list contacts, or those a search finds")
    _common(contacts, suppress=True)
    contacts.add_argument("--search", default="", metavar="TEXT", help="as the app's search box")
    contacts.add_argument("--json", action="store_true", help="one JSON array on stdout")
    contacts.add_argument(
        "--include-archived", action="store_true", help="list archived contacts too"
    )

    importing = commands.add_parser(
        "import",
        help="import contacts from a vCard (.vcf), CSV or Excel (.xlsx) file, or "
        "partnerships or delegations from CSV, Excel or JSON",
    )
    _common(importing, suppress=True)
    importing.add_argument("file", metavar="FILE")
    importing.add_argument(
        "--kind",
        choices=["contacts", "partnerships", "delegations"],
        default="contacts",
        help="what the file holds (default: contacts); import partnerships before delegations",
    )
    importing.add_argument("--dry-run", action="store_true", help="report only, change nothing")
    importing.add_argument("--json", action="store_true", help="the report as one JSON object")

    export = commands.add_parser(
        "export", help="export contacts, partnerships or delegations as JSON, CSV or Excel"
    )
    _common(export, suppress=True)
    export.add_argument("what", choices=["contacts", "partnerships", "delegations"])
    export.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        help="json, csv or xlsx (default: from the name of --out, else json)",
    )
    export.add_argument(
        "--out", metavar="FILE", help="the file to write (default: stdout, for json and csv)"
    )

    remind = commands.add_parser(
        "remind", help="the agenda: occasions due from a date for a number of days, and why"
    )
    _common(remind, suppress=True)
    remind.add_argument("--date", metavar="D", help="first day, YYYY-MM-DD (default: today)")
    remind.add_argument(
        "--days", type=int, default=30, metavar="N", help="how many days ahead (default: 30)"
    )
    remind.add_argument("--json", action="store_true", help="one JSON array on stdout")

    check = commands.add_parser("check", help="integrity and migration status of the database")
    _common(check, suppress=True)
    check.add_argument("--json", action="store_true", help="one JSON object on stdout")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    language = args.lang or default_language()
    if args.command is None:
        from crm.app import run_app

        return run_app(database=args.database, language=args.lang, minimized=args.minimized)
    args.language = language
    if args.command == "export":
        args.format = args.format or _format_of(args.out)
        if args.format == "xlsx" and args.out in (None, "-"):
            parser.error("an Excel export needs --out FILE")
    if args.command == "remind" and not 0 <= args.days <= 3660:
        parser.error("--days takes a number from 0 to 3660")
    tr = translator(language)
    handlers: dict[str, Callable[[argparse.Namespace, Translator], int]] = {
        "demo": _demo,
        "contacts": _contacts,
        "import": _import,
        "export": _export,
        "check": _check,
        "remind": _remind,
    }
    try:
        return handlers[args.command](args, tr)
    except DomainError as error:
        print(error.render(tr), file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader of our output went away (`crm contacts | head`): not a problem of ours.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        print(DISK_PROBLEM.with_params(reason=error.strerror or error).render(tr), file=sys.stderr)
        return 1


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from crm.store.database import Database
    from crm.store.migrate import upgrade

    db = Database(args.database)
    upgrade(db)
    return db


def _demo(args: argparse.Namespace, tr: Translator) -> int:
    from crm.services.demo import load_demo

    report = load_demo(_open(args))
    sentence = DEMO_LOADED.with_params(created=report.created) if report.created else DEMO_ALREADY
    print(sentence.render(tr))
    return 0


def _contacts(args: argparse.Namespace, tr: Translator) -> int:
    from crm.services.contacts import ContactService

    service = ContactService(_open(args))
    ids = service.search(args.search, include_archived=args.include_archived)
    if args.json:
        _print_json(service.as_dicts(ids))
        return 0
    rows = service.rows(ids)
    if not rows:
        print(NO_CONTACTS.render(tr))
        return 0
    chinese = args.language == "zh_CN"
    for row in rows:
        latin = latin_name(row.family_name, row.given_name, row.name_zh)
        organisation = (row.organisation_zh if chinese else "") or row.organisation
        print("\t".join([latin, row.name_zh, organisation, row.email]))
    return 0


def _import(args: argparse.Namespace, tr: Translator) -> int:
    from pathlib import Path

    from crm.services.importing import ContactImporter

    path = Path(args.file)
    if not path.is_file():
        raise DomainError(NO_FILE.with_params(name=args.file))
    if args.kind == "contacts":
        report, _changes = ContactImporter(_open(args)).import_file(path, dry_run=args.dry_run)
    else:
        from crm.services.history_exchange import HistoryExchange

        exchange = HistoryExchange(_open(args))
        if args.kind == "partnerships":
            report, _changes = exchange.import_partnerships(path, dry_run=args.dry_run)
        else:
            report, _changes = exchange.import_delegations(path, dry_run=args.dry_run)
    if args.json:
        _print_json(report.as_dict(tr))
    else:
        summary = IMPORT_DRY_RUN if args.dry_run else IMPORT_DONE
        print(
            summary.with_params(
                created=report.created,
                updated=report.updated,
                skipped=report.skipped,
                errors=len(report.errors),
            ).render(tr)
        )
        for problem in report.errors:
            print(
                IMPORT_LINE.with_params(
                    line=problem.line, message=problem.message.render(tr)
                ).render(tr)
            )
    if report.errors:
        print(IMPORT_HAD_ERRORS.with_params(errors=len(report.errors)).render(tr), file=sys.stderr)
        return 1
    return 0


def _format_of(out: str | None) -> str:
    suffix = os.path.splitext(out or "")[1].lower().lstrip(".")
    return suffix if suffix in EXPORT_FORMATS else "json"


def _export(args: argparse.Namespace, tr: Translator) -> int:
    """A listing as a file (and one sentence saying so), or as JSON or CSV on stdout."""
    from pathlib import Path

    from crm.services.exchange.history_columns import DELEGATION_FIELDS, PARTNERSHIP_FIELDS
    from crm.services.exchange.history_export import flat_delegation, flat_partnership
    from crm.services.exchange.writers import write_csv, write_listing

    db = _open(args)
    flatten: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    if args.what == "contacts":
        from crm.services.contacts import ContactService

        service = ContactService(db)
        items = service.as_dicts(service.search("", include_archived=True))
        columns: Sequence[str] = list(items[0]) if items else CONTACT_COLUMNS
    else:
        from crm.services.history_exchange import HistoryExchange

        exchange = HistoryExchange(db)
        if args.what == "partnerships":
            items, columns, flatten = exchange.partnerships(), PARTNERSHIP_FIELDS, flat_partnership
        else:
            items, columns, flatten = exchange.delegations(), DELEGATION_FIELDS, flat_delegation
    if args.out in (None, "-"):
        if args.format == "json":
            _print_json(items)
        else:
            write_csv(sys.stdout, [flatten(i) if flatten else i for i in items], columns)
        return 0
    path = Path(args.out)
    try:
        write_listing(
            path, args.format, items, columns=columns, flatten=flatten, sheet=args.what.title()
        )
    except OSError as error:
        reason = error.strerror or str(error)
        raise DomainError(CANNOT_WRITE.with_params(path=args.out, reason=reason)) from error
    print(EXPORTED[args.what].with_params(count=len(items), path=args.out).render(tr))
    return 0


# The keys of a contact (DESIGN.md), for the header of an export with no contact in it.
CONTACT_COLUMNS = (
    "id",
    "family_name",
    "given_name",
    "name_zh",
    "honorific",
    "position",
    "organisation",
    "emails",
    "phones",
    "birthday",
    "birthday_calendar",
    "language",
    "tags",
    "owner",
    "status",
)


def _check(args: argparse.Namespace, tr: Translator) -> int:
    from crm.services.check import check
    from crm.store.database import Database

    db = Database(args.database)
    if db.path is not None and not db.path.exists():
        raise DomainError(NO_DATABASE.with_params(where=db.path))
    report = check(db)
    if args.json:
        _print_json(
            {
                "database": report.database,
                "integrity": report.integrity,
                "schema_revision": report.schema_revision,
                "schema_head": report.schema_head,
                "contacts": report.contacts,
                "ok": report.ok,
            }
        )
    else:
        print(
            CHECK_OK.with_params(
                where=report.database,
                integrity=report.integrity,
                current=report.schema_revision or "-",
                head=report.schema_head,
                contacts=report.contacts,
            ).render(tr)
        )
        if report.schema_revision != report.schema_head:
            print(CHECK_PENDING.render(tr))
    return 0 if report.ok else 1


def _remind(args: argparse.Namespace, tr: Translator) -> int:
    import datetime as dt

    from crm.services.agenda import AgendaService, render

    try:
        start = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    except ValueError:
        raise DomainError(BAD_AGENDA_DATE.with_params(value=args.date)) from None
    service = AgendaService(_open(args))
    occasions = service.agenda(start, args.days)
    if args.json:
        _print_json(service.as_dicts(occasions, tr, start=start, language=args.language))
        return 0
    if not occasions:
        print(NOTHING_DUE.with_params(date=start.isoformat(), days=args.days).render(tr))
        return 0
    chinese = args.language == "zh_CN"
    for occasion in occasions:
        reason = render(occasion.reason, tr, chinese=chinese)
        title = render(occasion.title, tr, chinese=chinese)
        print(f"{occasion.date.isoformat()}  {reason}  {title}")
    return 0


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


if __name__ == "__main__":
    sys.exit(main())
