"""Two files, one meeting or one trial action: the app keeps what it has; check says the same."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.files.reading import check_folder, unused_line
from refleksionsrum.core.files.sync import ingest, open_store, session_path, write_session_file
from refleksionsrum.core.kinds import NoteKind
from refleksionsrum.core.meeting.room import MeetingRoom
from refleksionsrum.core.store.database import Store
from refleksionsrum.core.workspace import Workspace, init_workspace

from .test_sync import HANDWRITTEN, room_for

ENDED = (
    HANDWRITTEN
    + """
[[notes]]
phase = "next"
kind = "observation"
text = "Skrevet efter kopien"
created_at = 2026-11-09T13:20:00+01:00
"""
)
RUNNING = HANDWRITTEN.replace("ended_at = 2026-11-09T13:30:00+01:00\n", "")
MEETING = "2026-11-09-1300-kollega"


def test_an_older_copy_under_another_name_never_replaces_the_meeting(
    workspace: Workspace, store: Store, clock: FakeClock
) -> None:
    room = room_for(workspace, store, clock, "Møde")
    path = write_session_file(workspace, store, room.meeting)
    copy = workspace.sessions_dir / "backup-kopi.toml"
    copy.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    room.add_note(NoteKind.OBSERVATION, "Skrevet efter kopien")
    room.end()
    # The real file is not rewritten yet (e.g. the app was killed): only the store has it.
    report = ingest(workspace, store)
    kept = store.load_meeting(room.meeting.id)
    assert [n.text for n in kept.notes] == ["Skrevet efter kopien"]
    assert not kept.is_running
    assert [(p.path.name, p.message_key) for p in report.problems] == [
        ("backup-kopi.toml", "session.disagrees")
    ]
    assert "backup-kopi.toml" in unused_line(report.problems)
    # Said again on the next start, and nothing changes.
    again = ingest(workspace, store)
    assert [p.path.name for p in again.problems] == ["backup-kopi.toml"]
    assert [n.text for n in store.load_meeting(room.meeting.id).notes] == ["Skrevet efter kopien"]


@pytest.mark.parametrize("copy_name", ["a-kopi.toml", "zz-kopi.toml"])
def test_a_database_rebuilt_from_files_keeps_the_richer_copy(
    workspace: Workspace, store: Store, copy_name: str
) -> None:
    folder = workspace.sessions_dir
    (folder / f"{MEETING}.toml").write_text(ENDED, encoding="utf-8")
    (folder / copy_name).write_text(RUNNING, encoding="utf-8")
    report = ingest(workspace, store)
    kept = store.load_meeting(MEETING)
    assert [n.text for n in kept.notes] == ["Skrevet efter kopien"]
    assert not kept.is_running
    assert [(p.path.name, p.message_key) for p in report.problems] == [
        (copy_name, "session.disagrees")
    ]
    # check judges the same files the same way.
    checked = check_folder(folder)
    assert [(p.path.name, p.message_key) for p in checked.problems] == [
        (copy_name, "session.disagrees")
    ]
    assert [u.path.name for u in checked.used] == [f"{MEETING}.toml"]


def test_a_richer_copy_under_another_name_is_taken_in_and_named(
    workspace: Workspace, store: Store
) -> None:
    folder = workspace.sessions_dir
    (folder / f"{MEETING}.toml").write_text(RUNNING, encoding="utf-8")
    assert ingest(workspace, store).taken_in == [MEETING]
    # A colleague's copy with everything and more, synced back under another name.
    (folder / f"{MEETING} (1).toml").write_text(ENDED, encoding="utf-8")
    report = ingest(workspace, store)
    kept = store.load_meeting(MEETING)
    assert [n.text for n in kept.notes] == ["Skrevet efter kopien"]
    assert report.taken_in == [MEETING]


def test_an_identical_copy_is_named_as_a_copy(workspace: Workspace, store: Store) -> None:
    folder = workspace.sessions_dir
    (folder / f"{MEETING}.toml").write_text(ENDED, encoding="utf-8")
    (folder / "kopi.toml").write_text(ENDED, encoding="utf-8")
    report = ingest(workspace, store)
    assert [(p.path.name, p.message_key) for p in report.problems] == [
        ("kopi.toml", "session.duplicate_meeting")
    ]
    assert [p.message_key for p in check_folder(folder).problems] == ["session.duplicate_meeting"]


def test_check_and_the_app_refuse_the_same_file_for_a_shared_trial_action(
    workspace: Workspace, store: Store
) -> None:
    folder = workspace.sessions_dir
    # b starts earlier, so it owns the id, whatever the names' order.
    (folder / "a.toml").write_text(HANDWRITTEN.replace(MEETING, "senere"), encoding="utf-8")
    (folder / "b.toml").write_text(
        HANDWRITTEN.replace(MEETING, "tidligere").replace("2026-11-09T13:00", "2026-11-02T13:00"),
        encoding="utf-8",
    )
    checked = check_folder(folder)
    report = ingest(workspace, store)
    assert [(p.path.name, p.message_key) for p in checked.problems] == [("a.toml", "session.clash")]
    assert [(p.path.name, p.message_key) for p in report.problems] == [("a.toml", "session.clash")]
    assert report.taken_in == ["tidligere"]
    assert "ta-haand" in checked.problems[0].render()
    assert "b.toml" in checked.problems[0].render()


def test_two_evaluations_of_one_trial_action_are_refused_alike(
    workspace: Workspace, store: Store
) -> None:
    evaluation = """
[[evaluations]]
trial_action = "ta-gammel"
carried_out = "yes"
what_happened = "Det gik."
learning = "Noget."
verdict = "{verdict}"
"""
    text = HANDWRITTEN + evaluation.format(verdict="adopt") + evaluation.format(verdict="abandon")
    (workspace.sessions_dir / "to.toml").write_text(text, encoding="utf-8")
    checked = check_folder(workspace.sessions_dir)
    report = ingest(workspace, store)
    assert [p.message_key for p in checked.problems] == ["session.duplicate_evaluation"]
    assert [p.message_key for p in report.problems] == ["session.duplicate_evaluation"]
    assert ":" in checked.problems[0].where()  # line and column of the second one


def test_a_file_taken_in_becomes_private(workspace: Workspace, store: Store) -> None:
    path = workspace.sessions_dir / "kollega.toml"
    path.write_text(HANDWRITTEN, encoding="utf-8")
    os.chmod(path, 0o644)
    assert ingest(workspace, store).taken_in == [MEETING]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_same_judgement_after_a_restart(workspace: Workspace) -> None:
    folder = workspace.sessions_dir
    (folder / f"{MEETING}.toml").write_text(ENDED, encoding="utf-8")
    (folder / "kopi.toml").write_text(RUNNING, encoding="utf-8")
    for _ in range(2):
        store = open_store(workspace)
        try:
            report = ingest(workspace, store)
            assert [p.path.name for p in report.problems] == ["kopi.toml"]
            assert not store.load_meeting(MEETING).is_running
        finally:
            store.close()


def _workspace_on(folder: Path, url: str) -> Workspace:
    config = init_workspace(folder) / "config.toml"
    config.write_text(f'database_url = "{url}"\n' + config.read_text(encoding="utf-8"))
    return Workspace.open(folder)


def test_a_note_takers_workspace_on_the_same_database_never_takes_in_its_older_copy(
    tmp_path: Path, url: str, clock: FakeClock
) -> None:
    """Facilitator and note-taker each in their own workspace, one database (a team's
    PostgreSQL): the copy written when the note-taker left is older than the meeting.
    Their next start took it in over the facilitator's later items; now it is brought
    up to date from the database instead."""
    team, mine = _workspace_on(tmp_path / "team", url), _workspace_on(tmp_path / "mine", url)
    facilitator_store, note_taker_store = open_store(team), open_store(mine)
    try:
        room = room_for(team, facilitator_store, clock, "Møde")
        room.add_note(NoteKind.OBSERVATION, "Før referenten gik")
        MeetingRoom.join(mine, note_taker_store, room.meeting.id, clock).leave()
        room.add_note(NoteKind.OBSERVATION, "Efter referenten gik")
        room.end()
        copy = session_path(mine, room.meeting.id)
        assert "Efter referenten gik" not in copy.read_text(encoding="utf-8")
    finally:
        note_taker_store.close()

    # The note-taker's next start, in their own workspace.
    again = open_store(mine)
    try:
        report = ingest(mine, again)
        assert report.taken_in == [] and report.problems == []
        texts = [note.text for note in again.load_meeting(room.meeting.id).notes]
        assert texts == ["Før referenten gik", "Efter referenten gik"]
        assert "Efter referenten gik" in copy.read_text(encoding="utf-8")
        # The facilitator's own start afterwards finds its file in agreement, too.
        assert ingest(team, facilitator_store).taken_in == []
        assert len(facilitator_store.load_meeting(room.meeting.id).notes) == 2
    finally:
        again.close()
        facilitator_store.close()


def test_a_copy_edited_by_hand_is_still_taken_in(
    workspace: Workspace, store: Store, clock: FakeClock
) -> None:
    """Only the app's own unchanged copies are kept out; a colleague's edit is what counts."""
    room = room_for(workspace, store, clock, "Møde")
    room.add_note(NoteKind.OBSERVATION, "Skrevet i mødet")
    room.end()
    path = session_path(workspace, room.meeting.id)
    edited = path.read_text(encoding="utf-8").replace("Skrevet i mødet", "Rettet bagefter")
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(path.stat().st_mtime_ns + 10**9,) * 2)
    assert ingest(workspace, store).taken_in == [room.meeting.id]
    assert [n.text for n in store.load_meeting(room.meeting.id).notes] == ["Rettet bagefter"]
