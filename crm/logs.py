"""Logging: one rotating file in the user's log folder, a named logger per area."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from platformdirs import user_log_path

LOG_FILE = "liaison.log"


def log_path() -> Path:
    return user_log_path("Liaison", appauthor=False) / LOG_FILE


def configure_logging(level: int = logging.INFO) -> Path:
    """Send logs to the rotating file (5 × 1 MB); keep the console for warnings only."""
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(level)
    root.addHandler(handler)
    console = logging.StreamHandler()
    console.setLevel(logging.WARNING)
    root.addHandler(console)
    # Alembic narrates every migration step at INFO; the file keeps them, the console need not.
    logging.getLogger("alembic").setLevel(logging.INFO)
    return path
