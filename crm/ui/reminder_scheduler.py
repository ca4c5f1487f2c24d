"""The daily check for reminders: APScheduler's Qt scheduler inside the app.

It checks at start, every day at the time set in Settings, and after the machine wakes (a
daily run missed while asleep runs at once, coalesced to one; and a wall clock that jumps, or
a date that changes, between two ticks of a one-minute timer triggers a check too). The check
runs on APScheduler's worker thread; what it finds reaches the GUI thread as a queued signal.
An item is announced once: the check records it as notified before it is announced.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable

from apscheduler.schedulers.qt import QtScheduler
from apscheduler.triggers.cron import CronTrigger
from PySide6.QtCore import QObject, QTimer, Signal

from crm.domain.occasions import Occasion
from crm.services.bundle import Services

log = logging.getLogger("crm.ui.reminders")

DAILY_JOB = "daily-reminders"
TICK_MS = 60_000
JUMP_SECONDS = 120  # more than this between wall clock and monotonic clock: we slept
AGENDA_DAYS = 30


class ReminderScheduler(QObject):
    # Items due now that were never announced before (a list of Occasion).
    new_reminders = Signal(list)
    # A check ran: the Today page reads the agenda again.
    checked = Signal()

    def __init__(
        self,
        services: Services,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._today = today
        self.scheduler: QtScheduler | None = None
        self._wall = time.time()
        self._mono = time.monotonic()
        self._day = today()
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)

    # Scheduling -------------------------------------------------------------------------
    def start(self, at: dt.time) -> None:
        """Check now, then every day at `at`, and after a wake."""
        self.scheduler = QtScheduler(
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None}
        )
        self.scheduler.add_job(
            self.check, CronTrigger(hour=at.hour, minute=at.minute), id=DAILY_JOB
        )
        self.scheduler.start()
        self.scheduler.add_job(self.check, id="at-start")  # once, at once
        self.timer.start()

    def reschedule(self, at: dt.time) -> None:
        """A new daily time from Settings."""
        if self.scheduler is not None:
            self.scheduler.reschedule_job(
                DAILY_JOB, trigger=CronTrigger(hour=at.hour, minute=at.minute)
            )

    def next_check(self) -> dt.datetime | None:
        if self.scheduler is None:
            return None
        job = self.scheduler.get_job(DAILY_JOB)
        return job.next_run_time if job is not None else None

    def stop(self) -> None:
        self.timer.stop()
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        self.scheduler = None

    def tick(self, *, wall: float | None = None, mono: float | None = None) -> bool:
        """Every minute: a jump of the wall clock against the monotonic one (the machine
        slept) or a new day means a check now. Returns whether it checked."""
        wall = time.time() if wall is None else wall
        mono = time.monotonic() if mono is None else mono
        jumped = abs((wall - self._wall) - (mono - self._mono)) > JUMP_SECONDS
        today = self._today()
        new_day = today != self._day
        self._wall, self._mono, self._day = wall, mono, today
        if jumped or new_day:
            log.info("checking reminders after %s", "a wake" if jumped else "midnight")
            if self.scheduler is not None:
                self.scheduler.add_job(self.check, id="after-wake", replace_existing=True)
            else:
                self.check()
            return True
        return False

    # The check --------------------------------------------------------------------------
    def check(self) -> list[Occasion]:
        """Items due now, not announced before: recorded as notified, then announced."""
        try:
            today = self._today()
            # Due items are looked up a batch at a time as the agenda makes them: thousands
            # are due in a big office, and usually none of them is new.
            new = self._services.agenda.due(
                today, AGENDA_DAYS, self._services.reminders.not_yet_notified
            )
            if new:
                self._services.reminders.mark_notified(new)
        except Exception:  # a locked or missing database: try again at the next check
            log.exception("the reminder check failed")
            return []
        self.checked.emit()
        if new:
            self.new_reminders.emit(new)
        return new
