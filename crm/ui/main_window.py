"""The main window: menus, the contacts page, the status bar and the language switch."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from crm import __version__
from crm.services.bundle import Services
from crm.ui.language import LanguageManager
from crm.ui.operations import Operations
from crm.ui.pages.contacts import ContactsPage
from crm.ui.pages.partnerships import PartnershipsPage
from crm.ui.settings import Settings
from crm.ui.widgets.navigation import NavigationBar

LANGUAGE_NAMES = {
    "en": "English",
    "zh_CN": "简体中文",
}  # each in its own language, never translated


class MainWindow(QMainWindow):
    def __init__(
        self,
        services: Services,
        operations: Operations,
        language: LanguageManager,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._operations = operations
        self._language = language
        self._settings = settings
        self.undo_stack = QUndoStack(self)

        self.contacts_page = ContactsPage(services, operations, language, settings, self.undo_stack)
        self.contacts_page.status_message.connect(
            lambda text: self.statusBar().showMessage(text, 8000)
        )
        self.navigation = NavigationBar()
        self.pages = QStackedWidget()
        self.navigation.page_chosen.connect(self.pages.setCurrentIndex)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.navigation)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.page_actions: list[QAction] = []
        self._page_items: list[QListWidgetItem] = []
        self.add_page(self.contacts_page)
        self.partnerships_page = PartnershipsPage(services, operations, language, settings)
        self.partnerships_page.status_message.connect(
            lambda text: self.statusBar().showMessage(text, 8000)
        )
        self.partnerships_page.open_delegation.connect(self.open_delegation)
        self.partnerships_page.new_delegation.connect(self.new_delegation)
        # Ctrl+L is the window's (it logs for whatever is selected on either page).
        self.partnerships_page.log_action.setShortcut(QKeySequence())
        self.add_page(self.partnerships_page)
        self.new_partnership_action = QAction(self)
        self.new_partnership_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.new_partnership_action.triggered.connect(self._new_partnership)
        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.focus_search)
        self.new_delegation_action = QAction(self)
        self.new_delegation_action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.new_delegation_action.triggered.connect(lambda: self.new_delegation(""))
        self.gift_register_action = QAction(self)
        self.gift_register_action.setShortcut(QKeySequence("Ctrl+Shift+G"))
        self.gift_register_action.triggered.connect(self.show_gift_register)
        self.log_action = QAction(self)
        self.log_action.setShortcut(QKeySequence("Ctrl+L"))
        self.log_action.triggered.connect(self.log_interaction)

        self.undo_action = self.undo_stack.createUndoAction(self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self)
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.show_about)
        self.show_archived_action = QAction(self)
        self.show_archived_action.setCheckable(True)
        self.show_archived_action.setChecked(self.contacts_page.show_archived.isChecked())
        self.show_archived_action.toggled.connect(self.contacts_page.show_archived.setChecked)
        self.contacts_page.show_archived.toggled.connect(self.show_archived_action.setChecked)

        self.language_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for code, name in LANGUAGE_NAMES.items():
            action = QAction(name, self)
            action.setCheckable(True)
            action.setChecked(code == language.language)
            action.triggered.connect(lambda _checked=False, c=code: self._language.switch(c))
            group.addAction(action)
            self.language_actions[code] = action
        language.changed.connect(self._language_switched)

        page = self.contacts_page
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(page.new_action)
        self.file_menu.addAction(self.new_partnership_action)
        self.file_menu.addAction(self.new_delegation_action)
        self.file_menu.addAction(page.import_action)
        self.file_menu.addAction(page.demo_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.find_action)
        self.edit_menu.addAction(self.log_action)
        self._page_section = self.edit_menu.addSeparator()
        self.edit_menu.aboutToShow.connect(self._fill_edit_menu)
        self._fill_edit_menu()
        self.view_menu = bar.addMenu("")
        for action in self.page_actions:
            self.view_menu.addAction(action)
        self.view_menu.addAction(self.gift_register_action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.show_archived_action)
        self.language_menu = bar.addMenu("")
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)

        self.resize(1280, 800)
        geometry = settings.window_state("main_geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.retranslate()

    def add_page(self, page: QWidget) -> None:
        """A page in the navigation, reachable with Ctrl+1, Ctrl+2…"""
        self.pages.addWidget(page)
        self._page_items.append(self.navigation.add_page())
        action = QAction(self)
        action.setShortcut(QKeySequence(f"Ctrl+{len(self.page_actions) + 1}"))
        index = len(self.page_actions)
        action.triggered.connect(lambda _checked=False, i=index: self.show_page(i))
        self.page_actions.append(action)
        self.addAction(action)
        # One page needs no navigation; the bar appears with the second.
        self.navigation.setVisible(self.pages.count() > 1)
        if self.pages.count() == 1:
            self.navigation.setCurrentRow(0)

    def show_page(self, index: int) -> None:
        self.navigation.setCurrentRow(index)

    def _fill_edit_menu(self) -> None:
        """The Edit menu ends with the actions of the page on show."""
        actions = self.edit_menu.actions()
        for action in actions[actions.index(self._page_section) + 1 :]:
            self.edit_menu.removeAction(action)
        if self.pages.currentWidget() is self.partnerships_page:
            page_actions = [self.partnerships_page.edit_action]
        else:
            page = self.contacts_page
            page_actions = [
                page.edit_action,
                page.history_action,
                page.gifts_action,
                page.archive_action,
                page.delete_action,
            ]
        self.edit_menu.addActions(page_actions)

    def focus_search(self) -> None:
        page = self.pages.currentWidget()
        search = getattr(page, "search", None)
        if search is not None:
            search.setFocus()
            search.selectAll()

    def _new_partnership(self) -> None:
        self.show_page(self.pages.indexOf(self.partnerships_page))
        self.partnerships_page.new_partnership()

    def log_interaction(self) -> None:
        """Log a meeting, call, e-mail…, about what is selected on the page on show."""
        if self.pages.currentWidget() is self.partnerships_page:
            self.partnerships_page.log_interaction()
            return
        from crm.ui.dialogs.interaction_dialog import LogInteractionDialog

        dialog = LogInteractionDialog(
            self._services,
            self._operations,
            contact_ids=self.contacts_page.selected_ids(),
            parent=self,
        )
        dialog.logged.connect(self.contacts_page.refresh)
        dialog.logged.connect(self.partnerships_page.refresh)
        dialog.open()

    def open_delegation(self, delegation_id: str) -> None:
        self._delegation_editor(delegation_id=delegation_id)

    def new_delegation(self, partnership_id: str) -> None:
        """A new visit, of the partnership selected on the Partnerships page if there is one."""
        if not partnership_id and self.pages.currentWidget() is self.partnerships_page:
            partnership_id = self.partnerships_page.selected_id() or ""
        self._delegation_editor(partnership_id=partnership_id or None)

    def _delegation_editor(self, **which: str | None) -> None:
        from crm.ui.dialogs.delegation_editor import DelegationEditor

        editor = DelegationEditor(self._services, self._operations, parent=self, **which)
        editor.saved.connect(self.partnerships_page.refresh)
        editor.saved.connect(self.contacts_page.refresh)
        editor.open()

    def show_gift_register(self) -> None:
        from crm.ui.dialogs.gift_register import GiftRegister

        contact_id = None
        if self.pages.currentWidget() is self.contacts_page:
            selected = self.contacts_page.selected_ids()
            contact_id = selected[0] if len(selected) == 1 else None
        register = GiftRegister(
            self._services, self._operations, contact_id=contact_id, parent=self
        )
        register.changed.connect(self.partnerships_page.refresh)
        register.open()

    def _language_switched(self, code: str) -> None:
        for key, action in self.language_actions.items():
            action.setChecked(key == code)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Liaison"),
            self.tr(
                "<h3>Liaison %1</h3><p>The memory of a city's international relations: "
                "partners, people, visits and occasions, in English and Chinese.</p>"
                "<p>Free software under the GNU General Public License, version 3 or later.</p>"
            ).replace("%1", __version__),
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Liaison — international relations"))
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.quit_action.setText(self.tr("&Quit"))
        self.about_action.setText(self.tr("&About Liaison"))
        self.show_archived_action.setText(self.tr("Show &archived contacts"))
        self.undo_action.setText(self.tr("&Undo"))
        self.redo_action.setText(self.tr("&Redo"))
        self.new_partnership_action.setText(self.tr("New &partnership…"))
        self.find_action.setText(self.tr("&Find"))
        self.log_action.setText(self.tr("&Log interaction…"))
        self.new_delegation_action.setText(self.tr("New &delegation visit…"))
        self.gift_register_action.setText(self.tr("&Gift register…"))
        titles = [self.tr("Contacts"), self.tr("Partnerships")]
        for index, (item, action) in enumerate(
            zip(self._page_items, self.page_actions, strict=True)
        ):
            title = titles[index] if index < len(titles) else ""
            item.setText(title)
            action.setText(title)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._settings.set_window_state("main_geometry", self.saveGeometry())
        self._settings.sync()
        self._operations.wait()
        super().closeEvent(event)
