"""The store queue: work that waits for the drawing keeps its order, and quitting still does it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Static

from refleksionsrum.tui import storequeue
from refleksionsrum.tui.storequeue import StoreQueue
from support.pilot import wait_until


class Plain(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("ready")


Held = list[Callable[[], object]]


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Held:
    """The queue's 'after the next frame' callbacks, kept until the test says drawn."""
    kept: Held = []
    monkeypatch.setattr(storequeue, "after_frame", lambda _screen, callback: kept.append(callback))
    return kept


async def line_then_draft(
    screen: Any, pilot: Pilot[None], held: Held
) -> tuple[StoreQueue, list[str]]:
    """A line queued to wait for the drawing, a draft behind it; the drawing held back."""
    queue = StoreQueue(screen)
    ran: list[str] = []
    queue.put(lambda: ran.append("line"), lambda _: None, lambda _: None, after_drawing=True)
    queue.put(lambda: ran.append("draft"), lambda _: None, lambda _: None)
    for _ in range(5):
        await pilot.pause()
    return queue, ran


async def test_work_behind_a_line_waiting_for_the_drawing_waits_too(held: Held) -> None:
    app = Plain()
    async with app.run_test() as pilot:
        queue, ran = await line_then_draft(app.screen, pilot, held)
        assert ran == []
        assert queue.busy
        for drawn in held:
            drawn()
        await wait_until(pilot, lambda: not queue.busy, "the queue done")
        assert ran == ["line", "draft"]


async def test_quitting_does_the_work_that_waits_for_the_drawing_once(held: Held) -> None:
    app = Plain()
    async with app.run_test() as pilot:
        queue, ran = await line_then_draft(app.screen, pilot, held)
        queue.run_now(lambda work: work())
        assert ran == ["line", "draft"]
        # Drawn after all (the app had not gone yet): nothing is done twice.
        for drawn in held:
            drawn()
        await wait_until(pilot, lambda: not queue.busy, "the queue done")
        assert ran == ["line", "draft"]
