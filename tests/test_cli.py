"""The `crm` command end to end, as a script or a colleague at a terminal runs it."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from crm.cli import main
from crm.services.bundle import Services
from crm.services.demo import load_demo

RunCrm = Callable[..., subprocess.CompletedProcess[str]]

CONTACT_KEYS = {
    "id",
    "family_name",
    "given_name",
    "name_zh",
    "honorific",
    "position",
    "organisation",
    "emails",
    "phones",
    "birthday",
    "birthday_calendar",
    "language",
    "tags",
    "owner",
    "status",
}
BIRTHDAY = re.compile(r"^(\d{4}-\d{2}-\d{2}|--\d{2}-\d{2})$")


def assert_one_sentence_on_stderr(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def assert_contact_shape(contact: dict[str, Any]) -> None:
    assert contact.keys() >= CONTACT_KEYS
    assert str(uuid.UUID(contact["id"])) == contact["id"]
    for key in ("emails", "phones", "tags"):
        assert isinstance(contact[key], list)
        assert all(isinstance(value, str) for value in contact[key])
    assert contact["birthday"] is None or BIRTHDAY.match(contact["birthday"])
    assert contact["birthday_calendar"] in {"gregorian", "lunar"}
    assert contact["status"] in {"active", "moved_on", "deceased"}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One sample office for the read-only command tests, loaded in-process (it is fast)."""
    path = tmp_path_factory.mktemp("cli") / "liaison.sqlite3"
    services = Services.open(str(path))
    load_demo(services.db)
    services.db.checkpoint()
    services.db.dispose()
    yield path


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def test_help_lists_the_commands(tmp_path: Path, home: Path, run_crm: RunCrm) -> None:
    result = run_crm("--help", database=tmp_path / "unused.sqlite3", home=home)
    assert result.returncode == 0
    for command in ("demo", "contacts", "check"):
        assert re.search(rf"^\s+{command}\s", result.stdout, re.MULTILINE), command
    assert not (tmp_path / "unused.sqlite3").exists()


def test_demo_loads_once_and_then_adds_nothing(tmp_path: Path, home: Path, run_crm: RunCrm) -> None:
    database = tmp_path / "office.sqlite3"
    first = run_crm("demo", database=database, home=home)
    assert first.returncode == 0, first.stderr
    assert re.search(r"\b[1-9]\d*\b", first.stdout)  # how many records were added
    second = run_crm("demo", database=database, home=home)
    assert second.returncode == 0, second.stderr
    assert "nothing added" in second.stdout
    services = Services.open(str(database))
    try:
        assert services.contacts.count() == 54
    finally:
        services.db.dispose()


def test_contacts_json_for_wang_fang_has_the_documented_shape(
    demo_db: Path, home: Path, run_crm: RunCrm
) -> None:
    result = run_crm("contacts", "--search", "王芳", "--json", database=demo_db, home=home)
    assert result.returncode == 0, result.stderr
    listing = json.loads(result.stdout)  # one JSON document, nothing else on stdout
    assert isinstance(listing, list) and len(listing) == 1
    [wang] = listing
    assert_contact_shape(wang)
    assert (wang["family_name"], wang["given_name"], wang["name_zh"]) == ("Wang", "Fang", "王芳")
    assert wang["birthday"] == "--09-23"
    assert wang["birthday_calendar"] == "gregorian"
    assert wang["organisation"] == "Hefei Municipal Foreign Affairs Office"
    assert wang["emails"] == ["wangfang@hefei.gov.cn.example"]
    assert wang["tags"] == sorted(wang["tags"]) and "VIP" in wang["tags"]
    assert wang["owner"] == "Anna Berg"
    assert wang["status"] == "active"


@pytest.mark.parametrize(
    "args",
    [
        ("contacts", "--search", "wangfang", "--json"),
        ("contacts", "--search", "wf", "--json"),
        ("--lang", "zh_CN", "contacts", "--search", "芳", "--json"),
        ("contacts", "--search", "muller", "--json", "--lang", "zh_CN"),
    ],
    ids=["wangfang", "wf", "芳-zh_CN", "muller-zh_CN"],
)
def test_the_command_finds_what_the_app_finds(
    demo_db: Path, home: Path, args: tuple[str, ...], run_crm: RunCrm
) -> None:
    query = args[args.index("--search") + 1]
    result = run_crm(*args, database=demo_db, home=home)
    assert result.returncode == 0, result.stderr
    listing = json.loads(result.stdout)
    for contact in listing:
        assert_contact_shape(contact)
    services = Services.open(str(demo_db))
    try:
        expected = services.contacts.search(query)
    finally:
        services.db.dispose()
    assert [c["id"] for c in listing] == expected
    assert len(expected) == 1


def test_check_passes_on_a_good_database(demo_db: Path, home: Path, run_crm: RunCrm) -> None:
    result = run_crm("--lang", "zh_CN", "check", database=demo_db, home=home)
    assert result.returncode == 0, result.stderr
    assert "54" in result.stdout
    assert result.stderr == ""


def test_check_of_a_missing_database_is_one_sentence(
    tmp_path: Path, home: Path, run_crm: RunCrm
) -> None:
    missing = tmp_path / "nowhere.sqlite3"
    sentence = assert_one_sentence_on_stderr(run_crm("check", database=missing, home=home))
    assert str(missing) in sentence
    assert not missing.exists()


def test_check_of_a_garbage_file_is_one_sentence_and_leaves_it_alone(
    tmp_path: Path, home: Path, run_crm: RunCrm
) -> None:
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(os.urandom(8192))
    before = hashlib.sha256(garbage.read_bytes()).hexdigest()
    sentence = assert_one_sentence_on_stderr(run_crm("check", database=garbage, home=home))
    assert str(garbage) in sentence
    assert hashlib.sha256(garbage.read_bytes()).hexdigest() == before


@pytest.mark.parametrize(
    ("args", "complaint"),
    [(("frobnicate",), "invalid choice"), (("contacts", "--frobnicate"), "unrecognized")],
    ids=["unknown-command", "bad-option"],
)
def test_wrong_usage_exits_2(
    tmp_path: Path, home: Path, args: tuple[str, ...], complaint: str, run_crm: RunCrm
) -> None:
    database = tmp_path / "untouched.sqlite3"
    result = run_crm(*args, database=database, home=home)
    assert result.returncode == 2
    assert complaint in result.stderr
    assert result.stdout == ""
    assert not database.exists()


# In-process: behaviour that needs no separate process to show.


def test_check_of_a_missing_database_creates_no_folders(tmp_path: Path) -> None:
    missing = tmp_path / "typo" / "folder" / "liaison.sqlite3"
    assert main(["check", "--database", str(missing)]) == 1
    assert not (tmp_path / "typo").exists()


class _ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_output_pipe_is_not_reported_as_a_database_problem(
    demo_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    main(["contacts", "--json", "--database", str(demo_db)])
    assert "database" not in capsys.readouterr().err
