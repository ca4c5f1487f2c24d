"""Where the shipped files are: `resources/` and `translations/` beside the package in a source
checkout, inside the package (`crm/resources`, `crm/translations`) once installed from the
wheel, and under the bundle's own folder (`sys._MEIPASS`) in the application PyInstaller builds
(packaging/liaison.spec lays them out there as the wheel does). The user guide is the exception
in a checkout: it lives in `docs/guide`, with the rest of the documentation."""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundle_dir() -> Path | None:
    """The folder a frozen application unpacked itself into; None when running from Python.

    PyInstaller sets `sys.frozen` and `sys._MEIPASS`; the bundle's files are looked for there
    rather than beside `__file__`, which a frozen module need not have on disk."""
    if not getattr(sys, "frozen", False):
        return None
    folder = getattr(sys, "_MEIPASS", None)
    return Path(folder) if folder else Path(sys.executable).resolve().parent


def _shipped(name: str) -> Path:
    frozen = bundle_dir()
    package = frozen / "crm" if frozen is not None else _PACKAGE
    installed = package / name
    if installed.is_dir() or frozen is not None:
        return installed
    return _PACKAGE.parent / name


def resources_dir() -> Path:
    return _shipped("resources")


def translations_dir() -> Path:
    return _shipped("translations")


def guide_dir() -> Path:
    """The user guide: one folder of Markdown pages per language, and their pictures.

    It is `docs/guide` in a source checkout (where it is written, beside the rest of the
    documentation) and `crm/guide` in the wheel and the bundle."""
    frozen = bundle_dir()
    installed = (frozen / "crm" if frozen is not None else _PACKAGE) / "guide"
    if installed.is_dir() or frozen is not None:
        return installed
    return _PACKAGE.parent / "docs" / "guide"
