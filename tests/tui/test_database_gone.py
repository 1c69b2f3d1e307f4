"""The database file deleted or replaced while the app runs: said at once, nothing lost.

SQLite goes on writing to a deleted file through its open handle: every note was
accepted, without a warning, and lost. The app notices (the file's device and inode,
checked before each write and on the clock's tick), says so, keeps what is typed on the
screen, and writes the session file, from which the next start rebuilds the database.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Static

from refleksionsrum.core.files import sessionfile
from refleksionsrum.tui.meeting import MeetingScreen
from support.pilot import (
    AppFactory,
    next_phase,
    plain,
    record,
    row_texts,
    run_app,
    wait_for_screen,
    wait_until,
)

SIZE = (100, 30)


def gone(database: Path, how: str) -> None:
    if how == "deleted":
        database.unlink()
    else:
        # A copy put in its place (a restored backup): another file under the same name.
        copy = database.with_name("copy.db")
        shutil.copy2(database, copy)
        copy.replace(database)


@pytest.mark.parametrize("how", ["deleted", "replaced"])
async def test_a_vanished_database_is_said_at_once_and_nothing_is_lost(
    make_app: AppFactory, workspace: Path, how: str
) -> None:
    app = make_app(new=True, title="Forsvundet")
    async with run_app(app, SIZE) as pilot:
        screen = await wait_for_screen(pilot, MeetingScreen)
        await next_phase(pilot)
        await record(pilot, "Før")
        assert [n.text for n in screen.room.meeting.notes] == ["Før"]
        meeting_id = screen.room.meeting.id
        gone(workspace / "sessions" / "refleksionsrum.db", how)

        screen.tick()  # the clock's next tick
        notice = screen.query_one("#notice", Static)
        await wait_until(pilot, lambda: "slettet eller erstattet" in plain(notice.content), "said")
        saved = sessionfile.read(workspace / "sessions" / f"{meeting_id}.toml")
        assert [n.text for n in saved.notes] == ["Før"]

        # A note typed now is refused, not swallowed: it stays on screen as a row not
        # stored (the store queue's refused line), and is not counted as stored.
        await record(pilot, "Efter")
        await wait_until(pilot, lambda: any("Efter" in r for r in row_texts(app)), "shown")
        for _ in range(10):
            await pilot.pause()
        assert [n.text for n in screen.room.meeting.notes] == ["Før"]
        assert any("Efter" in r for r in row_texts(app))
        assert app.is_running
