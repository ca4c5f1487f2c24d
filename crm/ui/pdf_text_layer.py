"""The text layer of a PDF written by Qt: what copying and searching it yield.

Qt writes each glyph's ToUnicode entry from the lowest code point the font maps to that glyph.
CJK fonts draw an ideograph and its Kangxi radical with one glyph (工 and ⼯ U+2F2F, 门 and ⻔
U+2ED4), and a Simplified Chinese font draws the en dash and the figure dash alike, so the PDF of
a page showing 工作 would say ⼯作: search finds nothing and a pasted name is wrong (the problem
wkhtmltopdf, which prints with Qt, has had since 2019). Knowing the text that was laid out, we
put back the character the document actually used.

Qt writes the CMap uncompressed with four hex digits per code: each entry is rewritten in place,
at the same length, so the cross-reference offsets stay right. Should a later Qt compress it,
nothing matches and the PDF is returned as it was.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from PySide6.QtGui import QFont, QRawFont

_CMAP = re.compile(rb"begincmap\n.*?endcmap", re.S)
_SECTION = re.compile(rb"begin(bfrange|bfchar)\n(.*?)end\1", re.S)
_CODE = re.compile(rb"<([0-9A-Fa-f]{4})>")


def restore_text(pdf: bytes, text: str, families: list[str]) -> bytes:
    """`pdf`, written by Qt with the fonts `families` from a document whose text is `text`, with
    each ToUnicode entry that names a character `text` does not use, but that shares its glyph
    with one it does, naming that one instead."""
    better = _agreed(_shared_glyphs(text, family) for family in families)
    if not better:
        return pdf

    def section(match: re.Match[bytes]) -> bytes:
        sources = 2 if match[1] == b"bfrange" else 1
        lines = [_fix_line(line, sources, better) for line in match[2].split(b"\n")]
        return match[0].replace(match[2], b"\n".join(lines))

    fixed = _CMAP.sub(lambda m: _SECTION.sub(section, m[0]), pdf)
    return fixed if len(fixed) == len(pdf) else pdf


def _agreed(maps: Iterable[dict[int, int]]) -> dict[int, int]:
    """One map from several fonts' maps, without the code points on which they disagree."""
    merged: dict[int, int] = {}
    conflicts: set[int] = set()
    for found in maps:
        for code, char in found.items():
            if merged.setdefault(code, char) != char:
                conflicts.add(code)
    return {code: char for code, char in merged.items() if code not in conflicts}


def _fix_line(line: bytes, sources: int, better: dict[int, int]) -> bytes:
    codes = list(_CODE.finditer(line))
    targets = codes[sources:]
    # "<lo> <hi> <first>" maps a run of consecutive characters: only a run of one is rewritten.
    if sources == 2 and b"[" not in line and (len(codes) != 3 or codes[0][1] != codes[1][1]):
        return line
    out = bytearray(line)
    for code in targets:
        value = int(code[1], 16)
        if value in better:
            new = f"{better[value]:04X}".encode()
            out[code.start(1) : code.end(1)] = new if code[1].isupper() else new.lower()
    return bytes(out)


def _shared_glyphs(text: str, family: str) -> dict[int, int]:
    """Code point → the character of `text` the font draws with the same glyph, for the code
    points Qt may name instead: lower than that character, and not in `text` itself."""
    font = QRawFont.fromFont(QFont(family))
    used = {ord(c) for c in text if 0x20 < ord(c) <= 0xFFFF}
    if not font.isValid() or not used:
        return {}
    bmp = [c for c in range(0x21, max(used)) if not 0xD800 <= c < 0xE000]
    glyph_of = dict(zip(bmp, _glyphs(font, bmp), strict=True))
    users: dict[int, list[int]] = defaultdict(list)
    for code in sorted(used):
        glyph = glyph_of.get(code) or _glyphs(font, [code])[0]
        if glyph:
            users[glyph].append(code)
    drawn_by = {glyph: codes[0] for glyph, codes in users.items() if len(codes) == 1}
    return {
        code: drawn_by[glyph]
        for code, glyph in glyph_of.items()
        if glyph in drawn_by and code < drawn_by[glyph] and code not in used
    }


def _glyphs(font: QRawFont, codes: Iterable[int]) -> list[int]:
    codes = list(codes)
    if not codes:
        return []
    glyphs = font.glyphIndexesForString("".join(chr(c) for c in codes))
    return list(glyphs) if len(glyphs) == len(codes) else [0] * len(codes)
