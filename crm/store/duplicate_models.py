"""The table of the "possible duplicates" view: pairs the office said are two people.
Created only by migration 0006."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, DateTime
from sqlmodel import Field, SQLModel

from crm.store.models import utcnow


class DuplicateDismissed(SQLModel, table=True):
    """Two contacts the office marked "not the same person", never proposed again.

    The ids are stored in order (`contact_a` < `contact_b`), so a pair has one row whichever
    way round it was shown. Deleting either contact deletes the row; merging one into another
    contact carries it over to the kept one."""

    __tablename__ = "duplicate_dismissed"

    contact_a: str = Field(
        foreign_key="contact.id", ondelete="CASCADE", primary_key=True, max_length=36
    )
    contact_b: str = Field(
        foreign_key="contact.id", ondelete="CASCADE", primary_key=True, max_length=36, index=True
    )
    dismissed_at: dt.datetime = Field(
        default_factory=utcnow,
        sa_column=Column(DateTime(timezone=True), nullable=False, default=utcnow),
    )
