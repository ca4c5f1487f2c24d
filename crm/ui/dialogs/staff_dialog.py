"""Add a staff member (an owner of contacts) without leaving the dialog the user is in."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from crm.domain.text import DomainError
from crm.services.changes import Changes
from crm.services.directory import DirectoryService
from crm.ui.operations import Operations
from crm.ui.widgets.error_label import ErrorLabel, field_column


class StaffDialog(QDialog):
    """Name and e-mail of a new staff member; `created_id` holds the new id after `accept()`."""

    def __init__(
        self,
        directory: DirectoryService,
        operations: Operations,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._directory = directory
        self._operations = operations
        self.created_id: str | None = None
        self.changes: Changes | None = None

        self.message_label = ErrorLabel(self)
        self.name_edit = QLineEdit(self)
        self.name_error = ErrorLabel(self)
        self.email_edit = QLineEdit(self)
        self.email_error = ErrorLabel(self)
        self.name_label = QLabel(self)
        self.name_label.setBuddy(self.name_edit)
        self.email_label = QLabel(self)
        self.email_label.setBuddy(self.email_edit)
        self._errors = {"name": self.name_error, "email": self.email_error}

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.name_label, field_column(self.name_edit, self.name_error))
        form.addRow(self.email_label, field_column(self.email_edit, self.email_error))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message_label)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.name_edit.textEdited.connect(lambda _t: self.name_error.set_error(None))
        self.email_edit.textEdited.connect(lambda _t: self.email_error.set_error(None))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 55)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New staff member"))
        self.name_label.setText(self.tr("&Name:"))
        self.email_label.setText(self.tr("&E-mail:"))
        self.name_edit.setPlaceholderText(self.tr("As colleagues write it, e.g. Anna Berg"))
        self.email_edit.setPlaceholderText(self.tr("optional"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.message_label.retranslate()
        for label in self._errors.values():
            label.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def save(self) -> None:
        name, email = self.name_edit.text(), self.email_edit.text()
        self.message_label.set_error(None)
        for label in self._errors.values():
            label.set_error(None)
        self.buttons.setEnabled(False)
        self._operations.run(
            lambda: self._directory.create_staff(name=name, email=email),
            on_success=self._created,
            on_error=self._failed,
            parent=self,
        )

    def _created(self, result: tuple[str, Changes]) -> None:
        self.buttons.setEnabled(True)
        self.created_id, self.changes = result
        self.accept()

    def _failed(self, error: BaseException) -> bool:
        self.buttons.setEnabled(True)
        if not isinstance(error, DomainError):
            return False
        label = self._errors.get(error.field or "", self.message_label)
        label.set_error(error)
        edit = self.email_edit if label is self.email_error else self.name_edit
        edit.setFocus()
        return True
