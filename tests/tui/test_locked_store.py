"""Another program holding the database's write lock: the message says so, nothing merges.

The message blamed disk space, and keys typed while the screen waited for the lock were
added to the refused entry, so two entries became one note once the lock was let go
(the live helper's store queue now empties the line at once; this checks both).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, Static

from refleksionsrum.core.store import engine
from refleksionsrum.tui.forms import TrialActionForm
from refleksionsrum.tui.meeting import MeetingScreen
from support.pilot import (
    AppFactory,
    RRPilot,
    next_phase,
    run_app,
    toast_texts,
    wait_for_screen,
    wait_until,
)

SIZE = (100, 30)


@contextmanager
def write_lock(workspace: Path) -> Iterator[None]:
    """Hold the write lock from a second connection, as another program would."""
    other = sqlite3.connect(workspace / "sessions" / "refleksionsrum.db", isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        yield
        other.execute("COMMIT")
    finally:
        other.close()


def burst(pilot: RRPilot, *keys: str) -> None:
    for key in keys:
        pilot.app.post_message(events.Key(key, "\r" if key == "enter" else key))


def toasts(pilot: RRPilot) -> str:
    return toast_texts(pilot.app)


async def test_a_held_lock_is_named_and_two_entries_stay_two(
    make_app: AppFactory, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A short wait for the lock, so the test does not wait the real ten seconds.
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 300)
    app = make_app(new=True, title="Låst")
    async with run_app(app, SIZE) as pilot:
        screen = await wait_for_screen(pilot, MeetingScreen)
        await next_phase(pilot)
        with write_lock(workspace):
            burst(pilot, *"Første", "enter", *"Anden")
            await wait_until(pilot, lambda: "andet program" in toasts(pilot), "the lock named")
            entry = screen.query_one("#entry-text", Input)
            await wait_until(pilot, lambda: entry.value == "Anden", "the keys typed while waiting")
        assert "plads" not in toasts(pilot)
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: "Anden" in [n.text for n in screen.room.meeting.notes], "the second"
        )
        assert all("FørsteAnden" not in n.text for n in screen.room.meeting.notes)


async def test_a_form_saved_while_the_lock_is_held_waits_in_the_store_queue_not_the_screen(
    make_app: AppFactory, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A trial action saved under another program's lock: the screen stays free meanwhile.

    The save used to run on the UI thread, so the clock on the shared screen stood still
    and keys queued for the whole busy timeout; now it waits in the store queue's thread.
    """
    # Longer than any wait below: the lock is let go by the test, never by the timeout.
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 120_000)
    app = make_app(new=True, title="Låst form")
    async with run_app(app, SIZE) as pilot:
        screen = await wait_for_screen(pilot, MeetingScreen)
        for _ in range(4):
            await next_phase(pilot)
        await pilot.press("ctrl+a")
        form = await wait_for_screen(pilot, TrialActionForm)
        form.query_one("#ta-title", Input).value = "Ring dagen før"
        form.query_one("#ta-owner", Input).value = "Jonas"
        form.query_one("#ta-prediction", Input).value = "Flere møder op"
        form.query_one("#ta-measure", Input).value = "Fremmøde pr. gang"
        with write_lock(workspace):
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: app.screen is screen, "the form closed")
            # The save waits for the lock in its thread; the screen takes keys meanwhile.
            assert screen.store_queue.busy
            entry = screen.query_one("#entry-text", Input)
            entry.focus()
            await pilot.press(*"imens")
            await wait_until(pilot, lambda: entry.value == "imens", "keys typed while it waits")
            assert screen.store_queue.busy
            # Said above the items while it waits: the form is gone, the item not yet there.
            notice = screen.query_one("#notice", Static)
            await wait_until(pilot, lambda: "Gemmer" in str(notice.content), "'saving' said")
        await wait_until(
            pilot,
            lambda: [a.title for a in screen.room.meeting.trial_actions] == ["Ring dagen før"],
            "the trial action stored once the lock is let go",
        )
        await wait_until(pilot, lambda: "Gemmer" not in str(notice.content), "'saving' gone")
