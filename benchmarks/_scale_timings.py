"""The scale benchmark's service figures, the same on either database: search as you type,
the agenda, the relationship history and a backup, each measured as the benchmark that
introduced it measures it (`search.py`, `agenda.py`, `history.py`), with fewer samples."""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from _scale_window import drop_page_cache
from _synthetic import summary
from agenda import SPANS, STARTS
from history import timed
from search import keystrokes

# The first details after the page cache was dropped (the "cold" figure, for information).
COLD_DETAILS = 20

# Figure name → (target median in ms, where the target comes from).
TARGETS: dict[str, tuple[float, str]] = {
    "search_query": (5, "search.py: query median < 5 ms"),
    "search_repaint": (30, "search.py: keystroke to repaint median < 30 ms"),
    "agenda_30": (SPANS[30], "agenda.py: 30 days median < 50 ms"),
    "agenda_365": (SPANS[365], "agenda.py: a year median < 300 ms"),
    "partnership_detail": (10, "history.py: median < 10 ms"),
    "contact_timeline": (10, "history.py: median < 10 ms"),
    "partnership_timeline": (10, "history.py: median < 10 ms"),
    "contact_last_contact": (10, "history.py: median < 10 ms"),
    "backup": (1000, "scale issue: backup under 1 s"),
}


def search_figures(services: Any, kinds: dict[str, list[str]]) -> dict[str, Any]:
    """What the search box runs per keystroke (the count and the first page of ids), by kind
    of query and all together; then each keystroke in the real Contacts page, to the table
    repainted."""
    from crm.services.contacts import ContactResults

    figures: dict[str, Any] = {}
    everything: list[float] = []
    for kind, texts in kinds.items():
        samples = []
        for text in texts:
            for typed in keystrokes(text):
                begun = time.perf_counter()
                services.contacts.find(typed).ids(0, ContactResults.BLOCK)
                samples.append(time.perf_counter() - begun)
        figures[f"search_query_{kind}"] = summary(samples)
        everything += samples
    figures["search_query"] = summary(everything)
    figures["search_repaint"] = _repaint(services, kinds)
    return figures


def _repaint(services: Any, kinds: dict[str, list[str]]) -> dict[str, float]:
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from crm.ui.language import LanguageManager
    from crm.ui.operations import Operations
    from crm.ui.pages.contacts import ContactsPage
    from crm.ui.settings import Settings

    app = QApplication.instance() or QApplication([])
    samples = []
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(Path(folder) / "settings.ini")
        language = LanguageManager(settings)
        language.switch("en", remember=False)
        page = ContactsPage(services, Operations(inline=True), language, settings, QUndoStack())
        page.resize(1400, 800)
        page.show()
        app.processEvents()
        for texts in kinds.values():
            for text in texts:
                page.search.clear()
                app.processEvents()
                for typed in keystrokes(text):
                    begun = time.perf_counter()
                    page.search.setText(typed)
                    page.table.viewport().repaint()
                    samples.append(time.perf_counter() - begun)
        page.close()
        page.deleteLater()
        app.processEvents()
    return summary(samples)


def agenda_figures(db: Any, runs: int) -> dict[str, Any]:
    """The first call of each span in a fresh service ("cold"), then `runs` calls cycling over
    the agenda benchmark's start dates with the service's facts kept, as in the running app."""
    from crm.services.agenda import AgendaService

    service = AgendaService(db)
    figures: dict[str, Any] = {}
    for span in SPANS:
        begun = time.perf_counter()
        service.agenda(STARTS[0], span)
        figures[f"agenda_{span}_cold_ms"] = round((time.perf_counter() - begun) * 1000, 1)
    for span in SPANS:
        samples = []
        for run in range(runs):
            begun = time.perf_counter()
            service.agenda(STARTS[run % len(STARTS)], span)
            samples.append(time.perf_counter() - begun)
        figures[f"agenda_{span}"] = summary(samples)
    return figures


def history_figures(db: Any, runs: int, seed: int = 99) -> dict[str, Any]:
    """`history.py`'s figures over random partnerships and contacts, with the database in the
    system's cache as `history.py` had it (it had just built it): warmed first, by reading it
    through. Before that, where the page cache can be dropped, the first details after
    dropping it ("cold"): what the first look at a partnership costs after a reboot."""
    from crm.services.interactions import InteractionService
    from crm.services.partnerships import PartnershipService

    partnerships, interactions = PartnershipService(db), InteractionService(db)
    with db.engine.connect() as conn:
        partnership_ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM partnership")]
        contact_ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM contact")]
    rng = random.Random(seed)

    def pick(ids: list[str]) -> Iterator[str]:
        while True:
            yield rng.choice(ids)

    figures: dict[str, Any] = {}
    if drop_page_cache():
        figures["partnership_detail_cold"] = timed(
            partnerships.detail, pick(partnership_ids), COLD_DETAILS
        )
    figures["warmed_by"] = read_through(db)
    for _ in range(20):
        partnerships.detail(rng.choice(partnership_ids))
        interactions.timeline_for_contact(rng.choice(contact_ids))
    return figures | {
        "partnership_detail": timed(partnerships.detail, pick(partnership_ids), runs),
        "contact_timeline": timed(interactions.timeline_for_contact, pick(contact_ids), runs),
        "partnership_timeline": timed(
            interactions.timeline_for_partnership, pick(partnership_ids), runs
        ),
        "contact_last_contact": timed(interactions.last_contact, pick(contact_ids), runs),
        "partnership_list": timed(lambda _id: partnerships.rows(), pick(["all"]), 3),
    }


def read_through(db: Any) -> str:
    """Bring the whole database into the system's cache: a SQLite file read from end to end;
    on PostgreSQL every table and index read by `pg_prewarm` (mode "read": into the system's
    cache, as the file), where the extension may be created. Says how it was done."""
    if db.path is not None:
        for name in (db.path, db.path.with_name(db.path.name + "-wal")):
            if name.exists():
                with open(name, "rb", buffering=0) as handle:
                    while handle.read(16 * 2**20):
                        pass
        return "file read through"
    from sqlalchemy.exc import SQLAlchemyError

    try:
        with db.engine.begin() as conn:
            conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
            conn.exec_driver_sql(
                "SELECT pg_prewarm(c.oid, 'read') FROM pg_class c"
                " JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'i', 't')"
            ).all()
    except SQLAlchemyError as error:
        return f"not warmed ({str(getattr(error, 'orig', error)).splitlines()[0]})"
    return "pg_prewarm"


def backup_figures(db: Any, runs: int) -> dict[str, Any]:
    """A backup as `crm backup --out` makes it: a copy of the SQLite file, a JSON export of a
    PostgreSQL database; each to a fresh temporary folder, deleted after."""
    make, kind = _backup_maker(db)
    samples, size = [], 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="liaison-bench-backup-") as folder:
            begun = time.perf_counter()
            written = make(Path(folder))
            samples.append(time.perf_counter() - begun)
            size = written.stat().st_size
    figures = {"backup": summary(samples), "backup_kind": kind, "backup_mb": round(size / 2**20, 1)}
    if kind != "sqlite":
        figures["backup_floor"] = summary([_rows_read(db) for _ in range(runs)])
    return figures


def _rows_read(db: Any) -> float:
    """Seconds to read every table the JSON export writes from the server in COPY's own text,
    nothing converted or written: what any export through this driver pays at least."""
    from crm.services.backup_export import exported_tables

    with db.engine.connect() as conn, conn.begin():
        names = [t.name for t in exported_tables(conn)]
        quote = conn.dialect.identifier_preparer.quote
        cursor = conn.connection.driver_connection.cursor()
        begun = time.perf_counter()
        for name in names:
            with cursor.copy(f"COPY {quote(name)} TO STDOUT") as copy:
                for _row in copy:
                    pass
        return time.perf_counter() - begun


def _backup_maker(db: Any) -> tuple[Callable[[Path], Path], str]:
    try:
        from crm.services.backups import BackupService
    except ImportError:  # before the backup service: the store's copy, on SQLite only
        from crm.store.backup import backup_sqlite

        if db.path is None:
            raise NotImplementedError("no backup of a server database yet") from None
        return lambda folder: backup_sqlite(db, folder / "backup.sqlite3"), "sqlite"
    service = BackupService(db)
    name = "backup.sqlite3" if service.kind == "sqlite" else "backup.json"
    return lambda folder: service.backup(folder / name).path, service.kind
