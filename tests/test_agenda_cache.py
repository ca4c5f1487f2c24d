"""The agenda keeps its costly facts between calls: never at the price of a stale answer."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import create_engine, text

from crm.domain.occasions import OccasionKind
from crm.services.agenda import AgendaService
from crm.store.database import Database

START = dt.date(2026, 11, 25)


def _keys(occasions: list) -> list[str]:  # type: ignore[type-arg]
    return [o.key for o in occasions]


def _birthdays_of(occasions: list, contact_id: str) -> list[dt.date]:  # type: ignore[type-arg]
    return [
        o.date
        for o in occasions
        if o.kind is OccasionKind.BIRTHDAY and o.subject and o.subject.id == contact_id
    ]


def _some_contact(db: Database) -> str:
    with db.engine.connect() as conn:
        return str(conn.exec_driver_sql("SELECT id FROM contact ORDER BY id LIMIT 1").scalar_one())


def test_kept_facts_give_the_same_agenda_as_a_fresh_service(demo_services) -> None:  # type: ignore[no-untyped-def]
    kept = demo_services.agenda
    # A fresh service reads a short span narrowly (as right after a change), a long one whole.
    for days in (30, 365, 30, 7, 365):
        fresh = AgendaService(demo_services.db)
        assert _keys(kept.agenda(START, days)) == _keys(fresh.agenda(START, days))
    assert kept._facts is not None  # the year's facts are kept for the next call


def test_a_change_made_here_is_seen_at_once(demo_services) -> None:  # type: ignore[no-untyped-def]
    db = demo_services.db
    agenda = demo_services.agenda
    person = _some_contact(db)
    agenda.agenda(START, 365)
    agenda.agenda(START, 365)  # now answered from the kept facts
    with db.write() as session:
        session.execute(
            text(
                "UPDATE contact SET birthday = '1970-12-01', birthday_calendar = 'gregorian',"
                " status = 'active', archived = false WHERE id = :id"
            ),
            {"id": person},
        )
    assert _birthdays_of(agenda.agenda(START, 30), person) == [dt.date(2026, 12, 1)]
    assert _birthdays_of(agenda.agenda(START, 365), person) == [dt.date(2026, 12, 1)]


def test_a_change_made_by_another_program_is_seen(demo_services) -> None:  # type: ignore[no-untyped-def]
    db = demo_services.db
    agenda = demo_services.agenda
    person = _some_contact(db)
    agenda.agenda(START, 365)
    agenda.agenda(START, 365)
    other = create_engine(db.url)  # another Liaison, or `crm import` in a terminal
    try:
        with other.begin() as conn:
            conn.execute(
                text(
                    "UPDATE contact SET birthday = '--12-03', birthday_calendar = 'gregorian',"
                    " status = 'active', archived = false WHERE id = :id"
                ),
                {"id": person},
            )
    finally:
        other.dispose()
    assert _birthdays_of(agenda.agenda(START, 365), person) == [dt.date(2026, 12, 3)]


def test_a_server_database_is_read_afresh_every_time(demo_services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    db = demo_services.db
    monkeypatch.setattr(db, "data_stamp", lambda: None)  # as for a database with no stamp
    agenda = AgendaService(db)
    first = _keys(agenda.agenda(START, 365))
    assert agenda._facts is None
    assert _keys(agenda.agenda(START, 365)) == first


def test_asked_again_of_the_same_data_it_reads_nothing_but_the_stamp(
    demo_services, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Once the facts are kept, what is hidden, the intervals and the contacts to watch are
    kept with them: a server is asked where its data stands and nothing else."""
    from sqlalchemy import event

    db = demo_services.db
    # The data stays as it is (a server's stamp would also move with the other databases the
    # tests running beside this one write to: the agenda would rightly read again).
    stamp = db.data_stamp()
    monkeypatch.setattr(db, "data_stamp", lambda: stamp)
    agenda = AgendaService(db)
    for _ in range(4):  # past the narrow asks: the facts are kept
        first = _keys(agenda.agenda(START, 30))
    statements: list[str] = []

    def seen(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        assert _keys(agenda.agenda(START, 30)) == first
        view = agenda.view(START, 30, shown=200)
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert view.total == len(first)
    assert statements == []


def test_an_item_marked_done_elsewhere_leaves_the_kept_agenda(demo_services) -> None:  # type: ignore[no-untyped-def]
    db = demo_services.db
    agenda = AgendaService(db)
    for _ in range(4):
        occasions = agenda.agenda(START, 30)
    done = occasions[0]
    other = AgendaService(db)  # another window, or the tray's check, on the same database
    demo_services.reminders.mark_done(done)
    assert done.key not in _keys(agenda.agenda(START, 30))
    assert done.key in _keys(agenda.agenda(START, 30, include_hidden=True))
    assert _keys(agenda.agenda(START, 30)) == _keys(other.agenda(START, 30))
