"""The Import dialog's columns page and its rejected rows, as a user meets them: a sheet with a
column Liaison does not know, a choice for it, the preview, the import, and the rows that could
not be imported saved to fix."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QFileDialog

from crm.ui.dialogs.import_dialog import ImportDialog

DATA = Path(__file__).resolve().parent.parent / "data" / "import"

HEADER = ["Nachname", "Vorname", "E-Mail-Adresse", "单位", "Handy", "Lieblingsfarbe", "Notizen"]
ROWS = [
    ["Meier", "Anna", "anna.meier@koeln.example", "Stadt Köln", "+49 171 5550101", "blau", ""],
    ["Schulz", "Bernd", "bernd.schulz(at)bonn.example", "Stadt Bonn", "", "rot", "Rhein"],
    ["Wagner", "Clara", "clara.wagner@essen.example", "Stadt Essen", "", "", "Kennt Ningbo"],
]


@pytest.fixture
def german(tmp_path: Path) -> Path:
    path = tmp_path / "kontakte.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows([HEADER, *ROWS])
    return path


def open_dialog(qtbot, services, operations, path: Path) -> ImportDialog:  # type: ignore[no-untyped-def]
    dialog = ImportDialog(services, operations, path)
    qtbot.addWidget(dialog)
    return dialog


def row_of(dialog: ImportDialog, header: str) -> int:
    table = dialog.columns
    return next(r for r in range(table.rowCount()) if table.item(r, 0).text() == header)


def choose(dialog: ImportDialog, header: str, label: str) -> None:
    combo = dialog.combos[row_of(dialog, header)]
    index = combo.findText(label)
    assert index >= 0, label
    combo.setCurrentIndex(index)


def problems(dialog: ImportDialog) -> list[tuple[str, str]]:
    table = dialog.problems
    return [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]


def test_a_sheet_with_an_unknown_column_opens_on_its_columns(
    qtbot, services, operations, language, german
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, services, operations, german)
    assert dialog.pages.currentWidget() is dialog.mapping_page
    assert dialog.mapping_hint.text() == (
        "Liaison does not know 1 of the columns (highlighted): choose what it holds, "
        "or leave it out."
    )
    table = dialog.columns
    header = [table.horizontalHeaderItem(c).text() for c in range(3)]
    assert header == ["Column", "First values", "Import as"]
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == HEADER
    assert [c.currentText() for c in dialog.combos] == [
        "Family name",
        "Given name",
        "E-mail addresses",
        "Organisation",
        "Phone numbers",
        "Don't import",
        "Notes",
    ]
    colours = row_of(dialog, "Lieblingsfarbe")
    assert table.item(colours, 1).text() == "blau  ·  rot"
    # The unknown column stands out; the others do not.
    assert table.item(colours, 0).font().bold()
    assert table.item(colours, 0).background().color() != table.item(0, 0).background().color()
    assert table.item(colours, 0).toolTip() == (
        "Liaison does not know this column: choose what it holds."
    )
    assert not table.item(0, 0).font().bold()
    assert not dialog.next_button.isHidden() and dialog.next_button.isEnabled()
    assert dialog.import_button.isHidden()
    assert services.contacts.count() == 0


def test_map_an_unknown_column_then_import(qtbot, services, operations, language, german) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, services, operations, german)
    choose(dialog, "Lieblingsfarbe", "Notes")
    assert dialog.mapping() == {"Lieblingsfarbe": "notes"}

    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentWidget() is dialog.report_page
    assert dialog.summary.text() == "Ready to import: 2 new, 0 updated, 0 unchanged."
    assert problems(dialog) == [("3", "“bernd.schulz(at)bonn.example” is not an e-mail address.")]
    assert not dialog.back_button.isHidden()
    assert dialog.save_rejected_button.isHidden()  # the rows are saved once they are final
    assert services.contacts.count() == 0

    with qtbot.waitSignal(dialog.imported, timeout=5000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.summary.text() == "Imported: 2 new, 0 updated, 0 unchanged."
    assert dialog.problems_label.text() == "1 entry was skipped:"
    assert dialog.back_button.isHidden() and dialog.import_button.isHidden()
    assert dialog.close_button.text() == "Close"
    people = services.contacts.as_dicts(services.contacts.search(""))
    notes = {p["family_name"]: p["notes"] for p in people}
    assert notes == {"Meier": "Lieblingsfarbe: blau", "Wagner": "Kennt Ningbo"}


def test_save_the_rejected_rows_to_fix_them(
    qtbot, services, operations, language, german, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, services, operations, german)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert not dialog.save_rejected_button.isHidden()
    assert dialog.save_rejected_button.isEnabled()
    assert dialog.save_rejected_button.text() == "Save rejected rows…"

    asked: list[tuple[Any, ...]] = []
    answer = ""

    def get_save_file_name(*args: Any) -> tuple[str, str]:
        asked.append(args)
        return answer, ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save_file_name)
    qtbot.mouseClick(dialog.save_rejected_button, Qt.MouseButton.LeftButton)  # cancelled
    assert dialog.saved_label.isHidden()
    _parent, title, proposed, filters = asked[0]
    assert title == "Save rejected rows"
    assert Path(proposed) == german.with_name("kontakte (rejected).csv")
    assert filters == "Rejected rows (*.csv)"

    answer = str(tmp_path / "zu korrigieren")  # no suffix typed: the file's own is added
    qtbot.mouseClick(dialog.save_rejected_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "zu korrigieren.csv"
    assert dialog.saved_label.text() == (
        "Saved in “zu korrigieren.csv”: correct the entries there, then import that file."
    )
    with saved.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows == [
        [*HEADER, "error"],
        [*ROWS[1], "“bernd.schulz(at)bonn.example” is not an e-mail address."],
    ]


def test_a_failed_save_says_so_and_the_import_stands(
    qtbot, services, operations, language, german, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, services, operations, german)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    folder = tmp_path / "gone"  # a folder removed in the meantime
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args: (str(folder / "rejected.csv"), "")
    )
    qtbot.mouseClick(dialog.save_rejected_button, Qt.MouseButton.LeftButton)
    assert not dialog.saved_label.isHidden()
    assert dialog.saved_label.text() == (
        "“rejected.csv” could not be written: No such file or directory"
    )
    assert dialog.summary.text() == "Imported: 2 new, 0 updated, 0 unchanged."
    assert dialog.import_button.isHidden()
    assert services.contacts.count() == 2


def test_back_returns_to_the_columns_with_the_choices_made(
    qtbot, services, operations, language, german
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, services, operations, german)
    choose(dialog, "Lieblingsfarbe", "Tags")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentWidget() is dialog.mapping_page
    assert dialog.combos[row_of(dialog, "Lieblingsfarbe")].currentText() == "Tags"

    choose(dialog, "E-Mail-Adresse", "Don't import")  # Bernd's bad address no longer matters
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.summary.text() == "Ready to import: 3 new, 0 updated, 0 unchanged."
    assert dialog.problems.isHidden()


def test_with_every_column_left_out_there_is_nothing_to_preview(
    qtbot, services, operations, language, german
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, services, operations, german)
    for combo in dialog.combos:
        combo.setCurrentIndex(0)
    assert not dialog.next_button.isEnabled()
    choose(dialog, "Nachname", "Family name")
    assert dialog.next_button.isEnabled()


def test_a_sheet_liaison_knows_goes_straight_to_the_preview(
    qtbot, services, operations, language
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, services, operations, DATA / "bad_rows.csv")
    assert dialog.pages.currentWidget() is dialog.report_page
    assert dialog.summary.text() == "Ready to import: 3 new, 0 updated, 0 unchanged."
    assert not dialog.back_button.isHidden()  # its columns can still be changed

    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    assert dialog.mapping_hint.text() == "Choose what each column holds."
    assert not any(dialog.columns.item(r, 0).font().bold() for r in range(6))
    choose(dialog, "Notes", "Tags")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    tags = {
        p["family_name"]: p["tags"]
        for p in services.contacts.as_dicts(services.contacts.search(""))
    }
    assert tags["Jansen"] == ["Two lines", "of notes"]


def test_a_vcard_has_no_columns_and_nothing_rejected_to_save(
    qtbot, services, operations, language
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, services, operations, DATA / "thunderbird_40.vcf")
    assert dialog.pages.currentWidget() is dialog.report_page
    assert dialog.back_button.isHidden()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert not dialog.save_rejected_button.isHidden()
    assert not dialog.save_rejected_button.isEnabled()


def test_rejected_cards_are_saved_as_a_vcard(
    qtbot, services, operations, language, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, services, operations, DATA / "broken_cards.vcf")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    target = tmp_path / "cards.vcf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    qtbot.mouseClick(dialog.save_rejected_button, Qt.MouseButton.LeftButton)
    assert target.read_text(encoding="utf-8").count("BEGIN:VCARD") == 2
    assert dialog.saved_label.text().startswith("Saved in “cards.vcf”")


class Deferred:
    """Operations that wait to be told to finish, as a slow import does."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Callable[[], Any], Callable[[Any], None]]] = []

    def run(self, fn, *, on_success=None, on_error=None, parent=None) -> None:  # type: ignore[no-untyped-def]
        self.jobs.append((fn, on_success))

    def finish(self) -> None:
        fn, on_success = self.jobs.pop(0)
        on_success(fn())


def test_the_dialog_shows_it_is_busy_and_stays_open_until_done(
    qtbot, services, language, german
) -> None:  # type: ignore[no-untyped-def]
    operations = Deferred()
    dialog = open_dialog(qtbot, services, operations, german)
    dialog.show()
    assert not dialog.progress.isHidden()  # reading the columns
    operations.finish()
    assert dialog.progress.isHidden()

    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert not dialog.progress.isHidden()
    assert dialog.summary.text() == "Reading the file…"
    assert not dialog.close_button.isEnabled()
    dialog.reject()  # Esc while the file is being read
    assert dialog.isVisible()
    operations.finish()
    assert dialog.progress.isHidden()
    assert dialog.import_button.isEnabled() and dialog.close_button.isEnabled()
    dialog.reject()
    assert not dialog.isVisible()


class _PretendChinese(QTranslator):
    """A few sentences "in Chinese", so the test does not depend on the shipped catalogue."""

    SENTENCES = {
        ("ImportDialog", "Import as"): "导入为",
        ("ImportDialog", "Don't import"): "不导入",
        ("Import", "Notes"): "备注",
    }

    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def]
        return self.SENTENCES.get((context, source), "")

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


def test_the_columns_page_follows_the_language(
    qtbot, services, operations, language, german
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, services, operations, german)
    choose(dialog, "Lieblingsfarbe", "Notes")
    combo = dialog.combos[row_of(dialog, "Lieblingsfarbe")]
    pretend = _PretendChinese()
    QCoreApplication.installTranslator(pretend)
    try:
        qtbot.waitUntil(lambda: combo.currentText() == "备注")
        assert combo.itemText(0) == "不导入"
        assert dialog.columns.horizontalHeaderItem(2).text() == "导入为"
        assert dialog.mapping() == {"Lieblingsfarbe": "notes"}  # the choice is kept
    finally:
        QCoreApplication.removeTranslator(pretend)
    qtbot.waitUntil(lambda: combo.currentText() == "Notes")


def test_tab_goes_from_choice_to_choice_then_to_the_buttons(
    qtbot, services, operations, language, german
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, services, operations, german)
    combos = dialog.combos
    assert [c.nextInFocusChain() for c in combos[:-1]] == combos[1:]
    with qtbot.waitExposed(dialog):
        dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    combos[-1].setFocus()
    qtbot.keyClick(combos[-1], Qt.Key.Key_Tab)
    assert dialog.focusWidget() in dialog.buttons.buttons()
