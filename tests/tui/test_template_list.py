"""The template drop-down shows each template on one line, also at 80 columns."""

from __future__ import annotations

from textual.widgets import Select

from refleksionsrum.tui.internals import SelectOverlay
from refleksionsrum.tui.start import StartScreen
from support.pilot import AppFactory, run_app, wait_for_screen, wait_until


async def test_the_longest_template_fits_its_line_in_the_open_list(make_app: AppFactory) -> None:
    app = make_app()
    async with run_app(app, (80, 24)) as pilot:
        start = await wait_for_screen(pilot, StartScreen)
        chooser = start.query_one("#template", Select)
        chooser.focus()
        await pilot.press("enter")
        overlay = chooser.query_one(SelectOverlay)
        await wait_until(pilot, lambda: overlay.display and overlay.size.width > 0, "the list open")
        # "Organisatorisk niveau · 180 min" wrapped onto a second line in a list as narrow
        # as the field; the list is as wide as its longest template now: a line each.
        assert overlay.content_size.height == overlay.option_count
