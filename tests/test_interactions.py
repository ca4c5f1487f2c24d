"""Logging interactions, and the timelines of people and partnerships built from them."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from crm.domain.contacts import ContactDraft
from crm.domain.partnership_rules import InteractionDraft, PartnershipDraft
from crm.domain.partnerships import InteractionKind
from crm.domain.text import DomainError, ValidationErrors
from crm.store.partnership_models import Delegation, Interaction, InteractionContact

TODAY = dt.date(2026, 5, 1)


@pytest.fixture
def people(services):  # type: ignore[no-untyped-def]
    wang, _ = services.contacts.create(ContactDraft(family_name="Wang", given_name="Fang"))
    berg, _ = services.contacts.create(ContactDraft(family_name="Berg", given_name="Anna"))
    place, _ = services.partnerships.create_place(name="Ningbo", name_zh="宁波", country="CN")
    partnership, _ = services.partnerships.create(PartnershipDraft(place_id=place))
    return {"wang": wang, "berg": berg, "partnership": partnership}


def test_the_draft_wants_a_past_date_and_someone_involved() -> None:
    with pytest.raises(ValidationErrors) as raised:
        InteractionDraft(occurred_on="2026-05-02").validate(today=TODAY)
    assert {e.field for e in raised.value.errors} == {"occurred_on", "contact_ids"}
    with pytest.raises(ValidationErrors) as raised:
        InteractionDraft(occurred_on="2026-5-1", partnership_id="p").validate(today=TODAY)
    assert {e.field for e in raised.value.errors} == {"occurred_on"}
    with pytest.raises(ValidationErrors):
        InteractionDraft(partnership_id="p").validate(today=TODAY)
    clean = InteractionDraft(
        kind=InteractionKind.CALL,
        occurred_on="2026-05-01",
        contact_ids=["a", "a", "b"],
        note="  called about the forum \n",
    ).validate(today=TODAY)
    assert (clean.contact_ids, clean.note) == (["a", "b"], "called about the forum")


def test_log_writes_the_interaction_and_its_people(services, people) -> None:  # type: ignore[no-untyped-def]
    interaction, changes = services.interactions.log(
        InteractionKind.MEETING,
        dt.date(2026, 4, 30),
        [people["wang"], people["berg"]],
        people["partnership"],
        note="Planning the anniversary",
        today=TODAY,
    )
    assert changes.partnerships == {people["partnership"]}
    with services.db.session() as session:
        row = session.get(Interaction, interaction)
        assert row is not None
        assert (row.kind, row.occurred_on, row.partnership_id, row.note) == (
            "meeting",
            "2026-04-30",
            people["partnership"],
            "Planning the anniversary",
        )
        links = session.execute(
            select(InteractionContact.contact_id, InteractionContact.occurred_on).where(
                InteractionContact.interaction_id == interaction
            )
        ).all()
    assert sorted(links) == sorted([(people["wang"], "2026-04-30"), (people["berg"], "2026-04-30")])


def test_a_future_interaction_is_refused_and_nothing_is_written(services, people) -> None:  # type: ignore[no-untyped-def]
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(ValidationErrors) as raised:
        services.interactions.log("call", tomorrow, [people["wang"]])
    assert raised.value.field == "occurred_on"
    with pytest.raises(DomainError) as unknown:
        services.interactions.log("call", "2026-01-01", [people["wang"], "nobody"], today=TODAY)
    assert unknown.value.field == "contact_ids"
    with services.db.session() as session:
        assert session.execute(select(func.count()).select_from(Interaction)).scalar_one() == 0
        assert (
            session.execute(select(func.count()).select_from(InteractionContact)).scalar_one() == 0
        )


def test_timelines_are_newest_first_and_paged(services, people) -> None:  # type: ignore[no-untyped-def]
    wang, partnership = people["wang"], people["partnership"]
    days = [dt.date(2025, 1, 1) + dt.timedelta(days=7 * i) for i in range(12)]
    for number, day in enumerate(days):
        services.interactions.log(
            "email", day, [wang], partnership if number % 2 else None, note=f"n{number}"
        )
    # Two on the same day: the one logged last comes first.
    services.interactions.log("call", days[-1], [wang], note="later the same day")
    timeline = services.interactions.timeline_for_contact(wang)
    assert [e.note for e in timeline[:3]] == ["later the same day", "n11", "n10"]
    dates = [e.occurred_on for e in timeline]
    assert dates == sorted(dates, reverse=True) and len(dates) == 13
    first = services.interactions.timeline_for_contact(wang, limit=5)
    second = services.interactions.timeline_for_contact(wang, limit=5, offset=5)
    last = services.interactions.timeline_for_contact(wang, limit=5, offset=10)
    assert [e.id for e in first + second + last] == [e.id for e in timeline]
    assert [e.people[0].name for e in first] == ["Fang Wang"] * 5
    of_partnership = services.interactions.timeline_for_partnership(partnership, limit=3)
    assert [e.note for e in of_partnership] == ["n11", "n9", "n7"]
    assert of_partnership[0].partner_zh == "宁波"
    rest = services.interactions.timeline_for_partnership(partnership, limit=50, offset=3)
    assert [e.note for e in rest] == ["n5", "n3", "n1"]


def test_last_contact_is_the_latest_interaction_with_the_person(services, people) -> None:  # type: ignore[no-untyped-def]
    assert services.interactions.last_contact(people["wang"]) is None
    services.interactions.log("greeting", "2025-09-17", [people["wang"]], today=TODAY)
    services.interactions.log("meeting", "2026-02-01", [people["wang"], people["berg"]])
    services.interactions.log("wechat", "2025-12-24", [people["wang"]])
    assert services.interactions.last_contact(people["wang"]) == dt.date(2026, 2, 1)
    assert services.interactions.last_contact(people["berg"]) == dt.date(2026, 2, 1)


def test_an_interaction_on_a_visit_belongs_to_its_partnership(services, people) -> None:  # type: ignore[no-untyped-def]
    with services.db.write() as session:
        session.add(Delegation(id="v1", partnership_id=people["partnership"], title="Visit"))
    services.interactions.log("visit", "2026-03-03", [people["wang"]], delegation_id="v1")
    [entry] = services.interactions.timeline_for_partnership(people["partnership"])
    assert (entry.delegation_id, entry.kind) == ("v1", "visit")
