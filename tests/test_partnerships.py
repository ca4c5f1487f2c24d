"""Partnerships, places and agreements as an office keeps them: drafts, list, search, detail,
agreements with signatories, documents copied safely into the data folder."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from sqlalchemy import insert

from crm.domain.partnership_rules import AgreementDraft, PartnershipDraft, PlaceDraft
from crm.domain.partnerships import AgreementKind, PartnershipStatus, PartnershipType
from crm.domain.text import DomainError, ValidationErrors
from crm.services.conflicts import ChangedElsewhere
from crm.store import partnership_detail as detail_q
from crm.store.models import Organisation
from crm.store.partnership_models import Delegation, DelegationMember, FollowUp

TODAY = dt.date(2026, 5, 1)


def errors_of(error: ValidationErrors) -> dict[str, str]:
    return {e.field or "": e.text.source for e in error.errors}


# Drafts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["1985", "1986-10", "2009-10-29", " 1986-1 "])
def test_a_partnership_is_formalised_on_a_partial_date(value: str) -> None:
    clean = PartnershipDraft(place_id="p", formalised_on=value).validate()
    assert clean.formalised_on in {"1985", "1986-10", "2009-10-29", "1986-01"}


@pytest.mark.parametrize("value", ["85", "1986-13", "2009-02-30", "--10-29", "October 1986"])
def test_a_wrong_formalised_on_is_refused_beside_its_field(value: str) -> None:
    with pytest.raises(ValidationErrors) as raised:
        PartnershipDraft(place_id="p", formalised_on=value).validate()
    assert set(errors_of(raised.value)) == {"formalised_on"}


def test_a_partnership_needs_its_partner_place() -> None:
    with pytest.raises(ValidationErrors) as raised:
        PartnershipDraft(areas=["Trade", " trade ", "Culture"]).validate()
    assert set(errors_of(raised.value)) == {"place_id"}
    clean = PartnershipDraft(place_id="p", areas=["Trade", " trade ", "Culture"]).validate()
    assert clean.areas == ["Trade", "Culture"]


@pytest.mark.parametrize("code", ["CN", "de", " no ", "XK"])
def test_a_place_has_an_iso_country_code(code: str) -> None:
    assert PlaceDraft("Somewhere", country=code).validate().country == code.strip().upper()


@pytest.mark.parametrize("code", ["", "C", "CHN", "ZZ", "EU", "QQ", "1A"])
def test_a_place_refuses_what_is_not_a_country(code: str) -> None:
    with pytest.raises(ValidationErrors) as raised:
        PlaceDraft("Somewhere", country=code).validate()
    assert set(errors_of(raised.value)) == {"country"}


def test_a_place_named_only_in_chinese_is_listed_by_that_name() -> None:
    assert PlaceDraft(name_zh="宁 波", country="CN").validate().name == "宁波"
    with pytest.raises(ValidationErrors) as raised:
        PlaceDraft(country="CN").validate()
    assert set(errors_of(raised.value)) == {"name"}


def test_agreement_dates_signed_partial_review_and_expiry_whole() -> None:
    clean = AgreementDraft(signed_on="2009-10", review_on="2027-05-31").validate()
    assert clean.signed_on == "2009-10"
    with pytest.raises(ValidationErrors) as raised:
        AgreementDraft(signed_on="2009-10", review_on="2027-05", expires_on="2009-09-30").validate()
    assert set(errors_of(raised.value)) == {"review_on", "expires_on"}
    # Known to the month only: expiring later that month is plausible.
    AgreementDraft(signed_on="2009-10", expires_on="2009-10-01").validate()


def test_only_a_contract_is_legally_binding() -> None:
    binding = {kind for kind in AgreementKind if kind.legally_binding}
    assert binding == {AgreementKind.CONTRACT}
    assert AgreementDraft(kind=AgreementKind.CONTRACT).legally_binding
    assert not AgreementDraft(kind=AgreementKind.MOU).legally_binding


# Fixtures -------------------------------------------------------------------------------------


@pytest.fixture
def office(services):  # type: ignore[no-untyped-def]
    """Two partner cities, a champion and a colleague in the first."""
    from crm.domain.contacts import ContactDraft

    hefei, _ = services.partnerships.create_place(
        name="Hefei", name_zh="合肥", country="CN", region="Anhui"
    )
    stavanger, _ = services.partnerships.create_place(name="Stavanger", country="NO")
    organisation, _ = services.directory.create_organisation(
        name="Hefei Foreign Affairs Office", place_id=hefei
    )
    wang, _ = services.contacts.create(
        ContactDraft(
            family_name="Wang",
            given_name="Fang",
            name_zh="王芳",
            position="Division Director",
            position_zh="欧洲处处长",
            organisation_id=organisation,
        )
    )
    chen, _ = services.contacts.create(
        ContactDraft(family_name="Chen", given_name="Li", organisation_id=organisation)
    )
    staff, _ = services.directory.create_staff(name="Anna Berg")
    return {"hefei": hefei, "stavanger": stavanger, "wang": wang, "chen": chen, "staff": staff}


@pytest.fixture
def partnership(services, office):  # type: ignore[no-untyped-def]
    new, _ = services.partnerships.create(
        PartnershipDraft(
            place_id=office["hefei"],
            type=PartnershipType.SISTER_CITY,
            formalised_on="1985",
            areas=["Culture", "Environment"],
            champion_ids=[office["wang"]],
            owner_id=office["staff"],
        )
    )
    return new


# Create, read, update -------------------------------------------------------------------------


def test_create_get_and_update_with_the_version_read(services, office, partnership) -> None:  # type: ignore[no-untyped-def]
    record = services.partnerships.get(partnership)
    assert record.version == 1
    assert record.place.name_zh == "合肥"
    assert record.draft.formalised_on == "1985"
    assert record.draft.areas == ["Culture", "Environment"]
    assert record.draft.champion_ids == [office["wang"]]
    draft = record.draft
    draft.formalised_on = "1986-10"
    draft.status = PartnershipStatus.DORMANT
    changes = services.partnerships.update(partnership, draft, expected_version=1)
    assert changes.partnerships == {partnership}
    again = services.partnerships.get(partnership)
    assert (again.version, again.draft.formalised_on, again.draft.status) == (
        2,
        "1986-10",
        PartnershipStatus.DORMANT,
    )


def test_a_stale_version_is_refused_and_changes_nothing(services, partnership) -> None:  # type: ignore[no-untyped-def]
    draft = services.partnerships.get(partnership).draft
    services.partnerships.update(partnership, draft, expected_version=1)
    draft.formalised_on = "1990"
    with pytest.raises(ChangedElsewhere):
        services.partnerships.update(partnership, draft, expected_version=1)
    assert services.partnerships.get(partnership).draft.formalised_on == "1985"


def test_references_that_do_not_exist_are_refused(services, office) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError) as raised:
        services.partnerships.create(PartnershipDraft(place_id="nowhere"))
    assert raised.value.field == "place_id"
    with pytest.raises(DomainError) as raised:
        services.partnerships.create(
            PartnershipDraft(place_id=office["hefei"], champion_ids=["nobody"])
        )
    assert raised.value.field == "champion_ids"


def test_new_places_are_listed_with_the_directory(services, office) -> None:  # type: ignore[no-untyped-def]
    names = [p.name for p in services.partnerships.places()]
    assert names == ["Hefei", "Stavanger"]
    assert [p.name for p in services.directory.places()] == names
    with pytest.raises(ValidationErrors):
        services.partnerships.create_place(name="Atlantis", country="AT LANTIS")


# List and search ------------------------------------------------------------------------------


def test_list_rows_show_last_contact_and_open_follow_ups(services, office, partnership) -> None:  # type: ignore[no-untyped-def]
    services.interactions.log("meeting", "2024-03-01", [office["wang"]], partnership)
    services.interactions.log("call", "2025-01-15", [], partnership)
    services.interactions.log("email", "2025-06-01", [office["wang"]])  # not about it
    with services.db.write() as session:
        visit = "visit-1"
        session.execute(
            insert(Delegation.__table__).values(  # type: ignore[attr-defined]
                id=visit,
                partnership_id=partnership,
                direction="incoming",
                title="Spring visit",
                start_on="2025-04-01",
                end_on="2025-04-03",
                status="done",
                purpose="",
                outcomes="",
                notes="",
                version=1,
                created_at=dt.datetime.now(dt.UTC),
                updated_at=dt.datetime.now(dt.UTC),
            )
        )
        for description, owner, done in (
            ("Send photos", {"partnership_id": partnership}, None),
            ("Sign the MoU", {"delegation_id": visit}, None),
            ("Book hotel", {"partnership_id": partnership}, dt.datetime.now(dt.UTC)),
        ):
            session.add(
                FollowUp(description=description, due_on="2025-05-01", done_at=done, **owner)
            )
    other, _ = services.partnerships.create(PartnershipDraft(place_id=office["stavanger"]))
    rows = {r.id: r for r in services.partnerships.rows()}
    assert [r.partner for r in services.partnerships.rows()] == ["Hefei", "Stavanger"]
    mine = rows[partnership]
    assert (mine.last_contact, mine.open_follow_ups, mine.champions) == ("2025-01-15", 2, 1)
    assert (mine.partner_zh, mine.country, mine.owner) == ("合肥", "CN", "Anna Berg")
    assert mine.areas == ("Culture", "Environment")
    assert (rows[other].last_contact, rows[other].open_follow_ups) == ("", 0)


@pytest.mark.parametrize(
    "query",
    ["hefei", "Hef", "合肥", "合", "hf", "he fei", "China", "中国", "cn", "culture", "anna"],
)
def test_search_finds_a_partner_by_any_of_its_names(services, partnership, query) -> None:  # type: ignore[no-untyped-def]
    assert [r.partner for r in services.partnerships.search(query)] == ["Hefei"]


def test_search_by_country_tells_partners_apart(services, office, partnership) -> None:  # type: ignore[no-untyped-def]
    services.partnerships.create(PartnershipDraft(place_id=office["stavanger"]))
    assert [r.partner for r in services.partnerships.search("norway")] == ["Stavanger"]
    assert [r.partner for r in services.partnerships.search("")] == ["Hefei", "Stavanger"]
    assert services.partnerships.search("ningbo") == []


# Detail ---------------------------------------------------------------------------------------


def test_the_detail_holds_everything_about_a_partnership(services, office, partnership) -> None:  # type: ignore[no-untyped-def]
    services.agreements.add(
        partnership,
        AgreementDraft(kind=AgreementKind.MOU, title="Friendship", signed_on="1985"),
    )
    services.agreements.add(
        partnership,
        AgreementDraft(kind=AgreementKind.CONTRACT, title="Water project", signed_on="2019-06"),
    )
    services.interactions.log("meeting", "2026-04-21", [office["chen"]], partnership)
    with services.db.write() as session:
        session.add(
            Delegation(
                id="d1",
                partnership_id=partnership,
                title="Mayor's visit",
                start_on="2025-09-10",
                leader_id=office["chen"],
            )
        )
        session.flush()
        session.add(DelegationMember(delegation_id="d1", contact_id=office["chen"], role="Mayor"))
        session.add(
            FollowUp(delegation_id="d1", description="Send the photos", due_on="2025-10-01")
        )
    detail = services.partnerships.detail(partnership, today=TODAY)
    assert detail.row.partner == "Hefei" and detail.row.formalised_on == "1985"
    assert [a.title for a in detail.agreements] == ["Water project", "Friendship"]
    assert [(d.title, d.leader) for d in detail.delegations] == [("Mayor's visit", "Li Chen")]
    assert [i.occurred_on for i in detail.interactions] == ["2026-04-21"]
    assert [p.name for p in detail.champions] == ["Wang Fang"]
    people = {p.name: p for p in detail.people}
    assert people["Wang Fang"].position_zh == "欧洲处处长"
    assert people["Li Chen"].delegation_roles == ("Mayor",)
    assert people["Li Chen"].in_partner_city
    assert [p.name for p in detail.people] == ["Wang Fang", "Li Chen"]
    assert [f.description for f in detail.follow_ups] == ["Send the photos"]
    assert detail.row.open_follow_ups == 1
    assert (detail.last_contact, detail.days_since_contact) == (dt.date(2026, 4, 21), 10)


@pytest.mark.sqlite_only
def test_the_detail_finds_follow_ups_and_partner_city_people_through_indexes(  # type: ignore[no-untyped-def]
    services, office, partnership, query_plans
) -> None:
    """Most follow-ups belong to no visit. Once the planner has statistics that say so, the
    visits' follow-ups must still be looked up, not found by reading every follow-up; and the
    partner city's organisations come from an index on their place."""
    with services.db.write() as session:
        for n in range(5):
            session.add(Delegation(id=f"d{n}", partnership_id=partnership, title=f"Visit {n}"))
        session.flush()
        session.execute(
            insert(FollowUp.__table__),  # type: ignore[attr-defined]
            [
                {"id": f"f{n}", "partnership_id": partnership, "description": ""}
                for n in range(3000)
            ],
        )
        session.add(FollowUp(delegation_id="d1", description="Send the photos"))
        session.add_all(
            Organisation(name=f"Office {n}", place_id=office["stavanger"]) for n in range(500)
        )
    with services.db.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    services.db.dispose()  # a new connection reads the new statistics

    def read(session):  # type: ignore[no-untyped-def]
        head = detail_q.header(session, partnership)
        visits = [d.id for d in detail_q.delegations(session, partnership)]
        detail_q.open_follow_ups(session, partnership, visits)
        detail_q.people(session, partnership, head.place_id)

    lines = [line for plan in query_plans(services.db, read) for line in plan]
    assert any("ix_follow_up_delegation_id" in line for line in lines), lines
    assert any("ix_organisation_place_id (place_id=?)" in line for line in lines), lines
    assert not any(line.startswith(("SCAN follow_up", "SCAN organisation")) for line in lines)
    detail = services.partnerships.detail(partnership, today=TODAY)
    assert "Send the photos" in [f.description for f in detail.follow_ups]


def test_a_partnership_never_contacted_has_no_days_since(services, partnership) -> None:  # type: ignore[no-untyped-def]
    detail = services.partnerships.detail(partnership, today=TODAY)
    assert (detail.last_contact, detail.days_since_contact) == (None, None)
    with pytest.raises(DomainError):
        services.partnerships.detail("gone")


# Agreements -----------------------------------------------------------------------------------


def test_agreements_keep_their_signatories(services, office, partnership) -> None:  # type: ignore[no-untyped-def]
    agreement, changes = services.agreements.add(
        partnership,
        AgreementDraft(
            kind=AgreementKind.LETTER_OF_INTENT,
            title="Framework",
            signed_on="2009-10-29",
            expires_on="2029-10-28",
            signatory_ids=[office["wang"], office["chen"]],
        ),
    )
    assert changes.partnerships == {partnership}
    record = services.agreements.get(agreement)
    assert set(record.draft.signatory_ids) == {office["wang"], office["chen"]}
    draft = record.draft
    draft.signatory_ids = [office["chen"]]
    draft.kind = AgreementKind.CONTRACT
    services.agreements.update(agreement, draft)
    [row] = services.agreements.for_partnership(partnership)
    assert [p.label for p in row.signatories] == ["Li Chen"]
    assert AgreementKind(row.kind).legally_binding
    services.agreements.delete(agreement)
    assert services.agreements.for_partnership(partnership) == []


@pytest.fixture
def agreement(services, partnership):  # type: ignore[no-untyped-def]
    new, _ = services.agreements.add(partnership, AgreementDraft(title="MoU"))
    return new


def test_an_attached_document_is_kept_in_the_database(  # type: ignore[no-untyped-def]
    services, agreement, tmp_path
) -> None:
    source = tmp_path / "incoming" / "MoU signed 1985.pdf"
    source.parent.mkdir()
    content = b"%PDF-1.4 friendship" * 1000
    source.write_bytes(content)
    first = services.agreements.attach_document(agreement, source)
    source.unlink()  # the original may go: the database keeps its own copy
    [document] = services.agreements.get(agreement).documents
    assert document.id == first and document.filename == "MoU signed 1985.pdf"
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    opened = services.agreements.document_path(document.id)
    assert opened.name == "MoU signed 1985.pdf" and opened.read_bytes() == content
    source.write_bytes(content)
    second = services.agreements.attach_document(agreement, source)
    names = [d.stored_name for d in services.agreements.get(agreement).documents]
    assert names == ["MoU signed 1985.pdf", "MoU signed 1985 (2).pdf"]
    # One document removed, the other still opens: the same bytes are kept once for both.
    services.agreements.remove_document(first)
    assert services.agreements.document_path(second).read_bytes() == content
    with pytest.raises(DomainError):
        services.agreements.document_path(first)


@pytest.mark.parametrize("name", ["..\\..\\evil.txt", "..", "con.txt", "a:b|c?.txt"])
def test_a_file_name_cannot_escape_the_copies_folder(  # type: ignore[no-untyped-def]
    services, agreement, tmp_path, name
) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    source = folder / "file.txt" if name == ".." else folder / name
    source.write_text("x")
    document_id = services.agreements.attach_document(agreement, Path(f"{source}"))
    opened = services.agreements.document_path(document_id)
    copies = services.agreements.files.folder.resolve()
    assert opened.resolve().parent.parent == copies
    assert "/" not in opened.name and "\\" not in opened.name and ".." not in opened.name


def test_a_path_full_of_dots_keeps_its_name_only(services, agreement) -> None:  # type: ignore[no-untyped-def]
    from crm.services.agreements import safe_filename

    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("..\\..\\boot.ini") == "boot.ini"
    assert safe_filename("..") == "document"
    assert safe_filename("NUL") == "document_NUL"
    assert len(safe_filename("x" * 500 + ".pdf")) <= 120
    with pytest.raises(DomainError):
        services.agreements.attach_document(agreement, "/no/such/file.pdf")
    with pytest.raises(DomainError):
        services.agreements.document_path("gone")
