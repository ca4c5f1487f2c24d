"""Done, snoozed and notified agenda items, and the keep-in-touch intervals, over the sample
office."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from crm.domain.agenda_groups import AgendaGroup, group_of, grouped
from crm.domain.occasions import OccasionKind
from crm.domain.text import DomainError
from crm.services.bundle import Services
from crm.store.database import Database
from crm.store.models import Contact, ContactTag
from crm.store.partnership_models import FollowUp, InteractionContact

START = dt.date(2026, 11, 25)
ANTWERP = "009d807d-15f0-5bb9-9831-da189301d369"


def _keep_in_touch(occasions, subject_id):  # type: ignore[no-untyped-def]
    return [
        o
        for o in occasions
        if o.kind is OccasionKind.KEEP_IN_TOUCH and o.subject and o.subject.id == subject_id
    ]


def _reopen(services: Services) -> Services:
    """The same database as after a restart of the app."""
    services.db.dispose()
    return Services.over(Database(services.db.url))


def test_marked_done_stays_done_after_a_restart(demo_services) -> None:  # type: ignore[no-untyped-def]
    (antwerp,) = _keep_in_touch(demo_services.agenda.agenda(START, 30), ANTWERP)
    demo_services.reminders.mark_done(antwerp)
    assert not _keep_in_touch(demo_services.agenda.agenda(START, 30), ANTWERP)
    again = _reopen(demo_services)
    assert not _keep_in_touch(again.agenda.agenda(START, 30), ANTWERP)
    assert _keep_in_touch(again.agenda.agenda(START, 30, include_hidden=True), ANTWERP)
    again.reminders.restore(antwerp)
    assert _keep_in_touch(again.agenda.agenda(START, 30), ANTWERP)


def test_a_snoozed_item_comes_back_on_its_day(demo_services) -> None:  # type: ignore[no-untyped-def]
    (antwerp,) = _keep_in_touch(demo_services.agenda.agenda(START, 30), ANTWERP)
    demo_services.reminders.snooze(antwerp, START + dt.timedelta(days=3))
    for day in range(3):
        later = START + dt.timedelta(days=day)
        assert not _keep_in_touch(demo_services.agenda.agenda(later, 30), ANTWERP)
    assert _keep_in_touch(demo_services.agenda.agenda(START + dt.timedelta(days=3), 30), ANTWERP)


def test_done_on_a_follow_up_closes_it(demo_services) -> None:  # type: ignore[no-untyped-def]
    follow_up = next(
        o for o in demo_services.agenda.agenda(START, 30) if o.kind is OccasionKind.FOLLOW_UP
    )
    demo_services.reminders.mark_done(follow_up)
    with demo_services.db.session() as session:
        assert session.get(FollowUp, follow_up.subject.id).done_at is not None
    demo_services.reminders.restore(follow_up)
    with demo_services.db.session() as session:
        assert session.get(FollowUp, follow_up.subject.id).done_at is None


def test_an_item_is_notified_once(demo_services) -> None:  # type: ignore[no-untyped-def]
    due = [o for o in demo_services.agenda.agenda(START, 30) if o.date <= START]
    assert due
    assert demo_services.reminders.not_yet_notified(due) == due
    demo_services.reminders.mark_notified(due[:2])
    assert demo_services.reminders.not_yet_notified(due) == due[2:]
    demo_services.reminders.mark_notified(due)
    again = _reopen(demo_services)
    assert again.reminders.not_yet_notified(again.agenda.agenda(START, 30)) == [
        o for o in again.agenda.agenda(START, 30) if o.date > START
    ]
    # Notified is not done: the items stay on the agenda.
    assert {o.key for o in due} <= {o.key for o in again.agenda.agenda(START, 30)}


def _a_contact_with_interactions(services: Services) -> tuple[str, dt.date]:
    with services.db.session() as session:
        contact_id, last = session.execute(
            select(InteractionContact.contact_id, func.max(InteractionContact.occurred_on))
            .join(Contact, Contact.id == InteractionContact.contact_id)
            .where(Contact.status == "active", Contact.archived.is_(False))  # type: ignore[attr-defined]
            .group_by(InteractionContact.contact_id)
            .order_by(func.max(InteractionContact.occurred_on))
        ).first()
    return contact_id, dt.date.fromisoformat(last)


def test_a_contact_with_an_interval_is_watched(demo_services) -> None:  # type: ignore[no-untyped-def]
    contact_id, last = _a_contact_with_interactions(demo_services)
    assert not _keep_in_touch(demo_services.agenda.agenda(START, 30), contact_id)
    demo_services.reminders.set_contact_interval(contact_id, 30)
    (item,) = _keep_in_touch(demo_services.agenda.agenda(START, 30), contact_id)
    assert item.date == last + dt.timedelta(days=30)
    assert item.title.render().startswith("Keep in touch with ")
    demo_services.reminders.set_contact_interval(contact_id, 0)  # never
    assert not _keep_in_touch(demo_services.agenda.agenda(START, 30), contact_id)


def test_a_tag_interval_watches_everyone_tagged(demo_services) -> None:  # type: ignore[no-untyped-def]
    contact_id, last = _a_contact_with_interactions(demo_services)
    with demo_services.db.write() as session:
        session.add(ContactTag(contact_id=contact_id, tag="VIP"))
    demo_services.reminders.set_tag_interval("VIP", 45)
    (item,) = _keep_in_touch(demo_services.agenda.agenda(START, 30), contact_id)
    assert item.date == last + dt.timedelta(days=45)
    # The contact's own interval wins over the tag's.
    demo_services.reminders.set_contact_interval(contact_id, 20)
    (item,) = _keep_in_touch(demo_services.agenda.agenda(START, 30), contact_id)
    assert item.date == last + dt.timedelta(days=20)
    demo_services.reminders.set_contact_interval(contact_id, None)
    demo_services.reminders.set_tag_interval("VIP", None)
    assert not _keep_in_touch(demo_services.agenda.agenda(START, 30), contact_id)


def test_partnership_and_status_intervals(demo_services) -> None:  # type: ignore[no-untyped-def]
    (antwerp,) = _keep_in_touch(demo_services.agenda.agenda(START, 30), ANTWERP)
    assert antwerp.date == dt.date(2026, 8, 3)  # active: 90 days after 2026-05-05
    demo_services.reminders.set_status_interval("active", 180)
    (antwerp,) = _keep_in_touch(demo_services.agenda.agenda(START, 30), ANTWERP)
    assert antwerp.date == dt.date(2026, 11, 1)
    assert demo_services.reminders.intervals().status["active"] == 180
    demo_services.reminders.set_partnership_interval(ANTWERP, 0)
    assert not _keep_in_touch(demo_services.agenda.agenda(START, 30), ANTWERP)
    demo_services.reminders.set_partnership_interval(ANTWERP, 30)
    (antwerp,) = _keep_in_touch(demo_services.agenda.agenda(START, 30), ANTWERP)
    assert antwerp.date == dt.date(2026, 6, 4)


@pytest.mark.parametrize("days", [-1, 0, 4000])
def test_bad_intervals_are_refused(demo_services, days: int) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError):
        demo_services.reminders.set_status_interval("active", days)
    assert demo_services.reminders.intervals().status["active"] == 90


def test_groups_of_the_today_page(demo_services) -> None:  # type: ignore[no-untyped-def]
    occasions = demo_services.agenda.agenda(START, 30)
    groups = dict(grouped(occasions, START))
    assert all(
        o.kind in {OccasionKind.FOLLOW_UP, OccasionKind.KEEP_IN_TOUCH}
        for o in groups[AgendaGroup.OVERDUE]
    )
    # Wuhan's 20th, "sometime this year", is under way: with today, not overdue.
    wuhan = next(o for o in occasions if o.kind is OccasionKind.ANNIVERSARY)
    assert group_of(wuhan, START) is AgendaGroup.TODAY
    assert all(0 < (o.date - START).days < 7 for o in groups.get(AgendaGroup.THIS_WEEK, []))
    assert all((o.date - START).days >= 7 for o in groups[AgendaGroup.LATER])
    assert sum(len(items) for items in groups.values()) == len(occasions)
