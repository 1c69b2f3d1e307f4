"""What the store knows of sessions/: each file as last seen, and files still to write."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, delete, select

from refleksionsrum.core.store.tables import MeetingRow, MetaRow, SessionFileRow, TrialActionRow

# A meta key per meeting whose session file is behind the database.
_PENDING = "file_pending:"
# A meta key per meeting: the digests of the session files written of it, newest first.
_WRITTEN = "file_written:"
# Each write of a meeting's file is one; a meeting's file is written some ten to thirty
# times (phase changes, pauses, quits), so this covers every copy a colleague may hold.
_WRITTEN_KEPT = 64


@dataclass
class SeenFile:
    """A session file as last seen, as plain values (a table row per file cost 40 µs to make)."""

    name: str
    mtime_ns: int
    size: int
    meeting_id: str | None = None
    problem: str | None = None


_SEEN = ("name", "mtime_ns", "size", "meeting_id", "problem")


class FileIndex:
    """The session-file side of the store: ``store.files``, on the store's engine and writes."""

    def __init__(
        self, engine: Engine, writing: Callable[[], AbstractContextManager[Session]]
    ) -> None:
        self.engine = engine
        self.writing = writing

    def mark_pending(self, meeting_id: str) -> None:
        """The meeting's session file could not be written: write it at the next chance."""
        with self.writing() as session:
            session.merge(MetaRow(key=f"{_PENDING}{meeting_id}", value="1"))

    def clear_pending(self, meeting_id: str) -> None:
        with self.writing() as session:
            session.exec(delete(MetaRow).where(col(MetaRow.key) == f"{_PENDING}{meeting_id}"))

    def pending(self) -> list[str]:
        """Meetings whose session file is behind the database (a write failed)."""
        with Session(self.engine) as session:
            keys = session.exec(select(MetaRow.key).where(col(MetaRow.key).startswith(_PENDING)))
            return sorted(key.removeprefix(_PENDING) for key in keys)

    def known(self) -> dict[str, SeenFile]:
        """Every session file as last seen, by name."""
        columns = [getattr(SessionFileRow, name) for name in _SEEN]
        with self.engine.connect() as connection:
            found = connection.execute(select(*columns))  # type: ignore[call-overload]
            return {row[0]: SeenFile(*row) for row in found}

    def record(self, row: SessionFileRow, written: str | None = None) -> None:
        """Note a file as seen; ``written``: the digest of a file the app has just written."""
        with self.writing() as session:
            session.merge(row)
            if written is not None and row.meeting_id is not None:
                key = f"{_WRITTEN}{row.meeting_id}"
                found = session.get(MetaRow, key)
                earlier = [d for d in (found.value.split() if found else []) if d != written]
                value = " ".join([written, *earlier][:_WRITTEN_KEPT])
                session.merge(MetaRow(key=key, value=value))

    def written(self, meeting_ids: Sequence[str]) -> dict[str, set[str]]:
        """For each meeting, the digests of the session files the app wrote of it.

        Two workspaces on one database each keep a copy of a meeting; the one written
        first is older than the database, but unchanged by hand: it must be brought up
        to date, never taken in (sync.ingest).
        """
        found: dict[str, set[str]] = {}
        ids = sorted(set(meeting_ids))
        with Session(self.engine) as session:
            for start in range(0, len(ids), 500):
                keys = [f"{_WRITTEN}{meeting_id}" for meeting_id in ids[start : start + 500]]
                rows = session.exec(select(MetaRow).where(col(MetaRow.key).in_(keys)))
                for row in rows:
                    found[row.key.removeprefix(_WRITTEN)] = set(row.value.split())
        return found

    def record_many(self, rows: Sequence[SeenFile | SessionFileRow]) -> None:
        """Note many files at once, in one transaction: an upsert per batch, not a merge a row."""
        if not rows:
            return
        from refleksionsrum.core.store.bulk import record_files

        with self.writing() as session:
            record_files(session.connection(), rows)

    def holdings(self) -> tuple[set[str], set[str], dict[str, str]]:
        """(every meeting id, the running ones, each trial action id's meeting)."""
        with self.engine.connect() as connection:
            meetings = connection.execute(
                select(MeetingRow.id, MeetingRow.ended_at)  # type: ignore[call-overload]
            ).all()
            owners = connection.execute(
                select(TrialActionRow.id, TrialActionRow.meeting_id)  # type: ignore[call-overload]
            ).all()
        return (
            {row[0] for row in meetings},
            {row[0] for row in meetings if row[1] is None},
            {row[0]: row[1] for row in owners},
        )
