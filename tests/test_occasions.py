"""Occasion rules: anniversaries from partial dates, birthdays, festivals, national days."""

from __future__ import annotations

import datetime as dt

import pytest

from crm.domain.national_days import NATIONAL_DAYS, national_day
from crm.domain.occasions import (
    BirthdayFacts,
    FollowUpFacts,
    OccasionKind,
    PartnershipFacts,
    agenda,
    birthdays,
    festivals,
    follow_ups,
    is_round,
    keep_in_touch,
    partnership_anniversaries,
)

D = dt.date


def partnership(formalised_on: str, **changes: object) -> PartnershipFacts:
    values: dict[str, object] = {
        "id": "p1",
        "partner": "Hefei",
        "partner_zh": "合肥",
        "country": "CN",
        "formalised_on": formalised_on,
        "status": "active",
    }
    values.update(changes)
    return PartnershipFacts(**values)  # type: ignore[arg-type]


def anniversaries_of(formalised_on: str, start: dt.date, days: int) -> list:  # type: ignore[type-arg]
    return list(
        partnership_anniversaries(
            partnership(formalised_on), start, start + dt.timedelta(days=days)
        )
    )


def test_year_only_anniversary_is_dated_1_january_and_stays_all_year_when_round() -> None:
    (found,) = anniversaries_of("1985", D(2024, 9, 1), 30)
    assert (found.date, found.years) == (D(2025, 1, 1), 40)
    assert found.reason.render() == "round anniversary: start planning"
    (close,) = anniversaries_of("1985", D(2024, 12, 20), 30)
    assert close.reason.render() == "sometime in 2025"
    (during,) = anniversaries_of("1985", D(2025, 8, 1), 30)
    assert (during.date, during.years, during.reason.render()) == (
        D(2025, 1, 1),
        40,
        "sometime this year",
    )


def test_year_only_ordinary_anniversary_only_around_1_january() -> None:
    (found,) = anniversaries_of("1986", D(2024, 12, 20), 30)
    assert (found.date, found.years, found.reason.render()) == (
        D(2025, 1, 1),
        39,
        "sometime in 2025",
    )
    assert anniversaries_of("1986", D(2025, 5, 1), 30) == []


def test_year_month_anniversary_is_in_that_month() -> None:
    (found,) = anniversaries_of("1986-10", D(2026, 9, 20), 30)
    assert (found.date, found.years) == (D(2026, 10, 1), 40)
    (during,) = anniversaries_of("1986-10", D(2026, 10, 20), 5)
    assert during.reason.render() == "this month"
    assert anniversaries_of("1986-10", D(2026, 11, 1), 30) == []


def test_full_date_anniversary_on_that_day() -> None:
    (found,) = anniversaries_of("2009-10-29", D(2026, 10, 20), 30)
    assert (found.date, found.years, found.reason.render()) == (D(2026, 10, 29), 17, "in 9 days")
    assert found.subject is not None and found.subject.type == "partnership"


def test_round_anniversaries_appear_months_ahead_ordinary_ones_shortly_before() -> None:
    assert [is_round(n) for n in (5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 60, 17)] == [
        True,
        True,
        True,
        True,
        True,
        True,
        False,
        True,
        False,
        True,
        True,
        False,
    ]
    # 20th on 2029-10-29, 170 days after the start: shown in a 7-day agenda.
    (round_,) = anniversaries_of("2009-10-29", D(2029, 5, 12), 7)
    assert round_.years == 20
    assert round_.reason.render() == "round anniversary: start planning"
    # 18th: not 170 days ahead, but 14 days ahead even in a 7-day agenda.
    assert anniversaries_of("2009-10-29", D(2027, 5, 12), 7) == []
    (ordinary,) = anniversaries_of("2009-10-29", D(2027, 10, 16), 7)
    assert ordinary.years == 18


def test_no_anniversary_before_the_first_year_or_for_an_ended_partnership() -> None:
    assert anniversaries_of("2026-11-30", D(2026, 11, 25), 30) == []
    ended = partnership("2009-10-29", status="ended")
    found = agenda(D(2026, 10, 20), 30, partnerships=[ended])
    assert [o for o in found if o.kind is OccasionKind.ANNIVERSARY] == []


def person(birthday: str, **changes: object) -> BirthdayFacts:
    values: dict[str, object] = {
        "contact_id": "c1",
        "name": "Wang Fang",
        "name_zh": "王芳",
        "birthday": birthday,
    }
    values.update(changes)
    return BirthdayFacts(**values)  # type: ignore[arg-type]


def test_gregorian_birthday_with_and_without_year() -> None:
    (with_year,) = birthdays([person("1980-12-02")], D(2026, 11, 25), 30)
    assert (with_year.date, with_year.years) == (D(2026, 12, 2), 46)
    assert with_year.title.render() == "Birthday of Wang Fang (46)"
    (no_year,) = birthdays([person("--12-02")], D(2026, 11, 25), 30)
    assert (no_year.date, no_year.years, no_year.title.render()) == (
        D(2026, 12, 2),
        None,
        "Birthday of Wang Fang",
    )


def test_29_february_falls_on_28_february_in_common_years() -> None:
    (common,) = birthdays([person("1984-02-29")], D(2027, 2, 1), 60)
    assert common.date == D(2027, 2, 28)
    (leap,) = birthdays([person("1984-02-29")], D(2028, 2, 1), 60)
    assert leap.date == D(2028, 2, 29)
    (no_year,) = birthdays([person("--02-29")], D(2026, 2, 1), 60)
    assert no_year.date == D(2026, 2, 28)


def test_lunar_birthday_across_years_and_leap_months() -> None:
    born = person("2025-06-10", calendar="lunar", leap_month=True)
    found = list(birthdays([born], D(2026, 1, 1), 730))
    assert [o.date for o in found] == [D(2026, 7, 23), D(2027, 7, 13)]
    assert found[0].title.render() == "Birthday of Wang Fang (lunar 6/10, 1)"
    (mid_autumn,) = birthdays([person("--08-15", calendar="lunar")], D(2027, 9, 1), 30)
    assert mid_autumn.date == D(2027, 9, 15)


def test_lunar_birthday_early_in_january_belongs_to_the_previous_lunar_year() -> None:
    # Lunar 12/8 of lunar year 2026 falls on 2027-01-15.
    (found,) = birthdays([person("--12-08", calendar="lunar")], D(2027, 1, 1), 30)
    assert found.date == D(2027, 1, 15)


@pytest.mark.parametrize(
    "changes", [{"status": "deceased"}, {"status": "moved_on"}, {"archived": True}]
)
def test_no_birthday_for_deceased_moved_on_or_archived(changes: dict[str, object]) -> None:
    assert list(birthdays([person("1980-12-02", **changes)], D(2026, 11, 25), 30)) == []


def test_festivals_with_codes_including_new_year_and_christmas() -> None:
    found = {o.code: o.date for o in festivals(D(2026, 12, 1), 90)}
    assert found == {
        "christmas": D(2026, 12, 25),
        "new_year": D(2027, 1, 1),
        "spring_festival": D(2027, 2, 6),
        "lantern": D(2027, 2, 20),
    }
    (christmas,) = [o for o in festivals(D(2026, 12, 20), 10)]
    assert (christmas.title.render(), christmas.reason.render()) == ("Christmas", "in 5 days")


def test_national_days_of_the_given_countries() -> None:
    found = {o.code: o.date for o in festivals(D(2027, 5, 1), 90, ["no", "DK", "BE", "XX"])}
    assert found["national_day:NO"] == D(2027, 5, 17)
    assert found["national_day:DK"] == D(2027, 6, 5)
    assert found["national_day:BE"] == D(2027, 7, 21)
    assert "national_day:XX" not in found
    assert "GB" not in NATIONAL_DAYS


def test_kings_day_moves_to_26_april_when_27_april_is_a_sunday() -> None:
    assert D(2025, 4, 27).weekday() == 6
    assert national_day("NL", 2025) is not None
    assert national_day("NL", 2025)[1] == D(2025, 4, 26)  # type: ignore[index]
    assert national_day("NL", 2026)[1] == D(2026, 4, 27)  # type: ignore[index]
    assert national_day("CN", 2026)[1] == D(2026, 10, 1)  # type: ignore[index]


def test_overdue_follow_up_is_dated_when_due() -> None:
    (late,) = follow_ups([FollowUpFacts("f1", "Send photos", "2026-10-15")], D(2026, 11, 25), 30)
    assert late.date == D(2026, 10, 15)
    assert late.reason.render() == "overdue since 2026-10-15"
    assert list(follow_ups([FollowUpFacts("f2", "Later", "2027-03-01")], D(2026, 11, 25), 30)) == []


def test_keep_in_touch_by_partnership_status() -> None:
    quiet = partnership("2014-06", partner="Antwerp", last_contact=D(2026, 5, 5))
    (due,) = keep_in_touch([quiet], D(2026, 11, 25), 30)
    assert due.date == D(2026, 8, 3)
    assert due.reason.render() == "no contact for 204 days"
    dormant = partnership("1985", status="dormant", last_contact=D(2026, 5, 5))
    ended = partnership("1985", status="ended", last_contact=D(2020, 5, 5))
    assert list(keep_in_touch([dormant, ended], D(2026, 11, 25), 30)) == []


def test_agenda_merges_and_sorts_by_date() -> None:
    found = agenda(
        D(2026, 11, 25),
        60,
        partnerships=[partnership("2009-12-01")],
        birthday_facts=[person("--12-02")],
        follow_up_facts=[FollowUpFacts("f1", "Call", "2026-11-01")],
        countries=["FI"],
    )
    dates = [o.date for o in found]
    assert dates == sorted(dates)
    assert [o.kind for o in found][:3] == [
        OccasionKind.FOLLOW_UP,
        OccasionKind.ANNIVERSARY,
        OccasionKind.BIRTHDAY,
    ]
    assert "national_day:FI" in {o.code for o in found}
