"""Who facilitates a meeting: the process that owns its phase and clock, and its heartbeat."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from refleksionsrum.core.store import rowmap
from refleksionsrum.core.store.engine import StoreError
from refleksionsrum.core.store.revisions import utc_now_text
from refleksionsrum.core.store.tables import MeetingRow


class Facilitation:
    """The store's record of who facilitates: ``store.facilitation``."""

    def __init__(
        self,
        engine: Engine,
        write: Callable[[str], AbstractContextManager[Session]],
        writing: Callable[[], AbstractContextManager[Session]],
    ) -> None:
        self.engine = engine
        # ``write`` counts in the meeting's revision (views show who facilitates);
        # ``writing`` does not (a heartbeat changes nothing a view shows).
        self._write = write
        self.writing = writing

    def claim(self, meeting_id: str, token: str, now: datetime) -> None:
        """Make the process ``token`` the facilitator (start, resume, take over)."""
        with self._write(meeting_id) as session:
            row = session.get(MeetingRow, meeting_id)
            if row is None:
                raise StoreError("store.no_meeting", id=meeting_id)
            row.facilitator, row.facilitator_seen = token, utc_now_text(now)
            session.add(row)

    def alive(self, meeting_id: str, token: str, now: datetime) -> bool:
        """The facilitator's heartbeat; False when another process has taken over.

        Not counted in the revision: nothing a view shows changes.
        """
        with self.writing() as session:
            row = session.get(MeetingRow, meeting_id)
            if row is None or row.facilitator != token:
                return False
            row.facilitator_seen = utc_now_text(now)
            session.add(row)
            return True

    def release(self, meeting_id: str, token: str) -> None:
        """The facilitator's app quits: no one facilitates until someone resumes or takes over."""
        with self._write(meeting_id) as session:
            row = session.get(MeetingRow, meeting_id)
            if row is not None and row.facilitator == token:
                row.facilitator, row.facilitator_seen = None, None
                session.add(row)

    def holder(self, meeting_id: str) -> tuple[str | None, datetime | None]:
        """(the facilitator's token, when it was last seen alive), as stored."""
        with Session(self.engine) as session:
            row = session.get(MeetingRow, meeting_id)
            if row is None:
                raise StoreError("store.no_meeting", id=meeting_id)
            seen = rowmap.parse_time(row.facilitator_seen) if row.facilitator_seen else None
            return row.facilitator, seen
