"""Every test gets its own database, data folders and settings: none touches the user's real ones."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


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
