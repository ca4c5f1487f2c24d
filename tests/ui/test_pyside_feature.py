"""PySide6's check of each imported module, made cheap (crm/ui/pyside_feature.py): the same
answer, without every module's source kept in memory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_IMPORTS = """
import linecache, sys
import PySide6.QtCore
from crm.ui.pyside_feature import lighten
{lighten}
import plain_module, qt_module
feature = sys.modules["shibokensupport.feature"]
print(feature.pyside_feature_dict.get("plain_module"), feature.pyside_feature_dict.get("qt_module"))
print(sorted(name for name in linecache.cache if name.endswith("_module.py")))
"""


def _run(tmp_path: Path, *, lightened: bool) -> list[str]:
    (tmp_path / "plain_module.py").write_text("VALUE = 1\n", encoding="utf-8")
    (tmp_path / "qt_module.py").write_text("from PySide6 import QtCore\n", encoding="utf-8")
    code = _IMPORTS.format(lighten="lighten()" if lightened else "")
    paths = [str(tmp_path), str(ROOT), os.environ.get("PYTHONPATH", "")]
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": os.pathsep.join(paths)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_the_cheap_check_answers_as_pysides_own_without_keeping_sources(tmp_path: Path) -> None:
    own = _run(tmp_path, lightened=False)
    cheap = _run(tmp_path, lightened=True)
    # A module that uses PySide6 may switch features (0); another is ignored (-1).
    assert own[0] == cheap[0] == "-1 0"
    assert own[1] != "[]"  # PySide6's own check kept both sources, line by line
    assert cheap[1] == "[]"  # the cheap one keeps nothing
