"""Takes the user guide's pictures: the real window and dialogs over the sample office, in English
and in Chinese, written to docs/guide/images/NAME_LANG.png; then the guide window itself, to
docs/screenshots/guide_LANG.png. The pages, the contact editor and the visit are also the
README's (and the AppStream metainfo's) pictures: they are copied to docs/screenshots under the
names those use (README_COPIES).

Run it from the repository, in a home of its own so that no folder of yours shows in a picture
(the Database page shows where the data lives) and nothing of yours is read or written:

    mkdir /home/anna
    HOME=/home/anna xvfb-run -a -s "-screen 0 1440x900x24" python docs/guide/make_screenshots.py
    rm -r /home/anna

The sample office's database is made in that home's data folder (it must not hold one yet) and
removed at the end. The agenda is the one of 25 November 2026, the sample office's "today".
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "guide"
LANGUAGES = ("en", "zh_CN")
TODAY = dt.date(2026, 11, 25)
HEFEI = "58693463-6097-50b6-894f-73754ca4446e"  # the sister-city partnership, Anna's
CHENGDU_VISIT = "591df26d-6cf3-5ee0-88cf-12e9ffe6fe29"  # incoming, 7–9 December 2026
WANG_FANG = "2e4895f6-70de-4cf3-a2a7-72723bcf4ad8"  # 王芳, who writes Chinese
LEAVING = "Louise Dahl Nielsen"


sys.path.insert(0, str(ROOT / "docs" / "screenshots"))
from shooting import fresh_home_folders, sample_office, settle  # noqa: E402

fresh_home_folders()
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QWidget  # noqa: E402

from crm.services.bundle import Services  # noqa: E402
from crm.ui.language import LanguageManager  # noqa: E402
from crm.ui.operations import Operations  # noqa: E402
from crm.ui.settings import Settings  # noqa: E402

# Guide pictures that the README and the metainfo show too, by the names they use there.
README_COPIES = {
    "today": "today",
    "contacts": "contacts",
    "partnerships": "partnerships",
    "contact_editor": "editor",
    "visit": "delegation",
}


def save(widget: QWidget, path: Path) -> None:
    settle()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(path)):
        raise SystemExit(f"{path} could not be written")
    print(path.relative_to(ROOT))
    for language in LANGUAGES:
        name = path.stem.removesuffix(f"_{language}")
        if path.parent == GUIDE / "images" and name != path.stem and name in README_COPIES:
            copy = ROOT / "docs" / "screenshots" / f"{README_COPIES[name]}_{language}.png"
            shutil.copyfile(path, copy)
            print(copy.relative_to(ROOT))


@contextmanager
def shown(widget: QWidget, width: int, height: int) -> Iterator[QWidget]:
    widget.resize(width, height)
    widget.show()
    settle()
    try:
        yield widget
    finally:
        widget.close()
        widget.deleteLater()
        settle(20)


class Session:
    """The sample office, open in the app's own window and dialogs, in one language."""

    def __init__(self, services: Services, settings: Settings, language: LanguageManager) -> None:
        self.services = services
        self.settings = settings
        self.language = language
        self.operations = Operations(inline=True)

    def picture(self, name: str) -> Path:
        return GUIDE / "images" / f"{name}_{self.language.language}.png"

    def main_window(self) -> QWidget:
        from crm.ui.main_window import MainWindow

        return MainWindow(
            self.services, self.operations, self.language, self.settings, today=lambda: TODAY
        )

    def pages(self) -> None:
        window = self.main_window()
        with shown(window, 1200, 540):
            today = window.today_page  # type: ignore[attr-defined]
            today.refresh()
            settle()
            rows = today.rows()
            if rows:
                today.tree.setCurrentItem(rows[min(3, len(rows) - 1)][0])
            save(window, self.picture("today"))

            window.resize(1200, 640)
            window.show_page(1)  # type: ignore[attr-defined]
            contacts = window.contacts_page  # type: ignore[attr-defined]
            contacts.table.selectRow(2)
            save(window, self.picture("contacts"))

            window.show_page(2)  # type: ignore[attr-defined]
            partnerships = window.partnerships_page  # type: ignore[attr-defined]
            window.resize(1440, 860)  # the partnership's detail needs the room
            settle()
            partnerships.select(HEFEI)
            save(window, self.picture("partnerships"))

    def contact_editor(self) -> None:
        from crm.ui.dialogs.contact_editor import ContactEditor

        editor = ContactEditor(self.services, self.operations, contact_id=WANG_FANG)
        with shown(editor, 860, 640):
            save(editor, self.picture("contact_editor"))

    def visit(self) -> None:
        from crm.ui.dialogs.delegation_editor import DelegationEditor

        editor = DelegationEditor(self.services, self.operations, delegation_id=CHENGDU_VISIT)
        editor.tabs.setCurrentIndex(1)  # the members, each with their role
        with shown(editor, 1000, 480):
            save(editor, self.picture("visit"))

    def greetings(self) -> None:
        from crm.ui.dialogs.greeting_wizard import GreetingWizard

        wizard = GreetingWizard(self.services, self.operations, self.settings, self.language)
        with shown(wizard, 640, 330):
            wizard.occasion_combo.setCurrentIndex(wizard.occasion_combo.findData("spring_festival"))
            wizard.year_spin.setValue(2027)
            wizard.tag_combo.setCurrentIndex(wizard.tag_combo.findData("greeting list"))
            settle()
            save(wizard, self.picture("greetings_choose"))
            wizard.resize(1100, 640)
            wizard.next_button.click()
            settle()
            wizard.table.selectRow(wizard.model.row_of(WANG_FANG))
            save(wizard, self.picture("greetings"))

    def handover(self) -> None:
        from crm.ui.dialogs.handover_wizard import HandoverWizard

        wizard = HandoverWizard(self.services, self.operations, mode="export", staff_name=LEAVING)
        with shown(wizard, 780, 400):
            save(wizard, self.picture("handover"))

    def settings_dialog(self, scratch: Path) -> None:
        from crm.services.autostart import Autostart
        from crm.ui.dialogs.settings_dialog import SettingsDialog

        autostart = Autostart(
            platform="linux",
            home=scratch,
            command=["liaison", "--minimized"],
            environ={"XDG_CONFIG_HOME": str(scratch / "config")},
        )
        # A tag watched for keeping in touch, on the picture only: on the agenda its people
        # would crowd out everything else.
        self.services.reminders.set_tag_interval("VIP", 60)
        for tab, name in ((1, "settings"), (4, "backups")):
            dialog = SettingsDialog(
                self.settings, self.services, self.operations, self.language, autostart=autostart
            )
            dialog.tabs.setCurrentIndex(tab)
            with shown(dialog, 10, 10):
                dialog.adjustSize()
                save(dialog, self.picture(name))
        self.services.reminders.set_tag_interval("VIP", None)

    def restore(self) -> None:
        from crm.ui.dialogs.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self.services.restore, self.operations)
        with shown(dialog, 720, 340):
            save(dialog, self.picture("restore"))

    def guide(self) -> None:
        from crm.ui.help_window import HelpWindow

        window = HelpWindow(self.language.language, settings=self.settings)
        with shown(window, 1100, 760):
            window.open_page("greetings.md")
            settle()
            save(window, ROOT / "docs" / "screenshots" / f"guide_{self.language.language}.png")


STEPS: dict[str, Callable[[Session, Path], None]] = {
    "pages": lambda s, _d: s.pages(),
    "contact_editor": lambda s, _d: s.contact_editor(),
    "visit": lambda s, _d: s.visit(),
    "greetings": lambda s, _d: s.greetings(),
    "handover": lambda s, _d: s.handover(),
    "settings": lambda s, d: s.settings_dialog(d),
    "restore": lambda s, _d: s.restore(),
    "guide": lambda s, _d: s.guide(),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=sorted(STEPS), action="append", help="these only")
    parser.add_argument("--lang", choices=LANGUAGES, action="append", help="this language only")
    args = parser.parse_args()
    with sample_office() as (services, settings, scratch):
        language = LanguageManager(settings)
        for code in args.lang or LANGUAGES:
            language.switch(code, remember=False)
            session = Session(services, settings, language)
            for name in args.only or STEPS:
                STEPS[name](session, scratch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
