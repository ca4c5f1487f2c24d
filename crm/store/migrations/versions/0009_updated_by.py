"""Who saved each version of a contact, partnership and visit

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25

An editor whose save is refused because someone else saved first names that person; records
saved before this revision (and by imports) say nobody: "".
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# The tables an editor saves with a version check.
TABLES = ("contact", "partnership", "delegation")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("updated_by", sa.String(200), nullable=False, server_default="")
            )


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("updated_by")
