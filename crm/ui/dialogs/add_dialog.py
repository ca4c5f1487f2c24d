"""What the small "add one thing" dialogs share (a staff member, an organisation, a place): Add
and Cancel, saving through Operations, and each error beside its field.

Not FormDialog: these add a line or two from inside another editor, so they have no Save
shortcut and ask nothing before Cancel. Every text stays in its own dialog: a `tr` here would be
looked up under each subclass's name, so the subclasses hand over the button texts.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from crm.domain.text import DomainError, ValidationErrors
from crm.services.changes import Changes
from crm.ui.operations import Operations
from crm.ui.widgets.error_label import ErrorLabel


class AddDialog(QDialog):
    """`created_id` and `changes` hold the new item after `accept()`.

    A subclass makes its fields, fills `edits` and `errors` (the same keys, in the order the
    cursor should look for the first error; "name" first), calls `lay_out()` once they exist
    (so that Tab reaches the buttons last) and saves through `save_with()`.
    """

    def __init__(self, operations: Operations, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._operations = operations
        self.created_id: str | None = None
        self.changes: Changes | None = None
        self.message_label = ErrorLabel(self)
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, ErrorLabel] = {}

    def lay_out(self, form: QFormLayout, *, width_in_chars: int) -> None:
        """The message on top, the form, the buttons under it; editing a field clears its error."""
        for key, edit in self.edits.items():
            edit.textEdited.connect(lambda _t, key=key: self.errors[key].set_error(None))
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
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * width_in_chars)

    # Language ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        raise NotImplementedError

    def retranslate_buttons(self, *, add: str, cancel: str) -> None:
        """The buttons in the subclass's words, and the error sentences in the new language."""
        ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if ok_button is not None and cancel_button is not None:
            ok_button.setText(add)
            cancel_button.setText(cancel)
        self.message_label.retranslate()
        for label in self.errors.values():
            label.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            # The button box hears the same event after us and puts back Qt's own "OK":
            # say "Add" again once it has.
            QTimer.singleShot(0, self, self.retranslate)  # not once the dialog is gone
        super().changeEvent(event)

    # Saving ------------------------------------------------------------------------------
    def save(self) -> None:
        raise NotImplementedError

    def save_with(self, create: Callable[[], tuple[str, Changes]]) -> None:
        """Run `create` through Operations, the buttons off until it is done."""
        self.message_label.set_error(None)
        for label in self.errors.values():
            label.set_error(None)
        self.buttons.setEnabled(False)
        self._operations.run(create, on_success=self._created, on_error=self._failed, parent=self)

    def _created(self, result: tuple[str, Changes]) -> None:
        self.buttons.setEnabled(True)
        self.created_id, self.changes = result
        self.accept()

    def _failed(self, error: BaseException) -> bool:
        """Each problem beside its field (else on top), the cursor in the first such field."""
        self.buttons.setEnabled(True)
        if not isinstance(error, DomainError):
            return False
        problems = error.errors if isinstance(error, ValidationErrors) else [error]
        for problem in problems:
            self.errors.get(problem.field or "", self.message_label).set_error(problem)
        first = next((k for k in self.edits if self.errors[k].error is not None), "name")
        self.edits[first].setFocus()
        return True
