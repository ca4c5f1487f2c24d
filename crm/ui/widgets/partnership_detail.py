"""Everything about one partnership on one screen: who, since when, how it is going, and its
agreements, visits, interactions, people and open follow-ups, each in a tab.

The widget reads the partnership service's `detail` and shows it; it changes nothing itself.
What the user asks for (edit, log, add an agreement, open a visit or a person) goes out as
signals or through the actions the page puts on its buttons.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm.domain.formatting import babel_locale
from crm.domain.places import country_name
from crm.domain.relative_time import days_ago
from crm.domain.text import DomainError
from crm.services.bundle import Services
from crm.services.partnerships import PartnershipDetail as Detail
from crm.services.partnerships import PersonRow
from crm.ui.models.partnerships import status_label, type_label
from crm.ui.widgets.detail_lists import (
    DOCUMENT_ROLE,
    ID_ROLE,
    ListTab,
    day,
    fill_agreements,
    fill_delegations,
    fill_follow_ups,
    fill_people,
    partial,
)
from crm.ui.widgets.error_label import ErrorLabel
from crm.ui.widgets.timeline import TimelineView

# The overview, always in view above the tabs: pairs side by side, then whole-width rows.
OVERVIEW_PAIRS = (("country", "areas"), ("type", "owner"), ("status", "formalised_on"))
OVERVIEW_WIDE = ("champions", "notes")


class PartnershipDetail(QWidget):
    open_delegation = Signal(str)
    open_contact = Signal(str)
    add_agreement = Signal()
    add_delegation = Signal()
    edit_agreement = Signal(str)

    def __init__(
        self, services: Services, language: Callable[[], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._language = language
        self.partnership_id: str | None = None
        self.detail: Detail | None = None

        self.name_label = QLabel()
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle_label = QLabel()
        self.subtitle_label.setWordWrap(True)
        self.last_contact_label = QLabel()
        self.message_label = ErrorLabel()
        self.edit_button = QToolButton()
        self.log_button = QToolButton()
        for button in (self.edit_button, self.log_button):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAutoRaise(False)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.overview, self.overview_labels, self.overview_values = self._overview()
        self.overview.setVisible(False)
        self.agreements = ListTab(4)
        self.add_agreement_button = self.agreements.add_button()
        self.edit_agreement_button = self.agreements.add_button()
        self.open_document_button = self.agreements.add_button()
        self.delegations = ListTab(5)
        self.add_delegation_button = self.delegations.add_button()
        self.open_delegation_button = self.delegations.add_button()
        self.timeline = TimelineView()
        self.timeline.model_.show_partner = False
        self.interactions = QWidget()
        timeline_layout = QVBoxLayout(self.interactions)
        timeline_layout.setContentsMargins(6, 6, 6, 6)
        timeline_layout.addWidget(self.timeline)
        self.no_interactions = QLabel()
        self.no_interactions.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_interactions.setWordWrap(True)
        timeline_layout.addWidget(self.no_interactions)
        self.people = ListTab(6)
        self.follow_ups = ListTab(4)
        for tab in (
            self.agreements,
            self.delegations,
            self.interactions,
            self.people,
            self.follow_ups,
        ):
            self.tabs.addTab(tab, "")

        head = QHBoxLayout()
        names = QVBoxLayout()
        names.addWidget(self.name_label)
        names.addWidget(self.subtitle_label)
        names.addWidget(self.last_contact_label)
        head.addLayout(names, 1)
        head.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.log_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.message_label)
        layout.addWidget(self.overview)
        layout.addSpacing(6)
        layout.addWidget(self.tabs, 1)

        self.add_agreement_button.clicked.connect(self.add_agreement)
        self.add_delegation_button.clicked.connect(self.add_delegation)
        self.open_delegation_button.clicked.connect(self._open_current_delegation)
        self.edit_agreement_button.clicked.connect(self._edit_agreement)
        self.open_document_button.clicked.connect(self._open_current_document)
        self.agreements.view.doubleClicked.connect(self._agreement_activated)
        self.agreements.view.selectionModel().currentChanged.connect(self._update_buttons)
        self.delegations.view.doubleClicked.connect(
            lambda index: self.open_delegation.emit(str(index.siblingAtColumn(0).data(ID_ROLE)))
        )
        self.people.view.doubleClicked.connect(
            lambda index: self.open_contact.emit(str(index.siblingAtColumn(0).data(ID_ROLE)))
        )
        self.retranslate()

    def _overview(self) -> tuple[QWidget, dict[str, QLabel], dict[str, QLabel]]:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        labels: dict[str, QLabel] = {}
        values: dict[str, QLabel] = {}

        def pair(key: str, row: int, column: int, span: int = 1) -> None:
            labels[key], values[key] = QLabel(), QLabel()
            labels[key].setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            labels[key].setForegroundRole(QPalette.ColorRole.PlaceholderText)
            values[key].setWordWrap(True)
            values[key].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            top = Qt.AlignmentFlag.AlignTop
            grid.addWidget(labels[key], row, column, 1, 1, top | Qt.AlignmentFlag.AlignRight)
            grid.addWidget(values[key], row, column + 1, 1, span, top)

        for row, (left, right) in enumerate(OVERVIEW_PAIRS):
            pair(left, row, 0)
            pair(right, row, 2)
        for offset, key in enumerate(OVERVIEW_WIDE):
            pair(key, len(OVERVIEW_PAIRS) + offset, 0, span=3)
        return box, labels, values

    # Data ----------------------------------------------------------------------------------
    def show_partnership(self, partnership_id: str | None) -> None:
        self.partnership_id = partnership_id
        self.reload()

    def reload(self) -> None:
        self.detail = None
        self.message_label.set_error(None)
        if self.partnership_id is not None:
            try:
                self.detail = self._services.partnerships.detail(self.partnership_id)
            except DomainError as error:
                self.message_label.set_error(error)
        self._show()

    def _show(self) -> None:
        detail, language = self.detail, self._language()
        self.tabs.setEnabled(detail is not None)
        self.overview.setVisible(detail is not None)
        if detail is None:
            self.name_label.clear()
            self.subtitle_label.clear()
            self.last_contact_label.clear()
            for value in self.overview_values.values():
                value.clear()
            for tab in (self.agreements, self.delegations, self.people, self.follow_ups):
                tab.clear()
            self.timeline.set_source(None)
            self._update_buttons()
            return
        row = detail.row
        chinese = language.startswith("zh")
        names = (row.partner_zh, row.partner) if chinese else (row.partner, row.partner_zh)
        self.name_label.setText("  ".join(n for n in names if n))
        country = country_name(row.country, babel_locale(language))
        since = partial(row.formalised_on, language)
        parts = [country, type_label(row.type), status_label(row.status)]
        if since:
            parts.append(self.tr("since %1").replace("%1", since))
        self.subtitle_label.setText(" · ".join(p for p in parts if p))
        self.last_contact_label.setText(self._last_contact_text(detail))
        values = self.overview_values
        values["country"].setText(
            f"{country} ({row.country})" + (f" — {row.region}" if row.region else "")
        )
        values["type"].setText(type_label(row.type))
        values["formalised_on"].setText(since or self.tr("not recorded"))
        values["status"].setText(status_label(row.status))
        values["areas"].setText(", ".join(row.areas))
        values["owner"].setText(row.owner or self.tr("nobody"))
        values["champions"].setText(
            "\n".join(self._person_line(p, chinese) for p in detail.champions)
            or self.tr("none yet")
        )
        values["notes"].setText(detail.notes)
        fill_agreements(self.agreements, detail.agreements, language)
        fill_delegations(self.delegations, detail.delegations, language)
        fill_people(self.people, detail.people, language)
        fill_follow_ups(self.follow_ups, detail.follow_ups, language)
        partnership_id, interactions = row.id, self._services.interactions
        self.timeline.set_source(
            lambda limit, offset: interactions.timeline_for_partnership(
                partnership_id, limit, offset
            ),
            detail.interactions,
        )
        has_interactions = bool(detail.interactions)
        self.timeline.setVisible(has_interactions)
        self.no_interactions.setVisible(not has_interactions)
        self._update_buttons()
        self._retitle_tabs()

    @staticmethod
    def _person_line(person: PersonRow, chinese: bool) -> str:
        position = (person.position_zh if chinese else "") or person.position
        label = person.name or person.name_zh
        if person.name and person.name_zh:
            label = f"{person.name} ({person.name_zh})"
        return f"{label} — {position}" if position else label

    def _last_contact_text(self, detail: Detail) -> str:
        days = detail.days_since_contact
        if days is None or detail.last_contact is None:
            return self.tr("No contact logged yet")
        when = day(detail.last_contact.isoformat(), self._language())
        if days <= 0:
            return self.tr("Last contact today (%1)").replace("%1", when)
        text = self.tr("Last contact %1 (%2)").replace("%2", when)
        return text.replace("%1", days_ago(days, self._language()))

    # Agreements ----------------------------------------------------------------------------
    def _current_agreement(self) -> str | None:
        index = self.agreements.view.currentIndex()
        key = index.data(ID_ROLE) if index.isValid() else None
        return str(key) if key else None

    def _edit_agreement(self) -> None:
        agreement_id = self._current_agreement()
        if agreement_id:
            self.edit_agreement.emit(agreement_id)

    def _agreement_activated(self, index: QModelIndex) -> None:
        if index.data(DOCUMENT_ROLE):
            self.open_document(str(index.data(DOCUMENT_ROLE)))
        elif index.data(ID_ROLE):
            self.edit_agreement.emit(str(index.data(ID_ROLE)))

    def _open_current_document(self) -> None:
        index = self.agreements.view.currentIndex()
        if index.isValid() and index.data(DOCUMENT_ROLE):
            self.open_document(str(index.data(DOCUMENT_ROLE)))

    def open_document(self, document_id: str) -> None:
        """Show an attached document in the system's viewer."""
        try:
            path = self._services.agreements.document_path(document_id)
        except DomainError as error:
            self.message_label.set_error(error)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _update_buttons(self) -> None:
        has = self.detail is not None
        self.add_agreement_button.setEnabled(has)
        self.add_delegation_button.setEnabled(has)
        self.edit_agreement_button.setEnabled(has and self._current_agreement() is not None)
        index = self.agreements.view.currentIndex()
        self.open_document_button.setEnabled(
            has and index.isValid() and bool(index.data(DOCUMENT_ROLE))
        )

    # Language ------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _retitle_tabs(self) -> None:
        detail = self.detail

        def counted(text: str, items: list[Any] | None) -> str:
            return f"{text} ({len(items)})" if items else text

        titles = (
            counted(self.tr("Agreements"), detail.agreements if detail else None),
            counted(self.tr("Visits"), detail.delegations if detail else None),
            self.tr("Interactions"),
            counted(self.tr("People"), detail.people if detail else None),
            counted(self.tr("Follow-ups"), detail.follow_ups if detail else None),
        )
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)

    def _open_current_delegation(self) -> None:
        index = self.delegations.view.currentIndex()
        if index.isValid():
            self.open_delegation.emit(str(index.siblingAtColumn(0).data(ID_ROLE)))

    def retranslate(self) -> None:
        texts = {
            "country": self.tr("Country:"),
            "type": self.tr("Type:"),
            "formalised_on": self.tr("Formalised on:"),
            "status": self.tr("Status:"),
            "areas": self.tr("Cooperation areas:"),
            "owner": self.tr("Owner:"),
            "champions": self.tr("Champions:"),
            "notes": self.tr("Notes:"),
        }
        for key, text in texts.items():
            self.overview_labels[key].setText(text)
        self.add_agreement_button.setText(self.tr("Add agreement…"))
        self.add_delegation_button.setText(self.tr("Add visit…"))
        self.open_delegation_button.setText(self.tr("Open visit…"))
        self.edit_agreement_button.setText(self.tr("Edit…"))
        self.open_document_button.setText(self.tr("Open document"))
        self.agreements.empty.setText(
            self.tr(
                "No agreements recorded yet. Add the MoU or friendship-city agreement, and "
                "later letters of intent, project agreements and contracts."
            )
        )
        self.delegations.empty.setText(
            self.tr("No visits recorded yet: incoming and outgoing delegations appear here.")
        )
        self.people.empty.setText(
            self.tr(
                "No people yet: choose champions in the partnership, or add contacts "
                "of the partner city's organisations."
            )
        )
        self.follow_ups.empty.setText(self.tr("Nothing open: every follow-up is done."))
        self.no_interactions.setText(
            self.tr("No interactions logged yet. Log a meeting, a call or a greeting.")
        )
        self.message_label.retranslate()
        self._retitle_tabs()
        self._show()
