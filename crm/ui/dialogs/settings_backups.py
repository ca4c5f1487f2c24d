"""Settings › Database › Backups: the backups of the database this window works on.

For a file: the automatic daily copy, how many copies the rotation keeps, how old the newest
is, a copy now, its folder, and the way back from one (the restore dialog). For a database on a
server, which Liaison cannot copy as a file: the JSON export `crm backup` also writes, to a
file of the user's choosing. Each copy runs through `Operations`, off the GUI thread.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel.dates import format_timedelta
from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crm.domain.formatting import babel_locale
from crm.services.backups import BackupEntry, BackupKeep, BackupResult
from crm.services.bundle import Services
from crm.ui.dialogs.restore_dialog import RestoreDialog
from crm.ui.operations import Operations, user_error
from crm.ui.settings import MAX_BACKUPS_KEPT, Settings
from crm.ui.ui_locale import current_language
from crm.ui.widgets.error_label import ErrorLabel


def format_age(age: dt.timedelta, language: str) -> str:
    """ "3 hours ago" / "3小时前": how old the latest backup is, as people say it."""
    if abs(age) < dt.timedelta(seconds=1):
        age = dt.timedelta(seconds=1)  # "1 second ago", not "in 0 seconds"
    return format_timedelta(-age, add_direction=True, locale=babel_locale(language))


class BackupsBox(QGroupBox):
    """`apply()` stores the backup settings; `changed(Changes)` fires once a backup has been
    restored, for the windows to read everything again."""

    changed = Signal(object)  # Changes

    def __init__(
        self,
        settings: Settings,
        services: Services,
        operations: Operations,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._services = services
        self._operations = operations
        self._latest: BackupEntry | None = None
        self._latest_read = False
        self._busy = False
        self._done: tuple[str, Path] | None = None  # ("backup" | "export", where it went)
        self._build()
        self.show_settings()
        self.retranslate()
        self.refresh_latest()

    @property
    def is_file(self) -> bool:
        """Whether the database open now is a file (its backups are copies of it)."""
        return self._services.db.path is not None

    def _build(self) -> None:
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)

        # A file: automatic copies, how many to keep, one now, and the way back.
        self.file_backups = QWidget()
        self.automatic_check = QCheckBox()
        self.daily_spin, self.weekly_spin, self.monthly_spin = QSpinBox(), QSpinBox(), QSpinBox()
        self.daily_label, self.weekly_label, self.monthly_label = QLabel(), QLabel(), QLabel()
        keep = QFormLayout()
        # Numbers of a few digits: their boxes stay that size.
        keep.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for label, spin in (
            (self.daily_label, self.daily_spin),
            (self.weekly_label, self.weekly_spin),
            (self.monthly_label, self.monthly_spin),
        ):
            spin.setRange(0, MAX_BACKUPS_KEPT)
            label.setBuddy(spin)
            keep.addRow(label, spin)
        self.latest_label = QLabel()
        self.latest_label.setWordWrap(True)
        self.latest_label.setTextFormat(Qt.TextFormat.PlainText)
        self.backup_button = QPushButton()
        self.backup_button.clicked.connect(self.back_up_now)
        self.open_folder_button = QPushButton()
        self.open_folder_button.setEnabled(False)  # until there is a backup in it
        self.open_folder_button.clicked.connect(self.open_backups_folder)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.open_folder_button)
        buttons.addStretch(1)
        file_column = QVBoxLayout(self.file_backups)
        file_column.setContentsMargins(0, 0, 0, 0)
        file_column.addWidget(self.automatic_check)
        file_column.addLayout(keep)
        file_column.addWidget(self.latest_label)
        file_column.addLayout(buttons)

        # A server: the JSON export, to a file of the user's choosing.
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export_now)

        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        self.done_label.setTextFormat(Qt.TextFormat.PlainText)
        self.done_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.done_label.hide()
        self.error_label = ErrorLabel()
        self.restore_button = QPushButton()
        self.restore_button.clicked.connect(self.restore_from_backup)

        column = QVBoxLayout(self)
        column.addWidget(self.intro)
        column.addWidget(self.file_backups)
        column.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.done_label)
        column.addWidget(self.error_label)
        # Under what a backup now says, on a line of its own (three buttons in a row are
        # wider than the dialog in English).
        column.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.file_backups.setVisible(self.is_file)
        self.restore_button.setVisible(self.is_file)
        self.export_button.setVisible(not self.is_file)

    def focus_chain(self) -> list[QWidget]:
        """The box's fields in reading order, for the dialog's Tab order."""
        if not self.is_file:
            return [self.export_button]
        return [
            self.automatic_check,
            self.daily_spin,
            self.weekly_spin,
            self.monthly_spin,
            self.backup_button,
            self.open_folder_button,
            self.restore_button,
        ]

    def show_settings(self) -> None:
        self.automatic_check.setChecked(self._settings.automatic_backups)
        keep = self._settings.backup_keep
        self.daily_spin.setValue(keep.daily)
        self.weekly_spin.setValue(keep.weekly)
        self.monthly_spin.setValue(keep.monthly)

    def apply(self) -> None:
        """Store the settings; the next rotation follows them at once."""
        keep = BackupKeep(
            daily=self.daily_spin.value(),
            weekly=self.weekly_spin.value(),
            monthly=self.monthly_spin.value(),
        )
        self._settings.automatic_backups = self.automatic_check.isChecked()
        self._settings.backup_keep = keep
        self._services.backups.keep = keep

    # The latest backup -------------------------------------------------------------------
    def refresh_latest(self) -> None:
        """Read how old the newest backup is (a look into the backups folder)."""
        if not self.is_file:
            return
        self._operations.run(
            self._services.backups.latest,
            on_success=self._show_latest,
            on_error=self._failed,
            parent=self,
        )

    def _show_latest(self, latest: BackupEntry | None) -> None:
        self._latest, self._latest_read = latest, True
        self.open_folder_button.setEnabled(latest is not None)
        self._render_latest()

    def _render_latest(self) -> None:
        latest = self._latest
        if not self._latest_read:
            self.latest_label.setText("")
        elif latest is None:
            self.latest_label.setText(self.tr("There is no backup yet."))
        else:
            age = format_age(dt.datetime.now() - latest.made, current_language())
            self.latest_label.setText(self.tr("Latest backup: {age}.").format(age=age))
        self.latest_label.setToolTip(str(latest.path) if latest is not None else "")

    # Making one --------------------------------------------------------------------------
    def back_up_now(self) -> None:
        """A copy now, into the backups folder (rotated as the stored settings say)."""
        if self._busy:
            return
        self._set_busy(True)
        self._operations.run(
            self._services.backups.backup,
            on_success=lambda result: self._made("backup", result),
            on_error=self._failed,
            parent=self,
        )

    def export_now(self) -> None:
        """A database on a server: everything, as JSON, to a file the user chooses."""
        if self._busy:
            return
        chosen = self.ask_for_export_file()
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".json":
            path = path.with_name(path.name + ".json")
        self._set_busy(True)
        self._operations.run(
            lambda: self._services.backups.export_json(path),
            on_success=lambda result: self._made("export", result),
            on_error=self._failed,
            parent=self,
        )

    def ask_for_export_file(self) -> str:
        name = f"liaison-backup-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the database"),
            str(Path.home() / name),
            self.tr("JSON files (*.json)"),
        )
        return chosen

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        if busy:
            self._done = None
            self.done_label.hide()
            self.error_label.set_error(None)
        self.backup_button.setEnabled(not busy)
        self.export_button.setEnabled(not busy)

    def _made(self, kind: str, result: BackupResult) -> None:
        self._set_busy(False)
        self._done = (kind, result.path)
        self._render_done()
        self.refresh_latest()

    def _failed(self, error: BaseException) -> bool:
        self._set_busy(False)
        self.error_label.set_error(user_error(error))
        return True

    def _render_done(self) -> None:
        if self._done is None:
            self.done_label.hide()
            return
        kind, path = self._done
        if kind == "backup":
            text = self.tr("Backed up to “{path}”.")
        else:
            text = self.tr("Exported to “{path}”.")
        self.done_label.setText(text.format(path=str(path)))
        self.done_label.show()

    # The folder and the way back ---------------------------------------------------------
    def open_backups_folder(self) -> None:
        latest = self._latest
        if latest is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(latest.path.parent)))

    def restore_from_backup(self) -> RestoreDialog:
        """The restore dialog over the database open now; the windows hear of a restore."""
        dialog = RestoreDialog(self._services.restore, self._operations, self)
        dialog.changed.connect(self.changed)
        dialog.finished.connect(lambda _code: self.refresh_latest())
        dialog.finished.connect(dialog.deleteLater)  # not kept once closed
        dialog.open()
        return dialog

    # Language ----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Backups"))
        if self.is_file:
            self.intro.setText(
                self.tr("Copies of the database file open now, kept in its backups folder.")
            )
        else:
            self.intro.setText(
                self.tr(
                    "A database on a server is backed up by whoever looks after the server. "
                    "Liaison can also export everything in it to a file, as “crm backup” does."
                )
            )
        self.automatic_check.setText(self.tr("Back up automatically every da&y"))
        self.daily_label.setText(self.tr("Da&ily backups to keep:"))
        self.weekly_label.setText(self.tr("W&eekly backups to keep:"))
        self.monthly_label.setText(self.tr("&Monthly backups to keep:"))
        self.backup_button.setText(self.tr("&Back up now"))
        self.open_folder_button.setText(self.tr("Open backups fo&lder"))
        self.restore_button.setText(self.tr("Restore from a bac&kup…"))
        self.export_button.setText(self.tr("E&xport now…"))
        self._render_latest()
        self._render_done()
        self.error_label.retranslate()
