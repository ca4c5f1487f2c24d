"""Help › Keyboard shortcuts: every menu command and its keys, read from the menus themselves.

Read from the menu bar when it opens (and again after a language switch), so it can never list
a key the window does not have; a filter finds a command as the command palette does.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenuBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm.ui.command_palette import Command, find_commands, menu_commands


class ShortcutsDialog(QDialog):
    """`palette_keys` is the shortcut of the command palette, which the note mentions."""

    def __init__(
        self, menu_bar: QMenuBar, *, palette_keys: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._menu_bar = menu_bar
        self._palette_keys = palette_keys
        self.commands: list[Command] = []

        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(lambda _text: self._fill())
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setItemsExpandable(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.note_label)
        layout.addWidget(self.buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 80, self.fontMetrics().height() * 36)
        self.retranslate()
        self.reread()

    def reread(self) -> None:
        """The commands as the menus hold them now, disabled ones included."""
        if not shiboken6.isValid(self._menu_bar):  # its window closed first
            return
        self.commands = menu_commands(self._menu_bar, enabled_only=False)
        self._fill()

    def _fill(self) -> None:
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        groups: dict[str, QTreeWidgetItem] = {}
        for command in find_commands(self.commands, self.filter_edit.text()):
            group = groups.get(command.location)
            if group is None:
                group = QTreeWidgetItem([command.location, ""])
                group.setFont(0, bold)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                groups[command.location] = group
                self.tree.addTopLevelItem(group)
            item = QTreeWidgetItem([command.text, command.shortcut])
            item.setToolTip(0, command.action.toolTip())
            group.addChild(item)
        self.tree.expandAll()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            # The menus answer the same event; read them once they have.
            QTimer.singleShot(0, self, self.reread)
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.filter_edit.setPlaceholderText(self.tr("Find a command…"))
        self.tree.setHeaderLabels([self.tr("Command"), self.tr("Shortcut")])
        self.note_label.setText(
            self.tr(
                "The Edit menu ends with the commands of the page on show. %1 opens the "
                "command palette: type a few letters of any command and press Enter."
            ).replace("%1", self._palette_keys)
        )
