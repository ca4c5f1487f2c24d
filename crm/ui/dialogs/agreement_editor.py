"""An agreement of a partnership: kind (and whether it binds, said plainly), title, signed on,
signatories, review and expiry dates, notes, and the documents attached to it.

Documents added or removed here are only copied or deleted when the agreement is saved, so
Cancel leaves everything as it was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm.domain.partnership_rules import AgreementDraft
from crm.domain.partnerships import AGREEMENT_KIND_LABELS, BINDING, NOT_BINDING, AgreementKind
from crm.domain.text import DomainError
from crm.services.bundle import Services
from crm.services.changes import Changes
from crm.ui.dialogs.form_dialog import FormDialog
from crm.ui.language import render
from crm.ui.operations import Operations
from crm.ui.widgets.contact_list_picker import ContactListPicker
from crm.ui.widgets.optional_date import OptionalDateEdit

DOCUMENT_ROLE = Qt.ItemDataRole.UserRole + 1  # a stored document's id
PENDING_ROLE = Qt.ItemDataRole.UserRole + 2  # a file to copy in on saving


class AgreementEditor(FormDialog):
    """`saved` carries the `Changes`; `agreement_id` holds the new id after a create."""

    saved = Signal(object)

    def __init__(
        self,
        services: Services,
        operations: Operations,
        *,
        partnership_id: str,
        agreement_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._operations = operations
        self.partnership_id = partnership_id
        self.agreement_id = agreement_id
        self._removed: list[str] = []
        self._build()
        loaded = AgreementDraft()
        if agreement_id is not None:
            try:
                record = services.agreements.get(agreement_id)
            except DomainError as error:
                self.message_label.set_error(error)
                self.save_button.setEnabled(False)
            else:
                loaded = record.draft
                for document in record.documents:
                    self._add_item(document.filename, DOCUMENT_ROLE, document.id)
        self.show_draft(loaded)
        self._loaded = self.draft()
        self.retranslate()

    # Building ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.kind_combo = QComboBox()
        for kind in AgreementKind:
            self.kind_combo.addItem("", str(kind))
        self.binding_label = QLabel()
        self.binding_label.setWordWrap(True)
        self.kind_combo.currentIndexChanged.connect(self._show_binding)
        self.title_edit = QLineEdit()
        self.signed_edit = QLineEdit()
        self.signatories_edit = ContactListPicker(self._services.contacts)
        self.review_edit = OptionalDateEdit()
        self.expires_edit = OptionalDateEdit()
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self.documents = QStandardItemModel(self)
        self.documents_list = QListView()
        self.documents_list.setModel(self.documents)
        self.documents_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.documents_list.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.documents_list.doubleClicked.connect(lambda _i: self.open_document())
        self.add_document_button = QPushButton()
        self.open_document_button = QPushButton()
        self.remove_document_button = QPushButton()
        self.add_document_button.clicked.connect(self.add_documents)
        self.open_document_button.clicked.connect(self.open_document)
        self.remove_document_button.clicked.connect(self.remove_document)
        self.documents_list.selectionModel().selectionChanged.connect(self._update_buttons)
        buttons = QVBoxLayout()
        for button in (
            self.add_document_button,
            self.open_document_button,
            self.remove_document_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        documents_cell = QWidget()
        row = QHBoxLayout(documents_cell)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.documents_list, 1)
        row.addLayout(buttons)

        self.lay_out(
            {
                "kind": self.kind_combo,
                "title": self.title_edit,
                "signed_on": self.signed_edit,
                "signatory_ids": self.signatories_edit,
                "review_on": self.review_edit,
                "expires_on": self.expires_edit,
                "notes": self.notes_edit,
                "documents": documents_cell,
            },
            below={"kind": [self.binding_label]},
        )
        for key, edit in (("title", self.title_edit), ("signed_on", self.signed_edit)):
            edit.textEdited.connect(lambda _t, key=key: self.clear_error_on_edit(key))
        for key, date in (("review_on", self.review_edit), ("expires_on", self.expires_edit)):
            date.dateChanged.connect(lambda _d, key=key: self.clear_error_on_edit(key))
        self._update_buttons()

    def _show_binding(self) -> None:
        kind = AgreementKind(self.kind_combo.currentData())
        self.binding_label.setText(render(BINDING if kind.legally_binding else NOT_BINDING))
        font = self.binding_label.font()
        font.setBold(kind.legally_binding)
        self.binding_label.setFont(font)

    # Values ------------------------------------------------------------------------------
    def show_draft(self, draft: AgreementDraft) -> None:
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(str(draft.kind))))
        self.title_edit.setText(draft.title)
        self.signed_edit.setText(draft.signed_on)
        self.signatories_edit.set_ids(draft.signatory_ids)
        self.review_edit.set_iso(draft.review_on)
        self.expires_edit.set_iso(draft.expires_on)
        self.notes_edit.setPlainText(draft.notes)
        self._show_binding()

    def draft(self) -> AgreementDraft:
        return AgreementDraft(
            kind=AgreementKind(self.kind_combo.currentData()),
            title=self.title_edit.text(),
            signed_on=self.signed_edit.text(),
            review_on=self.review_edit.iso(),
            expires_on=self.expires_edit.iso(),
            signatory_ids=self.signatories_edit.ids(),
            notes=self.notes_edit.toPlainText(),
        )

    def pending_files(self) -> list[str]:
        items = (self.documents.item(row) for row in range(self.documents.rowCount()))
        return [str(item.data(PENDING_ROLE)) for item in items if item.data(PENDING_ROLE)]

    def has_unsaved_changes(self) -> bool:
        changed = self.draft().cleaned() != self._loaded.cleaned()
        return changed or bool(self.pending_files() or self._removed)

    def discard_question(self) -> str:
        return self.tr("Discard your changes to this agreement?")

    # Documents ---------------------------------------------------------------------------
    def _add_item(self, label: str, role: int, value: str) -> None:
        item = QStandardItem(label)
        item.setData(value, role)
        item.setToolTip(value if role == PENDING_ROLE else label)
        self.documents.appendRow(item)

    def _selected(self) -> QStandardItem | None:
        indexes = self.documents_list.selectionModel().selectedIndexes()
        return self.documents.itemFromIndex(indexes[0]) if indexes else None

    def _update_buttons(self) -> None:
        selected = self._selected() is not None
        self.open_document_button.setEnabled(selected)
        self.remove_document_button.setEnabled(selected)

    def choose_files(self) -> list[str]:
        """Ask for the files to attach; a separate method so tests can answer it."""
        paths, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Attach documents"), str(Path.home())
        )
        return paths

    def add_documents(self) -> None:
        for path in self.choose_files():
            self._add_item(Path(path).name, PENDING_ROLE, path)

    def open_document(self) -> None:
        item = self._selected()
        if item is None:
            return
        pending = item.data(PENDING_ROLE)
        try:
            path = (
                Path(pending)
                if pending
                else self._services.agreements.document_path(str(item.data(DOCUMENT_ROLE)))
            )
        except DomainError as error:
            self.errors["documents"].set_error(error)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def remove_document(self) -> None:
        item = self._selected()
        if item is None:
            return
        if item.data(DOCUMENT_ROLE):
            self._removed.append(str(item.data(DOCUMENT_ROLE)))
        self.documents.removeRow(item.row())
        self._update_buttons()

    # Language ----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        new = self.agreement_id is None
        self.setWindowTitle(self.tr("New agreement") if new else self.tr("Edit agreement"))
        self.retranslate_form(
            {
                "kind": self.tr("&Kind:"),
                "title": self.tr("&Title:"),
                "signed_on": self.tr("&Signed on:"),
                "signatory_ids": self.tr("Si&gnatories:"),
                "review_on": self.tr("&Review on:"),
                "expires_on": self.tr("&Expires on:"),
                "notes": self.tr("&Notes:"),
                "documents": self.tr("&Documents:"),
            }
        )
        for index in range(self.kind_combo.count()):
            kind = AgreementKind(self.kind_combo.itemData(index))
            self.kind_combo.setItemText(index, render(AGREEMENT_KIND_LABELS[kind]))
        self._show_binding()
        self.title_edit.setPlaceholderText(self.tr("e.g. Friendship-city agreement"))
        self.signed_edit.setPlaceholderText(self.tr("1985, 1986-10 or 2009-10-29"))
        for date in (self.review_edit, self.expires_edit):
            date.set_empty_text(self.tr("none"))
        self.add_document_button.setText(self.tr("Add…"))
        self.open_document_button.setText(self.tr("Open"))
        self.remove_document_button.setText(self.tr("Remove"))

    # Saving and leaving ------------------------------------------------------------------
    def save(self) -> None:
        if self.busy or not self.save_button.isEnabled():
            return
        draft, files, removed = self.draft(), self.pending_files(), list(self._removed)
        self.clear_errors()
        self.set_busy(True)
        agreements, partnership_id = self._services.agreements, self.partnership_id
        existing = self.agreement_id

        def work() -> tuple[str, Changes]:
            if existing is None:
                agreement_id, changes = agreements.add(partnership_id, draft)
            else:
                agreement_id, changes = existing, agreements.update(existing, draft)
            for document_id in removed:
                changes = changes | agreements.remove_document(document_id)
            for path in files:
                agreements.attach_document(agreement_id, path)
            return agreement_id, changes

        self._operations.run(work, on_success=self._saved, on_error=self.show_errors, parent=self)

    def _saved(self, result: tuple[str, Changes]) -> None:
        self.set_busy(False)
        self.agreement_id, changes = result
        self._removed.clear()
        self.saved.emit(changes)
        self.accept()
