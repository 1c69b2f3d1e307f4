"""What people type is shown as typed: never read as markup, never sent as terminal escapes."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets._toast import Toast

from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.files import sessionfile
from refleksionsrum.core.i18n import t
from refleksionsrum.core.kinds import NoteKind
from refleksionsrum.tui.items import shown_rows
from refleksionsrum.tui.meeting import MeetingScreen
from refleksionsrum.tui.start import StartScreen
from refleksionsrum.tui.titlebar import TitleBar
from support.pilot import (
    AppFactory,
    items_of,
    next_phase,
    paste_text,
    row_texts,
    run_app,
    type_text,
    wait_for_screen,
    wait_for_store,
    wait_until,
)
from support.samples import phase, session_text

MARKUP = "[bold]x[/bold] [red]"
ESCAPE = "\x1b[2J"
SHOWN_ESCAPE = "\\x1b[2J"
SIZE = (100, 30)


def toast_text(screen: MeetingScreen) -> str:
    """What the toasts on the screen show, line by line."""
    lines = []
    for toast in screen.query(Toast):
        lines += [toast.render_line(y).text for y in range(toast.size.height)]
    return "\n".join(lines)


def header_line(screen: MeetingScreen) -> str:
    return screen.query_one(TitleBar).render_line(0).text


async def test_notes_and_title_show_markup_and_escapes_literally(
    make_app: AppFactory, workspace: Path
) -> None:
    app = make_app()
    async with run_app(app, SIZE) as pilot:
        await wait_for_store(pilot)
        await paste_text(pilot, f"[/b]Møde {ESCAPE}")
        await pilot.press("enter", "enter")
        screen = await wait_for_screen(pilot, MeetingScreen)
        meeting_id = screen.room.meeting.id
        await wait_until(pilot, lambda: "[/b]Møde" in header_line(screen), "the header title")
        assert f"[/b]Møde {SHOWN_ESCAPE}" in header_line(screen)
        assert "\x1b" not in header_line(screen)

        await next_phase(pilot)
        await type_text(pilot, MARKUP)
        await pilot.press("enter")
        await pilot.pause()
        await paste_text(pilot, ESCAPE)
        await pilot.press("enter")
        await pilot.pause()

        assert row_texts(app) == [f"Observation: {MARKUP}", f"Observation: {SHOWN_ESCAPE}"]
        rows = shown_rows(items_of(screen))
        first = rows[0].shown_texts()[0]
        assert isinstance(first, Text)
        # Only the kind is styled; nothing in the typed text became a style.
        assert [(s.start, s.end, str(s.style)) for s in first.spans] == [(0, 13, "bold")]
        # Drawn by the row itself (a row without details has no label): its padding first.
        drawn = [row.render_line(0).text.lstrip() for row in rows]
        assert drawn[0].startswith(f"Observation: {MARKUP}")
        assert drawn[1].startswith(f"Observation: {SHOWN_ESCAPE}")
        assert not any("\x1b" in line for line in drawn)
        # The store and the session file keep exactly what was typed.
        assert [(n.kind, n.text) for n in screen.room.meeting.notes] == [
            (NoteKind.OBSERVATION, MARKUP),
            (NoteKind.OBSERVATION, ESCAPE),
        ]
        await pilot.press("ctrl+q")
    saved = sessionfile.read(workspace / "sessions" / f"{meeting_id}.toml")
    assert saved.title == f"[/b]Møde {ESCAPE}"
    assert [n.text for n in saved.notes] == [MARKUP, ESCAPE]


SESSION_WITH_MARKUP_PHASE = session_text(
    "2026-11-23-0800-haandskrevet",
    title="Møde [/i]",
    started_at="2026-11-23T08:00:00+01:00",
    ended_at=None,
    phases=[phase(title="[/b]Data [red]", planned_minutes=5, elapsed_seconds=60)],
    notes=(),
    trial_actions=(),
    evaluations=(),
)


async def test_phase_title_with_markup_from_a_session_file_does_not_break_toasts(
    make_app: AppFactory, clock: FakeClock, workspace: Path
) -> None:
    (workspace / "sessions" / "2026-11-23-0800-haandskrevet.toml").write_text(
        SESSION_WITH_MARKUP_PHASE, encoding="utf-8"
    )
    app = make_app()
    async with run_app(app, SIZE) as pilot:
        await wait_for_store(pilot)
        running = app.screen.query_one("#running", OptionList)
        assert isinstance(app.screen, StartScreen)
        running.focus()
        await pilot.press("home", "enter")
        screen = await wait_for_screen(pilot, MeetingScreen)
        # F2 adds a minute and says so in a toast naming the phase.
        await pilot.press("f2")
        await wait_until(pilot, lambda: "Data" in toast_text(screen), "a toast")
        assert screen.room.phase.added_ms == 60_000
        assert "[/b]Data [red]" in toast_text(screen)
        # Run the phase over time: the overtime toast names the phase too.
        screen.room.timer.resume()
        clock.advance(minutes=10)
        screen.tick()
        # The state that matters is the overtime toast itself: the F2 toast lasts 3 s of
        # wall-clock time and may be gone already on a loaded machine.
        overtime = t("time.up_notice", phase="[/b]Data [red]")
        await wait_until(
            pilot, lambda: overtime in " ".join(toast_text(screen).split()), "the overtime toast"
        )
        assert app.is_running
