"""Restoring the database from a backup: the backups of this database newest first (or any
file chosen), what the chosen one holds once it is checked, and the restore itself after a
question that says where the current database is kept.

Checking a backup reads all of it and restoring copies it, so both run through `Operations`,
off the GUI thread; the dialog keeps only what the service returned. Nothing is lost either
way: the service keeps the replaced file in the backups folder.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel.dates import format_date, format_time
from babel.units import format_unit
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm.domain.formatting import babel_locale
from crm.services.changes import Changes
from crm.services.restore import ListedBackup, RestoreResult, RestoreService
from crm.store.restore import BackupInfo
from crm.ui.operations import Operations, user_error
from crm.ui.ui_locale import current_language
from crm.ui.widgets.error_label import ErrorLabel

PATH_ROLE = Qt.ItemDataRole.UserRole


def format_moment(moment: dt.datetime, language: str) -> str:
    """ "24 November 2026 10:42" / "2026年11月24日 10:42": when a backup was made."""
    locale = babel_locale(language)
    return f"{format_date(moment, 'long', locale=locale)} {format_time(moment, 'short', locale=locale)}"


def format_size(size: int, language: str) -> str:
    """A file's size in kB or MB, as the UI language writes them."""
    locale = babel_locale(language)
    if size < 1_000_000:
        return format_unit(max(1, round(size / 1000)), "digital-kilobyte", "short", locale=locale)
    return format_unit(round(size / 1_000_000, 1), "digital-megabyte", "short", locale=locale)


class RestoreDialog(QDialog):
    """`restored(RestoreResult)` and `changed(Changes)` fire once the backup is in place."""

    restored = Signal(object)  # RestoreResult
    changed = Signal(object)  # Changes: everything

    def __init__(
        self, service: RestoreService, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._operations = operations
        self._backups: list[ListedBackup] = []
        self._chosen_files: list[Path] = []  # files chosen with "Choose file…", newest first
        self._selected: Path | None = None
        self._info: BackupInfo | None = None
        self._checking = False
        self._busy = False
        self.result_of_restore: RestoreResult | None = None

        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)

        self.table = QTableWidget(0, 2)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self.choose_file)
        choose_row = QHBoxLayout()
        choose_row.addWidget(self.empty_label, 1)
        choose_row.addWidget(self.choose_button)

        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label = ErrorLabel()
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        self.done_label.setTextFormat(Qt.TextFormat.PlainText)
        self.done_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.done_label.hide()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy, for as long as it takes
        self.progress.setTextVisible(False)
        self.progress.hide()

        self.buttons = QDialogButtonBox()
        self.restore_button = QPushButton()
        self.restore_button.setEnabled(False)
        self.restore_button.setDefault(True)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button.clicked.connect(self.restore)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(choose_row)
        layout.addWidget(self.details)
        layout.addWidget(self.error_label)
        layout.addWidget(self.done_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.resize(640, 440)
        self.retranslate()
        self.reload()

    # The list ----------------------------------------------------------------------------
    def reload(self) -> None:
        """List the backups again (the chosen files first) and select the newest."""
        try:
            self._backups = self._service.backups()
        except Exception as error:  # a server database has no backups to list
            self._backups = []
            self.error_label.set_error(user_error(error))
        self._fill()
        if self.table.rowCount():
            self.table.selectRow(0)

    def paths(self) -> list[Path]:
        """What the rows hold, top to bottom."""
        return [self._path_at(row) for row in range(self.table.rowCount())]

    def _path_at(self, row: int) -> Path:
        item = self.table.item(row, 0)
        assert item is not None  # every row has its first cell
        return Path(item.data(PATH_ROLE))

    def _fill(self) -> None:
        language = current_language()
        rows: list[tuple[Path, str, str]] = []
        for path in self._chosen_files:
            rows.append((path, path.name, self._size_text(path, language)))
        for backup in self._backups:
            when = format_moment(backup.made, language)
            rows.append((backup.path, when, format_size(backup.size, language)))
        selected = self._selected
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for row, (path, label, size) in enumerate(rows):
            item = QTableWidgetItem(label)
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(str(path))
            self.table.setItem(row, 0, item)
            size_item = QTableWidgetItem(size)
            size_item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 1, size_item)
            if path == selected:
                self.table.selectRow(row)
        self.table.blockSignals(False)
        self.empty_label.setVisible(not rows)

    @staticmethod
    def _size_text(path: Path, language: str) -> str:
        try:
            return format_size(path.stat().st_size, language)
        except OSError:
            return ""

    def choose_file(self) -> None:
        """Another file (a backup copied elsewhere, a colleague's copy) to restore from."""
        chosen = self.ask_for_file()
        if not chosen:
            return
        path = Path(chosen)
        if path in self._chosen_files:
            self._chosen_files.remove(path)
        self._chosen_files.insert(0, path)
        self._fill()
        self.table.selectRow(0)

    def ask_for_file(self) -> str:
        try:
            folder = str(self._service.kept_folder())
        except Exception:  # no folder of backups (a server database): start anywhere
            folder = ""
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a backup"),
            folder,
            self.tr("Liaison databases (*.sqlite3 *.sqlite *.db);;All files (*)"),
        )
        return path

    # Checking the chosen backup ----------------------------------------------------------
    def _selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or self._busy or self.result_of_restore is not None:
            return
        path = self._path_at(rows[0].row())
        if path == self._selected and (self._info is not None or self._checking):
            return
        self._selected = path
        self._info = None
        self._checking = True
        self.error_label.set_error(None)
        self.restore_button.setEnabled(False)
        self._render_details()
        self._operations.run(
            lambda: self._service.inspect(path),
            on_success=lambda info: self._checked(path, info),
            on_error=lambda error: self._check_failed(path, error),
            parent=self,
        )

    def _checked(self, path: Path, info: BackupInfo) -> None:
        if path != self._selected:  # another row was chosen meanwhile
            return
        self._checking = False
        self._info = info
        self.restore_button.setEnabled(not self._busy)
        self._render_details()

    def _check_failed(self, path: Path, error: BaseException) -> bool:
        if path == self._selected:
            self._checking = False
            self._info = None
            self.error_label.set_error(user_error(error))
            self._render_details()
        return True

    # Restoring ---------------------------------------------------------------------------
    def restore(self) -> None:
        info = self._info
        if info is None or self._busy or not self.confirm(info):
            return
        self._set_busy(True)
        self.error_label.set_error(None)
        self._operations.run(
            lambda: self._service.restore(info.path),
            on_success=self._restored,
            on_error=self._restore_failed,
            parent=self,
        )

    def confirm(self, info: BackupInfo) -> bool:
        """Asked before the restore: which backup, and where the current database is kept."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Restore from a backup"))
        box.setText(self._question(info))
        restore = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is restore

    def _question(self, info: BackupInfo) -> str:
        return self.tr(
            "Restore the backup from {when}? The database you have now is not deleted: it is kept in “{folder}”."
        ).format(when=format_moment(info.made, current_language()), folder=self._kept_folder())

    def _kept_folder(self) -> str:
        try:
            return str(self._service.kept_folder())
        except Exception:
            return ""

    def _restored(self, result: RestoreResult) -> None:
        self._set_busy(False)
        self.result_of_restore = result
        self.table.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.restore_button.hide()
        self.close_button.setText(self.tr("Close"))
        self.close_button.setDefault(True)
        self._render_details()
        self.restored.emit(result)
        self.changed.emit(Changes(everything=True))

    def _restore_failed(self, error: BaseException) -> bool:
        self._set_busy(False)
        self.error_label.set_error(user_error(error))
        return True

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        self.table.setEnabled(not busy)
        self.choose_button.setEnabled(not busy)
        self.close_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy and self._info is not None)

    def reject(self) -> None:
        if not self._busy:  # a restore halfway is finished, never abandoned
            super().reject()

    # Text --------------------------------------------------------------------------------
    def _render_details(self) -> None:
        result = self.result_of_restore
        self.done_label.setVisible(result is not None)
        if result is not None:
            self.details.hide()
            self.done_label.setText(self._done_text(result))
            return
        info = self._info
        if self._checking:
            self.details.setText(self.tr("Checking the backup…"))
        elif info is not None:
            self.details.setText(
                self.tr("Made on {when}: {contacts}, {size}.").format(
                    when=format_moment(info.made, current_language()),
                    contacts=self.tr("%n contact(s)", "", info.contacts),
                    size=format_size(info.size, current_language()),
                )
            )
        else:
            self.details.setText("")
        self.details.setVisible(bool(self.details.text()))

    def _done_text(self, result: RestoreResult) -> str:
        when = format_moment(result.restored.made, current_language())
        if result.kept_aside is None:
            return self.tr("The backup from {when} is restored.").format(when=when)
        return self.tr(
            "The backup from {when} is restored. The database it replaced is kept as “{path}”."
        ).format(when=when, path=str(result.kept_aside))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Restore from a backup"))
        self.heading.setText(self.tr("Restore the database from a backup"))
        self.intro.setText(
            self.tr(
                "Choose the backup to put in the place of the database. The database you have now is not deleted: it is kept in “{folder}”."
            ).format(folder=self._kept_folder())
        )
        self.table.setHorizontalHeaderLabels([self.tr("Backup"), self.tr("Size")])
        self.empty_label.setText(
            self.tr("There are no backups of this database yet: choose a file to restore from.")
        )
        self.choose_button.setText(self.tr("Choose file…"))
        self.restore_button.setText(self.tr("Restore"))
        if self.result_of_restore is None:
            self.close_button.setText(self.tr("Cancel"))
        else:
            self.close_button.setText(self.tr("Close"))
        self.error_label.retranslate()
        self._fill()
        self._render_details()
