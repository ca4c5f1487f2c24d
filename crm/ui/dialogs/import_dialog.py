"""Importing contacts: the columns of a sheet (when some are unknown), a preview of what will
happen (a dry run), then the import itself, and the rejected rows saved to fix and try again.

Every step reads or writes through the importer service, off the GUI thread; the dialog keeps
only what the service returned (the preview, the report) and the person's column choices.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFocusEvent, QPalette, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm.services.bundle import Services
from crm.services.changes import Changes
from crm.services.importing import MAPPABLE_FIELDS, ImportColumn, ImportPreview, ImportReport
from crm.ui.language import qt_translate, render
from crm.ui.operations import Operations, describe_error

SAMPLE_SEPARATOR = "  ·  "


class FieldCombo(QComboBox):
    """What a column is imported as. The wheel scrolls the table unless the box has the focus,
    and a box reached with Tab scrolls its row into view."""

    def __init__(
        self, row: int, on_focus: Callable[[int], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.row = row
        self._on_focus = on_focus
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self._on_focus(self.row)

    @property
    def field(self) -> str | None:
        data = self.currentData()
        return str(data) if data else None

    def choose(self, field: str | None) -> None:
        self.setCurrentIndex(max(0, self.findData(field or "")))


class ImportDialog(QDialog):
    imported = Signal(object)  # Changes

    def __init__(
        self, services: Services, operations: Operations, path: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._operations = operations
        self._path = path
        self._preview: ImportPreview | None = None
        self._report: ImportReport | None = None
        self._done = False
        self._busy = False
        self._saved = ""  # the name of the rejected-rows file saved

        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)

        # The columns page.
        self.mapping_hint = QLabel()
        self.mapping_hint.setWordWrap(True)
        self.columns = QTableWidget(0, 3)
        self.columns.verticalHeader().setVisible(False)
        self.columns.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.columns.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.columns.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from box to box
        self.columns.setTabKeyNavigation(False)  # and on to the buttons, not round its cells
        columns_header = self.columns.horizontalHeader()
        columns_header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        columns_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        columns_header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.combos: list[FieldCombo] = []
        self.mapping_page = QWidget()
        mapping_layout = QVBoxLayout(self.mapping_page)
        mapping_layout.setContentsMargins(0, 0, 0, 0)
        mapping_layout.addWidget(self.mapping_hint)
        mapping_layout.addWidget(self.columns, 1)

        # The report page: what a dry run or the import found.
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems = QTableWidget(0, 2)
        self.problems.verticalHeader().setVisible(False)
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.problems.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.problems.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.saved_label = QLabel()
        self.saved_label.setWordWrap(True)
        self.saved_label.hide()
        self.report_page = QWidget()
        report_layout = QVBoxLayout(self.report_page)
        report_layout.setContentsMargins(0, 0, 0, 0)
        report_layout.addWidget(self.summary)
        report_layout.addWidget(self.problems_label)
        report_layout.addWidget(self.problems, 1)
        report_layout.addWidget(self.saved_label)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.mapping_page)
        self.pages.addWidget(self.report_page)
        self.pages.setCurrentWidget(self.report_page)

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy, for as long as it takes
        self.progress.setTextVisible(False)
        self.progress.hide()

        self.buttons = QDialogButtonBox()
        self.back_button = QPushButton()
        self.next_button = QPushButton()
        self.import_button = QPushButton()
        self.save_rejected_button = QPushButton()
        self.buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.next_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.save_rejected_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        for button in (self.back_button, self.next_button, self.save_rejected_button):
            button.hide()
        self.import_button.setEnabled(False)
        self.back_button.clicked.connect(self.show_columns)
        self.next_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.run_import)
        self.save_rejected_button.clicked.connect(self.save_rejected)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.resize(760, 480)
        self._set_default(self.import_button)
        self.retranslate()
        self.start()

    # Steps -------------------------------------------------------------------------------
    def start(self) -> None:
        """Read the file's columns; a sheet with unknown ones goes to the columns page."""
        self.summary.setText(self.tr("Reading the file…"))
        self._run(lambda: self._services.importer.preview(self._path), self._show_preview)

    def show_columns(self) -> None:
        self.pages.setCurrentWidget(self.mapping_page)
        self.back_button.hide()
        self.import_button.hide()
        self.next_button.show()
        self._set_default(self.next_button)
        self._update_next()
        if self.combos:
            self.combos[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def check(self) -> None:
        """A dry run with the chosen columns: what the import would do."""
        self.pages.setCurrentWidget(self.report_page)
        self.next_button.hide()
        self.import_button.show()
        self.import_button.setEnabled(False)
        self.back_button.setVisible(bool(self.combos))
        self._set_default(self.import_button)
        self._report = None
        self.problems_label.hide()
        self.problems.hide()
        self.summary.setStyleSheet("")
        self.summary.setText(self.tr("Reading the file…"))
        mapping = self.mapping()
        self._run(
            lambda: self._services.importer.import_file(self._path, dry_run=True, mapping=mapping),
            self._show_check,
        )

    def run_import(self) -> None:
        self.import_button.setEnabled(False)
        self.back_button.hide()
        self.summary.setText(self.tr("Importing…"))
        mapping = self.mapping()
        self._run(
            lambda: self._services.importer.import_file(self._path, mapping=mapping),
            self._show_result,
        )

    def save_rejected(self) -> None:
        report = self._report
        if report is None or not report.rejected:
            return
        suffix = report.rejected_suffix
        name = self.tr("%1 (rejected)").replace("%1", self._path.stem) + suffix
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save rejected rows"),
            str(self._path.with_name(name)),
            self.tr("Rejected rows (*%1)").replace("%1", suffix),
        )
        if not path:
            return
        target = Path(path) if Path(path).suffix else Path(path + suffix)

        def saved(_count: int) -> None:
            self._saved = target.name
            self._render()

        self._run(lambda: report.write_rejected(target, qt_translate), saved)

    def mapping(self) -> dict[str, str | None]:
        """The columns whose field the person changed, header → field (None: left out)."""
        if self._preview is None:
            return {}
        return {
            column.header: combo.field
            for column, combo in zip(self._preview.columns, self.combos, strict=True)
            if combo.field != column.field
        }

    # Results -----------------------------------------------------------------------------
    def _show_preview(self, preview: ImportPreview) -> None:
        self._preview = preview
        self._fill_columns(preview.columns)
        if preview.needs_mapping:
            self.show_columns()
        else:
            self.check()

    def _show_check(self, result: tuple[ImportReport, Changes]) -> None:
        self._report = result[0]
        self.import_button.setEnabled(self._report.created + self._report.updated > 0)
        self._render()

    def _show_result(self, result: tuple[ImportReport, Changes]) -> None:
        self._report, changes = result
        self._done = True
        self.import_button.hide()
        self.back_button.hide()
        self.save_rejected_button.show()
        self.save_rejected_button.setEnabled(bool(self._report.rejected))
        self.close_button.setText(self.tr("Close"))
        self._set_default(self.close_button)
        self._render()
        self.imported.emit(changes)

    def _show_error(self, error: BaseException) -> bool:
        self._set_busy(False)
        if self._done:  # the rejected rows could not be saved; the import stands
            self._saved = ""
            self.saved_label.setText(describe_error(error))
            self.saved_label.setStyleSheet("color: #b00020;")
            self.saved_label.show()
            return True
        self.pages.setCurrentWidget(self.report_page)
        self.next_button.hide()
        self.import_button.show()
        self.import_button.setEnabled(False)
        self.back_button.setVisible(bool(self.combos) and not self._done)
        self.summary.setText(describe_error(error))
        self.summary.setStyleSheet("color: #b00020;")
        return True

    def _render(self) -> None:
        report = self._report
        if report is None:
            return
        if self._done:
            text = self.tr("Imported: %1 new, %2 updated, %3 unchanged.")
        else:
            text = self.tr("Ready to import: %1 new, %2 updated, %3 unchanged.")
        for number, value in enumerate((report.created, report.updated, report.skipped), start=1):
            text = text.replace(f"%{number}", str(value))
        if not self._done and report.created + report.updated == 0:
            text += " " + self.tr("Everything in this file is already in Liaison.")
        self.summary.setText(text)
        self.summary.setStyleSheet("")
        errors = report.errors
        self.problems_label.setVisible(bool(errors))
        self.problems.setVisible(bool(errors))
        self.problems_label.setText(
            self.tr("%n entry(s) cannot be imported and will be skipped:", "", len(errors))
            if not self._done
            else self.tr("%n entry(s) were skipped:", "", len(errors))
        )
        self.problems.setRowCount(len(errors))
        for row, problem in enumerate(errors):
            line = QTableWidgetItem(str(problem.line))
            line.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.problems.setItem(row, 0, line)
            self.problems.setItem(row, 1, QTableWidgetItem(render(problem.message)))
        if not self._saved:
            return
        self.saved_label.show()
        self.saved_label.setStyleSheet("")
        self.saved_label.setText(
            self.tr("Saved in “%1”: correct the entries there, then import that file.").replace(
                "%1", self._saved
            )
        )

    # The columns page --------------------------------------------------------------------
    def _fill_columns(self, columns: tuple[ImportColumn, ...]) -> None:
        self.columns.setRowCount(len(columns))
        self.combos = []
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        background = QBrush(QColor("#5c4400" if dark else "#fff3cd"))
        foreground = QBrush(QColor("#ffe69c" if dark else "#664d03"))
        for row, column in enumerate(columns):
            name = QTableWidgetItem(column.header)
            samples = QTableWidgetItem(SAMPLE_SEPARATOR.join(column.samples[:3]))
            samples.setToolTip("\n".join(column.samples))
            if not column.known:  # highlighted: a person should say what it holds
                font = name.font()
                font.setBold(True)
                name.setFont(font)
                for item in (name, samples):
                    item.setBackground(background)
                    item.setForeground(foreground)
            self.columns.setItem(row, 0, name)
            self.columns.setItem(row, 1, samples)
            combo = FieldCombo(row, self._scroll_to_row)
            combo.addItem("", "")
            for field, _label in MAPPABLE_FIELDS:
                combo.addItem("", field)
            combo.choose(column.field)
            combo.currentIndexChanged.connect(self._update_next)
            self.columns.setCellWidget(row, 2, combo)
            self.combos.append(combo)
        # Tab goes from box to box, then round to the buttons (the button box orders its own;
        # a button pulled next to the last box left the box behind its buttons, and Tab went
        # round the buttons for ever).
        for first, second in itertools.pairwise(self.combos):
            QWidget.setTabOrder(first, second)
        self._retranslate_columns()

    def _scroll_to_row(self, row: int) -> None:
        item = self.columns.item(row, 0)
        if item is not None:
            self.columns.scrollToItem(item)

    def _update_next(self) -> None:
        # A sheet with every column left out has nothing to import.
        chosen = any(combo.field for combo in self.combos)
        self.next_button.setEnabled(chosen and not self._busy)

    # Running -----------------------------------------------------------------------------
    def _run(self, work: Callable[[], Any], on_success: Callable[[Any], None]) -> None:
        self._set_busy(True)

        def success(result: Any) -> None:
            self._set_busy(False)
            on_success(result)

        self._operations.run(work, on_success=success, on_error=self._show_error, parent=self)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        self.columns.setEnabled(not busy)
        for button in (self.back_button, self.save_rejected_button, self.close_button):
            button.setEnabled(not busy)
        if busy:
            self.next_button.setEnabled(False)
            self.import_button.setEnabled(False)
        else:
            self._update_next()
            if self._report is not None:
                self.save_rejected_button.setEnabled(bool(self._report.rejected))

    def _set_default(self, button: QPushButton) -> None:
        for other in (self.next_button, self.import_button, self.close_button):
            other.setDefault(other is button)

    def reject(self) -> None:
        """Cancel, Esc and closing the window; not while the file is being imported."""
        if not self._busy:
            super().reject()

    # Language ----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import contacts"))
        self.heading.setText(self.tr("Import contacts from “%1”").replace("%1", self._path.name))
        self.back_button.setText(self.tr("Back"))
        self.next_button.setText(self.tr("Next"))
        self.import_button.setText(self.tr("Import"))
        self.save_rejected_button.setText(self.tr("Save rejected rows…"))
        self.save_rejected_button.setToolTip(
            self.tr("Save the entries that were not imported as a file to correct and import.")
        )
        self.problems.setHorizontalHeaderLabels([self.tr("Line"), self.tr("Problem")])
        self.columns.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("First values"), self.tr("Import as")]
        )
        if self._done:
            self.close_button.setText(self.tr("Close"))
        self._retranslate_columns()
        self._render()

    def _retranslate_columns(self) -> None:
        unknown = len(self._preview.unknown) if self._preview else 0
        if unknown:
            self.mapping_hint.setText(
                self.tr(
                    "Liaison does not know %n of the columns (highlighted): choose what each holds, or leave it out.",
                    "",
                    unknown,
                )
            )
        else:
            self.mapping_hint.setText(self.tr("Choose what each column holds."))
        tip = self.tr("Liaison does not know this column: choose what it holds.")
        columns = self._preview.columns if self._preview else ()
        for row, column in enumerate(columns):
            item = self.columns.item(row, 0)
            if item is not None and not column.known:
                item.setToolTip(tip)
        for combo in self.combos:
            combo.setItemText(0, self.tr("Don't import"))
            for index, (_field, label) in enumerate(MAPPABLE_FIELDS, start=1):
                combo.setItemText(index, render(label))
