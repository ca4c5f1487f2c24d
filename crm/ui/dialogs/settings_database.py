"""Settings › Database: where the data lives, and (`settings_backups`) its backups.

The choice of database is kept in `Settings` (a file path or a server URL, never with its
password: the system keyring keeps that) and takes effect at the next start; "Test connection"
tries it first, off the GUI thread, without creating or upgrading anything. The server is
asked for field by field (server, port, database, user, password), which office staff can copy
from what whoever runs the server tells them; the URL is composed by the connection service.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crm.domain.text import DomainError
from crm.services.bundle import Services
from crm.services.connection import (
    ConnectionReport,
    ServerFields,
    database_file,
    same_database,
    save_password,
    server_address,
    server_fields,
    try_database,
    with_saved_password,
    without_password,
)
from crm.ui.dialogs.settings_backups import BackupsBox
from crm.ui.language import render
from crm.ui.operations import Operations, user_error
from crm.ui.settings import MAX_PORT, Settings
from crm.ui.widgets.error_label import ErrorLabel

POSTGRESQL_PORT = 5432


class DatabasePage(QWidget):
    """The Database tab: where the data lives, then `backups` (a `BackupsBox`). `apply()`
    stores what it shows; `changed(Changes)` fires once a backup has been restored.

    Without `services` (the first-run wizard, before any database is open) it is only where
    the data will live: no backups, and no note about the database open now."""

    changed = Signal(object)  # Changes

    def __init__(
        self,
        settings: Settings,
        services: Services | None,
        operations: Operations,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._services = services
        self._operations = operations
        self._local_address = ""  # "" the default file; else the file the settings name
        self._report: ConnectionReport | None = None
        self._testing = False
        self._build()
        self.show_settings()
        self.retranslate()

    @property
    def is_file(self) -> bool:
        """Whether the database open now is a file (its backups are copies of it)."""
        return self.backups is not None and self.backups.is_file

    # Building ----------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_where())
        self.backups: BackupsBox | None = None
        if self._services is not None:
            self.backups = BackupsBox(self._settings, self._services, self._operations)
            self.backups.changed.connect(self.changed)
            layout.addWidget(self.backups)
        layout.addStretch(1)

    def _build_where(self) -> QGroupBox:
        self.where_group = QGroupBox()
        self.local_radio = QRadioButton()
        self.server_radio = QRadioButton()
        self._choice = QButtonGroup(self)
        self._choice.addButton(self.local_radio)
        self._choice.addButton(self.server_radio)
        self.local_radio.toggled.connect(self._choice_changed)

        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.show_folder_button = QPushButton()
        self.show_folder_button.clicked.connect(self.show_in_folder)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.show_folder_button)

        self.host_edit = QLineEdit()
        self.host_edit.setPlaceholderText("db.example.org")
        self.port_spin = QSpinBox()
        self.port_spin.setRange(0, MAX_PORT)  # 0: the server's usual port
        self.database_edit = QLineEdit()
        self.database_edit.setPlaceholderText("liaison")
        self.user_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.server_error = ErrorLabel()
        self.host_label, self.port_label, self.database_label = QLabel(), QLabel(), QLabel()
        self.user_label, self.password_label = QLabel(), QLabel()
        self.server_form = QFormLayout()
        self.server_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for label, field in (
            (self.host_label, self.host_edit),
            (self.port_label, self.port_spin),
            (self.database_label, self.database_edit),
            (self.user_label, self.user_edit),
            (self.password_label, self.password_edit),
        ):
            label.setBuddy(field)
            self.server_form.addRow(label, field)
        self.server_form.addRow(self.server_error)
        for edit in (self.host_edit, self.database_edit, self.user_edit, self.password_edit):
            edit.textChanged.connect(self._address_edited)
        self.port_spin.valueChanged.connect(self._address_edited)

        self.test_button = QPushButton()
        self.test_button.clicked.connect(self.test_connection)
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self.test_result.setTextFormat(Qt.TextFormat.PlainText)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.test_result.hide()
        self.test_error = ErrorLabel()
        self.next_start_note = QLabel()
        self.next_start_note.setWordWrap(True)
        self.next_start_note.setTextFormat(Qt.TextFormat.PlainText)

        group = QVBoxLayout(self.where_group)
        group.addWidget(self.local_radio)
        group.addLayout(_indented(path_row, self))
        group.addWidget(self.server_radio)
        group.addLayout(_indented(self.server_form, self))
        group.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignLeft)
        group.addWidget(self.test_result)
        group.addWidget(self.test_error)
        group.addWidget(self.next_start_note)
        return self.where_group

    def focus_chain(self) -> list[QWidget]:
        """The page's fields in reading order, for the dialog's Tab order."""
        chain: list[QWidget] = [
            self.local_radio,
            self.path_edit,
            self.show_folder_button,
            self.server_radio,
            self.host_edit,
            self.port_spin,
            self.database_edit,
            self.user_edit,
            self.password_edit,
            self.test_button,
        ]
        return chain + (self.backups.focus_chain() if self.backups is not None else [])

    # Showing what is stored --------------------------------------------------------------
    def show_settings(self) -> None:
        settings = self._settings
        stored = settings.database
        fields = server_fields(stored)
        if fields is None:
            self._local_address = stored
            self.local_radio.setChecked(True)
        else:
            self._local_address = ""
            self.host_edit.setText(fields.host)
            self.port_spin.setValue(fields.port)
            self.database_edit.setText(fields.database)
            self.user_edit.setText(fields.user)
            # A password written into the settings by hand moves to the keyring at Apply.
            self.password_edit.setText(fields.password)
            self.server_radio.setChecked(True)
        self.path_edit.setText(self._local_path())
        self.path_edit.setCursorPosition(0)
        self._choice_changed()

    def _local_path(self) -> str:
        return str(database_file(self._local_address) or self._local_address)

    def _choice_changed(self) -> None:
        local = self.local_radio.isChecked()
        self.path_edit.setEnabled(local)
        self.show_folder_button.setEnabled(local and Path(self._local_path()).parent.is_dir())
        for field in (
            self.host_edit,
            self.port_spin,
            self.database_edit,
            self.user_edit,
            self.password_edit,
        ):
            field.setEnabled(not local)
        self._address_edited()

    def _address_edited(self) -> None:
        """Whatever a test said is about the address as it was: it goes."""
        self._report = None
        self.test_result.hide()
        self.test_error.set_error(None)
        self.server_error.set_error(None)
        self._show_next_start_note()

    def _fields(self) -> ServerFields:
        return ServerFields(
            host=self.host_edit.text(),
            database=self.database_edit.text(),
            user=self.user_edit.text(),
            port=self.port_spin.value(),
            password=self.password_edit.text(),
        )

    def chosen_address(self, *, with_password: bool = False) -> str:
        """The database chosen on the page, as the settings keep it (a server's password only
        when asked); DomainError when a server is chosen and a field is missing."""
        if self.local_radio.isChecked():
            return self._local_address
        return server_address(self._fields(), with_password=with_password)

    def _show_next_start_note(self) -> None:
        if self._services is None:
            self.next_start_note.hide()
            return
        try:
            chosen = self.chosen_address()
        except DomainError:
            chosen = None
        open_now = self._services.db.url
        self.next_start_note.setVisible(chosen is None or not same_database(chosen, open_now))
        self._render_next_start_note()

    def _render_next_start_note(self) -> None:
        if self._services is None:
            return
        where = self._services.db.path or without_password(self._services.db.url)
        self.next_start_note.setText(
            self.tr(
                "Liaison is working on “{where}” now, and opens the database chosen here "
                "the next time it starts."
            ).format(where=str(where))
        )

    # Testing the connection --------------------------------------------------------------
    def test_connection(self) -> None:
        """Try the chosen database on the worker (a server may take seconds to answer)."""
        if self._testing:
            return
        self._address_edited()
        try:
            address = self.chosen_address(with_password=True)
        except DomainError as error:
            self.server_error.set_error(error)
            return
        self._set_testing(True)
        self.test_result.setText(self.tr("Connecting…"))
        self.test_result.show()
        # No password typed: the one the keyring keeps, read on the worker (a keyring may
        # take its time, asking to be unlocked).
        self._operations.run(
            lambda: try_database(with_saved_password(address)),
            on_success=self._tested,
            on_error=self._test_failed,
            parent=self,
        )

    def _tested(self, report: ConnectionReport) -> None:
        self._set_testing(False)
        self._report = report
        self.test_result.setText(render(report.text))
        self.test_result.show()

    def _test_failed(self, error: BaseException) -> bool:
        self._set_testing(False)
        self.test_result.hide()
        self.test_error.set_error(user_error(error))
        return True

    def _set_testing(self, testing: bool) -> None:
        self._testing = testing
        self.test_button.setEnabled(not testing)

    def show_in_folder(self) -> None:
        folder = Path(self._local_path()).parent
        if folder.is_dir():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # Applying ----------------------------------------------------------------------------
    def apply(self) -> bool:
        """Store the backups settings, and the database chosen when it is complete, its
        password in the keyring; False (and the reason shown) when something was refused."""
        settings = self._settings
        if self.backups is not None:
            self.backups.apply()
        try:
            address = self.chosen_address()
        except DomainError as error:
            self.server_error.set_error(error)
            return False
        settings.database = address
        settings.sync()
        password = self.password_edit.text()
        if self.local_radio.isChecked() or not password:
            return True
        try:
            save_password(address, password)
        except DomainError as error:
            self.server_error.set_error(error)
            return False
        self.password_edit.blockSignals(True)
        self.password_edit.clear()
        self.password_edit.blockSignals(False)
        return True

    # Language ----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.where_group.setTitle(self.tr("Where the data lives"))
        self.local_radio.setText(self.tr("On &this computer"))
        self.show_folder_button.setText(self.tr("Show in &folder"))
        self.server_radio.setText(self.tr("On the office's shared &server"))
        self.host_label.setText(self.tr("Se&rver:"))
        self.port_label.setText(self.tr("&Port:"))
        self.port_spin.setSpecialValueText(self.tr("Default"))
        self.port_spin.setToolTip(
            self.tr("Default: {port}, the usual port of PostgreSQL.").format(port=POSTGRESQL_PORT)
        )
        self.database_label.setText(self.tr("&Database:"))
        self.user_label.setText(self.tr("&User name:"))
        self.password_label.setText(self.tr("Pass&word:"))
        self.password_edit.setPlaceholderText(self.tr("Kept in the system keyring, not here"))
        self.test_button.setText(self.tr("Test co&nnection"))
        self.test_button.setToolTip(
            self.tr("Connects to the database chosen here without changing anything in it.")
        )
        self._render_next_start_note()
        if self._report is not None:
            self.test_result.setText(render(self._report.text))
        for label in (self.server_error, self.test_error):
            label.retranslate()


def _indented(inner: QHBoxLayout | QFormLayout, page: QWidget) -> QHBoxLayout:
    """A radio button's own fields, set in under it."""
    row = QHBoxLayout()
    row.addSpacing(page.fontMetrics().averageCharWidth() * 3)
    row.addLayout(inner, 1)
    return row
