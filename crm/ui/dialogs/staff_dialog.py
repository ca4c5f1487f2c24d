"""Add a staff member (an owner of contacts) without leaving the dialog the user is in."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from crm.services.directory import DirectoryService
from crm.ui.dialogs.add_dialog import AddDialog
from crm.ui.operations import Operations
from crm.ui.widgets.error_label import ErrorLabel, field_column


class StaffDialog(AddDialog):
    """Name and e-mail of a new staff member; `created_id` holds the new id after `accept()`."""

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
        self.email_edit = QLineEdit(self)
        self.email_error = ErrorLabel(self)
        self.name_label = QLabel(self)
        self.name_label.setBuddy(self.name_edit)
        self.email_label = QLabel(self)
        self.email_label.setBuddy(self.email_edit)
        self.edits = {"name": self.name_edit, "email": self.email_edit}
        self.errors = {"name": self.name_error, "email": self.email_error}

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.name_label, field_column(self.name_edit, self.name_error))
        form.addRow(self.email_label, field_column(self.email_edit, self.email_error))
        self.lay_out(form, width_in_chars=55)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New staff member"))
        self.name_label.setText(self.tr("&Name:"))
        self.email_label.setText(self.tr("&E-mail:"))
        self.name_edit.setPlaceholderText(self.tr("As colleagues write it, e.g. Anna Berg"))
        self.email_edit.setPlaceholderText(self.tr("optional"))
        self.retranslate_buttons(add=self.tr("Add"), cancel=self.tr("Cancel"))

    def save(self) -> None:
        name, email = self.name_edit.text(), self.email_edit.text()
        self.save_with(lambda: self._directory.create_staff(name=name, email=email))
