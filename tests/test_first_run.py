"""Our office set up from the first run's answers: the staff member and our city found or
created, never twice, on SQLite and (with CRM_TEST_POSTGRESQL) on a server."""

from __future__ import annotations

import pytest

from crm.domain.text import DomainError
from crm.services.changes import Changes
from crm.services.first_run import (
    OfficeAnswers,
    check_office,
    office_is_empty,
    set_up_answers,
    set_up_office,
)


def _places(services) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return [(p.name, p.name_zh, p.country) for p in services.directory.places()]


def test_the_staff_member_and_our_city_are_created(services) -> None:  # type: ignore[no-untyped-def]
    changes = set_up_office(
        services.db, my_name="  Anna   Jensen ", city="Aalborg", city_zh="奥尔堡", country="dk"
    )
    assert changes == Changes(staff=True, places=True)
    member = services.directory.staff_by_name("anna jensen")
    assert member is not None and member.name == "Anna Jensen"
    assert _places(services) == [("Aalborg", "奥尔堡", "DK")]


def test_a_second_run_creates_nothing_new(services) -> None:  # type: ignore[no-untyped-def]
    answers = OfficeAnswers(my_name="Anna Jensen", city="Aalborg", city_zh="奥尔堡", country="DK")
    set_up_answers(services.db, answers)
    again = set_up_office(
        services.db, my_name="ANNA JENSEN", city="aalborg", city_zh="", country="DK"
    )
    assert again == Changes()
    assert [s.name for s in services.directory.staff()] == ["Anna Jensen"]
    assert _places(services) == [("Aalborg", "奥尔堡", "DK")]


def test_an_existing_place_is_completed_rather_than_duplicated(services) -> None:  # type: ignore[no-untyped-def]
    services.partnerships.create_place(name="Aalborg", country="DK")
    services.partnerships.create_place(name="Aalborg", country="US")  # another country's
    services.directory.create_staff(name="Anna Jensen")
    changes = set_up_office(
        services.db, my_name="Anna Jensen", city="Aalborg", city_zh="奥尔堡", country="DK"
    )
    assert changes == Changes(places=True)
    assert sorted(_places(services)) == [("Aalborg", "", "US"), ("Aalborg", "奥尔堡", "DK")]


def test_a_place_known_only_in_chinese_is_found_and_gets_its_english_name(services) -> None:  # type: ignore[no-untyped-def]
    services.partnerships.create_place(name="", name_zh="宁波", country="CN")
    set_up_office(services.db, my_name="王芳", city="Ningbo", city_zh="宁波", country="CN")
    assert _places(services) == [("Ningbo", "宁波", "CN")]


def test_a_chinese_name_already_given_is_kept(services) -> None:  # type: ignore[no-untyped-def]
    services.partnerships.create_place(name="Aalborg", name_zh="奥尔堡", country="DK")
    changes = set_up_office(
        services.db, my_name="Anna", city="Aalborg", city_zh="阿尔堡", country="DK"
    )
    assert changes == Changes(staff=True)
    assert _places(services) == [("Aalborg", "奥尔堡", "DK")]


@pytest.mark.parametrize(
    ("answers", "sentence", "field"),
    [
        (
            {"my_name": " ", "city": "Aalborg", "country": "DK"},
            "Give your name: colleagues see it on what you add and change.",
            "my_name",
        ),
        (
            {"my_name": "Anna", "city": " ", "city_zh": "", "country": "DK"},
            "Give our city's name, in English or in Chinese.",
            "city",
        ),
        (
            {"my_name": "Anna", "city": "Aalborg", "country": ""},
            "Choose our city's country.",
            "country",
        ),
        (
            {"my_name": "Anna", "city": "Aalborg", "country": "Atlantis"},
            "“Atlantis” is not a country Liaison knows.",
            "country",
        ),
        (
            {"my_name": "Anna", "city": "Aalborg", "country": "EU"},
            "“EU” is not a country Liaison knows.",
            "country",
        ),
        (
            {"my_name": "A" * 201, "city": "Aalborg", "country": "DK"},
            "This text is too long (at most 200 characters).",
            "my_name",
        ),
    ],
)
def test_bad_answers_are_refused_in_one_sentence_and_nothing_is_written(  # type: ignore[no-untyped-def]
    services, answers, sentence, field
) -> None:
    with pytest.raises(DomainError) as refused:
        set_up_office(services.db, **{"city_zh": "", **answers})
    assert refused.value.render() == sentence
    assert refused.value.field == field
    assert services.directory.staff() == [] and services.directory.places() == []


def test_the_answers_are_tidied() -> None:
    assert check_office(
        my_name=" Anna  Jensen ", city=" New  York ", city_zh=" 纽 约 ", country=" us "
    ) == OfficeAnswers(my_name="Anna Jensen", city="New York", city_zh="纽约", country="US")


def test_the_office_is_empty_until_a_contact_or_a_partnership_is_added(services) -> None:  # type: ignore[no-untyped-def]
    from crm.domain.contacts import ContactDraft

    assert office_is_empty(services.db)
    set_up_office(services.db, my_name="Anna", city="Aalborg", country="DK")
    assert office_is_empty(services.db)  # our own city and ourselves are not the office's work
    services.contacts.create(ContactDraft(family_name="Wang", given_name="Fang"))
    assert not office_is_empty(services.db)


def test_a_partnership_alone_makes_the_office_not_empty(services) -> None:  # type: ignore[no-untyped-def]
    from crm.domain.partnership_rules import PartnershipDraft

    place_id, _changes = services.partnerships.create_place(name="Ningbo", country="CN")
    services.partnerships.create(PartnershipDraft(place_id=place_id))
    assert not office_is_empty(services.db)


def test_the_name_suggested_is_the_accounts_full_name(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import pwd
    from types import SimpleNamespace

    from crm.services import first_run

    monkeypatch.setattr(first_run, "login_name", lambda: "ajensen")
    accounts = {"ajensen": SimpleNamespace(pw_gecos="Anna  Jensen,Room 12,,")}

    def account(name: str) -> SimpleNamespace:
        return accounts[name]

    monkeypatch.setattr(pwd, "getpwnam", account)
    assert first_run.suggested_name() == "Anna Jensen"
    accounts["ajensen"] = SimpleNamespace(pw_gecos="")
    assert first_run.suggested_name() == "ajensen"
    accounts.clear()
    assert first_run.suggested_name() == "ajensen"
