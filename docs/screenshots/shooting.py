"""What the screenshot scripts share (docs/screenshots/*.py, docs/guide/make_screenshots.py):
a fresh account's folders under HOME, and a pause for Qt to lay out and paint."""

from __future__ import annotations

import os
from pathlib import Path


def fresh_home_folders() -> None:
    """Every data and config folder under HOME, as on a fresh account. Called before Liaison
    or Qt is imported, so that everything they read and write is under it."""
    home = Path.home()
    os.environ["XDG_DATA_HOME"] = str(home / ".local" / "share")
    os.environ["XDG_CONFIG_HOME"] = str(home / ".config")
    os.environ["XDG_CACHE_HOME"] = str(home / ".cache")
    os.environ["XDG_STATE_HOME"] = str(home / ".local" / "state")
    os.environ.pop("CRM_DATABASE", None)


def settle(ms: int = 200) -> None:
    """Let Qt lay out and paint what was just shown."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
