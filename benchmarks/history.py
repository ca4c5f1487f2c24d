"""Relationship history benchmark (issue 4).

Builds (or reuses) a synthetic database of 5,000 partnerships, 100,000 contacts and 1,000,000
interactions (about 2,000,000 interaction–contact links), with agreements, delegations and their
members, and follow-ups, then times over ~200 runs each, for random partnerships and contacts:

  - `PartnershipService.detail(id)`: everything the detail view shows of one partnership;
  - `InteractionService.timeline_for_contact(id)`: the first page (50) of a contact's timeline;
  - `InteractionService.timeline_for_partnership(id)`: the same for a partnership;
  - `InteractionService.last_contact(id)`, and, for reference, the whole partnership list.

Reports median, 95th percentile and worst against the target: median under 10 ms.

    python benchmarks/history.py [--db PATH] [--runs 200] [--json] [--explain]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from _synthetic import build, build_once, summary


def timed(call: Callable[[str], Any], ids: Iterator[str], runs: int) -> dict[str, float]:
    samples = []
    for _ in range(runs):
        subject = next(ids)
        start = time.perf_counter()
        call(subject)
        samples.append(time.perf_counter() - start)
    return summary(samples)


def explain(path: Path, partnership_id: str, contact_id: str) -> None:
    """The plans of the timeline queries, as SQLite runs them."""
    from sqlalchemy import event

    from crm.store import interactions as q
    from crm.store.database import Database

    db = Database(path)
    captured: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        captured.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", capture)
    with db.session() as session:
        q.for_contact(session, contact_id, limit=50)
        q.for_partnership(session, partnership_id, limit=50)
    event.remove(db.engine, "before_cursor_execute", capture)
    raw = db.engine.raw_connection()
    try:
        for statement, parameters in captured:
            if statement.lstrip().upper().startswith("SELECT"):
                print("--", " ".join(statement.split())[:160], "…")
                for row in raw.cursor().execute(f"EXPLAIN QUERY PLAN {statement}", parameters):
                    print("   ", row[-1])
    finally:
        raw.close()
    db.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, help="reuse or create the synthetic database here")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--explain", action="store_true", help="print the timelines' query plans")
    args = parser.parse_args()
    path = args.db or Path(tempfile.gettempdir()) / "liaison-bench-history.sqlite3"
    build_once(path, build)

    from crm.services.interactions import InteractionService
    from crm.services.partnerships import PartnershipService
    from crm.store.database import Database
    from crm.store.migrate import upgrade

    db = Database(path)
    upgrade(db)
    partnerships, interactions = PartnershipService(db), InteractionService(db)
    with db.engine.connect() as conn:
        partnership_ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM partnership")]
        contact_ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM contact")]
        counts = {
            name: conn.exec_driver_sql(f"SELECT count(*) FROM {name}").scalar_one()
            for name in ("partnership", "contact", "interaction", "interaction_contact")
        }
    rng = random.Random(99)

    def pick(ids: list[str]) -> Iterator[str]:
        while True:
            yield rng.choice(ids)

    if args.explain:
        explain(path, partnership_ids[0], contact_ids[0])
    # Warm the caches (SQLAlchemy's compiled statements, SQLite's pages) as a running app has.
    for _ in range(20):
        partnerships.detail(rng.choice(partnership_ids))
        interactions.timeline_for_contact(rng.choice(contact_ids))
    results: dict[str, Any] = {"counts": counts, "timings": {}}
    timings = results["timings"]
    timings["partnership_detail"] = timed(partnerships.detail, pick(partnership_ids), args.runs)
    timings["contact_timeline"] = timed(
        interactions.timeline_for_contact, pick(contact_ids), args.runs
    )
    timings["partnership_timeline"] = timed(
        interactions.timeline_for_partnership, pick(partnership_ids), args.runs
    )
    timings["contact_last_contact"] = timed(interactions.last_contact, pick(contact_ids), args.runs)
    timings["partnership_list"] = timed(lambda _id: partnerships.rows(), pick(["all"]), 5)
    results["target_median_ms"] = 10
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(", ".join(f"{count:,} {name}" for name, count in counts.items()))
        for name, figures in timings.items():
            print(
                f"{name:22} n={figures['n']:4}  median {figures['median_ms']:7.2f} ms"
                f"  p95 {figures['p95_ms']:7.2f} ms  worst {figures['worst_ms']:7.2f} ms"
            )
        print("target: median under 10 ms (detail and timelines)")
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
