"""Add a partner city or district (names in English and Chinese, country, region) from the
partnership editor, without leaving it."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from crm.domain.formatting import babel_locale
from crm.domain.places import country_name, known_countries
from crm.services.partnerships import PartnershipService
from crm.ui.dialogs.add_dialog import AddDialog
from crm.ui.operations import Operations
from crm.ui.widgets.error_label import ErrorLabel, field_column
from crm.ui.widgets.timeline import current_language


class PlaceDialog(AddDialog):
    """`created_id` and `changes` hold the new place after `accept()`."""

    def __init__(
        self,
        partnerships: PartnershipService,
        operations: Operations,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(operations, parent=parent)
        self._partnerships = partnerships

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
        self.lay_out(form, width_in_chars=60)
        self.name_zh_edit.textEdited.connect(lambda _t: self.errors["name"].set_error(None))
        self.country_edit.textChanged.connect(self._show_country)
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
        self._show_country(self.country_edit.text())
        self.retranslate_buttons(add=self.tr("Add"), cancel=self.tr("Cancel"))

    def save(self) -> None:
        values = {key: edit.text() for key, edit in self.edits.items()}
        self.save_with(lambda: self._partnerships.create_place(**values))
