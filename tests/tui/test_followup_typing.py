"""Typing in the follow-up, which takes no notes, is answered, not lost without a word."""

from __future__ import annotations

from textual.widgets import Input

from refleksionsrum.core.i18n import t
from refleksionsrum.core.kinds import Recording
from support.pilot import (
    AppFactory,
    next_phase,
    run_app,
    start_from_start_screen,
    toast_texts,
    wait_until,
)

SIZE = (100, 30)


async def test_typing_in_the_follow_up_says_it_keeps_no_notes(make_app: AppFactory) -> None:
    app = make_app()
    async with run_app(app, SIZE) as pilot:
        screen = await start_from_start_screen(pilot, "Første møde")
        assert screen.room.records is Recording.FOLLOWUP  # no trial actions yet: nothing to do
        await pilot.press(*"Vi talte om sidst")
        told = t("followup.typed")
        await wait_until(pilot, lambda: told in toast_texts(app), "the follow-up's answer")
        assert toast_texts(app).count(told) == 1  # said once, not a toast a key
        assert screen.room.meeting.notes == []
        # In the next phase the same keys are an observation, as always, and the word
        # about the follow-up no longer covers the entry line.
        await next_phase(pilot)
        assert told not in toast_texts(app)
        await pilot.press(*"Fremmødet faldt")
        entry = screen.query_one("#entry-text", Input)
        await wait_until(pilot, lambda: entry.value == "Fremmødet faldt", "typed in the entry line")
