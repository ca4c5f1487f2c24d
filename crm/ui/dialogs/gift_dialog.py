"""Register a gift quickly, from a contact, a visit or the gift register; or change one.

Choosing the person answers the protocol officer's first question at once: what did we give
them last time? The rules of a gift are `GiftDraft.validate`'s; the photo is copied into the
data folder by the gift service.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm.domain.delegation_rules import GiftDraft
from crm.domain.partnerships import VALUE_BAND_LABELS, GiftDirection, ValueBand
from crm.domain.text import DomainError, ValidationErrors
from crm.domain.visit_formatting import format_day, format_visit_dates
from crm.services.bundle import Services
from crm.services.changes import Changes
from crm.ui.language import render
from crm.ui.operations import Operations
from crm.ui.ui_locale import current_language
from crm.ui.widgets.gift_form import GiftForm
from crm.ui.widgets.gifts_table import IMAGE_FILTER


class GiftDialog(QDialog):
    """`saved` carries the service's `Changes`; `gift_id` holds the new id after registering."""

    saved = Signal(object)

    def __init__(
        self,
        services: Services,
        operations: Operations,
        *,
        contact_id: str | None = None,
        delegation_id: str | None = None,
        gift_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._operations = operations
        self.gift_id = gift_id
        self._busy = False
        self._photo: Path | None = None  # the stored photo, or the file chosen
        self._new_photo = False
        self._remove_photo = False
        self.form = form = GiftForm(services.contacts, self)
        self._visits = services.delegations.list()
        form.fill(self._visits, services.delegations.partnerships())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
            parent=self,
        )
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)
        layout = QVBoxLayout(self)
        layout.addWidget(form, 1)
        layout.addWidget(self.buttons)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert save is not None and cancel is not None
        self.save_button: QPushButton = save
        self.cancel_button: QPushButton = cancel
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save)
        self._directions = QButtonGroup(self)
        self._directions.addButton(form.given_radio)
        self._directions.addButton(form.received_radio)
        form.given_radio.setChecked(True)
        form.set_tab_order(self.save_button, self.cancel_button)
        self._load(contact_id, delegation_id)
        self._loaded = self.draft()
        self._connect()
        self.retranslate()
        form.description_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # Loading -----------------------------------------------------------------------------
    def _load(self, contact_id: str | None, delegation_id: str | None) -> None:
        form = self.form
        if self.gift_id is not None:
            record = self._services.gifts.get(self.gift_id)
            draft, self._photo = record.draft, record.photo_path
        else:
            draft = GiftDraft(contact_id=contact_id, delegation_id=delegation_id)
            visit = next((v for v in self._visits if v.id == delegation_id), None)
            draft.partnership_id = visit.partnership_id if visit else None
            draft.given_on = "" if visit else QDate.currentDate().toString("yyyy-MM-dd")
        form.given_radio.setChecked(draft.direction is GiftDirection.GIVEN)
        form.received_radio.setChecked(draft.direction is GiftDirection.RECEIVED)
        form.description_edit.setText(draft.description)
        form.person_picker.set_selected(draft.contact_id)
        _select(form.visit_combo, draft.delegation_id)
        _select(form.partnership_combo, draft.partnership_id)
        form.occasion_combo.setEditText(draft.occasion)
        form.date_edit.set_iso(draft.given_on)
        _select(form.value_combo, str(draft.value_band) if draft.value_band else None)
        form.notes_edit.setPlainText(draft.notes)
        self._show_photo()

    def _connect(self) -> None:
        form, clear = self.form, self._clear_error
        form.description_edit.textEdited.connect(lambda _t: clear("description"))
        form.date_edit.dateChanged.connect(lambda _d: clear("given_on"))
        form.person_picker.currentIndexChanged.connect(lambda _i: self._update_last_time())
        self._directions.buttonToggled.connect(lambda *_: self._direction_changed())
        form.visit_combo.currentIndexChanged.connect(self._visit_changed)
        form.photo_button.clicked.connect(self.choose_photo)
        form.remove_photo_button.clicked.connect(self.remove_photo)

    # Language ----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Register a gift") if self.gift_id is None else self.tr("Gift"))
        self.form.retranslate()
        language = current_language()
        for index, visit in enumerate(self._visits, start=1):
            dates = format_visit_dates(visit.start_on, visit.end_on, language)
            self.form.visit_combo.setItemText(
                index, f"{visit.title} ({dates})" if dates else visit.title
            )
        for index in range(1, self.form.value_combo.count()):
            band = ValueBand(self.form.value_combo.itemData(index))
            self.form.value_combo.setItemText(index, render(VALUE_BAND_LABELS[band]))
        self.save_button.setText(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save the gift (Ctrl+S)"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._direction_changed()

    def _direction_changed(self) -> None:
        form = self.form
        given = form.given_radio.isChecked()
        form.labels["contact_id"].setText(self.tr("To:") if given else self.tr("From:"))
        self._update_last_time()

    def _visit_changed(self) -> None:
        visit = next((v for v in self._visits if v.id == self.form.visit_combo.currentData()), None)
        if visit is not None and visit.partnership_id:
            _select(self.form.partnership_combo, visit.partnership_id)

    def _update_last_time(self) -> None:
        """What we gave this person (or received from them) last time."""
        contact_id = self.form.person_picker.selected_id()
        label = self.form.last_time_label
        if not contact_id:
            label.setText("")
            return
        gifts = self._services.gifts
        given = self.form.given_radio.isChecked()
        last = gifts.last_given_to(contact_id) if given else gifts.last_received_from(contact_id)
        if last is not None and last.id == self.gift_id:
            label.setText("")
            return
        if last is None:
            text = self.tr("We have never given them a gift.") if given else ""
        else:
            when = format_day(last.on, current_language()) or self.tr("date unknown")
            what = f"{last.description} ({when})"
            template = (
                self.tr("Last time we gave: {gift}") if given else self.tr("Last received: {gift}")
            )
            text = template.format(gift=what)
        label.setText(text)

    # Photo -------------------------------------------------------------------------------
    def choose_photo(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Photo of the gift"),
            "",
            self.tr("Images ({patterns})").format(patterns=IMAGE_FILTER),
        )
        if name:
            self.set_photo(Path(name))

    def set_photo(self, path: Path) -> None:
        self._photo, self._new_photo, self._remove_photo = path, True, False
        self._clear_error("photo")
        self._show_photo()

    def remove_photo(self) -> None:
        self._photo, self._new_photo, self._remove_photo = None, False, True
        self._show_photo()

    def _show_photo(self) -> None:
        self.form.show_photo(QPixmap(str(self._photo)) if self._photo else QPixmap())
        self.form.remove_photo_button.setEnabled(self._photo is not None)

    # Values ------------------------------------------------------------------------------
    def draft(self) -> GiftDraft:
        form = self.form
        band = form.value_combo.currentData()
        return GiftDraft(
            description=form.description_edit.text(),
            direction=GiftDirection.GIVEN
            if form.given_radio.isChecked()
            else GiftDirection.RECEIVED,
            contact_id=form.person_picker.selected_id(),
            delegation_id=form.visit_combo.currentData(),
            partnership_id=form.partnership_combo.currentData(),
            occasion=form.occasion_combo.currentText(),
            given_on=form.date_edit.iso(),
            value_band=ValueBand(band) if band else None,
            notes=form.notes_edit.toPlainText(),
        )

    def has_unsaved_changes(self) -> bool:
        return self.draft() != self._loaded or self._new_photo or self._remove_photo

    def field_error(self, field: str) -> str:
        label = self.form.errors.get(field, self.form.message_label)
        return label.text() if label.isVisibleTo(self) else ""

    def _clear_error(self, key: str) -> None:
        self.form.errors[key].set_error(None)

    # Saving ------------------------------------------------------------------------------
    def save(self) -> None:
        if self._busy:
            return
        self.form.person_picker.commit()
        draft = self.draft()
        photo = self._photo if self._new_photo else None
        for label in (self.form.message_label, *self.form.errors.values()):
            label.set_error(None)
        self._set_busy(True)
        gifts = self._services.gifts
        if self.gift_id is None:
            self._operations.run(
                lambda: gifts.register(draft, photo=photo),
                on_success=lambda result: self._saved(*result),
                on_error=self._failed,
                parent=self,
            )
            return
        gift_id, remove = self.gift_id, self._remove_photo
        self._operations.run(
            lambda: gifts.update(gift_id, draft, photo=photo, remove_photo=remove),
            on_success=lambda changes: self._saved(gift_id, changes),
            on_error=self._failed,
            parent=self,
        )

    def _saved(self, gift_id: str, changes: Changes) -> None:
        self._set_busy(False)
        self.gift_id = gift_id
        self._loaded, self._new_photo, self._remove_photo = self.draft(), False, False
        self.saved.emit(changes)
        self.accept()

    def _failed(self, error: BaseException) -> bool:
        self._set_busy(False)
        if not isinstance(error, DomainError):
            return False
        for problem in error.errors if isinstance(error, ValidationErrors) else [error]:
            label = self.form.errors.get(problem.field or "", self.form.message_label)
            if label.error is None:
                label.set_error(problem)
        for key, widget in self.form.focus.items():
            if self.form.errors[key].error is not None:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                break
        return True

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.save_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)

    def confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("Discard this gift?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def reject(self) -> None:
        if self._busy:
            return
        if self.has_unsaved_changes() and not self.confirm_discard():
            return
        super().reject()


def _select(combo: QComboBox, data: str | None) -> None:
    combo.setCurrentIndex(max(0, combo.findData(data)) if data else 0)
