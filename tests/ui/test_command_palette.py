"""The command palette: type a few letters of any menu command, choose it with the arrows, run it
with Enter; Esc closes it. In English and in Chinese (characters or pinyin)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from crm.ui.command_palette import Command, CommandPalette, find_commands, plain
from crm.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_services, operations, language, settings):  # type: ignore[no-untyped-def]
    main = MainWindow(demo_services, operations, language, settings)
    qtbot.addWidget(main)
    with qtbot.waitExposed(main):
        main.show()
    with qtbot.waitActive(main):
        main.activateWindow()
    return main


def open_palette(qtbot, window: MainWindow) -> CommandPalette:  # type: ignore[no-untyped-def]
    window.palette_action.trigger()
    palette = window.command_palette
    assert palette is not None and palette.isVisible()
    qtbot.waitUntil(palette.search.hasFocus)
    return palette


def rows(palette: CommandPalette) -> list[tuple[str, str, str]]:
    """What the list shows: each command's text, its menu and its keys."""
    found = []
    for index in range(palette.list.topLevelItemCount()):
        item = palette.list.topLevelItem(index)
        assert item is not None
        found.append((item.text(0), item.text(1), item.text(2)))
    return found


def texts(palette: CommandPalette) -> list[str]:
    return [text for text, _menu, _keys in rows(palette)]


def current(palette: CommandPalette) -> str:
    item = palette.list.currentItem()
    return item.text(0) if item is not None else ""


def test_it_lists_every_enabled_menu_command_with_its_menu_and_keys(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.page_actions[1].trigger()  # Contacts: the Edit menu ends with its commands
    window.contacts_page.table.selectRow(0)  # which act on the selected contact
    palette = open_palette(qtbot, window)
    shown = rows(palette)
    assert ("Import contacts…", "File", "Ctrl+I") in shown
    assert ("History and timeline…", "Edit", "Ctrl+H") in shown
    assert ("Partnerships", "View", "Ctrl+3") in shown
    assert ("User guide", "Help", "F1") in shown
    assert ("简体中文", "Language", "Ctrl+Shift+C") in shown
    # Nothing to undo yet: a command that would do nothing is not offered.
    assert "Undo" not in texts(palette)
    assert not window.undo_action.isEnabled()
    assert current(palette) == shown[0][0]  # Enter at once runs the first


def test_it_follows_the_page_on_show(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.page_actions[0].trigger()
    tree = window.today_page.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() > 0)
    tree.setCurrentIndex(tree.model().index(0, 0, tree.model().index(0, 0)))  # the first item
    assert window.today_page.done_action.isEnabled()
    palette = open_palette(qtbot, window)
    assert "Mark done" in texts(palette)
    assert "History and timeline…" not in texts(palette)
    qtbot.keyClick(palette.search, Qt.Key.Key_Escape)
    window.page_actions[2].trigger()
    palette = open_palette(qtbot, window)
    assert "Mark done" not in texts(palette)


def test_typing_filters_case_blind_with_words_in_any_order(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    palette = open_palette(qtbot, window)
    qtbot.keyClicks(palette.search, "IMP con")
    assert texts(palette) == ["Import contacts…"]
    palette.search.clear()
    qtbot.keyClicks(palette.search, "contacts import")
    assert texts(palette) == ["Import contacts…"]
    palette.search.clear()
    qtbot.keyClicks(palette.search, "new")
    assert texts(palette) == ["New contact…", "New partnership…", "New delegation visit…"]
    # A menu's name finds its commands, after those whose own text matches.
    palette.search.clear()
    qtbot.keyClicks(palette.search, "help")
    assert texts(palette) == ["User guide", "Keyboard shortcuts", "About Liaison"]


def test_a_search_that_finds_nothing_says_so(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    palette = open_palette(qtbot, window)
    qtbot.keyClicks(palette.search, "zzz")
    assert texts(palette) == []
    assert palette.nothing.isVisible() and not palette.list.isVisible()
    assert palette.nothing.text() == "No command matches “zzz”."
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)  # nothing to run: nothing happens
    assert palette.isVisible()


def test_arrows_choose_and_enter_runs_the_command(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.page_actions[0].trigger()
    palette = open_palette(qtbot, window)
    qtbot.keyClicks(palette.search, "contacts")
    assert texts(palette) == ["Import contacts…", "Contacts", "Show archived contacts"]
    assert current(palette) == "Import contacts…"
    qtbot.keyClick(palette.search, Qt.Key.Key_Down)
    assert current(palette) == "Contacts"
    qtbot.keyClick(palette.search, Qt.Key.Key_Up)
    qtbot.keyClick(palette.search, Qt.Key.Key_Up)  # from the first, Up goes round to the last
    assert current(palette) == "Show archived contacts"
    qtbot.keyClick(palette.search, Qt.Key.Key_Up)
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    assert not palette.isVisible()
    assert window.pages.currentWidget() is window.contacts_page


def test_a_click_runs_the_command(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    palette = open_palette(qtbot, window)
    qtbot.keyClicks(palette.search, "show archived")
    item = palette.list.topLevelItem(0)
    assert item is not None and item.text(0) == "Show archived contacts"
    rect = palette.list.visualItemRect(item)
    qtbot.mouseClick(palette.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert not palette.isVisible()
    assert window.show_archived_action.isChecked()
    assert window.contacts_page.show_archived.isChecked()


def test_escape_closes_it_and_runs_nothing(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.page_actions[1].trigger()
    window.contacts_page.search.setFocus()
    qtbot.waitUntil(window.contacts_page.search.hasFocus)
    palette = open_palette(qtbot, window)
    qtbot.keyClicks(palette.search, "partnerships")
    qtbot.keyClick(palette.search, Qt.Key.Key_Escape)
    assert not palette.isVisible()
    assert window.pages.currentWidget() is window.contacts_page
    qtbot.waitUntil(window.contacts_page.search.hasFocus)
    # Open again: an empty search and every command.
    palette = open_palette(qtbot, window)
    assert palette.search.text() == "" and len(texts(palette)) > 20


def test_clicking_elsewhere_in_the_window_closes_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.page_actions[1].trigger()
    palette = open_palette(qtbot, window)
    window.contacts_page.table.setFocus()
    qtbot.waitUntil(lambda: not palette.isVisible())


def test_in_chinese_it_finds_commands_by_characters_or_pinyin(qtbot, window, language) -> None:  # type: ignore[no-untyped-def]
    language.switch("zh_CN")
    qtbot.waitUntil(lambda: window.file_menu.title() == "文件(&F)")
    palette = open_palette(qtbot, window)
    assert ("导入联系人…", "文件", "Ctrl+I") in rows(palette)  # no "(&I)" mnemonic
    # Chinese arrives from the input method as committed text, not as key presses.
    for query in ("导入", "联系人 导入", "daoru", "DRLXR", "dao lianxi"):
        palette.search.setText(query)
        assert texts(palette)[0] == "导入联系人…", query
    palette.search.setText("lianxiren")  # from a syllable inside: 新建联系人 and 导入联系人
    assert texts(palette)[:2] == ["新建联系人…", "导入联系人…"]
    palette.search.setText("文件")  # the menu's name
    assert "导入联系人…" in texts(palette)


def test_an_open_palette_follows_a_language_switch(qtbot, window, language) -> None:  # type: ignore[no-untyped-def]
    palette = open_palette(qtbot, window)
    qtbot.keyClicks(palette.search, "import")
    assert texts(palette) == ["Import contacts…"]
    language.switch("zh_CN")
    qtbot.waitUntil(lambda: "导入联系人…" in texts(palette) or texts(palette) == [])
    palette.search.setText("导入")
    assert texts(palette)[0] == "导入联系人…"


def test_before_the_database_is_open_only_what_works_is_offered(  # type: ignore[no-untyped-def]
    qtbot, operations, language, settings
) -> None:
    frame = MainWindow(None, operations, language, settings)
    qtbot.addWidget(frame)
    with qtbot.waitExposed(frame):
        frame.show()
    with qtbot.waitActive(frame):
        frame.activateWindow()
    palette = open_palette(qtbot, frame)
    offered = set(texts(palette))
    assert {"Quit", "User guide", "About Liaison", "English", "Command palette…"} <= offered
    assert not offered & {"Find", "Send greetings…", "Settings…"}


def test_mnemonics_are_left_out_of_the_texts() -> None:
    assert plain("&File") == "File"
    assert plain("导入联系人(&I)…") == "导入联系人…"
    assert plain("Save && close") == "Save & close"


def test_commands_whose_own_text_matches_come_before_those_found_by_their_menu(qapp) -> None:  # type: ignore[no-untyped-def]
    def command(text: str, menu: str) -> Command:
        return Command(QAction(text), text, (menu,), "")

    commands = [command("Settings…", "File"), command("File a report", "Help")]
    found = [c.text for c in find_commands(commands, "file")]
    assert found == ["File a report", "Settings…"]
    assert [c.text for c in find_commands(commands, "")] == ["Settings…", "File a report"]
