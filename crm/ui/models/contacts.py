"""The contacts table: an item model over a list of ids, rows fetched in blocks on demand.

The model knows its row count from the id list (a search returns ids only) and reads rows in
blocks of 64 into a bounded cache the first time the view paints them, so scrolling to the end
of 100,000 contacts costs one block, not hundreds of `fetchMore` round trips; a block is more
than a screenful, and small enough that a keystroke's repaint does not wait for rows it does
not show (256 took a sixth longer).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from crm.domain.contacts import STATUS_LABELS, ContactStatus
from crm.domain.formatting import format_birthday
from crm.domain.names import latin_name
from crm.services.contacts import ContactResults, ContactRow
from crm.ui.language import qt_translate, render

ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ToolTipRole,
        ID_ROLE,
    }
)


class Column(IntEnum):
    NAME = 0
    NAME_ZH = 1
    ORGANISATION = 2
    POSITION = 3
    EMAIL = 4
    PHONE = 5
    OWNER = 6
    STATUS = 7
    BIRTHDAY = 8
    TAGS = 9


def _headers() -> dict[Column, str]:
    return {
        Column.NAME: QApplication.translate("ContactsModel", "Name"),
        Column.NAME_ZH: QApplication.translate("ContactsModel", "Chinese name"),
        Column.ORGANISATION: QApplication.translate("ContactsModel", "Organisation"),
        Column.POSITION: QApplication.translate("ContactsModel", "Position"),
        Column.EMAIL: QApplication.translate("ContactsModel", "E-mail"),
        Column.PHONE: QApplication.translate("ContactsModel", "Phone"),
        Column.OWNER: QApplication.translate("ContactsModel", "Owner"),
        Column.STATUS: QApplication.translate("ContactsModel", "Status"),
        Column.BIRTHDAY: QApplication.translate("ContactsModel", "Birthday"),
        Column.TAGS: QApplication.translate("ContactsModel", "Tags"),
    }


class _Row:
    """A contact as painted: its row, and its cell texts once formatted."""

    __slots__ = ("contact", "texts")

    def __init__(self, contact: ContactRow) -> None:
        self.contact = contact
        self.texts: list[str] | None = None


class ContactsModel(QAbstractTableModel):
    BLOCK = ContactResults.BLOCK  # a screenful and more: each keystroke reads one block
    MAX_BLOCKS = 256

    def __init__(
        self,
        fetch_rows: Callable[[list[str]], list[ContactRow]],
        language: Callable[[], str],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._fetch_rows = fetch_rows
        self._language = language
        self._results: ContactResults | None = None
        self._count = 0
        self._blocks: OrderedDict[int, list[_Row | None]] = OrderedDict()
        self._headers = _headers()
        self._muted = QApplication.palette().color(
            QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
        )
        self._italic = QFont()
        self._italic.setItalic(True)

    # Feeding -------------------------------------------------------------------------------
    def set_results(self, results: ContactResults) -> None:
        self.beginResetModel()
        self._results = results
        self._count = results.count
        self._blocks.clear()
        self.endResetModel()

    def id_at(self, row: int) -> str | None:
        entry = self._entry(row)
        return entry.contact.id if entry else None

    def row_of(self, contact_id: str) -> int:
        if self._results is None:
            return -1
        for block, rows in self._blocks.items():
            for offset, entry in enumerate(rows):
                if entry is not None and entry.contact.id == contact_id:
                    return block * self.BLOCK + offset
        position = self._results.position(contact_id)
        return -1 if position is None else position

    def forget(self, contact_ids: Iterable[str]) -> None:
        """Re-read these contacts the next time they are painted."""
        wanted = set(contact_ids)
        for block, rows in list(self._blocks.items()):
            if any(entry is not None and entry.contact.id in wanted for entry in rows):
                del self._blocks[block]
                first = block * self.BLOCK
                last = min(first + self.BLOCK, self._count) - 1
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(Column) - 1))

    def retranslate(self) -> None:
        self._headers = _headers()
        for rows in self._blocks.values():
            for entry in rows:
                if entry is not None:
                    entry.texts = None
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(Column) - 1))

    def cached_rows(self) -> int:
        """How many rows have been read so far (and are kept): none until the view paints."""
        return sum(len(rows) for rows in self._blocks.values())

    def contact_row(self, row: int) -> ContactRow | None:
        entry = self._entry(row)
        return entry.contact if entry else None

    def _entry(self, row: int) -> _Row | None:
        if not 0 <= row < self._count:
            return None
        block = row // self.BLOCK
        rows = self._blocks.get(block)
        if rows is None:
            rows = self._load_block(block)
        else:
            self._blocks.move_to_end(block)
        offset = row % self.BLOCK
        return rows[offset] if offset < len(rows) else None

    def _load_block(self, block: int) -> list[_Row | None]:
        assert self._results is not None
        ids = self._results.ids(block * self.BLOCK, (block + 1) * self.BLOCK)
        fetched = {r.id: r for r in self._fetch_rows(ids)}
        rows: list[_Row | None] = [_Row(fetched[i]) if i in fetched else None for i in ids]
        self._blocks[block] = rows
        while len(self._blocks) > self.MAX_BLOCKS:
            self._blocks.popitem(last=False)
        return rows

    # Qt model interface --------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(Column):
            return self._headers[Column(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid():
            return None
        entry = self._entry(index.row())
        if entry is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            # The tooltip shows a cell's whole text where the column is too narrow for it.
            if entry.texts is None:
                entry.texts = [self._display(entry.contact, column) for column in Column]
            text = entry.texts[index.column()]
            if role == Qt.ItemDataRole.ToolTipRole and index.column() == Column.NAME:
                names = (text, entry.contact.name_zh, entry.contact.pinyin)
                return "\n".join(dict.fromkeys(p for p in names if p))
            return text
        row = entry.contact
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._muted if row.archived or row.status != ContactStatus.ACTIVE else None
        if role == Qt.ItemDataRole.FontRole:
            return self._italic if row.archived else None
        return None

    def _display(self, row: ContactRow, column: Column) -> str:
        chinese = self._language().startswith("zh")
        if column is Column.NAME:
            return latin_name(row.family_name, row.given_name, row.name_zh) or row.name_zh
        if column is Column.NAME_ZH:
            return row.name_zh
        if column is Column.ORGANISATION:
            return (row.organisation_zh if chinese else "") or row.organisation
        if column is Column.POSITION:
            return (row.position_zh if chinese else "") or row.position or row.position_zh
        if column is Column.EMAIL:
            return row.email
        if column is Column.PHONE:
            return row.phone
        if column is Column.OWNER:
            return row.owner
        if column is Column.STATUS:
            label = render(STATUS_LABELS[ContactStatus(row.status)])
            if row.archived:
                archived = QApplication.translate("ContactsModel", "archived")
                return f"{label} ({archived})"
            return label
        if column is Column.BIRTHDAY:
            return format_birthday(
                row.birthday,
                row.birthday_calendar,
                row.birthday_leap_month,
                self._language(),
                qt_translate,
            )
        return ", ".join(row.tags)
