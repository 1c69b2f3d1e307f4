"""Ctrl+Q mid-meeting stores everything and ends nothing; the next start resumes it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Label, OptionList

from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.files import sessionfile
from refleksionsrum.core.i18n import t
from refleksionsrum.core.kinds import NoteKind
from refleksionsrum.tui.meeting import MeetingScreen
from refleksionsrum.tui.notice import notice_for
from refleksionsrum.tui.start import StartScreen
from support.pilot import (
    AppFactory,
    next_phase,
    paste_text,
    record,
    row_texts,
    run_app,
    start_from_start_screen,
    wait_for_screen,
    wait_for_store,
    wait_until,
)

SIZE = (100, 30)
OBSERVATION = "Seks af ti familier kom til første gang."
HALF_TYPED = "Tre familier ringede"


async def test_quit_mid_meeting_then_resume_in_the_same_phase(
    make_app: AppFactory, clock: FakeClock, workspace: Path
) -> None:
    app = make_app()
    async with run_app(app, SIZE) as pilot:
        screen = await start_from_start_screen(pilot, "Møde der fortsætter")
        meeting_id = screen.room.meeting.id
        clock.advance(minutes=2)
        await next_phase(pilot)
        await record(pilot, OBSERVATION)
        clock.advance(seconds=90)
        await paste_text(pilot, HALF_TYPED)
        await pilot.press("ctrl+q")
    assert app.return_value == 0

    path = workspace / "sessions" / f"{meeting_id}.toml"
    stored = sessionfile.read(path)
    assert stored.ended_at is None
    assert "ended_at" not in path.read_text(encoding="utf-8")
    assert [(p.key, p.elapsed_ms) for p in stored.phases[:3]] == [
        ("followup", 120_000),
        ("data", 90_000),
        ("reflection", 0),
    ]
    assert [(n.phase, n.kind, n.text) for n in stored.notes] == [
        ("data", NoteKind.OBSERVATION, OBSERVATION)
    ]

    # Time passes while the app is closed; the clock was paused on quitting.
    clock.advance(minutes=10)
    app = make_app()
    async with run_app(app, SIZE) as pilot:
        await wait_for_store(pilot)
        start = app.screen
        assert isinstance(start, StartScreen)
        running = start.query_one("#running", OptionList)
        assert running.get_option(meeting_id) is not None
        assert "Datagennemgang" in str(running.get_option(meeting_id).prompt)
        running.focus()
        await pilot.press("home", "enter")
        screen = await wait_for_screen(pilot, MeetingScreen)
        room = screen.room
        assert room.meeting.id == meeting_id
        assert room.records == "data"
        assert row_texts(app) == [f"Observation: {OBSERVATION}"]
        # The half-typed entry is back on the entry line.
        await wait_until(
            pilot,
            lambda: screen.query_one("#entry-text", Input).value == HALF_TYPED,
            "the draft is restored",
        )
        assert not room.timer.running
        assert room.timer.elapsed_ms() == 90_000
        assert room.timer.elapsed_ms(0) == 120_000
        screen.tick()
        assert screen.query_one("#timebox-label", Label).content == t("time.paused")
        # borgerniveau gives data 7 minutes; 1.5 are used.
        assert screen.query_one("#timebox-digits").value == "05:30"

        # Paused while nobody was there: the notice says how the meeting goes on.
        assert notice_for(room) == (t("notice.paused"), False)

        await pilot.press("ctrl+t")
        assert room.timer.running
        assert notice_for(room) == ("", False)
        clock.advance(seconds=30)
        screen.tick()
        assert room.timer.elapsed_ms() == 120_000
        assert screen.query_one("#timebox-digits").value == "05:00"
