"""The main window: switching language live, remembering it, and its menus' shortcuts."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from crm.ui.main_window import MainWindow
from crm.ui.models.contacts import Column

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def window(qtbot, demo_services, operations, language, settings):  # type: ignore[no-untyped-def]
    main = MainWindow(demo_services, operations, language, settings)
    qtbot.addWidget(main)
    return main


def test_switching_to_chinese_retranslates_every_visible_string(qtbot, window, settings) -> None:  # type: ignore[no-untyped-def]
    page = window.contacts_page
    assert page.title.text() == "Contacts"
    window.language_actions["zh_CN"].trigger()

    # Qt posts LanguageChange to every window; it arrives with the next events processed.
    qtbot.waitUntil(lambda: page.title.text() == "联系人")
    assert HAN.search(window.windowTitle())
    assert HAN.search(window.file_menu.title())
    assert HAN.search(page.search.placeholderText())
    assert page.count_label.text() == "共 54 位联系人"
    assert HAN.search(page.model.headerData(Column.ORGANISATION, Qt.Orientation.Horizontal))
    # Data follows the language too: organisations and positions in Chinese where known.
    page.search.setText("wf")
    assert page.model.index(0, Column.ORGANISATION).data() == "合肥市人民政府外事办公室"
    assert settings.language == "zh_CN"
    assert window.language_actions["zh_CN"].isChecked()

    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: page.title.text() == "Contacts")
    assert (
        page.model.index(0, Column.ORGANISATION).data() == "Hefei Municipal Foreign Affairs Office"
    )
    assert settings.language == "en"


def test_the_chosen_language_is_remembered_for_the_next_start(qapp, settings) -> None:  # type: ignore[no-untyped-def]
    from crm.ui.language import LanguageManager

    LanguageManager(settings).switch("zh_CN")
    again = LanguageManager(settings)
    assert again.initial_language() == "zh_CN"
    assert again.initial_language("en") == "en"  # --lang wins over the remembered choice
    again.switch("en", remember=False)


def test_every_menu_shortcut_is_unique(window) -> None:  # type: ignore[no-untyped-def]
    everywhere: set[str] = set()
    # The Edit menu ends with the page's own actions: check with each page on show.
    for index in range(window.pages.count()):
        window.show_page(index)
        window._fill_edit_menu()
        seen: dict[str, str] = {}
        for menu in (window.file_menu, window.edit_menu, window.view_menu, window.help_menu):
            for action in menu.actions():
                for shortcut in action.shortcuts():
                    key = shortcut.toString()
                    assert key not in seen, f"{key} is used by {seen[key]} and {action.text()}"
                    seen[key] = action.text()
        everywhere |= seen.keys()
    for expected in ("Ctrl+N", "Ctrl+F", "Ctrl+Z", "Ctrl+Q", "Del", "Ctrl+D", "Ctrl+1", "Ctrl+3"):
        assert expected in everywhere


def test_find_goes_to_the_search_box_of_the_page_on_show(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    window.page_actions[1].trigger()  # Ctrl+2: Contacts
    window.find_action.trigger()
    qtbot.waitUntil(window.contacts_page.search.hasFocus)
    window.page_actions[2].trigger()  # Ctrl+3: Partnerships
    assert window.pages.currentWidget() is window.partnerships_page
    window.find_action.trigger()
    qtbot.waitUntil(window.partnerships_page.search.hasFocus)


def test_partnerships_are_read_when_their_page_is_first_shown(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = window.partnerships_page
    assert not page.loaded and page.model.rowCount() == 0
    window.show()
    window.page_actions[2].trigger()  # Ctrl+3
    qtbot.waitUntil(lambda: page.loaded)
    assert page.model.rowCount() > 0
    assert page.stack.currentWidget() is page.table


def test_a_partnership_opened_from_today_is_read_and_selected(window) -> None:  # type: ignore[no-untyped-def]
    """Even with the window not on screen (no page is shown): asking for one reads them."""
    page = window.partnerships_page
    first = window._services.partnerships.rows()[0].id
    window.open_record("partnership", first)
    assert page.loaded and page.selected_id() == first
