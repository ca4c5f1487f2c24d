"""Read contacts from vCard (2.1, 3.0, 4.0), CSV and XLSX into plain records.

A record is the fields of one card or row (keys from `columns.FIELDS`, list fields as lists)
and the line it starts on, so that every problem can be reported where the user can find it.
It keeps what it was read from too (the row's cells, the card's text), so that a row the
importer rejects can be written back out for the user to fix (`FileLayout` says how).
Reading never writes anything; a file that is not what it claims gives one clear sentence.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import itertools
import re
import uuid
from collections.abc import Callable, Generator, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crm.domain.text import QT_TRANSLATE_NOOP, DomainError, Text
from crm.services.exchange.brief import brief
from crm.services.exchange.columns import (
    JOINED_FIELDS,
    LIST_FIELDS,
    field_for,
    fields_for,
    header_key,
)
from crm.services.exchange.formulas import unquoted
from crm.services.exchange.vcard_reader import read_card
from crm.services.exchange.vobject_lines import linear_lines
from crm.services.exchange.workbook import xlsx_rows

NOT_READABLE = QT_TRANSLATE_NOOP("Import", "“{name}” cannot be read as {kind}: {reason}")
UNKNOWN_KIND = QT_TRANSLATE_NOOP(
    "Import",
    "“{name}” is not a file Liaison can import: use a vCard (.vcf), CSV or Excel (.xlsx) file.",
)
NO_COLUMNS = QT_TRANSLATE_NOOP(
    "Import",
    "“{name}” has no column Liaison recognises: the first row should name the columns, "
    "e.g. family_name, given_name, name_zh, emails.",
)
TOO_LARGE = QT_TRANSLATE_NOOP("Import", "“{name}” is too large to import (over {limit} MB).")
UNKNOWN_ENCODING = QT_TRANSLATE_NOOP(
    "Import",
    "“{name}” is not text in a character encoding Liaison knows: save it as CSV UTF-8 or as an Excel workbook and import that.",
)

MAX_BYTES = 200 * 1024 * 1024
# How many rows above the column names a sheet may have (a title, a date, an empty row).
HEADER_SEARCH_ROWS = 10

# Rows of a sheet, each with the line it starts on.
Rows = Generator[tuple[int, list[Any]], None, None]


# A header → field choice made by a person (None: leave the column out).
ColumnMapping = Mapping[str, str | None]


@dataclass
class RawRecord:
    line: int
    values: dict[str, Any] = field(default_factory=dict)
    # What the record was read from: a row's cells as text, or a card's text.
    original: tuple[str, ...] | str | None = None

    def add(self, key: str, value: Any, *, label: str = "") -> None:
        """Add a cell's value; `label` (a header) says where a joined field's line came from."""
        if isinstance(value, str):
            value = _clean(value)
        elif isinstance(value, list):
            value = [_clean(v) if isinstance(v, str) else v for v in value]
        if value is None or (isinstance(value, str) and not value.strip()):
            return
        if key in LIST_FIELDS:
            self.values.setdefault(key, []).extend(_split_list(key, value))
        elif key in JOINED_FIELDS and isinstance(value, str):
            text = f"{label}: {value.strip()}" if label else value.strip()
            before = self.values.get(key)
            self.values[key] = f"{before}\n{text}" if before else text
        elif key not in self.values:
            self.values[key] = value.strip() if isinstance(value, str) else value


# Control characters a person never means in a contact: a database on PostgreSQL refuses NUL,
# and an Excel export (XML) cannot hold any of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _clean(text: str) -> str:
    """Windows line ends (in notes) as "\\n"; control characters dropped."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


@dataclass
class FileLayout:
    """How the file was written, so that its rejected rows can be written back the same way."""

    kind: str  # "vcard", "csv" or "xlsx"
    header: tuple[str, ...] = ()
    delimiter: str = ","


def _split_list(key: str, value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    text = str(value)
    # Google writes several values in one cell as "a ::: b"; lists of ours use ";". People
    # typing into a spreadsheet cell also use "；" and "、", and "," between e-mail addresses.
    separators = r"\s*:::\s*|;|；|、|\n"
    if key in ("tags", "emails"):
        separators += r"|,|，"
    parts = re.split(separators, text)
    return [p.strip() for p in parts if p.strip() and not p.strip().startswith("* ")]


def detect_kind(path: Path, head: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in (".vcf", ".vcard") or head.lstrip(b"\xef\xbb\xbf \r\n\t").upper().startswith(
        b"BEGIN:VCARD"
    ):
        return "vcard"
    if suffix == ".xlsx" or head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if suffix in (".csv", ".txt", ".tsv"):
        return "csv"
    raise DomainError(UNKNOWN_KIND.with_params(name=path.name))


def file_head(path: Path) -> bytes:
    """The first bytes of a file, enough to tell its kind; a file too large to import is refused."""
    if path.stat().st_size > MAX_BYTES:
        raise DomainError(TOO_LARGE.with_params(name=path.name, limit=MAX_BYTES // (1024 * 1024)))
    with path.open("rb") as handle:
        return handle.read(4096)


def file_kind(path: Path) -> str | None:
    """ "vcard", "csv" or "xlsx"; None for an empty file (which holds no contacts)."""
    head = file_head(path)
    if not head.strip(b"\xef\xbb\xbf\xff\xfe\x00 \r\n\t"):
        return None
    return detect_kind(path, head)


def read_records(
    path: Path, *, mapping: ColumnMapping | None = None, layout: FileLayout | None = None
) -> Iterator[RawRecord]:
    """The cards or rows of a file; `mapping` overrides the automatic field of those headers.

    `layout`, when given, is filled in as the file is read (its kind, header and delimiter).
    """
    kind = file_kind(path)
    if kind is None:
        return  # an empty file holds no contacts (the importer says so)
    if layout is not None:
        layout.kind = kind
    if kind == "vcard":
        yield from read_vcards(path)
    elif kind == "xlsx":
        yield from read_xlsx(path, mapping=mapping, layout=layout)
    else:
        yield from read_csv(path, mapping=mapping, layout=layout)


def read_text(path: Path) -> str:
    """The text of a file, decoded as `_decode` explains."""
    return _decode(path, path.read_bytes())


def _decode(path: Path, data: bytes) -> str:
    """The text of a file as the program that wrote it meant it.

    UTF-8 (with or without BOM) first; Excel's "Unicode text" is UTF-16 with a BOM, and some
    programs write UTF-16 without one (every other byte of Latin text a NUL); a Chinese
    Windows saves CSV in GB18030/GBK and a Western one in Windows-1252. Almost any bytes decode
    as GB18030, so Western text (ü, é, ø next to ASCII letters) would turn into rare Han
    characters: GB18030 is taken only when its characters are the common ones of GB2312. A few
    NUL bytes in otherwise readable text are junk (dropped later, see `_clean`), not a reason
    to refuse the file.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        with contextlib.suppress(UnicodeDecodeError):
            return _text_or_refuse(path, data.decode("utf-16"))
    elif data.count(b"\x00") * 4 >= len(data):
        odd_nuls = data[1::2].count(b"\x00")
        encoding = "utf-16-le" if odd_nuls >= data[0::2].count(b"\x00") else "utf-16-be"
        with contextlib.suppress(UnicodeDecodeError):
            return _text_or_refuse(path, data.decode(encoding))
    else:
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode("utf-8-sig")
        chinese: str | None = None
        with contextlib.suppress(UnicodeDecodeError):
            chinese = data.decode("gb18030")
        if chinese is not None and _mostly_gb2312(chinese):
            return chinese
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode("cp1252")
        if chinese is not None:
            return chinese
    raise DomainError(UNKNOWN_ENCODING.with_params(name=path.name))


def _text_or_refuse(path: Path, text: str) -> str:
    """UTF-16 text, unless what decoded as UTF-16 is a binary file (an Excel 97 .xls renamed
    .csv): there, control characters abound."""
    if len(_CONTROL.findall(text[:100_000])) * 100 > min(len(text), 100_000):
        raise DomainError(UNKNOWN_ENCODING.with_params(name=path.name))
    return text


def _mostly_gb2312(text: str) -> bool:
    """Whether most characters beyond ASCII are GB2312's; judged on the first 20,000, so
    that a file of millions is not encoded character by character."""
    wide = [m.group() for m in itertools.islice(_WIDE.finditer(text), 20_000)]
    common = 0
    for char in wide:
        try:
            char.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common * 2 >= len(wide)


_WIDE = re.compile(r"[^\x00-\x7f]")


# vCard ---------------------------------------------------------------------------------------
_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE | re.MULTILINE)


def read_vcards(path: Path) -> Iterator[RawRecord]:
    text = read_text(path)
    offsets = [m.start() for m in _BEGIN.finditer(text)]
    if not offsets:
        raise DomainError(
            NOT_READABLE.with_params(name=path.name, kind="vCard", reason="no BEGIN:VCARD")
        )
    # Each card is parsed on its own, so one broken card costs only itself.
    chunks = _BEGIN.split(text)[1:]
    ends = [*offsets[1:], len(text)]
    line, counted = 1, 0
    for start, end, chunk in zip(offsets, ends, chunks, strict=False):
        line += text.count("\n", counted, start)  # the lines before this card, counted once
        counted = start
        # The card's text as written (its own line ends), up to the next card.
        record = RawRecord(line, original=text[start:end])
        try:
            # The fast reader gives what vobject gives, or None for vobject to read the card.
            card_text = "BEGIN:VCARD" + chunk
            card = read_card(card_text) or _vobject_card(card_text)
            _card_values(card, record)
        except Exception as error:  # vobject raises many kinds for a malformed card
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            # vobject counts lines from the card's start; the report gives the card's line.
            record.values = {"_error": re.sub(r"^At line \d+:\s*", "", reason)}
        yield record


def _vobject_card(text: str) -> Any:
    import vobject

    # allowQP: vCard 2.1 (phones) breaks long quoted-printable values with a "=" at the end
    # of the line. `linear_lines`: vobject's own pattern takes hours over some broken lines.
    with _whole_text_values(), linear_lines():
        cards = vobject.readComponents(text, ignoreUnreadable=True, allowQP=True)
        return next(iter(cards))


@contextmanager
def _whole_text_values() -> Iterator[None]:
    """vobject, but a text value is not cut at its first unescaped comma: vCard 2.1 never
    escapes commas, and "NOTE:Met in Lyon, 2019" is one note (vobject keeps "Met in Lyon").
    The fast reader (`vcard_reader`) reads text the same way. Lists (CATEGORIES) and
    structured values (N, ADR, ORG) have behaviours of their own and are left alone."""
    from vobject.icalendar import stringToTextValues
    from vobject.vcard import VCardTextBehavior

    original = VCardTextBehavior.__dict__["decode"]

    def decode(cls: Any, line: Any) -> None:
        plain = "BASE64" not in line.singletonparams and not getattr(line, "encoding_param", None)
        if line.encoded and plain and isinstance(line.value, str):
            line.value = ",".join(stringToTextValues(line.value))
            line.encoded = False
            return
        original.__func__(cls, line)

    VCardTextBehavior.decode = classmethod(decode)  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        VCardTextBehavior.decode = original  # type: ignore[method-assign]


def _card_values(card: Any, record: RawRecord) -> None:
    contents = card.contents

    def values(name: str) -> list[Any]:
        return [_plain(line) for line in contents.get(name, [])]

    for n in values("n")[:1]:
        record.add("family_name", _join(n.family))
        record.add("given_name", _join(n.given))
        record.add("middle_name", _join(n.additional))
        record.add("honorific", _join(n.prefix))
    for name in values("fn")[:1]:
        record.add("name", name)
    for x_name in ("x-name-zh", "x-liaison-name-zh", "x-phonetic-name"):
        for value in values(x_name)[:1]:
            if x_name != "x-phonetic-name":
                record.add("name_zh", value)
    for uid in values("uid")[:1]:
        record.add("id", str(uid))
    for org in values("org")[:1]:
        record.add("organisation", _join(org[:1] if isinstance(org, list) else org))
    for title in values("title")[:1]:
        record.add("position", title)
    for value in values("x-liaison-position-zh")[:1]:
        record.add("position_zh", value)
    for value in values("email"):
        record.add("emails", [str(value)])
    for value in values("tel"):
        record.add("phones", [re.sub(r"^tel:", "", str(value), flags=re.IGNORECASE)])
    for value in values("categories"):
        record.add("tags", value if isinstance(value, list) else [value])
    for value in values("note")[:1]:
        record.add("notes", value)
    for value in [*values("lang"), *values("x-liaison-language")][:1]:
        record.add("language", value)
    # Ours: a lunar birthday, which must not be in BDAY (a phone would take it as Gregorian).
    for value in values("x-liaison-birthday")[:1]:
        record.add("birthday", str(value))
    for line in contents.get("bday", [])[:1]:
        value = _plain(line)
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
        # Apple Contacts writes a birthday without a year as
        # BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15.
        omitted = line.params.get("X-APPLE-OMIT-YEAR", [])
        if omitted and text.startswith(str(omitted[0])):
            text = "--" + text[len(str(omitted[0])) :].lstrip("-")
        record.add("birthday", text)
    for name, key in (
        ("x-wechat", "wechat"),
        ("x-liaison-wechat", "wechat"),
        ("x-liaison-birthday-calendar", "birthday_calendar"),
        ("x-liaison-birthday-leap-month", "birthday_leap_month"),
        ("x-liaison-status", "status"),
        ("x-liaison-owner", "owner"),
    ):
        for value in values(name)[:1]:
            record.add(key, value)
    for value in values("impp"):
        if str(value).lower().startswith(("weixin:", "wechat:")):
            record.add("wechat", str(value).split(":", 1)[1])


def _plain(line: Any) -> Any:
    """A property's value, as text where it was bytes: vCard 2.1 lets any property be base64
    (ENCODING=BASE64), its bytes the text in the CHARSET the line names (UTF-8 if none)."""
    value = line.value
    if not isinstance(value, bytes):
        return value
    charset = line.params.get("CHARSET", ["utf-8"])[0]
    try:
        return value.decode(charset)
    except (LookupError, ValueError):  # an unknown character set, or not text in it
        raise ValueError(f"{line.name} is not text in a known character set") from None


def _join(value: Any) -> str:
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value if v)
    return str(value or "")


# Spreadsheets --------------------------------------------------------------------------------
def records_from_rows(
    path: Path,
    rows: Rows,
    *,
    fields_of_header: Callable[[list[Any]], list[str | None]],
    no_columns: Text,
    labels_of_header: Callable[[list[Any]], list[str]] | None = None,
    layout: FileLayout | None = None,
) -> Iterator[RawRecord]:
    """The rows after the header as records keyed by `fields_of_header(header row)`.

    Office sheets often have a title (and a blank row) above the column names: the header is
    the first of the top rows that names a known column. Cells are text as written (a date
    cell as ISO). `labels_of_header` gives each column the label its lines in a joined field
    carry (see `RawRecord.add`). The rows are closed when done, so that Windows lets go of
    the workbook.
    """
    with contextlib.closing(rows):
        fields: list[str | None] = []
        header: list[Any] = []
        for _line, header in itertools.islice(rows, HEADER_SEARCH_ROWS):
            fields = fields_of_header(header)
            if any(fields):
                break
        if not any(fields):
            raise DomainError(no_columns.with_params(name=path.name))
        labels = labels_of_header(header) if labels_of_header else [""] * len(fields)
        if layout is not None:
            layout.header = tuple(_text(h) for h in header)
        for line, cells in rows:
            if not any(c is not None and str(c).strip() for c in cells):
                continue
            record = RawRecord(line, original=tuple(_text(c) for c in cells))
            # Labelled columns last, so that the notes column's text comes before their lines.
            columns = sorted(zip(fields, labels, cells, strict=False), key=lambda c: bool(c[1]))
            for key, label, cell in columns:
                if key:
                    record.add(key, _cell_text(cell), label=label)
            yield record


def sample_rows(path: Path, kind: str, *, count: int = 5) -> tuple[int, list[str], list[list[str]]]:
    """The header row of a sheet (its line and cells) and the first `count` rows under it.

    The header is found as `records_from_rows` finds it; in a sheet whose columns are all
    unknown, it is the fullest of the top rows (a title above it fills one cell).
    """
    rows = xlsx_rows(path) if kind == "xlsx" else csv_rows(path)
    with contextlib.closing(rows):
        top = [
            (line, [_text(c) for c in cells])
            for line, cells in itertools.islice(rows, HEADER_SEARCH_ROWS + count * 4)
        ]
    filled = [(line, cells) for line, cells in top if any(c.strip() for c in cells)]
    if not filled:
        return 0, [], []
    searched = [cells for _line, cells in filled[:HEADER_SEARCH_ROWS]]
    known = [i for i, cells in enumerate(searched) if any(fields_for(cells))]
    widths = [sum(1 for c in cells if c.strip()) for cells in searched]
    at = known[0] if known else widths.index(max(widths))
    line, header = filled[at]
    return line, header, [cells for _line, cells in filled[at + 1 : at + 1 + count]]


def _text(cell: Any) -> str:
    """A cell as the text a person sees in it (an empty cell as "")."""
    text = _cell_text(cell)
    return "" if text is None else str(text)


def _cell_text(cell: Any) -> Any:
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return cell if cell is None else str(cell)


def _delimiter(text: str) -> str:
    """ "," — or ";" where the decimal comma is (Excel in much of Europe), or a tab (Excel's
    "Unicode text"): whichever separates the columns of the first non-empty line."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in ",;\t"}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def csv_rows(path: Path, *, layout: FileLayout | None = None) -> Rows:
    """The rows of a CSV file in whatever encoding and delimiter it was written with."""
    text = read_text(path)
    delimiter = _delimiter(text)
    if layout is not None:
        layout.delimiter = delimiter
    # Every program that writes CSV quotes as Excel does ("" inside quotes); only the
    # delimiter differs. csv.Sniffer guesses the quoting too, and gets it wrong on long notes.
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter)
    try:
        start = 1
        for cells in reader:
            # A row with line breaks inside quotes ends on a later line than it starts.
            yield start, [unquoted(c) for c in cells]  # as it was before an export quoted it
            start = reader.line_num + 1
    except csv.Error as error:
        raise DomainError(
            NOT_READABLE.with_params(name=path.name, kind="CSV", reason=brief(error))
        ) from error


class _ContactColumns:
    """Contact fields of a header row: the automatic ones, or what `mapping` says instead."""

    def __init__(self, mapping: ColumnMapping | None) -> None:
        self.exact = {k.strip(): v for k, v in (mapping or {}).items()}
        self.loose = {header_key(k): v for k, v in (mapping or {}).items()}

    def chosen(self, header: str) -> tuple[bool, str | None]:
        for table, key in ((self.exact, header), (self.loose, header_key(header))):
            if key in table:
                return True, table[key]
        return False, None

    def fields(self, header: list[Any]) -> list[str | None]:
        texts = [_text(h).strip() for h in header]
        automatic = fields_for(texts)
        fields = []
        for text, field_ in zip(texts, automatic, strict=True):
            chosen, mapped = self.chosen(text) if text else (False, None)
            fields.append(mapped if chosen else field_)
        return fields

    def labels(self, header: list[Any]) -> list[str]:
        """A column put into notes by a person keeps its header: "Lieblingsfarbe: blau"."""
        texts = [_text(h).strip() for h in header]
        return [
            text.rstrip(":： ") if field_ in JOINED_FIELDS and field_for(text) != field_ else ""
            for text, field_ in zip(texts, self.fields(header), strict=True)
        ]


def read_csv(
    path: Path, *, mapping: ColumnMapping | None = None, layout: FileLayout | None = None
) -> Iterator[RawRecord]:
    columns = _ContactColumns(mapping)
    yield from records_from_rows(
        path,
        csv_rows(path, layout=layout),
        fields_of_header=columns.fields,
        labels_of_header=columns.labels,
        no_columns=NO_COLUMNS,
        layout=layout,
    )


def read_xlsx(
    path: Path, *, mapping: ColumnMapping | None = None, layout: FileLayout | None = None
) -> Iterator[RawRecord]:
    columns = _ContactColumns(mapping)
    yield from records_from_rows(
        path,
        xlsx_rows(path),
        fields_of_header=columns.fields,
        labels_of_header=columns.labels,
        no_columns=NO_COLUMNS,
        layout=layout,
    )


def is_uuid(value: str) -> str | None:
    """The UUID in "2e48…", "urn:uuid:2e48…" or None."""
    text = value.strip().lower().removeprefix("urn:uuid:")
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None
