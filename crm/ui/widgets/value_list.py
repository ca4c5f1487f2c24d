"""A short list of strings (e-mails, phones) edited as a column of line edits.

There is always exactly one empty line at the end to type the next value into, so the user
never looks for an "Add" button; a line emptied in the middle goes away when the user leaves it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget


class ValueListEdit(QWidget):
    """Edits a list of strings; `changed` fires whenever `values()` may have changed."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._placeholder = ""
        self._lines: list[QLineEdit] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._append_line()

    # Public API --------------------------------------------------------------------------
    def values(self) -> list[str]:
        """The non-empty values, stripped, in the order shown."""
        return [text for line in self._lines if (text := line.text().strip())]

    def set_values(self, values: list[str]) -> None:
        wanted = [v.strip() for v in values if v.strip()] + [""]
        # Lines are reused rather than rebuilt so that the tab order set by the dialog holds.
        while len(self._lines) < len(wanted):
            self._append_line()
        while len(self._lines) > len(wanted):
            self._remove_line(self._lines[-1])
        for line, value in zip(self._lines, wanted, strict=True):
            line.setText(value)
        self.changed.emit()

    def set_placeholder(self, text: str) -> None:
        self._placeholder = text
        for line in self._lines:
            line.setPlaceholderText(text)

    def line_edits(self) -> list[QLineEdit]:
        """The line edits shown, top to bottom (the last one is the empty one)."""
        return list(self._lines)

    # Lines -------------------------------------------------------------------------------
    def _append_line(self) -> QLineEdit:
        line = QLineEdit(self)
        line.setPlaceholderText(self._placeholder)
        line.setClearButtonEnabled(True)
        line.textEdited.connect(lambda _text, line=line: self._edited(line))
        line.editingFinished.connect(self._tidy)
        if self._lines:
            # A new child goes to the end of the window's focus chain: put it after its sibling.
            QWidget.setTabOrder(self._lines[-1], line)
        self._lines.append(line)
        self._layout.addWidget(line)
        # Focusing the list (a label's buddy, the first field with an error) focuses its top line.
        self.setFocusProxy(self._lines[0])
        # Before the window is shown nothing else tells the enclosing layouts that we grew.
        self.updateGeometry()
        return line

    def _remove_line(self, line: QLineEdit) -> None:
        self._lines.remove(line)
        self.setFocusProxy(self._lines[0])
        self._layout.removeWidget(line)
        line.hide()
        line.deleteLater()
        self.updateGeometry()

    def _edited(self, line: QLineEdit) -> None:
        if line is self._lines[-1] and line.text().strip():
            self._append_line()
        self.changed.emit()

    def _tidy(self) -> None:
        """Drop the empty lines above the last one, except the one the user is typing in."""
        for line in self._lines[:-1]:
            if not line.text().strip() and not line.hasFocus():
                self._remove_line(line)
        last = self._lines[-1]
        if last.text().strip():
            self._append_line()
