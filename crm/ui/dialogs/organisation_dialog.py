"""Add an organisation (an FAO, a port, a university…) from wherever the user needs one."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from crm.domain.organisations import KIND_LABELS, OrganisationKind
from crm.services.directory import DirectoryService
from crm.ui.dialogs.add_dialog import AddDialog
from crm.ui.language import render
from crm.ui.operations import Operations
from crm.ui.widgets.error_label import ErrorLabel, field_column


class OrganisationDialog(AddDialog):
    """Name, Chinese name, kind, place and website; `created_id` holds the new id after `accept()`."""

    def __init__(
        self,
        directory: DirectoryService,
        operations: Operations,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(operations, parent=parent)
        self._directory = directory

        self.name_edit = QLineEdit(self)
        self.name_error = ErrorLabel(self)
        self.name_zh_edit = QLineEdit(self)
        self.name_zh_error = ErrorLabel(self)
        self.kind_combo = QComboBox(self)
        for kind in OrganisationKind:
            self.kind_combo.addItem("", str(kind))
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(str(OrganisationKind.OTHER)))
        self.place_combo = QComboBox(self)
        self.place_combo.addItem("", None)
        for place in directory.places():
            text = f"{place.name} / {place.name_zh}" if place.name_zh else place.name
            self.place_combo.addItem(text, place.id)
        self.website_edit = QLineEdit(self)
        self.website_error = ErrorLabel(self)
        self.errors = {
            "name": self.name_error,
            "name_zh": self.name_zh_error,
            "website": self.website_error,
        }
        self.edits = {
            "name": self.name_edit,
            "name_zh": self.name_zh_edit,
            "website": self.website_edit,
        }

        self.name_label = QLabel(self)
        self.name_zh_label = QLabel(self)
        self.kind_label = QLabel(self)
        self.place_label = QLabel(self)
        self.website_label = QLabel(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, cell, buddy in (
            (self.name_label, field_column(self.name_edit, self.name_error), self.name_edit),
            (
                self.name_zh_label,
                field_column(self.name_zh_edit, self.name_zh_error),
                self.name_zh_edit,
            ),
            (self.kind_label, self.kind_combo, self.kind_combo),
            (self.place_label, self.place_combo, self.place_combo),
            (
                self.website_label,
                field_column(self.website_edit, self.website_error),
                self.website_edit,
            ),
        ):
            label.setBuddy(buddy)
            form.addRow(label, cell)
        self.lay_out(form, width_in_chars=60)
        # The fields in their columns joined the focus chain after the others: put it back in
        # reading order.
        chain = [
            self.name_edit,
            self.name_zh_edit,
            self.kind_combo,
            self.place_combo,
            self.website_edit,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        # Either name will do, so editing one clears the complaint about both.
        self.name_zh_edit.textEdited.connect(lambda _t: self.name_error.set_error(None))
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New organisation"))
        self.name_label.setText(self.tr("&Name:"))
        self.name_zh_label.setText(self.tr("&Chinese name:"))
        self.kind_label.setText(self.tr("&Kind:"))
        self.place_label.setText(self.tr("&City or district:"))
        self.website_label.setText(self.tr("&Website:"))
        self.name_edit.setPlaceholderText(self.tr("e.g. Hefei Foreign Affairs Office"))
        self.name_zh_edit.setPlaceholderText(self.tr("e.g. 合肥市外事办公室"))
        self.website_edit.setPlaceholderText("https://")
        for index in range(self.kind_combo.count()):
            kind = OrganisationKind(self.kind_combo.itemData(index))
            self.kind_combo.setItemText(index, render(KIND_LABELS[kind]))
        self.place_combo.setItemText(0, self.tr("(none)"))
        self.retranslate_buttons(add=self.tr("Add"), cancel=self.tr("Cancel"))

    def save(self) -> None:
        values = {
            "name": self.name_edit.text(),
            "name_zh": self.name_zh_edit.text(),
            "kind": str(self.kind_combo.currentData()),
            "place_id": self.place_combo.currentData(),
            "website": self.website_edit.text(),
        }
        self.save_with(lambda: self._directory.create_organisation(**values))
