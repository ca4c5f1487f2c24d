"""The greeting templates that come with Liaison, read once from resources/greetings."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from crm.domain.greetings import (
    GREETING_OCCASIONS,
    TEMPLATE_LANGUAGES,
    GreetingTemplate,
    parse_template_file,
)
from crm.paths import resources_dir


def templates_dir() -> Path:
    return resources_dir() / "greetings"


@lru_cache(maxsize=1)
def _shipped() -> tuple[GreetingTemplate, ...]:
    found = []
    for occasion in GREETING_OCCASIONS:
        for language in TEMPLATE_LANGUAGES:
            path = templates_dir() / f"{occasion}.{language}.txt"
            if path.is_file():
                found.append(parse_template_file(occasion, language, path.read_text("utf-8")))
    return tuple(found)


def shipped_templates() -> dict[tuple[str, str], GreetingTemplate]:
    """The templates that come with Liaison, by (occasion, language); the office's own ones
    live in the database and take precedence there."""
    return {(t.occasion, t.language): t for t in _shipped()}
