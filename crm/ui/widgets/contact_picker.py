"""Pick one contact out of possibly many thousands.

The first names alphabetically are in the list so a short directory needs no typing; any other
contact is found by the contact service while the user types, never by loading them all.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QFocusEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from crm.services.contacts import ContactService, display_label


class _ContactPicker(QComboBox):
    """Pick a contact: the first names alphabetically in the list, any other one by typing part
    of their name (or its pinyin), searched by the contact service as the user types."""

    def __init__(
        self, contacts: ContactService, *, exclude: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._contacts = contacts
        self._exclude = exclude
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)
        self.addItem("", None)
        for contact_id, label in self._pick("", limit=50):
            self.addItem(label, contact_id)
        self._matches = QStandardItemModel(self)
        self._completer = QCompleter(self._matches, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        # The overload that carries the row (and so the id), not only its text.
        self._completer.activated[QModelIndex].connect(self._picked)  # type: ignore[index]
        line = self.lineEdit()
        assert line is not None
        line.setCompleter(self._completer)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._search)
        line.textEdited.connect(lambda _text: self._timer.start())
        line.editingFinished.connect(self.commit)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        if event.reason() == Qt.FocusReason.MouseFocusReason and self.currentIndex() == 0:
            # Typing a name should replace "(nobody)", not be appended to it; after the click
            # has placed the cursor.
            QTimer.singleShot(0, self, self._select_all)

    def _select_all(self) -> None:
        line = self.lineEdit()
        if line is not None and self.currentIndex() == 0:
            line.selectAll()

    def set_none_label(self, text: str) -> None:
        self.setItemText(0, text)
        if self.currentIndex() == 0:
            self.setEditText(text)

    def selected_id(self) -> str | None:
        data = self.currentData()
        return str(data) if data else None

    def set_selected(self, contact_id: str | None) -> None:
        if not contact_id:
            self._select(0)
            return
        index = self.findData(contact_id)
        if index < 0:
            rows = self._contacts.rows([contact_id])
            self.addItem(display_label(rows[0]) if rows else contact_id, contact_id)
            index = self.count() - 1
        self._select(index)

    def commit(self) -> None:
        """Turn what was typed into a choice: nothing, an item, the one contact found, or the
        previous choice back when the text names nobody in particular."""
        self._timer.stop()
        text = self.currentText().strip()
        if not text:
            self._select(0)
            return
        if text == self.itemText(self.currentIndex()):
            return
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            self._select(index)
            return
        found = self._pick(text, limit=2)
        if len(found) == 1:
            self.set_selected(found[0][0])
        else:
            self.setEditText(self.itemText(self.currentIndex()))

    def _select(self, index: int) -> None:
        self.setCurrentIndex(index)
        self.setEditText(self.itemText(index))

    def _pick(self, query: str, *, limit: int) -> list[tuple[str, str]]:
        found = self._contacts.pick_list(query, limit=limit + 1)
        return [(i, label) for i, label in found if i != self._exclude][:limit]

    def _search(self) -> None:
        text = self.currentText().strip()
        self._matches.clear()
        if not text or text == self.itemText(self.currentIndex()):
            return
        for contact_id, label in self._pick(text, limit=20):
            item = QStandardItem(label)
            item.setData(contact_id, Qt.ItemDataRole.UserRole)
            self._matches.appendRow(item)
        if self._matches.rowCount() and self.hasFocus():
            self._completer.setCompletionPrefix(text)
            self._completer.complete()

    def _picked(self, index: QModelIndex) -> None:
        contact_id = index.data(Qt.ItemDataRole.UserRole)
        if contact_id:
            self.set_selected(str(contact_id))
