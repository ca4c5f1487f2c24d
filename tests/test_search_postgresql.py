"""The contact search read in pages, the way the list reads it, finds what the reference rule
finds on either database; on PostgreSQL through the trigram index, which a server that refuses
the extension does without."""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, event, select, text
from sqlalchemy.engine import make_url

import crm.services.contacts as contact_service
import crm.store.contacts as store
from crm.domain.contacts import ContactDraft
from crm.domain.search import matches
from crm.services.contact_rows import ContactRows
from crm.store.models import Contact, new_id

# Found by "w": the 40 Wangs (and whoever has a w elsewhere), so pages of a large result.
GIVEN = "芳 伟 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀 霞 平 刚".split()
LATIN = ["Kowalczyk"] * 10 + ["Müller"] * 8 + ["Ødegård", "Lévesque", "Berg", "Nowak", "Weber"]
QUERIES = ["w", "wa", "wang", "wf", "王", "王 芳", "k", "kowal", "muller", "mueller", "e", "zz"]
PAGE = 7


@pytest.fixture
def office(services: Any) -> Any:
    """Sixty-odd people; one Wang archived. Searches of more than five are read in pages."""
    drafts = [
        ContactDraft(name_zh="王" + given + second) for given in GIVEN for second in ("", "华")
    ]
    drafts += [ContactDraft(family_name=f, given_name=f"G{n}") for n, f in enumerate(LATIN)]
    with services.db.write() as session:
        rows = ContactRows(session)
        for draft in drafts:
            rows.insert(draft.validate(), new_id())
        rows.flush()
    first_wang = services.contacts.search("王芳")[0]
    services.contacts.set_archived(first_wang, True)
    return services


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(contact_service, "SMALL_RESULT", 5)
    monkeypatch.setattr(store, "WHOLE_RESULT", 5)


def expected(services: Any, query: str, *, include_archived: bool) -> set[str]:
    """The contacts the reference rule finds, from the stored search documents."""
    with services.db.session() as session:
        found = session.execute(
            select(Contact.id, Contact.search_text, Contact.archived)  # type: ignore[call-overload]
        ).all()
    return {
        i
        for i, document, archived in found
        if matches(document, query) and (include_archived or not archived)
    }


def paged(results: Any) -> list[str]:
    return [i for start in range(0, results.count, PAGE) for i in results.ids(start, start + PAGE)]


@pytest.mark.parametrize("walked", [0, 10**9], ids=["along-the-list", "gathered"])
@pytest.mark.parametrize("include_archived", [False, True])
def test_every_page_of_a_search_holds_what_the_rule_finds_in_list_order(
    office: Any,
    small_pages: None,
    monkeypatch: pytest.MonkeyPatch,
    walked: int,
    include_archived: bool,
) -> None:
    monkeypatch.setattr(store, "WALKED", walked)  # PostgreSQL: how a page of a large result is read
    for query in QUERIES:
        whole = office.contacts.search(query, include_archived=include_archived)
        assert set(whole) == expected(office, query, include_archived=include_archived), query
        results = office.contacts.find(query, include_archived=include_archived)
        assert results.count == len(whole), query
        assert paged(results) == whole, query
        # And the list finds its way back to a contact anywhere in it.
        for row in (0, len(whole) // 2, len(whole) - 1)[: len(whole)]:
            assert results.position(whole[row]) == row, query


def test_a_search_read_twice_reads_the_database_again(office: Any, small_pages: None) -> None:
    results = office.contacts.find("王")
    before = results.ids(0, PAGE)
    office.contacts.set_archived(before[0], True)
    # A second search sees the change; the first one's pages are read afresh too.
    assert office.contacts.find("王").ids(0, PAGE)[0] != before[0]
    assert before[0] not in results.ids(0, PAGE * 10)


# PostgreSQL ------------------------------------------------------------------------------------


def _statements(services: Any, query: str) -> list[tuple[str, Any]]:
    """The statements a search as you type runs (archived contacts too), with their parameters."""
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "search_text" in statement:
            seen.append((statement, parameters))

    event.listen(services.db.engine, "before_cursor_execute", record)
    try:
        services.contacts.find(query, include_archived=True).ids(0, PAGE)
    finally:
        event.remove(services.db.engine, "before_cursor_execute", record)
    return seen


@pytest.mark.parametrize("query", ["wang", "王 芳", "kowal muller", "w", "k"])
def test_on_postgresql_the_search_goes_through_the_trigram_index(
    office: Any, backend: str, query: str
) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite searches through its FTS5 index")
    statements = _statements(office, query)
    assert statements
    with office.db.engine.connect() as conn:
        # A table this small is best read whole, and the planner rightly does. With that ruled
        # out (and walking an index, with archived contacts included), the trigram index is the
        # only other way, if it serves the statements as written: an expression index serves
        # only the very same expression.
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        conn.exec_driver_sql("SET LOCAL enable_indexscan = off")
        for statement, parameters in statements:
            plan = "\n".join(
                row[0] for row in conn.exec_driver_sql("EXPLAIN " + statement, parameters)
            )
            assert "ix_contact_search_trigrams" in plan, plan


ADMIN = os.environ.get("CRM_TEST_POSTGRESQL", "")


@pytest.fixture
def refusing_server() -> Iterator[str]:
    """A database of its own whose owner may not create extensions in it."""
    if not ADMIN:
        pytest.skip("CRM_TEST_POSTGRESQL is not set")
    name = f"liaison_test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
        conn.execute(text(f'REVOKE CREATE ON DATABASE "{name}" FROM PUBLIC, CURRENT_USER'))
    try:
        yield make_url(ADMIN).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_a_server_that_refuses_the_extension_still_opens_and_finds(
    refusing_server: str, caplog: pytest.LogCaptureFixture
) -> None:
    from crm.services.bundle import Services
    from crm.store.migrate import schema_status

    with caplog.at_level(logging.WARNING, logger="crm.store.migrations"):
        services = Services.open(refusing_server)
    try:
        assert schema_status(services.db).up_to_date
        assert "pg_trgm could not be created" in caplog.text
        assert "CREATE EXTENSION IF NOT EXISTS pg_trgm" in caplog.text  # what to run by hand
        contact_id, _ = services.contacts.create(ContactDraft(name_zh="王芳").validate())
        assert services.contacts.find("wangf").ids() == [contact_id]
        assert services.contacts.find("王 芳").ids() == [contact_id]
    finally:
        services.db.dispose()
