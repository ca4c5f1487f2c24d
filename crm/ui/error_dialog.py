"""Unexpected errors: logged with their traceback, and said to the user in one dialog.

A fault of ours (an exception nobody caught, in a slot, in the event loop, in a thread) would
otherwise print to a console nobody sees, or end the app. One hook takes them all: it writes
the traceback to the log file, then shows `UnexpectedErrorDialog` with a plain sentence, where
the log is, and a button that copies what a bug report needs. Errors that come while the
dialog is open are counted in it rather than opening one dialog each: a fault in a paint or
a timer repeats many times a second (and each repeat is logged in one line, not in full).

The sentence says the data is safe because it is: every change is one database transaction,
committed whole or rolled back, so an error in the middle of a save leaves nothing half saved.

PySide6 passes an exception raised in a slot (or a virtual method) to `sys.excepthook`, then
carries on with the event loop; a thread's goes to `threading.excepthook`, and is brought to
the GUI thread through a queued signal before any widget is touched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import PySide6
from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from crm import __version__

logger = logging.getLogger("crm.errors")

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def environment(log_file: Path) -> str:
    """What a bug report needs besides the traceback (never translated: it is for us)."""
    return "\n".join(
        [
            f"Liaison {__version__}",
            f"Time: {dt.datetime.now().astimezone().isoformat(timespec='seconds')}",
            f"Platform: {platform.platform()}",
            f"Python {platform.python_version()} ({platform.python_implementation()})",
            f"Qt {qVersion()}, PySide6 {PySide6.__version__}",
            f"Log file: {log_file}",
        ]
    )


def format_error(info: ExcInfo) -> str:
    return "".join(traceback.format_exception(*info)).rstrip()


class UnexpectedErrorDialog(QDialog):
    """The one dialog for faults of ours; `add_error` counts those that follow while open."""

    def __init__(self, details: str, *, log_file: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        # Each distinct traceback once, with how often it came: a fault in a paint or a timer
        # repeats many times a second.
        self.errors: dict[str, int] = {details: 1}

        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(size)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.sentence = QLabel()
        self.sentence.setWordWrap(True)
        self.sentence.setTextFormat(Qt.TextFormat.PlainText)
        font = self.sentence.font()
        font.setBold(True)
        self.sentence.setFont(font)
        self.more = QLabel()
        self.more.setWordWrap(True)
        self.more.setTextFormat(Qt.TextFormat.PlainText)
        self.more.hide()
        self.log_caption = QLabel()
        self.log_label = QLabel(str(log_file))
        self.log_label.setTextFormat(Qt.TextFormat.PlainText)
        self.log_label.setWordWrap(True)
        self.log_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.hide()  # until a button has something to say

        self.buttons = QDialogButtonBox()
        self.open_folder_button = QPushButton()
        self.copy_button = QPushButton()
        self.close_button = QPushButton()
        self.buttons.addButton(self.open_folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.setDefault(True)
        self.open_folder_button.clicked.connect(self.open_log_folder)
        self.copy_button.clicked.connect(self.copy_details)
        self.close_button.clicked.connect(self.reject)

        text = QVBoxLayout()
        text.addWidget(self.sentence)
        text.addWidget(self.more)
        text.addWidget(self.log_caption)
        text.addWidget(self.log_label)
        text.addWidget(self.status)
        text.addStretch(1)
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(icon)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(6)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.retranslate()

    @property
    def more_errors(self) -> int:
        """How many errors came after the first while the dialog was open."""
        return sum(self.errors.values()) - 1

    def add_error(self, details: str) -> None:
        self.errors[details] = self.errors.get(details, 0) + 1
        self._show_count()

    def details(self) -> str:
        """The environment and each distinct traceback, for the clipboard."""
        parts = [environment(self.log_file)]
        distinct = len(self.errors)
        for number, (error, times) in enumerate(self.errors.items(), start=1):
            heading = f"Error {number} of {distinct}" if distinct > 1 else ""
            if times > 1:
                heading += f" ({times} times)"
            parts.append(f"{heading.strip()}:\n{error}" if heading else error)
        return "\n\n".join(parts) + "\n"

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details())
        self._say(self.tr("The details are on the clipboard, to paste in a message."))

    def open_log_folder(self) -> None:
        folder = self.log_file.parent
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self._say(
                self.tr("The folder could not be opened; it is “{folder}”.").format(
                    folder=str(folder)
                )
            )

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _show_count(self) -> None:
        count = self.more_errors
        self.more.setVisible(count > 0)
        self.more.setText(
            self.tr("%n more error(s) happened while this message was open.", "", count)
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Liaison: unexpected error"))
        self.sentence.setText(
            self.tr(
                "Something went wrong in Liaison. Your data is safe: a change is saved whole "
                "or not at all, so nothing was saved halfway."
            )
        )
        self.log_caption.setText(self.tr("What happened was written to the log file:"))
        self.open_folder_button.setText(self.tr("Open log folder"))
        self.copy_button.setText(self.tr("Copy details"))
        self.close_button.setText(self.tr("Close"))
        self._say("")
        self._show_count()


class ErrorHook(QObject):
    """Takes the exceptions nobody caught: logs each one, and shows or counts it in the
    dialog. The dialog is centred on `window` when that is on screen (the app sets it once
    the main window is built), on its own otherwise."""

    # Details of a thread's error, to the GUI thread (queued: this object lives there).
    _arrived = Signal(str)

    def __init__(
        self,
        *,
        log_file: Path,
        window: QWidget | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.window = window
        self.dialog: UnexpectedErrorDialog | None = None
        # Takes each error instead of the dialog, where nobody is there to read one (a
        # measured start: see crm/app.py's StartupProbe).
        self.on_error: Callable[[str], None] | None = None
        # Tracebacks logged in full while the dialog is open; a repeat gets one line.
        self._logged: set[str] = set()
        self._previous: tuple[Callable[..., object], Callable[..., object]] | None = None
        self._arrived.connect(self._show, Qt.ConnectionType.QueuedConnection)

    @property
    def installed(self) -> bool:
        return self._previous is not None

    def install(self) -> None:
        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
            sys.excepthook = self.excepthook
            threading.excepthook = self.thread_excepthook

    def uninstall(self) -> None:
        """Put back the hooks found at `install`."""
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous  # type: ignore[assignment]
            self._previous = None

    def excepthook(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)  # Ctrl+C in a terminal: as Python does
            return
        try:
            details = format_error((kind, error, tb))
            self._log(details, "Unexpected error", (kind, error, tb))
            if threading.current_thread() is threading.main_thread():
                self._show(details)
            else:
                self._arrived.emit(details)
        except BaseException:  # the hook must never raise
            self._fallback(kind, error, tb)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return  # a thread that ends itself: as threading does
        if args.exc_value is None:
            return  # nothing to say (a thread's error always carries its exception)
        info: ExcInfo = (args.exc_type, args.exc_value, args.exc_traceback)
        try:
            details = format_error(info)
            thread = args.thread.name if args.thread is not None else "?"
            self._log(details, f"Unexpected error in thread {thread}", info)
            self._arrived.emit(details)
        except BaseException:  # the hook must never raise
            self._fallback(*info)

    def _log(self, details: str, what: str, info: ExcInfo) -> None:
        if details in self._logged:
            logger.error("%s, again: %s", what, details.rsplit("\n", 1)[-1])
            return
        logger.critical(what, exc_info=info)
        if self.dialog is not None:
            self._logged.add(details)

    def _show(self, details: str) -> None:
        if self.on_error is not None:
            self.on_error(details)
            return
        try:
            showing = self._showing()
            if showing is not None:
                showing.add_error(details)
                return
            window = self.window
            parent = window if window is not None and window.isVisible() else None
            dialog = UnexpectedErrorDialog(details, log_file=self.log_file, parent=parent)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.finished.connect(self._closed)
            self.dialog = dialog
            self._logged.add(details)
            dialog.show()
            dialog.raise_()
            dialog.activateWindow()
        except BaseException:  # logged already; the dialog is a bonus
            print(details, file=sys.stderr)

    def _showing(self) -> UnexpectedErrorDialog | None:
        """The dialog, if it is open."""
        try:
            if self.dialog is not None and self.dialog.isVisible():
                return self.dialog
        except RuntimeError:  # deleted with its window
            pass
        self.dialog = None
        self._logged.clear()
        return None

    def _closed(self) -> None:
        if self.sender() is self.dialog:
            self.dialog = None
            self._logged.clear()

    def wait_for_dialog(self) -> None:
        """Keep the dialog on screen until it is closed, if one is: for a start that failed,
        whose event loop has ended with the error still to be read."""
        showing = self._showing()
        if showing is not None:
            showing.exec()

    @staticmethod
    def _fallback(
        kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        with contextlib.suppress(BaseException):  # nowhere left to report it
            sys.__excepthook__(kind, error, tb)


def install_excepthook(*, log_file: Path, window: QWidget | None = None) -> ErrorHook:
    """The hook, installed as `sys.excepthook` and `threading.excepthook`, owned by the
    QApplication (which must exist); `uninstall()` puts the previous hooks back."""
    app = QGuiApplication.instance()
    hook = ErrorHook(log_file=log_file, window=window, parent=app)
    hook.install()
    return hook
