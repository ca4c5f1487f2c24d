"""Tables of the relationship history: partnerships, agreements, delegations, gifts, follow-ups
and interactions. Created only by migration 0002.

Dates a person may know only in part (formalised_on, signed_on) are partial-date strings
("1985", "1986-10", "2009-10-29"); dates of things the office itself does are full ISO dates.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, DateTime, Index, Text, text
from sqlmodel import Field, SQLModel

from crm.store.models import new_id, utcnow


def _timestamp(nullable: bool = False) -> Column:  # type: ignore[type-arg]
    return Column(DateTime(timezone=True), nullable=nullable, default=None if nullable else utcnow)


def _text() -> Column:  # type: ignore[type-arg]
    return Column(Text, nullable=False, default="")


class Partnership(SQLModel, table=True):
    __tablename__ = "partnership"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    place_id: str = Field(foreign_key="place.id", ondelete="RESTRICT", index=True)
    type: str = Field(default="sister_city", max_length=40)
    formalised_on: str = Field(default="", max_length=10)
    status: str = Field(default="active", max_length=20)
    owner_id: str | None = Field(default=None, foreign_key="staff.id", ondelete="SET NULL")
    notes: str = Field(default="", sa_column=_text())
    # Days without an interaction before "keep in touch" is due; None: the status's default,
    # 0: never.
    keep_in_touch_days: int | None = None
    version: int = 1
    # Who saved the version stored ("" when unknown: an import, an older Liaison).
    updated_by: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": ""})
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class PartnershipArea(SQLModel, table=True):
    __tablename__ = "partnership_area"

    partnership_id: str = Field(foreign_key="partnership.id", ondelete="CASCADE", primary_key=True)
    area: str = Field(max_length=100, primary_key=True)


class PartnershipChampion(SQLModel, table=True):
    __tablename__ = "partnership_champion"

    partnership_id: str = Field(foreign_key="partnership.id", ondelete="CASCADE", primary_key=True)
    contact_id: str = Field(
        foreign_key="contact.id", ondelete="CASCADE", primary_key=True, index=True
    )


class Agreement(SQLModel, table=True):
    __tablename__ = "agreement"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    partnership_id: str = Field(foreign_key="partnership.id", ondelete="CASCADE", index=True)
    kind: str = Field(default="mou", max_length=30)
    title: str = Field(default="", max_length=300)
    signed_on: str = Field(default="", max_length=10)
    review_on: str = Field(default="", max_length=10)
    expires_on: str = Field(default="", max_length=10)
    notes: str = Field(default="", sa_column=_text())
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class AgreementSignatory(SQLModel, table=True):
    __tablename__ = "agreement_signatory"

    agreement_id: str = Field(foreign_key="agreement.id", ondelete="CASCADE", primary_key=True)
    contact_id: str = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)


class AgreementDocument(SQLModel, table=True):
    """A file attached to an agreement; its bytes are the stored file named by `sha256`."""

    __tablename__ = "agreement_document"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    agreement_id: str = Field(foreign_key="agreement.id", ondelete="CASCADE", index=True)
    filename: str = Field(max_length=255)
    stored_name: str = Field(max_length=300)
    sha256: str = Field(default="", max_length=64)
    added_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class Delegation(SQLModel, table=True):
    __tablename__ = "delegation"
    __table_args__ = (Index("ix_delegation_partnership_start", "partnership_id", "start_on"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    partnership_id: str | None = Field(
        default=None, foreign_key="partnership.id", ondelete="SET NULL"
    )
    direction: str = Field(default="incoming", max_length=10)
    title: str = Field(default="", max_length=300)
    start_on: str = Field(default="", max_length=10)
    end_on: str = Field(default="", max_length=10)
    status: str = Field(default="planned", max_length=20)
    leader_id: str | None = Field(default=None, foreign_key="contact.id", ondelete="SET NULL")
    purpose: str = Field(default="", sa_column=_text())
    outcomes: str = Field(default="", sa_column=_text())
    notes: str = Field(default="", sa_column=_text())
    version: int = 1
    # Who saved the version stored ("" when unknown: an import, an older Liaison).
    updated_by: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": ""})
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class DelegationMember(SQLModel, table=True):
    __tablename__ = "delegation_member"

    delegation_id: str = Field(foreign_key="delegation.id", ondelete="CASCADE", primary_key=True)
    contact_id: str = Field(
        foreign_key="contact.id", ondelete="CASCADE", primary_key=True, index=True
    )
    role: str = Field(default="", max_length=200)
    position: int = 0


class ItineraryItem(SQLModel, table=True):
    __tablename__ = "itinerary_item"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    delegation_id: str = Field(foreign_key="delegation.id", ondelete="CASCADE", index=True)
    day: str = Field(default="", max_length=10)
    time: str = Field(default="", max_length=5)
    description: str = Field(default="", sa_column=_text())
    position: int = 0


class Gift(SQLModel, table=True):
    __tablename__ = "gift"
    __table_args__ = (Index("ix_gift_contact_date", "contact_id", "given_on"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    direction: str = Field(default="given", max_length=10)
    description: str = Field(default="", max_length=500)
    contact_id: str | None = Field(default=None, foreign_key="contact.id", ondelete="SET NULL")
    delegation_id: str | None = Field(
        default=None, foreign_key="delegation.id", ondelete="SET NULL", index=True
    )
    partnership_id: str | None = Field(
        default=None, foreign_key="partnership.id", ondelete="SET NULL", index=True
    )
    occasion: str = Field(default="", max_length=200)
    given_on: str = Field(default="", max_length=10)
    value_band: str = Field(default="", max_length=20)
    photo: str = Field(default="", max_length=300)
    notes: str = Field(default="", sa_column=_text())
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class FollowUp(SQLModel, table=True):
    __tablename__ = "follow_up"
    __table_args__ = (
        Index("ix_follow_up_open", "done_at", "due_on"),
        # Partial on both backends (migration 0011 makes it): most follow-ups have no visit.
        # The PostgreSQL condition is left to the migration, as for the contact's partial index.
        Index(
            "ix_follow_up_delegation_id",
            "delegation_id",
            sqlite_where=text("delegation_id IS NOT NULL"),
        ),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    partnership_id: str | None = Field(
        default=None, foreign_key="partnership.id", ondelete="CASCADE", index=True
    )
    delegation_id: str | None = Field(default=None, foreign_key="delegation.id", ondelete="CASCADE")
    description: str = Field(default="", sa_column=_text())
    assignee_id: str | None = Field(default=None, foreign_key="staff.id", ondelete="SET NULL")
    due_on: str = Field(default="", max_length=10)
    done_at: dt.datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class Interaction(SQLModel, table=True):
    __tablename__ = "interaction"
    __table_args__ = (Index("ix_interaction_partnership_date", "partnership_id", "occurred_on"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    kind: str = Field(default="meeting", max_length=20)
    occurred_on: str = Field(max_length=10)
    partnership_id: str | None = Field(
        default=None, foreign_key="partnership.id", ondelete="SET NULL"
    )
    delegation_id: str | None = Field(
        default=None, foreign_key="delegation.id", ondelete="SET NULL", index=True
    )
    staff_id: str | None = Field(default=None, foreign_key="staff.id", ondelete="SET NULL")
    note: str = Field(default="", sa_column=_text())
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class InteractionContact(SQLModel, table=True):
    """Who took part; the date is repeated here so a contact's timeline is one index range."""

    __tablename__ = "interaction_contact"
    __table_args__ = (Index("ix_interaction_contact_timeline", "contact_id", "occurred_on"),)

    interaction_id: str = Field(foreign_key="interaction.id", ondelete="CASCADE", primary_key=True)
    contact_id: str = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)
    occurred_on: str = Field(max_length=10)
