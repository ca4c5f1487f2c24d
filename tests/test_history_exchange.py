"""Partnerships and delegations out to JSON, CSV and Excel and back in, as a handover does."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlmodel import SQLModel

from crm.services.bundle import Services
from crm.services.demo import load_demo, load_office
from crm.services.exchange.history_columns import (
    GIFT_FIELDS,
    ITINERARY_FIELDS,
    join_items,
    join_list,
    split_items,
    split_list,
)
from crm.services.history_exchange import HistoryExchange
from crm.store.database import Database
from crm.store.migrate import upgrade
from crm.store.models import Place, Staff

PARTNERSHIP_KEYS = {"id", "partner", "partner_zh", "country", "type", "formalised_on", "status"}
PARTNERSHIP_KEYS |= {"areas", "owner"}
DELEGATION_KEYS = {"id", "partnership", "direction", "title", "start", "end", "status", "leader"}
DELEGATION_KEYS |= {"members", "gifts", "outcomes"}


def open_db(path: Path, *, office: bool = False, demo: bool = False) -> Database:
    db = Database(str(path))
    upgrade(db)
    if demo:
        load_demo(db)
    elif office:
        load_office(db)
    return db


@pytest.fixture
def new_db(tmp_path: Path) -> Iterator[Any]:
    """Opens more databases in this test's folder, each disposed of at the end."""
    opened: list[Database] = []

    def make(name: str, **options: bool) -> Database:
        db = open_db(tmp_path / f"{name}.sqlite3", **options)
        opened.append(db)
        return db

    yield make
    for db in opened:
        db.dispose()


@pytest.fixture
def demo(new_db: Any) -> HistoryExchange:
    return HistoryExchange(new_db("demo", demo=True))


def counts(db: Database) -> dict[str, int]:
    """Rows in every table of the schema."""
    with db.session() as session:
        return {
            table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in SQLModel.metadata.sorted_tables
        }


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def by_partner(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["partner"]: item for item in items}


# Shapes ------------------------------------------------------------------------------------------
def test_the_exported_json_has_the_documented_shapes(demo: HistoryExchange, tmp_path: Path) -> None:
    assert demo.export_partnerships("json", tmp_path / "p.json") == 9
    assert demo.export_delegations("json", tmp_path / "d.json") == 15
    partnerships = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    delegations = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    for item in partnerships:
        assert item.keys() >= PARTNERSHIP_KEYS
        assert isinstance(item["areas"], list)
    hefei = by_partner(partnerships)["Hefei"]
    assert (hefei["partner_zh"], hefei["country"], hefei["type"]) == ("合肥", "CN", "sister_city")
    assert hefei["owner"] == "Anna Berg"
    assert "clinical waste handling" in hefei["areas"]
    for item in delegations:
        assert item.keys() >= DELEGATION_KEYS
        assert item["direction"] in {"incoming", "outgoing"}
        assert all(m.keys() >= {"contact", "name", "role"} for m in item["members"])
    visit = next(d for d in delegations if d["title"].startswith("Hefei government delegation: g"))
    assert visit["members"][0] == {
        "contact": "20178ab7-e87a-4f2b-81ae-f0a18e3ef6a7",
        "name": "Ouyang Ming (欧阳明)",
        "role": "head of delegation",
    }
    assert visit["leader"] == visit["members"][0]["contact"]
    assert {g["direction"] for g in visit["gifts"]} == {"given", "received"}


def test_partial_dates_are_exported_exactly_as_known(demo: HistoryExchange, tmp_path: Path) -> None:
    formalised = {p["partner"]: p["formalised_on"] for p in demo.partnerships()}
    assert formalised["Gothenburg"] == "1985"
    assert formalised["Qingdao"] == "1986-10"
    assert formalised["Ningbo"] == "2009-10-29"
    assert formalised["Chengdu"] is None  # not formalised yet: nothing invented
    demo.export_partnerships("csv", tmp_path / "p.csv")
    with (tmp_path / "p.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["partner"]: row for row in csv.DictReader(handle)}
    assert rows["Gothenburg"]["formalised_on"] == "1985"
    assert rows["Qingdao"]["formalised_on"] == "1986-10"


# Round trips -------------------------------------------------------------------------------------
def test_json_round_trip_into_an_empty_database(demo: HistoryExchange, tmp_path: Path) -> None:
    demo.export_partnerships("json", tmp_path / "p.json")
    original = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    services = Services.open(str(tmp_path / "empty.sqlite3"))  # as the app opens a new file
    empty, exchange = services.db, services.history_exchange
    report, changes = exchange.import_partnerships(tmp_path / "p.json")
    assert (report.created, report.updated, report.skipped, report.errors) == (9, 0, 0, [])
    assert len(changes.partnerships) == 9
    exchange.export_partnerships("json", tmp_path / "again.json")
    again = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))
    # The places and owners were created; champions are people, and this database has none.
    assert [{**p, "champions": []} for p in original] == again
    assert by_partner(again)["Qingdao"]["formalised_on"] == "1986-10"
    assert counts(empty)["place"] == 9
    assert counts(empty)["staff"] == 3
    services.db.dispose()


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_round_trip_with_the_people_known_gives_the_same_json(
    fmt: str, demo: HistoryExchange, new_db: Any, tmp_path: Path
) -> None:
    partnerships, delegations = demo.partnerships(), demo.delegations()
    demo.export_partnerships(fmt, tmp_path / f"p.{fmt}")
    demo.export_delegations(fmt, tmp_path / f"d.{fmt}")
    target = new_db("office", office=True)  # contacts and places, no history
    exchange = HistoryExchange(target)
    assert exchange.import_partnerships(tmp_path / f"p.{fmt}")[0].created == 9
    report, _ = exchange.import_delegations(tmp_path / f"d.{fmt}")
    assert (report.created, report.errors) == (15, [])
    assert exchange.partnerships() == partnerships
    assert exchange.delegations() == delegations
    # The office's places were found by name, not created again.
    assert counts(target)["place"] == 15
    # A second import of the same files changes nothing.
    report, changes = exchange.import_delegations(tmp_path / f"d.{fmt}")
    assert (report.created, report.updated, report.skipped) == (0, 0, 15)
    assert not changes.partnerships


def test_csv_lists_survive_semicolons_and_bars(
    demo: HistoryExchange, new_db: Any, tmp_path: Path
) -> None:
    demo.export_delegations("csv", tmp_path / "d.csv")
    text = (tmp_path / "d.csv").read_text(encoding="utf-8-sig")
    assert "Arrival\\; welcome by the Mayor" in text  # escaped inside the itinerary cell
    items = [
        {"day": "2027-03-23", "time": "", "description": "Signing; then lunch | photos \\ press"},
        {"day": "2027-03-24", "time": "09:30", "description": "Port"},
    ]
    assert split_items(join_items(items, ITINERARY_FIELDS), ITINERARY_FIELDS) == items
    assert split_list(join_list(["a;b", "c|d", "e\\f"])) == ["a;b", "c|d", "e\\f"]
    gift = split_items("|given||token||Book|Visit", GIFT_FIELDS)[0]
    assert (gift["direction"], gift["value_band"], gift["notes"]) == ("given", "token", "")


# Sheets kept by hand -----------------------------------------------------------------------------
def test_importing_the_same_sheet_twice_creates_nothing_the_second_time(
    new_db: Any, tmp_path: Path
) -> None:
    sheet = write_csv(
        tmp_path / "partners.csv",
        [
            ["partner", "partner_zh", "country", "type", "formalised_on", "status", "areas", "owner"],
            ["Hefei", "合肥", "CN", "sister_city", "1988", "active", "trade;energy efficiency", "Anna Berg"],
            ["Qingdao", "青岛", "cn", "Friendship city", "1986-10", "active", "port logistics", ""],
            ["Ningbo", "", "China", "friendship_city", "2009-10-29", "", "port logistics; culture", "Mads Kjærgaard"],
        ],
    )  # fmt: skip
    exchange = HistoryExchange(new_db("sheet"))
    first, _ = exchange.import_partnerships(sheet)
    assert (first.created, first.updated, first.skipped, first.errors) == (3, 0, 0, [])
    second, changes = exchange.import_partnerships(sheet)
    assert (second.created, second.updated, second.skipped, second.errors) == (0, 0, 3, [])
    assert not changes.partnerships
    items = by_partner(exchange.partnerships())
    assert items["Qingdao"]["type"] == "friendship_city"
    assert items["Ningbo"]["country"] == "CN"
    assert items["Ningbo"]["areas"] == ["culture", "port logistics"]
    assert items["Hefei"]["formalised_on"] == "1988"


def test_a_row_that_says_something_new_updates_its_partnership(new_db: Any, tmp_path: Path) -> None:
    exchange = HistoryExchange(new_db("demo", demo=True))
    before = by_partner(exchange.partnerships())
    sheet = write_csv(
        tmp_path / "update.csv",
        [
            ["Partner City", "Country", "Status", "Cooperation areas", "Owner"],
            ["GOTHENBURG", "SE", "ended", "", ""],  # found by name, whatever the case
            ["gdansk", "PL", "exploring", "port logistics", "Nina Holm"],  # a known place, new partnership
            ["Hefei", "CN", "", "trade; sports", ""],  # nothing new
        ],
    )  # fmt: skip
    report, changes = exchange.import_partnerships(sheet)
    assert (report.created, report.updated, report.skipped, report.errors) == (1, 1, 1, [])
    after = by_partner(exchange.partnerships())
    assert after["Gothenburg"]["status"] == "ended"
    assert after["Gothenburg"]["areas"] == before["Gothenburg"]["areas"]  # empty cell: kept
    assert after["Gothenburg"]["formalised_on"] == "1985"
    assert after["Gdańsk"]["owner"] == "Nina Holm"
    assert after["Hefei"] == before["Hefei"]
    assert counts(exchange.db)["place"] == 15  # Gdańsk was already a place
    assert changes.staff


def test_malformed_rows_are_reported_by_line_and_leave_no_trace(
    new_db: Any, tmp_path: Path
) -> None:
    sheet = write_csv(
        tmp_path / "bad.csv",
        [
            ["partner", "country", "formalised_on", "owner", "areas"],
            ["Hefei", "CN", "1988", "Anna Berg", "trade"],
            ["Atlantis", "GR", "1986-13", "Ghost Owner", "myths"],
            ["Springfield", "XX", "1990", "Other Ghost", ""],
            ["", "CN", "2001", "Third Ghost", "trade"],
            ["Ningbo", "CN", "2009-10-29", "", ""],
        ],
    )
    db = new_db("bad")
    report, _ = HistoryExchange(db).import_partnerships(sheet)
    assert (report.created, report.updated, report.skipped) == (2, 0, 0)
    problems = {p.line: p.message.render() for p in report.errors}
    assert sorted(problems) == [3, 4, 5]
    assert "1986-13" in problems[3]
    assert "XX" in problems[4]
    assert "partner" in problems[5]
    with db.session() as session:
        assert sorted(session.execute(select(Place.name)).scalars()) == ["Hefei", "Ningbo"]
        assert list(session.execute(select(Staff.name)).scalars()) == ["Anna Berg"]
    assert report.as_dict()["errors"][0] == {"line": 3, "message": problems[3]}


def test_line_numbers_count_from_the_top_of_an_excel_sheet(new_db: Any, tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Our partner cities, November 2026"])  # a title above the header
    sheet.append([])
    sheet.append(["合作城市", "国家", "结好时间", "合作领域"])
    sheet.append(["Hefei", "CN", 1988, "trade;sports"])  # a year typed as a number
    sheet.append(["Wuhan", "ZZ", "2006", ""])
    workbook.save(tmp_path / "partners.xlsx")
    exchange = HistoryExchange(new_db("xlsx"))
    report, _ = exchange.import_partnerships(tmp_path / "partners.xlsx")
    assert report.created == 1
    assert [(p.line, "ZZ" in p.message.render()) for p in report.errors] == [(5, True)]
    assert exchange.partnerships()[0]["formalised_on"] == "1988"


def test_a_dry_run_changes_nothing_at_all(new_db: Any, tmp_path: Path) -> None:
    db = new_db("demo", demo=True)
    sheet = write_csv(
        tmp_path / "dry.csv",
        [
            ["partner", "country", "status", "owner", "areas"],
            ["Gothenburg", "SE", "ended", "", ""],
            ["Brussels", "BE", "exploring", "New Colleague", "culture"],
            ["Utopia", "QQ", "", "", ""],
        ],
    )
    before = counts(db)
    exchange = HistoryExchange(db)
    partnerships = exchange.partnerships()
    report, changes = exchange.import_partnerships(sheet, dry_run=True)
    assert (report.created, report.updated, len(report.errors), report.dry_run) == (1, 1, 1, True)
    assert counts(db) == before
    assert exchange.partnerships() == partnerships
    assert not changes.partnerships and not changes.staff


def test_delegation_rows_need_known_partnerships_and_people(new_db: Any, tmp_path: Path) -> None:
    exchange = HistoryExchange(new_db("demo", demo=True))
    path = tmp_path / "visits.json"
    path.write_text(
        json.dumps(
            [
                {
                    "partnership": "Wuhan",
                    "direction": "incoming",
                    "title": "Wuhan FAO working visit",
                    "start": "2027-05-10",
                    "end": "2027-05-12",
                    "leader": "罗静怡",
                    "members": [{"contact": "", "name": "Luo Jingyi", "role": "head"}],
                    "gifts": [{"direction": "received", "description": "Tea", "contact": "罗静怡"}],
                },
                {"partnership": "Atlantis", "direction": "incoming", "title": "Nobody"},
                {
                    "partner": "Hefei",
                    "direction": "outgoing",
                    "title": "Mystery visit",
                    "start": "2027-01-10",
                    "members": [{"contact": "Nobody Known", "role": "guest"}],
                },
                {"partner": "Hefei", "direction": "sideways", "title": "Odd"},
                {"partner": "Hefei", "direction": "incoming", "title": "Short", "start": "2027-02-10", "end": "2027-02-01"},
                "not an object",
            ],
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )  # fmt: skip
    before = counts(exchange.db)
    report, _ = exchange.import_delegations(path)
    assert report.created == 1
    lines = [p.line for p in report.errors]
    assert len(lines) == 5 and lines == sorted(lines) and lines[0] > 2
    messages = [p.message.render() for p in report.errors]
    assert "Atlantis" in messages[0]
    assert "Nobody Known" in messages[1]
    assert "sideways" in messages[2]
    after = counts(exchange.db)
    assert after["delegation"] == before["delegation"] + 1
    assert after["gift"] == before["gift"] + 1
    visit = next(d for d in exchange.delegations() if d["title"] == "Wuhan FAO working visit")
    assert visit["members"][0]["role"] == "head"
    assert visit["leader"] == visit["members"][0]["contact"]


def test_a_file_that_is_no_table_is_refused_in_one_sentence(
    demo: HistoryExchange, tmp_path: Path
) -> None:
    from crm.domain.text import DomainError

    card = tmp_path / "card.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Wang Fang\nEND:VCARD\n", encoding="utf-8")
    with pytest.raises(DomainError, match="CSV, Excel"):
        demo.import_partnerships(card)
    empty = tmp_path / "empty.json"
    empty.write_text("[]", encoding="utf-8")
    with pytest.raises(DomainError, match="holds no partnerships"):
        demo.import_partnerships(empty)
    broken = tmp_path / "broken.json"
    broken.write_text('[{"partner": "Hefei"', encoding="utf-8")
    with pytest.raises(DomainError, match="cannot be read as JSON"):
        demo.import_partnerships(broken)


def test_json_nested_past_any_depth_is_refused_in_one_sentence(
    demo: HistoryExchange, tmp_path: Path
) -> None:
    """json raised RecursionError, which the import did not expect (found by fuzzing)."""
    from crm.domain.text import DomainError

    nested = tmp_path / "nested.json"
    nested.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    with pytest.raises(DomainError) as refused:
        demo.import_partnerships(nested)
    assert refused.value.render() == "“nested.json” cannot be read as JSON: nested too deeply"


def test_a_note_like_a_formula_is_exported_as_text_and_comes_back(
    new_db: Any, tmp_path: Path
) -> None:
    """A spreadsheet must show it, not run it (see exchange.formulas); the import takes the
    export's quote off again."""
    sheet = write_csv(
        tmp_path / "partners.csv",
        [
            ["partner", "country", "type", "status", "notes"],
            ["Hefei", "CN", "sister_city", "active", '=HYPERLINK("http://evil.example","Hefei")'],
        ],
    )
    exchange = HistoryExchange(new_db("notes"))
    exchange.import_partnerships(sheet)
    out = tmp_path / "out.csv"
    exchange.export_partnerships("csv", out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["notes"] == '\'=HYPERLINK("http://evil.example","Hefei")'
    again = HistoryExchange(new_db("again"))
    report, _changes = again.import_partnerships(out)
    assert (report.created, report.errors) == (1, [])
    [item] = again.partnerships()
    assert item["notes"] == '=HYPERLINK("http://evil.example","Hefei")'
