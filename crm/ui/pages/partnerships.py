"""The Partnerships page: our partner cities in a sortable, searchable table, and everything
about the selected one beside it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm.domain.formatting import babel_locale, format_partial_date
from crm.domain.partnerships import PartnershipStatus, PartnershipType
from crm.services.bundle import Services
from crm.services.changes import Changes
from crm.ui.language import LanguageManager
from crm.ui.models.partnerships import (
    ID_ROLE,
    Column,
    PartnershipsModel,
    PartnershipsProxy,
    status_label,
    type_label,
)
from crm.ui.operations import Operations
from crm.ui.settings import Settings
from crm.ui.widgets.empty_state import EmptyState
from crm.ui.widgets.partnership_detail import PartnershipDetail
from crm.ui.widgets.timeline import format_day


class PartnershipsPage(QWidget):
    status_message = Signal(str)
    # A visit to open (its editor is the delegations page's).
    open_delegation = Signal(str)
    new_delegation = Signal(str)  # the partnership it belongs to, or ""

    def __init__(
        self,
        services: Services,
        operations: Operations,
        language: LanguageManager,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        defer: bool = False,
    ) -> None:
        """`defer`: read the partnerships when the page is first shown (or asked for one),
        not now: the main window builds every page at start, and shows Today."""
        super().__init__(parent)
        self._services = services
        self._operations = operations
        self._language = language
        self._settings = settings
        self.loaded = False

        self.title = QLabel()
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.count_label = QLabel()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(320)
        self.new_button = QPushButton()

        self.model = PartnershipsModel(lambda: self._language.language, self)
        self.proxy = PartnershipsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.PARTNER, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)

        self.empty = EmptyState()
        self.add_first = self.empty.add_button(primary=True)
        self.no_results = EmptyState()
        self.clear_search = self.no_results.add_button()
        self.stack = QStackedWidget()
        for widget in (self.table, self.empty, self.no_results):
            self.stack.addWidget(widget)

        self.detail = PartnershipDetail(services, lambda: self._language.language)
        self.no_selection = QLabel()
        self.no_selection.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_selection.setWordWrap(True)
        self.detail_stack = QStackedWidget()
        self.detail_stack.addWidget(self.no_selection)
        self.detail_stack.addWidget(self.detail)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.detail_stack)
        self.splitter.setStretchFactor(0, 11)
        self.splitter.setStretchFactor(1, 9)
        self.splitter.setChildrenCollapsible(False)
        state = settings.window_state("partnerships_splitter")
        if state is None or not self.splitter.restoreState(state):
            # Scaled to the real width when shown: a little more for the table than the detail.
            self.splitter.setSizes([550, 450])
        self.splitter.splitterMoved.connect(self._remember_splitter)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addWidget(self.count_label)
        top.addStretch()
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.search)
        layout.addWidget(self.splitter, 1)

        self.new_action = QAction(self)
        self.edit_action = QAction(self)
        self.edit_action.setShortcuts([QKeySequence("Ctrl+E"), QKeySequence(Qt.Key.Key_Return)])
        self.edit_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.log_action = QAction(self)
        self.log_action.setShortcut(QKeySequence("Ctrl+L"))
        self.log_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.table.addAction(self.edit_action)
        self.addAction(self.log_action)
        self.detail.edit_button.setDefaultAction(self.edit_action)
        self.detail.log_button.setDefaultAction(self.log_action)

        self.search.textChanged.connect(self.apply_search)
        self.search.returnPressed.connect(self._focus_table)
        self.new_button.clicked.connect(self.new_partnership)
        self.add_first.clicked.connect(self.new_partnership)
        self.clear_search.clicked.connect(self.search.clear)
        self.new_action.triggered.connect(self.new_partnership)
        self.edit_action.triggered.connect(self.edit_selected)
        self.log_action.triggered.connect(self.log_interaction)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail.open_delegation.connect(self.open_delegation)
        self.detail.open_contact.connect(self.show_contact_history)
        self.detail.add_agreement.connect(lambda: self.edit_agreement(None))
        self.detail.add_delegation.connect(
            lambda: self.new_delegation.emit(self.selected_id() or "")
        )
        self.detail.edit_agreement.connect(self.edit_agreement)

        self.retranslate()
        if not defer:
            self.load()

    # Data ----------------------------------------------------------------------------------
    def load(self) -> None:
        """Read every partnership, if not yet done."""
        if self.loaded:
            return
        self.loaded = True
        self.model.set_rows(self._services.partnerships.rows())
        self._update_state()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        self.load()
        super().showEvent(event)

    def refresh(self, changes: Changes) -> None:
        """Show what a service says it changed: those rows, or all of them when names of
        places, people or staff may have changed. Nothing before the page has read them."""
        if not self.loaded:
            return
        keep = self.selected_id()
        if changes.everything or changes.places or changes.staff or changes.any_contacts:
            self.model.set_rows(self._services.partnerships.rows())
        elif changes.partnerships:
            ids = sorted(changes.partnerships)
            rows = self._services.partnerships.rows(ids)
            found = {r.id for r in rows}
            self.model.update_rows(rows, gone=[i for i in ids if i not in found])
        else:
            return
        self._update_state()
        if keep:
            self.select(keep)
        if self.detail.partnership_id and (
            changes.everything
            or changes.any_contacts
            or self.detail.partnership_id in changes.partnerships
        ):
            self.detail.reload()

    def apply_search(self, text: str) -> None:
        self.proxy.set_query(text)
        self._update_state()

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return str(rows[0].data(ID_ROLE)) if rows else None

    def select(self, partnership_id: str) -> None:
        self.load()
        source = self.model.row_of(partnership_id)
        if source < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(source, 0))
        if not index.isValid():
            return
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def _selection_changed(self) -> None:
        partnership_id = self.selected_id()
        if partnership_id != self.detail.partnership_id:
            self.detail.show_partnership(partnership_id)
        self.detail_stack.setCurrentWidget(self.detail if partnership_id else self.no_selection)
        self._update_actions()

    def _update_state(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        if total == 0:
            self.stack.setCurrentWidget(self.empty)
        elif shown == 0:
            self.no_results.title.setText(
                self.tr("No partnership matches “%1”.").replace("%1", self.search.text())
            )
            self.stack.setCurrentWidget(self.no_results)
        else:
            self.stack.setCurrentWidget(self.table)
        if self.search.text().strip():
            text = self.tr("%1 of %2 partnerships").replace("%1", str(shown))
            text = text.replace("%2", str(total))
        else:
            text = self.tr("%n partnership(s)", "", total)
        self.count_label.setText(text)
        self.count_label.setVisible(total > 0)
        self.search.setEnabled(total > 0)
        self.detail_stack.setVisible(total > 0)
        if self.selected_id() is None:
            self.detail_stack.setCurrentWidget(self.no_selection)
            self.detail.show_partnership(None)
        self._update_actions()

    def _update_actions(self) -> None:
        self.edit_action.setEnabled(self.selected_id() is not None)

    def _focus_table(self) -> None:
        if self.proxy.rowCount():
            self.table.setFocus()
            if self.selected_id() is None:
                self.select(str(self.proxy.index(0, 0).data(ID_ROLE)))

    def _reveal(self, partnership_id: str) -> None:
        """Select a partnership, clearing a search that hides it."""
        row = self.model.row_of(partnership_id)
        if row >= 0 and not self.proxy.mapFromSource(self.model.index(row, 0)).isValid():
            self.search.clear()
        self.select(partnership_id)

    def _remember_splitter(self) -> None:
        self._settings.set_window_state("partnerships_splitter", self.splitter.saveState())

    # Actions -------------------------------------------------------------------------------
    def new_partnership(self) -> None:
        self._open_editor(None)

    def edit_selected(self) -> None:
        partnership_id = self.selected_id()
        if partnership_id:
            self._open_editor(partnership_id)

    def _open_editor(self, partnership_id: str | None) -> None:
        from crm.ui.dialogs.partnership_editor import PartnershipEditor

        editor = PartnershipEditor(
            self._services, self._operations, partnership_id=partnership_id, parent=self
        )

        def saved(changes: Changes) -> None:
            self.refresh(changes)
            if editor.partnership_id:
                self._reveal(editor.partnership_id)
            self.status_message.emit(self.tr("Partnership saved."))

        editor.saved.connect(saved)
        editor.finished.connect(editor.deleteLater)  # not kept once closed
        editor.open()

    def edit_agreement(self, agreement_id: str | None) -> None:
        partnership_id = self.detail.partnership_id
        if not partnership_id:
            return
        from crm.ui.dialogs.agreement_editor import AgreementEditor

        editor = AgreementEditor(
            self._services,
            self._operations,
            partnership_id=partnership_id,
            agreement_id=agreement_id,
            parent=self,
        )
        editor.saved.connect(self.refresh)
        editor.open()

    def log_interaction(self) -> None:
        from crm.ui.dialogs.interaction_dialog import LogInteractionDialog

        dialog = LogInteractionDialog(
            self._services, self._operations, partnership_id=self.selected_id(), parent=self
        )

        def logged(changes: Changes) -> None:
            self.refresh(changes)
            self.status_message.emit(self.tr("Interaction logged."))

        dialog.logged.connect(logged)
        dialog.finished.connect(dialog.deleteLater)  # not kept once closed
        dialog.open()

    def show_contact_history(self, contact_id: str) -> None:
        from crm.ui.dialogs.contact_history import ContactHistoryDialog

        dialog = ContactHistoryDialog(self._services, self._operations, contact_id, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one per opening
        dialog.changed.connect(self.refresh)
        dialog.open()

    # Language ------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Partnerships"))
        self.search.setPlaceholderText(
            self.tr("Search by partner (English, 汉字 or pinyin), country, area or owner")
        )
        self.new_button.setText(self.tr("New partnership"))
        self.empty.title.setText(self.tr("No partnerships yet"))
        self.empty.body.setText(
            self.tr(
                "Add your city's first partner: the place, when the partnership was "
                "formalised (the year is enough), who champions it on both sides. Agreements, "
                "visits and every interaction then gather under it."
            )
        )
        self.add_first.setText(self.tr("Add a partnership"))
        self.no_results.body.setText(
            self.tr(
                "Search looks at partner names in English, Chinese characters and pinyin "
                "(ningbo, nb), countries, cooperation areas and owners."
            )
        )
        self.clear_search.setText(self.tr("Clear the search"))
        self.no_selection.setText(
            self.tr("Select a partnership to see its agreements, visits, people and history.")
        )
        self.new_action.setText(self.tr("&New partnership…"))
        self.edit_action.setText(self.tr("&Edit partnership…"))
        self.log_action.setText(self.tr("&Log interaction…"))
        self.log_action.setToolTip(self.tr("Log a meeting, call, e-mail or greeting (Ctrl+L)"))
        self.proxy.set_language(babel_locale(self._language.language))
        self.model.retranslate()
        self._fit_columns()
        self._update_state()

    def _fit_columns(self) -> None:
        """Room for each header in the current language and for typical values in it."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        language = self._language.language
        samples = {
            Column.PARTNER: ["Gothenburg"],
            Column.PARTNER_ZH: ["哥德堡市"],
            Column.COUNTRY: ["Netherlands", "荷兰"],
            Column.TYPE: [type_label(str(t)) for t in PartnershipType],
            Column.STATUS: [status_label(str(s)) for s in PartnershipStatus],
            Column.FORMALISED_ON: [format_partial_date("2015-09-22", language)],
            Column.LAST_CONTACT: [format_day("2026-09-22", language)],
            Column.FOLLOW_UPS: [],
            Column.CHAMPIONS: [],
            Column.OWNER: ["Louise Dahl Nielsen"],
        }
        for column, texts in samples.items():
            widest = max((metrics.horizontalAdvance(t) for t in texts), default=0) + 16
            self.table.setColumnWidth(
                column, max(widest, header.sectionSizeFromContents(column).width())
            )
