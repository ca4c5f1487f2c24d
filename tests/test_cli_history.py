"""`crm export` and `crm import --kind partnerships` end to end, as a script runs them."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from crm.cli import main
from crm.services.demo import load_demo
from crm.store.database import Database
from crm.store.migrate import upgrade

RunCrm = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One sample office with its history, for the commands that only read."""
    path = tmp_path_factory.mktemp("cli-history") / "liaison.sqlite3"
    db = Database(str(path))
    upgrade(db)
    load_demo(db)
    db.checkpoint()
    db.dispose()
    yield path


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def test_export_partnerships_as_json(
    demo_db: Path, home: Path, tmp_path: Path, run_crm: RunCrm
) -> None:
    out = tmp_path / "partnerships.json"
    result = run_crm(
        "export", "partnerships", "--format", "json", "--out", str(out), database=demo_db, home=home
    )
    assert result.returncode == 0, result.stderr
    assert "9 partnerships" in result.stdout
    items = json.loads(out.read_text(encoding="utf-8"))
    assert len(items) == 9
    for item in items:
        assert item.keys() >= {"id", "partner", "partner_zh", "country", "type"}
        assert item.keys() >= {"formalised_on", "status", "areas", "owner"}
    assert {i["partner"]: i["formalised_on"] for i in items}["Qingdao"] == "1986-10"


def test_import_partnerships_reports_one_json_object(
    tmp_path: Path, home: Path, run_crm: RunCrm
) -> None:
    sheet = tmp_path / "partners.csv"
    sheet.write_text(
        "partner,partner_zh,country,type,formalised_on,status,areas,owner\n"
        "Hefei,合肥,CN,sister_city,1988,active,trade;education,Anna Berg\n"
        "Qingdao,青岛,CN,friendship_city,1986-13,active,port logistics,Mads Kjærgaard\n",
        encoding="utf-8",
    )
    database = tmp_path / "new.sqlite3"
    result = run_crm(
        "import", str(sheet), "--kind", "partnerships", "--json", database=database, home=home
    )
    assert result.returncode == 1  # a row could not be imported
    report = json.loads(result.stdout)
    assert report.keys() >= {"created", "updated", "skipped", "errors"}
    assert (report["created"], report["updated"], report["skipped"]) == (1, 0, 0)
    assert [e["line"] for e in report["errors"]] == [3]
    assert "1986-13" in report["errors"][0]["message"]
    assert len(result.stderr.strip().splitlines()) == 1


def test_export_delegations_as_csv(
    demo_db: Path, home: Path, tmp_path: Path, run_crm: RunCrm
) -> None:
    out = tmp_path / "delegations.csv"
    result = run_crm(
        "export", "delegations", "--format", "csv", "--out", str(out), database=demo_db, home=home
    )
    assert result.returncode == 0, result.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # so that Excel reads the Chinese names
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 15
    assert set(rows[0]) >= {"id", "partnership", "direction", "title", "start", "end", "status"}
    assert set(rows[0]) >= {"leader", "members", "gifts", "outcomes", "itinerary"}
    members = rows[0]["members"].split(";")
    assert len(members) >= 2 and all(m.count("|") == 2 for m in members)


# In-process checks of the rest of the contract (fast, no subprocess) ------------------------------
def test_export_without_out_prints_json_and_excel_needs_a_file(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "delegations", "--database", str(demo_db)]) == 0
    delegations = json.loads(capsys.readouterr().out)
    assert {d["direction"] for d in delegations} == {"incoming", "outgoing"}
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "partnerships", "--format", "xlsx", "--database", str(demo_db)])
    assert exit_info.value.code == 2


def test_export_contacts_as_csv_and_xlsx(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "contacts.csv"
    assert main(["export", "contacts", "--out", str(out), "--database", str(demo_db)]) == 0
    assert "54 contacts" in capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    wang = next(r for r in rows if r["name_zh"] == "王芳")
    assert wang["family_name"] == "Wang" and "@" in wang["emails"]
    xlsx = tmp_path / "contacts.xlsx"
    assert main(["export", "contacts", "--out", str(xlsx), "--database", str(demo_db)]) == 0
    sheet = load_workbook(xlsx, read_only=True).worksheets[0]
    header = next(sheet.iter_rows(values_only=True))
    assert {"id", "family_name", "name_zh", "emails", "tags"} <= set(header)
    # The contact import reads the export back: a sheet is a way to move contacts too.
    capsys.readouterr()
    target = ["--database", str(tmp_path / "copy.sqlite3"), "--json"]
    assert main(["import", str(out), *target]) == 0
    assert json.loads(capsys.readouterr().out)["created"] == 54


def test_a_dry_run_import_from_the_command_changes_nothing(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "p.json"
    assert main(["export", "partnerships", "--out", str(sheet), "--database", str(demo_db)]) == 0
    capsys.readouterr()
    database = tmp_path / "copy.sqlite3"
    args = ["import", str(sheet), "--kind", "partnerships", "--database", str(database)]
    assert main([*args, "--dry-run", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["created"], report["dry_run"]) == (9, True)
    assert main(["export", "partnerships", "--database", str(database)]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_an_unwritable_export_is_one_sentence(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no such folder" / "p.csv"
    assert main(["export", "partnerships", "--out", str(out), "--database", str(demo_db)]) == 1
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and "could not be written" in error
