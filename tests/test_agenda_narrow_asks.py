"""A start asks for the same month twice at once (the Today page and the reminder check).
Short spans are answered from what they need, and everyone's facts are kept only when the same
data is asked for a third time, or for a longer span."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from crm.services.agenda import NARROW_ASKS, AgendaService

START = dt.date(2026, 11, 25)


def _keys(occasions: list[Any]) -> list[str]:
    return [o.key for o in occasions]


def test_the_two_asks_of_a_start_keep_nothing_and_agree(
    demo_services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The data does not change meanwhile (a server's log position moves with anyone's writes).
    monkeypatch.setattr(demo_services.db, "data_stamp", lambda: ("unchanged",))
    agenda = AgendaService(demo_services.db)
    first = agenda.agenda(START, 30)
    assert first  # the sample office has a month of occasions
    for ask in range(1, NARROW_ASKS):
        assert _keys(agenda.agenda(START, 30 - ask)) == [
            o.key for o in first if o.date <= START + dt.timedelta(days=30 - ask)
        ]
    assert agenda._facts is None  # nobody's birthday kept in memory yet
    # Asked again: read whole, and kept.
    assert _keys(agenda.agenda(START, 20)) == [
        o.key for o in first if o.date <= START + dt.timedelta(days=20)
    ]
    assert agenda._facts is not None


def test_a_long_span_is_read_whole_and_kept_at_once(demo_services: Any) -> None:
    agenda = AgendaService(demo_services.db)
    year = agenda.agenda(START, 365)
    assert agenda._facts is not None
    assert _keys(AgendaService(demo_services.db).agenda(START, 365)) == _keys(year)


def test_the_reminder_checks_asks_are_not_counted(
    demo_services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # At start the Today page and the reminder check ask at once, and each check is followed
    # by the page's refresh: the checks read narrowly and leave the page its asks.
    monkeypatch.setattr(demo_services.db, "data_stamp", lambda: ("unchanged",))
    agenda = AgendaService(demo_services.db)
    agenda.view(START, 30, shown=5)
    for _check in range(3):
        agenda.due(START, 30, lambda batch: batch)
    agenda.view(START, 29, shown=5)
    assert agenda._facts is None
    agenda.view(START, 28, shown=5)
    assert agenda._facts is not None


def test_the_same_view_of_the_same_data_is_made_once(
    demo_services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    stamp = ["as read"]
    monkeypatch.setattr(demo_services.db, "data_stamp", lambda: (stamp[0],))
    agenda = AgendaService(demo_services.db)
    made: list[int] = []
    real = AgendaService._sources

    def counting(self: AgendaService, *args: Any, **kwargs: Any) -> Any:
        made.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(AgendaService, "_sources", counting)
    first = agenda.view(START, 30, shown=5)
    assert agenda.view(START, 30, shown=5) == first and len(made) == 1
    # Another span, selection or long group asked whole, or a change: made again.
    agenda.view(START, 7, shown=5)
    agenda.view(START, 30, shown=5, keep=first.groups[0].items[0].key)
    agenda.view(START, 30, shown=5, whole={first.groups[0].group})
    stamp[0] = "after a change"
    assert agenda.view(START, 30, shown=5) == first
    assert len(made) == 5
