"""The worker that runs the pages' service calls: what it does as the app ends."""

from __future__ import annotations

import logging
import threading

import pytest

import crm.ui.operations
from crm.ui.operations import Operations


def test_ending_the_app_waits_for_a_save_but_not_for_ever(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    operations = Operations()
    release, finished = threading.Event(), threading.Event()

    def quick_save() -> None:
        finished.set()

    operations.run(quick_save)
    operations.close()
    assert finished.is_set()  # a save in progress is finished before the app ends

    stuck_ops = Operations()
    monkeypatch.setattr(crm.ui.operations, "CLOSE_WAIT_MS", 200)
    shown: list[object] = []
    stuck_ops.run(lambda: release.wait(30), on_success=shown.append)
    with caplog.at_level(logging.WARNING, logger="crm.ui.operations"):
        stuck_ops.close()  # returns although the work is stuck
    assert "still running" in caplog.text
    release.set()
    assert stuck_ops.wait(5000)
    qtbot.wait(50)
    assert shown == []  # its late result is dropped: the pages are going
