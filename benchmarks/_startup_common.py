"""The start-up benchmark's pieces: a launch in a home of its own, and a page cache made cold.

A launch runs a command that opens the window (`crm --database DB` of an installed package,
`liaison --database DB` of the bundle) with LIAISON_STARTUP_PROBE set (see
`crm.app.StartupProbe`) and reads the wall-clock times the app wrote, minus the time taken just
before the process was started. Every launch has its own home, data, config, cache, state and
runtime folders, and a settings file written beforehand (see `settings_template`): the user's
are never touched, no first-run question is asked, and a Liaison already running elsewhere on
the same database is not handed the start.

Cold: the kernel's page cache dropped whole where that is permitted (root, outside a
container); otherwise every file the launch reads - the installed package or the bundle, the
Python standard library, the libraries and fonts an earlier launch mapped, the database - is
evicted from it one by one with posix_fadvise(POSIX_FADV_DONTNEED), which needs no privilege.
What is still resident afterwards is measured with mincore(2), so the output can say how cold
the cold runs were (pages some running program has mapped stay in memory either way).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import mmap
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _scale_window import PROBED, SETTLE_S, TIMEOUT_S, drop_page_cache

# Polling the launched process's memory map (to learn what it reads) while it starts.
MAPS_POLL_S = 0.02
# Variables of the benchmark's own environment that would make a launch differ from a user's.
UNWANTED = (
    "CRM_DATABASE",
    "PYTHONPATH",
    "PYTHONHOME",
    "PYTHONDONTWRITEBYTECODE",
    "PYTHONPYCACHEPREFIX",
    "PYTHONSTARTUP",
    "PYTHONPROFILEIMPORTTIME",
    "VIRTUAL_ENV",
    "LD_LIBRARY_PATH",
    "LD_PRELOAD",
    "PYENV_VERSION",
)


def settings_template(folder: Path) -> Path:
    """A Liaison settings file as a returning user has it: English, the first-run questions
    answered, and no automatic backup (a copy of the 100,000-contact file at every launch
    would be a cost a user pays once a day, not at each start). Written with the app's own
    `Settings`, so that it uses whatever keys the app reads."""
    from crm.ui.settings import Settings

    path = folder / "Liaison.ini"
    settings = Settings(path)
    settings.language = "en"
    settings.automatic_backups = False
    settings.first_run_done = True
    settings.sync()
    if not path.is_file():
        raise RuntimeError(f"the settings file {path} was not written")
    return path


def environment(home: Path, probe: Path, platform: str, settings: Path) -> dict[str, str]:
    """The environment of one launch: its own folders, the settings file copied into its
    config folder where QSettings looks for it, the probe, the Qt platform."""
    env = {k: v for k, v in os.environ.items() if k not in UNWANTED}
    env |= {
        "HOME": str(home),
        "CRM_LANG": "en",
        "QT_QPA_PLATFORM": platform,
        "LIAISON_STARTUP_PROBE": str(probe),
    }
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(home / name.lower())
    # A session of its own: a Liaison already running on the same database (the user's, or
    # another benchmark's) would otherwise be handed the start (crm/ui/single_instance.py).
    runtime = home / "xdg_runtime_dir"
    runtime.mkdir(mode=0o700)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    config = home / "xdg_config_home" / "Liaison"
    config.mkdir(parents=True)
    (config / "Liaison.ini").write_bytes(settings.read_bytes())
    return env


@dataclass
class Launch:
    """Seconds from just before the process started to each probed moment; the memory."""

    seconds: dict[str, float]
    rss_mb: float | None = None
    contact_rows: int | None = None
    mapped: set[Path] = field(default_factory=set)


def launch(
    command: list[str], *, platform: str, settings: Path, watch_maps: bool = False
) -> Launch:
    """One start of the app, to its probe's line; with `watch_maps`, also every file the
    process (and any child) mapped while it ran: the libraries and fonts a cold start reads
    from outside the package."""
    time.sleep(SETTLE_S)
    with tempfile.TemporaryDirectory(prefix="liaison-bench-startup-") as folder:
        home = Path(folder) / "home"
        home.mkdir()
        probe = Path(folder) / "probe.jsonl"
        env = environment(home, probe, platform, settings)
        mapped: set[Path] = set()
        stderr = Path(folder) / "stderr.txt"
        with open(stderr, "wb") as errors:
            started = time.time()
            process = subprocess.Popen(
                command, env=env, cwd=folder, stdout=subprocess.DEVNULL, stderr=errors
            )
            while watch_maps and process.poll() is None and time.time() - started < TIMEOUT_S:
                mapped |= _mapped_files(process.pid)
                time.sleep(MAPS_POLL_S)
            try:
                process.wait(timeout=TIMEOUT_S)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                raise RuntimeError(f"{command[0]} did not finish in {TIMEOUT_S} s") from None
        lines = probe.read_text(encoding="utf-8").splitlines() if probe.exists() else []
        if process.returncode != 0 or not lines:
            said = stderr.read_text(encoding="utf-8", errors="replace").strip()[-2000:]
            said = said or "it said nothing, and wrote no figures"
            raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}): {said}")
        found = json.loads(lines[-1])
    return Launch(
        seconds={name: found[name] - started for name in PROBED if name in found},
        rss_mb=found.get("rss_mb"),
        contact_rows=found.get("contact_rows"),
        mapped=mapped,
    )


def _mapped_files(pid: int) -> set[Path]:
    found: set[Path] = set()
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/maps", encoding="utf-8", errors="replace") as maps:
                for line in maps:
                    parts = line.split(maxsplit=5)
                    if len(parts) == 6 and parts[5].startswith("/"):
                        found.add(Path(parts[5].rstrip("\n").removesuffix(" (deleted)")))
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                pending += [int(child) for child in children]
        except OSError:  # gone already, or no /proc
            continue
    return found


# Making the page cache cold ---------------------------------------------------------------


def files_under(paths: Iterable[Path], *, skip: tuple[str, ...] = ()) -> list[Path]:
    """Every regular file under the given folders (not into folders named in `skip`), and
    the given files; each once, symbolic links resolved."""
    found: dict[Path, None] = {}
    for path in paths:
        if str(path).startswith(("/dev/", "/proc/", "/sys/")):
            continue
        if path.is_dir():
            candidates: Iterable[Path] = _walk(path, skip)
        else:
            candidates = [path]
        for candidate in candidates:
            real = candidate.resolve()
            if real.is_file():
                found[real] = None
    return list(found)


def _walk(folder: Path, skip: tuple[str, ...]) -> Iterator[Path]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if d not in skip]
        for name in names:
            yield Path(root) / name


def python_files() -> list[Path]:
    """The interpreter, its shared library and its standard library: what a virtual
    environment uses from the base installation (not the base's own site-packages)."""
    import sysconfig

    paths = sysconfig.get_paths()
    found = [Path(sys.executable), Path(paths["stdlib"]), Path(paths["platstdlib"])]
    libdir, library = sysconfig.get_config_var("LIBDIR"), sysconfig.get_config_var("LDLIBRARY")
    if libdir and library:
        found.append(Path(libdir) / library)
    return files_under(found, skip=("site-packages", "test", "idlelib", "tkinter"))


def database_files(database: Path) -> list[Path]:
    return [database, *(database.with_name(database.name + s) for s in ("-wal", "-shm"))]


@dataclass
class Eviction:
    """How a page cache was made cold, and how much of the files it covers stayed resident."""

    method: str
    files: int = 0
    megabytes: float = 0.0
    resident_mb: float | None = None


def make_cold(files: list[Path], *, measure: bool = False, whole: bool = True) -> Eviction:
    """Drop the whole page cache if permitted (and `whole`), else evict `files` one by one."""
    if whole and drop_page_cache():
        eviction = Eviction("drop_caches (the whole page cache)")
    else:
        eviction = Eviction("posix_fadvise(POSIX_FADV_DONTNEED), file by file")
        os.sync()  # dirty pages are not evicted: the last launch wrote the database
        for path in files:
            try:
                descriptor = os.open(path, os.O_RDONLY)
            except OSError:
                continue
            try:
                os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(descriptor)
    eviction.files = len(files)
    eviction.megabytes = sum(_size(p) for p in files) / 2**20
    if measure:
        eviction.resident_mb = sum(resident_bytes(p) for p in files) / 2**20
    return eviction


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


_libc: Any = None


def resident_bytes(path: Path) -> int:
    """How much of a file is in the page cache now (mincore(2) over a mapping of it); 0 where
    that cannot be told."""
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        _libc.mmap.restype = ctypes.c_void_p
        _libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
        _libc.mmap.argtypes += [ctypes.c_int, ctypes.c_int, ctypes.c_long]
        _libc.munmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
        _libc.mincore.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p]
    size = _size(path)
    if size == 0:
        return 0
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return 0
    try:
        address = _libc.mmap(None, size, mmap.PROT_READ, mmap.MAP_SHARED, descriptor, 0)
        if address in (None, ctypes.c_void_p(-1).value):
            return 0
        try:
            page = mmap.PAGESIZE
            pages = (size + page - 1) // page
            vector = (ctypes.c_ubyte * pages)()
            if _libc.mincore(address, size, vector) != 0:
                return 0
            return sum(1 for v in vector if v & 1) * page
        finally:
            _libc.munmap(address, size)
    finally:
        os.close(descriptor)
