"""The fields of a visit itself (the delegation editor's first and last tabs).

Each field has its label and the error label under it, keyed by the draft's field name, so the
editor can put every problem beside its field.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from crm.domain.partnerships import (
    DELEGATION_DIRECTION_LABELS,
    DELEGATION_STATUS_LABELS,
    PARTNERSHIP_TYPE_LABELS,
    DelegationDirection,
    DelegationStatus,
    PartnershipType,
)
from crm.services.contacts import ContactService
from crm.services.delegations import PartnershipChoice
from crm.ui.language import render
from crm.ui.widgets.contact_picker import _ContactPicker
from crm.ui.widgets.error_label import ErrorLabel, field_column
from crm.ui.widgets.optional_date import OptionalDateEdit


class LeaderPicker(_ContactPicker):
    """Any contact, with the visit's members offered first."""

    def __init__(self, contacts: ContactService, parent: QWidget | None = None) -> None:
        super().__init__(contacts, exclude=None, parent=parent)
        self._members = 0

    def set_members(self, members: list[tuple[str, str]]) -> None:
        chosen = self.selected_id()
        blocked = self.blockSignals(True)
        for _ in range(self._members + (1 if self._members else 0)):
            self.removeItem(1)
        for position, (contact_id, label) in enumerate(members, start=1):
            self.insertItem(position, label, contact_id)
        if members:
            self.insertSeparator(len(members) + 1)
        self._members = len(members)
        self.set_selected(chosen)
        self.blockSignals(blocked)


def _text_box(lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * lines)
    return edit


class VisitForm(QObject):
    """Builds two pages, `visit_page` and `outcomes_page`, for the editor's tabs; it is not a
    widget itself (nothing would show it), only their owner in the editor's object tree."""

    def __init__(self, contacts: ContactService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.focus: dict[str, QWidget] = {}

        self.partnership_combo = QComboBox()
        self.partnership_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.partnership_combo.setMinimumContentsLength(24)
        self.direction_combo = QComboBox()
        for direction in DelegationDirection:
            self.direction_combo.addItem("", str(direction))
        self.title_edit = QLineEdit()
        self.start_edit = OptionalDateEdit()
        self.end_edit = OptionalDateEdit(fallback=self._first_day)
        self.status_combo = QComboBox()
        for status in DelegationStatus:
            self.status_combo.addItem("", str(status))
        self.leader_picker = LeaderPicker(contacts)
        self.purpose_edit = _text_box(4)
        self.days_label = QLabel()
        dates = QWidget()
        row = QHBoxLayout(dates)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.start_edit)
        row.addWidget(self.days_label)
        row.addStretch(1)
        last = QWidget()
        last_row = QHBoxLayout(last)
        last_row.setContentsMargins(0, 0, 0, 0)
        last_row.addWidget(self.end_edit)
        last_row.addStretch(1)

        self.visit_page = QWidget()
        form = QFormLayout(self.visit_page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, field, focus in (
            ("title", self.title_edit, self.title_edit),
            ("partnership_id", self.partnership_combo, self.partnership_combo),
            ("direction", self.direction_combo, self.direction_combo),
            ("status", self.status_combo, self.status_combo),
            ("start_on", dates, self.start_edit),
            ("end_on", last, self.end_edit),
            ("leader_id", self.leader_picker, self.leader_picker),
            ("purpose", self.purpose_edit, self.purpose_edit),
        ):
            self._row(form, key, field, focus)

        self.outcomes_edit = _text_box(6)
        self.notes_edit = _text_box(4)
        self.outcomes_page = QWidget()
        column = QVBoxLayout(self.outcomes_page)
        for key, edit in (("outcomes", self.outcomes_edit), ("notes", self.notes_edit)):
            label = QLabel()
            label.setBuddy(edit)
            self.labels[key], self.errors[key], self.focus[key] = label, ErrorLabel(), edit
            column.addWidget(label)
            column.addWidget(edit, 1)
            column.addWidget(self.errors[key])
        self.start_edit.dateChanged.connect(self._update_days)
        self.end_edit.dateChanged.connect(self._update_days)

    def _row(self, form: QFormLayout, key: str, field: QWidget, focus: QWidget) -> None:
        label = QLabel()
        label.setBuddy(focus)
        error = ErrorLabel()
        self.labels[key], self.errors[key], self.focus[key] = label, error, focus
        form.addRow(label, field_column(field, error))

    def _first_day(self) -> QDate:
        return QDate() if self.start_edit.is_empty() else self.start_edit.date()

    def first_day(self) -> QDate:
        return self._first_day()

    def visit_chain(self) -> list[QWidget]:
        return [
            self.title_edit,
            self.partnership_combo,
            self.direction_combo,
            self.status_combo,
            self.start_edit,
            self.end_edit,
            self.leader_picker,
            self.purpose_edit,
        ]

    def outcomes_chain(self) -> list[QWidget]:
        return [self.outcomes_edit, self.notes_edit]

    def fill_partnerships(self, choices: list[PartnershipChoice]) -> None:
        combo = self.partnership_combo
        combo.clear()
        combo.addItem("", None)
        for choice in choices:
            label = (
                f"{choice.partner} · {choice.partner_zh}" if choice.partner_zh else choice.partner
            )
            combo.addItem(f"{label} ({choice.country})" if choice.country else label, choice.id)
            try:
                kind = render(PARTNERSHIP_TYPE_LABELS[PartnershipType(choice.type)])
            except ValueError:
                kind = choice.type
            combo.setItemData(combo.count() - 1, kind, Qt.ItemDataRole.ToolTipRole)

    def retranslate(self) -> None:
        labels = self.labels
        labels["title"].setText(self.tr("Title:"))
        labels["partnership_id"].setText(self.tr("Partnership:"))
        labels["direction"].setText(self.tr("Direction:"))
        labels["status"].setText(self.tr("Status:"))
        labels["start_on"].setText(self.tr("First day:"))
        labels["end_on"].setText(self.tr("Last day:"))
        labels["leader_id"].setText(self.tr("Leader:"))
        labels["purpose"].setText(self.tr("Purpose:"))
        labels["outcomes"].setText(self.tr("Outcomes: what was agreed, signed or learnt"))
        labels["notes"].setText(self.tr("Notes for whoever prepares the next visit"))
        self.title_edit.setPlaceholderText(self.tr("e.g. Hefei municipal delegation, spring 2025"))
        self.partnership_combo.setItemText(0, self.tr("(no partnership)"))
        for combo, labels_of, kind in (
            (self.direction_combo, DELEGATION_DIRECTION_LABELS, DelegationDirection),
            (self.status_combo, DELEGATION_STATUS_LABELS, DelegationStatus),
        ):
            for index in range(combo.count()):
                combo.setItemText(index, render(labels_of[kind(combo.itemData(index))]))  # type: ignore[index]
        self.direction_combo.setToolTip(
            self.tr("Incoming: they visit us. Outgoing: we visit them.")
        )
        for edit in (self.start_edit, self.end_edit):
            edit.set_empty_text(self.tr("not yet known"))
            edit.setToolTip(self.tr("Pick a day from the calendar; Delete empties the field"))
        self.leader_picker.set_none_label(self.tr("(nobody)"))
        self.leader_picker.setToolTip(
            self.tr("The head of the delegation: a member, or anyone found by typing a name")
        )
        self.purpose_edit.setPlaceholderText(self.tr("Why they come, what both sides hope for"))
        for error in self.errors.values():
            error.retranslate()
        self._update_days()

    def _update_days(self) -> None:
        if self.start_edit.is_empty():
            self.days_label.setText("")
            return
        last = self.start_edit.date() if self.end_edit.is_empty() else self.end_edit.date()
        days = self.start_edit.date().daysTo(last) + 1
        self.days_label.setText(self.tr("%n day(s)", "", days) if days > 0 else "")
