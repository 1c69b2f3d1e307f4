"""The summary after a meeting, on a laptop's 80x24: its title and its buttons both in view."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Button, OptionList

from refleksionsrum.tui.start import StartScreen
from refleksionsrum.tui.summary import SummaryScreen
from support.pilot import (
    AppFactory,
    end_meeting,
    record,
    run_app,
    to_next_steps,
    wait_for_screen,
    wait_until,
)


async def test_the_summary_opens_at_its_top_with_its_buttons_in_view(
    make_app: AppFactory,
) -> None:
    app = make_app(new=True, title="Opsamling på en lille skærm")
    async with run_app(app, (80, 24)) as pilot:
        await to_next_steps(pilot)
        await record(pilot, "Vi mødes igen om en måned")
        summary = await end_meeting(pilot)
        save = summary.query_one("#save-referat", Button)
        await wait_until(pilot, lambda: save.has_focus, "the save button has the focus")
        await pilot.pause()
        # The focused button once scrolled the summary to its end: title and name gone.
        assert summary.query_one("#summary", VerticalScroll).scroll_y == 0
        screen_region = summary.region
        for button in summary.query(Button):
            assert screen_region.contains_region(button.region), f"{button.id} out of view"


def test_the_time_bars_give_the_whole_seconds_the_session_file_has() -> None:
    from types import SimpleNamespace

    from rich.console import Console

    from refleksionsrum.tui.summary import time_bars
    from support.samples import finished_meeting

    meeting = finished_meeting()
    meeting.phases[0].elapsed_ms = 16_700  # the file says 17 (round), the screen said 00:16
    meeting.phases[1].elapsed_ms = 7_600
    console = Console(width=100, record=True)
    console.print(time_bars(SimpleNamespace(meeting=meeting)))  # type: ignore[arg-type]
    shown = console.export_text()
    assert "00:17" in shown and "00:08" in shown
    total = sum(p.elapsed_seconds for p in meeting.phases)
    assert f"{total // 60:02d}:{total % 60:02d}" in shown  # the rows add up to the total


async def test_a_finished_meeting_opens_from_the_start_screen_and_escape_goes_back(
    make_app: AppFactory,
) -> None:
    app = make_app(new=True, title="Mødet der er slut")
    async with run_app(app, (100, 30)) as pilot:
        await to_next_steps(pilot)
        await end_meeting(pilot)
        await pilot.press("escape")
        for _ in range(2):  # once after the meeting, once after the first look at it
            start = await wait_for_screen(pilot, StartScreen)
            recent = start.query_one("#recent", OptionList)
            await wait_until(pilot, lambda r=recent: r.option_count > 0, "the recent meetings")
            recent.focus()
            recent.highlighted = 0
            await pilot.press("enter")
            summary = await wait_for_screen(pilot, SummaryScreen)
            assert summary.room.meeting.title == "Mødet der er slut"
            await pilot.press("escape")
        assert isinstance(await wait_for_screen(pilot, StartScreen), StartScreen)
        assert len(app.screen_stack) == 1
