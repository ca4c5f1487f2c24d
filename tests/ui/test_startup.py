"""Starting the app: the window is on screen before the database is opened, and what the
window needs before that stays free of the heavy imports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer

import crm.app
from crm.cli import _window_arguments
from crm.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def stop(window: MainWindow, startup: crm.app.Startup) -> None:
    """What a started window runs, stopped, and its database closed."""
    window.change_watcher.stop()
    if window.scheduler is not None:
        window.scheduler.stop()
    assert startup.services is not None
    startup.services.db.dispose()


def test_the_window_is_shown_before_the_database_is_opened(  # type: ignore[no-untyped-def]
    app_run, database_url, tmp_path, monkeypatch
) -> None:
    seen: dict[str, Any] = {}
    real_open = crm.app._open_services

    def opening(database: str | None, *, language: str, parent: Any) -> Any:
        seen["visible"] = parent.isVisible()
        seen["empty"] = not parent.opened and parent.centralWidget().currentWidget() is (
            parent.opening
        )
        seen["data_actions"] = [a.isEnabled() for a in parent.data_actions]
        seen["opening_text"] = parent.opening.title.text()
        return real_open(database, language=language, parent=parent)

    monkeypatch.setattr(crm.app, "_open_services", opening)
    probe = tmp_path / "probe.jsonl"
    monkeypatch.setenv(crm.app.PROBE_VARIABLE, str(probe))

    assert crm.app.run_app(database=database_url) == 0

    assert seen["visible"] and seen["empty"]
    assert seen["opening_text"] == "Opening the database…"
    assert not any(seen["data_actions"])  # nothing that needs the data before it is there
    figures = json.loads(probe.read_text(encoding="utf-8").splitlines()[-1])
    assert figures["shown"] <= figures["opened"] <= figures["contacts"]
    assert figures["contact_rows"] == 0 and "agenda" in figures


def test_a_database_that_cannot_be_opened_ends_the_start(  # type: ignore[no-untyped-def]
    app_run, db_path, monkeypatch
) -> None:
    seen: list[bool] = []

    def cannot_open(database: str | None, *, language: str, parent: Any) -> None:
        seen.append(parent.isVisible())
        return None  # the real one has told the user why by now

    monkeypatch.setattr(crm.app, "_open_services", cannot_open)
    assert crm.app.run_app(database=str(db_path)) == 1
    assert seen == [True]


@pytest.mark.qt_no_exception_capture
def test_a_fault_while_opening_ends_the_start_rather_than_leave_it_opening(  # type: ignore[no-untyped-def]
    app_run, db_path, monkeypatch
) -> None:
    def broken(database: str | None, *, language: str, parent: Any) -> None:
        raise RuntimeError("a fault of ours")

    monkeypatch.setattr(crm.app, "_open_services", broken)
    # The fault is logged and said in the error dialog, which a failed start keeps on screen
    # until it is read: here it is closed at once.
    from crm.ui.error_dialog import ErrorHook

    monkeypatch.setattr(
        ErrorHook, "wait_for_dialog", lambda self: self.dialog and self.dialog.close()
    )
    assert crm.app.run_app(database=str(db_path)) == 1


def test_minimized_opens_the_database_before_anything_is_shown(  # type: ignore[no-untyped-def]
    app_run, db_path, monkeypatch
) -> None:
    seen: list[bool] = []

    def cannot_open(database: str | None, *, language: str, parent: Any) -> None:
        seen.append(parent is None)  # no window to put a message on yet
        return None

    monkeypatch.setattr(crm.app, "_open_services", cannot_open)
    assert crm.app.run_app(database=str(db_path), minimized=True) == 1
    assert seen == [True]


def test_the_frame_works_before_the_pages_are_there(  # type: ignore[no-untyped-def]
    qtbot, demo_services, operations, language, settings
) -> None:
    window = MainWindow(None, operations, language, settings)
    qtbot.addWidget(window)
    window.show()
    assert not window.opened and window.pages.count() == 0
    assert not window.find_action.isEnabled() and not window.settings_action.isEnabled()
    assert window.quit_action.isEnabled() and window.about_action.isEnabled()
    window.language_actions["zh_CN"].trigger()
    qtbot.waitUntil(lambda: window.file_menu.title() != "&File")
    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: window.file_menu.title() == "&File")
    window.edit_menu.aboutToShow.emit()  # no page yet: nothing to add, nothing breaks

    window.open_services(demo_services)
    assert window.opened and window.pages.currentWidget() is window.today_page
    assert window.find_action.isEnabled() and window.settings_action.isEnabled()
    file_actions = window.file_menu.actions()
    assert file_actions[0] is window.contacts_page.new_action
    assert window.contacts_page.import_action in file_actions
    assert window.view_menu.actions()[: len(window.page_actions)] == window.page_actions
    assert [a.text() for a in window.page_actions] == ["Today", "Contacts", "Partnerships"]
    with pytest.raises(RuntimeError):
        window.open_services(demo_services)


@pytest.mark.parametrize(
    ("argv", "opens_window"),
    [
        ([], True),
        (["--database", "office.sqlite3", "--minimized", "--lang", "zh_CN"], True),
        (["demo"], False),
        (["--database", "office.sqlite3", "contacts", "--json"], False),
        (["--help"], False),
        (["--version"], False),
        (["--lang", "fr"], False),  # the whole parser says what is wrong with it
        (["--database"], False),
    ],
)
def test_the_window_is_told_apart_from_the_commands(argv: list[str], opens_window: bool) -> None:
    found = _window_arguments(argv)
    assert (found is not None) == opens_window
    if found is not None and argv:
        assert (found.database, found.minimized, found.lang) == ("office.sqlite3", True, "zh_CN")


def test_showing_the_window_imports_nothing_heavy() -> None:
    """What runs before the window is shown imports neither the database layer, the services
    nor pinyin: those alone take longer than a bare window does to appear."""
    heavy = (
        *("sqlalchemy", "sqlmodel", "alembic", "pypinyin", "babel", "lunar_python"),
        *("crm.services.bundle", "crm.store.database", "crm.ui.pages"),
    )
    code = (
        "import sys, crm.cli, crm.app, crm.ui.main_window\n"
        f"heavy = {heavy!r}\n"
        "print(sorted(m for m in sys.modules if any(m == h or m.startswith(h + '.') "
        "for h in heavy)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_a_damaged_database_is_replaced_by_the_latest_backup_at_start(  # type: ignore[no-untyped-def]
    app_run, db_path, monkeypatch
) -> None:
    from crm.services.bundle import Services
    from crm.services.contacts import ContactDraft
    from crm.store.backup import backup_sqlite
    from crm.ui import recovery

    services = Services.open(str(db_path))
    services.contacts.create(ContactDraft(family_name="Wang", given_name="Fang"))
    backup_sqlite(services.db)
    services.db.checkpoint()
    services.db.dispose()
    with open(db_path, "r+b") as damaged:  # cut short, as by a power cut mid-write
        damaged.truncate(db_path.stat().st_size // 2)
    asked: list[str] = []

    def answer(message: str, *, has_latest: bool, parent: Any) -> Any:
        asked.append(message)
        return recovery.Choice.LATEST

    monkeypatch.setattr(recovery, "ask_recovery", answer)
    opened = crm.app._open_services(str(db_path), language="en", parent=None)

    assert opened is not None and len(asked) == 1
    assert [opened.contacts.get(i).draft.family_name for i in opened.contacts.search()] == ["Wang"]
    assert list((db_path.parent / "backups").glob("liaison-replaced-*"))  # the damaged file
    opened.db.dispose()


def test_the_start_makes_todays_backup_and_the_window_can_restore(  # type: ignore[no-untyped-def]
    qtbot, db_path, settings, language
) -> None:
    from crm.ui.operations import Operations

    operations = Operations(inline=True)
    window = MainWindow(None, operations, language, settings)
    qtbot.addWidget(window)
    startup = crm.app.Startup(window, database=str(db_path), languages=language, settings=settings)
    assert startup.start(minimized=True)
    try:
        backups = list((db_path.parent / "backups").glob("liaison-*-daily.sqlite3"))
        assert len(backups) == 1
        assert window.restore_action.isEnabled() and window.restore_action.shortcut().toString()
        window.restore_action.trigger()
        from crm.ui.dialogs.restore_dialog import RestoreDialog

        dialog = window.findChild(RestoreDialog)
        assert dialog is not None and dialog.isVisible()
        dialog.reject()
    finally:
        stop(window, startup)


def test_a_first_start_asks_the_wizard_and_sets_up_our_office(  # type: ignore[no-untyped-def]
    app_run, database_url, monkeypatch
) -> None:
    """The wizard comes before the window; what it answers about our office is in the
    database once that is open: the user as staff, and our city."""
    import crm.ui.settings
    from crm.services.bundle import Services
    from crm.services.first_run import OfficeAnswers
    from crm.ui.dialogs.first_run_wizard import FirstRunWizard

    asked: list[bool] = []

    def answered(wizard: FirstRunWizard) -> int:
        asked.append(True)
        return 1  # Accepted

    answers = OfficeAnswers(my_name="Anna Berg", city="Aalborg", city_zh="奥尔堡", country="DK")
    monkeypatch.setattr(crm.ui.settings, "needs_first_run", lambda _settings: True)
    monkeypatch.setattr(FirstRunWizard, "exec", answered)
    monkeypatch.setattr(FirstRunWizard, "answers", lambda _wizard: answers)
    real_start = crm.app.Startup.start

    def start_then_quit(startup: crm.app.Startup, *, minimized: bool = False) -> bool:
        opened = real_start(startup, minimized=minimized)
        QTimer.singleShot(0, startup.window.quit)
        return opened

    monkeypatch.setattr(crm.app.Startup, "start", start_then_quit)

    assert crm.app.run_app(database=database_url) == 0

    assert asked == [True]
    services = Services.open(database_url)
    try:
        assert [s.name for s in services.directory.staff()] == ["Anna Berg"]
        assert [(p.name, p.name_zh, p.country) for p in services.directory.places()] == [
            ("Aalborg", "奥尔堡", "DK")
        ]
    finally:
        services.db.dispose()


def test_a_measured_start_never_asks_the_wizard(  # type: ignore[no-untyped-def]
    app_run, db_path, tmp_path, monkeypatch
) -> None:
    import crm.ui.settings
    from crm.ui.dialogs.first_run_wizard import FirstRunWizard

    def never(_wizard: FirstRunWizard) -> int:
        raise AssertionError("the wizard was shown")

    monkeypatch.setattr(crm.ui.settings, "needs_first_run", lambda _settings: True)
    monkeypatch.setattr(FirstRunWizard, "exec", never)
    monkeypatch.setenv(crm.app.PROBE_VARIABLE, str(tmp_path / "probe.jsonl"))

    assert crm.app.run_app(database=str(db_path)) == 0


def test_the_start_takes_in_the_photos_this_desktop_kept_in_its_folder(  # type: ignore[no-untyped-def]
    qtbot, db_path, settings, language
) -> None:
    import hashlib

    from sqlalchemy import insert

    from crm.services.bundle import Services
    from crm.store.partnership_models import Gift
    from crm.ui.operations import Operations

    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6300010000000500010d0a2db40000000049454e44ae426082"
    )
    old_name = "cd" * 16 + ".png"  # a photo stored before photos were kept in the database
    office = Services.open(str(db_path))
    with office.db.write() as session:
        session.execute(insert(Gift.__table__).values(id="g", description="Vase", photo=old_name))  # type: ignore[attr-defined]
    office.db.dispose()
    (db_path.parent / "photos").mkdir()
    (db_path.parent / "photos" / old_name).write_bytes(png)

    window = MainWindow(None, Operations(inline=True), language, settings)
    qtbot.addWidget(window)
    startup = crm.app.Startup(window, database=str(db_path), languages=language, settings=settings)
    assert startup.start(minimized=True)
    try:
        assert startup.services is not None
        gift = startup.services.gifts.get("g")
        assert gift.photo == hashlib.sha256(png).hexdigest() + ".png"
    finally:
        stop(window, startup)
