"""The gift register: every gift given and received, narrowed by person, partnership or
direction, with the photo of the one selected."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from crm.domain.partnerships import GIFT_DIRECTION_LABELS, GiftDirection
from crm.services.bundle import Services
from crm.services.changes import Changes
from crm.ui.dialogs.gift_dialog import GiftDialog
from crm.ui.language import render
from crm.ui.models.gifts import Column, GiftsModel
from crm.ui.operations import Operations
from crm.ui.widgets.contact_picker import _ContactPicker
from crm.ui.widgets.row_table import TableView


class GiftRegister(QDialog):
    """A window of its own; `changed` carries the `Changes` of every gift added, edited or
    deleted from it."""

    changed = Signal(object)

    def __init__(
        self,
        services: Services,
        operations: Operations,
        *,
        contact_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self._services = services
        self._operations = operations
        self.person_filter = _ContactPicker(services.contacts, exclude=None)
        self.partnership_filter = QComboBox()
        self.partnership_filter.addItem("", None)
        for choice in services.delegations.partnerships():
            label = " · ".join(p for p in (choice.partner, choice.partner_zh) if p)
            self.partnership_filter.addItem(label, choice.id)
        self.direction_filter = QComboBox()
        # Sized to its texts whenever they change (the language too), and never narrower than
        # eight letters: Qt measured "（全部）" a few pixels short and cut its last character.
        self.direction_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.direction_filter.setMinimumContentsLength(8)
        self.direction_filter.addItem("", None)
        for direction in GiftDirection:
            self.direction_filter.addItem("", str(direction))
        self.person_label, self.partnership_label, self.direction_label = (
            QLabel(),
            QLabel(),
            QLabel(),
        )
        for buddy_label, field in (
            (self.person_label, self.person_filter),
            (self.partnership_label, self.partnership_filter),
            (self.direction_label, self.direction_filter),
        ):
            buddy_label.setBuddy(field)
        filters = QHBoxLayout()
        for widget, stretch in (
            (self.person_label, 0),
            (self.person_filter, 2),
            (self.partnership_label, 0),
            (self.partnership_filter, 1),
            (self.direction_label, 0),
            (self.direction_filter, 0),
        ):
            filters.addWidget(widget, stretch)

        self.model = GiftsModel(self)
        self.table = TableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in (Column.DATE, Column.DIRECTION):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # The gift keeps a width of its own: as the stretching column it was squeezed to a few
        # letters by a long value band ("高价（€1,000 以上，须申报）") in a narrow window. The
        # value, last, takes what is left.
        header.setSectionResizeMode(Column.VALUE, QHeaderView.ResizeMode.Stretch)
        chars = self.fontMetrics().averageCharWidth()
        widths = (
            (Column.GIFT, 26),
            (Column.PERSON, 22),
            (Column.OCCASION, 26),
            (Column.PARTNERSHIP, 14),
        )
        for column, width in widths:
            header.resizeSection(column, chars * width)
        self.photo = QLabel()
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setFrameShape(QFrame.Shape.StyledPanel)
        self.photo.setMinimumSize(260, 200)
        self.photo.setWordWrap(True)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.photo)
        side_layout.addWidget(self.details, 1)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        self.count_label = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.new_button = self._button()
        self.edit_button = self._button()
        self.delete_button = self._button()
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self.new_button.clicked.connect(self.register_gift)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.table.activated.connect(lambda _index: self.edit_current())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.person_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.partnership_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.direction_filter.currentIndexChanged.connect(lambda _i: self.reload())
        if contact_id:
            self.person_filter.set_selected(contact_id)
        self.retranslate()
        self.reload()
        metrics = self.fontMetrics()
        wanted = QSize(metrics.averageCharWidth() * 200, metrics.lineSpacing() * 36)
        screen = self.screen()
        self.resize(wanted.boundedTo(screen.availableGeometry().size() * 0.9) if screen else wanted)

    def _button(self) -> QPushButton:
        button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        assert button is not None
        button.setAutoDefault(False)
        return button

    # Language ----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Gift register"))
        self.person_label.setText(self.tr("Person:"))
        self.partnership_label.setText(self.tr("Partnership:"))
        self.direction_label.setText(self.tr("Direction:"))
        self.person_filter.set_none_label(self.tr("(anyone)"))
        self.partnership_filter.setItemText(0, self.tr("(all partnerships)"))
        self.direction_filter.setItemText(0, self.tr("(both ways)"))
        for index in range(1, self.direction_filter.count()):
            direction = GiftDirection(self.direction_filter.itemData(index))
            self.direction_filter.setItemText(index, render(GIFT_DIRECTION_LABELS[direction]))
        self.new_button.setText(self.tr("Register a gift…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.delete_button.setText(self.tr("Delete"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(self.tr("Close"))
        self.model.retranslate()
        self._update_count()
        self._current_changed()

    # Reading -----------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        current = select or self._current_id()
        direction = self.direction_filter.currentData()
        gifts = self._services.gifts.find(
            contact_id=self.person_filter.selected_id(),
            partnership_id=self.partnership_filter.currentData(),
            direction=GiftDirection(direction) if direction else None,
        )
        self.model.set_gifts(gifts)
        row = self.model.row_of(current) if current else -1
        if gifts:
            self.table.selectRow(max(row, 0))
        self._update_count()
        self._current_changed()

    def _current_id(self) -> str | None:
        index = self.table.currentIndex()
        gift = self.model.gift_at(index.row()) if index.isValid() else None
        return gift.id if gift else None

    def _update_count(self) -> None:
        count = self.model.rowCount()
        self.count_label.setText(self.tr("%n gift(s)", "", count))

    def _current_changed(self, *_args: QModelIndex) -> None:
        index = self.table.currentIndex()
        gift = self.model.gift_at(index.row()) if index.isValid() else None
        self.edit_button.setEnabled(gift is not None)
        self.delete_button.setEnabled(gift is not None)
        path = self._services.gifts.photo_path(gift.photo) if gift else None
        pixmap = QPixmap(str(path)) if path else QPixmap()
        if pixmap.isNull():
            self.photo.clear()
            self.photo.setText(self.tr("No photo") if gift else "")
        else:
            size = self.photo.contentsRect().size().boundedTo(QSize(480, 360))
            self.photo.setPixmap(
                pixmap.scaled(
                    size.expandedTo(QSize(240, 180)),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        self.details.setText(gift.notes if gift else "")

    # Writing -----------------------------------------------------------------------------
    def register_gift(self) -> None:
        contact_id = self.person_filter.selected_id()
        self._open_dialog(
            GiftDialog(self._services, self._operations, contact_id=contact_id, parent=self)
        )

    def edit_current(self) -> None:
        gift_id = self._current_id()
        if gift_id:
            self._open_dialog(
                GiftDialog(self._services, self._operations, gift_id=gift_id, parent=self)
            )

    def _open_dialog(self, dialog: GiftDialog) -> None:
        dialog.saved.connect(lambda changes: self._changed(changes, dialog.gift_id))
        dialog.exec()
        dialog.deleteLater()

    def delete_current(self) -> None:
        gift_id = self._current_id()
        gift = self.model.gift_at(self.table.currentIndex().row())
        if not gift_id or gift is None or not self.confirm_delete(gift.description):
            return
        self._operations.run(
            lambda: self._services.gifts.delete(gift_id),
            on_success=lambda changes: self._changed(changes, None),
            parent=self,
        )

    def confirm_delete(self, description: str) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Delete the gift"),
            self.tr("Delete “{gift}” from the register?").format(gift=description),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _changed(self, changes: Changes, select: str | None) -> None:
        self.reload(select)
        self.changed.emit(changes)
