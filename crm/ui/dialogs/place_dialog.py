"""Add a partner city or district (names in English and Chinese, country, region) from the
partnership editor, without leaving it."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from crm.domain.formatting import babel_locale
from crm.domain.places import country_name, known_countries
from crm.domain.text import DomainError, ValidationErrors
from crm.services.changes import Changes
from crm.services.partnerships import PartnershipService
from crm.ui.operations import Operations
from crm.ui.widgets.error_label import ErrorLabel, field_column
from crm.ui.widgets.timeline import current_language


class PlaceDialog(QDialog):
    """`created_id` and `changes` hold the new place after `accept()`."""

    def __init__(
        self,
        partnerships: PartnershipService,
        operations: Operations,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._partnerships = partnerships
        self._operations = operations
        self.created_id: str | None = None
        self.changes: Changes | None = None

        self.message_label = ErrorLabel(self)
        self.name_edit = QLineEdit(self)
        self.name_zh_edit = QLineEdit(self)
        self.country_edit = QLineEdit(self)
        self.country_edit.setMaxLength(2)
        self.country_edit.setMaximumWidth(self.fontMetrics().averageCharWidth() * 8)
        self.country_name = QLabel(self)
        self.region_edit = QLineEdit(self)
        self.edits = {
            "name": self.name_edit,
            "name_zh": self.name_zh_edit,
            "country": self.country_edit,
            "region": self.region_edit,
        }
        self.errors = {key: ErrorLabel(self) for key in self.edits}
        self.labels = {key: QLabel(self) for key in self.edits}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, edit in self.edits.items():
            self.labels[key].setBuddy(edit)
            below = [self.country_name] if key == "country" else []
            form.addRow(self.labels[key], field_column(edit, *below, self.errors[key]))
            edit.textEdited.connect(lambda _t, key=key: self.errors[key].set_error(None))
        self.name_zh_edit.textEdited.connect(lambda _t: self.errors["name"].set_error(None))
        self.country_edit.textChanged.connect(self._show_country)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_label)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.retranslate()

    def _show_country(self, text: str) -> None:
        code = text.strip().upper()
        if text != code:
            self.country_edit.setText(code)
            return
        known = code in known_countries()
        self.country_name.setText(
            country_name(code, babel_locale(current_language())) if known else ""
        )
        self.country_name.setVisible(known)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New place"))
        self.labels["name"].setText(self.tr("&Name:"))
        self.labels["name_zh"].setText(self.tr("&Chinese name:"))
        self.labels["country"].setText(self.tr("C&ountry code:"))
        self.labels["region"].setText(self.tr("&Province or region:"))
        self.name_edit.setPlaceholderText(self.tr("e.g. Ningbo"))
        self.name_zh_edit.setPlaceholderText(self.tr("e.g. 宁波"))
        self.country_edit.setPlaceholderText("CN")
        self.country_edit.setToolTip(self.tr("Two letters (ISO 3166): CN, DE, NO, BE…"))
        self.region_edit.setPlaceholderText(self.tr("e.g. Zhejiang"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if ok is not None and cancel is not None:
            ok.setText(self.tr("Add"))
            cancel.setText(self.tr("Cancel"))
        self._show_country(self.country_edit.text())
        self.message_label.retranslate()
        for label in self.errors.values():
            label.retranslate()

    def save(self) -> None:
        values = {key: edit.text() for key, edit in self.edits.items()}
        self.message_label.set_error(None)
        for label in self.errors.values():
            label.set_error(None)
        self.buttons.setEnabled(False)
        self._operations.run(
            lambda: self._partnerships.create_place(**values),
            on_success=self._created,
            on_error=self._failed,
            parent=self,
        )

    def _created(self, result: tuple[str, Changes]) -> None:
        self.buttons.setEnabled(True)
        self.created_id, self.changes = result
        self.accept()

    def _failed(self, error: BaseException) -> bool:
        self.buttons.setEnabled(True)
        if not isinstance(error, DomainError):
            return False
        errors = error.errors if isinstance(error, ValidationErrors) else [error]
        for problem in errors:
            self.errors.get(problem.field or "", self.message_label).set_error(problem)
        first = next((k for k in self.edits if self.errors[k].error is not None), "name")
        self.edits[first].setFocus()
        return True
