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
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

PARTNERSHIPS = 5_000
CONTACTS = 100_000
INTERACTIONS = 1_000_000
BATCH = 20_000

HAN = "安北长成大东福广海合河华湖济江金京兰临龙宁平青泉山上深沈苏台太天武西厦新徐阳扬宜永张州珠"
COUNTRIES = ["CN", "CN", "CN", "DE", "NO", "BE", "NL", "DK", "SE", "PL", "FR", "FI"]
KINDS = ["meeting", "call", "email", "wechat", "greeting", "gift", "visit", "other"]
TYPES = ["sister_city", "friendship_city", "twinning", "friendly_exchange", "port_partnership"]
AREAS = ["Culture", "Trade", "Education", "Ports", "Environment", "Health", "Tourism", "Youth"]


def _day(rng: random.Random, start: int = 2000) -> str:
    first = dt.date(start, 1, 1).toordinal()
    return dt.date.fromordinal(rng.randint(first, dt.date(2026, 6, 30).toordinal())).isoformat()


def _partial(rng: random.Random) -> str:
    year, month, day = rng.randint(1979, 2024), rng.randint(1, 12), rng.randint(1, 28)
    return rng.choice([f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}"])


def _complete(table: Any, values: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
    """Every NOT NULL column a Core insert needs, with the model's neutral default."""
    row = dict(values)
    for column in table.c:
        if column.name in row or column.nullable:
            continue
        python_type = column.type.python_type
        if python_type is str:
            row[column.name] = ""
        elif python_type is bool:
            row[column.name] = False
        elif python_type is int:
            row[column.name] = 1 if column.name == "version" else 0
        elif python_type is dt.datetime:
            row[column.name] = now
    return row


def build(path: Path, seed: int = 4) -> None:
    from crm.domain.search import sort_key
    from crm.store.database import Database
    from crm.store.migrate import upgrade
    from crm.store.models import Contact, Organisation, Place, Staff
    from crm.store.partnership_models import (
        Agreement,
        AgreementSignatory,
        Delegation,
        DelegationMember,
        FollowUp,
        Partnership,
        PartnershipArea,
        PartnershipChampion,
    )

    rng = random.Random(seed)
    started = time.perf_counter()
    db = Database(path)
    upgrade(db)
    now = dt.datetime.now(dt.UTC)
    tables: dict[str, list[dict[str, Any]]] = {}

    def add(model: Any, **values: Any) -> str:
        table = model.__table__
        if "id" in table.c:
            values.setdefault("id", str(uuid.uuid4()))
        tables.setdefault(table.name, []).append(values)
        return str(values.get("id", ""))

    staff = [add(Staff, name=f"Officer {i}") for i in range(8)]
    places, contacts_of = [], []
    for i in range(PARTNERSHIPS):
        name_zh = "".join(rng.choice(HAN) for _ in range(2))
        place = add(Place, name=f"City {i:04d}", name_zh=name_zh, country=rng.choice(COUNTRIES))
        places.append(place)
        organisations = [
            add(Organisation, name=f"City {i:04d} {kind}", kind="other", place_id=place)
            for kind in ("Foreign Affairs Office", "Port")
        ]
        people = []
        for j in range(CONTACTS // PARTNERSHIPS):
            family, given = f"Family{rng.randint(0, 9999):04d}", f"Given{j}"
            people.append(
                add(
                    Contact,
                    family_name=family,
                    given_name=given,
                    position="Director",
                    position_zh="主任",
                    organisation_id=rng.choice(organisations),
                    language="en",
                    birthday_calendar="gregorian",
                    status="active",
                    sort_key=sort_key(family_name=family, given_name=given, name_zh=""),
                )
            )
        contacts_of.append(people)
    partnerships = []
    for place, people in zip(places, contacts_of, strict=True):
        pid = add(
            Partnership,
            place_id=place,
            type=rng.choice(TYPES),
            formalised_on=_partial(rng),
            status="active",
            owner_id=rng.choice(staff),
        )
        partnerships.append(pid)
        for area in rng.sample(AREAS, 2):
            add(PartnershipArea, partnership_id=pid, area=area)
        for champion in rng.sample(people, 3):
            add(PartnershipChampion, partnership_id=pid, contact_id=champion)
        for _ in range(2):
            agreement = add(
                Agreement, partnership_id=pid, kind="mou", title="MoU", signed_on=_partial(rng)
            )
            add(AgreementSignatory, agreement_id=agreement, contact_id=rng.choice(people))
        for _ in range(4):
            start = _day(rng)
            delegation = add(
                Delegation,
                partnership_id=pid,
                direction=rng.choice(["incoming", "outgoing"]),
                title="Visit",
                start_on=start,
                end_on=start,
                status="done",
                leader_id=people[0],
            )
            for position, member in enumerate(rng.sample(people, 5)):
                add(
                    DelegationMember, delegation_id=delegation, contact_id=member, position=position
                )
        for done in (None, now):
            add(
                FollowUp,
                partnership_id=pid,
                description="Send photos",
                due_on=_day(rng),
                done_at=done,
            )
    _insert(db, tables, now)
    tables.clear()
    # Interactions: four in five about a partnership, each with one to three of its people.
    for _batch in range(INTERACTIONS // BATCH):
        batch: dict[str, list[dict[str, Any]]] = {}
        for _ in range(BATCH):
            index = rng.randrange(PARTNERSHIPS)
            day = _day(rng)
            interaction = str(uuid.uuid4())
            values = {
                "id": interaction,
                "kind": rng.choice(KINDS),
                "occurred_on": day,
                "partnership_id": partnerships[index] if rng.random() < 0.8 else None,
            }
            batch.setdefault("interaction", []).append(values)
            for contact in rng.sample(contacts_of[index], rng.randint(1, 3)):
                batch.setdefault("interaction_contact", []).append(
                    {"interaction_id": interaction, "contact_id": contact, "occurred_on": day}
                )
        _insert(db, batch, now)
    db.pragma("optimize")
    db.checkpoint()
    db.dispose()
    print(f"built {path} in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def _insert(db: Any, tables: dict[str, list[dict[str, Any]]], now: dt.datetime) -> None:
    from sqlalchemy import MetaData, Table, insert

    metadata = MetaData()
    # Parents before children, as the foreign keys want.
    order = [
        "staff", "place", "organisation", "contact", "partnership", "partnership_area",
        "partnership_champion", "agreement", "agreement_signatory", "delegation",
        "delegation_member", "follow_up", "interaction", "interaction_contact",
    ]  # fmt: skip
    with db.write() as session:
        # Random UUID keys touch pages all over each index: keep them in memory while building.
        session.connection().exec_driver_sql("PRAGMA cache_size = -1000000")
        for name in order:
            # The migrated schema, not the models, says which columns are NOT NULL.
            table = Table(name, metadata, autoload_with=session.connection())
            rows = [_complete(table, values, now) for values in tables.get(name, [])]
            for start in range(0, len(rows), BATCH):
                session.execute(insert(table), rows[start : start + BATCH])


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 2),
        "worst_ms": round(ordered[-1] * 1000, 2),
    }


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
    if not path.exists():
        try:
            build(path)
        except BaseException:
            for leftover in path.parent.glob(path.name + "*"):
                leftover.unlink()
            raise

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
