"""The greeting campaign wizard: the occasion and year, who gets a message (and who is skipped,
and why), each message previewed, then .eml files written to a folder or the messages sent by
SMTP, with progress and a way to stop.

Every step calls the greeting service through `Operations`: reading the recipients, each preview,
and the campaign itself, which runs on the worker thread in the app. The service calls
`progress(done, total)` from there; the wizard re-emits it as a signal (queued to the GUI thread)
and answers False once Stop was pressed, which ends the campaign between two messages. What was
sent by then is recorded, so running the campaign again greets only the others.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QItemSelection, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from crm.domain.chinese_calendar import chinese_festivals
from crm.domain.contacts import LANGUAGES
from crm.domain.greetings import GREETING_OCCASIONS, Greeting
from crm.domain.text import DomainError
from crm.services.bundle import Services
from crm.services.greetings import (
    Campaign,
    CampaignReport,
    CampaignStopped,
    SmtpSettings,
    smtp_password,
)
from crm.ui.contact_languages import language_name
from crm.ui.dialogs.template_editor import (
    TemplateEditor,
    campaign_for,
    greeting_service,
    occasion_name,
)
from crm.ui.language import LanguageManager, render
from crm.ui.models.greeting_recipients import GreetingRecipientsModel
from crm.ui.operations import Operations, describe_error
from crm.ui.settings import Settings
from crm.ui.widgets.error_label import ErrorLabel

OCCASION_PAGE, RECIPIENTS_PAGE, OUTPUT_PAGE, RUN_PAGE = range(4)
# The fields of a Campaign the preview passes on (all but its occasion, year and people).
_PREVIEW_FIELDS = tuple(
    f.name for f in fields(Campaign) if f.name not in ("occasion", "year", "contact_ids")
)


def coming_year(occasion: str, today: dt.date) -> int:
    """The year of the occasion's next occurrence: a festival already past this year is
    greeted next year; the others (national days, birthdays, anniversaries) this year."""

    def day_in(year: int) -> dt.date | None:
        if occasion == "new_year":
            return dt.date(year, 1, 1)
        if occasion == "christmas":
            return dt.date(year, 12, 25)
        return dict(chinese_festivals(year)).get(occasion)

    day = day_in(today.year)
    if day is None or day >= today:
        return today.year
    return today.year + 1


def _heading() -> QLabel:
    label = QLabel()
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def _wrapped() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    return label


class GreetingWizard(QDialog):
    """`changed(Changes)` fires after a campaign wrote or sent something;
    `progressed(done, total)` as it goes (from the worker thread: connect queued)."""

    changed = Signal(object)
    progressed = Signal(int, int)

    def __init__(
        self,
        services: Services,
        operations: Operations,
        settings: Settings,
        language: LanguageManager,
        *,
        occasion: str | None = None,
        contact_ids: list[str] | None = None,
        partnership_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._operations = operations
        self._settings = settings
        self._language = language
        self._greetings = greeting_service(services)
        self._chosen = tuple(contact_ids) if contact_ids else None
        self._partnership_id = partnership_id
        self._staff_id: str | None = None
        self._preview_for: str | None = None
        self._password: str | None = None  # typed once, kept for this wizard only
        self._cancel = threading.Event()
        self._running = False
        self._report: CampaignReport | None = None
        self._out_dir: Path | None = None
        self._run_error: str | None = None
        self.template_editor: TemplateEditor | None = None
        self._build()
        start = occasion if occasion in GREETING_OCCASIONS else "mid_autumn"
        self.occasion_combo.setCurrentIndex(self.occasion_combo.findData(start))
        self.year_spin.setValue(coming_year(start, dt.date.today()))
        self.bilingual_check.setChecked(settings.greeting_bilingual)
        self.progressed.connect(self._show_progress)
        self.retranslate()
        self._show_page(OCCASION_PAGE)
        self._operations.run(self._read_choices, on_success=self._show_choices, parent=self)

    # Building ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_occasion_page())
        self.pages.addWidget(self._build_recipients_page())
        self.pages.addWidget(self._build_output_page())
        self.pages.addWidget(self._build_run_page())

        self.back_button = QPushButton()
        self.next_button = QPushButton()
        self.run_button = QPushButton()
        self.stop_button = QPushButton()
        self.close_button = QPushButton()
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.run_button.clicked.connect(self.run_campaign)
        self.stop_button.clicked.connect(self.stop)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (
            self.back_button,
            self.next_button,
            self.run_button,
            self.stop_button,
            self.close_button,
        ):
            button.setAutoDefault(False)
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)
        self.resize(1040, 660)
        chain: list[QWidget] = [
            self.occasion_combo,
            self.year_spin,
            self.partnership_combo,
            self.tag_combo,
            self.owner_combo,
            self.language_combo,
            self.bilingual_check,
            self.table,
            self.tick_all_button,
            self.untick_all_button,
            self.preview,
            self.edit_template_button,
            self.files_radio,
            self.folder_edit,
            self.choose_folder_button,
            self.send_radio,
            self.results,
            self.open_folder_button,
            self.back_button,
            self.next_button,
            self.run_button,
            self.stop_button,
            self.close_button,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _build_occasion_page(self) -> QWidget:
        self.occasion_heading = _heading()
        self.occasion_combo = QComboBox()
        for code in GREETING_OCCASIONS:
            self.occasion_combo.addItem("", code)
        self.occasion_combo.currentIndexChanged.connect(self._occasion_changed)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(1900, 2200)
        self.partnership_combo = QComboBox()
        self.partnership_combo.addItem("", None)
        self.tag_combo = QComboBox()
        self.tag_combo.addItem("", None)
        self.owner_combo = QComboBox()
        self.owner_combo.addItem("", None)
        self.language_combo = QComboBox()
        self.language_combo.addItem("", None)
        for code in LANGUAGES:
            self.language_combo.addItem(language_name(code), code)
        for combo in (self.partnership_combo, self.tag_combo, self.owner_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.bilingual_check = QCheckBox()
        self.anniversary_hint = _wrapped()
        self.chosen_label = _wrapped()
        self.chosen_label.setVisible(self._chosen is not None)
        self.occasion_error = ErrorLabel()
        self.occasion_labels: dict[QWidget, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for field in (
            self.occasion_combo,
            self.year_spin,
            self.partnership_combo,
            self.tag_combo,
            self.owner_combo,
            self.language_combo,
        ):
            label = QLabel()
            label.setBuddy(field)
            self.occasion_labels[field] = label
            form.addRow(label, field)
            if field is self.partnership_combo:
                form.addRow("", self.anniversary_hint)
        form.addRow(self.bilingual_check)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.occasion_heading)
        layout.addLayout(form)
        layout.addWidget(self.chosen_label)
        layout.addWidget(self.occasion_error)
        layout.addStretch(1)
        return page

    def _build_recipients_page(self) -> QWidget:
        self.recipients_heading = _heading()
        self.model = GreetingRecipientsModel(self)
        self.model.ticked_changed.connect(self._update_counts)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setMinimumWidth(self.fontMetrics().averageCharWidth() * 50)
        selection = self.table.selectionModel()
        selection.selectionChanged.connect(self._selection_changed)
        self.counts_label = _wrapped()
        self.tick_all_button = QPushButton()
        self.untick_all_button = QPushButton()
        self.tick_all_button.clicked.connect(lambda: self.model.tick_all(True))
        self.untick_all_button.clicked.connect(lambda: self.model.tick_all(False))
        ticks = QHBoxLayout()
        ticks.addWidget(self.counts_label, 1)
        ticks.addWidget(self.tick_all_button)
        ticks.addWidget(self.untick_all_button)
        people = QWidget()
        people_layout = QVBoxLayout(people)
        people_layout.setContentsMargins(0, 0, 0, 0)
        people_layout.addWidget(self.table, 1)
        people_layout.addLayout(ticks)

        self.to_label, self.subject_label = QLabel(), QLabel()
        # One line each, however long: read-only boxes scroll where a label would be cut.
        self.preview_to, self.preview_subject = QLineEdit(), QLineEdit()
        for line in (self.preview_to, self.preview_subject):
            line.setReadOnly(True)
            line.setFrame(False)
            line.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.preview.setMinimumWidth(self.fontMetrics().averageCharWidth() * 40)
        self.preview_error = ErrorLabel()
        self.edit_template_button = QPushButton()
        self.edit_template_button.setEnabled(False)
        self.edit_template_button.clicked.connect(self.edit_template)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.to_label, self.preview_to)
        form.addRow(self.subject_label, self.preview_subject)
        template_row = QHBoxLayout()
        template_row.addStretch(1)
        template_row.addWidget(self.edit_template_button)
        message = QWidget()
        message_layout = QVBoxLayout(message)
        message_layout.setContentsMargins(0, 0, 0, 0)
        message_layout.addLayout(form)
        message_layout.addWidget(self.preview, 1)
        message_layout.addWidget(self.preview_error)
        message_layout.addLayout(template_row)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(people)
        splitter.addWidget(message)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.recipients_heading)
        layout.addWidget(splitter, 1)
        return page

    def _build_output_page(self) -> QWidget:
        self.output_heading = _heading()
        self.files_radio = QRadioButton()
        self.send_radio = QRadioButton()
        self.files_radio.setChecked(True)
        self.output_group = QButtonGroup(self)
        self.output_group.addButton(self.files_radio)
        self.output_group.addButton(self.send_radio)
        self.files_radio.toggled.connect(lambda _on: self._update_buttons())
        self.folder_label = QLabel()
        self.folder_edit = QLineEdit()
        self.folder_label.setBuddy(self.folder_edit)
        self.folder_edit.textChanged.connect(lambda _text: self._update_buttons())
        self.choose_folder_button = QPushButton()
        self.choose_folder_button.setAutoDefault(False)
        self.choose_folder_button.clicked.connect(self.choose_folder)
        folder = QHBoxLayout()
        folder.setContentsMargins(24, 0, 0, 0)
        folder.addWidget(self.folder_label)
        folder.addWidget(self.folder_edit, 1)
        folder.addWidget(self.choose_folder_button)
        self.server_label = _wrapped()
        self.server_label.setContentsMargins(24, 0, 0, 0)
        self.output_summary = _wrapped()
        self.output_error = ErrorLabel()
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.output_heading)
        layout.addWidget(self.files_radio)
        layout.addLayout(folder)
        layout.addSpacing(8)
        layout.addWidget(self.send_radio)
        layout.addWidget(self.server_label)
        layout.addSpacing(8)
        layout.addWidget(self.output_summary)
        layout.addWidget(self.output_error)
        layout.addStretch(1)
        return page

    def _build_run_page(self) -> QWidget:
        self.run_heading = _heading()
        self.run_status = _wrapped()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.result_label = _wrapped()
        self.run_error = ErrorLabel()
        self.results = QTableWidget(0, 2)
        self.results.verticalHeader().setVisible(False)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setWordWrap(False)
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.results_label = QLabel()
        self.results_label.setBuddy(self.results)
        self.open_folder_button = QPushButton()
        self.open_folder_button.setAutoDefault(False)
        self.open_folder_button.clicked.connect(self.open_folder)
        folder_row = QHBoxLayout()
        folder_row.addStretch(1)
        folder_row.addWidget(self.open_folder_button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.run_heading)
        layout.addWidget(self.run_status)
        layout.addWidget(self.progress)
        layout.addWidget(self.result_label)
        layout.addWidget(self.run_error)
        layout.addWidget(self.results_label)
        layout.addWidget(self.results, 1)
        layout.addLayout(folder_row)
        return page

    # The choices of the first page --------------------------------------------------------
    def _read_choices(self) -> dict[str, Any]:
        settings = self._settings
        staff_id = None
        if settings.sender_name or settings.sender_address:
            staff_id = self._greetings.staff_id(
                name=settings.sender_name, email=settings.sender_address
            )
        return {
            "partnerships": self._services.partnerships.rows(),
            "tags": self._services.contacts.tags(),
            "staff": self._services.directory.staff(),
            "staff_id": staff_id,
        }

    def _show_choices(self, found: dict[str, Any]) -> None:
        self._staff_id = found["staff_id"]
        chinese = self._language.language == "zh_CN"
        partnerships = sorted(
            (((row.partner_zh if chinese else "") or row.partner, row.id))
            for row in found["partnerships"]
        )
        for label, partnership_id in partnerships:
            self.partnership_combo.addItem(label, partnership_id)
        for tag in found["tags"]:
            self.tag_combo.addItem(tag, tag)
        for staff in found["staff"]:
            self.owner_combo.addItem(staff.name, staff.id)
        if self._partnership_id:
            self.partnership_combo.setCurrentIndex(
                max(self.partnership_combo.findData(self._partnership_id), 0)
            )

    def _occasion_changed(self) -> None:
        occasion = self.occasion()
        self.year_spin.setValue(coming_year(occasion, dt.date.today()))
        self.anniversary_hint.setVisible(occasion == "anniversary")
        self.occasion_error.set_error(None)

    def occasion(self) -> str:
        return str(self.occasion_combo.currentData())

    def campaign(self, *, ticked: bool = False) -> Campaign:
        """The campaign as chosen; `ticked`: for the ticked people only."""
        people = tuple(self.model.ticked_ids()) if ticked else self._chosen
        return campaign_for(
            self._settings,
            self.occasion(),
            self.year_spin.value(),
            partnership_id=self.partnership_combo.currentData() or None,
            tag=self.tag_combo.currentData() or None,
            owner_id=self.owner_combo.currentData() or None,
            language=self.language_combo.currentData() or None,
            contact_ids=people,
            bilingual=self.bilingual_check.isChecked(),
            sender_staff_id=self._staff_id,
            today=dt.date.today(),
        )

    # Moving between pages ----------------------------------------------------------------
    def go_next(self) -> None:
        page = self.pages.currentIndex()
        if page == OCCASION_PAGE:
            self.load_recipients()
        elif page == RECIPIENTS_PAGE and self.model.ticked_ids():
            self._show_page(OUTPUT_PAGE)

    def go_back(self) -> None:
        page = self.pages.currentIndex()
        if page == RECIPIENTS_PAGE:
            self._show_page(OCCASION_PAGE)
        elif page == OUTPUT_PAGE:
            self._show_page(RECIPIENTS_PAGE)
        elif page == RUN_PAGE and not self._running:
            self.load_recipients()  # their statuses changed: some are greeted now

    def load_recipients(self) -> None:
        self.occasion_error.set_error(None)
        campaign = self.campaign()
        self._operations.run(
            lambda: self._greetings.recipients_of(campaign),
            on_success=self._show_recipients,
            on_error=self._recipients_refused,
            parent=self,
        )

    def _show_recipients(self, recipients: list[Any]) -> None:
        self.model.set_recipients(recipients)
        self.table.resizeColumnsToContents()
        self._show_page(RECIPIENTS_PAGE)
        if recipients:
            ready = next((i for i, r in enumerate(recipients) if r.ready), 0)
            self.table.selectRow(ready)
        else:
            self._show_greeting(None)

    def _recipients_refused(self, error: BaseException) -> bool:
        if not isinstance(error, DomainError):
            return False
        self.occasion_error.set_error(error)
        self._show_page(OCCASION_PAGE)
        return True

    def _show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        if page == OUTPUT_PAGE:
            self.output_error.set_error(None)
            self._retranslate_output()
        self._update_buttons()
        focus: dict[int, QWidget] = {
            OCCASION_PAGE: self.occasion_combo,
            RECIPIENTS_PAGE: self.table,
            OUTPUT_PAGE: self.files_radio if self.files_radio.isChecked() else self.send_radio,
            RUN_PAGE: self.results,
        }
        focus[page].setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_buttons(self) -> None:
        page = self.pages.currentIndex()
        ticked = bool(self.model.ticked_ids())
        self.back_button.setVisible(page != OCCASION_PAGE)
        self.back_button.setEnabled(not self._running)
        self.next_button.setVisible(page in (OCCASION_PAGE, RECIPIENTS_PAGE))
        self.next_button.setEnabled(page == OCCASION_PAGE or ticked)
        self.run_button.setVisible(page == OUTPUT_PAGE)
        sending = self.send_radio.isChecked()
        self.run_button.setText(self.tr("&Send") if sending else self.tr("&Write"))
        ready = bool(self._settings.smtp_host) if sending else True
        self.run_button.setEnabled(ticked and ready)
        self.folder_edit.setEnabled(not sending)
        self.choose_folder_button.setEnabled(not sending)
        self.stop_button.setVisible(page == RUN_PAGE and self._running)
        self.close_button.setEnabled(not self._running)
        default = {
            OCCASION_PAGE: self.next_button,
            RECIPIENTS_PAGE: self.next_button,
            OUTPUT_PAGE: self.run_button,
            RUN_PAGE: self.stop_button if self._running else self.close_button,
        }[page]
        for button in (self.next_button, self.run_button, self.stop_button, self.close_button):
            button.setDefault(button is default)

    # Recipients and preview --------------------------------------------------------------
    def _update_counts(self) -> None:
        ready, skipped = self.model.ready_count(), len(self.model.skipped())
        ticked = len(self.model.ticked_ids())
        self.counts_label.setText(
            self.tr("{ready} ready, {skipped} skipped; {ticked} ticked").format(
                ready=ready, skipped=skipped, ticked=ticked
            )
        )
        self._update_buttons()

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.refresh_preview()

    def selected_contact(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        found = self.model.recipient_at(rows[0].row()) if rows else None
        return found.contact_id if found is not None else None

    def refresh_preview(self) -> None:
        """The message of the person selected, as the campaign would write it now."""
        contact_id = self.selected_contact()
        self._preview_for = contact_id
        self.edit_template_button.setEnabled(contact_id is not None)
        if contact_id is None:
            self._show_greeting(None)
            return
        campaign = self.campaign()
        details = {name: getattr(campaign, name) for name in _PREVIEW_FIELDS}
        greetings = self._greetings

        def shown(greeting: Greeting) -> None:
            if self._preview_for == contact_id:
                self._show_greeting(greeting)

        def failed(error: BaseException) -> bool:
            if self._preview_for == contact_id:
                self._show_greeting(None)
                self.preview_error.setText(describe_error(error))
                self.preview_error.show()
            return True

        self._operations.run(
            lambda: greetings.preview(campaign.occasion, campaign.year, contact_id, **details),
            on_success=shown,
            on_error=failed,
            parent=self,
        )

    def _show_greeting(self, greeting: Greeting | None) -> None:
        self.preview_error.set_error(None)
        found = self.model.recipient_at(self.model.row_of(self._preview_for or ""))
        if greeting is None or found is None:
            self.preview_to.clear()
            self.preview_subject.clear()
            self.preview.clear()
            return
        self.preview_to.setText(f"{found.name} <{found.address}>" if found.address else found.name)
        self.preview_subject.setText(greeting.subject)
        for line in (self.preview_to, self.preview_subject):
            line.setCursorPosition(0)  # the beginning in view
        self.preview.setHtml(greeting.html)

    def edit_template(self) -> None:
        """The template of this occasion in the selected person's main language."""
        contact_id = self.selected_contact()
        found = self.model.recipient_at(self.model.row_of(contact_id or ""))
        language = found.languages[0] if found is not None and found.languages else "en"
        editor = TemplateEditor(
            self._services,
            self._operations,
            occasion=self.occasion(),
            language=language,
            contact_id=contact_id,
            campaign=self.campaign(),
            parent=self,
        )
        editor.saved.connect(lambda _occasion, _language: self.refresh_preview())
        editor.finished.connect(lambda _result: self.refresh_preview())
        self.template_editor = editor
        editor.open()

    # Output ------------------------------------------------------------------------------
    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Write the e-mail files to"), self.folder_edit.text()
        )
        if chosen:
            self.folder_edit.setText(chosen)

    def run_campaign(self) -> None:
        if not self.run_button.isEnabled():
            return
        campaign = self.campaign(ticked=True)
        if not campaign.contact_ids:
            return
        if self.files_radio.isChecked():
            if not self.folder_edit.text().strip():
                self.choose_folder()
            folder = self.folder_edit.text().strip()
            if folder:
                self._start(campaign, out_dir=Path(folder))
            return
        smtp = self._settings.smtp_settings()
        if not smtp.user or self._password is not None:
            self._send(campaign, smtp, self._password)
            return
        self._operations.run(
            lambda: smtp_password(smtp),
            on_success=lambda found: self._send(campaign, smtp, found),
            parent=self,
        )

    def _send(self, campaign: Campaign, smtp: SmtpSettings, password: str | None) -> None:
        if smtp.user and password is None:
            password = self.ask_password(smtp)
            if password is None:
                return
            self._password = password
        self._start(campaign, smtp=replace(smtp, password=password))

    def ask_password(self, smtp: SmtpSettings) -> str | None:
        """The password, for this wizard only; None when the user would rather not."""
        text, ok = QInputDialog.getText(
            self,
            self.tr("Mail server password"),
            self.tr("Password of {user} on {host}:").format(user=smtp.user, host=smtp.host),
            QLineEdit.EchoMode.Password,
        )
        return text if ok and text else None

    # Running -----------------------------------------------------------------------------
    def _start(
        self, campaign: Campaign, *, out_dir: Path | None = None, smtp: SmtpSettings | None = None
    ) -> None:
        self._cancel.clear()
        self._running = True
        self._report = None
        self._run_error = None
        self._out_dir = out_dir
        self.progress.setRange(0, max(len(campaign.contact_ids or ()), 1))
        self.progress.setValue(0)
        self.results.setRowCount(0)
        self.run_error.set_error(None)
        self._retranslate_run()
        self._show_page(RUN_PAGE)
        greetings = self._greetings
        self._operations.run(
            lambda: greetings.run(campaign, out_dir=out_dir, smtp=smtp, progress=self._progress),
            on_success=self._finished,
            on_error=self._failed,
            parent=self,
        )

    def _progress(self, done: int, total: int) -> bool:
        """Called by the service, on the worker thread in the app: no widget is touched here."""
        self.progressed.emit(done, total)
        return not self._cancel.is_set()

    def _show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def stop(self) -> None:
        """Stop between two messages; what went out is kept and recorded."""
        if self._running:
            self._cancel.set()
            self.stop_button.setEnabled(False)
            self.run_status.setText(self.tr("Stopping after the current message…"))

    def _finished(self, report: CampaignReport) -> None:
        self._running = False
        self._report = report
        self.stop_button.setEnabled(True)
        if report.cancelled:
            self.progress.setValue(report.written + report.sent)
        else:
            self.progress.setValue(self.progress.maximum())
        self._show_result()
        if report.changes.contacts or report.changes.partnerships:
            self.changed.emit(report.changes)

    def _failed(self, error: BaseException) -> bool:
        self._running = False
        self.stop_button.setEnabled(True)
        if self.send_radio.isChecked():
            self._password = None  # perhaps mistyped: asked again next time
        self._report = error.report if isinstance(error, CampaignStopped) else None
        self._run_error = describe_error(error)
        self._show_result()
        if self._report is not None and self._report.changes.contacts:
            self.changed.emit(self._report.changes)
        return True

    def _show_result(self) -> None:
        self._retranslate_run()
        self._fill_results()
        self._update_buttons()
        self.results.setFocus(Qt.FocusReason.OtherFocusReason)

    def _left_out(self) -> list[tuple[str, str]]:
        """Everyone left out, with the reason: skipped when listed, skipped or failed in the
        run."""
        rows: list[tuple[str, str]] = []
        seen: set[str] = set()
        for person in self.model.skipped():
            rows.append((person.name, render(person.label)))
            seen.add(person.contact_id)
        report = self._report
        if report is not None:
            for skip in report.skipped:
                if skip.contact_id not in seen:
                    rows.append((skip.name, render(skip.label)))
            for failure in report.failed:
                reason = render(failure.label)
                detail = f"{reason} ({failure.detail})" if failure.detail else reason
                rows.append((f"{failure.name} <{failure.to}>", detail))
        return rows

    def _fill_results(self) -> None:
        rows = self._left_out() if not self._running else []
        self.results.setRowCount(len(rows))
        for row, (name, reason) in enumerate(rows):
            self.results.setItem(row, 0, QTableWidgetItem(name))
            self.results.setItem(row, 1, QTableWidgetItem(reason))
        self.results.setVisible(bool(rows))
        self.results_label.setVisible(bool(rows))

    def open_folder(self) -> None:
        if self._out_dir is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._out_dir)))

    def reject(self) -> None:
        """Close, Esc and the window's close button; while running, Stop instead."""
        if self._running:
            self.stop()
            return
        super().reject()

    # Language ----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Greetings"))
        self.back_button.setText(self.tr("&Back"))
        self.next_button.setText(self.tr("&Next"))
        self.stop_button.setText(self.tr("S&top"))
        self.close_button.setText(self.tr("&Close"))
        self._retranslate_occasion()
        self._retranslate_recipients()
        self._retranslate_output()
        self._retranslate_run()
        self._update_buttons()

    def _retranslate_occasion(self) -> None:
        self.occasion_heading.setText(self.tr("Which greeting, and for whom?"))
        labels = {
            self.occasion_combo: self.tr("&Occasion:"),
            self.year_spin: self.tr("&Year:"),
            self.partnership_combo: self.tr("&Partnership:"),
            self.tag_combo: self.tr("&Tag:"),
            self.owner_combo: self.tr("O&wner:"),
            self.language_combo: self.tr("&Language:"),
        }
        for field, text in labels.items():
            self.occasion_labels[field].setText(text)
        for index in range(self.occasion_combo.count()):
            code = str(self.occasion_combo.itemData(index))
            self.occasion_combo.setItemText(index, occasion_name(code))
        self.partnership_combo.setItemText(0, self.tr("Any partnership"))
        self.tag_combo.setItemText(0, self.tr("Any tag"))
        self.owner_combo.setItemText(0, self.tr("Anyone's contacts"))
        self.language_combo.setItemText(0, self.tr("Any language"))
        self.anniversary_hint.setText(
            self.tr("An anniversary greeting is for the people of one partnership: choose it.")
        )
        self.anniversary_hint.setVisible(self.occasion() == "anniversary")
        self.bilingual_check.setText(
            self.tr("Write to Chinese-speaking contacts in Chinese, then in &English")
        )
        count = len(self._chosen or ())
        self.chosen_label.setText(self.tr("Only the %n chosen contact(s).", "", count))
        self.occasion_error.retranslate()

    def _retranslate_recipients(self) -> None:
        self.recipients_heading.setText(
            self.tr("Tick who gets a message; select someone to see theirs.")
        )
        self.model.retranslate()
        self.tick_all_button.setText(self.tr("Tick &all"))
        self.untick_all_button.setText(self.tr("&Untick all"))
        self.to_label.setText(self.tr("To:"))
        self.subject_label.setText(self.tr("Subject:"))
        self.edit_template_button.setText(self.tr("&Edit template…"))
        self.edit_template_button.setToolTip(
            self.tr("Change the words of this greeting in this person's language.")
        )
        self._update_counts()

    def _retranslate_output(self) -> None:
        self.output_heading.setText(self.tr("How should the greetings go out?"))
        self.files_radio.setText(self.tr("Write e-mail &files to a folder"))
        self.files_radio.setToolTip(
            self.tr("One .eml file per person, to open and send in your mail program.")
        )
        self.folder_label.setText(self.tr("F&older:"))
        self.choose_folder_button.setText(self.tr("C&hoose…"))
        self.send_radio.setText(self.tr("Send by e-&mail now"))
        smtp = self._settings.smtp_settings()
        if smtp.host:
            # The protocols' names are the same in every language.
            names = {"starttls": "STARTTLS", "ssl": "SSL/TLS"}
            security = names.get(smtp.security) or self.tr("no encryption")
            server = f"{smtp.host}:{smtp.effective_port}"
            if smtp.user:
                text = self.tr("Through {server} ({security}) as {user}.").format(
                    server=server, security=security, user=smtp.user
                )
            else:
                text = self.tr("Through {server} ({security}).").format(
                    server=server, security=security
                )
        else:
            text = self.tr("No mail server is set up yet: set one in Settings, on the Mail tab.")
        self.server_label.setText(text)
        ticked = len(self.model.ticked_ids())
        self.output_summary.setText(self.tr("%n message(s) will go out.", "", ticked))
        self.output_error.retranslate()

    def _retranslate_run(self) -> None:
        sending = self.send_radio.isChecked()
        report = self._report
        if self._running:
            self.run_heading.setText(
                self.tr("Sending the greetings…") if sending else self.tr("Writing the greetings…")
            )
            if not self._cancel.is_set():
                self.run_status.setText(self.tr("You can stop between two messages."))
        else:
            self.run_heading.setText(self.tr("Done") if self._run_error is None else "")
            self.run_status.setText("")
        self.run_heading.setVisible(bool(self.run_heading.text()))
        self.run_status.setVisible(bool(self.run_status.text()))
        lines = []
        if report is not None:
            if report.cancelled:
                lines.append(self.tr("Stopped before the end."))
            if sending:
                lines.append(self.tr("%n message(s) sent.", "", report.sent))
            else:
                lines.append(self.tr("%n e-mail file(s) written.", "", report.written))
            if report.failed:
                lines.append(self.tr("%n could not be sent.", "", len(report.failed)))
            skipped = len(self._left_out()) - len(report.failed)
            if skipped:
                lines.append(self.tr("%n skipped.", "", skipped))
        self.result_label.setText(" ".join(lines))
        self.result_label.setVisible(bool(lines) and not self._running)
        if self._run_error is not None:
            self.run_error.setText(self._run_error)
        self.run_error.setVisible(self._run_error is not None)
        self.results_label.setText(self.tr("&Left out:"))
        self.results.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Reason")])
        written = report is not None and report.written > 0 and self._out_dir is not None
        self.open_folder_button.setText(self.tr("&Open folder"))
        self.open_folder_button.setVisible(written and not self._running)
        if not self._running and self._report is not None:
            self._fill_results()
