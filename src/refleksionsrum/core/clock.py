"""One injectable clock: monotonic time for timers, wall time for timestamps."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

TIMEZONE = "Europe/Copenhagen"


@cache
def zone(name: str = TIMEZONE) -> ZoneInfo:
    """The time zone (the system's database, else the tzdata package's)."""
    # Imported when first asked for: zoneinfo loads sysconfig, 2 ms of every start.
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


class Clock(Protocol):
    """Where every reading of time comes from, so tests can control it."""

    def monotonic_ms(self) -> int:
        """Milliseconds on a clock that never goes backwards."""
        ...

    def now(self) -> datetime:
        """The wall time, in the workspace's time zone."""
        ...


class SystemClock:
    """The real clock."""

    def __init__(self, tz: str = TIMEZONE) -> None:
        self.tz = tz

    def monotonic_ms(self) -> int:
        return time.monotonic_ns() // 1_000_000

    def now(self) -> datetime:
        # Milliseconds are kept: a crash gap is counted from this to the millisecond.
        now = datetime.now(zone(self.tz))
        return now.replace(microsecond=now.microsecond // 1000 * 1000)


class FakeClock:
    """A clock that moves only when told to; for tests and frozen snapshots."""

    def __init__(self, start: datetime | None = None, monotonic_ms: int = 1_000_000) -> None:
        self._wall = start or datetime(2026, 11, 23, 9, 0, tzinfo=zone())
        self._mono = monotonic_ms

    def monotonic_ms(self) -> int:
        return self._mono

    def now(self) -> datetime:
        return self._wall

    def advance(self, *, seconds: float = 0, minutes: float = 0, ms: int = 0) -> None:
        """Move both clocks forward together."""
        step = ms + round(seconds * 1000) + round(minutes * 60_000)
        self._mono += step
        self._wall = self._wall + timedelta(milliseconds=step)
