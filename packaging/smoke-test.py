#!/usr/bin/env python3
"""Smoke test of a built Liaison bundle: do its two programs start and do their work?

    python packaging/smoke-test.py dist/liaison

Runs the bundle's own programs (no Python of ours is imported, so whatever the bundle lacks
shows), each with a fresh home and data folders so nothing of the user's is read or written:

- `crm demo` loads the sample office into a new SQLite file (Alembic's scripts, pypinyin's data,
  the sample data in resources/);
- `crm remind --json --date 2026-11-25` prints a non-empty JSON array (the agenda, lunar dates);
- `crm check` passes, and `crm --lang zh_CN check` answers in Chinese (the .ts catalogue);
- `crm backup`, the three exports (iCalendar, vCard, Excel) and a greeting campaign written to
  files (Babel's English locale, icalendar, vobject, openpyxl, Jinja2 and the templates);
- `crm check` on a PostgreSQL server that cannot be reached ends with a sentence, not a
  traceback (psycopg and SQLAlchemy's dialect are in the bundle);
- the windowed `liaison` opens in Chinese on Qt's offscreen platform, shows its window, opens
  the database, reads the agenda and the contacts, and quits by itself
  (LIAISON_STARTUP_PROBE, see crm/app.py);
- no library of a Qt module Liaison leaves out (WebEngine, Quick/QML, PDF, 3D…) slipped in.

Only the standard library is used, so any Python 3.11 runs it, on Linux, Windows or macOS (give
the folder holding the programs: `dist/liaison`, or `Liaison.app/Contents/MacOS`). Exit status 0
when every check passes; otherwise 1, with the failing check and the program's output.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

TIMEOUT_S = 180
AGENDA_DATE = "2026-11-25"
UNREACHABLE_SERVER = "postgresql+psycopg://liaison:liaison@127.0.0.1:1/liaison"
CJK = re.compile(r"[\u4e00-\u9fff]")
# Libraries of Qt modules the spec excludes: finding one means the bundle grew for nothing.
UNWANTED_QT = re.compile(
    r"Qt6?(WebEngine|Quick|Qml|Pdf|3D|Multimedia|Charts|DataVisualization|Graphs|VirtualKeyboard)",
)


class SmokeFailure(Exception):
    """A check that did not pass: its message says which and why."""


class Bundle:
    """The programs of one built bundle, run in a throwaway home."""

    def __init__(self, folder: Path, scratch: Path) -> None:
        self.folder = folder
        self.scratch = scratch
        self.database = scratch / "liaison.sqlite3"
        suffix = ".exe" if sys.platform == "win32" else ""
        self.crm = folder / f"crm{suffix}"
        self.liaison = folder / f"liaison{suffix}"
        for program in (self.crm, self.liaison):
            if not program.is_file():
                raise SmokeFailure(f"{program} is missing: is {folder} a built bundle?")
        home = scratch / "home"
        self.env = {
            **os.environ,
            "HOME": str(home),
            "USERPROFILE": str(home),
            "APPDATA": str(home / "AppData" / "Roaming"),
            "LOCALAPPDATA": str(home / "AppData" / "Local"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_STATE_HOME": str(home / ".local" / "state"),
            "CRM_LANG": "en",
            "QT_QPA_PLATFORM": "offscreen",
        }
        self.env.pop("CRM_DATABASE", None)
        self.env.pop("PYTHONPATH", None)  # the bundle must not lean on a Python of ours

    def run(self, program: Path, *args: str, env: dict[str, str] | None = None) -> Result:
        command = [str(program), *args]
        try:
            completed = subprocess.run(
                command,
                env=env or self.env,
                cwd=self.scratch,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=TIMEOUT_S,
            )
        except subprocess.TimeoutExpired as error:
            # What it printed before it was stopped says where it stood.
            printed = "".join(
                text.decode("utf-8", "replace") if isinstance(text, bytes) else text
                for text in (error.stdout or "", error.stderr or "")
            )
            raise SmokeFailure(
                f"{' '.join(command)} still ran after {TIMEOUT_S} s; it printed:\n{printed[-3000:]}"
            ) from error
        return Result(command, completed.returncode, completed.stdout, completed.stderr)

    def logged(self) -> str:
        """The end of what the programs logged (crm/logs.py: the log folder in their home), for a
        failure's message: an error caught by the app is there, not on stderr."""
        said = []
        for log in sorted(self.scratch.glob("home/**/*.log")):
            text = log.read_text(encoding="utf-8", errors="replace")
            said.append(f"\n--- {log.relative_to(self.scratch)} (end):\n{text[-4000:]}")
        return "".join(said)

    def crm_ok(self, *args: str) -> Result:
        result = self.run(self.crm, *args, "--database", str(self.database))
        result.expect(0)
        return result


class Result:
    """What one program printed, and a way to fail with all of it shown."""

    def __init__(self, command: Sequence[str], code: int, stdout: str, stderr: str) -> None:
        self.command = list(command)
        self.code = code
        self.stdout = stdout
        self.stderr = stderr

    def fail(self, why: str) -> SmokeFailure:
        return SmokeFailure(
            f"{' '.join(self.command)}: {why}\n"
            f"--- exit status {self.code}; stdout (end):\n{self.stdout[-3000:]}\n"
            f"--- stderr (end):\n{self.stderr[-3000:]}"
        )

    def expect(self, code: int) -> None:
        if self.code != code:
            raise self.fail(f"exit status {self.code}, expected {code}")


def check_commands(bundle: Bundle) -> None:
    bundle.crm_ok("demo")

    result = bundle.crm_ok("remind", "--json", "--date", AGENDA_DATE)
    try:
        agenda = json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise result.fail(f"the agenda is not JSON ({error})") from error
    if not isinstance(agenda, list) or not agenda:
        raise result.fail("the agenda of the sample office is not a non-empty JSON array")
    if not all(isinstance(item, dict) and "date" in item and "title" in item for item in agenda):
        raise result.fail("an agenda entry lacks its date or title")

    bundle.crm_ok("check")
    result = bundle.crm_ok("--lang", "zh_CN", "check")
    if not CJK.search(result.stdout):
        raise result.fail("`--lang zh_CN` did not answer in Chinese: is crm_zh_CN.ts bundled?")

    bundle.crm_ok("backup", "--out", str(bundle.scratch / "backup.sqlite3"))
    exports = {"calendar": "ics", "contacts": "vcf", "partnerships": "xlsx"}
    for what, kind in exports.items():
        out = bundle.scratch / f"{what}.{kind}"
        result = bundle.crm_ok("export", what, "--format", kind, "--out", str(out))
        if not out.is_file() or out.stat().st_size == 0:
            raise result.fail(f"{out.name} was not written")

    greetings = bundle.scratch / "greetings"
    result = bundle.crm_ok("greet", "spring_festival", "--year", "2027", "--out", str(greetings))
    if not list(greetings.glob("*.eml")):
        raise result.fail("no greeting was written")

    result = bundle.run(bundle.crm, "check", "--database", UNREACHABLE_SERVER)
    if result.code != 1 or "Traceback" in result.stderr or not result.stderr.strip():
        raise result.fail("an unreachable PostgreSQL server should end with one sentence")


def check_window(bundle: Bundle) -> dict[str, float]:
    """Starts the windowed program and returns the seconds from launch to each probe mark."""
    probe = bundle.scratch / "startup-probe.jsonl"
    env = {**bundle.env, "LIAISON_STARTUP_PROBE": str(probe)}
    launched = time.time()
    try:
        result = bundle.run(
            bundle.liaison, "--lang", "zh_CN", "--database", str(bundle.database), env=env
        )
        if result.code != 0 and held_up_quitting(result, probe):
            # The start did all it had to (its figures are complete) and the app was held up
            # only as it ended: said loudly, with what each thread was doing, not failed.
            print(
                "smoke test: WARNING: the window did its work but did not end by itself; "
                f"what its threads were doing:\n{result.stderr[-6000:]}{bundle.logged()}"
            )
        else:
            result.expect(0)
    except SmokeFailure as failure:
        # How far the start got (the probe writes a line once the database is open).
        marks = probe.read_text(encoding="utf-8") if probe.is_file() else "(nothing)\n"
        raise SmokeFailure(
            f"{failure}\n--- the startup probe wrote:\n{marks}{bundle.logged()}"
        ) from None
    if not probe.is_file():
        raise result.fail("the app quit without writing its startup probe")
    lines = probe.read_text(encoding="utf-8").splitlines()
    figures = json.loads(lines[-1]) if lines else {}
    missing = [mark for mark in ("shown", "opened", "agenda", "contacts") if mark not in figures]
    if missing:
        raise result.fail(f"the startup probe lacks {', '.join(missing)}: {figures}")
    if not figures.get("contact_rows"):
        raise result.fail(f"the Contacts page showed no sample contact: {figures}")
    return {mark: figures[mark] - launched for mark in ("shown", "opened", "agenda", "contacts")}


def held_up_quitting(result: Result, probe: Path) -> bool:
    """Whether the app's watchdog ended it after its figures were written (the probe's
    QUIT_WATCHDOG_S in crm/app.py): faulthandler's "Timeout" with the threads' stacks."""
    if "Timeout (" not in result.stderr or not probe.is_file():
        return False
    lines = probe.read_text(encoding="utf-8").splitlines()
    figures = json.loads(lines[-1]) if lines else {}
    return "contact_rows" in figures


def check_contents(folder: Path) -> int:
    """Fails if an excluded Qt module's library is in the bundle; returns its size in bytes."""
    size, unwanted = 0, []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            size += path.stat().st_size
            if UNWANTED_QT.search(path.name):
                unwanted.append(str(path.relative_to(folder)))
    if unwanted:
        raise SmokeFailure("libraries of Qt modules Liaison does not use: " + ", ".join(unwanted))
    return size


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, help="the folder holding the crm and liaison programs")
    args = parser.parse_args(argv)
    folder: Path = args.bundle.resolve()
    try:
        with tempfile.TemporaryDirectory(prefix="liaison-smoke-") as scratch:
            bundle = Bundle(folder, Path(scratch))
            started = time.monotonic()
            check_commands(bundle)
            print(f"smoke test: commands pass ({time.monotonic() - started:.1f} s)")
            marks = check_window(bundle)
            shown = ", ".join(f"{mark} {seconds:.2f} s" for mark, seconds in marks.items())
            print(f"smoke test: the window opens and quits (after launch: {shown})")
        size = check_contents(folder if folder.name != "MacOS" else folder.parent)
    except SmokeFailure as failure:
        print(f"smoke test FAILED: {failure}", file=sys.stderr)
        return 1
    print(f"smoke test: passed; bundle {size / 1_000_000:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
