"""Agenda: indexes on the month and day of birthdays and on interactions logged on visits

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The agenda reads only the birthdays a span can hold, by calendar and month-day: the last
    # five characters of "1980-04-05" and of "--04-05". An expression both SQLite and
    # PostgreSQL index; crm.store.agenda writes it the same way, or neither would use it.
    op.create_index(
        "ix_contact_birthday_month_day",
        "contact",
        ["birthday_calendar", sa.text("substr(birthday, length(birthday) - 4)")],
    )
    # A partnership's last contact includes interactions logged on its visits without naming
    # it: few (the app names it), so a small partial index finds them all. "coalesce(…) = ''"
    # rather than "IS NULL", which would draw SQLite to the (partnership_id, occurred_on) index
    # (no partnership is ever '': the foreign key forbids it).
    visit_alone = sa.text("delegation_id IS NOT NULL AND coalesce(partnership_id, '') = ''")
    op.create_index(
        "ix_interaction_on_visit_alone",
        "interaction",
        ["delegation_id", "occurred_on"],
        sqlite_where=visit_alone,
        postgresql_where=visit_alone,
    )


def downgrade() -> None:
    op.drop_index("ix_interaction_on_visit_alone", table_name="interaction")
    op.drop_index("ix_contact_birthday_month_day", table_name="contact")
