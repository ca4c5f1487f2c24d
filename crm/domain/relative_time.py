"""How long ago, as people say it, in the UI language through Babel: "200 days ago", "200天前".

Counted in days whatever the span: "No contact for 200 days" is what an office acts on, where
"7 months ago" would blur it.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_timedelta

from crm.domain.formatting import babel_locale

# Babel moves to a larger unit once a span passes this many of it; so large, it never does.
_DAYS_ONLY = 1_000_000


def days_ago(days: int, language: str) -> str:
    return format_timedelta(
        dt.timedelta(days=-days),
        granularity="day",
        threshold=_DAYS_ONLY,
        add_direction=True,
        locale=babel_locale(language),
    )
