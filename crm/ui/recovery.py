"""At start, a database file Liaison will not open: say why, and offer the way back.

A damaged file (cut short when the computer stopped) and a file that is not a Liaison database
are both answered the same way: restore the latest backup (from when, said in the question),
choose another backup or file, or quit. Whatever is restored, the file it replaces is kept in
the backups folder; nothing is deleted.
"""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from crm.services.restore import ListedBackup, RestoreResult, RestoreService
from crm.store.database import Database
from crm.store.errors import DamagedDatabase, NotLiaison
from crm.ui.dialogs.restore_dialog import RestoreDialog, format_moment
from crm.ui.language import render
from crm.ui.operations import Operations, describe_error
from crm.ui.ui_locale import current_language


class Choice(enum.Enum):
    LATEST = "latest"
    CHOOSE = "choose"
    QUIT = "quit"


def offer_recovery(
    error: DamagedDatabase | NotLiaison,
    db_path: Path,
    parent: QWidget | None = None,
    *,
    operations: Operations | None = None,
) -> bool:
    """Ask what to do about the database at `db_path` that `error` refused; True once a backup
    is in its place (the caller then opens the database again), False to quit."""
    db = Database(db_path)
    service = RestoreService(db)
    operations = operations or Operations()
    try:
        while True:
            latest = service.latest()
            choice = ask_recovery(
                recovery_message(error, latest, service),
                has_latest=latest is not None,
                parent=parent,
            )
            if choice is Choice.QUIT:
                return False
            if choice is Choice.LATEST and latest is not None:
                failure = _restore_with_progress(service, latest.path, operations, parent)
                if failure is None:
                    return True
                QMessageBox.warning(parent, "Liaison", describe_error(failure))
                continue
            if choose_backup(service, operations, parent):
                return True
    finally:
        operations.wait()
        db.dispose()


def recovery_message(
    error: DamagedDatabase | NotLiaison, latest: ListedBackup | None, service: RestoreService
) -> str:
    """Why the database was refused, then the question: the latest backup and when it was
    made, or where no backup was found."""
    if latest is None:
        question = QApplication.translate(
            "Recovery",
            "There is no backup of it in “{folder}”: choose a backup file to restore, or quit.",
        ).format(folder=str(service.kept_folder()))
    else:
        question = QApplication.translate(
            "Recovery",
            "Restore the latest backup, from {when}? The file as it is now is kept in “{folder}”.",
        ).format(
            when=format_moment(latest.made, current_language()),
            folder=str(service.kept_folder()),
        )
    return f"{render(error)} {question}"


def ask_recovery(message: str, *, has_latest: bool, parent: QWidget | None = None) -> Choice:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Liaison")  # the name, in every language
    box.setText(message)
    buttons: dict[object, Choice] = {}
    if has_latest:
        latest = box.addButton(
            QApplication.translate("Recovery", "Restore latest"), QMessageBox.ButtonRole.AcceptRole
        )
        buttons[latest] = Choice.LATEST
        box.setDefaultButton(latest)
    choose = box.addButton(
        QApplication.translate("Recovery", "Choose a backup…"), QMessageBox.ButtonRole.ActionRole
    )
    buttons[choose] = Choice.CHOOSE
    quit_button = box.addButton(
        QApplication.translate("Recovery", "Quit"), QMessageBox.ButtonRole.RejectRole
    )
    buttons[quit_button] = Choice.QUIT
    box.setEscapeButton(quit_button)
    box.exec()
    return buttons.get(box.clickedButton(), Choice.QUIT)


def choose_backup(
    service: RestoreService, operations: Operations, parent: QWidget | None = None
) -> bool:
    """The restore dialog, over the refused database; True once something was restored."""
    dialog = RestoreDialog(service, operations, parent)
    try:
        dialog.exec()
        return dialog.result_of_restore is not None
    finally:
        dialog.deleteLater()


def _restore_with_progress(
    service: RestoreService, backup: Path, operations: Operations, parent: QWidget | None
) -> BaseException | None:
    """Restore `backup` while a busy dialog shows (the copy of a large file takes a moment);
    the error, if it failed."""
    outcome: list[RestoreResult | BaseException] = []
    showing: list[QProgressDialog] = []

    def finished(result: RestoreResult | BaseException) -> None:
        outcome.append(result)
        for dialog in showing:
            dialog.accept()

    def failed(error: BaseException) -> bool:
        finished(error)
        return True

    operations.run(lambda: service.restore(backup), on_success=finished, on_error=failed)
    if not outcome:  # still running on the worker thread
        progress = QProgressDialog(parent)
        progress.setLabelText(QApplication.translate("Recovery", "Restoring the backup…"))
        progress.setCancelButton(None)  # type: ignore[arg-type]
        progress.setRange(0, 0)
        showing.append(progress)
        progress.exec()
        progress.deleteLater()
    result = outcome[0] if outcome else None
    return result if isinstance(result, BaseException) else None
