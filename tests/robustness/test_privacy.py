"""Notes about vulnerable citizens stay private on disk, whatever the umask.

Promise 10 of issue 4: sessions/ and referater/ 0700; the database, its -wal and -shm
files, session files and saved referater 0600, with a permissive umask.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from refleksionsrum import cli
from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.files.sync import open_store
from refleksionsrum.core.kinds import NoteKind
from refleksionsrum.core.meeting.room import MeetingRoom
from refleksionsrum.core.meeting.starting import new_meeting
from refleksionsrum.core.store.database import Store
from refleksionsrum.core.workspace import Workspace, init_workspace
from refleksionsrum.tui.app import RefleksionsrumApp
from refleksionsrum.tui.summary import SummaryScreen
from support.rooms import new_room

from .peek import database


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o022, 0o000], ids=["umask-022", "umask-000"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


def ended_meeting(root: Path) -> tuple[Workspace, str]:
    workspace = Workspace.open(root)
    store = open_store(workspace)
    clock = FakeClock()
    room = new_room(workspace, store, "Møde", clock)
    room.add_note(NoteKind.NOTE, "Om en borger")
    room.end()
    store.close()
    return workspace, room.meeting.id


def test_store_and_session_files_are_private(umask: int, tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws")
    sessions = root / "sessions"
    assert mode(sessions) == 0o700
    workspace = Workspace.open(root)
    store = open_store(workspace)
    clock = FakeClock()
    meeting = new_meeting(store, workspace.config.template(), "Møde", [], clock)
    room = MeetingRoom(workspace, store, meeting, clock)
    room.add_note(NoteKind.NOTE, "Om en borger")
    assert room.write_file()
    db = database(root)
    for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm"), sessions / f"{meeting.id}.toml"):
        assert mode(path) == 0o600, path
    store.close()
    assert not Path(f"{db}-wal").exists()  # the last connection folds the log back in

    # A later process opens the store without open_store's chmod: SQLite makes the new
    # -wal and -shm with the database file's own permissions.
    again = Store(workspace.database_url)
    try:
        again.items.add_note(meeting.id, room.meeting.notes[0])
        for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            assert mode(path) == 0o600, path
    finally:
        again.close()
    assert mode(sessions) == 0o700


def test_a_sessions_folder_made_by_someone_else_is_made_private(umask: int, tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws")
    os.chmod(root / "sessions", 0o755)
    store = open_store(Workspace.open(root))
    store.close()
    assert mode(root / "sessions") == 0o700


async def test_a_saved_referat_is_private(umask: int, tmp_path: Path) -> None:
    workspace, meeting_id = ended_meeting(init_workspace(tmp_path / "ws"))
    store = open_store(workspace)
    clock = FakeClock()
    room = MeetingRoom(workspace, store, store.load_meeting(meeting_id), clock)
    app = RefleksionsrumApp(workspace, clock=clock)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await app.push_screen(SummaryScreen(room))
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
    finally:
        store.close()
    folder = workspace.root / "referater"
    assert mode(folder) == 0o700
    assert mode(folder / f"{meeting_id}.md") == 0o600
    assert "Om en borger" in (folder / f"{meeting_id}.md").read_text(encoding="utf-8")


def test_an_exported_referat_is_private(umask: int, tmp_path: Path) -> None:
    workspace, meeting_id = ended_meeting(init_workspace(tmp_path / "ws"))
    target = tmp_path / "referat.md"
    code = cli.main(
        ["export", meeting_id, "--workspace", str(workspace.root), "--output", str(target)]
    )
    assert code == 0
    assert mode(target) == 0o600
    assert "Om en borger" in target.read_text(encoding="utf-8")
