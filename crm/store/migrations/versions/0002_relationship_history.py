"""Partnerships, agreements, delegations, gifts, follow-ups and interactions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "partnership",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("place_id", sa.String(36), nullable=False),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("formalised_on", sa.String(10), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("owner_id", sa.String(36), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["staff.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["place_id"], ["place.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("partnership", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_partnership_place_id"), ["place_id"], unique=False)

    op.create_table(
        "agreement",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("partnership_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("signed_on", sa.String(10), nullable=False),
        sa.Column("review_on", sa.String(10), nullable=False),
        sa.Column("expires_on", sa.String(10), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["partnership_id"], ["partnership.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_agreement_partnership_id"), ["partnership_id"], unique=False
        )

    op.create_table(
        "partnership_area",
        sa.Column("partnership_id", sa.String(36), nullable=False),
        sa.Column("area", sa.String(100), nullable=False),
        sa.ForeignKeyConstraint(["partnership_id"], ["partnership.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("partnership_id", "area"),
    )
    op.create_table(
        "agreement_document",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("agreement_id", sa.String(36), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("stored_name", sa.String(300), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreement.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("agreement_document", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_agreement_document_agreement_id"), ["agreement_id"], unique=False
        )

    op.create_table(
        "agreement_signatory",
        sa.Column("agreement_id", sa.String(36), nullable=False),
        sa.Column("contact_id", sa.String(36), nullable=False),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreement.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("agreement_id", "contact_id"),
    )
    op.create_table(
        "delegation",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("partnership_id", sa.String(36), nullable=True),
        sa.Column("direction", sa.String(10), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("start_on", sa.String(10), nullable=False),
        sa.Column("end_on", sa.String(10), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("leader_id", sa.String(36), nullable=True),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("outcomes", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["leader_id"], ["contact.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["partnership_id"], ["partnership.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("delegation", schema=None) as batch_op:
        batch_op.create_index(
            "ix_delegation_partnership_start", ["partnership_id", "start_on"], unique=False
        )

    op.create_table(
        "partnership_champion",
        sa.Column("partnership_id", sa.String(36), nullable=False),
        sa.Column("contact_id", sa.String(36), nullable=False),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["partnership_id"], ["partnership.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("partnership_id", "contact_id"),
    )
    with op.batch_alter_table("partnership_champion", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_partnership_champion_contact_id"), ["contact_id"], unique=False
        )

    op.create_table(
        "delegation_member",
        sa.Column("delegation_id", sa.String(36), nullable=False),
        sa.Column("contact_id", sa.String(36), nullable=False),
        sa.Column("role", sa.String(200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["delegation_id"], ["delegation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("delegation_id", "contact_id"),
    )
    with op.batch_alter_table("delegation_member", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_delegation_member_contact_id"), ["contact_id"], unique=False
        )

    op.create_table(
        "follow_up",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("partnership_id", sa.String(36), nullable=True),
        sa.Column("delegation_id", sa.String(36), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("assignee_id", sa.String(36), nullable=True),
        sa.Column("due_on", sa.String(10), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["assignee_id"], ["staff.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["delegation_id"], ["delegation.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["partnership_id"], ["partnership.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_follow_up_delegation_id"), ["delegation_id"], unique=False
        )
        batch_op.create_index("ix_follow_up_open", ["done_at", "due_on"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_follow_up_partnership_id"), ["partnership_id"], unique=False
        )

    op.create_table(
        "gift",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("direction", sa.String(10), nullable=False),
        sa.Column("description", sa.String(500), nullable=False),
        sa.Column("contact_id", sa.String(36), nullable=True),
        sa.Column("delegation_id", sa.String(36), nullable=True),
        sa.Column("partnership_id", sa.String(36), nullable=True),
        sa.Column("occasion", sa.String(200), nullable=False),
        sa.Column("given_on", sa.String(10), nullable=False),
        sa.Column("value_band", sa.String(20), nullable=False),
        sa.Column("photo", sa.String(300), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["delegation_id"], ["delegation.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["partnership_id"], ["partnership.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("gift", schema=None) as batch_op:
        batch_op.create_index("ix_gift_contact_date", ["contact_id", "given_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_gift_delegation_id"), ["delegation_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_gift_partnership_id"), ["partnership_id"], unique=False
        )

    op.create_table(
        "interaction",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("occurred_on", sa.String(10), nullable=False),
        sa.Column("partnership_id", sa.String(36), nullable=True),
        sa.Column("delegation_id", sa.String(36), nullable=True),
        sa.Column("staff_id", sa.String(36), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["delegation_id"], ["delegation.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["partnership_id"], ["partnership.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interaction_delegation_id"), ["delegation_id"], unique=False
        )
        batch_op.create_index(
            "ix_interaction_partnership_date", ["partnership_id", "occurred_on"], unique=False
        )

    op.create_table(
        "itinerary_item",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("delegation_id", sa.String(36), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("time", sa.String(5), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["delegation_id"], ["delegation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("itinerary_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_itinerary_item_delegation_id"), ["delegation_id"], unique=False
        )

    op.create_table(
        "interaction_contact",
        sa.Column("interaction_id", sa.String(36), nullable=False),
        sa.Column("contact_id", sa.String(36), nullable=False),
        sa.Column("occurred_on", sa.String(10), nullable=False),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["interaction_id"], ["interaction.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("interaction_id", "contact_id"),
    )
    with op.batch_alter_table("interaction_contact", schema=None) as batch_op:
        batch_op.create_index(
            "ix_interaction_contact_timeline", ["contact_id", "occurred_on"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("interaction_contact", schema=None) as batch_op:
        batch_op.drop_index("ix_interaction_contact_timeline")

    op.drop_table("interaction_contact")
    with op.batch_alter_table("itinerary_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_itinerary_item_delegation_id"))

    op.drop_table("itinerary_item")
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.drop_index("ix_interaction_partnership_date")
        batch_op.drop_index(batch_op.f("ix_interaction_delegation_id"))

    op.drop_table("interaction")
    with op.batch_alter_table("gift", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_gift_partnership_id"))
        batch_op.drop_index(batch_op.f("ix_gift_delegation_id"))
        batch_op.drop_index("ix_gift_contact_date")

    op.drop_table("gift")
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_follow_up_partnership_id"))
        batch_op.drop_index("ix_follow_up_open")
        batch_op.drop_index(batch_op.f("ix_follow_up_delegation_id"))

    op.drop_table("follow_up")
    with op.batch_alter_table("delegation_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_delegation_member_contact_id"))

    op.drop_table("delegation_member")
    with op.batch_alter_table("partnership_champion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partnership_champion_contact_id"))

    op.drop_table("partnership_champion")
    with op.batch_alter_table("delegation", schema=None) as batch_op:
        batch_op.drop_index("ix_delegation_partnership_start")

    op.drop_table("delegation")
    op.drop_table("agreement_signatory")
    with op.batch_alter_table("agreement_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_document_agreement_id"))

    op.drop_table("agreement_document")
    op.drop_table("partnership_area")
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_partnership_id"))

    op.drop_table("agreement")
    with op.batch_alter_table("partnership", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partnership_place_id"))

    op.drop_table("partnership")
