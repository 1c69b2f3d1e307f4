"""Typing 200 characters into the meeting screen through Pilot, with saving on and off.

  python bench_typing.py WORKDIR PAIRS

Prints one JSON line: seconds per round for each mode, wall clock and this process's CPU
time (on a shared machine the CPU time is the steadier measure of the app's own work).
One app runs all rounds, each in a new meeting; pairs alternate which mode goes first
(on-off, off-on, ...).

What "saving off" means, and why: the app saves an item when Enter records it (one
commit per note), not per keystroke. Typing the same keys without Enter would also skip
the work of showing the new note, so the comparison would not isolate saving. Instead
both modes type exactly the same keys (10 notes of 20 characters, each ended by Enter)
and go through the same screen code; with saving off, only the store's add_note is
replaced on this one Store instance by a stand-in that hands back an id without touching
the database. The difference between the modes is then the cost of the commits alone.

How keys are sent: the app runs under App.run_test, and each key goes in the way
Pilot.press sends it (a Key event through the test driver). Pilot.press itself is not
timed: after every key it waits for the process to look idle, sleeping at least 20 ms
twice, so 210 keys take about 15 s of mostly sleep and any real difference vanishes in
it. Here each key is sent when the previous one has had its effect (the character is in
the entry line; after Enter, the note is recorded and listed), polling the event loop
without sleeping, so the time is the app's own work per keystroke.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench_common import emit
from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.widgets import Input

from refleksionsrum.core.models import Note
from refleksionsrum.core.workspace import Workspace, init_workspace
from refleksionsrum.tui.app import RefleksionsrumApp
from refleksionsrum.tui.items import shown_rows
from refleksionsrum.tui.meeting import MeetingScreen

NOTES = 10
# 20 characters each, with Danish letters and spaces: 200 characters in all.
NOTE_TEXT = "Fremmøde faldt på ø."
assert len(NOTE_TEXT) == 20


STUCK_SECONDS = 10
# Let the new meeting screen finish drawing before typing starts.
SETTLE_SECONDS = 0.15


async def _send(app: App[Any], key: str, done: Callable[[], bool]) -> None:
    """One key press as Pilot sends it; returns once ``done`` says it has had its effect."""
    if key == "enter":
        event = events.Key("enter", "\r")
    else:
        event = events.Key(key if key.isalnum() else _character_to_key(key), key)
    event.set_sender(app)
    assert app._driver is not None
    app._driver.send_message(event)
    await _until(done, f"key {key!r}")


async def _until(done: Callable[[], bool], what: str = "the screen") -> None:
    """Let the event loop run, without sleeping, until ``done`` holds."""
    deadline = time.perf_counter() + STUCK_SECONDS
    while not done():
        if time.perf_counter() > deadline:
            raise RuntimeError(f"{what}: nothing happened in {STUCK_SECONDS} s")
        await asyncio.sleep(0)


async def type_notes(app: RefleksionsrumApp, saving: bool) -> tuple[float, float]:
    """Start a new meeting, go to data review, and type the notes.

    Returns (wall seconds, CPU seconds of this process) for the typing alone.
    """
    store = app.store
    assert store is not None
    app.back_to_start()
    app.start_meeting(None, "Skrivetest", "")
    screen = app.screen
    assert isinstance(screen, MeetingScreen)
    room = screen.room
    await _until(lambda: screen.is_mounted and screen._shown_phase == 0)
    await screen.action_next_phase()  # ctrl+n: from follow-up to data review and its entry line
    assert room.records == "data"
    entry = screen.query_one("#entry-text", Input)
    items = screen.items
    assert items is not None
    await _until(lambda: entry.has_focus)
    await asyncio.sleep(SETTLE_SECONDS)  # start typing into a quiet app, as a person would
    real_add_note = store.items.add_note
    if not saving:
        ids = itertools.count(1_000_000)

        def not_saved(_meeting_id: str, note: Note) -> Note:
            return replace(note, id=next(ids))

        store.items.add_note = not_saved  # type: ignore[method-assign]

    def shows(length: int) -> Callable[[], bool]:
        return lambda: len(entry.value) == length

    def listed(count: int) -> Callable[[], bool]:
        return lambda: (
            len(room.meeting.notes) == count
            and entry.value == ""
            and len(shown_rows(items)) == count
        )

    gc.collect()
    begun = time.perf_counter()
    cpu_begun = time.process_time()
    for number in range(NOTES):
        for length, character in enumerate(NOTE_TEXT, start=1):
            await _send(app, character, shows(length))
        await _send(app, "enter", listed(number + 1))
    elapsed = time.perf_counter() - begun
    cpu = time.process_time() - cpu_begun
    store.items.add_note = real_add_note  # type: ignore[method-assign]
    typed = [n.text for n in room.meeting.notes]
    if typed != [NOTE_TEXT] * NOTES:
        raise RuntimeError(f"typed notes came out as {typed!r}")
    in_store = len(store.load_meeting(room.meeting.id).notes)
    if in_store != (NOTES if saving else 0):
        raise RuntimeError(f"{in_store} notes in the store with saving={saving}")
    return elapsed, cpu


async def main_async(root: Path, pairs: int) -> dict[str, Any]:
    """One app; each round types into a new meeting. Pairs alternate which mode goes first."""
    init_workspace(root)
    app = RefleksionsrumApp(Workspace.open(root))
    on: list[tuple[float, float]] = []
    off: list[tuple[float, float]] = []
    async with app.run_test(size=(120, 40)) as pilot:
        # The store opens when work begins (the start screen needs only sqlite3).
        app.load_store()
        await _until(lambda: app.store is not None, "the store")
        await app.workers.wait_for_complete()
        await pilot.pause()
        # Warm-up: first-time imports, CSS and caches are paid here, not measured.
        await type_notes(app, True)
        await type_notes(app, False)
        for pair in range(pairs):
            for saving in (True, False) if pair % 2 == 0 else (False, True):
                (on if saving else off).append(await type_notes(app, saving))
        app.exit(0)
    return {
        "on_s": [wall for wall, _ in on],
        "off_s": [wall for wall, _ in off],
        "on_cpu_s": [cpu for _, cpu in on],
        "off_cpu_s": [cpu for _, cpu in off],
        "characters": NOTES * len(NOTE_TEXT),
        "notes": NOTES,
    }


def main(argv: list[str]) -> int:
    emit(asyncio.run(main_async(Path(argv[0]), int(argv[1]))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
