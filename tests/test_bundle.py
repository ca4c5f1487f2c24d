"""The application PyInstaller builds: it finds its shipped files, and on Linux it builds and
passes its smoke test (packaging/build-linux.sh runs packaging/smoke-test.py on the result)."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from crm import paths

ROOT = Path(__file__).resolve().parent.parent
BUILD_SCRIPT = ROOT / "packaging" / "build-linux.sh"
# Built in CI (CI=true) and on request; a minute or two, so not on every local run.
BUILD_BUNDLE = os.environ.get("LIAISON_BUILD_BUNDLE") == "1" or os.environ.get("CI") == "true"


def _frozen(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(folder), raising=False)


def test_a_frozen_app_finds_its_files_in_its_own_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in ("resources", "translations"):
        (tmp_path / "crm" / name).mkdir(parents=True)
    _frozen(monkeypatch, tmp_path)
    assert paths.bundle_dir() == tmp_path
    assert paths.resources_dir() == tmp_path / "crm" / "resources"
    assert paths.translations_dir() == tmp_path / "crm" / "translations"


def test_a_frozen_app_never_reads_the_files_of_a_checkout_beside_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A bundle missing its resources must fail on its own files, not quietly use others."""
    _frozen(monkeypatch, tmp_path)
    assert paths.resources_dir() == tmp_path / "crm" / "resources"


def test_running_from_python_uses_the_checkout_or_the_installed_package() -> None:
    assert paths.bundle_dir() is None
    assert (paths.resources_dir() / "icons" / "liaison.svg").is_file()
    assert any(paths.translations_dir().glob("crm_zh_CN.*"))


@pytest.mark.slow
@pytest.mark.bundle
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="builds the Linux bundle")
@pytest.mark.skipif(
    not BUILD_BUNDLE,
    reason="builds the PyInstaller bundle (a minute or two): run with LIAISON_BUILD_BUNDLE=1 "
    "(CI=true does), or run packaging/build-linux.sh",
)
def test_the_linux_bundle_builds_and_passes_its_smoke_test(tmp_path: Path) -> None:
    dist, work = tmp_path / "dist", tmp_path / "work"
    result = subprocess.run(
        ["bash", str(BUILD_SCRIPT), "--dist", str(dist), "--work", str(work)],
        env={**os.environ, "PYTHON": sys.executable},
        capture_output=True,
        text=True,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-8000:]
    assert "smoke test: passed" in result.stdout, output[-8000:]
    if "smoke test: WARNING" in result.stdout:  # in the run's summary, for whoever reads it
        warning = result.stdout[result.stdout.index("smoke test: WARNING") :]
        warnings.warn(warning[:8000], stacklevel=1)
    for program in ("crm", "liaison"):
        assert os.access(dist / "liaison" / program, os.X_OK)
    # What the spec leaves out stays out: other Babel locales and Qt's other translations.
    internal = dist / "liaison" / "_internal"
    assert (internal / "babel" / "locale-data" / "zh_Hans_CN.dat").is_file()
    assert not (internal / "babel" / "locale-data" / "de.dat").exists()
    qt_translations = {p.name for p in internal.glob("PySide6/Qt/translations/*.qm")}
    assert qt_translations == {"qtbase_zh_CN.qm"}
