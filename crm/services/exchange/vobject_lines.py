"""vobject's content-line pattern, rewritten to take linear time.

vobject splits a line into group, name, parameters and value with one regular expression whose
parameter part nests optional repetitions: `(?: (?: = value )? (?: , value )* )*`, where a
value may be empty and may hold "=". On a line it cannot match — parameters without the colon
that should end them, e.g. `X;TYPE=a,b;a,b;a,b;…` — the engine tries every way of cutting the
parameters up before it gives up: twice the time for every parameter more. A card of 40 such
parameters kept an import busy for hours.

`LINE` matches exactly the lines vobject's pattern matches, with the same groups:
- `(=v)?(,v)*` repeated is any sequence of "=v" and ",v" pieces;
- a value that holds "=" is several pieces (`=a=b` is `=a` then `=b`), so a piece's bare value
  need not hold "=", and then there is one way only to cut the parameters up;
- with one way only, nothing is gained by giving back what a repetition took, so the
  repetitions are possessive (`*+`, Python 3.11) and a failing line fails at once.
tests/test_vcard_reader.py checks that both patterns agree, groups and all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

_NAME = r"[a-zA-Z0-9_-]++"
_PIECE = r'[=,] (?: "[^"]*+" | [^";:,=]*+ )'
LINE = re.compile(
    rf"""
    ^ ((?P<group> {_NAME})\.)?(?P<name> {_NAME})
    (?P<params> ;?(?: ; {_NAME} (?: {_PIECE} )*+ )*+ )
    : (?P<value> .* )$
    """,
    re.DOTALL | re.VERBOSE,
)


@contextmanager
def linear_lines() -> Iterator[None]:
    """vobject's `parseLine`, while the block runs, with `LINE` for its pattern."""
    import vobject.base

    original = vobject.base.line_re
    vobject.base.line_re = LINE
    try:
        yield
    finally:
        vobject.base.line_re = original
