"""The app notices what others wrote to its database, and only that: a colleague's save (a
second `Database` over the same data) makes the watcher say so; quiet, or our own saves, do not.

Readings are taken with `check()` (or one `poll()`), never by waiting for the timer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crm.domain.contacts import ContactDraft
from crm.services.bundle import Services
from crm.ui.change_watcher import DEFAULT_INTERVAL_MS, ChangeWatcher


@pytest.fixture
def colleague(database_url: str) -> Iterator[Services]:
    bundle = Services.open(database_url)
    yield bundle
    bundle.db.dispose()


@pytest.fixture
def watcher(qtbot, services: Services) -> Iterator[ChangeWatcher]:  # type: ignore[no-untyped-def]
    watcher = ChangeWatcher(services.db)
    watcher.start()  # learns where the data stands: from a server, on the watcher's thread
    qtbot.waitUntil(lambda: watcher.ready)
    yield watcher
    watcher.stop()


def test_a_colleagues_save_is_noticed(qtbot, watcher, colleague) -> None:  # type: ignore[no-untyped-def]
    colleague.contacts.create(ContactDraft(family_name="Wang"))
    with qtbot.waitSignal(watcher.changed, timeout=0):
        assert watcher.check()


def test_a_colleagues_save_read_on_the_watchers_thread_is_noticed(
    qtbot, services, colleague
) -> None:  # type: ignore[no-untyped-def]
    watcher = ChangeWatcher(services.db, background=True)
    watcher.check()
    colleague.contacts.create(ContactDraft(family_name="Wang"))
    with qtbot.waitSignal(watcher.changed):
        watcher.poll()
    watcher.stop()


@pytest.fixture
def sqlite_watcher(qapp, db_path: Path) -> Iterator[tuple[Services, ChangeWatcher]]:  # type: ignore[no-untyped-def]
    """On a SQLite file, whose stamp moves only when the file does (a server's moves with
    every database it holds, ours or not)."""
    services = Services.open(str(db_path))
    watcher = ChangeWatcher(services.db)
    watcher.start()
    yield services, watcher
    watcher.stop()
    services.db.dispose()


def test_nothing_written_nothing_said(qtbot, sqlite_watcher) -> None:  # type: ignore[no-untyped-def]
    services, watcher = sqlite_watcher
    services.contacts.search("Wang")  # reading writes nothing
    with qtbot.assertNotEmitted(watcher.changed):
        assert not watcher.check()


def test_a_change_is_told_once(qtbot, sqlite_watcher, db_path) -> None:  # type: ignore[no-untyped-def]
    _services, watcher = sqlite_watcher
    colleague = Services.open(str(db_path))
    colleague.contacts.create(ContactDraft(family_name="Berg"))
    colleague.db.dispose()
    with qtbot.waitSignal(watcher.changed, timeout=0):
        assert watcher.check()
    with qtbot.assertNotEmitted(watcher.changed):
        assert not watcher.check()


def test_our_own_saves_are_not_taken_for_a_colleagues(qtbot, sqlite_watcher) -> None:  # type: ignore[no-untyped-def]
    services, watcher = sqlite_watcher
    contact_id, _ = services.contacts.create(ContactDraft(family_name="Wang"))
    record = services.contacts.get(contact_id)
    services.contacts.update(contact_id, record.draft, expected_version=record.version)
    with qtbot.assertNotEmitted(watcher.changed):
        assert not watcher.check()


def test_a_colleagues_save_among_ours_is_noticed(qtbot, sqlite_watcher, db_path) -> None:  # type: ignore[no-untyped-def]
    services, watcher = sqlite_watcher
    colleague = Services.open(str(db_path))
    services.contacts.create(ContactDraft(family_name="Wang"))
    colleague.contacts.create(ContactDraft(family_name="Berg"))
    services.contacts.create(ContactDraft(family_name="Li"))
    colleague.db.dispose()
    with qtbot.waitSignal(watcher.changed, timeout=0):
        assert watcher.check()


def test_it_reads_every_five_seconds_unless_told_otherwise(qapp, services) -> None:  # type: ignore[no-untyped-def]
    watcher = ChangeWatcher(services.db)
    assert watcher.interval_ms == DEFAULT_INTERVAL_MS == 5000
    watcher.set_interval(30_000)
    assert watcher.interval_ms == 30_000
