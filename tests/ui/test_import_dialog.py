"""Importing contacts as a user does it: pick a file, read the preview, press Import."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from crm.services.changes import Changes
from crm.ui.dialogs.import_dialog import ImportDialog
from crm.ui.models.contacts import Column
from crm.ui.pages.contacts import ContactsPage

DATA = Path(__file__).resolve().parent.parent / "data" / "import"


def open_dialog(qtbot, services, operations, name: str) -> ImportDialog:  # type: ignore[no-untyped-def]
    dialog = ImportDialog(services, operations, DATA / name)
    qtbot.addWidget(dialog)
    return dialog


def problems(dialog: ImportDialog) -> list[tuple[str, str]]:
    table = dialog.problems
    return [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]


def test_the_preview_counts_and_lists_the_problems_by_line(
    qtbot, services, operations, language
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, services, operations, "bad_rows.csv")
    assert dialog.windowTitle() == "Import contacts"
    assert dialog.heading.text() == "Import contacts from “bad_rows.csv”"
    assert dialog.summary.text() == "Ready to import: 3 new, 0 updated, 0 unchanged."
    assert not dialog.problems.isHidden()
    assert dialog.problems_label.text() == "2 entries cannot be imported and will be skipped:"
    assert problems(dialog) == [
        ("3", "31/02/1979 does not exist in the calendar."),
        ("6", "“anouk.smit(at)zwolle.example” is not an e-mail address."),
    ]
    header = dialog.problems.horizontalHeaderItem
    assert (header(0).text(), header(1).text()) == ("Line", "Problem")
    assert dialog.import_button.isEnabled()
    assert services.contacts.count() == 0  # the preview is a dry run


def test_import_imports_and_says_what_changed(qtbot, services, operations, language) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, services, operations, "chinese_office.xlsx")
    assert dialog.summary.text() == "Ready to import: 4 new, 0 updated, 0 unchanged."
    assert problems(dialog) == [("8", "Give a family name, a given name or a Chinese name.")]

    with qtbot.waitSignal(dialog.imported, timeout=5000) as signal:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    changes = signal.args[0]
    assert isinstance(changes, Changes)
    assert changes.contacts == frozenset(services.contacts.search(""))
    assert services.contacts.count() == 4
    assert services.contacts.search("周建华") and services.contacts.search("zhoujianhua")
    assert dialog.summary.text() == "Imported: 4 new, 0 updated, 0 unchanged."
    assert dialog.problems_label.text() == "1 entry was skipped:"
    assert problems(dialog) == [("8", "Give a family name, a given name or a Chinese name.")]
    assert dialog.import_button.isHidden()
    assert dialog.close_button.text() == "Close"


def test_a_file_already_imported_has_nothing_to_import(
    qtbot, services, operations, language
) -> None:  # type: ignore[no-untyped-def]
    services.importer.import_file(DATA / "thunderbird_40.vcf")
    dialog = open_dialog(qtbot, services, operations, "thunderbird_40.vcf")
    assert dialog.summary.text() == (
        "Ready to import: 0 new, 0 updated, 2 unchanged. "
        "Everything in this file is already in Liaison."
    )
    assert dialog.problems.isHidden()
    assert not dialog.import_button.isEnabled()


@pytest.mark.parametrize("name", ["renamed_text.xlsx", "empty.csv"])
def test_an_unreadable_file_says_so_in_one_sentence(
    qtbot, services, operations, language, name
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, services, operations, name)
    assert f"“{name}”" in dialog.summary.text()
    assert "\n" not in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    assert services.contacts.count() == 0


def test_importing_from_the_contacts_page_fills_the_table(  # type: ignore[no-untyped-def]
    qtbot, services, operations, language, settings, monkeypatch
) -> None:
    page = ContactsPage(services, operations, language, settings, QUndoStack())
    qtbot.addWidget(page)
    page.resize(1200, 700)
    assert page.stack.currentWidget() is page.empty
    monkeypatch.setattr(page, "choose_import_file", lambda: str(DATA / "google_contacts.csv"))

    page.import_button.click()  # "Import…" on the empty page
    dialog = page.findChild(ImportDialog)
    assert dialog is not None
    assert dialog.summary.text() == "Ready to import: 3 new, 0 updated, 0 unchanged."
    assert page.model.rowCount() == 0  # the preview wrote nothing

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.table
    model = page.model
    rows = {
        model.index(r, Column.NAME).data(): model.index(r, Column.NAME_ZH).data()
        for r in range(model.rowCount())
    }
    assert rows == {"Elena Rossi": "", "Zhao Li": "赵丽", "Marek Wiśniewski": ""}
    assert page.count_label.text() == "3 contacts"
    dialog.close()


def test_cancelling_the_file_choice_opens_nothing(
    qtbot, services, operations, language, settings, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    page = ContactsPage(services, operations, language, settings, QUndoStack())
    qtbot.addWidget(page)
    monkeypatch.setattr(page, "choose_import_file", lambda: "")
    page.import_action.trigger()
    assert page.findChild(ImportDialog) is None
