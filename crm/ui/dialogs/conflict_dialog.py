"""Someone else saved the record this editor is saving: both versions side by side, and a choice.

Shown by the contact, partnership and visit editors when their save is refused with
`ChangedElsewhere`. The table lists every field with the user's value and the stored one, the
fields that differ highlighted. The user then keeps their version (saved over the other, now
knowingly), keeps the other (their own edits dropped), or goes back to the editor to combine
the two by hand. Esc changes nothing: the editor stays as it was, and saving again asks again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm.domain.text import QT_TRANSLATE_NOOP, DomainError
from crm.ui.language import render

MINE, THEIRS = 1, 2

# Shown at the top of an editor the user went back to after seeing both versions.
COMBINED = QT_TRANSLATE_NOOP(
    "ConflictDialog",
    "Their changes are now in the form beside yours (where you both changed a field, yours is "
    "shown): check it, then save.",
)


class ConflictChoice(Enum):
    KEEP_MINE = "mine"
    KEEP_THEIRS = "theirs"
    BACK_TO_EDITING = "edit"


@dataclass(frozen=True)
class FieldRow:
    """One line of the comparison: a field's name and its value in each version, as shown."""

    label: str
    mine: str
    theirs: str

    @property
    def differs(self) -> bool:
        return self.mine != self.theirs


class ConflictDialog(QDialog):
    """`choice` holds the button pressed (None after Esc or closing the window)."""

    def __init__(
        self, sentence: str, rows: Sequence[FieldRow], *, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.rows = list(rows)
        self.choice: ConflictChoice | None = None

        self.sentence_label = QLabel(sentence)
        self.sentence_label.setWordWrap(True)
        self.sentence_label.setTextFormat(Qt.TextFormat.PlainText)
        bold = QFont(self.sentence_label.font())
        bold.setBold(True)
        self.sentence_label.setFont(bold)
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)

        self.table = QTableWidget(len(self.rows), 3)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MINE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(THEIRS, QHeaderView.ResizeMode.Stretch)
        # Wrapped text needs the columns' final widths: the rows follow every resize.
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self._fill()

        self.buttons = QDialogButtonBox()
        self.keep_mine_button = self._add_button(ConflictChoice.KEEP_MINE)
        self.keep_theirs_button = self._add_button(ConflictChoice.KEEP_THEIRS)
        self.back_button = self._add_button(ConflictChoice.BACK_TO_EDITING)

        layout = QVBoxLayout(self)
        layout.addWidget(self.sentence_label)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        # Nothing is chosen for the user: Enter must not overwrite anyone's work.
        self.back_button.setDefault(True)
        self.back_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.retranslate()

    def _add_button(self, choice: ConflictChoice) -> QPushButton:
        button = QPushButton()
        button.setAutoDefault(False)
        role = (
            QDialogButtonBox.ButtonRole.RejectRole
            if choice is ConflictChoice.BACK_TO_EDITING
            else QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(button, role)
        button.clicked.connect(lambda: self._choose(choice))
        return button

    def _choose(self, choice: ConflictChoice) -> None:
        self.choice = choice
        self.done(QDialog.DialogCode.Accepted)

    def _fill(self) -> None:
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        tint = QColor(highlight)
        tint.setAlpha(60)
        for row, field in enumerate(self.rows):
            cells = (field.label, field.mine, field.theirs)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text if column else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                if field.differs:
                    font = QFont(self.table.font())
                    font.setBold(True)
                    item.setFont(font)
                    item.setBackground(tint)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()

    def differing_labels(self) -> list[str]:
        """The fields shown as differing, in table order."""
        return [row.label for row in self.rows if row.differs]

    # Language ----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Changed by someone else"))
        self.hint_label.setText(
            self.tr(
                "Their version is saved; yours is not yet. What differs is highlighted: "
                "choose which version to keep."
            )
        )
        self.table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Your version"), self.tr("Their version")]
        )
        self.keep_mine_button.setText(self.tr("Keep &mine"))
        self.keep_mine_button.setToolTip(
            self.tr("Save your version: it replaces theirs, including the highlighted fields.")
        )
        self.keep_theirs_button.setText(self.tr("Keep &theirs"))
        self.keep_theirs_button.setToolTip(
            self.tr("Keep the version they saved and drop your changes.")
        )
        self.back_button.setText(self.tr("&Back to editing"))
        self.back_button.setToolTip(
            self.tr(
                "Go back to your changes, with theirs added to the fields you did not change; "
                "save when the form is as it should be."
            )
        )

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        metrics = self.fontMetrics()
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        frame = self.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth) * 2
        height = rows + self.table.horizontalHeader().height() + frame + metrics.lineSpacing() * 8
        return (
            super()
            .sizeHint()
            .expandedTo(
                QSize(metrics.averageCharWidth() * 110, min(height, metrics.lineSpacing() * 40))
            )
        )


def ask_to_save_as_new(
    parent: QWidget, error: DomainError, *, title: str, question: str, save: str, back: str
) -> bool:
    """The record being saved was deleted elsewhere: offer to save the user's version as a new
    one. "Back to editing" is the default and Esc's answer; the caller passes its own words."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(render(error))
    box.setInformativeText(question)
    save_button = box.addButton(save, QMessageBox.ButtonRole.AcceptRole)
    back_button = box.addButton(back, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(back_button)
    box.setEscapeButton(back_button)
    box.exec()
    return box.clickedButton() is save_button
