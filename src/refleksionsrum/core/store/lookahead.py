"""The start screen's quick look, begun in a thread before Textual is imported.

Importing Textual takes most of the time before the first frame; the quick look
(sqlite3 and a listing of sessions/) waits on the disk for much of its own, so begun
first it is mostly done by the time the start screen asks for it.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from refleksionsrum.core.workspace import Workspace

if TYPE_CHECKING:
    from refleksionsrum.core.store.quicklist import QuickLook


class LookAhead:
    """One quick look at a workspace, running from the moment it is made."""

    def __init__(self, workspace: Workspace) -> None:
        self._done = threading.Event()
        self._look: QuickLook | None = None
        self._error: BaseException | None = None
        # A daemon: a closed terminal ends the process without waiting for the disk.
        thread = threading.Thread(target=self._run, args=(workspace,), daemon=True)
        thread.name = "quick-look"
        thread.start()

    def _run(self, workspace: Workspace) -> None:
        try:
            from refleksionsrum.core.store.quicklist import quick_look

            self._look = quick_look(workspace)
        except BaseException as error:  # given to whoever asks, in their thread
            self._error = error
        finally:
            self._done.set()

    @property
    def ready(self) -> bool:
        """Done, and without an error (an error is raised where the result is waited for)."""
        return self._done.is_set() and self._error is None

    def result(self) -> QuickLook | None:
        """The look (None: only the full store can tell); waits for it if need be."""
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._look
