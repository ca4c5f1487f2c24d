"""Translations for code that runs without Qt (the `crm` command).

The UI loads the compiled `.qm` through Qt; the command reads the same sentences from the
`.ts` source, so there is one catalogue for both.
"""

from __future__ import annotations

import locale
import os
from functools import lru_cache
from pathlib import Path

from crm.domain.text import Translator
from crm.paths import translations_dir

LANGUAGES = ("en", "zh_CN")


def normalise_language(value: str | None) -> str:
    value = (value or "").replace("-", "_")
    if value.lower().startswith("zh"):
        return "zh_CN"
    return "en"


def default_language() -> str:
    """The language of the environment: Chinese if the locale is Chinese, else English."""
    for name in ("CRM_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(name):
            return normalise_language(os.environ[name])
    return normalise_language(locale.getlocale()[0])


@lru_cache(maxsize=4)
def _catalogue(path: Path) -> dict[tuple[str, str], str]:
    # Imported here: the window reads the compiled catalogue through Qt, and opens faster
    # without the XML parser.
    import xml.etree.ElementTree as ET

    table: dict[tuple[str, str], str] = {}
    if not path.exists():
        return table
    root = ET.parse(path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if source is None or translation is None or translation.get("type"):
                continue
            if translation.text:
                table[(name, source)] = translation.text
    return table


def translator(language: str) -> Translator:
    """A function (context, source) -> text in `language`; English is the source language."""
    if normalise_language(language) == "en":
        return lambda _context, source: source
    table = _catalogue(translations_dir() / f"crm_{normalise_language(language)}.ts")
    return lambda context, source: table.get((context, source), source)
