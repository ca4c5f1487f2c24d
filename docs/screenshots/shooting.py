"""What the screenshot scripts share (docs/screenshots/*.py, docs/guide/make_screenshots.py):
a fresh account's folders under HOME, a pause for Qt to lay out and paint, and the sample office
with Anna's settings."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crm.services.bundle import Services
    from crm.ui.settings import Settings


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


def office_settings(path: Path) -> Settings:
    """Anna's settings in Aalborg, as the sample office has her, kept in the file `path`."""
    from crm.ui.settings import Settings

    settings = Settings(path)
    settings.my_name = "Anna Berg"
    settings.sender_name = "Anna Berg"
    settings.sender_title = "International Coordinator"
    settings.sender_name_zh = "安娜·伯格"
    settings.sender_title_zh = "国际事务协调员"
    settings.our_city = "Aalborg"
    settings.our_city_zh = "奥尔堡"
    settings.our_country = "DK"
    settings.sender_address = "anna.berg@aalborg.dk.example"
    settings.smtp_host = "mail.aalborg.dk.example"
    settings.smtp_user = "anna.berg"
    return settings


@contextmanager
def sample_office() -> Iterator[tuple[Services, Settings, Path]]:
    """The QApplication, the sample office in the home's data folder (with a backup, so that
    Settings › Database shows one), Anna's settings and a scratch folder; the office and the
    folder removed at the end. Ends the script if that home holds a Liaison database already:
    nothing of the user's is touched."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from crm.services.bundle import Services
    from crm.services.demo import load_demo
    from crm.store.database import default_database_path

    database = default_database_path()
    if database.parent.exists():
        print(
            f"{database.parent} exists already: run this with HOME set to a new, empty folder "
            "(see the top of this script), so that no data of yours is touched.",
            file=sys.stderr,
        )
        raise SystemExit(1)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Liaison")
    app.setOrganizationName("Liaison")
    app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    scratch = Path(tempfile.mkdtemp(prefix="liaison-screenshots-"))
    services = Services.open(str(database))
    try:
        load_demo(services.db)
        services.backups.backup()
        yield services, office_settings(scratch / "settings.ini"), scratch
    finally:
        services.db.dispose()
        shutil.rmtree(database.parent, ignore_errors=True)
        shutil.rmtree(scratch, ignore_errors=True)
