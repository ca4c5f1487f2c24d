"""An unexpected error: logged with its traceback, and said in one dialog, never a cascade."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QObject, QTranslator, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QPushButton

import crm.app
from crm.logs import FILE_HANDLER, configure_logging, log_path
from crm.ui.error_dialog import ErrorHook, UnexpectedErrorDialog, install_excepthook

SENTENCE = "Something went wrong in Liaison. Your data is safe"


@pytest.fixture
def log_file(qapp) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    """The rotating log in the test's own folders, removed from the root logger afterwards."""
    before = list(logging.getLogger().handlers)
    path = configure_logging()
    yield path
    for handler in list(logging.getLogger().handlers):
        if handler not in before:
            logging.getLogger().removeHandler(handler)
            handler.close()


@pytest.fixture
def hook(qtbot, log_file: Path) -> Iterator[ErrorHook]:  # type: ignore[no-untyped-def]
    installed = install_excepthook(log_file=log_file)
    yield installed
    installed.uninstall()
    if installed.dialog is not None:
        installed.dialog.close()


def _raise_in_a_slot(qtbot, message: str = "the partner list is gone") -> None:  # type: ignore[no-untyped-def]
    """A button whose click handler fails, clicked as a user would."""
    button = QPushButton("Go")
    qtbot.addWidget(button)

    def broken() -> None:
        raise LookupError(message)

    button.clicked.connect(broken)
    button.click()


def test_an_error_in_a_slot_is_said_in_a_dialog_with_the_log_file(  # type: ignore[no-untyped-def]
    qtbot, hook: ErrorHook, log_file: Path
) -> None:
    _raise_in_a_slot(qtbot)

    dialog = hook.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.sentence.text().startswith(SENTENCE)
    assert dialog.log_label.text() == str(log_file)
    assert log_file == log_path()  # the user's log folder, here the test's own
    assert [b.text() for b in (dialog.open_folder_button, dialog.copy_button)] == [
        "Open log folder",
        "Copy details",
    ]
    assert not dialog.more.isVisible()


def test_the_traceback_is_written_to_the_log_file(  # type: ignore[no-untyped-def]
    qtbot, hook: ErrorHook, log_file: Path
) -> None:
    _raise_in_a_slot(qtbot, "the partner list is gone")

    text = log_file.read_text(encoding="utf-8")
    assert "CRITICAL crm.errors: Unexpected error" in text
    assert "Traceback (most recent call last):" in text
    assert "LookupError: the partner list is gone" in text


def test_copy_details_puts_the_traceback_on_the_clipboard(  # type: ignore[no-untyped-def]
    qtbot, hook: ErrorHook, log_file: Path
) -> None:
    _raise_in_a_slot(qtbot, "the partner list is gone")
    assert hook.dialog is not None

    hook.dialog.copy_button.click()

    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("Liaison ")
    assert "Python " in copied and "Qt " in copied and "Platform: " in copied
    assert f"Log file: {log_file}" in copied
    assert "LookupError: the partner list is gone" in copied
    assert "clipboard" in hook.dialog.status.text()


def test_errors_while_the_dialog_is_open_are_counted_in_it(  # type: ignore[no-untyped-def]
    qtbot, hook: ErrorHook
) -> None:
    _raise_in_a_slot(qtbot, "first")
    first = hook.dialog
    _raise_in_a_slot(qtbot, "second")
    _raise_in_a_slot(qtbot, "third")

    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, UnexpectedErrorDialog)]
    assert hook.dialog is first and [w for w in shown if w.isVisible()] == [first]
    assert first is not None and first.more_errors == 2
    assert first.more.isVisible() and "2" in first.more.text()
    first.copy_details()
    copied = QGuiApplication.clipboard().text()
    assert "Error 3 of 3:" in copied and "LookupError: third" in copied

    first.close_button.click()  # closed: the next error has a dialog of its own
    _raise_in_a_slot(qtbot, "fourth")
    assert hook.dialog is not None and hook.dialog is not first
    assert hook.dialog.more_errors == 0


def test_a_fault_that_repeats_is_logged_once_and_counted(  # type: ignore[no-untyped-def]
    qtbot, hook: ErrorHook, log_file: Path
) -> None:
    button = QPushButton("Paint")
    qtbot.addWidget(button)

    def broken() -> None:
        raise ZeroDivisionError("a column of width 0")

    button.clicked.connect(broken)
    for _ in range(50):  # as a fault in a paint or a timer does
        button.click()

    assert hook.dialog is not None and hook.dialog.more_errors == 49
    assert "49" in hook.dialog.more.text()
    log = log_file.read_text(encoding="utf-8")
    assert log.count("Traceback (most recent call last):") == 1
    assert log.count("Unexpected error, again: ZeroDivisionError: a column of width 0") == 49
    hook.dialog.copy_details()
    copied = QGuiApplication.clipboard().text()
    assert copied.count("Traceback") == 1 and "(50 times)" in copied


def test_an_error_in_a_thread_reaches_the_dialog(qtbot, hook: ErrorHook, log_file: Path) -> None:  # type: ignore[no-untyped-def]
    def work() -> None:
        raise OSError("the disk went away")

    thread = threading.Thread(target=work, name="backup")
    thread.start()
    thread.join()

    qtbot.waitUntil(lambda: hook.dialog is not None and hook.dialog.isVisible())
    assert "in thread backup" in log_file.read_text(encoding="utf-8")
    assert hook.dialog is not None
    hook.dialog.copy_details()
    assert "OSError: the disk went away" in QGuiApplication.clipboard().text()


def test_ctrl_c_passes_through(qtbot, hook: ErrorHook, capsys) -> None:  # type: ignore[no-untyped-def]
    hook.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert hook.dialog is None
    assert "KeyboardInterrupt" in capsys.readouterr().err


def test_the_hook_itself_never_raises(qtbot, hook: ErrorHook, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    def broken_dialog(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("no dialog today")

    monkeypatch.setattr("crm.ui.error_dialog.UnexpectedErrorDialog", broken_dialog)
    error = ValueError("a fault")
    hook.excepthook(ValueError, error, None)  # does not raise
    assert "ValueError: a fault" in capsys.readouterr().err


class Receiver(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_open_log_folder_opens_the_folder_of_the_log(
    qtbot, hook: ErrorHook, log_file: Path
) -> None:  # type: ignore[no-untyped-def]
    receiver = Receiver()
    QDesktopServices.setUrlHandler("file", receiver, "open")
    try:
        _raise_in_a_slot(qtbot)
        assert hook.dialog is not None
        hook.dialog.open_folder_button.click()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [Path(url.toLocalFile()) for url in receiver.urls] == [log_file.parent]


class Marking(QTranslator):
    """Marks every text of the dialog, as a translation would change it."""

    def isEmpty(self) -> bool:  # noqa: N802 - Qt skips an empty translator
        return False

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if context != "UnexpectedErrorDialog":
            return None
        return f"«{source.replace('%n', str(n))}»"


def test_the_dialog_retranslates_on_a_language_switch(qtbot, hook: ErrorHook) -> None:  # type: ignore[no-untyped-def]
    _raise_in_a_slot(qtbot)
    _raise_in_a_slot(qtbot)
    dialog = hook.dialog
    assert dialog is not None
    translator = Marking()
    QCoreApplication.installTranslator(translator)
    try:
        qtbot.waitUntil(lambda: dialog.close_button.text() == "«Close»")
        assert dialog.sentence.text().startswith(f"«{SENTENCE}")
        assert dialog.windowTitle() == "«Liaison: unexpected error»"
        assert dialog.more.text().startswith("«1 more")
    finally:
        QCoreApplication.removeTranslator(translator)
    qtbot.waitUntil(lambda: dialog.close_button.text() == "Close")


def test_rotation_keeps_a_few_files_and_configuring_again_adds_no_handler(log_file: Path) -> None:
    configure_logging(max_bytes=2_000, backups=2)
    configure_logging(max_bytes=2_000, backups=2)  # a second run_app in the same process
    root = logging.getLogger()
    assert [h.get_name() for h in root.handlers].count(FILE_HANDLER) == 1
    for number in range(200):
        logging.getLogger("crm.test").warning("line %d of a long day", number)
    names = sorted(p.name for p in log_file.parent.iterdir())
    assert names == ["liaison.log", "liaison.log.1", "liaison.log.2"]
    assert "line 199 of a long day" in log_file.read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture
def test_a_fault_that_ends_the_start_is_said_before_the_app_ends(  # type: ignore[no-untyped-def]
    app_run, db_path, monkeypatch
) -> None:
    def broken(database: str | None, *, language: str, parent: Any) -> None:
        raise RuntimeError("a fault of ours")

    seen: list[str] = []

    def read_it(self: ErrorHook) -> None:
        assert self.dialog is not None and self.dialog.isVisible()
        seen.append(self.dialog.sentence.text())
        self.dialog.close()

    monkeypatch.setattr(crm.app, "_open_services", broken)
    monkeypatch.setattr(ErrorHook, "wait_for_dialog", read_it)
    assert crm.app.run_app(database=str(db_path)) == 1
    assert len(seen) == 1 and seen[0].startswith(SENTENCE)
    assert "RuntimeError: a fault of ours" in log_path().read_text(encoding="utf-8")
