"""The agenda: what is coming and what is overdue, each with the reason it is shown today.

The same service serves `crm remind` and (later) the Today page and the tray notifications.
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from crm.domain import occasions as rules
from crm.domain.occasions import BirthdayCalendar, FixedDays, Occasion, PartnershipFacts
from crm.domain.text import Text, Translator
from crm.store import agenda as q
from crm.store import reminders as rq
from crm.store.database import Database

# A span this short, asked right after a change, reads only what it needs; so does the second
# ask of the same data. A start asks twice at once (the Today page and the reminder check, for
# the same 30 days), and reading everything for the second would keep a hundred thousand
# birthdays of a big office in memory (60 to 90 MB) for a third ask that may never come.
NARROW_DAYS = 62
NARROW_ASKS = 2


@contextmanager
def _no_collection() -> Iterator[None]:
    """The garbage collector paused while the agenda makes its many small, acyclic objects
    (a year's holds a hundred thousand): otherwise its collections walk the growing list of
    them again and again meanwhile, a third of the time of a year's agenda (measured).
    Nothing made here is cyclic: refcounting frees all of it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _set_aside_from_collection() -> None:
    """Tell the garbage collector that what lives now (above all the facts just cached: a
    tuple or two per contact) is there to stay: its collections of the agenda's many small
    objects then no longer walk the cache each time (more than half of a year's agenda,
    measured). The young generations are collected first, so that no fresh garbage is set
    aside with it (a full collection would cost as much as the rest)."""
    gc.collect(1)
    gc.freeze()


@dataclass(frozen=True)
class _Facts:
    """The facts that are costly to read (every partnership's last interaction, everyone's
    birthdays) as of one data stamp."""

    stamp: tuple[object, ...] | None
    partnerships: list[PartnershipFacts]
    birthdays: BirthdayCalendar
    agreements: FixedDays
    follow_ups: FixedDays
    delegations: FixedDays


class AgendaService:
    def __init__(self, db: Database, *, home_country: str = "") -> None:
        self.db = db
        # Our own country's national day is on the agenda too, once the office says which it is.
        self.home_country = home_country
        # The costly facts are kept until the data changes (`Database.data_stamp`): the Today
        # page, the tray's checks and a calendar export ask again and again of the same data.
        # The scheduler asks from its own thread, hence the lock.
        self._facts: _Facts | None = None
        self._narrowed: tuple[tuple[object, ...] | None, int] = (None, 0)  # stamp, asks
        # The last short agenda, as of its data stamp: at start the Today page and the tray's
        # first check ask for the same month at once, and an office of 100,000 contacts has
        # 15,000 items in it (10 MB for a second copy).
        self._last: tuple[tuple[object, ...], list[Occasion]] | None = None
        self._lock = threading.Lock()

    def agenda(
        self, start: dt.date, days: int = 30, *, include_hidden: bool = False
    ) -> list[Occasion]:
        """Occasions from `start` to `start + days` (inclusive), plus the overdue follow-ups and
        keep-in-touch items, dated when they fell due; sorted by date. Items marked done, or
        snoozed past `start`, are left out unless `include_hidden`."""
        stamp = self.db.data_stamp()  # before reading: a change made meanwhile is seen next time
        # The span, the data and our country: what the occasions depend on (what is hidden
        # is read afresh each time).
        same = (stamp, start, days, self.home_country) if stamp is not None else None
        with self._lock, _no_collection(), self.db.session() as session:
            last = self._last
            if same is not None and last is not None and last[0] == same:
                occasions = list(last[1])
                hidden = set() if include_hidden else rq.hidden_keys(session, start)
            else:
                occasions, hidden = self._occasions(session, stamp, start, days, include_hidden)
                if same is not None and days <= NARROW_DAYS:  # not a year's: too big to keep
                    self._last = (same, occasions)
        if not hidden:
            return list(occasions)
        # Keys end with their date: only the items of those days need their key built.
        hidden_days = {key[-10:] for key in hidden}
        return [
            o for o in occasions if o.date.isoformat() not in hidden_days or o.key not in hidden
        ]

    def _occasions(
        self,
        session: Session,
        stamp: tuple[object, ...] | None,
        start: dt.date,
        days: int,
        include_hidden: bool,
    ) -> tuple[list[Occasion], set[str]]:
        """The span's occasions, hidden ones included, and the keys of those hidden."""
        end = start + dt.timedelta(days=days)
        facts = self._costly_facts(session, stamp, start, end)
        partnerships, birthdays = facts.partnerships, facts.birthdays
        watched = rq.contact_touch_facts(session)
        status_intervals = rq.intervals(session, rq.STATUS)
        own_intervals = rq.partnership_intervals(session)
        hidden = set() if include_hidden else rq.hidden_keys(session, start)
        years_before = birthdays.years_computed
        countries = {p.country for p in partnerships if p.status != "ended" and p.country}
        if self.home_country:
            countries.add(self.home_country)
        occasions = rules.agenda(
            start,
            days,
            partnerships=partnerships,
            birthday_facts=birthdays,
            agreements=facts.agreements,
            follow_up_facts=facts.follow_ups,
            delegations=facts.delegations,
            countries=countries,
            contacts_to_watch=watched,
            status_intervals=status_intervals,
            partnership_intervals=own_intervals,
        )
        if birthdays.years_computed != years_before and facts is self._facts:
            _set_aside_from_collection()
        return occasions, hidden

    def _costly_facts(
        self, session: Session, stamp: tuple[object, ...] | None, start: dt.date, end: dt.date
    ) -> _Facts:
        """The facts as of `stamp`: kept ones if the data has not changed since; else, for a
        short span asked at most NARROW_ASKS times of this data, only what the span needs (a
        few queries through the month-day and date indexes: an edit is followed by one
        refresh, and reading everything would cost it ten times more); else everything, kept
        for the next time."""
        cached = self._facts
        if stamp is not None and cached is not None and cached.stamp == stamp:
            return cached
        narrow = stamp is None or ((end - start).days <= NARROW_DAYS and self._narrow_ask(stamp))
        first, last = (start, end) if narrow else (None, None)
        facts = _Facts(
            None if narrow else stamp,
            q.partnership_facts(session),
            BirthdayCalendar(q.birthday_facts(session, first, last)),
            rules.agreement_days(q.agreement_facts(session, first, last)),
            rules.follow_up_days(q.open_follow_up_facts(session, last)),
            rules.delegation_days(q.delegation_facts(session, first, last)),
        )
        if not narrow:
            self._facts = facts
        return facts

    def _narrow_ask(self, stamp: tuple[object, ...]) -> bool:
        """Whether this ask of a short span may still be read narrowly (and counts it)."""
        narrowed, asks = self._narrowed
        asks = asks + 1 if narrowed == stamp else 1
        if asks > NARROW_ASKS:
            return False
        self._narrowed = (stamp, asks)
        return True

    @staticmethod
    def as_dicts(
        occasions: list[Occasion],
        translate: Translator | None = None,
        *,
        start: dt.date,
        language: str = "en",
    ) -> list[dict[str, Any]]:
        """DESIGN.md's agenda items, titles and reasons in the language of `translate`."""
        chinese = language.startswith("zh")
        return [
            {
                "date": occasion.date.isoformat(),
                "kind": str(occasion.kind),
                "code": occasion.code,
                "title": render(occasion.title, translate, chinese=chinese),
                "days_until": (occasion.date - start).days,
                "years": occasion.years,
                "subject": (
                    {"type": occasion.subject.type, "id": occasion.subject.id}
                    if occasion.subject
                    else None
                ),
                "reason": render(occasion.reason, translate, chinese=chinese),
            }
            for occasion in occasions
        ]


def render(text: Text, translate: Translator | None, *, chinese: bool) -> str:
    """`text` in the language of `translate`; in Chinese, names use their Chinese form
    (the `…_zh` parameter) where one is known."""
    if chinese:
        localised = {
            key[:-3]: value
            for key, value in text.params.items()
            if key.endswith("_zh") and value and key[:-3] in text.params
        }
        if localised:
            text = text.with_params(**localised)
    return text.render(translate)
