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
from typing import TYPE_CHECKING, Any

from crm import __version__
from crm.domain.text import QT_TRANSLATE_NOOP, DomainError, Text, Translator
from crm.i18n import LANGUAGES, default_language, translator

if TYPE_CHECKING:
    from crm.services.check import CheckReport

DEMO_LOADED = QT_TRANSLATE_NOOP("Cli", "Sample office loaded: {created} records added.")
DEMO_ALREADY = QT_TRANSLATE_NOOP("Cli", "The sample office is already loaded: nothing added.")
NO_CONTACTS = QT_TRANSLATE_NOOP("Cli", "No contacts found.")
CHECK_OK = QT_TRANSLATE_NOOP(
    "Cli",
    "Database {where}: integrity {integrity}, schema {current} (newest {head}), {contacts} contacts.",
)
CHECK_FILES_MISSING = QT_TRANSLATE_NOOP(
    "Cli",
    "Documents and photos not in the database yet: {count}. They were attached on computers "
    "that have not started Liaison since it keeps files in the database.",
)
CHECK_PENDING = QT_TRANSLATE_NOOP(
    "Cli",
    "The schema is not up to date: Liaison upgrades it (after a backup) the next time it opens the database.",
)
CHECK_LATEST_BACKUP = QT_TRANSLATE_NOOP("Cli", "Latest backup: {age} (“{path}”).")
CHECK_NO_BACKUP = QT_TRANSLATE_NOOP("Cli", "No backup yet.")
CHECK_SERVER_BACKUPS = QT_TRANSLATE_NOOP(
    "Cli",
    "A database on a server is backed up by “crm backup” as a JSON export, which Liaison does not keep itself.",
)
BACKUP_WRITTEN = QT_TRANSLATE_NOOP("Cli", "Backup written to “{path}” ({size}, in {seconds}).")
BACKUP_EXPORTED = QT_TRANSLATE_NOOP(
    "Cli", "Every table exported as JSON to “{path}” ({size}, in {seconds})."
)
RESTORED = QT_TRANSLATE_NOOP(
    "Cli",
    "Restored {rows} rows from “{name}” (exported {exported}) into “{where}”, in {seconds}.",
)
NOT_JSON_EXPORT = QT_TRANSLATE_NOOP(
    "Cli",
    "Only a JSON export is restored here: a copy of the database file is restored in the app (File › Restore from a backup).",
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
    "calendar": QT_TRANSLATE_NOOP("Cli", "Exported {count} occasions to “{path}”."),
}
CANNOT_WRITE = QT_TRANSLATE_NOOP("Cli", "“{path}” could not be written: {reason}")
EXPORT_FORMATS = ("json", "csv", "xlsx", "vcf", "ics")
VCF_IS_CONTACTS = QT_TRANSLATE_NOOP(
    "Cli", "Only contacts are exported as vCards: choose json, csv or xlsx for this export."
)
REJECTED_WRITTEN = QT_TRANSLATE_NOOP(
    "Cli",
    "{count} entries that could not be imported were written to “{path}”, to fix and import again.",
)
NOTHING_REJECTED = QT_TRANSLATE_NOOP(
    "Cli", "Every entry could be imported: “{path}” was not written."
)
CALENDAR_IS_ICS = QT_TRANSLATE_NOOP(
    "Cli", "The calendar is exported as iCalendar only: use --format ics, or a name ending in .ics."
)
ICS_IS_CALENDAR = QT_TRANSLATE_NOOP(
    "Cli", "Only the calendar is exported as iCalendar: choose json, csv or xlsx for this export."
)
BAD_AGENDA_DATE = QT_TRANSLATE_NOOP("Cli", "“{value}” is not a date: write it as 2026-11-25.")
NOTHING_DUE = QT_TRANSLATE_NOOP("Cli", "Nothing on the agenda from {date} for {days} days.")
GREET_SENT = QT_TRANSLATE_NOOP(
    "Cli", "{sent} greetings sent, {skipped} people skipped, {failed} not sent."
)
GREET_WRITTEN = QT_TRANSLATE_NOOP(
    "Cli",
    "{written} greetings written to “{path}”, {skipped} people skipped, {failed} not written.",
)
GREET_DRY_RUN = QT_TRANSLATE_NOOP(
    "Cli",
    "Dry run, nothing sent, written or logged: {ready} greetings ready, {skipped} people skipped, {failed} that could not be sent.",
)
GREET_SKIPPED = QT_TRANSLATE_NOOP("Cli", "Skipped {name}: {reason}")
GREET_FAILED = QT_TRANSLATE_NOOP("Cli", "Not sent to {name} <{to}>: {reason}")
GREET_HAD_FAILURES = QT_TRANSLATE_NOOP(
    "Cli", "{failed} greetings could not be sent; the others were."
)
GREET_PASSWORD = QT_TRANSLATE_NOOP("Cli", "Password for {user} on {host}: ")
HANDOVER_WRITTEN = QT_TRANSLATE_NOOP(
    "Handover",
    "Handover of {owner} written to “{path}”: {partnerships} partnerships, {contacts} contacts, "
    "{agreements} agreements, {delegations} delegations, {interactions} interactions, "
    "{follow_ups} open follow-ups, {occasions} coming occasions.",
)

HANDOVER_IMPORTED = QT_TRANSLATE_NOOP(
    "Handover",
    "Handover of {owner} imported: {created} records added, {updated} updated, {unchanged} "
    "unchanged, {conflicts} conflicts; {successor} holds their partnerships and contacts.",
)
HANDOVER_IMPORT_DRY_RUN = QT_TRANSLATE_NOOP(
    "Handover",
    "Dry run, nothing changed: the handover of {owner} would add {created} records, update "
    "{updated} and leave {unchanged} unchanged, with {conflicts} conflicts; {successor} would "
    "hold their partnerships and contacts.",
)
HANDOVER_KIND_LINE = QT_TRANSLATE_NOOP(
    "Handover", "{kind}: {created} added, {updated} updated, {unchanged} unchanged"
)
HANDOVER_KEPT_THEIRS = QT_TRANSLATE_NOOP(
    "Handover", "Conflict in {kind}: {label}: the package's version was newer and was kept."
)
HANDOVER_KEPT_OURS = QT_TRANSLATE_NOOP(
    "Handover", "Conflict in {kind}: {label}: this database's version was newer and was kept."
)
HANDOVER_KINDS = {
    "partnerships": QT_TRANSLATE_NOOP("Handover", "Partnerships"),
    "contacts": QT_TRANSLATE_NOOP("Handover", "Contacts"),
    "organisations": QT_TRANSLATE_NOOP("Handover", "Organisations"),
    "delegations": QT_TRANSLATE_NOOP("Handover", "Delegations"),
    "gifts": QT_TRANSLATE_NOOP("Handover", "Gifts"),
    "agreements": QT_TRANSLATE_NOOP("Handover", "Agreements"),
    "documents": QT_TRANSLATE_NOOP("Handover", "Documents"),
    "interactions": QT_TRANSLATE_NOOP("Handover", "Interactions"),
    "follow_ups": QT_TRANSLATE_NOOP("Handover", "Follow-ups"),
    "templates": QT_TRANSLATE_NOOP("Handover", "Greeting templates"),
}


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
    from crm.services.exchange.columns import FIELDS
    from crm.services.exchange.vcard_writer import VCARD_VERSIONS

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
    importing.add_argument(
        "--rejected",
        metavar="FILE",
        help="contacts: write the rows or cards that could not be imported to FILE (of the "
        "imported file's kind, with the reason in an error column), to fix and import again",
    )
    importing.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="HEADER=FIELD",
        help="contacts from CSV or Excel: import the column HEADER as FIELD (HEADER= leaves it "
        "out); repeat for more columns. Fields: " + ", ".join(FIELDS),
    )

    export = commands.add_parser(
        "export",
        help="export contacts (also as vCards), partnerships or delegations as JSON, CSV or "
        "Excel, or the calendar of the coming year's occasions as iCalendar (.ics)",
    )
    _common(export, suppress=True)
    export.add_argument("what", choices=["contacts", "partnerships", "delegations", "calendar"])
    export.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        help="json, csv or xlsx; vcf for contacts; ics for the calendar (default: from the "
        "name of --out, else json, or ics for the calendar)",
    )
    export.add_argument(
        "--vcard-version",
        choices=VCARD_VERSIONS,
        default="4.0",
        help="vcf: vCard 4.0 (default), or 3.0 for older address books",
    )
    export.add_argument(
        "--out",
        metavar="FILE",
        help="the file to write (default: stdout, for json, csv, vcf and ics)",
    )
    export.add_argument(
        "--date", metavar="D", help="calendar: first day, YYYY-MM-DD (default: today)"
    )
    export.add_argument(
        "--days", type=int, default=365, metavar="N", help="calendar: how many days (default: 365)"
    )
    export.add_argument(
        "--country",
        default="",
        metavar="CC",
        help="calendar: our own country (ISO code), whose national day is added",
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
    remind.add_argument(
        "--country",
        default="",
        metavar="CC",
        help="our own country (ISO code, e.g. NO): its national day is on the agenda too",
    )

    _add_greet(commands)
    _add_handover(commands)

    backup = commands.add_parser(
        "backup",
        help="back up the database now: a SQLite file is copied (safe while the app runs) "
        "into its backups folder, which is then rotated; a database on a server is exported "
        "as JSON, every table",
    )
    _common(backup, suppress=True)
    backup.add_argument(
        "--out",
        metavar="FILE",
        help="write the backup to FILE (or into the folder FILE) instead; a name ending in "
        ".json makes the portable JSON export (default for a server: "
        "liaison-backup-DATE-TIME.json in the current folder)",
    )
    backup.add_argument("--json", action="store_true", help="the report as one JSON object")

    restore = commands.add_parser(
        "restore",
        help="restore a JSON export (made by `crm backup`) into a new, empty database: a "
        "SQLite file not there yet, or a server database without tables (the way back for a "
        "server's backup, and the way between a server and a file)",
    )
    _common(restore, suppress=True)
    restore.add_argument("file", metavar="FILE", help="the JSON export")
    restore.add_argument("--json", action="store_true", help="the report as one JSON object")

    check = commands.add_parser(
        "check", help="integrity and migration status of the database, and its latest backup"
    )
    _common(check, suppress=True)
    check.add_argument("--json", action="store_true", help="one JSON object on stdout")
    return parser


def _add_greet(commands: Any) -> None:
    from crm.domain.greetings import GREETING_OCCASIONS

    greet = commands.add_parser(
        "greet",
        help="a greeting campaign: one personalised message per recipient, written as .eml "
        "files or sent by SMTP; each one is logged, so running it again greets only the others",
    )
    _common(greet, suppress=True)
    greet.add_argument(
        "occasion",
        choices=GREETING_OCCASIONS,
        metavar="OCCASION",
        help="one of: " + ", ".join(GREETING_OCCASIONS),
    )
    greet.add_argument("--year", type=int, metavar="Y", help="default: this year")
    target = greet.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", metavar="DIR", help="write one .eml file per message into DIR")
    target.add_argument("--send", action="store_true", help="send the messages by SMTP")
    greet.add_argument(
        "--dry-run", action="store_true", help="show the campaign; send, write and log nothing"
    )
    greet.add_argument("--json", action="store_true", help="the report as one JSON object")
    greet.add_argument("--smtp-host", metavar="HOST", help="the mail server (needed with --send)")
    greet.add_argument(
        "--smtp-port", type=int, metavar="PORT", help="default: 587 starttls, 465 ssl, 25 none"
    )
    greet.add_argument(
        "--smtp-user",
        metavar="USER",
        help="log in as USER; the password comes from CRM_SMTP_PASSWORD or the system keyring",
    )
    greet.add_argument(
        "--smtp-security",
        choices=["none", "starttls", "ssl"],
        default="starttls",
        help="default: starttls",
    )
    greet.add_argument(
        "--from-address",
        metavar="ADDRESS",
        help="the sender (default: the SMTP user if it is an address, else liaison@localhost)",
    )
    greet.add_argument("--from-name", default="", metavar="NAME", help="the sender's name")
    greet.add_argument("--from-title", default="", metavar="TITLE", help="the sender's title")
    greet.add_argument("--our-city", default="", metavar="NAME", help="our city, in English")
    greet.add_argument("--our-city-zh", default="", metavar="NAME", help="our city, in Chinese")
    greet.add_argument(
        "--partnership", metavar="ID", help="only the partnership's people (anniversary: needed)"
    )
    greet.add_argument("--tag", metavar="TAG", help="only the contacts with this tag")
    greet.add_argument("--owner", metavar="NAME", help="only the contacts this staff member owns")
    greet.add_argument(
        "--language",
        dest="contact_language",
        metavar="LANG",
        help="only the contacts who prefer this language (zh_CN, de…)",
    )
    greet.add_argument(
        "--country", metavar="XX", help="only the contacts in this country (ISO code: CN, NO…)"
    )


def _add_handover(commands: Any) -> None:
    handover = commands.add_parser(
        "handover", help="the handover package of a colleague who leaves or changes desk"
    )
    _common(handover, suppress=True)
    actions = handover.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export",
        help="everything a staff member owns and everything it touches, in one zip: the data "
        "as JSON, the contacts as vCards, the coming year as iCalendar and a dossier to read",
    )
    _common(export, suppress=True)
    export.add_argument("--owner", required=True, metavar="NAME", help="the staff member")
    export.add_argument("--out", required=True, metavar="FILE.zip", help="the zip to write")
    export.add_argument("--json", action="store_true", help="the manifest as one JSON object")
    receive = actions.add_parser(
        "import",
        help="merge a colleague's handover package into this database, by id: nothing twice, "
        "nothing lost; of a record changed on both sides the newer version wins and the other "
        "is kept in the record's history",
    )
    _common(receive, suppress=True)
    receive.add_argument("file", metavar="FILE.zip")
    receive.add_argument(
        "--successor",
        metavar="NAME",
        help="the staff member who takes over the partnerships and contacts of the one who "
        "left (default: the package's owner, added to the staff if need be)",
    )
    receive.add_argument("--dry-run", action="store_true", help="report only, change nothing")
    receive.add_argument("--json", action="store_true", help="the report as one JSON object")


def _window_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """`crm` with no command (the window), read without building the whole parser: that one
    imports what the commands need (the vCard writer, pinyin), and the window is shown before
    any of it is imported. None for anything else (a command, --help, --version, a wrong
    option), which the whole parser reads."""
    quick = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    quick.add_argument("--database")
    quick.add_argument("--lang")
    quick.add_argument("--minimized", action="store_true")
    try:
        args, rest = quick.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    if rest or (args.lang is not None and args.lang not in LANGUAGES):
        return None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    window = _window_arguments(sys.argv[1:] if argv is None else argv)
    if window is not None:
        from crm.app import run_app

        return run_app(database=window.database, language=window.lang, minimized=window.minimized)
    parser = build_parser()
    args = parser.parse_args(argv)
    language = args.lang or default_language()
    if args.command is None:
        from crm.app import run_app

        return run_app(database=args.database, language=args.lang, minimized=args.minimized)
    args.language = language
    if args.command == "export":
        default = "ics" if args.what == "calendar" else "json"
        args.format = args.format or _format_of(args.out, default=default)
        if args.format == "xlsx" and args.what != "calendar" and args.out in (None, "-"):
            parser.error("an Excel export needs --out FILE")
    if args.command == "import":
        args.mapping = _mapping(parser, args)
    if args.command in ("remind", "export") and not 0 <= args.days <= 3660:
        parser.error("--days takes a number from 0 to 3660")
    if args.command == "greet":
        if args.send and not args.smtp_host:
            parser.error("--send needs --smtp-host")
        if args.year is not None and not 1900 <= args.year <= 2200:
            parser.error("--year takes a year from 1900 to 2200")
        if args.smtp_port is not None and not 0 < args.smtp_port < 65536:
            parser.error("--smtp-port takes a number from 1 to 65535")
    tr = translator(language)
    handlers: dict[str, Callable[[argparse.Namespace, Translator], int]] = {
        "demo": _demo,
        "contacts": _contacts,
        "import": _import,
        "export": _export,
        "check": _check,
        "backup": _backup,
        "restore": _restore,
        "remind": _remind,
        "greet": _greet,
        "handover": _handover,
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
    except Exception as error:
        # A busy or damaged database, a full disk, a server out of reach: the sentence the
        # window shows too. Anything else is a bug, and its traceback is wanted.
        from crm.store.errors import as_domain_error

        found = as_domain_error(error)
        if found is not None:
            print(found.render(tr), file=sys.stderr)
            return 1
        if isinstance(error, OSError):
            reason = error.strerror or error
            print(DISK_PROBLEM.with_params(reason=reason).render(tr), file=sys.stderr)
            return 1
        raise


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
    from crm.domain.names import latin_name

    chinese = args.language == "zh_CN"
    for row in rows:
        latin = latin_name(row.family_name, row.given_name, row.name_zh)
        organisation = (row.organisation_zh if chinese else "") or row.organisation
        print("\t".join([latin, row.name_zh, organisation, row.email]))
    return 0


def _mapping(
    parser: argparse.ArgumentParser, args: argparse.Namespace
) -> dict[str, str | None] | None:
    """The --map options as header → field (None: leave the column out); bad ones: usage."""
    from crm.services.exchange.columns import FIELDS

    if args.kind != "contacts" and (args.map or args.rejected):
        parser.error("--map and --rejected are for --kind contacts")
    mapping: dict[str, str | None] = {}
    for option in args.map:
        header, equals, target = option.partition("=")
        if not equals or not header.strip():
            parser.error(f"--map takes HEADER=FIELD, not “{option}”")
        target = target.strip()
        if target and target not in FIELDS:
            parser.error(f"--map: “{target}” is not a field; use one of {', '.join(FIELDS)}")
        mapping[header.strip()] = target or None
    return mapping or None


def _import(args: argparse.Namespace, tr: Translator) -> int:
    from pathlib import Path

    from crm.services.importing import ContactImporter

    path = Path(args.file)
    if not path.is_file():
        raise DomainError(NO_FILE.with_params(name=args.file))
    if args.kind == "contacts":
        report, _changes = ContactImporter(_open(args)).import_file(
            path, dry_run=args.dry_run, mapping=args.mapping
        )
    else:
        from crm.services.history_exchange import HistoryExchange

        exchange = HistoryExchange(_open(args))
        if args.kind == "partnerships":
            report, _changes = exchange.import_partnerships(path, dry_run=args.dry_run)
        else:
            report, _changes = exchange.import_delegations(path, dry_run=args.dry_run)
    rejected = report.write_rejected(Path(args.rejected), tr) if args.rejected else 0
    if args.json:
        result = report.as_dict(tr)
        result["rejected_file"] = args.rejected if rejected else None
        _print_json(result)
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
        if args.rejected:
            written = REJECTED_WRITTEN.with_params(count=rejected, path=args.rejected)
            print(
                (written if rejected else NOTHING_REJECTED.with_params(path=args.rejected)).render(
                    tr
                )
            )
    if report.errors:
        print(IMPORT_HAD_ERRORS.with_params(errors=len(report.errors)).render(tr), file=sys.stderr)
        return 1
    return 0


def _format_of(out: str | None, *, default: str) -> str:
    suffix = os.path.splitext(out or "")[1].lower().lstrip(".")
    return suffix if suffix in EXPORT_FORMATS else default


def _export(args: argparse.Namespace, tr: Translator) -> int:
    """A listing as a file (and one sentence saying so), or as JSON or CSV on stdout."""
    if args.what == "calendar":
        return _export_calendar(args, tr)
    if args.format == "ics":
        raise DomainError(ICS_IS_CALENDAR)
    if args.format == "vcf" and args.what != "contacts":
        raise DomainError(VCF_IS_CONTACTS)
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
    if args.format == "vcf":
        return _export_vcards(args, items, tr)
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


def _export_vcards(args: argparse.Namespace, items: list[dict[str, Any]], tr: Translator) -> int:
    from pathlib import Path

    from crm.services.exchange.vcard_writer import vcard_text, write_vcards

    version = args.vcard_version
    if args.out in (None, "-"):
        # Bytes, so that the cards keep their CRLF line ends on every system.
        for item in items:
            sys.stdout.buffer.write(vcard_text(item, version=version).encode("utf-8"))
        sys.stdout.flush()
        return 0
    try:
        count = write_vcards(Path(args.out), items, version=version)
    except OSError as error:
        reason = error.strerror or str(error)
        raise DomainError(CANNOT_WRITE.with_params(path=args.out, reason=reason)) from error
    print(EXPORTED["contacts"].with_params(count=count, path=args.out).render(tr))
    return 0


def _export_calendar(args: argparse.Namespace, tr: Translator) -> int:
    """The coming occasions as iCalendar, to stdout or (with one sentence) to a file."""
    import datetime as dt
    from pathlib import Path

    from crm.services.agenda import AgendaService
    from crm.services.calendar_export import CalendarExport, write_ics

    if args.format != "ics":
        raise DomainError(CALENDAR_IS_ICS)
    try:
        start = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    except ValueError:
        raise DomainError(BAD_AGENDA_DATE.with_params(value=args.date)) from None
    export = CalendarExport(AgendaService(_open(args), home_country=args.country.upper()))
    calendar = export.build(start, days=args.days, translate=tr, language=args.language)
    if args.out in (None, "-"):
        sys.stdout.buffer.write(calendar.data)
        sys.stdout.flush()
        return 0
    try:
        write_ics(Path(args.out), calendar.data)
    except OSError as error:
        reason = error.strerror or str(error)
        raise DomainError(CANNOT_WRITE.with_params(path=args.out, reason=reason)) from error
    print(EXPORTED["calendar"].with_params(count=calendar.events, path=args.out).render(tr))
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
                "backup_kind": report.backup_kind,
                "latest_backup": report.latest_backup,
                "backup_age_hours": report.backup_age_hours,
                "files_missing": report.files_missing,
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
        if report.files_missing:
            print(CHECK_FILES_MISSING.with_params(count=report.files_missing).render(tr))
        print(_backup_sentence(report, args.language).render(tr))
    return 0 if report.ok else 1


def _backup_sentence(report: CheckReport, language: str) -> Text:
    import datetime as dt

    from babel.dates import format_timedelta

    from crm.domain.formatting import babel_locale

    if report.backup_kind == "json":
        return CHECK_SERVER_BACKUPS
    if report.latest_backup is None or report.backup_age_hours is None:
        return CHECK_NO_BACKUP
    age = dt.timedelta(hours=report.backup_age_hours)
    if abs(age) < dt.timedelta(seconds=1):
        age = dt.timedelta(seconds=1)  # "1 second ago", not "in 0 seconds"
    when = format_timedelta(-age, add_direction=True, locale=babel_locale(language))
    return CHECK_LATEST_BACKUP.with_params(age=when, path=report.latest_backup)


def _backup(args: argparse.Namespace, tr: Translator) -> int:
    from pathlib import Path

    from babel.units import format_unit

    from crm.domain.formatting import babel_locale
    from crm.services.backups import BackupService
    from crm.store.database import Database

    db = Database(args.database)
    if db.is_sqlite and db.path is not None and not db.path.exists():
        raise DomainError(NO_DATABASE.with_params(where=db.path))
    try:
        result = BackupService(db).backup(Path(args.out) if args.out else None)
    finally:
        db.dispose()
    if args.json:
        _print_json(result.as_dict())
        return 0
    locale = babel_locale(args.language)
    unit, scale = next(
        (u, s)
        for u, s in (("gigabyte", 1e9), ("megabyte", 1e6), ("kilobyte", 1e3), ("byte", 1))
        if result.bytes >= s or s == 1
    )
    size = format_unit(
        result.bytes / scale,
        f"digital-{unit}",
        length="long" if unit == "byte" else "short",  # "177 bytes", "74.4 MB"
        format="#,##0.#",
        locale=locale,
    )
    seconds = _seconds(result.seconds, locale)
    sentence = BACKUP_EXPORTED if result.kind == "json" else BACKUP_WRITTEN
    print(sentence.with_params(path=result.path, size=size, seconds=seconds).render(tr))
    return 0


def _restore(args: argparse.Namespace, tr: Translator) -> int:
    from pathlib import Path

    from babel.numbers import format_decimal

    from crm.domain.formatting import babel_locale
    from crm.services.backup_import import import_json
    from crm.store.database import Database

    source = Path(args.file)
    if not source.is_file():
        raise DomainError(NO_FILE.with_params(name=source))
    if source.suffix.lower() != ".json":
        raise DomainError(NOT_JSON_EXPORT)
    db = Database(args.database)
    try:
        result = import_json(source, db)
    finally:
        db.dispose()
    if args.json:
        _print_json(result.as_dict())
        return 0
    locale = babel_locale(args.language)
    seconds = _seconds(result.seconds, locale)
    print(
        RESTORED.with_params(
            rows=format_decimal(result.rows, locale=locale),
            name=source.name,
            exported=_moment(result.created_at, locale),
            where=result.target,
            seconds=seconds,
        ).render(tr)
    )
    return 0


def _seconds(value: float, locale: str) -> str:
    """How long something took ("0.27 secs", "0.31秒")."""
    from babel.units import format_unit

    return format_unit(value, "duration-second", length="short", format="0.00", locale=locale)


def _moment(value: str, locale: str) -> str:
    """An ISO time as people read it ("25 Nov 2026, 23:17:38"), or as written if it is none."""
    import datetime as dt

    from babel.dates import format_datetime

    try:
        return format_datetime(dt.datetime.fromisoformat(value), "medium", locale=locale)
    except ValueError:
        return value


def _remind(args: argparse.Namespace, tr: Translator) -> int:
    import datetime as dt

    from crm.services.agenda import AgendaService, render

    try:
        start = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    except ValueError:
        raise DomainError(BAD_AGENDA_DATE.with_params(value=args.date)) from None
    service = AgendaService(_open(args), home_country=args.country.upper())
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


def _greet(args: argparse.Namespace, tr: Translator) -> int:
    """A greeting campaign: the messages and the people skipped, then one sentence."""
    import datetime as dt
    import getpass
    from dataclasses import replace
    from pathlib import Path

    from crm.services.greetings import (
        DEFAULT_SENDER,
        Campaign,
        CampaignStopped,
        GreetingService,
        SmtpSettings,
        smtp_password,
    )

    service = GreetingService(_open(args))
    user = args.smtp_user or ""
    sender = args.from_address or (user if "@" in user else DEFAULT_SENDER)
    owner_id = None
    if args.owner:
        from crm.services.directory import DirectoryService

        owner_id = DirectoryService(service.db).named_staff(args.owner).id
    campaign = Campaign(
        args.occasion,
        args.year or dt.date.today().year,
        partnership_id=args.partnership,
        tag=args.tag,
        owner_id=owner_id,
        language=args.contact_language,
        country=args.country,
        sender_name=args.from_name,
        sender_title=args.from_title,
        sender_address=sender,
        sender_staff_id=service.staff_id(name=args.from_name, email=sender),
        our_city=args.our_city,
        our_city_zh=args.our_city_zh,
        translate=tr,
    )
    smtp = None
    if args.send:
        smtp = SmtpSettings(
            host=args.smtp_host,
            port=args.smtp_port or 0,
            user=user,
            security=args.smtp_security,
            sender_address=sender,
            sender_name=args.from_name,
        )
        if user and not args.dry_run:
            password = smtp_password(smtp)
            if password is None and sys.stdin.isatty():
                prompt = GREET_PASSWORD.with_params(user=user, host=smtp.host).render(tr)
                password = getpass.getpass(prompt)
            smtp = replace(smtp, password=password)
    out = Path(args.out) if args.out else None
    try:
        report = service.run(campaign, out_dir=out, smtp=smtp, dry_run=args.dry_run)
    except CampaignStopped as stopped:
        _print_campaign(stopped.report, args, tr)
        print(stopped.render(tr), file=sys.stderr)
        return 1
    _print_campaign(report, args, tr)
    if report.failed and not args.dry_run:
        failed = len(report.failed)
        print(GREET_HAD_FAILURES.with_params(failed=failed).render(tr), file=sys.stderr)
        return 1
    return 0


def _print_campaign(report: Any, args: argparse.Namespace, tr: Translator) -> None:
    if args.json:
        _print_json(report.as_dict())
        return
    for message in report.messages:
        line = f"{message.name} <{message.to}>  {message.language}  {message.subject}"
        print(f"{line}  {message.file}" if message.file else line)
    for skip in report.skipped:
        print(GREET_SKIPPED.with_params(name=skip.name, reason=skip.label.render(tr)).render(tr))
    for failure in report.failed:
        reason = failure.label.render(tr) + (f" ({failure.detail})" if failure.detail else "")
        print(GREET_FAILED.with_params(name=failure.name, to=failure.to, reason=reason).render(tr))
    counts = {"skipped": len(report.skipped), "failed": len(report.failed)}
    if report.dry_run:
        summary = GREET_DRY_RUN.with_params(ready=len(report.messages), **counts)
    elif args.out:
        summary = GREET_WRITTEN.with_params(written=report.written, path=args.out, **counts)
    else:
        summary = GREET_SENT.with_params(sent=report.sent, **counts)
    print(summary.render(tr))


def _handover(args: argparse.Namespace, tr: Translator) -> int:
    """`handover export`: the package, then one sentence with its counts (or the manifest)."""
    from pathlib import Path

    if args.action == "import":
        return _handover_import(args, tr)

    from crm.services.handover import HandoverService

    service = HandoverService(_open(args))
    language = args.language

    def pdf(page: str) -> bytes:
        # Qt lays the dossier out; loaded here only, so that other commands start without it.
        from crm.ui.dossier_pdf import render_pdf

        return render_pdf(page, language=language)

    try:
        manifest = service.export(
            args.owner, Path(args.out), translate=tr, language=language, pdf=pdf
        )
    except OSError as error:
        reason = error.strerror or str(error)
        raise DomainError(CANNOT_WRITE.with_params(path=args.out, reason=reason)) from error
    if args.json:
        _print_json(manifest.as_dict())
        return 0
    counts = manifest.counts
    summary = HANDOVER_WRITTEN.with_params(
        owner=manifest.owner,
        path=args.out,
        occasions=counts["calendar.ics"],
        **{name: counts[f"{name}.json"] for name in _HANDOVER_COUNTED},
    )
    print(summary.render(tr))
    return 0


def _handover_import(args: argparse.Namespace, tr: Translator) -> int:
    """`handover import`: one sentence with the totals, a line per kind of record, a line per
    conflict (or the report as JSON)."""
    from pathlib import Path

    from crm.services.handover_import import HandoverImportService

    service = HandoverImportService(_open(args))
    report = service.apply(Path(args.file), successor=args.successor, dry_run=args.dry_run)
    if args.json:
        _print_json(report.as_dict())
        return 0
    totals = {
        "created": sum(report.created.values()),
        "updated": sum(report.updated.values()),
        "unchanged": sum(report.unchanged.values()),
    }
    summary = HANDOVER_IMPORT_DRY_RUN if report.dry_run else HANDOVER_IMPORTED
    print(
        summary.with_params(
            owner=report.owner,
            successor=report.successor,
            conflicts=len(report.conflicts),
            **totals,
        ).render(tr)
    )
    for kind, label in HANDOVER_KINDS.items():
        counts = {
            "created": report.created.get(kind, 0),
            "updated": report.updated.get(kind, 0),
            "unchanged": report.unchanged.get(kind, 0),
        }
        if any(counts.values()):
            print(HANDOVER_KIND_LINE.with_params(kind=label.render(tr), **counts).render(tr))
    for conflict in report.conflicts:
        kept = HANDOVER_KEPT_THEIRS if conflict.kept == "theirs" else HANDOVER_KEPT_OURS
        kind_label = HANDOVER_KINDS.get(conflict.kind)
        name = kind_label.render(tr) if kind_label else conflict.kind
        print(kept.with_params(kind=name, label=conflict.label).render(tr))
    return 0


_HANDOVER_COUNTED = (
    "partnerships",
    "contacts",
    "agreements",
    "delegations",
    "interactions",
    "follow_ups",
)


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


if __name__ == "__main__":
    sys.exit(main())
