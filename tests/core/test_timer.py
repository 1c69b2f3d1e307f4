"""PhaseClock: the time box counts from a monotonic clock; pauses, phase changes and crashes."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta

import pytest

from refleksionsrum.core.clock import FakeClock, zone
from refleksionsrum.core.meeting.room import MeetingRoom
from refleksionsrum.core.meeting.starting import new_meeting
from refleksionsrum.core.meeting.timer import PhaseClock, TimeState
from refleksionsrum.core.models import ClockState, PhaseRecord
from refleksionsrum.core.store.database import Store
from refleksionsrum.core.workspace import Workspace

MIN = 60_000


def agenda() -> list[PhaseRecord]:
    return [
        PhaseRecord("followup", "Opfølgning", 5),
        PhaseRecord("data", "Datagennemgang", 7),
        PhaseRecord("reflection", "Refleksion", 7),
        PhaseRecord("wonder", "Undring før handling", 5),
        PhaseRecord("next", "Næste skridt", 6),
    ]


def running(clock: FakeClock, phases: list[PhaseRecord] | None = None) -> PhaseClock:
    return PhaseClock(phases or agenda(), ClockState(current=0, running=True), clock)


def test_counts_down_from_the_time_box() -> None:
    clock = FakeClock()
    timer = running(clock)
    assert timer.running
    assert timer.remaining_ms() == 5 * MIN
    clock.advance(ms=90_123)
    assert timer.elapsed_ms() == 90_123
    assert timer.remaining_ms() == 5 * MIN - 90_123
    # Reading changes nothing.
    assert timer.remaining_ms() == 5 * MIN - 90_123


def test_a_paused_meeting_starts_paused() -> None:
    clock = FakeClock()
    timer = PhaseClock(agenda(), ClockState(current=2, running=False), clock)
    clock.advance(minutes=3)
    assert not timer.running
    assert timer.current == 2
    assert timer.elapsed_ms() == 0


def test_pause_and_resume() -> None:
    clock = FakeClock()
    timer = running(clock)
    clock.advance(ms=61_500)
    timer.pause()
    assert not timer.running
    clock.advance(minutes=10)
    assert timer.elapsed_ms() == 61_500
    timer.resume()
    clock.advance(ms=2_250)
    assert timer.elapsed_ms() == 63_750
    assert timer.toggle() is False
    clock.advance(minutes=1)
    assert timer.toggle() is True
    clock.advance(ms=1)
    assert timer.elapsed_ms() == 63_751
    # Resuming a running clock does not restart it.
    timer.resume()
    clock.advance(ms=9)
    assert timer.elapsed_ms() == 63_760


def test_next_and_previous_keep_each_phases_time() -> None:
    clock = FakeClock()
    timer = running(clock)
    clock.advance(ms=100_001)
    assert timer.next() is True
    assert timer.current == 1
    clock.advance(ms=200_002)
    assert timer.previous() is True
    clock.advance(ms=3_003)
    assert timer.elapsed_ms(0) == 103_004
    assert timer.elapsed_ms(1) == 200_002
    assert timer.elapsed_ms(2) == 0
    assert timer.meeting_elapsed_ms() == 303_006
    assert timer.previous() is False
    timer.goto(4)
    assert timer.is_last
    assert timer.next() is False
    clock.advance(ms=7)
    assert timer.elapsed_ms(4) == 7
    with pytest.raises(IndexError):
        timer.goto(5)


def test_moving_while_paused_counts_nothing() -> None:
    clock = FakeClock()
    timer = running(clock)
    timer.pause()
    timer.next()
    clock.advance(minutes=4)
    assert timer.meeting_elapsed_ms() == 0
    assert not timer.running


def test_add_time_extends_the_box_not_the_plan() -> None:
    clock = FakeClock()
    phases = agenda()
    timer = running(clock, phases)
    clock.advance(minutes=4)
    timer.add_time(1)
    timer.add_time(5)
    assert timer.remaining_ms() == 7 * MIN
    assert phases[0].planned_minutes == 5
    assert phases[0].added_ms == 6 * MIN
    assert timer.planned_ms() == 30 * MIN


def test_overtime_and_time_states() -> None:
    clock = FakeClock()
    timer = running(clock)
    warning = 2 * MIN
    clock.advance(ms=3 * MIN - 1)
    assert timer.time_state(warning) is TimeState.NORMAL
    clock.advance(ms=1)  # exactly two minutes left
    assert timer.time_state(warning) is TimeState.WARNING
    clock.advance(ms=2 * MIN)  # exactly nothing left
    assert timer.remaining_ms() == 0
    assert timer.time_state(warning) is TimeState.WARNING
    clock.advance(ms=1)
    assert timer.remaining_ms() == -1
    assert timer.time_state(warning) is TimeState.OVERTIME
    clock.advance(minutes=3)
    assert timer.remaining_ms() == -(3 * MIN) - 1
    # Added time takes it out of overtime again.
    timer.add_time(5)
    assert timer.remaining_ms() == 2 * MIN - 1
    assert timer.time_state(warning) is TimeState.WARNING
    timer.add_time(1)
    assert timer.time_state(warning) is TimeState.NORMAL


def test_projected_end() -> None:
    clock = FakeClock()
    timer = running(clock)
    now = clock.now()
    assert timer.projected_end(now) == now + timedelta(minutes=30)
    clock.advance(minutes=2)
    now = clock.now()
    # Three minutes left here, 25 planned after it.
    assert timer.projected_end(now) == now + timedelta(minutes=28)
    clock.advance(minutes=6)
    now = clock.now()
    # An overrun phase has nothing left: the end is now plus the phases to come.
    assert timer.projected_end(now) == now + timedelta(minutes=25)
    timer.next()
    timer.add_time(5)
    assert timer.projected_end(now) == now + timedelta(minutes=30)


def test_restore_after_an_orderly_pause_does_not_count_time_away() -> None:
    clock = FakeClock()
    timer = running(clock)
    clock.advance(ms=123_456)
    timer.next()
    clock.advance(ms=7_891)
    timer.pause()
    state = timer.snapshot()
    stored = copy.deepcopy(timer.phases)
    assert state == ClockState(current=1, running=False, running_since=None)

    clock.advance(minutes=60 * 20)  # the app is closed until the next morning
    again = PhaseClock(stored, state, clock)
    assert not again.running
    assert again.current == 1
    assert again.elapsed_ms(0) == 123_456
    assert again.elapsed_ms(1) == 7_891
    again.resume()
    clock.advance(ms=109)
    assert again.elapsed_ms() == 8_000


def test_restore_after_a_crash_counts_the_time_since_the_last_save() -> None:
    clock = FakeClock()
    timer = running(clock)
    clock.advance(ms=65_432)
    state = timer.snapshot()  # the last save before the crash
    stored = copy.deepcopy(timer.phases)
    assert state.running
    assert state.running_since == clock.now()
    assert stored[0].elapsed_ms == 65_432

    clock.advance(ms=4 * MIN + 321)  # the room kept talking; nothing was saved
    restarted = FakeClock(start=clock.now(), monotonic_ms=5)  # a new process, a new monotonic
    again = PhaseClock(stored, state, restarted)
    assert again.running
    assert again.elapsed_ms() == 65_432 + 4 * MIN + 321
    restarted.advance(ms=1_000)
    assert again.elapsed_ms() == 65_432 + 4 * MIN + 1_321


def test_snapshot_banks_exactly_and_can_be_taken_repeatedly() -> None:
    clock = FakeClock()
    timer = running(clock)
    for _ in range(3):
        clock.advance(ms=333)
        timer.snapshot()
    assert timer.elapsed_ms() == 999
    clock.advance(ms=1)
    assert timer.elapsed_ms() == 1_000


def test_a_clock_set_backwards_never_takes_time_away() -> None:
    clock = FakeClock()
    state = ClockState(current=0, running=True, running_since=clock.now())
    earlier = FakeClock(start=datetime(2026, 11, 23, 8, 0, tzinfo=zone()))
    timer = PhaseClock(agenda(), state, earlier)
    assert timer.elapsed_ms() == 0


def test_a_meeting_without_phases_is_refused() -> None:
    with pytest.raises(ValueError):
        PhaseClock([], ClockState(), FakeClock())


def test_a_stored_phase_index_out_of_range_is_clamped() -> None:
    timer = PhaseClock(agenda(), ClockState(current=9), FakeClock())
    assert timer.current == 4


def test_a_crashed_meeting_resumes_with_the_time_it_kept_running(
    workspace: Workspace, store: Store, clock: FakeClock
) -> None:
    meeting = new_meeting(store, workspace.config.template(), "Møde", [], clock)
    room = MeetingRoom(workspace, store, meeting, clock)
    clock.advance(ms=61_234)
    room.next_phase()  # banks the first phase and saves the clocks
    clock.advance(ms=2_345)
    room.save_clock()
    clock.advance(ms=10_017)  # then the laptop dies; nothing more is saved
    del room

    restarted = FakeClock(start=clock.now(), monotonic_ms=42)
    again = MeetingRoom.resume(workspace, store, meeting.id, restarted)
    assert again.timer.running
    assert again.timer.current == 1
    assert again.timer.elapsed_ms(0) == 61_234
    assert again.timer.elapsed_ms(1) == 2_345 + 10_017


def test_a_meeting_left_in_order_resumes_paused_without_the_time_away(
    workspace: Workspace, store: Store, clock: FakeClock
) -> None:
    meeting = new_meeting(store, workspace.config.template(), "Møde", [], clock)
    room = MeetingRoom(workspace, store, meeting, clock)
    clock.advance(ms=75_555)
    room.leave()
    clock.advance(minutes=120)
    again = MeetingRoom.resume(workspace, store, meeting.id, FakeClock(start=clock.now()))
    assert not again.timer.running
    assert again.timer.elapsed_ms() == 75_555
