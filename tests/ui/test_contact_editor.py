"""The contact editor as a user meets it: what gets saved, what is said, and where."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTranslator
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QWidget

from crm.ui.dialogs.contact_editor import ContactEditor
from crm.ui.dialogs.organisation_dialog import OrganisationDialog
from crm.ui.dialogs.staff_dialog import StaffDialog
from crm.ui.widgets.error_label import ErrorLabel
from crm.ui.widgets.value_list import ValueListEdit

# The offscreen platform of the test run cannot hand a shown window's size limits to a window
# system and says so once per window; it means nothing about our widgets.
shown = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def discard_questions(monkeypatch: pytest.MonkeyPatch) -> list[ContactEditor]:
    """Every "discard your changes?" question is recorded and answered "Discard"."""
    asked: list[ContactEditor] = []

    def confirm(editor: ContactEditor) -> bool:
        asked.append(editor)
        return True

    monkeypatch.setattr(ContactEditor, "confirm_discard", confirm)
    return asked


def open_editor(qtbot, services, operations, contact_id=None, *, show=False):  # type: ignore[no-untyped-def]
    editor = ContactEditor(services, operations, contact_id=contact_id)
    qtbot.addWidget(editor)
    if show:
        editor.resize(900, 700)
        with qtbot.waitExposed(editor):
            editor.show()
        with qtbot.waitActive(editor):
            editor.activateWindow()
    return editor


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type like a user: ASCII from the keyboard, the rest (汉字, ü) as an input method commits it."""
    for chunk in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QCoreApplication.sendEvent(widget, event)


def wang_fang(services) -> str:  # type: ignore[no-untyped-def]
    return services.contacts.search("王芳")[0]


def below(widget: QWidget, other: QWidget, window: QWidget) -> int:
    """How far `widget`'s top is under `other`'s bottom, in the window's coordinates."""
    top = widget.mapTo(window, widget.rect().topLeft()).y()
    bottom = other.mapTo(window, other.rect().bottomLeft()).y()
    return top - bottom


def test_creating_a_contact_with_two_emails_saves_it(
    qtbot, services, operations, discard_questions
):
    editor = open_editor(qtbot, services, operations)
    assert editor.windowTitle() == "New contact"
    type_text(qtbot, editor.family_name_edit, "Müller")
    qtbot.keyClicks(editor.given_name_edit, "Katrin")
    qtbot.keyClicks(editor.emails_edit.line_edits()[0], "katrin.mueller@aalborg.dk.example")
    # Typing in the empty line offered another one for the second address.
    qtbot.keyClicks(editor.emails_edit.line_edits()[-1], "k.mueller@example.org")
    assert len(editor.emails_edit.line_edits()) == 3

    with qtbot.waitSignal(editor.saved) as saved:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert editor.result() == QDialog.DialogCode.Accepted
    assert editor.contact_id in saved.args[0].contacts
    draft = services.contacts.get(editor.contact_id).draft
    assert (draft.family_name, draft.given_name) == ("Müller", "Katrin")
    assert draft.emails == ["katrin.mueller@aalborg.dk.example", "k.mueller@example.org"]
    assert discard_questions == []


@shown
def test_a_malformed_email_is_explained_beside_the_field_and_nothing_is_saved(
    qtbot, services, operations, discard_questions
):
    before = services.contacts.count()
    editor = open_editor(qtbot, services, operations, show=True)
    qtbot.keyClicks(editor.family_name_edit, "Wang")
    email = editor.emails_edit.line_edits()[0]
    qtbot.keyClicks(email, "wang.fang@")

    with qtbot.assertNotEmitted(editor.saved):
        qtbot.keyClick(email, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    sentence = editor.field_error("emails")
    assert sentence == "“wang.fang@” is not an e-mail address."
    assert services.contacts.count() == before
    assert editor.isVisible() and editor.result() != QDialog.DialogCode.Accepted
    # The sentence sits right under the e-mail lines, and the cursor is back in the field.
    (label,) = [w for w in editor.findChildren(ErrorLabel) if w.isVisible()]
    assert label.text() == sentence
    assert 0 <= below(label, editor.emails_edit, editor) <= 12
    assert editor.focusWidget() is email

    qtbot.keyClicks(email, "hefei.gov.cn")
    assert editor.field_error("emails") == ""


def test_an_impossible_birthday_is_explained_beside_the_birthday(
    qtbot, services, operations, discard_questions
):
    before = services.contacts.count()
    editor = open_editor(qtbot, services, operations)
    qtbot.keyClicks(editor.family_name_edit, "Wang")
    qtbot.keyClicks(editor.birthday_edit, "2023-02-30")

    editor.save_button.click()

    assert editor.field_error("birthday") == "2023-02-30 does not exist in the calendar."
    assert editor.field_error("emails") == ""
    assert services.contacts.count() == before
    assert editor.focusWidget() is editor.birthday_edit


def test_every_problem_is_shown_at_once_and_the_first_field_gets_the_cursor(
    qtbot, services, operations, discard_questions
):
    editor = open_editor(qtbot, services, operations)
    qtbot.keyClicks(editor.phones_edit.line_edits()[0], "call me")
    qtbot.keyClicks(editor.birthday_edit, "--13-01")

    editor.save_button.click()

    assert editor.field_error("family_name").startswith("Give a family name")
    assert editor.field_error("phones") == "“call me” is not a phone number."
    assert "--13-01" in editor.field_error("birthday")
    assert editor.focusWidget() is editor.family_name_edit
    # Typing any of the names answers "give a name".
    type_text(qtbot, editor.name_zh_edit, "王")
    assert editor.field_error("family_name") == ""
    assert editor.field_error("phones") != ""


def test_the_chinese_name_shows_its_pinyin_as_you_type(qtbot, services, operations):
    editor = open_editor(qtbot, services, operations)
    type_text(qtbot, editor.name_zh_edit, "单丽华")
    assert "Shan Lihua" in editor.pinyin_label.text()
    editor.name_zh_edit.clear()
    assert editor.pinyin_label.text() == ""


def test_a_lunar_birthday_is_saved_with_its_leap_month(
    qtbot, services, operations, discard_questions
):
    editor = open_editor(qtbot, services, operations)
    assert not editor.leap_month_check.isEnabled()
    qtbot.keyClicks(editor.family_name_edit, "Li")
    qtbot.keyClicks(editor.birthday_edit, "2020-04-08")
    editor.calendar_combo.setCurrentIndex(editor.calendar_combo.findData("lunar"))
    assert editor.leap_month_check.isEnabled()
    editor.leap_month_check.setChecked(True)

    editor.save_button.click()

    draft = services.contacts.get(editor.contact_id).draft
    assert (draft.birthday, draft.birthday_calendar, draft.birthday_leap_month) == (
        "2020-04-08",
        "lunar",
        True,
    )


def test_an_existing_contact_is_shown_and_saved_with_its_version(
    qtbot, demo_services, operations, discard_questions
):
    contact_id = wang_fang(demo_services)
    before = demo_services.contacts.get(contact_id)
    editor = open_editor(qtbot, demo_services, operations, contact_id)
    assert editor.windowTitle() == "Edit contact — Wang Fang (王芳)"
    assert editor.draft() == before.draft
    assert not editor.has_unsaved_changes()

    qtbot.keyClicks(editor.tags_edit, ", handover")
    with qtbot.waitSignal(editor.saved):
        editor.save_button.click()

    after = demo_services.contacts.get(contact_id)
    assert after.version == before.version + 1
    assert after.draft.tags == [*before.draft.tags, "handover"]
    assert discard_questions == []


def test_a_contact_changed_elsewhere_is_not_overwritten(
    qtbot, demo_services, operations, discard_questions, monkeypatch
):
    contact_id = wang_fang(demo_services)
    editor = open_editor(qtbot, demo_services, operations, contact_id)
    record = demo_services.contacts.get(contact_id)
    demo_services.acting.name = "Anna"
    demo_services.contacts.update(contact_id, record.draft, expected_version=record.version)
    qtbot.keyClicks(editor.wechat_edit, "_new")
    # The user closes the dialog comparing both versions without choosing.
    monkeypatch.setattr(ContactEditor, "exec_conflict", lambda editor, dialog: None)

    with qtbot.assertNotEmitted(editor.saved):
        editor.save_button.click()

    assert "was changed by Anna" in editor.field_error("")
    assert demo_services.contacts.get(contact_id).draft.wechat == "wangfang_hf"


@shown
def test_cancelling_an_edited_contact_asks_before_discarding(
    qtbot, demo_services, operations, monkeypatch
):
    answers = [False, True]  # "Keep editing", then "Discard"
    asked: list[str] = []

    def confirm(editor: ContactEditor) -> bool:
        asked.append(editor.windowTitle())
        return answers.pop(0)

    monkeypatch.setattr(ContactEditor, "confirm_discard", confirm)
    contact_id = wang_fang(demo_services)
    version = demo_services.contacts.get(contact_id).version
    editor = open_editor(qtbot, demo_services, operations, contact_id, show=True)
    qtbot.keyClicks(editor.position_edit, " (retired)")

    qtbot.mouseClick(editor.cancel_button, Qt.MouseButton.LeftButton)
    assert asked == ["Edit contact — Wang Fang (王芳)"]
    assert editor.isVisible()  # kept editing

    qtbot.keyClick(editor.position_edit, Qt.Key.Key_Escape)
    assert len(asked) == 2
    assert not editor.isVisible()
    assert editor.result() == QDialog.DialogCode.Rejected
    assert demo_services.contacts.get(contact_id).version == version


@shown
def test_closing_an_unchanged_contact_does_not_ask(
    qtbot, demo_services, operations, discard_questions
):
    editor = open_editor(qtbot, demo_services, operations, wang_fang(demo_services), show=True)
    # Visiting fields without changing them is not an edit.
    qtbot.keyClick(editor.family_name_edit, Qt.Key.Key_End)
    qtbot.keyClicks(editor.family_name_edit, "x")
    qtbot.keyClick(editor.family_name_edit, Qt.Key.Key_Backspace)
    editor.close()
    assert not editor.isVisible()
    assert discard_questions == []


def test_a_new_organisation_made_from_the_editor_is_selected(
    qtbot, services, operations, discard_questions, monkeypatch
):
    def fill_in_and_add(dialog: OrganisationDialog) -> int:
        qtbot.keyClicks(dialog.name_edit, "Port of Ningbo")
        type_text(qtbot, dialog.name_zh_edit, "宁波港")
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("port"))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        return dialog.result()

    monkeypatch.setattr(OrganisationDialog, "exec", fill_in_and_add)
    editor = open_editor(qtbot, services, operations)

    with qtbot.waitSignal(editor.directory_changed):
        qtbot.mouseClick(editor.new_organisation_button, Qt.MouseButton.LeftButton)

    assert editor.organisation_combo.currentText() == "Port of Ningbo / 宁波港"
    (port,) = [o for o in services.directory.organisations() if o.name == "Port of Ningbo"]
    assert port.kind == "port"
    qtbot.keyClicks(editor.family_name_edit, "Chen")
    editor.save_button.click()
    assert services.contacts.get(editor.contact_id).draft.organisation_id == port.id


def test_a_new_owner_made_from_the_editor_is_selected(
    qtbot, demo_services, operations, discard_questions, monkeypatch
):
    def fill_in_and_add(dialog: StaffDialog) -> int:
        qtbot.keyClicks(dialog.name_edit, "Anna Berg")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        # A second Anna Berg is refused beside the name, and the dialog stays open.
        assert "already exists" in dialog.name_error.text()
        assert dialog.result() != QDialog.DialogCode.Accepted
        dialog.name_edit.setText("Jonas Holm")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        return dialog.result()

    monkeypatch.setattr(StaffDialog, "exec", fill_in_and_add)
    editor = open_editor(qtbot, demo_services, operations)
    editor.new_owner_button.click()
    assert editor.owner_combo.currentText() == "Jonas Holm"


def test_successor_of_is_searched_by_name_and_never_the_contact_itself(
    qtbot, demo_services, operations, discard_questions
):
    contact_id = wang_fang(demo_services)
    editor = open_editor(qtbot, demo_services, operations, contact_id)
    picker = editor.successor_combo
    assert picker.currentText() == "(nobody)"
    assert picker.findData(contact_id) < 0

    picker.setEditText("王芳")  # only the contact itself has that name: nothing to pick
    picker.commit()
    assert picker.selected_id() is None

    other_id, label = next(
        (i, text) for i, text in demo_services.contacts.pick_list("") if i != contact_id
    )
    picker.setEditText(label)
    picker.commit()
    assert picker.selected_id() == other_id
    assert editor.has_unsaved_changes()


@shown
# The offscreen platform can neither raise the popup of matches nor let it grab the keyboard.
@pytest.mark.qt_log_ignore(r"This plugin does not support (raise\(\)|grabbing the keyboard)")
def test_successor_of_finds_a_contact_by_pinyin_as_you_type(
    qtbot, demo_services, operations, discard_questions
):
    editor = open_editor(qtbot, demo_services, operations, show=True)
    picker = editor.successor_combo
    completer = picker.lineEdit().completer()
    qtbot.mouseClick(picker.lineEdit(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: picker.lineEdit().selectedText() == "(nobody)")
    qtbot.keyClicks(picker.lineEdit(), "ouyang")
    qtbot.waitUntil(lambda: completer.completionModel().rowCount() > 0)
    first = completer.completionModel().index(0, 0)
    assert first.data() == "Ouyang Ming (欧阳明)"

    completer.activated[QModelIndex].emit(first)  # the user picks it in the popup

    assert picker.selected_id() == demo_services.contacts.search("欧阳明")[0]
    assert picker.currentText() == "Ouyang Ming (欧阳明)"


def test_an_existing_successor_link_is_shown(qtbot, demo_services, operations):
    chen = demo_services.contacts.search("陈晓东")[0]
    predecessor = demo_services.contacts.get(chen).draft.successor_of_id
    editor = open_editor(qtbot, demo_services, operations, chen)
    assert editor.successor_combo.selected_id() == predecessor
    assert (
        editor.successor_combo.currentText()
        == dict(demo_services.contacts.pick_list(""))[predecessor]
    )


class _PretendChinese(QTranslator):
    """A few sentences "in Chinese", so the test does not depend on the shipped catalogue."""

    SENTENCES = {
        ("ContactEditor", "New contact"): "新建联系人",
        ("ContactEditor", "Family name:"): "姓：",
        ("Contacts", "Moved on"): "已调离",
    }

    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def]
        return self.SENTENCES.get((context, source), "")

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


def test_switching_language_retranslates_the_editor_live(
    qtbot, services, operations, language, monkeypatch
):
    editor = open_editor(qtbot, services, operations)
    editor.status_combo.setCurrentIndex(editor.status_combo.findData("moved_on"))
    calls: list[int] = []
    retranslate = editor.retranslate

    def counted() -> None:
        calls.append(1)
        retranslate()

    monkeypatch.setattr(editor, "retranslate", counted)
    (family,) = [x for x in editor.findChildren(QLabel) if x.buddy() is editor.family_name_edit]

    language.switch("zh_CN")
    qtbot.waitUntil(lambda: len(calls) > 0)

    pretend = _PretendChinese()
    QCoreApplication.installTranslator(pretend)
    try:
        qtbot.waitUntil(lambda: editor.windowTitle() == "新建联系人")
        assert family.text() == "姓："
        assert editor.status_combo.currentText() == "已调离"  # the choice is kept
    finally:
        QCoreApplication.removeTranslator(pretend)
    language.switch("en")
    qtbot.waitUntil(lambda: editor.windowTitle() == "New contact")
    assert family.text() == "Family name:"
    assert editor.status_combo.currentText() == "Moved on"


@shown
def test_tab_goes_through_the_form_in_reading_order(qtbot, demo_services, operations):
    editor = open_editor(qtbot, demo_services, operations, wang_fang(demo_services), show=True)
    editor.family_name_edit.setFocus()
    order: list[QWidget] = []
    for _ in range(40):
        widget = editor.focusWidget()
        order.append(widget)
        if widget is editor.cancel_button:
            break
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    emails, phones = editor.emails_edit.line_edits(), editor.phones_edit.line_edits()
    assert order == [
        editor.family_name_edit,
        editor.given_name_edit,
        editor.name_zh_edit,
        editor.honorific_combo,
        editor.position_edit,
        editor.position_zh_edit,
        editor.organisation_combo,
        editor.new_organisation_button,
        *emails,
        *phones,
        editor.wechat_edit,
        editor.language_combo,
        editor.birthday_edit,
        editor.calendar_combo,
        editor.tags_edit,  # "Leap month" is skipped: it only applies to a lunar birthday
        editor.owner_combo,
        editor.new_owner_button,
        editor.status_combo,
        editor.keep_in_touch_combo,
        editor.successor_combo,
        editor.notes_edit,
        editor.save_button,
        editor.cancel_button,
    ]


def test_a_value_list_keeps_one_empty_line_and_drops_emptied_ones(qtbot):
    values = ValueListEdit()
    qtbot.addWidget(values)
    values.set_values(["+45 99 31 31 31", " ", "+86 551 6353 7102"])
    lines = values.line_edits()
    assert [line.text() for line in lines] == ["+45 99 31 31 31", "+86 551 6353 7102", ""]

    with qtbot.waitSignal(values.changed):
        lines[0].selectAll()
        qtbot.keyClick(lines[0], Qt.Key.Key_Delete)
    assert len(values.line_edits()) == 3  # not while the user is still in it
    lines[0].editingFinished.emit()
    assert [line.text() for line in values.line_edits()] == ["+86 551 6353 7102", ""]
    assert values.values() == ["+86 551 6353 7102"]
    assert all(isinstance(line, QLineEdit) for line in values.line_edits())


def test_an_add_dialog_keeps_its_add_button_through_a_language_switch(  # type: ignore[no-untyped-def]
    qtbot, services, operations, language
) -> None:
    from crm.ui.dialogs.staff_dialog import StaffDialog

    dialog = StaffDialog(services.directory, operations)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "Add"
    language.switch("zh_CN")
    qtbot.waitUntil(lambda: ok.text() == "添加")
    language.switch("en")
    qtbot.waitUntil(lambda: ok.text() == "Add")
