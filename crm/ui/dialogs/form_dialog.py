"""What the history editors share (partnership, agreement, interaction): a form whose every field
has its label and, under it, the sentence about what is wrong with it; Save and Cancel; and a
question before edits are thrown away.

Texts of the base are in the "FormDialog" context (given explicitly: `tr` in a base class would
look them up under each subclass's name); each editor words its own discard question.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm.domain.text import DomainError, ValidationErrors
from crm.ui.questions import ask_to_discard
from crm.ui.widgets.error_label import ErrorLabel, field_column


class FormDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._busy = False
        self.message_label = ErrorLabel(self)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert save is not None and cancel is not None
        self.save_button: QPushButton = save
        self.cancel_button: QPushButton = cancel
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        # Kept as an attribute: a shortcut only Qt holds goes away with its Python wrapper.
        self.save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        self.save_shortcut.activated.connect(self.save)

    # Building ----------------------------------------------------------------------------
    def lay_out(
        self,
        fields: Mapping[str, QWidget],
        *,
        cells: Mapping[str, QWidget] | None = None,
        below: Mapping[str, Sequence[QWidget]] | None = None,
        width_in_chars: int = 100,
    ) -> None:
        """One form row per field (in `cells` when the field sits beside buttons), with what
        goes `below` it and its error sentence; the message on top, the buttons under."""
        self.fields = dict(fields)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, widget in self.fields.items():
            self.errors[key] = ErrorLabel()
            self.labels[key] = QLabel()
            self.labels[key].setBuddy(widget)
            cell = (cells or {}).get(key, widget)
            extra = (below or {}).get(key, ())
            form.addRow(self.labels[key], field_column(cell, *extra, self.errors[key]))
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_label)
        layout.addLayout(form, 1)
        layout.addWidget(self.buttons)
        # Only once the button is inside the dialog does it become the dialog's default.
        self.save_button.setDefault(True)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * width_in_chars)

    def retranslate_form(self, labels: Mapping[str, str], *, save: str | None = None) -> None:
        for key, text in labels.items():
            self.labels[key].setText(text)
        self.save_button.setText(save or QApplication.translate("FormDialog", "Save"))
        self.cancel_button.setText(QApplication.translate("FormDialog", "Cancel"))
        self.message_label.retranslate()
        for label in self.errors.values():
            label.retranslate()

    # Errors ------------------------------------------------------------------------------
    def field_error(self, field: str) -> str:
        """The sentence shown beside `field` ("" when there is none)."""
        label = self.errors.get(field, self.message_label)
        return label.text() if label.isVisibleTo(self) else ""

    def clear_errors(self) -> None:
        self.message_label.set_error(None)
        for label in self.errors.values():
            label.set_error(None)

    def clear_error_on_edit(self, key: str) -> None:
        self.errors[key].set_error(None)

    def show_errors(self, error: BaseException) -> bool:
        """Each problem beside its field, the cursor in the first; False if not ours to say."""
        self.set_busy(False)
        if not isinstance(error, DomainError):
            return False
        for problem in error.errors if isinstance(error, ValidationErrors) else [error]:
            label = self.errors.get(problem.field or "", self.message_label)
            if label.error is None:
                label.set_error(problem)
        for key, widget in self.fields.items():
            if self.errors[key].error is not None:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                break
        return True

    # Saving and leaving ------------------------------------------------------------------
    def save(self) -> None:
        raise NotImplementedError

    def has_unsaved_changes(self) -> bool:
        return False

    def discard_question(self) -> str:
        return QApplication.translate("FormDialog", "Discard your changes?")

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.save_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)

    @property
    def busy(self) -> bool:
        return self._busy

    def confirm_discard(self) -> bool:
        """Ask before throwing edits away; True means discard."""
        return ask_to_discard(
            self,
            title=QApplication.translate("FormDialog", "Unsaved changes"),
            question=self.discard_question(),
            discard=QApplication.translate("FormDialog", "Discard"),
            keep=QApplication.translate("FormDialog", "Keep editing"),
        )

    def reject(self) -> None:
        """Cancel, Esc and closing the window all come here."""
        if self._busy:
            return
        if self.has_unsaved_changes() and not self.confirm_discard():
            return
        super().reject()
