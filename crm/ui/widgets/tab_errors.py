"""Problems of a form spread over tabs: each beside its field or under its list, every tab with
a problem marked, the first of them (in reading order) shown with the cursor in it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QStyle, QTabWidget, QWidget

from crm.domain.text import DomainError
from crm.ui.widgets.error_label import ErrorLabel
from crm.ui.widgets.row_table import RowTable


class TabErrors:
    def __init__(self, tabs: QTabWidget, message: ErrorLabel) -> None:
        self._tabs = tabs
        self.message = message
        self._fields: dict[str, tuple[ErrorLabel, int, QWidget]] = {}
        self._tables: dict[str, tuple[RowTable, int, Callable[[int], int]]] = {}

    def add_field(self, key: str, label: ErrorLabel, *, tab: int, focus: QWidget) -> None:
        self._fields[key] = (label, tab, focus)

    def add_table(
        self, key: str, table: RowTable, *, tab: int, row: Callable[[int], int] | None = None
    ) -> None:
        """`row` turns the row of an error (in the list given to the service) into the row of
        the table, when the two differ."""
        self._tables[key] = (table, tab, row or (lambda r: r))

    def text(self, key: str) -> str:
        """The sentence shown for `key` (on whichever tab); "" when there is none."""
        label = self._tables[key][0].error if key in self._tables else self._label(key)
        return "" if label.isHidden() else label.text()

    def _label(self, key: str) -> ErrorLabel:
        return self._fields[key][0] if key in self._fields else self.message

    def clear_field(self, key: str) -> None:
        self._fields[key][0].set_error(None)

    def clear(self) -> None:
        self.message.set_error(None)
        for label, _tab, _focus in self._fields.values():
            label.set_error(None)
        for table, _tab, _row in self._tables.values():
            table.show_error(None)
        for tab in range(self._tabs.count()):
            self._tabs.setTabIcon(tab, QIcon())

    def show(self, errors: list[DomainError]) -> None:
        tabs: set[int] = set()
        for error in errors:
            key, row = error.field or "", getattr(error, "row", None)
            if key in self._tables:
                table, tab, to_row = self._tables[key]
                if table.error.error is None:
                    table.show_error(error, None if row is None else to_row(row))
                tabs.add(tab)
            elif key in self._fields:
                label, tab, _focus = self._fields[key]
                if label.error is None:
                    label.set_error(error)
                tabs.add(tab)
            else:
                self.message.set_error(error)
        warning = self._tabs.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for tab in tabs:
            self._tabs.setTabIcon(tab, warning)
        if tabs:
            self._tabs.setCurrentIndex(min(tabs))
        for label, _tab, focus in self._fields.values():
            if label.error is not None and focus.isVisibleTo(self._tabs):
                focus.setFocus(Qt.FocusReason.OtherFocusReason)
                break
