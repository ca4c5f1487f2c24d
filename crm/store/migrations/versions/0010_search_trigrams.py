"""A trigram index for the contact search on PostgreSQL

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-25

SQLite searches through its FTS5 index (0001). On PostgreSQL the search is a LIKE over the
padded search document (`crm.store.contacts`), which without an index reads all of the contact
table at every keystroke. pg_trgm's GIN index answers those LIKE patterns, the one-letter ones
too (a word's first letter is a trigram of its own), and never changes what they find: the rows
it proposes are checked against the pattern itself.

pg_trgm ships with PostgreSQL and is "trusted" since PostgreSQL 13, so the owner of a database
may create it without being a superuser. Where it cannot be created (not installed, or a role
that may not) the migration says so in the log and goes on: the search finds the same people,
only more slowly.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

log = logging.getLogger("crm.store.migrations")

INDEX = "ix_contact_search_trigrams"
# The expression `crm.store.contacts` matches against, written identically: PostgreSQL uses an
# expression index only for the very same expression.
PADDED = "(' ' || search_text || ' ')"
CREATE_INDEX = f"CREATE INDEX IF NOT EXISTS {INDEX} ON contact USING gin ({PADDED} gin_trgm_ops)"
_BY_HAND = f"CREATE EXTENSION IF NOT EXISTS pg_trgm; {CREATE_INDEX};"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    if not _trigrams(bind):
        return
    op.execute(CREATE_INDEX)
    # The planner's statistics of the indexed expression come with the next ANALYZE: without
    # them it guesses how many contacts a pattern finds.
    op.execute("ANALYZE contact")


def _trigrams(bind: sa.engine.Connection) -> bool:
    """Whether pg_trgm is in this database, created now if need be; False (logged) if not."""
    installed = bind.execute(
        sa.text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
    ).first()
    if installed is not None:
        return True
    available = bind.execute(
        sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
    ).first()
    if available is None:
        log.warning(
            "The PostgreSQL extension pg_trgm is not installed on the server: the contact "
            "search works without its index, more slowly. Once it is (the server's contrib "
            "package), the database's owner can run in this database: %s",
            _BY_HAND,
        )
        return False
    # In a savepoint: a refusal aborts only it, not the migration's transaction.
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError as error:
        reason = (str(getattr(error, "orig", None) or error).strip().splitlines() or [""])[0]
        log.warning(
            "The PostgreSQL extension pg_trgm could not be created (%s): the contact search "
            "works without its index, more slowly. The database's owner or a superuser can "
            "run in this database: %s",
            reason,
            _BY_HAND,
        )
        return False
    return True


def downgrade() -> None:
    # The extension stays: it may serve others, and dropping it needs the right to.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {INDEX}")
