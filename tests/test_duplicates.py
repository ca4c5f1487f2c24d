"""Possible duplicates in the sample office, and a merge that loses nothing and can be undone.

Decision on names: a merge keeps the kept contact's names unless the other's are chosen, so the
other's name no longer finds anyone; its e-mail addresses and phones are kept, so searching for
the other's e-mail address finds the merged contact.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from typing import Any

import pytest
from sqlalchemy import func, insert, select, text
from sqlmodel import SQLModel

import crm.store
from crm.domain.contacts import ContactDraft
from crm.domain.dates import CalendarKind
from crm.domain.text import DomainError
from crm.services import duplicates as dup
from crm.services.check import check
from crm.services.demo import sample_file
from crm.services.duplicates import DuplicateService, MergeResult
from crm.store import duplicates as q
from crm.store.greeting_models import GreetingSent
from crm.store.models import Contact
from crm.store.partnership_models import (
    Agreement,
    AgreementSignatory,
    Delegation,
    DelegationMember,
    Gift,
    Interaction,
    InteractionContact,
    Partnership,
    PartnershipChampion,
)
from crm.store.reminder_models import ReminderState

SAMPLE: dict[str, Any] = __import__("json").loads(sample_file().read_text(encoding="utf-8"))


def sample_id(**fields: str) -> str:
    found = [c["id"] for c in SAMPLE["contacts"] if all(c.get(k) == v for k, v in fields.items())]
    assert len(found) == 1, fields
    return found[0]


WANG_FANG = sample_id(name_zh="王芳")
MULLER = sample_id(family_name="Müller")
ODEGARD = sample_id(family_name="Ødegård")
HAUGLAND = sample_id(family_name="Haugland")


@pytest.fixture
def duplicates(demo_services) -> DuplicateService:  # type: ignore[no-untyped-def]
    return DuplicateService(demo_services.db)


def add(services, **fields: Any) -> str:  # type: ignore[no-untyped-def]
    contact_id, _ = services.contacts.create(ContactDraft(**fields))
    return str(contact_id)


def pair_of(service: DuplicateService, a: str, b: str) -> dup.DuplicatePair | None:
    return next((p for p in service.candidates() if set(p.ids) == {a, b}), None)


def reasons(pair: dup.DuplicatePair | None) -> set[str]:
    assert pair is not None
    return {r.source for r in pair.reasons}


# Finding -----------------------------------------------------------------------------------
def test_the_sample_office_has_no_duplicates(duplicates: DuplicateService) -> None:
    # It has people sharing a switchboard (Chen Xiaodong and Li Jianguo, who is his
    # predecessor too; Claes and Peeters at Antwerp): a shared line is not a duplicate.
    assert duplicates.candidates() == []


def test_the_same_email_in_another_case_and_the_name_the_other_way_round(
    demo_services, duplicates
) -> None:  # type: ignore[no-untyped-def]
    new = add(
        demo_services,
        family_name="Fang",
        given_name="Wang",
        emails=["WangFang@Hefei.gov.cn.example"],
    )
    pair = pair_of(duplicates, WANG_FANG, new)
    assert reasons(pair) == {"Same e-mail address", "Same name"}
    assert pair is not None and pair.score == 100
    assert pair.first.id == WANG_FANG  # the one entered first is on the left
    assert (pair.first.name_zh, pair.first.organisation) == (
        "王芳",
        "Hefei Municipal Foreign Affairs Office",
    )


def test_the_same_phone_written_nationally_and_the_name_without_its_letters(
    demo_services, duplicates
) -> None:  # type: ignore[no-untyped-def]
    # Ødegård's phone is +47 51 50 71 22.
    new = add(demo_services, family_name="Odegard", given_name="Ingrid", phones=["0047 51507122"])
    assert reasons(pair_of(duplicates, ODEGARD, new)) == {"Same phone number", "Same name"}
    national = add(demo_services, family_name="Haugland", given_name="Ola", phones=["51 83 22 70"])
    assert reasons(pair_of(duplicates, HAUGLAND, national)) == {"Same phone number", "Same name"}


def test_mueller_is_mueller_and_a_near_spelling_is_similar(demo_services, duplicates) -> None:  # type: ignore[no-untyped-def]
    mueller = add(demo_services, family_name="MUELLER", given_name="katrin")
    assert reasons(pair_of(duplicates, MULLER, mueller)) == {"Same name"}
    katrine = add(demo_services, family_name="Müller", given_name="Katrine")
    similar = pair_of(duplicates, MULLER, katrine)
    assert reasons(similar) == {"Similar names"}
    exact = pair_of(duplicates, MULLER, mueller)
    assert similar is not None and exact is not None and similar.score < exact.score


def test_chinese_names_that_read_the_same_need_the_same_family_name(
    demo_services, duplicates
) -> None:  # type: ignore[no-untyped-def]
    xiaoming = add(demo_services, name_zh="王小明")
    xiaoming_too = add(demo_services, name_zh="王晓明")
    other_family = add(demo_services, name_zh="汪小明")  # also Wang Xiaoming
    in_latin = add(demo_services, family_name="Wang", given_name="Xiaoming")
    assert reasons(pair_of(duplicates, xiaoming, xiaoming_too)) == {
        "Chinese names read the same in pinyin"
    }
    assert pair_of(duplicates, xiaoming, other_family) is None
    assert pair_of(duplicates, xiaoming_too, other_family) is None
    # Without a Chinese name of its own, the Latin name meets each reading.
    for chinese in (xiaoming, xiaoming_too, other_family):
        assert reasons(pair_of(duplicates, chinese, in_latin)) == {"Same name"}


def test_the_same_chinese_name_and_the_same_organisation(demo_services, duplicates) -> None:  # type: ignore[no-untyped-def]
    organisation = demo_services.contacts.get(WANG_FANG).draft.organisation_id
    new = add(demo_services, name_zh="王芳", organisation_id=organisation)
    pair = pair_of(duplicates, WANG_FANG, new)
    assert reasons(pair) == {"Same Chinese name", "Same organisation"}
    assert pair is not None and pair.score == 90


def test_a_shared_mailbox_between_different_names_scores_low(demo_services, duplicates) -> None:  # type: ignore[no-untyped-def]
    new = add(
        demo_services, family_name="Berg", given_name="Anne", emails=["ola.haugland@uis.no.example"]
    )
    pair = pair_of(duplicates, HAUGLAND, new)
    assert reasons(pair) == {"Same e-mail address"}
    assert pair is not None and pair.score == 50


def test_archived_contacts_and_successors_are_not_proposed(demo_services, duplicates) -> None:  # type: ignore[no-untyped-def]
    archived = add(demo_services, family_name="Müller", given_name="Katrin")
    demo_services.contacts.set_archived(archived, True)
    successor = add(
        demo_services, family_name="Ødegård", given_name="Ingrid", successor_of_id=ODEGARD
    )
    assert duplicates.candidates() == []
    assert successor


def test_dismissed_pairs_stay_hidden(demo_services, duplicates) -> None:  # type: ignore[no-untyped-def]
    new = add(demo_services, family_name="Mueller", given_name="Katrin")
    assert pair_of(duplicates, MULLER, new) is not None
    duplicates.dismiss(new, MULLER)
    duplicates.dismiss(MULLER, new)  # either way round, one row
    assert pair_of(DuplicateService(demo_services.db), MULLER, new) is None
    with demo_services.db.session() as session:
        assert q.dismissed_pairs(session) == {q.ordered(MULLER, new)}
    duplicates.undismiss(MULLER, new)
    assert pair_of(duplicates, MULLER, new) is not None


def test_the_limit_keeps_the_likeliest(demo_services, duplicates) -> None:  # type: ignore[no-untyped-def]
    add(demo_services, family_name="Mueller", given_name="Katrin")
    add(
        demo_services,
        family_name="Fang",
        given_name="Wang",
        emails=["wangfang@hefei.gov.cn.example"],
    )
    best = duplicates.candidates(limit=1)
    assert len(best) == 1 and set(best[0].ids) >= {WANG_FANG}


# Merging -----------------------------------------------------------------------------------
def rows_of(db, table: Any, **where: Any) -> set[tuple[Any, ...]]:  # type: ignore[no-untyped-def]
    t = table.__table__
    statement = select(t).where(*(t.c[k] == v for k, v in where.items()))
    with db.session() as session:
        return {tuple(r) for r in session.execute(statement)}


def first_id(db, model: Any, **where: Any) -> str:  # type: ignore[no-untyped-def]
    t = model.__table__
    with db.session() as session:
        return str(
            session.execute(
                select(t.c.id).where(*(t.c[k] == v for k, v in where.items())).order_by(t.c.id)
            )
            .scalars()
            .first()
        )


@pytest.fixture
def twin(demo_services) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """A second record of Wang Fang with a life of its own: interactions (one shared with the
    first record), delegations (one shared, with a fuller role), a championship, a signature, a
    gift, a delegation led, a successor, a greeting, a reminder and a dismissed pair."""
    db = demo_services.db
    other = add(
        demo_services,
        family_name="Wang",
        given_name="Fanny",
        emails=["office7@example.cn", "WANGFANG@hefei.gov.cn.example"],
        phones=["0551-63537102", "+86 138 0000 1111"],
        wechat="fanny_w",
        tags=["VIP", "Greeting list", "Port forum"],
        notes="Met at the port forum.",
    )
    shared_interaction = next(iter(rows_of(db, InteractionContact, contact_id=WANG_FANG)))
    own_interaction = first_id(db, Interaction, kind="call")
    delegations = sorted(r[0] for r in rows_of(db, DelegationMember, contact_id=WANG_FANG))
    other_delegation = next(
        d
        for d in sorted(r[0] for r in rows_of(db, Delegation))
        if d not in delegations and not rows_of(db, Delegation, id=d, leader_id=WANG_FANG)
    )
    partnership = next(
        p
        for p in sorted(r[0] for r in rows_of(db, Partnership))
        if not rows_of(db, PartnershipChampion, partnership_id=p, contact_id=WANG_FANG)
    )
    agreement = first_id(db, Agreement)
    third = add(demo_services, family_name="Li", given_name="Na", successor_of_id=other)
    now = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    with db.write() as session:
        session.execute(
            insert(InteractionContact.__table__),
            [
                {
                    "interaction_id": shared_interaction[0],
                    "contact_id": other,
                    "occurred_on": shared_interaction[2],
                },
                {
                    "interaction_id": own_interaction,
                    "contact_id": other,
                    "occurred_on": "2026-01-05",
                },
            ],
        )
        session.execute(
            insert(DelegationMember.__table__),
            [
                {
                    "delegation_id": delegations[0],
                    "contact_id": other,
                    "role": "deputy coordinator",
                    "position": 9,
                },
                {"delegation_id": other_delegation, "contact_id": other, "role": "", "position": 4},
            ],
        )
        session.execute(
            text("UPDATE delegation SET leader_id = :o WHERE id = :d"),
            {"o": other, "d": other_delegation},
        )
        session.execute(
            insert(PartnershipChampion.__table__).values(
                partnership_id=partnership, contact_id=other
            )
        )
        session.execute(
            insert(AgreementSignatory.__table__).values(agreement_id=agreement, contact_id=other)
        )
        session.execute(
            insert(Gift.__table__).values(
                id="gift-for-fanny", description="Tea", contact_id=other, created_at=now, notes=""
            )
        )
        for contact_id, year in ((other, 2025), (other, 2026), (WANG_FANG, 2026)):
            session.execute(
                insert(GreetingSent.__table__).values(
                    contact_id=contact_id,
                    occasion="mid_autumn",
                    year=year,
                    channel="eml",
                    address="",
                    message_id=f"<{contact_id}-{year}>",
                    sent_at=now,
                )
            )
        session.execute(
            insert(ReminderState.__table__).values(
                key=f"birthday:contact:{other}:2027-03-01", snoozed_until="2026-12-01"
            )
        )
        q.dismiss(session, other, HAUGLAND)
    return {
        "other": other,
        "third": third,
        "shared_interaction": shared_interaction[0],
        "own_interaction": own_interaction,
        "shared_delegation": delegations[0],
        "other_delegation": other_delegation,
        "partnership": partnership,
        "agreement": agreement,
    }


REFERRING = (
    InteractionContact,
    DelegationMember,
    PartnershipChampion,
    AgreementSignatory,
    Gift,
    GreetingSent,
    ReminderState,
    Delegation,
)


def snapshot(services) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Every row that refers to a contact, and every contact's fields and children."""
    db = services.db
    tables = {model.__tablename__: rows_of(db, model) for model in REFERRING}
    with db.session() as session:
        tables["duplicate_dismissed"] = q.dismissed_pairs(session)
        tables["successors"] = set(
            session.execute(select(Contact.__table__.c.id, Contact.__table__.c.successor_of_id))
        )
    ids = services.contacts.search("", include_archived=True)
    tables["contacts"] = {i: services.contacts.get(i).draft for i in ids}
    return tables


def test_a_merge_keeps_every_email_phone_link_and_the_search_finds_it(
    demo_services, duplicates, twin
) -> None:  # type: ignore[no-untyped-def]
    db, other = demo_services.db, twin["other"]
    kept_before = demo_services.contacts.get(WANG_FANG)
    interactions = {r[0] for r in rows_of(db, InteractionContact, contact_id=WANG_FANG)}
    interactions |= {r[0] for r in rows_of(db, InteractionContact, contact_id=other)}

    result = duplicates.merge(WANG_FANG, other)

    kept = demo_services.contacts.get(WANG_FANG)
    assert kept.version == kept_before.version + 1
    assert kept.draft.emails == [
        "wangfang@hefei.gov.cn.example",
        "office7@example.cn",
    ]  # the same address in another case is one address
    assert kept.draft.phones == ["+86 551 6353 7102", "+86 139 5510 4471", "+86 138 0000 1111"]
    assert kept.draft.tags == ["Port forum", "VIP", "delegation 2025", "greeting list"]
    assert kept.draft.given_name == "Fang" and kept.draft.wechat == "wangfang_hf"
    assert kept.draft.notes == kept_before.draft.notes + "\n\nMet at the port forum."
    with pytest.raises(DomainError):
        demo_services.contacts.get(other)
    # Every interaction once, the one they shared too.
    assert {r[0] for r in rows_of(db, InteractionContact, contact_id=WANG_FANG)} == interactions
    assert rows_of(db, InteractionContact, contact_id=other) == set()
    members = {r[0]: r[2] for r in rows_of(db, DelegationMember, contact_id=WANG_FANG)}
    assert members[twin["shared_delegation"]] == "deputy coordinator"  # the fuller role
    assert members[twin["other_delegation"]] == ""
    assert rows_of(db, Delegation, id=twin["other_delegation"], leader_id=WANG_FANG)
    assert rows_of(
        db, PartnershipChampion, partnership_id=twin["partnership"], contact_id=WANG_FANG
    )
    assert rows_of(db, AgreementSignatory, agreement_id=twin["agreement"], contact_id=WANG_FANG)
    assert rows_of(db, Gift, id="gift-for-fanny", contact_id=WANG_FANG)
    assert demo_services.contacts.get(twin["third"]).draft.successor_of_id == WANG_FANG
    greeted = {(r[2], r[6]) for r in rows_of(db, GreetingSent, contact_id=WANG_FANG)}
    assert greeted == {(2025, f"<{other}-2025>"), (2026, f"<{WANG_FANG}-2026>")}
    assert rows_of(db, ReminderState, key=f"birthday:contact:{WANG_FANG}:2027-03-01")
    with db.session() as session:
        assert q.dismissed_pairs(session) == {q.ordered(WANG_FANG, HAUGLAND)}

    assert result.moved["interaction_contact"] >= 1 and result.dropped["interaction_contact"] == 1
    assert result.dropped == {"interaction_contact": 1, "delegation_member": 1, "greeting_sent": 1}
    assert {k: result.moved[k] for k in ("contact_email", "contact_phone", "contact_tag")} == {
        "contact_email": 1,
        "contact_phone": 1,
        "contact_tag": 1,
    }
    assert result.changes.contacts == {WANG_FANG, other, twin["third"]}
    assert twin["partnership"] in result.changes.partnerships

    # The other's name is gone, its e-mail address finds the merged contact.
    assert demo_services.contacts.search("Fanny") == []
    assert demo_services.contacts.search("office7@example.cn") == [WANG_FANG]
    assert check(db).integrity == "ok"


def test_choices_take_the_other_value(demo_services, duplicates, twin) -> None:  # type: ignore[no-untyped-def]
    duplicates.merge(WANG_FANG, twin["other"], choices={"given_name": "other", "wechat": "other"})
    kept = demo_services.contacts.get(WANG_FANG).draft
    assert (kept.given_name, kept.wechat, kept.name_zh) == ("Fanny", "fanny_w", "王芳")
    assert demo_services.contacts.search("Fanny") == [WANG_FANG]


def test_undo_puts_both_back_exactly(demo_services, duplicates, twin) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(demo_services)
    result = duplicates.merge(twin["other"], WANG_FANG)  # the other way round, for a change
    assert snapshot(demo_services) != before
    changes = duplicates.unmerge(result)
    assert changes == result.changes
    assert snapshot(demo_services) == before
    assert check(demo_services.db).integrity == "ok"
    assert demo_services.contacts.search("Fanny") == [twin["other"]]
    # And again: redo after undo.
    again = duplicates.merge(twin["other"], WANG_FANG)
    duplicates.unmerge(again)
    assert snapshot(demo_services) == before


def test_undo_refuses_when_the_kept_contact_changed_since(demo_services, duplicates, twin) -> None:  # type: ignore[no-untyped-def]
    result: MergeResult = duplicates.merge(WANG_FANG, twin["other"])
    record = demo_services.contacts.get(WANG_FANG)
    draft = record.draft
    draft.position = "Deputy Director-General"
    demo_services.contacts.update(WANG_FANG, draft, expected_version=record.version)
    with pytest.raises(DomainError):
        duplicates.unmerge(result)
    with pytest.raises(DomainError):
        demo_services.contacts.get(twin["other"])  # nothing was done


def test_a_merge_refuses_nonsense(demo_services, duplicates) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError):
        duplicates.merge(WANG_FANG, WANG_FANG)
    with pytest.raises(DomainError):
        duplicates.merge(WANG_FANG, "00000000-0000-0000-0000-000000000000")
    with pytest.raises(ValueError):
        duplicates.merge(WANG_FANG, MULLER, choices={"emails": "other"})


def test_merged_draft_fills_empty_fields_from_the_other() -> None:
    keep = ContactDraft(family_name="Wang", given_name="Fang", position="", birthday="")
    other = ContactDraft(
        family_name="Wang",
        given_name="F.",
        position="Director",
        birthday="--08-15",
        birthday_calendar=CalendarKind.LUNAR,
        notes="Likes tea.",
    )
    merged = dup.merged_draft(keep, other)
    assert (merged.given_name, merged.position, merged.birthday) == ("Fang", "Director", "--08-15")
    assert merged.birthday_calendar == CalendarKind.LUNAR
    assert merged.notes == "Likes tea."
    assert dup.field_differs(keep, other, "birthday")
    assert not dup.field_differs(keep, other, "family_name")


def model_modules() -> None:
    """Import every model module of the store, so a new table is on the metadata."""
    for module in pkgutil.iter_modules(crm.store.__path__):
        if module.name.endswith("models"):
            importlib.import_module(f"crm.store.{module.name}")


def test_every_reference_to_a_contact_is_handled_by_merge(demo_services) -> None:  # type: ignore[no-untyped-def]
    model_modules()
    declared = {
        (table.name, fk.parent.name)
        for table in SQLModel.metadata.tables.values()
        for fk in table.foreign_keys
        if fk.column.table.name == "contact" and fk.column.name == "id"
    }
    with demo_services.db.session() as session:
        in_database = {(r.table, r.column) for r in q.contact_references(session)}
    assert declared == in_database
    unhandled = declared - dup.HANDLED_REFERENCES
    assert not unhandled, f"teach DuplicateService.merge about {sorted(unhandled)}"
    # Nor does the list name a column that is not there any more.
    assert declared >= dup.HANDLED_REFERENCES


def test_counting_rows_agrees_after_merge_and_undo(demo_services, duplicates, twin) -> None:  # type: ignore[no-untyped-def]
    def counts() -> dict[str, int]:
        with demo_services.db.session() as session:
            return {
                t.name: session.execute(select(func.count()).select_from(t)).scalar_one()
                for t in SQLModel.metadata.sorted_tables
            }

    before = counts()
    result = duplicates.merge(WANG_FANG, twin["other"])
    assert counts()["contact"] == before["contact"] - 1
    duplicates.unmerge(result)
    assert counts() == before


def test_a_merge_and_its_undo_name_who_made_them(demo_services, twin) -> None:  # type: ignore[no-untyped-def]
    demo_services.acting.use("Anna Berg")
    result = demo_services.duplicates.merge(WANG_FANG, twin["other"])
    assert demo_services.contacts.get(WANG_FANG).updated_by == "Anna Berg"
    demo_services.acting.use("Li Na")
    demo_services.duplicates.unmerge(result)
    assert demo_services.contacts.get(WANG_FANG).updated_by == "Li Na"
    assert demo_services.contacts.get(twin["other"]).updated_by == "Li Na"
