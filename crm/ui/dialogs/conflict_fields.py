"""The rows of the conflict dialog: each field of a contact, partnership or visit, named in the
UI language, with its value in the user's version and in the stored one, as a person reads it
(names rather than ids, labels rather than codes).

Names behind ids are read through the services, once per comparison.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject

from crm.domain.contacts import STATUS_LABELS, ContactDraft
from crm.domain.delegation_rules import DelegationDraft
from crm.domain.formatting import format_birthday
from crm.domain.partnership_rules import PartnershipDraft
from crm.domain.partnerships import (
    DELEGATION_DIRECTION_LABELS,
    DELEGATION_STATUS_LABELS,
    GIFT_DIRECTION_LABELS,
    PARTNERSHIP_STATUS_LABELS,
    PARTNERSHIP_TYPE_LABELS,
)
from crm.domain.text import QT_TRANSLATE_NOOP, Text
from crm.services.bundle import Services
from crm.services.contacts import display_label
from crm.ui.contact_languages import language_name
from crm.ui.dialogs.conflict_dialog import FieldRow
from crm.ui.language import qt_translate, render
from crm.ui.ui_locale import current_language
from crm.ui.widgets.follow_ups_table import FollowUpItem
from crm.ui.widgets.gifts_table import GiftItem

LABELS: dict[str, Text] = {
    "family_name": QT_TRANSLATE_NOOP("ConflictFields", "Family name"),
    "given_name": QT_TRANSLATE_NOOP("ConflictFields", "Given name"),
    "name_zh": QT_TRANSLATE_NOOP("ConflictFields", "Chinese name"),
    "honorific": QT_TRANSLATE_NOOP("ConflictFields", "Honorific"),
    "position": QT_TRANSLATE_NOOP("ConflictFields", "Position"),
    "position_zh": QT_TRANSLATE_NOOP("ConflictFields", "Position in Chinese"),
    "organisation_id": QT_TRANSLATE_NOOP("ConflictFields", "Organisation"),
    "emails": QT_TRANSLATE_NOOP("ConflictFields", "E-mails"),
    "phones": QT_TRANSLATE_NOOP("ConflictFields", "Phones"),
    "wechat": QT_TRANSLATE_NOOP("ConflictFields", "WeChat ID"),
    "language": QT_TRANSLATE_NOOP("ConflictFields", "Preferred language"),
    "birthday": QT_TRANSLATE_NOOP("ConflictFields", "Birthday"),
    "tags": QT_TRANSLATE_NOOP("ConflictFields", "Tags"),
    "owner_id": QT_TRANSLATE_NOOP("ConflictFields", "Owner"),
    "status": QT_TRANSLATE_NOOP("ConflictFields", "Status"),
    "keep_in_touch_days": QT_TRANSLATE_NOOP("ConflictFields", "Keep in touch"),
    "successor_of_id": QT_TRANSLATE_NOOP("ConflictFields", "Successor of"),
    "notes": QT_TRANSLATE_NOOP("ConflictFields", "Notes"),
    "place_id": QT_TRANSLATE_NOOP("ConflictFields", "Partner city"),
    "type": QT_TRANSLATE_NOOP("ConflictFields", "Type"),
    "formalised_on": QT_TRANSLATE_NOOP("ConflictFields", "Formalised on"),
    "areas": QT_TRANSLATE_NOOP("ConflictFields", "Cooperation areas"),
    "champion_ids": QT_TRANSLATE_NOOP("ConflictFields", "Champions"),
    "title": QT_TRANSLATE_NOOP("ConflictFields", "Title"),
    "partnership_id": QT_TRANSLATE_NOOP("ConflictFields", "Partnership"),
    "direction": QT_TRANSLATE_NOOP("ConflictFields", "Direction"),
    "start_on": QT_TRANSLATE_NOOP("ConflictFields", "First day"),
    "end_on": QT_TRANSLATE_NOOP("ConflictFields", "Last day"),
    "leader_id": QT_TRANSLATE_NOOP("ConflictFields", "Leader"),
    "members": QT_TRANSLATE_NOOP("ConflictFields", "Members"),
    "purpose": QT_TRANSLATE_NOOP("ConflictFields", "Purpose"),
    "itinerary": QT_TRANSLATE_NOOP("ConflictFields", "Itinerary"),
    "gifts": QT_TRANSLATE_NOOP("ConflictFields", "Gifts"),
    "follow_ups": QT_TRANSLATE_NOOP("ConflictFields", "Follow-ups"),
    "outcomes": QT_TRANSLATE_NOOP("ConflictFields", "Outcomes"),
}
AS_TAGS_SAY = QT_TRANSLATE_NOOP("ConflictFields", "As its tags say")
STATUS_DEFAULT = QT_TRANSLATE_NOOP("ConflictFields", "Status default")
NEVER = QT_TRANSLATE_NOOP("ConflictFields", "Never")
DONE = QT_TRANSLATE_NOOP("ConflictFields", "done")
NOBODY = QT_TRANSLATE_NOOP("ConflictFields", "(nobody)")
NONE = QT_TRANSLATE_NOOP("ConflictFields", "(none)")


def _lines(values: Iterable[str]) -> str:
    return "\n".join(v for v in values if v)


def _every(days: int | None, default: Text) -> str:
    if days is None:
        return render(default)
    if days == 0:
        return render(NEVER)
    return ConflictFields().every_days(days)


class ConflictFields(QObject):
    """Counted phrases: lupdate records a plural only for `tr(source, comment, n)`."""

    def every_days(self, days: int) -> str:
        return self.tr("Every %n day(s)", "", days)


def _rows(
    names: Sequence[str], mine: Any, theirs: Any, show: dict[str, Callable[[Any], str]]
) -> list[FieldRow]:
    """One row per field name; `show` turns a draft into the field's text (default: as is)."""

    def text(draft: Any, name: str) -> str:
        if name in show:
            return show[name](draft)
        value = getattr(draft, name)
        return _lines(value) if isinstance(value, list) else str(value or "")

    return [FieldRow(render(LABELS[n]), text(mine, n), text(theirs, n)) for n in names]


def _contact_names(services: Services, ids: Iterable[str | None]) -> dict[str, str]:
    wanted = sorted({i for i in ids if i})
    return {row.id: display_label(row) for row in services.contacts.rows(wanted)}


# Contacts ----------------------------------------------------------------------------------
CONTACT_FIELDS = (
    "family_name",
    "given_name",
    "name_zh",
    "honorific",
    "position",
    "position_zh",
    "organisation_id",
    "emails",
    "phones",
    "wechat",
    "language",
    "birthday",
    "tags",
    "owner_id",
    "status",
    "keep_in_touch_days",
    "successor_of_id",
    "notes",
)


def contact_rows(services: Services, mine: ContactDraft, theirs: ContactDraft) -> list[FieldRow]:
    mine, theirs = mine.cleaned(), theirs.cleaned()
    organisations = {o.id: o.name for o in services.directory.organisations()}
    staff = {s.id: s.name for s in services.directory.staff()}
    people = _contact_names(services, (mine.successor_of_id, theirs.successor_of_id))
    language = current_language()

    def named(names: dict[str, str], none: Text) -> Callable[[str | None], str]:
        return lambda key: names.get(key, "") if key else render(none)

    organisation, owner, person = (
        named(organisations, NONE),
        named(staff, NOBODY),
        named(people, NOBODY),
    )
    show: dict[str, Callable[[Any], str]] = {
        "organisation_id": lambda d: organisation(d.organisation_id),
        "owner_id": lambda d: owner(d.owner_id),
        "successor_of_id": lambda d: person(d.successor_of_id),
        "language": lambda d: language_name(d.language) if d.language else "",
        "birthday": lambda d: format_birthday(
            d.birthday, str(d.birthday_calendar), d.birthday_leap_month, language, qt_translate
        ),
        "status": lambda d: render(STATUS_LABELS[d.status]),
        "keep_in_touch_days": lambda d: _every(d.keep_in_touch_days, AS_TAGS_SAY),
    }
    return _rows(CONTACT_FIELDS, mine, theirs, show)


# Partnerships ------------------------------------------------------------------------------
PARTNERSHIP_FIELDS = (
    "place_id",
    "type",
    "formalised_on",
    "status",
    "keep_in_touch_days",
    "areas",
    "champion_ids",
    "owner_id",
    "notes",
)


def partnership_rows(
    services: Services, mine: PartnershipDraft, theirs: PartnershipDraft
) -> list[FieldRow]:
    mine, theirs = mine.cleaned(), theirs.cleaned()
    places = {p.id: p.name for p in services.partnerships.places()}
    staff = {s.id: s.name for s in services.directory.staff()}
    people = _contact_names(services, [*mine.champion_ids, *theirs.champion_ids])
    show: dict[str, Callable[[Any], str]] = {
        "place_id": lambda d: places.get(d.place_id, "") if d.place_id else "",
        "type": lambda d: render(PARTNERSHIP_TYPE_LABELS[d.type]),
        "status": lambda d: render(PARTNERSHIP_STATUS_LABELS[d.status]),
        "keep_in_touch_days": lambda d: _every(d.keep_in_touch_days, STATUS_DEFAULT),
        "champion_ids": lambda d: _lines(people.get(i, "") for i in d.champion_ids),
        "owner_id": lambda d: staff.get(d.owner_id, "") if d.owner_id else render(NOBODY),
    }
    return _rows(PARTNERSHIP_FIELDS, mine, theirs, show)


# Visits ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class VisitSide:
    """One version of a visit as its editor holds it: the visit, its gifts and follow-ups."""

    draft: DelegationDraft
    gifts: Sequence[GiftItem] = ()
    follow_ups: Sequence[FollowUpItem] = ()


# The visit's own fields, then (between them) its gifts and follow-ups.
VISIT_FIELDS = (
    "title",
    "partnership_id",
    "direction",
    "status",
    "start_on",
    "end_on",
    "leader_id",
    "members",
    "purpose",
    "itinerary",
)
VISIT_CLOSING_FIELDS = ("outcomes", "notes")


def _gift_text(gift: GiftItem) -> str:
    parts = [
        gift.description,
        render(GIFT_DIRECTION_LABELS[gift.direction]),
        gift.contact_label,
        gift.given_on,
    ]
    return " · ".join(p for p in parts if p)


def _follow_up_text(item: FollowUpItem) -> str:
    parts = [item.description, item.assignee, item.due_on, render(DONE) if item.done else ""]
    return " · ".join(p for p in parts if p)


def visit_rows(services: Services, mine: VisitSide, theirs: VisitSide) -> list[FieldRow]:
    drafts = mine.draft.cleaned(), theirs.draft.cleaned()
    partnerships = {
        c.id: f"{c.partner} · {c.partner_zh}" if c.partner_zh else c.partner
        for c in services.delegations.partnerships()
    }
    people = _contact_names(services, (m.contact_id for d in drafts for m in d.members))

    def member(contact_id: str, role: str) -> str:
        name = people.get(contact_id, "")
        return f"{name} — {role}" if role else name

    show: dict[str, Callable[[Any], str]] = {
        "partnership_id": lambda d: (
            partnerships.get(d.partnership_id, "") if d.partnership_id else render(NONE)
        ),
        "direction": lambda d: render(DELEGATION_DIRECTION_LABELS[d.direction]),
        "status": lambda d: render(DELEGATION_STATUS_LABELS[d.status]),
        "leader_id": lambda d: people.get(d.leader_id, "") if d.leader_id else render(NOBODY),
        "members": lambda d: _lines(member(m.contact_id, m.role) for m in d.members),
        "itinerary": lambda d: _lines(
            " ".join(p for p in (e.day, e.time, e.description) if p) for e in d.itinerary
        ),
    }
    gifts = FieldRow(
        render(LABELS["gifts"]),
        _lines(_gift_text(g) for g in mine.gifts),
        _lines(_gift_text(g) for g in theirs.gifts),
    )
    follow_ups = FieldRow(
        render(LABELS["follow_ups"]),
        _lines(_follow_up_text(f) for f in mine.follow_ups),
        _lines(_follow_up_text(f) for f in theirs.follow_ups),
    )
    return [
        *_rows(VISIT_FIELDS, *drafts, show),
        gifts,
        follow_ups,
        *_rows(VISIT_CLOSING_FIELDS, *drafts, show),
    ]
