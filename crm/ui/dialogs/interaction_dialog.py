"""Log an interaction quickly: what, when, with whom, about which partnership, and a note.

Ctrl+Return logs it from anywhere in the dialog, so a call can be noted in a few keystrokes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QPlainTextEdit,
    QWidget,
)

from crm.domain.partnerships import INTERACTION_KIND_LABELS, InteractionKind
from crm.services.bundle import Services
from crm.services.changes import Changes
from crm.ui.dialogs.form_dialog import FormDialog
from crm.ui.language import render
from crm.ui.operations import Operations
from crm.ui.widgets.contact_list_picker import ContactListPicker


class LogInteractionDialog(FormDialog):
    """`logged` carries the `Changes`; `interaction_id` holds the new id once logged."""

    logged = Signal(object)

    def __init__(
        self,
        services: Services,
        operations: Operations,
        *,
        contact_ids: Sequence[str] = (),
        partnership_id: str | None = None,
        kind: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._operations = operations
        self.interaction_id: str | None = None

        self.kind_combo = QComboBox()
        for kind in InteractionKind:
            self.kind_combo.addItem("", str(kind))
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMaximumDate(QDate.currentDate())
        # ISO reads the same in every language and cannot be mistaken (05/06: May or June?).
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.people_edit = ContactListPicker(services.contacts)
        self.partnership_combo = QComboBox()
        self.partnership_combo.addItem("", None)
        for row in services.partnerships.rows():
            label = f"{row.partner} / {row.partner_zh}" if row.partner_zh else row.partner
            self.partnership_combo.addItem(label, row.id)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)

        self.lay_out(
            {
                "kind": self.kind_combo,
                "occurred_on": self.date_edit,
                "contact_ids": self.people_edit,
                "partnership_id": self.partnership_combo,
                "note": self.note_edit,
            },
            width_in_chars=90,
        )
        # Kept as attributes: a shortcut only Qt holds goes away with its Python wrapper.
        self.log_shortcuts = [
            QShortcut(QKeySequence(k), self) for k in ("Ctrl+Return", "Ctrl+Enter")
        ]
        for shortcut in self.log_shortcuts:
            shortcut.activated.connect(self.save)

        self.people_edit.set_ids(contact_ids)
        if kind:
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))
        if partnership_id:
            self.partnership_combo.setCurrentIndex(
                max(0, self.partnership_combo.findData(partnership_id))
            )
        self.date_edit.dateChanged.connect(lambda _d: self.clear_error_on_edit("occurred_on"))
        self.people_edit.changed.connect(lambda: self.clear_error_on_edit("contact_ids"))
        self.partnership_combo.currentIndexChanged.connect(
            lambda _i: self.clear_error_on_edit("contact_ids")
        )
        self.note_edit.textChanged.connect(lambda: self.clear_error_on_edit("note"))
        # A text box takes Ctrl+Return for itself (a new line): there it must log too.
        self.note_edit.installEventFilter(self)
        self._loaded = self._values()
        self.retranslate()
        self.kind_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            watched is self.note_edit
            and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            if event.type() == QEvent.Type.KeyPress:
                self.save()
            event.accept()
            return True
        return super().eventFilter(watched, event)

    def _values(self) -> tuple[object, ...]:
        return (
            self.kind_combo.currentData(),
            self.date_edit.date(),
            tuple(self.people_edit.ids()),
            self.partnership_combo.currentData(),
            self.note_edit.toPlainText().strip(),
        )

    def has_unsaved_changes(self) -> bool:
        return self._values() != self._loaded

    def discard_question(self) -> str:
        return self.tr("Discard this interaction without logging it?")

    # Language ----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Log an interaction"))
        self.retranslate_form(
            {
                "kind": self.tr("&What:"),
                "occurred_on": self.tr("&When:"),
                "contact_ids": self.tr("&With:"),
                "partnership_id": self.tr("&Partnership:"),
                "note": self.tr("&Note:"),
            },
            save=self.tr("Log"),
        )
        for index in range(self.kind_combo.count()):
            kind = InteractionKind(self.kind_combo.itemData(index))
            self.kind_combo.setItemText(index, render(INTERACTION_KIND_LABELS[kind]))
        self.partnership_combo.setItemText(0, self.tr("(none)"))
        self.note_edit.setPlaceholderText(self.tr("What was said or agreed, what comes next"))
        self.save_button.setToolTip(self.tr("Log the interaction (Ctrl+Return)"))

    # Saving ------------------------------------------------------------------------------
    def save(self) -> None:
        if self.busy:
            return
        self.people_edit.picker.commit()
        kind = str(self.kind_combo.currentData())
        day = self.date_edit.date().toString(Qt.DateFormat.ISODate)
        people = self.people_edit.ids()
        partnership: str | None = self.partnership_combo.currentData()
        note = self.note_edit.toPlainText()
        self.clear_errors()
        self.set_busy(True)
        service = self._services.interactions
        self._operations.run(
            lambda: service.log(kind, day, people, partnership, note=note),
            on_success=self._logged,
            on_error=self.show_errors,
            parent=self,
        )

    def _logged(self, result: tuple[str, Changes]) -> None:
        self.set_busy(False)
        self.interaction_id, changes = result
        self.logged.emit(changes)
        self.accept()
