"""sessions/ and the store: private files, and files people drop in are taken in."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.files import sessionfile, sync
from refleksionsrum.core.files.sync import check_sessions, ingest, write_session_file
from refleksionsrum.core.meeting.room import MeetingRoom
from refleksionsrum.core.meeting.starting import new_meeting
from refleksionsrum.core.models import Meeting, NoteKind
from refleksionsrum.core.store.database import Store
from refleksionsrum.core.workspace import Workspace
from support.samples import phase, session_text, trial_action

HANDWRITTEN = session_text(
    "2026-11-09-1300-kollega",
    title="Kollegas møde",
    phases=[phase("next", "Næste skridt", 30, 1800)],
    notes=(),
    trial_actions=[
        trial_action(
            "ta-haand",
            title="Skrevet i hånden",
            owner="Sofie",
            prediction="Det virker.",
            measure="Vi spørger familien.",
        )
    ],
    evaluations=(),
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def room_for(workspace: Workspace, store: Store, clock: FakeClock, title: str) -> MeetingRoom:
    meeting = new_meeting(store, workspace.config.template(), title, [], clock)
    return MeetingRoom(workspace, store, meeting, clock)


def test_files_are_private(workspace: Workspace, store: Store, clock: FakeClock) -> None:
    meeting = new_meeting(store, workspace.config.template(), "Møde", [], clock)
    path = write_session_file(workspace, store, meeting)
    assert path == workspace.sessions_dir / f"{meeting.id}.toml"
    assert mode(path) == 0o600
    assert mode(workspace.sessions_dir) == 0o700
    assert workspace.database_path is not None
    assert workspace.database_path.parent == workspace.sessions_dir
    assert mode(workspace.database_path) == 0o600
    assert sessionfile.read(path).id == meeting.id
    # No temporary files are left behind.
    assert sorted(p.name for p in workspace.sessions_dir.iterdir() if p.suffix == ".tmp") == []


def test_a_loosened_sessions_folder_is_made_private_again(workspace: Workspace) -> None:
    os.chmod(workspace.sessions_dir, 0o755)
    store = sync.open_store(workspace)
    store.close()
    assert mode(workspace.sessions_dir) == 0o700


def test_a_dropped_in_file_is_taken_in_and_followed_up(
    workspace: Workspace, store: Store, clock: FakeClock
) -> None:
    (workspace.sessions_dir / "kollega.toml").write_text(HANDWRITTEN, encoding="utf-8")
    report = ingest(workspace, store)
    assert report.taken_in == ["2026-11-09-1300-kollega"]
    assert report.problems == []
    taken = store.load_meeting("2026-11-09-1300-kollega")
    assert taken.title == "Kollegas møde"
    assert not taken.is_running

    room = room_for(workspace, store, clock, "Næste møde")
    assert room.meeting.previous == "2026-11-09-1300-kollega"
    assert [a.id for a in room.open_trial_actions()] == ["ta-haand"]


def test_unchanged_files_are_not_read_again(
    workspace: Workspace, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    (workspace.sessions_dir / "kollega.toml").write_text(HANDWRITTEN, encoding="utf-8")
    assert ingest(workspace, store).taken_in == ["2026-11-09-1300-kollega"]
    reads: list[Path] = []
    real_read = sessionfile.read

    def counting_read(path: Path) -> Meeting:
        reads.append(path)
        return real_read(path)

    monkeypatch.setattr(sessionfile, "read", counting_read)
    again = ingest(workspace, store)
    assert again.taken_in == []
    assert reads == []
    # A changed file is read and taken in again.
    (workspace.sessions_dir / "kollega.toml").write_text(
        HANDWRITTEN.replace("Kollegas møde", "Kollegas møde, rettet"), encoding="utf-8"
    )
    assert ingest(workspace, store).taken_in == ["2026-11-09-1300-kollega"]
    assert store.load_meeting("2026-11-09-1300-kollega").title == "Kollegas møde, rettet"


def test_the_apps_own_files_are_not_taken_in_again(
    workspace: Workspace, store: Store, clock: FakeClock
) -> None:
    room = room_for(workspace, store, clock, "Møde")
    room.add_note(NoteKind.OBSERVATION, "Noget vi så")
    room.end()
    assert ingest(workspace, store).taken_in == []


def test_an_unreadable_file_is_reported_and_the_others_are_taken_in(
    workspace: Workspace, store: Store
) -> None:
    (workspace.sessions_dir / "a-broken.toml").write_text(
        HANDWRITTEN.replace("planned_minutes = 30", 'planned_minutes = "tredive"'),
        encoding="utf-8",
    )
    (workspace.sessions_dir / "b-good.toml").write_text(HANDWRITTEN, encoding="utf-8")
    report = ingest(workspace, store)
    assert report.taken_in == ["2026-11-09-1300-kollega"]
    (problem,) = report.problems
    assert problem.path.name == "a-broken.toml"
    assert problem.message_key == "session.wrong_type"
    first_message = problem.render()
    assert "a-broken.toml:11:19:" in first_message
    assert "planned_minutes" in first_message

    # Next start: still reported, with the same full message, though not taken in.
    again = ingest(workspace, store)
    assert again.taken_in == []
    (problem,) = again.problems
    assert problem.render() == first_message


@pytest.mark.parametrize(
    "started",
    ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"],
)
def test_a_time_at_the_edge_of_the_calendar_is_a_problem_not_a_crash(
    workspace: Workspace, store: Store, started: str
) -> None:
    text = HANDWRITTEN.replace("2026-11-09T13:00:00+01:00", started)
    (workspace.sessions_dir / "edge.toml").write_text(text, encoding="utf-8")
    (workspace.sessions_dir / "good.toml").write_text(
        HANDWRITTEN.replace("2026-11-09-1300-kollega", "anden").replace("ta-haand", "ta-2"),
        encoding="utf-8",
    )
    report = ingest(workspace, store)
    assert report.taken_in == ["anden"]
    assert [p.path.name for p in report.problems] == ["edge.toml"]
    assert "edge.toml:5:" in report.problems[0].render()


def test_a_running_meeting_is_not_overwritten_by_a_stale_file(
    workspace: Workspace, store: Store, clock: FakeClock
) -> None:
    room = room_for(workspace, store, clock, "Møde")
    path = write_session_file(workspace, store, room.meeting)
    stale = path.read_text(encoding="utf-8")
    room.add_note(NoteKind.OBSERVATION, "Skrevet efter filen")
    room.add_decision("Besluttet efter filen")
    # The stale copy comes back (a sync tool, a restored backup) with a new mtime.
    path.write_text(stale.replace('title = "Møde"', 'title = "Gammelt navn"'), encoding="utf-8")
    report = ingest(workspace, store)
    assert report.taken_in == []
    kept = store.load_meeting(room.meeting.id)
    assert kept.title == "Møde"
    assert [n.text for n in kept.notes] == ["Skrevet efter filen"]
    assert [d.text for d in kept.decisions] == ["Besluttet efter filen"]


def test_a_file_whose_trial_action_clashes_is_reported(workspace: Workspace, store: Store) -> None:
    (workspace.sessions_dir / "a.toml").write_text(HANDWRITTEN, encoding="utf-8")
    (workspace.sessions_dir / "b.toml").write_text(
        HANDWRITTEN.replace("2026-11-09-1300-kollega", "en-anden"), encoding="utf-8"
    )
    report = ingest(workspace, store)
    assert report.taken_in == ["2026-11-09-1300-kollega"]
    assert [(p.path.name, p.message_key) for p in report.problems] == [("b.toml", "session.clash")]
    assert not store.has_meeting("en-anden")


def test_check_sessions_counts_good_files_and_lists_problems(workspace: Workspace) -> None:
    folder = workspace.sessions_dir
    (folder / "a.toml").write_text(HANDWRITTEN, encoding="utf-8")
    (folder / "b.toml").write_text(HANDWRITTEN, encoding="utf-8")  # the same meeting again
    (folder / "c.toml").write_bytes(b'format = 1\nid = "x\xff"\n')
    good, problems = check_sessions(folder)
    assert good == 1
    assert [(p.path.name, p.message_key) for p in problems] == [
        ("b.toml", "session.duplicate_meeting"),
        ("c.toml", "session.not_utf8"),
    ]
    assert "a.toml" in problems[0].render()


def test_a_failed_write_leaves_the_old_file_whole(
    workspace: Workspace, store: Store, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = room_for(workspace, store, clock, "Møde")
    path = write_session_file(workspace, store, room.meeting)
    before = path.read_bytes()
    room.add_decision("Efter første skrivning")

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    assert room.write_file() is False
    assert room.file_trouble is not None
    assert "No space left" in room.file_trouble.reason
    assert path.read_bytes() == before
    assert [p.name for p in workspace.sessions_dir.iterdir() if p.name.endswith(".tmp")] == []
    monkeypatch.undo()
    assert room.write_file() is True
    assert room.file_trouble is None
    assert "Efter første skrivning" in path.read_text(encoding="utf-8")
