"""What the contact editor refuses, and how it tidies what it accepts (`ContactDraft.validate`)."""

from __future__ import annotations

import datetime as dt

import pytest

from crm.domain.contacts import ContactDraft
from crm.domain.dates import CalendarKind
from crm.domain.text import DomainError, ValidationErrors

TODAY = dt.date(2025, 6, 1)


def problems(draft: ContactDraft, **kwargs: object) -> dict[str, str]:
    """Field → sentence for every problem `validate` reports."""
    with pytest.raises(ValidationErrors) as caught:
        draft.validate(today=TODAY, **kwargs)  # type: ignore[arg-type]
    return {error.field or "": str(error) for error in caught.value.errors}


def test_a_contact_with_any_one_name_is_valid() -> None:
    for draft in (
        ContactDraft(family_name="Müller"),
        ContactDraft(given_name="Katrin"),
        ContactDraft(name_zh="王芳"),
    ):
        assert draft.validate(today=TODAY) is not None


def test_no_name_at_all_is_an_error_on_the_family_name() -> None:
    found = problems(ContactDraft(family_name="  ", given_name="", name_zh=" "))
    assert list(found) == ["family_name"]


def test_a_bad_email_is_an_error_on_emails_naming_the_address() -> None:
    draft = ContactDraft(name_zh="王芳", emails=["wangfang@hefei.gov.cn", "wangfang at hefei"])
    found = problems(draft)
    assert list(found) == ["emails"]
    assert "wangfang at hefei" in found["emails"]


@pytest.mark.parametrize("address", ["no-at-sign.example", "a@b", "two@@example.com", "x y@ex.com"])
def test_malformed_addresses_are_refused(address: str) -> None:
    assert "emails" in problems(ContactDraft(family_name="Holst", emails=[address]))


def test_a_bad_phone_is_an_error_on_phones_naming_the_number() -> None:
    found = problems(ContactDraft(family_name="Holst", phones=["+45 9931 1000", "call the mayor"]))
    assert list(found) == ["phones"]
    assert "call the mayor" in found["phones"]


@pytest.mark.parametrize("number", ["+86 551 6353 7102", "+47 51 50 71 22", "(040) 42831-2204"])
def test_real_phone_numbers_are_accepted(number: str) -> None:
    assert ContactDraft(family_name="Holst", phones=[number]).validate(today=TODAY).phones == [
        number
    ]


def test_an_impossible_birthday_is_an_error_on_birthday() -> None:
    found = problems(ContactDraft(family_name="Janssens", birthday="1983-02-29"))
    assert list(found) == ["birthday"]
    assert "1983-02-29" in found["birthday"]


def test_a_lunar_leap_month_the_year_lacks_is_an_error_on_birthday() -> None:
    draft = ContactDraft(
        name_zh="罗静怡",
        birthday="1996-08-15",
        birthday_calendar=CalendarKind.LUNAR,
        birthday_leap_month=True,
    )
    assert list(problems(draft)) == ["birthday"]


def test_several_problems_are_reported_together() -> None:
    draft = ContactDraft(emails=["nope"], phones=["??"], birthday="2099-01-01")
    with pytest.raises(ValidationErrors) as caught:
        draft.validate(today=TODAY)
    fields = [error.field for error in caught.value.errors]
    assert fields == ["family_name", "emails", "phones", "birthday"]
    # It is still one DomainError whose sentence is the first problem.
    assert isinstance(caught.value, DomainError)
    assert caught.value.field == "family_name"


def test_a_contact_cannot_succeed_themselves() -> None:
    draft = ContactDraft(family_name="Claes", successor_of_id="abc")
    assert list(problems(draft, contact_id="abc")) == ["successor_of_id"]


def test_overlong_text_is_refused() -> None:
    assert "position" in problems(ContactDraft(family_name="Holst", position="x" * 201))


def test_cleaning_trims_drops_empty_entries_and_deduplicates_tags() -> None:
    draft = ContactDraft(
        family_name="  Müller ",
        given_name=" Katrin",
        name_zh=" 王 芳 ",
        emails=["  katrin.mueller@hamburg.de ", "", "   "],
        phones=[" ", "+49 40 42831 2204  "],
        tags=["VIP", " vip", "Trade", "", "trade ", "Hamburg"],
        language="  ",
        notes="Met in Hefei.\n\n",
    )
    clean = draft.validate(today=TODAY)
    assert clean.family_name == "Müller"
    assert clean.given_name == "Katrin"
    assert clean.name_zh == "王芳"
    assert clean.emails == ["katrin.mueller@hamburg.de"]
    assert clean.phones == ["+49 40 42831 2204"]
    assert clean.tags == ["VIP", "Trade", "Hamburg"]  # first spelling kept, order kept
    assert clean.language == "en"
    assert clean.notes == "Met in Hefei."


def test_validate_does_not_change_the_draft_it_was_given() -> None:
    draft = ContactDraft(family_name=" Holst ", tags=["a", "A"])
    draft.validate(today=TODAY)
    assert draft.family_name == " Holst "
    assert draft.tags == ["a", "A"]


def test_values_wider_than_their_columns_are_refused_with_their_field() -> None:
    """A database on a server refuses a longer value whole (SQLite would keep it): the editor
    says which field, before anything is written."""
    found = problems(
        ContactDraft(
            family_name="Wang",
            emails=["a" * 320 + "@example.org"],
            phones=["+49 " + "1" * 100],
            tags=["t" * 101],
            language="x" * 21,
        )
    )
    assert set(found) == {"emails", "phones", "tags", "language"}
    assert found["emails"] == "This text is too long (at most 320 characters)."
    assert found["tags"] == "This text is too long (at most 100 characters)."


def test_values_as_wide_as_their_columns_are_kept() -> None:
    local = "a" * (320 - len("@example.org"))
    draft = ContactDraft(family_name="Wang", emails=[f"{local}@example.org"], tags=["t" * 100])
    assert draft.validate(today=TODAY).tags == ["t" * 100]
