"""The template chooser: one line on the start screen, a list below it when opened."""

from __future__ import annotations

from textual.widgets import OptionList

from refleksionsrum.tui.start import StartScreen
from refleksionsrum.tui.templatechooser import TemplateChooser, TemplateList
from support.pilot import (
    AppFactory,
    RRPilot,
    focused_id,
    rr,
    run_app,
    start_from_start_screen,
    wait_for_screen,
    wait_until,
)


async def _open(pilot: RRPilot, start: StartScreen) -> tuple[TemplateChooser, OptionList]:
    chooser = start.query_one("#template", TemplateChooser)
    chooser.focus()
    await pilot.press("enter")
    shown = await wait_for_screen(pilot, TemplateList)
    listed = shown.query_one(OptionList)
    await wait_until(pilot, lambda: listed.size.width > 0, "the list drawn")
    return chooser, listed


async def test_the_longest_template_fits_its_line_in_the_open_list(make_app: AppFactory) -> None:
    app = make_app()
    async with run_app(app, (80, 24)) as pilot:
        start = await wait_for_screen(pilot, StartScreen)
        chooser, listed = await _open(pilot, start)
        # "Organisatorisk niveau · 180 min" wrapped onto a second line in a list as narrow
        # as the field; the list is as wide as its longest template now: a line each.
        assert listed.content_size.height == listed.option_count == 3
        # Just below the field, never narrower than it, and on the screen.
        assert listed.region.y == chooser.region.bottom
        assert listed.region.x == chooser.region.x
        assert listed.region.width >= chooser.region.width
        assert listed.region.right <= 80
        # The chosen template is the one highlighted as the list opens.
        assert listed.highlighted == 0


async def test_a_template_chosen_in_the_list_is_the_meetings(make_app: AppFactory) -> None:
    app = make_app()
    async with run_app(app, (100, 30)) as pilot:
        start = await wait_for_screen(pilot, StartScreen)
        chooser, _ = await _open(pilot, start)
        await pilot.press("down", "enter")
        await wait_for_screen(pilot, StartScreen)
        assert chooser.value == "indsatsniveau"
        assert "Indsatsniveau · 120 min" in chooser.render().plain
        assert focused_id(app) == "template"
        screen = await start_from_start_screen(pilot, "Kvartalsmøde")
        assert screen.room.meeting.template == "indsatsniveau"
        assert rr(pilot).room is screen.room


async def test_escape_closes_the_list_and_keeps_the_template(make_app: AppFactory) -> None:
    app = make_app()
    async with run_app(app, (100, 30)) as pilot:
        start = await wait_for_screen(pilot, StartScreen)
        chooser, _ = await _open(pilot, start)
        await pilot.press("down", "escape")
        await wait_for_screen(pilot, StartScreen)
        assert chooser.value == "borgerniveau"
        assert focused_id(app) == "template"


async def test_a_click_opens_the_list_and_one_beside_it_closes_it(make_app: AppFactory) -> None:
    app = make_app()
    async with run_app(app, (100, 30)) as pilot:
        start = await wait_for_screen(pilot, StartScreen)
        await pilot.click("#template")
        shown = await wait_for_screen(pilot, TemplateList)
        # Far to the right and low down: beside the list, over the start screen.
        await pilot.click(shown, offset=(95, 25))
        await wait_for_screen(pilot, StartScreen)
        assert start.query_one("#template", TemplateChooser).value == "borgerniveau"
