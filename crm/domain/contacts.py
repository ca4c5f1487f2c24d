"""The contact as a user edits it, and the rules a contact must satisfy before it is saved."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from enum import StrEnum

from crm.domain.dates import Birthday, CalendarKind
from crm.domain.text import QT_TRANSLATE_NOOP, DomainError, ValidationErrors


class ContactStatus(StrEnum):
    ACTIVE = "active"
    MOVED_ON = "moved_on"
    DECEASED = "deceased"


STATUS_LABELS = {
    ContactStatus.ACTIVE: QT_TRANSLATE_NOOP("Contacts", "Active"),
    ContactStatus.MOVED_ON: QT_TRANSLATE_NOOP("Contacts", "Moved on"),
    ContactStatus.DECEASED: QT_TRANSLATE_NOOP("Contacts", "Deceased"),
}

# Preferred languages offered first; any BCP 47 / POSIX code is accepted.
LANGUAGES = ("en", "zh_CN", "da", "de", "nl", "nb", "sv", "fr", "pl", "fi", "it", "es")

HONORIFICS_EN = ("Mr", "Ms", "Mrs", "Dr", "Prof", "Mx")

_EMAIL = re.compile(r"^[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[^@\s,;<>\".]{2,}$")
_PHONE = re.compile(r"^\+?[0-9 ()./\-]{3,}(?:\s*(?:ext\.?|x)\s*\d+)?$", re.IGNORECASE)

NAME_REQUIRED = QT_TRANSLATE_NOOP("Contacts", "Give a family name, a given name or a Chinese name.")
BAD_EMAIL = QT_TRANSLATE_NOOP("Contacts", "“{value}” is not an e-mail address.")
BAD_PHONE = QT_TRANSLATE_NOOP("Contacts", "“{value}” is not a phone number.")
OWN_SUCCESSOR = QT_TRANSLATE_NOOP("Contacts", "A contact cannot succeed themselves.")
TOO_LONG = QT_TRANSLATE_NOOP("Contacts", "This text is too long (at most {limit} characters).")
BAD_KEEP_IN_TOUCH = QT_TRANSLATE_NOOP(
    "Contacts", "Keep in touch every 1 to {limit} days, or never."
)

MAX_FIELD = 200
MAX_NOTES = 20_000
# The widths of the stored columns: a longer value is refused here, with its field, rather
# than by the database (PostgreSQL refuses it whole; SQLite would keep it).
MAX_EMAIL = 320
MAX_PHONE = 100
MAX_TAG = 100
MAX_LANGUAGE = 20
# The longest keep-in-touch interval, in days: the bound crm.services.reminders checks too.
MAX_KEEP_IN_TOUCH_DAYS = 3650


def valid_keep_in_touch(days: int | None) -> bool:
    """None (the default: tags' or status's), 0 (never) or 1 to MAX_KEEP_IN_TOUCH_DAYS days."""
    if days is None:
        return True
    return type(days) is int and 0 <= days <= MAX_KEEP_IN_TOUCH_DAYS


@dataclass
class ContactDraft:
    """Everything the editor shows; ids of organisation, owner and predecessor are UUID strings."""

    family_name: str = ""
    given_name: str = ""
    name_zh: str = ""
    honorific: str = ""
    position: str = ""
    position_zh: str = ""
    organisation_id: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    wechat: str = ""
    language: str = "en"
    birthday: str = ""
    birthday_calendar: CalendarKind = CalendarKind.GREGORIAN
    birthday_leap_month: bool = False
    tags: list[str] = field(default_factory=list)
    owner_id: str | None = None
    status: ContactStatus = ContactStatus.ACTIVE
    successor_of_id: str | None = None
    # None: as the contact's tags say (not watched unless a tag has an interval); 0: never;
    # N: remind after N days without an interaction.
    keep_in_touch_days: int | None = None
    notes: str = ""

    def cleaned(self) -> ContactDraft:
        """Trimmed values, empty list entries dropped, tags de-duplicated (order kept)."""

        def strip_all(values: list[str]) -> list[str]:
            return [v.strip() for v in values if v.strip()]

        tags: list[str] = []
        for tag in strip_all(self.tags):
            if tag.casefold() not in {t.casefold() for t in tags}:
                tags.append(tag)
        return replace(
            self,
            family_name=self.family_name.strip(),
            given_name=self.given_name.strip(),
            name_zh="".join(self.name_zh.split()),
            honorific=self.honorific.strip(),
            position=self.position.strip(),
            position_zh=self.position_zh.strip(),
            emails=strip_all(self.emails),
            phones=strip_all(self.phones),
            wechat=self.wechat.strip(),
            language=self.language.strip() or "en",
            birthday=self.birthday.strip(),
            tags=tags,
            notes=self.notes.rstrip(),
        )

    def validate(
        self, *, contact_id: str | None = None, today: dt.date | None = None
    ) -> ContactDraft:
        """Return the cleaned draft, or raise every problem found, each tied to its field."""
        draft = self.cleaned()
        errors: list[DomainError] = []
        if not (draft.family_name or draft.given_name or draft.name_zh):
            errors.append(DomainError(NAME_REQUIRED, field="family_name"))
        for name in (
            "family_name",
            "given_name",
            "name_zh",
            "honorific",
            "position",
            "position_zh",
            "wechat",
        ):
            if len(getattr(draft, name)) > MAX_FIELD:
                errors.append(DomainError(TOO_LONG.with_params(limit=MAX_FIELD), field=name))
        if len(draft.notes) > MAX_NOTES:
            errors.append(DomainError(TOO_LONG.with_params(limit=MAX_NOTES), field="notes"))
        for email in draft.emails:
            if not _EMAIL.match(email):
                errors.append(DomainError(BAD_EMAIL.with_params(value=email), field="emails"))
                break
        for phone in draft.phones:
            if not _PHONE.match(phone):
                errors.append(DomainError(BAD_PHONE.with_params(value=phone), field="phones"))
                break
        said = {error.field for error in errors}
        for values, limit, name in (
            (draft.emails, MAX_EMAIL, "emails"),
            (draft.phones, MAX_PHONE, "phones"),
            (draft.tags, MAX_TAG, "tags"),
            ([draft.language], MAX_LANGUAGE, "language"),
        ):
            if name not in said and any(len(value) > limit for value in values):
                errors.append(DomainError(TOO_LONG.with_params(limit=limit), field=name))
        if draft.birthday:
            try:
                Birthday.parse(
                    draft.birthday,
                    calendar_kind=draft.birthday_calendar,
                    leap_month=draft.birthday_leap_month,
                    today=today,
                )
            except DomainError as error:
                errors.append(DomainError(error.text, field="birthday"))
        if contact_id and draft.successor_of_id == contact_id:
            errors.append(DomainError(OWN_SUCCESSOR, field="successor_of_id"))
        if not valid_keep_in_touch(draft.keep_in_touch_days):
            problem = BAD_KEEP_IN_TOUCH.with_params(limit=MAX_KEEP_IN_TOUCH_DAYS)
            errors.append(DomainError(problem, field="keep_in_touch_days"))
        if errors:
            raise ValidationErrors(errors)
        return draft
