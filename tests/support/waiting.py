"""Waiting for another process or thread: poll the state that matters until a generous deadline.

A test never sleeps a fixed time to let something happen, and never gives it a tight
deadline: on a loaded machine (CI, seven people on two cores) a start-up that takes one
second alone can take twenty. The deadline only bounds how long a broken build hangs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# How long anything may take before a test gives up on it: generous on purpose.
DEADLINE_S = 60.0
POLL_S = 0.05


def poll(
    read: Callable[[], T], done: Callable[[T], bool], what: str, timeout: float = DEADLINE_S
) -> T:
    """Read until ``done(value)``; the program works at its own pace, within a deadline."""
    deadline = time.monotonic() + timeout
    while True:
        value = read()
        if done(value):
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"never got to: {what} (after {timeout:.0f} s; last: {value!r})")
        time.sleep(POLL_S)
