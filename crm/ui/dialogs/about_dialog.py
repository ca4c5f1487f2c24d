"""Help › About Liaison: the version, the licence, what it runs on and where it keeps its files.

What a colleague asks for when something goes wrong ("which version? where is the log?") is
here, selectable, with the folders as links that open them.
"""

from __future__ import annotations

import html
import platform
from pathlib import Path

import PySide6
from PySide6.QtCore import QEvent, Qt, QUrl, qVersion
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from crm import __version__
from crm.logs import log_path
from crm.paths import resources_dir
from crm.services.connection import without_password
from crm.store.database import Database, default_database_path

LICENCE_ID = "GPL-3.0-or-later"
LICENCE_URL = "https://www.gnu.org/licenses/gpl-3.0.html"


def _link(url: str, text: str) -> str:
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(text)}</a>'


def folder_link(folder: Path) -> str:
    """A folder as a link that opens it, or as plain text while it does not exist yet."""
    if folder.is_dir():
        return _link(QUrl.fromLocalFile(str(folder)).toString(), str(folder))
    return html.escape(str(folder))


class AboutDialog(QDialog):
    """`database` is where the data is (a file, or a server's address without its password),
    empty while no database is open."""

    def __init__(
        self,
        *,
        database: str,
        data_folder: Path,
        log_folder: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._data_folder = data_folder
        self._log_folder = log_folder

        self.icon_label = QLabel()
        icon = QIcon(str(resources_dir() / "icons" / "liaison.svg"))
        self.icon_label.setPixmap(icon.pixmap(72, 72))
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title_label = QLabel()
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title_label.setFont(font)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.licence_label = self._value()
        self.versions_label = self._value()
        self.database_label = self._value()
        self.data_label = self._value()
        self.log_label = self._value()

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.captions = [QLabel() for _ in range(5)]
        values = [
            self.licence_label,
            self.versions_label,
            self.database_label,
            self.data_label,
            self.log_label,
        ]
        for caption, value in zip(self.captions, values, strict=True):
            caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            self.form.addRow(caption, value)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)

        text = QVBoxLayout()
        text.addWidget(self.title_label)
        text.addWidget(self.summary_label)
        text.addSpacing(8)
        text.addLayout(self.form)
        row = QHBoxLayout()
        row.addWidget(self.icon_label)
        row.addSpacing(12)
        row.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addSpacing(8)
        layout.addWidget(self.buttons)
        width = self.fontMetrics().averageCharWidth() * 96
        self.setMinimumWidth(width)
        self.retranslate()
        # As tall as its text at that width: the wrapped lines would otherwise be guessed.
        self.resize(width, layout.totalHeightForWidth(width))

    @classmethod
    def over(cls, db: Database | None, *, parent: QWidget | None = None) -> AboutDialog:
        """About the database `db` (None before one is open) and this user's folders."""
        database = ""
        if db is not None:
            database = str(db.path) if db.path is not None else without_password(db.url)
        return cls(
            database=database,
            data_folder=default_database_path().parent,
            log_folder=log_path().parent,
            parent=parent,
        )

    @staticmethod
    def _value() -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setOpenExternalLinks(True)
        # Selectable, so that a path or the version can be copied into a message.
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        return label

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("About Liaison"))
        self.title_label.setText(self.tr("Liaison %1").replace("%1", __version__))
        self.summary_label.setText(
            self.tr(
                "The memory of a city's international relations: partners, people, visits "
                "and occasions, in English and Chinese."
            )
        )
        captions = [
            self.tr("Licence:"),
            self.tr("Runs on:"),
            self.tr("Database:"),
            self.tr("Data folder:"),
            self.tr("Log folder:"),
        ]
        for caption, text in zip(self.captions, captions, strict=True):
            caption.setText(text)
        licence = self.tr("GNU General Public License, version 3 or later")
        note = self.tr(
            "Liaison is free software: you may use, study, share and change it under the "
            "terms of this licence. It comes with no warranty."
        )
        self.licence_label.setText(
            f"{_link(LICENCE_URL, licence)} ({LICENCE_ID})<br>{html.escape(note)}"
        )
        self.versions_label.setText(
            html.escape(
                f"Qt {qVersion()} · PySide6 {PySide6.__version__} · "
                f"Python {platform.python_version()}"
            )
        )
        self.database_label.setText(
            html.escape(self._database) if self._database else self.tr("None open yet")
        )
        self.data_label.setText(folder_link(self._data_folder))
        self.log_label.setText(folder_link(self._log_folder))
