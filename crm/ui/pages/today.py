"""The Today page: the agenda grouped (overdue, today, this week, later), each item with the
reason it is shown and what can be done about it.

Over an office with neither a contact nor a partnership (the first start) the agenda would hold
festivals with nobody to greet: the page says so instead, and offers the sample office or an
import of an address book, done from here; `changed(Changes)` then tells the other pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from babel.dates import format_date
from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm.domain.agenda_groups import AgendaGroup, AgendaView
from crm.domain.formatting import babel_locale
from crm.domain.occasions import Occasion, OccasionKind
from crm.services.agenda import render as render_text
from crm.services.bundle import Services
from crm.services.changes import Changes
from crm.services.first_run import office_is_empty
from crm.ui.empty_office import choose_import_file, load_sample_office, open_import
from crm.ui.language import LanguageManager, qt_translate
from crm.ui.operations import Operations
from crm.ui.widgets.empty_state import EmptyState

OCCASION_ROLE = Qt.ItemDataRole.UserRole + 1
# The row that shows the rest of a long group holds the group's value here.
MORE_ROLE = Qt.ItemDataRole.UserRole + 2
# Rows shown of one group until its "Show … more" row is chosen: a big office's month holds
# thousands of birthdays, which nobody reads on one page and which cost memory as items.
SHOWN_PER_GROUP = 200
SPANS = (30, 90, 365)
SNOOZES = (1, 3, 7, 30)
GREETING_KINDS = frozenset({OccasionKind.BIRTHDAY, OccasionKind.FESTIVAL, OccasionKind.ANNIVERSARY})


class _Mark(QUndoCommand):
    """Done or snoozed, undoable (Ctrl+Z brings the item back)."""

    def __init__(self, page: TodayPage, occasion: Occasion, until: dt.date | None) -> None:
        super().__init__()
        self._page = page
        self._occasion = occasion
        self._until = until

    def redo(self) -> None:
        reminders = self._page.services.reminders
        if self._until is None:
            self._page.run(lambda: reminders.mark_done(self._occasion))
        else:
            until = self._until
            self._page.run(lambda: reminders.snooze(self._occasion, until))

    def undo(self) -> None:
        reminders = self._page.services.reminders
        self._page.run(lambda: reminders.restore(self._occasion))


class TodayPage(QWidget):
    status_message = Signal(str)
    # ("contact" | "partnership" | "delegation", id)
    open_record = Signal(str, str)
    # contact ids, partnership id (or ""), interaction kind
    log_interaction = Signal(list, str, str)
    # A greeting campaign: occasion code, contact ids, partnership id (or "")
    greet = Signal(str, list, str)
    # How many items are due now (overdue and today): the tray shows it.
    due_count_changed = Signal(int)
    # Changes: the sample office loaded, or contacts imported, from the empty page.
    changed = Signal(object)

    def __init__(
        self,
        services: Services,
        operations: Operations,
        language: LanguageManager,
        undo_stack: QUndoStack,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self._operations = operations
        self._language = language
        self._undo_stack = undo_stack
        self._today = today
        self.view = AgendaView([])  # what the agenda holds, as far as the page shows it
        self._whole_groups: set[AgendaGroup] = set()  # long groups the user asked to see whole
        self.loaded = False
        self.office_empty = False
        self.due_count = 0
        self.day = today()

        self.title = QLabel()
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.date_label = QLabel()
        self.span_combo = QComboBox()
        for days in SPANS:
            self.span_combo.addItem("", days)
        self.span_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh_button = QPushButton()

        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemSelectionChanged.connect(self._update_actions)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

        self.empty = EmptyState()
        self.welcome = EmptyState()
        self.load_sample_button = self.welcome.add_button(primary=True)
        self.load_sample_button.clicked.connect(self.load_sample)
        self.import_button = self.welcome.add_button()
        self.import_button.clicked.connect(self.import_contacts)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.welcome)

        self.open_action = QAction(self)
        self.open_action.setShortcut(QKeySequence("Ctrl+O"))
        self.open_action.triggered.connect(self.open_selected)
        self.log_action = QAction(self)
        self.log_action.triggered.connect(self.log_selected)
        self.greet_action = QAction(self)
        self.greet_action.triggered.connect(self.greet_selected)
        self.done_action = QAction(self)
        self.done_action.setShortcut(QKeySequence("Ctrl+D"))
        self.done_action.triggered.connect(self.mark_done)
        self.snooze_menu = QMenu(self)
        self.snooze_actions: list[QAction] = []
        for days in SNOOZES:
            action = self.snooze_menu.addAction("")
            action.triggered.connect(lambda _c=False, d=days: self.snooze(d))
            self.snooze_actions.append(action)
        self.snooze_actions[0].setShortcut(QKeySequence("Ctrl+Shift+S"))
        # Their keys work while the page is on show, even with the cursor still in the list
        # of pages: a hidden page's actions are inactive, so no other page's keys collide.
        for action in (self.open_action, self.done_action, self.snooze_actions[0]):
            self.addAction(action)

        self.buttons: list[QToolButton] = []
        buttons = QHBoxLayout()
        for action in (self.open_action, self.log_action, self.greet_action, self.done_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)
            self.buttons.append(button)
        self.snooze_button = QToolButton()
        self.snooze_button.setMenu(self.snooze_menu)
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        buttons.addWidget(self.snooze_button)
        buttons.addStretch()

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addWidget(self.date_label)
        top.addStretch()
        top.addWidget(self.span_combo)
        top.addWidget(self.refresh_button)
        self.refresh_button.clicked.connect(self.refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.stack, 1)

        self.retranslate()
        self._update_actions()

    # Loading ----------------------------------------------------------------------------
    def run(self, work: Callable[[], object]) -> None:
        """A change, then the agenda read again."""
        self._operations.run(work, on_success=lambda _r: self.refresh(), parent=self)

    def refresh(self) -> None:
        """Read the agenda again (off the GUI thread) from today."""
        day = self._today()
        days = int(self.span_combo.currentData() or SPANS[0])
        agenda, db = self.services.agenda, self.services.db

        if day != self.day:
            self._whole_groups.clear()
        whole = set(self._whole_groups)
        selected = self.selected()
        keep = selected.key if selected else None  # the selection stays in sight

        def read() -> tuple[AgendaView, bool]:
            view = agenda.view(day, days, shown=SHOWN_PER_GROUP, whole=whole, keep=keep)
            return view, office_is_empty(db)

        def loaded(result: tuple[AgendaView, bool]) -> None:
            self.day = day
            self.view, self.office_empty = result
            self.loaded = True
            self.date_label.setText(self._long_date())
            self._fill()

        self._operations.run(read, on_success=loaded, parent=self)

    def _fill(self) -> None:
        """The tree afresh. Built a group at a time with repaints held back: with a big office
        the agenda holds thousands of birthdays, and item by item took a second."""
        selected = self.selected()
        key = selected.key if selected else None
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        chinese = self._language.language.startswith("zh")
        locale = babel_locale(self._language.language)
        bold = QFont(self.tree.font())
        bold.setBold(True)
        link = self.palette().link()
        days: dict[dt.date, str] = {}  # Babel's formatting is slow; a period has few dates
        current: QTreeWidgetItem | None = None
        for view in self.view.groups:
            group, count, shown = view.group, view.count, view.items
            heading = QTreeWidgetItem([f"{self.group_title(group)} ({count})"])
            heading.setFirstColumnSpanned(True)
            heading.setFont(0, bold)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            heading.setData(0, Qt.ItemDataRole.AccessibleTextRole, self.group_title(group))
            self.tree.addTopLevelItem(heading)
            rows = []
            for occasion in shown:
                day = days.get(occasion.date)
                if day is None:
                    day = days[occasion.date] = format_date(occasion.date, "medium", locale=locale)
                row = QTreeWidgetItem(
                    [
                        day,
                        render_text(occasion.title, qt_translate, chinese=chinese),
                        render_text(occasion.reason, qt_translate, chinese=chinese),
                    ]
                )
                row.setData(0, OCCASION_ROLE, occasion)
                if group is AgendaGroup.OVERDUE:
                    row.setForeground(2, link)
                rows.append(row)
                if occasion.key == key:
                    current = row
            if len(shown) < count:
                more = QTreeWidgetItem([self._more_text(count - len(shown))])
                more.setFirstColumnSpanned(True)
                more.setForeground(0, link)
                more.setData(0, MORE_ROLE, group.value)
                rows.append(more)
            heading.addChildren(rows)
            heading.setExpanded(True)
        if current is not None:
            self.tree.setCurrentItem(current)
        self.tree.setRootIsDecorated(False)
        self.tree.setUpdatesEnabled(True)
        if self.loaded and self.office_empty:
            self.stack.setCurrentWidget(self.welcome)
        elif self.loaded and not self.view.total:
            self.stack.setCurrentWidget(self.empty)
        else:
            self.stack.setCurrentWidget(self.tree)
        self._update_actions()
        self.due_count = self.view.due
        self.due_count_changed.emit(self.due_count)

    def _more_text(self, hidden: int) -> str:
        return self.tr("Show %n more…", "", hidden)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        group = item.data(0, MORE_ROLE)  # comes back as its text: a StrEnum is stored as one
        if group:
            self.show_whole_group(AgendaGroup(group))
        else:
            self.open_selected()

    def show_whole_group(self, group: AgendaGroup) -> None:
        """Every row of a group shortened to SHOWN_PER_GROUP (read again: the page keeps only
        the rows it shows)."""
        self._whole_groups.add(group)
        self.refresh()

    # Actions ----------------------------------------------------------------------------
    def selected(self) -> Occasion | None:
        item = self.tree.currentItem()
        value = item.data(0, OCCASION_ROLE) if item is not None else None
        return value if isinstance(value, Occasion) else None

    def rows(self) -> list[tuple[QTreeWidgetItem, Occasion]]:
        """Every item on show, with its occasion, in page order."""
        found = []
        for group in range(self.tree.topLevelItemCount()):
            heading = self.tree.topLevelItem(group)
            for row in range(heading.childCount() if heading else 0):
                item = heading.child(row) if heading else None
                occasion = item.data(0, OCCASION_ROLE) if item else None
                if item is not None and isinstance(occasion, Occasion):
                    found.append((item, occasion))
        return found

    def select_key(self, key: str) -> bool:
        for item, occasion in self.rows():
            if occasion.key == key:
                self.tree.setCurrentItem(item)
                return True
        return False

    def _update_actions(self) -> None:
        occasion = self.selected()
        about_record = occasion is not None and occasion.subject is not None
        self.open_action.setEnabled(about_record)
        self.log_action.setEnabled(about_record)
        self.greet_action.setEnabled(occasion is not None and occasion.kind in GREETING_KINDS)
        self.done_action.setEnabled(occasion is not None)
        self.snooze_button.setEnabled(occasion is not None)
        for action in self.snooze_actions:
            action.setEnabled(occasion is not None)

    def _home(self, occasion: Occasion) -> tuple[str, str] | None:
        return self.services.reminders.home_of(occasion)

    def open_selected(self) -> None:
        occasion = self.selected()
        home = self._home(occasion) if occasion else None
        if home:
            self.open_record.emit(*home)

    def log_selected(self, *, kind: str = "") -> None:
        occasion = self.selected()
        home = self._home(occasion) if occasion else None
        if home is None:
            return
        record, record_id = home
        if record == "contact":
            self.log_interaction.emit([record_id], "", kind)
        elif record == "partnership":
            self.log_interaction.emit([], record_id, kind)
        else:
            self.open_record.emit(record, record_id)

    def greet_selected(self) -> None:
        """Greetings for a festival (everyone), a birthday (that person) or an anniversary
        (the partnership's people): the campaign wizard, set up for it."""
        occasion = self.selected()
        if occasion is None or occasion.kind not in GREETING_KINDS:
            return
        if occasion.kind is OccasionKind.FESTIVAL:
            code = "national_day" if occasion.code.startswith("national_day") else occasion.code
            self.greet.emit(code, [], "")
        elif occasion.kind is OccasionKind.BIRTHDAY and occasion.subject:
            self.greet.emit("birthday", [occasion.subject.id], "")
        elif occasion.subject:
            self.greet.emit("anniversary", [], occasion.subject.id)

    def mark_done(self) -> None:
        occasion = self.selected()
        if occasion is not None:
            self._push(
                occasion, None, self.tr("Mark “%1” done").replace("%1", self._title(occasion))
            )
            self.status_message.emit(self.tr("Marked done. Ctrl+Z brings it back."))

    def snooze(self, days: int) -> None:
        occasion = self.selected()
        if occasion is None:
            return
        until = self._today() + dt.timedelta(days=days)
        self._push(occasion, until, self.tr("Snooze “%1”").replace("%1", self._title(occasion)))
        locale = babel_locale(self._language.language)
        self.status_message.emit(
            self.tr("Snoozed until %1.").replace("%1", format_date(until, "full", locale=locale))
        )

    def _push(self, occasion: Occasion, until: dt.date | None, text: str) -> None:
        command = _Mark(self, occasion, until)
        command.setText(text)
        self._undo_stack.push(command)

    def _long_date(self) -> str:
        return format_date(self.day, "full", locale=babel_locale(self._language.language))

    def _title(self, occasion: Occasion) -> str:
        return render_text(
            occasion.title, qt_translate, chinese=self._language.language.startswith("zh")
        )

    def _context_menu(self, position: QPoint) -> None:
        if self.selected() is None:
            return
        menu = QMenu(self)
        for action in (self.open_action, self.log_action, self.greet_action, self.done_action):
            menu.addAction(action)
        snooze = menu.addMenu(self.snooze_button.text())
        snooze.addActions(self.snooze_actions)
        menu.exec(self.tree.viewport().mapToGlobal(position))

    # An empty office -------------------------------------------------------------------------
    def load_sample(self) -> None:
        """The sample office, to look around in (loading it twice adds nothing)."""

        def done(changes: Changes, said: str) -> None:
            self.status_message.emit(said)
            self._changed(changes)

        load_sample_office(self.services, self._operations, parent=self, done=done)

    def import_contacts(self) -> None:
        """An address book or a sheet, through the import dialog and its preview."""
        path = self.choose_import_file()
        if path:
            open_import(self.services, self._operations, path, parent=self, imported=self._changed)

    def choose_import_file(self) -> str:
        """Ask for the file to import; a separate method so tests can answer it."""
        return choose_import_file(self)

    def _changed(self, changes: Changes) -> None:
        self.changed.emit(changes)
        self.refresh()

    # Language ----------------------------------------------------------------------------
    def group_title(self, group: AgendaGroup) -> str:
        return {
            AgendaGroup.OVERDUE: self.tr("Overdue"),
            AgendaGroup.TODAY: self.tr("Today"),
            AgendaGroup.THIS_WEEK: self.tr("This week"),
            AgendaGroup.LATER: self.tr("Later"),
        }[group]

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Today"))
        self.date_label.setText(self._long_date())
        spans = [self.tr("Next 30 days"), self.tr("Next 3 months"), self.tr("Next 12 months")]
        for index, text in enumerate(spans):
            self.span_combo.setItemText(index, text)
        self.refresh_button.setText(self.tr("&Refresh"))
        self.refresh_button.setToolTip(self.tr("Read the agenda again (F5)"))
        self.refresh_button.setShortcut(QKeySequence("F5"))
        self.tree.setHeaderLabels([self.tr("Date"), self.tr("What"), self.tr("Why now")])
        self.open_action.setText(self.tr("&Open"))
        self.log_action.setText(self.tr("&Log interaction…"))
        self.greet_action.setText(self.tr("&Greet…"))
        self.greet_action.setToolTip(
            self.tr("Write or send greetings for this occasion, each in the person's language")
        )
        self.done_action.setText(self.tr("Mark &done"))
        self.snooze_button.setText(self.tr("&Snooze"))
        labels = [
            self.tr("Until tomorrow"),
            self.tr("For 3 days"),
            self.tr("For a week"),
            self.tr("For a month"),
        ]
        for action, text in zip(self.snooze_actions, labels, strict=True):
            action.setText(text)
        self.empty.title.setText(self.tr("Nothing due"))
        self.empty.body.setText(
            self.tr(
                "No anniversary, birthday, festival, follow-up or visit in this period, and "
                "every partner has been in touch recently. Choose a longer period above, or "
                "add partnerships and contacts: their occasions appear here by themselves."
            )
        )
        self.welcome.title.setText(self.tr("Nobody to remind you of yet"))
        self.welcome.body.setText(
            self.tr(
                "Anniversaries, birthdays, festivals and follow-ups appear here once Liaison "
                "knows your partner cities and the people behind them. Load a sample office to "
                "look around in, or import your address book (vCard, CSV or Excel)."
            )
        )
        self.load_sample_button.setText(self.tr("Load sample data"))
        self.import_button.setText(self.tr("Import contacts…"))
        self._fill()
