"""Logging: one rotating file in the user's log folder, a named logger per area."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from platformdirs import user_log_path

LOG_FILE = "liaison.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
# Our handlers carry these names, so that configuring again (a second `run_app` in one process,
# as tests do) replaces them rather than writing every line twice.
FILE_HANDLER = "liaison-file"
CONSOLE_HANDLER = "liaison-console"
# The process id tells apart two windows open on different databases, which share the file.
FORMAT = "%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s"


def log_path() -> Path:
    return user_log_path("Liaison", appauthor=False) / LOG_FILE


def configure_logging(
    level: int = logging.INFO, *, max_bytes: int = MAX_BYTES, backups: int = BACKUPS
) -> Path:
    """Send logs to the rotating file (`backups` × `max_bytes`: liaison.log, liaison.log.1 …);
    keep the console for warnings only. Calling it again replaces what it set up before."""
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() in (FILE_HANDLER, CONSOLE_HANDLER):
            root.removeHandler(handler)
            handler.close()
    handler = RotatingFileHandler(
        path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8", delay=True
    )
    handler.set_name(FILE_HANDLER)
    handler.setFormatter(logging.Formatter(FORMAT))
    root.setLevel(level)
    root.addHandler(handler)
    console = logging.StreamHandler()
    console.set_name(CONSOLE_HANDLER)
    console.setLevel(logging.WARNING)
    root.addHandler(console)
    # Alembic narrates every migration step at INFO; the file keeps them, the console need not.
    logging.getLogger("alembic").setLevel(logging.INFO)
    return path
