"""Text from an imported file, quoted in a sentence a person reads: one line, and short.

An import report quotes what it could not take ("“…” is not an e-mail address."), and a
refused file says why in the words of the library that refused it. Both come from the file,
which may hold a cell of 100,000 characters, line breaks or control characters: quoted whole,
one sentence would become a page, or several lines of the command's report.
"""

from __future__ import annotations

import re

from crm.domain.text import Text

LIMIT = 80
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


def brief(value: object, limit: int = LIMIT) -> str:
    """`value` on one line, cut to `limit` characters with "…" where it was cut."""
    text = str(value)
    head = _CONTROL.sub(" ", text[: limit * 4])
    short = " ".join(head.split())
    if len(short) <= limit and len(text) <= limit * 4:
        return short
    return short[: limit - 1].rstrip() + "…"


def brief_params(text: Text) -> Text:
    """The sentence with every text it quotes made `brief`."""
    params = {k: brief(v) for k, v in text.params.items() if isinstance(v, str)}
    return text.with_params(**params) if params else text
