"""The start screen's lists, read while Textual loads, are in its first frame."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.i18n import t
from refleksionsrum.core.store.lookahead import LookAhead
from refleksionsrum.core.workspace import Workspace
from refleksionsrum.tui.app import RefleksionsrumApp
from refleksionsrum.tui.meeting import MeetingScreen
from refleksionsrum.tui.start import StartScreen
from support.pilot import AppFactory, run_app, start_from_start_screen, wait_for_screen

SIZE = (100, 30)


async def _leave_a_meeting_running(make_app: AppFactory) -> str:
    app = make_app()
    async with run_app(app, SIZE) as pilot:
        screen = await start_from_start_screen(pilot, "Møde der venter", "Mette, Jonas")
        meeting_id = screen.room.meeting.id
        await pilot.press("ctrl+q")
    return meeting_id


async def test_a_look_begun_before_the_app_fills_the_lists_before_the_first_key(
    make_app: AppFactory, clock: FakeClock, workspace: Path
) -> None:
    meeting_id = await _leave_a_meeting_running(make_app)
    opened = Workspace.open(workspace)
    ahead = LookAhead(opened)
    assert ahead.result() is not None  # as when Textual's import took longer than the look
    app = RefleksionsrumApp(opened, clock=clock, ahead=ahead)
    async with run_app(app, SIZE) as pilot:
        # No pause: what run_test hands over is the screen as first drawn.
        start = app.screen
        assert isinstance(start, StartScreen)
        running = start.query_one("#running", OptionList)
        assert running.get_option(meeting_id) is not None
        assert not start.query_one("#begin").disabled
        # The last meeting's people are offered for the next, in the first frame too.
        assert start.query_one("#participants", Input).value == "Mette, Jonas"
        # As when the lists come later: the waiting meeting is chosen, Enter resumes it.
        await pilot.pause()
        assert app.focused is running and running.highlighted == 0
        await pilot.press("enter")
        screen = await wait_for_screen(pilot, MeetingScreen)
        assert screen.room.meeting.id == meeting_id


async def test_with_no_meeting_waiting_the_title_keeps_the_focus(
    clock: FakeClock, workspace: Path
) -> None:
    opened = Workspace.open(workspace)
    ahead = LookAhead(opened)
    ahead.result()
    app = RefleksionsrumApp(opened, clock=clock, ahead=ahead)
    async with run_app(app, SIZE) as pilot:
        running = app.screen.query_one("#running", OptionList)
        assert str(running.get_option_at_index(0).prompt) == t("start.none_running")
        await pilot.press(*"Nyt")
        title = app.screen.query_one("#title", Input)
        assert app.focused is title and title.value == "Nyt"


async def test_the_first_frame_is_drawn_once_with_the_form_and_the_lists(
    clock: FakeClock, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Textual throws away what is drawn while it mounts the app (a batch); the next
    # frame then holds only what changed since. A start screen drawn in that batch
    # came up without its form's fields until the terminal's next resize.
    frames: list[tuple[int, int, int]] = []
    draw = StartScreen._compositor_refresh

    def drawn(screen: StartScreen) -> None:
        if screen is screen.app.screen and not frames:
            running = screen.query("#running").results(OptionList)
            frames.append(
                (
                    screen.app._batch_count,
                    len(screen.query("#title")),
                    sum(options.option_count for options in running),
                )
            )
        draw(screen)

    monkeypatch.setattr(StartScreen, "_compositor_refresh", drawn)
    opened = Workspace.open(workspace)
    ahead = LookAhead(opened)
    ahead.result()
    app = RefleksionsrumApp(opened, clock=clock, ahead=ahead)
    async with run_app(app, SIZE):
        pass
    batch, title_fields, running_options = frames[0]
    assert batch == 0, "the start screen's first frame was drawn inside Textual's mount batch"
    assert title_fields == 1
    assert running_options == 1  # "no meeting running": the lists are in the first frame
