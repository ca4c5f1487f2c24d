"""A contact's language is shown by name, and an unknown code as itself, never an error."""

from __future__ import annotations

from crm.ui.contact_languages import language_name


def test_a_known_language_is_named_in_its_own_words() -> None:
    assert language_name("ja") == "日本語"


def test_a_code_babel_does_not_know_is_shown_as_it_is() -> None:
    # An imported address book may say anything; a bundle ships locale data for few languages.
    assert language_name("xx") == "xx"
    assert language_name("") == ""
