"""PhaseClock: time used and left per phase, derived from a monotonic clock, never from ticks."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from refleksionsrum.core.clock import Clock
from refleksionsrum.core.models import ClockState, PhaseRecord


class TimeState(StrEnum):
    """How a phase's time box looks: calm, nearly out, or over."""

    NORMAL = "normal"
    WARNING = "warning"
    OVERTIME = "overtime"


class PhaseClock:
    """The meeting's clocks. Elapsed time is banked into the phases at every change.

    While running, the current phase's elapsed time is its banked time plus the
    monotonic time since the run began; reading it never changes anything.
    """

    def __init__(self, phases: list[PhaseRecord], state: ClockState, clock: Clock) -> None:
        if not phases:
            raise ValueError("a meeting needs at least one phase")
        self.phases = phases
        self.clock = clock
        self.current = min(max(state.current, 0), len(phases) - 1)
        self._run_from: int | None = None
        if state.running:
            if state.running_since is not None:
                # Stored as running: the app stopped without saving (a crash). The
                # room kept talking, so the wall time since the run began counts.
                gap_s = clock.now().timestamp() - state.running_since.timestamp()
                phases[self.current].elapsed_ms += max(0, round(gap_s * 1000))
            self._run_from = clock.monotonic_ms()

    # -- reading ----------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._run_from is not None

    def elapsed_ms(self, index: int | None = None) -> int:
        index = self.current if index is None else index
        banked = self.phases[index].elapsed_ms
        if index == self.current and self._run_from is not None:
            banked += self.clock.monotonic_ms() - self._run_from
        return banked

    def remaining_ms(self, index: int | None = None) -> int:
        """Time left in the phase's box; negative once it runs over."""
        index = self.current if index is None else index
        return self.phases[index].budget_ms - self.elapsed_ms(index)

    def time_state(self, warning_ms: int) -> TimeState:
        left = self.remaining_ms()
        if left < 0:
            return TimeState.OVERTIME
        if left <= warning_ms:
            return TimeState.WARNING
        return TimeState.NORMAL

    def meeting_elapsed_ms(self) -> int:
        return sum(self.elapsed_ms(i) for i in range(len(self.phases)))

    def planned_ms(self) -> int:
        return sum(phase.planned_minutes * 60_000 for phase in self.phases)

    def projected_end(self, now: datetime) -> datetime:
        """Now, plus what is left of this phase, plus the boxes of the phases still to come."""
        left = max(0, self.remaining_ms())
        later = sum(phase.budget_ms for phase in self.phases[self.current + 1 :])
        return now + timedelta(milliseconds=left + later)

    @property
    def is_last(self) -> bool:
        return self.current == len(self.phases) - 1

    # -- changing ---------------------------------------------------------------------

    def _bank(self) -> None:
        if self._run_from is not None:
            now = self.clock.monotonic_ms()
            self.phases[self.current].elapsed_ms += now - self._run_from
            self._run_from = now

    def pause(self) -> None:
        self._bank()
        self._run_from = None

    def resume(self) -> None:
        if self._run_from is None:
            self._run_from = self.clock.monotonic_ms()

    def toggle(self) -> bool:
        """Pause if running, resume if paused; returns whether it now runs."""
        if self.running:
            self.pause()
        else:
            self.resume()
        return self.running

    def goto(self, index: int) -> None:
        """Move to another phase; time already used in every phase is kept."""
        if not 0 <= index < len(self.phases):
            raise IndexError(index)
        self._bank()
        self.current = index

    def next(self) -> bool:
        if self.is_last:
            return False
        self.goto(self.current + 1)
        return True

    def previous(self) -> bool:
        if self.current == 0:
            return False
        self.goto(self.current - 1)
        return True

    def add_time(self, minutes: int) -> None:
        self.phases[self.current].added_ms += minutes * 60_000

    def snapshot(self) -> ClockState:
        """The state to store: everything banked up to this instant."""
        self._bank()
        since = self.clock.now() if self.running else None
        return ClockState(current=self.current, running=self.running, running_since=since)
