"""Settings › Database as a user meets it: where the data lives (a file here, or the office's
server with its password in the keyring), Test connection, and the backups of the database open
now: automatic ones, how many to keep, one now, the folder, and restoring one."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QRadioButton,
    QWidget,
)
from sqlalchemy.engine import make_url

from crm.domain.contacts import ContactDraft
from crm.services.backups import BackupKeep, BackupService
from crm.services.bundle import Services
from crm.services.changes import Changes
from crm.services.connection import KEYRING_SERVICE
from crm.store.backup import backup_sqlite
from crm.store.database import default_database_path
from crm.ui.dialogs.restore_dialog import RestoreDialog
from crm.ui.dialogs.settings_dialog import DATABASE, SettingsDialog
from crm.ui.settings import Settings, database_url_with_password

shown = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

SERVER = os.environ.get("CRM_TEST_POSTGRESQL", "")
needs_server = pytest.mark.skipif(not SERVER, reason="CRM_TEST_POSTGRESQL names no server")
OK = QDialogButtonBox.StandardButton.Ok


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring in memory, or one that refuses everything (like a locked or absent one)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.broken = False
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.broken:
            raise keyring.errors.PasswordSetError("the keyring is locked")
        self.passwords[service, username] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    found = MemoryKeyring()
    keyring.set_keyring(found)
    yield found
    keyring.set_keyring(before)


@pytest.fixture
def office(db_path: Path) -> Iterator[Services]:
    """A database file of the office's (the page's backups are copies of a file)."""
    services = Services.open(str(db_path))
    services.contacts.create(ContactDraft(family_name="Holst"))
    yield services
    services.db.dispose()


@pytest.fixture
def open_dialog(qtbot, settings, operations, language, tmp_path):  # type: ignore[no-untyped-def]
    from crm.services.autostart import Autostart

    autostart = Autostart(
        platform="linux",
        home=tmp_path,
        command=["liaison", "--minimized"],
        environ={"XDG_CONFIG_HOME": str(tmp_path / "config")},
    )

    def make(services: Services) -> SettingsDialog:
        dialog = SettingsDialog(settings, services, operations, language, autostart=autostart)
        qtbot.addWidget(dialog)
        dialog.tabs.setCurrentIndex(DATABASE)
        return dialog

    return make


def press_ok(dialog: SettingsDialog) -> None:
    button = dialog.buttons.button(OK)
    assert button is not None
    button.click()


def stored(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "settings.ini")


# ---- where the data lives ----


def test_the_page_shows_the_file_the_settings_name(open_dialog, office, settings, db_path) -> None:  # type: ignore[no-untyped-def]
    settings.database = str(db_path)
    dialog = open_dialog(office)
    page = dialog.database_page
    assert dialog.tabs.tabText(DATABASE) == "Database"
    assert page.local_radio.isChecked()
    assert page.path_edit.text() == str(db_path)
    assert page.path_edit.isReadOnly()
    assert page.show_folder_button.isEnabled()
    assert not page.host_edit.isEnabled()  # the server's fields wait for the server
    assert page.next_start_note.isHidden()  # the file chosen is the one open


def test_by_default_the_file_is_the_one_in_the_data_folder(open_dialog, office, db_path) -> None:  # type: ignore[no-untyped-def]
    page = open_dialog(office).database_page
    assert page.local_radio.isChecked()
    assert page.path_edit.text() == str(default_database_path())
    # Started on another file: the page says which, and when the choice takes effect.
    assert not page.next_start_note.isHidden()
    assert page.next_start_note.text() == (
        f"Liaison is working on “{db_path}” now, and opens the database chosen here "
        "the next time it starts."
    )


def test_show_in_folder_opens_the_databases_folder(  # type: ignore[no-untyped-def]
    qtbot, open_dialog, office, settings, db_path, monkeypatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    settings.database = str(db_path)
    page = open_dialog(office).database_page
    qtbot.mouseClick(page.show_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [str(db_path.parent)]


def fill_server(qtbot, page, *, host: str, database: str, user: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.server_radio.click()
    for edit, value in (
        (page.host_edit, host),
        (page.database_edit, database),
        (page.user_edit, user),
        (page.password_edit, password),
    ):
        edit.clear()
        qtbot.keyClicks(edit, value)


def test_the_server_is_stored_without_its_password_which_goes_to_the_keyring(  # type: ignore[no-untyped-def]
    qtbot, open_dialog, office, memory_keyring, tmp_path
) -> None:
    dialog = open_dialog(office)
    page = dialog.database_page
    fill_server(
        qtbot, page, host="db.aalborg.example", database="liaison", user="anna", password="s3cret"
    )
    assert page.host_edit.isEnabled()
    assert not page.path_edit.isEnabled()
    page.port_spin.setValue(6543)
    assert not page.next_start_note.isHidden()
    with qtbot.waitSignal(dialog.accepted):
        press_ok(dialog)

    settings = stored(tmp_path)
    assert settings.database == "postgresql+psycopg://anna@db.aalborg.example:6543/liaison"
    assert "s3cret" not in (tmp_path / "settings.ini").read_text("utf-8")
    assert memory_keyring.passwords == {(KEYRING_SERVICE, "anna@db.aalborg.example:6543"): "s3cret"}
    assert database_url_with_password(settings) == (
        "postgresql+psycopg://anna:s3cret@db.aalborg.example:6543/liaison"
    )

    again = open_dialog(office).database_page  # shown as stored, the password not at all
    assert again.server_radio.isChecked()
    assert (again.host_edit.text(), again.port_spin.value()) == ("db.aalborg.example", 6543)
    assert (again.database_edit.text(), again.user_edit.text()) == ("liaison", "anna")
    assert again.password_edit.text() == ""
    assert again.password_edit.placeholderText() == "Kept in the system keyring, not here"


def test_back_to_this_computer(qtbot, open_dialog, office, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.database = "postgresql+psycopg://anna@db.aalborg.example/liaison"
    dialog = open_dialog(office)
    page = dialog.database_page
    assert page.server_radio.isChecked()
    page.local_radio.click()
    with qtbot.waitSignal(dialog.accepted):
        press_ok(dialog)
    assert stored(tmp_path).database == ""
    assert database_url_with_password(stored(tmp_path)) == ""


def test_a_server_without_its_database_is_not_stored(  # type: ignore[no-untyped-def]
    qtbot, open_dialog, office, tmp_path
) -> None:
    dialog = open_dialog(office)
    page = dialog.database_page
    fill_server(qtbot, page, host="db.aalborg.example", database="", user="anna", password="")
    dialog.tabs.setCurrentIndex(0)
    with qtbot.assertNotEmitted(dialog.accepted):
        press_ok(dialog)
    assert dialog.tabs.currentIndex() == DATABASE
    assert page.server_error.text() == (
        "To use a database on a server, give the server, the database and your user name."
    )
    assert stored(tmp_path).database == ""
    qtbot.keyClicks(page.database_edit, "liaison")  # typing takes the complaint away
    assert page.server_error.isHidden()


def test_without_a_keyring_the_password_is_not_kept(  # type: ignore[no-untyped-def]
    qtbot, open_dialog, office, memory_keyring, tmp_path
) -> None:
    memory_keyring.broken = True
    dialog = open_dialog(office)
    page = dialog.database_page
    fill_server(qtbot, page, host="db", database="liaison", user="anna", password="s3cret")
    with qtbot.assertNotEmitted(dialog.accepted):
        press_ok(dialog)
    assert page.server_error.text() == (
        "No system keyring is available to keep the database password, so it was not saved."
    )
    assert "s3cret" not in (tmp_path / "settings.ini").read_text("utf-8")


# ---- test connection ----


def test_testing_the_file_says_it_is_ready(qtbot, open_dialog, office, settings, db_path) -> None:  # type: ignore[no-untyped-def]
    settings.database = str(db_path)
    page = open_dialog(office).database_page
    assert page.test_result.isHidden()
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    assert page.test_result.text() == f"“{db_path}” is a Liaison database, ready to use."
    assert not page.test_result.isHidden()
    page.server_radio.click()  # another choice: what was said is about the old one
    assert page.test_result.isHidden()


def test_testing_an_unreachable_server_says_so(qtbot, open_dialog, office) -> None:  # type: ignore[no-untyped-def]
    page = open_dialog(office).database_page
    fill_server(qtbot, page, host="127.0.0.1", database="liaison", user="anna", password="x")
    page.port_spin.setValue(1)
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    assert page.test_error.text() == (
        "The database server “127.0.0.1:1” cannot be reached: check the network connection, "
        "or ask whoever looks after the server."
    )
    assert page.test_result.isHidden()
    assert page.test_button.isEnabled()


def server_fields_of(url: str) -> dict[str, str]:
    parsed = make_url(url)
    return {
        "host": parsed.host or "",
        "database": parsed.database or "",
        "user": parsed.username or "",
        "password": parsed.password or "",
    }


@needs_server
def test_testing_the_office_server(qtbot, open_dialog, office, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(office)
    page = dialog.database_page
    fields = server_fields_of(SERVER)
    fill_server(qtbot, page, **fields)
    if make_url(SERVER).port:
        page.port_spin.setValue(make_url(SERVER).port)
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    assert page.test_result.text().startswith("Connected to PostgreSQL ")
    assert page.test_error.isHidden()

    fill_server(qtbot, page, **{**fields, "password": "not-the-password"})
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    assert page.test_error.text() == (
        "The database server did not accept the user name or password."
    )
    assert page.test_result.isHidden()

    # Saved once, the password need not be typed again to test.
    fill_server(qtbot, page, **fields)
    dialog.apply()
    assert page.password_edit.text() == ""
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    assert page.test_result.text().startswith("Connected to PostgreSQL ")


# ---- backups ----


def test_back_up_now_makes_a_copy_and_the_latest_line_follows(  # type: ignore[no-untyped-def]
    qtbot, open_dialog, office, db_path, monkeypatch
) -> None:
    page = open_dialog(office).database_page
    assert page.backups.latest_label.text() == "There is no backup yet."
    assert not page.backups.open_folder_button.isEnabled()
    qtbot.mouseClick(page.backups.backup_button, Qt.MouseButton.LeftButton)

    folder = db_path.parent / "backups"
    made = sorted(folder.glob("liaison-*.sqlite3"))
    assert len(made) == 1
    assert page.backups.done_label.text() == f"Backed up to “{made[0]}”."
    assert page.backups.latest_label.text() in {
        "Latest backup: 1 second ago.",
        "Latest backup: 2 seconds ago.",
    }
    assert page.backups.latest_label.toolTip() == str(made[0])

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    assert page.backups.open_folder_button.isEnabled()
    qtbot.mouseClick(page.backups.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [str(folder)]


def test_the_latest_backup_is_told_in_the_ui_language(qtbot, open_dialog, office, language) -> None:  # type: ignore[no-untyped-def]
    backup_sqlite(office.db, now=dt.datetime.now() - dt.timedelta(hours=3, minutes=5))
    page = open_dialog(office).database_page
    assert page.backups.latest_label.text() == "Latest backup: 3 hours ago."
    language.switch("zh_CN", remember=False)
    qtbot.waitUntil(lambda: "3小时前" in page.backups.latest_label.text())


def test_the_backup_settings_are_stored_and_followed(  # type: ignore[no-untyped-def]
    qtbot, open_dialog, office, tmp_path, db_path
) -> None:
    dialog = open_dialog(office)
    page = dialog.database_page
    assert page.backups.automatic_check.isChecked()
    assert [
        s.value()
        for s in (page.backups.daily_spin, page.backups.weekly_spin, page.backups.monthly_spin)
    ] == [7, 4, 12]
    page.backups.automatic_check.setChecked(False)
    page.backups.daily_spin.setValue(2)
    page.backups.weekly_spin.setValue(0)
    page.backups.monthly_spin.setValue(0)
    with qtbot.waitSignal(dialog.applied):
        dialog.apply()
    settings = stored(tmp_path)
    assert settings.automatic_backups is False
    assert settings.backup_keep == BackupKeep(daily=2, weekly=0, monthly=0)

    # Ten days of backups; the next one made keeps the newest of two days only.
    today = dt.datetime.now()
    for days in range(1, 11):
        backup_sqlite(office.db, now=today - dt.timedelta(days=days))
    qtbot.mouseClick(page.backups.backup_button, Qt.MouseButton.LeftButton)
    kept = sorted((db_path.parent / "backups").glob("liaison-*.sqlite3"))
    yesterday = f"liaison-{today - dt.timedelta(days=1):%Y%m%d}"
    assert [path.name[:16] for path in kept] == [yesterday, f"liaison-{today:%Y%m%d}"]


def test_the_daily_backup_keeps_what_it_is_told(office: Services) -> None:
    monday = dt.datetime(2026, 6, 1, 9)
    service = BackupService(office.db, keep=BackupKeep(daily=3, weekly=0, monthly=0))
    for day in range(10):
        assert service.daily(now=monday + dt.timedelta(days=day)) is not None
    assert service.daily(now=monday + dt.timedelta(days=9, hours=2)) is None  # once a day
    kept = [entry.made.day for entry in service.backups()]
    assert kept == [10, 9, 8]


def test_restore_from_a_backup_tells_the_windows(  # type: ignore[no-untyped-def]
    qtbot, open_dialog, office, monkeypatch
) -> None:
    office.backups.backup()
    office.contacts.create(ContactDraft(family_name="Wang"))
    dialog = open_dialog(office)
    monkeypatch.setattr(RestoreDialog, "confirm", lambda self, info: True)
    heard: list[Changes] = []
    dialog.changed.connect(heard.append)
    restore = dialog.database_page.backups.restore_from_backup()
    assert restore.isVisible()
    assert len(restore.paths()) == 1
    qtbot.waitUntil(restore.restore_button.isEnabled)
    restore.restore_button.click()
    assert office.contacts.count() == 1  # Holst, as backed up; Wang came later
    assert heard and heard[0].everything
    restore.close()


def test_a_server_database_is_exported_as_json(  # type: ignore[no-untyped-def]
    qtbot, open_dialog, services, tmp_path, monkeypatch
) -> None:
    if services.db.path is not None:
        pytest.skip("about a database on a server")
    page = open_dialog(services).database_page
    assert page.backups.file_backups.isHidden()
    assert page.backups.intro.text().startswith("A database on a server is backed up by")
    target = tmp_path / "office-export"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(page.backups.export_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "office-export.json"
    assert written.is_file()
    assert page.backups.done_label.text() == f"Exported to “{written}”."


# ---- keyboard and language ----


@shown
def test_the_keyboard_reaches_everything_in_reading_order(  # type: ignore[no-untyped-def]
    qtbot, open_dialog, office, settings, db_path
) -> None:
    settings.database = str(db_path)
    office.backups.backup()
    dialog = open_dialog(office)
    page = dialog.database_page
    with qtbot.waitExposed(dialog):
        dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    ok = dialog.buttons.button(OK)

    def walk(start: QWidget) -> list[QWidget]:
        start.setFocus()
        order: list[QWidget] = []
        for _ in range(30):
            widget = dialog.focusWidget()
            order.append(widget)
            if widget is ok:
                break
            qtbot.keyClick(widget, Qt.Key.Key_Tab)
        return order

    backups = [
        page.backups.automatic_check,
        page.backups.daily_spin,
        page.backups.weekly_spin,
        page.backups.monthly_spin,
        page.backups.backup_button,
        page.backups.open_folder_button,
        page.backups.restore_button,
        ok,
    ]
    # Tab goes to the chosen one of the two radio buttons; the arrow keys choose the other.
    assert walk(page.local_radio) == [
        page.local_radio,
        page.path_edit,
        page.show_folder_button,
        page.test_button,
        *backups,
    ]
    page.local_radio.setFocus()
    qtbot.keyClick(page.local_radio, Qt.Key.Key_Down)
    assert page.server_radio.isChecked()
    assert walk(page.server_radio) == [
        page.server_radio,
        page.host_edit,
        page.port_spin,
        page.database_edit,
        page.user_edit,
        page.password_edit,
        page.test_button,
        *backups,
    ]


def _clipped(dialog: SettingsDialog) -> list[str]:
    """Texts of labels, buttons, check boxes and spin boxes narrower than they need to be."""
    found = []
    for widget in dialog.database_page.findChildren(QWidget):
        if not widget.isVisibleTo(dialog):
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            continue
        kinds = QLabel | QCheckBox | QRadioButton | QPushButton | QAbstractSpinBox
        if isinstance(widget, kinds) and widget.width() < widget.minimumSizeHint().width():
            found.append(f"{type(widget).__name__} {getattr(widget, 'text', lambda: '')()}")
    return found


@shown
def test_nothing_is_clipped_in_either_language(  # type: ignore[no-untyped-def]
    qtbot, open_dialog, office, language
) -> None:
    dialog = open_dialog(office)
    page = dialog.database_page
    with qtbot.waitExposed(dialog):
        dialog.show()
    page.backups.back_up_now()  # the latest backup and where it went, shown too
    for choice in (page.local_radio, page.server_radio):
        choice.click()
        qtbot.wait(10)
        assert _clipped(dialog) == []
    language.switch("zh_CN")
    qtbot.waitUntil(lambda: language.language == "zh_CN")
    for choice in (page.local_radio, page.server_radio):
        choice.click()
        qtbot.wait(10)
        assert _clipped(dialog) == []


class _PretendChinese(QTranslator):
    """A few sentences "in Chinese", so the test does not depend on the shipped catalogue."""

    SENTENCES = {
        ("SettingsDialog", "Database"): "数据库",
        ("BackupsBox", "Backups"): "备份",
        ("BackupsBox", "There is no backup yet."): "还没有备份。",
    }

    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def]
        return self.SENTENCES.get((context, source), "")

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


def test_the_page_follows_a_language_switch(qtbot, open_dialog, office) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(office)
    page = dialog.database_page
    pretend = _PretendChinese()
    QCoreApplication.installTranslator(pretend)
    try:
        qtbot.waitUntil(lambda: page.backups.title() == "备份")
        assert dialog.tabs.tabText(DATABASE) == "数据库"
        assert page.backups.latest_label.text() == "还没有备份。"
    finally:
        QCoreApplication.removeTranslator(pretend)
    qtbot.waitUntil(lambda: page.backups.title() == "Backups")
