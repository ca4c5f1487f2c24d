"""The Qt binding the app runs on does not wear away Python's None.

PySide6 6.12.0 (on Python 3.11) dropped one reference to None on every call that returns
None, such as `setText`; with a large office the Today page used up tens of thousands per
refresh, and the app aborted with "deallocating None" after a few. pyproject.toml excludes it.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_calls_returning_none_leave_none_alone(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("Wang Fang")
    # Other threads may hold or drop a few references meanwhile; a leak is a thousand.
    assert abs(sys.getrefcount(None) - before) < 100
