"""The fields of one gift, each with its label and the error label under it.

Values and loading are the gift dialog's; the form builds the widgets and gives them their text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from crm.domain.partnerships import ValueBand
from crm.services.contacts import ContactService
from crm.services.delegations import DelegationRow, PartnershipChoice
from crm.ui.widgets.contact_picker import _ContactPicker
from crm.ui.widgets.error_label import ErrorLabel, field_column
from crm.ui.widgets.optional_date import OptionalDateEdit


def _left(field: QWidget) -> QWidget:
    """A field at its natural width, not stretched across the form."""
    cell = QWidget()
    row = QHBoxLayout(cell)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(field)
    row.addStretch(1)
    return cell


class GiftForm(QWidget):
    def __init__(self, contacts: ContactService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.focus: dict[str, QWidget] = {}
        self.message_label = ErrorLabel()
        self.last_time_label = QLabel()
        self.last_time_label.setWordWrap(True)
        self.last_time_label.setForegroundRole(QPalette.ColorRole.Link)

        self.given_radio = QRadioButton()
        self.received_radio = QRadioButton()
        directions = QWidget()
        row = QHBoxLayout(directions)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.given_radio)
        row.addWidget(self.received_radio)
        row.addStretch(1)
        self.description_edit = QLineEdit()
        self.person_picker = _ContactPicker(contacts, exclude=None)
        self.visit_combo = QComboBox()
        self.visit_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.visit_combo.setMinimumContentsLength(24)
        self.partnership_combo = QComboBox()
        self.occasion_combo = QComboBox()
        self.occasion_combo.setEditable(True)
        self.occasion_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.date_edit = OptionalDateEdit()
        self.value_combo = QComboBox()
        self.value_combo.addItem("—", None)
        for band in ValueBand:
            self.value_combo.addItem("", str(band))
        self.photo_label = QLabel()
        self.photo_label.setFixedSize(244, 164)
        self.photo_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_button = QPushButton()
        self.photo_button.setAutoDefault(False)
        self.remove_photo_button = QPushButton()
        self.remove_photo_button.setAutoDefault(False)
        photo = QWidget()
        photo_row = QHBoxLayout(photo)
        photo_row.setContentsMargins(0, 0, 0, 0)
        photo_row.addWidget(self.photo_label)
        photo_buttons = QVBoxLayout()
        photo_buttons.addWidget(self.photo_button)
        photo_buttons.addWidget(self.remove_photo_button)
        photo_buttons.addStretch(1)
        photo_row.addLayout(photo_buttons)
        photo_row.addStretch(1)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, field, focus, *below in (
            ("direction", directions, self.given_radio),
            ("description", self.description_edit, self.description_edit),
            ("contact_id", self.person_picker, self.person_picker, self.last_time_label),
            ("given_on", _left(self.date_edit), self.date_edit),
            ("delegation_id", self.visit_combo, self.visit_combo),
            ("partnership_id", self.partnership_combo, self.partnership_combo),
            ("occasion", self.occasion_combo, self.occasion_combo),
            ("value_band", self.value_combo, self.value_combo),
            ("photo", photo, self.photo_button),
            ("notes", self.notes_edit, self.notes_edit),
        ):
            label, error = QLabel(), ErrorLabel()
            label.setBuddy(focus)
            self.labels[key], self.errors[key], self.focus[key] = label, error, focus
            form.addRow(label, field_column(field, *below, error))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message_label)
        layout.addLayout(form)

    def fill(self, visits: list[DelegationRow], partnerships: list[PartnershipChoice]) -> None:
        self.visit_combo.clear()
        self.visit_combo.addItem("", None)
        for visit in visits:
            self.visit_combo.addItem(visit.title, visit.id)
        self.partnership_combo.clear()
        self.partnership_combo.addItem("", None)
        for choice in partnerships:
            label = " · ".join(p for p in (choice.partner, choice.partner_zh) if p)
            self.partnership_combo.addItem(label, choice.id)

    def show_photo(self, pixmap: QPixmap) -> None:
        """The photo, scaled into its frame; "No photo" for a null pixmap."""
        label = self.photo_label
        if pixmap.isNull():
            label.clear()
            label.setText(self.tr("No photo"))
            return
        size = label.contentsRect().size()
        label.setPixmap(
            pixmap.scaled(
                size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )

    def set_tab_order(self, *after: QWidget) -> None:
        chain: list[QWidget] = [
            self.given_radio,
            self.received_radio,
            self.description_edit,
            self.person_picker,
            self.date_edit,
            self.visit_combo,
            self.partnership_combo,
            self.occasion_combo,
            self.value_combo,
            self.photo_button,
            self.remove_photo_button,
            self.notes_edit,
            *after,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def retranslate(self) -> None:
        labels = self.labels
        labels["direction"].setText(self.tr("Gift:"))
        labels["description"].setText(self.tr("What:"))
        labels["given_on"].setText(self.tr("Date:"))
        labels["delegation_id"].setText(self.tr("On the visit:"))
        labels["partnership_id"].setText(self.tr("Partnership:"))
        labels["occasion"].setText(self.tr("Occasion:"))
        labels["value_band"].setText(self.tr("Value:"))
        labels["photo"].setText(self.tr("Photo:"))
        labels["notes"].setText(self.tr("Notes:"))
        self.given_radio.setText(self.tr("We gave it"))
        self.received_radio.setText(self.tr("We received it"))
        self.description_edit.setPlaceholderText(self.tr("e.g. Porcelain vase with the city arms"))
        self.person_picker.set_none_label(self.tr("(the city, or nobody in particular)"))
        self.visit_combo.setItemText(0, self.tr("(not on a visit)"))
        self.partnership_combo.setItemText(0, self.tr("(no partnership)"))
        self.date_edit.set_empty_text(self.tr("during the visit"))
        self.value_combo.setItemText(0, self.tr("(not recorded)"))
        self.value_combo.setToolTip(
            self.tr("Gifts above the declaration threshold must be declared")
        )
        current = self.occasion_combo.currentText()
        self.occasion_combo.clear()
        self.occasion_combo.addItems(
            [
                self.tr("Official visit"),
                self.tr("Spring Festival"),
                self.tr("Mid-Autumn Festival"),
                self.tr("Christmas"),
                self.tr("Anniversary of the partnership"),
                self.tr("Signing ceremony"),
            ]
        )
        self.occasion_combo.setEditText(current)
        self.photo_button.setText(self.tr("Choose…"))
        self.remove_photo_button.setText(self.tr("Remove"))
        if self.photo_label.pixmap().isNull():
            self.photo_label.setText(self.tr("No photo"))
        self.notes_edit.setPlaceholderText(self.tr("Who chose it, what it means, where it is kept"))
        self.message_label.retranslate()
        for error in self.errors.values():
            error.retranslate()
