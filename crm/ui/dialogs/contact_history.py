"""Our history with one person: their titles in both languages and every interaction, newest
first, with a button to log the next one.

The history is a tab widget whose first tab is the timeline, so that visits and gifts can be
added as tabs of their own (`add_tab`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm.domain.names import full_label
from crm.domain.text import DomainError
from crm.services.bundle import Services
from crm.services.changes import Changes
from crm.services.contacts import NOT_FOUND as CONTACT_GONE
from crm.ui.operations import Operations
from crm.ui.widgets.error_label import ErrorLabel
from crm.ui.widgets.timeline import TimelineView, current_language, format_day


class ContactHistoryDialog(QDialog):
    """`changed` carries the `Changes` of an interaction logged from here."""

    changed = Signal(object)

    def __init__(
        self,
        services: Services,
        operations: Operations,
        contact_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._operations = operations
        self.contact_id = contact_id
        self._name = ""

        self.name_label = QLabel()
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.name_label.setFont(font)
        self.titles_label = QLabel()
        self.titles_label.setWordWrap(True)
        self.titles_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.last_contact_label = QLabel()
        self.message_label = ErrorLabel()
        self.log_button = QPushButton()
        self.log_button.clicked.connect(self.log_interaction)

        self.timeline = TimelineView()
        self.no_interactions = QLabel()
        self.no_interactions.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_interactions.setWordWrap(True)
        timeline_tab = QWidget()
        timeline_layout = QVBoxLayout(timeline_tab)
        timeline_layout.setContentsMargins(6, 6, 6, 6)
        timeline_layout.addWidget(self.timeline, 1)
        timeline_layout.addWidget(self.no_interactions, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(timeline_tab, "")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        head = QHBoxLayout()
        names = QVBoxLayout()
        names.addWidget(self.name_label)
        names.addWidget(self.titles_label)
        names.addWidget(self.last_contact_label)
        head.addLayout(names, 1)
        head.addWidget(self.log_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.message_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 120, self.fontMetrics().height() * 38)
        self._load_contact()
        self.reload()
        self.retranslate()

    def add_tab(self, widget: QWidget, title: str) -> int:
        """Another part of the history (visits, gifts…) beside the interactions."""
        return self.tabs.addTab(widget, title)

    def _load_contact(self) -> None:
        rows = self._services.contacts.rows([self.contact_id])
        if not rows:
            self.message_label.set_error(DomainError(CONTACT_GONE))
            self.log_button.setEnabled(False)
            return
        row = rows[0]
        self._name = full_label(row.family_name, row.given_name, row.name_zh)
        self.name_label.setText(self._name)
        english = " · ".join(p for p in (row.position, row.organisation) if p)
        chinese = " · ".join(p for p in (row.position_zh, row.organisation_zh) if p)
        self.titles_label.setText("\n".join(line for line in (english, chinese) if line))

    def reload(self) -> None:
        interactions, contact_id = self._services.interactions, self.contact_id
        self.timeline.set_source(
            lambda limit, offset: interactions.timeline_for_contact(contact_id, limit, offset)
        )
        has = self.timeline.model_.rowCount() > 0
        self.timeline.setVisible(has)
        self.no_interactions.setVisible(not has)
        self._show_last_contact()

    def _show_last_contact(self) -> None:
        last = self._services.interactions.last_contact(self.contact_id)
        if last is None:
            self.last_contact_label.setText(self.tr("No interaction logged yet"))
        else:
            when = format_day(last.isoformat(), current_language())
            self.last_contact_label.setText(self.tr("Last contact: %1").replace("%1", when))

    def log_interaction(self) -> None:
        from crm.ui.dialogs.interaction_dialog import LogInteractionDialog

        dialog = LogInteractionDialog(
            self._services, self._operations, contact_ids=(self.contact_id,), parent=self
        )

        def logged(changes: Changes) -> None:
            self.reload()
            self.changed.emit(changes)

        dialog.logged.connect(logged)
        dialog.open()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("History — {name}").format(name=self._name))
        self.tabs.setTabText(0, self.tr("Interactions"))
        self.log_button.setText(self.tr("Log interaction…"))
        self.no_interactions.setText(
            self.tr("Nothing logged with this person yet. Log a meeting, a call or a greeting.")
        )
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(self.tr("Close"))
        self.message_label.retranslate()
        self.timeline.retranslate()
        self._show_last_contact()
