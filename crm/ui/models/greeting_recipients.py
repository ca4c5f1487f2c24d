"""The people of a greeting campaign as a table: a tick for each one ready to be greeted, and
for the others the reason they are skipped.

A campaign is for at most a few thousand people, listed whole by the greeting service; the model
keeps that list and which of the ready ones are ticked. Whoever the user unticks stays unticked
when the list is read again (after a filter changed, or after a run).
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from crm.services.greetings import CampaignRecipient
from crm.ui.contact_languages import language_name
from crm.ui.language import render

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    NAME = 0
    ADDRESS = 1
    LANGUAGES = 2
    STATUS = 3


def _headers() -> list[str]:
    translate = QApplication.translate
    return [
        translate("GreetingRecipientsModel", "Name"),
        translate("GreetingRecipientsModel", "E-mail address"),
        translate("GreetingRecipientsModel", "Written in"),
        translate("GreetingRecipientsModel", "Status"),
    ]


class GreetingRecipientsModel(QAbstractTableModel):
    """`ticked_changed` fires whenever the set of ticked people changes."""

    ticked_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CampaignRecipient] = []
        self._ticked: set[str] = set()
        self._unticked: set[str] = set()  # by the user; kept across reloads
        self._headers = _headers()

    # Rows --------------------------------------------------------------------------------
    def set_recipients(self, recipients: list[CampaignRecipient]) -> None:
        self.beginResetModel()
        self._rows = list(recipients)
        self._ticked = {r.contact_id for r in self._rows if r.ready} - self._unticked
        self.endResetModel()
        self.ticked_changed.emit()

    def recipient_at(self, row: int) -> CampaignRecipient | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, contact_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.contact_id == contact_id), -1)

    def recipients(self) -> list[CampaignRecipient]:
        return list(self._rows)

    def ticked_ids(self) -> list[str]:
        """The ticked people, in list order."""
        return [r.contact_id for r in self._rows if r.contact_id in self._ticked]

    def ready_count(self) -> int:
        return sum(1 for r in self._rows if r.ready)

    def skipped(self) -> list[CampaignRecipient]:
        return [r for r in self._rows if not r.ready]

    def set_ticked(self, contact_id: str, ticked: bool) -> bool:
        row = self.row_of(contact_id)
        found = self.recipient_at(row)
        if found is None or not found.ready or (contact_id in self._ticked) == ticked:
            return False
        if ticked:
            self._ticked.add(contact_id)
            self._unticked.discard(contact_id)
        else:
            self._ticked.discard(contact_id)
            self._unticked.add(contact_id)
        index = self.index(row, Column.NAME)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.ticked_changed.emit()
        return True

    def tick_all(self, ticked: bool) -> None:
        ready = {r.contact_id for r in self._rows if r.ready}
        if ticked:
            self._ticked = set(ready)
            self._unticked -= ready
        else:
            self._ticked = set()
            self._unticked |= ready
        if self._rows:
            first, last = self.index(0, Column.NAME), self.index(len(self._rows) - 1, Column.NAME)
            self.dataChanged.emit(first, last, [Qt.ItemDataRole.CheckStateRole])
        self.ticked_changed.emit()

    def retranslate(self) -> None:
        self._headers = _headers()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._rows:
            last = self.index(len(self._rows) - 1, len(Column) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    # Qt ----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        found = self.recipient_at(index.row())
        if index.column() == Column.NAME and found is not None and found.ready:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        found = self.recipient_at(index.row())
        if found is None:
            return None
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(found, column)
        if role == ID_ROLE:
            return found.contact_id
        if role == Qt.ItemDataRole.CheckStateRole and column is Column.NAME and found.ready:
            ticked = found.contact_id in self._ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and not found.ready:
            # Skipped people are greyed, as a disabled row would be, yet can still be previewed.
            palette = QApplication.palette()
            return palette.brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.STATUS:
            return render(found.label)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        if index.column() != Column.NAME:
            return False
        found = self.recipient_at(index.row())
        if found is None or not found.ready:
            return False
        state = value.value if isinstance(value, Qt.CheckState) else value
        return self.set_ticked(found.contact_id, state == Qt.CheckState.Checked.value) or True

    def _display(self, found: CampaignRecipient, column: Column) -> str:
        if column is Column.NAME:
            return found.name
        if column is Column.ADDRESS:
            return found.address
        if column is Column.LANGUAGES:
            return " + ".join(language_name(code) for code in found.languages)
        return render(found.label)
