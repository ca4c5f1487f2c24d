"""What an office with no data is offered, from whichever page offers it (Today, Contacts):
the sample office to look around in, or an address book or sheet imported through the import
dialog and its preview."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

if TYPE_CHECKING:
    from crm.services.bundle import Services
    from crm.services.changes import Changes
    from crm.services.demo import DemoReport
    from crm.ui.operations import Operations


def load_sample_office(
    services: Services,
    operations: Operations,
    *,
    parent: QWidget,
    done: Callable[[Changes, str], None],
) -> None:
    """Load the sample office (a second time adds nothing), off the GUI thread; `done` gets
    what changed and a sentence for the status bar."""
    from crm.services.demo import load_demo

    def loaded(report: DemoReport) -> None:
        if report.created:
            said = QCoreApplication.translate("EmptyOffice", "Sample office loaded.")
        else:
            said = QCoreApplication.translate("EmptyOffice", "The sample office is already loaded.")
        done(report.changes, said)

    db = services.db
    operations.run(lambda: load_demo(db), on_success=loaded, parent=parent)


def choose_import_file(parent: QWidget) -> str:
    """The file to import, as the user picks it; "" when they cancel."""
    path, _filter = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("EmptyOffice", "Import contacts"),
        str(Path.home()),
        QCoreApplication.translate(
            "EmptyOffice",
            "Address books and spreadsheets (*.vcf *.vcard *.csv *.xlsx);;All files (*)",
        ),
    )
    return path


def open_import(
    services: Services,
    operations: Operations,
    path: str,
    *,
    parent: QWidget,
    imported: Callable[[Changes], None],
) -> None:
    """The import dialog over `path` (its preview first); `imported` gets what it changed."""
    from crm.ui.dialogs.import_dialog import ImportDialog

    dialog = ImportDialog(services, operations, Path(path), parent=parent)
    dialog.imported.connect(imported)
    dialog.finished.connect(dialog.deleteLater)  # not kept once closed
    dialog.open()
