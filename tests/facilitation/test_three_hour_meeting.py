"""A simulated three-hour meeting: every phase's used time exact to the millisecond."""

from __future__ import annotations

from pathlib import Path

from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.files.sessionfile import read
from refleksionsrum.core.files.sync import open_store, session_path
from refleksionsrum.core.meeting.room import MeetingRoom
from refleksionsrum.core.meeting.starting import new_meeting
from refleksionsrum.core.workspace import Workspace, init_workspace

MINUTE = 60_000


def test_pauses_extensions_skips_quit_and_crash_keep_every_millisecond(tmp_path: Path) -> None:
    workspace = Workspace.open(init_workspace(tmp_path / "ws"))
    store = open_store(workspace)
    clock = FakeClock()
    template = workspace.config.template("organisatorisk")
    meeting = new_meeting(store, template, "Halvårsmøde", [], clock)
    room = MeetingRoom(workspace, store, meeting, clock)

    # Follow-up: 10 min, a pause the clock must ignore, then the rest of the box.
    clock.advance(ms=10 * MINUTE + 123)
    room.toggle_pause()
    clock.advance(minutes=5)
    assert room.timer.elapsed_ms() == 10 * MINUTE + 123
    room.toggle_pause()
    clock.advance(ms=15 * MINUTE - 123)
    # Five more minutes for follow-up, of which 4:30.5 are used.
    room.add_time(5)
    clock.advance(ms=4 * MINUTE + 30_500)
    assert room.timer.remaining_ms() == 29_500

    # Data review runs a millisecond over, then reflection, back to data, on again.
    room.next_phase()
    clock.advance(ms=45 * MINUTE + 1)
    assert room.timer.remaining_ms() == -1
    room.next_phase()
    clock.advance(minutes=20)
    room.previous_phase()
    clock.advance(minutes=2)
    room.next_phase()
    clock.advance(minutes=5)

    # Ctrl+Q: the meeting goes on, the clock stops while the app is closed.
    room.leave()
    clock.advance(minutes=30)
    room = MeetingRoom.resume(workspace, store, meeting.id, clock)
    assert not room.timer.running
    assert room.phase.key == "reflection"
    room.toggle_pause()
    clock.advance(minutes=20)

    # Wonder, then a crash: no save. The room kept talking, so the gap counts.
    room.next_phase()
    clock.advance(ms=7 * MINUTE + 500)
    del room
    clock.advance(ms=1 * MINUTE + 250)
    room = MeetingRoom.resume(workspace, store, meeting.id, clock)
    assert room.timer.running
    assert room.phase.key == "wonder"

    room.next_phase()
    clock.advance(minutes=40)
    room.end()

    expected = {
        "followup": 10 * MINUTE + 123 + 15 * MINUTE - 123 + 4 * MINUTE + 30_500,
        "data": 45 * MINUTE + 1 + 2 * MINUTE,
        "reflection": 20 * MINUTE + 5 * MINUTE + 20 * MINUTE,
        "wonder": 7 * MINUTE + 500 + 1 * MINUTE + 250,
        "next": 40 * MINUTE,
    }
    stored = store.load_meeting(meeting.id)
    assert {p.key: p.elapsed_ms for p in stored.phases} == expected
    assert {p.key: p.added_ms for p in stored.phases}["followup"] == 5 * MINUTE
    # The session file carries whole seconds of the same figures.
    on_disk = read(session_path(workspace, meeting.id))
    assert {p.key: p.elapsed_ms for p in on_disk.phases} == {
        key: round(ms / 1000) * 1000 for key, ms in expected.items()
    }
    assert on_disk.ended_at is not None
    store.close()
