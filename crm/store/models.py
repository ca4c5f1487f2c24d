"""SQLModel tables. The schema itself is created only by the Alembic migrations beside this file."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Column, DateTime, Index, Text, text
from sqlmodel import Field, SQLModel


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _timestamp() -> Column:  # type: ignore[type-arg]
    return Column(DateTime(timezone=True), nullable=False, default=utcnow)


class Staff(SQLModel, table=True):
    __tablename__ = "staff"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    name: str = Field(max_length=200, unique=True)
    email: str = Field(default="", max_length=320)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class Place(SQLModel, table=True):
    __tablename__ = "place"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    name: str = Field(max_length=200)
    name_zh: str = Field(default="", max_length=200)
    country: str = Field(default="", max_length=2)
    region: str = Field(default="", max_length=200)


class Organisation(SQLModel, table=True):
    __tablename__ = "organisation"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    name: str = Field(max_length=300, index=True)
    name_zh: str = Field(default="", max_length=300)
    kind: str = Field(default="other", max_length=40)
    place_id: str | None = Field(
        default=None, foreign_key="place.id", ondelete="SET NULL", index=True
    )
    website: str = Field(default="", max_length=500)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class Contact(SQLModel, table=True):
    __tablename__ = "contact"
    __table_args__ = (
        Index("ix_contact_list", "archived", "sort_key", "id"),
        # Partial on both backends (migration 0007 makes it). Its PostgreSQL condition is not
        # repeated here: naming it would import SQLAlchemy's whole PostgreSQL dialect (2 MB
        # resident) for an office on SQLite, and only the migrations create the schema.
        Index(
            "ix_contact_keep_in_touch",
            "keep_in_touch_days",
            sqlite_where=text("keep_in_touch_days IS NOT NULL"),
        ),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    family_name: str = Field(default="", max_length=200)
    given_name: str = Field(default="", max_length=200)
    name_zh: str = Field(default="", max_length=200)
    pinyin: str = Field(default="", max_length=400)
    honorific: str = Field(default="", max_length=200)
    position: str = Field(default="", max_length=200)
    position_zh: str = Field(default="", max_length=200)
    organisation_id: str | None = Field(
        default=None, foreign_key="organisation.id", ondelete="SET NULL", index=True
    )
    wechat: str = Field(default="", max_length=200)
    language: str = Field(default="en", max_length=20)
    birthday: str = Field(default="", max_length=10)
    birthday_calendar: str = Field(default="gregorian", max_length=10)
    birthday_leap_month: bool = False
    owner_id: str | None = Field(default=None, foreign_key="staff.id", ondelete="SET NULL")
    status: str = Field(default="active", max_length=20)
    successor_of_id: str | None = Field(default=None, foreign_key="contact.id", ondelete="SET NULL")
    # Days without an interaction before "keep in touch" is due; None: as its tags say (or
    # never), 0: never.
    keep_in_touch_days: int | None = None
    notes: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    archived: bool = False
    sort_key: str = Field(default="", max_length=400)
    search_text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    version: int = 1
    # Who saved the version stored ("" when unknown: an import, an older Liaison).
    updated_by: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": ""})
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class ContactEmail(SQLModel, table=True):
    __tablename__ = "contact_email"

    id: int | None = Field(default=None, primary_key=True)
    contact_id: str = Field(foreign_key="contact.id", ondelete="CASCADE", index=True)
    position: int = 0
    address: str = Field(max_length=320, index=True)


class ContactPhone(SQLModel, table=True):
    __tablename__ = "contact_phone"

    id: int | None = Field(default=None, primary_key=True)
    contact_id: str = Field(foreign_key="contact.id", ondelete="CASCADE", index=True)
    position: int = 0
    number: str = Field(max_length=100)


class ContactTag(SQLModel, table=True):
    __tablename__ = "contact_tag"

    contact_id: str = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)
    tag: str = Field(max_length=100, primary_key=True, index=True)
