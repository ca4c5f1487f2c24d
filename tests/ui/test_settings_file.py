"""What one start of Liaison stores, the next one reads: every preference survives a restart.

Read back in a second process, as the next start reads it: within one process Qt serves a
settings file from its cache, which hides a key written one way and read back another.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from crm.ui.settings import Settings

ROOT = Path(__file__).resolve().parents[2]

READ_BACK = """
import json, sys
from pathlib import Path
from crm.ui.settings import Settings
settings = Settings(Path(sys.argv[1]))
print(json.dumps({name: getattr(settings, name) for name in sys.argv[2:]}))
"""


def _next_start_reads(path: Path, *names: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", READ_BACK, str(path), *names],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_the_general_preferences_survive_a_restart(tmp_path: Path) -> None:
    """Finishing the first-run wizard, starting in the tray, closing to the tray and having
    been told so are remembered: the wizard does not come back at the next start."""
    path = tmp_path / "Liaison.ini"
    settings = Settings(path)
    settings.first_run_done = True
    settings.start_minimized = True
    settings.close_to_tray = False
    settings.close_to_tray_explained = True
    settings.language = "zh_CN"
    settings.sync()
    names = ("first_run_done", "start_minimized", "close_to_tray", "close_to_tray_explained")
    assert _next_start_reads(path, *names, "language") == {
        "first_run_done": True,
        "start_minimized": True,
        "close_to_tray": False,
        "close_to_tray_explained": True,
        "language": "zh_CN",
    }


def test_the_defaults_hold_until_something_is_stored(tmp_path: Path) -> None:
    path = tmp_path / "Liaison.ini"
    Settings(path).sync()
    assert _next_start_reads(path, "first_run_done", "close_to_tray") == {
        "first_run_done": False,
        "close_to_tray": True,
    }
