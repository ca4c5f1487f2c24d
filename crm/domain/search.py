"""Search keys: one normalised text per record, and queries parsed the same way.

A record's search document holds lower-case ASCII words (accents folded: Müller → muller, also
mueller), every Han character as a word of its own (so 芳 alone, or the phrase 王 芳, matches),
and the pinyin of Chinese names joined (wangfang), split (wang fang) and as initials (wf).

A query matches when every Latin term is the start of some word and every run of Han characters
appears as consecutive words. The store implements exactly this with SQLite FTS5 (or LIKE on
other databases); `matches` is the reference used by tests.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

from crm.domain.names import HAN_CLASS, display_pinyin, has_han, is_han, pinyin_variants

_GERMANIC = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "ß": "ss",
        "ø": "oe",
        "å": "aa",
        "æ": "ae",
        "Ä": "ae",
        "Ö": "oe",
        "Ü": "ue",
        "Ø": "oe",
        "Å": "aa",
        "Æ": "ae",
    }
)
_NON_WORD = re.compile(r"[^0-9a-z]+")
_HAN_CHARACTER = re.compile(f"({HAN_CLASS})")


def _fold_latin(text: str) -> str:
    return _NON_WORD.sub(" ", anyascii(text).casefold()).strip()


@lru_cache(maxsize=65536)  # organisations, positions and tags recur in every contact's document
def fold(text: str) -> str:
    """Fold text into search words: ASCII lower case, each Han character a word of its own."""
    normal = unicodedata.normalize("NFC", text)
    if not has_han(normal):
        return _fold_latin(normal)
    out: list[str] = []
    # The runs between Han characters, and each Han character: [latin, 王, latin, 芳, latin].
    for index, part in enumerate(_HAN_CHARACTER.split(normal)):
        if index % 2:
            out.append(part)
        elif part:
            folded = _fold_latin(part)
            if folded:
                out.append(folded)
    return " ".join(out)


def germanic(text: str) -> str:
    """Müller → mueller, Ødegård → oedegaard: how Nordic and German names are often typed."""
    translated = text.translate(_GERMANIC)
    return _fold_latin(translated) if translated != text else ""


def name_words(*, family_name: str, given_name: str, name_zh: str) -> list[str]:
    words = [fold(family_name), fold(given_name), fold(name_zh)]
    words += [germanic(family_name), germanic(given_name)]
    for syllables in pinyin_variants(name_zh):
        syllables = [s for s in syllables if s]
        words.append("".join(syllables))
        words.append(" ".join(syllables))
        words.append("".join(s[0] for s in syllables))
    if not has_han(name_zh) and family_name and given_name:
        words.append(fold(given_name + family_name).replace(" ", ""))
    return words


def search_document(
    *,
    family_name: str = "",
    given_name: str = "",
    name_zh: str = "",
    extra: Iterable[str] = (),
) -> str:
    """The one text a contact is found by; `extra` holds e-mails, organisation, tags, position."""
    words = name_words(family_name=family_name, given_name=given_name, name_zh=name_zh)
    words += [fold(value) for value in extra if value]
    seen: set[str] = set()
    unique: list[str] = []
    for word in " ".join(words).split():
        # Han words repeat: dropping one would break a phrase such as 合 肥 in an organisation name.
        if (len(word) == 1 and is_han(word)) or word not in seen:
            seen.add(word)
            unique.append(word)
    return " ".join(unique)


def sort_key(*, family_name: str, given_name: str, name_zh: str) -> str:
    """Contacts sort by family name in Latin letters; Chinese names by their pinyin."""
    latin = family_name or display_pinyin(name_zh)
    return _fold_latin(f"{latin} {given_name}") or fold(name_zh)


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    han: bool

    @property
    def text(self) -> str:
        return " ".join(self.words)


def parse_query(query: str) -> list[Term]:
    """Split a query into terms: each Latin word a prefix term, each run of Han characters a phrase."""
    terms: list[Term] = []
    han_run: list[str] = []
    for word in fold(query).split():
        if is_han(word):
            han_run.append(word)
            continue
        if han_run:
            terms.append(Term(tuple(han_run), han=True))
            han_run = []
        terms.append(Term((word,), han=False))
    if han_run:
        terms.append(Term(tuple(han_run), han=True))
    return terms


def matches(document: str, query: str) -> bool:
    """Reference semantics of search (the store's FTS5 and LIKE queries agree with this)."""
    padded = f" {document} "
    for term in parse_query(query):
        needle = f" {term.text} " if term.han else f" {term.text}"
        if needle not in padded:
            return False
    return True


def name_keys(*, family_name: str, given_name: str, name_zh: str) -> set[str]:
    """Keys under which two records name the same person: the Latin name accent- and
    case-insensitively in any order (Wang Fang = fang wang), or the same Chinese name."""
    keys = set()
    latin = _fold_latin(f"{family_name} {given_name}").split()
    if latin:
        keys.add("latin:" + " ".join(sorted(latin)))
    chinese = "".join(name_zh.split())
    if chinese:
        keys.add("zh:" + chinese)
    return keys
