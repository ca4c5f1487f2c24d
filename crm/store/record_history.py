"""Writing earlier versions of records to `record_history`.

A version is stored as a JSON object with sorted keys, so that the same version is the same
text: a merge run twice (a package imported again) keeps it once.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from sqlmodel import Session

from crm.store import bulk
from crm.store.history_models import RecordHistory
from crm.store.models import new_id

Row = dict[str, Any]
TABLE: Any = RecordHistory.__table__  # type: ignore[attr-defined]


def version_row(
    *, record_type: str, record_id: str, data: Row, reason: str, saved_at: dt.datetime
) -> Row:
    """The row that keeps one version: `data` holds its columns and child rows."""
    return {
        "id": new_id(),
        "record_type": record_type,
        "record_id": record_id,
        "saved_at": saved_at,
        "reason": reason,
        "data": json.dumps(
            {key: _plain(value) for key, value in data.items()},
            ensure_ascii=False,
            sort_keys=True,
        ),
    }


def keep_versions(session: Session, rows: Sequence[Row]) -> int:
    """Insert these versions, less those already kept; returns how many were new."""
    ids = sorted({row["record_id"] for row in rows})
    known = bulk.child_rows(session, TABLE, "record_id", ids, ("record_type", "data"))
    seen = {(record_id, *pair) for record_id, pairs in known.items() for pair in pairs}
    new = []
    for row in rows:
        key = (row["record_id"], row["record_type"], row["data"])
        if key not in seen:
            seen.add(key)
            new.append(row)
    bulk.insert_rows(session, TABLE, new)
    return len(new)


def _plain(value: Any) -> Any:
    """JSON's values: timestamps in ISO 8601 and UTC (SQLite's come back without a zone),
    child rows as lists."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, list):
        return [list(v) if isinstance(v, tuple) else v for v in value]
    return value
