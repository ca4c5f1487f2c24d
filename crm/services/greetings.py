"""Greeting campaigns: who gets a greeting for an occasion and year, in which words, and sending
them as .eml files or by SMTP, so that a campaign cut short is finished by running it again.

Rules chosen (and shown in the help):
- Archived contacts are left out entirely. The others are listed with a status: "ready", or why
  they are skipped: deceased, moved on (both before anything else), already greeted for this
  occasion and year, no e-mail address. The first e-mail address is the one written to.
- A partnership's people: the contacts of the organisations in the partner place, and its
  champions wherever they work. An anniversary campaign is always for one partnership.
- A birthday campaign is for the contacts whose birthday (Gregorian or lunar) falls in the
  next `BIRTHDAY_WINDOW_DAYS` days from the campaign's day; the others are left out.
- A national-day campaign greets each contact for the national day of the country of their
  organisation's place; contacts in a country Liaison keeps no national day for are left out.
- Every message is rendered (and its MIME built) before the first one leaves, so a template
  error stops the campaign before anyone is greeted. Then each message sent (or written) is
  recorded at once, in its own transaction: a "greeting" interaction and a `greeting_sent` row.
  A dropped connection therefore loses nothing, and a second run greets only the others.
"""

from __future__ import annotations

import datetime as dt
import email.errors
import email.policy
import os
import re
import smtplib
import ssl
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from email.header import Header
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr, make_msgid
from functools import cached_property
from pathlib import Path
from typing import Any

from anyascii import anyascii
from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlmodel import Session

from crm.domain.dates import PartialDate
from crm.domain.greetings import (
    GREETING_OCCASIONS,
    Greeting,
    GreetingContext,
    GreetingTemplate,
    Recipient,
    languages_for,
    render_greeting,
    validate_template,
)
from crm.domain.names import latin_name
from crm.domain.national_days import national_day
from crm.domain.occasions import FESTIVALS, BirthdayFacts, contact_birthdays
from crm.domain.partnership_rules import InteractionDraft
from crm.domain.partnerships import InteractionKind
from crm.domain.places import country_name
from crm.domain.text import QT_TRANSLATE_NOOP, DomainError, Text, Translator, ValidationErrors
from crm.services.changes import Changes
from crm.services.greeting_templates import shipped_templates
from crm.store import greetings as q
from crm.store import interactions as iq
from crm.store.database import Database

BIRTHDAY_WINDOW_DAYS = 30
SMTP_TIMEOUT = 30.0
SQLITE_WAL_PAGES = 1000  # SQLite's default
CAMPAIGN_WAL_PAGES = 20_000
KEYRING_SERVICE = "Liaison SMTP"
PASSWORD_VARIABLE = "CRM_SMTP_PASSWORD"
DEFAULT_SENDER = "liaison@localhost"
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


class _WirePolicy(email.policy.Compat32):
    """compat32 with CRLF line ends, writing a short ASCII header as it is: folding would
    return it unchanged, at ~40 µs a header, the better part of building a message."""

    def fold_binary(self, name: str, value: Any) -> bytes:
        short = isinstance(value, str) and value.isascii() and len(name) + len(value) < 76
        if short and "\r" not in value and "\n" not in value:
            return f"{name}: {value}{self.linesep}".encode("ascii")
        return super().fold_binary(name, value)


# Headers in RFC 2047 words and bodies in base64, lines ending in CRLF: 7-bit clean, so any
# server and any mail program take them, whatever 8BITMIME support they have.
WIRE = _WirePolicy(linesep="\r\n")

READY = "ready"
STATUS_LABELS: dict[str, Text] = {
    READY: QT_TRANSLATE_NOOP("Greetings", "Ready"),
    "deceased": QT_TRANSLATE_NOOP("Greetings", "Deceased"),
    "moved_on": QT_TRANSLATE_NOOP("Greetings", "Moved on"),
    "already_greeted": QT_TRANSLATE_NOOP("Greetings", "Already greeted for this occasion and year"),
    "no_address": QT_TRANSLATE_NOOP("Greetings", "No e-mail address"),
}
FAILURE_LABELS: dict[str, Text] = {
    "bad_address": QT_TRANSLATE_NOOP("Greetings", "The e-mail address cannot be used"),
    "refused": QT_TRANSLATE_NOOP("Greetings", "The mail server refused the address"),
    "rejected": QT_TRANSLATE_NOOP("Greetings", "The mail server rejected the message"),
}
OCCASION_LABELS: dict[str, Text] = {
    **FESTIVALS,
    "national_day": QT_TRANSLATE_NOOP("Greetings", "National day"),
    "anniversary": QT_TRANSLATE_NOOP("Greetings", "Partnership anniversary"),
    "birthday": QT_TRANSLATE_NOOP("Greetings", "Birthday"),
    "free": QT_TRANSLATE_NOOP("Greetings", "Greeting"),
}

NOTE_SENT = QT_TRANSLATE_NOOP("Greetings", "{occasion} greeting sent to {address}.")
NOTE_WRITTEN = QT_TRANSLATE_NOOP(
    "Greetings", "{occasion} greeting written as an e-mail file for {address}."
)
UNKNOWN_OCCASION = QT_TRANSLATE_NOOP("Greetings", "“{occasion}” is not an occasion for greetings.")
NEEDS_PARTNERSHIP = QT_TRANSLATE_NOOP(
    "Greetings", "Choose the partnership whose anniversary the greetings are for."
)
UNKNOWN_PARTNERSHIP = QT_TRANSLATE_NOOP("Greetings", "The chosen partnership no longer exists.")
NO_ANNIVERSARY = QT_TRANSLATE_NOOP(
    "Greetings",
    "The partnership with {partner} has no anniversary in {year}: give the year it was formalised.",
)
NOT_A_RECIPIENT = QT_TRANSLATE_NOOP("Greetings", "This person is not among the recipients.")
CANNOT_CONNECT = QT_TRANSLATE_NOOP(
    "Greetings", "Cannot connect to the mail server {host}:{port}: {reason}."
)
NO_SECURE_CONNECTION = QT_TRANSLATE_NOOP(
    "Greetings", "No secure connection could be made with the mail server {host}:{port}: {reason}."
)
NO_STARTTLS = QT_TRANSLATE_NOOP(
    "Greetings",
    "The mail server {host}:{port} does not offer STARTTLS: choose SSL, or no encryption if it is on your own network.",
)
AUTH_REFUSED = QT_TRANSLATE_NOOP("Greetings", "The mail server refused the user name or password.")
NO_AUTH = QT_TRANSLATE_NOOP(
    "Greetings", "The mail server does not accept a user name and password on this connection."
)
NO_PASSWORD = QT_TRANSLATE_NOOP(
    "Greetings",
    "No password is known for {user} on {host}: save it in Settings, or set CRM_SMTP_PASSWORD.",
)
CONNECTION_LOST = QT_TRANSLATE_NOOP(
    "Greetings",
    "The connection to the mail server was lost after {sent} messages ({reason}); run the campaign again to send the rest.",
)
SENDER_REFUSED = QT_TRANSLATE_NOOP(
    "Greetings", "The mail server refused the sender address {address}: {reason}."
)
FOLDER_NOT_WRITABLE = QT_TRANSLATE_NOOP(
    "Greetings", "The folder “{path}” cannot be written: {reason}."
)
NO_KEYRING = QT_TRANSLATE_NOOP(
    "Greetings",
    "No system keyring is available to keep the password: it will be asked for once per session.",
)

# progress(done, total) -> False to cancel (between messages).
Progress = Callable[[int, int], bool]


@dataclass(frozen=True)
class SmtpSettings:
    """How to reach the office's mail server. The password is never stored here for long: the
    caller fills it in from `smtp_password` or by asking."""

    host: str
    port: int = 0  # 0: the usual port of `security`
    user: str = ""
    security: str = "starttls"  # "none", "starttls" or "ssl"
    sender_address: str = ""
    sender_name: str = ""
    password: str | None = field(default=None, repr=False, compare=False)
    timeout: float = SMTP_TIMEOUT
    # Trust settings for STARTTLS and SSL; None: the system's certificate authorities.
    tls_context: ssl.SSLContext | None = field(default=None, repr=False, compare=False)

    @property
    def effective_port(self) -> int:
        return self.port or DEFAULT_PORTS.get(self.security, 25)


@dataclass(frozen=True)
class Campaign:
    """One occasion and year, who it is for (the filters) and who it is from."""

    occasion: str
    year: int
    partnership_id: str | None = None
    tag: str | None = None
    owner_id: str | None = None
    language: str | None = None  # the contacts' preferred language ("zh_CN", "de"…)
    country: str | None = None  # of the contact's organisation's place ("CN", "NO"…)
    contact_ids: tuple[str, ...] | None = None  # only these (the people ticked in the app)
    sender_name: str = ""
    sender_title: str = ""
    sender_name_zh: str = ""
    sender_title_zh: str = ""
    sender_address: str = ""  # the From address of .eml files; SMTP's own sender first
    sender_staff_id: str | None = None
    our_city: str = ""
    our_city_zh: str = ""
    bilingual: bool = True
    today: dt.date | None = None  # the day of the interactions (and of the birthday window)
    translate: Translator | None = None  # the language of the notes logged


@dataclass(frozen=True)
class CampaignRecipient:
    recipient: Recipient
    name: str
    address: str
    languages: tuple[str, ...]
    status: str  # "ready" or a skip reason code
    country: str = ""
    context: GreetingContext | None = None

    @property
    def contact_id(self) -> str:
        return self.recipient.contact_id

    @property
    def ready(self) -> bool:
        return self.status == READY

    @property
    def label(self) -> Text:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class CampaignMessage:
    contact_id: str
    name: str
    to: str
    language: str
    subject: str
    message_id: str
    file: str | None = None


@dataclass(frozen=True)
class CampaignSkip:
    contact_id: str
    name: str
    reason: str

    @property
    def label(self) -> Text:
        return STATUS_LABELS[self.reason]


@dataclass(frozen=True)
class CampaignFailure:
    contact_id: str
    name: str
    to: str
    reason: str  # "bad_address", "refused" or "rejected"
    detail: str = ""  # the server's words, untranslated

    @property
    def label(self) -> Text:
        return FAILURE_LABELS[self.reason]


@dataclass
class CampaignReport:
    occasion: str
    year: int
    messages: list[CampaignMessage] = field(default_factory=list)
    skipped: list[CampaignSkip] = field(default_factory=list)
    failed: list[CampaignFailure] = field(default_factory=list)
    sent: int = 0
    written: int = 0
    cancelled: bool = False
    dry_run: bool = False
    changes: Changes = field(default_factory=Changes)

    def as_dict(self) -> dict[str, Any]:
        """The campaign report of DESIGN.md."""

        def message(m: CampaignMessage) -> dict[str, Any]:
            found = {
                "contact": m.contact_id,
                "name": m.name,
                "to": m.to,
                "language": m.language,
                "subject": m.subject,
            }
            return found if m.file is None else {**found, "file": m.file}

        return {
            "occasion": self.occasion,
            "year": self.year,
            "messages": [message(m) for m in self.messages],
            "sent": self.sent,
            "written": self.written,
            "skipped": [
                {"contact": s.contact_id, "name": s.name, "reason": s.reason} for s in self.skipped
            ],
            "failed": [
                {
                    "contact": f.contact_id,
                    "name": f.name,
                    "to": f.to,
                    "reason": f.reason,
                    "message": f.detail,
                }
                for f in self.failed
            ],
            "cancelled": self.cancelled,
            "dry_run": self.dry_run,
        }


class CampaignStopped(DomainError):
    """The campaign stopped part-way (the server went away, the disk filled up): what was sent
    is recorded and in `report`."""

    def __init__(self, text: Text, report: CampaignReport) -> None:
        super().__init__(text)
        self.report = report


# ---- the password ----


def smtp_password(settings: SmtpSettings) -> str | None:
    """CRM_SMTP_PASSWORD (for scripts), else the system keyring; None when neither has it (the
    caller then asks, and never stores it in plain text)."""
    from_environment = os.environ.get(PASSWORD_VARIABLE)
    if from_environment:
        return from_environment
    if not settings.user:
        return None
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, _keyring_user(settings))
    except Exception:  # noqa: BLE001 - NoKeyringError, a locked or broken backend: ask instead
        return None


def save_smtp_password(settings: SmtpSettings, password: str) -> None:
    """Keep the password in the system keyring; DomainError when there is none."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, _keyring_user(settings), password)
    except Exception as error:  # noqa: BLE001 - any backend failure means "no keyring"
        raise DomainError(NO_KEYRING) from error


def _keyring_user(settings: SmtpSettings) -> str:
    return f"{settings.user}@{settings.host}"


# ---- the service ----


class GreetingService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # ---- templates ----

    def templates(self) -> dict[tuple[str, str], GreetingTemplate]:
        """Every template in use, by (occasion, language): the office's own over the shipped."""
        found = dict(shipped_templates())
        with self.db.session() as session:
            for occasion, language, subject, body in q.office_templates(session):
                found[occasion, language] = GreetingTemplate(occasion, language, subject, body)
        return found

    def template(self, occasion: str, language: str) -> GreetingTemplate | None:
        with self.db.session() as session:
            own = q.office_template(session, occasion, language)
        if own is not None:
            return GreetingTemplate(occasion, language, *own)
        return shipped_templates().get((occasion, language))

    def is_customised(self, occasion: str, language: str) -> bool:
        with self.db.session() as session:
            return q.office_template(session, occasion, language) is not None

    def save_template(self, template: GreetingTemplate) -> None:
        """The office's own words for one occasion and language; checked first."""
        _check_occasion(template.occasion)
        problems = validate_template(template.subject, template.body)
        if problems:
            raise ValidationErrors([DomainError(text, field="body") for text in problems])
        with self.db.write() as session:
            q.save_template(
                session,
                occasion=template.occasion,
                language=template.language,
                subject=template.subject,
                body=template.body,
            )

    def reset_template(self, occasion: str, language: str) -> None:
        """Back to the shipped template."""
        with self.db.write() as session:
            q.delete_template(session, occasion, language)

    def staff_id(self, *, name: str = "", email: str = "") -> str | None:
        """The staff member with this e-mail address, else with this name (the sender, an
        owner to filter by)."""
        with self.db.session() as session:
            return q.staff_id(session, name=name, email=email)

    # ---- recipients and preview ----

    def recipients(
        self,
        occasion: str,
        year: int,
        *,
        partnership_id: str | None = None,
        tag: str | None = None,
        owner_id: str | None = None,
        language: str | None = None,
        country: str | None = None,
        today: dt.date | None = None,
    ) -> list[CampaignRecipient]:
        """Everyone the campaign is for, in list order, each with a status."""
        campaign = Campaign(
            occasion,
            year,
            partnership_id=partnership_id,
            tag=tag,
            owner_id=owner_id,
            language=language,
            country=country,
            today=today,
        )
        return self.recipients_of(campaign)

    def recipients_of(self, campaign: Campaign) -> list[CampaignRecipient]:
        _check_occasion(campaign.occasion)
        with self.db.session() as session:
            base, place_id = self._context(session, campaign)
            rows = q.candidates(
                session,
                partnership_place_id=place_id,
                partnership_id=campaign.partnership_id,
                tag=campaign.tag or None,
                owner_id=campaign.owner_id or None,
                language=campaign.language or None,
                contact_ids=campaign.contact_ids,
            )
            greeted = q.greeted(session, campaign.occasion, campaign.year)
        today = campaign.today or dt.date.today()
        found = []
        for row in rows:
            if campaign.country and row.country != campaign.country.upper():
                continue
            context = _personal_context(base, row, today)
            if context is None:
                continue
            recipient = Recipient(
                contact_id=row.id,
                family_name=row.family_name,
                given_name=row.given_name,
                name_zh=row.name_zh,
                honorific=row.honorific,
                position=row.position,
                position_zh=row.position_zh,
                language=row.language,
                email=row.email,
            )
            found.append(
                CampaignRecipient(
                    recipient=recipient,
                    name=_display_name(recipient),
                    address=row.email,
                    languages=tuple(languages_for(recipient, bilingual=campaign.bilingual)),
                    status=_status(row.status, row.email, row.id in greeted),
                    country=row.country,
                    context=context,
                )
            )
        return found

    def preview(self, occasion: str, year: int, contact_id: str, **details: Any) -> Greeting:
        """The message `contact_id` would get; `details` are any other fields of `Campaign`
        (filters, sender). Skipped people can be previewed too."""
        campaign = Campaign(occasion, year, **details)
        for found in self.recipients_of(replace(campaign, contact_ids=(contact_id,))):
            return self._render(found, self._templates_for(campaign.occasion))
        raise DomainError(NOT_A_RECIPIENT)

    # ---- the campaign ----

    def run(
        self,
        campaign: Campaign,
        *,
        out_dir: Path | None = None,
        smtp: SmtpSettings | None = None,
        dry_run: bool = False,
        progress: Progress | None = None,
    ) -> CampaignReport:
        """Write (`out_dir`) or send (`smtp`) one message per ready recipient.

        `dry_run` renders every message (so template problems show) but writes, sends and logs
        nothing. Raises CampaignStopped, carrying the report, when the server or the disk gives
        out part-way; DomainError when nothing could start."""
        if (out_dir is None) == (smtp is None) and not (dry_run and smtp is None):
            raise ValueError("a campaign goes either to a folder or to a mail server")
        people = self.recipients_of(campaign)
        report = CampaignReport(campaign.occasion, campaign.year, dry_run=dry_run)
        report.skipped = [
            CampaignSkip(p.contact_id, p.name, p.status) for p in people if not p.ready
        ]
        sender = _sender(campaign, smtp)
        outbox = self._prepare(campaign, [p for p in people if p.ready], sender, report)
        if out_dir is not None:
            outbox = [(o, replace(m, file=str(out_dir / _file_name(o)))) for o, m in outbox]
        if dry_run:
            report.messages = [message for _, message in outbox]
            return report
        recorder = _Recorder(self.db, campaign)
        try:
            if out_dir is not None:
                self._write_all(outbox, out_dir, report, recorder, progress)
            else:
                assert smtp is not None
                self._send_all(outbox, smtp, sender, report, recorder, progress)
        finally:
            # Also in a CampaignStopped's report: what was recorded before the stop.
            report.changes = recorder.changes()
        return report

    # ---- inside ----

    def _context(self, session: Session, campaign: Campaign) -> tuple[GreetingContext, str | None]:
        """What every message of the campaign shares, and the partner place if any."""
        context = GreetingContext(
            occasion=campaign.occasion,
            year=campaign.year,
            our_city=campaign.our_city,
            our_city_zh=campaign.our_city_zh,
            sender=campaign.sender_name,
            sender_title=campaign.sender_title,
            sender_zh=campaign.sender_name_zh,
            sender_title_zh=campaign.sender_title_zh,
        )
        if campaign.partnership_id:
            partnership = q.partnership(session, campaign.partnership_id)
            if partnership is None:
                raise DomainError(UNKNOWN_PARTNERSHIP, field="partnership_id")
            years = _years_since(partnership.formalised_on, campaign.year)
            if campaign.occasion == "anniversary" and years is None:
                raise DomainError(
                    NO_ANNIVERSARY.with_params(partner=partnership.partner, year=campaign.year)
                )
            context = replace(
                context,
                partner=partnership.partner,
                partner_zh=partnership.partner_zh,
                years=years,
            )
            return context, partnership.place_id
        if campaign.occasion == "anniversary":
            raise DomainError(NEEDS_PARTNERSHIP, field="partnership_id")
        return context, None

    def _templates_for(self, occasion: str) -> dict[str, GreetingTemplate]:
        return {
            language: template
            for (for_occasion, language), template in self.templates().items()
            if for_occasion == occasion
        }

    def _render(
        self, person: CampaignRecipient, templates: dict[str, GreetingTemplate]
    ) -> Greeting:
        chosen = [templates[lang] for lang in person.languages if lang in templates]
        assert person.context is not None
        return render_greeting(chosen, person.recipient, person.context)

    def _prepare(
        self,
        campaign: Campaign,
        people: Sequence[CampaignRecipient],
        sender: _Sender,
        report: CampaignReport,
    ) -> list[tuple[_Outgoing, CampaignMessage]]:
        """Every message rendered and built before the first one leaves."""
        templates = self._templates_for(campaign.occasion)
        outbox = []
        for person in people:
            greeting = self._render(person, templates)
            try:
                data, message_id = _mime(greeting, sender, person)
            except (ValueError, email.errors.MessageError):
                report.failed.append(
                    CampaignFailure(person.contact_id, person.name, person.address, "bad_address")
                )
                continue
            summary = CampaignMessage(
                contact_id=person.contact_id,
                name=person.name,
                to=person.address,
                language=greeting.language,
                subject=greeting.subject,
                message_id=message_id,
            )
            outbox.append((_Outgoing(person, data), summary))
        return outbox

    def _write_all(
        self,
        outbox: Sequence[tuple[_Outgoing, CampaignMessage]],
        out_dir: Path,
        report: CampaignReport,
        recorder: _Recorder,
        progress: Progress | None,
    ) -> None:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DomainError(_folder_problem(out_dir, error)) from error
        with recorder.session():
            self._write_each(outbox, out_dir, report, recorder, progress)
        if progress is not None and not report.cancelled:
            progress(len(outbox), len(outbox))

    def _write_each(
        self,
        outbox: Sequence[tuple[_Outgoing, CampaignMessage]],
        out_dir: Path,
        report: CampaignReport,
        recorder: _Recorder,
        progress: Progress | None,
    ) -> None:
        for done, (outgoing, summary) in enumerate(outbox):
            if progress is not None and progress(done, len(outbox)) is False:
                report.cancelled = True
                return
            assert summary.file is not None
            try:
                _write_atomically(Path(summary.file), outgoing.data)
            except OSError as error:
                raise CampaignStopped(_folder_problem(out_dir, error), report) from error
            recorder.record(outgoing.person, summary, channel="eml")
            report.messages.append(summary)
            report.written += 1

    def _send_all(
        self,
        outbox: Sequence[tuple[_Outgoing, CampaignMessage]],
        settings: SmtpSettings,
        sender: _Sender,
        report: CampaignReport,
        recorder: _Recorder,
        progress: Progress | None,
    ) -> None:
        if not outbox:
            return
        with _connected(settings) as client, recorder.session():
            for done, (outgoing, summary) in enumerate(outbox):
                if progress is not None and progress(done, len(outbox)) is False:
                    report.cancelled = True
                    return
                failure = _send_one(client, outgoing, sender, report)
                if failure is not None:
                    report.failed.append(failure)
                    continue
                recorder.record(outgoing.person, summary, channel="smtp")
                report.messages.append(summary)
                report.sent += 1
        if progress is not None and not report.cancelled:
            progress(len(outbox), len(outbox))


@dataclass(frozen=True)
class _Outgoing:
    person: CampaignRecipient
    data: bytes


class _Recorder:
    """Logs each greeting as it leaves: a "greeting" interaction and its `greeting_sent` row,
    in one write transaction per message."""

    def __init__(self, db: Database, campaign: Campaign) -> None:
        self.db = db
        self.campaign = campaign
        self.today = campaign.today or dt.date.today()
        self.day = self.today.isoformat()
        self._session: Session | None = None
        with db.session() as session:
            # The sender is linked only if still on the staff list (a foreign key).
            known = campaign.sender_staff_id and iq.existing(
                session, iq.S, [campaign.sender_staff_id]
            )
        self.staff_id = campaign.sender_staff_id if known else None
        label = OCCASION_LABELS.get(campaign.occasion, OCCASION_LABELS["free"])
        self.occasion = label.render(campaign.translate)
        self.partnerships: set[str] = set()
        self.contacts: set[str] = set()

    @contextmanager
    def session(self) -> Iterator[None]:
        """One connection for the campaign; `record` commits each message on it.

        On SQLite the WAL is checkpointed every `CAMPAIGN_WAL_PAGES` pages instead of 1,000
        while the campaign runs, and once at the end: a checkpoint syncs the disk, and on ext4
        that waits for every .eml file written since. Measured: 5,000 files at ~1,000/s
        instead of ~500/s."""
        # liaison_write: BEGIN IMMEDIATE, as `Database.write` (crm.store.database).
        writer = self.db.engine.execution_options(liaison_write=True)
        with writer.connect() as conn:
            self._wal_pages(conn, CAMPAIGN_WAL_PAGES)
            try:
                with Session(bind=conn, expire_on_commit=False) as session:
                    self._session = session
                    yield
            finally:
                self._session = None
                try:
                    self._wal_pages(conn, SQLITE_WAL_PAGES)
                except SQLAlchemyError:
                    conn.invalidate()  # never back to the pool with the campaign's setting
        if self.db.is_sqlite:
            self.db.pragma("wal_checkpoint(PASSIVE)")

    def _wal_pages(self, conn: Connection, pages: int) -> None:
        # On the driver's connection, in autocommit: no transaction, no lock to wait for.
        if self.db.is_sqlite:
            driver = conn.connection.driver_connection
            assert driver is not None
            driver.execute(f"PRAGMA wal_autocheckpoint = {pages}")

    def record(self, person: CampaignRecipient, summary: CampaignMessage, *, channel: str) -> None:
        assert self._session is not None, "record inside session()"
        note = NOTE_SENT if channel == "smtp" else NOTE_WRITTEN
        draft = InteractionDraft(
            kind=InteractionKind.GREETING,
            occurred_on=self.day,
            contact_ids=[person.contact_id],
            partnership_id=self.campaign.partnership_id,
            staff_id=self.staff_id,
            note=note.with_params(occasion=self.occasion, address=summary.to).render(
                self.campaign.translate
            ),
        ).validate(today=self.today)
        try:
            self._log(person, summary, draft, channel)
        except IntegrityError:
            # Greeted meanwhile by another run (a colleague on the shared database): theirs is
            # the record. Or the person was deleted meanwhile: there is nobody to record.
            self._session.rollback()
            return
        self.contacts.add(person.contact_id)
        if draft.partnership_id:
            self.partnerships.add(draft.partnership_id)

    def _log(
        self,
        person: CampaignRecipient,
        summary: CampaignMessage,
        draft: InteractionDraft,
        channel: str,
    ) -> None:
        assert self._session is not None
        q.log_greeting(
            self._session,
            contact_id=person.contact_id,
            occasion=self.campaign.occasion,
            year=self.campaign.year,
            occurred_on=draft.occurred_on,
            partnership_id=draft.partnership_id,
            staff_id=draft.staff_id,
            note=draft.note,
            channel=channel,
            address=summary.to,
            message_id=summary.message_id,
        )
        # Its own transaction: whatever happens to the next message, this one is on record.
        self._session.commit()

    def changes(self) -> Changes:
        return Changes(contacts=frozenset(self.contacts), partnerships=frozenset(self.partnerships))


# ---- rules and helpers ----


def _check_occasion(occasion: str) -> None:
    if occasion not in GREETING_OCCASIONS:
        raise DomainError(UNKNOWN_OCCASION.with_params(occasion=occasion), field="occasion")


def _status(status: str, address: str, greeted: bool) -> str:
    if status in ("deceased", "moved_on"):
        return status
    if greeted:
        return "already_greeted"
    return READY if address else "no_address"


def _years_since(formalised_on: str, year: int) -> int | None:
    try:
        founded = PartialDate.parse(formalised_on).year if formalised_on else None
    except DomainError:
        return None
    return year - founded if founded is not None and year > founded else None


def _personal_context(
    base: GreetingContext, row: q.CandidateRow, today: dt.date
) -> GreetingContext | None:
    """The campaign's context with what is this person's own; None: not in this campaign."""
    if base.occasion == "national_day":
        found = national_day(row.country, base.year) if row.country else None
        if found is None:
            return None
        name, on = found
        extra = {"national_day": name.render(), "date": on.isoformat()}
        return replace(
            base,
            country=country_name(row.country, "en"),
            country_zh=country_name(row.country, "zh_CN"),
            extra={**base.extra, **extra},
        )
    if base.occasion == "birthday":
        facts = BirthdayFacts(
            contact_id=row.id,
            name="",
            name_zh="",
            birthday=row.birthday,
            calendar=row.birthday_calendar,
            leap_month=row.birthday_leap_month,
        )
        end = today + dt.timedelta(days=BIRTHDAY_WINDOW_DAYS)
        occurrence = next(iter(contact_birthdays(facts, today, end)), None)
        if occurrence is None:
            return None
        birthday = {"date": occurrence.date.isoformat(), "age": occurrence.years}
        return replace(base, extra={**base.extra, **birthday})
    return base


def _display_name(recipient: Recipient) -> str:
    """The name in the To header and in lists: as the person writes it in their language."""
    latin = latin_name(recipient.family_name, recipient.given_name, recipient.name_zh)
    if recipient.language == "zh_CN" and recipient.name_zh:
        return recipient.name_zh
    return latin or recipient.name_zh


@dataclass(frozen=True)
class _Sender:
    name: str
    address: str

    @cached_property
    def header(self) -> str:
        return formataddr((self.name, self.address), charset="utf-8")

    @property
    def domain(self) -> str:
        return self.address.rpartition("@")[2] or "localhost"


def _sender(campaign: Campaign, smtp: SmtpSettings | None) -> _Sender:
    address = (smtp.sender_address if smtp else "") or campaign.sender_address or DEFAULT_SENDER
    name = (smtp.sender_name if smtp else "") or campaign.sender_name
    return _Sender(name, address)


# What a server takes without SMTPUTF8: an ASCII local part and domain, nothing to quote.
_ADDRESS = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$"
)


def _mime(greeting: Greeting, sender: _Sender, person: CampaignRecipient) -> tuple[bytes, str]:
    """The message as it goes on the wire (CRLF, 7-bit: UTF-8 headers as RFC 2047 words, both
    parts in base64), and its Message-ID.

    Built with the `email.mime` classes: `EmailMessage` parses back every header it is given
    and costs ~3 ms a message, six times the rest of the work; the bytes are the same MIME."""
    if not _ADDRESS.match(person.address):
        raise ValueError(person.address)
    message_id = make_msgid(domain=sender.domain)
    # No "=_" in base64: the boundary cannot occur in the parts, and the generator need not
    # search them for it.
    message = MIMEMultipart("alternative", boundary=f"=_{uuid.uuid4().hex}")
    message["From"] = sender.header
    message["To"] = formataddr((person.name, person.address), charset="utf-8")
    subject = greeting.subject
    message["Subject"] = subject if subject.isascii() else Header(subject, "utf-8")  # type: ignore[assignment]
    message["Date"] = format_datetime(dt.datetime.now().astimezone())
    message["Message-ID"] = message_id
    message["Content-Language"] = greeting.language.replace("_", "-")
    for content, subtype in ((greeting.text, "plain"), (greeting.html, "html")):
        canonical = content.replace("\r\n", "\n").replace("\n", "\r\n")
        message.attach(MIMEText(canonical, subtype, "utf-8"))
    return message.as_bytes(policy=WIRE), message_id


_UNSAFE = re.compile(r"[^a-z0-9]+")


def _file_name(outgoing: _Outgoing) -> str:
    """`wang-fang-2e4895f6.eml`: readable in any file system, and unique by the contact id's
    prefix. The Latin name as the person writes it (单丽华 is "Shan", not anyascii's "Dan")."""
    who = outgoing.person.recipient
    name = latin_name(who.family_name, who.given_name, who.name_zh) or outgoing.person.name
    safe = _UNSAFE.sub("-", anyascii(name).lower()).strip("-")[:60]
    return f"{safe or 'contact'}-{outgoing.person.contact_id[:8]}.eml"


def _write_atomically(path: Path, data: bytes) -> None:
    part = path.with_name(path.name + ".part")
    try:
        part.write_bytes(data)
        os.replace(part, path)
    except OSError:
        part.unlink(missing_ok=True)
        raise


def _folder_problem(folder: Path, error: OSError) -> Text:
    return FOLDER_NOT_WRITABLE.with_params(path=str(folder), reason=_reason(error))


def _reason(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        words = error.smtp_error
        text = words.decode("utf-8", "replace") if isinstance(words, bytes) else str(words)
        return f"{error.smtp_code} {text}".strip()
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error).rstrip(".") or type(error).__name__


@contextmanager
def _connected(settings: SmtpSettings) -> Iterator[smtplib.SMTP]:
    """One logged-in connection for the whole campaign; every failure to get there is one
    sentence."""
    host, port = settings.host, settings.effective_port
    where = {"host": host, "port": port}
    password = settings.password
    if settings.user and password is None:
        password = smtp_password(settings)
        if password is None:
            raise DomainError(NO_PASSWORD.with_params(user=settings.user, host=host))
    tls = settings.tls_context or ssl.create_default_context()
    try:
        if settings.security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                host, port, timeout=settings.timeout, context=tls
            )
        else:
            client = smtplib.SMTP(host, port, timeout=settings.timeout)
    except ssl.SSLError as error:
        reason = _reason(error)
        raise DomainError(NO_SECURE_CONNECTION.with_params(**where, reason=reason)) from error
    except OSError as error:
        raise DomainError(CANNOT_CONNECT.with_params(**where, reason=_reason(error))) from error
    try:
        _secure_and_log_in(client, settings, password or "", tls)
        yield client
    finally:
        try:
            client.quit()
        except (smtplib.SMTPException, OSError):
            client.close()


def _secure_and_log_in(
    client: smtplib.SMTP, settings: SmtpSettings, password: str, tls: ssl.SSLContext
) -> None:
    where = {"host": settings.host, "port": settings.effective_port}
    try:
        if settings.security == "starttls":
            client.starttls(context=tls)
    except smtplib.SMTPNotSupportedError as error:
        raise DomainError(NO_STARTTLS.with_params(**where)) from error
    except ssl.SSLError as error:
        reason = _reason(error)
        raise DomainError(NO_SECURE_CONNECTION.with_params(**where, reason=reason)) from error
    except OSError as error:
        raise DomainError(CANNOT_CONNECT.with_params(**where, reason=_reason(error))) from error
    if not settings.user:
        return
    try:
        client.login(settings.user, password)
    except smtplib.SMTPAuthenticationError as error:
        raise DomainError(AUTH_REFUSED) from error
    except smtplib.SMTPNotSupportedError as error:
        raise DomainError(NO_AUTH) from error
    except (smtplib.SMTPResponseException, smtplib.SMTPServerDisconnected) as error:
        raise DomainError(CANNOT_CONNECT.with_params(**where, reason=_reason(error))) from error
    except smtplib.SMTPException as error:  # "No suitable authentication method found."
        raise DomainError(NO_AUTH) from error
    except OSError as error:
        raise DomainError(CANNOT_CONNECT.with_params(**where, reason=_reason(error))) from error


def _send_one(
    client: smtplib.SMTP, outgoing: _Outgoing, sender: _Sender, report: CampaignReport
) -> CampaignFailure | None:
    """Send one message: None when it left, a failure when only this one could not; raises
    CampaignStopped when the server went away or will take nothing more."""
    person = outgoing.person

    def failed(reason: str, error: BaseException) -> CampaignFailure:
        return CampaignFailure(
            person.contact_id, person.name, person.address, reason, _reason(error)
        )

    def lost(error: BaseException) -> CampaignStopped:
        text = CONNECTION_LOST.with_params(sent=report.sent, reason=_reason(error))
        return CampaignStopped(text, report)

    try:
        client.sendmail(sender.address, [person.address], outgoing.data)
    except smtplib.SMTPRecipientsRefused as error:
        refusals = list(error.recipients.values())
        if any(code == 421 for code, _ in refusals):
            code, words = refusals[0]
            raise lost(smtplib.SMTPResponseException(code, words)) from error
        code, words = refusals[0] if refusals else (550, b"")
        return failed("refused", smtplib.SMTPResponseException(code, words))
    except smtplib.SMTPSenderRefused as error:
        if error.smtp_code == 421:
            raise lost(error) from error
        text = SENDER_REFUSED.with_params(address=sender.address, reason=_reason(error))
        raise CampaignStopped(text, report) from error
    except smtplib.SMTPDataError as error:
        if error.smtp_code >= 500:
            return failed("rejected", error)
        raise lost(error) from error
    except smtplib.SMTPNotSupportedError as error:  # an address only SMTPUTF8 could carry
        return failed("bad_address", error)
    except (smtplib.SMTPException, OSError) as error:
        raise lost(error) from error
    return None
