"""The start screen's list of recent meetings: one line's box when empty, the panel when not."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import OptionList

from refleksionsrum.core.summary import MeetingSummary
from refleksionsrum.tui.start import StartScreen
from support.pilot import AppFactory, run_app, wait_for_screen, wait_until

FINISHED = MeetingSummary(
    id="2026-12-01-0900-kvartal",
    title="Kvartalsmøde",
    template="borgerniveau",
    started_at=datetime(2026, 12, 1, 9, 0),
    ended_at=datetime(2026, 12, 1, 10, 0),
)


async def test_no_recent_meeting_is_one_lines_box_and_a_meeting_fills_the_panel(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with run_app(app, (100, 30)) as pilot:
        start = await wait_for_screen(pilot, StartScreen)
        recent = start.query_one("#recent", OptionList)
        await wait_until(pilot, lambda: recent.size.height > 0, "the list drawn")
        # Its one line, between the tall border's two edges.
        assert recent.has_class("-empty")
        assert recent.outer_size.height == 3
        start.show_meetings([], [FINISHED], [])
        await wait_until(pilot, lambda: recent.outer_size.height > 3, "the list grown")
        assert not recent.has_class("-empty")
        panel = start.query_one("#meetings")
        # Down to the panel's bottom edge: room for the next meetings too.
        assert recent.region.bottom >= panel.region.bottom - 3
