"""A domain error's sentence, shown in red right under the field it is about.

Shared by every editing dialog, so the same problem looks the same wherever it is reported.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from crm.domain.text import DomainError
from crm.ui.language import render


class ErrorLabel(QLabel):
    """A sentence in red, hidden while there is nothing to say; re-rendered on a language switch."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._error: DomainError | None = None
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        window = self.palette().color(QPalette.ColorRole.Window)
        # A dark red reads well on a light window, a light red on a dark one.
        colour = QColor("#ff8a80") if window.lightness() < 128 else QColor("#b3261e")
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.setPalette(palette)
        self.hide()

    @property
    def error(self) -> DomainError | None:
        return self._error

    def set_error(self, error: DomainError | None) -> None:
        self._error = error
        self.retranslate()

    def retranslate(self) -> None:
        text = render(self._error) if self._error is not None else ""
        self.setText(text)
        self.setVisible(bool(text))


def field_column(field: QWidget, *below: QWidget) -> QWidget:
    """The field with what belongs under it (hints, the error label), as one form cell."""
    cell = QWidget()
    column = QVBoxLayout(cell)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(field)
    for widget in below:
        column.addWidget(widget)
    return cell
