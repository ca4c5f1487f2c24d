"""The Contacts page as a user meets it: search as you type, empty states, archive, delete, undo."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QInputMethodEvent, QUndoStack
from PySide6.QtWidgets import QApplication

from crm.ui.models.contacts import Column
from crm.ui.pages.contacts import ContactsPage


@pytest.fixture
def page(qtbot, services, operations, language, settings):  # type: ignore[no-untyped-def]
    widget = ContactsPage(services, operations, language, settings, QUndoStack())
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    return widget


@pytest.fixture
def demo_page(qtbot, demo_services, operations, language, settings):  # type: ignore[no-untyped-def]
    widget = ContactsPage(demo_services, operations, language, settings, QUndoStack())
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    return widget


def type_text(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type as a user does: Latin letters as key presses, Chinese as an input method commits it."""
    widget.setFocus()
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)


def shown_names(page: ContactsPage) -> list[str]:
    model = page.model
    return [model.index(row, Column.NAME).data() for row in range(model.rowCount())]


def test_the_model_is_a_well_behaved_qt_model(qtmodeltester, demo_page) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(demo_page.model)
    assert demo_page.model.rowCount() == 54


@pytest.mark.parametrize("typed", ["王芳", "芳", "wangfang", "wang fang", "wf"])
def test_typing_in_the_search_box_finds_wang_fang(qtbot, demo_page, typed) -> None:  # type: ignore[no-untyped-def]
    type_text(qtbot, demo_page.search, typed)
    assert shown_names(demo_page) == ["Wang Fang"]
    assert demo_page.model.index(0, Column.NAME_ZH).data() == "王芳"


def test_accent_free_latin_finds_mueller(qtbot, demo_page) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(demo_page.search, "muller")
    assert shown_names(demo_page) == ["Katrin Müller"]


def test_the_table_shows_what_the_command_finds(qtbot, demo_page, demo_services) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(demo_page.search, "hefei")
    model = demo_page.model
    assert [model.id_at(r) for r in range(model.rowCount())] == demo_services.contacts.search(
        "hefei"
    )
    assert "of 54 contacts" in demo_page.count_label.text()


def test_a_search_with_no_match_says_so_and_offers_to_clear(qtbot, demo_page) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(demo_page.search, "zzzz")
    assert demo_page.stack.currentWidget() is demo_page.no_results
    assert "zzzz" in demo_page.no_results.title.text()
    demo_page.clear_search.click()
    assert demo_page.model.rowCount() == 54
    assert demo_page.stack.currentWidget() is demo_page.table


def test_an_empty_database_shows_what_to_do(page) -> None:  # type: ignore[no-untyped-def]
    assert page.stack.currentWidget() is page.empty
    assert page.add_first.text() == "Add a contact"
    assert page.load_sample.text() == "Load sample data"
    assert not page.search.isEnabled()


def test_load_sample_data_fills_the_table(page) -> None:  # type: ignore[no-untyped-def]
    page.load_sample.click()
    assert page.stack.currentWidget() is page.table
    assert page.model.rowCount() == 54
    assert page.count_label.text() == "54 contacts"


def select_name(page: ContactsPage, query: str) -> str:
    page.search.setText(query)
    assert page.model.rowCount() == 1
    page.table.selectRow(0)
    contact_id = page.model.id_at(0)
    assert contact_id is not None
    page.search.clear()
    page._select([contact_id])
    return contact_id


def test_delete_asks_first_and_can_be_undone(demo_page, demo_services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    contact_id = select_name(demo_page, "wf")
    monkeypatch.setattr(demo_page, "confirm", lambda *args: False)
    demo_page.delete_selected()
    assert demo_services.contacts.count() == 54  # declined: nothing deleted

    monkeypatch.setattr(demo_page, "confirm", lambda *args: True)
    demo_page.delete_selected()
    assert demo_services.contacts.count() == 53
    assert demo_page.model.rowCount() == 53

    demo_page._undo.undo()
    assert demo_services.contacts.count() == 54
    restored = demo_services.contacts.get(contact_id)
    assert restored.draft.name_zh == "王芳"
    assert restored.draft.emails == ["wangfang@hefei.gov.cn.example"]
    assert demo_page.model.rowCount() == 54


def test_archived_contacts_leave_the_list_and_come_back(demo_page, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(demo_page, "confirm", lambda *args: True)
    contact_id = select_name(demo_page, "muller")
    demo_page.archive_selected()
    assert demo_page.model.row_of(contact_id) == -1
    assert demo_page.model.rowCount() == 53

    demo_page.show_archived.setChecked(True)
    row = demo_page.model.row_of(contact_id)
    assert row == 53  # archived contacts come last
    assert "archived" in demo_page.model.index(row, Column.STATUS).data()

    demo_page._undo.undo()
    demo_page.show_archived.setChecked(False)
    assert demo_page.model.row_of(contact_id) >= 0


def test_a_long_list_reads_its_rows_a_block_at_a_time_and_shows_every_one(
    qtbot, page, services, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Past the first block of rows, every row is the contact the list has there: scrolled to,
    read in its own block, and read again once the cache has let it go."""
    from crm.domain.contacts import ContactDraft
    from crm.ui.models.contacts import ContactsModel

    block = ContactsModel.BLOCK
    for number in range(2 * block + 9):  # two whole blocks and part of a third
        services.contacts.create(
            ContactDraft(
                family_name=f"Family{number:03d}",
                given_name="Anna",
                emails=[f"a{number}@x.example"],
            )
        )
    monkeypatch.setattr(ContactsModel, "MAX_BLOCKS", 2)
    page.reload()
    model = page.model
    listed = services.contacts.search("")
    assert model.rowCount() == len(listed) == 2 * block + 9
    assert model.cached_rows() == 0  # nothing read before anything is painted

    page.table.scrollToBottom()
    last = len(listed) - 1
    assert model.id_at(last) == listed[last]
    assert model.index(last, Column.EMAIL).data() == f"a{last}@x.example"
    assert model.cached_rows() <= 2 * block  # the third block, and what was painted before

    # Every row, in order, though the cache keeps two blocks: the others are read again.
    assert [model.id_at(row) for row in range(model.rowCount())] == listed
    assert shown_names(page)[block - 1 : block + 1] == [
        f"Anna Family{block - 1:03d}",
        f"Anna Family{block:03d}",
    ]
    assert model.cached_rows() <= 2 * block
