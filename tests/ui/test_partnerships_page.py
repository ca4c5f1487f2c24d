"""The Partnerships page as a user meets it: create a partnership (with a new place), read its
detail, log an interaction, search, sort by partial dates, switch language."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QCoreApplication, QPersistentModelIndex, Qt, QTranslator
from PySide6.QtWidgets import QDialog

from crm.domain.contacts import ContactDraft
from crm.domain.partnership_rules import AgreementDraft, PartnershipDraft
from crm.domain.partnerships import BINDING, NOT_BINDING, AgreementKind
from crm.services.changes import Changes
from crm.ui.dialogs.agreement_editor import AgreementEditor
from crm.ui.dialogs.contact_history import ContactHistoryDialog
from crm.ui.dialogs.interaction_dialog import LogInteractionDialog
from crm.ui.dialogs.partnership_editor import PartnershipEditor
from crm.ui.dialogs.place_dialog import PlaceDialog
from crm.ui.models.partnerships import Column
from crm.ui.pages.partnerships import PartnershipsPage
from crm.ui.widgets.detail_lists import DOCUMENT_ROLE, ID_ROLE
from crm.ui.widgets.timeline import format_day


@pytest.fixture
def office(services):  # type: ignore[no-untyped-def]
    """Three partner cities, two of them partners, and two people."""
    places = {}
    for name, name_zh, country in (
        ("Hefei", "合肥", "CN"),
        ("Stavanger", "", "NO"),
        ("Ningbo", "宁波", "CN"),
    ):
        places[name], _ = services.partnerships.create_place(
            name=name, name_zh=name_zh, country=country
        )
    wang, _ = services.contacts.create(
        ContactDraft(
            family_name="Wang",
            given_name="Fang",
            name_zh="王芳",
            position="Division Director",
            position_zh="欧洲处处长",
        )
    )
    berg, _ = services.contacts.create(ContactDraft(family_name="Berg", given_name="Anna"))
    hefei, _ = services.partnerships.create(
        PartnershipDraft(place_id=places["Hefei"], formalised_on="1986-10", champion_ids=[wang])
    )
    stavanger, _ = services.partnerships.create(
        PartnershipDraft(place_id=places["Stavanger"], formalised_on="1985")
    )
    return {**places, "wang": wang, "berg": berg, "hefei": hefei, "stavanger": stavanger}


@pytest.fixture
def page(qtbot, services, operations, language, settings, office):  # type: ignore[no-untyped-def]
    widget = PartnershipsPage(services, operations, language, settings)
    qtbot.addWidget(widget)
    widget.resize(1440, 900)
    return widget


def names(page: PartnershipsPage) -> list[str]:
    proxy = page.proxy
    return [proxy.index(row, Column.PARTNER).data() for row in range(proxy.rowCount())]


def opened(page: PartnershipsPage, kind: type) -> QDialog:  # type: ignore[type-arg]
    dialogs = [d for d in page.findChildren(kind) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def test_the_models_are_well_behaved_qt_models(qtmodeltester, page) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)
    assert names(page) == ["Hefei", "Stavanger"]


def test_an_empty_office_says_what_to_do(qtbot, services, operations, language, settings) -> None:  # type: ignore[no-untyped-def]
    page = PartnershipsPage(services, operations, language, settings)
    qtbot.addWidget(page)
    assert page.stack.currentWidget() is page.empty
    assert page.add_first.text() == "Add a partnership"
    assert not page.search.isEnabled()


def test_creating_a_partnership_with_a_new_place_shows_it(  # type: ignore[no-untyped-def]
    qtbot, page, services, monkeypatch
) -> None:
    def fill_in_place(dialog: PlaceDialog) -> bool:
        qtbot.keyClicks(dialog.name_edit, "Qingdao")
        dialog.name_zh_edit.setText("青岛")
        qtbot.keyClicks(dialog.country_edit, "cn")
        assert dialog.country_edit.text() == "CN" and dialog.country_name.text() == "China"
        dialog.save()
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(PartnershipEditor, "exec_place_dialog", lambda self, d: fill_in_place(d))
    page.new_button.click()
    editor = opened(page, PartnershipEditor)
    editor.new_place_button.click()
    assert editor.place_combo.currentText() == "Qingdao / 青岛 (CN)"
    qtbot.keyClicks(editor.formalised_edit, "2004-05")
    qtbot.keyClicks(editor.areas_edit, "Ports, culture")
    editor.champions_edit.add(services.contacts.search("berg")[0])
    editor.save_button.click()

    assert not editor.isVisible()
    assert names(page) == ["Hefei", "Qingdao", "Stavanger"]
    row = names(page).index("Qingdao")
    assert page.proxy.index(row, Column.FORMALISED_ON).data() == "May 2004"
    assert page.proxy.index(row, Column.AREAS).data() == "Ports, culture"
    assert page.selected_id() == editor.partnership_id
    assert page.detail.name_label.text() == "Qingdao  青岛"
    assert services.partnerships.get(editor.partnership_id).draft.formalised_on == "2004-05"


def test_the_editor_explains_errors_beside_fields_and_asks_before_discarding(  # type: ignore[no-untyped-def]
    qtbot, page, services, monkeypatch
) -> None:
    page.new_partnership()
    editor = opened(page, PartnershipEditor)
    qtbot.keyClicks(editor.formalised_edit, "1986-13")
    editor.save_button.click()
    assert editor.isVisible()
    assert "does not exist" in editor.field_error("formalised_on")
    assert "partner city" in editor.field_error("place_id")
    assert len(services.partnerships.rows()) == 2

    asked: list[bool] = []
    monkeypatch.setattr(PartnershipEditor, "confirm_discard", lambda self: asked.append(1) or False)
    editor.reject()
    assert asked and editor.isVisible()
    monkeypatch.setattr(PartnershipEditor, "confirm_discard", lambda self: True)
    editor.reject()
    assert not editor.isVisible()


def test_the_detail_says_which_agreement_binds(qtbot, page, services, office) -> None:  # type: ignore[no-untyped-def]
    services.agreements.add(office["hefei"], AgreementDraft(kind=AgreementKind.MOU, title="MoU"))
    _, changes = services.agreements.add(
        office["hefei"],
        AgreementDraft(kind=AgreementKind.CONTRACT, title="Water pilot", signed_on="2019-11"),
    )
    page.refresh(changes)
    page.select(office["hefei"])
    tab = page.detail.agreements
    model = tab.model
    rows = {model.index(r, 1).data(): model.index(r, 0) for r in range(model.rowCount())}
    assert list(rows) == ["Water pilot", "MoU"]  # newest first
    contract, mou = rows["Water pilot"], rows["MoU"]
    assert contract.data() == "Contract (legally binding)"
    assert model.index(0, 0, contract).data() == BINDING.render()
    assert model.index(0, 0, mou).data() == NOT_BINDING.render()
    assert page.detail.tabs.tabText(0) == "Agreements (2)"
    assert page.detail.overview_values["formalised_on"].text() == "October 1986"
    assert "Wang Fang (王芳) — Division Director" in page.detail.overview_values["champions"].text()


def test_an_agreement_with_a_document_from_the_editor(  # type: ignore[no-untyped-def]
    qtbot, page, services, office, tmp_path, monkeypatch
) -> None:
    document = tmp_path / "Contract.pdf"
    document.write_bytes(b"%PDF signed")
    monkeypatch.setattr(AgreementEditor, "choose_files", lambda self: [str(document)])
    page.select(office["hefei"])
    page.detail.add_agreement_button.click()
    editor = opened(page, AgreementEditor)
    assert editor.binding_label.text() == NOT_BINDING.render()
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData("contract"))
    assert editor.binding_label.text() == BINDING.render()  # said as soon as it is chosen
    qtbot.keyClicks(editor.title_edit, "Water pilot")
    qtbot.keyClicks(editor.signed_edit, "2019-11-04")
    editor.add_document_button.click()
    editor.save_button.click()
    assert not editor.isVisible()

    [agreement] = services.agreements.for_partnership(office["hefei"])
    [stored] = agreement.documents
    assert services.agreements.document_path(stored.id).read_bytes() == b"%PDF signed"
    model = page.detail.agreements.model
    contract = model.index(0, 0)
    children = [model.index(r, 0, contract) for r in range(model.rowCount(contract))]
    assert [c.data() for c in children if c.data(DOCUMENT_ROLE)] == ["Contract.pdf"]

    opened_urls: list[str] = []
    monkeypatch.setattr(
        "crm.ui.widgets.partnership_detail.QDesktopServices.openUrl",
        lambda url: opened_urls.append(url.toLocalFile()) or True,
    )
    page.detail.open_document(stored.id)
    assert opened_urls == [str(services.agreements.document_path(stored.id))]


def test_logging_an_interaction_puts_it_on_top_of_the_timeline(  # type: ignore[no-untyped-def]
    qtbot, page, services, office
) -> None:
    services.interactions.log("email", "2024-01-05", [office["wang"]], office["hefei"])
    page.refresh(Changes(partnerships=frozenset({office["hefei"]})))
    page.select(office["hefei"])
    with qtbot.waitExposed(page):
        page.show()
    page.log_action.trigger()
    dialog = opened(page, LogInteractionDialog)
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    assert dialog.partnership_combo.currentData() == office["hefei"]
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("call"))
    dialog.people_edit.add(office["berg"])
    dialog.note_edit.setPlainText("Agreed the dates of the autumn visit.")
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()

    top = page.detail.timeline.model_.entry(0)
    assert top is not None
    assert (top.kind, top.note, top.occurred_on) == (
        "call",
        "Agreed the dates of the autumn visit.",
        dt.date.today().isoformat(),
    )
    assert [p.name for p in top.people] == ["Anna Berg"]
    assert page.detail.timeline.model_.rowCount() == 2
    assert page.detail.last_contact_label.text().startswith("Last contact today")
    row = names(page).index("Hefei")
    today = format_day(dt.date.today().isoformat(), "en")
    assert page.proxy.index(row, Column.LAST_CONTACT).data() == today


def test_the_dialog_refuses_an_interaction_with_nobody(qtbot, services, operations) -> None:  # type: ignore[no-untyped-def]
    dialog = LogInteractionDialog(services, operations)
    qtbot.addWidget(dialog)
    dialog.save_button.click()
    assert "at least one person" in dialog.field_error("contact_ids")
    assert dialog.interaction_id is None


@pytest.mark.parametrize(
    ("typed", "found"),
    [("hef", ["Hefei"]), ("合肥", ["Hefei"]), ("hf", ["Hefei"]), ("norway", ["Stavanger"])],
)
def test_the_search_box_filters_as_you_type(qtbot, page, typed, found) -> None:  # type: ignore[no-untyped-def]
    page.search.setFocus()
    page.search.setText(typed)
    assert names(page) == found
    assert page.count_label.text() == "1 of 2 partnerships"
    page.search.setText("zzzz")
    assert page.stack.currentWidget() is page.no_results
    page.clear_search.click()
    assert names(page) == ["Hefei", "Stavanger"]


def test_sorting_by_formalised_on_is_chronological(qtbot, page, services, office) -> None:  # type: ignore[no-untyped-def]
    for name, formalised in (("Aalborg", "1986"), ("Wuhan", "2009-10-29"), ("Oslo", "")):
        place, _ = services.partnerships.create_place(name=name, country="DK")
        services.partnerships.create(PartnershipDraft(place_id=place, formalised_on=formalised))
    ningbo, changes = services.partnerships.create(
        PartnershipDraft(place_id=office["Ningbo"], formalised_on="1986-01-15")
    )
    page.refresh(Changes(everything=True))
    page.table.sortByColumn(Column.FORMALISED_ON, Qt.SortOrder.AscendingOrder)
    assert names(page) == ["Oslo", "Stavanger", "Aalborg", "Ningbo", "Hefei", "Wuhan"]
    texts = [page.proxy.index(r, Column.FORMALISED_ON).data() for r in range(6)]
    assert texts == ["", "1985", "1986", "15 January 1986", "October 1986", "29 October 2009"]
    page.table.sortByColumn(Column.FORMALISED_ON, Qt.SortOrder.DescendingOrder)
    assert names(page)[0] == "Wuhan"
    page.table.sortByColumn(Column.PARTNER, Qt.SortOrder.AscendingOrder)
    assert names(page) == sorted(names(page))


class _PretendChinese(QTranslator):
    """A few sentences "in Chinese", so the test does not depend on the shipped catalogue."""

    SENTENCES = {
        ("PartnershipsPage", "Partnerships"): "友好关系",
        ("PartnershipsModel", "Formalised on"): "缔结日期",
        ("PartnershipDetail", "Visits"): "互访",
    }

    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def]
        return self.SENTENCES.get((context, source), "")

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


def test_switching_language_retranslates_the_page_live(qtbot, page, language, office) -> None:  # type: ignore[no-untyped-def]
    page.select(office["hefei"])
    row = names(page).index("Hefei")
    # Persistent: the switch re-sorts the proxy, and a plain index would dangle (a crash).
    formalised = QPersistentModelIndex(page.proxy.index(row, Column.FORMALISED_ON))
    assert formalised.data() == "October 1986"

    language.switch("zh_CN")
    # Dates are Babel's, in the UI language, whatever the catalogue holds.
    qtbot.waitUntil(lambda: formalised.data() == "1986年10月")
    assert page.detail.overview_values["formalised_on"].text() == "1986年10月"
    pretend = _PretendChinese()
    QCoreApplication.installTranslator(pretend)
    try:
        qtbot.waitUntil(lambda: page.title.text() == "友好关系")
        header = page.model.headerData(Column.FORMALISED_ON, Qt.Orientation.Horizontal)
        assert header == "缔结日期"
        assert page.detail.tabs.tabText(1) == "互访"
    finally:
        QCoreApplication.removeTranslator(pretend)
    language.switch("en")
    qtbot.waitUntil(lambda: page.title.text() == "Partnerships")
    assert formalised.data() == "October 1986"
    assert page.new_button.text() == "New partnership"
    assert page.detail.tabs.tabText(1) == "Visits"


def test_a_contact_history_shows_titles_and_logs_from_there(  # type: ignore[no-untyped-def]
    qtbot, services, operations, office
) -> None:
    services.interactions.log("greeting", "2025-09-17", [office["wang"]], office["hefei"])
    dialog = ContactHistoryDialog(services, operations, office["wang"])
    qtbot.addWidget(dialog)
    assert dialog.name_label.text() == "Wang Fang (王芳)"
    assert dialog.titles_label.text() == "Division Director\n欧洲处处长"
    assert dialog.tabs.tabText(0) == "Interactions"
    assert dialog.timeline.model_.rowCount() == 1
    dialog.show()
    dialog.log_button.click()
    log = [d for d in dialog.findChildren(LogInteractionDialog) if d.isVisible()][0]
    assert log.people_edit.ids() == [office["wang"]]
    log.note_edit.setPlainText("Thanked her for the mooncakes")
    with qtbot.waitSignal(dialog.changed):
        log.save_button.click()
    top = dialog.timeline.model_.entry(0)
    assert top is not None and top.note == "Thanked her for the mooncakes"
    assert dialog.last_contact_label.text().startswith("Last contact: ")


def test_double_clicking_a_visit_asks_for_it(qtbot, page, services, office) -> None:  # type: ignore[no-untyped-def]
    from crm.store.partnership_models import Delegation

    with services.db.write() as session:
        session.add(Delegation(id="v1", partnership_id=office["hefei"], title="Spring visit"))
    page.refresh(Changes(partnerships=frozenset({office["hefei"]})))
    page.select(office["hefei"])
    view = page.detail.delegations.view
    index = view.model().index(0, 0)
    assert index.data() == "Spring visit" and index.data(ID_ROLE) == "v1"
    with qtbot.waitSignal(page.open_delegation) as blocker:
        view.doubleClicked.emit(index)
    assert blocker.args == ["v1"]
