"""Tables of the reminders: what the office marked done or snoozed, what was notified, and the
keep-in-touch intervals it chose. Created only by migration 0003."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, DateTime
from sqlmodel import Field, SQLModel


class ReminderState(SQLModel, table=True):
    """One agenda item (an occurrence: `Occasion.key`) the office acted on.

    `done_at`: marked done; `snoozed_until`: hidden until that day (ISO date, or "");
    `notified_at`: shown once as a desktop notification, never again."""

    __tablename__ = "reminder_state"

    key: str = Field(primary_key=True, max_length=200)
    done_at: dt.datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    snoozed_until: str = Field(default="", max_length=10)
    notified_at: dt.datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )


class KeepInTouchInterval(SQLModel, table=True):
    """The office's keep-in-touch interval in days for a partnership status or a contact tag.
    `days` None: never remind. A status without a row keeps the built-in default."""

    __tablename__ = "keep_in_touch_interval"

    scope: str = Field(primary_key=True, max_length=20)  # "status" or "tag"
    name: str = Field(primary_key=True, max_length=100)
    days: int | None = None
