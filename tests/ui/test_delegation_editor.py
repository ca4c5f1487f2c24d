"""The delegation editor, the visit's preparation and the gift register, as a user meets them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QDate, Qt, QTranslator
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from crm.domain.contacts import ContactDraft
from crm.domain.delegation_rules import (
    DelegationDraft,
    FollowUpDraft,
    GiftDraft,
    ItineraryEntry,
    Member,
)
from crm.domain.partnerships import GiftDirection
from crm.services.delegations import FollowUpEdit, GiftEdit
from crm.store.models import Place, Staff
from crm.store.partnership_models import Partnership
from crm.ui.dialogs.delegation_editor import FOLLOW_UPS, ITINERARY, MEMBERS, VISIT, DelegationEditor
from crm.ui.dialogs.gift_dialog import GiftDialog
from crm.ui.dialogs.gift_register import GiftRegister
from crm.ui.widgets import follow_ups_table, gifts_table, itinerary_table, members_table
from crm.ui.widgets.delegation_prep import DelegationPreparation

# The offscreen platform of the test run cannot hand a shown window's size limits to a window
# system and says so once per window; it means nothing about our widgets.
shown = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def office(services):  # type: ignore[no-untyped-def]
    """A partnership with Hefei, two of its officials and one of our staff."""
    with services.db.write() as session:
        place = Place(name="Hefei", name_zh="合肥", country="CN")
        session.add(place)
        session.flush()
        partnership = Partnership(place_id=place.id)
        anna = Staff(name="Anna Berg")
        session.add_all([partnership, anna])
        session.flush()
        ids = {"partnership": partnership.id, "anna": anna.id}
    for key, draft in (
        (
            "li",
            ContactDraft(
                family_name="Li",
                given_name="Wei",
                name_zh="李伟",
                honorific="Mr",
                position="Vice Mayor",
                position_zh="副市长",
            ),
        ),
        (
            "wang",
            ContactDraft(
                family_name="Wang",
                given_name="Fang",
                name_zh="王芳",
                honorific="Ms",
                position="Division Director",
                position_zh="欧洲处处长",
            ),
        ),
    ):
        ids[key], _changes = services.contacts.create(draft)
    return ids


@pytest.fixture
def discard_questions(monkeypatch: pytest.MonkeyPatch) -> list[QWidget]:
    """Every "discard your changes?" question is recorded and answered "Discard"."""
    asked: list[QWidget] = []

    def confirm(dialog: QWidget) -> bool:
        asked.append(dialog)
        return True

    monkeypatch.setattr(DelegationEditor, "confirm_discard", confirm)
    monkeypatch.setattr(GiftDialog, "confirm_discard", confirm)
    return asked


def open_editor(qtbot, services, operations, **kwargs):  # type: ignore[no-untyped-def]
    editor = DelegationEditor(services, operations, **kwargs)
    qtbot.addWidget(editor)
    editor.resize(1000, 700)
    with qtbot.waitExposed(editor):
        editor.show()
    with qtbot.waitActive(editor):
        editor.activateWindow()
    return editor


def type_into_cell(qtbot, view, row: int, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    """Open a cell's editor as a user does (F2), type, and press Enter."""
    view.setFocus()
    view.setCurrentIndex(view.model().index(row, column))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    cell = QApplication.focusWidget()
    assert cell is not None and cell is not view
    qtbot.keyClicks(cell, text)
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    # The delegate commits what was typed once the line edit has seen the key.
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def add_member(qtbot, editor, name: str) -> None:  # type: ignore[no-untyped-def]
    members = editor.members
    qtbot.keyClicks(members.picker.lineEdit(), name)
    members.picker.commit()
    qtbot.mouseClick(members.add_button, Qt.MouseButton.LeftButton)


@shown
def test_adding_a_visit_with_two_members_and_a_follow_up_saves_it(
    qtbot, qtmodeltester, services, operations, office, discard_questions
):
    editor = open_editor(qtbot, services, operations, partnership_id=office["partnership"])
    assert editor.windowTitle() == "New visit"
    assert editor.form.partnership_combo.currentData() == office["partnership"]
    qtbot.keyClicks(editor.form.title_edit, "Hefei delegation, spring")
    editor.form.start_edit.setDate(QDate(2025, 5, 10))
    editor.form.end_edit.setDate(QDate(2025, 5, 12))

    editor.tabs.setCurrentIndex(MEMBERS)
    add_member(qtbot, editor, "li wei")
    add_member(qtbot, editor, "Wang Fang")
    view = editor.members.table.view
    type_into_cell(qtbot, view, 0, members_table.ROLE, "Head of delegation")
    type_into_cell(qtbot, view, 1, members_table.ROLE, "Coordinator")
    model = editor.members.model
    qtmodeltester.check(model)
    assert model.index(0, members_table.NAME).data() == "Li Wei (李伟)"
    assert model.index(0, members_table.POSITION).data() == "Vice Mayor / 副市长"
    assert editor.tabs.tabText(MEMBERS) == "Members (2)"

    editor.tabs.setCurrentIndex(FOLLOW_UPS)
    qtbot.mouseClick(editor.follow_ups.add_button, Qt.MouseButton.LeftButton)
    # The new line is open for typing what is to be done; Ctrl+S keeps what was typed.
    qtbot.keyClicks(QApplication.focusWidget(), "Send the signed letter of intent")
    editor.follow_ups.table.view.finish_editing()
    follow_ups = editor.follow_ups.model
    follow_ups.setData(follow_ups.index(0, follow_ups_table.ASSIGNEE), office["anna"])
    follow_ups.setData(follow_ups.index(0, follow_ups_table.DUE), "2025-06-01")
    qtmodeltester.check(follow_ups)
    assert follow_ups.index(0, follow_ups_table.ASSIGNEE).data() == "Anna Berg"
    assert follow_ups.index(0, follow_ups_table.DUE).data() == "1 June 2025"

    with qtbot.waitSignal(editor.saved) as saved:
        qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert saved.args[0].contacts == {office["li"], office["wang"]}
    assert not editor.isVisible() and discard_questions == []

    record = services.delegations.get(editor.delegation_id)
    assert record.draft.title == "Hefei delegation, spring"
    assert (record.draft.start_on, record.draft.end_on) == ("2025-05-10", "2025-05-12")
    assert record.draft.partnership_id == office["partnership"]
    assert [(m.contact_id, m.role) for m in record.members] == [
        (office["li"], "Head of delegation"),
        (office["wang"], "Coordinator"),
    ]
    assert [(f.description, f.assignee, f.due_on, f.done) for f in record.follow_ups] == [
        ("Send the signed letter of intent", "Anna Berg", "2025-06-01", False)
    ]


@shown
def test_problems_are_shown_beside_their_fields_and_nothing_is_saved(
    qtbot, qtmodeltester, services, operations, office, discard_questions
):
    editor = open_editor(qtbot, services, operations)
    editor.form.start_edit.setDate(QDate(2025, 5, 12))
    editor.form.end_edit.setDate(QDate(2025, 5, 10))
    editor.tabs.setCurrentIndex(ITINERARY)
    qtbot.mouseClick(editor.itinerary.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(QApplication.focusWidget(), "Port tour")
    editor.itinerary.table.view.finish_editing()
    programme = editor.itinerary.model
    programme.setData(programme.index(0, itinerary_table.DAY), "2025-06-30")
    qtmodeltester.check(programme)
    assert programme.index(0, itinerary_table.DAY).data() == "Mon 30 Jun"

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert editor.isVisible()
    assert services.delegations.list() == []
    assert editor.field_error("title") == "Give the visit a title."
    assert editor.field_error("end_on") == "The visit cannot end before it starts."
    assert "outside the dates of the visit" in editor.field_error("itinerary")
    # The first tab with a problem is shown, and the cursor is in the first field wrong.
    assert editor.tabs.currentIndex() == VISIT
    assert editor.form.title_edit.hasFocus()
    assert not editor.tabs.tabIcon(ITINERARY).isNull()
    assert editor.tabs.tabIcon(MEMBERS).isNull()
    # The row the problem is about is marked; typing a title takes its complaint away.
    assert programme.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    qtbot.keyClicks(editor.form.title_edit, "Visit")
    assert editor.field_error("title") == ""

    editor.reject()
    assert discard_questions == [editor]


def test_a_gift_of_the_visit_is_saved_with_its_photo(  # type: ignore[no-untyped-def]
    qtbot, qtmodeltester, services, operations, office, tmp_path
):
    from PySide6.QtGui import QColor, QImage

    photo = tmp_path / "candle holder.png"
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7ca5"))
    assert image.save(str(photo))
    editor = DelegationEditor(services, operations)
    qtbot.addWidget(editor)
    editor.form.title_edit.setText("Visit")
    editor.members.add(office["li"])
    editor.gifts.add_gift()
    editor.gifts.table.view.finish_editing()
    gifts = editor.gifts.model
    # The only member is who a new gift is for, at once.
    assert gifts.index(0, gifts_table.PERSON).data() == "Li Wei (李伟)"
    gifts.setData(gifts.index(0, gifts_table.DESCRIPTION), "Georg Jensen candle holder")
    gifts.setData(gifts.index(0, gifts_table.VALUE), "significant")
    gifts.set_photo(0, photo)
    qtmodeltester.check(gifts)
    assert gifts.index(0, gifts_table.VALUE).data() == "Significant (€200–1,000)"
    assert gifts.index(0, gifts_table.PHOTO).data() == "candle holder.png"
    with qtbot.waitSignal(editor.saved):
        editor.save()
    (gift,) = services.gifts.of_delegation(editor.delegation_id)
    assert (gift.description, gift.contact_id, gift.value_band) == (
        "Georg Jensen candle holder",
        office["li"],
        "significant",
    )
    stored = services.gifts.photo_path(gift.photo)
    assert stored is not None and stored.read_bytes() == photo.read_bytes()


def test_an_unchanged_visit_closes_without_asking(
    qtbot, services, operations, office, discard_questions
):  # type: ignore[no-untyped-def]
    delegation_id, _ = services.delegations.create(
        DelegationDraft(
            title="Visit",
            start_on="2025-05-10",
            members=[Member(office["li"], "Head")],
            itinerary=[ItineraryEntry("2025-05-10", "09:00", "Welcome")],
        ),
        follow_ups=[FollowUpEdit(None, FollowUpDraft(description="Photos"))],
        gifts=[GiftEdit(None, GiftDraft(description="Book", contact_id=office["li"]))],
    )
    editor = DelegationEditor(services, operations, delegation_id=delegation_id)
    qtbot.addWidget(editor)
    assert editor.windowTitle() == "Visit — Visit"
    assert editor.tabs.tabText(MEMBERS) == "Members (1)"
    assert not editor.has_unsaved_changes()
    editor.reject()
    assert discard_questions == []


def test_a_visit_changed_elsewhere_is_not_overwritten(
    qtbot, services, operations, office, monkeypatch
):  # type: ignore[no-untyped-def]
    delegation_id, _ = services.delegations.create(DelegationDraft(title="Visit"))
    editor = DelegationEditor(services, operations, delegation_id=delegation_id)
    qtbot.addWidget(editor)
    record = services.delegations.get(delegation_id)
    record.draft.title = "Changed elsewhere"
    services.acting.name = "Anna"
    services.delegations.update(delegation_id, record.draft, expected_version=record.version)
    # The user closes the dialog comparing both versions without choosing.
    monkeypatch.setattr(DelegationEditor, "exec_conflict", lambda editor, dialog: None)

    editor.form.title_edit.setText("Mine")
    editor.save()
    assert "was changed by Anna" in editor.message_label.text()
    assert services.delegations.get(delegation_id).draft.title == "Changed elsewhere"


def test_a_leader_from_outside_the_list_joins_it_at_the_head(qtbot, services, operations, office):  # type: ignore[no-untyped-def]
    editor = DelegationEditor(services, operations)
    qtbot.addWidget(editor)
    editor.members.add(office["wang"])
    editor.form.leader_picker.set_selected(office["li"])
    assert editor.members.model.ids() == [office["li"], office["wang"]]
    # Taking the leader off the list leaves the delegation without a leader.
    editor.members.table.select(0)
    editor.members.remove_current()
    assert editor.form.leader_picker.selected_id() is None
    assert editor.draft().leader_id is None


@shown
def test_the_preparation_shows_each_members_titles_in_both_languages(
    qtbot, services, operations, office
):
    earlier, _ = services.delegations.create(
        DelegationDraft(
            title="Aalborg mission to Hefei",
            start_on="2023-10-20",
            members=[Member(office["li"], "Host")],
        ),
        gifts=[GiftEdit(None, GiftDraft(description="Glass bowl", contact_id=office["li"]))],
    )
    visit, _ = services.delegations.create(
        DelegationDraft(
            title="Hefei delegation",
            start_on="2025-05-10",
            leader_id=office["li"],
            members=[Member(office["li"], "Head of delegation"), Member(office["wang"])],
        )
    )
    editor = open_editor(qtbot, services, operations, delegation_id=visit)
    assert editor.prepare_button.isEnabled()
    qtbot.mouseClick(editor.prepare_button, Qt.MouseButton.LeftButton)
    view = editor.findChild(DelegationPreparation)
    assert view is not None and view.isVisible()

    text = view.text()
    for expected in (
        "Mr Li Wei · 李伟",
        "Vice Mayor",
        "副市长",
        "Ms Wang Fang · 王芳",
        "Division Director",
        "欧洲处处长",
        "Aalborg mission to Hefei",
        "Glass bowl (20 October 2023",
        "leader of the delegation",
    ):
        assert expected in text
    view.close()


class _PretendChinese(QTranslator):
    """A few sentences "in Chinese", so the test does not depend on the shipped catalogue."""

    SENTENCES = {
        ("DelegationEditor", "New visit"): "新的访问",
        ("DelegationEditor", "Members"): "成员",
        ("VisitForm", "Title:"): "标题：",
        ("Delegations", "Incoming"): "来访",
        ("MembersTable", "Role in the delegation"): "团内职务",
    }

    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def]
        return self.SENTENCES.get((context, source), "")

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


def test_switching_language_retranslates_the_editor_live(
    qtbot, services, operations, office, language, monkeypatch
):
    editor = DelegationEditor(services, operations)
    qtbot.addWidget(editor)
    calls: list[int] = []
    retranslate = editor.retranslate

    def counted() -> None:
        calls.append(1)
        retranslate()

    monkeypatch.setattr(editor, "retranslate", counted)
    texts = lambda: (  # noqa: E731
        editor.windowTitle(),
        editor.tabs.tabText(MEMBERS),
        editor.form.labels["title"].text(),
        editor.form.direction_combo.currentText(),
        editor.members.model.headerData(members_table.ROLE, Qt.Orientation.Horizontal),
    )
    english = texts()
    assert english == ("New visit", "Members", "Title:", "Incoming", "Role in the delegation")

    # The real switch: the shipped catalogue does not know these sentences yet, but every
    # text is set again, and comes back the same after switching back.
    language.switch("zh_CN", remember=False)
    qtbot.waitUntil(lambda: bool(calls))
    language.switch("en", remember=False)
    qtbot.waitUntil(lambda: len(calls) >= 2)
    assert texts() == english

    translator = _PretendChinese()
    QCoreApplication.installTranslator(translator)
    try:
        qtbot.waitUntil(lambda: editor.windowTitle() == "新的访问")
        assert texts() == ("新的访问", "成员", "标题：", "来访", "团内职务")
    finally:
        QCoreApplication.removeTranslator(translator)
    qtbot.waitUntil(lambda: texts() == english)


# Gifts ------------------------------------------------------------------------------------
def test_registering_a_gift_from_a_contact_says_what_we_gave_last_time(
    qtbot, services, operations, office, discard_questions
):
    services.gifts.register(
        GiftDraft(description="Porcelain vase", contact_id=office["li"], given_on="2023-04-11")
    )
    dialog = GiftDialog(services, operations, contact_id=office["li"])
    qtbot.addWidget(dialog)
    assert dialog.form.last_time_label.text() == "Last time we gave: Porcelain vase (11 April 2023)"

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.field_error("description") == "Say what the gift was."

    qtbot.keyClicks(dialog.form.description_edit, "Book of Aalborg photographs")
    dialog.form.received_radio.setChecked(True)
    assert dialog.form.labels["contact_id"].text() == "From:"
    dialog.form.received_radio.setChecked(False)
    dialog.form.given_radio.setChecked(True)
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    last = services.gifts.last_given_to(office["li"])
    assert last is not None and last.description == "Book of Aalborg photographs"
    assert last.id == dialog.gift_id


def test_the_gift_register_lists_both_ways_and_filters(
    qtbot, qtmodeltester, services, operations, office
):
    gifts = services.gifts
    gifts.register(GiftDraft(description="Vase", contact_id=office["li"], given_on="2024-01-02"))
    gifts.register(
        GiftDraft(
            description="Tea",
            contact_id=office["wang"],
            direction=GiftDirection.RECEIVED,
            given_on="2024-03-04",
        )
    )
    register = GiftRegister(services, operations)
    qtbot.addWidget(register)
    qtmodeltester.check(register.model)
    assert register.model.rowCount() == 2
    assert register.count_label.text().startswith("2 gift")
    register.direction_filter.setCurrentIndex(register.direction_filter.findData("received"))
    assert [register.model.gift_at(i).description for i in range(register.model.rowCount())] == [
        "Tea"
    ]
    register.direction_filter.setCurrentIndex(0)
    register.person_filter.set_selected(office["li"])
    assert [register.model.gift_at(i).description for i in range(register.model.rowCount())] == [
        "Vase"
    ]
