"""How the meeting screen looks in its normal, warning, overtime and paused states, and on the
projector, at 80x24 and 160x45, with the clock frozen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from refleksionsrum.core.clock import FakeClock
from refleksionsrum.tui.app import RefleksionsrumApp
from refleksionsrum.tui.presentation import PresentationScreen
from support.pilot import open_data_phase, steady_cursors, wait_until

SIZES = [(80, 24), (160, 45)]


async def _normal(pilot: Pilot[Any], clock: FakeClock) -> None:
    clock.advance(seconds=75)


async def _warning(pilot: Pilot[Any], clock: FakeClock) -> None:
    clock.advance(minutes=5, seconds=30)


async def _overtime(pilot: Pilot[Any], clock: FakeClock) -> None:
    clock.advance(minutes=8, seconds=23)


async def _paused(pilot: Pilot[Any], clock: FakeClock) -> None:
    clock.advance(minutes=3)
    await pilot.press("ctrl+t")
    clock.advance(minutes=10)


async def _presentation(pilot: Pilot[Any], clock: FakeClock) -> None:
    clock.advance(seconds=75)
    await pilot.press("f5")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, PresentationScreen), "presenting")
    await pilot.press("right")


STATES = {
    "normal": _normal,
    "warning": _warning,
    "overtime": _overtime,
    "paused": _paused,
    "presentation": _presentation,
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("state", list(STATES))
def test_meeting_screen_states(
    snap_compare: Any,
    make_app: Callable[..., RefleksionsrumApp],
    clock: FakeClock,
    state: str,
    size: tuple[int, int],
) -> None:
    app = make_app(new=True, title="Familiebehandling, uge 48")

    async def arrange(pilot: Pilot[Any]) -> None:
        screen = await open_data_phase(pilot, clock)
        await STATES[state](pilot, clock)
        screen.tick()
        if isinstance(app.screen, PresentationScreen):
            app.screen.refresh_clock()
        # Toasts and the blinking cursor come and go with real time; the states are
        # what the snapshot is about.
        app.clear_notifications()
        await steady_cursors(pilot)

    assert snap_compare(app, terminal_size=size, run_before=arrange)
