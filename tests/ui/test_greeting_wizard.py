"""The greeting campaign wizard as a user meets it: choose Mid-Autumn, see who is skipped and
why, untick someone, preview a message, write the .eml files, run again, stop part-way."""

from __future__ import annotations

import email
import email.policy
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QFileDialog,
    QLabel,
    QWidget,
)

from crm.ui.dialogs import greeting_wizard as wizard_module
from crm.ui.dialogs.greeting_wizard import (
    OCCASION_PAGE,
    OUTPUT_PAGE,
    RECIPIENTS_PAGE,
    RUN_PAGE,
    GreetingWizard,
    coming_year,
)
from crm.ui.models.greeting_recipients import Column

WANG_FANG = "2e4895f6-70de-4cf3-a2a7-72723bcf4ad8"  # 王芳, 欧洲处处长, writes Chinese
GREETING_LIST = "greeting list"

shown = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def office(settings):  # type: ignore[no-untyped-def]
    settings.sender_name = "Anna Berg"
    settings.sender_title = "International Coordinator"
    settings.our_city = "Aalborg"
    settings.our_city_zh = "奥尔堡"
    settings.sender_address = "anna.berg@aalborg.dk.example"
    return settings


@pytest.fixture
def open_wizard(qtbot, demo_services, operations, office, language):  # type: ignore[no-untyped-def]
    def make(**kwargs: Any) -> GreetingWizard:
        wizard = GreetingWizard(demo_services, operations, office, language, **kwargs)
        qtbot.addWidget(wizard)
        return wizard

    return make


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the folder dialog "chooses" to write."""
    out = tmp_path / "greetings"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    return out


def says(text: str, expected: str) -> bool:
    """`text` is `expected`, whose "(s)" the English catalogue may have made "s" or nothing."""
    pattern = re.escape(expected).replace(r"\(s\)", r"(?:\(s\)|s)?")
    return re.fullmatch(pattern, text) is not None


def choose(combo, data) -> None:  # type: ignore[no-untyped-def]
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def mid_autumn_list(qtbot, wizard: GreetingWizard) -> None:  # type: ignore[no-untyped-def]
    """Mid-Autumn 2026 for the people tagged "greeting list", up to the recipients page."""
    choose(wizard.occasion_combo, "mid_autumn")
    wizard.year_spin.setValue(2026)
    choose(wizard.tag_combo, GREETING_LIST)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.pages.currentIndex() == RECIPIENTS_PAGE


def rows(wizard: GreetingWizard) -> dict[str, tuple[str, Any]]:
    """name -> (status shown, check state)"""
    model = wizard.model
    return {
        model.index(r, Column.NAME).data(): (
            model.index(r, Column.STATUS).data(),
            model.index(r, Column.NAME).data(Qt.ItemDataRole.CheckStateRole),
        )
        for r in range(model.rowCount())
    }


def untick(wizard: GreetingWizard, contact_id: str) -> None:
    model = wizard.model
    index = model.index(model.row_of(contact_id), Column.NAME)
    assert model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)


def select(wizard: GreetingWizard, contact_id: str) -> None:
    wizard.table.selectRow(wizard.model.row_of(contact_id))


def write_files(qtbot, wizard: GreetingWizard) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.pages.currentIndex() == OUTPUT_PAGE
    assert wizard.files_radio.isChecked()
    qtbot.mouseClick(wizard.choose_folder_button, Qt.MouseButton.LeftButton)
    assert wizard.run_button.text() == "&Write"
    qtbot.mouseClick(wizard.run_button, Qt.MouseButton.LeftButton)
    assert wizard.pages.currentIndex() == RUN_PAGE


def test_the_year_is_the_coming_occurrence() -> None:
    import datetime as dt

    # Mid-Autumn 2026 is on 25 September.
    assert coming_year("mid_autumn", dt.date(2026, 9, 1)) == 2026
    assert coming_year("mid_autumn", dt.date(2026, 9, 25)) == 2026
    assert coming_year("mid_autumn", dt.date(2026, 10, 1)) == 2027
    assert coming_year("christmas", dt.date(2026, 12, 26)) == 2027
    assert coming_year("new_year", dt.date(2026, 3, 1)) == 2027
    assert coming_year("national_day", dt.date(2026, 12, 31)) == 2026


def test_the_recipients_table_is_a_well_behaved_model(  # type: ignore[no-untyped-def]
    qtbot, qtmodeltester, open_wizard
) -> None:
    wizard = open_wizard()
    mid_autumn_list(qtbot, wizard)
    qtmodeltester.check(wizard.model)


def test_mid_autumn_written_to_a_folder(  # type: ignore[no-untyped-def]
    qtbot, open_wizard, folder, monkeypatch
) -> None:
    wizard = open_wizard()
    assert wizard.pages.currentIndex() == OCCASION_PAGE
    assert wizard.occasion_combo.currentText() == "Mid-Autumn Festival"
    mid_autumn_list(qtbot, wizard)

    found = rows(wizard)
    checked, unchecked = Qt.CheckState.Checked, Qt.CheckState.Unchecked
    assert found["王芳"] == ("Ready", checked)
    assert found["Lotte Claes"] == ("Ready", checked)
    # The skipped are listed with the reason, greyed and without a tick box.
    assert found["李建国"] == ("Moved on", None)
    assert found["吴德明"] == ("Deceased", None)
    model = wizard.model
    assert wizard.counts_label.text() == "12 ready, 3 skipped; 12 ticked"

    # Wang Fang's message: in Chinese first, with her title.
    select(wizard, WANG_FANG)
    assert "尊敬的王处长：" in wizard.preview.toPlainText()
    assert "Dear Ms Wang," in wizard.preview.toPlainText()
    assert wizard.preview_subject.text() == "中秋节快乐 | Happy Mid-Autumn Festival"
    assert wizard.preview_to.text() == "王芳 <wangfang@hefei.gov.cn.example>"

    lotte = next(r.contact_id for r in model.recipients() if r.name == "Lotte Claes")
    untick(wizard, lotte)
    assert rows(wizard)["Lotte Claes"] == ("Ready", unchecked)
    assert wizard.counts_label.text() == "12 ready, 3 skipped; 11 ticked"

    write_files(qtbot, wizard)
    files = sorted(folder.glob("*.eml"))
    assert len(files) == 11
    assert not [f for f in files if lotte[:8] in f.name]
    wang = [f for f in files if WANG_FANG[:8] in f.name]
    assert [f.name for f in wang] == ["wang-fang-2e4895f6.eml"]
    message = email.message_from_bytes(wang[0].read_bytes(), policy=email.policy.default)
    assert message["To"].addresses[0].addr_spec == "wangfang@hefei.gov.cn.example"

    assert says(wizard.result_label.text(), "11 e-mail file(s) written. 3 skipped.")
    left_out = {
        wizard.results.item(r, 0).text(): wizard.results.item(r, 1).text()
        for r in range(wizard.results.rowCount())
    }
    assert left_out == {
        "黄志刚": "Moved on",
        "李建国": "Moved on",
        "吴德明": "Deceased",
    }
    assert wizard.open_folder_button.isVisibleTo(wizard)
    opened: list[str] = []
    monkeypatch.setattr(
        wizard_module.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile())
    )
    qtbot.mouseClick(wizard.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [str(folder)]

    # Running again: the greeted are now "already greeted"; only Lotte is left to greet.
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    assert wizard.pages.currentIndex() == RECIPIENTS_PAGE
    found = rows(wizard)
    assert found["王芳"] == ("Already greeted for this occasion and year", None)
    assert found["Lotte Claes"] == ("Ready", unchecked)  # she stays unticked
    assert not wizard.next_button.isEnabled()  # nobody ticked


def test_a_new_wizard_shows_the_greeted_as_already_greeted(  # type: ignore[no-untyped-def]
    qtbot, open_wizard, folder
) -> None:
    first = open_wizard()
    mid_autumn_list(qtbot, first)
    write_files(qtbot, first)
    second = open_wizard()
    mid_autumn_list(qtbot, second)
    assert second.counts_label.text() == "0 ready, 15 skipped; 0 ticked"


def test_stop_ends_the_campaign_between_two_messages(  # type: ignore[no-untyped-def]
    qtbot, open_wizard, folder
) -> None:
    wizard = open_wizard()
    mid_autumn_list(qtbot, wizard)
    seen: list[tuple[int, int]] = []

    def progressed(done: int, total: int) -> None:
        seen.append((done, total))
        if done >= 1:
            wizard.stop_button.click()  # as the user would, once the first is out

    wizard.progressed.connect(progressed)
    write_files(qtbot, wizard)
    assert len(list(folder.glob("*.eml"))) == 1
    assert seen == [(0, 12), (1, 12)]
    stopped = "Stopped before the end. 1 e-mail file(s) written. 3 skipped."
    assert says(wizard.result_label.text(), stopped)
    assert wizard.close_button.isEnabled()
    assert not wizard.stop_button.isVisibleTo(wizard)

    # The rest are still to greet.
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    assert wizard.counts_label.text() == "11 ready, 4 skipped; 11 ticked"


def test_an_anniversary_needs_a_partnership(qtbot, open_wizard) -> None:  # type: ignore[no-untyped-def]
    wizard = open_wizard(occasion="anniversary")
    assert wizard.occasion() == "anniversary"
    assert wizard.anniversary_hint.isVisibleTo(wizard)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.pages.currentIndex() == OCCASION_PAGE
    assert wizard.occasion_error.text() == (
        "Choose the partnership whose anniversary the greetings are for."
    )


def test_only_the_chosen_contacts(qtbot, open_wizard) -> None:  # type: ignore[no-untyped-def]
    wizard = open_wizard(contact_ids=[WANG_FANG])
    assert says(wizard.chosen_label.text(), "Only the 1 chosen contact(s).")
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert list(rows(wizard)) == ["王芳"]


# ---- sending by SMTP ----


@pytest.fixture
def mail_server(office):  # type: ignore[no-untyped-def]
    """A mail server on loopback that wants anna's password "right"; Settings point at it."""
    pytest.importorskip("aiosmtpd")
    import socket

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    class Mailbox:
        def __init__(self) -> None:
            self.recipients: list[str] = []

        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
            self.recipients.extend(envelope.rcpt_tos)
            return "250 Message accepted"

    def authenticator(
        server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        good = isinstance(data, LoginPassword) and data.password == b"right"
        return AuthResult(success=good, handled=False)

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    mailbox = Mailbox()
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=authenticator,
        auth_require_tls=False,
    )
    controller.start()
    office.smtp_host = "127.0.0.1"
    office.smtp_port = port
    office.smtp_security = "none"
    office.smtp_user = "anna"
    yield mailbox
    controller.stop()


@pytest.fixture
def typed_passwords(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """No password in the keyring; each prompt takes the next of these (the test adds them),
    and is cancelled when there is none."""
    monkeypatch.delenv("CRM_SMTP_PASSWORD", raising=False)
    monkeypatch.setattr(wizard_module, "smtp_password", lambda smtp: None)
    answers: list[str] = []

    def get_text(parent, title, label, echo, *args, **kwargs):  # type: ignore[no-untyped-def]
        assert label == "Password of anna on 127.0.0.1:"
        return (answers.pop(0), True) if answers else ("", False)

    monkeypatch.setattr(wizard_module.QInputDialog, "getText", get_text)
    return answers


def send(qtbot, wizard: GreetingWizard) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    wizard.send_radio.setChecked(True)
    assert wizard.run_button.text() == "&Send"
    assert wizard.server_label.text().startswith("Through 127.0.0.1:")
    assert wizard.server_label.text().endswith("(no encryption) as anna.")
    qtbot.mouseClick(wizard.run_button, Qt.MouseButton.LeftButton)


def test_send_asks_for_the_password_once(  # type: ignore[no-untyped-def]
    qtbot, open_wizard, mail_server, typed_passwords
) -> None:
    wizard = open_wizard(contact_ids=[WANG_FANG])
    typed_passwords.append("wrong")
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    send(qtbot, wizard)
    assert wizard.pages.currentIndex() == RUN_PAGE
    assert wizard.run_error.text() == "The mail server refused the user name or password."
    assert mail_server.recipients == []

    # Back, and again: the wrong password is forgotten and asked for again.
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    typed_passwords.append("right")
    send(qtbot, wizard)
    assert mail_server.recipients == ["wangfang@hefei.gov.cn.example"]
    assert says(wizard.result_label.text(), "1 message(s) sent.")
    assert wizard.run_error.isHidden()
    assert not wizard.open_folder_button.isVisibleTo(wizard)


def test_no_password_typed_sends_nothing(  # type: ignore[no-untyped-def]
    qtbot, open_wizard, mail_server, typed_passwords
) -> None:
    wizard = open_wizard(contact_ids=[WANG_FANG])
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    send(qtbot, wizard)  # the prompt is cancelled
    assert wizard.pages.currentIndex() == OUTPUT_PAGE
    assert mail_server.recipients == []


def test_without_a_mail_server_sending_is_not_offered(qtbot, open_wizard) -> None:  # type: ignore[no-untyped-def]
    wizard = open_wizard()
    mid_autumn_list(qtbot, wizard)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    wizard.send_radio.setChecked(True)
    assert wizard.server_label.text() == (
        "No mail server is set up yet: set one in Settings, on the Mail tab."
    )
    assert not wizard.run_button.isEnabled()
    wizard.files_radio.setChecked(True)
    assert wizard.run_button.isEnabled()


# ---- on screen, in both languages ----


def show(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitExposed(dialog):
        dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()


def _clipped(dialog: QWidget) -> list[str]:
    """Texts of labels, buttons and boxes narrower than they need to be."""
    found = []
    for widget in dialog.findChildren(QWidget):
        if not widget.isVisibleTo(dialog):
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            continue
        kinds = QLabel | QAbstractButton | QAbstractSpinBox | QComboBox
        if isinstance(widget, kinds) and widget.width() < widget.minimumSizeHint().width():
            found.append(f"{type(widget).__name__} {getattr(widget, 'text', lambda: '')()}")
    return found


def walk_pages(qtbot, wizard: GreetingWizard) -> Iterator[int]:  # type: ignore[no-untyped-def]
    """Through every page, as far as writing nothing goes."""
    yield wizard.pages.currentIndex()
    mid_autumn_list(qtbot, wizard)
    select(wizard, WANG_FANG)
    yield wizard.pages.currentIndex()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    yield wizard.pages.currentIndex()


@shown
@pytest.mark.parametrize("code", ["en", "zh_CN"])
def test_nothing_is_clipped(qtbot, open_wizard, language, code) -> None:  # type: ignore[no-untyped-def]
    language.switch(code)
    wizard = open_wizard()
    show(qtbot, wizard)
    for page in walk_pages(qtbot, wizard):
        qtbot.wait(10)
        assert _clipped(wizard) == [], page


@shown
@pytest.mark.parametrize("code", ["en", "zh_CN"])
def test_the_preview_as_a_picture(qtbot, open_wizard, language, tmp_path, code) -> None:  # type: ignore[no-untyped-def]
    """The wizard's preview of 王芳's message. LIAISON_SCREENSHOTS=folder keeps the pictures."""
    language.switch(code)
    wizard = open_wizard()
    wizard.resize(1100, 640)
    show(qtbot, wizard)
    mid_autumn_list(qtbot, wizard)
    select(wizard, WANG_FANG)
    assert "尊敬的王处长：" in wizard.preview.toPlainText()
    qtbot.wait(10)
    folder = Path(os.environ.get("LIAISON_SCREENSHOTS") or tmp_path)
    assert wizard.grab().save(str(folder / f"greetings_{code}.png"))


class _PretendChinese(QTranslator):
    SENTENCES = {
        ("GreetingWizard", "Greetings"): "节日问候",
        ("GreetingWizard", "&Next"): "下一步(&N)",
        ("GreetingWizard", "Any tag"): "任意标签",
        ("GreetingWizard", "{ready} ready, {skipped} skipped; {ticked} ticked"): (
            "{ready} 人可发送，{skipped} 人跳过；已勾选 {ticked} 人"
        ),
        ("GreetingRecipientsModel", "Status"): "状态",
    }

    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def]
        return self.SENTENCES.get((context, source), "")

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


def test_it_follows_a_switch_of_language(qtbot, open_wizard) -> None:  # type: ignore[no-untyped-def]
    wizard = open_wizard()
    mid_autumn_list(qtbot, wizard)
    pretend = _PretendChinese()
    QCoreApplication.installTranslator(pretend)
    try:
        qtbot.waitUntil(lambda: wizard.windowTitle() == "节日问候")
        assert wizard.next_button.text() == "下一步(&N)"
        assert wizard.tag_combo.itemText(0) == "任意标签"
        assert wizard.tag_combo.currentText() == GREETING_LIST  # the choice is kept
        assert wizard.counts_label.text() == "12 人可发送，3 人跳过；已勾选 12 人"
        header = wizard.model.headerData(Column.STATUS, Qt.Orientation.Horizontal)
        assert header == "状态"
    finally:
        QCoreApplication.removeTranslator(pretend)
    qtbot.waitUntil(lambda: wizard.windowTitle() == "Greetings")


@shown
def test_tab_goes_through_the_first_page_in_reading_order(qtbot, open_wizard) -> None:  # type: ignore[no-untyped-def]
    wizard = open_wizard()
    show(qtbot, wizard)
    wizard.occasion_combo.setFocus()
    order: list[QWidget] = []
    for _ in range(12):
        widget = wizard.focusWidget()
        order.append(widget)
        if widget is wizard.close_button:
            break
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert order == [
        wizard.occasion_combo,
        wizard.year_spin,
        wizard.partnership_combo,
        wizard.tag_combo,
        wizard.owner_combo,
        wizard.language_combo,
        wizard.bilingual_check,
        wizard.next_button,
        wizard.close_button,
    ]


def test_on_the_worker_thread_the_progress_bar_follows(  # type: ignore[no-untyped-def]
    qtbot, demo_services, office, language, folder
) -> None:
    """As in the app: the campaign runs off the GUI thread and reports through a signal."""
    from crm.ui.operations import Operations

    threaded = Operations()
    wizard = GreetingWizard(demo_services, threaded, office, language)
    qtbot.addWidget(wizard)
    qtbot.waitUntil(lambda: wizard.tag_combo.findData(GREETING_LIST) >= 0)
    choose(wizard.occasion_combo, "mid_autumn")
    wizard.year_spin.setValue(2026)
    choose(wizard.tag_combo, GREETING_LIST)
    wizard.go_next()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == RECIPIENTS_PAGE)
    wizard.go_next()
    wizard.choose_folder()
    wizard.run_campaign()
    assert wizard.stop_button.isVisibleTo(wizard)
    assert not wizard.close_button.isEnabled()
    qtbot.waitUntil(lambda: wizard.close_button.isEnabled(), timeout=10000)
    threaded.wait()
    assert len(list(folder.glob("*.eml"))) == 12
    assert wizard.progress.value() == wizard.progress.maximum() == 12
    assert says(wizard.result_label.text(), "12 e-mail file(s) written. 3 skipped.")
