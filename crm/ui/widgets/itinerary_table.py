"""A visit's programme, day by day: day, time, what happens."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from crm.domain.visit_formatting import format_programme_day
from crm.ui.ui_locale import current_language
from crm.ui.widgets.row_table import RowsModel, RowTable
from crm.ui.widgets.table_delegates import DateDelegate

DAY, TIME, DESCRIPTION = range(3)


@dataclass
class ItineraryItemRow:
    day: str = ""
    time: str = ""
    description: str = ""

    def is_empty(self) -> bool:
        return not (self.day.strip() or self.time.strip() or self.description.strip())


class ItineraryModel(RowsModel[ItineraryItemRow]):
    def headers(self) -> list[str]:
        translate = QCoreApplication.translate
        return [
            translate("ItineraryTable", "Day"),
            translate("ItineraryTable", "Time"),
            translate("ItineraryTable", "What happens"),
        ]

    def display(self, row: ItineraryItemRow, column: int) -> str:
        if column == DAY:
            return format_programme_day(row.day, current_language())
        return row.time if column == TIME else row.description

    def edit_value(self, row: ItineraryItemRow, column: int) -> Any:
        return (row.day, row.time, row.description)[column]

    def editable(self, column: int) -> bool:
        return True

    def set_value(self, row: ItineraryItemRow, column: int, value: Any) -> bool:
        text = str(value or "").strip()
        if column == DAY:
            row.day = text
        elif column == TIME:
            row.time = text
        else:
            row.description = text
        return True

    def tooltip(self, row: ItineraryItemRow, column: int) -> str | None:
        return row.description if column == DESCRIPTION and row.description else None


class ItineraryTable(QWidget):
    changed = Signal()

    def __init__(self, *, first_day: Callable[[], QDate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._first_day = first_day
        self.model = ItineraryModel(self)
        self.table = RowTable(self.model)
        self.add_button = self.table.add_button()
        self.remove_button = self.table.add_button(needs_row=True)
        self.table.finish_buttons()
        self.add_button.clicked.connect(self.add_item)
        self.remove_button.clicked.connect(self.remove_current)
        self.model.edited.connect(self.changed)
        self._day_delegate = DateDelegate(
            empty_text=lambda: self.tr("no day"), fallback=first_day, parent=self
        )
        self.table.view.setItemDelegateForColumn(DAY, self._day_delegate)
        self.table.stretch(DESCRIPTION)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def tab_chain(self) -> list[QWidget]:
        return [self.table.view, self.add_button, self.remove_button]

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("Add to the programme"))
        self.remove_button.setText(self.tr("Remove"))
        self.table.view.setToolTip(self.tr("Double-click a cell to change it; times as 09:30"))
        self.table.error.retranslate()
        self.model.refresh()

    def set_items(self, items: list[ItineraryItemRow]) -> None:
        self.model.set_rows(items)

    def items(self) -> list[ItineraryItemRow]:
        return self.model.rows()

    def add_item(self) -> None:
        """A new line on the last line's day (the visit's first day for the first line)."""
        rows = self.model.rows()
        day = rows[-1].day if rows else ""
        if not day and (first := self._first_day()).isValid():
            day = first.toString("yyyy-MM-dd")
        row = self.model.append(ItineraryItemRow(day=day))
        self.table.select(row, DESCRIPTION)
        self.table.view.setFocus()
        self.table.view.edit(self.model.index(row, DESCRIPTION))

    def remove_current(self) -> None:
        row = self.table.current_row()
        if row >= 0:
            self.model.remove(row)
            self.table.select(min(row, self.model.rowCount() - 1))
