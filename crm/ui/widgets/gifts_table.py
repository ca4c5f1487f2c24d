"""The gifts of a visit, both ways: given or received, what, to or from whom, value, photo.

The people offered are the visit's members; the photo is chosen from a file and copied into the
data folder only when the visit is saved.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtWidgets import QFileDialog, QVBoxLayout, QWidget

from crm.domain.partnerships import (
    GIFT_DIRECTION_LABELS,
    VALUE_BAND_LABELS,
    GiftDirection,
    ValueBand,
)
from crm.services.gifts import GiftRow
from crm.ui.language import render
from crm.ui.widgets.row_table import RowsModel, RowTable
from crm.ui.widgets.table_delegates import ChoiceDelegate

DIRECTION, DESCRIPTION, PERSON, VALUE, PHOTO = range(5)
IMAGE_FILTER = "*.jpg *.jpeg *.png *.gif *.webp *.bmp"


@dataclass
class GiftItem:
    gift_id: str | None = None
    direction: GiftDirection = GiftDirection.GIVEN
    description: str = ""
    contact_id: str | None = None
    contact_label: str = ""
    value_band: ValueBand | None = None
    photo_path: Path | None = None  # the stored photo
    new_photo: Path | None = None  # a file chosen since, copied in on saving
    given_on: str = ""
    occasion: str = ""
    notes: str = ""

    @classmethod
    def of(cls, row: GiftRow, photo_path: Path | None) -> GiftItem:
        return cls(
            gift_id=row.id,
            direction=GiftDirection(row.direction),
            description=row.description,
            contact_id=row.contact_id,
            contact_label=row.contact,
            value_band=ValueBand(row.value_band) if row.value_band else None,
            photo_path=photo_path,
            given_on=row.given_on,
            occasion=row.occasion,
            notes=row.notes,
        )

    @property
    def shown_photo(self) -> Path | None:
        return self.new_photo or self.photo_path


class GiftsModel(RowsModel[GiftItem]):
    def __init__(
        self, people: Callable[[], list[tuple[str, str]]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._people = people

    def headers(self) -> list[str]:
        translate = QCoreApplication.translate
        return [
            translate("GiftsTable", "Given or received"),
            translate("GiftsTable", "Gift"),
            translate("GiftsTable", "To or from"),
            translate("GiftsTable", "Value"),
            translate("GiftsTable", "Photo"),
        ]

    def display(self, row: GiftItem, column: int) -> str:
        if column == DIRECTION:
            return render(GIFT_DIRECTION_LABELS[row.direction])
        if column == DESCRIPTION:
            return row.description
        if column == PERSON:
            return row.contact_label
        if column == VALUE:
            return render(VALUE_BAND_LABELS[row.value_band]) if row.value_band else ""
        photo = row.shown_photo
        return photo.name if photo is not None and row.new_photo else ("✓" if photo else "")

    def edit_value(self, row: GiftItem, column: int) -> Any:
        if column == DIRECTION:
            return str(row.direction)
        if column == PERSON:
            return row.contact_id or ""
        if column == VALUE:
            return str(row.value_band) if row.value_band else ""
        return self.display(row, column)

    def editable(self, column: int) -> bool:
        return column != PHOTO

    def set_value(self, row: GiftItem, column: int, value: Any) -> bool:
        if column == DIRECTION:
            row.direction = GiftDirection(value)
        elif column == DESCRIPTION:
            row.description = str(value or "").strip()
        elif column == PERSON:
            row.contact_id = str(value) if value else None
            row.contact_label = dict(self._people()).get(row.contact_id or "", "")
        elif column == VALUE:
            row.value_band = ValueBand(value) if value else None
        else:
            return False
        return True

    def tooltip(self, row: GiftItem, column: int) -> str | None:
        photo = row.shown_photo
        if column == PHOTO and photo is not None:
            source = html.escape(QUrl.fromLocalFile(str(photo)).toString(), quote=True)
            return f'<img src="{source}" width="240">'
        return None

    def set_photo(self, row: int, path: Path) -> None:
        self._rows[row].new_photo = path
        self.dataChanged.emit(self.index(row, PHOTO), self.index(row, PHOTO))
        self.edited.emit()


class GiftsTable(QWidget):
    changed = Signal()

    def __init__(
        self, *, people: Callable[[], list[tuple[str, str]]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._people = people
        self.model = GiftsModel(people, self)
        self.table = RowTable(self.model)
        self.add_button = self.table.add_button()
        self.remove_button = self.table.add_button(needs_row=True)
        self.photo_button = self.table.add_button(needs_row=True)
        self.table.finish_buttons()
        self.add_button.clicked.connect(self.add_gift)
        self.remove_button.clicked.connect(self.remove_current)
        self.photo_button.clicked.connect(self.choose_photo)
        self.model.edited.connect(self.changed)
        view = self.table.view
        self._delegates = [
            ChoiceDelegate(
                lambda: [(render(GIFT_DIRECTION_LABELS[d]), str(d)) for d in GiftDirection], self
            ),
            ChoiceDelegate(lambda: [("—", "")] + [(label, i) for i, label in people()], self),
            ChoiceDelegate(
                lambda: [("—", "")] + [(render(VALUE_BAND_LABELS[b]), str(b)) for b in ValueBand],
                self,
            ),
        ]
        for column, delegate in zip((DIRECTION, PERSON, VALUE), self._delegates, strict=True):
            view.setItemDelegateForColumn(column, delegate)
        self.table.stretch(DESCRIPTION, PERSON)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def tab_chain(self) -> list[QWidget]:
        return [self.table.view, self.add_button, self.remove_button, self.photo_button]

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("Add gift"))
        self.remove_button.setText(self.tr("Remove"))
        self.photo_button.setText(self.tr("Choose photo…"))
        self.table.error.retranslate()
        self.model.refresh()

    def set_gifts(self, gifts: list[GiftItem]) -> None:
        self.model.set_rows(gifts)

    def gifts(self) -> list[GiftItem]:
        return self.model.rows()

    def add_gift(self) -> None:
        people = self._people()
        first = people[0] if len(people) == 1 else None
        item = GiftItem(
            contact_id=first[0] if first else None, contact_label=first[1] if first else ""
        )
        row = self.model.append(item)
        self.table.select(row, DESCRIPTION)
        self.table.view.setFocus()
        self.table.view.edit(self.model.index(row, DESCRIPTION))

    def remove_current(self) -> None:
        row = self.table.current_row()
        if row >= 0:
            self.model.remove(row)
            self.table.select(min(row, self.model.rowCount() - 1))

    def choose_photo(self) -> None:
        row = self.table.current_row()
        if row < 0:
            return
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Photo of the gift"),
            "",
            self.tr("Images ({patterns})").format(patterns=IMAGE_FILTER),
        )
        if name:
            self.model.set_photo(row, Path(name))
