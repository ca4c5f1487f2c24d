"""Exchange benchmark: importing and exporting contacts, and the handover package.

(a) Imports 10,000 vCards as address books write them (`_vcards.py`: macOS, Google,
    Thunderbird, an Android phone's 2.1 with quoted-printable Chinese names, Outlook 2.1,
    Liaison's own 4.0; folded lines, base64 photos) into an empty database through
    `ContactImporter.import_file`, the service `crm import` runs; then imports the same file
    again into the filled database (every card matches its contact: nothing created, nothing
    duplicated). Each run starts from a new database.
(b) Exports those contacts as `crm export contacts` does (listing, then the file) as vCard,
    CSV, Excel and JSON.
(c) Builds (or reuses) an office where one staff member owns 100 partnerships, 2,000 contacts
    and the 200,000 interactions about them (among 10,000 contacts and 400,000 interactions in
    all), and times `HandoverService.export` of that owner; then, if the handover import exists
    (`crm.services.handover_import`), imports the package into an empty database.

Reports the median of several runs (the machine is shared) against the targets: the import
under 3 s, the handover export under 15 s. Generated files stay in the system's temp folder.

    python benchmarks/exchange.py [--cards 10000] [--runs 5] [--handover-runs 3]
                                  [--db PATH] [--skip-handover] [--json]
    python benchmarks/exchange.py --profile SECONDS   (where the handover export's time goes)
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _synthetic import HAN, _complete, build_once, random_day
from _vcards import vcards

TARGETS_S = {"import": 3.0, "reimport": 3.0, "handover_export": 15.0}
OWNER = "Anna Berg"
TODAY = dt.date(2026, 11, 25)
FORMATS = ("vcf", "csv", "xlsx", "json")
TEMP = Path(tempfile.gettempdir())

# The handover office: the owner's share, and everyone else's.
OWNER_PARTNERSHIPS, OTHER_PARTNERSHIPS = 100, 400
PEOPLE_PER_PARTNERSHIP = 20
INTERACTIONS_EACH = 200_000  # the owner's, and the others' together


def timed(call: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[float, Any]:
    begun = time.perf_counter()
    result = call(*args, **kwargs)
    return time.perf_counter() - begun, result


def progress(what: str, took: float) -> None:
    """One line on stderr per run: the handover runs take minutes."""
    print(f"{what}: {took:.3f} s", file=sys.stderr, flush=True)


def seconds(samples: list[float]) -> dict[str, Any]:
    return {
        "median_s": round(statistics.median(samples), 3),
        "runs_s": [round(s, 3) for s in samples],
    }


# (a) and (b) ----------------------------------------------------------------------------------
def import_runs(cards: Path, count: int, runs: int, root: Path) -> tuple[dict[str, Any], Path]:
    """Import into a new database, then again; the last run's database is kept for exports."""
    from crm.services.importing import ContactImporter
    from crm.store.database import Database
    from crm.store.migrate import upgrade

    first, again = [], []
    path = root / "import-0.sqlite3"
    for run in range(runs):
        path = root / f"import-{run}.sqlite3"
        db = Database(path)
        upgrade(db)
        importer = ContactImporter(db)
        took, (report, _changes) = timed(importer.import_file, cards)
        problems = [(p.line, p.message.render()) for p in report.errors]
        if (report.created, report.updated, problems) != (count, 0, []):
            raise SystemExit(f"the import went wrong: {report.as_dict()}")
        first.append(took)
        progress(f"import run {run + 1}", took)
        took, (report, _changes) = timed(importer.import_file, cards)
        if (report.created, report.skipped + report.updated, report.errors) != (0, count, []):
            raise SystemExit(f"the second import went wrong: {report.as_dict()}")
        with db.engine.connect() as conn:
            contacts = conn.exec_driver_sql("SELECT count(*) FROM contact").scalar_one()
            indexed = conn.exec_driver_sql(
                "SELECT count(*) FROM contact_fts WHERE contact_fts MATCH 'person*'"
            ).scalar_one()
        if contacts != count or indexed != count:
            raise SystemExit(f"{contacts} contacts ({indexed} found by e-mail) for {count} cards")
        again.append(took)
        progress(f"second import run {run + 1}", took)
        db.dispose()
        if run < runs - 1:
            for leftover in root.glob(path.name + "*"):
                leftover.unlink()
    results = {
        "import": seconds(first),
        "reimport": seconds(again),
        "reimport_report": {"updated": report.updated, "skipped": report.skipped},
    }
    return results, path


def export_runs(path: Path, runs: int, root: Path) -> dict[str, Any]:
    """`crm export contacts` in each format: the listing (`as_dicts`), then the file."""
    from crm.services.contacts import ContactService
    from crm.services.exchange.vcard_writer import write_vcards
    from crm.services.exchange.writers import write_listing
    from crm.store.database import Database

    db = Database(path)
    service = ContactService(db)
    results: dict[str, Any] = {}
    for fmt in FORMATS:
        listing, total = [], []
        for _ in range(runs):
            begun = time.perf_counter()
            items = service.as_dicts(service.search("", include_archived=True))
            listed = time.perf_counter()
            out = root / f"contacts.{fmt}"
            if fmt == "vcf":
                write_vcards(out, items)
            else:
                write_listing(out, fmt, items, columns=list(items[0]), sheet="Contacts")
            listing.append(listed - begun)
            total.append(time.perf_counter() - begun)
        results[fmt] = {**seconds(total), "listing_median_s": round(statistics.median(listing), 3)}
    db.dispose()
    return results


# (c) ----------------------------------------------------------------------------------------
def build_handover(path: Path, seed: int = 21) -> None:
    """The office of the handover benchmark, written with Core inserts."""
    from crm.domain.names import display_pinyin
    from crm.domain.search import search_document, sort_key
    from crm.store.database import Database
    from crm.store.migrate import upgrade

    rng = random.Random(seed)
    started = time.perf_counter()
    db = Database(path)
    upgrade(db)
    now = dt.datetime.now(dt.UTC)
    tables: dict[str, list[dict[str, Any]]] = {}

    def add(table: str, **values: Any) -> str:
        tables.setdefault(table, []).append(values)
        return str(values.get("id", ""))

    def new() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    owner = add("staff", id=new(), name=OWNER, email="anna.berg@example.org")
    others = [add("staff", id=new(), name=f"Officer {i}", email="") for i in range(7)]
    partnerships: list[tuple[str, str, list[str]]] = []
    for index in range(OWNER_PARTNERSHIPS + OTHER_PARTNERSHIPS):
        staff = owner if index < OWNER_PARTNERSHIPS else rng.choice(others)
        place = add(
            "place",
            id=new(),
            name=f"City {index:03d}",
            name_zh="".join(rng.sample(HAN, 2)),
            country=rng.choice(["CN", "DE", "NO", "BE"]),
        )
        organisation = add(
            "organisation",
            id=new(),
            name=f"City {index:03d} Foreign Affairs Office",
            name_zh="外事办公室",
            kind="other",
            place_id=place,
        )
        people = []
        for number in range(PEOPLE_PER_PARTNERSHIP):
            chinese = rng.random() < 0.4
            family, given = ("", "") if chinese else (f"Family{index:03d}", f"Given{number}")
            name_zh = "".join(rng.sample(HAN, 3)) if chinese else ""
            lunar = chinese and rng.random() < 0.3
            year = rng.randint(1955, 1995)
            birthday = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            contact = add(
                "contact",
                id=new(),
                family_name=family,
                given_name=given,
                name_zh=name_zh,
                pinyin=display_pinyin(name_zh),
                honorific="Ms" if chinese else "Dr",
                position="Director",
                position_zh="主任",
                organisation_id=organisation,
                wechat=f"wx{rng.getrandbits(24)}" if chinese else "",
                language="zh_CN" if chinese else "en",
                birthday=birthday if rng.random() < 0.7 else "",
                birthday_calendar="lunar" if lunar else "gregorian",
                birthday_leap_month=False,
                owner_id=staff,
                status="active",
                notes="Met at the forum; prefers formal letters." if rng.random() < 0.3 else "",
                archived=False,
                sort_key=sort_key(family_name=family, given_name=given, name_zh=name_zh),
                search_text=search_document(family_name=family, given_name=given, name_zh=name_zh),
            )
            people.append(contact)
            for position in range(rng.randint(1, 2)):
                address = f"p{index}.{number}.{position}@example.org"
                add("contact_email", contact_id=contact, position=position, address=address)
            add("contact_phone", contact_id=contact, position=0, number="+86 551 6353 7102")
            add("contact_tag", contact_id=contact, tag=rng.choice(["VIP", "Greeting list"]))
        partnership = add(
            "partnership",
            id=new(),
            place_id=place,
            type="friendship_city",
            formalised_on=str(rng.randint(1980, 2020)),
            status="active",
            owner_id=staff,
            notes="Formalised after the port delegation.",
        )
        partnerships.append((partnership, staff, people))
        add("partnership_area", partnership_id=partnership, area="Culture")
        for champion in rng.sample(people, 3):
            add("partnership_champion", partnership_id=partnership, contact_id=champion)
        for _ in range(2):
            agreement = add(
                "agreement",
                id=new(),
                partnership_id=partnership,
                kind="mou",
                title="Memorandum of understanding",
                signed_on="2019-05-01",
                review_on=f"2027-0{rng.randint(1, 9)}-01",
            )
            add("agreement_signatory", agreement_id=agreement, contact_id=rng.choice(people))
        for _ in range(4):
            start = random_day(rng)
            delegation = add(
                "delegation",
                id=new(),
                partnership_id=partnership,
                direction=rng.choice(["incoming", "outgoing"]),
                title="Visit",
                start_on=start,
                end_on=start,
                status="done",
                leader_id=people[0],
            )
            for position, member in enumerate(rng.sample(people, 5)):
                add(
                    "delegation_member",
                    delegation_id=delegation,
                    contact_id=member,
                    role="",
                    position=position,
                )
        add(
            "follow_up",
            id=new(),
            partnership_id=partnership,
            description="Send the photos",
            due_on="2027-01-15",
            done_at=None,
        )
    _insert(db, tables, now)
    # Interactions: as many about the owner's partnerships as about all the others'.
    for share in (partnerships[:OWNER_PARTNERSHIPS], partnerships[OWNER_PARTNERSHIPS:]):
        rows: dict[str, list[dict[str, Any]]] = {}
        for _ in range(INTERACTIONS_EACH):
            partnership, staff, people = rng.choice(share)
            on = random_day(rng)
            interaction = new()
            rows.setdefault("interaction", []).append(
                {
                    "id": interaction,
                    "kind": rng.choice(["meeting", "call", "email", "wechat", "greeting"]),
                    "occurred_on": on,
                    "partnership_id": partnership if rng.random() < 0.8 else None,
                    "staff_id": staff,
                    "note": "Agreed next steps." if rng.random() < 0.3 else "",
                }
            )
            for contact in rng.sample(people, rng.randint(1, 3)):
                rows.setdefault("interaction_contact", []).append(
                    {"interaction_id": interaction, "contact_id": contact, "occurred_on": on}
                )
        _insert(db, rows, now)
    db.pragma("optimize")
    db.checkpoint()
    db.dispose()
    print(f"built {path} in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def _insert(db: Any, tables: dict[str, list[dict[str, Any]]], now: dt.datetime) -> None:
    """Rows into the migrated schema's tables, parents first, with Core executemany."""
    from sqlalchemy import MetaData, Table, insert
    from sqlalchemy.exc import SAWarning

    order = [
        "staff", "place", "organisation", "contact", "contact_email", "contact_phone",
        "contact_tag", "partnership", "partnership_area", "partnership_champion", "agreement",
        "agreement_signatory", "delegation", "delegation_member", "follow_up", "interaction",
        "interaction_contact",
    ]  # fmt: skip
    metadata = MetaData()
    with db.write() as session:
        session.connection().exec_driver_sql("PRAGMA cache_size = -1000000")
        for name in order:
            if name not in tables:
                continue
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", "Skipped unsupported reflection", SAWarning)
                table = Table(name, metadata, autoload_with=session.connection())
            rows = [_complete(table, values, now) for values in tables[name]]
            if "id" in table.c and table.c.id.type.python_type is int:
                for row in rows:  # the rowid, numbered by SQLite
                    del row["id"]
            for start in range(0, len(rows), 20_000):
                session.execute(insert(table), rows[start : start + 20_000])


def profile_handover(path: Path, root: Path, seconds_at_most: int) -> None:
    """Where the export's time goes: a stack sampled every 50 ms (cProfile would slow the
    dossier's loops down too much), the export stopped after `seconds_at_most`."""
    import collections
    import signal
    import threading
    import traceback

    from crm.services.handover import HandoverService
    from crm.store.database import Database

    db = Database(path)
    main_thread = threading.main_thread().ident
    seen: collections.Counter[str] = collections.Counter()
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            frame = sys._current_frames().get(main_thread or 0)
            if frame is None:
                continue
            where = {
                f"{Path(f.filename).name}:{f.lineno} {f.name}"
                for f in traceback.extract_stack(frame)
                if "/crm/" in f.filename.replace("\\", "/")
            }
            seen.update(where)
            seen["(all)"] += 1

    def stop(*_args: Any) -> None:
        raise TimeoutError

    threading.Thread(target=sample, daemon=True).start()
    signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds_at_most)
    begun = time.perf_counter()
    try:
        HandoverService(db).export(OWNER, root / "profiled.zip", today=TODAY)
        ended = "finished"
    except TimeoutError:
        ended = "stopped"
    finally:
        signal.alarm(0)
        done.set()
        db.dispose()
    total = seen.pop("(all)", 0) or 1
    print(f"handover export {ended} after {time.perf_counter() - begun:.1f} s; share of samples:")
    for where, count in seen.most_common(25):
        print(f"  {count / total:6.1%}  {where}")


def handover_runs(path: Path, runs: int, root: Path) -> dict[str, Any]:
    from crm.services.handover import HandoverService
    from crm.store.database import Database
    from crm.store.migrate import upgrade

    db = Database(path)
    upgrade(db)
    service = HandoverService(db)
    out = root / "handover.zip"
    samples, manifest = [], None
    for _ in range(runs):
        took, manifest = timed(service.export, OWNER, out, today=TODAY)
        samples.append(took)
        progress(f"handover export run {len(samples)}", took)
    db.dispose()
    assert manifest is not None
    counts = manifest.counts
    if counts["contacts.json"] != 2_000 or counts["interactions.json"] != INTERACTIONS_EACH:
        raise SystemExit(f"the handover selected {counts}, not the owner's share")
    results: dict[str, Any] = {
        "handover_export": seconds(samples),
        "handover_counts": counts,
        "handover_zip_mb": round(out.stat().st_size / 1e6, 1),
    }
    if importlib.util.find_spec("crm.services.handover_import") is None:
        results["handover_import"] = {"skipped": "crm.services.handover_import does not exist"}
        return results
    results["handover_import"] = handover_import_runs(out, runs, root)
    return results


def handover_import_runs(package: Path, runs: int, root: Path) -> dict[str, Any]:
    """The package into an empty database, as `crm handover import` does."""
    from crm.services.handover_import import HandoverImportService
    from crm.store.database import Database
    from crm.store.migrate import upgrade

    samples = []
    for run in range(runs):
        target = root / f"received-{run}"
        target.mkdir()
        db = Database(target / "liaison.sqlite3")
        upgrade(db)
        try:
            took, _report = timed(HandoverImportService(db).apply, package)
        except Exception as error:  # another engineer's work in progress: say what happened
            return {"failed": f"{type(error).__name__}: {error}"}
        finally:
            db.dispose()
        samples.append(took)
        progress(f"handover import run {run + 1}", took)
        shutil.rmtree(target)
    return seconds(samples)


# The report ---------------------------------------------------------------------------------
def verdict(name: str, figures: dict[str, Any]) -> str:
    target = TARGETS_S[name]
    meets = figures["median_s"] < target
    word = "meets" if meets else "MISSES"
    return (
        f"{name:16} median {figures['median_s']:7.3f} s  runs {figures['runs_s']}"
        f"  ({word} the target: median under {target:.0f} s)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5, help="runs of the imports and exports")
    parser.add_argument("--handover-runs", type=int, default=3)
    parser.add_argument("--db", type=Path, help="reuse or create the handover office here")
    parser.add_argument("--skip-handover", action="store_true")
    parser.add_argument(
        "--profile",
        type=int,
        metavar="SECONDS",
        help="only sample where the handover export spends its time, for at most SECONDS",
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    if args.profile:
        path = args.db or TEMP / "liaison-bench-exchange-handover.sqlite3"
        build_once(path, build_handover)
        with tempfile.TemporaryDirectory(prefix="liaison-bench-exchange-", dir=TEMP) as folder:
            profile_handover(path, Path(folder), args.profile)
        return 0
    results: dict[str, Any] = {"cards": args.cards, "targets_s": TARGETS_S}
    with tempfile.TemporaryDirectory(prefix="liaison-bench-exchange-", dir=TEMP) as folder:
        root = Path(folder)
        cards = root / "cards.vcf"
        cards.write_text(vcards(args.cards), encoding="utf-8", newline="")
        results["vcf_mb"] = round(cards.stat().st_size / 1e6, 1)
        figures, database = import_runs(cards, args.cards, args.runs, root)
        results.update(figures)
        results["export"] = export_runs(database, args.runs, root)
        if not args.skip_handover:
            path = args.db or TEMP / "liaison-bench-exchange-handover.sqlite3"
            build_once(path, build_handover)
            results.update(handover_runs(path, args.handover_runs, root))
    checked = [name for name in TARGETS_S if name in results]
    meets = all(results[name]["median_s"] < TARGETS_S[name] for name in checked)
    results["meets_targets"] = meets
    if args.json:
        print(json.dumps(results, indent=2))
        return 0 if meets else 1
    print(f"{args.cards:,} vCards ({results['vcf_mb']} MB)")
    for name in ("import", "reimport"):
        print(verdict(name, results[name]))
    print(f"{'':16} second import: {results['reimport_report']}, no contact duplicated")
    for fmt, figures in results["export"].items():
        print(
            f"export {fmt:9} median {figures['median_s']:7.3f} s  runs {figures['runs_s']}"
            f"  (of which the listing {figures['listing_median_s']:.3f} s; no target)"
        )
    if "handover_export" in results:
        print(verdict("handover_export", results["handover_export"]))
        counts = results["handover_counts"]
        print(
            f"{'':16} {counts['contacts.json']:,} contacts, "
            f"{counts['interactions.json']:,} interactions, {results['handover_zip_mb']} MB zip"
        )
        received = results["handover_import"]
        if "median_s" in received:
            print(
                f"handover_import  median {received['median_s']:7.3f} s  runs "
                f"{received['runs_s']}  (into an empty database; no target)"
            )
        else:
            print(f"handover_import  {next(iter(received.values()))}")
    return 0 if meets else 1


if __name__ == "__main__":
    sys.exit(main())
