"""The main window: menus, the pages, the status bar and the language switch.

It is built in two steps so that it can be on screen before the database is open: the frame
(menus, the window's own actions, an "opening" pane) needs nothing but Qt, and `open_services`
then builds the pages over the services. The pages and the services are imported there, not
here: importing them (SQLAlchemy, the agenda's calendars) takes longer than showing a window.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QIcon, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from crm.paths import resources_dir
from crm.ui.language import LANGUAGE_NAMES, LanguageManager
from crm.ui.operations import CLOSE_WAIT_MS, Operations
from crm.ui.settings import Settings
from crm.ui.widgets.empty_state import EmptyState
from crm.ui.widgets.navigation import NavigationBar

if TYPE_CHECKING:
    from crm.services.bundle import Services
    from crm.services.changes import Changes
    from crm.ui.change_watcher import ChangeWatcher
    from crm.ui.command_palette import CommandPalette
    from crm.ui.pages.contacts import ContactsPage
    from crm.ui.pages.partnerships import PartnershipsPage
    from crm.ui.pages.today import TodayPage
    from crm.ui.reminder_scheduler import ReminderScheduler
    from crm.ui.tray import Tray

logger = logging.getLogger("crm.ui.main_window")

# Each language's key; never translated, like the names.
LANGUAGE_KEYS = {"en": "Ctrl+Shift+E", "zh_CN": "Ctrl+Shift+C"}


def platform_key(standard: QKeySequence.StandardKey, fallback: str) -> QKeySequence:
    """The platform's key for a standard command, or `fallback` where it has none (Windows
    has no key to quit or for preferences)."""
    keys = QKeySequence.keyBindings(standard)
    return keys[0] if keys else QKeySequence(fallback)


class MainWindow(QMainWindow):
    # Set by `open_services`; until then only the frame is there and the actions that need
    # data are disabled.
    _services: Services
    contacts_page: ContactsPage
    today_page: TodayPage
    partnerships_page: PartnershipsPage

    def __init__(
        self,
        services: Services | None,
        operations: Operations,
        language: LanguageManager,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        """The window; over `services` at once, or (None) as a frame whose pages
        `open_services` adds once the database is open."""
        super().__init__(parent)
        self._operations = operations
        self._language = language
        self._settings = settings
        self._today = today
        self.undo_stack = QUndoStack(self)
        self.tray: Tray | None = None
        self.scheduler: ReminderScheduler | None = None
        self.change_watcher: ChangeWatcher | None = None
        self._quitting = False
        self.opened = False
        self.command_palette: CommandPalette | None = None

        self.navigation = NavigationBar()
        self.pages = QStackedWidget()
        self.navigation.page_chosen.connect(self.pages.setCurrentIndex)
        self.navigation.page_chosen.connect(self._page_shown)
        self.opening = EmptyState()
        self._frame = QStackedWidget()  # the "opening" pane, then the pages
        self._frame.addWidget(self.opening)
        self.setCentralWidget(self._frame)
        self.page_actions: list[QAction] = []
        self._page_items: list[QListWidgetItem] = []
        self._build_actions(language)
        self._build_menus()

        # The icon file directly: `crm.ui.tray.app_icon` would import the agenda service.
        self.setWindowIcon(QIcon(str(resources_dir() / "icons" / "liaison.svg")))
        self.resize(1280, 800)
        geometry = settings.window_state("main_geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.retranslate()
        if services is not None:
            self.open_services(services)

    def _build_actions(self, language: LanguageManager) -> None:
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
        self.greetings_action = QAction(self)
        self.greetings_action.setShortcut(QKeySequence("Ctrl+G"))
        self.greetings_action.triggered.connect(lambda: self.show_greetings("", [], ""))
        self.templates_action = QAction(self)
        self.templates_action.setShortcut(QKeySequence("Ctrl+T"))
        self.templates_action.triggered.connect(self.show_templates)
        self.handover_export_action = QAction(self)
        self.handover_export_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.handover_export_action.triggered.connect(lambda: self.show_handover("export"))
        self.handover_import_action = QAction(self)
        self.handover_import_action.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.handover_import_action.triggered.connect(lambda: self.show_handover("import"))
        self.restore_action = QAction(self)
        self.restore_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.restore_action.triggered.connect(self.show_restore)
        self.duplicates_action = QAction(self)
        self.duplicates_action.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.duplicates_action.triggered.connect(self.show_duplicates)
        self.log_action = QAction(self)
        self.log_action.setShortcut(QKeySequence("Ctrl+L"))
        self.log_action.triggered.connect(self.log_interaction)

        self.undo_action = self.undo_stack.createUndoAction(self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self)
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(platform_key(QKeySequence.StandardKey.Quit, "Ctrl+Q"))
        self.quit_action.triggered.connect(self.quit)
        self.settings_action = QAction(self)
        self.settings_action.setShortcut(
            platform_key(QKeySequence.StandardKey.Preferences, "Ctrl+,")
        )
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.show_settings)
        self.about_action = QAction(self)
        self.about_action.setShortcut(QKeySequence("Ctrl+Shift+F1"))
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.guide_action = QAction(self)
        self.guide_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.guide_action.triggered.connect(self.show_guide)
        self.shortcuts_action = QAction(self)
        self.shortcuts_action.setShortcut(QKeySequence("Ctrl+/"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        # Ctrl+K: free here, one hand, and the "go to anything" key of many programs; VS Code's
        # Ctrl+Shift+P would sit beside Ctrl+P, which a program that prints expects.
        self.palette_action = QAction(self)
        self.palette_action.setShortcut(QKeySequence("Ctrl+K"))
        self.palette_action.triggered.connect(self.show_palette)
        self.show_archived_action = QAction(self)
        self.show_archived_action.setShortcut(QKeySequence("Ctrl+Shift+I"))  # "include archived"
        self.show_archived_action.setCheckable(True)
        self.show_archived_action.setChecked(self._settings.show_archived)
        # Everything but quitting, the language and About reads or changes the data.
        self.data_actions = [
            self.new_partnership_action,
            self.find_action,
            self.new_delegation_action,
            self.gift_register_action,
            self.greetings_action,
            self.templates_action,
            self.handover_export_action,
            self.handover_import_action,
            self.restore_action,
            self.duplicates_action,
            self.log_action,
            self.settings_action,
            self.show_archived_action,
        ]
        for action in self.data_actions:
            action.setEnabled(False)

        self.language_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for code, name in LANGUAGE_NAMES.items():
            action = QAction(name, self)
            action.setShortcut(QKeySequence(LANGUAGE_KEYS[code]))
            action.setCheckable(True)
            action.setChecked(code == language.language)
            action.triggered.connect(lambda _checked=False, c=code: self._language.switch(c))
            group.addAction(action)
            self.language_actions[code] = action
        language.changed.connect(self._language_switched)

    def _build_menus(self) -> None:
        """The menus of the frame; `open_services` adds the pages' actions to them."""
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.new_partnership_action)
        self.file_menu.addAction(self.new_delegation_action)
        self._file_import_section = self.file_menu.addSeparator()
        self.file_menu.addAction(self.greetings_action)
        self.file_menu.addAction(self.templates_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.handover_export_action)
        self.file_menu.addAction(self.handover_import_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addAction(self.restore_action)
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
        self.view_menu = bar.addMenu("")
        self.view_menu.addAction(self.gift_register_action)
        self.view_menu.addAction(self.duplicates_action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.show_archived_action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.palette_action)
        self.language_menu = bar.addMenu("")
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.guide_action)
        self.help_menu.addAction(self.shortcuts_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)

    def open_services(self, services: Services) -> None:
        """The pages over the open database, in place of the "opening" pane."""
        from crm.ui.pages.contacts import ContactsPage
        from crm.ui.pages.partnerships import PartnershipsPage
        from crm.ui.pages.today import TodayPage

        if self.opened:
            raise RuntimeError("the window is already open over a database")
        self._services = services
        operations, language, settings = self._operations, self._language, self._settings
        self.contacts_page = ContactsPage(services, operations, language, settings, self.undo_stack)
        self.contacts_page.status_message.connect(
            lambda text: self.statusBar().showMessage(text, 8000)
        )
        self.today_page = TodayPage(
            services, operations, language, self.undo_stack, today=self._today
        )
        self.today_page.status_message.connect(
            lambda text: self.statusBar().showMessage(text, 8000)
        )
        self.today_page.open_record.connect(self.open_record)
        self.today_page.log_interaction.connect(self._log_from_today)
        self.today_page.greet.connect(self.show_greetings)
        # The sample office or an import started from Today's empty state shows everywhere.
        self.today_page.changed.connect(self._refresh_pages)
        # Read when first shown: the window opens on Today, and thousands of partnerships
        # would be read and sorted for nothing.
        self.partnerships_page = PartnershipsPage(
            services, operations, language, settings, defer=True
        )
        self.partnerships_page.status_message.connect(
            lambda text: self.statusBar().showMessage(text, 8000)
        )
        self.partnerships_page.open_delegation.connect(self.open_delegation)
        self.partnerships_page.new_delegation.connect(self.new_delegation)
        # Ctrl+L is the window's (it logs for whatever is selected on either page).
        self.partnerships_page.log_action.setShortcut(QKeySequence())

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.navigation)
        row.addWidget(self.pages, 1)
        self._frame.addWidget(central)
        self._frame.setCurrentWidget(central)
        # The first page added is shown, and reads the agenda as it is.
        self.add_page(self.today_page)
        self.add_page(self.contacts_page)
        self.add_page(self.partnerships_page)

        page = self.contacts_page
        self.file_menu.insertAction(self.new_partnership_action, page.new_action)
        self.file_menu.insertActions(
            self._file_import_section, [page.import_action, page.demo_action]
        )
        self.view_menu.insertActions(self.gift_register_action, self.page_actions)
        self.show_archived_action.setChecked(page.show_archived.isChecked())
        self.show_archived_action.toggled.connect(page.show_archived.setChecked)
        page.show_archived.toggled.connect(self.show_archived_action.setChecked)
        for action in self.data_actions:
            action.setEnabled(True)
        # A server database comes back from its JSON export with `crm restore`, not from here.
        self.restore_action.setEnabled(services.db.path is not None)
        services.acting.use(settings.my_name, settings.sender_name)
        # What colleagues (or another window) change shows here within seconds.
        from crm.services.changes import EVERYTHING
        from crm.ui.change_watcher import ChangeWatcher

        self.change_watcher = ChangeWatcher(services.db, parent=self)
        self.change_watcher.changed.connect(lambda: self._refresh_pages(EVERYTHING))
        self.change_watcher.start()
        self.opened = True
        self._fill_edit_menu()
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
        if not self.opened:
            return
        if self.pages.currentWidget() is self.partnerships_page:
            page_actions = [self.partnerships_page.edit_action]
        elif self.pages.currentWidget() is self.today_page:
            today = self.today_page
            page_actions = [today.open_action, today.done_action, today.snooze_actions[0]]
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
        if self.pages.currentWidget() is self.today_page:
            self.today_page.log_selected()
            return
        self._log(self.contacts_page.selected_ids())

    def _log_from_today(self, contact_ids: list[str], partnership_id: str, kind: str) -> None:
        self._log(contact_ids, partnership_id=partnership_id or None, kind=kind)

    def _log(
        self, contact_ids: list[str], *, partnership_id: str | None = None, kind: str = ""
    ) -> None:
        from crm.ui.dialogs.interaction_dialog import LogInteractionDialog

        dialog = LogInteractionDialog(
            self._services,
            self._operations,
            contact_ids=contact_ids,
            partnership_id=partnership_id,
            kind=kind,
            parent=self,
        )
        dialog.logged.connect(self.contacts_page.refresh)
        dialog.logged.connect(self.partnerships_page.refresh)
        dialog.logged.connect(lambda *_a: self.today_page.refresh())
        dialog.finished.connect(dialog.deleteLater)  # not kept once closed
        dialog.open()

    def open_record(self, kind: str, record_id: str) -> None:
        """Open a contact, a partnership or a visit (from the Today page)."""
        if kind == "contact":
            self.show_page(self.pages.indexOf(self.contacts_page))
            self.contacts_page.open_contact(record_id)
        elif kind == "partnership":
            self.show_page(self.pages.indexOf(self.partnerships_page))
            self.partnerships_page.select(record_id)
        elif kind == "delegation":
            self.open_delegation(record_id)

    def _page_shown(self, index: int) -> None:
        # The page's own actions (and their keys) are in Edit only while it is on show.
        self._fill_edit_menu()
        # The agenda follows what was changed on the other pages.
        if self.pages.widget(index) is self.today_page:
            self.today_page.refresh()

    # Reminders and tray -----------------------------------------------------------------
    def attach_reminders(self, tray: Tray, scheduler: ReminderScheduler) -> None:
        """The tray icon and the daily check, built by the app (tests build their own)."""
        self.tray = tray
        self.scheduler = scheduler
        tray.show_today.connect(self.show_today)
        tray.new_contact_action.triggered.connect(self._new_contact_from_tray)
        tray.log_action.triggered.connect(self._log_from_tray)
        tray.quit_action.triggered.connect(self.quit)
        self.today_page.due_count_changed.connect(tray.set_due)
        tray.set_due(self.today_page.due_count)
        scheduler.checked.connect(self.today_page.refresh)
        scheduler.new_reminders.connect(self._announce)

    def _announce(self, occasions: list) -> None:  # type: ignore[type-arg]
        # Not once the window has closed for good: a check that ends as the app quits would
        # put up a notification of our own, a window that kept the app from ending (seen on
        # a first start, whose check finds every reminder new).
        if self.tray is not None and self._settings.notifications and not self._quitting:
            self.tray.notify(occasions)

    def show_today(self) -> None:
        self.show_page(self.pages.indexOf(self.today_page))
        self.bring_to_front()

    def bring_to_front(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def _new_contact_from_tray(self) -> None:
        self.bring_to_front()
        self.show_page(self.pages.indexOf(self.contacts_page))
        self.contacts_page.new_contact()

    def _log_from_tray(self) -> None:
        self.bring_to_front()
        self._log([])

    def run_daily_backup(self) -> None:
        """Today's automatic backup, if it is due, on the worker; a failure is said once in the
        status bar (the next check tries again), never in a box that stops the work."""
        from crm.ui.operations import describe_error

        def failed(error: BaseException) -> bool:
            text = self.tr("Today's automatic backup could not be made: {reason}")
            self.statusBar().showMessage(text.format(reason=describe_error(error)))
            return True

        self._operations.run(self._services.backups.daily, on_error=failed, parent=self)

    def take_in_old_files(self) -> None:
        """This desktop's documents and photos from before they were kept in the database,
        taken in on the worker; a failure is logged, and the next start tries again."""
        from crm.services.stored_files import StoredFiles

        def failed(error: BaseException) -> bool:
            logger.warning("Old documents and photos were not taken in: %s", error)
            return True

        files = StoredFiles(self._services.db)
        self._operations.run(files.adopt_legacy, on_error=failed, parent=self)

    def show_restore(self) -> None:
        """File › Restore from backup: the database replaced by a backup, the current file kept
        aside. The watcher rests meanwhile: the file is briefly absent while it is swapped."""
        from crm.ui.dialogs.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self._services.restore, self._operations, parent=self)
        dialog.changed.connect(self._refresh_pages)
        dialog.restored.connect(lambda _result: self.undo_stack.clear())
        if self.change_watcher is not None:
            self.change_watcher.stop()
            dialog.finished.connect(self.change_watcher.start)
        dialog.finished.connect(dialog.deleteLater)  # not kept once closed
        dialog.open()

    def quit(self) -> None:
        """Quit for real (the window's close button may only hide it into the tray)."""
        self._quitting = True
        if self.change_watcher is not None:
            self.change_watcher.stop()
        self.close()

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
        editor.finished.connect(editor.deleteLater)  # not kept once closed
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
        register.finished.connect(register.deleteLater)  # not kept once closed
        register.open()

    def _language_switched(self, code: str) -> None:
        for key, action in self.language_actions.items():
            action.setChecked(key == code)
        if self.tray is not None:
            self.tray.language = code

    def show_greetings(self, occasion: str, contact_ids: list[str], partnership_id: str) -> None:
        """The greeting campaign wizard, for an occasion (and people) or to choose."""
        from crm.ui.dialogs.greeting_wizard import GreetingWizard

        wizard = GreetingWizard(
            self._services,
            self._operations,
            self._settings,
            self._language,
            occasion=occasion or None,
            contact_ids=contact_ids or None,
            partnership_id=partnership_id or None,
            parent=self,
        )
        wizard.changed.connect(self._refresh_pages)
        wizard.finished.connect(wizard.deleteLater)  # not kept once closed
        wizard.open()

    def show_templates(self) -> None:
        from crm.ui.dialogs.template_editor import TemplateEditor

        language = "zh_CN" if self._language.language.startswith("zh") else "en"
        editor = TemplateEditor(
            self._services,
            self._operations,
            occasion="spring_festival",
            language=language,
            settings=self._settings,
            parent=self,
        )
        editor.finished.connect(editor.deleteLater)  # not kept once closed
        editor.open()

    def show_handover(self, mode: Literal["export", "import"]) -> None:
        """The handover wizard: a leaving colleague's package out, or a package in."""
        from crm.ui.dialogs.handover_wizard import HandoverWizard

        wizard = HandoverWizard(
            self._services,
            self._operations,
            mode=mode,
            staff_name=self._settings.sender_name or None,
            parent=self,
        )
        wizard.changed.connect(self._refresh_pages)
        wizard.finished.connect(wizard.deleteLater)  # not kept once closed
        wizard.open()

    def show_duplicates(self) -> None:
        from crm.ui.dialogs.duplicates_dialog import DuplicatesDialog

        dialog = DuplicatesDialog(
            self._services, self._operations, parent=self, undo_stack=self.undo_stack
        )
        dialog.changed.connect(self._refresh_pages)
        dialog.finished.connect(dialog.deleteLater)  # not kept once closed
        dialog.open()

    def _refresh_pages(self, changes: Changes) -> None:
        self.contacts_page.refresh(changes)
        self.partnerships_page.refresh(changes)
        self.today_page.refresh()

    def show_settings(self) -> None:
        from crm.ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            self._settings, self._services, self._operations, self._language, parent=self
        )
        dialog.applied.connect(self._settings_applied)
        dialog.changed.connect(self._refresh_pages)  # a restore from its Database page
        dialog.open()

    def _settings_applied(self) -> None:
        self._services.agenda.home_country = self._settings.our_country
        self._services.acting.use(self._settings.my_name, self._settings.sender_name)
        if self.scheduler is not None:
            self.scheduler.reschedule(self._settings.reminder_time)
        self.today_page.refresh()

    # Help and the command palette ----------------------------------------------------------
    def show_guide(self) -> None:
        """The user guide, in the language of the window (F1)."""
        from crm.ui.help_window import show_guide

        show_guide(self, self._language.language, settings=self._settings)

    def show_shortcuts(self) -> None:
        from crm.ui.command_palette import shortcut_text
        from crm.ui.dialogs.shortcuts_dialog import ShortcutsDialog

        keys = shortcut_text(self.palette_action)
        dialog = ShortcutsDialog(self.menuBar(), palette_keys=keys, parent=self)
        dialog.finished.connect(dialog.deleteLater)  # not kept once closed
        dialog.open()

    def show_palette(self) -> None:
        """Every enabled menu command, found by typing (Ctrl+K)."""
        if self.command_palette is None:
            from crm.ui.command_palette import CommandPalette

            self.command_palette = CommandPalette(self)
        self.command_palette.popup()

    def show_about(self) -> None:
        from crm.ui.dialogs.about_dialog import AboutDialog

        dialog = AboutDialog.over(self._services.db if self.opened else None, parent=self)
        dialog.finished.connect(dialog.deleteLater)  # not kept once closed
        dialog.open()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Liaison — international relations"))
        self.opening.title.setText(self.tr("Opening the database…"))
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.quit_action.setText(self.tr("&Quit"))
        self.about_action.setText(self.tr("&About Liaison"))
        self.guide_action.setText(self.tr("User &guide"))
        self.shortcuts_action.setText(self.tr("&Keyboard shortcuts"))
        self.palette_action.setText(self.tr("&Command palette…"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.greetings_action.setText(self.tr("Send &greetings…"))
        self.templates_action.setText(self.tr("Greeting &templates…"))
        self.duplicates_action.setText(self.tr("Possible &duplicates…"))
        self.handover_export_action.setText(self.tr("&Hand over to a successor…"))
        self.handover_import_action.setText(self.tr("&Take over from a colleague…"))
        self.restore_action.setText(self.tr("Restore from a bac&kup…"))
        self.show_archived_action.setText(self.tr("Show &archived contacts"))
        self.undo_action.setText(self.tr("&Undo"))
        self.redo_action.setText(self.tr("&Redo"))
        self.new_partnership_action.setText(self.tr("New &partnership…"))
        self.find_action.setText(self.tr("&Find"))
        self.log_action.setText(self.tr("&Log interaction…"))
        self.new_delegation_action.setText(self.tr("New &delegation visit…"))
        self.gift_register_action.setText(self.tr("&Gift register…"))
        if self.tray is not None:
            self.tray.retranslate()
        titles = [self.tr("Today"), self.tr("Contacts"), self.tr("Partnerships")]
        for index, (item, action) in enumerate(
            zip(self._page_items, self.page_actions, strict=True)
        ):
            title = titles[index] if index < len(titles) else ""
            item.setText(title)
            action.setText(title)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._settings.set_window_state("main_geometry", self.saveGeometry())
        self._settings.sync()
        if (
            not self._quitting
            and self.tray is not None
            and self.tray.available
            and self._settings.close_to_tray
        ):
            # Reminders keep coming: the window goes to the tray, and says so the first time.
            event.ignore()
            self.hide()
            if not self._settings.close_to_tray_explained:
                self._settings.close_to_tray_explained = True
                self.tray.explain_close()
            return
        self._quitting = True  # closing for good: nothing is announced any more
        if not self._operations.wait(CLOSE_WAIT_MS):  # a save in progress finishes first
            logger.warning("work still running as the window closes")
        if self.scheduler is not None:
            self.scheduler.stop()
        if self.tray is not None:
            self.tray.hide()
        super().closeEvent(event)
        app = QApplication.instance()
        if isinstance(app, QApplication) and not app.quitOnLastWindowClosed():
            app.quit()  # with a tray, the last window closing does not end the app by itself
