"""Keys typed right after Ctrl+N, before the new phase is drawn, land in the new entry line."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from textual import events
from textual.widgets import Input, ListView

from refleksionsrum.core.kinds import NoteKind
from refleksionsrum.tui.forms import TrialActionForm
from refleksionsrum.tui.meeting import MeetingScreen
from support.pilot import AppFactory, RRPilot, run_app, wait_for_screen, wait_until

# Ctrl+N presses from the follow-up to the phase a test types in.
PRESSES = {"followup": 0, "data": 1, "next": 4}


@contextlib.asynccontextmanager
async def in_meeting(
    make_app: AppFactory, phase: str = "followup"
) -> AsyncIterator[tuple[RRPilot, MeetingScreen]]:
    """A meeting started with `new`, moved on to ``phase`` with Ctrl+N."""
    app = make_app(new=True, title="Hurtige fingre")
    async with run_app(app, (100, 30)) as pilot:
        screen = await wait_for_screen(pilot, MeetingScreen)
        for _ in range(PRESSES[phase]):
            await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: screen.room.records == phase, phase)
        yield pilot, screen


def burst(pilot: RRPilot, *keys: str) -> None:
    """Queue keys all at once, as a terminal delivers a fast typist's keys."""
    for key in keys:
        character = key if len(key) == 1 else ("\r" if key == "enter" else None)
        pilot.app.post_message(events.Key(key, character))


async def test_text_typed_straight_after_ctrl_n_is_recorded_in_the_new_phase(
    make_app: AppFactory,
) -> None:
    async with in_meeting(make_app) as (pilot, screen):
        room = screen.room
        burst(pilot, "ctrl+n", *"data", "enter")
        await wait_until(pilot, lambda: len(room.meeting.notes) == 1, "the observation")
        burst(pilot, "ctrl+n", *"tanke", "enter")
        await wait_until(pilot, lambda: len(room.meeting.notes) == 2, "the reflection")
        assert [(n.phase, n.kind, n.text) for n in room.meeting.notes] == [
            ("data", NoteKind.OBSERVATION, "data"),
            ("reflection", NoteKind.REFLECTION, "tanke"),
        ]


# Enter in an Input posts Input.Submitted, which the screen handles later, after the
# App has already handled the keys queued behind the Enter. Keys that arrive in one
# burst (a fast typist on a busy machine, a paste of several lines, tmux send-keys)
# therefore land in the field that had the focus before the Enter.


async def test_keys_typed_straight_after_enter_go_to_the_next_form_field(
    make_app: AppFactory,
) -> None:
    async with in_meeting(make_app, "next") as (pilot, _):
        await pilot.press("ctrl+a")
        form = await wait_for_screen(pilot, TrialActionForm)
        burst(pilot, *"Ti", "enter", *"Ej")
        await wait_until(pilot, lambda: "j" in form_values(form), "the keys are handled")
        assert form.query_one("#ta-title", Input).value == "Ti"
        assert form.query_one("#ta-owner", Input).value == "Ej"


async def test_two_notes_typed_in_one_burst_stay_two_notes(make_app: AppFactory) -> None:
    async with in_meeting(make_app, "data") as (pilot, screen):
        burst(pilot, *"en", "enter", *"to", "enter")
        # Merged into one note ("ento"), there would never be two: the wait fails.
        await wait_until(
            pilot,
            lambda: (
                screen.query_one("#entry-text", Input).value == ""
                and len(screen.room.meeting.notes) >= 2
            ),
            "two notes, the entry line empty",
        )
        assert [n.text for n in screen.room.meeting.notes] == ["en", "to"]


def form_values(form: TrialActionForm) -> str:
    return "|".join(i.value for i in form.query(Input))


async def test_keys_typed_straight_after_ctrl_a_go_to_the_title(make_app: AppFactory) -> None:
    async with in_meeting(make_app, "next") as (pilot, _):
        burst(pilot, "ctrl+a", *"Ring")
        form = await wait_for_screen(pilot, TrialActionForm)
        for _ in range(10):
            await pilot.pause()
        assert form.query_one("#ta-title", Input).value == "Ring"


async def test_source_typed_straight_after_tab_goes_to_the_source(make_app: AppFactory) -> None:
    async with in_meeting(make_app, "data") as (pilot, screen):
        room = screen.room
        burst(pilot, *"tal", "tab", *"liste", "enter")
        await wait_until(pilot, lambda: len(room.meeting.notes) == 1, "the observation")
        [note] = room.meeting.notes
        assert (note.text, note.source) == ("tal", "liste")


async def test_a_form_filled_in_one_burst_ending_in_two_enters_is_saved(
    make_app: AppFactory,
) -> None:
    async with in_meeting(make_app, "next") as (pilot, screen):
        room = screen.room
        await pilot.press("ctrl+a")
        await wait_for_screen(pilot, TrialActionForm)
        # The second Enter reaches the measure field after the first moved the focus on:
        # it must act in the field that has the focus (the last one) and save.
        burst(pilot, *"Ring", "enter", *"Jonas", "enter", "enter", *"fire", "enter", *"tal")
        burst(pilot, "enter", "enter")
        await wait_until(pilot, lambda: len(room.meeting.trial_actions) == 1, "the trial action")
        [action] = room.meeting.trial_actions
        assert (action.title, action.owner, action.prediction, action.measure) == (
            "Ring",
            "Jonas",
            "fire",
            "tal",
        )


async def test_a_burst_typed_while_the_list_has_the_focus_is_kept_whole(
    make_app: AppFactory,
) -> None:
    async with in_meeting(make_app, "data") as (pilot, screen):
        room = screen.room
        burst(pilot, *"en", "enter")
        await wait_until(pilot, lambda: len(room.meeting.notes) == 1, "the first note")
        await pilot.press("shift+tab")
        await wait_until(pilot, lambda: isinstance(pilot.app.focused, ListView), "the list")
        # The first key moves the focus to the entry line; the rest were already queued
        # for the list and reach the screen after the focus moved. None may be lost.
        burst(pilot, *"Abcdef")
        line = screen.query_one("#entry-text", Input)
        await wait_until(pilot, lambda: "f" in line.value, "the keys are handled")
        assert line.value == "Abcdef"
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(room.meeting.notes) == 2, "the second note")
        assert room.meeting.notes[1].text == "Abcdef"
