"""A short list edited in place: a visit's members, programme, gifts or follow-ups.

`RowsModel` is an item model over a few dozen rows held in memory (a visit never has
thousands); subclasses say what each column shows and how an edit changes a row. `RowTable`
is the view with its buttons and the error sentence under it.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm.domain.text import DomainError
from crm.ui.widgets.error_label import ErrorLabel

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")


class RowsModel(QAbstractTableModel, Generic[R]):
    """Rows of type R; `edited` fires after every change the user makes."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []
        self._marked: int | None = None

    # For subclasses ----------------------------------------------------------------------
    def headers(self) -> list[str]:
        raise NotImplementedError

    def display(self, row: R, column: int) -> str:
        raise NotImplementedError

    def edit_value(self, row: R, column: int) -> Any:
        return self.display(row, column)

    def set_value(self, row: R, column: int, value: Any) -> bool:
        """Change `row` for an edit of `column`; False if the column cannot take it."""
        return False

    def editable(self, column: int) -> bool:
        return False

    def checked(self, row: R, column: int) -> bool | None:
        """For a check-box column, whether it is ticked; None for other columns."""
        return None

    def tooltip(self, row: R, column: int) -> str | None:
        return None

    # Rows --------------------------------------------------------------------------------
    def rows(self) -> list[R]:
        return list(self._rows)

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def set_rows(self, rows: list[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._marked = None
        self.endResetModel()

    def append(self, row: R) -> int:
        position = len(self._rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.append(row)
        self.endInsertRows()
        self.edited.emit()
        return position

    def insert(self, position: int, row: R) -> None:
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.insert(position, row)
        self.endInsertRows()
        self.edited.emit()

    def remove(self, position: int) -> None:
        if not 0 <= position < len(self._rows):
            return
        self.beginRemoveRows(QModelIndex(), position, position)
        del self._rows[position]
        self.endRemoveRows()
        self.mark(None)
        self.edited.emit()

    def move(self, position: int, delta: int) -> int:
        """Move a row up (-1) or down (+1); returns where it is now."""
        target = position + delta
        if not (0 <= position < len(self._rows) and 0 <= target < len(self._rows)):
            return position
        destination = target + 1 if delta > 0 else target
        self.beginMoveRows(QModelIndex(), position, position, QModelIndex(), destination)
        self._rows.insert(target, self._rows.pop(position))
        self.endMoveRows()
        self.edited.emit()
        return target

    def refresh(self) -> None:
        """Texts changed (the language, names of members): paint everything again."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._rows:
            last = self.index(len(self._rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def mark(self, row: int | None) -> None:
        """Flag the row an error is about (None: no row)."""
        previous, self._marked = self._marked, row
        for changed in {previous, row} - {None}:
            assert changed is not None
            if 0 <= changed < len(self._rows):
                self.dataChanged.emit(self.index(changed, 0), self.index(changed, 0))

    # Qt ----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers())

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            headers = self.headers()
            return headers[section] if 0 <= section < len(headers) else None
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row = self._rows[index.row()]
        if self.checked(row, index.column()) is not None:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        elif self.editable(index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole:
            ticked = self.checked(row, column)
            if ticked is None:
                return None
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return None if self.checked(row, column) is not None else self.display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return self.edit_value(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and index.row() == self._marked:
            return _warning_icon()
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and self.checked(row, column) is not None:
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole or not self.editable(column):
            return False
        if not self.set_value(row, column, value):
            return False
        last = self.columnCount() - 1
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), last))
        if index.row() == self._marked:
            self.mark(None)
        self.edited.emit()
        return True


def _warning_icon() -> Any:
    style = QApplication.style()
    return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning) if style else None


class TableView(QTableView):
    """A table inside a dialog: Return edits the current cell (or, read-only, activates its
    row) instead of reaching the dialog, where it would press the default button."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or event.modifiers() & ~(
            Qt.KeyboardModifier.KeypadModifier
        ):
            super().keyPressEvent(event)
            return
        index = self.currentIndex()
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing and index.isValid():
            if index.flags() & Qt.ItemFlag.ItemIsEditable:
                self.edit(index)
            else:
                self.activated.emit(index)
        event.accept()

    def finish_editing(self) -> None:
        """Commit what is being typed in a cell (saving must not lose it) and close its editor."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        editor = QApplication.focusWidget()
        while editor is not None and editor.parentWidget() is not self.viewport():
            editor = editor.parentWidget()
        if editor is not None:
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)


class RowTable(QWidget):
    """A table of a `RowsModel` with buttons under it and the sentence of its problem."""

    def __init__(self, model: RowsModel[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = TableView()
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.setTabKeyNavigation(False)  # Tab leaves the table, as everywhere else
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.error = ErrorLabel()
        self.buttons = QHBoxLayout()
        self.buttons.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error)
        layout.addLayout(self.buttons)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.update_buttons())
        model.rowsInserted.connect(lambda *_: self.update_buttons())
        model.rowsRemoved.connect(lambda *_: self.update_buttons())
        model.modelReset.connect(self.update_buttons)
        self._row_buttons: list[QPushButton] = []

    def add_button(self, *, needs_row: bool = False) -> QPushButton:
        button = QPushButton()
        button.setAutoDefault(False)
        self.buttons.addWidget(button)
        if needs_row:
            self._row_buttons.append(button)
            button.setEnabled(False)
        return button

    def finish_buttons(self) -> None:
        self.buttons.addStretch(1)

    def current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def select(self, row: int, column: int = 0) -> None:
        if 0 <= row < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(row, column))

    def update_buttons(self) -> None:
        has_row = self.current_row() >= 0
        for button in self._row_buttons:
            button.setEnabled(has_row)

    def show_error(self, error: DomainError | None, row: int | None = None) -> None:
        self.error.set_error(error)
        self.model.mark(row if error is not None else None)
        if error is not None and row is not None:
            self.select(row)
            self.view.scrollTo(self.model.index(row, 0))

    def stretch(self, *columns: int) -> None:
        """These columns share the spare width; the others fit their contents."""
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(self.model.columnCount()):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column in columns
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
