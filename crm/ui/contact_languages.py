"""The names of the languages a contact may prefer, each in its own language."""

from __future__ import annotations

# Each language in its own language: a reader looks for the name they know.
LANGUAGE_NAMES = {
    "en": "English",
    "zh_CN": "中文（简体）",
    "da": "Dansk",
    "de": "Deutsch",
    "nl": "Nederlands",
    "nb": "Norsk bokmål",
    "sv": "Svenska",
    "fr": "Français",
    "pl": "Polski",
    "fi": "Suomi",
    "it": "Italiano",
    "es": "Español",
}


def language_name(code: str) -> str:
    if code in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[code]
    try:
        from babel import Locale, UnknownLocaleError

        name = Locale.parse(code).get_display_name(code) or code
    except (ValueError, TypeError, LookupError, UnknownLocaleError):  # shown as its code
        return code
    return name[:1].upper() + name[1:]
