"""Possible duplicates, and merging two contacts into one without losing anything.

Finding: 100,000 contacts cannot be compared pairwise (5·10⁹ pairs), so each contact is filed
under a few keys: each e-mail address, each phone number's last seven digits, its Chinese name's
first character and pinyin, and its folded Latin name (family name and the given name's initial,
and the same of its words in alphabetical order, where "Fang Wang" typed the wrong way round
meets "Wang Fang"). Only contacts that share a key are compared; a key shared by more than
`SHARED` contacts (an office's mailbox, the commonest names) is not. Latin names are compared
with rapidfuzz's token sort ratio (words sorted, then `fuzz.ratio`) after folding accents, both
as anyascii spells them (Müller → muller) and as German and Nordic names are typed (mueller).
Two people who both have a Chinese name are compared by it: 王小明 and 王晓明 (both Wang
Xiaoming) match, but only with the same family character (汪小明 is someone else), and Wang Jun
is not Wang Juan however alike the letters.

Not proposed: archived contacts, a successor and the contact they succeed (two people by
definition, who often share an office's phone or mailbox), pairs the office dismissed, and a
shared phone number between clearly different names (a switchboard). A shared e-mail address
between different names is proposed with a low score (perhaps a shared mailbox).

Merging: the kept contact gets every e-mail, phone and tag of both, empty fields filled from the
other (or as chosen), both notes; every row that refers to the other contact (found from the
database's own foreign keys) moves to the kept one; then the other is deleted. The other's
*names* are not kept unless chosen, but its e-mail addresses are, so a search by the other's
e-mail address finds the merged contact. `unmerge` puts everything back.
"""

from __future__ import annotations

import gc
import logging
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import delete, select
from sqlmodel import Session

from crm.domain.contacts import ContactDraft
from crm.domain.names import display_pinyin, has_han, split_chinese_name
from crm.domain.search import fold, germanic, sort_key
from crm.domain.text import QT_TRANSLATE_NOOP, DomainError, Text
from crm.services.acting import Acting
from crm.services.changes import Changes
from crm.services.contacts import (
    NOT_FOUND,
    ContactRecord,
    DeletedContact,
    draft_from,
    existing_references,
    restore_contact,
    update_contact,
)
from crm.services.importing import same_phone
from crm.store import contacts as cq
from crm.store import duplicates as q
from crm.store.database import Database
from crm.store.models import Contact

log = logging.getLogger("crm.services.duplicates")

SAME_EMAIL = QT_TRANSLATE_NOOP("Duplicates", "Same e-mail address")
SAME_PHONE = QT_TRANSLATE_NOOP("Duplicates", "Same phone number")
SAME_NAME_ZH = QT_TRANSLATE_NOOP("Duplicates", "Same Chinese name")
SOUNDS_ALIKE = QT_TRANSLATE_NOOP("Duplicates", "Chinese names read the same in pinyin")
SAME_NAME = QT_TRANSLATE_NOOP("Duplicates", "Same name")
SIMILAR_NAMES = QT_TRANSLATE_NOOP("Duplicates", "Similar names")
SAME_ORGANISATION = QT_TRANSLATE_NOOP("Duplicates", "Same organisation")
SAME_CONTACT = QT_TRANSLATE_NOOP("Duplicates", "A contact cannot be merged with itself.")

SIMILAR = 90  # token sort ratio from which two Latin names are "similar"
DIFFERENT = 85  # below this, two names belong to two people whatever else they share
SHARED = 50  # a key (e-mail, phone, Chinese name) held by more contacts is not compared
LARGE_BLOCK = 2000  # a name block larger than this is split by the names' first letters
WEIGHTS = {"email": 90, "phone": 70, "name_zh": 80, "name": 80, "sounds": 65, "similar": 55}

# Fields a merge takes from one side or the other ("keep" or "other" in `choices`); the
# birthday carries its calendar and leap month. E-mails, phones and tags of both are kept,
# notes joined.
MERGE_FIELDS = (
    "family_name",
    "given_name",
    "name_zh",
    "honorific",
    "position",
    "position_zh",
    "organisation_id",
    "wechat",
    "language",
    "birthday",
    "owner_id",
    "status",
    "successor_of_id",
    "keep_in_touch_days",
)
UNITED_FIELDS = ("emails", "phones", "tags", "notes")

# Every column that refers to contact.id, and what a merge does with it. A test compares this
# with the schema, so a new table cannot be forgotten; at run time a column missing here is
# still moved (from the database's own foreign keys), with a warning in the log.
CHILD_REFERENCES = frozenset(
    {
        ("contact_email", "contact_id"),
        ("contact_phone", "contact_id"),
        ("contact_tag", "contact_id"),
    }
)  # rewritten from the merged draft; the other's come back with it on undo
OWN_REFERENCES = frozenset(
    {("duplicate_dismissed", "contact_a"), ("duplicate_dismissed", "contact_b")}
)  # carried over by crm.store.duplicates.move_dismissed (the ids stay in order)
MOVED_REFERENCES = frozenset(
    {
        ("contact", "successor_of_id"),
        ("partnership_champion", "contact_id"),
        ("agreement_signatory", "contact_id"),
        ("delegation", "leader_id"),
        ("delegation_member", "contact_id"),  # the same delegation twice: the fuller role stays
        ("gift", "contact_id"),
        ("interaction_contact", "contact_id"),  # the same interaction twice: one row stays
        ("greeting_sent", "contact_id"),  # greeted twice for the same occasion: the kept's stays
    }
)
HANDLED_REFERENCES = CHILD_REFERENCES | OWN_REFERENCES | MOVED_REFERENCES


@dataclass(frozen=True)
class DuplicatePair:
    """Two contacts that are probably one person: `first` is the one entered first."""

    first: cq.ContactRow
    second: cq.ContactRow
    score: int
    reasons: tuple[Text, ...]

    @property
    def ids(self) -> tuple[str, str]:
        return self.first.id, self.second.id


@dataclass(frozen=True)
class ContactSide:
    """One contact of a pair as the comparison shows it."""

    record: ContactRecord
    row: cq.ContactRow
    successor_of: str  # the label of the contact this one succeeds, or ""


@dataclass(frozen=True)
class MergeUndo:
    """Everything `unmerge` needs to put both contacts back as they were."""

    kept: ContactRecord
    kept_version: int
    other: DeletedContact
    links: tuple[q.LinkChange, ...]
    reminders: q.ReminderMove
    dismissed: q.DismissedMove


@dataclass(frozen=True)
class MergeResult:
    kept_id: str
    other_id: str
    # Rows now on the kept contact, by table ("interaction_contact": 3); for contact_email,
    # contact_phone and contact_tag, the values the kept contact gained.
    moved: dict[str, int]
    # The other's rows that repeated one of the kept contact's (the same interaction…).
    dropped: dict[str, int]
    changes: Changes
    undo: MergeUndo = field(repr=False)


# Finding ------------------------------------------------------------------------------------
# Filing 100k contacts must cost a few microseconds each, so it works from what the database
# already holds folded: `sort_key` is the Latin name (or the pinyin) in lower-case ASCII, family
# name first, and `pinyin` the reading of the Chinese name. Folding and splitting names is left
# to `_Finder.person`, for the few contacts that share a key with another.
_NOT_DIGIT = re.compile(r"\D")
_NONE: frozenset[str] = frozenset()


@dataclass(slots=True)
class _Person:
    id: str
    organisation_id: str | None
    successor_of_id: str | None
    name_zh: str
    zh_family: str
    zh_sound: str
    forms: tuple[str, ...]  # folded Latin names, words sorted: what token sort ratio compares
    emails: set[str] | frozenset[str]  # those shared with someone else
    phones: list[str]  # those sharing their last seven digits with someone else's
    phone_keys: set[str] | frozenset[str]


def _spellings(row: q.PersonRow) -> list[str]:
    """The folded Latin names of a contact, family name first: as stored, as German and Nordic
    names are also typed (Müller → mueller), and the pinyin of the Chinese name."""
    first = row.sort_key or sort_key(
        family_name=row.family_name, given_name=row.given_name, name_zh=row.name_zh
    )
    found = [first] if first else []
    if not (row.family_name + row.given_name).isascii():
        parts = (germanic(row.family_name) or fold(row.family_name), germanic(row.given_name))
        variant = " ".join(p for p in (parts[0], parts[1] or fold(row.given_name)) if p)
        if variant and variant not in found:
            found.append(variant)
    if row.pinyin:
        reading = row.pinyin.lower()
        if reading not in found:
            found.append(reading)
    return found


class _Finder:
    """Files every contact under its keys, then compares the contacts that share one."""

    def __init__(self, rows: Iterable[q.PersonRow]) -> None:
        self.rows = [row for row in rows if not row.archived]
        self.index = {row.id: i for i, row in enumerate(self.rows)}
        self.found: set[tuple[int, int]] = set()
        self._emails: dict[int, set[str]] = {}
        self._phones: dict[int, list[str]] = {}
        self._phone_keys: dict[int, set[str]] = {}
        self._people: dict[int, _Person] = {}
        self._sorted: dict[str, str] = {}

    def _pair_up(self, members: list[int]) -> None:
        if len(members) > SHARED:  # an office's mailbox, or the most common of names
            return
        found = self.found
        for a, first in enumerate(members):
            for second in members[a + 1 :]:
                if first != second:
                    found.add((first, second) if first < second else (second, first))

    def file_emails(self, rows: Iterable[tuple[str, str]]) -> None:
        first: dict[str, int] = {}
        shared: dict[str, set[int]] = defaultdict(set)
        index = self.index
        for contact_id, address in rows:
            i = index.get(contact_id)
            if i is None:  # archived
                continue
            key = address.strip().casefold()
            j = first.setdefault(key, i)
            if j != i:
                shared[key].update((i, j))
        for key, members in shared.items():
            self._pair_up(sorted(members))
            for i in members:
                self._emails.setdefault(i, set()).add(key)

    def file_phones(self, rows: Iterable[tuple[str, str]]) -> None:
        # +47 22 00 25 41 = 0047 22002541 = 22 00 25 41: same_phone decides for those alike
        first: dict[str, tuple[int, str]] = {}
        shared: dict[str, list[tuple[int, str]]] = defaultdict(list)
        index, digits = self.index, _NOT_DIGIT.sub
        for contact_id, number in rows:
            i = index.get(contact_id)
            if i is None:
                continue
            key = digits("", number)[-7:]
            entry = first.setdefault(key, (i, number))
            if entry[0] != i:
                if key not in shared:
                    shared[key].append(entry)
                shared[key].append((i, number))
        for key, entries in shared.items():
            if not key:
                continue
            self._pair_up(sorted({i for i, _ in entries}))
            for i, number in entries:
                self._phones.setdefault(i, []).append(number)
                self._phone_keys.setdefault(i, set()).add(key)

    def file_names(self) -> None:
        chinese: dict[str, list[int]] = defaultdict(list)
        # name key -> (person, spelling) of people without, and of people with, a Chinese name
        blocks: dict[str, tuple[list[tuple[int, str]], list[tuple[int, str]]]] = {}
        get = blocks.get
        for i, row in enumerate(self.rows):
            side = 0
            if row.name_zh:
                side = 1
                sound = row.pinyin.replace(" ", "").lower() or row.name_zh
                chinese[f"{row.name_zh[:1]}:{sound}"].append(i)
            spellings: Iterable[str]
            if not row.sort_key or not (row.family_name + row.given_name).isascii():
                spellings = _spellings(row)
            elif not row.pinyin or (reading := row.pinyin.lower()) == row.sort_key:
                spellings = (row.sort_key,)  # most people: one spelling
            else:
                spellings = (row.sort_key, reading)
            for spelling in spellings:
                # The family name and the given name's initial; and the same of the words in
                # alphabetical order, where "Fang Wang" typed the wrong way round meets "Wang
                # Fang" (the second key is most often the first again).
                words = spelling.split()
                if len(words) > 1:
                    first, second = sorted(words)[:2]
                    keys: Iterable[str] = {f"{words[0]}|{words[1][0]}", f"{first}|{second[0]}"}
                else:
                    keys = words
                for key in keys:
                    block = get(key)
                    if block is None:
                        block = blocks[key] = ([], [])
                    block[side].append((i, spelling))
        for members in chinese.values():
            if len(members) > 1:
                self._pair_up(members)
        for latin, with_chinese in blocks.values():
            if latin and len(latin) + len(with_chinese) > 1:
                self._similar_in_block(latin, with_chinese)

    def _form(self, spelling: str) -> str:
        form = self._sorted.get(spelling)
        if form is None:
            form = self._sorted[spelling] = " ".join(sorted(spelling.split()))
        return form

    def _similar_in_block(
        self, latin: list[tuple[int, str]], chinese: list[tuple[int, str]], prefix: int = 3
    ) -> None:
        """Pairs of one name block whose Latin names are similar. Two people who both have a
        Chinese name are compared by it instead (王军 and 王娟 are Wang Jun and Wang Juan).

        A huge block (every "Wang X…") is split by the first letters of the names, more of
        them until it splits: names that differ that early are not compared there."""
        longest = max(len(spelling) for _, spelling in (*latin, *chinese))
        while len(latin) + len(chinese) > LARGE_BLOCK and prefix <= longest:
            smaller: dict[str, tuple[list[tuple[int, str]], list[tuple[int, str]]]] = {}
            for side, entries in enumerate((latin, chinese)):
                for person, spelling in entries:
                    part = smaller.setdefault(spelling[:prefix], ([], []))
                    part[side].append((person, spelling))
            if len(smaller) > 1:
                for part in smaller.values():
                    if part[0]:
                        self._similar_in_block(*part, prefix=prefix + 2)
                return
            prefix += 2
        latin_forms = [self._form(spelling) for _, spelling in latin]
        chinese_forms = [self._form(spelling) for _, spelling in chinese]
        found = self.found
        for i, (person, _) in enumerate(latin):
            form = latin_forms[i]
            hits = [latin[i + 1 + j][0] for j in _matches(form, latin_forms[i + 1 :])]
            if chinese:
                hits += [chinese[j][0] for j in _matches(form, chinese_forms)]
            for other in hits:
                if other != person:
                    found.add((person, other) if person < other else (other, person))

    def person(self, i: int) -> _Person:
        person = self._people.get(i)
        if person is None:
            row = self.rows[i]
            name_zh = "".join(row.name_zh.split())
            zh_family = zh_sound = ""
            if has_han(name_zh):
                zh_family = split_chinese_name(name_zh)[0]
                zh_sound = (row.pinyin or display_pinyin(name_zh)).replace(" ", "").lower()
            person = self._people[i] = _Person(
                row.id,
                row.organisation_id,
                row.successor_of_id,
                name_zh,
                zh_family,
                zh_sound,
                tuple(dict.fromkeys(self._form(s) for s in _spellings(row))),
                self._emails.get(i, _NONE),
                self._phones.get(i, []),
                self._phone_keys.get(i, _NONE),
            )
        return person


def _matches(form: str, forms: list[str]) -> list[int]:
    """Which of `forms` are similar to `form` (their positions)."""
    if len(forms) <= 8:
        return [j for j, f in enumerate(forms) if fuzz.ratio(form, f, score_cutoff=SIMILAR)]
    hits = process.extract(form, forms, scorer=fuzz.ratio, score_cutoff=SIMILAR, limit=None)
    return [hit[2] for hit in hits]


def _judge(a: _Person, b: _Person) -> tuple[int, tuple[Text, ...]] | None:
    """The score of a pair and why, or None if they are not worth showing."""
    if a.successor_of_id == b.id or b.successor_of_id == a.id:
        return None
    reasons: list[Text] = []
    groups: list[int] = []
    if a.emails and not a.emails.isdisjoint(b.emails):
        reasons.append(SAME_EMAIL)
        groups.append(WEIGHTS["email"])
    if (
        a.phones
        and b.phones
        and not a.phone_keys.isdisjoint(b.phone_keys)
        and any(same_phone(x, y) for x in a.phones for y in b.phones)
    ):
        reasons.append(SAME_PHONE)
        groups.append(WEIGHTS["phone"])
    name_weight = similarity = 0
    if a.name_zh and b.name_zh:  # the Chinese names decide, and the family names must agree
        if a.name_zh == b.name_zh:
            reasons.append(SAME_NAME_ZH)
            name_weight, similarity = WEIGHTS["name_zh"], 100
        elif a.zh_family == b.zh_family and a.zh_sound and a.zh_sound == b.zh_sound:
            reasons.append(SOUNDS_ALIKE)
            name_weight, similarity = WEIGHTS["sounds"], 95
    else:
        similarity = int(max((fuzz.ratio(x, y) for x in a.forms for y in b.forms), default=0))
        if similarity == 100:
            reasons.append(SAME_NAME)
            name_weight = WEIGHTS["name"]
        elif similarity >= SIMILAR:
            reasons.append(SIMILAR_NAMES)
            name_weight = WEIGHTS["similar"] + (similarity - SIMILAR)
    if name_weight:
        groups.append(name_weight)
    if not groups:
        return None
    if similarity < DIFFERENT:
        if not reasons or reasons[0] is not SAME_EMAIL:
            return None  # a switchboard or an office line, not one person
        score = 50  # perhaps a shared mailbox
    else:
        score = max(groups) + 10 * (len(groups) - 1)
    if a.organisation_id and a.organisation_id == b.organisation_id:
        reasons.append(SAME_ORGANISATION)
        score += 10
    return min(score, 100), tuple(reasons)


# Merging ------------------------------------------------------------------------------------
def _value(draft: ContactDraft, name: str) -> Any:
    if name == "birthday":
        if not draft.birthday:
            return None
        return (draft.birthday, str(draft.birthday_calendar), draft.birthday_leap_month)
    return getattr(draft, name)


def field_differs(left: ContactDraft, right: ContactDraft, name: str) -> bool:
    """Whether a merge has to choose between the two values of this field."""
    return bool(_value(left, name) != _value(right, name))


def is_empty(draft: ContactDraft, name: str) -> bool:
    return _value(draft, name) in (None, "")


def _unique_phones(values: Iterable[str]) -> list[str]:
    kept: list[str] = []
    for value in values:
        if not any(same_phone(value, other) for other in kept):
            kept.append(value)
    return kept


def merged_draft(
    keep: ContactDraft, other: ContactDraft, choices: dict[str, str] | None = None
) -> ContactDraft:
    """The kept contact after a merge (before validation): see the module's docstring."""
    choices = dict(choices or {})
    unknown = set(choices) - set(MERGE_FIELDS)
    if unknown or not set(choices.values()) <= {"keep", "other"}:
        raise ValueError(f"merge choices: {choices!r}")
    merged = replace(keep)
    for name in MERGE_FIELDS:
        choice = choices.get(name)
        if choice == "other" or (
            choice is None and is_empty(keep, name) and not is_empty(other, name)
        ):
            names = (
                ("birthday", "birthday_calendar", "birthday_leap_month")
                if name == "birthday"
                else (name,)
            )
            for attribute in names:
                setattr(merged, attribute, getattr(other, attribute))
    emails: dict[str, str] = {}
    for address in [*keep.emails, *other.emails]:
        emails.setdefault(address.strip().casefold(), address)
    merged.emails = list(emails.values())
    merged.phones = _unique_phones([*keep.phones, *other.phones])
    merged.tags = [*keep.tags, *other.tags]  # de-duplicated by validation, case-insensitively
    notes = [n.strip() for n in (keep.notes, other.notes) if n.strip()]
    if len(notes) == 2 and notes[1] in notes[0]:
        notes.pop()
    merged.notes = "\n\n".join(notes)
    return merged


def _record(session: Session, contact_id: str) -> ContactRecord:
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise DomainError(NOT_FOUND)
    draft = draft_from(contact, *cq.child_values(session, contact_id))
    return ContactRecord(
        contact.id,
        contact.version,
        draft,
        contact.archived,
        contact.created_at,
        contact.updated_at,
    )


class DuplicateService:
    def __init__(self, db: Database, *, acting: Acting | None = None) -> None:
        self.db = db
        self._acting = acting if acting is not None else Acting()

    # Finding ----------------------------------------------------------------------------
    def candidates(self, *, limit: int = 500) -> list[DuplicatePair]:
        """Pairs of active contacts that are probably one person, the likeliest first."""
        # Filing makes a million small objects and no reference cycles: without the cyclic
        # collector walking them again and again, this takes 40 % less time.
        collecting = gc.isenabled()
        gc.disable()
        try:
            judged = self._judged()
        finally:
            if collecting:
                gc.enable()
        judged.sort(key=lambda item: (-item[0], item[1], item[2]))
        return self._pairs(judged[:limit])

    def _judged(self) -> list[tuple[int, str, str, tuple[Text, ...]]]:
        with self.db.session() as session:
            finder = _Finder(q.people(session))
            finder.file_emails(q.emails(session))
            finder.file_phones(q.phones(session))
            dismissed = q.dismissed_pairs(session)
        finder.file_names()
        judged = []
        for i, j in finder.found:
            a, b = finder.person(i), finder.person(j)
            pair = (a.id, b.id) if a.id < b.id else (b.id, a.id)
            if pair in dismissed:
                continue
            verdict = _judge(a, b)
            if verdict is not None:
                judged.append((verdict[0], *pair, verdict[1]))
        return judged

    def _pairs(self, judged: list[tuple[int, str, str, tuple[Text, ...]]]) -> list[DuplicatePair]:
        ids = list(dict.fromkeys(i for item in judged for i in item[1:3]))
        with self.db.session() as session:
            rows = {row.id: row for row in cq.rows(session, ids)}
            created = q.created_at(session, ids)
        pairs = []
        for score, a, b, reasons in judged:
            if a not in rows or b not in rows:
                continue
            if (created[b], b) < (created[a], a):
                a, b = b, a
            pairs.append(DuplicatePair(rows[a], rows[b], score, reasons))
        pairs.sort(key=lambda p: (-p.score, p.first.family_name.casefold(), p.ids))
        return pairs

    def dismiss(self, a: str, b: str) -> Changes:
        """Remember that a and b are two people: the pair is not proposed again."""
        with self.db.write() as session:
            q.dismiss(session, a, b)
        return Changes()

    def undismiss(self, a: str, b: str) -> Changes:
        with self.db.write() as session:
            q.undismiss(session, a, b)
        return Changes()

    def compare(self, a: str, b: str) -> tuple[ContactSide, ContactSide]:
        """Both contacts in full, for a side-by-side comparison."""
        with self.db.session() as session:
            sides = []
            for contact_id in (a, b):
                record = _record(session, contact_id)
                row = cq.rows(session, [contact_id])[0]
                successor_of = ""
                if record.draft.successor_of_id:
                    previous = cq.rows(session, [record.draft.successor_of_id])
                    successor_of = cq.display_label(previous[0]) if previous else ""
                sides.append(ContactSide(record, row, successor_of))
        return sides[0], sides[1]

    # Merging ----------------------------------------------------------------------------
    def merge(
        self, keep_id: str, other_id: str, *, choices: dict[str, str] | None = None
    ) -> MergeResult:
        """Merge `other_id` into `keep_id` in one transaction; `choices` maps a field of
        MERGE_FIELDS to "keep" or "other" (by default an empty field takes the other's)."""
        if keep_id == other_id:
            raise DomainError(SAME_CONTACT)
        with self.db.write() as session:
            kept = _record(session, keep_id)
            other = _record(session, other_id)
            merged = merged_draft(kept.draft, other.draft, choices)
            if merged.successor_of_id in (keep_id, other_id):
                merged.successor_of_id = None
            merged = merged.validate(contact_id=keep_id)
            links = []
            for reference in q.contact_references(session):
                where = (reference.table, reference.column)
                if where in CHILD_REFERENCES or where in OWN_REFERENCES:
                    continue
                if where not in MOVED_REFERENCES:
                    log.warning("merge: %s.%s refers to contacts; moved as it is", *where)
                links.append(q.move_references(session, reference, keep=keep_id, other=other_id))
            reminders = q.move_reminders(session, keep=keep_id, other=other_id)
            dismissed = q.move_dismissed(session, keep=keep_id, other=other_id)
            update_contact(session, keep_id, merged, updated_by=self._acting.stamp)
            session.flush()
            table = Contact.__table__  # type: ignore[attr-defined]
            session.execute(delete(table).where(table.c.id == other_id))
            kept_version = session.execute(
                select(table.c.version).where(table.c.id == keep_id)
            ).scalar_one()
            touched = [row for link in links for row in (*link.moved, *link.dropped)]
            partnerships = q.partnerships_of(session, touched)
        successors = {row["id"] for link in links if link.table == "contact" for row in link.moved}
        moved = {link.table: len(link.moved) for link in links if link.moved}
        dropped = {link.table: len(link.dropped) for link in links if link.dropped}
        for name, before, after in (
            ("contact_email", kept.draft.emails, merged.emails),
            ("contact_phone", kept.draft.phones, merged.phones),
            ("contact_tag", kept.draft.tags, merged.tags),
        ):
            if len(after) > len(before):
                moved[name] = len(after) - len(before)
        if reminders.moved:
            moved["reminder_state"] = len(reminders.moved)
        if dismissed.added:
            moved["duplicate_dismissed"] = len(dismissed.added)
        changes = Changes(
            contacts=frozenset({keep_id, other_id, *successors}), partnerships=partnerships
        )
        undo = MergeUndo(
            kept, kept_version, DeletedContact(other, ()), tuple(links), reminders, dismissed
        )
        return MergeResult(keep_id, other_id, moved, dropped, changes, undo)

    def unmerge(self, result: MergeResult) -> Changes:
        """Undo a merge: the other contact comes back with its id, fields and every link, and
        the kept one as it was (unless it was changed since: then nothing is done)."""
        undo = result.undo
        keep, other = result.kept_id, result.other_id
        with self.db.write() as session:
            restore_contact(session, undo.other, updated_by=self._acting.stamp)
            kept = existing_references(session, undo.kept.draft)
            update_contact(
                session,
                keep,
                kept,
                expected_version=undo.kept_version,
                updated_by=self._acting.stamp,
            )
            for link in reversed(undo.links):
                q.unmove_references(session, link, keep=keep, other=other)
            q.unmove_reminders(session, undo.reminders)
            q.unmove_dismissed(session, undo.dismissed)
        return result.changes
