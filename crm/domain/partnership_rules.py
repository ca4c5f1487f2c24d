"""Partnerships, agreements, places and interactions as a user edits them, and their rules.

Partial dates (formalised on, signed on) are history as people remember it: "1985", "1986-10" or
"2009-10-29", never padded. Review, expiry and interaction dates are things the office itself
plans or does, so they are whole ISO dates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from crm.domain.contacts import MAX_KEEP_IN_TOUCH_DAYS, valid_keep_in_touch
from crm.domain.dates import PartialDate
from crm.domain.partnerships import (
    AgreementKind,
    InteractionKind,
    PartnershipStatus,
    PartnershipType,
)

# known_countries is imported from here by the import of partnership sheets, too.
from crm.domain.places import known_countries
from crm.domain.text import QT_TRANSLATE_NOOP, DomainError, ValidationErrors

PLACE_REQUIRED = QT_TRANSLATE_NOOP("Partnerships", "Choose the partner city or district.")
PLACE_NAME_REQUIRED = QT_TRANSLATE_NOOP("Partnerships", "Give the place a name.")
COUNTRY_REQUIRED = QT_TRANSLATE_NOOP(
    "Partnerships", "Give the country as its two-letter code, e.g. CN, DE or NO."
)
BAD_COUNTRY = QT_TRANSLATE_NOOP(
    "Partnerships", "“{value}” is not a country code: use two letters, e.g. CN, DE or NO."
)
YEAR_NEEDED = QT_TRANSLATE_NOOP(
    "Partnerships", "Give at least the year: 1985, 1986-10 or 2009-10-29."
)
BAD_FULL_DATE = QT_TRANSLATE_NOOP("Dates", "“{value}” is not a date: write it as 2027-05-31.")
EXPIRES_BEFORE_SIGNED = QT_TRANSLATE_NOOP(
    "Agreements", "An agreement cannot expire before it was signed."
)
DATE_REQUIRED = QT_TRANSLATE_NOOP("Interactions", "Give the date of the interaction.")
FUTURE_INTERACTION = QT_TRANSLATE_NOOP(
    "Interactions", "An interaction cannot be in the future: log it once it has happened."
)
NOBODY_INVOLVED = QT_TRANSLATE_NOOP("Interactions", "Choose at least one person or a partnership.")
TEXT_TOO_LONG = QT_TRANSLATE_NOOP(
    "Partnerships", "This text is too long (at most {limit} characters)."
)
BAD_KEEP_IN_TOUCH = QT_TRANSLATE_NOOP(
    "Partnerships", "Keep in touch every 1 to {limit} days, or never."
)

MAX_NOTES = 20_000
MAX_AREA = 100
MAX_TITLE = 300
MAX_NAME = 200

_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_AREA_SEPARATORS = re.compile(r"[,;，；、]")


def split_areas(text: str) -> list[str]:
    """Areas typed on one line: commas and semicolons in ASCII or Chinese, and 、 separate them."""
    return [area.strip() for area in _AREA_SEPARATORS.split(text) if area.strip()]


def unique(values: Iterable[str], *, fold_case: bool = False) -> list[str]:
    seen: set[str] = set()
    kept = []
    for value in values:
        key = value.casefold() if fold_case else value
        if value and key not in seen:
            seen.add(key)
            kept.append(value)
    return kept


def check_country(value: str, errors: list[DomainError], field_name: str = "country") -> None:
    if not value:
        errors.append(DomainError(COUNTRY_REQUIRED, field=field_name))
    elif value not in known_countries():
        errors.append(DomainError(BAD_COUNTRY.with_params(value=value), field=field_name))


def parse_full_date(value: str) -> dt.date:
    if not _FULL_DATE.match(value):
        raise DomainError(BAD_FULL_DATE.with_params(value=value))
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DomainError(BAD_FULL_DATE.with_params(value=value)) from None


def _partial(value: str, field_name: str, errors: list[DomainError]) -> PartialDate | None:
    try:
        parsed = PartialDate.parse(value)
    except DomainError as error:
        errors.append(DomainError(error.text, field=field_name))
        return None
    if parsed.year is None:
        errors.append(DomainError(YEAR_NEEDED, field=field_name))
        return None
    return parsed


def _full(value: str, field_name: str, errors: list[DomainError]) -> dt.date | None:
    try:
        return parse_full_date(value)
    except DomainError as error:
        errors.append(DomainError(error.text, field=field_name))
        return None


def _length(value: str, limit: int, field_name: str, errors: list[DomainError]) -> None:
    if len(value) > limit:
        errors.append(DomainError(TEXT_TOO_LONG.with_params(limit=limit), field=field_name))


@dataclass
class PlaceDraft:
    name: str = ""
    name_zh: str = ""
    country: str = ""
    region: str = ""

    def validate(self) -> PlaceDraft:
        draft = replace(
            self,
            name=" ".join(self.name.split()),
            name_zh="".join(self.name_zh.split()),
            country=self.country.strip().upper(),
            region=" ".join(self.region.split()),
        )
        errors: list[DomainError] = []
        if not (draft.name or draft.name_zh):
            errors.append(DomainError(PLACE_NAME_REQUIRED, field="name"))
        for name in ("name", "name_zh", "region"):
            _length(getattr(draft, name), MAX_NAME, name, errors)
        check_country(draft.country, errors)
        if errors:
            raise ValidationErrors(errors)
        # The English name is the one every list sorts by: a Chinese name alone stands in.
        return replace(draft, name=draft.name or draft.name_zh)


@dataclass
class PartnershipDraft:
    place_id: str | None = None
    type: PartnershipType = PartnershipType.SISTER_CITY
    formalised_on: str = ""
    status: PartnershipStatus = PartnershipStatus.ACTIVE
    areas: list[str] = field(default_factory=list)
    champion_ids: list[str] = field(default_factory=list)
    owner_id: str | None = None
    notes: str = ""
    # None: the default of its status; 0: never; N: remind after N days without an interaction.
    keep_in_touch_days: int | None = None

    def cleaned(self) -> PartnershipDraft:
        return replace(
            self,
            place_id=self.place_id or None,
            type=PartnershipType(self.type),
            formalised_on=self.formalised_on.strip(),
            status=PartnershipStatus(self.status),
            areas=unique((" ".join(a.split()) for a in self.areas), fold_case=True),
            champion_ids=unique(self.champion_ids),
            owner_id=self.owner_id or None,
            notes=self.notes.rstrip(),
        )

    def validate(self) -> PartnershipDraft:
        """The cleaned draft, or every problem at once, each tied to its field."""
        draft = self.cleaned()
        errors: list[DomainError] = []
        if not draft.place_id:
            errors.append(DomainError(PLACE_REQUIRED, field="place_id"))
        if draft.formalised_on:
            parsed = _partial(draft.formalised_on, "formalised_on", errors)
            if parsed is not None:
                draft.formalised_on = parsed.iso()
        for area in draft.areas:
            if len(area) > MAX_AREA:
                _length(area, MAX_AREA, "areas", errors)
                break
        _length(draft.notes, MAX_NOTES, "notes", errors)
        if not valid_keep_in_touch(draft.keep_in_touch_days):
            problem = BAD_KEEP_IN_TOUCH.with_params(limit=MAX_KEEP_IN_TOUCH_DAYS)
            errors.append(DomainError(problem, field="keep_in_touch_days"))
        if errors:
            raise ValidationErrors(errors)
        return draft


@dataclass
class AgreementDraft:
    kind: AgreementKind = AgreementKind.MOU
    title: str = ""
    signed_on: str = ""
    review_on: str = ""
    expires_on: str = ""
    signatory_ids: list[str] = field(default_factory=list)
    notes: str = ""

    @property
    def legally_binding(self) -> bool:
        return AgreementKind(self.kind).legally_binding

    def cleaned(self) -> AgreementDraft:
        return replace(
            self,
            kind=AgreementKind(self.kind),
            title=" ".join(self.title.split()),
            signed_on=self.signed_on.strip(),
            review_on=self.review_on.strip(),
            expires_on=self.expires_on.strip(),
            signatory_ids=unique(self.signatory_ids),
            notes=self.notes.rstrip(),
        )

    def validate(self) -> AgreementDraft:
        draft = self.cleaned()
        errors: list[DomainError] = []
        _length(draft.title, MAX_TITLE, "title", errors)
        signed = _partial(draft.signed_on, "signed_on", errors) if draft.signed_on else None
        if signed is not None:
            draft.signed_on = signed.iso()
        if draft.review_on:
            _full(draft.review_on, "review_on", errors)
        expires = _full(draft.expires_on, "expires_on", errors) if draft.expires_on else None
        if signed is not None and expires is not None:
            # Compared at the precision the signing date is known to ("2009-10" vs "2009-09").
            known = signed.iso()
            if expires.isoformat()[: len(known)] < known:
                errors.append(DomainError(EXPIRES_BEFORE_SIGNED, field="expires_on"))
        _length(draft.notes, MAX_NOTES, "notes", errors)
        if errors:
            raise ValidationErrors(errors)
        return draft


@dataclass
class InteractionDraft:
    kind: InteractionKind = InteractionKind.MEETING
    occurred_on: str = ""
    contact_ids: list[str] = field(default_factory=list)
    partnership_id: str | None = None
    delegation_id: str | None = None
    note: str = ""
    staff_id: str | None = None

    def validate(self, *, today: dt.date | None = None) -> InteractionDraft:
        draft = replace(
            self,
            kind=InteractionKind(self.kind),
            occurred_on=self.occurred_on.strip(),
            contact_ids=unique(self.contact_ids),
            partnership_id=self.partnership_id or None,
            delegation_id=self.delegation_id or None,
            staff_id=self.staff_id or None,
            note=self.note.strip(),
        )
        errors: list[DomainError] = []
        if not draft.occurred_on:
            errors.append(DomainError(DATE_REQUIRED, field="occurred_on"))
        else:
            day = _full(draft.occurred_on, "occurred_on", errors)
            if day is not None and day > (today or dt.date.today()):
                errors.append(DomainError(FUTURE_INTERACTION, field="occurred_on"))
        if not draft.contact_ids and not draft.partnership_id:
            errors.append(DomainError(NOBODY_INVOLVED, field="contact_ids"))
        _length(draft.note, MAX_NOTES, "note", errors)
        if errors:
            raise ValidationErrors(errors)
        return draft
