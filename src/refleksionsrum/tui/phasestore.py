"""A phase change stored once the keys pause: the clocks and the session file, after the frame."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.timer import Timer
from textual.widget import Widget

# A phase change is stored once the keys have paused this long.
PHASE_STORE_S = 0.12


class PhaseStore:
    """Stores the room's phase (``checkpoint``) when the facilitator's keys pause.

    Both the store write and the file take longer than drawing the phase, and the
    room looks at the screen. Ctrl+N pressed three times to skip ahead stores once,
    and no key waits for a store write in between. The work runs on the UI thread,
    not in the store's: a pause or Ctrl+Q writes the session file from the UI thread,
    and two writers of one file could leave the older meeting in it last. If the
    store cannot take the clocks, the room moves on all the same; they are stored at
    the next checkpoint that succeeds.
    """

    def __init__(self, owner: Widget, checkpoint: Callable[[], Any]) -> None:
        self._owner = owner
        self._checkpoint = checkpoint
        self._timer: Timer | None = None
        # Phase changes drawn but not yet stored.
        self.pending = 0

    def changed(self) -> None:
        """The phase moved and is drawn: store it once the keys pause."""
        self.pending += 1
        if self._timer is not None:
            self._timer.stop()
        self._timer = self._owner.set_timer(PHASE_STORE_S, self.store_now)

    def store_now(self) -> None:
        """Store a pending change at once (quitting; the keys paused)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.pending:
            self.pending = 0
            self._checkpoint()
