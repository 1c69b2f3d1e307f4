"""Leaving on a signal: a closed window (SIGHUP), a stop (SIGTERM) or Ctrl+C from outside.

Everything is saved and the terminal restored; the meeting itself goes on and is
offered for resuming at the next start. A signal that comes while the program is
still starting is remembered and handled as soon as the app can.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable
from types import FrameType

LEAVING_SIGNALS = (signal.SIGHUP, signal.SIGTERM, signal.SIGINT)

_early: list[int] = []


def note_early_signals() -> None:
    """Until the app's own handlers are in place, a leaving signal is remembered."""

    def remember(number: int, _frame: FrameType | None) -> None:
        _early.append(number)

    for number in LEAVING_SIGNALS:
        with contextlib.suppress(ValueError, OSError):
            signal.signal(number, remember)


def leave_on_signals(leave: Callable[[int], None]) -> None:
    """From now on a leaving signal calls ``leave(number)`` on the running event loop."""
    loop = asyncio.get_running_loop()
    for number in LEAVING_SIGNALS:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(number, leave, number)
    if _early:
        # It came while the program was starting: leave now, as if it came now.
        leave(_early[0])
