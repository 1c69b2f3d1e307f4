"""Two rooms on one meeting: the facilitator's and the note-taker's keep in step via the store."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator

import pytest

from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.files.sync import session_path
from refleksionsrum.core.kinds import NoteKind
from refleksionsrum.core.live.facilitation import Role, facilitator_seen
from refleksionsrum.core.meeting.room import MeetingRoom
from refleksionsrum.core.meeting.starting import new_meeting
from refleksionsrum.core.store.database import EditConflict, Store
from refleksionsrum.core.store.items import ItemKept
from refleksionsrum.core.workspace import Workspace


@pytest.fixture
def rooms(
    workspace: Workspace, store: Store, clock: FakeClock
) -> Iterator[tuple[MeetingRoom, MeetingRoom]]:
    meeting = new_meeting(store, workspace.config.template("borgerniveau"), "Møde", [], clock)
    facilitator = MeetingRoom(workspace, store, meeting, clock)
    # The note-taker's app has its own connection to the same database.
    other = Store(workspace.database_url)
    note_taker = MeetingRoom.join(workspace, other, meeting.id, clock)
    yield facilitator, note_taker
    other.close()


def in_step(room: MeetingRoom) -> None:
    room.reload(*room.fresh())


def test_each_side_sees_the_others_items(rooms: tuple[MeetingRoom, MeetingRoom]) -> None:
    facilitator, note_taker = rooms
    assert note_taker.role is Role.NOTE_TAKER
    facilitator.next_phase()
    in_step(note_taker)
    mine = note_taker.add_note(NoteKind.OBSERVATION, "Referentens observation")
    theirs = facilitator.add_note(NoteKind.OBSERVATION, "Mødelederens observation")
    in_step(facilitator)
    in_step(note_taker)
    for room in rooms:
        assert {n.text for n in room.notes_here()} == {mine.text, theirs.text}


def test_the_session_file_holds_every_processs_items(
    rooms: tuple[MeetingRoom, MeetingRoom], workspace: Workspace
) -> None:
    facilitator, note_taker = rooms
    note_taker.add_note(NoteKind.NOTE, "skrevet af referenten")
    # The facilitator has not reloaded: its file is written from the store all the same.
    facilitator.leave()
    data = tomllib.loads(session_path(workspace, facilitator.meeting.id).read_text("utf-8"))
    assert [n["text"] for n in data["notes"]] == ["skrevet af referenten"]


def test_the_note_taker_follows_and_never_moves_the_meeting(
    rooms: tuple[MeetingRoom, MeetingRoom], store: Store, clock: FakeClock
) -> None:
    facilitator, note_taker = rooms
    meeting_id = facilitator.meeting.id
    facilitator.next_phase()
    in_step(note_taker)
    assert note_taker.shown == facilitator.timer.current == 1
    # The note-taker looks at the next phase and records into it: the meeting stays.
    assert note_taker.next_phase()
    note = note_taker.add_note(NoteKind.NOTE, "til næste fase")
    assert note.phase == facilitator.meeting.phases[2].key
    note_taker.toggle_pause()
    note_taker.add_time(5)
    note_taker.leave()
    stored = store.load_meeting(meeting_id)
    assert stored.clock.current == 1
    assert stored.clock.running
    assert stored.phases[1].added_ms == 0
    # Having looked away, it does not follow until it comes back to the meeting's phase.
    facilitator.next_phase()
    in_step(note_taker)
    assert note_taker.shown == 2 and note_taker.following
    clock.advance(seconds=1)


def test_the_countdown_is_the_same_in_both_processes(
    rooms: tuple[MeetingRoom, MeetingRoom], clock: FakeClock
) -> None:
    facilitator, note_taker = rooms
    clock.advance(seconds=95)
    assert note_taker.timer.remaining_ms() == facilitator.timer.remaining_ms()
    facilitator.toggle_pause()
    clock.advance(seconds=30)
    in_step(note_taker)
    assert not note_taker.timer.running
    assert note_taker.timer.remaining_ms() == facilitator.timer.remaining_ms()
    facilitator.toggle_pause()
    facilitator.add_time(5)
    clock.advance(seconds=12)
    in_step(note_taker)
    assert note_taker.timer.remaining_ms() == facilitator.timer.remaining_ms()


def test_taking_over_when_the_facilitator_is_gone(
    rooms: tuple[MeetingRoom, MeetingRoom], clock: FakeClock
) -> None:
    facilitator, note_taker = rooms
    meeting_id = facilitator.meeting.id
    token, seen = note_taker.store.facilitation.holder(meeting_id)
    assert not facilitator_seen(token, seen, clock.now()).gone
    clock.advance(seconds=60)  # no heartbeat: the facilitator's app crashed
    token, seen = note_taker.store.facilitation.holder(meeting_id)
    assert facilitator_seen(token, seen, clock.now()).gone
    note_taker.take_over()
    assert note_taker.is_facilitator
    assert note_taker.next_phase()
    assert note_taker.store.load_meeting(meeting_id).clock.current == 1
    # The old facilitator's app, if it comes back, learns that it no longer drives.
    assert not facilitator.heartbeat()
    assert facilitator.role is Role.NOTE_TAKER


def test_two_edits_of_one_note_never_silently_overwrite(
    rooms: tuple[MeetingRoom, MeetingRoom],
) -> None:
    facilitator, note_taker = rooms
    opened = facilitator.add_note(NoteKind.NOTE, "først")
    in_step(note_taker)
    (seen,) = note_taker.meeting.notes
    note_taker.edit_note(seen, "referentens udgave")
    with pytest.raises(EditConflict) as caught:
        facilitator.edit_note(opened, "mødelederens udgave")
    assert caught.value.current.text == "referentens udgave"  # type: ignore[union-attr]
    facilitator.edit_note(opened, "mødelederens udgave", force=True)
    in_step(note_taker)
    assert [n.text for n in note_taker.meeting.notes] == ["mødelederens udgave"]
    # Deleted on one side while edited on the other: kept as the editor's new note.
    note_taker.delete_note(note_taker.meeting.notes[0])
    with pytest.raises(ItemKept) as kept:
        facilitator.edit_note(opened, "stadig vigtig")
    in_step(facilitator)
    assert [n.text for n in facilitator.meeting.notes] == ["stadig vigtig"]
    assert kept.value.item.id == facilitator.meeting.notes[0].id


def test_each_side_keeps_its_own_half_typed_lines(
    rooms: tuple[MeetingRoom, MeetingRoom],
) -> None:
    """The facilitator's unsent line never shows up in the note-taker's entry line, nor
    the other way round, and recording one side's line drops only that side's draft."""
    facilitator, note_taker = rooms
    facilitator.drafts.save("entry:data", {"entry-text": "Mødelederens halve linje"})
    note_taker.drafts.save("entry:data", {"entry-text": "Referentens halve linje"})
    note_taker.drafts.save("form:new-action", {"ta-title": "Referentens idé"})
    assert facilitator.drafts.get("entry:data") == {"entry-text": "Mødelederens halve linje"}
    assert note_taker.drafts.get("entry:data") == {"entry-text": "Referentens halve linje"}
    # A crashed facilitator's app reopens only its own forms.
    assert facilitator.drafts.pending() == ["entry:data"]
    assert sorted(note_taker.drafts.pending()) == ["entry:data", "form:new-action"]
    note_taker.drafts.drop("entry:data")
    assert facilitator.drafts.get("entry:data") == {"entry-text": "Mødelederens halve linje"}
    assert note_taker.drafts.get("entry:data") == {}


def test_a_rooms_own_write_keeps_it_current_unless_someone_else_wrote_between(
    rooms: tuple[MeetingRoom, MeetingRoom],
) -> None:
    """The watcher then reports the room's own revision, which needs no reread; after a
    write by another process it reports one the room has not seen, and the room rereads."""
    facilitator, note_taker = rooms
    in_step(note_taker)
    note_taker.add_note(NoteKind.OBSERVATION, "Alene")
    assert note_taker.revision == note_taker.store.meeting_revision(note_taker.meeting.id)
    facilitator.add_note(NoteKind.OBSERVATION, "Imens")
    note_taker.add_note(NoteKind.OBSERVATION, "Bagefter")
    stored = note_taker.store.meeting_revision(note_taker.meeting.id)
    assert stored is not None and note_taker.revision is not None
    assert note_taker.revision < stored  # "Imens" is not in its read model: it must reread
    in_step(note_taker)
    assert {n.text for n in note_taker.meeting.notes} == {"Alene", "Imens", "Bagefter"}
