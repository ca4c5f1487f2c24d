"""Staff, places, organisations, contacts with e-mails, phones and tags; the contact search index.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(36)


def _timestamp(name: str) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "staff",
        sa.Column("id", ID, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("email", sa.String(320), nullable=False),
        _timestamp("created_at"),
    )
    op.create_table(
        "place",
        sa.Column("id", ID, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_zh", sa.String(200), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("region", sa.String(200), nullable=False),
    )
    op.create_table(
        "organisation",
        sa.Column("id", ID, primary_key=True),
        sa.Column("name", sa.String(300), nullable=False, index=True),
        sa.Column("name_zh", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("place_id", ID, sa.ForeignKey("place.id", ondelete="SET NULL")),
        sa.Column("website", sa.String(500), nullable=False),
        _timestamp("created_at"),
    )
    op.create_table(
        "contact",
        sa.Column("id", ID, primary_key=True),
        sa.Column("family_name", sa.String(200), nullable=False),
        sa.Column("given_name", sa.String(200), nullable=False),
        sa.Column("name_zh", sa.String(200), nullable=False),
        sa.Column("pinyin", sa.String(400), nullable=False),
        sa.Column("honorific", sa.String(200), nullable=False),
        sa.Column("position", sa.String(200), nullable=False),
        sa.Column("position_zh", sa.String(200), nullable=False),
        sa.Column(
            "organisation_id", ID, sa.ForeignKey("organisation.id", ondelete="SET NULL"), index=True
        ),
        sa.Column("wechat", sa.String(200), nullable=False),
        sa.Column("language", sa.String(20), nullable=False),
        sa.Column("birthday", sa.String(10), nullable=False),
        sa.Column("birthday_calendar", sa.String(10), nullable=False),
        sa.Column("birthday_leap_month", sa.Boolean(), nullable=False),
        sa.Column("owner_id", ID, sa.ForeignKey("staff.id", ondelete="SET NULL")),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("successor_of_id", ID, sa.ForeignKey("contact.id", ondelete="SET NULL")),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("sort_key", sa.String(400), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _timestamp("created_at"),
        _timestamp("updated_at"),
    )
    # Covers the list order, so a page of ids is read from the index alone.
    op.create_index("ix_contact_list", "contact", ["archived", "sort_key", "id"])
    for table, column, length in (
        ("contact_email", "address", 320),
        ("contact_phone", "number", 100),
    ):
        op.create_table(
            table,
            sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
            sa.Column(
                "contact_id",
                ID,
                sa.ForeignKey("contact.id", ondelete="CASCADE"),
                nullable=False,
                index=True,
            ),
            sa.Column("position", sa.Integer(), nullable=False),
            sa.Column(column, sa.String(length), nullable=False, index=column == "address"),
        )
    op.create_table(
        "contact_tag",
        sa.Column(
            "contact_id", ID, sa.ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("tag", sa.String(100), primary_key=True, index=True),
    )
    if op.get_bind().dialect.name == "sqlite":
        _create_sqlite_search_index()


def _create_sqlite_search_index() -> None:
    # An external-content FTS5 index over contact.search_text, kept in step by triggers.
    # Every Han character is its own word in search_text, so two-character names (王芳) match,
    # which the trigram tokenizer cannot do. The prefix indexes make typing fast.
    op.execute(
        "CREATE VIRTUAL TABLE contact_fts USING fts5("
        "search_text, content='contact', content_rowid='rowid', "
        "tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')"
    )
    op.execute(
        "CREATE TRIGGER contact_fts_insert AFTER INSERT ON contact BEGIN "
        "INSERT INTO contact_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END"
    )
    op.execute(
        "CREATE TRIGGER contact_fts_delete AFTER DELETE ON contact BEGIN "
        "INSERT INTO contact_fts(contact_fts, rowid, search_text) "
        "VALUES ('delete', old.rowid, old.search_text); END"
    )
    op.execute(
        "CREATE TRIGGER contact_fts_update AFTER UPDATE OF search_text ON contact BEGIN "
        "INSERT INTO contact_fts(contact_fts, rowid, search_text) "
        "VALUES ('delete', old.rowid, old.search_text); "
        "INSERT INTO contact_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS contact_fts")
    for table in (
        "contact_tag",
        "contact_phone",
        "contact_email",
        "contact",
        "organisation",
        "place",
        "staff",
    ):
        op.drop_table(table)
