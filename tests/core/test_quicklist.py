"""The start screen's quick look: lists and file changes read with sqlite3 alone."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys

from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.files.sync import ingest, session_path
from refleksionsrum.core.meeting.room import MeetingRoom
from refleksionsrum.core.meeting.starting import new_meeting
from refleksionsrum.core.store.database import Store
from refleksionsrum.core.store.quicklist import files_to_take_in, quick_look
from refleksionsrum.core.store.schema import SCHEMA_VERSION
from refleksionsrum.core.workspace import Workspace
from support.rooms import new_room


def test_a_new_workspace_has_empty_lists_and_nothing_to_take_in(workspace: Workspace) -> None:
    assert quick_look(workspace) is not None
    assert files_to_take_in(workspace) == (False, [])


def test_lists_running_and_recent_meetings_like_the_store(
    workspace: Workspace, store: Store, clock: FakeClock
) -> None:
    template = workspace.config.template()
    first = MeetingRoom(workspace, store, new_meeting(store, template, "Første", [], clock), clock)
    first.end()
    clock.advance(minutes=60)
    second = MeetingRoom(workspace, store, new_meeting(store, template, "Anden", [], clock), clock)
    second.next_phase()
    look = quick_look(workspace)
    assert look is not None
    running, recent = store.summaries()
    assert look.running == running and look.recent == recent
    assert look.running[0].current_phase_title == "Datagennemgang"
    # The app wrote both files and noted them: nothing new to take in.
    assert files_to_take_in(workspace) == (False, [])


def test_a_file_dropped_in_or_changed_needs_the_store(
    workspace: Workspace, store: Store, clock: FakeClock
) -> None:
    room = new_room(workspace, store, "M", clock)
    room.end()
    copy = workspace.sessions_dir / "kollega.toml"
    shutil.copy(session_path(workspace, room.meeting.id), copy)
    assert files_to_take_in(workspace)[0] is True
    copy.write_text('format = 1\nid = "kollega\n', encoding="utf-8")
    ingest(workspace, store)
    changed, problems = files_to_take_in(workspace)
    assert changed is False
    assert [p.path.name for p in problems] == ["kollega.toml"]
    # Read again for its own reason and position, not a stored key without them.
    assert "kollega.toml:2:" in problems[0].render()
    assert "anførselstegn" in problems[0].render()


def test_a_pending_session_file_is_noticed(workspace: Workspace, store: Store) -> None:
    store.files.mark_pending("2026-11-23-0900-m")
    look = quick_look(workspace)
    assert look is not None and look.files_pending


def test_a_newer_database_is_left_to_the_store(workspace: Workspace, store: Store) -> None:
    path = workspace.database_path
    assert path is not None
    with sqlite3.connect(path) as connection:
        connection.execute(
            "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),)
        )
    assert quick_look(workspace) is None


def test_the_quick_look_does_not_import_the_database_layer() -> None:
    code = (
        "import sys\n"
        "from refleksionsrum.core.store import quicklist\n"
        "assert 'sqlmodel' not in sys.modules and 'sqlalchemy' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
