"""Two people editing the same record: the second save is refused, saying who changed it and
when, and nothing is overwritten unless the second person, having seen the other version, keeps
their own. Each test opens a second `Services` over the same database: a colleague's session
(on SQLite and, with CRM_TEST_POSTGRESQL, on PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

import pytest

from crm.domain.contacts import ContactDraft
from crm.domain.delegation_rules import DelegationDraft, ItineraryEntry, Member
from crm.domain.partnership_rules import PartnershipDraft
from crm.domain.partnerships import PartnershipStatus
from crm.services.acting import Acting
from crm.services.bundle import Services
from crm.services.conflicts import (
    CONTACT_TOGETHER,
    DELEGATION_TOGETHER,
    ChangedElsewhere,
    DeletedElsewhere,
    local_time,
    merge,
)
from crm.services.contacts import ContactRecord
from crm.services.delegations import DelegationRecord


@pytest.fixture
def anna(services: Services) -> Services:
    """The first colleague: the test's own services, saving as Anna."""
    services.acting.name = "Anna"
    return services


@pytest.fixture
def bo(database_url: str) -> Iterator[Services]:
    """The second colleague, in a session of their own over the same database."""
    bundle = Services.open(database_url, acting=Acting("Bo"))
    yield bundle
    bundle.db.dispose()


def wang_fang() -> ContactDraft:
    return ContactDraft(
        family_name="Wang",
        given_name="Fang",
        name_zh="王芳",
        honorific="Ms",
        emails=["wang.fang@hefei.example"],
        tags=["VIP"],
    )


def at_the_moment_of(record: ContactRecord | DelegationRecord | object) -> str:
    """The clock time a sentence gives for a record's last save, as en_GB writes it."""
    return local_time(record.updated_at).strftime("%H:%M")  # type: ignore[attr-defined]


# Contacts ----------------------------------------------------------------------------------


def test_two_sessions_edit_one_contact_and_the_second_is_refused(anna, bo) -> None:  # type: ignore[no-untyped-def]
    contact_id, _ = anna.contacts.create(wang_fang())
    annas_copy = anna.contacts.get(contact_id)
    bos_copy = bo.contacts.get(contact_id)
    assert annas_copy.version == bos_copy.version == 1

    anna.contacts.update(
        contact_id,
        replace(annas_copy.draft, position="Division Director"),
        expected_version=annas_copy.version,
    )
    with pytest.raises(ChangedElsewhere) as refused:
        bo.contacts.update(
            contact_id,
            replace(bos_copy.draft, position="Deputy Director", wechat="wangfang_hf"),
            expected_version=bos_copy.version,
        )

    conflict = refused.value
    stored = bo.contacts.get(contact_id)
    assert (conflict.record_type, conflict.record_id) == ("contact", contact_id)
    assert isinstance(conflict.theirs, ContactRecord)
    assert conflict.theirs == stored  # what the editor compares with is what is stored
    assert stored.draft.position == "Division Director"
    assert stored.draft.wechat == ""
    assert (stored.version, stored.updated_by) == (2, "Anna")
    sentence = conflict.sentence("en", now=local_time(stored.updated_at))
    assert sentence.render() == (
        f"Wang Fang (王芳) was changed by Anna at {at_the_moment_of(stored)} — review the changes."
    )
    assert "was changed by Anna at" in str(conflict)


def test_keeping_mine_after_seeing_theirs_saves_over_their_version(anna, bo) -> None:  # type: ignore[no-untyped-def]
    contact_id, _ = anna.contacts.create(wang_fang())
    opened = bo.contacts.get(contact_id)
    anna.contacts.update(contact_id, replace(opened.draft, notes="Anna's note"), expected_version=1)
    mine = replace(opened.draft, notes="Bo's note")
    with pytest.raises(ChangedElsewhere) as refused:
        bo.contacts.update(contact_id, mine, expected_version=opened.version)

    bo.contacts.update(contact_id, mine, expected_version=refused.value.theirs.version)

    stored = anna.contacts.get(contact_id)
    assert (stored.draft.notes, stored.version, stored.updated_by) == ("Bo's note", 3, "Bo")


def test_a_contact_deleted_elsewhere_is_said_so_and_nothing_is_saved(anna, bo) -> None:  # type: ignore[no-untyped-def]
    contact_id, _ = anna.contacts.create(wang_fang())
    opened = bo.contacts.get(contact_id)
    anna.contacts.delete(contact_id)
    with pytest.raises(DeletedElsewhere) as refused:
        bo.contacts.update(contact_id, opened.draft, expected_version=opened.version)
    assert str(refused.value) == (
        "Wang Fang (王芳) no longer exists: it was deleted elsewhere after you opened it, "
        "so nothing was saved."
    )
    assert anna.contacts.search("王芳") == []


def test_who_changed_a_contact_is_written_by_every_save(anna, bo) -> None:  # type: ignore[no-untyped-def]
    contact_id, _ = anna.contacts.create(wang_fang())
    assert anna.contacts.get(contact_id).updated_by == "Anna"
    record = bo.contacts.get(contact_id)
    bo.contacts.update(contact_id, record.draft, expected_version=record.version)
    assert anna.contacts.get(contact_id).updated_by == "Bo"
    anna.contacts.set_archived(contact_id, True)
    assert bo.contacts.get(contact_id).updated_by == "Anna"
    deleted, _ = bo.contacts.delete(contact_id)
    bo.contacts.restore(deleted)
    assert anna.contacts.get(contact_id).updated_by == "Bo"


def test_a_new_name_given_in_settings_is_used_at_the_next_save(anna) -> None:  # type: ignore[no-untyped-def]
    anna.acting.use("", "  Anna Berg ")
    contact_id, _ = anna.contacts.create(wang_fang())
    assert anna.contacts.get(contact_id).updated_by == "Anna Berg"


# Partnerships ------------------------------------------------------------------------------


@pytest.fixture
def ningbo(anna) -> str:  # type: ignore[no-untyped-def]
    place, _ = anna.partnerships.create_place(name="Ningbo", name_zh="宁波", country="CN")
    partnership, _ = anna.partnerships.create(
        PartnershipDraft(place_id=place, formalised_on="1986", areas=["Ports"])
    )
    return partnership


def test_two_sessions_edit_one_partnership_and_the_second_is_refused(anna, bo, ningbo) -> None:  # type: ignore[no-untyped-def]
    assert anna.partnerships.get(ningbo).updated_by == "Anna"
    annas_copy, bos_copy = anna.partnerships.get(ningbo), bo.partnerships.get(ningbo)
    anna.partnerships.update(
        ningbo,
        replace(annas_copy.draft, status=PartnershipStatus.DORMANT),
        expected_version=annas_copy.version,
    )
    mine = replace(bos_copy.draft, areas=["Ports", "Culture"])
    with pytest.raises(ChangedElsewhere) as refused:
        bo.partnerships.update(ningbo, mine, expected_version=bos_copy.version)

    stored = bo.partnerships.get(ningbo)
    assert refused.value.theirs == stored
    assert (stored.draft.status, stored.draft.areas) == (PartnershipStatus.DORMANT, ["Ports"])
    assert refused.value.sentence("en", now=local_time(stored.updated_at)).render() == (
        f"Ningbo was changed by Anna at {at_the_moment_of(stored)} — review the changes."
    )

    bo.partnerships.update(ningbo, mine, expected_version=refused.value.theirs.version)
    stored = anna.partnerships.get(ningbo)
    assert (sorted(stored.draft.areas), stored.updated_by) == (["Culture", "Ports"], "Bo")


# Visits ------------------------------------------------------------------------------------


def test_two_sessions_edit_one_visit_and_the_second_is_refused(anna, bo) -> None:  # type: ignore[no-untyped-def]
    leader, _ = anna.contacts.create(wang_fang())
    visit, _ = anna.delegations.create(
        DelegationDraft(title="Study tour", leader_id=leader, members=[Member(leader, "Head")])
    )
    assert anna.delegations.get(visit).updated_by == "Anna"
    annas_copy, bos_copy = anna.delegations.get(visit), bo.delegations.get(visit)

    anna.delegations.update(
        visit,
        replace(annas_copy.draft, title="Study tour to Ningbo"),
        expected_version=annas_copy.version,
    )
    mine = replace(bos_copy.draft, itinerary=[ItineraryEntry("2026-05-10", "09:00", "Port")])
    with pytest.raises(ChangedElsewhere) as refused:
        bo.delegations.update(visit, mine, expected_version=bos_copy.version)

    theirs = refused.value.theirs
    assert isinstance(theirs, DelegationRecord)
    assert (theirs.draft.title, theirs.draft.itinerary, theirs.updated_by) == (
        "Study tour to Ningbo",
        [],
        "Anna",
    )
    assert bo.delegations.get(visit).draft.itinerary == []

    bo.delegations.update(visit, mine, expected_version=theirs.version)
    stored = anna.delegations.get(visit)
    assert (stored.draft.title, stored.updated_by) == ("Study tour", "Bo")
    assert [e.description for e in stored.draft.itinerary] == ["Port"]


# The sentence ------------------------------------------------------------------------------


def conflict_at(moment: dt.datetime, who: str) -> ChangedElsewhere:
    theirs = ContactRecord("c1", 2, wang_fang(), False, moment, moment, who)
    return ChangedElsewhere(record_type="contact", name="Ms Wang", theirs=theirs)


MOMENT = dt.datetime(2026, 3, 3, 10, 42).astimezone()  # this computer's clock, as shown


def test_a_change_made_today_is_told_by_its_time_alone() -> None:
    conflict = conflict_at(MOMENT, "Anna")
    later_that_day = MOMENT + dt.timedelta(minutes=5)
    assert conflict.sentence("en", now=later_that_day).render() == (
        "Ms Wang was changed by Anna at 10:42 — review the changes."
    )


def test_an_older_change_is_told_with_its_date_in_the_ui_language() -> None:
    conflict = conflict_at(MOMENT, "Anna")
    next_week = MOMENT + dt.timedelta(days=7)
    assert conflict.sentence("en", now=next_week).render() == (
        "Ms Wang was changed by Anna on 3 March 2026 at 10:42 — review the changes."
    )
    assert conflict.sentence("zh_CN", now=next_week).params["date"] == "2026年3月3日"
    # Without a language (the error's own text, shown by whoever has no better): ISO digits.
    assert conflict.sentence(now=next_week).params["date"] == "2026-03-03"


def test_a_change_by_nobody_known_is_said_to_be_from_elsewhere() -> None:
    conflict = conflict_at(MOMENT, "")
    assert conflict.sentence("en", now=MOMENT).render() == (
        "Ms Wang was changed elsewhere at 10:42 — review the changes."
    )


def test_a_moment_stored_without_its_zone_is_read_as_utc() -> None:
    stored = dt.datetime(2026, 3, 3, 9, 42)  # as SQLite gives it back
    assert local_time(stored) == dt.datetime(2026, 3, 3, 9, 42, tzinfo=dt.UTC)


# Combining both versions -------------------------------------------------------------------


def test_combining_keeps_my_changes_and_takes_theirs_elsewhere() -> None:
    base = wang_fang()
    mine = replace(base, position="Deputy Director", notes="Met in Lyon")
    theirs = replace(base, position="Division Director", wechat="wangfang_hf")

    combined = merge(base, mine, theirs, together=CONTACT_TOGETHER)

    assert combined.draft.position == "Deputy Director"  # both changed it: mine, flagged
    assert combined.draft.notes == "Met in Lyon"  # only I changed it
    assert combined.draft.wechat == "wangfang_hf"  # only they changed it
    assert combined.draft.emails == base.emails
    assert combined.mine == {"position", "notes"}
    assert combined.both == {"position"}


def test_fields_that_belong_together_come_from_one_side() -> None:
    base = replace(wang_fang(), birthday="--08-15", birthday_calendar="lunar")  # type: ignore[arg-type]
    mine = replace(base, birthday="--08-16")
    theirs = replace(base, birthday_calendar="gregorian")  # type: ignore[arg-type]
    combined = merge(base, mine, theirs, together=CONTACT_TOGETHER)
    assert (combined.draft.birthday, str(combined.draft.birthday_calendar)) == ("--08-16", "lunar")

    visit = DelegationDraft(title="Visit", leader_id="a", members=[Member("a"), Member("b")])
    mine_visit = replace(visit, members=[Member("a"), Member("b"), Member("c")])
    theirs_visit = replace(visit, leader_id="b")
    combined_visit = merge(visit, mine_visit, theirs_visit, together=DELEGATION_TOGETHER)
    assert combined_visit.draft.leader_id == "a"
    assert [m.contact_id for m in combined_visit.draft.members] == ["a", "b", "c"]


def test_what_only_differs_in_spacing_is_no_change() -> None:
    base = wang_fang()
    mine = replace(base, family_name=" Wang ", tags=["VIP", "vip"])
    theirs = replace(base, given_name="Fang-Fang")
    combined = merge(base, mine, theirs)
    assert combined.mine == frozenset()
    assert combined.draft.given_name == "Fang-Fang"


def test_the_acting_name_falls_back_to_the_login_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("crm.services.acting.getpass.getuser", lambda: "wfang")
    acting = Acting()
    assert acting.name == "wfang"
    acting.use("", " ")
    assert acting.name == "wfang"
    acting.use("Anna  Berg", "Anna")
    assert acting.stamp == "Anna Berg"
    assert Acting("x" * 300).stamp == "x" * 200
