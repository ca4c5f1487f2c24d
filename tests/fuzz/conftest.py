"""Fuzz tests of every importer (see fuzz_support): profiles, templates, and the case count.

A normal run tries a few hundred cases per importer; the fuzz job (CI=true, or
HYPOTHESIS_PROFILE=fuzz) tries 10,000 each and says so at the end of the run.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from fuzz_support import CASES, FULL_CASES, REFUSED, profile_name, register_profiles

register_profiles()


@pytest.fixture(autouse=True)
def _quiet_vobject() -> Iterator[None]:
    """vobject logs an error for every line it skips, and broken cards are all these tests
    import: thousands of records kept in memory by pytest's log capture, to no use."""
    logger = logging.getLogger("vobject")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


@pytest.fixture(scope="session")
def _session_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The per-test isolation (tests/conftest.py) for what is built once per session."""
    home = tmp_path_factory.mktemp("fuzz-home")
    with pytest.MonkeyPatch.context() as patch:
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            patch.setenv(name, str(home / name.lower()))
        patch.setenv("HOME", str(home))
        patch.delenv("CRM_DATABASE", raising=False)
        yield home


@pytest.fixture(scope="session")
def office_template(_session_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the sample office, whole in one file, for contact imports to match
    against (they create, update and skip)."""
    from crm.services.bundle import Services
    from crm.services.demo import load_demo

    path = tmp_path_factory.mktemp("fuzz-office") / "office.sqlite3"
    services = Services.open(str(path))
    load_demo(services.db)
    services.db.checkpoint()
    services.db.dispose()
    return path


@pytest.fixture(scope="session")
def handover_packages(_session_home: Path, tmp_path_factory: pytest.TempPathFactory) -> list[bytes]:
    """Valid handover packages of the sample office: Louise's whole, with a document attached
    to one of her agreements; and a small one of hers (contacts, organisations and one
    partnership with its agreements), quicker to merge, for most cases to start from."""
    from handover_seeds import handover_packages as build

    return build(tmp_path_factory.mktemp("fuzz-handover"))


@pytest.fixture(scope="session")
def receiving_template(_session_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The successor's database: one staff member and one contact of their own."""
    from crm.domain.contacts import ContactDraft
    from crm.services.bundle import Services

    path = tmp_path_factory.mktemp("fuzz-receiving") / "successor.sqlite3"
    services = Services.open(str(path))
    services.contacts.create(ContactDraft(family_name="Holm", given_name="Nora"))
    services.directory.create_staff(name="Nora Holm")
    services.db.checkpoint()
    services.db.dispose()
    return path


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not CASES:
        return
    terminalreporter.section("importer fuzzing")
    terminalreporter.write_line(f"profile {profile_name()} (the fuzz job runs {FULL_CASES:,} each)")
    for importer, count in sorted(CASES.items()):
        refused = REFUSED[importer]
        terminalreporter.write_line(
            f"{importer}: {count:,} cases ({count - refused:,} taken, {refused:,} refused)"
        )
