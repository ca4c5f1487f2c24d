"""The Today page's view of the agenda and the reminder check's due items: what the whole
agenda says, without keeping the whole agenda (a big office's month is fifteen thousand
items, of which a page shows a few hundred and a check announces the new ones)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from crm.domain.agenda_groups import AgendaGroup, AgendaSummary, grouped, is_due
from crm.domain.occasions import (
    Occasion,
    OccasionKind,
    Subject,
    order_key,
)
from crm.domain.text import Text
from crm.services.reminders import ReminderService

START = dt.date(2026, 11, 25)
TITLE = Text("Occasions", "Follow-up: {description}", {"description": "x"})


def _keys(occasions: list[Any]) -> list[str]:
    return [o.key for o in occasions]


def _occasion(days: int, kind: OccasionKind, ident: str) -> Occasion:
    day = START + dt.timedelta(days=days)
    return Occasion(day, kind, TITLE, None, "", None, Subject("contact", ident), since=START)


def _month() -> list[Occasion]:
    """Many occasions on few days, overdue ones among them, in the agenda's order."""
    found = [
        _occasion(days, kind, f"{days:+03d}-{n:03d}")
        for days in range(-5, 31)
        for kind in (OccasionKind.BIRTHDAY, OccasionKind.FOLLOW_UP)
        for n in range(7)
    ]
    return sorted(found, key=order_key)


def test_a_summary_counts_every_group_and_keeps_its_first_ones_whatever_the_order() -> None:
    month = _month()
    shuffled = month[:]
    random.Random(8).shuffle(shuffled)
    summary = AgendaSummary(START, shown=5)
    summary.add(shuffled[:100])  # in parts, as the agenda's sources come
    summary.add(shuffled[100:])
    view = summary.view()
    expected = grouped(month, START)
    assert [g.group for g in view.groups] == [group for group, _items in expected]
    for shown, (_group, items) in zip(view.groups, expected, strict=True):
        assert shown.count == len(items)
        assert _keys(shown.items) == _keys(items[:5])
    assert view.total == len(month)
    assert view.due == sum(1 for o in month if is_due(o, START))


def test_a_group_asked_for_whole_is_whole_and_the_selection_stays_in_sight() -> None:
    month = _month()
    later = [o for o in month if (o.date - START).days >= 7]
    selected = later[40]
    summary = AgendaSummary(START, shown=5, whole={AgendaGroup.THIS_WEEK}, keep=selected.key)
    summary.add(reversed(month))
    groups = {view.group: view for view in summary.view().groups}
    week = [o for o in month if 0 < (o.date - START).days < 7]
    assert _keys(groups[AgendaGroup.THIS_WEEK].items) == _keys(week)
    # The selection, far down its group, is shown after the group's first ones.
    assert _keys(groups[AgendaGroup.LATER].items) == _keys([*later[:5], selected])
    assert groups[AgendaGroup.LATER].count == len(later)


def test_an_empty_agenda_has_no_groups() -> None:
    view = AgendaSummary(START, shown=5).view()
    assert view.groups == [] and view.total == 0 and view.due == 0


def test_the_view_is_the_agenda_grouped(demo_services: Any) -> None:
    agenda = demo_services.agenda
    month = agenda.agenda(START, 30)
    expected = grouped(month, START)
    assert len(expected) > 1  # the sample office has more than one group
    view = agenda.view(START, 30, shown=2)
    assert [(g.group, g.count, _keys(g.items)) for g in view.groups] == [
        (group, len(items), _keys(items[:2])) for group, items in expected
    ]
    # Whole: every item, as the agenda has them.
    whole = agenda.view(START, 30, shown=2, whole=set(AgendaGroup))
    assert [_keys(g.items) for g in whole.groups] == [_keys(items) for _g, items in expected]


def test_the_view_leaves_out_what_is_done_and_snoozed(demo_services: Any) -> None:
    agenda = demo_services.agenda
    reminders = ReminderService(demo_services.db)
    first, second = agenda.agenda(START, 30)[:2]
    reminders.mark_done(first)
    reminders.snooze(second, START + dt.timedelta(days=3))
    view = agenda.view(START, 30, shown=1000)
    shown = {o.key for g in view.groups for o in g.items}
    assert first.key not in shown and second.key not in shown
    assert view.total == len(agenda.agenda(START, 30))


def test_due_items_come_in_batches_and_are_those_the_agenda_has_due(demo_services: Any) -> None:
    agenda = demo_services.agenda
    month = agenda.agenda(START, 30)
    due = [o for o in month if is_due(o, START)]
    assert len(due) > 2  # the sample office has overdue follow-ups
    batches: list[int] = []

    def every_other(batch: list[Occasion]) -> list[Occasion]:
        batches.append(len(batch))
        return batch[::2]

    kept = agenda.due(START, 30, every_other, batch=2)
    assert sum(batches) == len(due) and max(batches) == 2
    assert {o.key for o in kept} <= {o.key for o in due}
    assert len(kept) == sum((n + 1) // 2 for n in batches)
    assert _keys(kept) == _keys(sorted(kept, key=order_key))
    assert _keys(agenda.due(START, 30, lambda batch: batch)) == _keys(sorted(due, key=order_key))


def test_the_view_and_the_agenda_agree_on_partnerships(demo_services: Any) -> None:
    # Anniversaries, festivals and keep in touch come from the partnerships' part.
    agenda = demo_services.agenda
    kinds = {o.kind for o in agenda.agenda(START, 365)}
    assert {OccasionKind.ANNIVERSARY, OccasionKind.FESTIVAL} <= kinds
    year = agenda.view(START, 365, shown=10_000)
    assert sorted(o.key for g in year.groups for o in g.items) == sorted(
        _keys(agenda.agenda(START, 365))
    )
