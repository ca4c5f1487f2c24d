"""Reminders: done, snoozed and notified agenda items; keep-in-touch intervals

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reminder_state",
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("snoozed_until", sa.String(10), nullable=False, server_default=""),
        sa.Column("notified_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "keep_in_touch_interval",
        sa.Column("scope", sa.String(20), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("days", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("scope", "name"),
    )
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.add_column(sa.Column("keep_in_touch_days", sa.Integer(), nullable=True))
    with op.batch_alter_table("partnership", schema=None) as batch_op:
        batch_op.add_column(sa.Column("keep_in_touch_days", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("partnership", schema=None) as batch_op:
        batch_op.drop_column("keep_in_touch_days")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_column("keep_in_touch_days")
    op.drop_table("keep_in_touch_interval")
    op.drop_table("reminder_state")
