"""The scale benchmark's two databases: the 100,000-contact office on SQLite and on PostgreSQL.

The SQLite file is a copy of the agenda benchmark's office (`agenda.py`: birthdays, visits and
follow-ups to come, so that the agenda has something to find), its contacts given real names
the way `search.py` makes them (three in ten Chinese, with pinyin, the rest European, each
with an e-mail address), so that typing a name, its pinyin or its initials finds people. It is
built once and kept in the temporary folder like the other benchmarks' databases.

The PostgreSQL database is a copy of that file made with COPY, kept between runs and made
again when it is missing or when the file has been made or migrated since. Opening the file
changes its time (the app checkpoints it, records the reminders it showed), so that is
recorded in a stamp file beside it, written on the PostgreSQL database as its comment.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _synthetic import build, build_once

SCALE_NAME = "liaison-bench-scale"
POSTGRESQL_NAME = "liaison_bench_scale"
CHINESE_SHARE = 0.3
BATCH = 5_000


def agenda_source() -> Path:
    """The agenda benchmark's office, built first if no earlier run left it."""
    path = Path(tempfile.gettempdir()) / "liaison-bench-agenda.sqlite3"
    try:
        from agenda import AgendaExtras
    except ImportError:  # the generator is gone: the shared office, without birthdays
        build_once(path, build)
    else:
        build_once(path, lambda where: build(where, extras=AgendaExtras()))
    return path


def sqlite_database(path: Path | None = None) -> Path:
    """The named office as a SQLite file, at the newest schema."""
    path = path or Path(tempfile.gettempdir()) / f"{SCALE_NAME}.sqlite3"
    built = not path.exists()
    build_once(path, _dress_copy)
    if _upgrade(path) or built or not stamp_of(path).exists():
        stamp_of(path).write_text(f"made or migrated {dt.datetime.now().isoformat()}\n")
    return path


def stamp_of(path: Path) -> Path:
    """The file that says when the SQLite office was last made or migrated."""
    return path.with_name(path.name + ".stamp")


def _upgrade(path: Path) -> bool:
    """The newest schema, without keeping the backup a migration makes first (a copy of a
    benchmark's database is worth nothing, and it is nearly a gigabyte); True if migrated."""
    from crm.store.database import Database
    from crm.store.migrate import schema_status, upgrade

    db = Database(path)
    try:
        behind = not schema_status(db).up_to_date
        made = upgrade(db)
    finally:
        db.dispose()
    if made is not None:
        made.unlink(missing_ok=True)
    return behind


def _dress_copy(path: Path) -> None:
    started = time.perf_counter()
    source = sqlite3.connect(agenda_source())
    target = sqlite3.connect(path)
    try:
        source.backup(target)
    finally:
        source.close()
    try:
        _dress(target)
    finally:
        target.close()
    print(f"named the contacts of {path} in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def _dress(conn: sqlite3.Connection, seed: int = 17) -> None:
    """Names, pinyin, sort keys, search documents and e-mail addresses, as `search.py` makes
    them; the follow-ups the agenda benchmark closes, closed."""
    from search import GIVEN, LATIN_FAMILY, LATIN_GIVEN, SURNAMES

    from crm.domain.names import display_pinyin, name_syllables
    from crm.domain.search import search_document, sort_key

    rng = random.Random(seed)
    organisations = dict(conn.execute("SELECT id, name FROM organisation"))
    contacts = conn.execute("SELECT id, organisation_id FROM contact ORDER BY rowid").fetchall()
    updates: list[tuple[Any, ...]] = []
    emails: list[tuple[str, int, str]] = []
    for number, (contact_id, organisation_id) in enumerate(contacts):
        organisation = organisations.get(organisation_id, "")
        if rng.random() < CHINESE_SHARE:
            name_zh = rng.choice(SURNAMES) + "".join(
                rng.choice(GIVEN) for _ in range(rng.choice((1, 2)))
            )
            family, given = name_syllables(name_zh)
            family_name, given_name = "".join(family).capitalize(), "".join(given).capitalize()
        else:
            name_zh, family_name, given_name = "", rng.choice(LATIN_FAMILY), rng.choice(LATIN_GIVEN)
        domain = (organisation.split() or ["office"])[0].lower()
        email = f"{given_name[:1].lower()}.{number}@{domain}.example"
        names = {"family_name": family_name, "given_name": given_name, "name_zh": name_zh}
        updates.append(
            (
                family_name,
                given_name,
                name_zh,
                display_pinyin(name_zh),
                sort_key(**names),
                search_document(**names, extra=[email, organisation]),
                contact_id,
            )
        )
        emails.append((contact_id, 0, email))
    with conn:
        conn.execute("DELETE FROM contact_email")
        for start in range(0, len(updates), BATCH):
            conn.executemany(
                "UPDATE contact SET family_name = ?, given_name = ?, name_zh = ?, pinyin = ?,"
                " sort_key = ?, search_text = ? WHERE id = ?",
                updates[start : start + BATCH],
            )
        conn.executemany(
            "INSERT INTO contact_email (contact_id, position, address) VALUES (?, ?, ?)", emails
        )
        conn.execute(
            "UPDATE follow_up SET done_at = created_at"
            " WHERE done_at IS NULL AND due_on < '2023-06-01'"
        )
    conn.execute("ANALYZE")


def postgresql_database(admin_url: str, source: Path) -> tuple[str, float | None]:
    """The URL of the PostgreSQL copy of `source`, and how long making it took (None when the
    copy of an earlier run was still current)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(admin_url).set(database=POSTGRESQL_NAME).render_as_string(hide_password=False)
    stamp = f"copy of {source.name}, {stamp_of(source).read_text().strip()}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            found = conn.execute(
                text(
                    "SELECT shobj_description(oid, 'pg_database') FROM pg_database"
                    " WHERE datname = :name"
                ),
                {"name": POSTGRESQL_NAME},
            ).first()
            if found is not None and found[0] == stamp:
                return url, None
            started = time.perf_counter()
            conn.execute(text(f'DROP DATABASE IF EXISTS "{POSTGRESQL_NAME}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{POSTGRESQL_NAME}"'))
        try:
            _copy(source, url)
        except BaseException:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{POSTGRESQL_NAME}" WITH (FORCE)'))
            raise
        with admin.connect() as conn:
            quoted = stamp.replace("'", "''")
            conn.execute(text(f"COMMENT ON DATABASE \"{POSTGRESQL_NAME}\" IS '{quoted}'"))
    finally:
        admin.dispose()
    seconds = time.perf_counter() - started
    print(f"copied {source.name} to PostgreSQL in {seconds:.0f} s", file=sys.stderr)
    return url, seconds


def trigram_index_note(url: str) -> str:
    """Whether the PostgreSQL copy searches through migration 0010's trigram index (which a
    server without pg_trgm, or a role that may not create it, goes without)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            found = conn.execute(
                text("SELECT 1 FROM pg_indexes WHERE indexname = 'ix_contact_search_trigrams'")
            ).first()
    finally:
        engine.dispose()
    if found is not None:
        return "PostgreSQL: the contact search goes through the pg_trgm index."
    return (
        "PostgreSQL: no pg_trgm index (see the log of the migration): the search reads the table."
    )


def _copy(source: Path, url: str) -> None:
    """The schema by the app's own migrations, then every table with COPY, parents first."""
    import psycopg
    from sqlalchemy import MetaData
    from sqlalchemy.engine import make_url

    from crm.store.database import Database
    from crm.store.migrate import upgrade

    db = Database(url)
    try:
        upgrade(db)
        metadata = MetaData()
        metadata.reflect(db.engine)
    finally:
        db.dispose()
    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    reader = sqlite3.connect(source)
    try:
        with psycopg.connect(plain) as conn:
            # Foreign keys are checked by the source already; unchecked, rows load in any order.
            conn.execute("SET session_replication_role = replica")
            for table in metadata.sorted_tables:
                if table.name == "alembic_version":
                    continue
                _copy_table(reader, conn, table.name, [c.name for c in table.columns])
            conn.execute("SET session_replication_role = DEFAULT")
            _reset_sequences(conn)
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
    finally:
        reader.close()


def _copy_table(reader: sqlite3.Connection, conn: Any, name: str, columns: list[str]) -> None:
    present = {row[1] for row in reader.execute(f'PRAGMA table_info("{name}")')}
    wanted = [c for c in columns if c in present]
    if not wanted:
        return
    listed = ", ".join(f'"{c}"' for c in wanted)
    rows = reader.execute(f'SELECT {listed} FROM "{name}"')
    with conn.cursor() as cursor, cursor.copy(f'COPY "{name}" ({listed}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


def _reset_sequences(conn: Any) -> None:
    """Serial keys go on after the copied rows, not from 1."""
    found = conn.execute(
        "SELECT table_name, column_name, pg_get_serial_sequence(table_name, column_name)"
        " FROM information_schema.columns WHERE table_schema = 'public'"
    ).fetchall()
    for table, column, sequence in found:
        if sequence:
            conn.execute(
                f"SELECT setval('{sequence}', COALESCE((SELECT max(\"{column}\") FROM"
                f' "{table}"), 0) + 1, false)'
            )
