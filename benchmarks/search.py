"""Search-as-you-type benchmark (issue: foundation).

Builds (or reuses) a synthetic database of 100,000 contacts, 30% with Chinese names, then:
  1. times, for every keystroke of 20 queries of each kind (汉字 name, one 汉字, full pinyin,
     spaced pinyin, pinyin initials, accent-free Latin), the search the app's box runs
     (`ContactService.find`: the count and the first page of ids) and, for reference, the
     whole ordered list `crm contacts --search` reads;
  2. times, in the real Contacts page (offscreen), each keystroke from setting the search text
     to the table repainted.
Reports median, 95th percentile and worst per kind, against the targets: query median < 5 ms,
keystroke to repaint median < 30 ms, worst < 50 ms.

    python benchmarks/search.py [--contacts 100000] [--db PATH] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国志海波宁晓东雪梅琳晨浩宇欣怡嘉慧子涵一诺俊杰思远文博雨轩"
LATIN_FAMILY = [
    "Müller",
    "Lindqvist",
    "Ødegård",
    "Janssens",
    "Sørensen",
    "Nowak",
    "Kowalczyk",
    "Lévesque",
    "Dubois",
    "Schmidt",
    "Jensen",
    "Hansen",
    "Nielsen",
    "Peeters",
    "Berg",
    "Andersson",
    "Johansson",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Hoffmann",
    "de Vries",
    "van Dijk",
    "Bakker",
    "Visser",
    "Smit",
    "Mertens",
    "Claes",
    "Ålund",
    "Björk",
    "Þórsson",
    "Łukasiewicz",
    "Żak",
    "Öztürk",
    "Nyström",
    "Åkesson",
    "Håland",
]
LATIN_GIVEN = [
    "Anna",
    "Katrin",
    "Erik",
    "Lars",
    "Sofie",
    "Pieter",
    "Maja",
    "Jonas",
    "Léa",
    "Zoë",
    "Mathilde",
    "Søren",
    "Åse",
    "Björn",
    "Frédéric",
    "Agnieszka",
    "Tomasz",
    "Ingrid",
]
ORG_WORDS = [
    "Port",
    "University",
    "Chamber",
    "Council",
    "Office",
    "Trade",
    "Foreign Affairs",
    "Logistics",
    "Energy",
    "Water",
    "Culture",
    "Innovation",
]
CITIES = [
    "Hefei",
    "Ningbo",
    "Qingdao",
    "Wuhan",
    "Chengdu",
    "Antwerp",
    "Hamburg",
    "Stavanger",
    "Gothenburg",
    "Rotterdam",
    "Aalborg",
    "Gdańsk",
]


def build(path: Path, count: int, seed: int = 7) -> None:
    from sqlalchemy import insert

    from crm.domain.names import display_pinyin, name_syllables
    from crm.domain.search import search_document, sort_key
    from crm.store.database import Database
    from crm.store.migrate import upgrade
    from crm.store.models import Contact, ContactEmail, Organisation

    rng = random.Random(seed)
    db = Database(path)
    upgrade(db)
    organisations = []
    for i in range(400):
        name = f"{rng.choice(CITIES)} {rng.choice(ORG_WORDS)} {i}"
        organisations.append(
            {
                "id": str(uuid.uuid4()),
                "name": name,
                "name_zh": "",
                "kind": "other",
                "website": "",
                "place_id": None,
            }
        )
    contacts, emails = [], []
    for i in range(count):
        organisation = rng.choice(organisations)
        if rng.random() < 0.3:
            name_zh = rng.choice(SURNAMES) + "".join(
                rng.choice(GIVEN) for _ in range(rng.choice((1, 2)))
            )
            family, given = name_syllables(name_zh)
            family_name, given_name = "".join(family).capitalize(), "".join(given).capitalize()
        else:
            name_zh, family_name, given_name = "", rng.choice(LATIN_FAMILY), rng.choice(LATIN_GIVEN)
        contact_id = str(uuid.uuid4())
        email = f"{given_name[:1].lower()}.{i}@{organisation['name'].split()[0].lower()}.example"
        names = {"family_name": family_name, "given_name": given_name, "name_zh": name_zh}
        contacts.append(
            {
                "id": contact_id,
                **names,
                "pinyin": display_pinyin(name_zh),
                "honorific": "",
                "position": "",
                "position_zh": "",
                "organisation_id": organisation["id"],
                "wechat": "",
                "language": "en",
                "birthday": "",
                "birthday_calendar": "gregorian",
                "birthday_leap_month": False,
                "owner_id": None,
                "status": "active",
                "successor_of_id": None,
                "notes": "",
                "archived": False,
                "version": 1,
                "sort_key": sort_key(**names),
                "search_text": search_document(**names, extra=[email, organisation["name"]]),
            }
        )
        emails.append({"contact_id": contact_id, "position": 0, "address": email})
    now = time.time()
    with db.write() as session:
        session.execute(insert(Organisation.__table__), organisations)  # type: ignore[attr-defined]
        for start in range(0, count, 5000):
            session.execute(insert(Contact.__table__), contacts[start : start + 5000])  # type: ignore[attr-defined]
            session.execute(insert(ContactEmail.__table__), emails[start : start + 5000])  # type: ignore[attr-defined]
    print(f"built {count} contacts in {time.time() - now:.1f} s (inserts)", file=sys.stderr)
    db.dispose()


def queries(path: Path, per_kind: int = 20, seed: int = 11) -> dict[str, list[str]]:
    """Real names from the database, typed the ways the issue lists."""
    import sqlite3

    from crm.domain.names import name_syllables

    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    chinese = [
        r[0] for r in conn.execute("SELECT name_zh FROM contact WHERE name_zh != '' LIMIT 5000")
    ]
    latin = [
        r[0] for r in conn.execute("SELECT family_name FROM contact WHERE name_zh = '' LIMIT 5000")
    ]
    conn.close()
    picks = rng.sample(chinese, per_kind)
    kinds: dict[str, list[str]] = {"hanzi": picks, "one_hanzi": [p[-1] for p in picks]}
    syllables = [name_syllables(p) for p in picks]
    kinds["pinyin"] = ["".join(f + g) for f, g in syllables]
    kinds["pinyin_spaced"] = [" ".join(["".join(f), *g]) for f, g in syllables]
    kinds["initials"] = ["".join(s[0] for s in f + g) for f, g in syllables]
    from anyascii import anyascii

    kinds["latin_folded"] = [anyascii(n).lower() for n in rng.sample(latin, per_kind)]
    return kinds


def keystrokes(query: str) -> list[str]:
    return [query[: i + 1] for i in range(len(query))]


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 2),
        "worst_ms": round(ordered[-1] * 1000, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="reuse or create the synthetic database here")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    path = args.db or Path(tempfile.gettempdir()) / f"liaison-bench-{args.contacts}.sqlite3"
    if not path.exists():
        build(path, args.contacts)

    from crm.services.bundle import Services
    from crm.services.contacts import ContactResults

    services = Services.open(str(path))
    kinds = queries(path)
    results: dict[str, dict] = {
        "contacts": services.contacts.count(),
        "query": {},
        "full_list": {},
        "repaint": {},
    }
    for kind, texts in kinds.items():
        samples, full = [], []
        for text in texts:
            for typed in keystrokes(text):
                # What the search box runs per keystroke: the count and the first page of ids.
                start = time.perf_counter()
                services.contacts.find(typed).ids(0, ContactResults.BLOCK)
                samples.append(time.perf_counter() - start)
                # What `crm contacts --search` runs: every id, in order.
                start = time.perf_counter()
                services.contacts.search(typed)
                full.append(time.perf_counter() - start)
        results["query"][kind] = summary(samples)
        results["full_list"][kind] = summary(full)

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from PySide6.QtGui import QUndoStack

    from crm.ui.language import LanguageManager
    from crm.ui.operations import Operations
    from crm.ui.pages.contacts import ContactsPage
    from crm.ui.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(Path(tmp) / "settings.ini")
        language = LanguageManager(settings)
        language.switch("en", remember=False)
        page = ContactsPage(services, Operations(inline=True), language, settings, QUndoStack())
        page.resize(1400, 800)
        page.show()
        app.processEvents()
        everything = []
        for kind, texts in kinds.items():
            samples = []
            for text in texts:
                page.search.clear()
                app.processEvents()
                for typed in keystrokes(text):
                    start = time.perf_counter()
                    page.search.setText(typed)
                    page.table.viewport().repaint()
                    samples.append(time.perf_counter() - start)
            results["repaint"][kind] = summary(samples)
            everything += samples
        results["repaint"]["all"] = summary(everything)
        start = time.perf_counter()
        page.search.clear()
        page.table.viewport().repaint()
        results["repaint"]["clear_to_all"] = summary([time.perf_counter() - start])
        page.table.scrollToBottom()
        start = time.perf_counter()
        page.table.viewport().repaint()
        results["scroll_to_end_ms"] = round((time.perf_counter() - start) * 1000, 2)
        page.close()
        page.deleteLater()
        app.processEvents()
        del page
    results["targets"] = {"query_median_ms": 5, "repaint_median_ms": 30, "repaint_worst_ms": 50}
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"{results['contacts']} contacts")
        for section in ("query", "full_list", "repaint"):
            for kind, figures in results[section].items():
                print(
                    f"{section:8} {kind:15} n={figures['n']:4} median {figures['median_ms']:7.2f} ms"
                    f"  p95 {figures['p95_ms']:7.2f} ms  worst {figures['worst_ms']:7.2f} ms"
                )
        print(f"scroll to the end and repaint: {results['scroll_to_end_ms']} ms")
        print("targets: query median < 5 ms; keystroke to repaint median < 30 ms, worst < 50 ms")
    services.db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
