"""Greetings: the office's own templates, and who was greeted for which occasion and year

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

ID = sa.String(36)


def upgrade() -> None:
    op.create_table(
        "greeting_template",
        sa.Column("occasion", sa.String(40), nullable=False),
        sa.Column("language", sa.String(20), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("occasion", "language"),
    )
    op.create_table(
        "greeting_sent",
        sa.Column(
            "contact_id", ID, sa.ForeignKey("contact.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("occasion", sa.String(40), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column(
            "interaction_id",
            ID,
            sa.ForeignKey("interaction.id", ondelete="SET NULL"),
            nullable=True,
            index=True,
        ),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("address", sa.String(320), nullable=False),
        sa.Column("message_id", sa.String(300), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("contact_id", "occasion", "year"),
    )
    # A campaign reads who was already greeted for its occasion and year in one range.
    op.create_index("ix_greeting_sent_occasion_year", "greeting_sent", ["occasion", "year"])


def downgrade() -> None:
    op.drop_index("ix_greeting_sent_occasion_year", table_name="greeting_sent")
    op.drop_table("greeting_sent")
    op.drop_table("greeting_template")
