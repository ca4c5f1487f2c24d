"""Restoring a JSON export (`crm restore`) into a new, empty database, on either backend.

The export of a server is its only backup: it must come back whole, row for row, onto another
server or into a SQLite file, and a file that is cut short, damaged or not ours must leave the
target as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect, text

from crm.domain.contacts import ContactDraft
from crm.domain.text import DomainError
from crm.services.backup_export import export_json
from crm.services.backup_import import import_json
from crm.services.bundle import Services
from crm.services.demo import load_demo
from crm.store.database import Database
from crm.store.migrate import head_revision, schema_status, upgrade_on

RunCrm = Callable[..., subprocess.CompletedProcess[str]]


def tables_of(path: Path) -> dict[str, list[str]]:
    """Each table's rows of an export, as sorted JSON lines (an export has no row order)."""
    document = json.loads(path.read_text(encoding="utf-8"))
    return {
        name: sorted(json.dumps(row, sort_keys=True) for row in rows)
        for name, rows in document["tables"].items()
    }


@contextmanager
def edited(path: Path, *, indent: int | None = None) -> Iterator[dict[str, Any]]:
    """An export read, changed in the block (as a person or damage might), written back; on
    one line unless `indent` says otherwise."""
    document = json.loads(path.read_text(encoding="utf-8"))
    yield document
    path.write_text(json.dumps(document, indent=indent), encoding="utf-8")


def message(error: pytest.ExceptionInfo[DomainError]) -> str:
    return error.value.render()


@pytest.fixture
def sqlite_office(tmp_path: Path) -> Iterator[Services]:
    """The sample office in a SQLite file of its own, whatever the test's backend."""
    services = Services.open(str(tmp_path / "office" / "liaison.sqlite3"))
    load_demo(services.db)
    yield services
    services.db.dispose()


def is_empty(url: str) -> bool:
    db = Database(url)
    try:
        if db.path is not None:
            return not db.path.exists()
        with db.engine.connect() as conn:
            return inspect(conn).get_table_names() == []
    finally:
        db.dispose()


# Round trips ----------------------------------------------------------------------------------


def test_an_export_comes_back_row_for_row_on_the_same_kind_of_database(
    demo_services: Services, empty_database_url: str, tmp_path: Path
) -> None:
    export = tmp_path / "office.json"
    written = export_json(demo_services.db, export)
    restored = import_json(export, Database(empty_database_url))
    assert restored.counts == written and restored.rows == sum(written.values()) > 500
    again = Services.open(empty_database_url)
    try:
        export_json(again.db, tmp_path / "again.json")
        assert tables_of(tmp_path / "again.json") == tables_of(export)
        assert schema_status(again.db).current == head_revision()
        # Search works on what came back (SQLite's index is made by its triggers).
        assert again.contacts.find("wang").count == demo_services.contacts.find("wang").count > 0
        assert again.contacts.find("王").count == demo_services.contacts.find("王").count > 0
    finally:
        again.db.dispose()


def test_a_sqlite_export_restores_onto_the_test_backend_and_work_goes_on(
    sqlite_office: Services, empty_database_url: str, tmp_path: Path
) -> None:
    export = tmp_path / "office.json"
    export_json(sqlite_office.db, export)
    import_json(export, Database(empty_database_url))
    moved = Services.open(empty_database_url)
    try:
        partnership = sqlite_office.partnerships.rows()[0]
        detail = moved.partnerships.detail(partnership.id)
        assert detail.row.partner == partnership.partner
        assert len(detail.interactions) == len(
            sqlite_office.partnerships.detail(partnership.id).interactions
        )
        # New rows get keys after the restored ones (a server's serial keys are set on).
        new, _ = moved.contacts.create(
            ContactDraft(
                family_name="Nilsen",
                given_name="Eva",
                emails=["eva.nilsen@example.org"],
                phones=["+47 400 00 000"],
            )
        )
        assert moved.contacts.get(new).draft.emails == ["eva.nilsen@example.org"]
    finally:
        moved.db.dispose()


def test_a_successor_named_before_its_row_comes_back(
    services: Services, empty_database_url: str, tmp_path: Path
) -> None:
    """A contact's successor may be written after the contact: the reference is set once
    every row is in, so the order of rows never breaks a foreign key."""
    later, _ = services.contacts.create(ContactDraft(family_name="Zhou", given_name="Min"))
    earlier, _ = services.contacts.create(
        ContactDraft(family_name="Andersen", given_name="Ole", successor_of_id=later)
    )
    export = tmp_path / "office.json"
    export_json(services.db, export)
    with edited(export) as document:  # no line breaks at all
        document["tables"]["contact"].sort(key=lambda row: row["id"] != earlier)  # earlier first
    import_json(export, Database(empty_database_url))
    moved = Services.open(empty_database_url)
    try:
        assert moved.contacts.get(earlier).draft.successor_of_id == later
    finally:
        moved.db.dispose()


def test_every_character_comes_back_as_it_was(
    services: Services, empty_database_url: str, tmp_path: Path
) -> None:
    """Backslashes, quotes, line breaks, tabs, Chinese and emoji: a server's export streams
    rows as the server writes them, and its escaping must not show."""
    notes = 'C:\\Users\\anna\\"Hefei" \\n\n\tline two\r\n王芳 🎉 \\\\ \u2028 end\\'
    new, _ = services.contacts.create(
        ContactDraft(family_name="O'Brien", given_name="Seán", name_zh="王芳", notes=notes)
    )
    export = tmp_path / "office.json"
    export_json(services.db, export)
    import_json(export, Database(empty_database_url))
    moved = Services.open(empty_database_url)
    try:
        draft = moved.contacts.get(new).draft
        assert (draft.notes, draft.family_name, draft.given_name) == (notes, "O'Brien", "Seán")
    finally:
        moved.db.dispose()


def test_interactions_of_one_day_keep_their_order(
    services: Services, empty_database_url: str, tmp_path: Path
) -> None:
    """A timeline orders a day's interactions as they were logged; a restore keeps that."""
    wang, _ = services.contacts.create(ContactDraft(family_name="Wang", given_name="Fang"))
    logged = [
        services.interactions.log(
            "call", "2026-03-02", [wang], note=note, today=dt.date(2026, 3, 2)
        )
        for note in ("first", "second", "third", "fourth")
    ]
    before = [entry.note for entry in services.interactions.timeline_for_contact(wang)]
    assert before == ["fourth", "third", "second", "first"] and len(logged) == 4
    export = tmp_path / "office.json"
    export_json(services.db, export)
    import_json(export, Database(empty_database_url))
    moved = Services.open(empty_database_url)
    try:
        assert [e.note for e in moved.interactions.timeline_for_contact(wang)] == before
    finally:
        moved.db.dispose()


def test_times_come_back_as_the_same_moments(
    services: Services, empty_database_url: str, tmp_path: Path
) -> None:
    """Written in one zone, read in another: a restore keeps the moment, not the clock."""
    new, _ = services.contacts.create(ContactDraft(family_name="Berg", given_name="Anna"))
    made = services.contacts.get(new).created_at
    export = tmp_path / "office.json"
    export_json(services.db, export)
    with edited(export) as document:
        [row] = document["tables"]["contact"]
        moment = made if made.tzinfo else made.replace(tzinfo=dt.UTC)
        row["created_at"] = moment.astimezone(dt.timezone(dt.timedelta(hours=8))).isoformat()
    import_json(export, Database(empty_database_url))
    moved = Services.open(empty_database_url)
    try:
        back = moved.contacts.get(new).created_at
        as_utc = back if back.tzinfo else back.replace(tzinfo=dt.UTC)
        assert as_utc == moment
    finally:
        moved.db.dispose()


def test_an_export_of_an_older_schema_is_brought_to_the_newest(
    tmp_path: Path, empty_database_url: str
) -> None:
    old = Database(tmp_path / "old.sqlite3")
    with old.engine.begin() as conn:
        upgrade_on(conn, "0008")
        conn.execute(
            text(
                "INSERT INTO staff (id, name, email, created_at)"
                " VALUES ('s1', 'Anna Berg', '', '2020-01-01 00:00:00')"
            )
        )
    export_json(old, tmp_path / "old.json")
    old.dispose()
    restored = import_json(tmp_path / "old.json", Database(empty_database_url))
    assert restored.schema_revision == "0008"
    moved = Services.open(empty_database_url)
    try:
        assert schema_status(moved.db).current == head_revision()
        assert [s.name for s in moved.directory.staff()] == ["Anna Berg"]
    finally:
        moved.db.dispose()


# Refusals: the target is left as it was --------------------------------------------------------


@pytest.fixture
def small_export(tmp_path: Path) -> Path:
    services = Services.open(str(tmp_path / "small" / "liaison.sqlite3"))
    try:
        for family in ("Wang", "Berg", "Müller"):
            services.contacts.create(ContactDraft(family_name=family, emails=[f"{family}@x.org"]))
        export = tmp_path / "small.json"
        export_json(services.db, export)
    finally:
        services.db.dispose()
    return export


@pytest.mark.parametrize("part", [1, 2, 3, 7, 64])
def test_the_file_is_read_in_parts_of_any_size(
    small_export: Path, tmp_path: Path, part: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every string, number and key cut at every place between two reads of the file."""
    import crm.services.backup_import as restore

    monkeypatch.setattr(restore, "_CHUNK", part)
    with edited(small_export, indent=1) as document:
        document["tables"]["contact_email"][0]["position"] = 12345  # a number to cut
    restored = import_json(small_export, Database(tmp_path / "parts" / "liaison.sqlite3"))
    assert restored.counts["contact"] == 3 and restored.counts["contact_email"] == 3


def test_damage_early_in_a_file_is_not_taken_for_a_file_cut_short(
    small_export: Path, tmp_path: Path
) -> None:
    text_ = small_export.read_text(encoding="utf-8")
    damaged = tmp_path / "damaged.json"  # a colon lost inside the first contact's row
    damaged.write_text(text_.replace('"family_name": ', '"family_name" ', 1), encoding="utf-8")
    with pytest.raises(DomainError) as error:
        import_json(damaged, Database(tmp_path / "d" / "liaison.sqlite3"))
    assert "not a Liaison JSON export" in message(error)


def test_a_journal_left_beside_the_name_counts_as_a_file_there(
    small_export: Path, tmp_path: Path
) -> None:
    target = tmp_path / "laptop" / "liaison.sqlite3"
    target.parent.mkdir()
    Path(f"{target}-wal").write_bytes(b"an old log")
    with pytest.raises(DomainError) as error:
        import_json(small_export, Database(target))
    assert "already exists" in message(error)
    assert not target.exists()


def test_a_database_in_memory_is_no_place_to_restore_into(small_export: Path) -> None:
    with pytest.raises(DomainError) as error:
        import_json(small_export, Database(":memory:"))
    assert "Name the database" in message(error)


def test_a_file_cut_short_restores_nothing(
    small_export: Path, empty_database_url: str, tmp_path: Path
) -> None:
    data = small_export.read_bytes()
    for end in (len(data) // 3, len(data) - 30, len(data) - 2):
        cut = tmp_path / "cut.json"
        cut.write_bytes(data[:end])
        with pytest.raises(DomainError) as error:
            import_json(cut, Database(empty_database_url))
        assert "ends too soon" in message(error) or "not a Liaison JSON export" in message(error)
        assert is_empty(empty_database_url)
        if "://" not in empty_database_url:  # no file left beside its place either
            assert not list((tmp_path / "restored").glob("*"))


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\x01binary junk\xff",
        b'{"format": "someone-else", "version": 1}',
        b"[1, 2, 3]",
        b'{"format": "liaison-backup", "version": 1, "schema_revision": "0011"}',
    ],
)
def test_what_is_not_an_export_is_refused(
    content: bytes, empty_database_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(DomainError) as error:
        import_json(path, Database(empty_database_url))
    assert "x.json" in message(error)
    assert is_empty(empty_database_url)


def test_an_export_of_a_newer_liaison_is_refused(
    small_export: Path, empty_database_url: str
) -> None:
    with edited(small_export) as document:
        document["schema_revision"] = "9999"
    with pytest.raises(DomainError) as error:
        import_json(small_export, Database(empty_database_url))
    assert "newer version of Liaison" in message(error)
    assert is_empty(empty_database_url)


def test_a_row_that_does_not_fit_restores_nothing(
    small_export: Path, empty_database_url: str
) -> None:
    with edited(small_export) as document:
        document["tables"]["contact_email"][-1]["contact_id"] = "nobody"
    with pytest.raises(DomainError) as error:
        import_json(small_export, Database(empty_database_url))
    assert "contact_email" in message(error)
    assert is_empty(empty_database_url)


def test_counts_that_disagree_restore_nothing(small_export: Path, empty_database_url: str) -> None:
    with edited(small_export) as document:
        del document["tables"]["contact_email"][0]  # a row lost, the count kept
    with pytest.raises(DomainError):
        import_json(small_export, Database(empty_database_url))
    assert is_empty(empty_database_url)


def test_a_database_that_holds_data_is_never_restored_into(
    services: Services, small_export: Path
) -> None:
    services.contacts.create(ContactDraft(family_name="Keep", given_name="Me"))
    before = services.contacts.count()
    url = services.db.url if services.db.path is None else str(services.db.path)
    with pytest.raises(DomainError) as error:
        import_json(small_export, Database(url))
    assert "already" in message(error)
    assert services.contacts.count() == before
    assert services.contacts.find("Keep").count == 1


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(seed=st.integers(0, 2**32 - 1), changes=st.integers(1, 6))
def test_a_damaged_export_restores_whole_or_is_refused_in_one_sentence(
    small_export: Path, tmp_path: Path, seed: int, changes: int
) -> None:
    """Bytes changed, removed or doubled anywhere: a restore ends either whole or refused with
    a DomainError, never another exception, and a refused one leaves no file."""
    rng = random.Random(seed)
    data = bytearray(small_export.read_bytes())
    for _ in range(changes):
        at = rng.randrange(len(data))
        how = rng.choice(("change", "remove", "double"))
        if how == "change":
            data[at] = rng.randrange(256)
        elif how == "remove":
            del data[at : at + rng.randint(1, 40)]
        else:
            data[at:at] = data[at : at + rng.randint(1, 40)]
    case = Path(tempfile.mkdtemp(dir=tmp_path))  # examples share the test's folder
    damaged = case / "damaged.json"
    damaged.write_bytes(bytes(data))
    target = case / "target" / "liaison.sqlite3"
    try:
        import_json(damaged, Database(target))
    except DomainError:
        assert not target.exists()
        assert not target.parent.exists() or not list(target.parent.glob("*"))
    else:
        assert target.exists()


# The command ----------------------------------------------------------------------------------


def test_crm_restore_says_what_came_back_and_refuses_an_existing_file(
    run_crm: RunCrm, small_export: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    target = tmp_path / "laptop" / "liaison.sqlite3"
    done = run_crm("restore", str(small_export), database=target, home=home)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Restored ") and "small.json" in done.stdout
    again = run_crm("--lang", "zh_CN", "restore", str(small_export), database=target, home=home)
    assert again.returncode == 1
    assert "已存在" in again.stderr and "Traceback" not in again.stderr
    other = tmp_path / "backup.sqlite3"
    other.write_bytes(b"SQLite format 3\x00")
    refused = run_crm("restore", str(other), database=tmp_path / "new.sqlite3", home=home)
    assert refused.returncode == 1 and "JSON export" in refused.stderr
