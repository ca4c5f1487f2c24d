"""Alembic environment: always run from `crm.store.migrate` with an open connection."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import crm.store.duplicate_models  # noqa: F401
import crm.store.file_models  # noqa: F401
import crm.store.greeting_models  # noqa: F401
import crm.store.history_models  # noqa: F401
import crm.store.models  # noqa: F401 - registers the tables on SQLModel.metadata
import crm.store.partnership_models  # noqa: F401
import crm.store.reminder_models  # noqa: F401

connection = context.config.attributes["connection"]


def include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    # The FTS5 search index is raw SQL of migration 0001, unknown to the models.
    return not (type_ == "table" and name.startswith("contact_fts"))


context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    include_object=include_object,
)
with context.begin_transaction():
    context.run_migrations()
