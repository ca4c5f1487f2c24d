"""Where the shipped files are: `resources/` and `translations/` beside the package in a source
checkout, or inside the package (`crm/resources`, `crm/translations`) once installed."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    installed = _PACKAGE / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def resources_dir() -> Path:
    return _shipped("resources")


def translations_dir() -> Path:
    return _shipped("translations")
