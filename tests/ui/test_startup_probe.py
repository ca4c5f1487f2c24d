"""A measured start (LIAISON_STARTUP_PROBE, used by the benchmarks and the bundle's smoke test)
never waits for an answer nobody will give: a dialog ends it at once, and says which."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
