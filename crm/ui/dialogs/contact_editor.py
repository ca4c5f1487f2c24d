"""The contact editor: every field of a contact, each problem shown beside its field.

The editor builds a `ContactDraft` and hands it to the contact service; the rules a contact must
satisfy live in `ContactDraft.validate`, never here. The fields themselves are `ContactForm`'s;
the editor loads, saves, explains errors, and gives every field its text.

A save refused because someone else saved the contact meanwhile shows both versions
(`ConflictDialog`); nothing is overwritten unless the user, having seen theirs, keeps their own.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from crm.domain.contacts import NAME_REQUIRED, STATUS_LABELS, ContactDraft, ContactStatus
from crm.domain.names import display_pinyin, full_label
from crm.domain.text import DomainError, ValidationErrors
from crm.services.bundle import Services
from crm.services.changes import Changes
from crm.services.conflicts import CONTACT_TOGETHER, ChangedElsewhere, DeletedElsewhere, merge
from crm.services.contacts import ContactRecord
from crm.ui.dialogs.conflict_dialog import (
    COMBINED,
    ConflictChoice,
    ConflictDialog,
    ask_to_save_as_new,
)
from crm.ui.dialogs.conflict_fields import contact_rows
from crm.ui.dialogs.contact_form import ContactForm
from crm.ui.dialogs.organisation_dialog import OrganisationDialog
from crm.ui.dialogs.staff_dialog import StaffDialog
from crm.ui.language import render
from crm.ui.operations import Operations
from crm.ui.questions import ask_to_discard
from crm.ui.ui_locale import current_language
from crm.ui.widgets.error_label import ErrorLabel

# Errors about the parts of the birthday are shown under the birthday.
_FIELD_ALIASES = {"birthday_calendar": "birthday", "birthday_leap_month": "birthday"}


class ContactEditor(QDialog):
    """Create a contact (`contact_id=None`) or edit one.

    `saved` carries the `Changes` returned by the service; `contact_id` holds the new id after a
    create. `directory_changed` carries the `Changes` of an organisation or staff member added
    from the editor (they stay even if the contact edit is cancelled).
    """

    saved = Signal(object)
    directory_changed = Signal(object)

    def __init__(
        self,
        services: Services,
        operations: Operations,
        *,
        contact_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._operations = operations
        self.contact_id = contact_id
        self._version: int | None = None
        self._loaded = ContactDraft()
        self._load_failed = False
        self._busy = False
        self._build()

        if contact_id is not None:
            try:
                record = services.contacts.get(contact_id)
            except DomainError as error:
                self._load_failed = True
                self.message_label.set_error(error)
                self._scroll.setEnabled(False)
                self.save_button.setEnabled(False)
            else:
                self._version = record.version
                self._loaded = record.draft
        self.form.show_draft(self._loaded)
        self._connect_edits()
        self._set_tab_order()
        self.retranslate()
        self.resize(self._initial_size())
        self.family_name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # Building ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.message_label = ErrorLabel(self)
        # A child of the editor while it is built, so that it measures with the editor's font.
        self.form = form = ContactForm(
            self._services.contacts, contact_id=self.contact_id, parent=self
        )
        self._errors = form.errors
        self._labels = form.labels
        self._focus = form.focus
        # The fields are the form's; callers and tests reach them through the editor.
        self.family_name_edit = form.family_name_edit
        self.given_name_edit = form.given_name_edit
        self.name_zh_edit = form.name_zh_edit
        self.pinyin_label = form.pinyin_label
        self.honorific_combo = form.honorific_combo
        self.name_group = form.name_group
        self.position_edit = form.position_edit
        self.position_zh_edit = form.position_zh_edit
        self.organisation_combo = form.organisation_combo
        self.new_organisation_button = form.new_organisation_button
        self.work_group = form.work_group
        self.emails_edit = form.emails_edit
        self.phones_edit = form.phones_edit
        self.wechat_edit = form.wechat_edit
        self.language_combo = form.language_combo
        self.contact_group = form.contact_group
        self.birthday_edit = form.birthday_edit
        self.calendar_combo = form.calendar_combo
        self.leap_month_check = form.leap_month_check
        self.birthday_hint = form.birthday_hint
        self.personal_group = form.personal_group
        self.tags_edit = form.tags_edit
        self.owner_combo = form.owner_combo
        self.new_owner_button = form.new_owner_button
        self.status_combo = form.status_combo
        self.keep_in_touch = form.keep_in_touch
        self.keep_in_touch_combo = form.keep_in_touch_combo
        self.keep_in_touch_spin = form.keep_in_touch_spin
        self.successor_combo = form.successor_combo
        self.relationship_group = form.relationship_group
        self.notes_edit = form.notes_edit
        self.notes_group = form.notes_group

        self.new_organisation_button.clicked.connect(self.new_organisation)
        self._fill_organisations()
        self.new_owner_button.clicked.connect(self.new_owner)
        self._fill_staff()

        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from Cancel to the form
        self._scroll.setWidget(form)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert save_button is not None and cancel_button is not None
        self.save_button: QPushButton = save_button
        self.cancel_button: QPushButton = cancel_button
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        self._save_shortcut.activated.connect(self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message_label)
        layout.addWidget(self._scroll, 1)
        layout.addWidget(self.buttons)
        self.setMinimumSize(560, 420)
        # Only once the button is inside the dialog does it become the dialog's default.
        self.save_button.setDefault(True)

        self.name_zh_edit.textChanged.connect(self._update_pinyin)

    def _fill_organisations(self, select: str | None = None) -> None:
        combo = self.organisation_combo
        current = select or combo.currentData()
        combo.clear()
        combo.addItem(self.tr("(none)"), None)
        for organisation in self._services.directory.organisations():
            label = organisation.name
            if organisation.name_zh and organisation.name_zh != organisation.name:
                label = f"{organisation.name} / {organisation.name_zh}"
            combo.addItem(label, organisation.id)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)

    def _fill_staff(self, select: str | None = None) -> None:
        combo = self.owner_combo
        current = select or combo.currentData()
        combo.clear()
        combo.addItem(self.tr("(nobody)"), None)
        for member in self._services.directory.staff():
            combo.addItem(member.name, member.id)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)

    def _set_tab_order(self) -> None:
        chain = [*self.form.tab_chain(), self.save_button, self.cancel_button]
        # The e-mail and phone lines stay where their list put them: moved one by one they
        # leave the list (which hands its focus to its top line) at the end of the chain, and
        # Tab from Cancel went back to the e-mails instead of the family name.
        lines = [*self.form.emails_edit.line_edits(), *self.form.phones_edit.line_edits()]
        for first, second in zip(chain, chain[1:], strict=False):
            if not any(line is first or line is second for line in lines):
                QWidget.setTabOrder(first, second)

    def _connect_edits(self) -> None:
        """Editing a field takes its complaint away (connected after loading the contact)."""
        for key, edit in (
            ("given_name", self.given_name_edit),
            ("name_zh", self.name_zh_edit),
            ("family_name", self.family_name_edit),
            ("position", self.position_edit),
            ("position_zh", self.position_zh_edit),
            ("wechat", self.wechat_edit),
            ("birthday", self.birthday_edit),
            ("tags", self.tags_edit),
        ):
            edit.textEdited.connect(lambda _text, key=key: self._clear_error(key))
        for edit in (self.family_name_edit, self.given_name_edit, self.name_zh_edit):
            edit.textEdited.connect(self._clear_name_required)
        self.honorific_combo.editTextChanged.connect(lambda _t: self._clear_error("honorific"))
        for key, combo in (
            ("organisation_id", self.organisation_combo),
            ("owner_id", self.owner_combo),
            ("status", self.status_combo),
            ("language", self.language_combo),
            ("successor_of_id", self.successor_combo),
            ("birthday", self.calendar_combo),
        ):
            combo.currentIndexChanged.connect(lambda _i, key=key: self._clear_error(key))
        self.successor_combo.editTextChanged.connect(
            lambda _t: self._clear_error("successor_of_id")
        )
        self.leap_month_check.toggled.connect(lambda _on: self._clear_error("birthday"))
        self.keep_in_touch.changed.connect(lambda: self._clear_error("keep_in_touch_days"))
        self.emails_edit.changed.connect(lambda: self._clear_error("emails"))
        self.phones_edit.changed.connect(lambda: self._clear_error("phones"))
        self.notes_edit.textChanged.connect(lambda: self._clear_error("notes"))

    # Language ----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text of the editor in the current language; selections and values stay."""
        if self._version is None and not self._load_failed:
            self.setWindowTitle(self.tr("New contact"))
        else:
            name = full_label(
                self._loaded.family_name, self._loaded.given_name, self._loaded.name_zh
            )
            self.setWindowTitle(self.tr("Edit contact — {name}").format(name=name))

        self.name_group.setTitle(self.tr("Name"))
        self.work_group.setTitle(self.tr("Work"))
        self.contact_group.setTitle(self.tr("Contact details"))
        self.personal_group.setTitle(self.tr("Personal"))
        self.relationship_group.setTitle(self.tr("Relationship"))
        self.notes_group.setTitle(self.tr("Notes"))

        labels = self._labels
        labels["family_name"].setText(self.tr("Family name:"))
        labels["given_name"].setText(self.tr("Given name:"))
        labels["name_zh"].setText(self.tr("Chinese name:"))
        labels["honorific"].setText(self.tr("Honorific:"))
        labels["position"].setText(self.tr("Position:"))
        labels["position_zh"].setText(self.tr("Position in Chinese:"))
        labels["organisation_id"].setText(self.tr("Organisation:"))
        labels["emails"].setText(self.tr("E-mails:"))
        labels["phones"].setText(self.tr("Phones:"))
        labels["wechat"].setText(self.tr("WeChat ID:"))
        labels["language"].setText(self.tr("Preferred language:"))
        labels["birthday"].setText(self.tr("Birthday:"))
        labels["tags"].setText(self.tr("Tags:"))
        labels["owner_id"].setText(self.tr("Owner:"))
        labels["status"].setText(self.tr("Status:"))
        labels["keep_in_touch_days"].setText(self.tr("Keep in touch:"))
        labels["successor_of_id"].setText(self.tr("Successor of:"))

        self.family_name_edit.setPlaceholderText(self.tr("e.g. Wang, Müller"))
        self.given_name_edit.setPlaceholderText(self.tr("e.g. Fang, Katrin"))
        self.name_zh_edit.setPlaceholderText(self.tr("e.g. 王芳"))
        self.position_edit.setPlaceholderText(self.tr("e.g. Division Director"))
        self.position_zh_edit.setPlaceholderText(self.tr("e.g. 欧洲处处长"))
        self.emails_edit.set_placeholder(self.tr("Add an e-mail address"))
        self.phones_edit.set_placeholder(self.tr("Add a phone number"))
        self.birthday_edit.setPlaceholderText(self.tr("1980-04-15, or --04-15 without a year"))
        self.tags_edit.setPlaceholderText(self.tr("Separated by commas, e.g. VIP, greeting list"))
        self.notes_edit.setPlaceholderText(self.tr("What a successor should know"))
        self.successor_combo.setToolTip(
            self.tr("The contact this person took over from: type part of a name to search.")
        )
        self.successor_combo.set_none_label(self.tr("(nobody)"))
        self.organisation_combo.setItemText(0, self.tr("(none)"))
        self.owner_combo.setItemText(0, self.tr("(nobody)"))
        self.owner_combo.setToolTip(self.tr("The staff member who looks after this contact"))
        self.new_organisation_button.setText(self.tr("New…"))
        self.new_organisation_button.setToolTip(self.tr("Add an organisation"))
        self.new_owner_button.setText(self.tr("New…"))
        self.new_owner_button.setToolTip(self.tr("Add a staff member"))

        self.calendar_combo.setItemText(0, self.tr("Gregorian calendar"))
        self.calendar_combo.setItemText(1, self.tr("Lunar calendar"))
        self.leap_month_check.setText(self.tr("Leap month"))
        self.leap_month_check.setToolTip(
            self.tr("Born in a leap (intercalary) lunar month; needs the year of birth.")
        )
        self.birthday_hint.setText(
            self.tr(
                "A lunar birthday holds the lunar month and day: --08-15 is the 15th day "
                "of the 8th lunar month."
            )
        )
        for index in range(self.status_combo.count()):
            status = ContactStatus(self.status_combo.itemData(index))
            self.status_combo.setItemText(index, render(STATUS_LABELS[status]))
        self._retranslate_keep_in_touch()

        self.save_button.setText(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save the contact (Ctrl+S)"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._update_pinyin(self.name_zh_edit.text())
        self.message_label.retranslate()
        for error in self._errors.values():
            error.retranslate()
        self.form.align_labels()

    def _retranslate_keep_in_touch(self) -> None:
        combo, choices = self.keep_in_touch_combo, self.keep_in_touch
        combo.setItemText(combo.findData(choices.DEFAULT), self.tr("As its tags say"))
        combo.setItemText(combo.findData(choices.NEVER), self.tr("Never remind me"))
        combo.setItemText(combo.findData(choices.EVERY), self.tr("Every … days"))
        combo.setToolTip(
            self.tr(
                "When to remind you if there has been no interaction with this contact. "
                "A contact is watched only if you choose an interval here or one of its tags "
                "has one."
            )
        )
        self.keep_in_touch_spin.setSuffix(self.tr(" days"))
        self.keep_in_touch_spin.setAccessibleName(self.tr("Days without an interaction"))

    # Values ------------------------------------------------------------------------------
    def draft(self) -> ContactDraft:
        """The contact as the form shows it now."""
        return self.form.draft()

    def has_unsaved_changes(self) -> bool:
        if self._load_failed:
            return False
        return self.draft().cleaned() != self._loaded.cleaned()

    def field_error(self, field: str) -> str:
        """The sentence shown beside `field` ("" when there is none); "" for the top message."""
        label = self._errors.get(_FIELD_ALIASES.get(field, field), self.message_label)
        return label.text() if label.isVisibleTo(self) else ""

    def _update_pinyin(self, name_zh: str) -> None:
        pinyin = display_pinyin(name_zh)
        self.pinyin_label.setText(
            self.tr("Pinyin: {pinyin}").format(pinyin=pinyin) if pinyin else ""
        )

    # Errors ------------------------------------------------------------------------------
    def _clear_error(self, key: str) -> None:
        self._errors[key].set_error(None)

    def _clear_name_required(self) -> None:
        error = self._errors["family_name"].error
        if error is not None and error.text.source == NAME_REQUIRED.source:
            self._errors["family_name"].set_error(None)

    def _clear_errors(self) -> None:
        self.message_label.set_error(None)
        for label in self._errors.values():
            label.set_error(None)

    def _show_errors(self, errors: list[DomainError]) -> None:
        for error in errors:
            key = _FIELD_ALIASES.get(error.field or "", error.field or "")
            label = self._errors.get(key)
            if label is None:
                self.message_label.set_error(error)
            elif label.error is None:
                label.set_error(error)
        # The first field with a problem, in the order the user reads the form.
        for key, widget in self._focus.items():
            if self._errors[key].error is not None:
                self._scroll.ensureWidgetVisible(widget)
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                break

    # Saving and leaving ------------------------------------------------------------------
    def save(self) -> None:
        if self._busy or self._load_failed:
            return
        self.successor_combo.commit()
        draft = self.draft()
        self._clear_errors()
        self._set_busy(True)
        contacts = self._services.contacts
        if self._version is None:
            self._operations.run(
                lambda: contacts.create(draft),
                on_success=lambda result: self._saved(draft, *result),
                on_error=self._failed,
                parent=self,
            )
        else:
            contact_id, version = self.contact_id, self._version
            assert contact_id is not None
            self._operations.run(
                lambda: contacts.update(contact_id, draft, expected_version=version),
                on_success=lambda changes: self._saved(draft, contact_id, changes),
                on_error=self._failed,
                parent=self,
            )

    def _saved(self, draft: ContactDraft, contact_id: str, changes: Changes) -> None:
        self._set_busy(False)
        self.contact_id = contact_id
        self._loaded = draft
        self.saved.emit(changes)
        self.accept()

    def _failed(self, error: BaseException) -> bool:
        self._set_busy(False)
        if isinstance(error, ChangedElsewhere):
            self._resolve_conflict(error)
            return True
        if isinstance(error, DeletedElsewhere):
            self._deleted_elsewhere(error)
            return True
        if not isinstance(error, DomainError):
            return False
        self._show_errors(error.errors if isinstance(error, ValidationErrors) else [error])
        return True

    # Someone else saved first ------------------------------------------------------------
    def _resolve_conflict(self, error: ChangedElsewhere) -> None:
        """Both versions side by side; then save mine over theirs, take theirs, or go back
        to editing with theirs combined into mine."""
        theirs = error.theirs
        assert isinstance(theirs, ContactRecord)
        mine = self.draft()
        dialog = ConflictDialog(
            render(error.sentence(current_language())),
            contact_rows(self._services, mine, theirs.draft),
            parent=self,
        )
        choice = self.exec_conflict(dialog)
        dialog.deleteLater()
        if choice is None:  # closed without choosing: as before, and saving asks again
            self.message_label.set_error(error)
            return
        base, self._loaded, self._version = self._loaded, theirs.draft, theirs.version
        if choice is ConflictChoice.KEEP_MINE:
            self.save()
            return
        if choice is ConflictChoice.KEEP_THEIRS:
            super().reject()
            return
        # Their version with my changes on top: saving it overwrites nothing I did not see.
        self._fill_organisations()  # theirs may name one added since the editor opened
        self._fill_staff()
        combined = merge(base, mine, theirs.draft, together=CONTACT_TOGETHER)
        self.form.show_draft(combined.draft)
        self.message_label.set_error(DomainError(COMBINED))
        self.retranslate()

    def exec_conflict(self, dialog: ConflictDialog) -> ConflictChoice | None:
        """Run the conflict dialog; a separate method so tests can answer it."""
        dialog.exec()
        return dialog.choice

    def _deleted_elsewhere(self, error: DeletedElsewhere) -> None:
        if self.ask_save_as_new(error):
            self._version, self.contact_id = None, None
            self.save()
        else:
            self.message_label.set_error(error)

    def ask_save_as_new(self, error: DeletedElsewhere) -> bool:
        """Offer to keep the user's version as a new contact; True to do so."""
        return ask_to_save_as_new(
            self,
            error,
            title=self.tr("Contact deleted"),
            question=self.tr("Save your version as a new contact?"),
            save=self.tr("Save as new"),
            back=self.tr("Back to editing"),
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.save_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)

    def confirm_discard(self) -> bool:
        """Ask before throwing edits away; True means discard."""
        return ask_to_discard(
            self,
            title=self.tr("Unsaved changes"),
            question=self.tr("Discard your changes to this contact?"),
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

    # Quick creation ----------------------------------------------------------------------
    def new_organisation(self) -> None:
        dialog = OrganisationDialog(self._services.directory, self._operations, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created_id:
            self._fill_organisations(select=dialog.created_id)
            if dialog.changes is not None:
                self.directory_changed.emit(dialog.changes)
        dialog.deleteLater()
        self.organisation_combo.setFocus()

    def new_owner(self) -> None:
        dialog = StaffDialog(self._services.directory, self._operations, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created_id:
            self._fill_staff(select=dialog.created_id)
            if dialog.changes is not None:
                self.directory_changed.emit(dialog.changes)
        dialog.deleteLater()
        self.owner_combo.setFocus()

    # Size --------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        # A scroll area asks for little; the editor wants room for its whole form, and fields
        # wide enough for a long e-mail address or an organisation's full name.
        if not self.isVisible():
            self._settle_layouts()
        hint = super().sizeHint()
        inner, outer = self.form.sizeHint(), self._scroll.sizeHint()
        needed = hint + QSize(
            max(0, inner.width() - outer.width()), max(0, inner.height() - outer.height())
        )
        metrics = self.fontMetrics()
        _columns, left, right = self.form.column_layouts
        two_columns = (
            left.minimumSize().width()
            + right.minimumSize().width()
            + hint.width()
            - outer.width()
            + self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
            + 6 * metrics.averageCharWidth()
        )
        comfortable = QSize(
            max(two_columns, metrics.averageCharWidth() * 140), metrics.lineSpacing() * 38
        )
        return needed.expandedTo(comfortable)

    def _settle_layouts(self) -> None:
        """Bring the cached size hints up to date before the first show.

        A hidden window's layouts only recompute when shown, so a field that grew meanwhile
        (a list of e-mails filled in) would be measured at its old size. Innermost first.
        """
        for widget in reversed(self.findChildren(QWidget)):
            if (layout := widget.layout()) is not None:
                layout.activate()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange_columns()

    def _arrange_columns(self) -> None:
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        self.form.arrange_columns(self._scroll.width() - scroll_bar)

    def _initial_size(self) -> QSize:
        hint = self.sizeHint()
        screen = self.screen()
        if screen is None:
            return hint
        available = screen.availableGeometry().size() * 0.9
        return hint.boundedTo(available)
