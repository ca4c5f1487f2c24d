"""The contact editor: every field of a contact, each problem shown beside its field.

The editor builds a `ContactDraft` and hands it to the contact service; the rules a contact must
satisfy live in `ContactDraft.validate`, never here.
"""

from __future__ import annotations

import re

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QFocusEvent,
    QKeySequence,
    QPalette,
    QResizeEvent,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from crm.domain.contacts import (
    HONORIFICS_EN,
    LANGUAGES,
    NAME_REQUIRED,
    STATUS_LABELS,
    ContactDraft,
    ContactStatus,
)
from crm.domain.dates import CalendarKind
from crm.domain.names import display_pinyin, full_label
from crm.domain.text import DomainError, ValidationErrors
from crm.services.bundle import Services
from crm.services.changes import Changes
from crm.services.contacts import ContactService, display_label
from crm.ui.dialogs.organisation_dialog import OrganisationDialog
from crm.ui.dialogs.staff_dialog import ErrorLabel, StaffDialog, field_column
from crm.ui.language import render
from crm.ui.operations import Operations
from crm.ui.widgets.value_list import ValueListEdit

HONORIFICS = (*HONORIFICS_EN, "先生", "女士", "博士", "教授")

# Each language in its own language: a reader looks for the name they know.
LANGUAGE_NAMES = {
    "en": "English",
    "zh_CN": "中文（简体）",
    "da": "Dansk",
    "de": "Deutsch",
    "nl": "Nederlands",
    "nb": "Norsk bokmål",
    "sv": "Svenska",
    "fr": "Français",
    "pl": "Polski",
    "fi": "Suomi",
    "it": "Italiano",
    "es": "Español",
}

_TAG_SEPARATORS = re.compile(r"[,;，；、]")

# Errors about the parts of the birthday are shown under the birthday.
_FIELD_ALIASES = {"birthday_calendar": "birthday", "birthday_leap_month": "birthday"}


def language_name(code: str) -> str:
    if code in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[code]
    try:
        from babel import Locale

        name = Locale.parse(code).get_display_name(code) or code
    except (ValueError, TypeError, LookupError):
        return code
    return name[:1].upper() + name[1:]


def split_tags(text: str) -> list[str]:
    return [tag.strip() for tag in _TAG_SEPARATORS.split(text) if tag.strip()]


class _TagCompleter(QCompleter):
    """Completes the tag being typed after the last comma or semicolon, not the whole line."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt override
        typed = _TAG_SEPARATORS.split(path)[-1].strip()
        # Right after a comma nothing is typed yet: offer nothing rather than every tag.
        return [typed or "\x00"]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:  # noqa: N802 - Qt override
        completion = str(index.data())
        widget = self.widget()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        cut = max((m.end() for m in _TAG_SEPARATORS.finditer(text)), default=0)
        head = text[:cut]
        return f"{head} {completion}" if head else completion


class _ContactPicker(QComboBox):
    """Pick a contact: the first names alphabetically in the list, any other one by typing part
    of their name (or its pinyin), searched by the contact service as the user types."""

    def __init__(
        self, contacts: ContactService, *, exclude: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._contacts = contacts
        self._exclude = exclude
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)
        self.addItem("", None)
        for contact_id, label in self._pick("", limit=50):
            self.addItem(label, contact_id)
        self._matches = QStandardItemModel(self)
        self._completer = QCompleter(self._matches, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        # The overload that carries the row (and so the id), not only its text.
        self._completer.activated[QModelIndex].connect(self._picked)  # type: ignore[index]
        line = self.lineEdit()
        assert line is not None
        line.setCompleter(self._completer)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._search)
        line.textEdited.connect(lambda _text: self._timer.start())
        line.editingFinished.connect(self.commit)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        if event.reason() == Qt.FocusReason.MouseFocusReason and self.currentIndex() == 0:
            # Typing a name should replace "(nobody)", not be appended to it; after the click
            # has placed the cursor.
            QTimer.singleShot(0, self._select_all)

    def _select_all(self) -> None:
        line = self.lineEdit()
        if line is not None and self.currentIndex() == 0:
            line.selectAll()

    def set_none_label(self, text: str) -> None:
        self.setItemText(0, text)
        if self.currentIndex() == 0:
            self.setEditText(text)

    def selected_id(self) -> str | None:
        data = self.currentData()
        return str(data) if data else None

    def set_selected(self, contact_id: str | None) -> None:
        if not contact_id:
            self._select(0)
            return
        index = self.findData(contact_id)
        if index < 0:
            rows = self._contacts.rows([contact_id])
            self.addItem(display_label(rows[0]) if rows else contact_id, contact_id)
            index = self.count() - 1
        self._select(index)

    def commit(self) -> None:
        """Turn what was typed into a choice: nothing, an item, the one contact found, or the
        previous choice back when the text names nobody in particular."""
        self._timer.stop()
        text = self.currentText().strip()
        if not text:
            self._select(0)
            return
        if text == self.itemText(self.currentIndex()):
            return
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            self._select(index)
            return
        found = self._pick(text, limit=2)
        if len(found) == 1:
            self.set_selected(found[0][0])
        else:
            self.setEditText(self.itemText(self.currentIndex()))

    def _select(self, index: int) -> None:
        self.setCurrentIndex(index)
        self.setEditText(self.itemText(index))

    def _pick(self, query: str, *, limit: int) -> list[tuple[str, str]]:
        found = self._contacts.pick_list(query, limit=limit + 1)
        return [(i, label) for i, label in found if i != self._exclude][:limit]

    def _search(self) -> None:
        text = self.currentText().strip()
        self._matches.clear()
        if not text or text == self.itemText(self.currentIndex()):
            return
        for contact_id, label in self._pick(text, limit=20):
            item = QStandardItem(label)
            item.setData(contact_id, Qt.ItemDataRole.UserRole)
            self._matches.appendRow(item)
        if self._matches.rowCount() and self.hasFocus():
            self._completer.setCompletionPrefix(text)
            self._completer.complete()

    def _picked(self, index: QModelIndex) -> None:
        contact_id = index.data(Qt.ItemDataRole.UserRole)
        if contact_id:
            self.set_selected(str(contact_id))


def _muted(label: QLabel) -> QLabel:
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    label.setWordWrap(True)
    return label


class ContactEditor(QDialog):
    """Create a contact (`contact_id=None`) or edit one.

    `saved` carries the `Changes` returned by the service; `contact_id` holds the new id after a
    create. `directory_changed` carries the `Changes` of an organisation or staff member added
    from the editor (they stay even if the contact edit is cancelled).
    """

    saved = Signal(object)
    directory_changed = Signal(object)

    def __init__(
        self,
        services: Services,
        operations: Operations,
        *,
        contact_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._operations = operations
        self.contact_id = contact_id
        self._version: int | None = None
        self._loaded = ContactDraft()
        self._load_failed = False
        self._busy = False
        self._build()

        if contact_id is not None:
            try:
                record = services.contacts.get(contact_id)
            except DomainError as error:
                self._load_failed = True
                self.message_label.set_error(error)
                self._scroll.setEnabled(False)
                self.save_button.setEnabled(False)
            else:
                self._version = record.version
                self._loaded = record.draft
        self._show_draft(self._loaded)
        self._connect_edits()
        self._set_tab_order()
        self.retranslate()
        self.resize(self._initial_size())
        self.family_name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # Building ----------------------------------------------------------------------------
    def _build(self) -> None:
        services = self._services
        self.message_label = ErrorLabel(self)
        self._errors: dict[str, ErrorLabel] = {}
        self._labels: dict[str, QLabel] = {}
        self._focus: dict[str, QWidget] = {}

        # Name
        self.family_name_edit = QLineEdit()
        self.given_name_edit = QLineEdit()
        self.name_zh_edit = QLineEdit()
        self.pinyin_label = _muted(QLabel())
        self.pinyin_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pinyin_label.setMinimumHeight(self.fontMetrics().height())
        self.honorific_combo = QComboBox()
        self.honorific_combo.setEditable(True)
        self.honorific_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.honorific_combo.addItems(list(HONORIFICS))
        self.name_group = self._group(
            ("family_name", self.family_name_edit),
            ("given_name", self.given_name_edit),
            ("name_zh", self.name_zh_edit, self.pinyin_label),
            ("honorific", self.honorific_combo),
        )

        # Work
        self.position_edit = QLineEdit()
        self.position_zh_edit = QLineEdit()
        self.organisation_combo = QComboBox()
        self.organisation_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.organisation_combo.setMinimumContentsLength(16)
        self.new_organisation_button = QPushButton()
        self.new_organisation_button.clicked.connect(self.new_organisation)
        self._fill_organisations()
        self.work_group = self._group(
            ("position", self.position_edit),
            ("position_zh", self.position_zh_edit),
            (
                "organisation_id",
                self._beside(self.organisation_combo, self.new_organisation_button),
            ),
        )
        self._focus["organisation_id"] = self.organisation_combo

        # Contact details
        self.emails_edit = ValueListEdit()
        self.phones_edit = ValueListEdit()
        self.wechat_edit = QLineEdit()
        self.language_combo = QComboBox()
        for code in LANGUAGES:
            self.language_combo.addItem(language_name(code), code)
        self.contact_group = self._group(
            ("emails", self.emails_edit),
            ("phones", self.phones_edit),
            ("wechat", self.wechat_edit),
            ("language", self.language_combo),
        )

        # Personal
        self.birthday_edit = QLineEdit()
        self.calendar_combo = QComboBox()
        # Their texts change with the language: measure them again each time.
        self.calendar_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.calendar_combo.addItem("", str(CalendarKind.GREGORIAN))
        self.calendar_combo.addItem("", str(CalendarKind.LUNAR))
        self.leap_month_check = QCheckBox()
        self.calendar_combo.currentIndexChanged.connect(self._calendar_changed)
        calendar_row = QWidget()
        row = QHBoxLayout(calendar_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.calendar_combo)
        row.addWidget(self.leap_month_check)
        row.addStretch(1)
        self.birthday_hint = _muted(QLabel())
        self.personal_group = self._group(
            ("birthday", self.birthday_edit, calendar_row, self.birthday_hint),
        )

        # Relationship
        self.tags_edit = QLineEdit()
        tags = _TagCompleter(QStringListModel(services.contacts.tags(), self), self.tags_edit)
        tags.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags_edit.setCompleter(tags)
        self.owner_combo = QComboBox()
        self.owner_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.owner_combo.setMinimumContentsLength(12)
        self.new_owner_button = QPushButton()
        self.new_owner_button.clicked.connect(self.new_owner)
        self._fill_staff()
        self.status_combo = QComboBox()
        self.status_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for status in ContactStatus:
            self.status_combo.addItem("", str(status))
        self.successor_combo = _ContactPicker(services.contacts, exclude=self.contact_id)
        self.relationship_group = self._group(
            ("tags", self.tags_edit),
            ("owner_id", self._beside(self.owner_combo, self.new_owner_button)),
            ("status", self.status_combo),
            ("successor_of_id", self.successor_combo),
        )
        self._focus["owner_id"] = self.owner_combo

        # Notes
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        self._errors["notes"] = ErrorLabel()
        self._focus["notes"] = self.notes_edit
        self.notes_group = QGroupBox()
        notes_layout = QVBoxLayout(self.notes_group)
        notes_layout.addWidget(self.notes_edit, 1)
        notes_layout.addWidget(self._errors["notes"])

        # Two columns: who and how to reach them on the left, the relationship on the right.
        self._content = QWidget()
        columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, self._content)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(12)
        left, right = QVBoxLayout(), QVBoxLayout()
        self._column_layouts = (columns, left, right)
        for group in (self.name_group, self.work_group, self.contact_group):
            left.addWidget(group)
        left.addStretch(1)
        for group in (self.personal_group, self.relationship_group):
            right.addWidget(group)
        right.addWidget(self.notes_group, 1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        self._columns = (
            [self.name_group, self.work_group, self.contact_group],
            [self.personal_group, self.relationship_group],
        )
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._scroll.setWidget(self._content)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert save_button is not None and cancel_button is not None
        self.save_button: QPushButton = save_button
        self.cancel_button: QPushButton = cancel_button
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        self._save_shortcut.activated.connect(self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message_label)
        layout.addWidget(self._scroll, 1)
        layout.addWidget(self.buttons)
        self.setMinimumSize(560, 420)
        # Only once the button is inside the dialog does it become the dialog's default.
        self.save_button.setDefault(True)

        self.name_zh_edit.textChanged.connect(self._update_pinyin)

    def _group(self, *rows: tuple[str, QWidget, *tuple[QWidget, ...]]) -> QGroupBox:
        """A titled form; each row's cell holds the field, what goes under it, and its error."""
        group = QGroupBox()
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, field, *below in rows:
            error = ErrorLabel()
            label = QLabel()
            focus = field
            if not isinstance(field, ValueListEdit) and (layout := field.layout()) is not None:
                first = layout.itemAt(0)  # the field of a field-and-button cell
                focus = (first.widget() if first is not None else None) or field
            label.setBuddy(focus)
            self._errors[key] = error
            self._labels[key] = label
            self._focus[key] = focus
            form.addRow(label, field_column(field, *below, error))
        return group

    @staticmethod
    def _beside(field: QWidget, button: QPushButton) -> QWidget:
        cell = QWidget()
        row = QHBoxLayout(cell)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(field, 1)
        row.addWidget(button)
        return cell

    def _fill_organisations(self, select: str | None = None) -> None:
        combo = self.organisation_combo
        current = select or combo.currentData()
        combo.clear()
        combo.addItem(self.tr("(none)"), None)
        for organisation in self._services.directory.organisations():
            label = organisation.name
            if organisation.name_zh and organisation.name_zh != organisation.name:
                label = f"{organisation.name} / {organisation.name_zh}"
            combo.addItem(label, organisation.id)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)

    def _fill_staff(self, select: str | None = None) -> None:
        combo = self.owner_combo
        current = select or combo.currentData()
        combo.clear()
        combo.addItem(self.tr("(nobody)"), None)
        for member in self._services.directory.staff():
            combo.addItem(member.name, member.id)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.family_name_edit,
            self.given_name_edit,
            self.name_zh_edit,
            self.honorific_combo,
            self.position_edit,
            self.position_zh_edit,
            self.organisation_combo,
            self.new_organisation_button,
            *self.emails_edit.line_edits(),
            *self.phones_edit.line_edits(),
            self.wechat_edit,
            self.language_combo,
            self.birthday_edit,
            self.calendar_combo,
            self.leap_month_check,
            self.tags_edit,
            self.owner_combo,
            self.new_owner_button,
            self.status_combo,
            self.successor_combo,
            self.notes_edit,
            self.save_button,
            self.cancel_button,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _connect_edits(self) -> None:
        """Editing a field takes its complaint away (connected after loading the contact)."""
        for key, edit in (
            ("given_name", self.given_name_edit),
            ("name_zh", self.name_zh_edit),
            ("family_name", self.family_name_edit),
            ("position", self.position_edit),
            ("position_zh", self.position_zh_edit),
            ("wechat", self.wechat_edit),
            ("birthday", self.birthday_edit),
            ("tags", self.tags_edit),
        ):
            edit.textEdited.connect(lambda _text, key=key: self._clear_error(key))
        for edit in (self.family_name_edit, self.given_name_edit, self.name_zh_edit):
            edit.textEdited.connect(self._clear_name_required)
        self.honorific_combo.editTextChanged.connect(lambda _t: self._clear_error("honorific"))
        for key, combo in (
            ("organisation_id", self.organisation_combo),
            ("owner_id", self.owner_combo),
            ("status", self.status_combo),
            ("language", self.language_combo),
            ("successor_of_id", self.successor_combo),
            ("birthday", self.calendar_combo),
        ):
            combo.currentIndexChanged.connect(lambda _i, key=key: self._clear_error(key))
        self.successor_combo.editTextChanged.connect(
            lambda _t: self._clear_error("successor_of_id")
        )
        self.leap_month_check.toggled.connect(lambda _on: self._clear_error("birthday"))
        self.emails_edit.changed.connect(lambda: self._clear_error("emails"))
        self.phones_edit.changed.connect(lambda: self._clear_error("phones"))
        self.notes_edit.textChanged.connect(lambda: self._clear_error("notes"))

    # Language ----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text of the editor in the current language; selections and values stay."""
        if self._version is None and not self._load_failed:
            self.setWindowTitle(self.tr("New contact"))
        else:
            name = full_label(
                self._loaded.family_name, self._loaded.given_name, self._loaded.name_zh
            )
            self.setWindowTitle(self.tr("Edit contact — {name}").format(name=name))

        self.name_group.setTitle(self.tr("Name"))
        self.work_group.setTitle(self.tr("Work"))
        self.contact_group.setTitle(self.tr("Contact details"))
        self.personal_group.setTitle(self.tr("Personal"))
        self.relationship_group.setTitle(self.tr("Relationship"))
        self.notes_group.setTitle(self.tr("Notes"))

        labels = self._labels
        labels["family_name"].setText(self.tr("Family name:"))
        labels["given_name"].setText(self.tr("Given name:"))
        labels["name_zh"].setText(self.tr("Chinese name:"))
        labels["honorific"].setText(self.tr("Honorific:"))
        labels["position"].setText(self.tr("Position:"))
        labels["position_zh"].setText(self.tr("Position in Chinese:"))
        labels["organisation_id"].setText(self.tr("Organisation:"))
        labels["emails"].setText(self.tr("E-mails:"))
        labels["phones"].setText(self.tr("Phones:"))
        labels["wechat"].setText(self.tr("WeChat ID:"))
        labels["language"].setText(self.tr("Preferred language:"))
        labels["birthday"].setText(self.tr("Birthday:"))
        labels["tags"].setText(self.tr("Tags:"))
        labels["owner_id"].setText(self.tr("Owner:"))
        labels["status"].setText(self.tr("Status:"))
        labels["successor_of_id"].setText(self.tr("Successor of:"))

        self.family_name_edit.setPlaceholderText(self.tr("e.g. Wang, Müller"))
        self.given_name_edit.setPlaceholderText(self.tr("e.g. Fang, Katrin"))
        self.name_zh_edit.setPlaceholderText(self.tr("e.g. 王芳"))
        self.position_edit.setPlaceholderText(self.tr("e.g. Division Director"))
        self.position_zh_edit.setPlaceholderText(self.tr("e.g. 欧洲处处长"))
        self.emails_edit.set_placeholder(self.tr("Add an e-mail address"))
        self.phones_edit.set_placeholder(self.tr("Add a phone number"))
        self.birthday_edit.setPlaceholderText(self.tr("1980-04-15, or --04-15 without a year"))
        self.tags_edit.setPlaceholderText(self.tr("Separated by commas, e.g. VIP, greeting list"))
        self.notes_edit.setPlaceholderText(self.tr("What a successor should know"))
        self.successor_combo.setToolTip(
            self.tr("The contact this person took over from: type part of a name to search.")
        )
        self.successor_combo.set_none_label(self.tr("(nobody)"))
        self.organisation_combo.setItemText(0, self.tr("(none)"))
        self.owner_combo.setItemText(0, self.tr("(nobody)"))
        self.owner_combo.setToolTip(self.tr("The staff member who looks after this contact"))
        self.new_organisation_button.setText(self.tr("New…"))
        self.new_organisation_button.setToolTip(self.tr("Add an organisation"))
        self.new_owner_button.setText(self.tr("New…"))
        self.new_owner_button.setToolTip(self.tr("Add a staff member"))

        self.calendar_combo.setItemText(0, self.tr("Gregorian calendar"))
        self.calendar_combo.setItemText(1, self.tr("Lunar calendar"))
        self.leap_month_check.setText(self.tr("Leap month"))
        self.leap_month_check.setToolTip(
            self.tr("Born in a leap (intercalary) lunar month; needs the year of birth.")
        )
        self.birthday_hint.setText(
            self.tr(
                "A lunar birthday holds the lunar month and day: --08-15 is the 15th day "
                "of the 8th lunar month."
            )
        )
        for index in range(self.status_combo.count()):
            status = ContactStatus(self.status_combo.itemData(index))
            self.status_combo.setItemText(index, render(STATUS_LABELS[status]))

        self.save_button.setText(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save the contact (Ctrl+S)"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._update_pinyin(self.name_zh_edit.text())
        self.message_label.retranslate()
        for error in self._errors.values():
            error.retranslate()
        self._align_labels()

    def _align_labels(self) -> None:
        """One label width per column, so the fields of its groups line up."""
        columns: tuple[list[QGroupBox], ...] = self._columns
        if self._column_layouts[0].direction() == QBoxLayout.Direction.TopToBottom:
            columns = ([*columns[0], *columns[1]],)
        for groups in columns:
            labels = [
                label
                for label in self._labels.values()
                if any(group.isAncestorOf(label) for group in groups)
            ]
            for label in labels:
                label.setMinimumWidth(0)
            width = max(label.sizeHint().width() for label in labels)
            for label in labels:
                label.setMinimumWidth(width)

    # Values ------------------------------------------------------------------------------
    def _show_draft(self, draft: ContactDraft) -> None:
        self.family_name_edit.setText(draft.family_name)
        self.given_name_edit.setText(draft.given_name)
        self.name_zh_edit.setText(draft.name_zh)
        self.honorific_combo.setCurrentIndex(self.honorific_combo.findText(draft.honorific))
        self.honorific_combo.setEditText(draft.honorific)
        self.position_edit.setText(draft.position)
        self.position_zh_edit.setText(draft.position_zh)
        self._select_data(self.organisation_combo, draft.organisation_id)
        self.emails_edit.set_values(draft.emails)
        self.phones_edit.set_values(draft.phones)
        self.wechat_edit.setText(draft.wechat)
        if self.language_combo.findData(draft.language) < 0:
            self.language_combo.addItem(language_name(draft.language), draft.language)
        self._select_data(self.language_combo, draft.language)
        self.birthday_edit.setText(draft.birthday)
        self._select_data(self.calendar_combo, str(draft.birthday_calendar))
        self.leap_month_check.setChecked(draft.birthday_leap_month)
        self._calendar_changed()
        self.tags_edit.setText(", ".join(draft.tags))
        self._select_data(self.owner_combo, draft.owner_id)
        self._select_data(self.status_combo, str(draft.status))
        self.successor_combo.set_selected(draft.successor_of_id)
        self.notes_edit.setPlainText(draft.notes)

    @staticmethod
    def _select_data(combo: QComboBox, data: str | None) -> None:
        combo.setCurrentIndex(max(0, combo.findData(data)) if data else 0)

    def draft(self) -> ContactDraft:
        """The contact as the form shows it now."""
        lunar = self.calendar_combo.currentData() == str(CalendarKind.LUNAR)
        return ContactDraft(
            family_name=self.family_name_edit.text(),
            given_name=self.given_name_edit.text(),
            name_zh=self.name_zh_edit.text(),
            honorific=self.honorific_combo.currentText(),
            position=self.position_edit.text(),
            position_zh=self.position_zh_edit.text(),
            organisation_id=self.organisation_combo.currentData(),
            emails=self.emails_edit.values(),
            phones=self.phones_edit.values(),
            wechat=self.wechat_edit.text(),
            language=str(self.language_combo.currentData() or "en"),
            birthday=self.birthday_edit.text(),
            birthday_calendar=CalendarKind(self.calendar_combo.currentData()),
            birthday_leap_month=lunar and self.leap_month_check.isChecked(),
            tags=split_tags(self.tags_edit.text()),
            owner_id=self.owner_combo.currentData(),
            status=ContactStatus(self.status_combo.currentData()),
            successor_of_id=self.successor_combo.selected_id(),
            notes=self.notes_edit.toPlainText(),
        )

    def has_unsaved_changes(self) -> bool:
        if self._load_failed:
            return False
        return self.draft().cleaned() != self._loaded.cleaned()

    def field_error(self, field: str) -> str:
        """The sentence shown beside `field` ("" when there is none); "" for the top message."""
        label = self._errors.get(_FIELD_ALIASES.get(field, field), self.message_label)
        return label.text() if label.isVisibleTo(self) else ""

    def _update_pinyin(self, name_zh: str) -> None:
        pinyin = display_pinyin(name_zh)
        self.pinyin_label.setText(
            self.tr("Pinyin: {pinyin}").format(pinyin=pinyin) if pinyin else ""
        )

    def _calendar_changed(self) -> None:
        lunar = self.calendar_combo.currentData() == str(CalendarKind.LUNAR)
        self.leap_month_check.setEnabled(lunar)

    # Errors ------------------------------------------------------------------------------
    def _clear_error(self, key: str) -> None:
        self._errors[key].set_error(None)

    def _clear_name_required(self) -> None:
        error = self._errors["family_name"].error
        if error is not None and error.text.source == NAME_REQUIRED.source:
            self._errors["family_name"].set_error(None)

    def _clear_errors(self) -> None:
        self.message_label.set_error(None)
        for label in self._errors.values():
            label.set_error(None)

    def _show_errors(self, errors: list[DomainError]) -> None:
        for error in errors:
            key = _FIELD_ALIASES.get(error.field or "", error.field or "")
            label = self._errors.get(key)
            if label is None:
                self.message_label.set_error(error)
            elif label.error is None:
                label.set_error(error)
        # The first field with a problem, in the order the user reads the form.
        for key, widget in self._focus.items():
            if self._errors[key].error is not None:
                self._scroll.ensureWidgetVisible(widget)
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                break

    # Saving and leaving ------------------------------------------------------------------
    def save(self) -> None:
        if self._busy or self._load_failed:
            return
        self.successor_combo.commit()
        draft = self.draft()
        self._clear_errors()
        self._set_busy(True)
        contacts = self._services.contacts
        if self._version is None:
            self._operations.run(
                lambda: contacts.create(draft),
                on_success=lambda result: self._saved(draft, *result),
                on_error=self._failed,
                parent=self,
            )
        else:
            contact_id, version = self.contact_id, self._version
            assert contact_id is not None
            self._operations.run(
                lambda: contacts.update(contact_id, draft, expected_version=version),
                on_success=lambda changes: self._saved(draft, contact_id, changes),
                on_error=self._failed,
                parent=self,
            )

    def _saved(self, draft: ContactDraft, contact_id: str, changes: Changes) -> None:
        self._set_busy(False)
        self.contact_id = contact_id
        self._loaded = draft
        self.saved.emit(changes)
        self.accept()

    def _failed(self, error: BaseException) -> bool:
        self._set_busy(False)
        if not isinstance(error, DomainError):
            return False
        self._show_errors(error.errors if isinstance(error, ValidationErrors) else [error])
        return True

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.save_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)

    def confirm_discard(self) -> bool:
        """Ask before throwing edits away; True means discard."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Unsaved changes"))
        box.setText(self.tr("Discard your changes to this contact?"))
        discard = box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is discard

    def reject(self) -> None:
        """Cancel, Esc and closing the window all come here."""
        if self._busy:
            return
        if self.has_unsaved_changes() and not self.confirm_discard():
            return
        super().reject()

    # Quick creation ----------------------------------------------------------------------
    def new_organisation(self) -> None:
        dialog = OrganisationDialog(self._services.directory, self._operations, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created_id:
            self._fill_organisations(select=dialog.created_id)
            if dialog.changes is not None:
                self.directory_changed.emit(dialog.changes)
        dialog.deleteLater()
        self.organisation_combo.setFocus()

    def new_owner(self) -> None:
        dialog = StaffDialog(self._services.directory, self._operations, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created_id:
            self._fill_staff(select=dialog.created_id)
            if dialog.changes is not None:
                self.directory_changed.emit(dialog.changes)
        dialog.deleteLater()
        self.owner_combo.setFocus()

    # Size --------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        # A scroll area asks for little; the editor wants room for its whole form, and fields
        # wide enough for a long e-mail address or an organisation's full name.
        if not self.isVisible():
            self._settle_layouts()
        hint = super().sizeHint()
        inner, outer = self._content.sizeHint(), self._scroll.sizeHint()
        needed = hint + QSize(
            max(0, inner.width() - outer.width()), max(0, inner.height() - outer.height())
        )
        metrics = self.fontMetrics()
        _columns, left, right = self._column_layouts
        two_columns = (
            left.minimumSize().width()
            + right.minimumSize().width()
            + hint.width()
            - outer.width()
            + self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
            + 6 * metrics.averageCharWidth()
        )
        comfortable = QSize(
            max(two_columns, metrics.averageCharWidth() * 140), metrics.lineSpacing() * 38
        )
        return needed.expandedTo(comfortable)

    def _settle_layouts(self) -> None:
        """Bring the cached size hints up to date before the first show.

        A hidden window's layouts only recompute when shown, so a field that grew meanwhile
        (a list of e-mails filled in) would be measured at its old size. Innermost first.
        """
        for widget in reversed(self.findChildren(QWidget)):
            if (layout := widget.layout()) is not None:
                layout.activate()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange_columns()

    def _arrange_columns(self) -> None:
        """Side by side when both columns fit, one under the other in a narrow window."""
        columns, left, right = self._column_layouts
        needed = left.minimumSize().width() + right.minimumSize().width() + columns.spacing()
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        wide = self._scroll.width() - scroll_bar >= needed
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if columns.direction() != direction:
            columns.setDirection(direction)
            self._align_labels()

    def _initial_size(self) -> QSize:
        hint = self.sizeHint()
        screen = self.screen()
        if screen is None:
            return hint
        available = screen.availableGeometry().size() * 0.9
        return hint.boundedTo(available)
