"""What every importer fuzz test shares: profiles, the case count, a watchdog, the database.

Each fuzz test runs one importer over many made-up files and checks what a user relies on:
the import either succeeds or refuses the file with one plain sentence (a `DomainError`); it
finishes; after a refusal the database and the folder are exactly as they were; and nothing is
ever written outside the place the importer writes to (nowhere for contacts, the documents
folder for a handover).

The database is opened once per test and kept across its cases (a migration per case would
cost more than the import), so each case compares a digest taken before with one taken after
instead of trusting a fresh database. When the cases have imported enough to slow the next
ones down, the database is replaced with a fresh copy of its template.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import sqlite3
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from crm.domain.text import DomainError
from crm.services.bundle import Services
from crm.store.database import Database

QUICK = "fuzz-quick"
FULL = "fuzz"
FULL_CASES = 10_000

# Cases run per importer in this session, and how many of them the importer refused, for the
# summary at its end (see conftest).
CASES: Counter[str] = Counter()
REFUSED: Counter[str] = Counter()


def count_case(importer: str, outcome: Outcome) -> None:
    CASES[importer] += 1
    if outcome.refusal is not None:
        REFUSED[importer] += 1


# A case takes milliseconds; one still running after this long is stuck. An interrupting
# watchdog rather than Hypothesis's deadline, which only measures a case once it has returned
# and so can neither stop a hang nor stay quiet on a slow machine.
CASE_LIMIT_SECONDS = 20


def register_profiles() -> None:
    """Few cases for a normal run; FULL_CASES per importer for the fuzz job.

    Both are deterministic (`derandomize`) and keep no example database, so that a run
    leaves no ".hypothesis" folder and CI fails or passes the same way every time. The health
    checks switched off concern the size of what is generated: whole files, on purpose.
    """
    common: dict[str, Any] = {
        "derandomize": True,
        "database": None,
        "deadline": None,
        "print_blob": True,
        "suppress_health_check": [
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    }
    settings.register_profile(QUICK, max_examples=200, **common)
    settings.register_profile(FULL, max_examples=FULL_CASES, **common)


def profile_name() -> str:
    """HYPOTHESIS_PROFILE if it names one of ours; else the full run in CI (CI=true)."""
    chosen = os.environ.get("HYPOTHESIS_PROFILE", "")
    if chosen in (QUICK, FULL):
        return chosen
    return FULL if os.environ.get("CI", "").lower() == "true" else QUICK


def fuzz_settings() -> settings:
    """The chosen profile, applied to a fuzz test explicitly, so that loading it changes
    nothing for any other Hypothesis test in the suite."""
    return settings(settings.get_profile(profile_name()))


def expected_cases() -> int:
    return int(settings.get_profile(profile_name()).max_examples)


class CaseTimeout(BaseException):
    """A case ran past the watchdog. Not an `Exception`, so that an importer's own
    `except Exception` (the vCard reader has one) cannot swallow it."""


@contextmanager
def time_limit(seconds: float = CASE_LIMIT_SECONDS) -> Iterator[None]:
    """Interrupt the block after `seconds` (where the system has an interval timer)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expire(_signal: int, _frame: Any) -> None:
        raise CaseTimeout(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def assert_one_sentence(message: str) -> None:
    """What a user is shown: one line of words, not a traceback or a dump of the file."""
    assert message.strip(), "an empty message"
    assert "\n" not in message and "\r" not in message, f"more than one line: {message!r}"
    assert "Traceback" not in message, message
    assert len(message) <= 600, f"{len(message)} characters: {message[:200]!r}…"


# The database ---------------------------------------------------------------------------
Digest = tuple[Any, ...]


class FuzzDatabase:
    """A SQLite database in a folder of its own, copied from a template and kept across the
    cases of one test; `reset` starts again from the template."""

    def __init__(self, template: Path, folder: Path) -> None:
        self.template = template
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.generation = 0
        self.template_contacts = 0
        self.services: Services | None = None
        self._watcher: sqlite3.Connection | None = None
        self.reset()

    @property
    def path(self) -> Path:
        return self.folder / f"fuzz-{self.generation}.sqlite3"

    @property
    def db(self) -> Database:
        assert self.services is not None
        return self.services.db

    def reset(self) -> None:
        self.close()
        for leftover in self.folder.iterdir():
            if leftover.is_dir():
                shutil.rmtree(leftover)
            else:
                leftover.unlink()
        self.generation += 1
        shutil.copyfile(self.template, self.path)
        self.services = Services.over(Database(str(self.path)))
        self._watcher = sqlite3.connect(self.path, isolation_level=None)
        self.template_contacts = self.count("contact")

    def close(self) -> None:
        if self.services is not None:
            self.services.db.dispose()
            self.services = None
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None

    def digest(self) -> Digest:
        """What changes with any committed write: SQLite's data version as seen by another
        connection, every table's row count, and the contacts' newest change and versions."""
        assert self._watcher is not None
        watcher = self._watcher
        (version,) = watcher.execute("PRAGMA data_version").fetchone()
        tables = [
            name
            for (name,) in watcher.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " AND name NOT LIKE '%fts%' ORDER BY name"
            )
        ]
        counts = dict(
            watcher.execute(
                " UNION ALL ".join(f"SELECT '{t}', count(*) FROM \"{t}\"" for t in tables)
            ).fetchall()
        )
        contacts = watcher.execute("SELECT max(updated_at), sum(version) FROM contact").fetchone()
        return (version, tuple(sorted(counts.items())), contacts)

    def overflowing(self) -> list[str]:
        """Columns holding a text longer than their width, or a NUL: SQLite keeps both, and
        an office database on PostgreSQL would have refused the import halfway."""
        from sqlmodel import SQLModel

        assert self._watcher is not None
        found = []
        for table in SQLModel.metadata.sorted_tables:
            widths = [(c.name, getattr(c.type, "length", None)) for c in table.c]
            texts = [(name, width) for name, width in widths if isinstance(width, int)]
            if not texts:
                continue
            measures = ", ".join(
                f'max(length("{n}")), max(instr("{n}", char(0)))' for n, _w in texts
            )
            row = self._watcher.execute(f'SELECT {measures} FROM "{table.name}"').fetchone()
            for index, (name, width) in enumerate(texts):
                longest, nul = row[2 * index], row[2 * index + 1]
                if (longest or 0) > width or nul:
                    found.append(f"{table.name}.{name}")
        return found

    def count(self, table: str) -> int:
        assert self._watcher is not None
        return int(self._watcher.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])


def folder_state(root: Path, *, ignore: Callable[[Path], bool]) -> dict[str, tuple[int, int]]:
    """Every file under `root` (path relative to it → size, modification time)."""
    found = {}
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = Path(folder) / name
            if ignore(path):
                continue
            status = path.stat()
            found[path.relative_to(root).as_posix()] = (status.st_size, status.st_mtime_ns)
    return found


@dataclass(frozen=True)
class Outcome:
    """What one case did: the DomainError's sentence, or None for an import that went through."""

    refusal: str | None
    result: Any = None


def run_case(action: Callable[[], Any]) -> Outcome:
    """Run an import under the watchdog; a DomainError is an outcome, anything else a failure."""
    try:
        with time_limit():
            result = action()
    except DomainError as error:
        message = error.render()
        assert_one_sentence(message)
        return Outcome(message)
    except CaseTimeout as stuck:
        raise AssertionError(f"the import did not finish: {stuck}") from stuck
    return Outcome(None, result)


# Mutations of valid files ---------------------------------------------------------------
# Bytes that mean something to one of the formats: line ends, quotes, separators, byte-order
# marks, vCard and zip markers.
TOKENS = (
    b"\x00",
    b"\r",
    b"\n",
    b"\r\n",
    b'"',
    b",",
    b";",
    b"\t",
    b":",
    b"=",
    b"=\r\n",
    b"\\",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xff",
    b"\x80",
    b"\xc3",
    b"\xe4\xb8",
    b"BEGIN:VCARD\r\n",
    b"END:VCARD\r\n",
    b"PK\x03\x04",
    b"PK\x01\x02",
    b"PK\x05\x06",
    b'=HYPERLINK("http://example.com")',
)


def one_of_files(files: list[bytes]) -> st.SearchStrategy[bytes]:
    """One of these files (by its index: a strategy over whole files would print them all
    in every report)."""

    def file_number(index: int) -> bytes:
        return files[index]

    return st.integers(0, len(files) - 1).map(file_number)


@st.composite
def mutated(draw: st.DrawFn, seeds: st.SearchStrategy[bytes]) -> bytes:
    """A file with a few bytes flipped, overwritten, inserted, deleted, repeated or cut off.

    Hypothesis draws the file and how many changes; where and what they are comes from a
    generator seeded by one draw: a draw per byte would cost more than the import.
    """
    data = bytearray(draw(seeds))
    rng = draw(st.randoms(use_true_random=True))
    for _ in range(draw(st.integers(0, 6))):
        kind = rng.choice(("flip", "set", "insert", "token", "delete", "repeat", "cut"))
        at = rng.randint(0, len(data))
        if kind == "flip" and at < len(data):
            data[at] ^= 1 << rng.randint(0, 7)
        elif kind == "set" and at < len(data):
            data[at] = rng.randint(0, 255)
        elif kind == "insert":
            data[at:at] = rng.randbytes(rng.randint(1, 16))
        elif kind == "token":
            data[at:at] = rng.choice(TOKENS)
        elif kind == "delete":
            del data[at : at + rng.randint(1, 64)]
        elif kind == "repeat":
            piece = bytes(data[at : at + rng.randint(1, 64)])
            data[at:at] = piece * rng.randint(1, 200)
        elif kind == "cut":
            del data[at:]
    return bytes(data)


def declaring(data: bytes, member: str, size: int) -> bytes:
    """The zip with `member` declaring `size` unpacked bytes, in its local header and in the
    central directory, whatever it really holds."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if member not in archive.namelist():  # a zip made without it
            return data
        info = archive.getinfo(member)
    out = bytearray(data)
    out[info.header_offset + 22 : info.header_offset + 26] = size.to_bytes(4, "little")
    entry = out.rfind(member.encode()) - 46  # the central directory's entry, at the end
    assert out[entry : entry + 4] == b"PK\x01\x02"
    out[entry + 24 : entry + 28] = size.to_bytes(4, "little")
    return bytes(out)
