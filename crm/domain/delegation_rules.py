"""A delegation, a gift and a follow-up as a user edits them, and the rules each must satisfy.

Dates of things the office does itself (a visit, a gift handed over, a follow-up due) are full
ISO dates; an unknown date is an empty string, never an invented day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from crm.domain.partnerships import DelegationDirection, DelegationStatus, GiftDirection, ValueBand
from crm.domain.text import QT_TRANSLATE_NOOP, DomainError, Text, ValidationErrors

TITLE_REQUIRED = QT_TRANSLATE_NOOP("Delegations", "Give the visit a title.")
BAD_DAY = QT_TRANSLATE_NOOP("Delegations", "“{value}” is not a date: write it as 2025-05-31.")
END_BEFORE_START = QT_TRANSLATE_NOOP("Delegations", "The visit cannot end before it starts.")
END_WITHOUT_START = QT_TRANSLATE_NOOP("Delegations", "Give the first day of the visit too.")
MEMBER_TWICE = QT_TRANSLATE_NOOP(
    "Delegations", "The same person is listed twice among the members."
)
ITEM_DESCRIPTION_REQUIRED = QT_TRANSLATE_NOOP(
    "Delegations", "Say what happens at this point of the programme."
)
ITEM_OUTSIDE_VISIT = QT_TRANSLATE_NOOP(
    "Delegations", "This day of the programme is outside the dates of the visit."
)
BAD_TIME = QT_TRANSLATE_NOOP("Delegations", "“{value}” is not a time: write it as 09:30.")
TOO_LONG = QT_TRANSLATE_NOOP("Delegations", "This text is too long (at most {limit} characters).")
FOLLOW_UP_REQUIRED = QT_TRANSLATE_NOOP("FollowUps", "Say what has to be done.")
BAD_DUE = QT_TRANSLATE_NOOP("FollowUps", "“{value}” is not a date: write it as 2025-05-31.")
GIFT_DESCRIPTION_REQUIRED = QT_TRANSLATE_NOOP("Gifts", "Say what the gift was.")
BAD_GIFT_DATE = QT_TRANSLATE_NOOP("Gifts", "“{value}” is not a date: write it as 2025-05-31.")
FUTURE_GIFT = QT_TRANSLATE_NOOP("Gifts", "A gift received cannot be dated in the future.")

MAX_TITLE = 300
MAX_ROLE = 200
MAX_TEXT = 20_000
MAX_GIFT = 500
MAX_OCCASION = 200

_TIME = re.compile(r"^(\d{1,2})[:.：](\d{2})$")


class RowError(DomainError):
    """A problem with one row of a list (a member, an itinerary item, a gift): `row` counts
    from 0 in the order the list was given."""

    def __init__(self, text: Text, *, field: str, row: int) -> None:
        super().__init__(text, field=field)
        self.row = row


def parse_day(value: str) -> dt.date | None:
    """A full ISO date, or None for "" (unknown); raises ValueError for anything else."""
    text = value.strip()
    if not text:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(text)
    return dt.date.fromisoformat(text)


def normalise_time(value: str) -> str:
    """ "9:30", "09.30", "09：30" → "09:30"; "" stays ""; raises ValueError otherwise."""
    text = value.strip()
    if not text:
        return ""
    match = _TIME.match(text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(text)
    return f"{int(match[1]):02d}:{match[2]}"


class Member(NamedTuple):
    contact_id: str
    role: str = ""


class ItineraryEntry(NamedTuple):
    day: str
    time: str
    description: str


def _length(errors: list[DomainError], value: str, limit: int, name: str) -> None:
    if len(value) > limit:
        errors.append(DomainError(TOO_LONG.with_params(limit=limit), field=name))


@dataclass
class DelegationDraft:
    """Everything the delegation editor shows except gifts and follow-ups, which have their own
    drafts. `members` are in protocol order; the leader is always one of them."""

    title: str = ""
    direction: DelegationDirection = DelegationDirection.INCOMING
    status: DelegationStatus = DelegationStatus.PLANNED
    partnership_id: str | None = None
    start_on: str = ""
    end_on: str = ""
    leader_id: str | None = None
    members: list[Member] = field(default_factory=list)
    purpose: str = ""
    itinerary: list[ItineraryEntry] = field(default_factory=list)
    outcomes: str = ""
    notes: str = ""

    def cleaned(self) -> DelegationDraft:
        members = [Member(m.contact_id, m.role.strip()) for m in self.members if m.contact_id]
        if self.leader_id and self.leader_id not in {m.contact_id for m in members}:
            members.insert(0, Member(self.leader_id, ""))
        itinerary = [
            ItineraryEntry(e.day.strip(), e.time.strip(), e.description.strip())
            for e in self.itinerary
            if e.day.strip() or e.time.strip() or e.description.strip()
        ]
        return replace(
            self,
            title=" ".join(self.title.split()),
            direction=DelegationDirection(self.direction),
            status=DelegationStatus(self.status),
            partnership_id=self.partnership_id or None,
            start_on=self.start_on.strip(),
            end_on=self.end_on.strip(),
            leader_id=self.leader_id or None,
            members=members,
            purpose=self.purpose.strip(),
            itinerary=itinerary,
            outcomes=self.outcomes.strip(),
            notes=self.notes.strip(),
        )

    def validate(self) -> DelegationDraft:
        """The cleaned draft, or every problem found, each tied to its field (and row)."""
        draft = self.cleaned()
        errors: list[DomainError] = []
        if not draft.title:
            errors.append(DomainError(TITLE_REQUIRED, field="title"))
        _length(errors, draft.title, MAX_TITLE, "title")
        for name in ("purpose", "outcomes", "notes"):
            _length(errors, getattr(draft, name), MAX_TEXT, name)
        start = end = None
        try:
            start = parse_day(draft.start_on)
        except ValueError:
            errors.append(DomainError(BAD_DAY.with_params(value=draft.start_on), field="start_on"))
        try:
            end = parse_day(draft.end_on)
        except ValueError:
            errors.append(DomainError(BAD_DAY.with_params(value=draft.end_on), field="end_on"))
        if start and end and end < start:
            errors.append(DomainError(END_BEFORE_START, field="end_on"))
        if end and not start and draft.start_on == "":
            errors.append(DomainError(END_WITHOUT_START, field="start_on"))
        seen: set[str] = set()
        for row, member in enumerate(draft.members):
            if member.contact_id in seen:
                errors.append(RowError(MEMBER_TWICE, field="members", row=row))
            seen.add(member.contact_id)
            if len(member.role) > MAX_ROLE:
                errors.append(
                    RowError(TOO_LONG.with_params(limit=MAX_ROLE), field="members", row=row)
                )
        errors += _itinerary_errors(draft, start, end or start)
        if errors:
            raise ValidationErrors(errors)
        return replace(
            draft,
            itinerary=[
                ItineraryEntry(e.day, normalise_time(e.time), e.description)
                for e in draft.itinerary
            ],
        )


def _itinerary_errors(
    draft: DelegationDraft, start: dt.date | None, end: dt.date | None
) -> list[DomainError]:
    errors: list[DomainError] = []
    for row, entry in enumerate(draft.itinerary):
        try:
            day = parse_day(entry.day)
        except ValueError:
            errors.append(
                RowError(BAD_DAY.with_params(value=entry.day), field="itinerary", row=row)
            )
            day = None
        if day and start and end and not start <= day <= end:
            errors.append(RowError(ITEM_OUTSIDE_VISIT, field="itinerary", row=row))
        try:
            normalise_time(entry.time)
        except ValueError:
            errors.append(
                RowError(BAD_TIME.with_params(value=entry.time), field="itinerary", row=row)
            )
        if not entry.description:
            errors.append(RowError(ITEM_DESCRIPTION_REQUIRED, field="itinerary", row=row))
        elif len(entry.description) > MAX_TEXT:
            errors.append(
                RowError(TOO_LONG.with_params(limit=MAX_TEXT), field="itinerary", row=row)
            )
    return errors


@dataclass
class FollowUpDraft:
    """Something agreed with a partner: what, who in our office, by when, and whether done."""

    description: str = ""
    assignee_id: str | None = None
    due_on: str = ""
    delegation_id: str | None = None
    partnership_id: str | None = None
    done: bool = False

    def validate(self) -> FollowUpDraft:
        draft = replace(
            self,
            description=self.description.strip(),
            assignee_id=self.assignee_id or None,
            due_on=self.due_on.strip(),
            delegation_id=self.delegation_id or None,
            partnership_id=self.partnership_id or None,
        )
        errors: list[DomainError] = []
        if not draft.description:
            errors.append(DomainError(FOLLOW_UP_REQUIRED, field="description"))
        _length(errors, draft.description, MAX_TEXT, "description")
        try:
            parse_day(draft.due_on)
        except ValueError:
            errors.append(DomainError(BAD_DUE.with_params(value=draft.due_on), field="due_on"))
        if errors:
            raise ValidationErrors(errors)
        return draft


@dataclass
class GiftDraft:
    """A gift given to or received from someone. An empty `given_on` on a gift of a visit means
    "during the visit"; the visit's first day stands in for it wherever gifts are ordered."""

    description: str = ""
    direction: GiftDirection = GiftDirection.GIVEN
    contact_id: str | None = None
    delegation_id: str | None = None
    partnership_id: str | None = None
    occasion: str = ""
    given_on: str = ""
    value_band: ValueBand | None = None
    notes: str = ""

    def validate(self, *, today: dt.date | None = None) -> GiftDraft:
        draft = replace(
            self,
            description=" ".join(self.description.split()),
            direction=GiftDirection(self.direction),
            contact_id=self.contact_id or None,
            delegation_id=self.delegation_id or None,
            partnership_id=self.partnership_id or None,
            occasion=self.occasion.strip(),
            given_on=self.given_on.strip(),
            value_band=ValueBand(self.value_band) if self.value_band else None,
            notes=self.notes.strip(),
        )
        errors: list[DomainError] = []
        if not draft.description:
            errors.append(DomainError(GIFT_DESCRIPTION_REQUIRED, field="description"))
        _length(errors, draft.description, MAX_GIFT, "description")
        _length(errors, draft.occasion, MAX_OCCASION, "occasion")
        _length(errors, draft.notes, MAX_TEXT, "notes")
        try:
            day = parse_day(draft.given_on)
        except ValueError:
            errors.append(
                DomainError(BAD_GIFT_DATE.with_params(value=draft.given_on), field="given_on")
            )
        else:
            received = draft.direction is GiftDirection.RECEIVED
            if day and received and day > (today or dt.date.today()):
                errors.append(DomainError(FUTURE_GIFT, field="given_on"))
        if errors:
            raise ValidationErrors(errors)
        return draft
