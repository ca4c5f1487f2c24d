"""The agenda as an iCalendar file, for the calendar program the office already reads.

Decisions:
- Every occasion is an all-day event. An occasion that falls on the same Gregorian day every
  year (`Occasion.yearly`) becomes a yearly series, titled without the age or the number of
  years, which would be wrong from the second year on. Its UID names the series, not the
  year, so that importing next year's export replaces this one instead of doubling it.
- Lunar birthdays and the Chinese festivals move in the Gregorian calendar: one event for the
  date in the span, with a UID that names that date.
- The agenda's overdue follow-ups and keep-in-touch items, dated when they fell due, are left
  to the agenda: in a calendar they would sit in the past, where no one looks. (A round
  anniversary known only to the year stays, dated 1 January, as the agenda shows it.)
- The agenda's reasons ("in 12 days") are true only on the day of the export; only those that
  stay true ("sometime in 2027", "round anniversary: start planning") go into DESCRIPTION.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from crm.domain import occasions as rules
from crm.domain.occasions import Occasion, OccasionKind
from crm.domain.text import QT_TRANSLATE_NOOP, Text, Translator
from crm.services.agenda import AgendaService, render
from crm.services.exchange.writers import replacing

PRODID = "-//Liaison//Liaison CRM//EN"
DEFAULT_DAYS = 365

CALENDAR_NAME = QT_TRANSLATE_NOOP("Calendar", "Liaison occasions")
ANNIVERSARY = QT_TRANSLATE_NOOP("Calendar", "Anniversary of the partnership with {partner}")
PARTNERSHIP_SINCE = QT_TRANSLATE_NOOP("Calendar", "Partnership formalised in {year}")
BORN_IN = QT_TRANSLATE_NOOP("Calendar", "Born in {year}")

# Reasons counted from the day of the export: stale in a calendar file.
_RELATIVE_REASONS = frozenset(
    text.source
    for text in (
        rules.TODAY,
        rules.TOMORROW,
        rules.IN_DAYS,
        rules.OVERDUE_SINCE,
        rules.NO_CONTACT_FOR,
    )
)
_ALARMED = frozenset({OccasionKind.BIRTHDAY, OccasionKind.ANNIVERSARY, OccasionKind.AGREEMENT})
_OVERDUE_KINDS = frozenset({OccasionKind.FOLLOW_UP, OccasionKind.KEEP_IN_TOUCH})
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class CalendarFile:
    data: bytes
    events: int


class CalendarExport:
    """The agenda of a span as an iCalendar file."""

    def __init__(self, agenda: AgendaService) -> None:
        self.agenda = agenda

    def build(
        self,
        start: dt.date,
        *,
        days: int = DEFAULT_DAYS,
        translate: Translator | None,
        language: str,
    ) -> CalendarFile:
        occasions = calendar_occasions(self.agenda.agenda(start, days), start=start)
        data = calendar_ics(occasions, start=start, translate=translate, language=language)
        return CalendarFile(data, len(occasions))


def write_ics(path: Path, data: bytes) -> None:
    """Write beside `path` and move into place: a failure leaves the old file, or none."""
    with replacing(path, "wb") as handle:
        handle.write(data)


def calendar_occasions(occasions: list[Occasion], *, start: dt.date) -> list[Occasion]:
    """`occasions` less the overdue reminders and the later dates of a yearly series (a span of
    365 days can hold a birthday twice): the series' first date repeats by itself."""
    seen: set[str] = set()
    kept = []
    for occasion in occasions:
        if occasion.kind in _OVERDUE_KINDS and occasion.date < start:
            continue
        if occasion.yearly:
            series = series_key(occasion)
            if series in seen:
                continue
            seen.add(series)
        kept.append(occasion)
    return kept


def series_key(occasion: Occasion) -> str:
    """The occasion's key without its date: the same for every year of a yearly series."""
    return occasion.key.rsplit(":", 1)[0]


def uid(occasion: Occasion) -> str:
    key = series_key(occasion) if occasion.yearly else occasion.key
    return f"{_UNSAFE.sub('-', key)}@liaison"


def calendar_ics(
    occasions: list[Occasion],
    *,
    start: dt.date,
    translate: Translator | None,
    language: str,
    stamp: dt.datetime | None = None,
) -> bytes:
    """`occasions` (as the agenda from `start` returns them) as an iCalendar file, titles in
    `language` through `translate`."""
    chinese = language.startswith("zh")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", CALENDAR_NAME.render(translate))
    now = stamp or dt.datetime.now(dt.UTC)
    for occasion in calendar_occasions(occasions, start=start):
        summary = render(_title(occasion), translate, chinese=chinese)
        event = Event()
        event.add("uid", uid(occasion))
        event.add("dtstamp", now)
        event.add("dtstart", occasion.date)
        event.add("dtend", occasion.date + dt.timedelta(days=1))
        event.add("summary", summary)
        event.add("categories", [str(occasion.kind)])
        # A reminder, not a meeting: the day stays free in the user's schedule.
        event.add("transp", "TRANSPARENT")
        if occasion.yearly:
            event.add("rrule", {"freq": "yearly"})
        description = [render(text, translate, chinese=chinese) for text in _notes(occasion)]
        if description:
            event.add("description", "\n".join(description))
        if occasion.kind in _ALARMED:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary)
            alarm.add("trigger", dt.timedelta(days=-1))
            event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()


def _title(occasion: Occasion) -> Text:
    """The agenda's title, or for a yearly series one without a count that changes yearly."""
    if not occasion.yearly:
        return occasion.title
    params = occasion.title.params
    if occasion.kind is OccasionKind.BIRTHDAY:
        return rules.BIRTHDAY.with_params(name=params["name"], name_zh=params.get("name_zh", ""))
    if occasion.kind is OccasionKind.ANNIVERSARY:
        return ANNIVERSARY.with_params(
            partner=params["partner"], partner_zh=params.get("partner_zh", "")
        )
    return occasion.title


def _notes(occasion: Occasion) -> list[Text]:
    notes = []
    if occasion.reason.source not in _RELATIVE_REASONS:
        notes.append(occasion.reason)
    if occasion.yearly and occasion.years is not None:
        since = occasion.date.year - occasion.years
        if occasion.kind is OccasionKind.BIRTHDAY:
            notes.append(BORN_IN.with_params(year=since))
        elif occasion.kind is OccasionKind.ANNIVERSARY:
            notes.append(PARTNERSHIP_SINCE.with_params(year=since))
    return notes
