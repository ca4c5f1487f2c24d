"""Refresh the translation sources from the code and compile them.

    python translations/update.py           # lupdate + lrelease
    python translations/update.py --check   # exit 1 if a .ts is out of date or unfinished

crm_zh_CN.ts holds every user-visible string; crm_en.ts only the English plural forms
("1 contact" / "2 contacts"), as Qt expects for a source language written with %n.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CATALOGUES = {"crm_zh_CN.ts": [], "crm_en.ts": ["-pluralonly"]}


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "crm").rglob("*.py"))


def lupdate(target: Path, extra: list[str]) -> None:
    subprocess.run(
        [
            "pyside6-lupdate",
            *sources(),
            "-ts",
            str(target),
            "-no-obsolete",
            "-locations",
            "none",
            "-silent",
            *extra,
        ],
        cwd=ROOT,
        check=True,
    )


def lrelease(source: Path, target: Path) -> None:
    subprocess.run(
        [
            "pyside6-lrelease",
            "-silent",
            "-removeidentical" if source.name == "crm_en.ts" else "-nounfinished",
            str(source),
            "-qm",
            str(target),
        ],
        check=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only check, change nothing")
    args = parser.parse_args()
    problems = []
    for name, extra in CATALOGUES.items():
        ts = HERE / name
        if args.check:
            with tempfile.TemporaryDirectory() as tmp:
                copy = Path(tmp) / name
                shutil.copy(ts, copy)
                lupdate(copy, extra)
                if copy.read_bytes() != ts.read_bytes():
                    problems.append(f"{name} is out of date: run python translations/update.py")
        else:
            lupdate(ts, extra)
            lrelease(ts, ts.with_suffix(".qm"))
        if 'type="unfinished"' in ts.read_text(encoding="utf-8"):
            problems.append(f"{name} has unfinished translations")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
