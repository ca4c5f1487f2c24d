"""The database file: migrations and their safety, locking between writers, the search index."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from crm.domain.contacts import ContactDraft
from crm.domain.text import DomainError
from crm.services.check import check
from crm.services.contacts import ContactService
from crm.store import database, migrate
from crm.store.database import Database
from crm.store.errors import NewerDatabase, NotLiaison

SECOND_REVISION = '''"""A later revision, to test upgrades from an older schema."""

import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("test_later", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("test_later")
'''


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fts_rowids(db: Database, query: str) -> list[int]:
    with db.engine.connect() as conn:
        return list(
            conn.execute(
                text("SELECT rowid FROM contact_fts WHERE contact_fts MATCH :q"), {"q": query}
            ).scalars()
        )


@pytest.fixture
def head() -> str:
    db = Database("sqlite://")  # in memory: the newest revision this version knows
    try:
        return migrate.schema_status(db).head
    finally:
        db.dispose()


# Migrations -----------------------------------------------------------------------------------


def test_a_new_file_gets_the_newest_schema_without_a_backup(db_path: Path, head: str) -> None:
    db = Database(db_path)
    try:
        assert migrate.upgrade(db) is None
        status = migrate.schema_status(db)
        assert status.current == head
        assert status.up_to_date
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            tables = {
                row[0]
                for row in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")
            }
        assert {"contact", "contact_email", "contact_fts", "staff", "organisation"} <= tables
    finally:
        db.dispose()
    assert not (db_path.parent / "backups").exists()


def test_upgrading_a_current_database_makes_no_backup(services, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    services.contacts.create(ContactDraft(name_zh="王芳"))
    assert migrate.upgrade(services.db) is None
    assert not (db_path.parent / "backups").exists()
    assert services.contacts.count() == 1


@pytest.mark.sqlite_only
def test_a_database_at_an_older_revision_is_backed_up_before_the_upgrade(
    services,  # type: ignore[no-untyped-def]
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services.contacts.create(ContactDraft(family_name="Wang", given_name="Fang", name_zh="王芳"))
    head = migrate.schema_status(services.db).head
    services.db.dispose()
    # This version of Liaison knows one revision more than the file was written with.
    migrations = tmp_path / "migrations"
    shutil.copytree(
        migrate.MIGRATIONS, migrations, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    later = SECOND_REVISION.replace("{head}", head)
    (migrations / "versions" / "9999_later.py").write_text(later, encoding="utf-8")
    monkeypatch.setattr(migrate, "MIGRATIONS", migrations)

    db = Database(db_path)
    try:
        assert migrate.schema_status(db).current == head
        backup = migrate.upgrade(db)
        assert migrate.schema_status(db).current == "9999"
    finally:
        db.dispose()

    assert backup is not None
    assert backup.parent == db_path.parent / "backups"
    assert "before-9999" in backup.name
    with sqlite3.connect(backup) as conn:
        # The copy is the database as it was before the upgrade, contacts included.
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (head,)
        assert conn.execute("SELECT name_zh FROM contact").fetchall() == [("王芳",)]
        later = conn.execute("SELECT name FROM sqlite_master WHERE name='test_later'").fetchall()
        assert later == []
    assert not list(backup.parent.glob("*.part"))


def test_a_server_database_is_exported_before_it_is_upgraded(
    services,  # type: ignore[no-untyped-def]
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if services.db.path is not None:
        pytest.skip("a SQLite file is copied instead (the test above)")
    import json

    from platformdirs import user_data_path

    from crm.services.bundle import Services

    services.contacts.create(ContactDraft(family_name="Wang", given_name="Fang", name_zh="王芳"))
    head = migrate.schema_status(services.db).head
    services.db.dispose()
    migrations = tmp_path / "migrations"
    shutil.copytree(
        migrate.MIGRATIONS, migrations, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    later = SECOND_REVISION.replace("{head}", head)
    (migrations / "versions" / "9999_later.py").write_text(later, encoding="utf-8")
    monkeypatch.setattr(migrate, "MIGRATIONS", migrations)

    upgraded = Services.open(database_url)
    try:
        assert migrate.schema_status(upgraded.db).current == "9999"
    finally:
        upgraded.db.dispose()
    exports = list((user_data_path("Liaison", appauthor=False) / "backups").glob("*.json"))
    assert len(exports) == 1
    export = json.loads(exports[0].read_text(encoding="utf-8"))
    assert export["schema_revision"] == head  # the data as it was before the upgrade
    assert [row["name_zh"] for row in export["tables"]["contact"]] == ["王芳"]


def test_a_non_liaison_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.execute("INSERT INTO notes VALUES ('keep me')")
    conn.close()
    db = Database(path)
    try:
        with pytest.raises(NotLiaison, match="is not a Liaison database"):
            migrate.schema_status(db)
        with pytest.raises(NotLiaison, match="is not a Liaison database"):
            migrate.upgrade(db)
    finally:
        db.dispose()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT body FROM notes").fetchall() == [("keep me",)]
        tables = conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
    conn.close()
    assert tables == [("notes",)]
    assert not (tmp_path / "backups").exists()


def test_checking_a_non_liaison_sqlite_file_leaves_it_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()
    before = digest(path)
    db = Database(path)
    try:
        with pytest.raises(DomainError):
            migrate.schema_status(db)
    finally:
        db.dispose()
    assert digest(path) == before


def test_a_garbage_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "garbage.sqlite3"
    path.write_bytes(os.urandom(8192))
    before = digest(path)
    db = Database(path)
    try:
        # Not a SQLite file at all: told from its first bytes, before SQLite opens it.
        with pytest.raises(NotLiaison, match="is not a Liaison database"):
            migrate.schema_status(db)
        with pytest.raises(NotLiaison):
            migrate.upgrade(db)
    finally:
        db.dispose()
    assert digest(path) == before
    assert not (tmp_path / "backups").exists()


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(db_path: Path) -> None:
    db = Database(db_path)
    migrate.upgrade(db)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffff'")
    db.checkpoint()
    db.dispose()
    before = digest(db_path)

    db = Database(db_path)
    try:
        with pytest.raises(NewerDatabase, match="newer version"):
            migrate.schema_status(db)
        with pytest.raises(NewerDatabase, match="newer version"):
            migrate.upgrade(db)
    finally:
        db.dispose()
    assert digest(db_path) == before
    assert not (db_path.parent / "backups").exists()


# Writers --------------------------------------------------------------------------------------


@pytest.mark.sqlite_only
def test_a_second_writer_fails_as_locked_only_after_the_busy_timeout(
    services,  # type: ignore[no-untyped-def]
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)
    other = Database(db_path)
    try:
        with services.db.write() as first:
            first.execute(text("SELECT 1"))  # BEGIN IMMEDIATE: the write lock is held from here
            # Readers are not blocked by a writer (WAL).
            with other.session() as reader:
                assert reader.execute(text("SELECT count(*) FROM contact")).scalar() == 0
            started = time.monotonic()
            with pytest.raises(OperationalError, match="locked"), other.write() as second:
                second.execute(text("SELECT 1"))
            waited = time.monotonic() - started
    finally:
        other.dispose()
    assert 0.15 <= waited < 3


@pytest.mark.sqlite_only
def test_a_second_writer_waits_for_the_first_to_commit(services, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    other = Database(db_path)
    holding = threading.Event()

    def first_writer() -> None:
        with services.db.write() as session:
            session.execute(text("SELECT 1"))
            holding.set()
            time.sleep(0.3)

    thread = threading.Thread(target=first_writer)
    thread.start()
    try:
        assert holding.wait(5)
        started = time.monotonic()
        new_id, _ = ContactService(other).create(ContactDraft(family_name="Holst"))
        waited = time.monotonic() - started
    finally:
        thread.join()
        other.dispose()
    assert waited >= 0.15
    assert services.contacts.get(new_id).draft.family_name == "Holst"


# The search index -----------------------------------------------------------------------------


@pytest.mark.sqlite_only
def test_the_search_index_follows_inserts_updates_and_deletes(services) -> None:  # type: ignore[no-untyped-def]
    contacts = services.contacts
    contact_id, _ = contacts.create(
        ContactDraft(family_name="Ødegård", given_name="Ingrid", tags=["greeting list"])
    )
    assert contacts.search("odegard") == [contact_id]
    assert len(fts_rowids(services.db, '"odegard"')) == 1

    record = contacts.get(contact_id)
    renamed = replace(record.draft, family_name="Haugland")
    contacts.update(contact_id, renamed, expected_version=record.version)
    assert contacts.search("odegard") == []
    assert fts_rowids(services.db, '"odegard"') == []
    assert contacts.search("haugland ingrid") == [contact_id]
    assert contacts.search("greeting") == [contact_id]

    contacts.delete(contact_id)
    assert contacts.search("haugland") == []
    assert fts_rowids(services.db, '"haugland"') == []
    assert check(services.db).integrity == "ok"


def test_check_reports_a_sound_database(demo_services, head: str) -> None:  # type: ignore[no-untyped-def]
    report = check(demo_services.db)
    assert report.integrity == "ok"
    assert report.schema_revision == report.schema_head == head
    assert report.contacts == 54
    assert report.ok


@pytest.mark.sqlite_only
def test_check_notices_a_search_index_out_of_step(services) -> None:  # type: ignore[no-untyped-def]
    services.contacts.create(ContactDraft(name_zh="王芳"))
    with services.db.write() as session:
        session.execute(text("DROP TRIGGER contact_fts_update"))
        session.execute(text("UPDATE contact SET search_text = 'something else'"))
    report = check(services.db)
    assert report.integrity != "ok"
    assert not report.ok
