"""Pilot helpers for every app test: wait for the app, type, read the rows, run the phases."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from rich.text import Text
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, ListView, RadioSet, Static

from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.kinds import NoteKind
from refleksionsrum.tui.app import RefleksionsrumApp
from refleksionsrum.tui.forms import Confirm, TrialActionForm
from refleksionsrum.tui.items import shown_rows
from refleksionsrum.tui.meeting import MeetingScreen
from refleksionsrum.tui.start import StartScreen
from refleksionsrum.tui.summary import SummaryScreen

from .waiting import DEADLINE_S

RRPilot = Pilot[Any]
AppFactory = Callable[..., RefleksionsrumApp]
S = TypeVar("S", bound=Screen[Any])
SIZES = [(80, 24), (160, 45)]


async def wait_until(
    pilot: RRPilot, condition: Callable[[], object], what: str, timeout: float = DEADLINE_S
) -> None:
    """Let the app process its messages until ``condition()`` holds.

    Every wait is for a state (a screen, a stored row, a field's value), never a sleep on a
    timer. The deadline is wall-clock and generous: the app's workers run in threads, and on
    a loaded machine a thread can take many seconds, however few turns the loop needs.
    """
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"the app never got to: {what} (after {timeout:.0f} s)")
        await pilot.pause()


def run_app(app: RefleksionsrumApp, size: tuple[int, int]) -> Any:
    """``app.run_test`` with toasts shown: a toast's markup error must fail the test."""
    return app.run_test(size=size, notifications=True)


def rr(pilot: RRPilot) -> RefleksionsrumApp:
    app = pilot.app
    assert isinstance(app, RefleksionsrumApp)
    return app


async def wait_for_store(pilot: RRPilot) -> None:
    """The start screen fills in after the first paint (a quick look with sqlite3); the
    store itself loads when work begins. Wait for the lists, then for the store."""
    app = rr(pilot)
    await wait_until(
        pilot,
        # query, not query_one: the start screen is the app's first, there before it is composed.
        lambda: (
            isinstance(app.screen, StartScreen)
            and any(not begin.disabled for begin in app.screen.query("#begin"))
        ),
        "the start screen is filled in",
    )
    app.load_store()
    await wait_until(pilot, lambda: app.store is not None, "the store is open")


async def wait_for_screen(pilot: RRPilot, kind: type[S]) -> S:
    """Wait for a ``kind`` screen on top, and for what its store queue was given to be done."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, kind), f"a {kind.__name__}")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, kind)
    await wait_for_saves(pilot)
    return screen


async def wait_for_saves(pilot: RRPilot) -> None:
    """Form saves go through the screen's store queue, in a thread: wait until it is idle."""
    # A form on top is the app's screen; the queue belongs to the meeting screen below it.
    queues = [q for s in pilot.app.screen_stack if (q := getattr(s, "store_queue", None))]
    if queues:
        await wait_until(pilot, lambda: not any(q.busy for q in queues), "the store queue done")
        await pilot.pause()


async def type_text(pilot: RRPilot, text: str) -> None:
    """Type ``text`` key by key into whatever has focus."""
    await pilot.press(*text)


async def paste_text(pilot: RRPilot, text: str) -> None:
    """Paste ``text`` into the focused Input as the terminal would (a bracketed paste).

    One event instead of one key press per character keeps the suite quick; the
    keys that steer the app (Enter, Tab, Ctrl+...) are still pressed as keys.
    """
    app = pilot.app
    target = app.focused
    assert isinstance(target, Input), f"paste needs a focused Input, not {target!r}"
    before = target.value
    app.post_message(events.Paste(text))
    await wait_until(pilot, lambda: target.value != before or not text, "the paste arrives")


def focused_id(app: App[Any]) -> str | None:
    return app.focused.id if app.focused is not None else None


def items_of(screen: Screen[Any]) -> ListView:
    """The meeting screen's list of the phase it shows (each phase has a list of its own)."""
    assert isinstance(screen, MeetingScreen), f"not a meeting screen: {screen!r}"
    items = screen.items
    assert items is not None, "the meeting screen has no list of items"
    return items


def on_items(app: App[Any]) -> bool:
    """The focus is in the shown phase's list of items."""
    screen = app.screen
    return (
        isinstance(screen, MeetingScreen)
        and app.focused is not None
        and app.focused is screen.items
    )


def plain(content: object) -> str:
    """The plain text of a widget's content (Text, Content or str)."""
    if isinstance(content, Text):
        return content.plain
    return str(getattr(content, "plain", content))


def row_texts(app: App[Any]) -> list[str]:
    """What each row of the meeting screen's item list says, as plain text."""
    items = items_of(app.screen)
    # A row is its first line and its detail lines, each a Label of its own.
    return ["\n".join(text.plain for text in row.shown_texts()) for row in shown_rows(items)]


def screen_text(screen: Screen[Any]) -> str:
    """All plain text in the screen's Static widgets (labels included)."""
    return "\n".join(plain(widget.content) for widget in screen.query(Static))


async def start_from_start_screen(
    pilot: RRPilot, title: str, participants: str = ""
) -> MeetingScreen:
    """Fill in the start screen (title, Enter, participants, Enter) and open the meeting.

    The title is typed key by key; the participants are pasted.
    """
    app = rr(pilot)
    await wait_for_store(pilot)
    app.screen.query_one("#title", Input).focus()
    await pilot.pause()
    await type_text(pilot, title)
    await pilot.press("enter")
    assert focused_id(app) == "participants"
    if participants:
        await paste_text(pilot, participants)
    await pilot.press("enter")
    await wait_until(pilot, lambda: app.room is not None, "a meeting room")
    return await wait_for_screen(pilot, MeetingScreen)


async def wait_for_entry(pilot: RRPilot) -> None:
    """After a phase change: the new phase drawn whole, its entry line (or list) focused.

    The old phase's entry line has the focus until it is replaced, so the focus
    alone says nothing; the screen says when the phase it shows is complete.
    """
    app = pilot.app

    def ready() -> bool:
        screen = app.screen
        settled = not isinstance(screen, MeetingScreen) or screen.settled
        return settled and (focused_id(app) == "entry-text" or on_items(app))

    await wait_until(pilot, ready, "the phase drawn and its entry focused")


async def next_phase(pilot: RRPilot) -> None:
    """Ctrl+N, then wait until the next phase is on screen (or the question to end is)."""
    app = pilot.app
    screen = app.screen
    before = screen.room.shown if isinstance(screen, MeetingScreen) else None
    await pilot.press("ctrl+n")
    if isinstance(screen, MeetingScreen):
        await wait_until(
            pilot,
            lambda: app.screen is not screen or screen.room.shown != before,
            "the next phase",
        )
        if app.screen is not screen:
            return  # the last phase: the question whether to end the meeting
    await wait_for_entry(pilot)


async def to_next_steps(pilot: RRPilot) -> MeetingScreen:
    """From a new meeting's first phase, Ctrl+N phase by phase up to the next steps."""
    screen = await wait_for_screen(pilot, MeetingScreen)
    await wait_for_entry(pilot)
    while screen.room.phase.key != "next":
        await next_phase(pilot)
    return screen


async def record(pilot: RRPilot, text: str) -> None:
    """Put an entry on the entry line and press Enter."""
    app = pilot.app
    assert focused_id(app) == "entry-text"
    await paste_text(pilot, text)
    await pilot.press("enter")
    await pilot.pause()
    screen = app.screen
    if isinstance(screen, MeetingScreen):
        # Stored off the UI thread: wait until the row says the item, not "saving...".
        await wait_until(pilot, lambda: not screen.saving, "the entry is stored")


async def fill_trial_action(
    pilot: RRPilot,
    title: str,
    owner: str,
    prediction: str,
    measure: str,
    point: str = "",
) -> None:
    """Fill an open TrialActionForm field by field with Enter; Enter on the last saves."""
    app = pilot.app
    form = await wait_for_screen(pilot, TrialActionForm)
    for field_id, value in (
        ("ta-title", title),
        ("ta-owner", owner),
        ("ta-due", None),
        ("ta-prediction", prediction),
        ("ta-measure", measure),
        ("ta-point", point),
    ):
        assert focused_id(app) == field_id, f"expected focus on {field_id}"
        if value is not None:
            await clear_input(pilot)
            await paste_text(pilot, value)
        await pilot.press("enter")
    await wait_until(pilot, lambda: app.screen is not form, "the trial action form closes")
    await pilot.pause()
    await wait_for_saves(pilot)


async def clear_input(pilot: RRPilot) -> None:
    """Empty the focused Input with its own keys (End, then delete everything left)."""
    await pilot.press("end", "ctrl+u")
    focused = pilot.app.focused
    assert isinstance(focused, Input) and focused.value == ""


async def choose_radio(pilot: RRPilot, selector: str, index: int) -> None:
    """Focus a RadioSet, move to button ``index`` with the arrows and press it with Enter."""
    radios = pilot.app.screen.query_one(selector, RadioSet)
    radios.focus()
    await pilot.pause()
    # Focus puts the highlight on the pressed button, or on the first; the arrows wrap.
    start = max(radios.pressed_index, 0)
    count = len(radios.query("RadioButton"))
    await pilot.press(*(["down"] * ((index - start) % count)))
    await pilot.press("enter")
    await pilot.pause()
    assert radios.pressed_index == index


async def confirm(pilot: RRPilot) -> None:
    """Answer a Confirm modal yes: Enter on its yes button, after a Tab to it if the
    question is final (it starts on No)."""
    app = pilot.app
    dialog = await wait_for_screen(pilot, Confirm)
    if dialog.final:
        assert focused_id(app) == "no"
        await pilot.press("tab")
    assert focused_id(app) == "yes"
    await pilot.press("enter")
    await wait_until(pilot, lambda: app.screen is not dialog, "the question closes")
    await pilot.pause()


async def end_meeting(pilot: RRPilot) -> SummaryScreen:
    """Ctrl+N on the last phase asks to end; Enter confirms; the summary follows."""
    await pilot.press("ctrl+n")
    await confirm(pilot)
    return await wait_for_screen(pilot, SummaryScreen)


async def open_data_phase(pilot: RRPilot, clock: FakeClock) -> MeetingScreen:
    """Start a meeting with `new`, spend two minutes in follow-up, record two observations."""
    app = rr(pilot)
    await wait_until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting screen")
    clock.advance(minutes=2)
    await pilot.press("ctrl+n")
    await wait_until(pilot, lambda: app.room is not None and app.room.phase.key == "data", "data")
    assert app.room is not None
    app.room.add_note(NoteKind.OBSERVATION, "Fremmødet faldt fra 80 % til 55 %", "Registrering")
    app.room.add_note(NoteKind.OBSERVATION, "Tre familier nævner transporten")
    screen = app.screen
    assert isinstance(screen, MeetingScreen)
    screen.refresh_items()
    screen.tick()
    await pilot.pause()
    return screen


def burst(pilot: RRPilot, *keys: str) -> None:
    """Queue keys all at once, as a terminal delivers a fast typist's keys."""
    for key in keys:
        character = key if len(key) == 1 else {"enter": "\r", "tab": "\t", "space": " "}.get(key)
        pilot.app.post_message(events.Key(key, character))


def spelled(text: str) -> list[str]:
    """Keys for ``text``, a space as the key named space."""
    return ["space" if c == " " else c for c in text]


async def open_action_form(pilot: RRPilot) -> TrialActionForm:
    """Ctrl+N up to the next steps, then Ctrl+A: the new trial action's form."""
    screen = await wait_for_screen(pilot, MeetingScreen)
    while screen.room.records.value != "next":
        await pilot.press("ctrl+n")
        await pilot.pause()
    await pilot.press("ctrl+a")
    return await wait_for_screen(pilot, TrialActionForm)


def toast_texts(app: App[Any]) -> str:
    """What the toasts on the screen say, one a line."""
    from textual.widgets._toast import Toast

    return "\n".join(str(toast._notification.message) for toast in app.screen.query(Toast))


async def steady_cursors(pilot: RRPilot) -> None:
    """Stop the cursors blinking: a screenshot must not depend on when it is taken.

    On every screen of the stack: the meeting's entry line shows through a form's dimmed
    background, its cursor on or off with the moment.
    """
    for screen in pilot.app.screen_stack:
        for field in screen.query(Input):
            field.cursor_blink = False
    await pilot.pause()
