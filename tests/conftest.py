"""Every test gets its own database, data folders and settings: none touches the user's real ones."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test about the SQLite file itself has nothing to test on a server."""
    skip = pytest.mark.skip(reason="about the SQLite file itself")
    for item in items:
        params = getattr(item, "callspec", None)
        backend = params.params.get("backend") if params is not None else None
        if backend == "postgresql" and item.get_closest_marker("sqlite_only"):
            item.add_marker(skip)


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


# With CRM_TEST_POSTGRESQL set to a server URL whose user may create databases (for example
# postgresql+psycopg://liaison:liaison@127.0.0.1/postgres), every test that takes `services` or
# `database_url` runs twice: on a SQLite file and on a fresh PostgreSQL database of its own.
POSTGRESQL_ADMIN = os.environ.get("CRM_TEST_POSTGRESQL", "")
BACKENDS = ["sqlite", "postgresql"] if POSTGRESQL_ADMIN else ["sqlite"]


def _postgresql_url(name: str) -> str:
    from sqlalchemy.engine import make_url

    url = make_url(POSTGRESQL_ADMIN).set(database=name)
    return url.render_as_string(hide_password=False)


def _postgresql_admin():  # type: ignore[no-untyped-def]
    from sqlalchemy import create_engine

    return create_engine(POSTGRESQL_ADMIN, isolation_level="AUTOCOMMIT")


def _drop_database(admin, name: str) -> None:  # type: ignore[no-untyped-def]
    """Drop a test's database; an autovacuum worker still in it (whose process a role that may
    only create databases cannot end) gets a few moments to leave, then it is left behind."""
    import time

    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    for _attempt in range(20):
        try:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except DBAPIError:
            time.sleep(0.25)


@pytest.fixture(scope="session")
def _postgresql_template() -> Iterator[str]:
    """A database migrated to the newest schema once; each test's database is a copy of it."""
    from sqlalchemy import text

    from crm.store.database import Database
    from crm.store.migrate import upgrade

    name = f"liaison_test_template_{os.getpid()}"
    admin = _postgresql_admin()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    db = Database(_postgresql_url(name))
    upgrade(db)
    db.dispose()
    yield name
    _drop_database(admin, name)
    admin.dispose()


@pytest.fixture(scope="session")
def _postgresql_demo_template(_postgresql_template: str) -> Iterator[str]:
    """A copy of the template with the sample office loaded, for `demo_services`: loading it
    statement by statement over the network costs about a second a test."""
    from sqlalchemy import text

    from crm.services.demo import load_demo
    from crm.store.database import Database

    name = f"liaison_test_demo_{os.getpid()}"
    admin = _postgresql_admin()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{_postgresql_template}"'))
    db = Database(_postgresql_url(name))
    load_demo(db)
    db.dispose()
    yield name
    _drop_database(admin, name)
    admin.dispose()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def database_url(backend: str, db_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """The test's own database: a SQLite file, or (second run) a PostgreSQL database."""
    if backend == "sqlite":
        yield str(db_path)
        return
    demo = "demo_services" in request.fixturenames
    template = request.getfixturevalue(
        "_postgresql_demo_template" if demo else "_postgresql_template"
    )
    yield from _postgresql_database("liaison_test", template)


def _postgresql_database(prefix: str, template: str | None = None) -> Iterator[str]:
    """A new PostgreSQL database (a copy of `template`, else without a table), its URL given
    for the test, dropped after it."""
    import uuid

    from sqlalchemy import text

    name = f"{prefix}_{uuid.uuid4().hex[:16]}"
    admin = _postgresql_admin()
    with admin.connect() as conn:
        copy = f' TEMPLATE "{template}"' if template else ""
        conn.execute(text(f'CREATE DATABASE "{name}"{copy}'))
    yield _postgresql_url(name)
    _drop_database(admin, name)
    admin.dispose()


@pytest.fixture
def empty_database_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """A database not made yet, on the test's backend: a SQLite file not there, or a new
    PostgreSQL database without a single table (for restoring into)."""
    if backend == "sqlite":
        yield str(tmp_path / "restored" / "liaison.sqlite3")
        return
    yield from _postgresql_database("liaison_test_empty")


@pytest.fixture
def services(database_url: str) -> Iterator:  # type: ignore[type-arg]
    from crm.services.bundle import Services

    bundle = Services.open(database_url)
    yield bundle
    bundle.db.dispose()


@pytest.fixture
def demo_services(services, backend: str):  # type: ignore[no-untyped-def]
    from crm.services.demo import load_demo

    if backend == "sqlite":  # a PostgreSQL database is a copy of one with the demo loaded
        load_demo(services.db)
    return services


def _crm_env(home: Path, **variables: str) -> dict[str, str]:
    """The environment of `crm` run in a fresh interpreter: offscreen, in English, this
    checkout's package, its home and data folders under `home` and no CRM_DATABASE of the
    caller's; then `variables`."""
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
    return {**env, **variables}


@pytest.fixture(scope="session")
def crm_env() -> Callable[..., dict[str, str]]:
    """`crm_env(home, **variables)`: the environment for a `crm` process of a test's own."""
    return _crm_env


def _run_crm(*args: str, database: Path | str, home: Path) -> subprocess.CompletedProcess[str]:
    """Run `crm` in a fresh interpreter, its database and folders under the test's own."""
    return subprocess.run(
        [sys.executable, "-m", "crm.cli", *args],
        cwd=ROOT,
        env=_crm_env(home, CRM_DATABASE=str(database)),
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


# SQLite's plan of each SELECT a read runs, one list of plan lines per query.
Plans = Callable[[Any, Callable[[Any], object]], list[list[str]]]


def _query_plans(db: Any, read: Callable[[Any], object]) -> list[list[str]]:
    from sqlalchemy import event

    captured: list[tuple[str, object]] = []

    def capture(
        _conn: object, _cursor: object, statement: str, parameters: object, *_: object
    ) -> None:
        captured.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        with db.session() as session:
            read(session)
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
    raw = db.engine.raw_connection()
    try:
        return [
            [row[-1] for row in raw.cursor().execute(f"EXPLAIN QUERY PLAN {sql}", parameters)]
            for sql, parameters in captured
            if sql.lstrip().startswith("SELECT")
        ]
    finally:
        raw.close()


@pytest.fixture(scope="session")
def query_plans() -> Plans:
    """SQLite's plan of each query `read(session)` runs: `query_plans(db, read)`."""
    return _query_plans
