"""Days of visits and gifts as people read them, in the UI language, through Babel.

"10–12 May 2025" / "2025年5月10日至12日" for a visit, "Sat 10 May" / "5月10日周六" for a day of
its programme. A date that is not a full ISO date is shown as it was written.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_interval, format_skeleton

from crm.domain.formatting import babel_locale


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def format_day(value: str, language: str) -> str:
    """ "10 May 2025" / "2025年5月10日"; "" for no date."""
    day = _day(value)
    if day is None:
        return value
    return format_date(day, "long", locale=babel_locale(language))


def format_programme_day(value: str, language: str) -> str:
    """A day of a visit's programme, with its weekday: "Sat 10 May" / "5月10日周六"."""
    day = _day(value)
    if day is None:
        return value
    return format_skeleton("MMMEd", day, locale=babel_locale(language))


def format_visit_dates(start_on: str, end_on: str, language: str) -> str:
    """ "10–12 May 2025", "30 May – 2 Jun 2025", "10 May 2025" for one day, "" when unknown."""
    start, end = _day(start_on), _day(end_on)
    if start is None:
        return format_day(end_on, language) if end else start_on
    if end is None or end == start:
        return format_day(start_on, language)
    return format_interval(start, end, "yMMMMd", locale=babel_locale(language))
