"""The sample history: rich enough to show every screen, coherent with the sample office, and
loaded once however often `crm demo` runs."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlmodel import SQLModel

from crm.domain.delegation_rules import (
    DelegationDraft,
    GiftDraft,
    ItineraryEntry,
    Member,
)
from crm.domain.partnership_rules import AgreementDraft, PartnershipDraft
from crm.domain.partnerships import (
    AgreementKind,
    DelegationDirection,
    DelegationStatus,
    InteractionKind,
    PartnershipStatus,
    PartnershipType,
    ValueBand,
)
from crm.services.demo import history_file, load_demo, sample_file
from crm.store.database import Database
from crm.store.migrate import upgrade

# The sample is written as of this day: "overdue" and "in the next 12 months" are from here.
AS_OF = dt.date(2026, 11, 25)
HISTORY: dict[str, Any] = json.loads(history_file().read_text(encoding="utf-8"))
OFFICE: dict[str, Any] = json.loads(sample_file().read_text(encoding="utf-8"))


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(str(tmp_path / "demo.sqlite3"))
    upgrade(database)
    yield database
    database.dispose()


def counts(db: Database) -> dict[str, int]:
    with db.session() as session:
        return {
            table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in SQLModel.metadata.sorted_tables
        }


def day(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def test_demo_loads_partnerships_delegations_gifts_follow_ups_and_interactions(
    db: Database,
) -> None:
    report = load_demo(db)
    rows = counts(db)
    assert rows["partnership"] >= 7
    assert rows["agreement"] >= 10
    assert rows["delegation"] >= 10
    assert rows["gift"] >= 10
    assert rows["follow_up"] >= 10
    assert rows["interaction"] >= 60
    assert rows["contact"] == 54
    assert report.created == sum(report.by_kind.values())
    assert report.by_kind["delegations"] == rows["delegation"]
    assert report.by_kind["interactions"] == rows["interaction"]


def test_a_second_load_adds_nothing(db: Database) -> None:
    first = load_demo(db)
    before = counts(db)
    second = load_demo(db)
    assert second.created == 0
    assert second.already_there == first.created
    assert not second.changes.everything
    assert counts(db) == before


def test_every_reference_points_at_a_real_record(db: Database) -> None:
    load_demo(db)
    with db.session() as session:
        assert session.execute(text("PRAGMA foreign_key_check")).all() == []
    ids = {
        "place": {p["id"] for p in OFFICE["places"]},
        "staff": {s["id"] for s in OFFICE["staff"]},
        "contact": {c["id"] for c in OFFICE["contacts"]},
        "partnership": {p["id"] for p in HISTORY["partnerships"]},
        "delegation": {d["id"] for d in HISTORY["delegations"]},
    }
    our_city = next(p["id"] for p in OFFICE["places"] if p["name"] == "Aalborg")
    for p in HISTORY["partnerships"]:
        assert p["place"] in ids["place"] and p["place"] != our_city
        assert p["owner"] in ids["staff"]
        assert set(p["champions"]) <= ids["contact"]
    for a in HISTORY["agreements"]:
        assert a["partnership"] in ids["partnership"]
        assert set(a["signatories"]) <= ids["contact"]
    for d in HISTORY["delegations"]:
        assert d["partnership"] in ids["partnership"]
        assert d["leader"] in {m["contact"] for m in d["members"]} <= ids["contact"]
    for g in HISTORY["gifts"]:
        assert g["contact"] in ids["contact"] and g["partnership"] in ids["partnership"]
        assert g["delegation"] is None or g["delegation"] in ids["delegation"]
    for f in HISTORY["follow_ups"]:
        assert f["assignee"] in ids["staff"] and f["partnership"] in ids["partnership"]
    for i in HISTORY["interactions"]:
        assert i["staff"] in ids["staff"] and set(i["contacts"]) <= ids["contact"]
        assert i["partnership"] is None or i["partnership"] in ids["partnership"]
    every_id = [r["id"] for key in HISTORY if isinstance(HISTORY[key], list) for r in HISTORY[key]]
    assert len(every_id) == len(set(every_id))


def test_the_sample_obeys_the_editors_rules() -> None:
    for p in HISTORY["partnerships"]:
        PartnershipType(p["type"])
        PartnershipStatus(p["status"])
        draft = PartnershipDraft(
            place_id=p["place"], formalised_on=p["formalised_on"], areas=p["areas"]
        ).validate()
        assert draft.formalised_on == p["formalised_on"]  # stored as known, never padded
    for a in HISTORY["agreements"]:
        AgreementDraft(
            kind=AgreementKind(a["kind"]),
            title=a["title"],
            signed_on=a["signed_on"],
            review_on=a["review_on"],
            expires_on=a["expires_on"],
        ).validate()
    for d in HISTORY["delegations"]:
        DelegationDraft(
            title=d["title"],
            direction=DelegationDirection(d["direction"]),
            status=DelegationStatus(d["status"]),
            start_on=d["start"],
            end_on=d["end"],
            leader_id=d["leader"],
            members=[Member(m["contact"], m["role"]) for m in d["members"]],
            itinerary=[
                ItineraryEntry(i["day"], i["time"], i["description"]) for i in d["itinerary"]
            ],
        ).validate()
    for g in HISTORY["gifts"]:
        GiftDraft(
            description=g["description"],
            direction=g["direction"],
            given_on=g["given_on"],
            value_band=ValueBand(g["value_band"]),
        ).validate(today=AS_OF)
    for i in HISTORY["interactions"]:
        InteractionKind(i["kind"])
        assert day(i["occurred_on"]) < AS_OF


def test_the_partnerships_are_varied_and_dated_as_the_seeds_tell() -> None:
    partnerships = HISTORY["partnerships"]
    assert len(partnerships) >= 7
    by_place = {p["place"]: p for p in partnerships}
    place_ids = {p["name"]: p["id"] for p in OFFICE["places"]}
    assert by_place[place_ids["Hefei"]]["formalised_on"] == "1988"
    assert by_place[place_ids["Hefei"]]["type"] == "sister_city"
    assert by_place[place_ids["Ningbo"]]["formalised_on"] == "2009-10-29"
    assert by_place[place_ids["Qingdao"]]["formalised_on"] == "1986-10"
    statuses = Counter(p["status"] for p in partnerships)
    assert statuses.keys() == {"exploring", "active", "dormant", "ended"}
    assert len({p["type"] for p in partnerships}) >= 5
    assert {p["owner"] for p in partnerships} == {s["id"] for s in OFFICE["staff"]}
    assert all(p["areas"] and p["champions"] for p in partnerships)


def test_agreements_climb_the_ladder_and_some_fall_due() -> None:
    agreements = HISTORY["agreements"]
    assert {a["kind"] for a in agreements} == {k.value for k in AgreementKind}
    dates = [day(a[k]) for a in agreements for k in ("review_on", "expires_on") if a[k]]
    soon = [d for d in dates if AS_OF <= d <= AS_OF + dt.timedelta(days=365)]
    assert len(soon) >= 3
    overdue = [a for a in agreements if a["review_on"] and day(a["review_on"]) < AS_OF]
    assert len(overdue) == 1


def test_delegations_go_both_ways_with_several_members() -> None:
    delegations = HISTORY["delegations"]
    directions = Counter(d["direction"] for d in delegations)
    assert directions["incoming"] >= 4 and directions["outgoing"] >= 4
    assert sum(directions.values()) >= 10
    assert all(2 <= len(d["members"]) <= 6 for d in delegations)
    assert all(d["itinerary"] and d["purpose"] for d in delegations)
    statuses = Counter(d["status"] for d in delegations)
    assert statuses["cancelled"] == 1 and statuses["done"] >= 6
    future = [d for d in delegations if day(d["start"]) > AS_OF]
    assert future and all(d["status"] in {"planned", "confirmed"} for d in future)
    years = {day(d["start"]).year for d in delegations}
    assert min(years) == 2019 and max(years) == 2027
    roles = {m["role"] for d in delegations for m in d["members"]}
    assert {"head of delegation", "interpreter"} <= roles


def test_gifts_follow_ups_and_interactions_look_like_an_office_year() -> None:
    gifts = HISTORY["gifts"]
    assert {g["direction"] for g in gifts} == {"given", "received"}
    assert {g["value_band"] for g in gifts} == {b.value for b in ValueBand}
    assert any("book" in g["description"].casefold() for g in gifts)
    follow_ups = HISTORY["follow_ups"]
    done = [f for f in follow_ups if f["done_on"]]
    open_ = [f for f in follow_ups if not f["done_on"]]
    assert done and open_
    assert any(day(f["due_on"]) < AS_OF for f in open_)  # overdue
    assert any(day(f["due_on"]).year == 2027 for f in open_)
    interactions = HISTORY["interactions"]
    assert len(interactions) >= 60
    assert {i["kind"] for i in interactions} >= {
        "meeting",
        "call",
        "email",
        "wechat",
        "greeting",
        "gift",
        "visit",
    }
    assert any((AS_OF - day(i["occurred_on"])).days <= 14 for i in interactions)
    last: dict[str, dt.date] = {}
    for i in interactions:
        last[i["partnership"]] = max(last.get(i["partnership"], dt.date.min), day(i["occurred_on"]))
    active = {p["id"] for p in HISTORY["partnerships"] if p["status"] == "active"}
    assert any((AS_OF - last[p]).days > 200 for p in active)
