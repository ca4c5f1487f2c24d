"""Start-up benchmark (issue 9): from the process started to the main window shown.

    python benchmarks/startup.py [--runs 7] [--json FILE]
                                 [--venv PATH] [--wheel FILE] [--skip-installed]
                                 [--bundle PATH | --skip-bundle]
                                 [--database empty] [--database 100k]
                                 [--xvfb | --platform NAME]

Measures Liaison as a user gets it, never the source tree:

- the installed package: a wheel built from this repository (`pip wheel . --no-deps`, or the
  one `--wheel` names), installed with its dependencies into a fresh virtual environment (pip
  takes them from its cache where it can; `--venv PATH` keeps the environment there, to reuse
  it next time: the wheel is reinstalled into it), started by its `crm` console script;
- the bundle: `packaging/build-linux.sh` builds it (a minute or two; with the Python running
  this script, which needs PyInstaller: `pip install -e ".[test]"`), or `--bundle PATH` names
  one built already (the folder holding `liaison`); `--skip-bundle` leaves it out;

each on an empty database and on the 100,000-contact office of `benchmarks/scale.py` (built
once by `_scale_data.py` and kept in the temporary folder; the first build takes minutes), and
each warm and cold. One launch is `crm --database DB` (the bundle: `liaison --database DB`)
with LIAISON_STARTUP_PROBE set: the app notes when its window is shown, its database open and
its pages built ("opened") and the Contacts page has its first rows ("contacts"), then quits.
Times are counted from just before the process is started, so they include the interpreter's
own start. Each launch has its own temporary home and XDG folders (data, config, cache, state,
runtime) holding a settings file as a returning user has it (English, the first-run questions
answered, no automatic backup): the user's own settings and data are never read or touched,
and a Liaison already running on the same database is not handed the start.

Warm: a first launch is discarded, then `--runs` launches are timed. Cold: before each of
`--runs` launches the page cache is dropped (`/proc/sys/vm/drop_caches`, which needs root
outside a container) or, where that is refused, every file of the virtual environment or
bundle, of the Python standard library, of what the discarded launch mapped (Qt's libraries,
fonts) and the database is evicted from it with posix_fadvise; the output says which, and how
much of those files stayed in memory (what a running program has mapped stays either way).
`--fadvise` evicts file by file even where the whole cache could be dropped: kinder to others
on a shared machine, whose caches stay. On a virtual machine the host may still cache the
disk: cold here is colder than warm, not a cold boot.

Prints a table: per package, database and start, the median, fastest and slowest of the time
to the window shown, the target beside the median (installed package: under 0.4 s warm and
1.0 s cold; bundle: under 1.5 s) and PASS or "over", then the medians to "opened" and
"contacts" and the memory resident; and, to judge them by, a bare PySide6 window (a menu bar,
nothing else) launched the same way from the same environment: what any Qt window costs on
this machine at this moment. `--json FILE` writes every figure and each run's too.
Launches are offscreen (QT_QPA_PLATFORM=offscreen) unless `--platform xcb` (the current X
display) or `--xvfb` (the whole benchmark rerun under `xvfb-run`, painting to a real X
server). The machine may be shared: the load average before and after is printed; repeat a run
before trusting a miss. With the defaults a run takes about 10 minutes, building included.
"""

from __future__ import annotations

import argparse
import json
import os
import platform as system
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _scale_window import BARE_WINDOW
from _startup_common import (
    Eviction,
    Launch,
    database_files,
    files_under,
    launch,
    make_cold,
    python_files,
    settings_template,
)

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("installed", "bundle")
DATABASES = ("empty", "100k")
STARTS = ("warm", "cold")
TARGETS_S = {
    ("installed", "warm"): 0.4,
    ("installed", "cold"): 1.0,
    ("bundle", "warm"): 1.5,
    ("bundle", "cold"): 1.5,
}
FIGURES = ("shown", "opened", "contacts")
XVFB_SCREEN = "-screen 0 1440x900x24"
RERUN_UNDER_XVFB = "LIAISON_BENCH_UNDER_XVFB"


@dataclass
class Package:
    """A way to start Liaison, and the files it starts from (for a cold start)."""

    name: str
    command: list[str]
    files: list[Path]
    describe: str
    mapped: set[Path] = field(default_factory=set)
    python: Path | None = None  # the interpreter, for the bare window beside it


def _run(command: list[str], what: str, **options: Any) -> None:
    done = subprocess.run(command, capture_output=True, text=True, **options)
    if done.returncode != 0:
        output = (done.stdout + done.stderr).strip()[-3000:]
        raise SystemExit(f"{what} failed ({done.returncode}):\n{output}")


def installed_package(work: Path, *, venv: Path | None, wheel: Path | None) -> Package:
    """The wheel in a virtual environment with its dependencies, started by `crm`."""
    if wheel is None:
        wheels = work / "wheel"
        print("building the wheel…", file=sys.stderr)
        _run(
            [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(wheels)],
            "building the wheel (pip wheel . --no-deps)",
        )
        wheel = next(wheels.glob("liaison_crm-*.whl"))
    venv = venv or work / "venv"
    python = venv / "bin" / "python"
    if not python.exists():
        print(f"making the virtual environment {venv}…", file=sys.stderr)
        _run([sys.executable, "-m", "venv", str(venv)], "making the virtual environment")
    print(f"installing {wheel.name} and its dependencies…", file=sys.stderr)
    pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    _run([*pip, "--force-reinstall", "--no-deps", str(wheel)], "installing the wheel")
    _run([*pip, str(wheel)], "installing the wheel's dependencies")
    crm = venv / "bin" / "crm"
    files = files_under([venv]) + python_files()
    kept = " (removed after the run)" if venv.is_relative_to(work) else ""
    describe = f"{wheel.name} in {venv}{kept}"
    return Package("installed", [str(crm)], files, describe, python=python)


def bundle_package(work: Path, *, bundle: Path | None) -> Package:
    """The PyInstaller bundle, built by packaging/build-linux.sh unless given."""
    if bundle is None:
        print("building the bundle (packaging/build-linux.sh, a minute or two)…", file=sys.stderr)
        dist = work / "dist"
        _run(
            [
                "bash",
                str(ROOT / "packaging" / "build-linux.sh"),
                "--dist",
                str(dist),
                "--work",
                str(work / "pyinstaller"),
                "--no-smoke",
            ],
            "building the bundle (packaging/build-linux.sh)",
            env={**os.environ, "PYTHON": sys.executable},
        )
        bundle = dist / "liaison"
    program = bundle / "liaison"
    if not program.is_file():
        raise SystemExit(f"there is no bundle at {bundle}: {program} is missing")
    built = " (built for this run; removed after it)" if bundle.is_relative_to(work) else ""
    return Package("bundle", [str(program)], files_under([bundle]), f"{bundle}{built}")


def _summary(values: list[float]) -> dict[str, Any]:
    return {
        "median": round(statistics.median(values), 3),
        "min": round(min(values), 3),
        "max": round(max(values), 3),
        "all": [round(v, 3) for v in values],
    }


def _figures(launches: list[Launch]) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for name in FIGURES:
        values = [one.seconds[name] for one in launches if name in one.seconds]
        if values:
            figures[name] = _summary(values)
    memory = [one.rss_mb for one in launches if one.rss_mb is not None]
    if memory:
        figures["rss_mb"] = round(statistics.median(memory), 1)
    rows = {one.contact_rows for one in launches}
    figures["contact_rows"] = rows.pop() if len(rows) == 1 else sorted(r or 0 for r in rows)
    return figures


def measure(
    package: Package,
    database: Path,
    *,
    runs: int,
    platform: str,
    settings: Path,
    label: str,
    whole_cache: bool,
) -> tuple[dict[str, Any], Eviction | None]:
    """Warm and cold launches of one package on one database."""
    command = [*package.command, "--database", str(database)]
    first = launch(command, platform=platform, settings=settings, watch_maps=True)
    package.mapped |= first.mapped
    results: dict[str, Any] = {}
    warm: list[Launch] = []
    for number in range(runs):
        warm.append(launch(command, platform=platform, settings=settings))
        _progress(label, "warm", number, runs, warm[-1])
    results["warm"] = _figures(warm)
    files = files_under([*package.files, *package.mapped, *database_files(database)])
    cold: list[Launch] = []
    measured: Eviction | None = None
    for number in range(runs):
        # How much stayed resident is measured once: it reads every file's page map.
        eviction = make_cold(files, measure=measured is None, whole=whole_cache)
        measured = measured or eviction
        cold.append(launch(command, platform=platform, settings=settings))
        _progress(label, "cold", number, runs, cold[-1])
    results["cold"] = _figures(cold)
    return results, measured


def bare_window(python: Path, *, runs: int, platform: str, settings: Path) -> dict[str, Any]:
    """A QMainWindow with a menu bar and nothing else, from the same interpreter, launched
    the same way (`_scale_window.BARE_WINDOW`): what any PySide6 window costs on this
    machine at this moment, to judge the app's figures by."""
    command = [str(python), "-c", BARE_WINDOW, "probe.jsonl"]  # the launch's own folder
    launch(command, platform=platform, settings=settings)
    shown = [launch(command, platform=platform, settings=settings) for _ in range(runs)]
    return _summary([one.seconds["shown"] for one in shown])


def _progress(label: str, start: str, number: int, runs: int, one: Launch) -> None:
    shown = one.seconds.get("shown")
    said = f"{shown:.3f} s" if shown is not None else "not shown"
    print(f"{label}, {start} {number + 1}/{runs}: window shown in {said}", file=sys.stderr)


def _cell(figure: dict[str, Any] | None, key: str = "median") -> str:
    return f"{figure[key]:7.3f}" if figure else f"{'—':>7}"


def print_table(report: dict[str, Any]) -> None:
    runs = report["runs"]
    print(
        f"Liaison start-up: seconds from just before the process starts ({runs} runs each;"
        f" Qt platform {report['platform']})"
    )
    print(
        f"{'package':10} {'database':9} {'start':6}"
        f" {'shown':>7} {'min':>7} {'max':>7}  {'target':>8} {'':5}"
        f" {'opened':>7} {'contacts':>8} {'RSS MB':>7}"
    )
    for package, databases in report["results"].items():
        for database, starts in databases.items():
            for start, figures in starts.items():
                shown = figures.get("shown")
                target = TARGETS_S[(package, start)]
                verdict = ""
                if shown:
                    verdict = "PASS" if shown["median"] < target else "over"
                rss = figures.get("rss_mb")
                print(
                    f"{package:10} {database:9} {start:6}"
                    f" {_cell(shown)} {_cell(shown, 'min')} {_cell(shown, 'max')}"
                    f"  {'< ' + format(target, '.1f') + ' s':>8} {verdict:5}"
                    f" {_cell(figures.get('opened'))} {_cell(figures.get('contacts')):>8}"
                    f" {rss if rss is not None else '—':>7}"
                )
    bare = report.get("bare_window_shown")
    if bare:
        print(
            f"A bare PySide6 window (a menu bar, nothing else) from the same environment, warm:"
            f" {bare['median']:.3f} s ({bare['min']:.3f}-{bare['max']:.3f})."
        )
    for note in report["notes"]:
        print(note)


def _rerun_under_xvfb() -> None:
    """The same command again, under xvfb-run, painting to its X server (never returns)."""
    argv = [a for a in sys.argv[1:] if a != "--xvfb"]
    os.environ[RERUN_UNDER_XVFB] = "1"
    here = str(Path(__file__).resolve())
    command = ["xvfb-run", "-a", "-s", XVFB_SCREEN, sys.executable, here, *argv]
    os.execvp("xvfb-run", [*command, "--platform", "xcb"])


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7, help="timed launches per figure")
    parser.add_argument("--json", metavar="FILE", help="write every figure to FILE as JSON")
    parser.add_argument("--venv", type=Path, help="install into (and keep) this environment")
    parser.add_argument("--wheel", type=Path, help="install this wheel rather than building one")
    parser.add_argument("--skip-installed", action="store_true")
    parser.add_argument("--bundle", type=Path, help="the folder of a bundle built already")
    parser.add_argument("--skip-bundle", action="store_true")
    parser.add_argument(
        "--database",
        action="append",
        choices=DATABASES,
        help="which databases (default: both); may be repeated",
    )
    parser.add_argument(
        "--fadvise",
        action="store_true",
        help="cold: evict the files one by one even where the whole page cache could be dropped",
    )
    parser.add_argument("--xvfb", action="store_true", help="launch under xvfb-run's X server")
    parser.add_argument("--platform", default="offscreen", help="Qt platform of the launches")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs takes a number from 1 up")
    if args.bundle is not None and args.skip_bundle:
        parser.error("--bundle and --skip-bundle contradict each other")
    if args.skip_installed and args.skip_bundle:
        parser.error("--skip-installed and --skip-bundle leave nothing to measure")
    if args.wheel is not None and not args.wheel.is_file():
        parser.error(f"there is no wheel {args.wheel}")
    return args


def measure_all(args: argparse.Namespace, work: Path, report: dict[str, Any]) -> None:
    """Every package on every database, warm and cold, into `report`."""
    settings = settings_template(work)
    packages: list[Package] = []
    if not args.skip_installed:
        packages.append(installed_package(work, venv=args.venv, wheel=args.wheel))
    if not args.skip_bundle:
        packages.append(bundle_package(work, bundle=args.bundle))
    databases: dict[str, Path] = {}
    for name in args.database or DATABASES:
        if name == "empty":
            databases[name] = work / "empty.sqlite3"  # made by the first launch
        else:
            from _scale_data import sqlite_database

            databases[name] = sqlite_database()
    for package in packages:
        if package.python is not None:
            print("timing a bare PySide6 window…", file=sys.stderr)
            report["bare_window_shown"] = bare_window(
                package.python, runs=args.runs, platform=args.platform, settings=settings
            )
        report["results"][package.name] = {}
        report["notes"].append(f"{package.name}: {package.describe}")
        for name, database in databases.items():
            figures, eviction = measure(
                package,
                database,
                runs=args.runs,
                platform=args.platform,
                settings=settings,
                label=f"{package.name}, {name}",
                whole_cache=not args.fadvise,
            )
            report["results"][package.name][name] = figures
            if eviction is not None:
                report["cold"].append(
                    {
                        "package": package.name,
                        "database": name,
                        "method": eviction.method,
                        "files": eviction.files,
                        "megabytes": round(eviction.megabytes),
                        "resident_after_mb": eviction.resident_mb,
                    }
                )


def main() -> int:
    args = parse_arguments()
    notes: list[str] = []
    if args.xvfb and not os.environ.get(RERUN_UNDER_XVFB):
        if shutil.which("xvfb-run"):
            _rerun_under_xvfb()
        notes.append("xvfb-run is not installed: the launches ran offscreen.")
    elif os.environ.get(RERUN_UNDER_XVFB):
        notes.append(f"Under xvfb-run ({XVFB_SCREEN}), painting to a real X server.")
    begun = time.perf_counter()
    load_before = os.getloadavg()
    report: dict[str, Any] = {
        "runs": args.runs,
        "platform": args.platform,
        "python": system.python_version(),
        "machine": f"{system.system()} {system.release()}, {os.cpu_count()} CPUs",
        "targets_s": {f"{p} {s}": t for (p, s), t in TARGETS_S.items()},
        "results": {},
        "cold": [],
        "notes": notes,
    }
    with tempfile.TemporaryDirectory(prefix="liaison-bench-startup-") as folder:
        measure_all(args, Path(folder), report)
    for cold in report["cold"]:
        resident = cold["resident_after_mb"]
        notes.append(
            f"cold, {cold['package']} on {cold['database']}: {cold['method']};"
            f" {cold['files']} files, {cold['megabytes']} MB,"
            f" {resident:.0f} MB of them still resident after"
        )
    load_after = os.getloadavg()
    report["load_average"] = {"before": load_before, "after": load_after}
    report["duration_s"] = round(time.perf_counter() - begun)
    notes.append(
        f"Load average (1, 5, 15 min) before {', '.join(f'{v:.2f}' for v in load_before)},"
        f" after {', '.join(f'{v:.2f}' for v in load_after)}; the run took"
        f" {report['duration_s']} s."
    )
    print_table(report)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
