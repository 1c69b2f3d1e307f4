"""The summary after a meeting, on a laptop's 80x24: its title and its buttons both in view."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Button

from support.pilot import (
    AppFactory,
    end_meeting,
    record,
    run_app,
    to_next_steps,
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
