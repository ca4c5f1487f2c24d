"""The greeting template editor: edit the words and watch the preview follow, be told of a
misspelt variable, save the office's own words (which the wizard then uses), restore the
original, and be asked before unsaved words are thrown away."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from crm.services.greeting_templates import shipped_templates
from crm.services.greetings import GreetingService
from crm.ui.dialogs.greeting_wizard import RECIPIENTS_PAGE, GreetingWizard
from crm.ui.dialogs.template_editor import TemplateEditor

WANG_FANG = "2e4895f6-70de-4cf3-a2a7-72723bcf4ad8"  # 王芳, 欧洲处处长, writes Chinese
WARMEST = "please accept our warmest wishes"
KINDEST = "please accept our kindest wishes"


@pytest.fixture
def office(settings):  # type: ignore[no-untyped-def]
    settings.sender_name = "Anna Berg"
    settings.our_city = "Aalborg"
    return settings


class Questions:
    """The answers the editor's questions get, in order (the test adds them), and the answers
    given, by kind: "discard" or "restore"."""

    def __init__(self) -> None:
        self.answers: dict[str, list[bool]] = {"discard": [], "restore": []}
        self.asked: dict[str, list[bool]] = {"discard": [], "restore": []}

    def ask(self, kind: str) -> Any:
        def answer(editor: TemplateEditor) -> bool:
            reply = self.answers[kind].pop(0)
            self.asked[kind].append(reply)
            return reply

        return answer


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    found = Questions()
    monkeypatch.setattr(TemplateEditor, "confirm_discard", found.ask("discard"))
    monkeypatch.setattr(TemplateEditor, "confirm_restore", found.ask("restore"))
    return found


@pytest.fixture
def open_editor(qtbot, demo_services, operations, office, language):  # type: ignore[no-untyped-def]
    def make(**kwargs: Any) -> TemplateEditor:
        options = {"occasion": "mid_autumn", "language": "en", "contact_id": WANG_FANG, **kwargs}
        editor = TemplateEditor(demo_services, operations, settings=office, **options)
        qtbot.addWidget(editor)
        return editor

    return make


def preview(editor: TemplateEditor) -> str:
    return editor.preview.toPlainText()


def test_editing_changes_the_preview(qtbot, open_editor) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor()
    assert editor.windowTitle() == "Greeting template: Mid-Autumn Festival"
    assert editor.occasion_combo.currentData() == "mid_autumn"
    assert editor.language_combo.currentText() == "English"
    assert editor.subject_edit.text() == "Happy Mid-Autumn Festival"
    assert editor.contact_picker.selected_id() == WANG_FANG
    assert preview(editor).startswith("Dear Ms Wang,")
    assert "Anna Berg" in preview(editor) and "Aalborg" in preview(editor)
    assert editor.status_label.text() == "These are the words Liaison comes with."
    assert not editor.save_button.isEnabled()  # nothing changed yet
    assert not editor.restore_button.isEnabled()  # nothing of the office's own to remove

    body = editor.body_edit.toPlainText()
    assert WARMEST in body
    editor.body_edit.setPlainText(body.replace(WARMEST, KINDEST))
    assert WARMEST in preview(editor)  # after a pause in the typing
    qtbot.waitUntil(lambda: KINDEST in preview(editor), timeout=2000)
    assert editor.save_button.isEnabled()

    qtbot.keyClicks(editor.subject_edit, " {{ year }}")
    qtbot.waitUntil(lambda: editor.preview_subject.text().endswith(" 2026"), timeout=2000)


def test_a_misspelt_variable_is_a_problem_and_cannot_be_saved(  # type: ignore[no-untyped-def]
    qtbot, open_editor, demo_services
) -> None:
    editor = open_editor()
    editor.body_edit.setPlainText("{{ salutaton }}\n\nHappy Mid-Autumn!")
    editor.refresh()  # as the pause in typing would
    assert editor.problems_label.text() == "The template uses an unknown variable: salutaton."
    assert editor.problems_label.isVisibleTo(editor)
    assert not editor.save_button.isEnabled()
    assert preview(editor) == ""  # nothing to show until the words are right
    editor.save()
    assert not GreetingService(demo_services.db).is_customised("mid_autumn", "en")

    editor.subject_edit.setText("{{ year")
    editor.refresh()
    problems = editor.problems_label.text().splitlines()  # one sentence a line
    assert len(problems) == 2
    assert problems[0].startswith("The subject has a mistake: unexpected end of template")
    assert problems[1] == "The template uses an unknown variable: salutaton."

    editor.subject_edit.setText("Happy Mid-Autumn Festival")
    editor.body_edit.setPlainText("{{ salutation }}\n\nHappy Mid-Autumn!")
    editor.refresh()
    assert editor.problems_label.isHidden()
    assert editor.save_button.isEnabled()
    assert preview(editor).split() == ["Dear", "Ms", "Wang,", "Happy", "Mid-Autumn!"]


def test_a_variable_is_inserted_where_the_cursor_is(qtbot, open_editor) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor()
    editor.body_edit.setPlainText("Dear friends,")
    editor.body_edit.setFocus()
    editor.body_edit.moveCursor(editor.body_edit.textCursor().MoveOperation.Start)
    items = editor.variables.findItems("salutation", Qt.MatchFlag.MatchExactly)
    assert items and items[0].toolTip().startswith("The opening line")
    rect = editor.variables.visualItemRect(items[0])
    qtbot.mouseClick(editor.variables.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.body_edit.toPlainText() == "{{ salutation }}Dear friends,"


def test_saved_words_are_the_wizards_and_restoring_brings_back_the_original(  # type: ignore[no-untyped-def]
    qtbot, open_editor, demo_services, operations, office, language, questions
) -> None:
    editor = open_editor()
    editor.body_edit.setPlainText(editor.body_edit.toPlainText().replace(WARMEST, KINDEST))
    with qtbot.waitSignal(editor.saved) as saved:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert saved.args == ["mid_autumn", "en"]
    greetings = GreetingService(demo_services.db)
    assert greetings.is_customised("mid_autumn", "en")
    assert editor.status_label.text() == "These are your office's own words."
    assert not editor.save_button.isEnabled()
    assert editor.restore_button.isEnabled()

    # The wizard's preview now uses the office's words.
    wizard = GreetingWizard(demo_services, operations, office, language, contact_ids=[WANG_FANG])
    qtbot.addWidget(wizard)
    wizard.year_spin.setValue(2026)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.pages.currentIndex() == RECIPIENTS_PAGE
    assert KINDEST in wizard.preview.toPlainText()
    assert "尊敬的王处长：" in wizard.preview.toPlainText()  # the Chinese words are the shipped

    # "No" keeps the office's words; "Yes" restores the original.
    questions.answers["restore"] += [False, True]
    editor.restore_original()
    assert greetings.is_customised("mid_autumn", "en")
    with qtbot.waitSignal(editor.saved):
        qtbot.mouseClick(editor.restore_button, Qt.MouseButton.LeftButton)
    assert questions.asked["restore"] == [False, True]
    assert not greetings.is_customised("mid_autumn", "en")
    shipped = shipped_templates()["mid_autumn", "en"]
    assert editor.body_edit.toPlainText() == shipped.body
    assert WARMEST in preview(editor)
    assert not editor.restore_button.isEnabled()
    assert editor.status_label.text() == "These are the words Liaison comes with."
    wizard.refresh_preview()
    assert WARMEST in wizard.preview.toPlainText()


def test_the_wizard_opens_the_template_of_the_persons_language(  # type: ignore[no-untyped-def]
    qtbot, demo_services, operations, office, language, questions
) -> None:
    wizard = GreetingWizard(demo_services, operations, office, language, contact_ids=[WANG_FANG])
    qtbot.addWidget(wizard)
    wizard.year_spin.setValue(2026)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.edit_template_button, Qt.MouseButton.LeftButton)
    editor = wizard.template_editor
    assert editor is not None and editor.isVisible()
    assert (editor.occasion, editor.language) == ("mid_autumn", "zh_CN")
    assert preview(editor).startswith("尊敬的王处长：")
    body = editor.body_edit.toPlainText()
    editor.body_edit.setPlainText(body.replace("诚挚的节日问候", "最美好的祝愿"))
    editor.save()
    assert "最美好的祝愿" in wizard.preview.toPlainText()  # the wizard follows at once
    editor.reject()
    assert not editor.isVisible()


def test_closing_asks_before_unsaved_words_are_lost(qtbot, open_editor, questions) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor()
    editor.show()
    editor.reject()  # nothing changed: no question
    assert questions.asked["discard"] == []
    editor.show()
    editor.body_edit.appendPlainText("P.S.")
    questions.answers["discard"] += [False, True]
    qtbot.mouseClick(editor.close_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()  # "Keep editing"
    editor.reject()
    assert not editor.isVisible()
    assert questions.asked["discard"] == [False, True]


def test_switching_the_language_with_unsaved_words_asks_first(open_editor, questions) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor()
    editor.body_edit.appendPlainText("P.S.")
    questions.answers["discard"] += [False]
    editor.language_combo.setCurrentIndex(editor.language_combo.findData("zh_CN"))
    assert editor.language_combo.currentData() == "en"  # kept editing
    assert editor.body_edit.toPlainText().endswith("P.S.")
    questions.answers["discard"] += [True]
    editor.language_combo.setCurrentIndex(editor.language_combo.findData("zh_CN"))
    assert editor.language == "zh_CN"
    assert editor.subject_edit.text() == "中秋节快乐"
    assert preview(editor).startswith("尊敬的王处长：")


def test_an_anniversary_is_previewed_without_a_partnership(open_editor) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(occasion="anniversary")
    assert preview(editor).startswith("Dear Ms Wang,")
    assert editor.preview_error.isHidden()
