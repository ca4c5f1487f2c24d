"""The gift register (what did we give them last time? their photos) and follow-ups."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from crm.domain.contacts import ContactDraft
from crm.domain.delegation_rules import (
    FUTURE_GIFT,
    GIFT_DESCRIPTION_REQUIRED,
    DelegationDraft,
    FollowUpDraft,
    GiftDraft,
    RowError,
)
from crm.domain.partnerships import GiftDirection, ValueBand
from crm.domain.text import DomainError, ValidationErrors
from crm.services.delegations import GiftEdit
from crm.services.photos import NOT_A_PHOTO, image_suffix
from crm.store.models import Place, Staff
from crm.store.partnership_models import Partnership

# The smallest PNG there is: one transparent pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000000500010d0a2db40000000049454e44ae426082"
)


def janssens(services) -> str:  # type: ignore[no-untyped-def]
    draft = ContactDraft(family_name="Janssens", given_name="Pieter", honorific="Mr")
    contact_id, _ = services.contacts.create(draft)
    return contact_id


def staff(services, name: str = "Anna Berg") -> str:  # type: ignore[no-untyped-def]
    with services.db.write() as session:
        member = Staff(name=name)
        session.add(member)
        session.flush()
        return member.id


def add_partnership(services) -> str:  # type: ignore[no-untyped-def]
    with services.db.write() as session:
        place = Place(name="Hefei", name_zh="合肥", country="CN")
        session.add(place)
        session.flush()
        partnership = Partnership(place_id=place.id)
        session.add(partnership)
        session.flush()
        return partnership.id


# Gifts -----------------------------------------------------------------------------------
def test_last_given_to_answers_the_latest_gift_we_gave(services) -> None:  # type: ignore[no-untyped-def]
    person = janssens(services)
    gifts = services.gifts
    assert gifts.last_given_to(person) is None
    gifts.register(GiftDraft(description="Delft tile", contact_id=person, given_on="2019-05-02"))
    gifts.register(
        GiftDraft(
            description="Porcelain vase",
            contact_id=person,
            given_on="2023-04-11",
            value_band=ValueBand.MODEST,
            occasion="20th anniversary",
        )
    )
    gifts.register(GiftDraft(description="Calligraphy", contact_id=person, given_on="2021-01-01"))
    # What they gave us is not what we gave them, however recent.
    gifts.register(
        GiftDraft(
            description="Tea",
            contact_id=person,
            given_on="2024-02-10",
            direction=GiftDirection.RECEIVED,
        )
    )
    last = gifts.last_given_to(person)
    assert last is not None
    assert (last.description, last.on, last.value_band, last.occasion) == (
        "Porcelain vase",
        "2023-04-11",
        "modest",
        "20th anniversary",
    )
    assert last.contact == "Pieter Janssens"
    received = gifts.last_received_from(person)
    assert received is not None and received.description == "Tea"
    assert [g.description for g in gifts.gifts_for_contact(person)] == [
        "Tea",
        "Porcelain vase",
        "Calligraphy",
        "Delft tile",
    ]


def test_a_gift_on_a_visit_without_its_own_date_takes_the_visits_date(services) -> None:  # type: ignore[no-untyped-def]
    person = janssens(services)
    services.gifts.register(GiftDraft(description="Old", contact_id=person, given_on="2022-01-01"))
    services.delegations.create(
        DelegationDraft(title="Visit", start_on="2024-06-01"),
        gifts=[GiftEdit(None, GiftDraft(description="On the visit", contact_id=person))],
    )
    last = services.gifts.last_given_to(person)
    assert last is not None
    assert (last.description, last.given_on, last.on, last.delegation) == (
        "On the visit",
        "",
        "2024-06-01",
        "Visit",
    )


def test_gift_rules(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationErrors) as caught:
        services.gifts.register(
            GiftDraft(
                description=" ",
                direction=GiftDirection.RECEIVED,
                given_on="2099-01-01",
            )
        )
    assert [(e.field, e.text) for e in caught.value.errors] == [
        ("description", GIFT_DESCRIPTION_REQUIRED),
        ("given_on", FUTURE_GIFT),
    ]
    with pytest.raises(ValidationErrors):
        GiftDraft(description="x", given_on="2024").validate()


def test_the_register_filters_by_contact_partnership_and_direction(services) -> None:  # type: ignore[no-untyped-def]
    person = janssens(services)
    hefei = add_partnership(services)
    gifts = services.gifts
    gifts.register(GiftDraft(description="A", contact_id=person, partnership_id=hefei))
    gifts.register(GiftDraft(description="B", direction=GiftDirection.RECEIVED))
    delegation_id, _ = services.delegations.create(
        DelegationDraft(title="Visit", partnership_id=hefei),
        gifts=[GiftEdit(None, GiftDraft(description="C"))],
    )
    assert {g.description for g in gifts.find()} == {"A", "B", "C"}
    assert {g.description for g in gifts.find(partnership_id=hefei)} == {"A", "C"}
    assert {g.description for g in gifts.find(direction=GiftDirection.RECEIVED)} == {"B"}
    assert {g.description for g in gifts.find(contact_id=person)} == {"A"}
    assert [g.description for g in gifts.of_delegation(delegation_id)] == ["C"]


def test_a_photo_is_kept_by_its_content_and_shown_from_a_copy(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    source = outside / "..%2F..%2Fvase photo (1).JPG"
    source.write_bytes(PNG)
    gift_id, _ = services.gifts.register(GiftDraft(description="Vase"), photo=source)

    record = services.gifts.get(gift_id)
    stored = record.photo_path
    assert stored is not None and stored.is_file()
    assert stored.resolve().parent.parent == services.gifts.photos.files.folder.resolve()
    # The file's own name is not trusted: the photo is named by its checksum and the content
    # type it really has.
    assert record.photo == hashlib.sha256(PNG).hexdigest() + ".png"
    assert stored.name == record.photo and stored.read_bytes() == PNG
    assert source.exists()

    # Replacing the photo forgets the old one; deleting the gift forgets the new one.
    second = outside / "other.png"
    second.write_bytes(PNG + b"extra")
    services.gifts.attach_photo(gift_id, second)
    replaced = services.gifts.get(gift_id)
    assert replaced.photo_path is not None and replaced.photo_path.read_bytes() == PNG + b"extra"
    assert not stored.exists()
    assert services.gifts.photo_path(record.photo) is None
    services.gifts.delete(gift_id)
    assert services.gifts.photo_path(replaced.photo) is None


def test_a_file_that_is_not_an_image_is_refused(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    fake = tmp_path / "photo.jpg"
    fake.write_text("#!/bin/sh\necho not a photo\n")
    with pytest.raises(DomainError) as caught:
        services.gifts.register(GiftDraft(description="Vase"), photo=fake)
    assert caught.value.text.source == NOT_A_PHOTO.source
    assert services.gifts.find() == []
    with pytest.raises(DomainError):
        services.gifts.register(GiftDraft(description="Vase"), photo=tmp_path / "missing.png")
    # Through a visit the problem names the gift's row.
    with pytest.raises(RowError) as row_error:
        services.delegations.create(
            DelegationDraft(title="Visit"),
            gifts=[
                GiftEdit(None, GiftDraft(description="Book")),
                GiftEdit(None, GiftDraft(description="Vase"), fake),
            ],
        )
    assert (row_error.value.field, row_error.value.row) == ("gifts", 1)
    assert services.delegations.list() == [] and services.gifts.find() == []


def test_stored_photo_names_are_checked_before_they_become_paths(services) -> None:  # type: ignore[no-untyped-def]
    photos = services.gifts.photos
    assert photos.path("../../etc/passwd") is None
    assert photos.path("../" + "0" * 64 + ".png") is None
    assert photos.path("0" * 64 + ".exe") is None
    assert photos.path("0" * 64 + ".png") is None  # a name of ours, but no such photo kept
    assert image_suffix(b"GIF89a....") == ".gif"
    assert image_suffix(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == ".webp"


# Follow-ups ------------------------------------------------------------------------------
def test_open_follow_ups_overdue_first_then_by_due_date(services) -> None:  # type: ignore[no-untyped-def]
    anna = staff(services)
    follow_ups = services.follow_ups
    ids = {}
    for text, due in (
        ("Undated", ""),
        ("Next week", "2025-06-17"),
        ("Long overdue", "2025-01-05"),
        ("Tomorrow", "2025-06-11"),
        ("Overdue", "2025-06-01"),
    ):
        ids[text], _ = follow_ups.add(FollowUpDraft(description=text, due_on=due, assignee_id=anna))
    follow_ups.mark_done(ids["Next week"])
    today = dt.date(2025, 6, 10)
    rows = follow_ups.open(today=today)
    assert [(r.description, r.overdue) for r in rows] == [
        ("Long overdue", True),
        ("Overdue", True),
        ("Tomorrow", False),
        ("Undated", False),
    ]
    assert rows[0].assignee == "Anna Berg"


def test_mark_done_and_reopen(services) -> None:  # type: ignore[no-untyped-def]
    follow_ups = services.follow_ups
    follow_up_id, _ = follow_ups.add(FollowUpDraft(description="Send the photos"))
    moment = dt.datetime(2025, 6, 3, 9, 0, tzinfo=dt.UTC)
    follow_ups.mark_done(follow_up_id, at=moment)
    record = follow_ups.get(follow_up_id)
    assert record.draft.done and record.done_at is not None
    assert record.done_at.replace(tzinfo=dt.UTC) == moment
    assert follow_ups.open() == []
    # Editing a done follow-up keeps the moment it was done.
    follow_ups.update(follow_up_id, FollowUpDraft(description="Send the photos (sent)", done=True))
    kept = follow_ups.get(follow_up_id).done_at
    assert kept is not None and kept.replace(tzinfo=dt.UTC) == moment

    follow_ups.reopen(follow_up_id)
    assert follow_ups.get(follow_up_id).done_at is None
    assert [r.id for r in follow_ups.open()] == [follow_up_id]
    follow_ups.delete(follow_up_id)
    assert follow_ups.open() == []
    with pytest.raises(DomainError):
        follow_ups.mark_done(follow_up_id)


def test_a_follow_up_needs_a_description_and_a_real_date(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationErrors) as caught:
        services.follow_ups.add(FollowUpDraft(description="", due_on="next week"))
    assert [e.field for e in caught.value.errors] == ["description", "due_on"]


def test_a_follow_up_of_a_visit_belongs_to_its_partnership(services) -> None:  # type: ignore[no-untyped-def]
    hefei = add_partnership(services)
    delegation_id, _ = services.delegations.create(
        DelegationDraft(title="Visit", partnership_id=hefei)
    )
    follow_up_id, changes = services.follow_ups.add(
        FollowUpDraft(description="Thank-you letters", delegation_id=delegation_id)
    )
    assert changes.partnerships == {hefei}
    assert [r.id for r in services.follow_ups.open(partnership_id=hefei)] == [follow_up_id]
    assert [r.id for r in services.follow_ups.of_delegation(delegation_id)] == [follow_up_id]
