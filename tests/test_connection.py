"""Trying a database before using it ("Test connection" in Settings): what it says of a file
or a server, that it creates and upgrades nothing, and the one sentence for each refusal.

Tests that need a server of their own (an empty database, a wrong password) run when
CRM_TEST_POSTGRESQL names one; the unreachable server needs none.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from crm.domain.text import DomainError
from crm.services.bundle import Services
from crm.services.connection import (
    KEYRING_SERVICE,
    Schema,
    ServerFields,
    database_file,
    same_database,
    save_password,
    server_address,
    server_fields,
    try_database,
    with_saved_password,
    without_password,
)
from crm.store.database import default_database_path
from crm.store.errors import DamagedDatabase, NewerDatabase, NotLiaison
from crm.store.migrate import head_revision

SERVER = os.environ.get("CRM_TEST_POSTGRESQL", "")
needs_server = pytest.mark.skipif(not SERVER, reason="CRM_TEST_POSTGRESQL names no server")


def _set_revision(services: Services, revision: str) -> None:
    with services.db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})


# ---- a file ----


def test_a_file_that_is_not_there_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "office" / "liaison.sqlite3"
    report = try_database(str(path))
    assert (report.path, report.exists, report.schema) == (path, False, Schema.NONE)
    assert str(report.text) == (
        f"There is no database at “{path}” yet: Liaison will create it there."
    )
    assert not path.parent.exists()


def test_nothing_is_the_default_file_on_this_computer() -> None:
    report = try_database("")
    assert report.path == default_database_path()
    assert not report.exists
    assert not default_database_path().exists()


def test_a_liaison_database_is_ready_to_use(services: Services, database_url: str) -> None:
    report = try_database(database_url)
    assert report.schema is Schema.CURRENT
    assert report.revision == report.head == head_revision()
    if services.db.path is not None:
        assert report.path == services.db.path
        assert str(report.text) == f"“{services.db.path}” is a Liaison database, ready to use."
    else:
        assert report.server.startswith("PostgreSQL ")
        assert str(report.text) == (
            f"Connected to {report.server}: the database is a Liaison database, ready to use."
        )
        password = make_url(database_url).password
        assert password and f":{password}@" not in report.where  # shown without the password


def test_an_earlier_version_is_told_and_left_as_it_is(
    services: Services, database_url: str
) -> None:
    _set_revision(services, "0008")
    report = try_database(database_url)
    assert report.schema is Schema.OLDER
    assert "of an earlier version" in str(report.text)
    with services.db.engine.connect() as conn:  # not upgraded by the trying
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0008"


def test_a_newer_version_is_refused(services: Services, database_url: str) -> None:
    _set_revision(services, "9999_from_the_future")
    with pytest.raises(NewerDatabase) as refused:
        try_database(database_url)
    assert str(refused.value) == (
        "This database was written by a newer version of Liaison: update Liaison to open it."
    )


def test_the_file_is_only_read(db_path: Path) -> None:
    Services.open(str(db_path)).db.dispose()
    before = db_path.read_bytes()
    assert try_database(str(db_path)).schema is Schema.CURRENT
    assert db_path.read_bytes() == before


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE note (body TEXT)")
    conn.close()
    with pytest.raises(NotLiaison) as refused:
        try_database(str(path))
    assert str(refused.value) == f"“{path}” is not a Liaison database."

    letter = tmp_path / "letter.txt"
    letter.write_text("Dear partners,", encoding="utf-8")
    with pytest.raises(NotLiaison):
        try_database(str(letter))


def test_a_damaged_file_is_told(db_path: Path) -> None:
    Services.open(str(db_path)).db.dispose()
    whole = db_path.read_bytes()
    db_path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(DamagedDatabase) as refused:
        try_database(str(db_path))
    assert "is damaged" in str(refused.value)


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(DomainError) as refused:
        try_database(str(tmp_path))
    assert str(refused.value) == f"“{tmp_path}” is a folder, not a database file."


def test_addresses_liaison_cannot_use(tmp_path: Path) -> None:
    with pytest.raises(DomainError) as refused:
        try_database("://nowhere")
    assert str(refused.value) == "This is not a database address Liaison understands."
    with pytest.raises(DomainError) as refused:
        try_database("oracle+nosuchdriver://anna:secret@db.example.org/liaison")
    assert str(refused.value).startswith("Liaison cannot connect to “oracle+nosuchdriver”")
    assert "secret" not in str(refused.value)


# ---- a server ----


def test_an_unreachable_server_is_told_in_one_sentence() -> None:
    with pytest.raises(DomainError) as refused:
        try_database("postgresql+psycopg://liaison:liaison@127.0.0.1:1/liaison")
    assert str(refused.value) == (
        "The database server “127.0.0.1:1” cannot be reached: check the network connection, "
        "or ask whoever looks after the server."
    )


@pytest.fixture
def empty_server_database() -> Iterator[str]:
    """A database of its own on the test server, with nothing in it."""
    name = f"liaison_empty_{uuid.uuid4().hex[:12]}"
    admin = create_engine(SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(SERVER).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@needs_server
def test_an_empty_server_database_gets_liaisons_tables_later(empty_server_database: str) -> None:
    report = try_database(empty_server_database)
    assert report.schema is Schema.NONE
    assert report.path is None
    assert str(report.text) == (
        f"Connected to {report.server}: the database is empty, "
        "and Liaison will create its tables in it."
    )
    engine = create_engine(empty_server_database)
    with engine.connect() as conn:  # the trying created nothing
        tables = conn.execute(
            text("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
        ).scalar()
    engine.dispose()
    assert tables == 0


@needs_server
def test_a_wrong_password_is_told_in_one_sentence() -> None:
    wrong = make_url(SERVER).set(password="not-the-password")
    with pytest.raises(DomainError) as refused:
        try_database(wrong.render_as_string(hide_password=False))
    assert str(refused.value) == "The database server did not accept the user name or password."


@needs_server
def test_a_missing_password_is_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    url = make_url(SERVER)
    bare = URL.create(
        url.drivername, username=url.username, host=url.host, port=url.port, database=url.database
    ).render_as_string(hide_password=False)
    try:
        try_database(bare)
    except DomainError as refused:
        assert str(refused) == (
            "The database server asks for a password: type it in and try again."
        )
    else:
        pytest.skip("the test server lets this user in without a password")


@needs_server
def test_a_database_the_server_does_not_have() -> None:
    missing = make_url(SERVER).set(database="liaison_no_such_database")
    with pytest.raises(DomainError) as refused:
        try_database(missing.render_as_string(hide_password=False))
    assert str(refused.value) == (
        "The server has no database named “liaison_no_such_database”: "
        "ask whoever looks after the server to create it."
    )


# ---- addresses and the password ----


def test_the_fields_of_a_server_make_its_address() -> None:
    fields = ServerFields(
        host=" db.aalborg.example ", database="liaison", user="anna", password="s3cret"
    )
    assert server_address(fields) == "postgresql+psycopg://anna@db.aalborg.example/liaison"
    assert server_address(fields, with_password=True) == (
        "postgresql+psycopg://anna:s3cret@db.aalborg.example/liaison"
    )
    on_port = ServerFields(host="db", database="crm", user="anna", port=6543)
    assert server_address(on_port) == "postgresql+psycopg://anna@db:6543/crm"
    assert server_fields(server_address(on_port)) == on_port
    assert server_fields("/home/anna/liaison.sqlite3") is None
    assert server_fields("") is None
    with pytest.raises(DomainError) as refused:
        server_address(ServerFields(host="db", database="", user="anna"))
    assert str(refused.value) == (
        "To use a database on a server, give the server, the database and your user name."
    )


def test_which_addresses_name_the_same_database(tmp_path: Path) -> None:
    path = tmp_path / "liaison.sqlite3"
    assert same_database(str(path), f"sqlite:///{path}")
    assert same_database("", str(default_database_path()))
    assert not same_database("", str(path))
    assert same_database(
        "postgresql+psycopg://anna@db/liaison", "postgresql+psycopg://anna:s3cret@db/liaison"
    )
    assert not same_database("postgresql+psycopg://anna@db/liaison", str(path))
    assert database_file("") == default_database_path()
    assert database_file(str(path)) == path
    assert database_file("postgresql+psycopg://anna@db/liaison") is None


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self, *, broken: bool = False) -> None:
        super().__init__()
        self.broken = broken
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.broken:
            raise keyring.errors.PasswordSetError("the keyring is locked")
        self.passwords[service, username] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    found = MemoryKeyring()
    keyring.set_keyring(found)
    yield found
    keyring.set_keyring(before)


def test_the_password_lives_in_the_keyring(memory_keyring: MemoryKeyring) -> None:
    address = "postgresql+psycopg://anna@db.aalborg.example:6543/liaison"
    assert with_saved_password(address) == address  # nothing saved yet
    save_password(address, "s3cret")
    assert memory_keyring.passwords == {(KEYRING_SERVICE, "anna@db.aalborg.example:6543"): "s3cret"}
    assert with_saved_password(address) == (
        "postgresql+psycopg://anna:s3cret@db.aalborg.example:6543/liaison"
    )
    typed = "postgresql+psycopg://anna:typed@db.aalborg.example:6543/liaison"
    assert with_saved_password(typed) == typed  # a password given wins
    assert without_password(typed) == address
    assert with_saved_password("/home/anna/liaison.sqlite3") == "/home/anna/liaison.sqlite3"


def test_without_a_keyring_the_password_is_not_saved(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.broken = True
    with pytest.raises(DomainError) as refused:
        save_password("postgresql+psycopg://anna@db/liaison", "s3cret")
    assert str(refused.value) == (
        "No system keyring is available to keep the database password, so it was not saved."
    )
