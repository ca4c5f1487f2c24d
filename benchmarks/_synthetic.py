"""The synthetic office the benchmarks share.

5,000 partnerships, 100,000 contacts and 1,000,000 interactions (about 2,000,000
interaction–contact links), with agreements, delegations and their members, and follow-ups,
written with Core inserts. A benchmark that needs more (birthdays, dates to come) passes
`Extras`; they draw from their own random stream, so the shared rows stay the same whatever
is added.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import time
import uuid
import warnings
from collections.abc import Callable
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

# add(model, **values) -> id: queue one row for the Core insert.
Add = Callable[..., str]


class Extras:
    """What a benchmark adds to the shared office; the default adds nothing."""

    def contact(self, rng: random.Random) -> dict[str, Any]:
        """More column values for one contact."""
        return {}

    def partnership(self, rng: random.Random) -> dict[str, Any]:
        """More column values for one partnership."""
        return {}

    def rows(self, rng: random.Random, add: Add, *, partnership_id: str, people: list[str]) -> None:
        """More rows about one partnership and its people."""


def random_day(rng: random.Random, start: int = 2000) -> str:
    first = dt.date(start, 1, 1).toordinal()
    return dt.date.fromordinal(rng.randint(first, dt.date(2026, 6, 30).toordinal())).isoformat()


def random_partial(rng: random.Random) -> str:
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


def build(path: Path, seed: int = 4, *, extras: Extras | None = None) -> None:
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
    more = extras or Extras()
    more_rng = random.Random(f"{seed}-extras")
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
            values = {
                "family_name": family,
                "given_name": given,
                "position": "Director",
                "position_zh": "主任",
                "organisation_id": rng.choice(organisations),
                "language": "en",
                "birthday_calendar": "gregorian",
                "status": "active",
                "sort_key": sort_key(family_name=family, given_name=given, name_zh=""),
            }
            people.append(add(Contact, **{**values, **more.contact(more_rng)}))
        contacts_of.append(people)
    partnerships = []
    for place, people in zip(places, contacts_of, strict=True):
        values = {
            "place_id": place,
            "type": rng.choice(TYPES),
            "formalised_on": random_partial(rng),
            "status": "active",
            "owner_id": rng.choice(staff),
        }
        pid = add(Partnership, **{**values, **more.partnership(more_rng)})
        partnerships.append(pid)
        for area in rng.sample(AREAS, 2):
            add(PartnershipArea, partnership_id=pid, area=area)
        for champion in rng.sample(people, 3):
            add(PartnershipChampion, partnership_id=pid, contact_id=champion)
        for _ in range(2):
            agreement = add(
                Agreement,
                partnership_id=pid,
                kind="mou",
                title="MoU",
                signed_on=random_partial(rng),
            )
            add(AgreementSignatory, agreement_id=agreement, contact_id=rng.choice(people))
        for _ in range(4):
            start = random_day(rng)
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
                due_on=random_day(rng),
                done_at=done,
            )
        more.rows(more_rng, add, partnership_id=pid, people=people)
    _insert(db, tables, now)
    tables.clear()
    # Interactions: four in five about a partnership, each with one to three of its people.
    for _batch in range(INTERACTIONS // BATCH):
        batch: dict[str, list[dict[str, Any]]] = {}
        for _ in range(BATCH):
            index = rng.randrange(PARTNERSHIPS)
            on = random_day(rng)
            interaction = str(uuid.uuid4())
            values = {
                "id": interaction,
                "kind": rng.choice(KINDS),
                "occurred_on": on,
                "partnership_id": partnerships[index] if rng.random() < 0.8 else None,
            }
            batch.setdefault("interaction", []).append(values)
            for contact in rng.sample(contacts_of[index], rng.randint(1, 3)):
                batch.setdefault("interaction_contact", []).append(
                    {"interaction_id": interaction, "contact_id": contact, "occurred_on": on}
                )
        _insert(db, batch, now)
    db.pragma("optimize")
    db.checkpoint()
    db.dispose()
    print(f"built {path} in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def build_once(path: Path, build_it: Callable[[Path], None]) -> None:
    """Build the database at `path` unless it is there; no half-built file is left behind."""
    if path.exists():
        return
    try:
        build_it(path)
    except BaseException:
        for leftover in path.parent.glob(path.name + "*"):
            leftover.unlink()
        raise


def _insert(db: Any, tables: dict[str, list[dict[str, Any]]], now: dt.datetime) -> None:
    from sqlalchemy import MetaData, Table, insert
    from sqlalchemy.exc import SAWarning

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
            # The migrated schema, not the models, says which columns are NOT NULL (the
            # indexes on expressions, which SQLAlchemy cannot reflect from SQLite, do not matter).
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", "Skipped unsupported reflection", SAWarning)
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
