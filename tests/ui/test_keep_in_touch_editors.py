"""The keep-in-touch choice of the contact and the partnership editors, as a user meets it:
it is saved, the agenda follows it, the spin box only counts for "Every … days", and the
editors know when it was changed."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QLabel, QWidget

from crm.domain.contacts import ContactDraft
from crm.domain.occasions import OccasionKind
from crm.domain.partnership_rules import PartnershipDraft
from crm.ui.dialogs.contact_editor import ContactEditor
from crm.ui.dialogs.partnership_editor import PartnershipEditor

START = dt.date(2026, 11, 25)

# The offscreen platform of the test run cannot hand a shown window's size limits to a window
# system and says so once per window; it means nothing about our widgets.
shown = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture(autouse=True)
def _never_asked(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """A "discard your changes?" question is recorded and answered "Discard"."""
    asked: list[object] = []
    for editor in (ContactEditor, PartnershipEditor):
        monkeypatch.setattr(editor, "confirm_discard", lambda self: asked.append(self) or True)
    return asked


def keep_in_touch_items(services, subject_id: str) -> list[object]:  # type: ignore[no-untyped-def]
    return [
        o
        for o in services.agenda.agenda(START, 30)
        if o.kind is OccasionKind.KEEP_IN_TOUCH and o.subject and o.subject.id == subject_id
    ]


def choose(editor: ContactEditor | PartnershipEditor, choice: str) -> None:
    combo = editor.keep_in_touch_combo
    combo.setCurrentIndex(combo.findData(choice))


def type_days(qtbot, editor: ContactEditor | PartnershipEditor, days: int) -> None:  # type: ignore[no-untyped-def]
    spin = editor.keep_in_touch_spin
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, str(days))


def tab_order(qtbot, start: QWidget, stop: QWidget) -> list[QWidget]:  # type: ignore[no-untyped-def]
    start.setFocus()
    order: list[QWidget] = []
    for _ in range(40):
        widget = start.window().focusWidget()
        order.append(widget)
        if widget is stop:
            break
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    return order


# ---- the contact editor ----


def open_contact(qtbot, services, operations, contact_id=None, *, show=False) -> ContactEditor:  # type: ignore[no-untyped-def]
    editor = ContactEditor(services, operations, contact_id=contact_id)
    qtbot.addWidget(editor)
    if show:
        editor.resize(900, 700)
        with qtbot.waitExposed(editor):
            editor.show()
        with qtbot.waitActive(editor):
            editor.activateWindow()
    return editor


def test_every_30_days_in_the_contact_editor_puts_the_contact_on_the_agenda(  # type: ignore[no-untyped-def]
    qtbot, services, operations, _never_asked
) -> None:
    editor = open_contact(qtbot, services, operations)
    assert editor.keep_in_touch_combo.currentText() == "As its tags say"
    assert not editor.keep_in_touch_spin.isEnabled()
    (label,) = [x for x in editor.findChildren(QLabel) if x.buddy() is editor.keep_in_touch_combo]
    assert label.text() == "Keep in touch:"
    qtbot.keyClicks(editor.family_name_edit, "Berg")

    choose(editor, "every")
    assert editor.keep_in_touch_combo.currentText() == "Every … days"
    assert editor.keep_in_touch_spin.isEnabled()
    assert editor.keep_in_touch_spin.suffix() == " days"
    type_days(qtbot, editor, 30)
    assert editor.keep_in_touch_spin.text() == "30 days"
    with qtbot.waitSignal(editor.saved):
        editor.save_button.click()

    contact_id = editor.contact_id
    assert contact_id is not None
    assert services.contacts.get(contact_id).draft.keep_in_touch_days == 30
    assert _never_asked == []
    # Watched from now on: once the last interaction is more than 30 days old, it is due.
    assert keep_in_touch_items(services, contact_id) == []
    last = START - dt.timedelta(days=45)
    services.interactions.log("meeting", last, [contact_id], today=START)
    (item,) = keep_in_touch_items(services, contact_id)
    assert item.date == last + dt.timedelta(days=30)
    assert item.title.render() == "Keep in touch with Berg"


@pytest.mark.parametrize(
    ("choice", "days", "saved"), [("never", None, 0), ("default", None, None), ("every", 7, 7)]
)
def test_the_contact_editor_shows_and_saves_each_choice(  # type: ignore[no-untyped-def]
    qtbot, services, operations, choice, days, saved
) -> None:
    contact_id, _ = services.contacts.create(
        ContactDraft(family_name="Berg", keep_in_touch_days=45)
    )
    editor = open_contact(qtbot, services, operations, contact_id)
    assert editor.keep_in_touch_combo.currentText() == "Every … days"
    assert editor.keep_in_touch_spin.value() == 45
    assert not editor.has_unsaved_changes()

    choose(editor, choice)
    if days is not None:
        type_days(qtbot, editor, days)
    assert editor.keep_in_touch_spin.isEnabled() == (choice == "every")
    assert editor.has_unsaved_changes()
    with qtbot.waitSignal(editor.saved):
        editor.save_button.click()

    record = services.contacts.get(contact_id)
    assert (record.draft.keep_in_touch_days, record.version) == (saved, 2)
    again = open_contact(qtbot, services, operations, contact_id)
    assert again.keep_in_touch_combo.currentData() == choice
    assert not again.has_unsaved_changes()


def test_changing_only_the_days_is_an_unsaved_change(  # type: ignore[no-untyped-def]
    qtbot, services, operations, _never_asked
) -> None:
    contact_id, _ = services.contacts.create(ContactDraft(family_name="Berg"))
    editor = open_contact(qtbot, services, operations, contact_id)
    # The number of days counts only once "Every … days" is chosen.
    editor.keep_in_touch_spin.setValue(12)
    assert not editor.has_unsaved_changes()
    choose(editor, "every")
    assert editor.has_unsaved_changes()
    choose(editor, "default")
    assert not editor.has_unsaved_changes()

    choose(editor, "never")
    editor.reject()
    assert _never_asked == [editor]


@shown
def test_the_contact_editor_tabs_from_status_through_keep_in_touch(  # type: ignore[no-untyped-def]
    qtbot, services, operations
) -> None:
    editor = open_contact(qtbot, services, operations, show=True)
    order = tab_order(qtbot, editor.status_combo, editor.successor_combo)
    # The days are skipped while they do not count.
    assert order == [editor.status_combo, editor.keep_in_touch_combo, editor.successor_combo]
    choose(editor, "every")
    order = tab_order(qtbot, editor.status_combo, editor.successor_combo)
    assert order == [
        editor.status_combo,
        editor.keep_in_touch_combo,
        editor.keep_in_touch_spin,
        editor.successor_combo,
    ]


class _PretendChinese(QTranslator):
    """A few sentences "in Chinese", so the test does not depend on the shipped catalogue."""

    SENTENCES = {
        ("ContactEditor", "Keep in touch:"): "保持联系：",
        ("ContactEditor", "Never remind me"): "不提醒",
        ("ContactEditor", " days"): " 天",
        ("PartnershipEditor", "Status default (never)"): "按状态默认（不提醒）",
        ("PartnershipEditor", "Every … days"): "每……天",
    }

    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def]
        return self.SENTENCES.get((context, source), "")

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


def test_keep_in_touch_follows_a_language_switch(  # type: ignore[no-untyped-def]
    qtbot, services, operations, partnership
) -> None:
    contact = open_contact(qtbot, services, operations)
    choose(contact, "never")
    partner = open_partnership(qtbot, services, operations, partnership)
    partner.status_combo.setCurrentIndex(partner.status_combo.findData("ended"))
    (label,) = [x for x in contact.findChildren(QLabel) if x.buddy() is contact.keep_in_touch_combo]

    pretend = _PretendChinese()
    QCoreApplication.installTranslator(pretend)
    try:
        qtbot.waitUntil(lambda: label.text() == "保持联系：")
        assert contact.keep_in_touch_combo.currentText() == "不提醒"  # the choice is kept
        assert contact.keep_in_touch_spin.suffix() == " 天"
        qtbot.waitUntil(lambda: partner.keep_in_touch_combo.itemText(0) == "按状态默认（不提醒）")
        assert partner.keep_in_touch_combo.itemText(2) == "每……天"
    finally:
        QCoreApplication.removeTranslator(pretend)
    qtbot.waitUntil(lambda: label.text() == "Keep in touch:")
    assert contact.keep_in_touch_combo.currentText() == "Never remind me"
    assert partner.keep_in_touch_combo.itemText(0) == "Status default (never)"


# ---- the partnership editor ----


@pytest.fixture
def partnership(services) -> str:  # type: ignore[no-untyped-def]
    place_id, _ = services.partnerships.create_place(name="Hefei", name_zh="合肥", country="CN")
    partnership_id, _ = services.partnerships.create(
        PartnershipDraft(place_id=place_id, formalised_on="1986-10")
    )
    return partnership_id


def open_partnership(qtbot, services, operations, partnership_id=None, *, show=False):  # type: ignore[no-untyped-def]
    editor = PartnershipEditor(services, operations, partnership_id=partnership_id)
    qtbot.addWidget(editor)
    if show:
        with qtbot.waitExposed(editor):
            editor.show()
        with qtbot.waitActive(editor):
            editor.activateWindow()
    return editor


def test_the_status_default_names_the_interval_of_the_chosen_status(  # type: ignore[no-untyped-def]
    qtbot, services, operations, partnership
) -> None:
    services.reminders.set_status_interval("exploring", 45)  # the office's own table counts
    editor = open_partnership(qtbot, services, operations, partnership)
    combo = editor.keep_in_touch_combo
    assert combo.currentData() == "default"
    assert combo.currentText().startswith("Status default (90 day")
    assert not editor.keep_in_touch_spin.isEnabled()
    (label,) = [x for x in editor.findChildren(QLabel) if x.buddy() is combo]
    assert label.text() == "&Keep in touch:"

    for status, text in (
        ("dormant", "Status default (365 day"),
        ("exploring", "Status default (45 day"),
        ("ended", "Status default (never)"),
    ):
        editor.status_combo.setCurrentIndex(editor.status_combo.findData(status))
        assert combo.currentText().startswith(text)
    assert [combo.itemText(i) for i in (1, 2)] == ["Never remind me", "Every … days"]
    # "Every … days" starts from the interval the status would give.
    editor.status_combo.setCurrentIndex(editor.status_combo.findData("dormant"))
    choose(editor, "every")
    assert editor.keep_in_touch_spin.value() == 365


@pytest.mark.parametrize(("choice", "saved"), [("every", 30), ("never", 0), ("default", None)])
def test_the_partnership_editors_choice_round_trips(  # type: ignore[no-untyped-def]
    qtbot, services, operations, partnership, _never_asked, choice, saved
) -> None:
    if choice == "default":
        record = services.partnerships.get(partnership)
        record.draft.keep_in_touch_days = 200
        services.partnerships.update(partnership, record.draft, expected_version=record.version)
    editor = open_partnership(qtbot, services, operations, partnership)
    assert not editor.has_unsaved_changes()
    choose(editor, choice)
    if choice == "every":
        type_days(qtbot, editor, 30)
    assert editor.has_unsaved_changes()
    with qtbot.waitSignal(editor.saved) as signal:
        editor.save_button.click()
    assert partnership in signal.args[0].partnerships

    assert services.partnerships.get(partnership).draft.keep_in_touch_days == saved
    again = open_partnership(qtbot, services, operations, partnership)
    assert again.keep_in_touch_combo.currentData() == choice
    assert again.keep_in_touch_spin.isEnabled() == (choice == "every")
    if saved:
        assert again.keep_in_touch_spin.value() == saved
    assert not again.has_unsaved_changes()
    again.reject()
    assert _never_asked == []


def test_a_new_partnership_is_saved_with_its_interval(  # type: ignore[no-untyped-def]
    qtbot, services, operations, partnership
) -> None:
    place_id, _ = services.partnerships.create_place(name="Stavanger", country="NO")
    editor = open_partnership(qtbot, services, operations)
    editor.place_combo.setCurrentIndex(editor.place_combo.findData(place_id))
    choose(editor, "every")
    type_days(qtbot, editor, 120)
    editor.save_button.click()
    assert editor.partnership_id is not None
    assert services.partnerships.get(editor.partnership_id).draft.keep_in_touch_days == 120


@shown
def test_the_partnership_editor_tabs_from_status_through_keep_in_touch(  # type: ignore[no-untyped-def]
    qtbot, services, operations, partnership
) -> None:
    editor = open_partnership(qtbot, services, operations, partnership, show=True)
    choose(editor, "every")
    order = tab_order(qtbot, editor.status_combo, editor.areas_edit)
    assert order == [
        editor.status_combo,
        editor.keep_in_touch_combo,
        editor.keep_in_touch_spin,
        editor.areas_edit,
    ]
