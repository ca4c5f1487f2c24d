"""Indexes for a partnership's detail: organisations by place, follow-ups by visit

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_VISIT = "delegation_id IS NOT NULL"


def upgrade() -> None:
    # A partnership's detail lists the people of the partner city's organisations: without
    # this, both databases read every organisation to find that city's few.
    op.create_index("ix_organisation_place_id", "organisation", ["place_id"])
    # Most follow-ups belong to no visit. Counted with them, the planner's statistics said a
    # visit has thousands, and SQLite read every follow-up rather than use the index; an index
    # of the visits' follow-ups alone says how few they are (and `delegation_id IN (...)` can
    # still use it: it implies the condition).
    op.drop_index("ix_follow_up_delegation_id", table_name="follow_up")
    op.create_index(
        "ix_follow_up_delegation_id",
        "follow_up",
        ["delegation_id"],
        postgresql_where=sa.text(_VISIT),
        sqlite_where=sa.text(_VISIT),
    )


def downgrade() -> None:
    op.drop_index("ix_follow_up_delegation_id", table_name="follow_up")
    op.create_index("ix_follow_up_delegation_id", "follow_up", ["delegation_id"])
    op.drop_index("ix_organisation_place_id", table_name="organisation")
