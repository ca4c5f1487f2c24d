"""The Contacts page: search as you type over a lazy table, and the actions on contacts."""

from __future__ import annotations

from collections.abc import Callable

from babel.numbers import format_decimal
from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm.domain.formatting import babel_locale
from crm.services.bundle import Services
from crm.services.changes import Changes
from crm.ui.empty_office import choose_import_file, load_sample_office, open_import
from crm.ui.language import LanguageManager
from crm.ui.models.contacts import ID_ROLE, Column, ContactsModel
from crm.ui.operations import Operations
from crm.ui.settings import Settings
from crm.ui.undo import ArchiveContacts, DeleteContacts
from crm.ui.widgets.empty_state import EmptyState


class ContactsPage(QWidget):
    status_message = Signal(str)

    def __init__(
        self,
        services: Services,
        operations: Operations,
        language: LanguageManager,
        settings: Settings,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._operations = operations
        self._language = language
        self._settings = settings
        self._undo = undo_stack
        self._total = 0

        self.title = QLabel()
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.count_label = QLabel()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(360)
        self.show_archived = QCheckBox()
        self.show_archived.setChecked(settings.show_archived)
        self.new_button = QPushButton()

        self.model = ContactsModel(services.contacts.rows, lambda: self._language.language, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        for column, width in {
            Column.NAME: 150,
            Column.NAME_ZH: 100,
            Column.ORGANISATION: 220,
            Column.POSITION: 180,
            Column.EMAIL: 210,
            Column.PHONE: 125,
            Column.OWNER: 115,
            Column.STATUS: 80,
            Column.BIRTHDAY: 150,
        }.items():
            self.table.setColumnWidth(column, width)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        self.empty = EmptyState()
        self.add_first = self.empty.add_button(primary=True)
        self.load_sample = self.empty.add_button()
        self.import_button = self.empty.add_button()
        self.no_results = EmptyState()
        self.clear_search = self.no_results.add_button()

        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.no_results)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addWidget(self.count_label)
        top.addStretch()
        top.addWidget(self.new_button)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addSpacing(12)
        bar.addWidget(self.show_archived)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

        self.new_action = QAction(self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.edit_action = QAction(self)
        self.edit_action.setShortcuts([QKeySequence("Ctrl+E"), QKeySequence(Qt.Key.Key_Return)])
        self.edit_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.archive_action = QAction(self)
        self.archive_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.delete_action = QAction(self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.demo_action = QAction(self)
        # Out of the way on purpose: it adds 54 people to whatever database is open.
        self.demo_action.setShortcut(QKeySequence("Ctrl+Shift+F12"))
        self.history_action = QAction(self)
        self.history_action.setShortcut(QKeySequence("Ctrl+H"))
        self.history_action.triggered.connect(self.show_history)
        self.gifts_action = QAction(self)
        self.gifts_action.setShortcut(QKeySequence("Ctrl+J"))
        self.gifts_action.triggered.connect(self.show_gifts)
        self.import_action = QAction(self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.import_contacts)
        self.table.addAction(self.edit_action)
        self.table.addAction(self.delete_action)
        # Their keys work while the page is on show, wherever the cursor is on it.
        self.addActions([self.history_action, self.gifts_action, self.archive_action])

        self.search.textChanged.connect(self.apply_search)
        self.search.returnPressed.connect(self._focus_table)
        self.show_archived.toggled.connect(self._toggle_archived)
        self.new_button.clicked.connect(self.new_contact)
        self.add_first.clicked.connect(self.new_contact)
        self.load_sample.clicked.connect(self.load_demo)
        self.import_button.clicked.connect(self.import_contacts)
        self.clear_search.clicked.connect(self.search.clear)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.new_action.triggered.connect(self.new_contact)
        self.edit_action.triggered.connect(self.edit_selected)
        self.archive_action.triggered.connect(self.archive_selected)
        self.delete_action.triggered.connect(self.delete_selected)
        self.demo_action.triggered.connect(self.load_demo)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.model.modelReset.connect(self._update_actions)

        self.retranslate()
        self.reload()

    # Data ----------------------------------------------------------------------------------
    def reload(self, *, keep: list[str] | None = None) -> None:
        """Re-run the search (after a change), keeping the selection where it can."""
        keep = keep if keep is not None else self.selected_ids()
        self._total = self._services.contacts.count()
        self.apply_search(self.search.text())
        self._select(keep)

    def apply_search(self, text: str) -> None:
        results = self._services.contacts.find(
            text, include_archived=self.show_archived.isChecked()
        )
        self.model.set_results(results)
        self._update_state()

    def refresh(self, changes: Changes) -> None:
        """Show what a service says it changed."""
        if not changes.any_contacts and not changes.organisations and not changes.staff:
            return
        self.model.forget(changes.contacts)
        self.reload()

    def selected_ids(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [i for i in (self.model.id_at(row) for row in rows) if i is not None]

    def _select(self, ids: list[str]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        first = True
        for contact_id in ids:
            row = self.model.row_of(contact_id)
            if row < 0:
                continue
            index = self.model.index(row, 0)
            flags = (
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            )
            selection.select(index, flags)
            if first:
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
                self.table.scrollTo(index)
                first = False

    def _update_state(self) -> None:
        locale = babel_locale(self._language.language)
        shown = self.model.rowCount()
        if self._total == 0:
            self.stack.setCurrentWidget(self.empty)
        elif shown == 0:
            self.no_results.title.setText(
                self.tr("No contact matches “%1”.").replace("%1", self.search.text())
            )
            self.stack.setCurrentWidget(self.no_results)
        else:
            self.stack.setCurrentWidget(self.table)
        if self.search.text().strip():
            text = self.tr("%1 of %2 contacts")
            text = text.replace("%1", format_decimal(shown, locale=locale))
            text = text.replace("%2", format_decimal(self._total, locale=locale))
        else:
            text = self.tr("%n contact(s)", "", self._total).replace(
                str(self._total), format_decimal(self._total, locale=locale)
            )
        self.count_label.setText(text)
        self.count_label.setVisible(self._total > 0)
        self.search.setEnabled(self._total > 0)
        self.show_archived.setEnabled(self._total > 0)

    def _update_actions(self) -> None:
        ids = self.selected_ids()
        self.edit_action.setEnabled(len(ids) == 1)
        self.history_action.setEnabled(len(ids) == 1)
        self.gifts_action.setEnabled(len(ids) == 1)
        self.archive_action.setEnabled(bool(ids))
        self.delete_action.setEnabled(bool(ids))
        self.archive_action.setText(self._archive_text(ids))

    def _archive_text(self, ids: list[str]) -> str:
        if ids and all(self._is_archived(i) for i in ids):
            return self.tr("Restore from archive")
        return self.tr("Archive")

    def _is_archived(self, contact_id: str) -> bool:
        row = self.model.contact_row(self.model.row_of(contact_id))
        return bool(row and row.archived)

    def _toggle_archived(self, checked: bool) -> None:
        self._settings.show_archived = checked
        self.reload()

    # Actions -------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _focus_table(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            first = self.model.id_at(0)
            if not self.selected_ids() and first:
                self._select([first])

    def new_contact(self) -> None:
        self._open_editor(None)

    def open_contact(self, contact_id: str) -> None:
        """Show `contact_id` (clearing a search that hides it) and open its editor."""
        if contact_id not in self.selected_ids():
            self.search.clear()
            self._select([contact_id])
        self._open_editor(contact_id)

    def edit_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self._open_editor(ids[0])

    def _open_editor(self, contact_id: str | None) -> None:
        from crm.ui.dialogs.contact_editor import ContactEditor

        editor = ContactEditor(self._services, self._operations, contact_id=contact_id, parent=self)

        def saved(changes: Changes) -> None:
            self.refresh(changes)
            if editor.contact_id:
                self._select([editor.contact_id])
            self.status_message.emit(self.tr("Contact saved."))

        editor.saved.connect(saved)
        editor.finished.connect(editor.deleteLater)  # not kept once closed
        editor.open()

    def show_history(self) -> None:
        """The selected contact's titles and timeline, where an interaction can be logged."""
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        from crm.ui.dialogs.contact_history import ContactHistoryDialog

        dialog = ContactHistoryDialog(self._services, self._operations, ids[0], parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one per opening
        dialog.changed.connect(self.refresh)
        dialog.open()

    def show_gifts(self) -> None:
        """What we gave this person, and what they gave us: the gift register, filtered."""
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        from crm.ui.dialogs.gift_register import GiftRegister

        register = GiftRegister(self._services, self._operations, contact_id=ids[0], parent=self)
        register.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        register.open()

    def archive_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        restore = all(self._is_archived(i) for i in ids)
        if restore:
            text = self.tr("Restore %n contact(s) from the archive", "", len(ids))
        else:
            question = self.tr(
                "Archive %n contact(s)? Archived contacts are hidden from the list and "
                "reminders; you can restore them at any time.",
                "",
                len(ids),
            )
            if not self.confirm(self.tr("Archive contacts"), question, self.tr("Archive")):
                return
            text = self.tr("Archive %n contact(s)", "", len(ids))
        self._undo.push(
            ArchiveContacts(self._run, self._services, ids, archived=not restore, text=text)
        )
        self.status_message.emit(text + " — " + self.tr("Undo with Ctrl+Z."))

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        question = self.tr(
            "Delete %n contact(s)? You can undo this with Ctrl+Z until you close Liaison.",
            "",
            len(ids),
        )
        if not self.confirm(self.tr("Delete contacts"), question, self.tr("Delete")):
            return
        text = self.tr("Delete %n contact(s)", "", len(ids))
        self._undo.push(DeleteContacts(self._run, self._services, ids, text=text))
        self.status_message.emit(text + " — " + self.tr("Undo with Ctrl+Z."))

    def confirm(self, title: str, question: str, action: str) -> bool:
        """Ask before changing data; a separate method so tests can answer it."""
        box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=self)
        yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is yes

    def load_demo(self) -> None:
        def done(changes: Changes, said: str) -> None:
            self.refresh(changes)
            self.status_message.emit(said)

        load_sample_office(self._services, self._operations, parent=self, done=done)

    def import_contacts(self) -> None:
        path = self.choose_import_file()
        if path:
            open_import(self._services, self._operations, path, parent=self, imported=self.refresh)

    def choose_import_file(self) -> str:
        """Ask for the file to import; a separate method so tests can answer it."""
        return choose_import_file(self)

    def _run(self, work: Callable[[], Changes]) -> None:
        self._operations.run(work, on_success=self.refresh, parent=self)

    def _context_menu(self, position) -> None:  # type: ignore[no-untyped-def]
        index: QModelIndex = self.table.indexAt(position)
        if not index.isValid():
            return
        if index.row() not in {i.row() for i in self.table.selectionModel().selectedRows()}:
            self._select([index.data(ID_ROLE)])
        menu = QMenu(self)
        menu.addAction(self.edit_action)
        menu.addAction(self.history_action)
        menu.addAction(self.gifts_action)
        menu.addAction(self.archive_action)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.exec(self.table.viewport().mapToGlobal(position))

    # Language ------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Contacts"))
        self.search.setPlaceholderText(
            self.tr("Search by name, 汉字, pinyin, e-mail, organisation or tag (Ctrl+F)")
        )
        self.show_archived.setText(self.tr("Show archived"))
        self.new_button.setText(self.tr("New contact"))
        self.empty.title.setText(self.tr("No contacts yet"))
        self.empty.body.setText(
            self.tr(
                "Liaison keeps the people behind your city's partnerships. Add your first "
                "contact, load a sample office to look around, or import an address book."
            )
        )
        self.add_first.setText(self.tr("Add a contact"))
        self.load_sample.setText(self.tr("Load sample data"))
        self.import_button.setText(self.tr("Import…"))
        self.no_results.body.setText(
            self.tr(
                "Search looks at names in Latin letters, Chinese characters and pinyin "
                "(wangfang or wf), e-mail addresses, organisations and tags."
            )
        )
        self.clear_search.setText(self.tr("Clear the search"))
        self.new_action.setText(self.tr("&New contact…"))
        self.edit_action.setText(self.tr("&Edit contact…"))
        self.history_action.setText(self.tr("&History and timeline…"))
        self.gifts_action.setText(self.tr("&Gifts given and received…"))
        self.delete_action.setText(self.tr("&Delete"))
        self.demo_action.setText(self.tr("Load &sample data"))
        self.import_action.setText(self.tr("&Import contacts…"))
        self.model.retranslate()
        self._update_state()
        self._update_actions()
