"""Leaving on a signal: a closed window (SIGHUP), a stop (SIGTERM) or Ctrl+C from outside.

Everything is saved and the terminal restored; the meeting itself goes on and is
offered for resuming at the next start. A signal that comes while the program is
still starting is remembered and handled as soon as the app can.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import select
import sys
import threading
from collections.abc import Callable

from refleksionsrum.launch import LEAVING_SIGNALS, early_signal

# How long restoring the terminal may take after a signal before the process just ends.
RESTORE_S = 2.0


def leave_on_signals(leave: Callable[[int], None]) -> None:
    """From now on a leaving signal calls ``leave(number)`` on the running event loop."""
    loop = asyncio.get_running_loop()
    for number in LEAVING_SIGNALS:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(number, leave, number)
    early = early_signal()
    if early is not None:
        # It came while the program was starting: leave now, as if it came now.
        leave(early)


def terminal_gone(fd: int | None = None) -> bool:
    """Whether the terminal (standard output's) was hung up, its window closed: POLLHUP."""
    try:
        if fd is None:
            fd = sys.__stdout__.fileno() if sys.__stdout__ is not None else 1
        poller = select.poll()
        poller.register(fd, select.POLLOUT)
        return any(events & (select.POLLHUP | select.POLLERR) for _, events in poller.poll(0))
    except (OSError, ValueError):
        return True  # no terminal to write to at all


def leave_now(code: int) -> None:
    """End the process at once: everything is saved, and nothing is left to wait for."""
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(code)


def leave_later(code: int, seconds: float = RESTORE_S) -> None:
    """End the process after ``seconds`` unless it has ended by then (a daemon timer)."""
    timer = threading.Timer(seconds, leave_now, args=(code,))
    timer.daemon = True
    timer.start()
