"""The note-taker's screen on the Pilot: the facilitator's phase, typing at once, following
phase changes made by another process, never moving the meeting, and taking over."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from textual.app import App
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets._toast import Toast

from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.files.sync import open_store
from refleksionsrum.core.meeting.room import MeetingRoom
from refleksionsrum.core.meeting.starting import new_meeting
from refleksionsrum.core.workspace import Workspace
from refleksionsrum.tui.app import RefleksionsrumApp
from refleksionsrum.tui.forms import Confirm
from refleksionsrum.tui.internals import bindings_of
from refleksionsrum.tui.meeting import MeetingScreen
from refleksionsrum.tui.start import StartScreen
from refleksionsrum.tui.summary import SummaryScreen
from support.pilot import AppFactory, RRPilot, focused_id, on_items, paste_text, row_texts

# The watcher polls the database on real time: wait on the clock, with a generous deadline.
DEADLINE_S = 30.0


async def eventually(pilot: RRPilot, condition: Callable[[], object], what: str) -> None:
    deadline = time.monotonic() + DEADLINE_S
    while time.monotonic() < deadline:
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"the note-taker's screen never got to: {what}")


def key_hint(screen: MeetingScreen, key: str) -> str:
    """What the footer says for ``key``."""
    return bindings_of(screen)[key][0].description


async def joined(pilot: RRPilot, app: App[object]) -> MeetingScreen:
    """The note-taker's meeting screen, once it is there with the entry line ready to type."""
    await eventually(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting")
    screen = app.screen
    assert isinstance(screen, MeetingScreen)
    await eventually(pilot, lambda: focused_id(app) == "entry-text", "typing at once")
    return screen


@asynccontextmanager
async def note_taker(
    make_app: AppFactory,
) -> AsyncIterator[tuple[RefleksionsrumApp, RRPilot, MeetingScreen]]:
    """The note-taker's app joined to the running meeting, its screen ready to type in."""
    app = make_app(join="")
    async with app.run_test(size=(120, 36)) as pilot:
        yield app, pilot, await joined(pilot, app)


def facilitators_room(workspace: Path, clock: FakeClock) -> MeetingRoom:
    opened = Workspace.open(workspace)
    store = open_store(opened)
    meeting = new_meeting(store, opened.config.template("borgerniveau"), "Par", [], clock)
    room = MeetingRoom(opened, store, meeting, clock)
    room.next_phase()  # the data review
    return room


async def test_the_note_taker_records_and_follows(
    workspace: Path, clock: FakeClock, make_app: AppFactory
) -> None:
    facilitator = facilitators_room(workspace, clock)
    async with note_taker(make_app) as (app, pilot, screen):
        assert not screen.room.is_facilitator
        # The footer says what the keys do here: look at a phase, not move the meeting.
        screen.tick()
        assert key_hint(screen, "ctrl+n") == "Se næste fase"
        assert key_hint(screen, "ctrl+r") == "Se forrige fase"
        assert screen.room.phase.key == "data"
        await paste_text(pilot, "Fra referenten")
        await pilot.press("enter")
        await eventually(pilot, lambda: not screen.saving, "the note is stored")
        assert [n.text for n in facilitator.store.load_meeting(facilitator.meeting.id).notes] == [
            "Fra referenten"
        ]
        # The facilitator's item appears here, without a keystroke.
        facilitator.add_note(facilitator.records.entry_kind, "Fra mødelederen")
        await eventually(
            pilot, lambda: any("Fra mødelederen" in r for r in row_texts(app)), "their item"
        )
        # The facilitator moves on: the note-taker's screen follows.
        facilitator.next_phase()
        await eventually(pilot, lambda: screen.room.phase.key == "reflection", "the next phase")
        await eventually(pilot, lambda: focused_id(app) == "entry-text", "the entry line")
        # Said above the items, not in a toast that would sit over the line being typed.
        notice = screen.query_one("#notice", Static)
        await eventually(pilot, lambda: "Mødet er nu i" in str(notice.content), "the notice")
        assert not any("Mødet er nu i" in str(t._notification.message) for t in app.query(Toast))
        # Ctrl+N here looks at the next phase only; the meeting stays where it is.
        await pilot.press("ctrl+n")
        await eventually(pilot, lambda: screen.room.phase.key == "wonder", "a look ahead")
        await asyncio.sleep(0)
        stored = facilitator.store.load_meeting(facilitator.meeting.id)
        assert stored.clock.current == facilitator.timer.current == 2
        # Pause and added minutes are the facilitator's: not offered here.
        assert screen.check_action("toggle_pause", ()) is False
        assert screen.check_action("add_time", (5,)) is False
        facilitator.store.close()


async def test_the_note_taker_takes_over_after_a_question(
    workspace: Path, clock: FakeClock, make_app: AppFactory
) -> None:
    facilitator = facilitators_room(workspace, clock)
    facilitator.leave()  # the facilitator's app closed
    facilitator.store.close()
    async with note_taker(make_app) as (app, pilot, screen):
        assert "referent" in screen.sub_title
        # Said above the items (the heartbeat's look, every few seconds), with the key.
        screen.live.beat()
        notice = screen.query_one("#notice", Static)
        await eventually(
            pilot, lambda: "Ingen styrer mødet lige nu" in str(notice.content), "the notice"
        )
        assert "Ctrl+O" in str(notice.content)
        await pilot.press("ctrl+o")
        await eventually(pilot, lambda: isinstance(app.screen, Confirm), "the question")
        question = app.screen
        assert isinstance(question, Confirm)
        assert "Ingen styrer mødet" in question.question
        await pilot.press("enter")
        await eventually(pilot, lambda: screen.room.is_facilitator, "the facilitation")
        # The header no longer calls this the note-taker's screen; the notice is gone.
        await eventually(pilot, lambda: "referent" not in screen.sub_title, "the header")
        await eventually(pilot, lambda: "Ctrl+O" not in str(notice.content), "no notice")
        screen.tick()
        assert key_hint(screen, "ctrl+n") == "Næste fase"
        assert screen.check_action("toggle_pause", ()) is True
        await pilot.press("ctrl+n")
        await eventually(pilot, lambda: screen.room.timer.current == 2, "the meeting moved")
        entry = screen.query_one("#entry-text", Input)
        assert entry.has_focus or on_items(app)


async def test_keys_typed_while_the_view_follows_are_kept(
    workspace: Path, clock: FakeClock, make_app: AppFactory
) -> None:
    """The view follows in a worker while keys still arrive: they go on in the new line."""
    facilitator = facilitators_room(workspace, clock)
    async with note_taker(make_app) as (_, _, screen):
        old_line = screen.query_one("#entry-text", Input)
        # The keys that reached the line between the decision to follow and the new phase's
        # line (the same widget when both phases have one: it is kept, only emptied and filled).
        old_line.value = "Skrevet mens skærmen fulgte"
        await screen.entry.build(following=True)
        new_line = screen.query_one("#entry-text", Input)
        assert new_line.has_focus
        assert new_line.value == "Skrevet mens skærmen fulgte"
        assert new_line.cursor_position == len(new_line.value)
        # A phase moved by a key of one's own leaves the text behind, as that phase's draft.
        new_line.value = "Bliver i sin fase"
        await screen.entry.build()
        assert screen.query_one("#entry-text", Input).value == ""
        facilitator.store.close()


async def test_a_line_half_typed_when_the_meeting_ends_is_kept_in_it(
    workspace: Path, clock: FakeClock, make_app: AppFactory
) -> None:
    facilitator = facilitators_room(workspace, clock)
    async with note_taker(make_app) as (app, pilot, _):
        await paste_text(pilot, "Sagt lige før slut")
        facilitator.end()
        await eventually(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary")
        stored = facilitator.store.load_meeting(facilitator.meeting.id)
        assert [(n.phase, n.text) for n in stored.notes] == [("data", "Sagt lige før slut")]
        facilitator.store.close()


async def test_join_with_two_meetings_running_asks_which_to_follow(
    workspace: Path, clock: FakeClock, make_app: AppFactory
) -> None:
    first = facilitators_room(workspace, clock)
    second = facilitators_room(workspace, clock)
    app = make_app(join="")
    async with app.run_test(size=(120, 36)) as pilot:
        await eventually(pilot, lambda: isinstance(app.screen, StartScreen), "the choice")
        start = app.screen
        title = str(start.query_one("#running-title", Label).content)
        assert "følge som referent" in title
        # Starting a meeting is the facilitator's: the form is not offered here.
        assert not start.query_one("#new-meeting").display
        running = start.query_one("#running", OptionList)
        await eventually(pilot, lambda: running.option_count == 2, "both meetings listed")
        await eventually(pilot, lambda: focused_id(app) == "running", "the list to pick from")
        await pilot.press("enter")
        screen = await joined(pilot, app)
        assert not screen.room.is_facilitator
        assert screen.room.meeting.id in {first.meeting.id, second.meeting.id}
    first.store.close()
    second.store.close()


async def test_the_note_taker_is_told_when_the_facilitators_app_goes_quiet(
    workspace: Path, clock: FakeClock, make_app: AppFactory
) -> None:
    facilitator = facilitators_room(workspace, clock)
    async with note_taker(make_app) as (_app, pilot, screen):
        notice = screen.query_one("#notice", Static)
        screen.live.beat()
        for _ in range(5):
            await pilot.pause()
        assert "svaret" not in str(notice.content)  # alive: nothing to say
        clock.advance(seconds=45)  # the facilitator's app crashed: no heartbeat since
        screen.live.beat()
        await eventually(
            pilot,
            lambda: "har ikke svaret i 45 sekunder" in str(notice.content),
            "the facilitator's silence named",
        )
    facilitator.store.close()
