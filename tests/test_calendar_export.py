"""`crm export calendar`: an iCalendar file of the coming year that calendar programs accept."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import icalendar
import pytest
import vobject

from crm.domain.occasions import Occasion, OccasionKind
from crm.i18n import translator
from crm.services.calendar_export import CalendarExport, uid

RunCrm = Callable[..., subprocess.CompletedProcess[str]]

# The sample office is a record as of November 2026; a span from March covers it all.
START = dt.date(2026, 3, 1)


def events(data: bytes) -> dict[str, Any]:
    """The file's events by UID, after checking that both libraries read it."""
    vobject.readOne(data.decode("utf-8"))
    calendar = icalendar.Calendar.from_ical(data)
    found = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert len(found) == len(calendar.walk("VEVENT")), "two events share a UID"
    return found


def export(services: Any, start: dt.date = START, *, language: str = "en") -> bytes:
    calendar = CalendarExport(services.agenda).build(
        start, translate=translator(language), language=language
    )
    return calendar.data


def occasions(services: Any, start: dt.date = START) -> list[Occasion]:
    return list(services.agenda.agenda(start, 365))


def first(found: list[Occasion], kind: OccasionKind, *, yearly: bool, aged: bool) -> Occasion:
    return next(
        o for o in found if o.kind is kind and o.yearly is yearly and (o.years is not None) is aged
    )


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def demo_database(demo_services: Any, database_url: str) -> str:
    """The sample office on disk (or on the server), for a `crm` run in another process."""
    demo_services.db.checkpoint()
    return database_url


def test_the_file_is_a_calendar_both_libraries_read(demo_services: Any) -> None:
    data = export(demo_services)
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["PRODID"]) == "-//Liaison//Liaison CRM//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["X-WR-CALNAME"])
    found = events(data)
    assert len(found) > 20
    for event in found.values():
        first_day = event.decoded("DTSTART")
        # All-day: a date, not a time, ending the next day.
        assert type(first_day) is dt.date
        assert event.decoded("DTEND") == first_day + dt.timedelta(days=1)
        assert str(event["SUMMARY"]).strip()
        assert event.decoded("DTSTAMP").tzinfo is not None


def test_a_yearly_birthday_recurs_under_a_title_without_the_age(demo_services: Any) -> None:
    birthday = first(occasions(demo_services), OccasionKind.BIRTHDAY, yearly=True, aged=True)
    event = events(export(demo_services))[uid(birthday)]
    assert event["RRULE"]["FREQ"] == ["YEARLY"]
    assert event.decoded("DTSTART") == birthday.date
    name = birthday.title.params["name"]
    assert str(event["SUMMARY"]) == f"Birthday of {name}"
    born = birthday.date.year - (birthday.years or 0)
    assert str(event["DESCRIPTION"]) == f"Born in {born}"


def test_a_yearly_anniversary_recurs_under_a_title_without_the_years(demo_services: Any) -> None:
    anniversary = first(occasions(demo_services), OccasionKind.ANNIVERSARY, yearly=True, aged=True)
    event = events(export(demo_services))[uid(anniversary)]
    assert event["RRULE"]["FREQ"] == ["YEARLY"]
    partner = anniversary.title.params["partner"]
    assert str(event["SUMMARY"]) == f"Anniversary of the partnership with {partner}"


def test_no_recurring_event_carries_a_number_that_changes_every_year(demo_services: Any) -> None:
    recurring = [e for e in events(export(demo_services)).values() if "RRULE" in e]
    assert {str(e["CATEGORIES"].cats[0]) for e in recurring} >= {"birthday", "festival"}
    for event in recurring:
        assert not re.search(r"\d", str(event["SUMMARY"])), event["SUMMARY"]


def test_a_lunar_birthday_and_a_chinese_festival_are_single_events(demo_services: Any) -> None:
    found = occasions(demo_services)
    lunar = next(o for o in found if o.kind is OccasionKind.BIRTHDAY and "lunar" in o.title.source)
    spring = next(o for o in found if o.code == "spring_festival")
    by_uid = events(export(demo_services))
    for occasion in (lunar, spring):
        event = by_uid[uid(occasion)]
        assert "RRULE" not in event
        assert event.decoded("DTSTART") == occasion.date
    assert "lunar" in str(by_uid[uid(lunar)]["SUMMARY"])


def test_a_birthday_on_both_ends_of_the_span_is_one_series(demo_services: Any) -> None:
    birthday = first(occasions(demo_services), OccasionKind.BIRTHDAY, yearly=True, aged=True)
    # Start on the birthday: 365 days on is the same day next year (2027 is not a leap year).
    both = [o for o in occasions(demo_services, birthday.date) if uid(o) == uid(birthday)]
    assert [o.date.year for o in both] == [birthday.date.year, birthday.date.year + 1]
    data = export(demo_services, birthday.date)
    series = [
        e for e in icalendar.Calendar.from_ical(data).walk("VEVENT") if e["UID"] == uid(birthday)
    ]
    assert len(series) == 1
    assert series[0].decoded("DTSTART") == birthday.date


def test_birthdays_and_anniversaries_warn_a_day_ahead(demo_services: Any) -> None:
    for event in events(export(demo_services)).values():
        kind = str(event["CATEGORIES"].cats[0])
        alarms = event.walk("VALARM")
        if kind in {"birthday", "anniversary"}:
            assert len(alarms) == 1, event["SUMMARY"]
            assert str(alarms[0]["ACTION"]) == "DISPLAY"
            assert alarms[0].decoded("TRIGGER") == dt.timedelta(days=-1)
        elif kind == "festival":
            assert not alarms


def test_uids_are_the_same_in_a_second_export(demo_services: Any) -> None:
    assert events(export(demo_services)).keys() == events(export(demo_services)).keys()


def test_overdue_reminders_stay_on_the_agenda_not_in_the_calendar(demo_services: Any) -> None:
    overdue = [
        o
        for o in occasions(demo_services)
        if o.date < START and o.kind in {OccasionKind.KEEP_IN_TOUCH, OccasionKind.FOLLOW_UP}
    ]
    assert overdue
    found = events(export(demo_services))
    assert not any(uid(o) in found for o in overdue)


def test_chinese_titles_use_chinese_names(demo_services: Any) -> None:
    birthday = next(
        o
        for o in occasions(demo_services)
        if o.kind is OccasionKind.BIRTHDAY and o.yearly and o.title.params.get("name_zh")
    )
    found = events(export(demo_services, language="zh_CN"))
    summary = str(found[uid(birthday)]["SUMMARY"])
    assert birthday.title.params["name_zh"] in summary
    assert birthday.title.params["name"] not in summary
    assert "春节" in {str(e["SUMMARY"]) for e in found.values()}


def test_the_command_writes_the_file_and_says_so(
    demo_database: str, tmp_path: Path, home: Path, run_crm: RunCrm
) -> None:
    out = tmp_path / "occasions.ics"
    args = ["export", "calendar", "--date", "2026-03-01", "--out", str(out)]
    result = run_crm(*args, database=demo_database, home=home)
    assert result.returncode == 0, result.stderr
    found = events(out.read_bytes())
    assert result.stdout.strip() == f"Exported {len(found)} occasions to “{out}”."
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_the_command_writes_chinese_titles_to_stdout(
    demo_database: str, home: Path, run_crm: RunCrm
) -> None:
    args = ["--lang", "zh_CN", "export", "calendar", "--date", "2026-03-01"]
    result = run_crm(*args, database=demo_database, home=home)
    assert result.returncode == 0, result.stderr
    summaries = {str(e["SUMMARY"]) for e in events(result.stdout.encode("utf-8")).values()}
    assert {"春节", "王芳生日"} <= summaries


def test_a_file_in_a_missing_folder_is_one_sentence_and_no_file(
    demo_database: str, tmp_path: Path, home: Path, run_crm: RunCrm
) -> None:
    out = tmp_path / "missing" / "occasions.ics"
    result = run_crm("export", "calendar", "--out", str(out), database=demo_database, home=home)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"“{out}” could not be written: "), lines
    assert not out.parent.exists()
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (["calendar", "--format", "csv"], "The calendar is exported as iCalendar only"),
        (["calendar", "--out", "occasions.json"], "The calendar is exported as iCalendar only"),
        (["contacts", "--out", "contacts.ics"], "Only the calendar is exported as iCalendar"),
    ],
)
def test_a_format_that_does_not_fit_is_one_sentence(
    args: list[str],
    sentence: str,
    demo_database: str,
    tmp_path: Path,
    home: Path,
    run_crm: RunCrm,
) -> None:
    args = [str(tmp_path / a) if "." in a else a for a in args]
    result = run_crm("export", *args, database=demo_database, home=home)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(sentence), result.stderr
    assert result.stdout == ""
    assert [p for p in tmp_path.iterdir() if p.suffix in {".json", ".ics"}] == []
