"""Saving a record someone else saved meanwhile, as the user meets it: the editor shows both
versions field by field, and the user keeps theirs, keeps the other, or goes back to editing
with both combined. A colleague is a second `Services` over the same database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

import pytest
from PySide6.QtWidgets import QDialog

from crm.domain.contacts import ContactDraft
from crm.domain.delegation_rules import DelegationDraft
from crm.domain.partnership_rules import PartnershipDraft
from crm.services.acting import Acting
from crm.services.bundle import Services
from crm.ui.dialogs.conflict_dialog import ConflictChoice, ConflictDialog, FieldRow
from crm.ui.dialogs.contact_editor import ContactEditor
from crm.ui.dialogs.delegation_editor import DelegationEditor
from crm.ui.dialogs.partnership_editor import PartnershipEditor
from crm.ui.dialogs.settings_dialog import SettingsDialog


@dataclass(frozen=True)
class Shown:
    """What the conflict dialog showed, read before the editor lets it go."""

    sentence: str
    rows: dict[str, tuple[str, str]]
    differing: list[str]
    bold: list[str]


@pytest.fixture
def me(services: Services) -> Services:
    services.acting.name = "Me"
    return services


@pytest.fixture
def anna(database_url: str) -> Iterator[Services]:
    """A colleague saving from her own computer."""
    bundle = Services.open(database_url, acting=Acting("Anna"))
    yield bundle
    bundle.db.dispose()


Answer = Callable[[type, str | None], list[Shown]]


@pytest.fixture
def answer(monkeypatch: pytest.MonkeyPatch) -> Answer:
    """Make an editor class answer its conflict dialog with one button (None: Esc), and
    record what the dialog showed."""

    def setup(editor_class: type, button: str | None) -> list[Shown]:
        shown: list[Shown] = []

        def exec_conflict(_editor: QDialog, dialog: ConflictDialog) -> ConflictChoice | None:
            table = dialog.table
            shown.append(
                Shown(
                    dialog.sentence_label.text(),
                    {row.label: (row.mine, row.theirs) for row in dialog.rows},
                    dialog.differing_labels(),
                    [
                        table.item(r, 0).text()
                        for r in range(table.rowCount())
                        if table.item(r, 0).font().bold()
                    ],
                )
            )
            if button is None:
                dialog.reject()
            else:
                getattr(dialog, button).click()
            return dialog.choice

        monkeypatch.setattr(editor_class, "exec_conflict", exec_conflict)
        return shown

    return setup


# Contacts ----------------------------------------------------------------------------------


@pytest.fixture
def wang(me: Services) -> str:
    contact_id, _ = me.contacts.create(
        ContactDraft(family_name="Wang", given_name="Fang", name_zh="王芳", position="Director")
    )
    return contact_id


def contact_editor(qtbot, services: Services, operations, contact_id: str) -> ContactEditor:  # type: ignore[no-untyped-def]
    editor = ContactEditor(services, operations, contact_id=contact_id)
    qtbot.addWidget(editor)
    return editor


def anna_changes_the_position(anna: Services, contact_id: str) -> None:
    record = anna.contacts.get(contact_id)
    anna.contacts.update(
        contact_id,
        replace(record.draft, position="Division Director"),
        expected_version=record.version,
    )


def test_a_refused_save_shows_both_versions_field_by_field(  # type: ignore[no-untyped-def]
    qtbot, me, anna, wang, operations, answer
):
    shown = answer(ContactEditor, "keep_mine_button")
    editor = contact_editor(qtbot, me, operations, wang)
    anna_changes_the_position(anna, wang)
    qtbot.keyClicks(editor.wechat_edit, "wangfang_hf")

    with qtbot.waitSignal(editor.saved):
        editor.save_button.click()

    [seen] = shown
    assert seen.sentence.startswith("Wang Fang (王芳) was changed by Anna at ")
    assert seen.sentence.endswith(" — review the changes.")
    assert seen.differing == ["Position", "WeChat ID"] == seen.bold
    assert seen.rows["Position"] == ("Director", "Division Director")
    assert seen.rows["WeChat ID"] == ("wangfang_hf", "")
    assert seen.rows["Family name"] == ("Wang", "Wang")


def test_keep_mine_saves_my_version_over_theirs(qtbot, me, anna, wang, operations, answer):  # type: ignore[no-untyped-def]
    answer(ContactEditor, "keep_mine_button")
    editor = contact_editor(qtbot, me, operations, wang)
    anna_changes_the_position(anna, wang)
    qtbot.keyClicks(editor.wechat_edit, "wangfang_hf")

    with qtbot.waitSignal(editor.saved):
        editor.save_button.click()

    stored = anna.contacts.get(wang)
    assert (stored.draft.position, stored.draft.wechat) == ("Director", "wangfang_hf")
    assert (stored.version, stored.updated_by) == (3, "Me")
    assert editor.result() == QDialog.DialogCode.Accepted


def test_keep_theirs_drops_my_changes_and_closes_the_editor(  # type: ignore[no-untyped-def]
    qtbot, me, anna, wang, operations, answer
):
    answer(ContactEditor, "keep_theirs_button")
    editor = contact_editor(qtbot, me, operations, wang)
    editor.show()
    anna_changes_the_position(anna, wang)
    qtbot.keyClicks(editor.wechat_edit, "wangfang_hf")

    with qtbot.assertNotEmitted(editor.saved):
        editor.save_button.click()

    stored = me.contacts.get(wang)
    assert (stored.draft.position, stored.draft.wechat) == ("Division Director", "")
    assert (stored.version, stored.updated_by) == (2, "Anna")
    assert not editor.isVisible()
    assert editor.result() == QDialog.DialogCode.Rejected


def test_back_to_editing_combines_both_and_the_next_save_keeps_both(  # type: ignore[no-untyped-def]
    qtbot, me, anna, wang, operations, answer
):
    shown = answer(ContactEditor, "back_button")
    editor = contact_editor(qtbot, me, operations, wang)
    anna_changes_the_position(anna, wang)
    qtbot.keyClicks(editor.wechat_edit, "wangfang_hf")

    with qtbot.assertNotEmitted(editor.saved):
        editor.save_button.click()

    # Their position (I left it alone), my WeChat ID, and a word on what happened.
    assert editor.position_edit.text() == "Division Director"
    assert editor.wechat_edit.text() == "wangfang_hf"
    assert "Their changes are now in the form" in editor.field_error("")
    assert editor.has_unsaved_changes()
    with qtbot.waitSignal(editor.saved):
        editor.save_button.click()
    assert len(shown) == 1  # based on their version now: no second refusal
    stored = anna.contacts.get(wang)
    assert (stored.draft.position, stored.draft.wechat) == ("Division Director", "wangfang_hf")


def test_closing_the_comparison_changes_nothing_and_saving_asks_again(  # type: ignore[no-untyped-def]
    qtbot, me, anna, wang, operations, answer
):
    shown = answer(ContactEditor, None)
    editor = contact_editor(qtbot, me, operations, wang)
    anna_changes_the_position(anna, wang)
    qtbot.keyClicks(editor.wechat_edit, "wangfang_hf")

    with qtbot.assertNotEmitted(editor.saved):
        editor.save_button.click()
        editor.save_button.click()

    assert len(shown) == 2
    assert "was changed by Anna" in editor.field_error("")
    assert editor.wechat_edit.text() == "wangfang_hf"
    assert me.contacts.get(wang).draft.wechat == ""


def test_a_contact_deleted_elsewhere_can_be_saved_as_new(  # type: ignore[no-untyped-def]
    qtbot, me, anna, wang, operations, monkeypatch
):
    asked: list[str] = []

    def save_as_new(editor: ContactEditor, error: Exception) -> bool:
        asked.append(str(error))
        return True

    monkeypatch.setattr(ContactEditor, "ask_save_as_new", save_as_new)
    editor = contact_editor(qtbot, me, operations, wang)
    anna.contacts.delete(wang)
    qtbot.keyClicks(editor.wechat_edit, "wangfang_hf")

    with qtbot.waitSignal(editor.saved):
        editor.save_button.click()

    assert asked == [
        "Wang Fang (王芳) no longer exists: it was deleted elsewhere after you opened it, "
        "so nothing was saved."
    ]
    assert editor.contact_id not in (None, wang)
    assert me.contacts.get(editor.contact_id).draft.wechat == "wangfang_hf"


# Partnerships and visits -------------------------------------------------------------------


def test_a_partnership_changed_elsewhere_shows_both_and_keeps_mine(  # type: ignore[no-untyped-def]
    qtbot, me, anna, operations, answer
):
    shown = answer(PartnershipEditor, "keep_mine_button")
    place, _ = me.partnerships.create_place(name="Ningbo", name_zh="宁波", country="CN")
    partnership, _ = me.partnerships.create(PartnershipDraft(place_id=place, formalised_on="1986"))
    editor = PartnershipEditor(me, operations, partnership_id=partnership)
    qtbot.addWidget(editor)
    record = anna.partnerships.get(partnership)
    anna.partnerships.update(
        partnership, replace(record.draft, notes="Port MoU renewed"), expected_version=1
    )
    editor.formalised_edit.setText("1986-10")

    with qtbot.waitSignal(editor.saved):
        editor.save_button.click()

    [seen] = shown
    assert seen.sentence.startswith("Ningbo was changed by Anna at ")
    assert seen.differing == ["Formalised on", "Notes"]
    assert seen.rows["Notes"] == ("", "Port MoU renewed")
    stored = anna.partnerships.get(partnership)
    assert (stored.draft.formalised_on, stored.draft.notes, stored.updated_by) == (
        "1986-10",
        "",
        "Me",
    )


def test_a_visit_changed_elsewhere_can_be_combined_by_going_back(  # type: ignore[no-untyped-def]
    qtbot, me, anna, operations, answer
):
    shown = answer(DelegationEditor, "back_button")
    visit, _ = me.delegations.create(DelegationDraft(title="Study tour"))
    editor = DelegationEditor(me, operations, delegation_id=visit)
    qtbot.addWidget(editor)
    record = anna.delegations.get(visit)
    anna.delegations.update(
        visit, replace(record.draft, title="Study tour to Ningbo"), expected_version=1
    )
    editor.form.purpose_edit.setPlainText("Port cooperation")

    with qtbot.assertNotEmitted(editor.saved):
        editor.save_button.click()

    [seen] = shown
    assert seen.differing == ["Title", "Purpose"]
    assert seen.rows["Title"] == ("Study tour", "Study tour to Ningbo")
    assert editor.form.title_edit.text() == "Study tour to Ningbo"
    assert editor.form.purpose_edit.toPlainText() == "Port cooperation"
    with qtbot.waitSignal(editor.saved):
        editor.save_button.click()
    stored = anna.delegations.get(visit)
    assert (stored.draft.title, stored.draft.purpose) == (
        "Study tour to Ningbo",
        "Port cooperation",
    )


# The dialog itself -------------------------------------------------------------------------


def test_the_dialog_chooses_nothing_on_enter(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ConflictDialog(
        "Ms Wang was changed by Anna at 10:42 — review the changes.",
        [FieldRow("Position", "Director", "Division Director"), FieldRow("Notes", "", "")],
    )
    qtbot.addWidget(dialog)
    assert dialog.back_button.isDefault()
    assert [dialog.table.horizontalHeaderItem(c).text() for c in range(3)] == [
        "Field",
        "Your version",
        "Their version",
    ]
    assert dialog.differing_labels() == ["Position"]
    assert [b.text() for b in dialog.buttons.buttons()] == [
        "Keep &mine",
        "Keep &theirs",
        "&Back to editing",
    ]


# Who you are -------------------------------------------------------------------------------


def test_your_name_for_colleagues_is_kept_in_settings(  # type: ignore[no-untyped-def]
    qtbot, settings, services, operations, language, monkeypatch
):
    monkeypatch.setattr("crm.ui.dialogs.settings_dialog.login_name", lambda: "wfang")
    dialog = SettingsDialog(settings, services, operations, language)
    qtbot.addWidget(dialog)
    # Left blank, the name that signs the greetings (else the login name) is used.
    assert dialog.my_name_edit.placeholderText() == "wfang"
    dialog.sender_name_edit.setText("Anna Berg")
    assert dialog.my_name_edit.placeholderText() == "Anna Berg"

    dialog.my_name_edit.setText("  Anna   B. ")
    dialog.apply()

    assert settings.my_name == "Anna B."
