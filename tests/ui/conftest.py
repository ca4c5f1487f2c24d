"""Qt fixtures: settings in the test's folder, operations run inline, English to start."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _no_widgets_left_over(qapp) -> None:  # type: ignore[no-untyped-def]
    """Delete the widgets earlier tests closed (pytest-qt asks Qt to, and Qt only does when an
    event loop runs): left alive, they would answer this test's language switch by reading a
    database that is gone."""
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def settings(tmp_path: Path):  # type: ignore[no-untyped-def]
    from crm.ui.settings import Settings

    return Settings(tmp_path / "settings.ini")


@pytest.fixture
def operations(qapp):  # type: ignore[no-untyped-def]
    from crm.ui.operations import Operations

    return Operations(inline=True)


@pytest.fixture
def language(qapp, settings):  # type: ignore[no-untyped-def]
    from crm.ui.language import LanguageManager

    manager = LanguageManager(settings)
    manager.switch("en")
    yield manager
    manager.switch("en", remember=False)


@pytest.fixture
def app_run(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """`run_app` in this process: set up already (the first-run wizard has tests of its own),
    its logging handlers and the application's names put back afterwards, and a start that
    never ends ended after a minute."""
    import logging

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from crm.ui.settings import Settings

    handlers = list(logging.getLogger().handlers)
    names = (qapp.applicationName(), qapp.organizationName(), qapp.applicationDisplayName())
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: QApplication.exit(99))
    guard.start(60_000)
    Settings().first_run_done = True
    yield
    guard.stop()
    for handler in list(logging.getLogger().handlers):
        if handler not in handlers:
            logging.getLogger().removeHandler(handler)
            handler.close()
    qapp.setApplicationName(names[0])
    qapp.setOrganizationName(names[1])
    qapp.setApplicationDisplayName(names[2])
    qapp.setQuitOnLastWindowClosed(True)
