"""Questions asked before data is thrown away: one look and one behaviour everywhere."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_to_discard(parent: QWidget, *, title: str, question: str, discard: str, keep: str) -> bool:
    """True when the user chooses to discard; "keep editing" is the default and Esc's answer.

    The caller passes its own translated words, so each sentence keeps its translation context.
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(question)
    discard_button = box.addButton(discard, QMessageBox.ButtonRole.DestructiveRole)
    keep_button = box.addButton(keep, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep_button)
    box.setEscapeButton(keep_button)
    box.exec()
    return box.clickedButton() is discard_button
