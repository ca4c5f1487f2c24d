"""How the Today page groups the agenda: overdue, today, this week, later.

Overdue is for what someone should have done (a follow-up past its day, a keep in touch past
its interval). Anything else dated before today is still under way (a round anniversary
"sometime this year") and belongs with today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum

from crm.domain.occasions import Occasion, OccasionKind, order_key

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


@dataclass(frozen=True)
class GroupView:
    """One group of the page: how many occasions it holds, and those shown, in order."""

    group: AgendaGroup
    count: int
    items: list[Occasion]


@dataclass(frozen=True)
class AgendaView:
    """What the Today page shows: its non-empty groups in page order."""

    groups: list[GroupView]

    @property
    def total(self) -> int:
        return sum(view.count for view in self.groups)

    @property
    def due(self) -> int:
        """How many are due now (overdue or today): what the tray counts."""
        return sum(
            view.count
            for view in self.groups
            if view.group in (AgendaGroup.OVERDUE, AgendaGroup.TODAY)
        )


class AgendaSummary:
    """An agenda counted group by group as its occasions come, in any order, keeping only
    those a page shows: the first `shown` of each group, every one of a group in `whole`,
    and the one whose key is `keep` (the selection) wherever it falls. A big office's month
    holds fifteen thousand occasions, of which a page shows a few hundred."""

    def __init__(
        self,
        today: dt.date,
        *,
        shown: int,
        whole: Collection[AgendaGroup] = (),
        keep: str | None = None,
    ) -> None:
        self._today = today
        self._shown = shown
        self._whole = frozenset(whole)
        self._keep = keep
        # A key ends with its date: only the occasions of that day need their key built.
        self._keep_day = day_of_key(keep) if keep else None
        self._kept: Occasion | None = None
        self._counts = dict.fromkeys(AgendaGroup, 0)
        self._items: dict[AgendaGroup, list[Occasion]] = {group: [] for group in AgendaGroup}

    def add(self, occasions: Iterable[Occasion]) -> None:
        today, shown, whole, counts, items = (
            self._today,
            self._shown,
            self._whole,
            self._counts,
            self._items,
        )
        for occasion in occasions:
            group = group_of(occasion, today)
            counts[group] += 1
            bucket = items[group]
            bucket.append(occasion)
            if occasion.date == self._keep_day and occasion.key == self._keep:
                self._kept = occasion
            if len(bucket) > 2 * shown and group not in whole:
                bucket.sort(key=order_key)
                del bucket[shown:]

    def view(self) -> AgendaView:
        groups = []
        kept = self._kept
        for group in AgendaGroup:
            count = self._counts[group]
            if not count:
                continue
            items = sorted(self._items[group], key=order_key)
            if group not in self._whole:
                del items[self._shown :]
                if (
                    kept is not None
                    and group_of(kept, self._today) is group
                    and not any(item is kept for item in items)
                ):
                    items.append(kept)  # beyond the first ones: it sorts after them all
            groups.append(GroupView(group, count, items))
        return AgendaView(groups)


def day_of_key(key: str) -> dt.date | None:
    """The day an occasion's key (`Occasion.key`) ends with."""
    try:
        return dt.date.fromisoformat(key[-10:])
    except ValueError:
        return None
