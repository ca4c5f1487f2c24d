"""The command palette: every menu command of the window, found by typing a few letters.

It is read from the menu bar each time it opens, so it always holds what the menus hold then
(the Edit menu ends with the actions of the page on show) in the language of the moment. It is a
panel inside the main window rather than a window of its own: a popup window grabs the keyboard,
which keeps a Chinese input method from composing in its search field.

Matching is the search box's (`crm.domain.search`): every word typed starts a word of the
command or of its menu, in any order; Chinese characters match as a phrase, and the pinyin of a
Chinese command (whole, or its initials) matches too: 导入联系人, 联系人, daoru, drlxr.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGraphicsDropShadowEffect,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMenuBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm.domain.names import HAN_CLASS, has_han, pinyin_variants
from crm.domain.search import fold, matches

# "文件(&F)" (a translation's mnemonic in brackets), then "&File" and "Save && close".
_BRACKETED_MNEMONIC = re.compile(r"\s*\(&[^&\s]\)")
_MNEMONIC = re.compile(r"&(.)")
_HAN_RUN = re.compile(f"(?:{HAN_CLASS})+")
MAX_ROWS = 12
PATH_SEPARATOR = " › "


def plain(text: str) -> str:
    """A menu text as read: without its mnemonic marker."""
    return _MNEMONIC.sub(r"\1", _BRACKETED_MNEMONIC.sub("", text))


def shortcut_text(action: QAction) -> str:
    """The action's shortcuts as the platform writes them ("Ctrl+K", "⌘K")."""
    keys = [key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()]
    return ", ".join(key for key in keys if key)


@dataclass(frozen=True)
class Command:
    """A menu action as the palette and the shortcuts list show it."""

    action: QAction
    text: str
    path: tuple[str, ...]  # the menus it is in, outermost first
    shortcut: str

    @property
    def location(self) -> str:
        return PATH_SEPARATOR.join(self.path)


def menu_commands(bar: QMenuBar, *, enabled_only: bool = True) -> list[Command]:
    """Every command in the menus of `bar`, in menu order (separators and submenus are not
    commands themselves). A menu that fills itself when about to show is filled first."""
    found: list[Command] = []
    for action in bar.actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and action.isVisible():
            _walk(menu, (plain(menu.title()),), found, enabled_only=enabled_only)
    return found


def _walk(menu: QMenu, path: tuple[str, ...], found: list[Command], *, enabled_only: bool) -> None:
    menu.aboutToShow.emit()
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible() or not action.text():
            continue
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            _walk(submenu, (*path, plain(submenu.title())), found, enabled_only=enabled_only)
            continue
        if enabled_only and not action.isEnabled():
            continue
        found.append(Command(action, plain(action.text()), path, shortcut_text(action)))


def _pinyin_words(text: str) -> list[str]:
    """Each run of Chinese characters read in pinyin, whole and as initials, from each syllable
    on: 联系人 gives lianxiren, xiren, ren and lxr, xr, r, so that "lianxi" or "xr" find it."""
    words: list[str] = []
    for run in _HAN_RUN.findall(text):
        for syllables in pinyin_variants(run):
            syllables = [s for s in syllables if s]
            for start in range(len(syllables)):
                words.append("".join(syllables[start:]))
                words.append("".join(s[0] for s in syllables[start:]))
    return words


def _document(text: str) -> str:
    words = [fold(text)]
    if has_han(text):
        words += _pinyin_words(text)
    return " ".join(words)


def _matches(document: str, query: str) -> bool:
    # Word by word: the search box reads 联系人 导入 as one phrase, 联系人导入.
    return all(matches(document, word) for word in query.split())


def find_commands(commands: Iterable[Command], query: str) -> list[Command]:
    """The commands that `query` matches: those whose own text does first, then those found by
    their menu's name, each group in menu order."""
    if not query.strip():
        return list(commands)
    by_text: list[Command] = []
    by_menu: list[Command] = []
    for command in commands:
        own = _document(command.text)
        if _matches(own, query):
            by_text.append(command)
        elif _matches(f"{own} {_document(command.location)}", query):
            by_menu.append(command)
    return by_text + by_menu


class CommandPalette(QFrame):
    """A search field over the window's commands: type, Up/Down, Enter runs, Esc closes."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.commands: list[Command] = []
        self.shown: list[Command] = []
        self._return_to: QWidget | None = None

        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFrameShadow(QFrame.Shadow.Raised)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        shadow = QGraphicsDropShadowEffect(self)
        shadow.setBlurRadius(24)
        shadow.setOffset(0, 4)
        shadow.setColor(QColor(0, 0, 0, 90))
        self.setGraphicsEffect(shadow)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.search.textChanged.connect(self._filter)
        self.list = QTreeWidget()
        self.list.setColumnCount(3)
        self.list.setHeaderHidden(True)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setStyleSheet("QTreeView::item { padding: 4px 8px; }")
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The keys stay in the search field; a click runs a command as a menu item would.
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.itemClicked.connect(lambda item, _column: self._run_item(item))
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.nothing = QLabel()
        self.nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.nothing.setWordWrap(True)
        self.nothing.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addWidget(self.nothing)

        window.installEventFilter(self)  # to follow the window's size
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self.retranslate()
        self.hide()

    # Opening and closing -----------------------------------------------------------------
    def popup(self) -> None:
        """Open over the window, with the menus as they are now and an empty search."""
        focus = QApplication.focusWidget()
        if not self.isVisible():
            self._return_to = focus if focus is not None and focus is not self.search else None
        self.commands = menu_commands(self._window.menuBar())
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._filter("")
        self.show()
        self.raise_()
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def dismiss(self) -> None:
        """Close, giving the keyboard back to where it was."""
        if not self.isVisible():
            return
        self.hide()
        back = self._return_to
        self._return_to = None
        if back is not None and shiboken6.isValid(back) and back.isVisible():
            back.setFocus(Qt.FocusReason.PopupFocusReason)

    def run_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self._run_item(item)

    def _run_item(self, item: QTreeWidgetItem) -> None:
        index = self.list.indexOfTopLevelItem(item)
        if not 0 <= index < len(self.shown):
            return
        action = self.shown[index].action
        self.dismiss()
        if action.isEnabled():  # it may have changed since the palette opened
            action.trigger()

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        # Clicking elsewhere in the window closes it, as a menu would be.
        if self.isVisible() and new is not None and new is not self and not self.isAncestorOf(new):
            self._return_to = None
            self.dismiss()

    # Filtering ---------------------------------------------------------------------------
    def _filter(self, query: str) -> None:
        self.shown = find_commands(self.commands, query)
        self.list.clear()
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        for command in self.shown:
            item = QTreeWidgetItem([command.text, command.location, command.shortcut])
            item.setForeground(1, muted)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, command.action.toolTip())
            self.list.addTopLevelItem(item)
        first = self.list.topLevelItem(0)
        if first is not None:
            self.list.setCurrentItem(first)
        self.list.setVisible(bool(self.shown))
        self.nothing.setVisible(not self.shown)
        self.nothing.setText(
            self.tr("No command matches “%1”.").replace("%1", query.strip()) if query else ""
        )
        self._place()

    def _move(self, step: int) -> None:
        count = self.list.topLevelItemCount()
        if not count:
            return
        current = self.list.currentItem()
        row = self.list.indexOfTopLevelItem(current) if current is not None else -1
        row = (row + step) % count if abs(step) == 1 else max(0, min(count - 1, row + step))
        item = self.list.topLevelItem(row)
        if item is not None:
            self.list.setCurrentItem(item)

    def _place(self) -> None:
        """Centred near the top of the window, as tall as its rows (up to MAX_ROWS)."""
        rows = min(MAX_ROWS, max(1, len(self.shown)))
        row_height = self.list.sizeHintForRow(0) if self.shown else 0
        row_height = max(row_height, self.fontMetrics().height())
        self.list.setFixedHeight(rows * row_height + 2 * self.list.frameWidth())
        window = self._window
        width = max(360, min(680, window.width() - 80))
        top = window.menuBar().geometry().bottom() + 12 if window.menuBar().isVisible() else 12
        self.setGeometry((window.width() - width) // 2, top, width, self.sizeHint().height())

    # Keys, the window, the language --------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = Qt.Key(event.key())
            if key == Qt.Key.Key_Escape:
                self.dismiss()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.run_current()
                return True
            steps = {
                Qt.Key.Key_Down: 1,
                Qt.Key.Key_Up: -1,
                Qt.Key.Key_PageDown: MAX_ROWS - 1,
                Qt.Key.Key_PageUp: -(MAX_ROWS - 1),
            }
            if key in steps:
                self._move(steps[key])
                return True
        elif watched is self._window and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.isVisible():
                # The menus answer the same event; read them once they have.
                QTimer.singleShot(0, self, self._reread)
        super().changeEvent(event)

    def _reread(self) -> None:
        if self.isVisible():
            self.commands = menu_commands(self._window.menuBar())
            self._filter(self.search.text())

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Type a command, e.g. “import” or “new visit”…"))
        self.search.setAccessibleName(self.tr("Command palette"))
        self.list.setAccessibleName(self.tr("Commands"))
