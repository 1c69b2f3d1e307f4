"""The agenda through MeetingRoom: each phase records its own things, files follow the phases."""

from __future__ import annotations

from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.files import sessionfile
from refleksionsrum.core.files.sync import session_path
from refleksionsrum.core.meeting.room import MeetingRoom
from refleksionsrum.core.meeting.starting import new_meeting
from refleksionsrum.core.models import NoteKind, Participant
from refleksionsrum.core.store.database import Store
from refleksionsrum.core.workspace import Workspace


def open_room(workspace: Workspace, store: Store, clock: FakeClock) -> MeetingRoom:
    meeting = new_meeting(
        store,
        workspace.config.template("borgerniveau"),
        "Refleksionsmøde",
        [Participant("Mette", "facilitator")],
        clock,
    )
    return MeetingRoom(workspace, store, meeting, clock)


def test_the_phases_come_in_order_with_their_prompts(
    workspace: Workspace, store: Store, clock: FakeClock
) -> None:
    room = open_room(workspace, store, clock)
    seen = []
    while True:
        template = room.phase_template()
        assert template is not None
        assert template.purpose
        assert len(template.prompts) >= 2
        seen.append((room.phase.key, room.records))
        if not room.next_phase():
            break
    assert seen == [
        ("followup", "followup"),
        ("data", "data"),
        ("reflection", "reflection"),
        ("wonder", "wonder"),
        ("next", "next"),
    ]
    assert room.timer.is_last


def test_items_belong_to_the_phase_they_were_said_in(
    workspace: Workspace, store: Store, clock: FakeClock
) -> None:
    room = open_room(workspace, store, clock)
    room.next_phase()
    observation = room.add_note(NoteKind.OBSERVATION, "Fremmødet faldt", source="Liste")
    room.goto_phase(3)
    room.add_note(NoteKind.WONDERING, "Hvorfor i oktober?")
    idea = room.add_note(NoteKind.PARKED_IDEA, "Flyt gruppen")
    assert [n.text for n in room.notes_here()] == ["Hvorfor i oktober?", "Flyt gruppen"]
    room.next_phase()
    # The parked idea is shown again in next steps.
    assert room.phase.key == "next"
    assert room.notes_here() == []
    assert room.parked_ideas() == [idea]
    room.goto_phase(1)
    assert room.notes_here() == [observation]

    edited = room.edit_note(observation, "Fremmødet faldt til 55 %", source="")
    assert edited.source is None
    decision = room.add_decision("Vi prøver formiddag")
    room.edit_decision(decision, "Vi prøver formiddag i december")
    room.delete_note(idea)
    stored = store.load_meeting(room.meeting.id)
    assert [(n.phase, n.text) for n in stored.notes] == [
        ("data", "Fremmødet faldt til 55 %"),
        ("wonder", "Hvorfor i oktober?"),
    ]
    assert [d.text for d in stored.decisions] == ["Vi prøver formiddag i december"]
    room.delete_decision(room.meeting.decisions[0])
    assert store.load_meeting(room.meeting.id).decisions == []


def test_the_session_file_follows_phase_changes_pauses_and_the_end(
    workspace: Workspace, store: Store, clock: FakeClock
) -> None:
    room = open_room(workspace, store, clock)
    path = session_path(workspace, room.meeting.id)
    assert not path.exists()
    clock.advance(seconds=90)
    room.next_phase()
    written = sessionfile.read(path)
    assert written.phases[0].elapsed_ms == 90_000
    assert written.is_running

    room.add_note(NoteKind.OBSERVATION, "Noget vi så")
    clock.advance(seconds=30)
    assert room.toggle_pause() is False
    assert [n.text for n in sessionfile.read(path).notes] == ["Noget vi så"]
    assert sessionfile.read(path).phases[1].elapsed_ms == 30_000

    room.toggle_pause()
    clock.advance(seconds=15)
    room.leave()  # quitting does not end the meeting
    assert sessionfile.read(path).is_running
    assert store.load_meeting(room.meeting.id).is_running

    room.timer.resume()
    clock.advance(seconds=45)
    room.end()
    final = sessionfile.read(path)
    assert final.ended_at == clock.now()
    assert [p.elapsed_ms for p in final.phases[:2]] == [90_000, 90_000]
    assert not store.load_meeting(room.meeting.id).is_running
