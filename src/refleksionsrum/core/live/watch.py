"""Notice that a meeting changed in the store, whichever process wrote it.

SQLite: ``PRAGMA data_version`` on a connection of our own (it moves when any other
connection commits), then the meeting's revision, twenty times a second.
PostgreSQL: LISTEN on the meeting's channel (the store NOTIFYs in the writing
transaction), a slow poll in case a notification is lost, and a full re-read
after every reconnect: a laptop that slept must not keep showing a stale meeting.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy.engine import make_url

from refleksionsrum.core.store.revisions import channel

# A look at data_version costs ~30 µs and no lock: twenty a second are 0.1 % of a core,
# and a save elsewhere is noticed within 50 ms (at 4 a second the wait alone was 250).
POLL_S = 0.05
# PostgreSQL: how often the revision is read even without a notification.
FALLBACK_S = 5.0
RECONNECT_S = 1.0


@dataclass(frozen=True)
class Change:
    """The meeting's revision moved (None: the meeting is gone); ``reread``: after a reconnect."""

    revision: int | None
    reread: bool = False


class Watcher(Protocol):
    seen: int | None

    def wait(self, timeout_s: float) -> Change | None:
        """Block until the meeting changes (or ``timeout_s`` passes, or stop()): the change."""
        ...

    def stop(self) -> None: ...

    def close(self) -> None: ...


def watch(url: str, meeting_id: str, seen: int | None, poll_s: float = POLL_S) -> Watcher:
    """A watcher for the store at ``url`` that reports revisions other than ``seen``."""
    if url.startswith("sqlite"):
        return SqliteWatcher(url, meeting_id, seen, poll_s)
    return PostgresWatcher(url, meeting_id, seen)


class SqliteWatcher:
    """Polls data_version (a read of the file header, no lock) and then the revision."""

    def __init__(self, url: str, meeting_id: str, seen: int | None, poll_s: float) -> None:
        self.path = make_url(url).database or ""
        self.meeting_id = meeting_id
        self.seen = seen
        self.poll_s = poll_s
        self._stop = threading.Event()
        self._connection: sqlite3.Connection | None = None
        self._version: int | None = None

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None:
            # Read-only and autocommit: every statement sees the newest commit.
            self._connection = sqlite3.connect(
                f"file:{self.path}?mode=ro",
                uri=True,
                isolation_level=None,
                check_same_thread=False,
                timeout=1.0,
            )
        return self._connection

    def _revision(self, connection: sqlite3.Connection) -> int | None:
        row = connection.execute(
            "SELECT revision FROM meeting WHERE id = ?", (self.meeting_id,)
        ).fetchone()
        return None if row is None else int(row[0])

    def poll(self) -> Change | None:
        """One look: a Change when the revision moved since the last one reported."""
        try:
            connection = self._connect()
            version = int(connection.execute("PRAGMA data_version").fetchone()[0])
            if version == self._version:
                return None
            self._version = version
            revision = self._revision(connection)
        except sqlite3.Error:
            # Busy or briefly unreadable (a checkpoint, a copy): look again next time.
            self._version = None
            return None
        if revision == self.seen:
            return None
        self.seen = revision
        return Change(revision)

    def wait(self, timeout_s: float) -> Change | None:
        waited = 0.0
        while not self._stop.is_set():
            change = self.poll()
            if change is not None:
                return change
            if waited >= timeout_s:
                return None
            self._stop.wait(self.poll_s)
            waited += self.poll_s
        return None

    def stop(self) -> None:
        self._stop.set()

    def close(self) -> None:
        self.stop()
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def conninfo(url: str) -> str:
    """A SQLAlchemy ``postgresql+psycopg://`` URL as psycopg's own connection string."""
    parsed = make_url(url.replace("postgres://", "postgresql://", 1)).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


class PostgresWatcher:
    """LISTEN on the meeting's channel, a slow poll as a fallback, reconnect on loss."""

    def __init__(self, url: str, meeting_id: str, seen: int | None) -> None:
        self.conninfo = conninfo(url)
        self.meeting_id = meeting_id
        self.channel = channel(meeting_id)
        self.seen = seen
        self._stop = threading.Event()
        self._connection: Any = None
        self._lost = False
        self._polled_at = time.monotonic()

    def _connect(self) -> Any:
        import psycopg

        connection = psycopg.connect(self.conninfo, autocommit=True, connect_timeout=5)
        connection.execute(f'LISTEN "{self.channel}"')
        return connection

    def _revision(self) -> int | None:
        row = self._connection.execute(
            "SELECT revision FROM meeting WHERE id = %s", (self.meeting_id,)
        ).fetchone()
        return None if row is None else int(row[0])

    def _report(self, reread: bool) -> Change | None:
        self._polled_at = time.monotonic()
        revision = self._revision()
        if revision == self.seen and not reread:
            return None
        self.seen = revision
        return Change(revision, reread)

    def wait(self, timeout_s: float) -> Change | None:
        import psycopg

        waited = 0.0
        while not self._stop.is_set() and waited <= timeout_s:
            try:
                if self._connection is None:
                    self._connection = self._connect()
                    if self._lost:
                        # Whatever happened while we were away: read it all again.
                        self._lost = False
                        return self._report(reread=True)
                    change = self._report(reread=False)
                    if change is not None:
                        return change
                step = min(0.5, max(0.05, timeout_s - waited))
                heard = list(self._connection.notifies(timeout=step, stop_after=1))
                waited += step
                if heard or time.monotonic() - self._polled_at >= FALLBACK_S:
                    change = self._report(reread=False)
                    if change is not None:
                        return change
            except psycopg.Error:
                self._drop()
                self._lost = True
                self._stop.wait(RECONNECT_S)
                waited += RECONNECT_S
        return None

    def _drop(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(Exception):
                self._connection.close()
            self._connection = None

    def stop(self) -> None:
        self._stop.set()

    def close(self) -> None:
        self.stop()
        self._drop()
