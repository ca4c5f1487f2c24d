"""The Settings dialog as a user meets it: change a preference, press OK or Apply, find it
stored; start at login; keep-in-touch intervals; the mail server and its password; who signs
the greetings; Cancel; switching the language. The Database page has its own tests
(test_settings_database.py); here, its place in the dialog."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTime, QTranslator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QSpinBox,
    QWidget,
)

from crm.domain.partnerships import PartnershipStatus
from crm.services.autostart import Autostart
from crm.services.backups import BackupKeep
from crm.services.greetings import KEYRING_SERVICE, SmtpSettings, smtp_password
from crm.store import reminders as q
from crm.ui.dialogs.settings_dialog import SettingsDialog
from crm.ui.settings import Settings

shown = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def autostart(tmp_path: Path) -> Autostart:
    config = tmp_path / "config"
    return Autostart(
        platform="linux",
        home=tmp_path,
        command=["liaison", "--minimized"],
        environ={"XDG_CONFIG_HOME": str(config)},
    )


@pytest.fixture
def open_dialog(qtbot, settings, operations, language, autostart):  # type: ignore[no-untyped-def]
    def make(services) -> SettingsDialog:  # type: ignore[no-untyped-def]
        dialog = SettingsDialog(settings, services, operations, language, autostart=autostart)
        qtbot.addWidget(dialog)
        return dialog

    return make


def show(qtbot, dialog: SettingsDialog) -> None:  # type: ignore[no-untyped-def]
    """On screen and active, so that the keyboard focus moves as a user would see it."""
    with qtbot.waitExposed(dialog):
        dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()


def press(dialog: SettingsDialog, which: QDialogButtonBox.StandardButton) -> None:
    button = dialog.buttons.button(which)
    assert button is not None
    button.click()


OK = QDialogButtonBox.StandardButton.Ok
CANCEL = QDialogButtonBox.StandardButton.Cancel
APPLY = QDialogButtonBox.StandardButton.Apply


def test_it_shows_what_is_stored(open_dialog, services, settings, autostart) -> None:  # type: ignore[no-untyped-def]
    settings.reminder_time = dt.time(7, 30)
    settings.notifications = False
    settings.close_to_tray = False
    autostart.enable()
    dialog = open_dialog(services)
    assert dialog.windowTitle() == "Settings"
    assert dialog.time_edit.time() == QTime(7, 30)
    assert dialog.time_edit.text() == "07:30"
    assert not dialog.notify_check.isChecked()
    assert not dialog.close_to_tray_check.isChecked()
    assert dialog.autostart_check.isChecked()
    assert dialog.language_combo.currentText() == "English"
    spins = dialog.status_spins
    assert spins[PartnershipStatus.ACTIVE].text() == "90"
    assert spins[PartnershipStatus.ENDED].text() == "Never"
    assert dialog.status_labels[PartnershipStatus.DORMANT].text() == "Dormant:"


def test_ok_stores_the_time_and_notifications(  # type: ignore[no-untyped-def]
    qtbot, open_dialog, services, tmp_path
) -> None:
    dialog = open_dialog(services)
    dialog.time_edit.setTime(QTime(8, 15))
    dialog.notify_check.setChecked(False)
    dialog.close_to_tray_check.setChecked(False)
    with qtbot.waitSignal(dialog.applied), qtbot.waitSignal(dialog.accepted):
        press(dialog, OK)

    stored = Settings(tmp_path / "settings.ini")
    assert stored.reminder_time == dt.time(8, 15)
    assert stored.notifications is False
    assert stored.close_to_tray is False


def test_defaults_of_a_new_settings_file(tmp_path: Path) -> None:
    fresh = Settings(tmp_path / "new.ini")
    assert fresh.reminder_time == dt.time(9, 0)
    assert fresh.notifications is True
    assert fresh.start_minimized is False
    assert fresh.close_to_tray is True
    assert fresh.close_to_tray_explained is False
    assert fresh.agenda_days == 30
    assert (fresh.smtp_host, fresh.smtp_port, fresh.smtp_user) == ("", 0, "")
    assert fresh.smtp_security == "starttls"
    assert fresh.sender_address == ""
    assert (fresh.our_city, fresh.our_city_zh) == ("", "")
    assert (fresh.sender_name, fresh.sender_name_zh) == ("", "")
    assert (fresh.sender_title, fresh.sender_title_zh) == ("", "")
    assert fresh.greeting_bilingual is True
    assert fresh.database == ""  # the file in the data folder
    assert fresh.automatic_backups is True
    assert fresh.backup_keep == BackupKeep(daily=7, weekly=4, monthly=12)


def test_a_damaged_settings_file_falls_back_to_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "damaged.ini"
    path.write_text(
        "[reminders]\ntime=late\nagenda_days=soon\n[mail]\nport=-4\nsecurity=carrier pigeon\n"
        "[backups]\ndaily=many\nweekly=-2\nmonthly=100000\n",
        encoding="utf-8",
    )
    stored = Settings(path)
    assert stored.reminder_time == dt.time(9, 0)
    assert stored.agenda_days == 30
    assert stored.smtp_port == 0
    assert stored.smtp_security == "starttls"
    assert stored.backup_keep == BackupKeep(daily=7, weekly=4, monthly=12)


@shown
def test_start_at_login_writes_and_removes_the_desktop_entry(  # type: ignore[no-untyped-def]
    qtbot, open_dialog, services, autostart
) -> None:
    entry = autostart.path
    assert not entry.exists()
    dialog = open_dialog(services)
    show(qtbot, dialog)
    assert not dialog.autostart_check.isChecked()

    dialog.autostart_check.setChecked(True)
    with qtbot.waitSignal(dialog.applied):
        press(dialog, APPLY)
    assert entry.is_file()
    assert "Exec=liaison --minimized" in entry.read_text("utf-8")
    assert dialog.isVisible()  # Apply leaves the dialog open

    dialog.autostart_check.setChecked(False)
    with qtbot.waitSignal(dialog.applied):
        press(dialog, APPLY)
    assert not entry.exists()


def test_start_at_login_says_why_it_could_not_be_set_up(  # type: ignore[no-untyped-def]
    qtbot, open_dialog, services, autostart
) -> None:
    # A file where the autostart folder should be: the entry cannot be written.
    autostart.path.parent.parent.mkdir(parents=True)
    autostart.path.parent.write_text("not a folder", encoding="utf-8")
    dialog = open_dialog(services)
    dialog.tabs.setCurrentIndex(1)
    dialog.autostart_check.setChecked(True)
    with qtbot.assertNotEmitted(dialog.accepted):
        press(dialog, OK)
    assert dialog.tabs.currentIndex() == 0
    text = dialog.autostart_error.text()
    assert text.startswith("Starting Liaison at login could not be set up: ")
    assert not dialog.autostart_error.isHidden()
    dialog.autostart_check.setChecked(False)  # unticking takes the complaint away
    assert dialog.autostart_error.isHidden()


@shown
def test_intervals_are_saved_through_the_service(qtbot, open_dialog, demo_services) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(demo_services)
    show(qtbot, dialog)
    dialog.tabs.setCurrentIndex(1)
    spins = dialog.status_spins
    spins[PartnershipStatus.ACTIVE].setValue(120)
    spins[PartnershipStatus.DORMANT].setValue(0)  # never
    spins[PartnershipStatus.ENDED].setValue(400)

    qtbot.mouseClick(dialog.add_tag_button, Qt.MouseButton.LeftButton)
    model, view = dialog.tag_model, dialog.tag_table.view
    assert model.rowCount() == 1
    # Add opens the choice of tag: those in use on contacts.
    combo = view.indexWidget(model.index(0, 0))
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == demo_services.contacts.tags()
    combo.setCurrentIndex(combo.findText("VIP"))
    combo.activated.emit(combo.currentIndex())
    view.edit(model.index(0, 1))
    days = view.indexWidget(model.index(0, 1))
    assert isinstance(days, QSpinBox)
    assert days.maximum() == 3650
    days.selectAll()
    qtbot.keyClicks(days, "45")
    ok = dialog.buttons.button(OK)
    assert ok is not None
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)  # the number typed is not lost

    intervals = demo_services.reminders.intervals()
    assert intervals.status == {"active": 120, "exploring": 60, "dormant": None, "ended": 400}
    assert intervals.tags == {"VIP": 45}


def test_a_removed_tag_no_longer_sets_an_interval(qtbot, open_dialog, demo_services) -> None:  # type: ignore[no-untyped-def]
    demo_services.reminders.set_tag_interval("press", 30)
    demo_services.reminders.set_tag_interval("VIP", 45)
    dialog = open_dialog(demo_services)
    model = dialog.tag_model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["press", "VIP"]
    assert not dialog.remove_tag_button.isEnabled()
    dialog.tag_table.select(0)
    assert dialog.remove_tag_button.isEnabled()
    qtbot.mouseClick(dialog.remove_tag_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.applied):
        press(dialog, APPLY)
    assert demo_services.reminders.intervals().tags == {"VIP": 45}


def test_a_tag_is_chosen_from_the_tags_in_use_once(open_dialog, demo_services) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(demo_services)
    tags = demo_services.contacts.tags()
    for _ in tags:
        dialog.add_tag()
        dialog.tag_table.view.finish_editing()
    model = dialog.tag_model
    assert sorted(model.index(r, 0).data() for r in range(model.rowCount())) == sorted(tags)
    assert not dialog.add_tag_button.isEnabled()  # every tag has its interval


def test_a_tag_no_contact_carries_any_more_is_kept(open_dialog, services) -> None:  # type: ignore[no-untyped-def]
    services.reminders.set_tag_interval("retired", 30)
    dialog = open_dialog(services)
    dialog.tag_table.select(0)
    view, model = dialog.tag_table.view, dialog.tag_model
    view.edit(model.index(0, 0))
    combo = view.indexWidget(model.index(0, 0))
    assert isinstance(combo, QComboBox)
    assert combo.currentText() == "retired"
    assert not dialog.add_tag_button.isEnabled()  # no contact has a tag to choose


def test_an_untouched_status_keeps_following_the_default(qtbot, open_dialog, services) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(services)
    with qtbot.waitSignal(dialog.applied):
        press(dialog, APPLY)
    with services.db.session() as session:
        assert q.intervals(session, q.STATUS) == {}


def test_cancel_changes_nothing(  # type: ignore[no-untyped-def]
    qtbot, open_dialog, demo_services, autostart, tmp_path, language
) -> None:
    dialog = open_dialog(demo_services)
    dialog.time_edit.setTime(QTime(6, 0))
    dialog.notify_check.setChecked(False)
    dialog.autostart_check.setChecked(True)
    dialog.close_to_tray_check.setChecked(False)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("zh_CN"))
    dialog.status_spins[PartnershipStatus.ACTIVE].setValue(10)
    dialog.add_tag()
    dialog.database_page.server_radio.click()
    dialog.database_page.host_edit.setText("db.aalborg.example")
    dialog.database_page.backups.daily_spin.setValue(1)
    with qtbot.assertNotEmitted(dialog.applied), qtbot.waitSignal(dialog.rejected):
        press(dialog, CANCEL)

    stored = Settings(tmp_path / "settings.ini")
    assert stored.reminder_time == dt.time(9, 0)
    assert stored.notifications is True
    assert stored.close_to_tray is True
    assert not autostart.path.exists()
    assert language.language == "en"
    assert stored.database == ""
    assert stored.backup_keep.daily == 7
    intervals = demo_services.reminders.intervals()
    assert intervals.status["active"] == 90
    assert intervals.tags == {}


class _PretendChinese(QTranslator):
    """A few sentences "in Chinese", so the test does not depend on the shipped catalogue."""

    SENTENCES = {
        ("SettingsDialog", "Settings"): "设置",
        ("SettingsDialog", "Reminders"): "提醒",
        ("SettingsDialog", "Never"): "从不",
        ("SettingsDialog", "{status}:"): "{status}：",
        ("TagIntervalsModel", "Days"): "天数",
    }

    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def]
        return self.SENTENCES.get((context, source), "")

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


def test_the_language_combo_switches_the_language(  # type: ignore[no-untyped-def]
    qtbot, open_dialog, services, language, settings
) -> None:
    dialog = open_dialog(services)
    assert [dialog.language_combo.itemText(i) for i in range(2)] == ["English", "简体中文"]
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("zh_CN"))
    with qtbot.waitSignal(language.changed):
        press(dialog, APPLY)
    qtbot.waitUntil(lambda: language.language == "zh_CN")
    assert settings.language == "zh_CN"

    pretend = _PretendChinese()
    QCoreApplication.installTranslator(pretend)
    try:
        qtbot.waitUntil(lambda: dialog.windowTitle() == "设置")
        assert dialog.tabs.tabText(1) == "提醒"
        assert dialog.status_spins[PartnershipStatus.ENDED].text() == "从不"
        assert dialog.tag_model.headerData(1, Qt.Orientation.Horizontal) == "天数"
    finally:
        QCoreApplication.removeTranslator(pretend)
    # The language names stay each in its own language.
    assert [dialog.language_combo.itemText(i) for i in range(2)] == ["English", "简体中文"]
    assert dialog.language_combo.currentData() == "zh_CN"

    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    press(dialog, APPLY)
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Settings")
    assert language.language == "en"
    assert dialog.status_spins[PartnershipStatus.ENDED].text() == "Never"


@shown
def test_tab_goes_through_each_page_in_reading_order(qtbot, open_dialog, demo_services) -> None:  # type: ignore[no-untyped-def]
    demo_services.reminders.set_tag_interval("VIP", 45)
    dialog = open_dialog(demo_services)
    show(qtbot, dialog)
    ok = dialog.buttons.button(OK)

    def walk(start: QWidget) -> list[QWidget]:
        start.setFocus()
        order: list[QWidget] = []
        for _ in range(40):
            widget = dialog.focusWidget()
            if not order or order[-1] is not widget:  # a time edit takes a Tab per section
                order.append(widget)
            if widget is ok:
                break
            qtbot.keyClick(widget, Qt.Key.Key_Tab)
        return order

    assert walk(dialog.language_combo) == [
        dialog.language_combo,
        dialog.autostart_check,
        dialog.close_to_tray_check,
        ok,
    ]
    dialog.tabs.setCurrentIndex(1)
    dialog.tag_table.select(0)  # Remove takes the cursor only when there is a row to remove
    spins = dialog.status_spins
    assert walk(dialog.time_edit) == [
        dialog.time_edit,
        dialog.notify_check,
        spins[PartnershipStatus.ACTIVE],
        spins[PartnershipStatus.EXPLORING],
        spins[PartnershipStatus.DORMANT],
        spins[PartnershipStatus.ENDED],
        dialog.tag_table.view,
        dialog.add_tag_button,
        dialog.remove_tag_button,
        ok,
    ]


def _clipped(dialog: SettingsDialog) -> list[str]:
    """Texts of labels, check boxes and spin boxes narrower than they need to be."""
    found = []
    for widget in dialog.findChildren(QWidget):
        if not widget.isVisibleTo(dialog):
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            continue
        if isinstance(widget, QLabel | QCheckBox | QAbstractSpinBox) and (
            widget.width() < widget.minimumSizeHint().width()
        ):
            found.append(type(widget).__name__)
    return found


@shown
def test_nothing_is_clipped_in_either_language(qtbot, open_dialog, services, language) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(services)
    show(qtbot, dialog)
    for tab in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(tab)
        assert _clipped(dialog) == []
    assert dialog.minimumWidth() > 0
    language.switch("zh_CN")
    qtbot.waitUntil(lambda: language.language == "zh_CN")
    for tab in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(tab)
        qtbot.wait(10)
        assert _clipped(dialog) == []


# ---- mail and our office ----

MAIL, OFFICE, DATABASE = 2, 3, 4


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring in memory, or one that refuses everything (like a locked or absent one)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, *, broken: bool = False) -> None:
        super().__init__()
        self.broken = broken
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
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    monkeypatch.delenv("CRM_SMTP_PASSWORD", raising=False)
    before = keyring.get_keyring()
    found = MemoryKeyring()
    keyring.set_keyring(found)
    yield found
    keyring.set_keyring(before)


def test_the_mail_server_and_our_office_are_stored(  # type: ignore[no-untyped-def]
    qtbot, open_dialog, services, tmp_path
) -> None:
    dialog = open_dialog(services)
    assert dialog.tabs.tabText(MAIL) == "Mail"
    assert dialog.tabs.tabText(OFFICE) == "Our office"
    assert dialog.port_spin.text() == "Default"
    assert dialog.security_combo.currentData() == "starttls"
    assert [dialog.security_combo.itemText(i) for i in range(3)] == [
        "None (only on your own network)",
        "STARTTLS (usually port 587)",
        "SSL/TLS (usually port 465)",
    ]
    qtbot.keyClicks(dialog.host_edit, "smtp.aalborg.dk.example")
    dialog.port_spin.setValue(465)
    dialog.security_combo.setCurrentIndex(dialog.security_combo.findData("ssl"))
    qtbot.keyClicks(dialog.user_edit, "anna")
    qtbot.keyClicks(dialog.sender_address_edit, " anna.berg@aalborg.dk.example ")
    qtbot.keyClicks(dialog.our_city_edit, "Aalborg")
    dialog.our_city_zh_edit.setText("奥尔堡")
    qtbot.keyClicks(dialog.sender_name_edit, "Anna Berg")
    dialog.sender_name_zh_edit.setText("安娜·贝里")
    qtbot.keyClicks(dialog.sender_title_edit, "International Coordinator")
    dialog.sender_title_zh_edit.setText("国际协调员")
    dialog.bilingual_check.setChecked(False)
    with qtbot.waitSignal(dialog.accepted):
        press(dialog, OK)

    stored = Settings(tmp_path / "settings.ini")
    assert stored.smtp_host == "smtp.aalborg.dk.example"
    assert stored.smtp_port == 465
    assert stored.smtp_security == "ssl"
    assert stored.smtp_user == "anna"
    assert stored.sender_address == "anna.berg@aalborg.dk.example"
    assert (stored.our_city, stored.our_city_zh) == ("Aalborg", "奥尔堡")
    assert (stored.sender_name, stored.sender_name_zh) == ("Anna Berg", "安娜·贝里")
    assert (stored.sender_title, stored.sender_title_zh) == (
        "International Coordinator",
        "国际协调员",
    )
    assert stored.greeting_bilingual is False
    assert "password" not in (tmp_path / "settings.ini").read_text("utf-8").lower()
    smtp = stored.smtp_settings()
    assert (smtp.host, smtp.effective_port, smtp.security) == (
        "smtp.aalborg.dk.example",
        465,
        "ssl",
    )
    assert smtp.sender_name == "Anna Berg"

    again = open_dialog(services)  # and shown as stored
    assert again.host_edit.text() == "smtp.aalborg.dk.example"
    assert again.port_spin.value() == 465
    assert again.security_combo.currentData() == "ssl"
    assert again.our_city_zh_edit.text() == "奥尔堡"
    assert not again.bilingual_check.isChecked()


def test_the_password_goes_to_the_keyring_not_the_settings(  # type: ignore[no-untyped-def]
    qtbot, open_dialog, services, settings, memory_keyring, tmp_path
) -> None:
    settings.smtp_host = "smtp.aalborg.dk.example"
    dialog = open_dialog(services)
    dialog.tabs.setCurrentIndex(MAIL)
    assert not dialog.save_password_button.isEnabled()
    qtbot.keyClicks(dialog.password_edit, "s3cret")
    assert not dialog.save_password_button.isEnabled()  # whose password, on which server?
    qtbot.keyClicks(dialog.user_edit, "anna")
    assert dialog.save_password_button.isEnabled()
    assert dialog.save_password_button.text() == "Save password in the system &keyring"
    qtbot.mouseClick(dialog.save_password_button, Qt.MouseButton.LeftButton)

    assert memory_keyring.passwords == {(KEYRING_SERVICE, "anna@smtp.aalborg.dk.example"): "s3cret"}
    assert smtp_password(SmtpSettings(host="smtp.aalborg.dk.example", user="anna")) == "s3cret"
    assert dialog.password_edit.text() == ""
    assert dialog.password_saved_label.text() == "The password is saved in the system keyring."
    assert not dialog.password_saved_label.isHidden()
    with qtbot.waitSignal(dialog.accepted):
        press(dialog, OK)
    assert "s3cret" not in (tmp_path / "settings.ini").read_text("utf-8")


def test_without_a_keyring_the_password_is_not_kept(  # type: ignore[no-untyped-def]
    qtbot, open_dialog, services, memory_keyring, tmp_path
) -> None:
    memory_keyring.broken = True
    dialog = open_dialog(services)
    dialog.host_edit.setText("smtp.aalborg.dk.example")
    dialog.user_edit.setText("anna")
    dialog.password_edit.setText("s3cret")
    dialog.save_password()
    assert dialog.password_error.text() == (
        "No system keyring is available to keep the password: "
        "it will be asked for once per session."
    )
    assert dialog.password_saved_label.isHidden()
    assert memory_keyring.passwords == {}
    dialog.password_edit.setText("s3cre")  # typing again takes the complaint away
    assert dialog.password_error.isHidden()
    with qtbot.waitSignal(dialog.accepted):
        press(dialog, OK)
    assert "s3cre" not in (tmp_path / "settings.ini").read_text("utf-8")


@shown
def test_tab_goes_through_the_mail_and_office_pages_in_reading_order(  # type: ignore[no-untyped-def]
    qtbot, open_dialog, services
) -> None:
    dialog = open_dialog(services)
    show(qtbot, dialog)
    ok = dialog.buttons.button(OK)

    def walk(start: QWidget) -> list[QWidget]:
        start.setFocus()
        order: list[QWidget] = []
        for _ in range(20):
            widget = dialog.focusWidget()
            order.append(widget)
            if widget is ok:
                break
            qtbot.keyClick(widget, Qt.Key.Key_Tab)
        return order

    dialog.tabs.setCurrentIndex(MAIL)
    dialog.user_edit.setText("anna")
    dialog.host_edit.setText("smtp.example")
    dialog.password_edit.setText("x")  # Save password takes the cursor once it can save
    assert walk(dialog.host_edit) == [
        dialog.host_edit,
        dialog.port_spin,
        dialog.security_combo,
        dialog.user_edit,
        dialog.sender_address_edit,
        dialog.password_edit,
        dialog.save_password_button,
        ok,
    ]
    dialog.tabs.setCurrentIndex(OFFICE)
    assert walk(dialog.our_city_edit) == [
        dialog.our_city_edit,
        dialog.our_city_zh_edit,
        dialog.our_country_combo,
        dialog.sender_name_edit,
        dialog.sender_name_zh_edit,
        dialog.sender_title_edit,
        dialog.sender_title_zh_edit,
        dialog.bilingual_check,
        ok,
    ]
    dialog.tabs.setCurrentIndex(DATABASE)
    assert dialog.tabs.tabText(DATABASE) == "Database"
    page = dialog.database_page
    # The file in the data folder, whose folder is not made yet: nothing to show in it.
    assert not page.show_folder_button.isEnabled()
    if page.is_file:
        backups = [
            page.backups.automatic_check,
            page.backups.daily_spin,
            page.backups.weekly_spin,
            page.backups.monthly_spin,
            page.backups.backup_button,
            page.backups.restore_button,  # "Open backups folder" waits for a backup
        ]
    else:
        backups = [page.backups.export_button]
    assert walk(page.local_radio) == [
        page.local_radio,
        page.path_edit,
        page.test_button,
        *backups,
        ok,
    ]


def test_our_country_is_chosen_by_name_and_its_national_day_joins_the_agenda(  # type: ignore[no-untyped-def]
    qtbot, open_dialog, services, tmp_path, language
) -> None:
    import datetime as dt

    from crm.domain.occasions import OccasionKind

    dialog = open_dialog(services)
    combo = dialog.our_country_combo
    assert combo.currentData() == ""  # not set until the office says
    assert combo.itemText(combo.findData("NO")) == "Norway"
    combo.setCurrentIndex(combo.findData("NO"))
    with qtbot.waitSignal(dialog.accepted):
        press(dialog, OK)
    stored = Settings(tmp_path / "settings.ini")
    assert stored.our_country == "NO"

    services.agenda.home_country = stored.our_country  # as the main window does when applied
    days = services.agenda.agenda(dt.date(2027, 5, 1), 30)
    codes = {o.code: o.date for o in days if o.kind is OccasionKind.FESTIVAL}
    assert codes["national_day:NO"] == dt.date(2027, 5, 17)

    language.switch("zh_CN", remember=False)
    again = open_dialog(services)
    assert again.our_country_combo.currentText() == "挪威"
