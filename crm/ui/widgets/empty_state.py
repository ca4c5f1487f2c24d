"""A friendly pane for an empty list: what this is, and buttons for what to do next."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.setMinimumWidth(420)
        self.body.setMaximumWidth(620)
        self._buttons = QHBoxLayout()
        self._buttons.setSpacing(12)
        buttons_row = QHBoxLayout()
        buttons_row.addStretch()
        buttons_row.addLayout(self._buttons)
        buttons_row.addStretch()
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.title)
        layout.addSpacing(8)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.body)
        row.addStretch()
        layout.addLayout(row)
        layout.addSpacing(16)
        layout.addLayout(buttons_row)
        layout.addStretch(3)

    def add_button(self, *, primary: bool = False) -> QPushButton:
        button = QPushButton()
        button.setMinimumHeight(32)
        button.setMinimumWidth(140)
        button.setDefault(primary)
        self._buttons.addWidget(button)
        return button
