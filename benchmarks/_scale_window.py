"""The scale benchmark's start-up figures: the real app launched in a fresh process.

Each launch runs `python -m crm --database DB` with LIAISON_STARTUP_PROBE set (see
`crm.app.StartupProbe`): the app writes the wall-clock times at which its window was shown,
the database was open and the pages built, the agenda was read and the Contacts page showed
its first rows, and its memory then; and quits. The time is counted from just before the
process is started, so it includes the interpreter's own start. Every launch has its own
home, data and settings folders: the user's are never touched.

"Cold" is the first launch after the kernel's page cache is dropped (which needs root);
"warm" the median of the launches after it. A bare PySide6 window, launched the same way,
is measured beside them: what any Qt app costs on this machine at this moment.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PROBED = ("shown", "opened", "agenda", "contacts")
TIMEOUT_S = 300
# Between launches: the last one's exit (its files closed, a server's session ended) is not
# the next one's start.
SETTLE_S = 1.0

BARE_WINDOW = """
import json, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not hasattr(self, "shown"):
            self.shown = time.time()
            QTimer.singleShot(0, app.quit)
        return False

app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("bare")
window.menuBar().addMenu("&File")
window.resize(1280, 800)
probe = FirstPaint()
window.installEventFilter(probe)
window.show()
app.exec()
with open(sys.argv[1], "a", encoding="utf-8") as handle:
    handle.write(json.dumps({"shown": probe.shown}) + "\\n")
"""


def drop_page_cache() -> bool:
    """Empty the kernel's page cache, so the next launch reads every file from the disk;
    False where that is not permitted (not root, a container's read-only /proc/sys)."""
    try:
        os.sync()
        with open("/proc/sys/vm/drop_caches", "w", encoding="ascii") as handle:
            handle.write("3\n")
    except OSError:
        return False
    return True


# Compiled modules are kept here between launches, as an installed app keeps them beside its
# sources: a launch that compiled every module (PYTHONDONTWRITEBYTECODE) would measure that.
PYCACHE = Path(tempfile.gettempdir()) / "liaison-bench-pycache"


def _environment(home: Path, probe: Path, platform: str) -> dict[str, str]:
    env = {
        **os.environ,
        "PYTHONPYCACHEPREFIX": str(PYCACHE),
        "HOME": str(home),
        "CRM_LANG": "en",
        "QT_QPA_PLATFORM": platform,
        "LIAISON_STARTUP_PROBE": str(probe),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    env.pop("CRM_DATABASE", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(home / name.lower())
    return env


def launch(command: list[str], *, platform: str) -> dict[str, Any]:
    """One launch: seconds from just before the process started to each probed moment, and
    the probe's memory figures."""
    time.sleep(SETTLE_S)
    with tempfile.TemporaryDirectory(prefix="liaison-bench-start-") as folder:
        home = Path(folder) / "home"
        home.mkdir()
        probe = Path(folder) / "probe.jsonl"
        env = _environment(home, probe, platform)
        started = time.time()
        done = subprocess.run(
            [sys.executable, *command],
            env=env,
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
        )
        lines = probe.read_text(encoding="utf-8").splitlines() if probe.exists() else []
        if done.returncode != 0 or not lines:
            raise RuntimeError(
                f"the launch failed ({done.returncode}): {done.stderr.strip()[-2000:]}"
            )
        found = json.loads(lines[-1])
    figures = {f"{name}_s": found[name] - started for name in PROBED if name in found}
    figures.update({k: found[k] for k in ("rss_mb", "max_rss_mb", "contact_rows") if k in found})
    return figures


def app_command(database: str) -> list[str]:
    return ["-m", "crm", "--database", database]


def bare_command(probe_placeholder: str = "probe.jsonl") -> list[str]:
    return ["-c", BARE_WINDOW, probe_placeholder]


def start_figures(database: str, *, launches: int, platform: str) -> dict[str, Any]:
    """Cold (or the first launch, where the cache cannot be dropped) and warm figures, after
    a launch that is not counted (it compiles what an installed app has compiled already)."""
    launch(app_command(database), platform=platform)
    cold = drop_page_cache()
    first = launch(app_command(database), platform=platform)
    warm = [launch(app_command(database), platform=platform) for _ in range(launches)]
    figures: dict[str, Any] = {"cold_measured": cold}
    for key, value in first.items():
        figures[f"{'cold' if cold else 'first'}_{key}"] = round(value, 3)
    for key in first:
        values = [w[key] for w in warm if key in w]
        if values:
            figures[f"warm_{key}"] = round(statistics.median(values), 3)
            figures[f"warm_{key}_all"] = [round(v, 3) for v in values]
    return figures


def bare_window_figures(*, launches: int, platform: str) -> dict[str, Any]:
    """A QMainWindow with a menu and nothing else, first paint to quit: the floor."""
    samples = []
    for _ in range(launches):
        # The probe file is relative to the launch's own folder (its working directory).
        samples.append(launch(bare_command(), platform=platform)["shown_s"])
    return {
        "bare_window_shown_s": round(statistics.median(samples), 3),
        "bare_window_shown_all": [round(s, 3) for s in samples],
    }
