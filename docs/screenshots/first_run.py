"""Takes the pictures of the first-run wizard: its Our office, Database and Reminders pages, in
English and in Chinese, written to docs/screenshots/first_run_PAGE_LANG.png.

Run it from the repository, in a home of its own so that no folder of yours shows in a picture
(the Database page shows where the data will live) and nothing of yours is read or written:

    mkdir /home/anna
    HOME=/home/anna xvfb-run -a -s "-screen 0 1440x900x24" python docs/screenshots/first_run.py
    rm -r /home/anna

Nothing is stored: the settings are a file in a temporary folder, starting at login is set up
in another, and the wizard is never finished.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
LANGUAGES = ("en", "zh_CN")
SIZE = (720, 480)


from shooting import fresh_home_folders, settle  # noqa: E402

fresh_home_folders()
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTime  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from crm.services.autostart import Autostart  # noqa: E402
from crm.ui.dialogs.first_run_wizard import FirstRunWizard  # noqa: E402
from crm.ui.language import LanguageManager  # noqa: E402
from crm.ui.operations import Operations  # noqa: E402
from crm.ui.settings import Settings  # noqa: E402


def save(widget: QWidget, name: str) -> None:
    settle()
    path = OUT / name
    if not widget.grab().save(str(path)):
        raise SystemExit(f"{path} could not be written")
    print(path.relative_to(ROOT))


def pictures(language: str, scratch: Path, operations: Operations) -> None:
    settings = Settings(scratch / f"settings_{language}.ini")
    languages = LanguageManager(settings)
    languages.switch("en", remember=False)
    autostart = Autostart(home=scratch, environ={"XDG_CONFIG_HOME": str(scratch / "config")})
    wizard = FirstRunWizard(settings, operations, languages, autostart=autostart)
    wizard.resize(*SIZE)
    wizard.show()
    settle()
    # Chosen on the first page, as a user does: the rest of the wizard follows at once.
    wizard.language_combo.setCurrentIndex(wizard.language_combo.findData(language))
    settle()
    wizard.next()
    wizard.city_edit.setText("Aalborg")
    wizard.city_zh_edit.setText("奥尔堡")
    wizard.country_combo.choose("DK")
    wizard.my_name_edit.setText("Anna Jensen")
    wizard.office_page.completeChanged.emit()
    save(wizard, f"first_run_office_{language}.png")
    wizard.next()
    assert wizard.database is not None
    wizard.database.test_connection()  # what Liaison will do with the file: create it
    operations.wait()
    settle()
    save(wizard, f"first_run_database_{language}.png")
    wizard.next()
    wizard.time_edit.setTime(QTime(8, 30))
    save(wizard, f"first_run_reminders_{language}.png")
    wizard.reject()
    languages.switch("en", remember=False)


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Liaison")
    operations = Operations()
    with tempfile.TemporaryDirectory() as scratch:
        for language in LANGUAGES:
            pictures(language, Path(scratch), operations)


if __name__ == "__main__":
    main()
