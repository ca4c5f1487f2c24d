"""Two people saving the same record: the second save is refused, never a silent overwrite.

Contacts, partnerships and visits carry a `version` that every save raises. An editor saves
with the version it opened; when the stored one has moved on, the service refuses with
`ChangedElsewhere`, which carries the stored record ("theirs": its draft, version, who saved it
and when) so that the editor can show both versions side by side and let the user keep either,
or go back to editing with both combined (`merge`). Keeping one's own version after seeing
theirs is an informed overwrite: the editor saves again with their version as the expected one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from typing import Any, Generic, Protocol, TypeVar

from babel.dates import format_date, format_time

from crm.domain.formatting import babel_locale
from crm.domain.text import QT_TRANSLATE_NOOP, DomainError, Text

CHANGED_BY_AT = QT_TRANSLATE_NOOP(
    "Conflicts", "{name} was changed by {who} at {time} — review the changes."
)
CHANGED_BY_ON = QT_TRANSLATE_NOOP(
    "Conflicts", "{name} was changed by {who} on {date} at {time} — review the changes."
)
CHANGED_AT = QT_TRANSLATE_NOOP(
    "Conflicts", "{name} was changed elsewhere at {time} — review the changes."
)
CHANGED_ON = QT_TRANSLATE_NOOP(
    "Conflicts", "{name} was changed elsewhere on {date} at {time} — review the changes."
)
DELETED = QT_TRANSLATE_NOOP(
    "Conflicts",
    "{name} no longer exists: it was deleted elsewhere after you opened it, so nothing was saved.",
)

# Fields that only make sense together: combining theirs and mine takes them from one side.
CONTACT_TOGETHER = (("birthday", "birthday_calendar", "birthday_leap_month"),)
PARTNERSHIP_TOGETHER: tuple[tuple[str, ...], ...] = ()
DELEGATION_TOGETHER = (("leader_id", "members"), ("start_on", "end_on"))


class StoredVersion(Protocol):
    """The stored record a refused save ran into: a ContactRecord, PartnershipRecord or
    DelegationRecord (each also holds the record's `draft`, as its editor's draft type)."""

    @property
    def id(self) -> str: ...

    @property
    def version(self) -> int: ...

    @property
    def updated_by(self) -> str: ...

    @property
    def updated_at(self) -> dt.datetime: ...


class ChangedElsewhere(DomainError):
    """The record was saved by someone else since the editor read it; nothing was written.

    `theirs` is the record as stored now; `name` is how the sentence calls it. The error's own
    text gives the moment as digits, readable in any language; `sentence(language)` words it
    as people of that language read dates."""

    def __init__(self, *, record_type: str, name: str, theirs: StoredVersion) -> None:
        self.record_type = record_type
        self.record_id = theirs.id
        self.name = name
        self.theirs = theirs
        super().__init__(self.sentence())

    def sentence(self, language: str | None = None, *, now: dt.datetime | None = None) -> Text:
        """ "Ms Wang was changed by Anna at 10:42 — review the changes.": only the time for a
        change made today, the date too for an older one. Without `language`, ISO digits."""
        at = local_time(self.theirs.updated_at)
        today = (now.astimezone() if now else dt.datetime.now().astimezone()).date()
        who = self.theirs.updated_by.strip()
        params: dict[str, Any] = {"name": self.name, "time": _time(at, language)}
        if at.date() == today:
            text = CHANGED_BY_AT if who else CHANGED_AT
        else:
            text = CHANGED_BY_ON if who else CHANGED_ON
            params["date"] = _date(at, language)
        if who:
            params["who"] = who
        return text.with_params(**params)


class DeletedElsewhere(DomainError):
    """The record an editor saves was deleted since it was read; nothing was written."""

    def __init__(self, *, record_type: str, record_id: str, name: str) -> None:
        self.record_type = record_type
        self.record_id = record_id
        self.name = name
        super().__init__(DELETED.with_params(name=name))


def local_time(moment: dt.datetime) -> dt.datetime:
    """A stored moment on this computer's clock. SQLite gives it back without a zone: it was
    written in UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone()


def _time(at: dt.datetime, language: str | None) -> str:
    if language is None:
        return at.strftime("%H:%M")
    return format_time(at.time().replace(tzinfo=None), "short", locale=babel_locale(language))


def _date(at: dt.datetime, language: str | None) -> str:
    if language is None:
        return at.date().isoformat()
    return format_date(at.date(), "long", locale=babel_locale(language))


# Combining theirs and mine ----------------------------------------------------------------
D = TypeVar("D")


@dataclass(frozen=True)
class Merge(Generic[D]):
    """Theirs with my changes on top: `mine` names the fields taken from my version (those I
    changed), `both` those we both changed, differently (mine is kept: the user sees them)."""

    draft: D
    mine: frozenset[str]
    both: frozenset[str]


def merge(base: D, mine: D, theirs: D, *, together: Iterable[tuple[str, ...]] = ()) -> Merge[D]:
    """Their version, except where I changed a field since `base` (the version I opened):
    those keep my value. Drafts are compared as they would be saved (`cleaned()`), and the
    fields in one `together` group come from one side."""
    base, mine, theirs = (_cleaned(d) for d in (base, mine, theirs))
    groups = [tuple(g) for g in together]
    grouped = {name for group in groups for name in group}
    names = [f.name for f in fields(mine)]  # type: ignore[arg-type]
    groups += [(name,) for name in names if name not in grouped]
    taken: dict[str, Any] = {}
    both: set[str] = set()
    for group in groups:
        ours = [getattr(mine, n) for n in group]
        if ours == [getattr(base, n) for n in group]:
            continue
        taken.update(zip(group, ours, strict=True))
        if [getattr(theirs, n) for n in group] not in (ours, [getattr(base, n) for n in group]):
            both.update(group)
    return Merge(replace(theirs, **taken), frozenset(taken), frozenset(both))  # type: ignore[type-var]


def _cleaned(draft: D) -> D:
    clean = getattr(draft, "cleaned", None)
    return clean() if callable(clean) else draft
