"""Settings: the language, starting at login, the tray, when and about what to be reminded, the
mail server greetings are sent through, who you are to colleagues, who signs the greetings, and
where the database is and how it is backed up (its own page: `settings_database`).

Preferences of this computer live in `Settings`; the keep-in-touch intervals belong to the office
and live in the database, so they are read and written through the reminder service. OK and
Apply store everything at once and then emit `applied`, for the main window to re-arm its
scheduler; Cancel stores nothing. The mail password is the exception: it is never in the
settings file, and "Save password" puts it in the system keyring at once. A restore from a
backup (on the Database page) emits `changed`, for the windows to read everything again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from crm.domain.formatting import country_names
from crm.domain.partnerships import PARTNERSHIP_STATUS_LABELS, PartnershipStatus
from crm.domain.text import DomainError
from crm.services.acting import login_name
from crm.services.autostart import Autostart
from crm.services.bundle import Services
from crm.services.greetings import SmtpSettings, save_smtp_password
from crm.services.reminders import MAX_INTERVAL, Intervals
from crm.ui.dialogs.settings_database import DatabasePage
from crm.ui.language import LANGUAGE_NAMES, LanguageManager, render
from crm.ui.operations import Operations
from crm.ui.settings import MAX_PORT, SMTP_SECURITIES, Settings
from crm.ui.widgets.error_label import ErrorLabel, field_column
from crm.ui.widgets.row_table import RowsModel, RowTable
from crm.ui.widgets.table_delegates import ChoiceDelegate

Index = QModelIndex | QPersistentModelIndex

# Each in its own language, never translated: a reader of the other language must find theirs.
# The same as the main window's Language menu.
# The order an office thinks of them in: the partnerships it works on first.
STATUSES = (
    PartnershipStatus.ACTIVE,
    PartnershipStatus.EXPLORING,
    PartnershipStatus.DORMANT,
    PartnershipStatus.ENDED,
)
NEW_TAG_DAYS = 90
GENERAL, REMINDERS, MAIL, OFFICE, DATABASE = range(5)


@dataclass
class TagInterval:
    tag: str
    days: int


@dataclass(frozen=True)
class IntervalChanges:
    """What Apply writes: only the intervals the user changed, so that a status left at its
    default keeps following the default."""

    status: dict[str, int | None]
    tags: dict[str, int | None]

    def __bool__(self) -> bool:
        return bool(self.status or self.tags)


class TagIntervalsModel(RowsModel[TagInterval]):
    """Tags that set a keep-in-touch interval for the contacts carrying them."""

    def headers(self) -> list[str]:
        return [self.tr("Tag"), self.tr("Days")]

    def display(self, row: TagInterval, column: int) -> str:
        return row.tag if column == 0 else str(row.days)

    def edit_value(self, row: TagInterval, column: int) -> Any:
        return row.tag if column == 0 else row.days

    def editable(self, column: int) -> bool:
        return True

    def set_value(self, row: TagInterval, column: int, value: Any) -> bool:
        if column == 0 and isinstance(value, str) and value:
            row.tag = value
            return True
        if column == 1 and isinstance(value, int) and 1 <= value <= MAX_INTERVAL:
            row.days = value
            return True
        return False


class DaysDelegate(QStyledItemDelegate):
    """A number of days within what the reminder service accepts."""

    def createEditor(  # noqa: N802 - Qt override
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        spin = QSpinBox(parent)
        spin.setRange(1, MAX_INTERVAL)
        return spin

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802 - Qt override
        assert isinstance(editor, QSpinBox)
        editor.setValue(int(index.data(Qt.ItemDataRole.EditRole) or NEW_TAG_DAYS))

    def setModelData(  # noqa: N802 - Qt override
        self, editor: QWidget, model: QAbstractItemModel, index: Index
    ) -> None:
        assert isinstance(editor, QSpinBox)
        editor.interpretText()
        model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)


class SettingsDialog(QDialog):
    applied = Signal()
    changed = Signal(object)  # Changes: a backup was restored

    def __init__(
        self,
        settings: Settings,
        services: Services,
        operations: Operations,
        language: LanguageManager,
        *,
        autostart: Autostart | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._services = services
        self._operations = operations
        self._language = language
        self._autostart = autostart if autostart is not None else Autostart()
        self._loaded: Intervals | None = None
        self._tags: list[str] = []
        self._busy = False
        self._build()
        self._show_settings()
        self.retranslate()
        self._operations.run(self._read_intervals, on_success=self._show_intervals, parent=self)

    # Building ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_general(), "")
        self.tabs.addTab(self._build_reminders(), "")
        self.tabs.addTab(self._build_mail(), "")
        self.tabs.addTab(self._build_office(), "")
        self.database_page = DatabasePage(self._settings, self._services, self._operations)
        self.database_page.changed.connect(self.changed)
        self.tabs.addTab(self.database_page, "")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply
        )
        self.buttons.accepted.connect(self.apply_and_close)
        self.buttons.rejected.connect(self.reject)
        self.buttons.clicked.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)
        chain: list[QWidget] = [
            self.language_combo,
            self.autostart_check,
            self.close_to_tray_check,
            self.time_edit,
            self.notify_check,
            *self.status_spins.values(),
            self.tag_table.view,
            self.add_tag_button,
            self.remove_tag_button,
            self.host_edit,
            self.port_spin,
            self.security_combo,
            self.user_edit,
            self.sender_address_edit,
            self.password_edit,
            self.save_password_button,
            self.my_name_edit,
            self.our_city_edit,
            self.our_city_zh_edit,
            self.our_country_combo,
            self.sender_name_edit,
            self.sender_name_zh_edit,
            self.sender_title_edit,
            self.sender_title_zh_edit,
            self.bilingual_check,
            *self.database_page.focus_chain(),
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _build_general(self) -> QWidget:
        self.language_combo = QComboBox()
        for code, name in LANGUAGE_NAMES.items():
            self.language_combo.addItem(name, code)
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language_combo)
        self.autostart_check = QCheckBox()
        self.autostart_error = ErrorLabel()
        self.autostart_check.toggled.connect(lambda _on: self.autostart_error.set_error(None))
        self.close_to_tray_check = QCheckBox()
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.language_label, self.language_combo)
        form.addRow(field_column(self.autostart_check, self.autostart_error))
        form.addRow(self.close_to_tray_check)
        return page

    def _build_reminders(self) -> QWidget:
        self.time_edit = QTimeEdit()
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_label = QLabel()
        self.time_label.setBuddy(self.time_edit)
        self.notify_check = QCheckBox()
        # Numbers and times of a few digits: their boxes stay that size.
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.time_label, self.time_edit)
        form.addRow(self.notify_check)

        self.keep_in_touch_group = QGroupBox()
        self.keep_in_touch_group.setEnabled(False)  # until the intervals are read
        self.keep_in_touch_intro = QLabel()
        self.keep_in_touch_intro.setWordWrap(True)
        self.status_spins: dict[PartnershipStatus, QSpinBox] = {}
        self.status_labels: dict[PartnershipStatus, QLabel] = {}
        statuses = QFormLayout()
        statuses.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for status in STATUSES:
            spin = QSpinBox()
            spin.setRange(0, MAX_INTERVAL)  # 0: never
            label = QLabel()
            label.setBuddy(spin)
            statuses.addRow(label, spin)
            self.status_spins[status], self.status_labels[status] = spin, label

        self.tag_model = TagIntervalsModel(self)
        self.tag_table = RowTable(self.tag_model)
        self.tag_table.view.setItemDelegateForColumn(0, ChoiceDelegate(self._tag_choices, self))
        self.tag_table.view.setItemDelegateForColumn(1, DaysDelegate(self))
        self.tag_table.view.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        self.tag_table.stretch(0)
        self.add_tag_button = self.tag_table.add_button()
        self.add_tag_button.clicked.connect(self.add_tag)
        self.remove_tag_button = self.tag_table.add_button(needs_row=True)
        self.remove_tag_button.clicked.connect(self.remove_tag)
        self.tag_table.finish_buttons()
        self.tag_model.rowsInserted.connect(self._update_add_button)
        self.tag_model.rowsRemoved.connect(self._update_add_button)
        self.tag_model.modelReset.connect(self._update_add_button)
        self.tag_model.dataChanged.connect(self._update_add_button)
        self.tags_label = QLabel()
        self.tags_label.setWordWrap(True)
        self.tags_label.setBuddy(self.tag_table.view)

        group = QVBoxLayout(self.keep_in_touch_group)
        group.addWidget(self.keep_in_touch_intro)
        group.addLayout(statuses)
        group.addWidget(self.tags_label)
        group.addWidget(self.tag_table, 1)
        self.intervals_error = ErrorLabel()
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.keep_in_touch_group, 1)
        layout.addWidget(self.intervals_error)
        return page

    def _build_mail(self) -> QWidget:
        self.mail_intro = QLabel()
        self.mail_intro.setWordWrap(True)
        self.host_edit = QLineEdit()
        self.host_edit.setPlaceholderText("smtp.example.org")
        self.port_spin = QSpinBox()
        self.port_spin.setRange(0, MAX_PORT)  # 0: the usual port of the security chosen
        self.security_combo = QComboBox()
        for code in SMTP_SECURITIES:
            self.security_combo.addItem("", code)
        self.user_edit = QLineEdit()
        self.sender_address_edit = QLineEdit()
        self.sender_address_edit.setPlaceholderText("name@example.org")
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.save_password_button = QPushButton()
        self.save_password_button.setEnabled(False)
        self.save_password_button.clicked.connect(self.save_password)
        self.password_saved_label = QLabel()
        self.password_saved_label.setWordWrap(True)
        self.password_saved_label.hide()
        self.password_error = ErrorLabel()
        for edit in (self.host_edit, self.user_edit, self.password_edit):
            edit.textChanged.connect(self._password_changed)
        self.host_label, self.port_label, self.security_label = QLabel(), QLabel(), QLabel()
        self.user_label, self.sender_address_label = QLabel(), QLabel()
        self.password_label = QLabel()
        # The button under the field: a password box beside it would be too narrow in Chinese.
        password_cell = QWidget()
        password_column = QVBoxLayout(password_cell)
        password_column.setContentsMargins(0, 0, 0, 0)
        password_column.setSpacing(2)
        password_column.addWidget(self.password_edit)
        password_column.addWidget(self.save_password_button, 0, Qt.AlignmentFlag.AlignLeft)
        password_column.addWidget(self.password_saved_label)
        password_column.addWidget(self.password_error)
        fields: tuple[tuple[QLabel, QWidget, QWidget], ...] = (
            (self.host_label, self.host_edit, self.host_edit),
            (self.port_label, self.port_spin, self.port_spin),
            (self.security_label, self.security_combo, self.security_combo),
            (self.user_label, self.user_edit, self.user_edit),
            (self.sender_address_label, self.sender_address_edit, self.sender_address_edit),
            (self.password_label, self.password_edit, password_cell),
        )
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.mail_intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for label, buddy, cell in fields:
            label.setBuddy(buddy)
            form.addRow(label, cell)
        layout.addLayout(form)
        layout.addStretch(1)
        return page

    def _build_office(self) -> QWidget:
        self.my_name_edit = QLineEdit()
        self.my_name_label = QLabel()
        self.my_name_label.setBuddy(self.my_name_edit)
        self.my_name_hint = QLabel()
        self.my_name_hint.setWordWrap(True)
        self.office_intro = QLabel()
        self.office_intro.setWordWrap(True)
        self.our_city_edit, self.our_city_zh_edit = QLineEdit(), QLineEdit()
        self.sender_name_edit, self.sender_name_zh_edit = QLineEdit(), QLineEdit()
        self.sender_title_edit, self.sender_title_zh_edit = QLineEdit(), QLineEdit()
        self.bilingual_check = QCheckBox()
        self.our_country_combo = QComboBox()
        self.our_country_combo.setEditable(False)
        self.our_country_label = QLabel()
        self.our_country_label.setBuddy(self.our_country_combo)
        self.office_labels: dict[QLineEdit, QLabel] = {}
        # One form, so that every field starts at the same place; the intro spans it.
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.my_name_label, field_column(self.my_name_edit, self.my_name_hint))
        gap = QWidget()
        gap.setFixedHeight(self.fontMetrics().lineSpacing() // 2)
        form.addRow(gap)
        form.addRow(self.office_intro)
        for edit in (
            self.our_city_edit,
            self.our_city_zh_edit,
            self.sender_name_edit,
            self.sender_name_zh_edit,
            self.sender_title_edit,
            self.sender_title_zh_edit,
        ):
            label = QLabel()
            label.setBuddy(edit)
            form.addRow(label, edit)
            self.office_labels[edit] = label
            if edit is self.our_city_zh_edit:
                form.addRow(self.our_country_label, self.our_country_combo)
        form.addRow(self.bilingual_check)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addStretch(1)
        # Left blank, your name is the one that signs your greetings (else your login name).
        self.sender_name_edit.textChanged.connect(self._show_my_name_fallback)
        return page

    def _show_my_name_fallback(self) -> None:
        fallback = self.sender_name_edit.text().strip() or login_name()
        self.my_name_edit.setPlaceholderText(fallback)

    def _fill_countries(self, chosen: str) -> None:
        """Every country, named in the UI's language (so refilled when it changes)."""
        combo = self.our_country_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("(not set)"), "")
        for code, name in country_names(self._language.language).items():
            combo.addItem(name, code)
        combo.setCurrentIndex(max(combo.findData(chosen.upper()), 0))
        combo.blockSignals(False)

    # Showing what is stored --------------------------------------------------------------
    def _show_settings(self) -> None:
        settings = self._settings
        position = self.language_combo.findData(self._language.language)
        self.language_combo.setCurrentIndex(max(position, 0))
        self.autostart_check.setChecked(self._autostart.is_enabled())
        self.close_to_tray_check.setChecked(settings.close_to_tray)
        at = settings.reminder_time
        self.time_edit.setTime(QTime(at.hour, at.minute))
        self.notify_check.setChecked(settings.notifications)
        self.host_edit.setText(settings.smtp_host)
        self.port_spin.setValue(settings.smtp_port)
        self.security_combo.setCurrentIndex(
            max(self.security_combo.findData(settings.smtp_security), 0)
        )
        self.user_edit.setText(settings.smtp_user)
        self.sender_address_edit.setText(settings.sender_address)
        self.my_name_edit.setText(settings.my_name)
        self.our_city_edit.setText(settings.our_city)
        self.our_city_zh_edit.setText(settings.our_city_zh)
        self._fill_countries(settings.our_country)
        self.sender_name_edit.setText(settings.sender_name)
        self.sender_name_zh_edit.setText(settings.sender_name_zh)
        self.sender_title_edit.setText(settings.sender_title)
        self.sender_title_zh_edit.setText(settings.sender_title_zh)
        self.bilingual_check.setChecked(settings.greeting_bilingual)
        self._show_my_name_fallback()

    def _read_intervals(self) -> tuple[Intervals, list[str]]:
        return self._services.reminders.intervals(), self._services.contacts.tags()

    def _show_intervals(self, result: tuple[Intervals, list[str]]) -> None:
        intervals, tags = result
        self._loaded, self._tags = intervals, tags
        for status, spin in self.status_spins.items():
            spin.setValue(intervals.status.get(str(status)) or 0)
        rows = [TagInterval(tag, days) for tag, days in intervals.tags.items() if days]
        self.tag_model.set_rows(sorted(rows, key=lambda row: row.tag.casefold()))
        self.keep_in_touch_group.setEnabled(True)

    # Tags --------------------------------------------------------------------------------
    def _free_tags(self, keep: str | None = None) -> list[str]:
        """Tags of contacts that have no interval in the table yet (and `keep`)."""
        used = {row.tag for row in self.tag_model.rows()} - {keep}
        return [tag for tag in self._tags if tag not in used]

    def _tag_choices(self) -> list[tuple[str, Any]]:
        row = self.tag_table.current_row()
        current = self.tag_model.row_at(row).tag if row >= 0 else None
        tags = self._free_tags(current)
        if current is not None and current not in tags:
            # A tag no contact carries any more: still offered, so that leaving the cell keeps it.
            tags.insert(0, current)
        return [(tag, tag) for tag in tags]

    def _update_add_button(self) -> None:
        self.add_tag_button.setEnabled(bool(self._free_tags()))

    def add_tag(self) -> None:
        free = self._free_tags()
        if not free:
            return
        row = self.tag_model.append(TagInterval(free[0], NEW_TAG_DAYS))
        self.tag_table.select(row)
        self.tag_table.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.tag_table.view.edit(self.tag_model.index(row, 0))

    def remove_tag(self) -> None:
        self.tag_table.view.finish_editing()
        self.tag_model.remove(self.tag_table.current_row())

    # The mail password -------------------------------------------------------------------
    def _password_changed(self) -> None:
        self.password_saved_label.hide()
        self.password_error.set_error(None)
        ready = all(e.text().strip() for e in (self.host_edit, self.user_edit))
        self.save_password_button.setEnabled(ready and bool(self.password_edit.text()))

    def save_password(self) -> None:
        """Into the system keyring, for the server and user shown; never into the settings."""
        password = self.password_edit.text()
        if not password or not self.save_password_button.isEnabled():
            return
        smtp = SmtpSettings(
            host=self.host_edit.text().strip(),
            port=self.port_spin.value(),
            user=self.user_edit.text().strip(),
            security=str(self.security_combo.currentData()),
        )
        self.save_password_button.setEnabled(False)
        self._operations.run(
            lambda: save_smtp_password(smtp, password),
            on_success=lambda _none: self._password_saved(),
            on_error=self._password_refused,
            parent=self,
        )

    def _password_saved(self) -> None:
        self.password_edit.clear()
        self.password_saved_label.show()

    def _password_refused(self, error: BaseException) -> bool:
        self._password_changed()
        if not isinstance(error, DomainError):
            return False
        self.password_error.set_error(error)
        return True

    # Applying ----------------------------------------------------------------------------
    def _clicked(self, button: QAbstractButton) -> None:
        if self.buttons.buttonRole(button) == QDialogButtonBox.ButtonRole.ApplyRole:
            self.apply()

    def apply(self) -> None:
        self._apply(close=False)

    def apply_and_close(self) -> None:
        self._apply(close=True)

    def _apply(self, *, close: bool) -> None:
        """Preferences first (they cannot fail), then starting at login, then the intervals;
        the dialog stays open to show whatever was refused."""
        if self._busy:
            return
        self.tag_table.view.finish_editing()
        self.intervals_error.set_error(None)
        self._store_preferences()
        started = self._apply_autostart()
        stored = self._apply_database()
        close = close and started and stored
        changes = self._interval_changes()
        if not changes:
            self._finish(close=close)
            return
        self._set_busy(True)
        self._operations.run(
            lambda: self._save_intervals(changes),
            on_success=lambda intervals: self._intervals_saved(intervals, close=close),
            on_error=self._intervals_refused,
            parent=self,
        )

    def _store_preferences(self) -> None:
        settings = self._settings
        settings.close_to_tray = self.close_to_tray_check.isChecked()
        at = self.time_edit.time()
        settings.reminder_time = dt.time(at.hour(), at.minute())
        settings.notifications = self.notify_check.isChecked()
        settings.smtp_host = self.host_edit.text()
        settings.smtp_port = self.port_spin.value()
        settings.smtp_security = str(self.security_combo.currentData())
        settings.smtp_user = self.user_edit.text()
        settings.sender_address = self.sender_address_edit.text()
        settings.my_name = self.my_name_edit.text()
        settings.our_city = self.our_city_edit.text()
        settings.our_city_zh = self.our_city_zh_edit.text()
        settings.our_country = str(self.our_country_combo.currentData() or "")
        settings.sender_name = self.sender_name_edit.text()
        settings.sender_name_zh = self.sender_name_zh_edit.text()
        settings.sender_title = self.sender_title_edit.text()
        settings.sender_title_zh = self.sender_title_zh_edit.text()
        settings.greeting_bilingual = self.bilingual_check.isChecked()
        settings.sync()
        code = self.language_combo.currentData()
        if code != self._language.language:
            self._language.switch(code)  # the dialog hears LanguageChange like every window

    def _apply_autostart(self) -> bool:
        wanted = self.autostart_check.isChecked()
        if wanted == self._autostart.is_enabled():
            return True
        try:
            if wanted:
                self._autostart.enable()
            else:
                self._autostart.disable()
        except DomainError as error:
            self.autostart_error.set_error(error)
            self.tabs.setCurrentIndex(0)
            return False
        return True

    def _apply_database(self) -> bool:
        """The database page stores what it can; it says on the page what it could not."""
        if self.database_page.apply():
            return True
        self.tabs.setCurrentIndex(DATABASE)
        return False

    def _interval_changes(self) -> IntervalChanges:
        if self._loaded is None:
            return IntervalChanges({}, {})
        loaded = self._loaded
        status: dict[str, int | None] = {}
        for key, spin in self.status_spins.items():
            days = spin.value() or None
            if days != loaded.status.get(str(key)):
                status[str(key)] = days
        shown: dict[str, int | None] = {row.tag: row.days for row in self.tag_model.rows()}
        tags = {tag: days for tag, days in shown.items() if days != loaded.tags.get(tag)}
        tags.update({tag: None for tag in loaded.tags if tag not in shown})
        return IntervalChanges(status, tags)

    def _save_intervals(self, changes: IntervalChanges) -> Intervals:
        reminders = self._services.reminders
        for status, days in changes.status.items():
            reminders.set_status_interval(status, days)
        for tag, days in changes.tags.items():
            reminders.set_tag_interval(tag, days)
        return reminders.intervals()

    def _intervals_saved(self, intervals: Intervals, *, close: bool) -> None:
        self._set_busy(False)
        self._loaded = intervals
        self._finish(close=close)

    def _intervals_refused(self, error: BaseException) -> bool:
        self._set_busy(False)
        self.applied.emit()  # the preferences were stored all the same
        if not isinstance(error, DomainError):
            return False
        self.intervals_error.set_error(error)
        self.tabs.setCurrentIndex(1)
        return True

    def _finish(self, *, close: bool) -> None:
        self.applied.emit()
        if close:
            self.accept()

    def reject(self) -> None:
        """Cancel, Esc and closing the window; not while the intervals are being written."""
        if not self._busy:
            super().reject()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.buttons.setEnabled(not busy)

    # Language ----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.tabs.setTabText(0, self.tr("General"))
        self.tabs.setTabText(1, self.tr("Reminders"))
        self.language_label.setText(self.tr("&Language:"))
        self.autostart_check.setText(self.tr("&Start Liaison when I log in"))
        self.autostart_check.setToolTip(
            self.tr("Liaison starts in the tray and checks for reminders without being opened.")
        )
        self.close_to_tray_check.setText(
            self.tr("Closing the window &keeps Liaison running in the tray")
        )
        self.close_to_tray_check.setToolTip(
            self.tr("To quit, choose Quit in the File menu or in the tray icon's menu.")
        )
        self.time_label.setText(self.tr("Check for reminders every &day at:"))
        self.notify_check.setText(self.tr("Show a desktop &notification for new reminders"))
        self.keep_in_touch_group.setTitle(self.tr("Keep in touch"))
        self.keep_in_touch_intro.setText(
            self.tr(
                "Remind me of a partner city after this many days without contact, "
                "by the status of the partnership:"
            )
        )
        for status in STATUSES:
            name = render(PARTNERSHIP_STATUS_LABELS[status])
            self.status_labels[status].setText(self.tr("{status}:").format(status=name))
            self.status_spins[status].setSpecialValueText(self.tr("Never"))
        self.tags_label.setText(
            self.tr("And of the people with one of these &tags, after this many days:")
        )
        self.add_tag_button.setText(self.tr("&Add"))
        self.add_tag_button.setToolTip(self.tr("Choose a tag used on your contacts"))
        self.remove_tag_button.setText(self.tr("&Remove"))
        self.tag_model.refresh()
        self._retranslate_mail()
        self._retranslate_office()
        self.tabs.setTabText(DATABASE, self.tr("Database"))
        for label in (self.autostart_error, self.intervals_error, self.password_error):
            label.retranslate()

    def _retranslate_mail(self) -> None:
        self.tabs.setTabText(MAIL, self.tr("Mail"))
        self.mail_intro.setText(
            self.tr("The mail server that sends greetings, as your mail program is set up.")
        )
        self.host_label.setText(self.tr("Mail &server:"))
        self.port_label.setText(self.tr("&Port:"))
        self.port_spin.setSpecialValueText(self.tr("Default"))
        self.port_spin.setToolTip(
            self.tr("Default: 587 with STARTTLS, 465 with SSL, 25 without encryption.")
        )
        self.security_label.setText(self.tr("&Encryption:"))
        words = {
            "none": self.tr("None (only on your own network)"),
            "starttls": self.tr("STARTTLS (usually port 587)"),
            "ssl": self.tr("SSL/TLS (usually port 465)"),
        }
        for index in range(self.security_combo.count()):
            code = str(self.security_combo.itemData(index))
            self.security_combo.setItemText(index, words[code])
        self.user_label.setText(self.tr("&User name:"))
        self.sender_address_label.setText(self.tr("Se&nder address:"))
        self.sender_address_edit.setToolTip(
            self.tr("The address greetings come from, and the one replies go to.")
        )
        self.password_label.setText(self.tr("Pass&word:"))
        self.password_edit.setPlaceholderText(self.tr("Kept in the system keyring, not here"))
        self.save_password_button.setText(self.tr("Save password in the system &keyring"))
        self.password_saved_label.setText(self.tr("The password is saved in the system keyring."))

    def _retranslate_office(self) -> None:
        self.tabs.setTabText(OFFICE, self.tr("Our office"))
        self.my_name_label.setText(self.tr("&Your name for colleagues:"))
        self.my_name_hint.setText(
            self.tr(
                "Saved with each contact, partnership and visit you change, so that a colleague "
                "who edits the same one at the same time knows who changed it."
            )
        )
        self.office_intro.setText(self.tr("These sign the greetings you send."))
        labels = {
            self.our_city_edit: self.tr("Our &city:"),
            self.our_city_zh_edit: self.tr("Our city in C&hinese:"),
            self.sender_name_edit: self.tr("Your &name:"),
            self.sender_name_zh_edit: self.tr("Your name in Ch&inese:"),
            self.sender_title_edit: self.tr("Your &title:"),
            self.sender_title_zh_edit: self.tr("Your title in Chin&ese:"),
        }
        for edit, text in labels.items():
            self.office_labels[edit].setText(text)
        self.our_country_label.setText(self.tr("Our c&ountry:"))
        self.our_country_combo.setToolTip(
            self.tr("Its national day is on the agenda, beside those of our partners' countries.")
        )
        self._fill_countries(str(self.our_country_combo.currentData() or ""))
        self.our_city_edit.setPlaceholderText("Stavanger")
        self.our_city_zh_edit.setPlaceholderText("斯塔万格")
        self.bilingual_check.setText(
            self.tr("Write to Chinese-speaking contacts in Chinese, then in En&glish")
        )
