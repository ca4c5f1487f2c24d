"""Chinese festivals and lunar birthdays against dates from public almanacs (not lunar_python)."""

from __future__ import annotations

import datetime as dt

import pytest

from crm.domain.chinese_calendar import chinese_festivals, lunar_birthday

D = dt.date

SPRING_FESTIVAL = {
    2010: D(2010, 2, 14),
    2011: D(2011, 2, 3),
    2012: D(2012, 1, 23),
    2013: D(2013, 2, 10),
    2014: D(2014, 1, 31),
    2015: D(2015, 2, 19),
    2016: D(2016, 2, 8),
    2017: D(2017, 1, 28),
    2018: D(2018, 2, 16),
    2019: D(2019, 2, 5),
    2020: D(2020, 1, 25),
    2021: D(2021, 2, 12),
    2022: D(2022, 2, 1),
    2023: D(2023, 1, 22),
    2024: D(2024, 2, 10),
    2025: D(2025, 1, 29),
    2026: D(2026, 2, 17),
    2027: D(2027, 2, 6),
    2028: D(2028, 1, 26),
    2029: D(2029, 2, 13),
    2030: D(2030, 2, 3),
    2031: D(2031, 1, 23),
}

OTHERS = [
    ("mid_autumn", D(2020, 10, 1)),
    ("mid_autumn", D(2023, 9, 29)),
    ("mid_autumn", D(2024, 9, 17)),
    ("mid_autumn", D(2025, 10, 6)),
    ("mid_autumn", D(2026, 9, 25)),
    ("mid_autumn", D(2027, 9, 15)),
    ("dragon_boat", D(2023, 6, 22)),
    ("dragon_boat", D(2024, 6, 10)),
    ("dragon_boat", D(2025, 5, 31)),
    ("dragon_boat", D(2026, 6, 19)),
    ("dragon_boat", D(2027, 6, 9)),
    ("double_ninth", D(2025, 10, 29)),
    ("double_ninth", D(2027, 10, 8)),
    ("qingming", D(2024, 4, 4)),
    ("qingming", D(2025, 4, 4)),
    ("qingming", D(2026, 4, 5)),
    ("qingming", D(2027, 4, 5)),
]


def festival(code: str, year: int) -> dt.date:
    return dict(chinese_festivals(year))[code]


@pytest.mark.parametrize("year", sorted(SPRING_FESTIVAL))
def test_spring_festival_for_22_years(year: int) -> None:
    assert festival("spring_festival", year) == SPRING_FESTIVAL[year]
    # The Lantern Festival is the 15th day of the first month.
    assert festival("lantern", year) == SPRING_FESTIVAL[year] + dt.timedelta(days=14)


@pytest.mark.parametrize(("code", "expected"), OTHERS)
def test_other_festivals(code: str, expected: dt.date) -> None:
    assert festival(code, expected.year) == expected


def test_every_year_1950_to_2100_has_six_festivals_in_that_year_in_order() -> None:
    for year in range(1950, 2101):
        days = chinese_festivals(year)
        assert [code for code, _ in days] == [
            "spring_festival",
            "lantern",
            "qingming",
            "dragon_boat",
            "mid_autumn",
            "double_ninth",
        ]
        assert all(day.year == year for _, day in days)
        assert D(year, 1, 21) <= dict(days)["spring_festival"] <= D(year, 2, 20)


def test_born_in_a_leap_month_uses_the_ordinary_month_in_other_years() -> None:
    # Born 2025 in the leap sixth month, day 10 (LIBRARIES.md).
    assert lunar_birthday(2025, 6, 10, True) == D(2025, 8, 3)
    assert lunar_birthday(2026, 6, 10, True) == D(2026, 7, 23)
    assert lunar_birthday(2027, 6, 10, True) == D(2027, 7, 13)


def test_born_in_an_ordinary_month_never_uses_the_leap_month() -> None:
    # 2025 has a leap sixth month after the ordinary one: the ordinary one is the birthday.
    assert lunar_birthday(2025, 6, 10) == D(2025, 7, 4)


def test_day_30_falls_on_the_last_day_of_a_short_month() -> None:
    # Lunar 8/30: the eighth month of 2027 has only 29 days.
    assert lunar_birthday(2027, 8, 30) == D(2027, 9, 29)
    assert lunar_birthday(2027, 8, 30) == lunar_birthday(2027, 8, 29)
