"""Every test gets its own database, data folders and settings: none touches the user's real ones."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("CRM_DATABASE", raising=False)
    monkeypatch.setenv("CRM_LANG", "en")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "liaison.sqlite3"


@pytest.fixture
def services(db_path: Path) -> Iterator:  # type: ignore[type-arg]
    from crm.services.bundle import Services

    bundle = Services.open(str(db_path))
    yield bundle
    bundle.db.dispose()


@pytest.fixture
def demo_services(services):  # type: ignore[no-untyped-def]
    from crm.services.demo import load_demo

    load_demo(services.db)
    return services


def _run_crm(*args: str, database: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """Run `crm` in a fresh interpreter, its database and folders under the test's own."""
    env = {
        **os.environ,
        "CRM_DATABASE": str(database),
        "QT_QPA_PLATFORM": "offscreen",
        "CRM_LANG": "en",
        "HOME": str(home),
        "PYTHONIOENCODING": "utf-8",
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(home / name.lower())
    return subprocess.run(
        [sys.executable, "-m", "crm.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


@pytest.fixture(scope="session")
def run_crm() -> Callable[..., subprocess.CompletedProcess[str]]:
    """The `crm` command end to end: `run_crm(*args, database=..., home=...)`.

    A fixture rather than an import from conftest: with a second conftest in tests/ui, which
    module `import conftest` finds depends on the order pytest collected them in.
    """
    return _run_crm
