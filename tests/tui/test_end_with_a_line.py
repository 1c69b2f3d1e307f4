"""A line typed but not sent when the meeting is ended is recorded, not left behind."""

from __future__ import annotations

from refleksionsrum.tui.footer import RoomFooter
from refleksionsrum.tui.forms import Confirm
from refleksionsrum.tui.internals import FooterKey, footer_ready
from support.pilot import (
    AppFactory,
    end_meeting,
    paste_text,
    run_app,
    to_next_steps,
    wait_for_screen,
    wait_until,
)


async def test_a_decision_typed_but_not_sent_is_recorded_when_the_meeting_ends(
    make_app: AppFactory,
) -> None:
    app = make_app(new=True, title="Slut med en halv linje")
    async with run_app(app, (100, 30)) as pilot:
        await to_next_steps(pilot)
        await paste_text(pilot, "Vi mødes igen om en måned")
        summary = await end_meeting(pilot)
        decisions = [d.text for d in summary.room.meeting.decisions]
        assert decisions == ["Vi mødes igen om en måned"]
        assert app.store is not None
        stored = app.store.load_meeting(summary.room.meeting.id)
        assert [d.text for d in stored.decisions] == ["Vi mødes igen om en måned"]


async def test_the_question_to_end_shows_its_own_keys(make_app: AppFactory) -> None:
    """Behind the question the meeting's footer offered Ctrl+N and Ctrl+A, which do nothing."""
    app = make_app(new=True, title="Slut med en halv linje")
    async with run_app(app, (100, 30)) as pilot:
        await to_next_steps(pilot)
        await pilot.press("ctrl+n")
        question = await wait_for_screen(pilot, Confirm)
        footer = question.query_one(RoomFooter)
        await wait_until(pilot, lambda: footer_ready(footer), "the question's footer")
        keys = {key.key for key in footer.query(FooterKey)}
        assert "escape" in keys
        assert not keys & {"ctrl+n", "ctrl+a"}


async def test_an_enter_after_a_ctrl_n_too_many_does_not_end_the_meeting(
    make_app: AppFactory,
) -> None:
    app = make_app(new=True, title="Et Ctrl+N for meget")
    async with run_app(app, (100, 30)) as pilot:
        screen = await to_next_steps(pilot)
        await pilot.press("ctrl+n")  # meant as "the next phase": there is none
        question = await wait_for_screen(pilot, Confirm)
        await pilot.press("enter")  # meant for the entry line
        await wait_until(pilot, lambda: app.screen is not question, "the question closes")
        assert app.screen is screen and screen.room.meeting.is_running
