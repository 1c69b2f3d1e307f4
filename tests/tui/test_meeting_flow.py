"""A whole meeting from the start screen to the summary, at a laptop's and a projector's size."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Digits, Input, ListView, RadioSet

from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.files import sessionfile
from refleksionsrum.core.meeting.starting import slug
from refleksionsrum.core.models import Meeting, NoteKind
from refleksionsrum.core.store.database import Store
from refleksionsrum.core.workspace import Workspace
from refleksionsrum.tui.forms import TextForm, TrialActionForm
from refleksionsrum.tui.meeting import MeetingScreen
from support.pilot import (
    SIZES,
    AppFactory,
    clear_input,
    confirm,
    end_meeting,
    fill_trial_action,
    focused_id,
    next_phase,
    on_items,
    paste_text,
    record,
    row_texts,
    run_app,
    screen_text,
    start_from_start_screen,
    wait_for_screen,
)

TITLE = "Refleksionsmøde, familiebehandling"
PARTICIPANTS = "Mette (facilitator), Jonas (referent), Ali"
OBSERVATION = "Fremmødet i gruppeforløbet faldt fra 80 % til 55 % i oktober."
SOURCE = "Fremmøderegistrering"
STRAY = "Tre familier udeblev uden afbud."
REFLECTION = "Formiddage passer bedre til familier med små børn."
WONDERING = "Hvorfor faldt fremmødet netop i oktober?"
IDEA = "Ring til familierne dagen før."
DECISION = "Vi flytter gruppeforløbet til formiddag."
DECISION_EDITED = "Vi flytter gruppeforløbet til formiddag i december."
ACTION = {
    "title": "Ring dagen før til familier der udeblev sidst",
    "owner": "Jonas",
    "prediction": "Mindst 4 af 6 familier møder op.",
    "measure": "Fremmøde pr. gang i december.",
    "point": "Fastholdelse i gruppeforløb",
}
# Time used in each phase, in milliseconds; data gets a second helping after Ctrl+R.
USED = {
    "followup": 3 * 60_000,
    "data": 6 * 60_000 + 30_000 + 20_000,
    "reflection": 5 * 60_000,
    "wonder": 4 * 60_000 + 10_000,
    "next": 7 * 60_000 + 15_000,
}


def spend(clock: FakeClock, screen: MeetingScreen, ms: int) -> None:
    """Let time pass in the room and redraw the clocks as the 0.2 s tick would."""
    clock.advance(ms=ms)
    screen.tick()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_whole_meeting_from_start_screen_to_summary(
    size: tuple[int, int], make_app: AppFactory, clock: FakeClock, workspace: Path
) -> None:
    started = clock.now()
    app = make_app()
    async with run_app(app, size) as pilot:
        screen = await start_from_start_screen(pilot, TITLE, PARTICIPANTS)
        assert app.room is not None
        meeting_id = app.room.meeting.id
        assert meeting_id == f"2026-11-23-0900-{slug(TITLE)}"

        # Follow-up: the first meeting of a workspace has nothing to follow up.
        assert app.room.records == "followup"
        assert row_texts(app) == ["Ingen åbne prøvehandlinger fra tidligere møder."]
        # Nothing to pick, so no hint to pick one.
        assert not screen.query_one("#followup-hint").display
        spend(clock, screen, USED["followup"])
        # borgerniveau gives follow-up 5 minutes: 2 are left on the time box.
        assert screen.query_one("#timebox-digits", Digits).value == "02:00"
        await next_phase(pilot)

        # Data review: an observation with a source, and one that is deleted again.
        assert app.room.records == "data"
        spend(clock, screen, 30_000)
        await paste_text(pilot, OBSERVATION)
        await pilot.press("tab")
        assert focused_id(app) == "entry-source"
        await paste_text(pilot, SOURCE)
        await pilot.press("enter")
        await pilot.pause()
        assert focused_id(app) == "entry-text"
        assert screen.query_one("#entry-source", Input).value == ""
        await record(pilot, STRAY)
        assert row_texts(app) == [
            f"Observation: {OBSERVATION}  (kilde: {SOURCE})",
            f"Observation: {STRAY}",
        ]
        await pilot.press("shift+tab")
        assert on_items(app)
        # The focused list is the shown phase's (on_items): its second row is highlighted.
        assert isinstance(app.focused, ListView) and app.focused.index == 1
        await pilot.press("delete")
        await confirm(pilot)
        assert row_texts(app) == [f"Observation: {OBSERVATION}  (kilde: {SOURCE})"]
        spend(clock, screen, 6 * 60_000)
        await next_phase(pilot)

        # Reflection, then back to data for a moment (Ctrl+R) and on again.
        assert app.room.records == "reflection"
        await record(pilot, REFLECTION)
        assert row_texts(app) == [f"Refleksion: {REFLECTION}"]
        spend(clock, screen, USED["reflection"])
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.room.records == "data"
        assert row_texts(app) == [f"Observation: {OBSERVATION}  (kilde: {SOURCE})"]
        spend(clock, screen, 20_000)
        await next_phase(pilot)
        assert app.room.records == "reflection"
        await next_phase(pilot)

        # Wonder before action: a wondering, then an idea, parked.
        assert app.room.records == "wonder"
        await record(pilot, WONDERING)
        await pilot.press("shift+tab")
        assert focused_id(app) == "entry-kind"
        # The kinds are three radio buttons the room can see; the arrows pick one.
        kind = screen.query_one("#entry-kind", RadioSet)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert kind.pressed_index == 2
        assert str(kind.pressed_button.label) == "Parkeret idé"  # type: ignore[union-attr]
        await pilot.press("tab")
        await record(pilot, IDEA)
        assert row_texts(app) == [f"Undring: {WONDERING}", f"Parkeret idé: {IDEA}"]
        spend(clock, screen, USED["wonder"])
        await next_phase(pilot)

        # Next steps: the parked idea is waiting; a decision and a trial action.
        assert app.room.records == "next"
        assert row_texts(app) == [f"Parkeret idé: {IDEA}"]
        await record(pilot, DECISION)
        await pilot.press("ctrl+a")
        form = await wait_for_screen(pilot, TrialActionForm)
        # The due date defaults to the next meeting in borgerniveau's rhythm: 14 days.
        assert form.query_one("#ta-due", Input).value == "2026-12-07"
        await fill_trial_action(pilot, **ACTION)
        assert isinstance(app.screen, MeetingScreen)
        rows = row_texts(app)
        assert rows[0] == f"Beslutning: {DECISION}"
        assert rows[1].startswith(f"Prøvehandling: {ACTION['title']}\nJonas · ")
        assert rows[2] == f"Parkeret idé: {IDEA}"

        # Edit the decision: Enter on its row opens it; Ctrl+S saves.
        if not on_items(app):
            await pilot.press("shift+tab")
        assert on_items(app)
        items = app.focused
        assert isinstance(items, ListView)
        items.index = 0
        await pilot.press("enter")
        edit = await wait_for_screen(pilot, TextForm)
        assert edit.query_one("#text", Input).value == DECISION
        await clear_input(pilot)
        await paste_text(pilot, DECISION_EDITED)
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, MeetingScreen)
        assert row_texts(app)[0] == f"Beslutning: {DECISION_EDITED}"
        spend(clock, screen, USED["next"])

        summary = await end_meeting(pilot)
        shown = screen_text(summary)
        assert DECISION_EDITED in shown
        assert f"{ACTION['title']} · Jonas · " in shown
        assert "Mødet er slut" in shown

    expected_end = started + timedelta(milliseconds=sum(USED.values()))
    path = workspace / "sessions" / f"{meeting_id}.toml"
    assert path.is_file()
    from_file = sessionfile.read(path)
    check_meeting(from_file, started, expected_end)
    store = Store(Workspace.open(workspace).database_url)
    try:
        check_meeting(store.load_meeting(meeting_id), started, expected_end)
    finally:
        store.close()


def minutes_in(moment: datetime) -> str:
    """'mm:ss' after the meeting began at 09:00."""
    assert moment.hour == 9
    return f"{moment.minute:02d}:{moment.second:02d}"


def check_meeting(meeting: Meeting, started: datetime, ended: datetime) -> None:
    """What the meeting above must have recorded, in the session file and in the store."""
    assert meeting.title == TITLE
    assert meeting.template == "borgerniveau"
    assert meeting.started_at == started
    assert meeting.ended_at == ended
    assert [(p.name, p.role) for p in meeting.participants] == [
        ("Mette", "facilitator"),
        # Typed in Danish, stored as format 1's role name.
        ("Jonas", "note-taker"),
        ("Ali", "participant"),
    ]
    assert [(p.key, round(p.elapsed_ms / 1000)) for p in meeting.phases] == [
        (key, ms // 1000) for key, ms in USED.items()
    ]
    # Every timestamp comes from the FakeClock: minutes and seconds after 09:00.
    assert [
        (n.phase, n.kind, n.text, n.source, minutes_in(n.created_at)) for n in meeting.notes
    ] == [
        ("data", NoteKind.OBSERVATION, OBSERVATION, SOURCE, "03:30"),
        ("reflection", NoteKind.REFLECTION, REFLECTION, None, "09:30"),
        ("wonder", NoteKind.WONDERING, WONDERING, None, "14:50"),
        ("wonder", NoteKind.PARKED_IDEA, IDEA, None, "14:50"),
    ]
    assert [(d.text, minutes_in(d.created_at)) for d in meeting.decisions] == [
        (DECISION_EDITED, "19:00")
    ]
    [action] = meeting.trial_actions
    assert action.id.startswith("ta-")
    assert (
        action.title,
        action.owner,
        action.prediction,
        action.measure,
        action.development_point,
        action.adapted_from,
    ) == (
        ACTION["title"],
        ACTION["owner"],
        ACTION["prediction"],
        ACTION["measure"],
        ACTION["point"],
        None,
    )
    assert action.due == date(2026, 11, 23) + timedelta(days=14)
    assert meeting.evaluations == []
