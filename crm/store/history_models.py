"""Earlier versions of records, kept when a newer one replaced them. Created only by migration
0008.

A handover import (and whatever else merges two copies of a record) never throws a version
away: the one that loses is written here, whole, as JSON. The row does not refer to its record
by a foreign key, on purpose: the history outlives the record it tells of.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, DateTime, Text
from sqlmodel import Field, SQLModel

from crm.store.models import new_id, utcnow


class RecordHistory(SQLModel, table=True):
    """One earlier version of one record: `record_type` is its table ("contact",
    "partnership"…), `data` its columns and child rows as a JSON object, `reason` why it was
    replaced ("handover import from Anna Berg")."""

    __tablename__ = "record_history"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    record_type: str = Field(max_length=40)
    record_id: str = Field(max_length=100, index=True)
    saved_at: dt.datetime = Field(
        default_factory=utcnow,
        sa_column=Column(DateTime(timezone=True), nullable=False, default=utcnow),
    )
    reason: str = Field(default="", max_length=300)
    data: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))
