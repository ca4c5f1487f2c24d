"""The bytes of the files the office keeps: agreement documents and gift photos. Created only by
migration 0012.

A file is kept once, under its SHA-256: an agreement document names it by its `sha256`, a gift
photo by its name (`<sha256>.<image type>`). In the database, a file is shared by every desktop
of a server and goes into every backup.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, DateTime, LargeBinary
from sqlmodel import Field, SQLModel

from crm.store.models import utcnow


class StoredFile(SQLModel, table=True):
    __tablename__ = "stored_file"

    sha256: str = Field(primary_key=True, max_length=64)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    size: int
    added_at: dt.datetime = Field(
        default_factory=utcnow,
        sa_column=Column(DateTime(timezone=True), nullable=False, default=utcnow),
    )
