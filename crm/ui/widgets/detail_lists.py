"""The lists of a partnership's detail (agreements, visits, people, follow-ups): a titled tab
with a tree view over a small item model, a sentence when it is empty, and buttons.

The fill functions turn service rows into items: labels in the UI language, dates by Babel.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from babel.dates import format_date
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from crm.domain.formatting import babel_locale, format_partial_date
from crm.domain.partnerships import (
    AGREEMENT_KIND_LABELS,
    BINDING,
    DELEGATION_DIRECTION_LABELS,
    DELEGATION_STATUS_LABELS,
    NOT_BINDING,
    AgreementKind,
)
from crm.domain.text import DomainError, Text
from crm.services.partnerships import AgreementRow, DelegationRow, FollowUpRow, PersonRow
from crm.ui.language import render

ID_ROLE = Qt.ItemDataRole.UserRole + 1
DOCUMENT_ROLE = Qt.ItemDataRole.UserRole + 2


def label_of(labels: Mapping[Any, Text], value: str) -> str:
    """The translated label of a vocabulary value (the enums are strings), or the value itself
    if it is not one we know."""
    text = labels.get(value)
    return render(text) if text is not None else value


def partial(value: str, language: str) -> str:
    try:
        return format_partial_date(value, language) if value else ""
    except DomainError:
        return value


def day(value: str, language: str) -> str:
    try:
        return format_date(dt.date.fromisoformat(value), "medium", locale=babel_locale(language))
    except ValueError:
        return value


def _item(text: str, key: str | None = None, tooltip: str = "") -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setToolTip(tooltip or text)
    if key is not None:
        item.setData(key, ID_ROLE)
    return item


class ListTab(QWidget):
    """A tree view, a sentence shown instead when there is nothing, and a row of buttons."""

    def __init__(self, columns: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QStandardItemModel(0, columns, self)
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setAlternatingRowColors(True)
        # Rows with Chinese are taller (a fallback font): no uniform height taken from the first.
        self.view.setUniformRowHeights(False)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.header().setStretchLastSection(True)
        self.view.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(self.buttons)
        self.empty.hide()

    def add_button(self) -> QPushButton:
        button = QPushButton()
        self.buttons.insertWidget(self.buttons.count() - 1, button)
        return button

    def set_headers(self, *texts: str) -> None:
        self.model.setHorizontalHeaderLabels(list(texts))

    def clear(self) -> None:
        self.model.removeRows(0, self.model.rowCount())

    def finish(self, widths: tuple[int, ...] = ()) -> None:
        empty = self.model.rowCount() == 0
        self.view.setVisible(not empty)
        self.empty.setVisible(empty)
        for column, width in enumerate(widths):
            self.view.setColumnWidth(column, width)

    def selected_key(self) -> str | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        key = index.siblingAtColumn(0).data(ID_ROLE)
        return str(key) if key else None


def fill_agreements(tab: ListTab, agreements: list[AgreementRow], language: str) -> None:
    """One row per agreement, newest first; under it whether it binds, who signed, its files."""
    tab.clear()
    tab.set_headers(
        QApplication.translate("PartnershipDetail", "Agreement"),
        QApplication.translate("PartnershipDetail", "Title"),
        QApplication.translate("PartnershipDetail", "Signed on"),
        QApplication.translate("PartnershipDetail", "Review / expiry"),
    )
    tab.view.setRootIsDecorated(True)
    bold = QFont()
    bold.setBold(True)
    for agreement in agreements:
        try:
            kind = AgreementKind(agreement.kind)
        except ValueError:
            kind = AgreementKind.MOU
        dates = " / ".join(
            day(d, language) for d in (agreement.review_on, agreement.expires_on) if d
        )
        cells = [
            _item(label_of(AGREEMENT_KIND_LABELS, agreement.kind), agreement.id),
            _item(agreement.title, agreement.id),
            _item(partial(agreement.signed_on, language), agreement.id),
            _item(dates, agreement.id),
        ]
        parent = cells[0]
        binding = _item(render(BINDING if kind.legally_binding else NOT_BINDING), agreement.id)
        if kind.legally_binding:
            binding.setFont(bold)
        parent.appendRow(binding)
        if agreement.signatories:
            names = ", ".join(p.label for p in agreement.signatories)
            parent.appendRow(
                _item(
                    QApplication.translate("PartnershipDetail", "Signed by: %1").replace(
                        "%1", names
                    ),
                    agreement.id,
                )
            )
        for document in agreement.documents:
            item = _item(
                document.filename,
                agreement.id,
                QApplication.translate("PartnershipDetail", "Double-click to open"),
            )
            item.setIcon(tab.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon))
            item.setData(document.id, DOCUMENT_ROLE)
            parent.appendRow(item)
        tab.model.appendRow(cells)
    for row in range(tab.model.rowCount()):
        parent_index = tab.model.index(row, 0)
        for child in range(tab.model.rowCount(parent_index)):
            tab.view.setFirstColumnSpanned(child, parent_index, True)
    tab.view.expandAll()
    metrics = tab.view.fontMetrics()
    kinds = [label_of(AGREEMENT_KIND_LABELS, a.kind) for a in agreements]
    widest = max((metrics.horizontalAdvance(k) for k in kinds), default=0)
    tab.finish((widest + tab.view.indentation() + 24, 240, 140))


def fill_delegations(tab: ListTab, delegations: list[DelegationRow], language: str) -> None:
    tab.clear()
    tab.set_headers(
        QApplication.translate("PartnershipDetail", "Visit"),
        QApplication.translate("PartnershipDetail", "Direction"),
        QApplication.translate("PartnershipDetail", "Dates"),
        QApplication.translate("PartnershipDetail", "Status"),
        QApplication.translate("PartnershipDetail", "Leader"),
    )
    for d in delegations:
        dates = " – ".join(dict.fromkeys(day(x, language) for x in (d.start_on, d.end_on) if x))
        leader = d.leader_zh if language.startswith("zh") and d.leader_zh else d.leader
        direction = label_of(DELEGATION_DIRECTION_LABELS, d.direction)
        status = label_of(DELEGATION_STATUS_LABELS, d.status)
        tab.model.appendRow(
            [_item(text, d.id) for text in (d.title, direction, dates, status, leader)]
        )
    tab.finish((230, 90, 190, 90))


def fill_people(tab: ListTab, people: list[PersonRow], language: str) -> None:
    tab.clear()
    tab.set_headers(
        QApplication.translate("PartnershipDetail", "Name"),
        QApplication.translate("PartnershipDetail", "Chinese name"),
        QApplication.translate("PartnershipDetail", "Role"),
        QApplication.translate("PartnershipDetail", "Position"),
        QApplication.translate("PartnershipDetail", "Position in Chinese"),
        QApplication.translate("PartnershipDetail", "Organisation"),
    )
    chinese = language.startswith("zh")
    for person in people:
        roles = [QApplication.translate("PartnershipDetail", "Champion")] if person.champion else []
        roles += [
            QApplication.translate("PartnershipDetail", "Delegation: %1").replace("%1", r)
            for r in person.delegation_roles
        ]
        if person.in_partner_city and not roles:
            roles.append(QApplication.translate("PartnershipDetail", "Partner city"))
        organisation = (person.organisation_zh if chinese else "") or person.organisation
        texts = (
            person.name,
            person.name_zh,
            ", ".join(roles),
            person.position,
            person.position_zh,
            organisation,
        )
        tab.model.appendRow([_item(text, person.id) for text in texts])
    tab.finish((140, 95, 150, 200, 150))


def fill_follow_ups(tab: ListTab, follow_ups: list[FollowUpRow], language: str) -> None:
    tab.clear()
    tab.set_headers(
        QApplication.translate("PartnershipDetail", "Due"),
        QApplication.translate("PartnershipDetail", "What"),
        QApplication.translate("PartnershipDetail", "Who"),
        QApplication.translate("PartnershipDetail", "Visit"),
    )
    for f in follow_ups:
        texts = (day(f.due_on, language), f.description, f.assignee, f.delegation_title)
        tab.model.appendRow([_item(text, f.id) for text in texts])
    tab.finish((120, 320, 140))
