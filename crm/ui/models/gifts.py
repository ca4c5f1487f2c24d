"""The gift register as a table: newest first, both ways.

A register holds the gifts of an office's years (hundreds, not hundreds of thousands), read
whole by the gift service for the filters chosen.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication

from crm.domain.partnerships import (
    GIFT_DIRECTION_LABELS,
    VALUE_BAND_LABELS,
    GiftDirection,
    ValueBand,
)
from crm.domain.visit_formatting import format_day
from crm.services.gifts import GiftRow
from crm.ui.language import render
from crm.ui.ui_locale import current_language

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    DATE = 0
    DIRECTION = 1
    GIFT = 2
    PERSON = 3
    OCCASION = 4
    PARTNERSHIP = 5
    VALUE = 6


def _headers() -> list[str]:
    translate = QApplication.translate
    return [
        translate("GiftsModel", "Date"),
        translate("GiftsModel", "Given or received"),
        translate("GiftsModel", "Gift"),
        translate("GiftsModel", "To or from"),
        translate("GiftsModel", "Visit or occasion"),
        translate("GiftsModel", "Partnership"),
        translate("GiftsModel", "Value"),
    ]


class GiftsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[GiftRow] = []
        self._headers = _headers()

    def set_gifts(self, gifts: list[GiftRow]) -> None:
        self.beginResetModel()
        self._rows = list(gifts)
        self.endResetModel()

    def gift_at(self, row: int) -> GiftRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, gift_id: str) -> int:
        return next((i for i, g in enumerate(self._rows) if g.id == gift_id), -1)

    def retranslate(self) -> None:
        self._headers = _headers()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(Column) - 1)
            )

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

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        gift = self._rows[index.row()]
        if role == ID_ROLE:
            return gift.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(gift, Column(index.column()))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == Column.GIFT and gift.notes:
            return gift.notes
        return None

    def _display(self, gift: GiftRow, column: Column) -> str:
        if column is Column.DATE:
            return format_day(gift.on, current_language())
        if column is Column.DIRECTION:
            return render(GIFT_DIRECTION_LABELS[GiftDirection(gift.direction)])
        if column is Column.GIFT:
            return gift.description
        if column is Column.PERSON:
            return gift.contact
        if column is Column.OCCASION:
            return " · ".join(p for p in (gift.delegation, gift.occasion) if p)
        if column is Column.PARTNERSHIP:
            chinese = current_language() == "zh_CN"
            return (gift.partner_zh if chinese else "") or gift.partner
        return render(VALUE_BAND_LABELS[ValueBand(gift.value_band)]) if gift.value_band else ""
