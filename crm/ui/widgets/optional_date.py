"""A date edit that may hold no date: a visit not yet dated, a follow-up without a deadline.

Qt's date edit always holds a date; here its minimum stands for "no date" and shows the text
given by `set_empty_text`. The calendar then opens on a sensible month (`fallback`), not on the
minimum, and the arrow keys start from there too. Delete empties the field again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QWidget

UNSET = QDate(1900, 1, 1)


class OptionalDateEdit(QDateEdit):
    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        fallback: Callable[[], QDate] | None = None,
    ) -> None:
        super().__init__(parent)
        self._fallback = fallback or QDate.currentDate
        self.setCalendarPopup(True)
        # ISO reads the same in every language and cannot be mistaken (05/06 is May or June).
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(UNSET)
        self.setSpecialValueText("—")
        self.setDate(UNSET)
        calendar = self.calendarWidget()
        if calendar is not None:
            calendar.installEventFilter(self)

    # Values ------------------------------------------------------------------------------
    def iso(self) -> str:
        """The date as YYYY-MM-DD, or "" for no date."""
        return "" if self.is_empty() else self.date().toString(Qt.DateFormat.ISODate)

    def set_iso(self, value: str) -> None:
        date = QDate.fromString(value, Qt.DateFormat.ISODate) if value else QDate()
        self.setDate(date if date.isValid() and date > UNSET else UNSET)

    def is_empty(self) -> bool:
        return self.date() == UNSET

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt override
        # Showing "—" the edit has no sections to step through: QDateTimeEdit would keep Tab.
        if self.is_empty():
            return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)

    def clear(self) -> None:
        self.setDate(UNSET)

    def set_empty_text(self, text: str) -> None:
        self.setSpecialValueText(text)

    def set_fallback(self, fallback: Callable[[], QDate]) -> None:
        self._fallback = fallback

    def _start(self) -> QDate:
        date = self._fallback()
        return date if date.isValid() and date > UNSET else QDate.currentDate()

    # Behaviour ---------------------------------------------------------------------------
    def stepBy(self, steps: int) -> None:  # noqa: N802 - Qt override
        if self.is_empty():
            self.setDate(self._start())
            return
        super().stepBy(steps)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Delete and not event.modifiers():
            self.clear()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Show and self.is_empty():
            calendar = self.calendarWidget()
            start = self._start()
            if calendar is not None:
                calendar.setCurrentPage(start.year(), start.month())
        return super().eventFilter(watched, event)
