"""One injectable clock: monotonic time for timers, wall time for timestamps."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    # Imported where it is used: the start screen paints before pendulum is loaded.
    import pendulum

TIMEZONE = "Europe/Copenhagen"


class Clock(Protocol):
    """Where every reading of time comes from, so tests can control it."""

    def monotonic_ms(self) -> int:
        """Milliseconds on a clock that never goes backwards."""
        ...

    def now(self) -> pendulum.DateTime:
        """The wall time, in the workspace's time zone."""
        ...


class SystemClock:
    """The real clock."""

    def __init__(self, tz: str = TIMEZONE) -> None:
        self.tz = tz

    def monotonic_ms(self) -> int:
        return time.monotonic_ns() // 1_000_000

    def now(self) -> pendulum.DateTime:
        import pendulum

        # Milliseconds are kept: a crash gap is counted from this to the millisecond.
        now = pendulum.now(self.tz)
        return now.replace(microsecond=now.microsecond // 1000 * 1000)


class FakeClock:
    """A clock that moves only when told to; for tests and frozen snapshots."""

    def __init__(
        self, start: pendulum.DateTime | None = None, monotonic_ms: int = 1_000_000
    ) -> None:
        import pendulum

        self._wall = start or pendulum.datetime(2026, 11, 23, 9, 0, tz=TIMEZONE)
        self._mono = monotonic_ms

    def monotonic_ms(self) -> int:
        return self._mono

    def now(self) -> pendulum.DateTime:
        return self._wall

    def advance(self, *, seconds: float = 0, minutes: float = 0, ms: int = 0) -> None:
        """Move both clocks forward together."""
        step = ms + round(seconds * 1000) + round(minutes * 60_000)
        self._mono += step
        self._wall = self._wall.add(microseconds=step * 1000)
