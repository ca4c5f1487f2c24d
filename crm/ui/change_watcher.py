"""Notice what others wrote to the database, so that the pages show it.

A colleague saving a contact on the office's PostgreSQL server, or another Liaison (the
command line, a second window) writing to the same SQLite file, changes the data under this
program's pages. Every few seconds the watcher reads `Database.data_stamp()`, a value that
moves with every write, and emits `changed` when it moved. The main window then reads every
page afresh; an editor that is open stays as the user left it (if they save over a change,
the conflict dialog shows both versions).

Our own writes move the stamp too, but the pages already show them (each save hands its
`Changes` to the pages), so reading everything again after each of them would only cost time
and scroll lists back. The watcher therefore notes the stamp just before and just after each
of our own commits, and stays quiet when those steps alone lead from the stamp it saw last to
the one it reads: any other write in between breaks the chain and is shown. (SQLite holds the
write lock across a commit, so nothing slips in between; on a server a colleague's commit in
the same millisecond as ours would wait for the next change to be shown.)

For SQLite the stamp is a few `stat` calls, read on the GUI thread; for a server it is a query,
read on a thread of the watcher's own so that a slow network never freezes the window.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from sqlalchemy import event
from sqlalchemy.orm import Session

from crm.store.database import Database

DEFAULT_INTERVAL_MS = 5000
_UNKNOWN = object()


class _Relay(QObject):
    read = Signal(object)


class _OwnCommits:
    """The steps this program's own commits to `db` moved the stamp by: the stamp just before
    each commit and just after it, noted on whichever thread wrote.

    Kept apart from the watcher (a QObject), so that its listeners can be removed when the
    watcher is deleted without being stopped."""

    KEPT = 256  # steps remembered: far more than commits between two readings

    def __init__(self, db: Database) -> None:
        self._db = db
        self._lock = threading.Lock()
        self._steps: OrderedDict[object, object] = OrderedDict()
        self._before = threading.local()
        self._listening = False

    def listen(self) -> None:
        if not self._listening:
            event.listen(Session, "before_commit", self._before_commit)
            event.listen(Session, "after_commit", self._after_commit)
            self._listening = True

    def stop(self) -> None:
        if self._listening:
            event.remove(Session, "before_commit", self._before_commit)
            event.remove(Session, "after_commit", self._after_commit)
            self._listening = False

    def explain(self, start: object, end: object) -> bool:
        """Whether our own commits alone lead from stamp `start` to stamp `end`."""
        with self._lock:
            at = start
            for _ in range(len(self._steps)):
                at = self._steps.get(at, _UNKNOWN)
                if at == end:
                    return True
                if at is _UNKNOWN:
                    return False
        return False

    def _ours(self, session: Session) -> bool:
        # Another database (a test's second one, an import's source) is not watched.
        return getattr(session.get_bind(), "pool", None) is self._db.engine.pool

    def _before_commit(self, session: Session) -> None:
        if self._ours(session):
            self._before.stamp = self._db.data_stamp()

    def _after_commit(self, session: Session) -> None:
        if not self._ours(session):
            return
        before, self._before.stamp = getattr(self._before, "stamp", None), None
        after = self._db.data_stamp()
        if before is None or after is None or before == after:
            return
        with self._lock:
            self._steps[before] = after
            while len(self._steps) > self.KEPT:
                self._steps.popitem(last=False)


class _Read(QRunnable):
    def __init__(self, db: Database, relay: _Relay) -> None:
        super().__init__()
        self._db = db
        self._relay = relay

    def run(self) -> None:
        self._relay.read.emit(self._db.data_stamp())


class ChangeWatcher(QObject):
    """Emits `changed` when the data moved for a reason other than this program's own writes.

    `start()` begins watching (the first reading only learns where the data stands);
    `check()` compares at once, on the calling thread, and says whether it emitted."""

    changed = Signal()

    def __init__(
        self,
        db: Database,
        *,
        interval_ms: int = DEFAULT_INTERVAL_MS,
        background: bool | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._background = (not db.is_sqlite) if background is None else background
        self._seen: object = _UNKNOWN
        self._own = _OwnCommits(db)
        self.destroyed.connect(self._own.stop)
        self._reading = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.read.connect(self._compare_read, Qt.ConnectionType.QueuedConnection)

    # Watching ----------------------------------------------------------------------------
    def start(self) -> None:
        self._own.listen()
        self._timer.start()
        self.poll()

    def stop(self) -> None:
        self._timer.stop()
        self._own.stop()
        self._pool.waitForDone()

    @property
    def ready(self) -> bool:
        """Whether the first reading (on its way from a server after `start`) has come."""
        return self._seen is not _UNKNOWN

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def set_interval(self, interval_ms: int) -> None:
        self._timer.setInterval(interval_ms)

    def poll(self) -> None:
        """One reading: on the watcher's thread for a server, here for a file."""
        if not self._background:
            self.check()
            return
        if self._reading:  # the last reading is still on its way: skip this one
            return
        self._reading = True
        self._pool.start(_Read(self._db, self._relay))

    def check(self) -> bool:
        """Read the stamp now and compare; True if `changed` was emitted."""
        return self._compare(self._db.data_stamp())

    # Comparing ---------------------------------------------------------------------------
    def _compare_read(self, stamp: object) -> None:
        self._reading = False
        self._compare(stamp)

    def _compare(self, stamp: object) -> bool:
        if stamp is None:  # nothing to compare (in memory, or the server out of reach)
            return False
        seen, self._seen = self._seen, stamp
        if seen is _UNKNOWN or stamp == seen or self._own.explain(seen, stamp):
            return False
        self.changed.emit()
        return True
