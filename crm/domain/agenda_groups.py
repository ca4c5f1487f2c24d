"""How the Today page groups the agenda: overdue, today, this week, later.

Overdue is for what someone should have done (a follow-up past its day, a keep in touch past
its interval). Anything else dated before today is still under way (a round anniversary
"sometime this year") and belongs with today.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from crm.domain.occasions import Occasion, OccasionKind

ACTIONABLE = frozenset({OccasionKind.FOLLOW_UP, OccasionKind.KEEP_IN_TOUCH})
WEEK_DAYS = 7


class AgendaGroup(StrEnum):
    OVERDUE = "overdue"
    TODAY = "today"
    THIS_WEEK = "this_week"
    LATER = "later"


def group_of(occasion: Occasion, today: dt.date) -> AgendaGroup:
    if occasion.date < today:
        return AgendaGroup.OVERDUE if occasion.kind in ACTIONABLE else AgendaGroup.TODAY
    if occasion.date == today:
        return AgendaGroup.TODAY
    if (occasion.date - today).days < WEEK_DAYS:
        return AgendaGroup.THIS_WEEK
    return AgendaGroup.LATER


def grouped(occasions: list[Occasion], today: dt.date) -> list[tuple[AgendaGroup, list[Occasion]]]:
    """The non-empty groups in page order, each keeping the agenda's order."""
    groups: dict[AgendaGroup, list[Occasion]] = {group: [] for group in AgendaGroup}
    for occasion in occasions:
        groups[group_of(occasion, today)].append(occasion)
    return [(group, items) for group, items in groups.items() if items]


def is_due(occasion: Occasion, today: dt.date) -> bool:
    """Due now: what a notification announces."""
    return group_of(occasion, today) in (AgendaGroup.OVERDUE, AgendaGroup.TODAY)
