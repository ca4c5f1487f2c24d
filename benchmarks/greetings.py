"""Greeting campaign benchmark (issue 6).

Builds a database of 5,000 recipients (two in five Chinese speakers, who get the bilingual
message; the others in English; every one with an e-mail address, an organisation in a partner
place, and the tag "greeting list"), then times `GreetingService.run` for the whole campaign:

- to .eml files in a fresh folder, several runs;
- to an SMTP server on loopback (aiosmtpd, in this process), fewer runs.

Each run is a campaign for another year, so every run greets all 5,000 anew (a run for a year
already done would only skip everyone). Every message is recorded as it leaves: one write
transaction per message, as in real use. Reports messages per second (median over the runs)
against the target: over 500 messages per second to files.

    python benchmarks/greetings.py [--recipients 5000] [--runs 5] [--smtp-runs 2] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import socket
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

TARGET_FILES_PER_S = 500.0
FAMILY_ZH = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN_ZH = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"
POSITIONS_ZH = ["处长", "主任", "副市长", "秘书长", "科长"]
FAMILY_EN = ["Berg", "Hansen", "Müller", "Janssens", "Ødegård", "Nowak", "Lévesque", "Smith"]
GIVEN_EN = ["Anna", "Lars", "Katrin", "Pieter", "Ingrid", "Tomasz", "Claire", "John"]


def build(path: Path, recipients: int, seed: int = 6) -> None:
    """The recipients, with Core inserts (SQLModel objects would take longer than the runs)."""
    from sqlalchemy import insert

    from crm.domain.search import search_document, sort_key
    from crm.store.database import Database
    from crm.store.migrate import upgrade
    from crm.store.models import (
        Contact,
        ContactEmail,
        ContactTag,
        Organisation,
        Place,
        Staff,
    )

    rng = random.Random(seed)
    db = Database(path)
    upgrade(db)
    now = dt.datetime.now(dt.UTC)
    staff_id = str(uuid.uuid4())
    places = [
        {"id": str(uuid.uuid4()), "name": f"City {i}", "name_zh": "", "country": c, "region": ""}
        for i, c in enumerate(["CN", "CN", "NO", "DE", "BE", "DK", "NL", "PL"])
    ]
    organisations = [
        {
            "id": str(uuid.uuid4()),
            "name": f"Foreign Affairs Office {p['name']}",
            "name_zh": "",
            "kind": "other",
            "place_id": p["id"],
            "website": "",
            "created_at": now,
        }
        for p in places
    ]
    contacts, emails, tags = [], [], []
    for i in range(recipients):
        chinese = rng.random() < 0.4
        if chinese:
            family, given = rng.choice(FAMILY_ZH), "".join(rng.sample(GIVEN_ZH, 2))
            name_zh, latin = family + given, ("", "")
            position_zh, language, honorific = rng.choice(POSITIONS_ZH), "zh_CN", "Ms"
        else:
            name_zh, latin = "", (rng.choice(FAMILY_EN), rng.choice(GIVEN_EN))
            position_zh, language, honorific = "", rng.choice(["en", "de", "nb", "nl"]), "Dr"
        contact_id = str(uuid.uuid4())
        names = {"family_name": latin[0], "given_name": latin[1], "name_zh": name_zh}
        contacts.append(
            {
                "id": contact_id,
                **names,
                "pinyin": "",
                "honorific": honorific,
                "position": "Director",
                "position_zh": position_zh,
                "organisation_id": rng.choice(organisations)["id"],
                "wechat": "",
                "language": language,
                "birthday": "",
                "birthday_calendar": "gregorian",
                "birthday_leap_month": False,
                "owner_id": staff_id,
                "status": "active",
                "notes": "",
                "archived": False,
                "sort_key": sort_key(**names),
                "search_text": search_document(**names),
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
        )
        emails.append({"contact_id": contact_id, "position": 0, "address": f"p{i}@example.org"})
        tags.append({"contact_id": contact_id, "tag": "greeting list"})
    with db.write() as session:
        session.execute(
            insert(Staff.__table__),  # type: ignore[attr-defined]
            [{"id": staff_id, "name": "Anna Berg", "email": "anna@example.org", "created_at": now}],
        )
        for model, rows in (
            (Place, places),
            (Organisation, organisations),
            (Contact, contacts),
            (ContactEmail, emails),
            (ContactTag, tags),
        ):
            session.execute(insert(model.__table__), rows)  # type: ignore[attr-defined]
    db.dispose()


class Counter:
    """An aiosmtpd handler that only counts."""

    def __init__(self) -> None:
        self.received = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.received += 1
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--recipients", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5, help="timed campaigns to .eml files")
    parser.add_argument("--smtp-runs", type=int, default=2, help="timed campaigns by SMTP")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from crm.services.greetings import Campaign, GreetingService, SmtpSettings
    from crm.store.database import Database

    results: dict[str, Any] = {"recipients": args.recipients, "target_files_per_s": 500}
    with tempfile.TemporaryDirectory(prefix="liaison-bench-greetings-") as folder:
        root = Path(folder)
        path = root / "greetings.sqlite3"
        begun = time.perf_counter()
        build(path, args.recipients)
        results["build_s"] = round(time.perf_counter() - begun, 2)
        db = Database(path)
        service = GreetingService(db)
        sender = {"sender_name": "Anna Berg", "our_city": "Aalborg", "our_city_zh": "奥尔堡"}
        year = 2030

        begun = time.perf_counter()
        listed = service.recipients("spring_festival", year)
        results["recipients_ms"] = round((time.perf_counter() - begun) * 1000, 1)
        assert sum(r.ready for r in listed) == args.recipients, "every recipient is ready"

        def timed(**where: Any) -> float:
            nonlocal year
            year += 1
            campaign = Campaign("spring_festival", year, **sender)
            begun = time.perf_counter()
            report = service.run(campaign, **where)
            elapsed = time.perf_counter() - begun
            done = report.written + report.sent
            assert done == args.recipients, f"{done} of {args.recipients} messages"
            return done / elapsed

        begun = time.perf_counter()
        service.run(Campaign("spring_festival", year, **sender), dry_run=True)
        results["dry_run_per_s"] = round(args.recipients / (time.perf_counter() - begun))

        files = [timed(out_dir=root / f"eml-{run}") for run in range(args.runs)]
        results["files_per_s"] = {
            "median": round(statistics.median(files)),
            "runs": [round(r) for r in files],
        }

        from aiosmtpd.controller import Controller

        counter = Counter()
        port = free_port()
        controller = Controller(counter, hostname="127.0.0.1", port=port)
        controller.start()
        try:
            smtp = SmtpSettings(host="127.0.0.1", port=port, security="none")
            sent = [timed(smtp=smtp) for _ in range(args.smtp_runs)]
        finally:
            controller.stop()
        assert counter.received == args.recipients * args.smtp_runs
        results["smtp_per_s"] = {
            "median": round(statistics.median(sent)),
            "runs": [round(r) for r in sent],
        }
        db.dispose()

    meets = results["files_per_s"]["median"] > TARGET_FILES_PER_S
    results["meets_target"] = meets
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        verdict = "meets" if meets else "MISSES"
        print(f"{args.recipients:,} recipients, built in {results['build_s']} s")
        print(f"recipients listed in {results['recipients_ms']} ms")
        print(f"dry run (render and MIME only): {results['dry_run_per_s']:,} messages/s")
        print(
            f"to .eml files: median {results['files_per_s']['median']:,} messages/s over "
            f"{args.runs} runs {results['files_per_s']['runs']}"
            f"  ({verdict} the target: over {TARGET_FILES_PER_S:.0f}/s)"
        )
        print(
            f"to SMTP on loopback: median {results['smtp_per_s']['median']:,} messages/s over "
            f"{args.smtp_runs} runs {results['smtp_per_s']['runs']}"
        )
    return 0 if meets else 1


if __name__ == "__main__":
    sys.exit(main())
