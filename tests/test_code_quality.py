"""The code stays as the house style asks: ruff-clean, formatted, and type-checked."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PATHS = ["crm", "tests", "benchmarks", "translations"]


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is installed by the test extras")
def test_ruff_finds_nothing() -> None:
    result = run("ruff", "check", *PATHS)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is installed by the test extras")
def test_code_is_formatted() -> None:
    result = run("ruff", "format", "--check", *PATHS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_types_check() -> None:
    pytest.importorskip("mypy")
    result = run(sys.executable, "-m", "mypy", "crm")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_layers_depend_downwards() -> None:
    """crm/domain imports nothing of the project but itself; Qt only in crm/ui and crm/app.py."""
    import ast

    root = Path(__file__).resolve().parents[1] / "crm"
    problems = []
    for path in root.rglob("*.py"):
        module = path.relative_to(root.parent).with_suffix("").as_posix().replace("/", ".")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                if (
                    module.startswith("crm.domain")
                    and name.startswith("crm.")
                    and not (name.startswith("crm.domain"))
                ):
                    problems.append(f"{module} imports {name}")
                qt_allowed = module.startswith("crm.ui") or module == "crm.app"
                if name.startswith(("PySide6", "apscheduler.schedulers.qt")) and not qt_allowed:
                    problems.append(f"{module} imports {name}")
    assert not problems, problems
