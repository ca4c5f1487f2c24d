"""The fields of a contact, in titled groups laid out in two columns.

The form holds widgets and values only. Every text it shows is set by `ContactEditor.retranslate`
so that the strings stay in the editor's translation context; the form never calls `tr`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm.domain.contacts import (
    HONORIFICS_EN,
    LANGUAGES,
    ContactDraft,
    ContactStatus,
)
from crm.domain.dates import CalendarKind
from crm.services.contacts import ContactService
from crm.ui.contact_languages import language_name
from crm.ui.widgets.contact_picker import _ContactPicker
from crm.ui.widgets.error_label import ErrorLabel, field_column
from crm.ui.widgets.keep_in_touch import KeepInTouchEdit
from crm.ui.widgets.tag_edit import TagEdit
from crm.ui.widgets.value_list import ValueListEdit

HONORIFICS = (*HONORIFICS_EN, "先生", "女士", "博士", "教授")


def _muted(label: QLabel) -> QLabel:
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    label.setWordWrap(True)
    return label


class ContactForm(QWidget):
    """Every field of a contact with its label and error label, keyed by the draft's field name.

    `labels`, `errors` and `focus` map a field name to its label, its error label and the widget
    that takes the cursor for it; `focus` is in the order the user reads the form.
    """

    def __init__(
        self, contacts: ContactService, *, contact_id: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.errors: dict[str, ErrorLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self.focus: dict[str, QWidget] = {}

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
        self.work_group = self._group(
            ("position", self.position_edit),
            ("position_zh", self.position_zh_edit),
            (
                "organisation_id",
                self._beside(self.organisation_combo, self.new_organisation_button),
            ),
        )
        self.focus["organisation_id"] = self.organisation_combo

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
        self.tags_edit = TagEdit(contacts.tags())
        self.owner_combo = QComboBox()
        self.owner_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.owner_combo.setMinimumContentsLength(12)
        self.new_owner_button = QPushButton()
        self.status_combo = QComboBox()
        self.status_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for status in ContactStatus:
            self.status_combo.addItem("", str(status))
        self.keep_in_touch = KeepInTouchEdit()
        self.keep_in_touch_combo = self.keep_in_touch.combo
        self.keep_in_touch_spin = self.keep_in_touch.spin
        self.successor_combo = _ContactPicker(contacts, exclude=contact_id)
        self.relationship_group = self._group(
            ("tags", self.tags_edit),
            ("owner_id", self._beside(self.owner_combo, self.new_owner_button)),
            ("status", self.status_combo),
            ("keep_in_touch_days", self.keep_in_touch),
            ("successor_of_id", self.successor_combo),
        )
        self.focus["owner_id"] = self.owner_combo

        # Notes
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        self.errors["notes"] = ErrorLabel()
        self.focus["notes"] = self.notes_edit
        self.notes_group = QGroupBox()
        notes_layout = QVBoxLayout(self.notes_group)
        notes_layout.addWidget(self.notes_edit, 1)
        notes_layout.addWidget(self.errors["notes"])

        # Two columns: who and how to reach them on the left, the relationship on the right.
        columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(12)
        left, right = QVBoxLayout(), QVBoxLayout()
        self.column_layouts = (columns, left, right)
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
            self.errors[key] = error
            self.labels[key] = label
            self.focus[key] = focus
            form.addRow(label, field_column(field, *below, error))
            self._level_label(form, label, field)
        return group

    @staticmethod
    def _level_label(form: QFormLayout, label: QLabel, field: QWidget) -> None:
        """The label level with the field's first line. Qt centres it on the whole cell, so a
        hint, an error or more values under the field pulled it down."""
        item = form.itemAt(form.rowCount() - 1, QFormLayout.ItemRole.LabelRole)
        if item is None:
            return
        across = form.labelAlignment() & Qt.AlignmentFlag.AlignHorizontal_Mask
        item.setAlignment(across | Qt.AlignmentFlag.AlignTop)
        line = QLineEdit().sizeHint() if isinstance(field, ValueListEdit) else field.sizeHint()
        label.setMinimumHeight(line.height())
        label.setAlignment(across | Qt.AlignmentFlag.AlignVCenter)

    @staticmethod
    def _beside(field: QWidget, button: QPushButton) -> QWidget:
        cell = QWidget()
        row = QHBoxLayout(cell)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(field, 1)
        row.addWidget(button)
        return cell

    def tab_chain(self) -> list[QWidget]:
        """The fields in the order Tab visits them: down the left column, then the right."""
        return [
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
            self.keep_in_touch_combo,
            self.keep_in_touch_spin,
            self.successor_combo,
            self.notes_edit,
        ]

    # Layout ------------------------------------------------------------------------------
    def align_labels(self) -> None:
        """One label width per column, so the fields of its groups line up."""
        columns: tuple[list[QGroupBox], ...] = self._columns
        if self.column_layouts[0].direction() == QBoxLayout.Direction.TopToBottom:
            columns = ([*columns[0], *columns[1]],)
        for groups in columns:
            labels = [
                label
                for label in self.labels.values()
                if any(group.isAncestorOf(label) for group in groups)
            ]
            for label in labels:
                label.setMinimumWidth(0)
            width = max(label.sizeHint().width() for label in labels)
            for label in labels:
                label.setMinimumWidth(width)

    def arrange_columns(self, width: int) -> None:
        """Side by side when both columns fit in `width`, one under the other otherwise."""
        columns, left, right = self.column_layouts
        needed = left.minimumSize().width() + right.minimumSize().width() + columns.spacing()
        wide = width >= needed
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if columns.direction() != direction:
            columns.setDirection(direction)
            self.align_labels()

    # Values ------------------------------------------------------------------------------
    def show_draft(self, draft: ContactDraft) -> None:
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
        self.tags_edit.set_tags(draft.tags)
        self._select_data(self.owner_combo, draft.owner_id)
        self._select_data(self.status_combo, str(draft.status))
        self.keep_in_touch.set_days(draft.keep_in_touch_days)
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
            tags=self.tags_edit.tags(),
            owner_id=self.owner_combo.currentData(),
            status=ContactStatus(self.status_combo.currentData()),
            successor_of_id=self.successor_combo.selected_id(),
            keep_in_touch_days=self.keep_in_touch.days(),
            notes=self.notes_edit.toPlainText(),
        )

    def _calendar_changed(self) -> None:
        lunar = self.calendar_combo.currentData() == str(CalendarKind.LUNAR)
        self.leap_month_check.setEnabled(lunar)
