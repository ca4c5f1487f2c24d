"""Takes the pictures of the desktop around the pages: Settings (General, Reminders, Our office,
Database), the tray menu, the command palette, About, Keyboard shortcuts and the unexpected-error
dialog, in English and in Chinese, written to docs/screenshots/NAME_LANG.png.

Run it from the repository, in a home of its own so that no folder of yours shows in a picture
(About, the error dialog and Settings › Database show where the data and the log live) and
nothing of yours is read or written:

    mkdir /home/anna
    HOME=/home/anna xvfb-run -a -s "-screen 0 1440x900x24" python docs/screenshots/desktop.py
    rm -r /home/anna

The sample office's database is made in that home's data folder (it must not hold one yet) and
removed at the end; the settings are a file in a temporary folder, and starting at login is set
up in another. The agenda is the one of 25 November 2026, the sample office's "today".

Under xvfb there is no system tray, so the tray's menu is taken on its own, drawn twice as large
(it is small beside the windows); the tray icon is the app's icon with no count drawn on it (the
count is in its tooltip), so it has no picture of its own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
LANGUAGES = ("en", "zh_CN")
TODAY = dt.date(2026, 11, 25)
# What is typed in the command palette: a few letters, as a user would.
PALETTE_QUERY = {"en": "new", "zh_CN": "新建"}


from shooting import fresh_home_folders, sample_office, settle  # noqa: E402

fresh_home_folders()
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QPoint  # noqa: E402
from PySide6.QtGui import QPixmap  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from crm.services.autostart import Autostart  # noqa: E402
from crm.services.bundle import Services  # noqa: E402
from crm.ui.language import LanguageManager  # noqa: E402
from crm.ui.operations import Operations  # noqa: E402
from crm.ui.settings import Settings  # noqa: E402


def save(widget: QWidget, name: str, *, scale: int = 1) -> None:
    """The widget as on screen; `scale` times as large (drawn so, not blown up) for a small one."""
    settle()
    path = OUT / name
    picture = QPixmap(widget.size() * scale)
    picture.setDevicePixelRatio(scale)
    widget.render(picture)
    if not picture.save(str(path)):
        raise SystemExit(f"{path} could not be written")
    print(path.relative_to(ROOT))


def close(widget: QWidget) -> None:
    widget.close()
    widget.deleteLater()
    settle(20)


class Session:
    """The sample office, open in the app's own window and dialogs, in one language."""

    def __init__(
        self, services: Services, settings: Settings, language: LanguageManager, scratch: Path
    ) -> None:
        self.services = services
        self.settings = settings
        self.language = language
        self.scratch = scratch
        self.operations = Operations(inline=True)

    @property
    def code(self) -> str:
        return self.language.language

    def settings_dialog(self) -> None:
        from crm.ui.dialogs.settings_dialog import (
            DATABASE,
            GENERAL,
            OFFICE,
            REMINDERS,
            SettingsDialog,
        )

        autostart = Autostart(
            platform="linux",
            home=self.scratch,
            command=["liaison", "--minimized"],
            environ={"XDG_CONFIG_HOME": str(self.scratch / "config")},
        )
        # A tag watched for keeping in touch, on the picture only: on the agenda its people
        # would crowd out everything else.
        self.services.reminders.set_tag_interval("VIP", 60)
        dialog = SettingsDialog(
            self.settings, self.services, self.operations, self.language, autostart=autostart
        )
        dialog.show()
        settle()
        # One size for every tab, wide enough for the database's whole path on its field.
        hint = dialog.sizeHint()
        dialog.resize(max(hint.width(), 600), hint.height())
        for tab, name in (
            (GENERAL, "general"),
            (REMINDERS, "reminders"),
            (OFFICE, "office"),
            (DATABASE, "database"),
        ):
            dialog.tabs.setCurrentIndex(tab)
            save(dialog, f"settings_{name}_{self.code}.png")
        close(dialog)
        self.services.reminders.set_tag_interval("VIP", None)

    def tray_menu(self) -> None:
        from crm.ui.tray import Tray

        tray = Tray(language=self.code)
        tray.menu.popup(QPoint(200, 200))
        save(tray.menu, f"tray_menu_{self.code}.png", scale=2)
        tray.menu.hide()
        tray.hide()
        tray.deleteLater()
        settle(20)

    def unexpected_error(self) -> None:
        from crm.logs import log_path
        from crm.ui.error_dialog import UnexpectedErrorDialog, format_error

        try:
            {}["partnership"]  # noqa: B018 - a fault of ours, for its traceback
        except KeyError as error:
            details = format_error((KeyError, error, error.__traceback__))
        dialog = UnexpectedErrorDialog(details, log_file=log_path())
        dialog.show()
        settle()
        dialog.adjustSize()
        save(dialog, f"unexpected_error_{self.code}.png")
        close(dialog)

    def main_window(self) -> QWidget:
        from crm.ui.main_window import MainWindow

        window = MainWindow(
            self.services, self.operations, self.language, self.settings, today=lambda: TODAY
        )
        window.resize(1280, 800)
        window.show()
        settle()
        window.today_page.refresh()
        return window

    def command_palette(self) -> None:
        window = self.main_window()
        window.show_page(1)  # type: ignore[attr-defined]  # Contacts: its commands join in
        settle()
        window.show_palette()  # type: ignore[attr-defined]
        palette = window.command_palette  # type: ignore[attr-defined]
        palette.search.setText(PALETTE_QUERY[self.code])
        save(window, f"command_palette_{self.code}.png")
        close(window)

    def shortcuts(self) -> None:
        from crm.ui.command_palette import shortcut_text
        from crm.ui.dialogs.shortcuts_dialog import ShortcutsDialog

        window = self.main_window()
        keys = shortcut_text(window.palette_action)  # type: ignore[attr-defined]
        dialog = ShortcutsDialog(window.menuBar(), palette_keys=keys)  # type: ignore[attr-defined]
        dialog.show()
        save(dialog, f"shortcuts_{self.code}.png")
        close(dialog)
        close(window)

    def about(self) -> None:
        from crm.ui.dialogs.about_dialog import AboutDialog

        dialog = AboutDialog.over(self.services.db)
        dialog.show()
        save(dialog, f"about_{self.code}.png")
        close(dialog)


STEPS: dict[str, Callable[[Session], None]] = {
    "settings": Session.settings_dialog,
    "tray": Session.tray_menu,
    "error": Session.unexpected_error,
    "palette": Session.command_palette,
    "shortcuts": Session.shortcuts,
    "about": Session.about,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--only", choices=sorted(STEPS), action="append", help="these only")
    parser.add_argument("--lang", choices=LANGUAGES, action="append", help="this language only")
    args = parser.parse_args()
    with sample_office() as (services, settings, scratch):
        language = LanguageManager(settings)
        for code in args.lang or LANGUAGES:
            settings.language = code  # as chosen in Settings › General
            language.switch(code, remember=False)
            session = Session(services, settings, language, scratch)
            for name in args.only or STEPS:
                STEPS[name](session)
    return 0


if __name__ == "__main__":
    sys.exit(main())
