"""A running meeting's session file: written from the store, and retried while it cannot be."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from refleksionsrum.core.clock import Clock
from refleksionsrum.core.errors import StoreError
from refleksionsrum.core.files.sync import write_session_file
from refleksionsrum.core.store.database import Store
from refleksionsrum.core.workspace import Workspace

# After a failed write the file is tried again at most this often (and at every checkpoint).
RETRY_FILE_MS = 5_000


@dataclass(frozen=True)
class FileTrouble:
    """The session file could not be written; the store still has everything."""

    path: str
    reason: str


class SessionFileKeeper:
    """Writes one meeting's session file and remembers why it could not, to try again."""

    def __init__(self, workspace: Workspace, store: Store, meeting_id: str, clock: Clock) -> None:
        self.workspace = workspace
        self.store = store
        self.meeting_id = meeting_id
        self.clock = clock
        self.trouble: FileTrouble | None = None
        self._tried_ms: int | None = None
        self._pending_at_start = meeting_id in store.files.pending()
        # The database file was found deleted or replaced (and the session file written).
        self.gone = False

    def write(self) -> bool:
        """Write the session file; on failure remember why, keep going from the store."""
        self._tried_ms = self.clock.monotonic_ms()
        try:
            # From the store, never from one view: every process's items are in it.
            stored = self.store.load_meeting(self.meeting_id)
            write_session_file(self.workspace, self.store, stored)
        except OSError as error:
            if self.trouble is None:
                # Also after a quit or the end: the next start writes it (sync.ingest).
                self.store.files.mark_pending(self.meeting_id)
            self.trouble = FileTrouble(
                str(self.workspace.sessions_dir), error.strerror or type(error).__name__
            )
            return False
        if self.trouble is not None or self._pending_at_start:
            self.store.files.clear_pending(self.meeting_id)
            self._pending_at_start = False
        self.trouble = None
        return True

    def retry(self) -> bool:
        """After a failed write, try again (at most every RETRY_FILE_MS); True once written.

        The screen calls this on its clock tick, so the file follows as soon as the
        folder is writable again, without waiting for the next phase change.
        """
        if self.trouble is None:
            return False
        tried = self._tried_ms
        if tried is not None and self.clock.monotonic_ms() - tried < RETRY_FILE_MS:
            return False
        return self.write()

    def store_gone(self) -> bool:
        """True once the database file is deleted or replaced; the session file is
        then written at once, with everything stored so far."""
        if not self.gone and not self.store.is_gone():
            return False
        if not self.gone:
            self.gone = True
            with contextlib.suppress(StoreError):
                self.write()
        return True
