"""What was agreed to do after a visit: what, who in our office, by when, done."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from crm.domain.visit_formatting import format_day
from crm.ui.ui_locale import current_language
from crm.ui.widgets.row_table import Index, RowsModel, RowTable
from crm.ui.widgets.table_delegates import ChoiceDelegate, DateDelegate

DESCRIPTION, ASSIGNEE, DUE, DONE = range(4)


@dataclass
class FollowUpItem:
    follow_up_id: str | None = None
    description: str = ""
    assignee_id: str | None = None
    assignee: str = ""
    due_on: str = ""
    done: bool = False


class FollowUpsModel(RowsModel[FollowUpItem]):
    def __init__(
        self, staff: Callable[[], list[tuple[str, str]]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._staff = staff

    def headers(self) -> list[str]:
        translate = QCoreApplication.translate
        return [
            translate("FollowUpsTable", "What"),
            translate("FollowUpsTable", "Who"),
            translate("FollowUpsTable", "Due"),
            translate("FollowUpsTable", "Done"),
        ]

    def display(self, row: FollowUpItem, column: int) -> str:
        if column == DESCRIPTION:
            return row.description
        if column == ASSIGNEE:
            return row.assignee
        if column == DUE:
            return format_day(row.due_on, current_language())
        return ""

    def edit_value(self, row: FollowUpItem, column: int) -> Any:
        if column == ASSIGNEE:
            return row.assignee_id or ""
        if column == DUE:
            return row.due_on
        return self.display(row, column)

    def editable(self, column: int) -> bool:
        return column != DONE

    def checked(self, row: FollowUpItem, column: int) -> bool | None:
        return row.done if column == DONE else None

    def set_value(self, row: FollowUpItem, column: int, value: Any) -> bool:
        if column == DESCRIPTION:
            row.description = str(value or "").strip()
        elif column == ASSIGNEE:
            row.assignee_id = str(value) if value else None
            row.assignee = dict(self._staff()).get(row.assignee_id or "", "")
        elif column == DUE:
            row.due_on = str(value or "")
        else:
            row.done = bool(value)
        return True

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            row = self._rows[index.row()]
            if row.done:
                colour = QApplication.palette().color(
                    QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
                )
                return QBrush(colour)
            if index.column() == DUE and row.due_on and row.due_on < dt.date.today().isoformat():
                # Overdue: the red of error sentences, dark on a light window, light on a dark.
                window = QApplication.palette().color(QPalette.ColorRole.Window)
                return QBrush(QColor("#ff8a80" if window.lightness() < 128 else "#b3261e"))
        return super().data(index, role)


class FollowUpsTable(QWidget):
    changed = Signal()

    def __init__(
        self, *, staff: Callable[[], list[tuple[str, str]]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = FollowUpsModel(staff, self)
        self.table = RowTable(self.model)
        self.add_button = self.table.add_button()
        self.remove_button = self.table.add_button(needs_row=True)
        self.table.finish_buttons()
        self.add_button.clicked.connect(self.add_follow_up)
        self.remove_button.clicked.connect(self.remove_current)
        self.model.edited.connect(self.changed)
        view = self.table.view
        self._assignee = ChoiceDelegate(lambda: [("—", "")] + [(n, i) for i, n in staff()], self)
        self._due = DateDelegate(empty_text=lambda: self.tr("no date"), parent=self)
        view.setItemDelegateForColumn(ASSIGNEE, self._assignee)
        view.setItemDelegateForColumn(DUE, self._due)
        self.table.stretch(DESCRIPTION)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def tab_chain(self) -> list[QWidget]:
        return [self.table.view, self.add_button, self.remove_button]

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("Add follow-up"))
        self.remove_button.setText(self.tr("Remove"))
        self.table.error.retranslate()
        self.model.refresh()

    def set_follow_ups(self, items: list[FollowUpItem]) -> None:
        self.model.set_rows(items)

    def follow_ups(self) -> list[FollowUpItem]:
        return self.model.rows()

    def add_follow_up(self) -> None:
        row = self.model.append(FollowUpItem())
        self.table.select(row, DESCRIPTION)
        self.table.view.setFocus()
        self.table.view.edit(self.model.index(row, DESCRIPTION))

    def remove_current(self) -> None:
        row = self.table.current_row()
        if row >= 0:
            self.model.remove(row)
            self.table.select(min(row, self.model.rowCount() - 1))
