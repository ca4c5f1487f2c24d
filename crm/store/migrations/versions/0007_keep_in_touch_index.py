"""An index on the contacts watched for keep in touch

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Few contacts have their own interval: the agenda finds them without reading every contact.
    op.create_index(
        "ix_contact_keep_in_touch",
        "contact",
        ["keep_in_touch_days"],
        postgresql_where=sa.text("keep_in_touch_days IS NOT NULL"),
        sqlite_where=sa.text("keep_in_touch_days IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_contact_keep_in_touch", table_name="contact")
