"""The room's countdown goes on behind a form: filling in a trial action takes minutes."""

from __future__ import annotations

from refleksionsrum.core.clock import FakeClock
from refleksionsrum.tui.forms import TrialActionForm
from support.pilot import AppFactory, run_app, to_next_steps, wait_for_screen


async def test_the_countdown_behind_the_trial_action_form_goes_on(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(new=True, title="Uret går")
    async with run_app(app, (100, 30)) as pilot:
        screen = await to_next_steps(pilot)  # borgerniveau gives the next steps 6 minutes
        digits = screen.query_one("#timebox-digits")
        screen.tick()
        assert digits.value == "06:00"
        await pilot.press("ctrl+a")
        await wait_for_screen(pilot, TrialActionForm)
        clock.advance(seconds=61)
        screen.tick()
        assert digits.value == "04:59"
