"""The partnerships table: every partnership in memory (an office has at most thousands), sorted
by the model itself and filtered by a proxy.

Sorting is a person's, not a computer's: partial dates in chronological order (1985 before
1985-10 before 1986), names by the UI language's collation (pinyin order for 汉字 in Chinese).
The model sorts its own rows by a key computed once per row: a proxy that sorts calls back
into Python for every comparison, which took seconds for 5,000 partnerships.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCollator,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QApplication

from crm.domain.dates import PartialDate
from crm.domain.formatting import babel_locale, format_partial_date
from crm.domain.partnerships import (
    PARTNERSHIP_STATUS_LABELS,
    PARTNERSHIP_TYPE_LABELS,
    PartnershipStatus,
    PartnershipType,
)
from crm.domain.places import country_name
from crm.domain.text import DomainError
from crm.services.partnerships import PartnershipRow, matches
from crm.ui.language import render
from crm.ui.widgets.timeline import format_day

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    PARTNER = 0
    PARTNER_ZH = 1
    COUNTRY = 2
    TYPE = 3
    STATUS = 4
    FORMALISED_ON = 5
    LAST_CONTACT = 6
    FOLLOW_UPS = 7
    CHAMPIONS = 8
    OWNER = 9
    AREAS = 10


# Compared with the collator; every other column sorts by its key as it is.
TEXT_COLUMNS = frozenset(
    {Column.PARTNER, Column.PARTNER_ZH, Column.COUNTRY, Column.TYPE, Column.STATUS}
    | {Column.AREAS, Column.OWNER}
)


def _headers() -> dict[Column, str]:
    return {
        Column.PARTNER: QApplication.translate("PartnershipsModel", "Partner"),
        Column.PARTNER_ZH: QApplication.translate("PartnershipsModel", "Chinese name"),
        Column.COUNTRY: QApplication.translate("PartnershipsModel", "Country"),
        Column.TYPE: QApplication.translate("PartnershipsModel", "Type"),
        Column.FORMALISED_ON: QApplication.translate("PartnershipsModel", "Formalised on"),
        Column.STATUS: QApplication.translate("PartnershipsModel", "Status"),
        Column.AREAS: QApplication.translate("PartnershipsModel", "Cooperation areas"),
        Column.OWNER: QApplication.translate("PartnershipsModel", "Owner"),
        Column.CHAMPIONS: QApplication.translate("PartnershipsModel", "Champions"),
        Column.LAST_CONTACT: QApplication.translate("PartnershipsModel", "Last contact"),
        Column.FOLLOW_UPS: QApplication.translate("PartnershipsModel", "Follow-ups"),
    }


def partial_sort_key(value: str) -> str:
    """ "19850000" < "19851000" < "19851029" < "19860000"; unknown dates first."""
    try:
        year, month, day = PartialDate.parse(value).sort_key()
    except DomainError:
        return ""
    return f"{year:04d}{month:02d}{day:02d}"


def type_label(value: str) -> str:
    try:
        return render(PARTNERSHIP_TYPE_LABELS[PartnershipType(value)])
    except ValueError:
        return value


def status_label(value: str) -> str:
    try:
        return render(PARTNERSHIP_STATUS_LABELS[PartnershipStatus(value)])
    except ValueError:
        return value


class PartnershipsModel(QAbstractTableModel):
    def __init__(self, language: Callable[[], str], parent: Any = None) -> None:
        super().__init__(parent)
        self._language = language
        self._rows: list[PartnershipRow] = []
        self._texts: dict[str, list[str]] = {}
        self._headers = _headers()
        # Made when names are first compared: it loads ICU (2 MB resident), which a page
        # whose rows are still to be read does not need.
        self._collator: QCollator | None = None
        self._collation = QLocale()
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    # Feeding -------------------------------------------------------------------------------
    def set_rows(self, rows: Iterable[PartnershipRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._texts.clear()
        if self._sort_column >= 0:
            self._rows = self._sorted(self._rows)
        self.endResetModel()

    def update_rows(self, rows: Iterable[PartnershipRow], *, gone: Iterable[str] = ()) -> None:
        """Replace these rows (or add them), and drop the `gone` ones: the rest stays put."""
        positions = {row.id: i for i, row in enumerate(self._rows)}
        for row in rows:
            self._texts.pop(row.id, None)
            if row.id in positions:
                at = positions[row.id]
                self._rows[at] = row
                self.dataChanged.emit(self.index(at, 0), self.index(at, len(Column) - 1))
            else:
                self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
                self._rows.append(row)
                self.endInsertRows()
        for partnership_id in gone:
            at = next((i for i, r in enumerate(self._rows) if r.id == partnership_id), -1)
            if at >= 0:
                self.beginRemoveRows(QModelIndex(), at, at)
                del self._rows[at]
                self.endRemoveRows()
        self._resort()  # a new or renamed partnership goes where the order puts it

    def row(self, at: int) -> PartnershipRow | None:
        return self._rows[at] if 0 <= at < len(self._rows) else None

    def row_of(self, partnership_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == partnership_id), -1)

    def ids(self) -> list[str]:
        return [r.id for r in self._rows]

    def set_collation(self, language: str) -> None:
        """Compare names as `language` does, and sort again by them."""
        self._collation = QLocale(language)
        self._collator = None
        self._resort()

    def _compare_names(self) -> QCollator:
        if self._collator is None:
            self._collator = QCollator(self._collation)
            self._collator.setNumericMode(True)
            self._collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        return self._collator

    # Sorting -------------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        self._resort()

    def _sorted(self, rows: list[PartnershipRow]) -> list[PartnershipRow]:
        column = Column(self._sort_column)
        if column in TEXT_COLUMNS:
            collator = self._compare_names()
            keys: list[Any] = [collator.sortKey(self._display(r, column)) for r in rows]
        else:
            keys = [self._sort_key(r, column) for r in rows]
        # Stable, as Qt's own sort: equal rows keep their order, in either direction.
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        positions = sorted(range(len(rows)), key=keys.__getitem__, reverse=descending)
        return [rows[at] for at in positions]

    def _resort(self) -> None:
        """Sort the rows again, moving the persistent indexes (selection, current) with them."""
        if self._sort_column < 0 or len(self._rows) < 2:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[i.row()].id if i.isValid() else None for i in persistent]
        self._rows = self._sorted(self._rows)
        at = {row.id: position for position, row in enumerate(self._rows)}
        moved = [
            self.index(at[i], index.column()) if i is not None else QModelIndex()
            for i, index in zip(ids, persistent, strict=True)
        ]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def retranslate(self) -> None:
        self._headers = _headers()
        self._texts.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(Column) - 1)
            )

    # Qt model interface --------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

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
        row = self.row(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, column)
        if role == ID_ROLE:
            return row.id
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            Column.CHAMPIONS,
            Column.FOLLOW_UPS,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: PartnershipRow, column: Column) -> str:
        texts = self._texts.get(row.id)
        if texts is None:
            texts = self._texts[row.id] = [self._display(row, c) for c in Column]
        return texts[column]

    def _display(self, row: PartnershipRow, column: Column) -> str:
        language = self._language()
        if column is Column.PARTNER:
            return row.partner
        if column is Column.PARTNER_ZH:
            return row.partner_zh
        if column is Column.COUNTRY:
            return country_name(row.country, babel_locale(language))
        if column is Column.TYPE:
            return type_label(row.type)
        if column is Column.FORMALISED_ON:
            try:
                return format_partial_date(row.formalised_on, language) if row.formalised_on else ""
            except DomainError:
                return row.formalised_on
        if column is Column.STATUS:
            return status_label(row.status)
        if column is Column.AREAS:
            return ", ".join(row.areas)
        if column is Column.OWNER:
            return row.owner
        if column is Column.CHAMPIONS:
            return str(row.champions) if row.champions else ""
        if column is Column.LAST_CONTACT:
            return format_day(row.last_contact, language) if row.last_contact else ""
        return str(row.open_follow_ups) if row.open_follow_ups else ""

    def _sort_key(self, row: PartnershipRow, column: Column) -> Any:
        """The value a column sorts by; text columns are compared with the collator."""
        if column is Column.FORMALISED_ON:
            return partial_sort_key(row.formalised_on)
        if column is Column.LAST_CONTACT:
            return row.last_contact
        if column is Column.CHAMPIONS:
            return row.champions
        if column is Column.FOLLOW_UPS:
            return row.open_follow_ups
        return self._text(row, column)


class PartnershipsProxy(QSortFilterProxyModel):
    """Filters with the search box's query; sorting (a header click) is the model's own."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._query = ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if isinstance(model, PartnershipsModel):
            model.sort(column, order)

    def set_language(self, language: str) -> None:
        model = self.sourceModel()
        if isinstance(model, PartnershipsModel):
            model.set_collation(language)

    def set_query(self, query: str) -> None:
        self.beginFilterChange()
        self._query = query
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        if not self._query.strip() or not isinstance(model, PartnershipsModel):
            return True
        row = model.row(source_row)
        return row is not None and matches(row, self._query)
