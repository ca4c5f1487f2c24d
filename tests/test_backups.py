"""Backups: the copy of a SQLite file, its rotation, the day's automatic one, the JSON export."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from crm.domain.contacts import ContactDraft
from crm.domain.text import DomainError
from crm.services import backup_export
from crm.services.backups import BackupService
from crm.services.bundle import Services
from crm.services.check import check
from crm.services.demo import load_demo
from crm.store import backup
from crm.store.backup import (
    BackupFile,
    backup_age,
    backup_name,
    backup_sqlite,
    backups_to_keep,
    daily_backup,
    list_backups,
    prune_backups,
)
from crm.store.database import Database
from crm.store.migrate import schema_status
from crm.store.models import Contact


@pytest.fixture
def office(db_path: Path) -> Iterator[Services]:
    """A SQLite file with the sample office in it: these tests are about the file itself."""
    services = Services.open(str(db_path))
    load_demo(services.db)
    yield services
    services.db.dispose()


def contacts_in(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM contact").fetchone()[0])
    finally:
        conn.close()


def touch_backup(folder: Path, made: dt.datetime, label: str = "") -> Path:
    path = folder / backup_name(made, label)
    path.write_bytes(b"")
    return path


# Rotation


def test_four_hundred_days_of_daily_backups_leave_seven_days_four_weeks_and_twelve_months(
    db_path: Path,
) -> None:
    """A year and a month of opening Liaison every morning, with a migration now and then."""
    db = Database(db_path)
    folder = db_path.parent / "backups"
    folder.mkdir()
    start = dt.date(2024, 1, 1)
    migrations = {50: "before-0004", 150: "before-0005", 250: "before-0006", 300: "before-0007"}
    migrations[350] = "before-0008"
    for offset in range(400):
        day = dt.datetime.combine(start + dt.timedelta(days=offset), dt.time(9))
        if offset in migrations:  # an update installed overnight, migrated at the first start
            touch_backup(folder, day - dt.timedelta(hours=1), migrations[offset])
        touch_backup(folder, day, "daily")
        prune_backups(db, now=day)
    db.dispose()

    assert start + dt.timedelta(days=399) == dt.date(2025, 2, 3)  # a Monday
    found = [backup.parse_backup_name(path) for path in folder.iterdir()]
    kept = [(b.made.date(), b.label) for b in found if b is not None]
    assert len(kept) == len(list(folder.iterdir()))
    daily = sorted(day for day, label in kept if label == "daily")
    expected = [
        # the newest of each of the last 12 months
        *(dt.date(2024, m, d) for m, d in [(3, 31), (4, 30), (5, 31), (6, 30), (7, 31), (8, 31)]),
        *(dt.date(2024, m, d) for m, d in [(9, 30), (10, 31), (11, 30), (12, 31)]),
        # the newest of each of the last 4 ISO weeks (Sundays, and this Monday)
        dt.date(2025, 1, 19),
        dt.date(2025, 1, 26),
        # the last 7 days (31 January is also January's newest, 2 February its week's)
        *(dt.date(2025, 1, 28) + dt.timedelta(days=n) for n in range(7)),
    ]
    assert daily == expected
    before = sorted(day for day, label in kept if label.startswith("before-"))
    # The last three made before a migration, and only those: older ones were rotated away.
    assert before == [dt.date(2024, 9, 7), dt.date(2024, 10, 27), dt.date(2024, 12, 16)]


def test_the_newest_backup_of_a_day_is_the_one_kept() -> None:
    def made(day: int, hour: int, label: str = "") -> BackupFile:
        when = dt.datetime(2025, 3, day, hour)
        return BackupFile(Path(backup_name(when, label)), when, label)

    morning, evening, next_day = made(3, 9, "daily"), made(3, 18), made(4, 9, "daily")
    kept = backups_to_keep([morning, evening, next_day], daily=7, weekly=0, monthly=0)
    assert kept == {evening, next_day}


def test_every_backup_of_the_last_day_stays_until_the_day_is_past() -> None:
    def made(when: dt.datetime) -> BackupFile:
        return BackupFile(Path(backup_name(when)), when, "")

    yesterday, morning, noon = (
        made(dt.datetime(2025, 3, d, h)) for d, h in [(2, 9), (3, 9), (3, 12)]
    )
    assert backups_to_keep([yesterday, morning, noon], now=noon.made) == {yesterday, morning, noon}
    tomorrow = noon.made + dt.timedelta(days=1)
    assert backups_to_keep([yesterday, morning, noon], now=tomorrow) == {yesterday, noon}


def test_with_every_rule_at_zero_the_newest_backup_still_stays() -> None:
    backups = [
        BackupFile(Path(f"b{n}"), dt.datetime(2025, 1, 1) + dt.timedelta(days=n), "daily")
        for n in range(5)
    ]
    kept = backups_to_keep(backups, daily=0, weekly=0, monthly=0, before_migration=0)
    assert kept == {backups[-1]}


def test_rotation_touches_only_our_own_files_and_old_leftovers(db_path: Path) -> None:
    db = Database(db_path)
    folder = db_path.parent / "backups"
    folder.mkdir()
    now = dt.datetime(2025, 6, 10, 9)
    morning = touch_backup(folder, now - dt.timedelta(hours=26), "daily")
    evening = touch_backup(folder, now - dt.timedelta(hours=15))  # yesterday's newest
    newest = touch_backup(folder, now, "daily")
    theirs = [
        folder / "liaison-copy.sqlite3",
        folder / "liaison-20250610-070000 (1).sqlite3",
        folder / "liaison-20251340-000000.sqlite3",  # no such date
        folder / "notes.txt",
    ]
    for path in theirs:
        path.write_text("mine", encoding="utf-8")
    old_part = folder / f"{backup_name(now - dt.timedelta(days=3))}.x1y2z3.part"
    fresh_part = folder / f"{backup_name(now)}.a1b2c3.part"  # perhaps a copy being written now
    for path in (old_part, fresh_part):
        path.write_bytes(b"half")
    two_days_ago = (now - dt.timedelta(days=2)).timestamp()
    os.utime(old_part, (two_days_ago, two_days_ago))
    os.utime(fresh_part, (now.timestamp(), now.timestamp()))

    removed = prune_backups(db, now=now)
    db.dispose()

    assert sorted(removed) == sorted([morning, old_part])
    assert list_backups(Database(db_path)) == [newest, evening]
    assert all(path.exists() for path in [*theirs, fresh_part])


# The copy


@pytest.mark.sqlite_only
def test_a_backup_opens_with_every_contact_and_is_a_single_file(office: Services) -> None:
    made = backup_sqlite(office.db)
    assert made.parent == office.db.path.parent / "backups"  # type: ignore[union-attr]
    assert contacts_in(made) == office.contacts.count() == 54
    conn = sqlite3.connect(made)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()
    assert sorted(p.name for p in made.parent.iterdir()) == [made.name]


def test_a_backup_during_another_write_holds_only_what_was_committed(office: Services) -> None:
    before = office.contacts.count()
    with office.db.write() as session:  # BEGIN IMMEDIATE: the write lock is held meanwhile
        session.add(Contact(family_name="Uncommitted", given_name="Yet", sort_key="uncommitted"))
        session.flush()
        made = backup_sqlite(office.db, label="during-a-write")
    assert office.contacts.count() == before + 1
    assert contacts_in(made) == before
    conn = sqlite3.connect(made)
    try:
        found = conn.execute("SELECT count(*) FROM contact WHERE family_name = 'Uncommitted'")
        assert found.fetchone() == (0,)
    finally:
        conn.close()


# Another process adding ten contacts (copies of one) per transaction for eight seconds, and
# checkpointing the log into the file now and then.
WRITER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], timeout=10, isolation_level=None)
names = [row[1] for row in conn.execute("PRAGMA table_info(contact)")]
picked = ", ".join("lower(hex(randomblob(16)))" if n == "id" else n for n in names)
copy = "INSERT INTO contact (%s) SELECT %s FROM contact LIMIT 1" % (", ".join(names), picked)
deadline = time.monotonic() + 8
n = 0
while time.monotonic() < deadline:
    conn.execute("BEGIN IMMEDIATE")
    for _ in range(10):
        conn.execute(copy)
    conn.execute("COMMIT")
    n += 1
    if n % 20 == 0:
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
"""


def test_backups_taken_while_another_process_writes_and_checkpoints_are_whole(
    office: Services, tmp_path: Path
) -> None:
    """The files are copied as they are while a writer appends to the log and checkpoints
    it into the file: each copy is intact and holds whole transactions only (each adds ten
    contacts), never half of one."""
    import subprocess
    import sys
    import time

    source = office.db.path
    assert source is not None
    before = office.contacts.count()
    office.db.dispose()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(source)])
    db = Database(source)
    try:
        while contacts_in(source) == before and writer.poll() is None:
            time.sleep(0.05)  # until the writer is under way
        copies = []
        for i in range(6):
            copies.append(backup_sqlite(db, tmp_path / f"copy-{i}.sqlite3"))
            time.sleep(0.3)
    finally:
        db.dispose()
        writer.wait(timeout=60)
    assert writer.returncode == 0
    counts = []
    for copy in copies:
        conn = sqlite3.connect(copy)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            (written,) = conn.execute("SELECT count(*) FROM contact").fetchone()
        finally:
            conn.close()
        assert (written - before) % 10 == 0, written - before
        assert not copy.with_name(copy.name + "-wal").exists()
        counts.append(written)
    assert counts == sorted(counts) and counts[-1] > counts[0] > before  # later, more


def test_a_full_disk_gives_one_sentence_and_leaves_no_partial_file(
    office: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    folder = office.db.path.parent / "backups"  # type: ignore[union-attr]
    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(DomainError) as raised:
        backup_sqlite(office.db)
    assert raised.value.render() == (
        f"There is not enough free space for a backup in “{folder}”: free some and try again."
    )
    assert not folder.exists()  # nothing left, not even the folder made for it


def test_sqlite_saying_the_disk_is_full_is_the_same_sentence(
    office: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    def copy_then_full(source: Path, target: Path) -> None:
        target.write_bytes(b"SQLite format 3\x00" + bytes(4000))
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = sqlite3.SQLITE_FULL  # type: ignore[attr-defined]
        raise error

    monkeypatch.setattr(backup, "copy_pages", copy_then_full)
    out = office.db.path.parent / "elsewhere" / "copy.sqlite3"  # type: ignore[union-attr]
    with pytest.raises(DomainError, match="not enough free space"):
        backup_sqlite(office.db, out)
    assert not out.parent.exists()


def test_a_folder_that_may_not_be_written_is_named(
    office: Services, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def refused(source: Path, target: Path) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(backup, "copy_pages", refused)
    with pytest.raises(DomainError) as raised:
        backup_sqlite(office.db, tmp_path / "locked" / "copy.sqlite3")
    assert raised.value.render() == (
        f"Liaison may not write in “{tmp_path / 'locked'}”: choose another place for the backup."
    )
    assert not (tmp_path / "locked").exists()


def test_a_copy_that_does_not_read_back_is_not_kept(
    office: Services, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def cut_short(source: Path, target: Path) -> None:
        start = bytearray(source.read_bytes()[:6000])
        start[18:20] = b"\x01\x01"  # a header as our copies have it, then nothing
        target.write_bytes(bytes(start))

    monkeypatch.setattr(backup, "copy_pages", cut_short)
    with pytest.raises(DomainError, match="did not read back correctly"):
        backup_sqlite(office.db, tmp_path / "copy.sqlite3")
    assert not (tmp_path / "copy.sqlite3").exists()
    assert not list(tmp_path.glob("copy.sqlite3*"))


def test_a_backup_is_never_written_over_the_database(office: Services) -> None:
    assert office.db.path is not None
    with pytest.raises(DomainError, match="over the database itself"):
        backup_sqlite(office.db, office.db.path)
    assert office.contacts.count() == 54


# The day's backup


def test_the_daily_backup_is_made_once_a_day_and_rotates(office: Services) -> None:
    db = office.db
    monday = dt.datetime(2025, 6, 2, 9, 0)
    assert backup_age(db, monday) is None

    first = daily_backup(db, now=monday)
    assert first is not None and first.name == "liaison-20250602-090000-daily.sqlite3"
    assert backup_age(db, monday + dt.timedelta(hours=3)) == dt.timedelta(hours=3)
    # Opened again the same day, or the scheduler's tick in the afternoon: nothing to do.
    assert daily_backup(db, now=monday + dt.timedelta(hours=8)) is None
    # The next morning a little earlier than yesterday: a new day, a new backup.
    tuesday = daily_backup(db, now=monday + dt.timedelta(hours=23, minutes=50))
    assert tuesday is not None
    assert list_backups(db) == [tuesday, first]
    assert contacts_in(tuesday) == 54


def test_any_backup_made_today_counts_as_the_days_backup(office: Services) -> None:
    morning = dt.datetime(2025, 6, 2, 8)
    backup_sqlite(office.db, now=morning)  # as `crm backup` makes one, or a migration
    assert BackupService(office.db).daily(now=morning + dt.timedelta(hours=1)) is None
    assert len(list_backups(office.db)) == 1


def test_a_backup_dated_in_the_future_does_not_stop_the_daily_ones(office: Services) -> None:
    folder = office.db.path.parent / "backups"  # type: ignore[union-attr]
    folder.mkdir()
    touch_backup(folder, dt.datetime(2031, 1, 1, 12), "daily")  # the clock was wrong then
    made = BackupService(office.db).daily(now=dt.datetime(2025, 6, 2, 9))
    assert made is not None and made.kind == "sqlite" and made.bytes > 0


def test_a_daily_backup_into_a_full_disk_says_so(
    office: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(source: Path, target: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup, "copy_pages", disk_full)
    with pytest.raises(DomainError, match="not enough free space"):
        BackupService(office.db).daily()
    assert list_backups(office.db) == []


def test_a_manual_backup_into_the_folder_rotates_it(office: Services) -> None:
    folder = office.db.path.parent / "backups"  # type: ignore[union-attr]
    folder.mkdir()
    morning = touch_backup(folder, dt.datetime(2025, 3, 3, 9), "daily")
    evening = touch_backup(folder, dt.datetime(2025, 3, 3, 18))
    result = BackupService(office.db).backup()
    assert result.kind == "sqlite"
    assert not morning.exists()
    assert evening.exists() and result.path.exists()


def test_check_reports_the_latest_backup_and_its_age(office: Services) -> None:
    assert check(office.db).latest_backup is None
    made = daily_backup(office.db, now=dt.datetime(2025, 6, 2, 9))
    report = check(office.db, now=dt.datetime(2025, 6, 2, 12, 30))
    assert report.backup_kind == "sqlite"
    assert report.latest_backup == str(made)
    assert report.backup_age_hours == 3.5
    assert report.ok


# The JSON export, on either backend


def row_counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        names = [
            name
            for name in inspect(conn).get_table_names()
            if name != "alembic_version" and not name.startswith("contact_fts")
        ]
        return {
            name: int(conn.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one())
            for name in names
        }


def test_the_json_export_holds_every_row_of_every_table(demo_services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = demo_services.db
    result = BackupService(db).export_json(tmp_path / "office.json")
    assert result.kind == "json" and result.path == tmp_path / "office.json"
    assert result.bytes == result.path.stat().st_size

    data = json.loads(result.path.read_text(encoding="utf-8"))
    expected = row_counts(db)
    assert data["format"] == "liaison-backup" and data["version"] == 1
    assert data["schema_revision"] == schema_status(db).head
    assert dt.datetime.fromisoformat(data["created_at"]).tzinfo is not None
    assert {name: len(rows) for name, rows in data["tables"].items()} == expected
    assert data["counts"] == expected
    assert expected["contact"] == 54 and expected["interaction"] > 0
    # Parents come before the tables that refer to them, as a restore would insert them.
    order = list(data["tables"])
    assert order.index("place") < order.index("organisation") < order.index("contact")
    assert order.index("contact") < order.index("contact_email")
    wang = next(c for c in data["tables"]["contact"] if c["name_zh"] == "王芳")
    assert data["columns"]["contact"]["created_at"] == "datetime"
    assert dt.datetime.fromisoformat(wang["created_at"])
    assert wang["archived"] is False


def test_a_database_on_a_server_is_backed_up_as_json(
    demo_services,  # type: ignore[no-untyped-def]
    backend: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    service = BackupService(demo_services.db)
    result = service.backup()
    if backend == "sqlite":
        assert result.kind == "sqlite"
        return
    assert service.kind == "json" and result.kind == "json"
    assert result.path.parent == tmp_path
    assert result.path.name.startswith("liaison-backup-") and result.path.suffix == ".json"
    assert json.loads(result.path.read_text(encoding="utf-8"))["counts"]["contact"] == 54
    assert service.age() is None and service.daily() is None
    with pytest.raises(DomainError, match="ending in .json"):
        service.backup(tmp_path / "office.sqlite3")
    report = check(demo_services.db)
    assert (report.backup_kind, report.latest_backup) == ("json", None)


def test_a_server_export_is_the_same_however_its_rows_are_gathered(
    demo_services,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """COPY's rows are written a block at a time: a block of one row and a block of the whole
    table give the same file, backslashes and line breaks inside values included."""
    demo_services.contacts.create(
        ContactDraft(family_name="Back", given_name="Slash", notes="C:\\Liaison\\new\nline two")
    )
    when = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)
    files = []
    for block in (1, 1 << 30):
        monkeypatch.setattr(backup_export, "COPY_BLOCK_BYTES", block)
        out = tmp_path / f"block-{block}.json"
        backup_export.export_json(demo_services.db, out, now=when)
        files.append(out.read_bytes())
    assert files[0] == files[1]
    back = next(c for c in json.loads(files[0])["tables"]["contact"] if c["family_name"] == "Back")
    assert back["notes"] == "C:\\Liaison\\new\nline two"


def test_a_json_export_into_a_full_disk_leaves_no_file(
    services,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services.contacts.create(ContactDraft(family_name="Wang", given_name="Fang", name_zh="王芳"))
    out = tmp_path / "exports" / "office.json"

    def disk_full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(DomainError, match="not enough free space"):
        backup_export.export_json(services.db, out)
    assert not out.parent.exists()
