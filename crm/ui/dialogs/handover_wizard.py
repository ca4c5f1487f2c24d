"""The handover wizard, both ways: the leaving colleague writes their handover package, the
successor reads it in.

Giving: who leaves (with what they own), the dossier's language and where the zip goes; the
export runs as an operation, then the counts and a way to the file. Receiving: a package is
inspected as soon as it is chosen (who handed over, when, what is in it, or the one sentence
saying why it cannot be read), the successor is chosen, a dry run previews what would be new,
updated or unchanged and which records conflict, then the import runs with a progress bar.

The services do the work, through `Operations` (off the GUI thread in the app, inline in tests).
The import service reports `progress(done, total)` from the worker thread; the wizard re-emits it
as a signal, and raises from it once the user abandoned the import: the service then undoes
everything (it writes in one transaction), so a stopped import changes nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import threading
from pathlib import Path

from babel.dates import format_datetime
from babel.numbers import format_decimal
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm.domain.formatting import babel_locale
from crm.i18n import translator
from crm.services.bundle import Services
from crm.services.changes import Changes
from crm.services.handover import HandoverManifest, HandoverService
from crm.services.handover_summary import HandoverSummaryService, StaffHoldings
from crm.ui.dialogs.handover_parts import (
    CALENDAR,
    DOSSIER_LANGUAGES,
    KINDS,
    HandoverImporter,
    HandoverPackageInfo,
    HandoverReportInfo,
    ImportAbandoned,
    Mode,
    PdfRenderer,
    counts_table,
    default_package_name,
    documents_folder,
    fit_rows,
    heading,
    package_counts,
    reveal,
    set_headers,
    wrapped,
)
from crm.ui.operations import Operations, describe_error
from crm.ui.questions import ask_to_discard
from crm.ui.ui_locale import current_language
from crm.ui.widgets.error_label import ErrorLabel


class HandoverWizard(QDialog):
    """`changed(Changes)` fires after a real import; `progressed(done, total)` as it goes (from
    the worker thread: it is connected queued where it matters)."""

    changed = Signal(object)
    progressed = Signal(int, int)

    def __init__(
        self,
        services: Services,
        operations: Operations,
        *,
        mode: Mode = "export",
        staff_name: str | None = None,
        package: Path | None = None,
        export_service: HandoverService | None = None,
        import_service: HandoverImporter | None = None,
        summary_service: HandoverSummaryService | None = None,
        pdf: PdfRenderer | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if mode not in ("export", "import"):
            raise ValueError(f"mode is 'export' or 'import', not {mode!r}")
        self.mode: Mode = mode
        self._services = services
        self._operations = operations
        self._staff_name = staff_name
        self._export_service = export_service or HandoverService(services.db)
        self._import_service = import_service
        self._summary = summary_service or HandoverSummaryService(services.db)
        self._pdf = pdf
        self._busy: str | None = None  # "export", "inspect", "preview" or "import"
        self._generation = 0  # a result of an earlier request than this is stale
        self._cancel = threading.Event()
        self._abandoned = False
        # Export
        self._holdings: list[StaffHoldings] | None = None
        self._path_edited = False
        self._replace_ok: Path | None = None  # the save dialog already asked about this one
        self._manifest: HandoverManifest | None = None
        self._written: Path | None = None
        self._export_error: BaseException | None = None
        # Import
        self._staff: list[str] | None = None
        self._package: HandoverPackageInfo | None = None
        self._package_path: Path | None = None
        self._package_error: BaseException | None = None
        self._successor_chosen = False
        self._preview: HandoverReportInfo | None = None
        self._preview_error: BaseException | None = None
        self._report: HandoverReportInfo | None = None
        self._import_error: BaseException | None = None

        self._build()
        self.progressed.connect(self._show_progress)
        self.retranslate()
        if mode == "export":
            self._show_page(self.export_page)
            self._operations.run(
                self._summary.staff_holdings, on_success=self._show_holdings, parent=self
            )
        else:
            self._show_page(self.package_page)
            self._operations.run(self._staff_names, on_success=self._show_staff, parent=self)
            if package is not None:
                self.package_edit.setText(str(package))
                self.inspect()

    # Building ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.pages = QStackedWidget()
        if self.mode == "export":
            self.pages.addWidget(self._build_export_page())
            self.pages.addWidget(self._build_written_page())
        else:
            self.pages.addWidget(self._build_package_page())
            self.pages.addWidget(self._build_preview_page())
            self.pages.addWidget(self._build_import_page())

        self.back_button = QPushButton()
        self.next_button = QPushButton()
        self.run_button = QPushButton()
        self.close_button = QPushButton()
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.run_button.clicked.connect(self.run)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.run_button, self.close_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)
        self.resize(780, 560)

        if self.mode == "export":
            fields: list[QWidget] = [
                self.staff_combo,
                self.language_combo,
                self.path_edit,
                self.browse_button,
                self.written_table,
                self.show_folder_button,
            ]
        else:
            fields = [
                self.package_edit,
                self.package_browse_button,
                self.package_table,
                self.successor_combo,
                self.preview_table,
                self.conflicts_table,
                self.result_table,
            ]
        chain = [*fields, self.back_button, self.next_button, self.run_button, self.close_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        return form

    def _build_export_page(self) -> QWidget:
        self.export_heading = heading()
        self.export_intro = wrapped()
        self.staff_label, self.language_label, self.path_label = QLabel(), QLabel(), QLabel()
        self.staff_combo = QComboBox()
        self.staff_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.staff_combo.currentIndexChanged.connect(self._staff_changed)
        self.language_combo = QComboBox()
        for code, name in DOSSIER_LANGUAGES:
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(
            max(0, self.language_combo.findData(current_language()))
        )
        self.language_hint = wrapped()
        self.path_edit = QLineEdit()
        self.path_edit.setClearButtonEnabled(True)
        self.path_edit.textEdited.connect(self._path_typed)
        self.path_edit.textChanged.connect(lambda _text: self._update_buttons())
        self.browse_button = QPushButton()
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self.browse_save)
        path_row = QHBoxLayout()
        path_row.setContentsMargins(0, 0, 0, 0)
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        self.export_error = ErrorLabel()
        self.zip_contents = QLabel()
        self.zip_contents.setTextFormat(Qt.TextFormat.RichText)
        self.zip_contents.setWordWrap(True)
        for label, field in (
            (self.staff_label, self.staff_combo),
            (self.language_label, self.language_combo),
            (self.path_label, self.path_edit),
        ):
            label.setBuddy(field)
        form = self._form()
        form.addRow(self.staff_label, self.staff_combo)
        form.addRow(self.language_label, self.language_combo)
        form.addRow("", self.language_hint)
        form.addRow(self.path_label, path_row)
        page = QWidget()
        self.export_page = page
        layout = QVBoxLayout(page)
        layout.addWidget(self.export_heading)
        layout.addWidget(self.export_intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.export_error)
        layout.addSpacing(12)
        layout.addWidget(self.zip_contents)
        layout.addStretch(1)
        return page

    def _build_written_page(self) -> QWidget:
        self.written_heading = heading()
        self.written_busy = QProgressBar()
        self.written_busy.setRange(0, 0)  # busy, for as long as it takes
        self.written_busy.setTextVisible(False)
        self.written_summary = wrapped()
        self.written_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.written_table = counts_table(2)
        self.show_folder_button = QPushButton()
        self.show_folder_button.setAutoDefault(False)
        self.show_folder_button.clicked.connect(self.show_in_folder)
        folder_row = QHBoxLayout()
        folder_row.addStretch(1)
        folder_row.addWidget(self.show_folder_button)
        page = QWidget()
        self.written_page = page
        layout = QVBoxLayout(page)
        layout.addWidget(self.written_heading)
        layout.addWidget(self.written_busy)
        layout.addWidget(self.written_summary)
        layout.addWidget(self.written_table, 1)
        layout.addLayout(folder_row)
        layout.addStretch(0)
        return page

    def _build_package_page(self) -> QWidget:
        self.package_heading = heading()
        self.package_intro = wrapped()
        self.package_label = QLabel()
        self.package_edit = QLineEdit()
        self.package_edit.setClearButtonEnabled(True)
        self.package_edit.editingFinished.connect(self._package_typed)
        self.package_edit.textEdited.connect(lambda _text: self._package_edited())
        self.package_label.setBuddy(self.package_edit)
        self.package_browse_button = QPushButton()
        self.package_browse_button.setAutoDefault(False)
        self.package_browse_button.clicked.connect(self.browse_package)
        path_row = QHBoxLayout()
        path_row.setContentsMargins(0, 0, 0, 0)
        path_row.addWidget(self.package_edit, 1)
        path_row.addWidget(self.package_browse_button)
        self.package_busy = QProgressBar()
        self.package_busy.setRange(0, 0)
        self.package_busy.setTextVisible(False)
        self.package_busy.setMaximumHeight(self.fontMetrics().height())
        self.package_error = ErrorLabel()
        self.from_label, self.written_label, self.contents_label = QLabel(), QLabel(), QLabel()
        self.from_value, self.written_value = QLabel(), QLabel()
        for value in (self.from_value, self.written_value):
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.package_table = counts_table(2)
        self.contents_label.setBuddy(self.package_table)
        self.successor_label = QLabel()
        self.successor_combo = QComboBox()
        self.successor_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.successor_combo.activated.connect(self._successor_picked)
        self.successor_label.setBuddy(self.successor_combo)
        self.successor_hint = wrapped()

        form = self._form()
        form.addRow(self.package_label, path_row)
        form.addRow("", self.package_busy)
        form.addRow("", self.package_error)
        self.package_form = form
        details = self._form()
        details.setContentsMargins(0, 0, 0, 0)
        details.addRow(self.from_label, self.from_value)
        details.addRow(self.written_label, self.written_value)
        details.addRow(self.contents_label, self.package_table)
        details.addRow(self.successor_label, self.successor_combo)
        details.addRow("", self.successor_hint)
        self.package_details = QWidget()
        self.package_details.setLayout(details)
        page = QWidget()
        self.package_page = page
        layout = QVBoxLayout(page)
        layout.addWidget(self.package_heading)
        layout.addWidget(self.package_intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.package_details)
        layout.addStretch(1)
        return page

    def _build_preview_page(self) -> QWidget:
        self.preview_heading = heading()
        self.preview_busy = QProgressBar()
        self.preview_busy.setRange(0, 0)
        self.preview_busy.setTextVisible(False)
        self.preview_summary = wrapped()
        self.preview_error = ErrorLabel()
        self.preview_table = counts_table(4)
        self.conflicts_label = wrapped()
        self.conflicts_table = counts_table(3)
        header = self.conflicts_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.conflicts_label.setBuddy(self.conflicts_table)
        page = QWidget()
        self.preview_page = page
        layout = QVBoxLayout(page)
        layout.addWidget(self.preview_heading)
        layout.addWidget(self.preview_busy)
        layout.addWidget(self.preview_summary)
        layout.addWidget(self.preview_error)
        layout.addWidget(self.preview_table, 3)
        layout.addSpacing(6)
        layout.addWidget(self.conflicts_label)
        layout.addWidget(self.conflicts_table, 2)
        layout.addStretch(0)
        return page

    def _build_import_page(self) -> QWidget:
        self.import_heading = heading()
        self.import_progress = QProgressBar()
        self.import_progress.setRange(0, 0)
        self.import_summary = wrapped()
        self.import_error = ErrorLabel()
        self.result_table = counts_table(4)
        page = QWidget()
        self.import_page = page
        layout = QVBoxLayout(page)
        layout.addWidget(self.import_heading)
        layout.addWidget(self.import_progress)
        layout.addWidget(self.import_summary)
        layout.addWidget(self.import_error)
        layout.addWidget(self.result_table, 1)
        layout.addStretch(0)
        return page

    # Giving: who, in which language, where -----------------------------------------------
    def _show_holdings(self, holdings: list[StaffHoldings]) -> None:
        self._holdings = holdings
        self.staff_combo.blockSignals(True)
        self.staff_combo.clear()
        for member in holdings:
            self.staff_combo.addItem(member.name, member.name)
        wanted = self.staff_combo.findData(self._staff_name) if self._staff_name else -1
        self.staff_combo.setCurrentIndex(max(wanted, 0) if holdings else -1)
        self.staff_combo.blockSignals(False)
        self._retranslate_staff()
        self._staff_changed()

    def leaving(self) -> str | None:
        data = self.staff_combo.currentData()
        return str(data) if data else None

    def dossier_language(self) -> str:
        return str(self.language_combo.currentData())

    def _staff_changed(self) -> None:
        self._export_error = None
        self.export_error.set_error(None)
        name = self.leaving()
        if name and not self._path_edited:
            folder = documents_folder()
            current = self.path_edit.text().strip()
            if current:
                folder = Path(current).parent
            self.path_edit.setText(str(folder / default_package_name(name, dt.date.today())))
        self._update_buttons()

    def _path_typed(self, _text: str) -> None:
        self._path_edited = True
        self._export_error = None
        self.export_error.set_error(None)

    def browse_save(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the handover package as"),
            self.path_edit.text().strip() or str(documents_folder()),
            self.tr("Handover packages (*.zip)"),
        )
        if chosen:
            self._path_edited = True
            self._replace_ok = self._zip_path(chosen)
            self._export_error = None
            self.export_error.set_error(None)
            self.path_edit.setText(str(self._replace_ok))

    @staticmethod
    def _zip_path(text: str) -> Path:
        path = Path(text).expanduser()
        return path if path.suffix.lower() == ".zip" else path.with_name(path.name + ".zip")

    def export(self) -> None:
        name = self.leaving()
        text = self.path_edit.text().strip()
        if not name or not text or self._busy:
            return
        out = self._zip_path(text)
        if out.is_dir():
            out = out / default_package_name(name, dt.date.today())
        self.path_edit.setText(str(out))
        if out.exists() and out != self._replace_ok and not self.confirm_replace(out):
            return
        language = self.dossier_language()
        pdf = self._pdf_renderer(language)
        service = self._export_service

        def work() -> HandoverManifest:
            out.parent.mkdir(parents=True, exist_ok=True)
            return service.export(
                name, out, translate=translator(language), language=language, pdf=pdf
            )

        self._manifest, self._written, self._export_error = None, out, None
        self._busy = "export"
        self._show_page(self.written_page)
        self._operations.run(
            work, on_success=self._exported, on_error=self._export_failed, parent=self
        )

    def confirm_replace(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Handover"),
            self.tr("“{file}” already exists. Replace it?").format(file=path.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _pdf_renderer(self, language: str) -> PdfRenderer:
        """The renderer given (tests), else the app's own, in the dossier's language."""
        if self._pdf is not None:
            return self._pdf
        from crm.ui.dossier_pdf import render_pdf

        renderer: PdfRenderer = functools.partial(render_pdf, language=language)
        return renderer

    def _exported(self, manifest: HandoverManifest) -> None:
        self._busy = None
        self._manifest = manifest
        self._show_page(self.written_page)
        self.show_folder_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _export_failed(self, error: BaseException) -> bool:
        self._busy = None
        self._export_error = error
        self._written = None
        self._show_page(self.export_page)
        self.path_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _export_error_text(self, error: BaseException) -> str:
        # A full disk has its own sentence; the system's reason is in its own words.
        if isinstance(error, OSError) and error.errno != 28:
            return self.tr("“{file}” could not be written: {reason}.").format(
                file=self.path_edit.text().strip(), reason=error.strerror or str(error)
            )
        return describe_error(error)

    def show_in_folder(self) -> None:
        if self._written is not None:
            reveal(self._written)

    # Receiving: the package and the successor --------------------------------------------
    def _staff_names(self) -> list[str]:
        return [member.name for member in self._services.directory.staff()]

    def _show_staff(self, names: list[str]) -> None:
        self._staff = names
        self._fill_successors()

    def _importer(self) -> HandoverImporter:
        if self._import_service is None:
            from crm.services.handover_import import HandoverImportService

            self._import_service = HandoverImportService(
                self._services.db, acting=self._services.acting
            )
        return self._import_service

    def browse_package(self) -> None:
        current = self.package_edit.text().strip()
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Open a handover package"),
            current or str(documents_folder()),
            self.tr("Handover packages (*.zip)"),
        )
        if chosen:
            self.package_edit.setText(chosen)
            self.inspect()

    def _package_edited(self) -> None:
        """A different path typed: what was read no longer holds until it is read again."""
        if self._package_path is not None and self.package_edit.text().strip() != str(
            self._package_path
        ):
            self._package, self._package_path, self._package_error = None, None, None
            self._retranslate_package()
            self._update_buttons()

    def _package_typed(self) -> None:
        text = self.package_edit.text().strip()
        if text and text != str(self._package_path or ""):
            self.inspect()

    def inspect(self) -> None:
        """Read the package chosen: who handed over, when, and what it holds."""
        text = self.package_edit.text().strip()
        if not text:
            return
        path = Path(text).expanduser()
        self._package, self._package_path, self._package_error = None, path, None
        self._preview = None
        self._busy = "inspect"
        generation = self._next_generation()
        self._retranslate_package()
        self._update_buttons()

        def read() -> HandoverPackageInfo:
            return self._importer().inspect(path)

        def done(package: HandoverPackageInfo) -> None:
            if generation != self._generation:
                return  # another package was chosen meanwhile
            self._busy = None
            self._package = package
            self._fill_successors()
            self._retranslate_package()
            self._update_buttons()

        def refused(error: BaseException) -> bool:
            if generation != self._generation:
                return True
            self._busy = None
            self._package_error = error
            self._retranslate_package()
            self._update_buttons()
            return True

        self._operations.run(read, on_success=done, on_error=refused, parent=self)

    def _next_generation(self) -> int:
        self._generation += 1
        return self._generation

    def _fill_successors(self) -> None:
        """The staff, and the package's owner when they are not on it (chosen, the import keeps
        them as the owner). The default: the person at the keyboard, else the owner."""
        kept = self.successor_combo.currentData() if self._successor_chosen else None
        owner = self._package.owner if self._package is not None else ""
        names = list(self._staff or [])
        self.successor_combo.clear()
        for name in names:
            self.successor_combo.addItem(name, name)
        folded = {name.casefold(): name for name in names}
        if owner and owner.casefold() not in folded:
            self.successor_combo.addItem(owner, "")  # retranslated: "owner (new here)"
        me = folded.get(" ".join((self._staff_name or "").split()).casefold())
        owner_here = folded.get(owner.casefold(), "") if owner else None
        for choice in (kept, me, owner_here):
            found = self.successor_combo.findData(choice) if choice is not None else -1
            if found >= 0:
                self.successor_combo.setCurrentIndex(found)
                break
        self._retranslate_successors()
        self._update_buttons()

    def _successor_picked(self, _index: int) -> None:
        self._successor_chosen = True
        self._retranslate_successors()

    def successor(self) -> str | None:
        """The staff member's name; None keeps the package's owner (someone new here)."""
        data = self.successor_combo.currentData()
        return str(data) if data else None

    # Receiving: preview and import -------------------------------------------------------
    def preview(self) -> None:
        """A dry run: what the import would do. Nothing changes."""
        path = self._package_path
        if path is None or self._package is None:
            return
        successor = self.successor()
        self._preview, self._preview_error = None, None
        self._busy = "preview"
        generation = self._next_generation()
        self._show_page(self.preview_page)

        def work() -> HandoverReportInfo:
            return self._importer().apply(path, successor=successor, dry_run=True)

        def done(report: HandoverReportInfo) -> None:
            if generation != self._generation:
                return  # left for the package page meanwhile
            self._busy = None
            self._preview = report
            self._show_page(self.preview_page)

        def failed(error: BaseException) -> bool:
            if generation == self._generation:
                self._busy = None
                self._preview_error = error
                self._show_page(self.preview_page)
            return True

        self._operations.run(work, on_success=done, on_error=failed, parent=self)

    def run_import(self) -> None:
        path = self._package_path
        if path is None or self._preview is None or self._busy:
            return
        successor = self.successor()
        self._report, self._import_error = None, None
        self._cancel.clear()
        self._abandoned = False
        self._busy = "import"
        self.import_progress.setRange(0, 0)
        self._show_page(self.import_page)

        def work() -> HandoverReportInfo:
            return self._importer().apply(path, successor=successor, progress=self._progress)

        self._operations.run(
            work, on_success=self._imported, on_error=self._import_failed, parent=self
        )

    def _progress(self, done: int, total: int) -> None:
        """Called by the service, on the worker thread in the app: no widget is touched here."""
        if self._cancel.is_set():
            raise ImportAbandoned
        self.progressed.emit(done, total)
        if self._cancel.is_set():  # abandoned while the progress was shown
            raise ImportAbandoned

    def _show_progress(self, done: int, total: int) -> None:
        if self._busy != "import":
            return
        self.import_progress.setRange(0, max(total, 1))
        self.import_progress.setValue(min(done, max(total, 1)))

    def _imported(self, report: HandoverReportInfo) -> None:
        self._busy = None
        self._report = report
        self.import_progress.setRange(0, 1)
        self.import_progress.setValue(1)
        self._show_page(self.import_page)
        self.changed.emit(Changes(everything=True))

    def _import_failed(self, error: BaseException) -> bool:
        self._busy = None
        if isinstance(error, ImportAbandoned) or self._abandoned:
            return True  # the service undid it all: nothing to refresh, nothing to say
        self._import_error = error
        self._show_page(self.import_page)
        return True

    # Moving between pages ----------------------------------------------------------------
    def go_next(self) -> None:
        if not self.next_button.isEnabled():
            return
        if self.pages.currentWidget() is self.package_page:
            self.preview()

    def go_back(self) -> None:
        if self._busy in ("export", "import"):
            return
        page = self.pages.currentWidget()
        if self.mode == "export":
            self._show_page(self.export_page)
        elif page is self.preview_page:
            if self._busy == "preview":
                self._busy = None
                self._next_generation()  # the dry run still going is forgotten
            self._show_page(self.package_page)
        elif page is self.import_page:
            self.preview()

    def run(self) -> None:
        if not self.run_button.isEnabled():
            return
        if self.mode == "export":
            self.export()
        else:
            self.run_import()

    def _show_page(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)
        self._retranslate_page(page)
        self._update_buttons()
        first: dict[QWidget, QWidget] = (
            {self.export_page: self.staff_combo, self.written_page: self.written_table}
            if self.mode == "export"
            else {
                self.package_page: self.package_edit,
                self.preview_page: self.preview_table,
                self.import_page: self.result_table,
            }
        )
        widget = first[page]
        if not widget.isVisibleTo(self) or not widget.isEnabled():
            widget = self.close_button
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_buttons(self) -> None:
        page = self.pages.currentWidget()
        busy = self._busy
        if self.mode == "export":
            on_form = page is self.export_page
            self.back_button.setVisible(not on_form)
            self.back_button.setEnabled(busy is None)
            self.next_button.hide()
            self.run_button.setVisible(on_form)
            ready = bool(self.leaving()) and bool(self.path_edit.text().strip())
            self.run_button.setEnabled(on_form and ready and busy is None)
            self.close_button.setEnabled(busy != "export")
            default = self.run_button if on_form else self.close_button
        else:
            on_package = page is self.package_page
            on_preview = page is self.preview_page
            self.back_button.setVisible(not on_package)
            self.back_button.setEnabled(
                busy is None and not (page is self.import_page and self._report is not None)
            )
            if page is self.import_page and self._report is not None:
                self.back_button.hide()
            self.next_button.setVisible(on_package)
            self.next_button.setEnabled(
                on_package
                and busy is None
                and self._package is not None
                and self.successor_combo.count() > 0
            )
            self.run_button.setVisible(on_preview)
            self.run_button.setEnabled(on_preview and busy is None and self._preview is not None)
            default = self.close_button
            if on_package:
                default = self.next_button
            elif on_preview:
                default = self.run_button
        for button in (self.next_button, self.run_button, self.close_button):
            button.setDefault(button is default)

    def reject(self) -> None:
        """Cancel, Esc and the window's close button. A running import is abandoned only
        when the user says so; an export (seconds, and whole or nothing) is waited for."""
        if self._busy == "export":
            return
        if self._busy == "import":
            if not ask_to_discard(
                self,
                title=self.tr("Handover"),
                question=self.tr(
                    "The handover is still being imported. Stop it and close? Nothing of it is kept; you can import the package again later."
                ),
                discard=self.tr("&Stop and close"),
                keep=self.tr("&Keep importing"),
            ):
                return
            self._abandoned = True
            self._cancel.set()
        super().reject()

    # Language ----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Handover"))
        self.back_button.setText(self.tr("&Back"))
        self.next_button.setText(self.tr("&Next"))
        self.close_button.setText(self.tr("&Close"))
        if self.mode == "export":
            self.run_button.setText(self.tr("&Export"))
            self._retranslate_export()
            self._retranslate_written()
        else:
            self.run_button.setText(self.tr("&Import"))
            self._retranslate_package()
            self._retranslate_preview()
            self._retranslate_import()
        self._update_buttons()

    def _retranslate_page(self, page: QWidget) -> None:
        if self.mode == "export":
            if page is self.export_page:
                self._retranslate_export()
            else:
                self._retranslate_written()
        elif page is self.package_page:
            self._retranslate_package()
        elif page is self.preview_page:
            self._retranslate_preview()
        else:
            self._retranslate_import()

    def kind_name(self, kind: str) -> str:
        names = {
            "partnerships": self.tr("Partnerships"),
            "contacts": self.tr("Contacts"),
            "organisations": self.tr("Organisations"),
            "delegations": self.tr("Delegations"),
            "gifts": self.tr("Gifts"),
            "agreements": self.tr("Agreements"),
            "interactions": self.tr("Interactions"),
            "follow_ups": self.tr("Follow-ups"),
            "templates": self.tr("Greeting templates"),
            "documents": self.tr("Documents"),
            CALENDAR: self.tr("Dates in the coming year"),
        }
        # A kind newer than this wizard is shown by its code, made readable.
        return names.get(kind) or kind.replace("_", " ").capitalize()

    def _number(self, value: int) -> str:
        return format_decimal(value, locale=babel_locale(current_language()))

    def _when(self, created_at: str) -> str:
        try:
            moment = dt.datetime.fromisoformat(created_at)
        except ValueError:
            return created_at
        if moment.tzinfo is not None:
            moment = moment.astimezone()  # the reader's own clock
        return format_datetime(moment, "medium", locale=babel_locale(current_language()))

    def _holdings_text(self, member: StaffHoldings) -> str:
        return self.tr("{name} — {partnerships}, {contacts}").format(
            name=member.name,
            partnerships=self.tr("%n partnership(s)", "", member.partnerships),
            contacts=self.tr("%n contact(s)", "", member.contacts),
        )

    def _fill_counts(self, table: QTableWidget, rows: list[tuple[str, list[int]]]) -> None:
        table.setRowCount(len(rows))
        for row, (kind, numbers) in enumerate(rows):
            name = QTableWidgetItem(self.kind_name(kind))
            name.setData(Qt.ItemDataRole.UserRole, kind)
            table.setItem(row, 0, name)
            for column, number in enumerate(numbers, start=1):
                cell = QTableWidgetItem(self._number(number))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, cell)
        fit_rows(table)

    def _retranslate_export(self) -> None:
        self.export_heading.setText(self.tr("Who is leaving, and where should the package go?"))
        self.export_intro.setText(
            self.tr(
                "The handover package holds the partnerships and contacts of the person leaving, with everything they touch: agreements, delegations, interactions and open follow-ups. Their successor imports it in Liaison and carries on from there."
            )
        )
        parts = [
            self.tr("the data, for Liaison at the successor's desk;"),
            self.tr("the contacts as vCards, for any address book;"),
            self.tr("the coming year's anniversaries, birthdays and reviews, for any calendar;"),
            self.tr("a dossier to read and print, in the language chosen above."),
        ]
        self.zip_contents.setText(
            html.escape(self.tr("In the zip:"))
            + "<ul style='margin-top: 2px'>"
            + "".join(f"<li>{html.escape(part)}</li>" for part in parts)
            + "</ul>"
        )
        self.staff_label.setText(self.tr("&Leaving:"))
        self.language_label.setText(self.tr("Dossier &language:"))
        self.language_hint.setText(
            self.tr("The dossier and the calendar are written in this language.")
        )
        self.path_label.setText(self.tr("&Save to:"))
        self.path_edit.setPlaceholderText(self.tr("Where to write the zip file"))
        self.browse_button.setText(self.tr("B&rowse…"))
        self.staff_combo.setToolTip(
            self.tr(
                "What each colleague owns. The package also holds the other people of their partnerships."
            )
        )
        self._retranslate_staff()
        if self._export_error is not None:
            self.export_error.setText(self._export_error_text(self._export_error))
            self.export_error.show()
        else:
            self.export_error.set_error(None)

    def _retranslate_staff(self) -> None:
        holdings = self._holdings
        if holdings is None:
            return
        for index, member in enumerate(holdings):
            self.staff_combo.setItemText(index, self._holdings_text(member))
        self.staff_combo.setEnabled(bool(holdings))
        if not holdings:
            self.staff_combo.setPlaceholderText(self.tr("There are no staff members yet."))

    def _retranslate_written(self) -> None:
        manifest = self._manifest
        busy = self._busy == "export"
        self.written_busy.setVisible(busy)
        self.show_folder_button.setText(self.tr("Show in &folder"))
        self.show_folder_button.setVisible(manifest is not None)
        set_headers(self.written_table, [self.tr("In the package"), self.tr("Number")])
        self.written_table.setVisible(manifest is not None)
        if busy:
            self.written_heading.setText(
                self.tr("Writing the handover package of {name}…").format(name=self.leaving())
            )
            self.written_summary.setText(self.tr("This takes a few seconds."))
            return
        if manifest is None:
            self.written_heading.clear()
            self.written_summary.clear()
            return
        rows = package_counts(manifest.counts)
        counts = dict(rows)
        self.written_heading.setText(self.tr("The handover package is ready"))
        self.written_summary.setText(
            self.tr(
                "Everything {owner} looks after is in “{file}”: {partnerships} and {contacts}. Give it to their successor, who imports it in Liaison."
            ).format(
                owner=manifest.owner,
                file=self._written.name if self._written else "",
                partnerships=self.tr("%n partnership(s)", "", counts.get("partnerships", 0)),
                contacts=self.tr("%n contact(s)", "", counts.get("contacts", 0)),
            )
        )
        if self._written is not None:
            self.written_summary.setToolTip(str(self._written))
        self._fill_counts(self.written_table, [(kind, [number]) for kind, number in rows])

    def _retranslate_package(self) -> None:
        self.package_heading.setText(self.tr("Which handover package?"))
        self.package_intro.setText(
            self.tr(
                "Choose the zip file a leaving colleague exported. Liaison reads it first and changes nothing until you import it."
            )
        )
        self.package_label.setText(self.tr("&Package:"))
        self.package_edit.setPlaceholderText(self.tr("The handover zip file"))
        self.package_browse_button.setText(self.tr("B&rowse…"))
        self.from_label.setText(self.tr("Handed over by:"))
        self.written_label.setText(self.tr("Written:"))
        self.contents_label.setText(self.tr("Contents:"))
        self.successor_label.setText(self.tr("&Successor:"))
        set_headers(self.package_table, [self.tr("In the package"), self.tr("Number")])
        self.package_busy.setVisible(self._busy == "inspect")
        error = self._package_error
        if error is not None:
            self.package_error.setText(self._read_error_text(error))
            self.package_error.show()
        else:
            self.package_error.set_error(None)
        package = self._package
        self.package_details.setVisible(package is not None)
        if package is not None:
            self.from_value.setText(package.owner)
            self.written_value.setText(self._when(package.created_at))
            rows = [(kind, [number]) for kind, number in package_counts(package.counts)]
            self._fill_counts(self.package_table, rows)
        self._retranslate_successors()

    def _read_error_text(self, error: BaseException) -> str:
        """The service's sentence; an error of the system's said in one, too."""
        name = self._package_path.name if self._package_path else ""
        if isinstance(error, OSError) and error.errno != 28:
            return self.tr("“{file}” could not be read: {reason}.").format(
                file=name, reason=error.strerror or str(error)
            )
        return describe_error(error)

    def _retranslate_successors(self) -> None:
        package = self._package
        for index in range(self.successor_combo.count()):
            if not self.successor_combo.itemData(index) and package is not None:
                self.successor_combo.setItemText(
                    index, self.tr("{name} (new here)").format(name=package.owner)
                )
        if package is None:
            self.successor_hint.clear()
            return
        successor = self.successor()
        if successor is None:
            hint = self.tr(
                "{owner} is not on this office's staff yet: the import adds them, and everything stays theirs."
            ).format(owner=package.owner)
        elif successor.casefold() == package.owner.casefold():
            hint = self.tr("Everything stays with {owner}.").format(owner=package.owner)
        else:
            hint = self.tr(
                "{successor} takes over the partnerships and contacts of {owner}."
            ).format(successor=successor, owner=package.owner)
        self.successor_hint.setText(hint)

    def _report_rows(self, report: HandoverReportInfo) -> list[tuple[str, list[int]]]:
        kinds = [*report.created, *report.updated, *report.unchanged]
        ordered = sorted(
            set(kinds), key=lambda k: (KINDS.index(k) if k in KINDS else len(KINDS), k)
        )
        rows = []
        for kind in ordered:
            numbers = [
                int(report.created.get(kind, 0)),
                int(report.updated.get(kind, 0)),
                int(report.unchanged.get(kind, 0)),
            ]
            if any(numbers):
                rows.append((kind, numbers))
        return rows

    def _totals(self, report: HandoverReportInfo) -> str:
        return self.tr("{created} new, {updated} updated, {unchanged} unchanged.").format(
            created=self._number(sum(report.created.values())),
            updated=self._number(sum(report.updated.values())),
            unchanged=self._number(sum(report.unchanged.values())),
        )

    def _count_headers(self) -> list[str]:
        return [self.tr("Kind"), self.tr("New"), self.tr("Updated"), self.tr("Unchanged")]

    def _retranslate_preview(self) -> None:
        self.preview_heading.setText(self.tr("Preview (changes nothing)"))
        set_headers(self.preview_table, self._count_headers())
        set_headers(
            self.conflicts_table,
            numbers_from=3,
            labels=[self.tr("Kind"), self.tr("Record"), self.tr("Version kept")],
        )
        busy = self._busy == "preview"
        self.preview_busy.setVisible(busy)
        report = self._preview
        error = self._preview_error
        if error is not None:
            self.preview_error.setText(describe_error(error))
            self.preview_error.show()
        else:
            self.preview_error.set_error(None)
        self.preview_table.setVisible(report is not None)
        if report is None:
            self.preview_summary.setText(self.tr("Reading the package…") if busy else "")
            self.preview_summary.setVisible(busy)
            self.conflicts_label.hide()
            self.conflicts_table.hide()
            return
        self.preview_summary.show()
        self.preview_summary.setText(
            self._totals(report)
            + " "
            + self.tr("Nothing has changed yet: press Import to bring it in.")
        )
        self._fill_counts(self.preview_table, self._report_rows(report))
        conflicts = list(report.conflicts)
        self.conflicts_label.show()
        if conflicts:
            self.conflicts_label.setText(
                self.tr(
                    "%n record(s) were changed both here and in the package; the version shown will be kept:",
                    "",
                    len(conflicts),
                )
            )
        else:
            self.conflicts_label.setText(
                self.tr("No record was changed both here and in the package.")
            )
        self.conflicts_table.setVisible(bool(conflicts))
        self.conflicts_table.setRowCount(len(conflicts))
        fit_rows(self.conflicts_table, at_least=4)
        for row, conflict in enumerate(conflicts):
            kept = (
                self.tr("From the package")
                if conflict.kept == "theirs"
                else self.tr("Already here")
            )
            for column, text in enumerate((self.kind_name(conflict.kind), conflict.label, kept)):
                self.conflicts_table.setItem(row, column, QTableWidgetItem(text))

    def _retranslate_import(self) -> None:
        set_headers(self.result_table, self._count_headers())
        running = self._busy == "import"
        report = self._report
        error = self._import_error
        self.import_progress.setVisible(running)
        if running:
            self.import_heading.setText(self.tr("Importing the handover…"))
            self.import_summary.setText(
                self.tr("Closing the window now asks whether to stop the import.")
            )
        elif report is not None:
            self.import_heading.setText(self.tr("The handover is imported"))
            sentences = [self._totals(report)]
            if report.successor and report.successor.casefold() != report.owner.casefold():
                sentences.append(
                    self.tr("{successor} now looks after what {owner} handed over.").format(
                        successor=report.successor, owner=report.owner
                    )
                )
            else:
                sentences.append(self.tr("It stays with {owner}.").format(owner=report.owner))
            conflicts = len(report.conflicts)
            if conflicts:
                sentences.append(
                    self.tr(
                        "%n record(s) had been changed both here and in the package.",
                        "",
                        conflicts,
                    )
                )
            self.import_summary.setText(" ".join(sentences))
        else:
            self.import_heading.setText(self.tr("Nothing was imported") if error else "")
            self.import_summary.clear()
        self.import_summary.setVisible(bool(self.import_summary.text()))
        if error is not None:
            self.import_error.setText(describe_error(error))
            self.import_error.show()
        else:
            self.import_error.set_error(None)
        self.result_table.setVisible(report is not None)
        if report is not None:
            self._fill_counts(self.result_table, self._report_rows(report))
