"""The migrations are found by their file names, so that opening a database that is current
needs no Alembic: the names must say what the files hold."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory

from crm.store.migrate import MIGRATIONS, head_revision, is_known_revision, known_revisions

ROOT = Path(__file__).resolve().parent.parent


def _declared(path: Path, name: str) -> str | None:
    found = re.search(rf'^{name}\s*(?::[^=]*)?=\s*"([^"]*)"', path.read_text(), re.MULTILINE)
    return found.group(1) if found else None


def test_each_file_holds_the_revision_its_name_says_revising_the_one_before() -> None:
    files = sorted(
        path
        for path in (MIGRATIONS / "versions").glob("*_*.py")
        if path.name.split("_", 1)[0].isdigit()
    )
    assert [path.name.split("_", 1)[0] for path in files] == known_revisions()
    previous = None
    for path in files:
        assert _declared(path, "revision") == path.name.split("_", 1)[0], path.name
        assert _declared(path, "down_revision") == previous, path.name
        previous = _declared(path, "revision")


def test_the_head_is_alembics() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert head_revision() == ScriptDirectory.from_config(config).get_current_head()
    assert is_known_revision(head_revision()) and not is_known_revision("9999")


def test_opening_a_current_database_does_not_import_alembic(tmp_path: Path) -> None:
    database = tmp_path / "liaison.sqlite3"
    code = (
        "import sys\n"
        "from crm.services.bundle import Services\n"
        f"Services.open({str(database)!r}).db.dispose()\n"  # created: Alembic runs
        "for name in [m for m in sys.modules if m == 'alembic' or m.startswith('alembic.')]:\n"
        "    del sys.modules[name]\n"
        f"Services.open({str(database)!r}).db.dispose()\n"  # current: no Alembic
        "print('alembic' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"
