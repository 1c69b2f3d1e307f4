"""Pause, add time, skip and go back with the keys; presentation mode; warning and overtime."""

from __future__ import annotations

import re
from collections.abc import Callable

from rich.console import Console
from textual.widgets import Digits, Label

from refleksionsrum.core.clock import FakeClock
from refleksionsrum.tui.app import RefleksionsrumApp
from refleksionsrum.tui.clockview import TimeBox
from refleksionsrum.tui.presentation import PresentationScreen
from refleksionsrum.tui.summary import time_bars
from refleksionsrum.tui.themes import HIGH_CONTRAST, STANDARD
from support.pilot import open_data_phase, wait_until

AppFactory = Callable[..., RefleksionsrumApp]


def shown(app: RefleksionsrumApp) -> tuple[str, str]:
    """What the time box says: its label and its digits."""
    box = app.screen.query_one(TimeBox)
    return str(box.query_one(Label).content), box.query_one(Digits).value


async def test_pause_stops_the_countdown_and_says_so(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(new=True, title="Pause")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_data_phase(pilot, clock)
        clock.advance(seconds=30)
        screen.tick()
        assert shown(app) == ("Tid tilbage", "06:30")
        await pilot.press("ctrl+t")
        clock.advance(minutes=3)
        screen.tick()
        assert shown(app) == ("PAUSE", "06:30")
        assert app.screen.query_one(TimeBox).has_class("-paused")
        await pilot.press("ctrl+t")
        clock.advance(seconds=10)
        screen.tick()
        assert shown(app) == ("Tid tilbage", "06:20")
        assert app.room is not None
        assert app.room.store.load_meeting(app.room.meeting.id).clock.running


async def test_adding_one_and_five_minutes(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app(new=True, title="Mere tid")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_data_phase(pilot, clock)
        await pilot.press("f2")
        screen.tick()
        assert shown(app)[1] == "08:00"
        await pilot.press("f3")
        screen.tick()
        assert shown(app)[1] == "13:00"
        assert app.room is not None
        stored = app.room.store.load_meeting(app.room.meeting.id)
        assert stored.phases[1].added_ms == 6 * 60_000
        # The summary tells the plan and the minutes added apart.
        console = Console(width=100, record=True)
        console.print(time_bars(app.room))
        summary = console.export_text()
        assert re.search(r"Datagennemgang +7 \+ 6 min", summary)
        assert "30 + 6 min" in summary  # the whole meeting


async def test_skip_and_back_keep_the_time_used(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app(new=True, title="Spring")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_data_phase(pilot, clock)
        room = app.room
        assert room is not None
        clock.advance(minutes=3)
        await pilot.press("ctrl+n", "ctrl+n")
        await wait_until(pilot, lambda: room.phase.key == "wonder", "wonder")
        clock.advance(minutes=1)
        await pilot.press("ctrl+r", "ctrl+r")
        await wait_until(pilot, lambda: room.phase.key == "data", "back to data")
        used = [room.timer.elapsed_ms(i) for i in range(len(room.meeting.phases))]
        assert used == [120_000, 180_000, 0, 60_000, 0]
        # Back in data the box continues from the three minutes already used.
        app.screen.tick()  # type: ignore[attr-defined]
        assert shown(app)[1] == "04:00"


async def test_warning_then_overtime_counting_up(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app(new=True, title="Tiden")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_data_phase(pilot, clock)
        box = app.screen.query_one(TimeBox)
        clock.advance(minutes=5, seconds=30)
        screen.tick()
        assert box.has_class("-warning") and shown(app) == ("Snart slut", "01:30")
        clock.advance(minutes=1, seconds=30)
        screen.tick()
        assert not box.has_class("-overtime")
        clock.advance(minutes=1, seconds=23)
        screen.tick()
        assert box.has_class("-overtime") and shown(app) == ("OVERTID", "+01:23")


async def test_presentation_mode_steps_through_the_questions(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(new=True, title="Projektor")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_data_phase(pilot, clock)
        await pilot.press("f5")
        await wait_until(pilot, lambda: isinstance(app.screen, PresentationScreen), "presentation")
        prompt = app.screen.query_one("#present-prompt")
        first = str(prompt.render())
        assert "Hvad viser data" in first and "spørgsmål 1 af 3" in first
        await pilot.press("right")
        assert "spørgsmål 2 af 3" in str(prompt.render())
        await pilot.press("left", "left")
        assert "spørgsmål 3 af 3" in str(prompt.render())
        items = str(app.screen.query_one("#present-items").render())
        assert "Tre familier nævner transporten" in items
        # Next phase from the projector, then back to the meeting screen.
        await pilot.press("ctrl+n")
        assert app.room is not None and app.room.phase.key == "reflection"
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, PresentationScreen), "back")
        await wait_until(
            pilot,
            lambda: "REFLEKSION" in str(app.screen.query_one("#phase-title").render()),
            "the meeting screen shows the phase moved to",
        )


async def test_contrast_key_switches_theme(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app(new=True, title="Kontrast")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_data_phase(pilot, clock)
        assert app.theme == STANDARD
        await pilot.press("f6")
        assert app.theme == HIGH_CONTRAST


async def test_bell_rings_once_when_time_runs_out(
    make_app: AppFactory, clock: FakeClock, workspace: object
) -> None:
    app = make_app(new=True, title="Klokke")
    rings: list[int] = []
    app.bell = lambda: rings.append(1)  # type: ignore[method-assign]
    object.__setattr__(app.workspace.config, "bell", True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_data_phase(pilot, clock)
        clock.advance(minutes=6, seconds=59)
        screen.tick()
        assert rings == []
        clock.advance(seconds=2)
        screen.tick()
        screen.tick()
        assert rings == [1]


def test_the_agenda_says_how_far_ahead_in_full_at_80_columns() -> None:
    """The agenda panel is 24 columns wide at 80: "24 min foran planen" is not cut."""
    from refleksionsrum.tui.clockview import _ends_table

    console = Console(width=24, record=True)
    console.print(_ends_table(("02.38", "02.15", -24), 24))
    assert "24 min foran planen" in console.export_text()
