"""The agenda over the sample office, as the service and as `crm remind`."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

from crm.cli import main
from crm.domain.occasions import OccasionKind
from crm.services.agenda import AgendaService
from crm.services.demo import load_demo

START = dt.date(2026, 11, 25)
ANTWERP = "009d807d-15f0-5bb9-9831-da189301d369"
WUHAN = "0a60d0cf-1de4-59b0-a62a-1fc9dd587d7a"
NINGBO = "530a9d24-b5e2-53f0-8703-ec90f90f57db"
ITEM_KEYS = {"date", "kind", "code", "title", "days_until", "years", "subject", "reason"}


def test_thirty_days_from_the_sample_office(demo_services) -> None:  # type: ignore[no-untyped-def]
    occasions = demo_services.agenda.agenda(START, 30)
    dates = [o.date for o in occasions]
    assert dates == sorted(dates)
    overdue = [o for o in occasions if o.kind is OccasionKind.FOLLOW_UP and o.date < START]
    assert [o.date for o in overdue] == [
        dt.date(2026, 10, 15),
        dt.date(2026, 10, 31),
        dt.date(2026, 11, 15),
    ]
    assert all(o.reason.render().startswith("overdue since") for o in overdue)
    (antwerp,) = [
        o
        for o in occasions
        if o.kind is OccasionKind.KEEP_IN_TOUCH and o.subject and o.subject.id == ANTWERP
    ]
    assert antwerp.date == dt.date(2026, 8, 3)  # last contact 2026-05-05, active: 90 days
    assert antwerp.reason.render() == "no contact for 204 days"
    # Wuhan's 20th (formalised "2006") stays on the agenda all through 2026.
    (wuhan,) = [o for o in occasions if o.kind is OccasionKind.ANNIVERSARY]
    assert (wuhan.subject and wuhan.subject.id, wuhan.years) == (WUHAN, 20)
    assert {o.code for o in occasions if o.kind is OccasionKind.FESTIVAL} == {"christmas"}
    # The deceased and moved-on contacts' birthdays never appear.
    names = {o.title.params.get("name") for o in occasions if o.kind is OccasionKind.BIRTHDAY}
    assert names and all(names)


def test_a_year_from_the_sample_office(demo_services) -> None:  # type: ignore[no-untyped-def]
    occasions = demo_services.agenda.agenda(START, 365)
    festivals = {o.code: o.date for o in occasions if o.kind is OccasionKind.FESTIVAL}
    assert festivals["spring_festival"] == dt.date(2027, 2, 6)
    assert festivals["mid_autumn"] == dt.date(2027, 9, 15)
    # National days of the partners' countries (China, Belgium, Sweden; the Netherlands'
    # partnership has ended).
    assert festivals["national_day:CN"] == dt.date(2027, 10, 1)
    assert festivals["national_day:BE"] == dt.date(2027, 7, 21)
    assert "national_day:NL" not in festivals
    ningbo = [
        o
        for o in occasions
        if o.kind is OccasionKind.ANNIVERSARY and o.subject and o.subject.id == NINGBO
    ]
    assert [(o.date, o.years) for o in ningbo] == [(dt.date(2027, 10, 29), 18)]
    kinds = {o.kind for o in occasions}
    assert kinds == set(OccasionKind)
    items = AgendaService.as_dicts(occasions, start=START)
    assert all(item.keys() >= ITEM_KEYS for item in items)
    spring = next(i for i in items if i["code"] == "spring_festival")
    assert spring == {
        "date": "2027-02-06",
        "kind": "festival",
        "code": "spring_festival",
        "title": "Spring Festival",
        "days_until": 73,
        "years": None,
        "subject": None,
        "reason": "in 73 days",
    }


def test_deceased_and_moved_on_contacts_have_no_birthday(demo_services) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from crm.store.models import Contact

    with demo_services.db.session() as session:
        gone = set(
            session.scalars(
                select(Contact.id).where(Contact.status.in_(["deceased", "moved_on"]))  # type: ignore[attr-defined]
            )
        )
    assert gone
    occasions = demo_services.agenda.agenda(dt.date(2026, 1, 1), 730)
    birthdays = {o.subject.id for o in occasions if o.kind is OccasionKind.BIRTHDAY and o.subject}
    assert birthdays and not birthdays & gone


def test_remind_bad_date_is_one_sentence(services, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["remind", "--database", services.db.url, "--date", "25/11/2026"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["“25/11/2026” is not a date: write it as 2026-11-25."]


def test_crm_remind_json_and_chinese_text(tmp_path: Path, services) -> None:  # type: ignore[no-untyped-def]
    load_demo(services.db)
    services.db.dispose()
    database = services.db.url

    def crm(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "crm.cli", *args, "--database", database],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    result = crm("remind", "--date", "2026-11-25", "--days", "90", "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert items and all(item.keys() >= ITEM_KEYS for item in items)
    assert [i["date"] for i in items] == sorted(i["date"] for i in items)
    assert {"spring_festival", "christmas", "new_year", "lantern"} <= {i["code"] for i in items}
    assert any(i["kind"] == "keep_in_touch" and i["subject"]["id"] == ANTWERP for i in items)

    result = crm("remind", "--date", "2026-11-25", "--days", "90", "--lang", "zh_CN")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(items)
    assert all(re.match(r"^\d{4}-\d{2}-\d{2}  \S", line) for line in lines)
    # Partner names in Chinese (titles too, once the translations are in).
    assert any("安特卫普" in line for line in lines)


def test_remind_country_adds_our_own_national_day(services, capsys) -> None:  # type: ignore[no-untyped-def]
    load_demo(services.db)
    database = services.db.url
    args = ["remind", "--database", database, "--date", "2027-05-01", "--days", "30", "--json"]
    assert main(args) == 0
    codes = {item["code"] for item in json.loads(capsys.readouterr().out)}
    assert "national_day:NO" not in codes  # no partner in Norway
    assert main([*args, "--country", "no"]) == 0
    ours = [i for i in json.loads(capsys.readouterr().out) if i["code"] == "national_day:NO"]
    assert [(i["date"], i["title"]) for i in ours] == [("2027-05-17", "Norway: Constitution Day")]
