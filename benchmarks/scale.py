"""Scale benchmark: the office of 100,000 contacts on SQLite and on PostgreSQL, side by side.

    python benchmarks/scale.py [--runs 50] [--launches 5] [--json]
                               [--postgresql URL | --skip-postgresql]
                               [--skip-window] [--skip-services] [--platform offscreen]

One run:
  1. gets the SQLite office (`_scale_data.py`: the agenda benchmark's 5,000 partnerships,
     100,000 contacts with birthdays and 1,000,000 interactions, the contacts named as the search
     benchmark names them), built once and kept in the temporary folder;
  2. copies it into the PostgreSQL database `liaison_bench_scale` (schema by the app's
     migrations, every table by COPY, sequences reset, VACUUM ANALYZE), kept between runs and
     made again when missing or older than the SQLite file; says how long the copy took;
  3. on each database: the search figures (every keystroke of queries in Latin letters, 汉字,
     pinyin, spaced pinyin and initials: the query alone, and to the Contacts table repainted),
     the agenda (30 days and a year, warm, and the first call cold), the relationship history
     (a partnership's detail, a contact's and a partnership's timeline, the last contact: with
     the database read through into the system's cache first, as `history.py` measured it on
     the database it had just built; and, for information, the first details after dropping
     the page cache), and a backup (SQLite: the online copy; PostgreSQL: the JSON export,
     and for reference every row read with COPY and thrown away, the least any export pays);
  4. on each database: the real app started in a fresh process (`_scale_window.py`, through
     the app's LIAISON_STARTUP_PROBE): seconds from just before the process starts to the
     window shown, to the database open and the pages built, to the Contacts page showing its
     first rows and to the agenda on show; and the memory resident then. A first launch is not
     counted (it compiles the modules, which an installed app has compiled); cold is the next
     one after dropping the page cache (as root; otherwise the first launch, so labelled);
     warm is the median of `--launches` more. A bare PySide6 window (a menu bar, nothing else)
     is launched the same way, for reference: what any Qt app costs here and now.

Prints one table: a SQLite and a PostgreSQL column, medians and 95th percentiles, the targets
beside them (those of search.py, agenda.py and history.py, and for the start: window shown
under 0.4 s warm and 1.0 s cold, under 150 MB resident with the Contacts page open, a backup
under 1 s). `--json` prints the figures as one JSON document instead. The machine is shared
and has 2 cores: figures are medians, and a run is worth repeating before trusting a miss.
`--runs` sets the timed calls per figure (a fifth of it the queries typed per kind, at most 3
backups); the PostgreSQL server is CRM_BENCH_POSTGRESQL, else the local test server; under a
real X server, or as `xvfb-run -a python benchmarks/scale.py --platform xcb`, the launches
paint to it. A run with the defaults takes 8 to 9 minutes (1.5 more when PostgreSQL's copy is
made again; the first ever run builds the SQLite office, which takes minutes more).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _scale_data import postgresql_database, sqlite_database, trigram_index_note  # noqa: E402
from _scale_timings import (  # noqa: E402
    TARGETS,
    agenda_figures,
    backup_figures,
    history_figures,
    search_figures,
)
from _scale_window import bare_window_figures, start_figures  # noqa: E402
from search import queries  # noqa: E402

DEFAULT_POSTGRESQL = "postgresql+psycopg://liaison:liaison@127.0.0.1/postgres"
START_TARGETS = {"warm_shown_s": 0.4, "cold_shown_s": 1.0, "first_shown_s": 1.0}
RSS_TARGET_MB = 150


def service_figures(database: str, kinds: dict[str, list[str]], runs: int) -> dict[str, Any]:
    from crm.services.bundle import Services

    services = Services.open(database)
    try:
        figures: dict[str, Any] = {"contacts": services.contacts.count()}
        figures |= search_figures(services, kinds)
        figures |= agenda_figures(services.db, runs)
        figures |= history_figures(services.db, runs)
        figures |= backup_figures(services.db, max(1, min(3, runs)))
    finally:
        services.db.dispose()
    return figures


def _cell(figures: dict[str, Any] | None, key: str) -> str:
    if figures is None or key not in figures:
        return f"{'—':>9} {'':9}"
    value = figures[key]
    if isinstance(value, dict):
        return f"{value['median_ms']:9.1f} {value['p95_ms']:9.1f}"
    if isinstance(value, float) and key.endswith("_s"):
        return f"{value * 1000:9.0f} {'':9}"
    if isinstance(value, float):
        return f"{value:9.1f} {'':9}"
    return f"{value!s:>9} {'':9}"


def print_table(results: dict[str, Any]) -> None:
    sqlite, postgresql = results.get("sqlite"), results.get("postgresql")
    rows: list[tuple[str, str, str]] = []
    kinds = [k for k in (sqlite or {}) if k.startswith("search_query_")]
    rows.append(("search: query, every keystroke (ms)", "search_query", "search_query"))
    rows += [(f"  {k.removeprefix('search_query_')}", k, "search_query") for k in kinds]
    rows.append(("search: keystroke to repaint (ms)", "search_repaint", "search_repaint"))
    for span in (30, 365):
        rows.append((f"agenda {span} days, warm (ms)", f"agenda_{span}", f"agenda_{span}"))
        rows.append((f"agenda {span} days, first call (ms)", f"agenda_{span}_cold_ms", ""))
    for name in ("partnership_detail", "contact_timeline", "partnership_timeline"):
        rows.append((f"{name.replace('_', ' ')} (ms)", name, name))
    rows.append(("partnership detail, cache just dropped (ms)", "partnership_detail_cold", ""))
    rows.append(("last contact (ms)", "contact_last_contact", "contact_last_contact"))
    rows.append(("partnership list, all (ms)", "partnership_list", ""))
    rows.append(("backup (ms)", "backup", "backup"))
    rows.append(("backup size (MB)", "backup_mb", ""))
    rows.append(("  every row read with COPY, nothing else (ms)", "backup_floor", ""))
    for when in ("cold", "first", "warm"):
        rows.append((f"start, {when}: window shown (ms)", f"{when}_shown_s", f"{when}_shown_s"))
        rows.append((f"start, {when}: database open, pages built (ms)", f"{when}_opened_s", ""))
        rows.append((f"start, {when}: contacts page with rows (ms)", f"{when}_contacts_s", ""))
        rows.append((f"start, {when}: agenda on show (ms)", f"{when}_agenda_s", ""))
        rows.append((f"start, {when}: resident, contacts page open (MB)", f"{when}_rss_mb", "rss"))
    header = f"{'':48} {'SQLite':^19} {'PostgreSQL':^19}  target"
    print(header)
    print(f"{'':48} {'median':>9} {'p95':>9} {'median':>9} {'p95':>9}")
    for label, key, target in rows:
        if not any(f is not None and key in f for f in (sqlite, postgresql)):
            continue
        aim = ""
        if target in TARGETS:
            aim = TARGETS[target][1]
        elif target in START_TARGETS:
            aim = f"under {START_TARGETS[target] * 1000:.0f} ms"
        elif target == "rss":
            aim = f"under {RSS_TARGET_MB} MB"
        print(f"{label:48} {_cell(sqlite, key)} {_cell(postgresql, key)}  {aim}")
    bare = results.get("bare")
    if bare:
        print(
            f"a bare PySide6 window, shown (ms, median): {bare['bare_window_shown_s'] * 1000:.0f}"
        )
    for name, figures in (("SQLite", sqlite), ("PostgreSQL", postgresql)):
        if figures and "warmed_by" in figures:
            print(f"{name}: history measured warm ({figures['warmed_by']}).")
    for note in results["notes"]:
        print(note)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=50, help="timed calls per figure")
    parser.add_argument("--launches", type=int, default=5, help="warm launches of the app")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--postgresql",
        default=os.environ.get("CRM_BENCH_POSTGRESQL", DEFAULT_POSTGRESQL),
        metavar="URL",
        help="a PostgreSQL server's URL, as a role that may create databases",
    )
    parser.add_argument("--skip-postgresql", action="store_true")
    parser.add_argument("--skip-window", action="store_true", help="no launches of the app")
    parser.add_argument("--skip-services", action="store_true", help="launches of the app only")
    parser.add_argument(
        "--platform", default=os.environ["QT_QPA_PLATFORM"], help="Qt platform of the launches"
    )
    args = parser.parse_args()
    begun = time.perf_counter()
    results: dict[str, Any] = {"notes": [], "targets": TARGETS | {"start": START_TARGETS}}
    path = sqlite_database()
    databases: dict[str, str] = {"sqlite": str(path)}
    if not args.skip_postgresql:
        url, seconds = postgresql_database(args.postgresql, path)
        databases["postgresql"] = url
        results["postgresql_copy_s"] = None if seconds is None else round(seconds, 1)
        results["notes"].append(
            "PostgreSQL: the copy of an earlier run, still current."
            if seconds is None
            else f"PostgreSQL: copied from the SQLite file in {seconds:.0f} s."
        )
        results["notes"].append(trigram_index_note(url))
    kinds = queries(path, per_kind=max(3, args.runs // 5))
    for name, database in databases.items():
        figures: dict[str, Any] = {}
        if not args.skip_window:
            figures |= start_figures(database, launches=args.launches, platform=args.platform)
            if not figures["cold_measured"]:
                note = "Cold start not measurable here (the page cache cannot be dropped): first launch shown."
                if note not in results["notes"]:
                    results["notes"].append(note)
        if not args.skip_services:
            figures |= service_figures(database, kinds, args.runs)
        results[name] = figures
    if not args.skip_window:
        results["bare"] = bare_window_figures(launches=args.launches, platform=args.platform)
    results["duration_s"] = round(time.perf_counter() - begun, 1)
    results["notes"].append(f"The whole run took {results['duration_s']:.0f} s.")
    if args.json:
        print(json.dumps(results, indent=2, default=str))
    else:
        print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
