"""Importing contacts: a preview of what will happen (a dry run), then the import itself."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm.services.bundle import Services
from crm.services.changes import Changes
from crm.services.importing import ImportReport
from crm.ui.language import render
from crm.ui.operations import Operations


class ImportDialog(QDialog):
    imported = Signal(object)  # Changes

    def __init__(
        self, services: Services, operations: Operations, path: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._operations = operations
        self._path = path
        self._report: ImportReport | None = None
        self._done = False

        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems = QTableWidget(0, 2)
        self.problems.verticalHeader().setVisible(False)
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.problems.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.buttons = QDialogButtonBox()
        self.import_button = QPushButton()
        self.import_button.setDefault(True)
        self.import_button.setEnabled(False)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.run_import)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 420)
        self.retranslate()
        self.preview()

    def preview(self) -> None:
        self.summary.setText(self.tr("Reading the file…"))
        self._operations.run(
            lambda: self._services.importer.import_file(self._path, dry_run=True),
            on_success=self._show_preview,
            on_error=self._show_error,
            parent=self,
        )

    def run_import(self) -> None:
        self.import_button.setEnabled(False)
        self.summary.setText(self.tr("Importing…"))
        self._operations.run(
            lambda: self._services.importer.import_file(self._path),
            on_success=self._show_result,
            on_error=self._show_error,
            parent=self,
        )

    def _show_preview(self, result: tuple[ImportReport, Changes]) -> None:
        self._report = result[0]
        self.import_button.setEnabled(self._report.created + self._report.updated > 0)
        self._render()

    def _show_result(self, result: tuple[ImportReport, Changes]) -> None:
        self._report, changes = result
        self._done = True
        self.import_button.hide()
        self.close_button.setText(self.tr("Close"))
        self._render()
        self.imported.emit(changes)

    def _show_error(self, error: BaseException) -> bool:
        from crm.ui.operations import describe_error

        self.summary.setText(describe_error(error))
        self.summary.setStyleSheet("color: #b00020;")
        self.import_button.setEnabled(False)
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

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import contacts"))
        self.heading.setText(self.tr("Import contacts from “%1”").replace("%1", self._path.name))
        self.import_button.setText(self.tr("Import"))
        self.problems.setHorizontalHeaderLabels([self.tr("Line"), self.tr("Problem")])
        if self._done:
            self.close_button.setText(self.tr("Close"))
        self._render()
