"""The entry line stops a CPR number in the source field and one written with an en dash."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from refleksionsrum.core.clock import FakeClock
from support.pilot import AppFactory, open_data_phase, run_app, wait_until


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Mor ringede om sønnen", "Journal 010190–1234"),  # in the source
        ("Sag 010190–1234 blev drøftet", ""),  # an en dash
        ("Sag 01.01.90 1234 blev drøftet", ""),  # dots and a space
    ],
)
async def test_a_cpr_number_is_not_saved_from_any_field(
    make_app: AppFactory, clock: FakeClock, text: str, source: str
) -> None:
    app = make_app(new=True)
    async with run_app(app, (160, 45)) as pilot:
        screen = await open_data_phase(pilot, clock)
        assert app.room is not None
        before = len(app.room.meeting.notes)
        screen.query_one("#entry-source", Input).value = source
        entry = screen.query_one("#entry-text", Input)
        entry.focus()
        entry.value = text  # set, not typed: Pilot has no key for an en dash
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(app._notifications) > 0, "a warning")
        assert len(app.room.meeting.notes) == before
        assert entry.value == text  # kept, to be edited
