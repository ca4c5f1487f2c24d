"""The members of a visit, in protocol order: who, their title in both languages, their role.

People are added with the contact picker (any contact, found by typing part of a name); the
role is typed in the table. Order matters in protocol, so rows move up and down.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from crm.domain.names import full_label
from crm.services.contacts import ContactService
from crm.ui.ui_locale import current_language
from crm.ui.widgets.contact_picker import _ContactPicker
from crm.ui.widgets.row_table import RowsModel, RowTable

NAME, POSITION, ORGANISATION, ROLE = range(4)


class _Person(Protocol):
    """A contact's row or a member's row: what the table shows of a person."""

    @property
    def family_name(self) -> str: ...
    @property
    def given_name(self) -> str: ...
    @property
    def name_zh(self) -> str: ...
    @property
    def honorific(self) -> str: ...
    @property
    def position(self) -> str: ...
    @property
    def position_zh(self) -> str: ...
    @property
    def organisation(self) -> str: ...
    @property
    def organisation_zh(self) -> str: ...


@dataclass
class MemberItem:
    contact_id: str
    family_name: str
    given_name: str
    name_zh: str
    honorific: str
    position: str
    position_zh: str
    organisation: str
    organisation_zh: str
    role: str = ""

    @classmethod
    def of(cls, contact_id: str, person: _Person, role: str = "") -> MemberItem:
        return cls(
            contact_id,
            person.family_name,
            person.given_name,
            person.name_zh,
            person.honorific,
            person.position,
            person.position_zh,
            person.organisation,
            person.organisation_zh,
            role,
        )

    @property
    def label(self) -> str:
        return full_label(self.family_name, self.given_name, self.name_zh)


def both(first: str, second: str) -> str:
    """ "Vice Mayor / 副市长", or whichever of the two is known."""
    return " / ".join(text for text in (first, second) if text)


class MembersModel(RowsModel[MemberItem]):
    def headers(self) -> list[str]:
        translate = QCoreApplication.translate
        return [
            translate("MembersTable", "Name"),
            translate("MembersTable", "Position"),
            translate("MembersTable", "Organisation"),
            translate("MembersTable", "Role in the delegation"),
        ]

    def display(self, row: MemberItem, column: int) -> str:
        if column == NAME:
            return row.label
        if column == POSITION:
            return both(row.position, row.position_zh)
        if column == ORGANISATION:
            chinese = current_language() == "zh_CN"
            return (row.organisation_zh if chinese else "") or row.organisation
        return row.role

    def editable(self, column: int) -> bool:
        return column == ROLE

    def set_value(self, row: MemberItem, column: int, value: Any) -> bool:
        row.role = str(value or "").strip()
        return True

    def tooltip(self, row: MemberItem, column: int) -> str | None:
        if column == ORGANISATION:
            return both(row.organisation, row.organisation_zh)
        return None

    def ids(self) -> list[str]:
        return [member.contact_id for member in self._rows]

    def row_of(self, contact_id: str) -> int:
        return self.ids().index(contact_id) if contact_id in self.ids() else -1


class MembersTable(QWidget):
    """`changed` fires when people are added, removed, moved or their roles edited."""

    changed = Signal()

    def __init__(self, contacts: ContactService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._contacts = contacts
        self.model = MembersModel(self)
        self.table = RowTable(self.model)
        self.picker = _ContactPicker(contacts, exclude=None)
        self.picker_label = QLabel()
        self.picker_label.setBuddy(self.picker)
        self.add_button = QPushButton()
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_picked)
        self.remove_button = self.table.add_button(needs_row=True)
        self.up_button = self.table.add_button(needs_row=True)
        self.down_button = self.table.add_button(needs_row=True)
        self.table.finish_buttons()
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.model.edited.connect(self.changed)
        self.table.stretch(POSITION, ORGANISATION, ROLE)

        picking = QHBoxLayout()
        picking.addWidget(self.picker_label)
        picking.addWidget(self.picker, 1)
        picking.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(picking)
        layout.addWidget(self.table, 1)

    def tab_chain(self) -> list[QWidget]:
        return [
            self.picker,
            self.add_button,
            self.table.view,
            self.remove_button,
            self.up_button,
            self.down_button,
        ]

    def retranslate(self) -> None:
        self.picker_label.setText(self.tr("Add a person:"))
        self.picker.set_none_label("")
        if (line := self.picker.lineEdit()) is not None:
            line.setPlaceholderText(self.tr("Type part of a name, in any script"))
        self.add_button.setText(self.tr("Add member"))
        self.remove_button.setText(self.tr("Remove"))
        self.up_button.setText(self.tr("Move up"))
        self.down_button.setText(self.tr("Move down"))
        self.up_button.setToolTip(self.tr("Members are listed in protocol order"))
        self.table.error.retranslate()
        self.model.refresh()

    # Members -----------------------------------------------------------------------------
    def set_members(self, members: list[MemberItem]) -> None:
        self.model.set_rows(members)

    def members(self) -> list[MemberItem]:
        return self.model.rows()

    def add_picked(self) -> None:
        self.picker.commit()
        contact_id = self.picker.selected_id()
        if contact_id:
            self.add(contact_id)
            self.picker.set_selected(None)
        self.picker.setFocus()

    def add(self, contact_id: str, *, first: bool = False) -> None:
        """Add a contact (once: a second time selects the row already there)."""
        existing = self.model.row_of(contact_id)
        if existing < 0:
            rows = self._contacts.rows([contact_id])
            if not rows:
                return
            item = MemberItem.of(contact_id, rows[0])
            if first:
                self.model.insert(0, item)
                existing = 0
            else:
                existing = self.model.append(item)
        self.table.select(existing, ROLE)

    def remove_current(self) -> None:
        row = self.table.current_row()
        if row >= 0:
            self.model.remove(row)
            self.table.select(min(row, self.model.rowCount() - 1))

    def _move(self, delta: int) -> None:
        row = self.table.current_row()
        if row >= 0:
            self.table.select(self.model.move(row, delta))
