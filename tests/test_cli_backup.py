"""`crm backup` and the backup lines of `crm check`, end to end as a terminal runs them."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from crm.cli import main
from crm.services.bundle import Services
from crm.services.demo import load_demo

RunCrm = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def office(db_path: Path) -> Iterator[Path]:
    services = Services.open(str(db_path))
    load_demo(services.db)
    services.db.dispose()
    yield db_path


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def one_sentence_on_stderr(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_backup_out_writes_a_copy_that_opens_with_every_contact(
    office: Path, home: Path, tmp_path: Path, run_crm: RunCrm
) -> None:
    out = tmp_path / "usb stick" / "liaison copy.sqlite3"
    result = run_crm("backup", "--out", str(out), database=office, home=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Backup written to “{out}” (")
    assert len(result.stdout.strip().splitlines()) == 1
    with sqlite3.connect(out) as conn:
        assert conn.execute("SELECT count(*) FROM contact").fetchone() == (54,)
    conn.close()
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]
    assert not (office.parent / "backups").exists()  # --out: the rotated folder is left alone


def test_backup_json_report_into_the_backups_folder(
    office: Path, home: Path, run_crm: RunCrm
) -> None:
    result = run_crm("backup", "--json", database=office, home=home)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {"path", "bytes", "kind", "seconds"}
    path = Path(report["path"])
    assert path.parent == office.parent / "backups"
    assert path.name.startswith("liaison-") and path.suffix == ".sqlite3"
    assert report["kind"] == "sqlite"
    assert report["bytes"] == path.stat().st_size > 0
    assert 0 <= report["seconds"] < 60


def test_backup_to_a_json_file_is_the_portable_export(
    office: Path, home: Path, tmp_path: Path, run_crm: RunCrm
) -> None:
    out = tmp_path / "office.json"
    result = run_crm(
        "--lang", "zh_CN", "backup", "--out", str(out), "--json", database=office, home=home
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["kind"], report["path"]) == ("json", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "liaison-backup"
    assert data["counts"]["contact"] == 54


def test_check_reports_no_backup_then_the_latest(office: Path, home: Path, run_crm: RunCrm) -> None:
    before = run_crm("check", "--json", database=office, home=home)
    assert before.returncode == 0, before.stderr
    report = json.loads(before.stdout)
    assert (report["latest_backup"], report["backup_age_hours"]) == (None, None)
    text = run_crm("check", database=office, home=home)
    assert text.stdout.strip().splitlines()[-1] == "No backup yet."

    made = json.loads(run_crm("backup", "--json", database=office, home=home).stdout)
    after = json.loads(run_crm("check", "--json", database=office, home=home).stdout)
    assert after["latest_backup"] == made["path"]
    assert after["backup_kind"] == "sqlite"
    assert 0 <= after["backup_age_hours"] < 1
    assert after["ok"] is True
    text = run_crm("check", database=office, home=home)
    assert text.returncode == 0, text.stderr
    last = text.stdout.strip().splitlines()[-1]
    assert last.startswith("Latest backup: ") and last.endswith(f"(“{made['path']}”).")
    assert " ago " in last


def test_backup_of_a_missing_database_is_one_sentence(
    tmp_path: Path, home: Path, run_crm: RunCrm
) -> None:
    missing = tmp_path / "nowhere.sqlite3"
    sentence = one_sentence_on_stderr(run_crm("backup", database=missing, home=home))
    assert str(missing) in sentence
    assert not missing.exists()
    assert not (tmp_path / "backups").exists()


def test_backup_over_the_database_itself_is_refused(
    office: Path, home: Path, run_crm: RunCrm
) -> None:
    sentence = one_sentence_on_stderr(
        run_crm("backup", "--out", str(office), database=office, home=home)
    )
    assert sentence == "A backup cannot be written over the database itself."
    with sqlite3.connect(office) as conn:
        assert conn.execute("SELECT count(*) FROM contact").fetchone() == (54,)
    conn.close()


def test_backup_and_check_on_either_backend(
    services,  # type: ignore[no-untyped-def]
    database_url: str,
    backend: str,
    home: Path,
    tmp_path: Path,
    run_crm: RunCrm,
) -> None:
    load_demo(services.db)
    out = tmp_path / "office.json"
    result = run_crm("backup", "--out", str(out), database=database_url, home=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Every table exported as JSON to “{out}” (")
    assert json.loads(out.read_text(encoding="utf-8"))["counts"]["contact"] == 54

    check = run_crm("check", "--json", database=database_url, home=home)
    assert check.returncode == 0, check.stderr
    report = json.loads(check.stdout)
    assert report["backup_kind"] == ("sqlite" if backend == "sqlite" else "json")
    assert report["latest_backup"] is None  # an export elsewhere is not one Liaison keeps
    if backend == "postgresql":
        text = run_crm("check", database=database_url, home=home)
        assert "JSON export" in text.stdout.strip().splitlines()[-1]
        refused = run_crm(
            "backup", "--out", str(tmp_path / "x.sqlite3"), database=database_url, home=home
        )
        assert "ending in .json" in one_sentence_on_stderr(refused)


def test_backup_of_a_file_that_is_not_a_database_leaves_it_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("Meeting notes, not a database. " * 10, encoding="utf-8")
    before = notes.read_bytes()
    assert main(["backup", "--database", str(notes)]) == 1
    [sentence] = capsys.readouterr().err.strip().splitlines()
    assert sentence.startswith(f"The database “{notes}” could not be read for a backup: ")
    assert notes.read_bytes() == before
    assert not (tmp_path / "backups").exists()
