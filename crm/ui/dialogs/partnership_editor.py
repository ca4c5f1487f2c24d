"""The partnership editor: partner place, type, formalised on, status, how often to keep in
touch, areas, champions, owner.

It builds a `PartnershipDraft` for the partnership service; the rules live in the draft's
`validate`, and each problem comes back to be shown beside its field. A save refused because
someone else saved the partnership meanwhile shows both versions (`ConflictDialog`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from crm.domain.occasions import partnership_interval
from crm.domain.partnership_rules import PartnershipDraft
from crm.domain.partnerships import (
    PARTNERSHIP_STATUS_LABELS,
    PARTNERSHIP_TYPE_LABELS,
    PartnershipStatus,
    PartnershipType,
)
from crm.domain.text import DomainError
from crm.services.bundle import Services
from crm.services.changes import Changes
from crm.services.conflicts import PARTNERSHIP_TOGETHER, ChangedElsewhere, DeletedElsewhere, merge
from crm.services.partnerships import PartnershipRecord
from crm.ui.dialogs.conflict_dialog import (
    COMBINED,
    ConflictChoice,
    ConflictDialog,
    ask_to_save_as_new,
)
from crm.ui.dialogs.conflict_fields import partnership_rows
from crm.ui.dialogs.form_dialog import FormDialog
from crm.ui.dialogs.place_dialog import PlaceDialog
from crm.ui.language import render
from crm.ui.operations import Operations
from crm.ui.ui_locale import current_language
from crm.ui.widgets.contact_list_picker import ContactListPicker
from crm.ui.widgets.keep_in_touch import KeepInTouchEdit
from crm.ui.widgets.tag_edit import TagEdit


class PartnershipEditor(FormDialog):
    """Create a partnership (`partnership_id=None`) or edit one. `saved` carries the service's
    `Changes` (a place added inline is in them too); `partnership_id` holds the new id."""

    saved = Signal(object)

    def __init__(
        self,
        services: Services,
        operations: Operations,
        *,
        partnership_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._operations = operations
        self.partnership_id = partnership_id
        self._version: int | None = None
        self._title = ""
        self._extra_changes = Changes()
        # The office's interval for each status (the built-in defaults where it set none).
        self._status_intervals = services.reminders.intervals().status
        self._build()
        loaded = PartnershipDraft()
        if partnership_id is not None:
            try:
                record = services.partnerships.get(partnership_id)
            except DomainError as error:
                self.message_label.set_error(error)
                self.save_button.setEnabled(False)
            else:
                self._version, loaded, self._title = record.version, record.draft, record.place.name
        self.show_draft(loaded)
        self._loaded = self.draft()
        self._connect_edits()
        self.retranslate()
        self.place_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def _build(self) -> None:
        self.place_combo = QComboBox()
        self.place_combo.setMinimumContentsLength(24)
        self.new_place_button = QPushButton()
        self.new_place_button.clicked.connect(self.new_place)
        self.type_combo = QComboBox()
        for kind in PartnershipType:
            self.type_combo.addItem("", str(kind))
        self.formalised_edit = QLineEdit()
        self.status_combo = QComboBox()
        for status in PartnershipStatus:
            self.status_combo.addItem("", str(status))
        self.keep_in_touch = KeepInTouchEdit()
        self.keep_in_touch_combo = self.keep_in_touch.combo
        self.keep_in_touch_spin = self.keep_in_touch.spin
        self.areas_edit = TagEdit(self._services.partnerships.areas())
        self.champions_edit = ContactListPicker(self._services.contacts)
        self.owner_combo = QComboBox()
        self.owner_combo.addItem("", None)
        for member in self._services.directory.staff():
            self.owner_combo.addItem(member.name, member.id)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        place_cell = QWidget()
        row = QHBoxLayout(place_cell)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.place_combo, 1)
        row.addWidget(self.new_place_button)
        self.lay_out(
            {
                "place_id": self.place_combo,
                "type": self.type_combo,
                "formalised_on": self.formalised_edit,
                "status": self.status_combo,
                "keep_in_touch_days": self.keep_in_touch_combo,
                "areas": self.areas_edit,
                "champion_ids": self.champions_edit,
                "owner_id": self.owner_combo,
                "notes": self.notes_edit,
            },
            cells={"place_id": place_cell, "keep_in_touch_days": self.keep_in_touch},
        )
        self._fill_places()
        self.status_combo.currentIndexChanged.connect(self._status_changed)

    def _fill_places(self, select: str | None = None) -> None:
        current = select or self.place_combo.currentData()
        self.place_combo.clear()
        self.place_combo.addItem(self.tr("(choose a place)"), None)
        for place in self._services.partnerships.places():
            label = f"{place.name} / {place.name_zh}" if place.name_zh else place.name
            self.place_combo.addItem(f"{label} ({place.country})", place.id)
        self.place_combo.setCurrentIndex(max(0, self.place_combo.findData(current)))

    def _connect_edits(self) -> None:
        """Editing a field takes its complaint away."""
        for key in ("place_id", "type", "status", "owner_id"):
            combo = self.fields[key]
            assert isinstance(combo, QComboBox)
            combo.currentIndexChanged.connect(lambda _i, key=key: self.clear_error_on_edit(key))
        for key, edit in (("formalised_on", self.formalised_edit), ("areas", self.areas_edit)):
            edit.textEdited.connect(lambda _t, key=key: self.clear_error_on_edit(key))
        self.champions_edit.changed.connect(lambda: self.clear_error_on_edit("champion_ids"))
        self.keep_in_touch.changed.connect(lambda: self.clear_error_on_edit("keep_in_touch_days"))
        self.notes_edit.textChanged.connect(lambda: self.clear_error_on_edit("notes"))

    # Values ------------------------------------------------------------------------------
    def show_draft(self, draft: PartnershipDraft) -> None:
        def select(combo: QComboBox, value: str | None) -> None:
            combo.setCurrentIndex(max(0, combo.findData(value)) if value else 0)

        select(self.place_combo, draft.place_id)
        select(self.type_combo, str(draft.type))
        self.formalised_edit.setText(draft.formalised_on)
        select(self.status_combo, str(draft.status))
        self.keep_in_touch.set_days(
            draft.keep_in_touch_days, suggested=self._status_default(str(draft.status))
        )
        self.areas_edit.set_tags(draft.areas)
        self.champions_edit.set_ids(draft.champion_ids)
        select(self.owner_combo, draft.owner_id)
        self.notes_edit.setPlainText(draft.notes)

    def draft(self) -> PartnershipDraft:
        return PartnershipDraft(
            place_id=self.place_combo.currentData(),
            type=PartnershipType(self.type_combo.currentData()),
            formalised_on=self.formalised_edit.text(),
            status=PartnershipStatus(self.status_combo.currentData()),
            areas=self.areas_edit.tags(),
            champion_ids=self.champions_edit.ids(),
            owner_id=self.owner_combo.currentData(),
            notes=self.notes_edit.toPlainText(),
            keep_in_touch_days=self.keep_in_touch.days(),
        )

    def _status_default(self, status: str) -> int | None:
        """Days of silence the status allows when the partnership has no interval of its own."""
        return partnership_interval(status, None, self._status_intervals)

    def _status_changed(self) -> None:
        days = self._status_default(str(self.status_combo.currentData()))
        if days:
            self.keep_in_touch.suggest(days)
        self._retranslate_status_default()

    def has_unsaved_changes(self) -> bool:
        return self.draft().cleaned() != self._loaded.cleaned()

    def discard_question(self) -> str:
        return self.tr("Discard your changes to this partnership?")

    # Language ----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        if self._version is None:
            self.setWindowTitle(self.tr("New partnership"))
        else:
            self.setWindowTitle(self.tr("Edit partnership — {name}").format(name=self._title))
        self.retranslate_form(
            {
                "place_id": self.tr("&Partner city:"),
                "type": self.tr("&Type:"),
                "formalised_on": self.tr("&Formalised on:"),
                "status": self.tr("&Status:"),
                "keep_in_touch_days": self.tr("&Keep in touch:"),
                "areas": self.tr("Cooperation &areas:"),
                "champion_ids": self.tr("&Champions:"),
                "owner_id": self.tr("&Owner:"),
                "notes": self.tr("&Notes:"),
            }
        )
        self.place_combo.setItemText(0, self.tr("(choose a place)"))
        self.owner_combo.setItemText(0, self.tr("(nobody)"))
        self.new_place_button.setText(self.tr("New place…"))
        self.new_place_button.setToolTip(self.tr("Add a city or district that is not listed"))
        self.formalised_edit.setPlaceholderText(self.tr("1985, 1986-10 or 2009-10-29"))
        self.formalised_edit.setToolTip(
            self.tr("As much of the date as is known: the year, the month or the day.")
        )
        self.areas_edit.setPlaceholderText(self.tr("Separated by commas, e.g. culture, ports"))
        self.notes_edit.setPlaceholderText(self.tr("What a successor should know"))
        self.champions_edit.setToolTip(
            self.tr("The people on both sides who keep this partnership alive")
        )
        for index in range(self.type_combo.count()):
            kind = PartnershipType(self.type_combo.itemData(index))
            self.type_combo.setItemText(index, render(PARTNERSHIP_TYPE_LABELS[kind]))
        for index in range(self.status_combo.count()):
            status = PartnershipStatus(self.status_combo.itemData(index))
            self.status_combo.setItemText(index, render(PARTNERSHIP_STATUS_LABELS[status]))
        combo, choices = self.keep_in_touch_combo, self.keep_in_touch
        combo.setItemText(combo.findData(choices.NEVER), self.tr("Never remind me"))
        combo.setItemText(combo.findData(choices.EVERY), self.tr("Every … days"))
        self._retranslate_status_default()
        combo.setToolTip(
            self.tr(
                "When to remind you if there has been no interaction with this partnership. "
                "By default it depends on the status."
            )
        )
        self.keep_in_touch_spin.setSuffix(self.tr(" days"))
        self.keep_in_touch_spin.setAccessibleName(self.tr("Days without an interaction"))
        self.save_button.setToolTip(self.tr("Save the partnership (Ctrl+S)"))

    def _retranslate_status_default(self) -> None:
        """The first choice names the interval of the status now chosen."""
        days = self._status_default(str(self.status_combo.currentData()))
        text = (
            self.tr("Status default (%n day(s))", "", days)
            if days
            else self.tr("Status default (never)")
        )
        combo = self.keep_in_touch_combo
        combo.setItemText(combo.findData(self.keep_in_touch.DEFAULT), text)

    # Saving ------------------------------------------------------------------------------
    def save(self) -> None:
        if self.busy or not self.save_button.isEnabled():
            return
        draft = self.draft()
        self.clear_errors()
        self.set_busy(True)
        service = self._services.partnerships
        if self._version is None:
            self._operations.run(
                lambda: service.create(draft),
                on_success=lambda result: self._saved(draft, *result),
                on_error=self._failed,
                parent=self,
            )
            return
        partnership_id, version = self.partnership_id, self._version
        assert partnership_id is not None
        self._operations.run(
            lambda: service.update(partnership_id, draft, expected_version=version),
            on_success=lambda changes: self._saved(draft, partnership_id, changes),
            on_error=self._failed,
            parent=self,
        )

    def _failed(self, error: BaseException) -> bool:
        if isinstance(error, ChangedElsewhere):
            self.set_busy(False)
            self._resolve_conflict(error)
            return True
        if isinstance(error, DeletedElsewhere):
            self.set_busy(False)
            self._deleted_elsewhere(error)
            return True
        return self.show_errors(error)

    def _saved(self, draft: PartnershipDraft, partnership_id: str, changes: Changes) -> None:
        self.set_busy(False)
        self.partnership_id = partnership_id
        self._loaded = draft
        self.saved.emit(changes | self._extra_changes)
        self.accept()

    # Someone else saved first ------------------------------------------------------------
    def _resolve_conflict(self, error: ChangedElsewhere) -> None:
        """Both versions side by side; then save mine over theirs, take theirs, or go back
        to editing with theirs combined into mine."""
        theirs = error.theirs
        assert isinstance(theirs, PartnershipRecord)
        mine = self.draft()
        dialog = ConflictDialog(
            render(error.sentence(current_language())),
            partnership_rows(self._services, mine, theirs.draft),
            parent=self,
        )
        choice = self.exec_conflict(dialog)
        dialog.deleteLater()
        if choice is None:  # closed without choosing: as before, and saving asks again
            self.message_label.set_error(error)
            return
        self._version = theirs.version
        if choice is ConflictChoice.KEEP_MINE:
            self.save()
            return
        if choice is ConflictChoice.KEEP_THEIRS:
            super().reject()
            return
        # Their version with my changes on top: saving it overwrites nothing I did not see.
        base = self._loaded
        self._fill_places()  # theirs may be of a place added since the editor opened
        # Their version as this form shows it is what "unsaved changes" are measured against.
        self.show_draft(theirs.draft)
        self._loaded, self._title = self.draft(), theirs.place.name
        combined = merge(base, mine, theirs.draft, together=PARTNERSHIP_TOGETHER)
        self.show_draft(combined.draft)
        self.message_label.set_error(DomainError(COMBINED))
        self.retranslate()

    def exec_conflict(self, dialog: ConflictDialog) -> ConflictChoice | None:
        """Run the conflict dialog; a separate method so tests can answer it."""
        dialog.exec()
        return dialog.choice

    def _deleted_elsewhere(self, error: DeletedElsewhere) -> None:
        if self.ask_save_as_new(error):
            self._version, self.partnership_id = None, None
            self.save()
        else:
            self.message_label.set_error(error)

    def ask_save_as_new(self, error: DeletedElsewhere) -> bool:
        """Offer to keep the user's version as a new partnership; True to do so."""
        return ask_to_save_as_new(
            self,
            error,
            title=self.tr("Partnership deleted"),
            question=self.tr("Save your version as a new partnership?"),
            save=self.tr("Save as new"),
            back=self.tr("Back to editing"),
        )

    # A new place -------------------------------------------------------------------------
    def new_place(self) -> None:
        dialog = PlaceDialog(self._services.partnerships, self._operations, parent=self)
        if self.exec_place_dialog(dialog) and dialog.created_id:
            self._fill_places(select=dialog.created_id)
            if dialog.changes is not None:
                self._extra_changes = self._extra_changes | dialog.changes
        dialog.deleteLater()
        self.place_combo.setFocus()

    def exec_place_dialog(self, dialog: PlaceDialog) -> bool:
        """Run the place dialog; a separate method so tests can fill it in."""
        return dialog.exec() == QDialog.DialogCode.Accepted
