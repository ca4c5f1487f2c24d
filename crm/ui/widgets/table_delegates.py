"""Editors inside table cells: a choice from a list, a date that may be empty.

The model's edit value is what is stored (an id, an enum value, an ISO date); the delegate
only offers the choices and hands the chosen value back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from crm.ui.widgets.optional_date import OptionalDateEdit

Index = QModelIndex | QPersistentModelIndex
Choices = Callable[[], list[tuple[str, Any]]]


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box of (label, value) pairs, asked for afresh each time a cell is edited."""

    def __init__(self, choices: Choices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = choices

    def createEditor(  # noqa: N802 - Qt override
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        combo = QComboBox(parent)
        for label, value in self._choices():
            combo.addItem(label, value)
        # Choosing is the edit: commit at once rather than when the cell loses focus.
        combo.activated.connect(lambda _i, c=combo: self._commit(c))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802 - Qt override
        assert isinstance(editor, QComboBox)
        value = index.data(Qt.ItemDataRole.EditRole)
        position = editor.findData(value)
        editor.setCurrentIndex(max(position, 0))

    def setModelData(  # noqa: N802 - Qt override
        self, editor: QWidget, model: QAbstractItemModel, index: Index
    ) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class DateDelegate(QStyledItemDelegate):
    """A date with a calendar; `fallback` is the month the calendar opens on for no date."""

    def __init__(
        self,
        *,
        empty_text: Callable[[], str],
        fallback: Callable[[], QDate] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._empty_text = empty_text
        self._fallback = fallback

    def createEditor(  # noqa: N802 - Qt override
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        editor = OptionalDateEdit(parent, fallback=self._fallback)
        editor.set_empty_text(self._empty_text())
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802 - Qt override
        assert isinstance(editor, OptionalDateEdit)
        editor.set_iso(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(  # noqa: N802 - Qt override
        self, editor: QWidget, model: QAbstractItemModel, index: Index
    ) -> None:
        assert isinstance(editor, OptionalDateEdit)
        model.setData(index, editor.iso(), Qt.ItemDataRole.EditRole)
