"""The parts of the handover wizard that are not the wizard: what it expects of the import
service, how a package's counts and file name are made, and the look of its labels and tables.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Literal, Protocol

from PySide6.QtCore import QProcess, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
)

from crm.domain.text import QT_TRANSLATE_NOOP, DomainError

Mode = Literal["export", "import"]
PdfRenderer = Callable[[str], bytes]

# The kinds of record in a package, in the order a person reads them.
KINDS = (
    "partnerships",
    "contacts",
    "organisations",
    "delegations",
    "gifts",
    "agreements",
    "interactions",
    "follow_ups",
    "templates",
    "documents",
)
CALENDAR = "calendar"
# Each language in its own words, never translated.
DOSSIER_LANGUAGES = (("en", "English"), ("zh_CN", "中文"))


class HandoverPackageInfo(Protocol):
    """What `HandoverImportService.inspect` tells of a package."""

    @property
    def owner(self) -> str: ...
    @property
    def created_at(self) -> str: ...
    @property
    def counts(self) -> Mapping[str, int]: ...


class HandoverConflictInfo(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def kept(self) -> str: ...  # "theirs" (the package's) or "ours"


class HandoverReportInfo(Protocol):
    """What `HandoverImportService.apply` did, or would do in a dry run."""

    @property
    def owner(self) -> str: ...
    @property
    def successor(self) -> str: ...
    @property
    def created(self) -> Mapping[str, int]: ...
    @property
    def updated(self) -> Mapping[str, int]: ...
    @property
    def unchanged(self) -> Mapping[str, int]: ...
    @property
    def conflicts(self) -> Sequence[HandoverConflictInfo]: ...


class HandoverImporter(Protocol):
    """`crm.services.handover_import.HandoverImportService`, or a stand-in in tests."""

    def inspect(self, path: Path) -> HandoverPackageInfo: ...

    def apply(
        self,
        path: Path,
        *,
        successor: str | None = None,
        dry_run: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> HandoverReportInfo: ...


IMPORT_STOPPED = QT_TRANSLATE_NOOP("HandoverWizard", "The import was stopped.")


class ImportAbandoned(DomainError):
    """Raised from the progress callback once the user abandoned the import: a domain error,
    so that it is not logged as a failure."""

    def __init__(self) -> None:
        super().__init__(IMPORT_STOPPED)


def package_counts(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    """A manifest's counts by kind, in reading order: "contacts.json" counts the contacts, the
    vCard file repeats them and is left out, "calendar.ics" holds the coming year's dates."""
    found: dict[str, int] = {}
    for key, number in counts.items():
        if key == "contacts.vcf":
            continue
        found[CALENDAR if key == "calendar.ics" else key.removesuffix(".json")] = int(number)
    order = [*KINDS, CALENDAR]
    return sorted(
        found.items(),
        key=lambda item: (order.index(item[0]) if item[0] in order else len(order), item[0]),
    )


def default_package_name(name: str, today: dt.date) -> str:
    """`handover-louise-dahl-nielsen-2026-11-25.zip`; letters of any script are kept."""
    slug = re.sub(r"[^\w]+", "-", name.casefold()).strip("-_") or "staff"
    return f"handover-{slug}-{today.isoformat()}.zip"


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def reveal(path: Path) -> None:
    """The file selected in the file manager where the system can do that; else its folder."""
    if sys.platform == "win32":
        started, _pid = QProcess.startDetached("explorer.exe", ["/select,", str(path)])
    elif sys.platform == "darwin":
        started, _pid = QProcess.startDetached("open", ["-R", str(path)])
    else:
        started = False
    if not started:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def heading() -> QLabel:
    label = QLabel()
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def wrapped() -> QLabel:
    """A sentence that wraps, and takes the width it is given (in a form, too)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return label


def counts_table(columns: int) -> QTableWidget:
    """A read-only table of counts: the first column stretches, the numbers fit."""
    table = QTableWidget(0, columns)
    vertical = table.verticalHeader()
    vertical.setVisible(False)
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(int(table.fontMetrics().height() * 1.5))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
    header = table.horizontalHeader()
    header.setMinimumSectionSize(table.fontMetrics().averageCharWidth() * 9)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, columns):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return table


def set_headers(table: QTableWidget, labels: list[str], *, numbers_from: int = 1) -> None:
    """Column titles over the texts at the left, over the numbers at the right."""
    for column, label in enumerate(labels):
        item = QTableWidgetItem(label)
        side = Qt.AlignmentFlag.AlignRight if column >= numbers_from else Qt.AlignmentFlag.AlignLeft
        item.setTextAlignment(side | Qt.AlignmentFlag.AlignVCenter)
        table.setHorizontalHeaderItem(column, item)


def fit_rows(table: QTableWidget, *, at_least: int = 10) -> None:
    """As tall as its rows, with no empty band below and, up to `at_least` rows, no scroll bar;
    a longer table scrolls when the page is short."""
    row = table.verticalHeader().defaultSectionSize()
    frame = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
    table.setMinimumHeight(frame + row * min(table.rowCount(), at_least))
    table.setMaximumHeight(frame + row * table.rowCount())
