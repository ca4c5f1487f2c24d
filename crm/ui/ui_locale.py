"""The UI language as the language manager last set it, for widgets that format data."""

from __future__ import annotations

from PySide6.QtCore import QLocale


def current_language() -> str:
    """ "zh_CN" or "en": `LanguageManager.switch` makes the chosen language Qt's default locale."""
    return "zh_CN" if QLocale().name().startswith("zh") else "en"
