"""Record history: earlier versions of records, kept when a merge replaced them

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # No foreign key to the record: its history outlives it (and one table serves every kind).
    op.create_table(
        "record_history",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("record_type", sa.String(40), nullable=False),
        sa.Column("record_id", sa.String(100), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(300), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
    )
    op.create_index("ix_record_history_record_id", "record_history", ["record_id"])


def downgrade() -> None:
    op.drop_index("ix_record_history_record_id", table_name="record_history")
    op.drop_table("record_history")
