"""The Today page over an office with nobody in it yet (the first start): it says what to do,
and loads the sample office or imports an address book from there."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtGui import QUndoStack

from crm.services.changes import Changes
from crm.ui.dialogs.import_dialog import ImportDialog
from crm.ui.pages.today import TodayPage

DATA = Path(__file__).resolve().parent.parent / "data" / "import"
START = dt.date(2026, 11, 25)


@pytest.fixture
def page(qtbot, services, operations, language) -> TodayPage:  # type: ignore[no-untyped-def]
    today = TodayPage(services, operations, language, QUndoStack(), today=lambda: START)
    qtbot.addWidget(today)
    today.refresh()
    return today


def test_an_empty_office_offers_sample_data_or_an_import(page) -> None:  # type: ignore[no-untyped-def]
    # Christmas is a month away, but there is nobody to greet: the page says what to do.
    assert page.view.total and page.office_empty
    assert page.stack.currentWidget() is page.welcome
    assert page.welcome.title.text() == "Nobody to remind you of yet"
    assert "Load a sample office" in page.welcome.body.text()
    assert page.load_sample_button.text() == "Load sample data"
    assert page.import_button.text() == "Import contacts…"
    assert page.load_sample_button.isDefault()


def test_load_sample_data_fills_the_agenda_and_tells_the_other_pages(  # type: ignore[no-untyped-def]
    qtbot, page, services
) -> None:
    with (
        qtbot.waitSignal(page.changed) as changed,
        qtbot.waitSignal(page.status_message) as said,
    ):
        qtbot.mouseClick(page.load_sample_button, Qt.MouseButton.LeftButton)
    assert isinstance(changed.args[0], Changes) and changed.args[0].any_contacts
    assert said.args == ["Sample office loaded."]
    assert services.contacts.count() > 0
    assert page.stack.currentWidget() is page.tree
    assert any(o.kind.value == "keep_in_touch" for _item, o in page.rows())


def test_import_contacts_opens_the_import_and_then_shows_the_agenda(  # type: ignore[no-untyped-def]
    qtbot, page, services, monkeypatch
) -> None:
    monkeypatch.setattr(page, "choose_import_file", lambda: str(DATA / "thunderbird_40.vcf"))
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(ImportDialog)
    assert dialog is not None and dialog.isVisible()
    with qtbot.waitSignal(page.changed) as changed:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert changed.args[0].contacts == frozenset(services.contacts.search(""))
    assert services.contacts.count() > 0
    assert not page.office_empty
    assert page.stack.currentWidget() is not page.welcome


def test_no_file_chosen_changes_nothing(qtbot, page, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(page, "choose_import_file", lambda: "")
    with qtbot.assertNotEmitted(page.changed):
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert page.findChild(ImportDialog) is None
    assert page.stack.currentWidget() is page.welcome


class _PretendChinese(QTranslator):
    """The empty page's words "in Chinese", so the test does not depend on the shipped
    catalogue."""

    SENTENCES = {
        ("TodayPage", "Nobody to remind you of yet"): "还没有需要提醒的人",
        ("TodayPage", "Load sample data"): "加载示例数据",
    }

    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def]
        return self.SENTENCES.get((context, source))  # None: ask the other catalogues

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


def test_the_empty_page_follows_a_language_switch(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    pretend = _PretendChinese()
    QCoreApplication.installTranslator(pretend)
    try:
        qtbot.waitUntil(lambda: page.welcome.title.text() == "还没有需要提醒的人")
        assert page.load_sample_button.text() == "加载示例数据"
    finally:
        QCoreApplication.removeTranslator(pretend)
    qtbot.waitUntil(lambda: page.welcome.title.text() == "Nobody to remind you of yet")
