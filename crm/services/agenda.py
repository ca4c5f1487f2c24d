"""The agenda: what is coming and what is overdue, each with the reason it is shown today.

The same service serves `crm remind` and (later) the Today page and the tray notifications.
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from crm.domain import occasions as rules
from crm.domain.occasions import BirthdayCalendar, Occasion, PartnershipFacts
from crm.domain.text import Text, Translator
from crm.store import agenda as q
from crm.store import reminders as rq
from crm.store.database import Database


def _set_aside_from_collection() -> None:
    """Tell the garbage collector that what lives now (above all the facts just cached: a
    tuple or two per contact) is there to stay: its collections of the agenda's many small
    objects then no longer walk the cache each time (more than half of a year's agenda,
    measured). Collected first, so that no garbage is set aside with it."""
    gc.collect()
    gc.freeze()


@dataclass(frozen=True)
class _Facts:
    """The facts that are costly to read (every partnership's last interaction, everyone's
    birthdays) as of one data stamp."""

    stamp: tuple[object, ...]
    partnerships: list[PartnershipFacts]
    birthdays: BirthdayCalendar


class AgendaService:
    def __init__(self, db: Database, *, home_country: str = "") -> None:
        self.db = db
        # Our own country's national day is on the agenda too, once the office says which it is.
        self.home_country = home_country
        # The costly facts are kept until the data changes (`Database.data_stamp`): the Today
        # page, the tray's checks and a calendar export ask again and again of the same data.
        # The scheduler asks from its own thread, hence the lock.
        self._facts: _Facts | None = None
        self._lock = threading.Lock()

    def agenda(
        self, start: dt.date, days: int = 30, *, include_hidden: bool = False
    ) -> list[Occasion]:
        """Occasions from `start` to `start + days` (inclusive), plus the overdue follow-ups and
        keep-in-touch items, dated when they fell due; sorted by date. Items marked done, or
        snoozed past `start`, are left out unless `include_hidden`."""
        end = start + dt.timedelta(days=days)
        stamp = self.db.data_stamp()  # before reading: a change made meanwhile is seen next time
        with self._lock, self.db.session() as session:
            partnerships, birthdays = self._costly_facts(session, stamp, start, end)
            agreements = q.agreement_facts(session, start, end)
            follow_ups = q.open_follow_up_facts(session, end)
            delegations = q.delegation_facts(session, start, end)
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
                agreements=agreements,
                follow_up_facts=follow_ups,
                delegations=delegations,
                countries=countries,
                contacts_to_watch=watched,
                status_intervals=status_intervals,
                partnership_intervals=own_intervals,
            )
            if birthdays.years_computed != years_before and stamp is not None:
                _set_aside_from_collection()
        if not hidden:
            return occasions
        # Keys end with their date: only the items of those days need their key built.
        hidden_days = {key[-10:] for key in hidden}
        return [
            o for o in occasions if o.date.isoformat() not in hidden_days or o.key not in hidden
        ]

    def _costly_facts(
        self, session: Session, stamp: tuple[object, ...] | None, start: dt.date, end: dt.date
    ) -> tuple[list[PartnershipFacts], BirthdayCalendar]:
        cached = self._facts
        if stamp is not None and cached is not None and cached.stamp == stamp:
            return cached.partnerships, cached.birthdays
        partnerships = q.partnership_facts(session)
        if stamp is None:
            # Nothing tells when the data changes (a server): read only the span's birthdays.
            return partnerships, BirthdayCalendar(q.birthday_facts(session, start, end))
        self._facts = _Facts(stamp, partnerships, BirthdayCalendar(q.birthday_facts(session)))
        return self._facts.partnerships, self._facts.birthdays

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
