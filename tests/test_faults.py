"""Faults: a locked, full or damaged database never loses data, and the user is told in one
sentence.

The hard ones are real: an import killed with SIGKILL at several points, a disk that fills up
(a file-size limit on the process, and a tiny tmpfs where mounting one is permitted), a file cut
in half. The rest simulate the system's error where it would come from.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from crm.domain.contacts import ContactDraft
from crm.domain.text import DomainError
from crm.services.bundle import Services
from crm.services.contacts import ContactService
from crm.services.handover import HandoverService
from crm.services.handover_import import HandoverImportService
from crm.services.restore import RestoreService
from crm.store import errors, migrate
from crm.store.backup import backup_sqlite
from crm.store.database import Database
from crm.store.errors import (
    DamagedDatabase,
    NewerDatabase,
    NotLiaison,
    as_domain_error,
)
from crm.store.restore import check_backup_file, restore_backup

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "import"
BUSY = errors.BUSY.render()
DISK_FULL = errors.DISK_FULL.render()
LOUISE = "Louise Dahl Nielsen"


# Helpers --------------------------------------------------------------------------------------


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        result = conn.execute("PRAGMA integrity_check").fetchall()
    conn.close()
    return "; ".join(row[0] for row in result)


def family_names(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        names = [row[0] for row in conn.execute("SELECT family_name FROM contact ORDER BY 1")]
    conn.close()
    return names


def contact_count(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        (count,) = conn.execute("SELECT count(*) FROM contact").fetchone()
    conn.close()
    return int(count)


def make_database(path: Path, *names: str) -> Path:
    """A Liaison database with these contacts, its log folded in and its connections closed."""
    services = Services.open(str(path))
    for name in names:
        services.contacts.create(ContactDraft(family_name=name))
    services.db.checkpoint()
    services.db.dispose()
    return path


def write_people(path: Path, count: int, *, start: int = 0) -> Path:
    """A CSV of `count` new people, none of whom matches another."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["family_name", "given_name", "emails", "position", "notes"])
        for number in range(start, start + count):
            writer.writerow(
                [
                    f"Family{number:05d}",
                    f"Given{number:05d}",
                    f"person{number:05d}@example.org",
                    "Director of international relations",
                    "Met at the forum on urban partnerships",
                ]
            )
    return path


def crm_env(home: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "CRM_LANG": "en",
        "HOME": str(home),
        "PYTHONIOENCODING": "utf-8",
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    env.pop("CRM_DATABASE", None)
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(home / name.lower())
    return env


def crm_import(csv_file: Path, database: Path) -> list[str]:
    return [sys.executable, "-m", "crm.cli", "import", str(csv_file), "--database", str(database)]


def wal_size(database: Path) -> int:
    try:
        return database.with_name(database.name + "-wal").stat().st_size
    except OSError:
        return 0


def poll_until(process: subprocess.Popen[str], ready: Callable[[], bool]) -> bool:
    """Wait until `ready()` (True) or until the process ends (False)."""
    while process.poll() is None:
        if ready():
            return True
        time.sleep(0.001)
    return False


def simulate_full_disk_after(db: Database, inserts: int) -> Callable[[], None]:
    """SQLite's "database or disk is full" from the `inserts`-th INSERT on; returns the undo."""
    seen = 0

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        nonlocal seen
        if statement.lstrip().upper().startswith("INSERT"):
            seen += 1
            if seen >= inserts:
                raise sqlite3.OperationalError("database or disk is full")

    event.listen(db.engine, "before_cursor_execute", before)
    return lambda: event.remove(db.engine, "before_cursor_execute", before)


# One sentence for each fault ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("database is locked", BUSY),
        ("database table is locked", BUSY),
        ("database or disk is full", DISK_FULL),
        ("disk I/O error", DISK_FULL),
        ("attempt to write a readonly database", errors.READ_ONLY.render()),
        ("database disk image is malformed", errors.DAMAGED_NOW.render()),
        ("file is not a database", errors.DAMAGED_NOW.render()),
    ],
)
def test_sqlite_faults_wrapped_by_sqlalchemy_become_one_sentence(
    message: str, expected: str
) -> None:
    wrapped = OperationalError("INSERT INTO contact …", {}, sqlite3.OperationalError(message))
    found = as_domain_error(wrapped)
    assert found is not None
    assert found.render() == expected


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EFBIG])
def test_a_full_disk_from_the_system_is_the_disk_sentence(code: int) -> None:
    found = as_domain_error(OSError(code, os.strerror(code)))
    assert found is not None and found.render() == DISK_FULL


def test_what_is_not_a_fault_of_the_database_is_not_dressed_up() -> None:
    assert as_domain_error(ValueError("a bug")) is None
    assert as_domain_error(OSError(errno.ENOENT, "No such file or directory")) is None
    try:
        try:
            raise sqlite3.OperationalError("database is locked")
        except sqlite3.OperationalError:
            raise KeyError("a bug while handling it") from None
    except KeyError as bug:
        assert as_domain_error(bug) is None


def test_a_server_that_cannot_be_reached_is_told_by_name(tmp_path: Path) -> None:
    pytest.importorskip("psycopg")
    db = Database("postgresql+psycopg://liaison:secret@127.0.0.1:1/liaison")
    try:
        with pytest.raises(DomainError) as refused:
            migrate.upgrade(db)
    finally:
        db.dispose()
    assert refused.value.render() == (
        "The database server “127.0.0.1:1” cannot be reached: check the network connection, "
        "or ask whoever looks after the server."
    )


def test_the_command_tells_a_server_out_of_reach_without_a_traceback(
    tmp_path: Path, run_crm: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    pytest.importorskip("psycopg")
    result = run_crm(
        "contacts",
        database="postgresql+psycopg://liaison:secret@127.0.0.1:1/liaison",
        home=tmp_path / "home",
    )
    assert result.returncode == 1
    assert "cannot be reached" in result.stderr
    assert "Traceback" not in result.stderr
    assert "secret" not in result.stderr


# A locked database ----------------------------------------------------------------------------


def test_a_save_waits_for_a_busy_database_then_says_so_and_changes_nothing(
    db_path: Path,
) -> None:
    make_database(db_path, "Holst")
    db = Database(db_path, busy_timeout_ms=300)
    other = sqlite3.connect(db_path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        with pytest.raises(OperationalError) as refused:
            ContactService(db).create(ContactDraft(family_name="Berg"))
        found = as_domain_error(refused.value)
        assert found is not None and found.render() == BUSY
        other.execute("ROLLBACK")
        assert family_names(db_path) == ["Holst"]
        # Once the other writer is done, the same save goes through.
        ContactService(db).create(ContactDraft(family_name="Berg"))
    finally:
        other.close()
        db.dispose()
    assert family_names(db_path) == ["Berg", "Holst"]


# A full disk ----------------------------------------------------------------------------------


def file_size_limit(limit: int) -> Callable[[], None]:
    """For the child process: no file may grow past `limit` bytes, and a write that would
    fails with EFBIG (rather than SIGXFSZ killing the process), as on a full disk."""
    resource = pytest.importorskip("resource")

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_disk_that_fills_up_during_an_import_loses_nothing(tmp_path: Path) -> None:
    """The command is told the disk's sentence (no traceback) and the database is as it was."""
    database = make_database(tmp_path / "liaison.sqlite3", "Holst", "Wang")
    people = write_people(tmp_path / "people.csv", 3000)
    before = family_names(database)
    # Room for the file as it is and a little more: not for three thousand contacts.
    limit = max(database.stat().st_size, 32768) + 65536
    result = subprocess.run(
        crm_import(people, database),
        env=crm_env(tmp_path / "home"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        preexec_fn=file_size_limit(limit),
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [DISK_FULL]
    assert integrity(database) == "ok"
    assert family_names(database) == before

    # With room again, the same import goes through whole.
    services = Services.open(str(database))
    try:
        report, _changes = services.importer.import_file(people)
        assert report.created == 3000
        assert services.contacts.count() == 3002
    finally:
        services.db.dispose()


def test_a_full_tmpfs_during_an_import_loses_nothing(tmp_path: Path) -> None:
    unshare = shutil.which("unshare")
    if unshare is None or sys.platform != "linux":
        pytest.skip("needs Linux's unshare to mount a private tmpfs")
    probe = subprocess.run([unshare, "-rm", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("this system does not permit a private mount namespace")
    database = make_database(tmp_path / "liaison.sqlite3", "Holst", "Wang")
    before = family_names(database)
    people = write_people(tmp_path / "people.csv", 3000)
    disk, out = tmp_path / "disk", tmp_path / "out"
    disk.mkdir()
    out.mkdir()
    size_kb = database.stat().st_size // 1024 + 160
    inner = disk / database.name
    script = (
        f'mount -t tmpfs -o size={size_kb}k tmpfs "{disk}" || exit 97\n'
        f'cp "{database}" "{inner}"\n'
        f'"{sys.executable}" -m crm.cli import "{people}" --database "{inner}"\n'
        "code=$?\n"
        f'cp "{disk}"/* "{out}"/\n'
        "exit $code\n"
    )
    result = subprocess.run(
        [unshare, "-rm", "sh", "-c", script],
        env=crm_env(tmp_path / "home"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    if result.returncode == 97:
        pytest.skip("mounting a tmpfs is not permitted here")
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip() == DISK_FULL
    kept = out / database.name
    assert integrity(kept) == "ok"
    assert family_names(kept) == before


def test_a_full_disk_during_a_csv_import_writes_nothing_of_it(db_path: Path) -> None:
    services = Services.open(str(make_database(db_path, "Holst")))
    try:
        undo = simulate_full_disk_after(services.db, inserts=3)
        try:
            with pytest.raises(OperationalError) as refused:
                services.importer.import_file(DATA / "google_contacts.csv")
        finally:
            undo()
        found = as_domain_error(refused.value)
        assert found is not None and found.render() == DISK_FULL
        assert services.contacts.count() == 1
        assert services.contacts.search("Rossi") == []
    finally:
        services.db.dispose()
    assert family_names(db_path) == ["Holst"]


def test_a_full_disk_during_a_handover_import_writes_nothing_of_it(
    demo_services: Services, tmp_path: Path
) -> None:
    package = tmp_path / "louise.zip"
    HandoverService(demo_services.db).export(LOUISE, package)
    folder = tmp_path / "successor"
    folder.mkdir()
    successor = Services.open(str(folder / "liaison.sqlite3"))
    try:
        undo = simulate_full_disk_after(successor.db, inserts=5)
        try:
            with pytest.raises(OperationalError) as refused:
                HandoverImportService(successor.db).apply(package)
        finally:
            undo()
        found = as_domain_error(refused.value)
        assert found is not None and found.render() == DISK_FULL
        assert successor.contacts.count() == 0
        assert successor.directory.staff() == []
        assert not (folder / "documents").exists() or not any((folder / "documents").iterdir())
        # With room again, the same package goes in.
        report = HandoverImportService(successor.db).apply(package)
        assert sum(report.created.values()) > 0
    finally:
        successor.db.dispose()


def test_a_full_disk_during_a_handover_export_leaves_no_package(
    demo_services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "louise.zip"
    out.write_bytes(b"last week's package")
    writes = 0
    real = zipfile.ZipFile.writestr

    def writestr_then_fill_up(self: zipfile.ZipFile, *args: Any, **kwargs: Any) -> None:
        nonlocal writes
        writes += 1
        if writes == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(self, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", writestr_then_fill_up)
    with pytest.raises(OSError) as refused:
        HandoverService(demo_services.db).export(LOUISE, out)
    found = as_domain_error(refused.value)
    assert found is not None and found.render() == DISK_FULL
    assert out.read_bytes() == b"last week's package"
    assert sorted(p.name for p in tmp_path.iterdir() if "louise" in p.name) == ["louise.zip"]


# A process killed halfway ---------------------------------------------------------------------


@pytest.mark.slow
def test_kill_9_during_a_big_import_leaves_nothing_or_everything_of_it(tmp_path: Path) -> None:
    rows = 12000
    base = make_database(tmp_path / "base.sqlite3", "Holst", "Wang")
    people = write_people(tmp_path / "people.csv", rows)
    before = contact_count(base)
    env = crm_env(tmp_path / "home")

    def start(name: str) -> tuple[Path, subprocess.Popen[str], float]:
        database = tmp_path / name / "liaison.sqlite3"
        database.parent.mkdir()
        shutil.copyfile(base, database)
        process = subprocess.Popen(
            crm_import(people, database),
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        return database, process, time.monotonic()

    # The whole run first: how long it takes here, and how large the log grows at the commit
    # (the import writes in one transaction, so the log grows only then).
    database, process, started = start("whole")
    peak = 0

    def log_grown() -> bool:
        nonlocal peak
        peak = max(peak, wal_size(database))
        return False

    poll_until(process, log_grown)
    assert process.wait(timeout=300) == 0
    duration = time.monotonic() - started
    assert contact_count(database) == before + rows
    assert peak > 1_000_000

    # Struck while the file is read, as the commit begins, halfway through it, near its end,
    # and once the report is out (the log being folded back into the file on exit).
    def after(fraction: float) -> Callable[[Path, subprocess.Popen[str], float], bool]:
        return lambda db, p, t: poll_until(p, lambda: time.monotonic() - t > duration * fraction)

    def log_past(size: float) -> Callable[[Path, subprocess.Popen[str], float], bool]:
        return lambda db, p, t: poll_until(p, lambda: wal_size(db) > size)

    def report_out(_db: Path, process: subprocess.Popen[str], _t: float) -> bool:
        return bool(process.stdout and process.stdout.readline())

    strikes = {
        "reading": after(0.4),
        "commit begins": log_past(32),
        "commit halfway": log_past(peak * 0.5),
        "commit ending": log_past(peak * 0.9),
        "exiting": report_out,
    }
    outcomes = {}
    for name, strike in strikes.items():
        database, process, started = start(name.replace(" ", "-"))
        struck_in_time = strike(database, process, started)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        assert integrity(database) == "ok", name
        count = contact_count(database)
        assert count in (before, before + rows), name
        outcomes[name] = (struck_in_time, count)
        # Liaison itself opens what was left and finds it whole.
        services = Services.open(str(database))
        try:
            assert services.contacts.count() == count
        finally:
            services.db.dispose()
    # The early strikes landed while the import was running and left nothing of it; the
    # last one, after the commit, left all of it.
    assert outcomes["reading"] == (True, before)
    assert outcomes["commit begins"][0]
    assert outcomes["exiting"] == (True, before + rows)


# A damaged or foreign file, recognised at start ------------------------------------------------


def damaged_database(folder: Path) -> tuple[Path, Path]:
    """A database with a backup of yesterday's, then cut in half as a crash might leave it."""
    db_path = make_database(folder / "liaison.sqlite3", "Holst")
    db = Database(db_path)
    backup = backup_sqlite(db, folder / "backups" / "liaison-20261124-104200.sqlite3")
    db.dispose()
    services = Services.open(str(db_path))
    services.contacts.create(ContactDraft(family_name="Berg"))
    services.db.checkpoint()
    services.db.dispose()
    with db_path.open("r+b") as handle:
        handle.truncate(db_path.stat().st_size // 2)
    return db_path, backup


def test_a_truncated_file_is_recognised_at_start_untouched_and_its_backup_offered(
    tmp_path: Path,
) -> None:
    db_path, backup = damaged_database(tmp_path)
    before = digest(db_path)
    db = Database(db_path)
    try:
        with pytest.raises(DamagedDatabase) as refused:
            migrate.upgrade(db)
        assert RestoreService(db).latest().path == backup  # type: ignore[union-attr]
    finally:
        db.dispose()
    assert refused.value.path == db_path
    assert refused.value.render() == (
        f"The database “{db_path}” is damaged (it may have been cut short when the computer "
        "stopped)."
    )
    assert digest(db_path) == before
    assert not db_path.with_name(db_path.name + "-wal").exists()


@pytest.mark.parametrize("keep", [40, 100, 4096])
def test_a_file_cut_anywhere_is_damaged(tmp_path: Path, keep: int) -> None:
    db_path = make_database(tmp_path / "liaison.sqlite3", "Holst")
    with db_path.open("r+b") as handle:
        handle.truncate(keep)
    db = Database(db_path)
    try:
        with pytest.raises(DamagedDatabase):
            migrate.schema_status(db)
    finally:
        db.dispose()


def test_a_file_with_a_broken_page_is_damaged(tmp_path: Path) -> None:
    db_path = make_database(tmp_path / "liaison.sqlite3", "Holst")
    data = bytearray(db_path.read_bytes())
    data[100:140] = b"\xff" * 40  # the schema's page, right after the file header
    db_path.write_bytes(bytes(data))
    db = Database(db_path)
    try:
        with pytest.raises(DamagedDatabase) as refused:
            migrate.upgrade(db)
    finally:
        db.dispose()
    assert refused.value.path == db_path


def test_a_text_file_named_like_a_database_is_not_liaison(tmp_path: Path) -> None:
    path = tmp_path / "liaison.sqlite3"
    path.write_text("Meeting notes, 24 November\n" * 50, encoding="utf-8")
    before = digest(path)
    db = Database(path)
    try:
        with pytest.raises(NotLiaison) as refused:
            migrate.upgrade(db)
    finally:
        db.dispose()
    assert refused.value.path == path
    assert refused.value.render() == f"“{path}” is not a Liaison database."
    assert digest(path) == before


def test_a_database_of_a_newer_liaison_is_refused_by_the_command_untouched(
    tmp_path: Path, run_crm: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    db_path = make_database(tmp_path / "liaison.sqlite3", "Holst")
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")  # as a newer Liaison might leave it
        conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    conn.close()
    before = digest(db_path)
    result = run_crm("contacts", database=db_path, home=tmp_path / "home")
    assert result.returncode == 1
    assert result.stderr.strip() == migrate.NEWER.render()
    assert digest(db_path) == before
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    conn.close()
    db = Database(db_path)
    try:
        with pytest.raises(NewerDatabase):
            migrate.upgrade(db)
    finally:
        db.dispose()


# Restoring a backup ---------------------------------------------------------------------------


def test_a_backup_is_checked_before_it_is_offered(tmp_path: Path) -> None:
    db_path = make_database(tmp_path / "liaison.sqlite3", "Holst", "Wang")
    db = Database(db_path)
    backup = backup_sqlite(db, tmp_path / "backups" / "liaison-20261124-104200.sqlite3")
    db.dispose()
    info = check_backup_file(backup)
    assert (info.contacts, info.made.isoformat(), info.size) == (
        2,
        "2026-11-24T10:42:00",
        backup.stat().st_size,
    )
    assert migrate.is_known_revision(info.revision)
    # Checking leaves nothing beside the backup.
    assert sorted(p.name for p in backup.parent.iterdir()) == [backup.name]


def test_a_copy_taken_with_its_log_beside_it_is_restored_whole(tmp_path: Path) -> None:
    """A database copied while Liaison ran: the newest contacts are still in its log."""
    live = tmp_path / "live" / "liaison.sqlite3"
    live.parent.mkdir()
    services = Services.open(str(live))
    try:
        services.contacts.create(ContactDraft(family_name="Holst"))
        assert wal_size(live) > 0
        copy = tmp_path / "copy" / "liaison.sqlite3"
        copy.parent.mkdir()
        for suffix in ("", "-wal"):
            shutil.copyfile(f"{live}{suffix}", f"{copy}{suffix}")
    finally:
        services.db.dispose()
    assert check_backup_file(copy).contacts == 1
    db_path = make_database(tmp_path / "liaison.sqlite3", "Wang")
    restore_backup(db_path, copy)
    assert family_names(db_path) == ["Holst"]


def test_what_cannot_be_restored_is_refused_in_one_sentence(tmp_path: Path) -> None:
    db_path = make_database(tmp_path / "liaison.sqlite3", "Holst")
    cut = tmp_path / "cut.sqlite3"
    shutil.copyfile(db_path, cut)
    with cut.open("r+b") as handle:
        handle.truncate(cut.stat().st_size // 2)
    text = tmp_path / "notes.sqlite3"
    text.write_text("not a database\n" * 20, encoding="utf-8")
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    conn.close()
    newer = tmp_path / "newer.sqlite3"
    shutil.copyfile(db_path, newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    conn.close()

    refusals: list[tuple[type[DomainError], Path, str]] = [
        (DamagedDatabase, cut, "The backup “cut.sqlite3” is damaged and cannot be restored."),
        (NotLiaison, text, "“notes.sqlite3” is not a Liaison database, so it cannot be restored."),
        (NotLiaison, other, "“other.sqlite3” is not a Liaison database, so it cannot be restored."),
        (
            NewerDatabase,
            newer,
            "The backup “newer.sqlite3” was written by a newer version of Liaison: update "
            "Liaison to restore it.",
        ),
        (DomainError, tmp_path / "gone.sqlite3", "There is no file “gone.sqlite3”."),
    ]
    for kind, path, sentence in refusals:
        with pytest.raises(kind) as refused:
            check_backup_file(path)
        assert refused.value.render() == sentence
    before = digest(db_path)
    for _kind, path, _sentence in refusals:
        with pytest.raises(DomainError):
            restore_backup(db_path, path)
        assert digest(db_path) == before


def test_restoring_keeps_the_replaced_file_aside(tmp_path: Path) -> None:
    db_path, backup = damaged_database(tmp_path)
    damaged = digest(db_path)
    kept = restore_backup(db_path, backup)
    assert kept is not None
    assert kept.parent == tmp_path / "backups"
    assert kept.name.startswith("liaison-replaced-") and kept.suffix == ".sqlite3"
    assert digest(kept) == damaged
    assert family_names(db_path) == ["Holst"]
    assert integrity(db_path) == "ok"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".liaison-restoring-")]


@pytest.mark.parametrize("failing", ["copy", "rename"])
def test_a_restore_that_fails_puts_the_current_file_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    db_path = make_database(tmp_path / "liaison.sqlite3", "Holst")
    db = Database(db_path)
    backup = backup_sqlite(db, tmp_path / "backups" / "liaison-20261124-104200.sqlite3")
    db.dispose()
    services = Services.open(str(db_path))
    services.contacts.create(ContactDraft(family_name="Berg"))
    services.db.dispose()
    before = family_names(db_path)

    def full_disk(*_args: Any, **_kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    from crm.store import restore

    if failing == "copy":
        monkeypatch.setattr(restore, "_staged_copy", full_disk)
    else:
        monkeypatch.setattr(restore.os, "replace", full_disk)
    with pytest.raises(OSError) as refused:
        restore_backup(db_path, backup)
    found = as_domain_error(refused.value)
    assert found is not None and found.render() == DISK_FULL
    monkeypatch.undo()
    assert family_names(db_path) == before
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == [backup.name]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".liaison-restoring-")]


def test_restoring_through_the_service_keeps_the_open_database_working(
    tmp_path: Path,
) -> None:
    db_path = make_database(tmp_path / "liaison.sqlite3", "Holst")
    services = Services.open(str(db_path))
    try:
        backup = backup_sqlite(
            services.db, tmp_path / "backups" / "liaison-20261124-104200.sqlite3"
        )
        services.contacts.create(ContactDraft(family_name="Berg"))
        service = RestoreService(services.db)
        assert [b.path for b in service.backups()] == [backup]
        result = service.restore(backup)
        assert result.restored.contacts == 1
        assert result.kept_aside is not None and family_names(result.kept_aside) == [
            "Berg",
            "Holst",
        ]
        # The same services read the restored data, and write to it.
        assert [
            row.family_name for row in services.contacts.rows(services.contacts.search(""))
        ] == ["Holst"]
        services.contacts.create(ContactDraft(family_name="Dahl"))
        assert services.contacts.count() == 2
        # The file set aside is not a backup to offer.
        assert [b.path for b in service.backups()] == [backup]
        assert service.latest().path == backup  # type: ignore[union-attr]
    finally:
        services.db.dispose()
    assert integrity(db_path) == "ok"
