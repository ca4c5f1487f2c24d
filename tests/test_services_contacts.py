"""Contacts as a user meets them: finding people in the sample office, editing, deleting, undoing."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from typing import Any

import pytest
from anyascii import anyascii

from crm.domain.contacts import ContactDraft, ContactStatus
from crm.domain.dates import CalendarKind
from crm.domain.text import DomainError
from crm.services.conflicts import ChangedElsewhere
from crm.services.demo import load_demo, sample_file

SAMPLE: dict[str, Any] = json.loads(sample_file().read_text(encoding="utf-8"))
CONTACTS: list[dict[str, Any]] = SAMPLE["contacts"]
ORGANISATIONS = {o["id"]: o for o in SAMPLE["organisations"]}


def sample_id(**fields: str) -> str:
    """The id of the one sample contact with these field values."""
    found = [c["id"] for c in CONTACTS if all(c.get(k) == v for k, v in fields.items())]
    assert len(found) == 1, fields
    return found[0]


WANG_FANG = sample_id(name_zh="王芳")
MULLER = sample_id(family_name="Müller")
ODEGARD = sample_id(family_name="Ødegård")
SHAN_LIHUA = sample_id(name_zh="单丽华")
ZENG_ZHIQIANG = sample_id(name_zh="曾志强")
LI_JIANGUO = sample_id(name_zh="李建国")
CHEN_XIAODONG = sample_id(name_zh="陈晓东")
HEFEI_FAO = next(i for i, o in ORGANISATIONS.items() if o["name_zh"] == "合肥市人民政府外事办公室")


def organisation_of(contact: dict[str, Any]) -> dict[str, Any]:
    return ORGANISATIONS.get(contact.get("organisation") or "", {"name": "", "name_zh": ""})


# Finding people -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["王芳", "芳", "wangfang", "wang fang", "wf", "WANG", "Fang Wang"]
)
def test_every_way_of_typing_wang_fang_finds_exactly_her(demo_services, query: str) -> None:  # type: ignore[no-untyped-def]
    assert demo_services.contacts.search(query) == [WANG_FANG]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("muller", MULLER),
        ("mueller", MULLER),
        ("Müll", MULLER),
        ("odegard", ODEGARD),
        ("Ødegård", ODEGARD),
        ("shan", SHAN_LIHUA),
        ("单丽华", SHAN_LIHUA),
        ("zeng", ZENG_ZHIQIANG),
        ("zeng zhiqiang", ZENG_ZHIQIANG),
        ("katrin.mueller@hamburg", MULLER),
    ],
)
def test_names_with_accents_and_surname_readings_are_found(
    demo_services,  # type: ignore[no-untyped-def]
    query: str,
    expected: str,
) -> None:
    assert demo_services.contacts.search(query) == [expected]


def test_an_email_fragment_finds_its_owner(demo_services) -> None:  # type: ignore[no-untyped-def]
    expected = sample_id(family_name="Claes")
    assert demo_services.contacts.search("lotte.claes") == [expected]
    assert demo_services.contacts.search("lotte.claes@antwerpen") == [expected]


def test_an_organisation_word_finds_its_people(demo_services) -> None:  # type: ignore[no-untyped-def]
    expected = {
        c["id"]
        for c in CONTACTS
        if "Hefei" in organisation_of(c)["name"] or any("@hefei." in e for e in c["emails"])
    }
    found = demo_services.contacts.search("Hefei")
    assert set(found) == expected
    assert WANG_FANG in found and len(found) >= 5


def test_the_chinese_name_of_a_city_finds_its_people(demo_services) -> None:  # type: ignore[no-untyped-def]
    expected = {c["id"] for c in CONTACTS if "合肥" in organisation_of(c)["name_zh"]}
    assert set(demo_services.contacts.search("合肥")) == expected
    # The same characters in another order are another word.
    assert demo_services.contacts.search("肥合") == []


def test_a_tag_finds_its_people(demo_services) -> None:  # type: ignore[no-untyped-def]
    expected = {c["id"] for c in CONTACTS if any(t.casefold() == "vip" for t in c["tags"])}
    assert set(demo_services.contacts.search("VIP")) == expected
    assert set(demo_services.contacts.search("vip")) == expected


def test_search_terms_narrow_each_other(demo_services) -> None:  # type: ignore[no-untyped-def]
    assert demo_services.contacts.search("VIP 合肥") == [
        c
        for c in demo_services.contacts.search("合肥")
        if c in demo_services.contacts.search("vip")
    ]
    assert demo_services.contacts.search("Müller 合肥") == []


def test_search_is_ordered_by_family_name_with_accents_folded(demo_services) -> None:  # type: ignore[no-untyped-def]
    rows = demo_services.contacts.rows(demo_services.contacts.search(""))
    assert len(rows) == len(CONTACTS)
    keys = [anyascii(f"{r.family_name} {r.given_name}").casefold() for r in rows]
    assert keys == sorted(keys)
    families = [r.family_name for r in rows]
    # Ødegård sorts among the O's and Þórsdóttir among the T's, not after Z.
    assert families.index("Nowak") < families.index("Ødegård") < families.index("Ouyang")
    assert families.index("Thomsen") < families.index("Þórsdóttir") < families.index("Thygesen")


def test_archived_contacts_are_hidden_unless_asked_for(demo_services) -> None:  # type: ignore[no-untyped-def]
    contacts = demo_services.contacts
    contacts.set_archived(WANG_FANG, True)
    assert contacts.search("wang fang") == []
    assert WANG_FANG not in contacts.search("")
    assert contacts.search("wang fang", include_archived=True) == [WANG_FANG]
    everyone = contacts.search("", include_archived=True)
    assert everyone[-1] == WANG_FANG  # archived people come after the others
    contacts.set_archived(WANG_FANG, False)
    assert contacts.search("王芳") == [WANG_FANG]


# Creating and changing ------------------------------------------------------------------------


def full_draft(services) -> ContactDraft:  # type: ignore[no-untyped-def]
    owner, _ = services.directory.create_staff(name="Anna Berg", email="anna@aalborg.dk.example")
    organisation, _ = services.directory.create_organisation(
        name="Wuhan Municipal Foreign Affairs Office",
        name_zh="武汉市人民政府外事办公室",
        kind="fao",
    )
    predecessor, _ = services.contacts.create(ContactDraft(family_name="Wu", name_zh="吴德明"))
    return ContactDraft(
        family_name="Luo",
        given_name="Jingyi",
        name_zh="罗静怡",
        honorific="Ms",
        position="Deputy Director",
        position_zh="副处长",
        organisation_id=organisation,
        emails=["luojingyi@wuhan.gov.cn.example", "jingyi.luo@example.com"],
        phones=["+86 27 8283 1234"],
        wechat="luojy_wh",
        language="zh_CN",
        birthday="1987-06-12",
        birthday_calendar=CalendarKind.LUNAR,
        birthday_leap_month=True,
        tags=["greeting list", "delegation 2025"],
        owner_id=owner,
        status=ContactStatus.ACTIVE,
        successor_of_id=predecessor,
        notes="喜欢绿茶。\nPrefers green tea.",
    )


def test_create_then_get_gives_back_every_field(services) -> None:  # type: ignore[no-untyped-def]
    draft = full_draft(services)
    contact_id, changes = services.contacts.create(draft)
    assert uuid.UUID(contact_id).version == 4
    assert changes.contacts == {contact_id}

    record = services.contacts.get(contact_id)
    assert record.id == contact_id
    assert record.version == 1
    assert not record.archived
    assert replace(record.draft, tags=sorted(record.draft.tags)) == replace(
        draft, tags=sorted(draft.tags)
    )
    assert services.contacts.search("罗静怡") == [contact_id]
    assert services.contacts.search("luo jingyi") == [contact_id]


def test_a_contact_can_be_created_with_a_given_id(services) -> None:  # type: ignore[no-untyped-def]
    wanted = str(uuid.uuid4())
    contact_id, _ = services.contacts.create(ContactDraft(name_zh="王芳"), contact_id=wanted)
    assert contact_id == wanted
    assert services.contacts.get(wanted).draft.name_zh == "王芳"


def test_create_refuses_an_invalid_contact_and_saves_nothing(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError):
        services.contacts.create(ContactDraft(family_name="Holst", emails=["not an address"]))
    assert services.contacts.count() == 0


def test_create_refuses_an_owner_who_is_not_staff(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError) as caught:
        services.contacts.create(ContactDraft(family_name="Holst", owner_id=str(uuid.uuid4())))
    assert caught.value.field == "owner_id"
    assert services.contacts.count() == 0


def test_update_changes_the_contact_and_its_version(demo_services) -> None:  # type: ignore[no-untyped-def]
    contacts = demo_services.contacts
    record = contacts.get(WANG_FANG)
    changed = replace(record.draft, position="Deputy Director-General", tags=["VIP"])
    assert contacts.update(WANG_FANG, changed, expected_version=record.version).contacts == {
        WANG_FANG
    }
    after = contacts.get(WANG_FANG)
    assert after.version == record.version + 1
    assert after.draft.position == "Deputy Director-General"
    assert after.draft.tags == ["VIP"]
    assert contacts.search("deputy director general 王芳") == [WANG_FANG]


def test_update_with_a_stale_version_is_refused_and_changes_nothing(demo_services) -> None:  # type: ignore[no-untyped-def]
    contacts = demo_services.contacts
    opened = contacts.get(WANG_FANG)
    # Someone else saves first…
    contacts.update(
        WANG_FANG,
        replace(opened.draft, notes="Saved by a colleague."),
        expected_version=opened.version,
    )
    saved = contacts.get(WANG_FANG)
    # …then this editor saves what it opened earlier.
    stale = replace(opened.draft, family_name="Wong", emails=["other@example.com"], tags=[])
    with pytest.raises(ChangedElsewhere):
        contacts.update(WANG_FANG, stale, expected_version=opened.version)
    assert contacts.get(WANG_FANG) == saved
    assert contacts.search("wong") == []
    assert contacts.search("wang fang") == [WANG_FANG]


def test_update_of_a_deleted_contact_says_it_no_longer_exists(demo_services) -> None:  # type: ignore[no-untyped-def]
    record = demo_services.contacts.get(WANG_FANG)
    demo_services.contacts.delete(WANG_FANG)
    with pytest.raises(DomainError, match="no longer exists"):
        demo_services.contacts.update(WANG_FANG, record.draft, expected_version=record.version)


def test_delete_then_restore_brings_the_contact_back_whole(demo_services) -> None:  # type: ignore[no-untyped-def]
    contacts = demo_services.contacts
    before = contacts.get(LI_JIANGUO)
    assert contacts.get(CHEN_XIAODONG).draft.successor_of_id == LI_JIANGUO

    deleted, changes = contacts.delete(LI_JIANGUO)
    assert changes.contacts == {LI_JIANGUO, CHEN_XIAODONG}
    with pytest.raises(DomainError, match="no longer exists"):
        contacts.get(LI_JIANGUO)
    assert contacts.search("李建国") == []
    assert contacts.get(CHEN_XIAODONG).draft.successor_of_id is None
    assert contacts.count() == len(CONTACTS) - 1

    contacts.restore(deleted)
    after = contacts.get(LI_JIANGUO)
    assert after.id == LI_JIANGUO
    assert after.draft.emails == before.draft.emails
    assert after.draft.phones == before.draft.phones
    assert after.draft.tags == before.draft.tags
    assert after.draft == before.draft
    assert contacts.get(CHEN_XIAODONG).draft.successor_of_id == LI_JIANGUO
    assert contacts.search("李建国") == [LI_JIANGUO]
    assert contacts.count() == len(CONTACTS)


def test_renaming_an_organisation_moves_its_people_to_the_new_name(demo_services) -> None:  # type: ignore[no-untyped-def]
    members = {c["id"] for c in CONTACTS if c["organisation"] == HEFEI_FAO}
    contacts = demo_services.contacts
    assert set(contacts.search("合肥市人民政府外事办公室")) == members

    changes = demo_services.directory.rename_organisation(
        HEFEI_FAO, name="Anhui Liaison Bureau", name_zh="安徽联络局"
    )
    assert changes.contacts == members
    assert set(contacts.search("安徽联络局")) == members
    assert set(contacts.search("anhui liaison")) == members
    assert contacts.search("合肥市人民政府外事办公室") == []
    assert contacts.search("外事办公室 王芳") == []
    assert {r.organisation for r in contacts.rows(sorted(members))} == {"Anhui Liaison Bureau"}


# The sample office ----------------------------------------------------------------------------


def test_loading_the_sample_office_twice_adds_nothing(demo_services) -> None:  # type: ignore[no-untyped-def]
    contacts_before = demo_services.contacts.count()
    organisations_before = len(demo_services.directory.organisations())
    staff_before = len(demo_services.directory.staff())
    report = load_demo(demo_services.db)
    assert report.created == 0
    assert report.already_there > 0
    assert not report.changes.everything
    assert demo_services.contacts.count() == contacts_before == len(CONTACTS)
    assert len(demo_services.directory.organisations()) == organisations_before
    assert len(demo_services.directory.staff()) == staff_before


def test_the_sample_office_looks_like_a_real_one(demo_services) -> None:  # type: ignore[no-untyped-def]
    contacts = demo_services.contacts
    rows = contacts.rows(contacts.search("", include_archived=True))
    assert len(rows) >= 40

    places = {p.id: p for p in demo_services.directory.places()}
    assert places
    with_contacts = {r.organisation for r in rows}
    partner_places = {
        (o.place, o.place_zh)
        for o in demo_services.directory.organisations()
        if o.place and o.name in with_contacts and o.place != "Aalborg"
    }
    assert len(partner_places) >= 6
    chinese_partner_cities = {
        p.name
        for p in places.values()
        if p.country == "CN" and (p.name, p.name_zh) in partner_places
    }
    assert len(chinese_partner_cities) >= 6

    assert sum(1 for r in rows if r.name_zh) >= 15
    assert any(not f"{r.family_name}{r.given_name}".isascii() for r in rows)
    statuses = [r.status for r in rows]
    assert statuses.count("moved_on") >= 1
    assert statuses.count("deceased") == 1
    assert next(r for r in rows if r.status == "deceased").name_zh == "吴德明"

    birthdays = [r for r in rows if r.birthday]
    assert {r.birthday_calendar for r in birthdays} == {"gregorian", "lunar"}
    assert any(r.birthday.startswith("--") for r in birthdays)
    assert any(not r.birthday.startswith("--") for r in birthdays)
    leap = [r for r in birthdays if r.birthday_leap_month]
    assert [r.name_zh for r in leap] == ["罗静怡"]
    assert len({r.owner for r in rows if r.owner}) >= 2


def test_a_successor_in_the_sample_points_at_a_contact_who_moved_on(demo_services) -> None:  # type: ignore[no-untyped-def]
    chen = demo_services.contacts.get(CHEN_XIAODONG)
    predecessor = demo_services.contacts.get(chen.draft.successor_of_id)
    assert predecessor.draft.status is ContactStatus.MOVED_ON


# Staff and organisations ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Anna Berg", "anna berg", "  ANNA   BERG "])
def test_create_staff_refuses_a_duplicate(demo_services, name: str) -> None:  # type: ignore[no-untyped-def]
    before = len(demo_services.directory.staff())
    with pytest.raises(DomainError, match="already exists"):
        demo_services.directory.create_staff(name=name)
    assert len(demo_services.directory.staff()) == before


@pytest.mark.parametrize("name", ["", "   "])
def test_create_staff_refuses_an_empty_name(services, name: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError) as caught:
        services.directory.create_staff(name=name)
    assert caught.value.field == "name"
    assert services.directory.staff() == []


def test_create_staff_refuses_a_bad_email(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError, match="anna at aalborg"):
        services.directory.create_staff(name="Anna Berg", email="anna at aalborg")


def test_create_staff_tidies_spaces(services) -> None:  # type: ignore[no-untyped-def]
    services.directory.create_staff(name="  Louise   Dahl Nielsen ")
    assert [s.name for s in services.directory.staff()] == ["Louise Dahl Nielsen"]
    assert services.directory.staff_by_name("louise dahl nielsen") is not None


def test_create_staff_refuses_a_duplicate_differing_in_accented_capitals(services) -> None:  # type: ignore[no-untyped-def]
    services.directory.create_staff(name="Øystein Berg")
    with pytest.raises(DomainError, match="already exists"):
        services.directory.create_staff(name="øystein berg")


@pytest.mark.parametrize("name", ["Port of Aalborg", "PORT OF AALBORG", " port of aalborg "])
def test_create_organisation_refuses_a_duplicate(demo_services, name: str) -> None:  # type: ignore[no-untyped-def]
    before = len(demo_services.directory.organisations())
    with pytest.raises(DomainError, match="already exists"):
        demo_services.directory.create_organisation(name=name)
    assert len(demo_services.directory.organisations()) == before


def test_create_organisation_refuses_an_empty_name(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError) as caught:
        services.directory.create_organisation(name="  ", name_zh=" ")
    assert caught.value.field == "name"
    assert services.directory.organisations() == []


def test_an_organisation_known_only_by_its_chinese_name_is_created(services) -> None:  # type: ignore[no-untyped-def]
    services.directory.create_organisation(name="", name_zh="合肥市外办")
    [organisation] = services.directory.organisations()
    assert organisation.name_zh == "合肥市外办"
    assert organisation.name == "合肥市外办"


def test_renaming_an_organisation_to_nothing_is_refused(demo_services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError):
        demo_services.directory.rename_organisation(HEFEI_FAO, name=" ", name_zh="")
