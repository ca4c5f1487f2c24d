"""The possible-duplicates dialog as a user works through it: pick a pair, compare, merge, undo."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QRadioButton

from crm.domain.contacts import ContactDraft
from crm.domain.text import DomainError
from crm.services.changes import Changes
from crm.ui.dialogs.duplicates_dialog import DuplicatesDialog, PairColumn


def add(services: Any, **fields: Any) -> str:
    contact_id, _ = services.contacts.create(ContactDraft(**fields))
    return str(contact_id)


def muller(services: Any) -> str:
    return services.contacts.search("katrin.mueller@hamburg.de.example")[0]  # type: ignore[no-any-return]


@pytest.fixture
def undo_stack(qapp) -> QUndoStack:  # type: ignore[no-untyped-def]
    return QUndoStack()


def open_dialog(qtbot, services, operations, undo_stack=None) -> DuplicatesDialog:  # type: ignore[no-untyped-def]
    dialog = DuplicatesDialog(services, operations, undo_stack=undo_stack)
    qtbot.addWidget(dialog)
    return dialog


def rows(dialog: DuplicatesDialog) -> list[tuple[str, str, str]]:
    table = dialog.pair_table
    return [
        (
            table.item(r, PairColumn.LEFT).text(),
            table.item(r, PairColumn.RIGHT).text(),
            table.item(r, PairColumn.REASONS).text(),
        )
        for r in range(table.rowCount())
    ]


def click_row(qtbot, dialog: DuplicatesDialog, row: int) -> None:  # type: ignore[no-untyped-def]
    table = dialog.pair_table
    rect = table.visualRect(table.model().index(row, PairColumn.REASONS))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def radios(dialog: DuplicatesDialog) -> list[QRadioButton]:
    return dialog.comparison.findChildren(QRadioButton)


def labels(dialog: DuplicatesDialog) -> list[str]:
    return [label.text() for label in dialog.comparison.findChildren(QLabel)]


@pytest.fixture
def doubles(demo_services) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Katrin Müller entered again from a spreadsheet, and Wang Fang under a second address."""
    return {
        "mueller": add(
            demo_services,
            family_name="MUELLER",
            given_name="Katrin",
            position="Head of the China Desk",
            emails=["k.mueller@example.de"],
        ),
        "fang": add(
            demo_services,
            family_name="Fang",
            given_name="Wang",
            emails=["wangfang@hefei.gov.cn.example", "fang@example.cn"],
        ),
    }


def test_the_sample_office_shows_the_empty_state(
    qtbot, demo_services, operations, language
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, demo_services, operations)
    assert dialog.windowTitle() == "Possible duplicates"
    assert dialog.stack.currentWidget() is dialog.empty
    assert dialog.empty.title.text() == "No possible duplicates found"
    assert dialog.progress.isHidden()
    assert not dialog.merge_left_button.isEnabled()
    assert not dialog.dismiss_button.isEnabled()


def test_pairs_are_listed_and_compared_side_by_side(
    qtbot, demo_services, operations, language, doubles
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, demo_services, operations)
    assert dialog.stack.currentWidget() is dialog.pairs_page
    # "2 possible duplicates." once the English catalogue has the plural forms
    assert dialog.status.text().startswith("2 possible duplicate")
    assert rows(dialog) == [
        ("Wang Fang (王芳)", "Wang Fang", "Same e-mail address, Same name"),
        ("Katrin Müller", "Katrin MUELLER", "Same name"),
    ]
    assert dialog.pair_table.item(0, PairColumn.LEFT_ORGANISATION).text() == (
        "Hefei Municipal Foreign Affairs Office"
    )
    assert dialog.pair_table.item(0, PairColumn.SCORE).text() == "100"
    click_row(qtbot, dialog, 1)
    assert dialog.current_pair() is not None
    assert dialog.current_pair().second.id == doubles["mueller"]  # type: ignore[union-attr]
    texts = {button.text() for button in radios(dialog)}
    assert {"Müller", "MUELLER"} <= texts  # the family names differ: a choice
    assert "(empty)" in texts  # Ms on the left, no honorific on the right
    assert "Katrin" in labels(dialog)  # the given names agree: no choice
    assert "katrin.mueller@hamburg.de.example" in labels(dialog)
    assert dialog.merge_left_button.isEnabled() and dialog.merge_right_button.isEnabled()
    # Where one side is empty, the value there is chosen by default.
    checked = {button.text() for button in radios(dialog) if button.isChecked()}
    assert {
        "Müller",
        "Ms",
        "Senate Chancellery of the Free and Hanseatic City of Hamburg",
    } <= checked


def test_merge_into_left_updates_the_list_and_undo_brings_the_pair_back(
    qtbot, demo_services, operations, language, doubles, undo_stack
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, demo_services, operations, undo_stack)
    click_row(qtbot, dialog, 1)
    left = muller(demo_services)
    position = next(b for b in radios(dialog) if b.text() == "Head of the China Desk")
    position.click()

    with qtbot.waitSignal(dialog.changed, timeout=5000) as signal:
        qtbot.mouseClick(dialog.merge_left_button, Qt.MouseButton.LeftButton)
    changes = signal.args[0]
    assert isinstance(changes, Changes)
    assert changes.contacts >= {left, doubles["mueller"]}
    assert [r[1] for r in rows(dialog)] == ["Wang Fang"]  # the merged pair is gone
    kept = demo_services.contacts.get(left).draft
    assert kept.family_name == "Müller" and kept.position == "Head of the China Desk"
    assert kept.emails == ["katrin.mueller@hamburg.de.example", "k.mueller@example.de"]
    with pytest.raises(DomainError):
        demo_services.contacts.get(doubles["mueller"])
    assert undo_stack.undoText() == "Merge “Katrin MUELLER” into “Katrin Müller”"

    with qtbot.waitSignal(dialog.changed, timeout=5000):
        undo_stack.undo()
    assert len(rows(dialog)) == 2
    assert demo_services.contacts.get(doubles["mueller"]).draft.family_name == "MUELLER"
    assert demo_services.contacts.get(left).draft.position != "Head of the China Desk"

    with qtbot.waitSignal(dialog.changed, timeout=5000):
        undo_stack.redo()
    assert len(rows(dialog)) == 1


def test_merge_into_right_keeps_the_right_contact(
    qtbot, demo_services, operations, language, doubles
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, demo_services, operations)  # no undo stack: merged at once
    click_row(qtbot, dialog, 0)
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        qtbot.mouseClick(dialog.merge_right_button, Qt.MouseButton.LeftButton)
    kept = demo_services.contacts.get(doubles["fang"]).draft
    # The checked values were the left one's where the two differ, so the name stays Wang Fang.
    assert (kept.family_name, kept.given_name, kept.name_zh) == ("Wang", "Fang", "王芳")
    assert "fang@example.cn" in kept.emails
    assert demo_services.contacts.search("王芳") == [doubles["fang"]]


def test_not_the_same_person_hides_the_pair_until_undone(
    qtbot, demo_services, operations, language, doubles, undo_stack
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, demo_services, operations, undo_stack)
    click_row(qtbot, dialog, 1)
    qtbot.mouseClick(dialog.dismiss_button, Qt.MouseButton.LeftButton)
    assert [r[1] for r in rows(dialog)] == ["Wang Fang"]
    assert len(rows(open_dialog(qtbot, demo_services, operations))) == 1  # remembered
    undo_stack.undo()
    assert len(rows(dialog)) == 2


def test_the_last_pair_merged_leaves_the_empty_state(
    qtbot, demo_services, operations, language
) -> None:  # type: ignore[no-untyped-def]
    add(demo_services, family_name="Mueller", given_name="Katrin")
    dialog = open_dialog(qtbot, demo_services, operations)
    assert len(rows(dialog)) == 1
    assert dialog.current_pair() is not None  # the first pair is selected at once
    qtbot.mouseClick(dialog.merge_left_button, Qt.MouseButton.LeftButton)
    assert dialog.stack.currentWidget() is dialog.empty
    assert not dialog.merge_left_button.isEnabled()


def test_the_buttons_have_mnemonics_and_the_list_comes_first(
    qtbot, demo_services, operations, language, doubles
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, demo_services, operations)
    assert [b.text() for b in (dialog.merge_left_button, dialog.merge_right_button)] == [
        "Merge into &left",
        "Merge into &right",
    ]
    assert dialog.dismiss_button.text() == "&Not the same person"
    assert not dialog.merge_left_button.autoDefault()
    dialog.show()
    dialog.pair_table.setFocus()
    focus = [dialog.focusWidget()]
    for _ in range(40):
        dialog.focusNextChild()
        focus.append(dialog.focusWidget())
    radio_at = next(i for i, w in enumerate(focus) if isinstance(w, QRadioButton))
    merge_at = focus.index(dialog.merge_left_button)
    assert focus[0] is dialog.pair_table and radio_at < merge_at


def test_switching_the_language_retranslates(
    qtbot, demo_services, operations, language, doubles
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, demo_services, operations)
    click_row(qtbot, dialog, 1)
    mueller = next(b for b in radios(dialog) if b.text() == "MUELLER")
    mueller.setChecked(True)
    language.switch("zh_CN")
    assert dialog.windowTitle()
    # The comparison is built again in the new language, the choices made are kept.
    assert next(b for b in radios(dialog) if b.text() == "MUELLER").isChecked()
    language.switch("en")
    assert dialog.windowTitle() == "Possible duplicates"
