"""Tables of the greeting campaigns: the office's own templates, and who was greeted for which
occasion and year. Created only by migration 0005."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, DateTime, Index, Text
from sqlmodel import Field, SQLModel

from crm.store.models import utcnow


class OfficeGreetingTemplate(SQLModel, table=True):
    """A template the office wrote for one occasion in one language; it replaces the shipped one
    until the office resets it."""

    __tablename__ = "greeting_template"

    occasion: str = Field(primary_key=True, max_length=40)
    language: str = Field(primary_key=True, max_length=20)
    subject: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    body: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    updated_at: dt.datetime = Field(
        default_factory=utcnow,
        sa_column=Column(DateTime(timezone=True), nullable=False, default=utcnow),
    )


class GreetingSent(SQLModel, table=True):
    """One greeting sent (or written as an .eml file) to a contact for an occasion and year.

    Written in the same transaction as its "greeting" interaction, right after the message
    left: a campaign run again skips whoever has a row here, so a campaign cut short by a
    dropped connection is finished by running it again. The row outlives its interaction
    (SET NULL): deleting the interaction from a timeline must not make the campaign greet the
    person twice."""

    __tablename__ = "greeting_sent"
    __table_args__ = (Index("ix_greeting_sent_occasion_year", "occasion", "year"),)

    contact_id: str = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)
    occasion: str = Field(primary_key=True, max_length=40)
    year: int = Field(primary_key=True)
    interaction_id: str | None = Field(
        default=None, foreign_key="interaction.id", ondelete="SET NULL", index=True
    )
    channel: str = Field(default="smtp", max_length=10)  # "smtp" or "eml"
    address: str = Field(default="", max_length=320)
    message_id: str = Field(default="", max_length=300)
    sent_at: dt.datetime = Field(
        default_factory=utcnow,
        sa_column=Column(DateTime(timezone=True), nullable=False, default=utcnow),
    )
