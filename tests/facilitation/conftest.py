"""An app with a meeting already running in the data phase, on a frozen clock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.models import NoteKind
from refleksionsrum.core.workspace import Workspace
from refleksionsrum.tui.app import RefleksionsrumApp
from refleksionsrum.tui.meeting import MeetingScreen

MAX_TURNS = 400


async def settle(pilot: Pilot[Any], condition: Callable[[], object], what: str) -> None:
    """Let the app work through its messages until ``condition()`` holds (bounded)."""
    for _ in range(MAX_TURNS):
        if condition():
            return
        await pilot.pause()
    raise AssertionError(f"the app never got to: {what}")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_app(workspace: Path, clock: FakeClock) -> Callable[..., RefleksionsrumApp]:
    def make(**options: Any) -> RefleksionsrumApp:
        return RefleksionsrumApp(Workspace.open(workspace), clock=clock, **options)

    return make


async def open_data_phase(pilot: Pilot[Any], clock: FakeClock) -> MeetingScreen:
    """Start a meeting with `new`, spend two minutes in follow-up, record two observations."""
    app = pilot.app
    assert isinstance(app, RefleksionsrumApp)
    await settle(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting screen")
    clock.advance(minutes=2)
    await pilot.press("ctrl+n")
    await settle(pilot, lambda: app.room is not None and app.room.phase.key == "data", "data")
    assert app.room is not None
    app.room.add_note(NoteKind.OBSERVATION, "Fremmødet faldt fra 80 % til 55 %", "Registrering")
    app.room.add_note(NoteKind.OBSERVATION, "Tre familier nævner transporten")
    screen = app.screen
    assert isinstance(screen, MeetingScreen)
    screen.refresh_items()
    screen.tick()
    await pilot.pause()
    return screen
