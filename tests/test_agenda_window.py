"""The agenda reads only the birthdays its span can hold: never one fewer than the rules over
every contact would find, whatever the calendar, the leap month or the way a date was typed."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from lunar_python import Lunar, LunarMonth, LunarYear

from crm.domain import occasions as rules
from crm.domain.chinese_calendar import lunar_birthday, lunar_birthdays_between, lunar_months
from crm.domain.dates import Birthday
from crm.store import agenda as q
from crm.store import migrate
from crm.store.database import Database
from crm.store.models import Contact, Place
from crm.store.partnership_models import Delegation, Interaction, Partnership

D = dt.date
INDEX = "ix_contact_birthday_month_day"
VISIT_INDEX = "ix_interaction_on_visit_alone"
# The `query_plans` fixture: SQLite's plan of each query a read runs.
Plans = Callable[..., list[list[str]]]
# Lunar years with a leap month, and which: births in them, to meet leap months to come.
LEAP_MONTHS = {1990: 5, 1993: 3, 1995: 8, 2001: 4, 2004: 2, 2006: 7, 2009: 5, 2012: 4, 2017: 6}


def gregorian_spellings(month: int, day: int) -> list[str]:
    """Every way the contact form accepts (and stores as typed) a Gregorian birthday."""
    return [
        f"1980-{month:02d}-{day:02d}",
        f"--{month:02d}-{day:02d}",
        f"1984-{month}-{day}",
        f"1976-{month:02d}-{day}",
        f"1972-{month}-{day:02d}",
        f"--{month}-{day}",
        f"--{month:02d}{day:02d}",
        f"--{month:02d}{day}",
    ]


def office() -> Iterator[Contact]:
    """A contact born on every Gregorian day in every spelling, on every lunar day with and
    without a year, in leap months, and a few whose birthday is never shown."""
    for month in range(1, 13):
        for day in range(1, 32):
            try:
                D(2000, month, day)
            except ValueError:
                continue
            for text in gregorian_spellings(month, day):
                yield Contact(family_name=f"G {text}", birthday=text)
    for month in range(1, 13):
        for day in range(1, 31):
            for text in (
                f"--{month:02d}-{day:02d}",
                f"1991-{month:02d}-{day:02d}",
                f"1992-{month}-{day}",
            ):
                yield Contact(family_name=f"L {text}", birthday=text, birthday_calendar="lunar")
    for year, month in LEAP_MONTHS.items():
        for day in range(1, 31):
            text = f"{year}-{month:02d}-{day:02d}"
            yield Contact(
                family_name=f"L {text} leap",
                birthday=text,
                birthday_calendar="lunar",
                birthday_leap_month=True,
            )
    yield Contact(family_name="Gone", birthday="1960-03-03", status="deceased")
    yield Contact(family_name="Away", birthday="--03-04", status="moved_on")
    yield Contact(family_name="Archived", birthday="1970-03-05", archived=True)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = Database(tmp_path_factory.mktemp("agenda") / "liaison.sqlite3")
    migrate.upgrade(database)
    with database.write() as session:
        session.add_all(office())
    yield database
    database.dispose()


def birthdays(facts: list[rules.BirthdayFacts], start: dt.date, days: int) -> set[str]:
    return {o.key for o in rules.birthdays(facts, start, days)}


def test_every_spelling_in_the_office_is_one_the_contact_form_accepts() -> None:
    for text in gregorian_spellings(2, 29) + gregorian_spellings(12, 5):
        Birthday.parse(text, today=D(2026, 1, 1))
    Birthday.parse("1992-4-5", calendar_kind="lunar", today=D(2026, 1, 1))


@pytest.mark.parametrize(
    ("start", "days"),
    [
        (D(2023, 12, 20), 30),  # over New Year
        (D(2024, 12, 31), 1),
        (D(2024, 2, 20), 15),  # over 29 February of a leap year
        (D(2025, 2, 20), 15),  # 29 February births on the 28th
        (D(2023, 3, 10), 45),  # the leap 2nd lunar month of 2023
        (D(2025, 7, 15), 45),  # the leap 6th lunar month of 2025
        (D(2023, 2, 15), 6),  # the 29th and last day of the 1st lunar month of 2023
        (D(2026, 2, 10), 14),  # Spring Festival 2026
        (D(2025, 3, 1), 200),
        (D(2025, 3, 1), 364),
        (D(2025, 3, 1), 365),  # every Gregorian birthday; the lunar ones as they fall
        (D(2024, 11, 1), 800),
        (D(2026, 6, 1), 0),
    ],
)
def test_the_narrowed_reading_finds_what_the_rules_over_everyone_find(
    db: Database, start: dt.date, days: int
) -> None:
    end = start + dt.timedelta(days=days)
    with db.session() as session:
        everyone = list(q.birthday_facts(session))
        narrowed = list(q.birthday_facts(session, start, end))
    expected = birthdays(everyone, start, days)
    assert expected, "the office has a birthday in every span"
    assert birthdays(narrowed, start, days) == expected
    if days <= 45:
        assert len(narrowed) < len(everyone) / 4


def test_every_single_day_of_four_years_loses_no_birthday(db: Database) -> None:
    """Day by day over 2023–2026 (two leap months, a leap year, 29- and 30-day lunar months):
    each day's narrowed reading finds every birthday the rules give that day."""
    first, last = D(2023, 1, 1), D(2026, 12, 31)
    with db.session() as session:
        everyone = list(q.birthday_facts(session))
    by_day: dict[dt.date, set[str]] = defaultdict(set)
    for occasion in rules.birthdays(everyone, first, (last - first).days):
        by_day[occasion.date].add(occasion.key)
    day = first
    with db.session() as session:
        while day <= last:
            found = birthdays(q.birthday_facts(session, day, day), day, 0)
            assert found == by_day[day], day
            day += dt.timedelta(days=1)


def test_lunar_candidates_hold_every_lunar_birthday_of_each_day() -> None:
    """`lunar_birthdays_between` read against `lunar_birthday` for every lunar month and day,
    leap or not, over six years."""
    on: dict[dt.date, set[tuple[int, int]]] = defaultdict(set)
    for year in range(2021, 2028):
        for month in range(1, 13):
            for day in range(1, 31):
                for leap in (False, True):
                    on[lunar_birthday(year, month, day, leap)].add((month, day))
    day = D(2022, 1, 1)
    while day <= D(2027, 12, 31):
        assert on[day] <= lunar_birthdays_between(day, day), day
        day += dt.timedelta(days=1)


def test_the_30th_of_a_29_day_month_is_a_candidate_on_its_29th() -> None:
    # The 1st lunar month of 2023 has 29 days; its 29th is 19 February 2023.
    (first,) = [m for m in lunar_months(2023) if (m.month, m.leap) == (1, False)]
    assert (first.days, first.last) == (29, D(2023, 2, 19))
    assert {(1, 29), (1, 30)} <= lunar_birthdays_between(D(2023, 2, 19), D(2023, 2, 19))
    assert (1, 30) not in lunar_birthdays_between(D(2023, 2, 18), D(2023, 2, 18))


def test_leap_months_are_in_the_table() -> None:
    leaps = {year: [m.month for m in lunar_months(year) if m.leap] for year in (2023, 2024, 2025)}
    assert leaps == {2023: [2], 2024: [], 2025: [6]}
    assert lunar_birthday(2025, 6, 1, True) == D(2025, 7, 25)
    assert lunar_birthday(2025, 6, 1, False) == D(2025, 6, 25)
    assert lunar_birthday(2024, 6, 1, True) == lunar_birthday(2024, 6, 1, False)


def reference_lunar_birthday(year: int, month: int, day: int, leap_month: bool) -> dt.date:
    """The rule as first written, one lunar_python conversion per date."""
    key = -month if leap_month and LunarYear.fromYear(year).getLeapMonth() == month else month
    last = LunarMonth.fromYm(year, key).getDayCount()
    solar = Lunar.fromYmd(year, key, min(day, last)).getSolar()
    return D(solar.getYear(), solar.getMonth(), solar.getDay())


@pytest.mark.parametrize("year", [1950, 2004, 2017, 2020, 2023, 2025, 2028, 2033, 2099])
def test_lunar_birthdays_from_the_month_table_match_lunar_python(year: int) -> None:
    for month in range(1, 13):
        for day in (1, 2, 15, 28, 29, 30):
            for leap in (False, True):
                expected = reference_lunar_birthday(year, month, day, leap)
                assert lunar_birthday(year, month, day, leap) == expected, (month, day, leap)


# The indexes ----------------------------------------------------------------------------------


def test_the_migration_adds_the_indexes(db: Database) -> None:
    with db.engine.connect() as conn:
        found = dict(
            conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN (?, ?)",
                (INDEX, VISIT_INDEX),
            ).all()
        )
    assert "substr(birthday, length(birthday) - 4)" in found[INDEX]
    assert "WHERE delegation_id IS NOT NULL" in found[VISIT_INDEX]


def test_the_birthday_query_uses_the_month_day_index(db: Database, query_plans: Plans) -> None:
    (plan,) = query_plans(
        db, lambda session: list(q.birthday_facts(session, D(2025, 12, 20), D(2026, 1, 19)))
    )
    assert any(INDEX in line for line in plan), plan
    assert not any(line.startswith("SCAN contact") for line in plan), plan


def test_last_contact_looks_up_each_partnership_and_the_visits_alone_in_their_indexes(
    db: Database, query_plans: Plans
) -> None:
    found = query_plans(db, lambda session: list(q.partnership_facts(session)))
    lines = [line for plan in found for line in plan]
    assert any("ix_interaction_partnership_date (partnership_id=?)" in line for line in lines)
    assert any(VISIT_INDEX in line for line in lines), found
    assert not any(line.startswith("SCAN interaction") for line in lines), found


# The partnerships' last interaction ------------------------------------------------------------


def test_last_contact_counts_interactions_on_visits_for_the_visits_partnership(
    tmp_path: Path,
) -> None:
    db = Database(tmp_path / "liaison.sqlite3")
    migrate.upgrade(db)
    try:
        with db.write() as session:
            places = [Place(name=name) for name in ("Aarhus", "Bergen", "Cork")]
            session.add_all(places)
            session.flush()
            a, b, c = (
                Partnership(
                    place_id=p.id, type="sister_city", formalised_on="1990", status="active"
                )
                for p in places
            )
            session.add_all([a, b, c])
            session.flush()
            visit = Delegation(partnership_id=b.id, title="To Bergen")
            session.add(visit)
            session.flush()
            session.add_all(
                [
                    Interaction(occurred_on="2024-01-01", partnership_id=a.id),
                    Interaction(occurred_on="2023-01-01", partnership_id=b.id),
                    # On Bergen's visit alone: it counts for Bergen.
                    Interaction(occurred_on="2024-05-01", delegation_id=visit.id),
                    # About Aarhus, though logged on Bergen's visit: it counts for Aarhus only.
                    Interaction(
                        occurred_on="2024-06-01", partnership_id=a.id, delegation_id=visit.id
                    ),
                ]
            )
            ids = {a.id: "a", b.id: "b", c.id: "c"}
        with db.session() as session:
            facts = {ids[f.id]: f.last_contact for f in q.partnership_facts(session)}
        assert facts == {"a": D(2024, 6, 1), "b": D(2024, 5, 1), "c": None}
    finally:
        db.dispose()
