"""Pick several contacts out of many thousands: champions, signatories, the people of an
interaction.

The search field is the contact picker of the contact editor (the service searches as the user
types, names in Latin letters, 汉字 or pinyin); choosing someone adds them to the list under it.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm.services.contacts import ContactService, display_label
from crm.ui.widgets.contact_picker import _ContactPicker

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ContactListPicker(QWidget):
    """An ordered list of contact ids; `changed` fires whenever `ids()` may have changed."""

    changed = Signal()

    def __init__(self, contacts: ContactService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._contacts = contacts
        self.picker = _ContactPicker(contacts, exclude=None)
        self.picker.currentIndexChanged.connect(self._picked)
        self.model = QStandardItemModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self.list.setMaximumHeight(self.fontMetrics().lineSpacing() * 7)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove_selected)
        self._delete = QShortcut(QKeySequence.StandardKey.Delete, self.list)
        self._delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        self._delete.activated.connect(self.remove_selected)
        self.list.selectionModel().selectionChanged.connect(self._update_buttons)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.picker, 1)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.list)
        self.setFocusProxy(self.picker)
        self._update_buttons()
        self.retranslate()

    # Values ------------------------------------------------------------------------------
    def ids(self) -> list[str]:
        return [str(self.model.item(row).data(ID_ROLE)) for row in range(self.model.rowCount())]

    def set_ids(self, ids: Iterable[str]) -> None:
        wanted = list(dict.fromkeys(ids))
        labels = {row.id: display_label(row) for row in self._contacts.rows(wanted)}
        self.model.clear()
        for contact_id in wanted:
            self._append(contact_id, labels.get(contact_id, contact_id))
        self._update_buttons()
        self.changed.emit()

    def add(self, contact_id: str) -> None:
        if contact_id in self.ids():
            return
        rows = self._contacts.rows([contact_id])
        self._append(contact_id, display_label(rows[0]) if rows else contact_id)
        self.changed.emit()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.list.selectionModel().selectedIndexes()}, reverse=True)
        for row in rows:
            self.model.removeRow(row)
        if rows:
            self.changed.emit()
        self._update_buttons()

    def _append(self, contact_id: str, label: str) -> None:
        item = QStandardItem(label)
        item.setData(contact_id, ID_ROLE)
        item.setToolTip(label)
        self.model.appendRow(item)
        self.list.selectionModel().setCurrentIndex(
            item.index(), QItemSelectionModel.SelectionFlag.NoUpdate
        )

    def _picked(self, _index: int) -> None:
        contact_id = self.picker.selected_id()
        if contact_id:
            self.add(contact_id)
            # Back to the empty search, once the combo box has finished its own change.
            QTimer.singleShot(0, lambda: self.picker.set_selected(None))

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.list.selectionModel().hasSelection())

    # Language ----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.picker.set_none_label("")
        line = self.picker.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("Type a name, 汉字 or pinyin to add someone"))
        self.remove_button.setText(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Remove the selected people from the list (Del)"))
