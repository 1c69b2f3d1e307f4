"""Per-meeting revisions: bumped in the writing transaction, announced to live views."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.engine import Connection

_BUMP = text("UPDATE meeting SET revision = revision + 1 WHERE id = :id")
# NOTIFY is sent at COMMIT, so a listener never hears of a change it cannot read yet.
_NOTIFY = text(
    "SELECT pg_notify(:channel,"
    " COALESCE(CAST((SELECT revision FROM meeting WHERE id = :id) AS TEXT), '-1'))"
)
_READ = text("SELECT revision FROM meeting WHERE id = :id")


def channel(meeting_id: str) -> str:
    """The PostgreSQL channel of one meeting: a plain identifier, whatever the id holds."""
    return "refleksionsrum_" + hashlib.sha256(meeting_id.encode()).hexdigest()[:24]


def bump(connection: Connection, meeting_ids: Iterable[str]) -> None:
    """Count a write to these meetings (in sorted order, so two writers never deadlock)."""
    notify = connection.dialect.name == "postgresql"
    for meeting_id in sorted(set(meeting_ids)):
        connection.execute(_BUMP, {"id": meeting_id})
        if notify:
            connection.execute(_NOTIFY, {"channel": channel(meeting_id), "id": meeting_id})


def read_revision(connection: Connection, meeting_id: str) -> int | None:
    """The meeting's revision, or None when the store no longer has it."""
    found = connection.execute(_READ, {"id": meeting_id}).scalar()
    return None if found is None else int(found)


def utc_now_text(now: datetime) -> str:
    """A heartbeat's time as stored: UTC to the millisecond, comparable as text."""
    return now.astimezone(UTC).isoformat(timespec="milliseconds")
