"""Text is text: what people type is stored as typed and shown literally, never interpreted.

Promise 7 of issue 4. Markup ([bold], [/, [0]), terminal escapes and other control
characters, a lone surrogate, 10,000 characters and right-to-left script go through the
entry line, the store, the session file, the referat and the screen.

A lone surrogate cannot be written as UTF-8 (no file, no database can hold it). The honest
behaviour chosen: where text enters the core (MeetingRoom, and the store for any other
path) it becomes U+FFFD; nothing else in the text, and nothing else in the meeting, is lost.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.export import md, referat
from refleksionsrum.core.files import sessionfile
from refleksionsrum.core.files.atomic import utf8_safe
from refleksionsrum.core.files.sync import open_store
from refleksionsrum.core.meeting.room import MeetingRoom
from refleksionsrum.core.meeting.starting import new_meeting
from refleksionsrum.core.models import CarriedOut, NoteKind, TrialAction, Verdict
from refleksionsrum.core.visible import plain
from refleksionsrum.core.workspace import Workspace
from refleksionsrum.tui.app import RefleksionsrumApp
from refleksionsrum.tui.items import shown_rows
from refleksionsrum.tui.meeting import MeetingScreen
from support.pilot import items_of, wait_until
from support.rooms import new_room

from .peek import notes, poll
from .procs import SCRIPT, Terminal

TEXTS = {
    "closing tag": "[/",
    "markup": "[bold]fed[/bold] og [red]rød",
    "index": "[0]",
    "link markup": "[link=https://example.org]klik[/link] [@click=app.quit]",
    "clear screen": "\x1b[2J",
    "title escape": "\x1b]0;PWNED\x07 efter",
    "control characters": "bip\x07 nul\x00 tilbage\x08 slet\x7f c1\x9b31m",
    "lone surrogate": "før \ud800 efter",
    "10,000 characters": "Langt notat. " * 769 + "slut",
    "arabic": "البيانات تظهر انخفاضا في الحضور",
    "hebrew": "הנתונים מראים ירידה בנוכחות",
    "mixed direction": "Fremmøde \u202eطفل\u202c 55 %",
}


def test_the_texts_are_what_they_claim() -> None:
    assert len(TEXTS["10,000 characters"]) == 10_001
    assert utf8_safe(TEXTS["lone surrogate"]) == "før \ufffd efter"


@pytest.mark.parametrize("name", list(TEXTS))
def test_core_round_trip_store_file_and_referat(name: str, workspace: Path) -> None:
    text = TEXTS[name]
    kept = utf8_safe(text)
    opened = Workspace.open(workspace)
    store = open_store(opened)
    clock = FakeClock()
    meeting = new_meeting(store, opened.config.template(), text, [], clock)
    room = MeetingRoom(opened, store, meeting, clock)
    room.next_phase()
    room.add_note(NoteKind.OBSERVATION, text, source=text)
    room.add_decision(text)
    action = room.save_trial_action(
        TrialAction(
            id="",
            title=text,
            owner=text,
            due=room.default_due(),
            prediction=text,
            measure=text,
            development_point=text,
        )
    )
    assert room.write_file()

    stored = store.load_meeting(meeting.id)
    assert stored.title == kept
    assert [(n.text, n.source) for n in stored.notes] == [(kept, kept)]
    assert [d.text for d in stored.decisions] == [kept]
    (saved_action,) = stored.trial_actions
    assert (saved_action.title, saved_action.owner, saved_action.prediction) == (kept,) * 3
    assert action.title == kept  # the screen holds what the store holds
    from_file = sessionfile.read(workspace / "sessions" / f"{meeting.id}.toml")
    assert from_file.title == kept
    assert [(n.text, n.source) for n in from_file.notes] == [(kept, kept)]
    assert [d.text for d in from_file.decisions] == [kept]
    assert from_file.trial_actions[0].measure == kept

    minutes = referat(stored)
    assert "\x1b" not in minutes and "\x00" not in minutes and "\x9b" not in minutes
    assert md(kept) in minutes
    # Every bracket is escaped: Markdown makes no link or markup of what was typed.
    assert "[" not in minutes.replace("\\[", "") and "]" not in minutes.replace("\\]", "")
    store.close()


def test_an_evaluation_with_a_lone_surrogate_is_kept_with_a_replacement(workspace: Path) -> None:
    opened = Workspace.open(workspace)
    store = open_store(opened)
    clock = FakeClock()
    first = new_room(opened, store, "Før", clock)
    action = first.save_trial_action(
        TrialAction(
            id="", title="Ring", owner="Ida", due=first.default_due(), prediction="p", measure="m"
        )
    )
    first.end()
    clock.advance(minutes=60 * 24 * 14)
    second = new_room(opened, store, "Efter", clock)
    evaluation, _ = second.evaluate(
        action, CarriedOut.YES, "sket \ud83d", "lært \udc00", Verdict.ADOPT, "som ventet \ud800"
    )
    assert (evaluation.what_happened, evaluation.learning) == ("sket \ufffd", "lært \ufffd")
    (saved,) = store.load_meeting(second.meeting.id).evaluations
    assert saved.compared_to_prediction == "som ventet \ufffd"
    store.close()


def shown(text: str) -> str:
    """What a row shows for ``text``: control characters as visible escapes."""
    return plain(utf8_safe(text))


async def test_the_screen_shows_every_text_literally(workspace: Path) -> None:
    app = RefleksionsrumApp(
        Workspace.open(workspace), clock=FakeClock(), new=True, title="[/b]Tekst \x1b[2J"
    )
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting")
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        await pilot.press("ctrl+n")
        await wait_until(
            pilot,
            lambda: screen.query("#entry-text") and app.focused is screen.query_one("#entry-text"),
            "the entry line has the focus",
        )
        entry = screen.query_one("#entry-text", Input)
        for text in TEXTS.values():
            entry.value = text
            await pilot.press("enter")
            await wait_until(pilot, lambda: entry.value == "", f"recording {text!r}")
        await pilot.pause()
        rows = shown_rows(items_of(screen))
        texts = [row.shown_texts()[0].plain for row in rows]
        assert texts == [f"Observation: {shown(text)}" for text in TEXTS.values()]
        # Drawn on the screen: no escape character from the notes reaches the terminal.
        drawn = app.export_screenshot()
        assert "\x1b" not in drawn and "\x07" not in drawn and "\x9b" not in drawn
        assert app.is_running
        meeting_id = screen.room.meeting.id
        await pilot.press("ctrl+q")
    assert notes(workspace) == [utf8_safe(text) for text in TEXTS.values()]
    saved = sessionfile.read(workspace / "sessions" / f"{meeting_id}.toml")
    assert [n.text for n in saved.notes] == [utf8_safe(text) for text in TEXTS.values()]


def test_a_real_terminal_never_receives_escapes_from_notes(workspace: Path) -> None:
    """Resume a meeting with escape sequences in its notes in a real terminal; read its bytes."""
    opened = Workspace.open(workspace)
    store = open_store(opened)
    clock = FakeClock()
    room = new_room(opened, store, "Escapes", clock)
    room.next_phase()
    room.add_note(NoteKind.OBSERVATION, "titel \x1b]0;PWNED\x07 slut")
    room.add_note(NoteKind.OBSERVATION, "farve \x1b[31mRØD\x1b[0m slut")
    room.add_note(NoteKind.OBSERVATION, "rich [bold red]FED[/] slut")
    room.leave()
    store.close()

    term = Terminal([str(SCRIPT), "--workspace", str(workspace)], cols=160, rows=40)
    try:
        term.wait_for_text("Escapes")
        term.write("\r")  # the running meeting has the focus: Enter resumes it
        term.wait_for_text("DATAGENNEMGANG")
        term.wait_for_text("PWNED")
        term.wait_for_text("FED")
        out = bytes(term.output)
        assert b"\x1b]0;PWNED" not in out
        assert b"\x1b[31mR" not in out
        assert b"\\x1b]0;PWNED\\x07" in out
        assert b"[bold red]FED[/]" in out
        term.write(b"\x11")
        assert term.wait() == 0
    finally:
        term.close()
    assert poll(lambda: notes(workspace), lambda found: len(found) == 3, "notes")[0].startswith(
        "titel \x1b]0;"
    )
