"""The first-run wizard as a new user meets it: the language, our office, where the data lives,
the daily reminder and starting at login, a summary, Finish; then our city and the staff
member are in the database. Bad input keeps Next disabled and says why; Cancel stores nothing."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTime
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QLabel, QWidget, QWizard

from crm.services.autostart import Autostart
from crm.services.first_run import OfficeAnswers, set_up_answers
from crm.store.database import default_database_path
from crm.ui.dialogs.first_run_wizard import (
    DATABASE,
    OFFICE,
    REMINDERS,
    SUMMARY,
    WELCOME,
    FirstRunWizard,
)
from crm.ui.settings import Settings, needs_first_run

# The offscreen platform has no window manager: showing the wizard asks for size hints, and the
# country box's list of matches (a popup) asks to grab the keyboard; neither matters here.
shown = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints\(\)|grabbing the keyboard)"
)
NEXT = QWizard.WizardButton.NextButton
FINISH = QWizard.WizardButton.FinishButton
CANCEL = QWizard.WizardButton.CancelButton

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def autostart(tmp_path: Path) -> Autostart:
    return Autostart(
        platform="linux",
        home=tmp_path,
        command=["liaison", "--minimized"],
        environ={"XDG_CONFIG_HOME": str(tmp_path / "config")},
    )


@pytest.fixture
def wizard(qtbot, settings, operations, language, autostart) -> FirstRunWizard:  # type: ignore[no-untyped-def]
    made = FirstRunWizard(settings, operations, language, autostart=autostart)
    qtbot.addWidget(made)
    with qtbot.waitExposed(made):
        made.show()
    return made


def click(qtbot, wizard: FirstRunWizard, which: QWizard.WizardButton) -> None:  # type: ignore[no-untyped-def]
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_into(qtbot, field: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Replace the field's text as a user does: from the keyboard, or (汉字) as an input
    method commits it."""
    field.setFocus()
    field.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QCoreApplication.sendEvent(field, event)


def fill_office(qtbot, wizard: FirstRunWizard) -> None:  # type: ignore[no-untyped-def]
    type_into(qtbot, wizard.city_edit, "Aalborg")
    type_into(qtbot, wizard.city_zh_edit, "奥尔堡")
    type_into(qtbot, wizard.country_combo.line_edit(), "denmark")
    type_into(qtbot, wizard.my_name_edit, "Anna Jensen")


@shown
def test_the_first_run_wizard_creates_the_staff_member_and_our_city(  # type: ignore[no-untyped-def]
    qtbot, wizard, settings, autostart, services, tmp_path
) -> None:
    assert needs_first_run(settings)
    assert wizard.currentId() == WELCOME
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible()
    click(qtbot, wizard, NEXT)

    assert wizard.currentId() == OFFICE
    assert wizard.focusWidget() is wizard.city_edit
    fill_office(qtbot, wizard)
    assert wizard.office_error.isHidden()
    click(qtbot, wizard, NEXT)

    assert wizard.currentId() == DATABASE
    page = wizard.database
    assert page is not None and page.local_radio.isChecked()
    assert page.path_edit.text() == str(default_database_path())  # this computer, by default
    click(qtbot, wizard, NEXT)

    assert wizard.currentId() == REMINDERS
    assert wizard.time_edit.time() == QTime(9, 0)
    assert wizard.autostart_check.isChecked()
    wizard.time_edit.setTime(QTime(8, 30))
    click(qtbot, wizard, NEXT)

    assert wizard.currentId() == SUMMARY
    summary = {key: label.text() for key, label in wizard.summary_values.items()}
    assert summary["language"] == "English"
    assert summary["city"] == "Aalborg (奥尔堡)"
    assert summary["country"] == "Denmark"
    assert summary["my_name"] == "Anna Jensen"
    assert summary["database"].replace("\u200b", "") == (
        f"On this computer, in {default_database_path()}"
    )
    assert summary["reminders"] == "Every day at 08:30; Liaison starts when you log in."
    click(qtbot, wizard, FINISH)

    assert wizard.result() == QWizard.DialogCode.Accepted
    stored = Settings(tmp_path / "settings.ini")  # as the next start reads them
    assert stored.first_run_done
    assert (stored.our_city, stored.our_city_zh, stored.our_country) == ("Aalborg", "奥尔堡", "DK")
    assert stored.my_name == "Anna Jensen"
    assert stored.language == "en"
    assert stored.reminder_time == dt.time(8, 30)
    assert stored.database == ""  # the file in the data folder
    assert autostart.is_enabled()
    assert not needs_first_run(stored)

    # The app then opens the database and puts our office into it.
    answers = wizard.answers()
    assert answers == OfficeAnswers("Anna Jensen", "Aalborg", "奥尔堡", "DK")
    set_up_answers(services.db, answers)
    member = services.directory.staff_by_name("Anna Jensen")
    assert member is not None
    places = [(p.name, p.name_zh, p.country) for p in services.directory.places()]
    assert places == [("Aalborg", "奥尔堡", "DK")]


@shown
def test_bad_input_keeps_next_disabled_and_says_why(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, wizard, NEXT)
    fill_office(qtbot, wizard)
    next_button = wizard.button(NEXT)
    assert next_button.isEnabled()

    type_into(qtbot, wizard.country_combo.line_edit(), "Atlantis")
    assert not next_button.isEnabled()
    assert wizard.office_error.isHidden()  # not while typing: a name takes a few letters
    qtbot.keyClick(wizard.country_combo.line_edit(), Qt.Key.Key_Tab)
    assert wizard.office_error.isVisible()
    assert wizard.office_error.text() == "“Atlantis” is not a country Liaison knows."

    type_into(qtbot, wizard.country_combo.line_edit(), "NO")  # a code will do
    assert next_button.isEnabled() and wizard.office_error.isHidden()

    wizard.city_edit.selectAll()
    qtbot.keyClick(wizard.city_edit, Qt.Key.Key_Delete)
    assert next_button.isEnabled()  # the Chinese name alone names the city
    wizard.city_zh_edit.selectAll()
    qtbot.keyClick(wizard.city_zh_edit, Qt.Key.Key_Delete)
    assert not next_button.isEnabled()
    assert wizard.office_error.text() == "Give our city's name, in English or in Chinese."

    type_into(qtbot, wizard.city_edit, "Stavanger")
    wizard.my_name_edit.selectAll()
    qtbot.keyClick(wizard.my_name_edit, Qt.Key.Key_Delete)
    assert not next_button.isEnabled()
    assert wizard.office_error.text() == (
        "Give your name: colleagues see it on what you add and change."
    )
    qtbot.keyClicks(wizard.my_name_edit, "Ola")
    assert next_button.isEnabled() and wizard.office_error.isHidden()
    click(qtbot, wizard, NEXT)

    # A server needs its address, its database and a user name before Next.
    page = wizard.database
    assert page is not None
    page.server_radio.click()
    assert not next_button.isEnabled()
    assert page.server_error.text() == (
        "To use a database on a server, give the server, the database and your user name."
    )
    type_into(qtbot, page.host_edit, "db.stavanger.example")
    type_into(qtbot, page.database_edit, "liaison")
    assert not next_button.isEnabled()
    type_into(qtbot, page.user_edit, "ola")
    assert next_button.isEnabled() and page.server_error.isHidden()
    page.local_radio.click()
    assert next_button.isEnabled()


@shown
def test_a_blank_page_asks_nothing_until_the_user_has_been_at_it(  # type: ignore[no-untyped-def]
    qtbot, wizard
) -> None:
    wizard.my_name_edit.clear()
    wizard.country_combo.choose("")
    click(qtbot, wizard, NEXT)
    assert not wizard.button(NEXT).isEnabled()
    assert wizard.office_error.isHidden()  # nothing typed yet: no reproach


@shown
def test_a_server_database_is_stored_without_its_password(  # type: ignore[no-untyped-def]
    qtbot, wizard, settings, monkeypatch, tmp_path
) -> None:
    saved: list[tuple[str, str]] = []
    monkeypatch.setattr(
        "crm.ui.dialogs.settings_database.save_password",
        lambda address, password: saved.append((address, password)),
    )
    click(qtbot, wizard, NEXT)
    fill_office(qtbot, wizard)
    click(qtbot, wizard, NEXT)
    page = wizard.database
    assert page is not None
    page.server_radio.click()
    type_into(qtbot, page.host_edit, "db.aalborg.example")
    type_into(qtbot, page.database_edit, "liaison")
    type_into(qtbot, page.user_edit, "anna")
    type_into(qtbot, page.password_edit, "s3cret")
    click(qtbot, wizard, NEXT)
    click(qtbot, wizard, NEXT)
    address = "postgresql+psycopg://anna@db.aalborg.example/liaison"
    assert wizard.summary_values["database"].text() == f"On the office's server: {address}"
    click(qtbot, wizard, FINISH)
    assert settings.database == address
    assert saved == [(address, "s3cret")]
    assert "s3cret" not in (tmp_path / "settings.ini").read_text("utf-8")


@shown
def test_test_connection_says_what_liaison_will_do_with_the_database(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, wizard, NEXT)
    fill_office(qtbot, wizard)
    click(qtbot, wizard, NEXT)
    page = wizard.database
    assert page is not None
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.test_result.isVisible())
    assert page.test_result.text() == (
        f"There is no database at “{default_database_path()}” yet: Liaison will create it there."
    )
    assert not default_database_path().exists()  # trying creates nothing


@shown
def test_cancel_stores_nothing_and_the_wizard_shows_again(  # type: ignore[no-untyped-def]
    qtbot, wizard, settings, autostart, language, tmp_path
) -> None:
    before = (tmp_path / "settings.ini").read_text("utf-8")
    wizard.language_combo.setCurrentIndex(wizard.language_combo.findData("zh_CN"))
    click(qtbot, wizard, NEXT)
    fill_office(qtbot, wizard)
    click(qtbot, wizard, NEXT)
    click(qtbot, wizard, NEXT)
    click(qtbot, wizard, CANCEL)
    assert wizard.result() == QWizard.DialogCode.Rejected
    settings.sync()
    assert (tmp_path / "settings.ini").read_text("utf-8") == before
    assert not settings.first_run_done and settings.our_city == "" and settings.language == "en"
    assert not autostart.is_enabled()
    assert needs_first_run(settings)
    assert language.language == "zh_CN"  # what the user chose stays for this session


@shown
def test_without_starting_at_login_nothing_is_set_up_to_start(  # type: ignore[no-untyped-def]
    qtbot, wizard, settings, autostart
) -> None:
    click(qtbot, wizard, NEXT)
    fill_office(qtbot, wizard)
    click(qtbot, wizard, NEXT)
    click(qtbot, wizard, NEXT)
    wizard.autostart_check.click()
    click(qtbot, wizard, NEXT)
    assert wizard.summary_values["reminders"].text() == (
        "Every day at 09:00, while Liaison is running."
    )
    click(qtbot, wizard, FINISH)
    assert settings.first_run_done and not autostart.is_enabled()


@shown
def test_a_refused_autostart_keeps_the_wizard_open_and_stores_nothing(  # type: ignore[no-untyped-def]
    qtbot, wizard, settings, tmp_path
) -> None:
    (tmp_path / "config").write_text("a file where the folder should be")
    click(qtbot, wizard, NEXT)
    fill_office(qtbot, wizard)
    click(qtbot, wizard, NEXT)
    click(qtbot, wizard, NEXT)
    click(qtbot, wizard, NEXT)
    click(qtbot, wizard, FINISH)
    assert wizard.isVisible() and wizard.currentId() == SUMMARY
    assert wizard.finish_error.text().startswith("Starting Liaison at login could not be set up")
    assert not settings.first_run_done and settings.our_city == ""


@shown
def test_choosing_a_language_switches_the_wizard_at_once(  # type: ignore[no-untyped-def]
    qtbot, wizard, settings, language
) -> None:
    wizard.country_combo.choose("DK")
    wizard.language_combo.setCurrentIndex(wizard.language_combo.findData("zh_CN"))
    assert language.language == "zh_CN"
    # Qt's own words, and ours (Qt tells the windows of a new language by a posted event).
    qtbot.waitUntil(lambda: wizard.button(NEXT).text() == "下一步(&N) >")
    title = QCoreApplication.translate("FirstRunWizard", "Our office")
    city = QCoreApplication.translate("FirstRunWizard", "Our &city:")
    assert HAN.search(title) and HAN.search(city)  # the shipped catalogue has them
    assert wizard.office_page.title() == title
    assert wizard.office_labels[wizard.city_edit].text() == city
    # Countries are named in the language chosen; the one chosen stays chosen.
    assert wizard.country_combo.currentText() == "丹麦"
    assert wizard.country_combo.code() == "DK"
    assert settings.language == "en"  # stored at Finish, not before

    wizard.language_combo.setCurrentIndex(wizard.language_combo.findData("en"))
    qtbot.waitUntil(lambda: wizard.button(NEXT).text() == "&Next >")
    assert wizard.office_page.title() == "Our office"
    assert wizard.country_combo.currentText() == "Denmark"


@shown
def test_finishing_in_chinese_stores_chinese(qtbot, wizard, settings, language) -> None:  # type: ignore[no-untyped-def]
    wizard.language_combo.setCurrentIndex(wizard.language_combo.findData("zh_CN"))
    click(qtbot, wizard, NEXT)
    fill_office(qtbot, wizard)
    type_into(qtbot, wizard.country_combo.line_edit(), "丹麦")
    for _page in range(3):
        click(qtbot, wizard, NEXT)
    assert wizard.summary_values["country"].text() == "丹麦"
    click(qtbot, wizard, FINISH)
    assert settings.language == "zh_CN" and settings.our_country == "DK"


@shown
def test_tab_goes_through_each_page_in_reading_order(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    def walk(start: QWidget, last: QWidget) -> list[QWidget]:
        start.setFocus()
        order: list[QWidget] = []
        for _ in range(20):
            widget = wizard.focusWidget()
            if not order or order[-1] is not widget:  # Tab steps from hours to minutes too
                order.append(widget)
            if widget is last:
                break
            qtbot.keyClick(widget, Qt.Key.Key_Tab)
        return order

    next_button, cancel = wizard.button(NEXT), wizard.button(CANCEL)
    assert walk(wizard.language_combo, cancel) == [wizard.language_combo, next_button, cancel]
    click(qtbot, wizard, NEXT)
    back = wizard.button(QWizard.WizardButton.BackButton)
    office = [wizard.city_edit, wizard.city_zh_edit, wizard.country_combo, wizard.my_name_edit]
    fill_office(qtbot, wizard)
    assert walk(wizard.city_edit, cancel) == [*office, back, next_button, cancel]
    click(qtbot, wizard, NEXT)
    page = wizard.database
    assert page is not None
    # The file in the data folder, whose folder is not made yet: nothing to show in it.
    assert walk(page.local_radio, cancel) == [
        page.local_radio,
        page.path_edit,
        page.test_button,
        back,
        next_button,
        cancel,
    ]
    click(qtbot, wizard, NEXT)
    reminders = [wizard.time_edit, wizard.autostart_check]
    assert walk(wizard.time_edit, cancel) == [*reminders, back, next_button, cancel]


def test_who_set_up_the_office_before_is_not_asked(settings) -> None:  # type: ignore[no-untyped-def]
    assert needs_first_run(settings)
    settings.our_city = "Aalborg"
    assert not needs_first_run(settings)
    settings.our_city = ""
    settings.my_name = "Anna"
    assert not needs_first_run(settings)
    settings.my_name = ""
    settings.first_run_done = True
    assert not needs_first_run(settings)


@shown
def test_the_database_page_is_skipped_when_the_database_is_given(  # type: ignore[no-untyped-def]
    qtbot, settings, operations, language, autostart
) -> None:
    wizard = FirstRunWizard(settings, operations, language, autostart=autostart, ask_database=False)
    qtbot.addWidget(wizard)
    with qtbot.waitExposed(wizard):
        wizard.show()
    click(qtbot, wizard, NEXT)
    fill_office(qtbot, wizard)
    click(qtbot, wizard, NEXT)
    assert wizard.currentId() == REMINDERS
    click(qtbot, wizard, NEXT)
    assert wizard.summary_values["database"].text() == "As given when Liaison was started"
    click(qtbot, wizard, FINISH)
    assert settings.first_run_done and settings.database == ""


@shown
def test_nothing_is_clipped_in_either_language(qtbot, wizard, language) -> None:  # type: ignore[no-untyped-def]
    def clipped() -> list[str]:
        found = []
        for widget in wizard.currentPage().findChildren(QLabel):
            too_narrow = widget.width() < widget.minimumSizeHint().width()
            if widget.isVisibleTo(wizard) and not widget.wordWrap() and too_narrow:
                found.append(widget.text())
        return found

    for code in ("en", "zh_CN"):
        wizard.restart()
        wizard.language_combo.setCurrentIndex(wizard.language_combo.findData(code))
        assert language.language == code
        assert clipped() == []
        click(qtbot, wizard, NEXT)
        fill_office(qtbot, wizard)
        for _page in range(3):
            qtbot.wait(10)
            assert clipped() == []
            if wizard.currentId() == DATABASE:
                assert wizard.database is not None
                wizard.database.server_radio.click()
                qtbot.wait(10)
                assert clipped() == []
                wizard.database.local_radio.click()
            click(qtbot, wizard, NEXT)
        assert clipped() == []
