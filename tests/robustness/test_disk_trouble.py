"""Disk trouble during a meeting: the screen says so, recording goes on, the file follows later.

Promise 4 of issue 4, through the meeting screen (Pilot) on a FakeClock: sessions/ becomes
unwritable, read-only, full or gone mid-meeting. While it lasts the notice shows and every
note still reaches the database; the old session file stays whole. When the trouble is
gone, the screen's tick writes the file (at most every RETRY_FILE_MS) and the notice goes.
"""

from __future__ import annotations

import contextlib
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.files import atomic, sessionfile
from refleksionsrum.core.i18n import t
from refleksionsrum.core.meeting.filekeeper import RETRY_FILE_MS
from refleksionsrum.core.meeting.starting import new_meeting
from refleksionsrum.core.workspace import Workspace
from refleksionsrum.tui.app import RefleksionsrumApp
from refleksionsrum.tui.meeting import MeetingScreen
from support.pilot import items_of, wait_until
from support.rooms import new_room

from .faults import fill, immutable, leftovers, read_only_mount, tiny_disk

Trouble = Callable[[Path, pytest.MonkeyPatch], contextlib.AbstractContextManager[None]]
NOTICE_START = t("notice.file_trouble", path="", reason="").split(" i ")[0]


def database_elsewhere(root: Path) -> None:
    """Keep the database out of sessions/, so sessions/ can be mounted over or removed."""
    (root / "data").mkdir()
    config = root / "config.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("theme =", 'database_url = "sqlite:///data/refleksionsrum.db"\ntheme =', 1),
        encoding="utf-8",
    )


@contextlib.contextmanager
def unchangeable(sessions: Path, _mp: pytest.MonkeyPatch) -> Iterator[None]:
    with immutable(sessions):
        yield


@contextlib.contextmanager
def read_only(sessions: Path, _mp: pytest.MonkeyPatch) -> Iterator[None]:
    with read_only_mount(sessions):
        yield


@contextlib.contextmanager
def full(sessions: Path, _mp: pytest.MonkeyPatch) -> Iterator[None]:
    filler = fill(sessions)
    try:
        yield
    finally:
        filler.unlink()


@contextlib.contextmanager
def replaced_by_a_file(sessions: Path, _mp: pytest.MonkeyPatch) -> Iterator[None]:
    # A share unmounted under the app, leaving something else in its place.
    moved = sessions.with_name("sessions-away")
    sessions.rename(moved)
    sessions.write_text("ikke en mappe", encoding="utf-8")
    try:
        yield
    finally:
        sessions.unlink()
        moved.rename(sessions)


@contextlib.contextmanager
def refused(_sessions: Path, mp: pytest.MonkeyPatch) -> Iterator[None]:
    # Runs everywhere, root or not: the temporary file cannot be made.
    def deny(*_args: Any, **_kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    mp.setattr(atomic.tempfile, "mkstemp", deny)
    try:
        yield
    finally:
        mp.undo()


SCENARIOS: dict[str, tuple[Trouble, bool]] = {
    # name: (the trouble, whether the database lives outside sessions/)
    "immutable folder, database inside": (unchangeable, False),
    "read-only mount": (read_only, True),
    "disk full": (full, True),
    "folder replaced by a file": (replaced_by_a_file, True),
    "temporary file refused": (refused, False),
}


async def settle_long(pilot: Any, condition: Callable[[], object], what: str) -> None:
    """As settle, for work in a thread: waits on the clock (30 s), not on message turns."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never got to: {what}")


async def record(pilot: Any, app: RefleksionsrumApp, text: str) -> None:
    entry = app.screen.query_one("#entry-text", Input)
    entry.value = text
    await pilot.press("enter")
    await wait_until(pilot, lambda: entry.value == "", f"recording {text!r}")


def notice(screen: MeetingScreen) -> str:
    return str(screen.query_one("#notice", Static).render())


@pytest.mark.parametrize("name", list(SCENARIOS))
async def test_disk_trouble_is_shown_recording_goes_on_and_the_file_follows(
    name: str, workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trouble, elsewhere = SCENARIOS[name]
    if elsewhere:
        database_elsewhere(workspace)
    sessions = workspace / "sessions"
    with contextlib.ExitStack() as stack:
        if name == "disk full":
            shutil.rmtree(sessions)
            stack.enter_context(tiny_disk(sessions))
        clock = FakeClock()
        app = RefleksionsrumApp(Workspace.open(workspace), clock=clock, new=True, title="Disk")
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting")
            screen = app.screen
            assert isinstance(screen, MeetingScreen) and app.room is not None
            room = app.room
            path = sessions / f"{room.meeting.id}.toml"
            await pilot.press("ctrl+n")
            await wait_until(pilot, lambda: room.phase.key == "data", "the data phase")
            await wait_until(pilot, lambda: screen.query("#entry-text"), "the entry line")
            await record(pilot, app, "Før problemet")
            await pilot.press("ctrl+t")  # a pause is a checkpoint: the file is written
            # Nothing about the file: the notice only says how the paused meeting goes on.
            assert room.file_trouble is None and notice(screen) == t("notice.paused")
            before = path.read_bytes()
            assert "Før problemet" in before.decode("utf-8")

            with trouble(sessions, monkeypatch):
                await pilot.press("ctrl+t")  # checkpoint: the file cannot be written
                await pilot.pause()
                assert room.file_trouble is not None
                assert notice(screen).startswith(NOTICE_START)
                await record(pilot, app, "Under problemet")
                await pilot.press("ctrl+n")  # another checkpoint, another failure
                await wait_until(pilot, lambda: room.phase.key == "reflection", "the next phase")
                await record(pilot, app, "Stadig problemer")
                clock.advance(ms=RETRY_FILE_MS)
                screen.tick()  # a retry while the trouble lasts fails quietly
                assert room.file_trouble is not None
                assert notice(screen).startswith(NOTICE_START)
                if name != "folder replaced by a file":
                    assert path.read_bytes() == before
                    assert leftovers(sessions) == []

            stored = [n.text for n in room.store.load_meeting(room.meeting.id).notes]
            assert stored == ["Før problemet", "Under problemet", "Stadig problemer"]
            screen.tick()  # tried a moment ago: not again yet
            assert room.file_trouble is not None
            clock.advance(ms=RETRY_FILE_MS)
            screen.tick()
            await pilot.pause()
            assert room.file_trouble is None
            assert notice(screen) == ""
            saved = sessionfile.read(path)
            assert [n.text for n in saved.notes] == stored
            assert leftovers(sessions) == []
            await pilot.press("ctrl+q")


async def test_a_deleted_sessions_folder_is_made_again_at_the_next_checkpoint(
    workspace: Path,
) -> None:
    database_elsewhere(workspace)
    sessions = workspace / "sessions"
    clock = FakeClock()
    app = RefleksionsrumApp(Workspace.open(workspace), clock=clock, new=True, title="Væk")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting")
        assert app.room is not None
        room = app.room
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: app.screen.query("#entry-text"), "the entry line")
        shutil.rmtree(sessions)
        await record(pilot, app, "Mens mappen var væk")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert room.file_trouble is None
        saved = sessionfile.read(sessions / f"{room.meeting.id}.toml")
        assert [n.text for n in saved.notes] == ["Mens mappen var væk"]
        assert sessions.stat().st_mode & 0o777 == 0o700
        await pilot.press("ctrl+q")


@pytest.mark.parametrize("how", ["temporary file refused", "immutable folder"])
def test_a_file_the_end_could_not_write_is_written_at_the_next_start(
    how: str, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from refleksionsrum.core.files.sync import ingest, open_store
    from refleksionsrum.core.kinds import NoteKind

    opened = Workspace.open(workspace)
    sessions = workspace / "sessions"
    store = open_store(opened)
    clock = FakeClock()
    room = new_room(opened, store, "Slut", clock)
    assert room.write_file()
    room.add_note(NoteKind.NOTE, "Det sidste, der blev sagt")
    trouble = refused if how == "temporary file refused" else unchangeable
    with trouble(sessions, monkeypatch):
        room.end()  # the session file cannot be written: the app then quits
        assert room.file_trouble is not None
    store.close()
    path = sessions / f"{room.meeting.id}.toml"
    assert sessionfile.read(path).ended_at is None  # the file is behind

    # The next start, the problem gone: taking in sessions/ writes the file first.
    again = open_store(opened)
    try:
        ingest(opened, again)
        saved = sessionfile.read(path)
        assert saved.ended_at is not None
        assert [n.text for n in saved.notes] == ["Det sidste, der blev sagt"]
        assert again.files.pending() == []
    finally:
        again.close()


def test_a_full_disk_under_the_database_is_one_clear_store_error(workspace: Path) -> None:
    from refleksionsrum.core.files.sync import open_store
    from refleksionsrum.core.models import Note, NoteKind
    from refleksionsrum.core.store.database import StoreError

    sessions = workspace / "sessions"
    shutil.rmtree(sessions)
    with tiny_disk(sessions, "256k"):
        opened = Workspace.open(workspace)
        store = open_store(opened)
        clock = FakeClock()
        meeting = new_meeting(store, opened.config.template(), "Fuld", [], clock)
        filler = fill(sessions)
        note = Note("data", NoteKind.NOTE, "x" * 8000, clock.now())
        with pytest.raises(StoreError) as full:
            for _ in range(50):
                store.items.add_note(meeting.id, note)
        assert full.value.key == "store.write_failed"
        assert "full" in full.value.params["reason"]
        filler.unlink()
        stored = store.items.add_note(meeting.id, note)  # room again: writing goes on
        assert stored.id is not None
        store.close()


async def test_a_full_disk_under_the_database_keeps_the_typed_line(workspace: Path) -> None:
    sessions = workspace / "sessions"
    shutil.rmtree(sessions)
    with tiny_disk(sessions, "512k"):
        app = RefleksionsrumApp(Workspace.open(workspace), clock=FakeClock(), new=True, title="F")
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting")
            await pilot.press("ctrl+n")
            await wait_until(pilot, lambda: app.screen.query("#entry-text"), "the entry line")
            filler = fill(sessions)
            screen = app.screen
            assert isinstance(screen, MeetingScreen)
            entry = screen.query_one("#entry-text", Input)
            for number in range(40):
                entry.value = f"Vigtig sætning {number} " + "x" * 4000
                await pilot.press("enter")
                # Stored off the UI thread: wait for the store's answer.
                await settle_long(pilot, lambda: not screen.saving, "the store's answer")
                if screen.unsaved:
                    break
            assert app.is_running
            # Kept as a row that says it is not saved and why; the line is free for the next.
            (kept,) = screen.unsaved
            assert kept.text.startswith("Vigtig sætning")
            assert entry.value == ""
            filler.unlink()
            # Enter on the refused row tries again (it is the highlighted one).
            items_of(screen).focus()
            await pilot.pause()
            await pilot.press("enter")
            await settle_long(pilot, lambda: not screen.unsaved and not screen.saving, "saved")
            texts = [n.text for n in screen.room.store.load_meeting(screen.room.meeting.id).notes]
            assert kept.text in texts
            await pilot.press("ctrl+q")
