"""An export lists sessions/ only while the folder may hold a name the store has not seen."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from refleksionsrum.core.store import quickread
from refleksionsrum.core.workspace import Workspace
from support.cli import GOOD_SESSION, hold_two_meetings


def _time_passes(folder: Path) -> None:
    """As if the folder was last changed an hour ago (a workspace untouched since then)."""
    then = time.time() - 3600
    os.utime(folder, (then, then))


@pytest.fixture
def listings(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every folder os.listdir is asked for from here on."""
    asked: list[str] = []
    real = os.listdir

    def counting(path: str | os.PathLike[str] = ".") -> list[str]:
        asked.append(os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "listdir", counting)
    yield asked


def _export(root: Path, meeting_id: str) -> quickread.QuickMeeting | None:
    return quickread.quick_meeting(Workspace.open(root), meeting_id)


def _seen_all(root: Path, meeting_id: str) -> None:
    """Two exports, time passing before each: the second notes the folder's mtime."""
    folder = root / "sessions"
    for _ in range(2):  # the first makes the database's -wal and -shm beside the files
        _time_passes(folder)
        assert _export(root, meeting_id) is not None


def test_an_untouched_folder_is_not_listed_again(workspace: Path, listings: list[str]) -> None:
    held = hold_two_meetings(workspace)
    _seen_all(workspace, held.second)
    listings.clear()
    found = _export(workspace, held.second)
    assert found is not None and found.meeting.id == held.second
    assert str(workspace / "sessions") not in listings


def test_a_name_added_since_is_still_seen(workspace: Path, listings: list[str]) -> None:
    held = hold_two_meetings(workspace)
    _seen_all(workspace, held.second)
    # A file dropped in by hand may be a copy of this meeting: only the full store judges it.
    (workspace / "sessions" / "2026-11-08-1300-haandskrevet.toml").write_text(GOOD_SESSION)
    listings.clear()
    assert _export(workspace, held.second) is None
    assert str(workspace / "sessions") in listings


def test_a_folder_changed_a_moment_ago_is_listed_each_time(
    workspace: Path, listings: list[str]
) -> None:
    held = hold_two_meetings(workspace)
    for _ in range(3):
        listings.clear()
        assert _export(workspace, held.second) is not None
        # Its mtime is too recent to vouch for: a name may come within the same tick.
        assert str(workspace / "sessions") in listings


def test_a_fifo_in_the_folder_keeps_it_listed(workspace: Path, listings: list[str]) -> None:
    held = hold_two_meetings(workspace)
    os.mkfifo(workspace / "sessions" / "ikke-en-fil.toml")
    for _ in range(3):
        _time_passes(workspace / "sessions")
        listings.clear()
        # Never recorded as a file: the folder always holds a name the store has not seen.
        assert _export(workspace, held.second) is None
        assert str(workspace / "sessions") in listings


def test_a_busy_database_still_gives_the_export(workspace: Path) -> None:
    held = hold_two_meetings(workspace)
    database = Workspace.open(workspace).database_path
    assert database is not None
    _time_passes(workspace / "sessions")
    _export(workspace, held.second)  # its -wal and -shm made
    _time_passes(workspace / "sessions")
    busy = sqlite3.connect(database)
    try:
        busy.execute("BEGIN IMMEDIATE")  # a meeting saving just then: the write lock held
        assert _export(workspace, held.second) is not None
    finally:
        busy.rollback()
        busy.close()
