"""Qt fixtures: settings in the test's folder, operations run inline, English to start."""

from __future__ import annotations

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
