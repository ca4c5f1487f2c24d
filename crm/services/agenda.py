"""The agenda: what is coming and what is overdue, each with the reason it is shown today.

The same service serves `crm remind` and (later) the Today page and the tray notifications.
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlmodel import Session

from crm.domain import occasions as rules
from crm.domain.agenda_groups import (
    AgendaGroup,
    AgendaSummary,
    AgendaView,
    day_of_key,
    is_due,
)
from crm.domain.occasions import (
    BirthdayCalendar,
    FixedDays,
    Occasion,
    PartnershipFacts,
)
from crm.domain.text import Text, Translator
from crm.store import agenda as q
from crm.store import reminders as rq
from crm.store.database import Database

# A span this short, asked right after a change, reads only what it needs; so does the second
# ask of the same data (the reminder check's asks are not counted: a start makes one beside
# the Today page's). Reading everything for the second would keep a hundred thousand
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


T = TypeVar("T")

# One part of the agenda, made when called: its facts are read then, and dropped with it.
_Source = Callable[[], Iterable[Occasion]]


class _PerStamp:
    """The small reads around the facts (what is hidden, the intervals, the contacts to
    watch), kept while the data stays as it was: asked again of the same data, the agenda
    asks a server for nothing but the stamp. A round trip to a busy server can cost more
    than the month's occasions. None for a stamp: read afresh every time."""

    def __init__(self) -> None:
        self._stamp: tuple[object, ...] | None = None
        self._values: dict[object, Any] = {}

    def get(self, stamp: tuple[object, ...] | None, key: object, read: Callable[[], T]) -> T:
        if stamp is None:
            return read()
        if stamp != self._stamp:
            self._stamp, self._values = stamp, {}
        if key not in self._values:
            self._values[key] = read()
        return self._values[key]  # type: ignore[no-any-return]


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
        # The last view, as of what it was made of: the Today page asks again after each
        # reminder check (at start, right after its own first ask).
        self._last_view: tuple[tuple[object, ...], AgendaView] | None = None
        self._small = _PerStamp()
        self._lock = threading.Lock()

    def agenda(
        self, start: dt.date, days: int = 30, *, include_hidden: bool = False
    ) -> list[Occasion]:
        """Occasions from `start` to `start + days` (inclusive), plus the overdue follow-ups and
        keep-in-touch items, dated when they fell due; sorted by date. Items marked done, or
        snoozed past `start`, are left out unless `include_hidden`."""
        stamp = self.db.data_stamp()  # before reading: a change made meanwhile is seen next time
        with self._lock, _no_collection(), self.db.session() as session:
            hidden = set() if include_hidden else self._hidden(session, stamp, start)
            occasions = rules.merged(
                _shown(source(), hidden)
                for source in self._sources(session, stamp, start, days, ordered=True)
            )
        return occasions

    def view(
        self,
        start: dt.date,
        days: int,
        *,
        shown: int,
        whole: Collection[AgendaGroup] = (),
        keep: str | None = None,
    ) -> AgendaView:
        """The same agenda as the Today page shows it: counted by group, with the first
        `shown` of each group (every one of those in `whole`, and the one whose key is `keep`).
        The other occasions are counted as they are made and never kept: a big office's month
        holds fifteen thousand of them."""
        stamp = self.db.data_stamp()
        summary = AgendaSummary(start, shown=shown, whole=whole, keep=keep)
        with self._lock, _no_collection(), self.db.session() as session:
            hidden = self._hidden(session, stamp, start)
            asked = (stamp, start, days, self.home_country, shown, frozenset(whole), keep, hidden)
            last = self._last_view
            if stamp is not None and last is not None and last[0] == asked:
                return last[1]
            for source in self._sources(session, stamp, start, days, ordered=False):
                summary.add(_shown(source(), hidden))
            view = summary.view()
            if stamp is not None:
                self._last_view = (asked, view)
        return view

    def due(
        self,
        today: dt.date,
        days: int,
        among: Callable[[list[Occasion]], list[Occasion]],
        *,
        batch: int = 500,
    ) -> list[Occasion]:
        """The occasions due today (overdue or today's) of the agenda from `today`, passed to
        `among` a batch at a time as they are made; what it keeps of each, in turn. A
        reminder check keeps those not yet announced: usually none of thousands."""
        stamp = self.db.data_stamp()
        kept: list[Occasion] = []
        waiting: list[Occasion] = []
        with self._lock, _no_collection(), self.db.session() as session:
            hidden = self._hidden(session, stamp, today)
            sources = self._sources(session, stamp, today, days, ordered=False, counted=False)
            for source in sources:
                for occasion in _shown(source(), hidden):
                    if is_due(occasion, today):
                        waiting.append(occasion)
                        if len(waiting) >= batch:
                            kept.extend(among(waiting))
                            waiting = []
        if waiting:
            kept.extend(among(waiting))
        kept.sort(key=rules.order_key)
        return kept

    def _sources(
        self,
        session: Session,
        stamp: tuple[object, ...] | None,
        start: dt.date,
        days: int,
        *,
        ordered: bool,
        counted: bool = True,
    ) -> list[_Source]:
        """The agenda's parts (see `rules.merged`), each made when called; each in the
        agenda's order if `ordered`, else the last (`_others`) in none. The costly facts
        are the kept ones if the data has not changed since; else, for a short span asked at
        most NARROW_ASKS times of this data (asks not `counted` are not), only what the span
        needs (a few queries through
        the month-day and date indexes: an edit is followed by one refresh, and reading
        everything would cost it ten times more), read part by part, so that one part's facts
        are gone before the next part's are read; else everything, kept for the next time."""
        end = start + dt.timedelta(days=days)
        facts = self._facts
        if stamp is None or facts is None or facts.stamp != stamp:
            narrow = stamp is None or (
                days <= NARROW_DAYS and (not counted or self._narrow_ask(stamp))
            )
            if narrow:
                return self._narrow_sources(session, stamp, start, days, ordered=ordered)
            facts = self._facts = _Facts(
                stamp,
                list(q.partnership_facts(session)),
                BirthdayCalendar(q.birthday_facts(session)),
                rules.agreement_days(q.agreement_facts(session)),
                rules.follow_up_days(q.open_follow_up_facts(session)),
                rules.delegation_days(q.delegation_facts(session)),
            )
        kept = facts

        def birthdays() -> Iterable[Occasion]:
            years_before = kept.birthdays.years_computed
            yield from kept.birthdays.each(start, end)
            if kept.birthdays.years_computed != years_before:
                _set_aside_from_collection()

        return [
            birthdays,
            lambda: rules.agreement_dates(kept.agreements, start, days),
            lambda: rules.follow_ups(kept.follow_ups, start, days),
            lambda: rules.delegation_dates(kept.delegations, start, days),
            lambda: self._others(
                session,
                stamp,
                kept.partnerships,
                {p.country for p in kept.partnerships if p.status != "ended" and p.country},
                start,
                days,
                ordered=ordered,
            ),
        ]

    def _narrow_sources(
        self,
        session: Session,
        stamp: tuple[object, ...] | None,
        start: dt.date,
        days: int,
        *,
        ordered: bool,
    ) -> list[_Source]:
        """Each part from only what the span needs. In no order, each fact becomes its
        occasions as it is read, and nothing is kept."""
        end = start + dt.timedelta(days=days)

        def birthdays() -> Iterable[Occasion]:
            facts = q.birthday_facts(session, start, end)
            if ordered:
                return BirthdayCalendar(facts).each(start, end)
            return rules.each_birthday(facts, start, end)

        return [
            birthdays,
            lambda: rules.agreement_dates(
                q.agreement_facts(session, start, end), start, days, ordered=ordered
            ),
            lambda: rules.follow_ups(
                q.open_follow_up_facts(session, end), start, days, ordered=ordered
            ),
            lambda: rules.delegation_dates(
                q.delegation_facts(session, start, end), start, days, ordered=ordered
            ),
            lambda: self._others(
                session,
                stamp,
                q.partnership_facts(session),
                q.partner_countries(session),
                start,
                days,
                ordered=ordered,
            ),
        ]

    def _others(
        self,
        session: Session,
        stamp: tuple[object, ...] | None,
        partnerships: Iterable[PartnershipFacts],
        countries: set[str],
        start: dt.date,
        days: int,
        *,
        ordered: bool,
    ) -> Iterable[Occasion]:
        """Anniversaries, festivals (of `countries`, the partners', and ours) and keep in
        touch (`rules.each_other`), in the agenda's order if `ordered`."""
        found = rules.each_other(
            partnerships,
            start,
            days,
            countries=countries | {self.home_country} if self.home_country else countries,
            contacts_to_watch=self._small.get(
                stamp, "watched", lambda: rq.contact_touch_facts(session)
            ),
            status_intervals=self._small.get(
                stamp, "status intervals", lambda: rq.intervals(session, rq.STATUS)
            ),
            partnership_intervals=self._small.get(
                stamp, "partnership intervals", lambda: rq.partnership_intervals(session)
            ),
        )
        return sorted(found, key=rules.order_key) if ordered else found

    def _hidden(
        self, session: Session, stamp: tuple[object, ...] | None, today: dt.date
    ) -> set[str]:
        """Keys of the items marked done, or snoozed past `today` (not to be changed)."""
        return self._small.get(stamp, ("hidden", today), lambda: rq.hidden_keys(session, today))

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


def _shown(occasions: Iterable[Occasion], hidden: set[str]) -> Iterable[Occasion]:
    """The occasions not hidden (marked done, or snoozed)."""
    if not hidden:
        return occasions
    # Keys end with their date: only the items of those days need their key built.
    hidden_days = {day for key in hidden if (day := day_of_key(key)) is not None}
    return (o for o in occasions if o.date not in hidden_days or o.key not in hidden)


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
