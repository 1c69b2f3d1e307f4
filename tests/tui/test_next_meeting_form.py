"""A new meeting offers the last meeting's participants, not its title, also after a restart."""

from __future__ import annotations

from textual.widgets import Input

from refleksionsrum.tui.meeting import MeetingScreen
from refleksionsrum.tui.start import StartScreen
from support.pilot import (
    AppFactory,
    end_meeting,
    run_app,
    start_from_start_screen,
    wait_for_screen,
    wait_until,
)

SIZE = (100, 30)
PEOPLE = "Mette (facilitator), Jonas (note-taker), Ali"
# Offered again in the screen's language (Danish), as role_key reads them back.
OFFERED = "Mette (mødeleder), Jonas (referent), Ali"


async def test_the_next_meeting_offers_the_people_not_the_title(make_app: AppFactory) -> None:
    app = make_app()
    async with run_app(app, SIZE) as pilot:
        screen = await start_from_start_screen(pilot, "Første møde", PEOPLE)
        assert isinstance(screen, MeetingScreen)
        screen.room.goto_phase(len(screen.room.meeting.phases) - 1)
        await screen.show_phase()
        await end_meeting(pilot)
        await pilot.press("escape")
        start = await wait_for_screen(pilot, StartScreen)
        title = start.query_one("#title", Input)
        assert title.value == ""
        participants = start.query_one("#participants", Input)
        assert participants.value == OFFERED
        # The next meeting begins with its title; the people are read from the first name.
        await wait_until(pilot, lambda: app.focused is title, "the title has the focus")
        assert participants.cursor_position == 0 and participants.scroll_x == 0

    again = make_app()
    async with run_app(again, SIZE) as pilot:
        start = await wait_for_screen(pilot, StartScreen)
        field = start.query_one("#participants", Input)
        await wait_until(pilot, lambda: field.value == OFFERED, "the participants offered")
        assert start.query_one("#title", Input).value == ""
