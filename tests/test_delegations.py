"""Delegations: the rules of a visit, saving it whole, and preparing it."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from crm.domain.contacts import ContactDraft
from crm.domain.delegation_rules import (
    END_BEFORE_START,
    ITEM_OUTSIDE_VISIT,
    MEMBER_TWICE,
    TITLE_REQUIRED,
    DelegationDraft,
    FollowUpDraft,
    GiftDraft,
    ItineraryEntry,
    Member,
    RowError,
)
from crm.domain.partnerships import DelegationDirection, DelegationStatus, GiftDirection
from crm.domain.text import DomainError, ValidationErrors
from crm.services.conflicts import ChangedElsewhere
from crm.services.delegations import FollowUpEdit, GiftEdit
from crm.store.models import Place
from crm.store.partnership_models import (
    DelegationMember,
    FollowUp,
    Gift,
    Interaction,
    InteractionContact,
    ItineraryItem,
    Partnership,
)


def add_partnership(services, name: str = "Hefei", name_zh: str = "合肥") -> str:  # type: ignore[no-untyped-def]
    with services.db.write() as session:
        place = Place(name=name, name_zh=name_zh, country="CN", region="Anhui")
        session.add(place)
        session.flush()
        partnership = Partnership(place_id=place.id, type="sister_city", formalised_on="1989")
        session.add(partnership)
        session.flush()
        return partnership.id


def add_contact(services, family: str, given: str, name_zh: str = "", **more: str) -> str:  # type: ignore[no-untyped-def]
    draft = ContactDraft(family_name=family, given_name=given, name_zh=name_zh, **more)
    contact_id, _changes = services.contacts.create(draft)
    return contact_id


def log_interaction(services, contact_id: str, on: str, kind: str, note: str) -> None:  # type: ignore[no-untyped-def]
    with services.db.write() as session:
        interaction = Interaction(kind=kind, occurred_on=on, note=note)
        session.add(interaction)
        session.flush()
        session.add(
            InteractionContact(interaction_id=interaction.id, contact_id=contact_id, occurred_on=on)
        )


def errors_of(draft: DelegationDraft) -> list[DomainError]:
    with pytest.raises(ValidationErrors) as caught:
        draft.validate()
    return caught.value.errors


# Rules -----------------------------------------------------------------------------------
def test_a_visit_needs_a_title_and_cannot_end_before_it_starts() -> None:
    errors = errors_of(DelegationDraft(title="  ", start_on="2025-05-12", end_on="2025-05-10"))
    assert {(e.field, e.text.source) for e in errors} == {
        ("title", TITLE_REQUIRED.source),
        ("end_on", END_BEFORE_START.source),
    }


def test_dates_of_a_visit_are_full_iso_dates() -> None:
    errors = errors_of(DelegationDraft(title="Visit", start_on="2025-05", end_on="12/05/2025"))
    assert [e.field for e in errors] == ["start_on", "end_on"]
    assert "2025-05" in errors[0].render()


def test_the_same_person_cannot_be_a_member_twice() -> None:
    draft = DelegationDraft(
        title="Visit", members=[Member("a", "Head"), Member("b"), Member("a", "Interpreter")]
    )
    (error,) = errors_of(draft)
    assert isinstance(error, RowError)
    assert (error.field, error.row, error.text.source) == ("members", 2, MEMBER_TWICE.source)


def test_an_itinerary_day_must_fall_within_the_visit() -> None:
    draft = DelegationDraft(
        title="Visit",
        start_on="2025-05-10",
        end_on="2025-05-12",
        itinerary=[
            ItineraryEntry("2025-05-10", "09:00", "Welcome at City Hall"),
            ItineraryEntry("2025-05-13", "", "Port tour"),
        ],
    )
    (error,) = errors_of(draft)
    assert isinstance(error, RowError)
    assert (error.field, error.row, error.text.source) == (
        "itinerary",
        1,
        ITEM_OUTSIDE_VISIT.source,
    )
    # Without the visit's dates any day goes; times are tidied.
    draft.start_on = draft.end_on = ""
    clean = draft.validate()
    assert [e.time for e in clean.itinerary] == ["09:00", ""]
    draft.itinerary = [ItineraryEntry("", "9.30", "Briefing"), ItineraryEntry("", "25:00", "x")]
    (error,) = errors_of(draft)
    assert (error.field, getattr(error, "row", None)) == ("itinerary", 1)


def test_the_leader_is_always_a_member() -> None:
    clean = DelegationDraft(title="Visit", leader_id="lead", members=[Member("b", "")]).validate()
    assert clean.members == [Member("lead", ""), Member("b", "")]


# Saving ----------------------------------------------------------------------------------
def test_a_visit_is_saved_and_read_back_with_members_in_order_and_the_programme(services) -> None:  # type: ignore[no-untyped-def]
    partnership = add_partnership(services)
    wang = add_contact(services, "Wang", "Fang", "王芳", position="Division Director")
    li = add_contact(services, "Li", "Wei", "李伟", position_zh="副市长")
    draft = DelegationDraft(
        title="Hefei delegation, spring 2025",
        partnership_id=partnership,
        start_on="2025-05-10",
        end_on="2025-05-12",
        leader_id=li,
        members=[Member(li, "Head of delegation"), Member(wang, "Coordinator")],
        purpose="Port cooperation",
        itinerary=[
            ItineraryEntry("2025-05-11", "14:00", "Port of Aalborg"),
            ItineraryEntry("2025-05-10", "", "Welcome dinner"),
            ItineraryEntry("2025-05-11", "09:30", "City Hall"),
        ],
    )
    delegation_id, changes = services.delegations.create(draft)
    assert changes.contacts == {li, wang}
    assert changes.partnerships == {partnership}

    record = services.delegations.get(delegation_id)
    assert record.version == 1
    assert [(m.contact_id, m.role) for m in record.members] == [
        (li, "Head of delegation"),
        (wang, "Coordinator"),
    ]
    assert [(m.latin, m.name_zh) for m in record.members] == [
        ("Li Wei", "李伟"),
        ("Wang Fang", "王芳"),
    ]
    assert record.members[0].position_zh == "副市长"
    assert [(i.day, i.time, i.description) for i in record.itinerary] == [
        ("2025-05-10", "", "Welcome dinner"),
        ("2025-05-11", "09:30", "City Hall"),
        ("2025-05-11", "14:00", "Port of Aalborg"),
    ]
    assert record.summary.partner == "Hefei" and record.summary.leader == "Li Wei (李伟)"
    assert record.draft.purpose == "Port cooperation"

    record.draft.members = [Member(wang, "Head of delegation")]
    record.draft.leader_id = wang
    record.draft.itinerary = [ItineraryEntry("2025-05-12", "10:00", "Farewell")]
    record.draft.status = DelegationStatus.CONFIRMED
    services.delegations.update(delegation_id, record.draft, expected_version=record.version)
    again = services.delegations.get(delegation_id)
    assert again.version == 2
    assert [(m.contact_id, m.role) for m in again.members] == [(wang, "Head of delegation")]
    assert [i.description for i in again.itinerary] == ["Farewell"]
    assert again.draft.status is DelegationStatus.CONFIRMED


def test_a_stale_version_is_refused_and_changes_nothing(services) -> None:  # type: ignore[no-untyped-def]
    delegation_id, _ = services.delegations.create(DelegationDraft(title="Study tour"))
    record = services.delegations.get(delegation_id)
    record.draft.title = "Study tour to Ningbo"
    services.delegations.update(delegation_id, record.draft, expected_version=record.version)

    record.draft.title = "Written over"
    with pytest.raises(ChangedElsewhere) as caught:
        services.delegations.update(delegation_id, record.draft, expected_version=record.version)
    assert caught.value.theirs.version == record.version + 1
    assert services.delegations.get(delegation_id).draft.title == "Study tour to Ningbo"


def test_a_follow_up_marked_done_elsewhere_makes_an_open_editor_stale(services) -> None:  # type: ignore[no-untyped-def]
    delegation_id, _ = services.delegations.create(
        DelegationDraft(title="Visit"),
        follow_ups=[FollowUpEdit(None, FollowUpDraft(description="Send photos"))],
    )
    record = services.delegations.get(delegation_id)
    services.follow_ups.mark_done(record.follow_ups[0].id)
    with pytest.raises(DomainError):
        services.delegations.update(delegation_id, record.draft, expected_version=record.version)


def test_follow_ups_and_gifts_are_saved_with_the_visit(services) -> None:  # type: ignore[no-untyped-def]
    partnership = add_partnership(services)
    wang = add_contact(services, "Wang", "Fang", "王芳")
    delegation_id, _ = services.delegations.create(
        DelegationDraft(title="Visit", partnership_id=partnership, members=[Member(wang)]),
        follow_ups=[FollowUpEdit(None, FollowUpDraft(description="Send the MoU draft"))],
        gifts=[GiftEdit(None, GiftDraft(description="Book on Aalborg", contact_id=wang))],
    )
    record = services.delegations.get(delegation_id)
    assert [f.description for f in record.follow_ups] == ["Send the MoU draft"]
    assert record.follow_ups[0].partnership_id == partnership
    assert [(g.description, g.contact_id) for g in record.gifts] == [("Book on Aalborg", wang)]
    # The partnership's open list shows the visit's follow-up.
    assert [f.id for f in services.follow_ups.open(partnership_id=partnership)] == [
        record.follow_ups[0].id
    ]

    # Saving with one follow-up changed and the gift removed.
    follow_up = record.follow_ups[0]
    edit = FollowUpEdit(follow_up.id, FollowUpDraft(description="Send the signed MoU", done=True))
    services.delegations.update(
        delegation_id, record.draft, expected_version=record.version, follow_ups=[edit], gifts=[]
    )
    again = services.delegations.get(delegation_id)
    assert [(f.id, f.description, f.done) for f in again.follow_ups] == [
        (follow_up.id, "Send the signed MoU", True)
    ]
    assert again.gifts == []


def test_a_visit_moved_to_another_partnership_takes_its_gifts_and_follow_ups(services) -> None:  # type: ignore[no-untyped-def]
    hefei = add_partnership(services)
    ningbo = add_partnership(services, "Ningbo", "宁波")
    delegation_id, _ = services.delegations.create(
        DelegationDraft(title="Visit", partnership_id=hefei),
        follow_ups=[FollowUpEdit(None, FollowUpDraft(description="Letter"))],
        gifts=[GiftEdit(None, GiftDraft(description="Book"))],
    )
    record = services.delegations.get(delegation_id)
    record.draft.partnership_id = ningbo
    changes = services.delegations.update(
        delegation_id, record.draft, expected_version=record.version
    )
    assert changes.partnerships == {hefei, ningbo}
    assert [g.partner for g in services.gifts.find(partnership_id=ningbo)] == ["Ningbo"]
    assert services.gifts.find(partnership_id=hefei) == []
    assert [f.description for f in services.follow_ups.open(partnership_id=ningbo)] == ["Letter"]


def test_errors_of_follow_ups_and_gifts_name_their_row(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationErrors) as caught:
        services.delegations.create(
            DelegationDraft(title="Visit"),
            follow_ups=[
                FollowUpEdit(None, FollowUpDraft(description="ok")),
                FollowUpEdit(None, FollowUpDraft(description="")),
            ],
            gifts=[GiftEdit(None, GiftDraft(description=""))],
        )
    found = [(e.field, getattr(e, "row", None)) for e in caught.value.errors]
    assert found == [("follow_ups", 1), ("gifts", 0)]
    assert services.delegations.list() == []


def test_the_list_shows_coming_visits_first_then_past_ones_newest_first(services) -> None:  # type: ignore[no-untyped-def]
    partnership = add_partnership(services)
    other = add_partnership(services, "Ningbo", "宁波")
    for title, start, end, where in (
        ("Past 2019", "2019-04-01", "2019-04-03", partnership),
        ("Past 2023", "2023-09-01", "2023-09-02", partnership),
        ("Next month", "2025-07-01", "", partnership),
        ("Under way", "2025-06-01", "2025-06-20", partnership),
        ("Not yet dated", "", "", partnership),
        ("Elsewhere", "2025-08-01", "", other),
    ):
        services.delegations.create(
            DelegationDraft(title=title, start_on=start, end_on=end, partnership_id=where)
        )
    today = dt.date(2025, 6, 10)
    titles = [d.title for d in services.delegations.list(partnership_id=partnership, today=today)]
    assert titles == ["Under way", "Next month", "Not yet dated", "Past 2023", "Past 2019"]
    assert len(services.delegations.list(today=today)) == 6


def test_set_status(services) -> None:  # type: ignore[no-untyped-def]
    delegation_id, _ = services.delegations.create(DelegationDraft(title="Visit"))
    services.delegations.set_status(delegation_id, DelegationStatus.DONE)
    assert services.delegations.get(delegation_id).draft.status is DelegationStatus.DONE


def test_deleting_a_visit_deletes_members_programme_and_follow_ups_but_keeps_gifts(
    services,
) -> None:  # type: ignore[no-untyped-def]
    partnership = add_partnership(services)
    wang = add_contact(services, "Wang", "Fang", "王芳")
    delegation_id, _ = services.delegations.create(
        DelegationDraft(
            title="Visit",
            partnership_id=partnership,
            start_on="2024-10-01",
            members=[Member(wang, "Head")],
            itinerary=[ItineraryEntry("2024-10-01", "", "Dinner")],
        ),
        follow_ups=[FollowUpEdit(None, FollowUpDraft(description="Thank-you letter"))],
        gifts=[GiftEdit(None, GiftDraft(description="Silk scarf", contact_id=wang))],
    )
    changes = services.delegations.delete(delegation_id)
    assert changes.contacts == {wang} and changes.partnerships == {partnership}
    with services.db.session() as session:
        for table in (DelegationMember, ItineraryItem, FollowUp):
            assert session.execute(select(func.count()).select_from(table)).scalar_one() == 0
        gift = session.execute(select(Gift)).scalar_one()
    # The gift stays in the register, dated and placed by the visit it was given on.
    assert (gift.delegation_id, gift.given_on, gift.partnership_id) == (
        None,
        "2024-10-01",
        partnership,
    )
    with pytest.raises(DomainError):
        services.delegations.get(delegation_id)


# Preparing a visit ------------------------------------------------------------------------
def test_preparation_shows_each_members_titles_and_our_history_with_them(services) -> None:  # type: ignore[no-untyped-def]
    partnership = add_partnership(services)
    li = add_contact(
        services,
        "Li",
        "Wei",
        "李伟",
        honorific="Mr",
        position="Vice Mayor",
        position_zh="副市长",
    )
    wang = add_contact(
        services,
        "Wang",
        "Fang",
        "王芳",
        honorific="Ms",
        position="Division Director",
        position_zh="欧洲处处长",
    )
    earlier, _ = services.delegations.create(
        DelegationDraft(
            title="Aalborg mission to Hefei",
            direction=DelegationDirection.OUTGOING,
            partnership_id=partnership,
            start_on="2023-10-20",
            end_on="2023-10-24",
            members=[Member(li, "Host")],
        ),
        gifts=[
            GiftEdit(None, GiftDraft(description="Glass bowl", contact_id=li)),
            GiftEdit(
                None,
                GiftDraft(
                    description="Tea set",
                    contact_id=li,
                    direction=GiftDirection.RECEIVED,
                ),
            ),
        ],
    )
    services.gifts.register(
        GiftDraft(description="Christmas book", contact_id=li, given_on="2024-12-15")
    )
    log_interaction(services, li, "2024-02-01", "call", "Congratulated on the new port line")
    log_interaction(services, li, "2025-01-20", "greeting", "Spring Festival card")
    visit, _ = services.delegations.create(
        DelegationDraft(
            title="Hefei delegation to Aalborg",
            partnership_id=partnership,
            start_on="2025-05-10",
            end_on="2025-05-12",
            leader_id=li,
            members=[Member(li, "Head of delegation"), Member(wang, "Coordinator")],
        ),
        gifts=[GiftEdit(None, GiftDraft(description="City medal", contact_id=li))],
        follow_ups=[FollowUpEdit(None, FollowUpDraft(description="Book the hotel"))],
    )

    prep = services.delegations.preparation(visit)
    assert prep.visit.title == "Hefei delegation to Aalborg"
    first, second = prep.members
    assert (first.member.latin, first.member.name_zh, first.leader) == ("Li Wei", "李伟", True)
    assert (first.member.honorific, first.member.position, first.member.position_zh) == (
        "Mr",
        "Vice Mayor",
        "副市长",
    )
    assert [(v.title, v.start_on, v.direction, v.role) for v in first.past_visits] == [
        ("Aalborg mission to Hefei", "2023-10-20", "outgoing", "Host")
    ]
    # What we gave last time comes first; the gift planned for this visit is not history.
    assert [g.description for g in first.gifts_given] == ["Christmas book", "Glass bowl"]
    assert [g.description for g in first.gifts_received] == ["Tea set"]
    assert [(i.occurred_on, i.kind, i.note) for i in first.interactions] == [
        ("2025-01-20", "greeting", "Spring Festival card"),
        ("2024-02-01", "call", "Congratulated on the new port line"),
    ]
    assert (second.member.position, second.member.position_zh) == (
        "Division Director",
        "欧洲处处长",
    )
    assert second.past_visits == second.gifts_given == second.interactions == []
    assert [g.description for g in prep.gifts] == ["City medal"]
    assert [f.description for f in prep.open_follow_ups] == ["Book the hotel"]


def test_preparation_reads_history_in_a_fixed_number_of_queries(services) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import event

    def statements_to_prepare(size: int) -> int:
        people = [add_contact(services, f"Member{size}x{i}", "Test") for i in range(size)]
        visit, _ = services.delegations.create(
            DelegationDraft(title="Delegation", members=[Member(p) for p in people])
        )
        services.gifts.register(GiftDraft(description="Book", contact_id=people[0]))
        statements: list[object] = []
        listener = lambda *_args: statements.append(_args)  # noqa: E731
        services.delegations.preparation(visit)  # connections opened before counting
        event.listen(services.db.engine, "before_cursor_execute", listener)
        try:
            prep = services.delegations.preparation(visit)
        finally:
            event.remove(services.db.engine, "before_cursor_execute", listener)
        assert len(prep.members) == size
        return len(statements)

    assert statements_to_prepare(1) == statements_to_prepare(15)
