"""The delegation editor: a visit with its members, programme, gifts, follow-ups and outcomes.

The editor builds a `DelegationDraft` (and the gifts and follow-ups as edits) and hands them to
the delegation service, which saves the visit whole; the rules live in the domain, never here.
Each problem is shown beside its field or under its table, on the tab it belongs to. A save
refused because someone else saved the visit meanwhile shows both versions (`ConflictDialog`).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm.domain.delegation_rules import DelegationDraft
from crm.domain.text import DomainError, ValidationErrors
from crm.services.bundle import Services
from crm.services.changes import Changes
from crm.services.conflicts import DELEGATION_TOGETHER, ChangedElsewhere, merge
from crm.services.delegations import DelegationRecord, FollowUpEdit, GiftEdit
from crm.ui.dialogs.conflict_dialog import COMBINED, ConflictChoice, ConflictDialog
from crm.ui.dialogs.conflict_fields import VisitSide, visit_rows
from crm.ui.language import render
from crm.ui.operations import Operations
from crm.ui.questions import ask_to_discard
from crm.ui.ui_locale import current_language
from crm.ui.widgets.error_label import ErrorLabel
from crm.ui.widgets.follow_ups_table import FollowUpItem, FollowUpsTable
from crm.ui.widgets.gifts_table import GiftItem, GiftsTable
from crm.ui.widgets.itinerary_table import ItineraryItemRow, ItineraryTable
from crm.ui.widgets.members_table import MemberItem, MembersTable
from crm.ui.widgets.tab_errors import TabErrors
from crm.ui.widgets.visit_form import VisitForm
from crm.ui.widgets.visit_values import follow_up_edits, gift_edits, show_visit, visit_draft

VISIT, MEMBERS, ITINERARY, GIFTS, FOLLOW_UPS, OUTCOMES = range(6)


@dataclass(frozen=True)
class VisitState:
    """Everything the editor shows of a visit, its tables' rows as they are."""

    draft: DelegationDraft
    members: list[MemberItem]
    itinerary: list[ItineraryItemRow]
    gifts: list[GiftItem]
    follow_ups: list[FollowUpItem]


class DelegationEditor(QDialog):
    """Create a visit (`delegation_id=None`, optionally for `partnership_id`) or edit one.

    `saved` carries the service's `Changes`; `delegation_id` holds the new id after a create.
    """

    saved = Signal(object)

    def __init__(
        self,
        services: Services,
        operations: Operations,
        *,
        delegation_id: str | None = None,
        partnership_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._operations = operations
        self.delegation_id = delegation_id
        self._version: int | None = None
        self._load_failed = False
        self._busy = False
        self._itinerary_rows: list[int] = []
        self._staff = [(s.id, s.name) for s in services.directory.staff()]
        self._build()
        record = None
        if delegation_id is not None:
            try:
                record = services.delegations.get(delegation_id)
            except DomainError as error:
                self._load_failed = True
                self.message_label.set_error(error)
                self.tabs.setEnabled(False)
                self.save_button.setEnabled(False)
        self._show(record, partnership_id)
        self._loaded = self._snapshot()
        self._set_tab_order()
        self.retranslate()
        self.resize(self.sizeHint())
        self.form.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # Building ----------------------------------------------------------------------------
    def _build(self) -> None:
        services = self._services
        self.message_label = ErrorLabel(self)
        self.form = VisitForm(services.contacts, self)
        self.form.fill_partnerships(services.delegations.partnerships())
        self.members = MembersTable(services.contacts)
        self.itinerary = ItineraryTable(first_day=self.form.first_day)
        self.gifts = GiftsTable(people=self._people)
        self.follow_ups = FollowUpsTable(staff=lambda: self._staff)
        self.tabs = QTabWidget()
        for page in (
            self.form.visit_page,
            self.members,
            self.itinerary,
            self.gifts,
            self.follow_ups,
            self.form.outcomes_page,
        ):
            self.tabs.addTab(page, "")
        self._tables = [
            self.members.table,
            self.itinerary.table,
            self.gifts.table,
            self.follow_ups.table,
        ]
        self.errors = TabErrors(self.tabs, self.message_label)
        for key, label in self.form.errors.items():
            tab = OUTCOMES if key in ("outcomes", "notes") else VISIT
            self.errors.add_field(key, label, tab=tab, focus=self.form.focus[key])
        self.errors.add_table("members", self.members.table, tab=MEMBERS)
        self.errors.add_table(
            "itinerary",
            self.itinerary.table,
            tab=ITINERARY,
            row=lambda row: self._itinerary_rows[row] if row < len(self._itinerary_rows) else row,
        )
        self.errors.add_table("gifts", self.gifts.table, tab=GIFTS)
        self.errors.add_table("photo", self.gifts.table, tab=GIFTS)
        self.errors.add_table("follow_ups", self.follow_ups.table, tab=FOLLOW_UPS)
        self.members.changed.connect(self._members_changed)
        for table in (self.itinerary, self.gifts, self.follow_ups):
            table.changed.connect(self._update_tab_titles)
        self.form.leader_picker.currentIndexChanged.connect(self._leader_chosen)
        self._connect_edits()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save, cancel = (
            self.buttons.button(QDialogButtonBox.StandardButton.Save),
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel),
        )
        assert save is not None and cancel is not None
        self.save_button: QPushButton = save
        self.cancel_button: QPushButton = cancel
        self.prepare_button = QPushButton()
        self.prepare_button.setAutoDefault(False)
        self.prepare_button.clicked.connect(self.open_preparation)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        self._save_shortcut.activated.connect(self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message_label)
        layout.addWidget(self.tabs, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.prepare_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self.save_button.setDefault(True)

    def _connect_edits(self) -> None:
        """Editing a field takes its complaint away."""
        form, clear = self.form, self.errors.clear_field
        form.title_edit.textEdited.connect(lambda _t: clear("title"))
        form.start_edit.dateChanged.connect(lambda _d: (clear("start_on"), clear("end_on")))
        form.end_edit.dateChanged.connect(lambda _d: clear("end_on"))
        form.partnership_combo.currentIndexChanged.connect(lambda _i: clear("partnership_id"))
        form.leader_picker.currentIndexChanged.connect(lambda _i: clear("leader_id"))
        form.purpose_edit.textChanged.connect(lambda: clear("purpose"))
        form.outcomes_edit.textChanged.connect(lambda: clear("outcomes"))
        form.notes_edit.textChanged.connect(lambda: clear("notes"))

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            *self.form.visit_chain(),
            *self.members.tab_chain(),
            *self.itinerary.tab_chain(),
            *self.gifts.tab_chain(),
            *self.follow_ups.tab_chain(),
            *self.form.outcomes_chain(),
            self.prepare_button,
            self.save_button,
            self.cancel_button,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # Loading -----------------------------------------------------------------------------
    def _show(self, record: DelegationRecord | None, partnership_id: str | None) -> None:
        form = self.form
        draft = record.draft if record else DelegationDraft(partnership_id=partnership_id)
        self._version = record.version if record else None
        show_visit(form, draft)
        if record is None:
            self._members_changed()
            return
        self._show_state(self._state_of(record))

    def _state_of(self, record: DelegationRecord) -> VisitState:
        photo = self._services.gifts.photo_path
        return VisitState(
            record.draft,
            [MemberItem.of(m.contact_id, m, m.role) for m in record.members],
            [ItineraryItemRow(i.day, i.time, i.description) for i in record.itinerary],
            [GiftItem.of(g, photo(g.photo)) for g in record.gifts],
            [
                FollowUpItem(f.id, f.description, f.assignee_id, f.assignee, f.due_on, f.done)
                for f in record.follow_ups
            ],
        )

    def _state(self) -> VisitState:
        """The visit as the editor shows it now."""
        return VisitState(
            self.draft(),
            self.members.members(),
            self.itinerary.items(),
            self.gifts.gifts(),
            self.follow_ups.follow_ups(),
        )

    def _show_state(self, state: VisitState) -> None:
        show_visit(self.form, state.draft)
        self._show_members(state)
        self.itinerary.set_items(state.itinerary)
        self.gifts.set_gifts(state.gifts)
        self.follow_ups.set_follow_ups(state.follow_ups)
        self._update_tab_titles()

    def _show_members(self, state: VisitState) -> None:
        self.members.set_members(state.members)
        self._members_changed()
        picker = self.form.leader_picker
        blocked = picker.blockSignals(True)
        picker.set_selected(state.draft.leader_id)
        picker.blockSignals(blocked)

    def _people(self) -> list[tuple[str, str]]:
        return [(m.contact_id, m.label) for m in self.members.members()]

    def _members_changed(self) -> None:
        """The leader is always a member: removing them from the list leaves no leader."""
        people = self._people()
        picker = self.form.leader_picker
        picker.set_members(people)
        if picker.selected_id() not in {None, *(i for i, _label in people)}:
            blocked = picker.blockSignals(True)
            picker.set_selected(None)
            picker.blockSignals(blocked)
        self._update_tab_titles()

    def _leader_chosen(self) -> None:
        """A leader from outside the list joins it, at the head."""
        leader = self.form.leader_picker.selected_id()
        if leader and leader not in {m.contact_id for m in self.members.members()}:
            self.members.add(leader, first=True)

    # Language ----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text in the current language; values and selections stay."""
        title = self.form.title_edit.text().strip()
        if self._version is None and not self._load_failed:
            self.setWindowTitle(self.tr("New visit"))
        else:
            self.setWindowTitle(self.tr("Visit — {title}").format(title=title))
        self.form.retranslate()
        for part in (self.members, self.itinerary, self.gifts, self.follow_ups):
            part.retranslate()
        self._update_tab_titles()
        self.save_button.setText(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save the visit (Ctrl+S)"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.prepare_button.setText(self.tr("Prepare the visit…"))
        self.prepare_button.setToolTip(
            self.tr("Who is coming, their titles in both languages and our history with each")
        )
        self.prepare_button.setEnabled(self._version is not None)
        self.message_label.retranslate()

    def _update_tab_titles(self) -> None:
        counts = {
            MEMBERS: (self.tr("Members"), self.members.model.rowCount()),
            ITINERARY: (self.tr("Itinerary"), self.itinerary.model.rowCount()),
            GIFTS: (self.tr("Gifts"), self.gifts.model.rowCount()),
            FOLLOW_UPS: (self.tr("Follow-ups"), self.follow_ups.model.rowCount()),
        }
        self.tabs.setTabText(VISIT, self.tr("Visit"))
        self.tabs.setTabText(OUTCOMES, self.tr("Outcomes"))
        for tab, (text, count) in counts.items():
            self.tabs.setTabText(tab, f"{text} ({count})" if count else text)

    # Values ------------------------------------------------------------------------------
    def draft(self) -> DelegationDraft:
        """The visit as the editor shows it now."""
        draft, self._itinerary_rows = visit_draft(
            self.form, self.members.members(), self.itinerary.items()
        )
        return draft

    def follow_up_edits(self) -> list[FollowUpEdit]:
        return follow_up_edits(self.follow_ups.follow_ups(), self.delegation_id)

    def gift_edits(self) -> list[GiftEdit]:
        return gift_edits(self.gifts.gifts(), self.delegation_id)

    def _snapshot(self) -> tuple[object, ...]:
        return (self.draft().cleaned(), self.follow_up_edits(), self.gift_edits())

    def has_unsaved_changes(self) -> bool:
        return not self._load_failed and self._snapshot() != self._loaded

    def field_error(self, field: str) -> str:
        """The sentence shown beside `field` (or under its table, on whichever tab); "" when
        there is none."""
        return self.errors.text(field)

    # Saving and leaving ------------------------------------------------------------------
    def save(self) -> None:
        if self._busy or self._load_failed:
            return
        self.form.leader_picker.commit()
        for table in self._tables:
            table.view.finish_editing()
        draft, follow_ups, gifts = self.draft(), self.follow_up_edits(), self.gift_edits()
        self.errors.clear()
        self._set_busy(True)
        service = self._services.delegations
        if self._version is None:
            self._operations.run(
                lambda: service.create(draft, follow_ups=follow_ups, gifts=gifts),
                on_success=lambda result: self._saved(*result),
                on_error=self._failed,
                parent=self,
            )
            return
        delegation_id, version = self.delegation_id, self._version
        assert delegation_id is not None
        self._operations.run(
            lambda: service.update(
                delegation_id, draft, expected_version=version, follow_ups=follow_ups, gifts=gifts
            ),
            on_success=lambda changes: self._saved(delegation_id, changes),
            on_error=self._failed,
            parent=self,
        )

    def _saved(self, delegation_id: str, changes: Changes) -> None:
        self._set_busy(False)
        self.delegation_id = delegation_id
        self._loaded = self._snapshot()
        self.saved.emit(changes)
        self.accept()

    def _failed(self, error: BaseException) -> bool:
        self._set_busy(False)
        if isinstance(error, ChangedElsewhere):
            self._resolve_conflict(error)
            return True
        if not isinstance(error, DomainError):
            return False
        # A visit deleted elsewhere is said at the top, like any error of no one field.
        self.errors.show(error.errors if isinstance(error, ValidationErrors) else [error])
        return True

    # Someone else saved first ------------------------------------------------------------
    def _resolve_conflict(self, error: ChangedElsewhere) -> None:
        """Both versions side by side; then save mine over theirs, take theirs, or go back
        to editing with theirs combined into mine."""
        record = error.theirs
        assert isinstance(record, DelegationRecord)
        mine, theirs = self._state(), self._state_of(record)
        dialog = ConflictDialog(
            render(error.sentence(current_language())),
            visit_rows(
                self._services,
                VisitSide(mine.draft, mine.gifts, mine.follow_ups),
                VisitSide(theirs.draft, theirs.gifts, theirs.follow_ups),
            ),
            parent=self,
        )
        choice = self.exec_conflict(dialog)
        dialog.deleteLater()
        if choice is None:  # closed without choosing: as before, and saving asks again
            self.errors.show([error])
            return
        self._version = record.version
        if choice is ConflictChoice.KEEP_MINE:
            self.save()
        elif choice is ConflictChoice.KEEP_THEIRS:
            super().reject()
        else:
            self._combine(mine, theirs)

    def _combine(self, mine: VisitState, theirs: VisitState) -> None:
        """Their version, with what I changed since I opened the visit on top."""
        base_draft, base_follow_ups, base_gifts = self._loaded
        assert isinstance(base_draft, DelegationDraft)
        self.form.fill_partnerships(self._services.delegations.partnerships())
        self._show_state(theirs)
        self._loaded = self._snapshot()
        combined = merge(base_draft, mine.draft, theirs.draft, together=DELEGATION_TOGETHER)
        show_visit(self.form, combined.draft)
        if "members" in combined.mine:
            self._show_members(mine)
        if "itinerary" in combined.mine:
            self.itinerary.set_items(mine.itinerary)
        if follow_up_edits(mine.follow_ups, self.delegation_id) != base_follow_ups:
            self.follow_ups.set_follow_ups(mine.follow_ups)
        if gift_edits(mine.gifts, self.delegation_id) != base_gifts:
            self.gifts.set_gifts(mine.gifts)
        self._update_tab_titles()
        self.errors.show([DomainError(COMBINED)])
        self.retranslate()

    def exec_conflict(self, dialog: ConflictDialog) -> ConflictChoice | None:
        """Run the conflict dialog; a separate method so tests can answer it."""
        dialog.exec()
        return dialog.choice

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.save_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)

    def confirm_discard(self) -> bool:
        """Ask before throwing edits away; True means discard."""
        return ask_to_discard(
            self,
            title=self.tr("Unsaved changes"),
            question=self.tr("Discard your changes to this visit?"),
            discard=self.tr("Discard"),
            keep=self.tr("Keep editing"),
        )

    def reject(self) -> None:
        """Cancel, Esc and closing the window all come here."""
        if self._busy:
            return
        if self.has_unsaved_changes() and not self.confirm_discard():
            return
        super().reject()

    def open_preparation(self) -> None:
        if self.delegation_id is None or self._version is None:
            return
        from crm.ui.widgets.delegation_prep import DelegationPreparation

        view = DelegationPreparation(self._services, self.delegation_id, parent=self)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.show()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        metrics = self.fontMetrics()
        return (
            super()
            .sizeHint()
            .expandedTo(QSize(metrics.averageCharWidth() * 120, metrics.lineSpacing() * 34))
        )
