"""Duplicates: pairs of contacts the office said are not the same person

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

ID = sa.String(36)


def upgrade() -> None:
    op.create_table(
        "duplicate_dismissed",
        sa.Column("contact_a", ID, sa.ForeignKey("contact.id", ondelete="CASCADE"), nullable=False),
        sa.Column("contact_b", ID, sa.ForeignKey("contact.id", ondelete="CASCADE"), nullable=False),
        sa.Column("dismissed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("contact_a", "contact_b"),
    )
    # The primary key finds a contact's dismissals as contact_a; this one as contact_b (a merge
    # carries both over, and deleting a contact cascades through both).
    op.create_index("ix_duplicate_dismissed_contact_b", "duplicate_dismissed", ["contact_b"])


def downgrade() -> None:
    op.drop_index("ix_duplicate_dismissed_contact_b", table_name="duplicate_dismissed")
    op.drop_table("duplicate_dismissed")
