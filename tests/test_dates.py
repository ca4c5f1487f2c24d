"""Partial dates, birthdays in both calendars, and how they read in English and Chinese."""

from __future__ import annotations

import datetime as dt

import pytest

from crm.domain.dates import Birthday, CalendarKind, PartialDate
from crm.domain.formatting import format_birthday, format_partial_date, lunar_month_day_zh
from crm.domain.text import DomainError

TODAY = dt.date(2025, 6, 1)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("1985", (1985, None, None)),
        ("1986-10", (1986, 10, None)),
        ("2009-10-29", (2009, 10, 29)),
        ("--04-15", (None, 4, 15)),
        ("--02-29", (None, 2, 29)),  # born on 29 February: a real year-less birthday
    ],
)
def test_partial_date_round_trip(text: str, parts: tuple[int | None, ...]) -> None:
    date = PartialDate.parse(text)
    assert (date.year, date.month, date.day) == parts
    assert date.iso() == text
    assert PartialDate.parse(date.iso()) == date


def test_partial_date_iso_pads_short_parts() -> None:
    assert PartialDate.parse(" 2009-1-5 ").iso() == "2009-01-05"


@pytest.mark.parametrize("text", ["2023-02-29", "1986-13", "abc", "--02-30", "2024-04-31"])
def test_partial_date_rejects_what_is_not_a_date_naming_the_value(text: str) -> None:
    with pytest.raises(DomainError) as caught:
        PartialDate.parse(text)
    assert text in str(caught.value)


def test_partial_date_rejects_year_zero() -> None:
    with pytest.raises(DomainError):
        PartialDate.parse("0000")


# Birthdays ------------------------------------------------------------------------------------


def test_gregorian_birthday_with_and_without_year() -> None:
    assert Birthday.parse("1976-09-14", today=TODAY) == Birthday(9, 14, 1976)
    assert Birthday.parse("--09-23", today=TODAY) == Birthday(9, 23, None)
    assert Birthday.parse("--09-23", today=TODAY).iso() == "--09-23"


def test_a_birthday_needs_month_and_day() -> None:
    with pytest.raises(DomainError):
        Birthday.parse("1976-09", today=TODAY)


def test_a_birthday_in_the_future_is_rejected() -> None:
    with pytest.raises(DomainError, match="future"):
        Birthday.parse("2025-06-02", today=TODAY)
    assert Birthday.parse("2025-06-01", today=TODAY).year == 2025  # born today is fine


def test_a_birthday_before_1900_is_rejected() -> None:
    with pytest.raises(DomainError, match="1899"):
        Birthday.parse("1899-12-31", today=TODAY)


def test_lunar_day_31_is_rejected() -> None:
    with pytest.raises(DomainError, match="1 to 30"):
        Birthday.parse("--08-31", calendar_kind=CalendarKind.LUNAR, today=TODAY)


def test_lunar_month_13_is_rejected() -> None:
    with pytest.raises(DomainError):
        Birthday.parse("1990-13-01", calendar_kind="lunar", today=TODAY)


def test_a_leap_month_the_lunar_year_lacks_is_rejected() -> None:
    # 1995 had a leap eighth month; 1996 did not.
    with pytest.raises(DomainError, match="1996") as caught:
        Birthday.parse("1996-08-15", calendar_kind="lunar", leap_month=True, today=TODAY)
    assert "8" in str(caught.value)


def test_a_leap_month_the_lunar_year_has_is_accepted() -> None:
    birthday = Birthday.parse("1987-06-12", calendar_kind="lunar", leap_month=True, today=TODAY)
    assert (birthday.year, birthday.month, birthday.day, birthday.leap_month) == (1987, 6, 12, True)
    assert birthday.calendar is CalendarKind.LUNAR


def test_a_lunar_leap_month_birthday_converts_to_its_gregorian_date() -> None:
    birthday = Birthday.parse("1995-08-15", calendar_kind="lunar", leap_month=True, today=TODAY)
    assert birthday.to_gregorian_of_birth() == dt.date(1995, 10, 9)
    # The ordinary eighth month of 1995 is a month earlier: Mid-Autumn fell on 9 September.
    plain = Birthday.parse("1995-08-15", calendar_kind="lunar", today=TODAY)
    assert plain.to_gregorian_of_birth() == dt.date(1995, 9, 9)


def test_a_leap_month_without_a_year_is_rejected() -> None:
    with pytest.raises(DomainError, match="year"):
        Birthday.parse("--06-12", calendar_kind="lunar", leap_month=True, today=TODAY)


def test_a_lunar_birthday_in_the_future_is_rejected() -> None:
    # Lunar 2025-05-01 is 27 May 2025; lunar 2025-06-01 is 25 June 2025, after TODAY.
    assert Birthday.parse("2025-05-01", calendar_kind="lunar", today=TODAY).year == 2025
    with pytest.raises(DomainError, match="future"):
        Birthday.parse("2025-06-01", calendar_kind="lunar", today=TODAY)


# Formatting -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "english", "chinese"),
    [
        ("1985", "1985", "1985年"),
        ("1986-10", "October 1986", "1986年10月"),
        ("2009-10-29", "29 October 2009", "2009年10月29日"),
        ("--04-15", "15 April", "4月15日"),
    ],
)
def test_format_partial_date(text: str, english: str, chinese: str) -> None:
    assert format_partial_date(text, "en") == english
    assert format_partial_date(text, "zh_CN") == chinese
    assert format_partial_date(PartialDate.parse(text), "zh_CN") == chinese


def test_format_birthday_of_a_lunar_leap_month_in_chinese() -> None:
    assert format_birthday("1987-06-12", "lunar", True, "zh_CN", None) == "1987年农历闰六月十二"


def test_format_birthday_of_a_year_less_lunar_birthday_in_chinese() -> None:
    assert format_birthday("--08-15", "lunar", False, "zh_CN", None) == "农历八月十五"


def test_format_birthday_of_a_lunar_leap_month_in_english_says_leap() -> None:
    text = format_birthday("1987-06-12", "lunar", True, "en", None)
    assert "1987" in text and "leap" in text and "6/12" in text


def test_format_birthday_gregorian_reads_like_a_date() -> None:
    assert format_birthday("--09-23", "gregorian", False, "en", None) == "23 September"
    assert format_birthday("", "gregorian", False, "en", None) == ""


@pytest.mark.parametrize(
    ("month", "day", "text"),
    [
        (1, 15, "正月十五"),
        (8, 30, "八月三十"),
        (12, 20, "腊月二十"),
        (11, 21, "冬月廿一"),
        (1, 1, "正月初一"),
        (5, 10, "五月初十"),
    ],
)
def test_lunar_month_day_zh(month: int, day: int, text: str) -> None:
    assert lunar_month_day_zh(month, day) == text


def test_lunar_month_day_zh_marks_a_leap_month() -> None:
    assert lunar_month_day_zh(6, 12, leap=True) == "闰六月十二"


def test_partial_dates_sort_chronologically_without_inventing_days() -> None:
    values = ["2009-10-29", "1986", "1986-10", "1985", "1986-10-01", "2009-10"]
    ordered = sorted((PartialDate.parse(v) for v in values), key=PartialDate.sort_key)
    assert [d.iso() for d in ordered] == [
        "1985",
        "1986",
        "1986-10",
        "1986-10-01",
        "2009-10",
        "2009-10-29",
    ]
    # Stored and shown exactly as known: a year stays a year.
    assert PartialDate.parse("1985").iso() == "1985"
