"""The handover import fuzzed: packages damaged on the way, or forged to do harm.

Cases start from real packages of the sample office (one with an agreement's document in it)
and change them at three depths: bytes of the zip; its members (renamed to climb out of the
documents folder, doubled, dropped, added, emptied, cut short, made not JSON or nested past
any depth, declaring sizes they do not have, as a zip bomb does); and values inside the JSON
files, with the manifest's checksums made anew so that the change reaches the checks of the
contents (wrong types, ids that collide or run long, dates that are not dates, a document's
path out of its folder). Each is imported for real (a dry run, an inspection or a named
successor now and then) into one database kept across the cases.
"""

from __future__ import annotations

import io
import json
import random
import warnings
import zipfile
from pathlib import Path
from typing import Any

from contact_cases import random_text
from fuzz_support import (
    FuzzDatabase,
    count_case,
    declaring,
    expected_cases,
    folder_state,
    fuzz_settings,
    mutated,
    one_of_files,
    run_case,
)
from handover_seeds import MANIFEST, files_of, member_info, rebuilt
from hypothesis import given
from hypothesis import strategies as st

from crm.services.handover_import import HandoverImportService
from crm.services.handover_package import MEMBER_LIMIT

# A fresh database after this many imports that went through, so that packages are merged
# into an empty office as often as into one that already holds them.
RESET_EVERY = 25

NAMES = (
    "../evil.txt",
    "../../evil.txt",
    "/tmp/evil.txt",
    "C:/evil.txt",
    "C:\\evil.txt",
    "documents\\..\\..\\evil.txt",
    "documents/x/../../../evil.txt",
    "documents//evil.txt",
    "./contacts.json",
    "documents/",
    "contacts.json\x00.txt",
    "evil.txt",
    "contacts.json",
    MANIFEST,
)
VALUES: tuple[Any, ...] = (
    None,
    True,
    0,
    -1,
    1.5,
    10**20,
    float("inf"),
    "",
    " ",
    "x" * 101,
    "王" * 5000,
    "\x00",
    "\ud800",
    "../../evil.txt",
    "documents/x/../../../evil.txt",
    "/etc/passwd",
    "C:\\evil.txt",
    "2024-13-45",
    "9999-12-31T23:59:59+14:00",
    "0001-01-01T00:00:00",
    "not a date",
    "active",
    "sister_city",
    "liaison-handover",
    [],
    {},
    [None],
    [{}],
    ["x"],
    [{"contact": None}],
    {"a": 1},
)
DOCUMENTS = (
    b"",
    b"[",
    b"{}",
    b"null",
    b"[1, 2]",
    b"[{}]",
    b"\xff\xfe[\x00]\x00",
    b"[" * 100_000 + b"]" * 100_000,
    b'[{"id": "\\ud800"}]',
    b"[1e999]",
    b"[NaN]",
)


def forged_json(rng: random.Random, content: bytes) -> bytes:
    """A JSON file with one value changed, removed or added, somewhere down its objects."""
    try:
        data = json.loads(content)
    except (ValueError, RecursionError):  # already made not JSON, or nested past any depth
        return content
    if rng.random() < 0.1:
        return rng.choice(DOCUMENTS)
    records = [item for item in data if isinstance(item, dict)] if isinstance(data, list) else []
    if records and rng.random() < 0.4:
        edited(rng, rng.choice(records))
        return json.dumps(data).encode("utf-8")
    node: Any = data
    while isinstance(node, list | dict) and node and rng.random() < 0.6:
        keys = list(range(len(node))) if isinstance(node, list) else sorted(node)
        child = node[rng.choice(keys)]
        if not isinstance(child, list | dict):
            break
        node = child
    value = rng.choice(VALUES)
    if isinstance(node, dict):
        key = rng.choice([*sorted(node), "id", "path", "stored_name", "extra"])
        if rng.random() < 0.2:
            node.pop(key, None)
        else:
            node[key] = value
    elif isinstance(node, list):
        what = rng.choice(("append", "drop", "double", "replace"))
        at = rng.randrange(len(node)) if node else 0
        if what == "append" or not node:
            node.append(value)
        elif what == "drop":
            del node[at]
        elif what == "double":
            node.append(node[at])
        else:
            node[at] = value
    return json.dumps(data).encode("utf-8")


def edited(rng: random.Random, item: dict[str, Any]) -> None:
    """A change a colleague could have made: a text retyped, or a newer (or older) version,
    which the merge weighs against the database's."""
    if "version" in item and rng.random() < 0.5:
        item["version"] = rng.choice((1, 2, 7, 10**6))
        item["updated_at"] = rng.choice(("2000-01-01T00:00:00+00:00", "2031-06-01T12:00:00"))
        return
    texts = [k for k, v in item.items() if isinstance(v, str) and not k.endswith("id")]
    if texts:
        item[rng.choice(texts)] = random_text(rng, 30)


@st.composite
def forged(draw: st.DrawFn, packages: st.SearchStrategy[bytes]) -> bytes:
    """A package with values inside its JSON changed, its checksums made anew (mostly)."""
    files = files_of(draw(packages))
    rng = draw(st.randoms(use_true_random=True))
    names = sorted(n for n in files if n.endswith(".json"))
    # Mostly a file with records in it: a change to an empty list can only add a wrong one.
    full = [n for n in names if len(files[n]) > 2] or names
    for _ in range(draw(st.integers(1, 3))):
        name = rng.choice(full if rng.random() < 0.8 else names)
        files[name] = forged_json(rng, files[name])
    checksums = draw(st.integers(0, 9)) > 0
    method = draw(st.sampled_from((zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)))
    return rebuilt(files, checksums=checksums, method=method)


@st.composite
def members(draw: st.DrawFn, packages: st.SearchStrategy[bytes]) -> bytes:
    """A package with members renamed, doubled, dropped, added or replaced."""
    entries = list(files_of(draw(packages)).items())
    rng = draw(st.randoms(use_true_random=True))
    for _ in range(draw(st.integers(1, 3))):
        at = rng.randrange(len(entries)) if entries else 0
        what = rng.choice(("rename", "double", "drop", "add", "replace", "cut"))
        if what == "add" or not entries:
            entries.append((rng.choice(NAMES), rng.randbytes(rng.randint(0, 64))))
        elif what == "rename":
            entries[at] = (rng.choice(NAMES), entries[at][1])
        elif what == "double":
            entries.append(entries[at])
        elif what == "drop":
            del entries[at]
        elif what == "replace":
            entries[at] = (entries[at][0], rng.choice(DOCUMENTS))
        else:
            content = entries[at][1]
            entries[at] = (entries[at][0], content[: rng.randint(0, len(content))])
    listed = draw(st.booleans())
    buffer = io.BytesIO()
    method = draw(st.sampled_from((zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)))
    with warnings.catch_warnings():
        # zipfile warns of a name written twice (also "x.json\0.txt", which it cuts at the
        # NUL): on purpose here.
        warnings.simplefilter("ignore")
        if listed:  # the manifest lists what there now is, where it still can
            entries = list(rebuilt_entries(entries))
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, content in entries:
                archive.writestr(member_info(name, method), content)
    return buffer.getvalue()


def rebuilt_entries(entries: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The entries with the manifest's checksums listing them (the last of a name wins)."""
    files = dict(entries)
    if len(files) != len(entries):
        return entries
    with zipfile.ZipFile(io.BytesIO(rebuilt(files))) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


@st.composite
def bombs(draw: st.DrawFn, packages: st.SearchStrategy[bytes]) -> bytes:
    """A member declaring more than any package unpacks to, or less than it holds."""
    data = draw(packages)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
    size = draw(st.sampled_from((MEMBER_LIMIT + 1, 0xFFFFFFFF, 0, 1, 100)))
    return declaring(data, draw(st.sampled_from(names)), size)


def handover_inputs(packages: list[bytes]) -> st.SearchStrategy[bytes]:
    # The small package most of the time: it merges in a fraction of the time of the whole.
    seeds = one_of_files([packages[0], *[packages[1]] * 5])
    return st.one_of(
        seeds,
        forged(seeds),
        forged(seeds),
        forged(seeds),
        members(seeds),
        bombs(seeds),
        mutated(seeds),
    )


class HandoverCases:
    """The database, the documents folder beside it, and what one case must leave as it was."""

    def __init__(self, fuzz: FuzzDatabase) -> None:
        self.fuzz = fuzz
        self.applied = 0

    def run(self, data: bytes, how: str) -> None:
        fuzz = self.fuzz
        package = fuzz.folder / "input" / "handover.zip"
        package.parent.mkdir(exist_ok=True)
        package.write_bytes(data)
        own = {fuzz.path, package}
        own |= {fuzz.path.with_name(fuzz.path.name + end) for end in ("-wal", "-shm")}
        files = folder_state(fuzz.folder, ignore=lambda p: p in own)
        before = fuzz.digest()
        importer = HandoverImportService(fuzz.db)

        def act() -> Any:
            if how == "inspect":
                return importer.inspect(package)
            successor = {"nora": "Nora Holm", "nobody": "Nobody Here"}.get(how)
            return importer.apply(package, successor=successor, dry_run=how == "dry run")

        outcome = run_case(act)
        after = folder_state(fuzz.folder, ignore=lambda p: p in own)
        if outcome.refusal is not None or how in ("inspect", "dry run"):
            assert fuzz.digest() == before, "a refused package or a dry run changed the database"
            assert after == files, "a refused package or a dry run wrote a file"
        else:
            changed = {p for p in after if after[p] != files.get(p)} | (set(files) - set(after))
            outside = {p for p in changed if not p.startswith("documents/")}
            assert not outside, f"written outside the documents folder: {sorted(outside)}"
            assert not any("/.partial-" in p for p in after), "a partly written document"
            assert not fuzz.overflowing(), fuzz.overflowing()
            # The report `crm handover import --json` prints.
            json.dumps(outcome.result.as_dict(), ensure_ascii=False).encode("utf-8")
            self.applied += 1
        package.unlink()
        count_case("handover", outcome)
        if self.applied >= RESET_EVERY:
            self.applied = 0
            fuzz.reset()


def test_fuzz_handover_import(
    receiving_template: Path, handover_packages: list[bytes], tmp_path: Path
) -> None:
    fuzz = FuzzDatabase(receiving_template, tmp_path / "handover")
    cases = HandoverCases(fuzz)
    runs = 0

    @fuzz_settings()
    @given(
        data=handover_inputs(handover_packages),
        # Most merge for real; an inspection reads and checks all of it at a third of the cost.
        how=st.sampled_from(("apply",) * 4 + ("dry run", "inspect", "inspect", "nora", "nobody")),
    )
    def case(data: bytes, how: str) -> None:
        nonlocal runs
        runs += 1
        cases.run(data, how)

    try:
        case()
    finally:
        fuzz.close()
    assert runs >= expected_cases()
