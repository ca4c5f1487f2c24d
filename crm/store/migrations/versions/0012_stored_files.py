"""Documents and photos kept in the database

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-26

Agreement documents and gift photos were copies in the data folder beside the database: a
server's desktops did not share them and no backup held them. Their bytes now live in
`stored_file`, once per content. The files this desktop has are taken in here (and left where
they were); a colleague's desktop takes in its own when it next shows them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from crm.store.legacy_files import adopt, legacy_folder

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stored_file",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    )
    connection = op.get_bind()
    adopt(connection, legacy_folder(connection.engine.url))


def downgrade() -> None:
    op.drop_table("stored_file")
