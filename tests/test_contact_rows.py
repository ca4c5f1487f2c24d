"""Contacts written many at once (`ContactRows`) are the rows `insert_contact` and
`update_contact` write one by one; and the bulk readings (`as_dicts`, `current_drafts`) give what
reading one contact at a time gives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from crm.domain.contacts import ContactDraft, ContactStatus
from crm.domain.dates import CalendarKind
from crm.domain.text import DomainError
from crm.services.contact_rows import ContactRows, current_drafts
from crm.services.contacts import draft_from, insert_contact, update_contact
from crm.store import contacts as q
from crm.store.models import Contact, Organisation, Staff

TIMESTAMPS = {"created_at", "updated_at"}


def drafts(organisation_id: str, owner_id: str) -> list[ContactDraft]:
    return [
        ContactDraft(
            family_name="Müller",
            given_name="Katrin",
            honorific="Dr",
            position="Head of Asia Desk",
            organisation_id=organisation_id,
            emails=["katrin@example.org", "k.mueller@example.com"],
            phones=["+49 40 42831 2204"],
            tags=["Greeting list", "VIP"],  # as they are read back
            birthday="--04-15",
            notes="Two lines\nof notes",
            owner_id=owner_id,
        ).validate(),
        ContactDraft(
            name_zh="单丽华",
            position_zh="处长",
            organisation_id=organisation_id,
            wechat="shan_lh",
            language="zh_CN",
            birthday="2023-02-10",  # lunar 2023 has a leap 2nd month
            birthday_calendar=CalendarKind.LUNAR,
            birthday_leap_month=True,
            status=ContactStatus.MOVED_ON,
            keep_in_touch_days=90,
        ).validate(),
        ContactDraft(family_name="Berg", given_name="Ole").validate(),
    ]


@pytest.fixture
def references(services: Any) -> tuple[str, str]:
    with services.db.write() as session:
        organisation = Organisation(name="Hamburg Chamber of Commerce", name_zh="汉堡商会")
        staff = Staff(name="Anna Berg")
        session.add_all([organisation, staff])
        session.flush()
        return organisation.id, staff.id


def table(services: Any) -> dict[str, dict[str, Any]]:
    """Every contact row (no timestamps), with its children; the search index checked."""
    found = {}
    with services.db.session() as session:
        for row in session.execute(select(Contact.__table__)):  # type: ignore[attr-defined]
            values = {k: v for k, v in row._mapping.items() if k not in TIMESTAMPS}
            values["children"] = q.child_values(session, row.id)
            found[row.id] = values
    if services.db.is_sqlite:  # the index holds what the rows hold, or this fails
        with services.db.write() as session:
            session.connection().exec_driver_sql(
                "INSERT INTO contact_fts(contact_fts, rank) VALUES ('integrity-check', 1)"
            )
    return found


def test_rows_are_what_insert_contact_writes(services: Any, references: tuple[str, str]) -> None:
    ids = ["00000000-0000-4000-8000-00000000000" + str(i) for i in range(3)]
    with services.db.write() as session:
        for contact_id, draft in zip(ids, drafts(*references), strict=True):
            insert_contact(session, draft, contact_id=contact_id)
    one_by_one = table(services)
    with services.db.write() as session:
        session.execute(Contact.__table__.delete())  # type: ignore[attr-defined]
    with services.db.write() as session:
        rows = ContactRows(session)
        for contact_id, draft in zip(ids, drafts(*references), strict=True):
            assert insert_contact(session, draft, contact_id=contact_id, rows=rows) == contact_id
        rows.flush()
    assert table(services) == one_by_one
    assert services.contacts.search("单丽华") == [ids[1]]
    assert services.contacts.search("mueller katrin") == [ids[0]]
    assert services.contacts.search("汉堡") == ids[:2]


def test_updates_are_what_update_contact_writes(services: Any, references: tuple[str, str]) -> None:
    first, second, third = drafts(*references)
    with services.db.write() as session:
        ids = [insert_contact(session, d) for d in (first, second)]
    changed = ContactDraft(
        family_name="Müller-Lüdenscheidt",
        given_name="Katrin",
        emails=["new@example.org"],
        tags=["Port"],
    ).validate()
    with services.db.write() as session:
        update_contact(session, ids[0], changed)
    one_by_one = table(services)[ids[0]]
    with services.db.write() as session:
        update_contact(session, ids[0], first)
    with services.db.write() as session:
        rows = ContactRows(session)
        update_contact(session, ids[0], changed, rows=rows)
        rows.flush()
    in_rows = table(services)[ids[0]]
    assert in_rows == {**one_by_one, "version": one_by_one["version"] + 2}
    assert services.contacts.search("ludenscheidt") == [ids[0]]
    assert ids[0] not in services.contacts.search("com")  # k.mueller@example.com is gone


def test_a_contact_updated_twice_goes_up_two_versions(
    services: Any, references: tuple[str, str]
) -> None:
    """As the contact written, then changed twice, one statement at a time would be."""
    first, second, _third = drafts(*references)
    with services.db.write() as session:
        existing = insert_contact(session, first)
    with services.db.write() as session:
        rows = ContactRows(session)
        new = insert_contact(session, second, rows=rows)
        update_contact(session, new, first, rows=rows)
        for draft in (second, first):
            update_contact(session, existing, draft, rows=rows)
        update_contact(session, new, second, rows=rows)
        rows.flush()
    assert services.contacts.get(new).version == 3
    assert services.contacts.get(new).draft == second
    assert services.contacts.get(existing).version == 3
    assert services.contacts.get(existing).draft == first


def test_rows_check_references_as_insert_contact_does(
    services: Any, references: tuple[str, str]
) -> None:
    first = drafts(*references)[0]
    for field, problem in (
        ("organisation_id", "organisation"),
        ("owner_id", "staff member"),
        ("successor_of_id", "succeeds"),
    ):
        draft = ContactDraft(**{**first.__dict__, field: "no-such-id"})
        with pytest.raises(DomainError) as raised, services.db.write() as session:
            insert_contact(session, draft, rows=ContactRows(session))
        assert problem in raised.value.render()
    assert services.contacts.count() == 0


def test_current_drafts_are_each_contacts_draft(demo_services: Any) -> None:
    ids = demo_services.contacts.search("", include_archived=True)
    with demo_services.db.session() as session:
        read = current_drafts(session, [*ids, "no-such-id", ids[0]])
        one_by_one = {
            i: draft_from(session.get(Contact, i), *q.child_values(session, i)) for i in ids
        }
    assert read == one_by_one


def test_as_dicts_is_each_contact_as_it_was_read_alone(demo_services: Any) -> None:
    """The reading `as_dicts` did before it read contacts a block at a time."""
    ids = demo_services.contacts.search("", include_archived=True)
    expected = []
    with demo_services.db.session() as session:
        for row in q.rows(session, ids):
            contact = session.get(Contact, row.id)
            emails, phones, tags = q.child_values(session, row.id)
            expected.append(
                {
                    **{k: getattr(row, k) for k in ("id", "family_name", "given_name")},
                    **{k: getattr(row, k) for k in ("name_zh", "pinyin", "honorific")},
                    **{k: getattr(row, k) for k in ("position", "position_zh", "organisation")},
                    "emails": emails,
                    "phones": phones,
                    "wechat": contact.wechat,
                    "birthday": row.birthday or None,
                    "birthday_calendar": row.birthday_calendar,
                    "birthday_leap_month": row.birthday_leap_month,
                    "language": row.language,
                    "tags": tags,
                    "owner": row.owner,
                    "status": row.status,
                    "successor_of": contact.successor_of_id,
                    "archived": row.archived,
                    "notes": contact.notes,
                }
            )
    found = demo_services.contacts.as_dicts([*ids, ids[3]])
    assert found == [*expected, expected[3]]
    assert json.dumps(found, ensure_ascii=False) == json.dumps(
        [*expected, expected[3]], ensure_ascii=False
    )
    assert demo_services.contacts.as_dicts([]) == []


def test_one_person_twice_in_a_file_is_created_then_updated(services: Any, tmp_path: Path) -> None:
    path = tmp_path / "twice.csv"
    path.write_text(
        "First Name,Last Name,E-mail Address,Mobile Phone,Notes\r\n"
        "Mette,Andersen,mette@example.org,+45 20 12 34 56,First note\r\n"
        "Mette,Andersen,mette.a@example.com,,Second note\r\n"
        "Mette,Andersen,mette@example.org,+45 20 12 34 56,First note\r\n",
        encoding="utf-8",
    )
    report, changes = services.importer.import_file(path)
    assert (report.created, report.updated, report.skipped, report.errors) == (1, 1, 1, [])
    [contact_id] = changes.contacts
    record = services.contacts.get(contact_id)
    assert record.version == 2
    assert record.draft.emails == ["mette@example.org", "mette.a@example.com"]
    assert record.draft.notes == "First note\n\nSecond note"
    assert services.contacts.search("mette.a") == [contact_id]
