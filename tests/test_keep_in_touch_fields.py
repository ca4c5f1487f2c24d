"""The keep-in-touch interval of a contact and of a partnership, as the editors save it: its
rules, its round trip through the services, and the agenda that reads it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from crm.domain.contacts import MAX_KEEP_IN_TOUCH_DAYS, ContactDraft
from crm.domain.occasions import OccasionKind
from crm.domain.partnership_rules import PartnershipDraft
from crm.domain.text import ValidationErrors
from crm.services.conflicts import ChangedElsewhere
from crm.services.reminders import MAX_INTERVAL

START = dt.date(2026, 11, 25)


def watched(services, subject_id: str) -> bool:  # type: ignore[no-untyped-def]
    return any(
        o.kind is OccasionKind.KEEP_IN_TOUCH and o.subject and o.subject.id == subject_id
        for o in services.agenda.agenda(START, 30)
    )


def the_error(error: ValidationErrors) -> tuple[str | None, str]:
    (problem,) = error.errors
    return problem.field, problem.text.render()


# ---- rules ----


def test_the_bound_is_the_reminder_services() -> None:
    assert MAX_KEEP_IN_TOUCH_DAYS == MAX_INTERVAL == 3650


@pytest.mark.parametrize("days", [None, 0, 1, 30, 3650])
def test_a_contact_accepts_the_default_never_and_1_to_3650_days(days: int | None) -> None:
    draft = ContactDraft(family_name="Wang", keep_in_touch_days=days).validate()
    assert draft.keep_in_touch_days == days


@pytest.mark.parametrize("days", [None, 0, 1, 90, 3650])
def test_a_partnership_accepts_the_default_never_and_1_to_3650_days(days: int | None) -> None:
    draft = PartnershipDraft(place_id="somewhere", keep_in_touch_days=days).validate()
    assert draft.keep_in_touch_days == days


@pytest.mark.parametrize("days", [-1, 3651, 100_000, True])
def test_a_contact_refuses_other_intervals_beside_the_field(days: int) -> None:
    with pytest.raises(ValidationErrors) as raised:
        ContactDraft(family_name="Wang", keep_in_touch_days=days).validate()
    assert the_error(raised.value) == (
        "keep_in_touch_days",
        "Keep in touch every 1 to 3650 days, or never.",
    )
    assert raised.value.errors[0].text.context == "Contacts"


@pytest.mark.parametrize("days", [-7, 3651])
def test_a_partnership_refuses_other_intervals_beside_the_field(days: int) -> None:
    with pytest.raises(ValidationErrors) as raised:
        PartnershipDraft(place_id="somewhere", keep_in_touch_days=days).validate()
    assert the_error(raised.value) == (
        "keep_in_touch_days",
        "Keep in touch every 1 to 3650 days, or never.",
    )
    assert raised.value.errors[0].text.context == "Partnerships"


def test_a_bad_interval_is_one_problem_among_the_others() -> None:
    with pytest.raises(ValidationErrors) as raised:
        ContactDraft(keep_in_touch_days=-1).validate()
    fields = [e.field for e in raised.value.errors]
    assert fields == ["family_name", "keep_in_touch_days"]


# ---- contacts ----


@pytest.mark.parametrize("days", [None, 0, 30])
def test_a_contact_is_created_with_its_interval(services, days: int | None) -> None:  # type: ignore[no-untyped-def]
    contact_id, _ = services.contacts.create(
        ContactDraft(family_name="Berg", keep_in_touch_days=days)
    )
    assert services.contacts.get(contact_id).draft.keep_in_touch_days == days


def test_a_contacts_interval_is_changed_and_kept_with_its_version(services) -> None:  # type: ignore[no-untyped-def]
    contact_id, _ = services.contacts.create(ContactDraft(family_name="Berg"))
    for days in (30, 0, None, 3650):
        record = services.contacts.get(contact_id)
        record.draft.keep_in_touch_days = days
        services.contacts.update(contact_id, record.draft, expected_version=record.version)
        after = services.contacts.get(contact_id)
        assert after.draft.keep_in_touch_days == days
        assert after.version == record.version + 1

    # Another change of the contact leaves the interval as it is.
    record = services.contacts.get(contact_id)
    record.draft.position = "Director"
    services.contacts.update(contact_id, record.draft, expected_version=record.version)
    assert services.contacts.get(contact_id).draft.keep_in_touch_days == 3650


def test_a_stale_editor_does_not_overwrite_an_interval(services) -> None:  # type: ignore[no-untyped-def]
    contact_id, _ = services.contacts.create(ContactDraft(family_name="Berg"))
    stale = services.contacts.get(contact_id)
    fresh = services.contacts.get(contact_id)
    fresh.draft.keep_in_touch_days = 45
    services.contacts.update(contact_id, fresh.draft, expected_version=fresh.version)
    stale.draft.keep_in_touch_days = 0
    with pytest.raises(ChangedElsewhere):
        services.contacts.update(contact_id, stale.draft, expected_version=stale.version)
    assert services.contacts.get(contact_id).draft.keep_in_touch_days == 45


def test_a_bad_interval_is_not_saved(services) -> None:  # type: ignore[no-untyped-def]
    contact_id, _ = services.contacts.create(ContactDraft(family_name="Berg"))
    record = services.contacts.get(contact_id)
    record.draft.keep_in_touch_days = 5000
    with pytest.raises(ValidationErrors):
        services.contacts.update(contact_id, record.draft, expected_version=record.version)
    assert services.contacts.get(contact_id).draft.keep_in_touch_days is None


def test_a_contacts_saved_interval_is_what_the_agenda_watches(services) -> None:  # type: ignore[no-untyped-def]
    contact_id, _ = services.contacts.create(ContactDraft(family_name="Berg"))
    services.interactions.log("meeting", START - dt.timedelta(days=40), [contact_id], today=START)
    assert not watched(services, contact_id)  # by default a contact is not watched

    record = services.contacts.get(contact_id)
    record.draft.keep_in_touch_days = 30
    services.contacts.update(contact_id, record.draft, expected_version=record.version)
    assert watched(services, contact_id)

    record = services.contacts.get(contact_id)
    record.draft.keep_in_touch_days = 0
    services.contacts.update(contact_id, record.draft, expected_version=record.version)
    assert not watched(services, contact_id)


def test_a_deleted_contact_comes_back_with_its_interval(services) -> None:  # type: ignore[no-untyped-def]
    contact_id, _ = services.contacts.create(
        ContactDraft(family_name="Berg", keep_in_touch_days=60)
    )
    deleted, _ = services.contacts.delete(contact_id)
    services.contacts.restore(deleted)
    assert services.contacts.get(contact_id).draft.keep_in_touch_days == 60


def test_importing_over_a_contact_keeps_its_interval(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    contact_id, _ = services.contacts.create(
        ContactDraft(
            family_name="Berg",
            given_name="Anna",
            emails=["anna.berg@example.org"],
            keep_in_touch_days=45,
        )
    )
    sheet = tmp_path / "people.csv"
    sheet.write_text(
        "family_name,given_name,emails,position\nBerg,Anna,anna.berg@example.org,Director\n",
        encoding="utf-8",
    )
    report, _ = services.importer.import_file(sheet)
    assert report.updated == 1
    draft = services.contacts.get(contact_id).draft
    assert (draft.position, draft.keep_in_touch_days) == ("Director", 45)


# ---- partnerships ----


@pytest.fixture
def hefei_place(services) -> str:  # type: ignore[no-untyped-def]
    place_id, _ = services.partnerships.create_place(name="Hefei", name_zh="合肥", country="CN")
    return place_id


@pytest.mark.parametrize("days", [None, 0, 120])
def test_a_partnership_is_created_with_its_interval(services, hefei_place, days) -> None:  # type: ignore[no-untyped-def]
    partnership_id, _ = services.partnerships.create(
        PartnershipDraft(place_id=hefei_place, keep_in_touch_days=days)
    )
    assert services.partnerships.get(partnership_id).draft.keep_in_touch_days == days


def test_a_partnerships_interval_is_changed_with_its_version(services, hefei_place) -> None:  # type: ignore[no-untyped-def]
    partnership_id, _ = services.partnerships.create(PartnershipDraft(place_id=hefei_place))
    for days in (30, 0, None):
        record = services.partnerships.get(partnership_id)
        record.draft.keep_in_touch_days = days
        services.partnerships.update(partnership_id, record.draft, expected_version=record.version)
        after = services.partnerships.get(partnership_id)
        assert after.draft.keep_in_touch_days == days
        assert after.version == record.version + 1
    stale = services.partnerships.get(partnership_id)
    fresh = services.partnerships.get(partnership_id)
    fresh.draft.keep_in_touch_days = 20
    services.partnerships.update(partnership_id, fresh.draft, expected_version=fresh.version)
    stale.draft.keep_in_touch_days = 0
    with pytest.raises(ChangedElsewhere):
        services.partnerships.update(partnership_id, stale.draft, expected_version=stale.version)
    assert services.partnerships.get(partnership_id).draft.keep_in_touch_days == 20


def test_a_partnerships_saved_interval_is_what_the_agenda_uses(services, hefei_place) -> None:  # type: ignore[no-untyped-def]
    partnership_id, _ = services.partnerships.create(PartnershipDraft(place_id=hefei_place))
    services.interactions.log(
        "meeting", START - dt.timedelta(days=40), partnership_id=partnership_id, today=START
    )
    assert not watched(services, partnership_id)  # active: 90 days by default

    record = services.partnerships.get(partnership_id)
    record.draft.keep_in_touch_days = 30
    services.partnerships.update(partnership_id, record.draft, expected_version=record.version)
    assert watched(services, partnership_id)

    record = services.partnerships.get(partnership_id)
    record.draft.keep_in_touch_days = 0
    services.partnerships.update(partnership_id, record.draft, expected_version=record.version)
    assert not watched(services, partnership_id)
