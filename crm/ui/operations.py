"""The one way a user action touches data: off the GUI thread, with a plain-language error.

`run` hands the service call to a worker thread and routes the result back to the GUI thread
(a queued signal) to `on_success`, or shows the error in one sentence. Tests make it inline.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from crm.domain.text import QT_TRANSLATE_NOOP, DomainError
from crm.store.errors import as_domain_error
from crm.ui.language import render

log = logging.getLogger("crm.ui.operations")

UNEXPECTED = QT_TRANSLATE_NOOP(
    "Operations", "Something went wrong and nothing was changed. Details are in the log."
)


# How long the app, as it ends, waits for work still running.
CLOSE_WAIT_MS = 30_000


class _Relay(QObject):
    finished = Signal(object, object)  # result, error


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as error:  # routed to the GUI thread, never lost
            self._relay.finished.emit(None, error)
        else:
            self._relay.finished.emit(result, None)


def user_error(error: BaseException) -> DomainError:
    """The error as a user reads it: a domain error as it is, a fault of the database or the
    disk as its sentence (`crm.store.errors`, shared with the command line), anything else
    (a bug, in the log) as the sentence that says nothing was changed."""
    return as_domain_error(error) or DomainError(UNEXPECTED)


def describe_error(error: BaseException) -> str:
    """One sentence for the user, in the UI language."""
    return render(user_error(error))


class Operations(QObject):
    """Runs service calls for the widgets. `inline=True` (tests) runs them at once."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, inline: bool = False) -> None:
        super().__init__(parent)
        self.inline = inline
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one writer: SQLite writes go through one worker
        self._running: set[_Relay] = set()
        self._closed = False

    def run(
        self,
        fn: Callable[[], Any],
        *,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], bool] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """Run `fn`; `on_error` may handle an error itself by returning True."""

        def finish(result: Any, error: BaseException | None) -> None:
            if error is None:
                if on_success:
                    on_success(result)
                return
            if not isinstance(error, DomainError):
                log.error(
                    "operation failed\n%s",
                    "".join(traceback.format_exception(type(error), error, error.__traceback__)),
                )
            if on_error and on_error(error):
                return
            QMessageBox.warning(
                parent, QApplication.translate("Operations", "Liaison"), describe_error(error)
            )

        if self.inline:
            try:
                result = fn()
            except Exception as error:
                finish(None, error)
            else:
                finish(result, None)
            return
        relay = _Relay()
        self._running.add(relay)
        self.busy_changed.emit(True)

        def done(result: Any, error: BaseException | None) -> None:
            self._running.discard(relay)
            self.busy_changed.emit(bool(self._running))
            if self._closed:  # the app is ending: results still on their way are dropped
                return
            if parent is not None and not shiboken6.isValid(parent):
                # The page that asked is gone (the window closed while this ran): nobody to
                # show the result to.
                log.info("operation finished after its page was closed: %r", error)
                return
            finish(result, error)

        relay.finished.connect(done, Qt.ConnectionType.QueuedConnection)
        self._pool.start(_Job(fn, relay))

    def wait(self, timeout_ms: int = -1) -> bool:
        """Wait for what runs and what is queued (for ever by default); False if some of it
        still runs after `timeout_ms`."""
        return self._pool.waitForDone(timeout_ms)

    def close(self) -> None:
        """Waits for what runs (up to CLOSE_WAIT_MS), and drops the results not yet handed
        back: the app is ending, and the pages they were for are going. A save in progress
        finishes; something stuck does not keep the app from ending (its transaction is
        whole or not there at all)."""
        self._closed = True
        if not self.wait(CLOSE_WAIT_MS):
            log.warning(
                "work still running after %d s, left as the app ends", CLOSE_WAIT_MS // 1000
            )
