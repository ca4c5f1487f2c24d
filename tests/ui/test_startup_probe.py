"""A measured start (LIAISON_STARTUP_PROBE, used by the benchmarks and the bundle's smoke test)
never waits for an answer nobody will give: a dialog ends it at once, and says which."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def test_a_dialog_in_a_measured_start_ends_it_and_is_named(tmp_path: Path, crm_env) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    not_ours = tmp_path / "notes.sqlite3"
    not_ours.write_bytes(b"these are my notes, not a database\n" * 200)
    probe = tmp_path / "probe.jsonl"
    env = crm_env(home, LIAISON_STARTUP_PROBE=str(probe), XDG_RUNTIME_DIR=str(tmp_path / "run"))
    (tmp_path / "run").mkdir(mode=0o700)

    result = subprocess.run(
        [sys.executable, "-m", "crm", "--database", str(not_ours)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 3, result.stderr[-3000:]
    assert "a dialog appeared" in result.stderr
    figures = json.loads(probe.read_text(encoding="utf-8").splitlines()[-1])
    assert figures["dialog"]  # what the dialog said, for whoever reads the failure
    assert not_ours.read_bytes().startswith(b"these are my notes")  # and the file is untouched


def _measured_start(
    code: str,
    tmp_path: Path,
    crm_env: Callable[..., dict[str, str]],
    run_crm: Callable[..., subprocess.CompletedProcess[str]],
) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    """`code` (which plants a fault, then runs `crm`) as a measured start over the sample
    office: what the process printed, and the last figures the probe wrote."""
    home = tmp_path / "home"
    database = tmp_path / "office.sqlite3"
    assert run_crm("demo", database=database, home=home).returncode == 0
    probe = tmp_path / "probe.jsonl"
    env = crm_env(home, LIAISON_STARTUP_PROBE=str(probe), XDG_RUNTIME_DIR=str(tmp_path / "run"))
    (tmp_path / "run").mkdir(mode=0o700)
    result = subprocess.run(
        [sys.executable, "-c", code, "--database", str(database)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result, json.loads(probe.read_text(encoding="utf-8").splitlines()[-1])


# A fault of ours planted in the start, in a process of the test's own (the probe ends the
# process it measures).
_BROKEN_START = """
import sys
import crm.ui.main_window

def broken(self, services):
    raise RuntimeError("a fault planted by the test")

crm.ui.main_window.MainWindow.open_services = broken
from crm.cli import main
sys.exit(main())
"""


def test_an_error_in_a_measured_start_ends_it_with_its_traceback(  # type: ignore[no-untyped-def]
    tmp_path: Path, crm_env, run_crm
) -> None:
    result, figures = _measured_start(_BROKEN_START, tmp_path, crm_env, run_crm)

    # Not a dialog left waiting for a reader: the status, and the traceback for whoever
    # measured the start.
    assert result.returncode == 4, result.stderr[-3000:]
    assert "a fault planted by the test" in result.stderr
    assert "open_services" in result.stderr  # where it happened
    assert figures["error"] == "RuntimeError: a fault planted by the test"
    assert "shown" in figures and "contacts" not in figures


# The figures written, then the app held up as it ends (the watchdog shortened for the test).
_STUCK_QUITTING = """
import sys
import time
import crm.app
import crm.ui.main_window

def stuck(self, event):
    time.sleep(600)

crm.app.StartupProbe.QUIT_WATCHDOG_S = 2
crm.ui.main_window.MainWindow.closeEvent = stuck
from crm.cli import main
sys.exit(main())
"""


def test_an_app_held_up_as_it_ends_is_ended_with_what_held_it(  # type: ignore[no-untyped-def]
    tmp_path: Path, crm_env, run_crm
) -> None:
    result, figures = _measured_start(_STUCK_QUITTING, tmp_path, crm_env, run_crm)

    assert result.returncode != 0
    assert "Timeout (0:00:02)!" in result.stderr  # faulthandler's stacks, for whoever measured
    assert "in stuck" in result.stderr  # the frame that held it
    assert figures["contact_rows"] > 0  # the figures were written before
