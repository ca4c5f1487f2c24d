"""A timeline of interactions, newest first: a list view over a small model, painted by a
delegate (date and kind, the people, the note), read one page at a time as it scrolls."""

from __future__ import annotations

from collections.abc import Callable

from babel.dates import format_date
from PySide6.QtCore import (
    QAbstractListModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from crm.domain.formatting import babel_locale
from crm.domain.partnerships import INTERACTION_KIND_LABELS, InteractionKind
from crm.services.interactions import TimelineEntry
from crm.ui.language import render

ID_ROLE = Qt.ItemDataRole.UserRole + 1
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
Fetch = Callable[[int, int], list[TimelineEntry]]  # (limit, offset) -> a page


def current_language() -> str:
    """The UI language: the language switch makes it Qt's default locale."""
    return QLocale().name()


def kind_label(kind: str) -> str:
    try:
        return render(INTERACTION_KIND_LABELS[InteractionKind(kind)])
    except ValueError:
        return kind


def format_day(iso: str, language: str) -> str:
    import datetime as dt

    try:
        return format_date(dt.date.fromisoformat(iso), "medium", locale=babel_locale(language))
    except ValueError:
        return iso


class TimelineModel(QAbstractListModel):
    """Interactions newest first, fetched a page at a time from `fetch`."""

    PAGE = 50

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fetch: Fetch | None = None
        self._entries: list[TimelineEntry] = []
        self._more = False
        self.show_partner = True

    def set_source(self, fetch: Fetch | None, first: list[TimelineEntry] | None = None) -> None:
        """Read from `fetch`; `first` is its first page when the caller already has it."""
        self.beginResetModel()
        self._fetch = fetch
        self._entries = list(first) if first is not None else []
        if fetch is not None and first is None:
            self._entries = fetch(self.PAGE, 0)
        self._more = fetch is not None and len(self._entries) >= self.PAGE
        self.endResetModel()

    def reload(self) -> None:
        self.set_source(self._fetch)

    def entry(self, row: int) -> TimelineEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._entries)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid() or not self._more or self._fetch is None:
            return
        page = self._fetch(self.PAGE, len(self._entries))
        self._more = len(page) >= self.PAGE
        if page:
            first = len(self._entries)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._entries.extend(page)
            self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is None:
            return None
        if role == ID_ROLE:
            return entry.id
        if role == ENTRY_ROLE:
            return entry
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            lines = [self.heading(entry), self.people(entry)]
            return "\n".join(line for line in (*lines, entry.note) if line)
        return None

    def heading(self, entry: TimelineEntry) -> str:
        return f"{format_day(entry.occurred_on, current_language())} · {kind_label(entry.kind)}"

    def people(self, entry: TimelineEntry) -> str:
        names = ", ".join(p.label for p in entry.people)
        partner = entry.partner_zh if current_language().startswith("zh") else ""
        partner = partner or entry.partner
        if self.show_partner and partner:
            return f"{names} — {partner}" if names else partner
        return names

    def retranslate(self) -> None:
        if self._entries:
            self.dataChanged.emit(self.index(0), self.index(len(self._entries) - 1))


class _Delegate(QStyledItemDelegate):
    """Heading in bold, then the people, then the note's first line in a quieter colour (the
    tooltip holds all of it)."""

    PADDING = 6

    @staticmethod
    def _line(font: QFont) -> int:
        # Chinese comes from a fallback font, taller than the Latin one the metrics describe.
        metrics = QFontMetrics(font)
        return max(metrics.lineSpacing(), metrics.boundingRect("国Ág").height())

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        bold = QFont(option.font)  # type: ignore[attr-defined]
        bold.setBold(True)
        return bold, QFont(option.font)  # type: ignore[attr-defined]

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        entry: TimelineEntry | None = index.data(ENTRY_ROLE)
        lines = 3 if entry is not None and entry.note else 2
        line = self._line(option.font)  # type: ignore[attr-defined]
        return QSize(200, line * lines + 2 * self.PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        entry: TimelineEntry | None = index.data(ENTRY_ROLE)
        model = index.model()
        if entry is None or not isinstance(model, TimelineModel):
            super().paint(painter, option, index)
            return
        widget = option.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget
            )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        palette = option.palette  # type: ignore[attr-defined]
        text = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = text if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        bold, plain = self._fonts(option)
        line = self._line(plain)
        area: QRect = option.rect.adjusted(  # type: ignore[attr-defined]
            self.PADDING * 2, self.PADDING, -self.PADDING * 2, -self.PADDING
        )
        painter.save()
        painter.setPen(text)
        painter.setFont(bold)
        top = area.top()
        heading = QFontMetrics(bold).elidedText(
            model.heading(entry), Qt.TextElideMode.ElideRight, area.width()
        )
        middle = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        painter.drawText(QRect(area.left(), top, area.width(), line), middle, heading)
        painter.setFont(plain)
        people = QFontMetrics(plain).elidedText(
            model.people(entry), Qt.TextElideMode.ElideRight, area.width()
        )
        painter.drawText(QRect(area.left(), top + line, area.width(), line), middle, people)
        if entry.note:
            painter.setPen(muted)
            note = QFontMetrics(plain).elidedText(
                " ".join(entry.note.split()), Qt.TextElideMode.ElideRight, area.width()
            )
            painter.drawText(QRect(area.left(), top + 2 * line, area.width(), line), middle, note)
        painter.restore()


class TimelineView(QListView):
    """The list of a timeline; `model_` is its `TimelineModel`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_ = TimelineModel(self)
        self.setModel(self.model_)
        self.setItemDelegate(_Delegate(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAlternatingRowColors(True)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)

    def set_source(self, fetch: Fetch | None, first: list[TimelineEntry] | None = None) -> None:
        self.model_.set_source(fetch, first)

    def retranslate(self) -> None:
        self.model_.retranslate()
