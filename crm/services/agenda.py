"""The agenda: what is coming and what is overdue, each with the reason it is shown today.

The same service serves `crm remind` and (later) the Today page and the tray notifications.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from crm.domain import occasions as rules
from crm.domain.occasions import Occasion
from crm.domain.text import Text, Translator
from crm.store import agenda as q
from crm.store import reminders as rq
from crm.store.database import Database


class AgendaService:
    def __init__(self, db: Database, *, home_country: str = "") -> None:
        self.db = db
        # Our own country's national day is on the agenda too, once the office says which it is.
        self.home_country = home_country

    def agenda(
        self, start: dt.date, days: int = 30, *, include_hidden: bool = False
    ) -> list[Occasion]:
        """Occasions from `start` to `start + days` (inclusive), plus the overdue follow-ups and
        keep-in-touch items, dated when they fell due; sorted by date. Items marked done, or
        snoozed past `start`, are left out unless `include_hidden`."""
        end = start + dt.timedelta(days=days)
        with self.db.session() as session:
            partnerships = q.partnership_facts(session)
            birthdays = q.birthday_facts(session, start, end)
            agreements = q.agreement_facts(session, start, end)
            follow_ups = q.open_follow_up_facts(session, end)
            delegations = q.delegation_facts(session, start, end)
            watched = rq.contact_touch_facts(session)
            status_intervals = rq.intervals(session, rq.STATUS)
            own_intervals = rq.partnership_intervals(session)
            hidden = set() if include_hidden else rq.hidden_keys(session, start)
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
        return [o for o in occasions if o.key not in hidden] if hidden else occasions

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
