"""The next meetings: follow-up lists every open trial action, oldest first, and verdicts count."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input, OptionList, Static

from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.files import sessionfile
from refleksionsrum.core.kinds import CarriedOut, Verdict
from refleksionsrum.tui.forms import EvaluationForm, TrialActionForm
from refleksionsrum.tui.meeting import MeetingScreen
from refleksionsrum.tui.start import StartScreen
from support.pilot import (
    AppFactory,
    RRPilot,
    choose_radio,
    clear_input,
    end_meeting,
    fill_trial_action,
    focused_id,
    items_of,
    next_phase,
    on_items,
    paste_text,
    row_texts,
    run_app,
    start_from_start_screen,
    wait_for_screen,
    wait_until,
)
from support.samples import evaluation, note, phase, session_text, trial_action

SIZE = (100, 32)
DAY = 24 * 60
CALL = {
    "title": "Ring dagen før til familier der udeblev",
    "owner": "Jonas",
    "prediction": "Mindst 4 af 6 familier møder op.",
    "measure": "Fremmøde pr. gang.",
}
MORNING = {
    "title": "Flyt gruppeforløbet til formiddag",
    "owner": "Mette",
    "prediction": "Fremmødet stiger til 70 %.",
    "measure": "Fremmøderegistrering i december.",
    "point": "Fastholdelse i gruppeforløb",
}
MORNING_ADAPTED = "Flyt gruppeforløbet til formiddag, to gange om ugen"
NOT_EVALUATED = "Ikke evalueret endnu"


async def plan_meeting(pilot: RRPilot, title: str, *actions: dict[str, str]) -> str:
    """Run a meeting straight to next steps, plan ``actions``, end it; returns its id."""
    app = pilot.app
    screen = await start_from_start_screen(pilot, title)
    meeting_id = screen.room.meeting.id
    for _ in range(4):
        await next_phase(pilot)
    assert screen.room.records == "next"
    for action in actions:
        await pilot.press("ctrl+a")
        await fill_trial_action(pilot, **action)
    assert [a.title for a in screen.room.meeting.trial_actions] == [a["title"] for a in actions]
    await end_meeting(pilot)
    # Escape on the summary goes back to the start screen for the next meeting.
    await pilot.press("escape")
    await wait_for_screen(pilot, StartScreen)
    assert app.screen.query_one("#recent", OptionList).get_option(meeting_id) is not None
    return meeting_id


async def evaluate_row(
    pilot: RRPilot,
    index: int,
    carried: CarriedOut,
    verdict: Verdict,
    happened: str,
    learning: str,
) -> None:
    """Enter on follow-up row ``index``, fill in the evaluation, Ctrl+S."""
    app = pilot.app
    items = items_of(app.screen)
    assert on_items(app)
    items.index = index
    await pilot.press("enter")
    form = await wait_for_screen(pilot, EvaluationForm)
    # The form begins at its first field, and Tab and Enter go down it in order.
    assert focused_id(app) == "carried"
    await choose_radio(pilot, "#carried", list(CarriedOut).index(carried))
    await pilot.press("tab")
    assert focused_id(app) == "ev-happened"
    await paste_text(pilot, happened)
    await pilot.press("enter")
    assert focused_id(app) == "ev-compared"
    await pilot.press("enter")
    assert focused_id(app) == "ev-learning"
    await paste_text(pilot, learning)
    await pilot.press("enter")
    assert focused_id(app) == "verdict"
    await choose_radio(pilot, "#verdict", list(Verdict).index(verdict))
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: app.screen is not form, "the evaluation form closes")
    await pilot.pause()


async def test_second_meeting_follows_up_and_third_sees_what_is_still_open(
    make_app: AppFactory, clock: FakeClock, workspace: Path
) -> None:
    app = make_app()
    async with run_app(app, SIZE) as pilot:
        first_id = await plan_meeting(pilot, "Første møde", CALL, MORNING)

        clock.advance(minutes=DAY)
        screen = await start_from_start_screen(pilot, "Andet møde")
        second_id = screen.room.meeting.id
        assert screen.room.records == "followup"
        await wait_until(pilot, lambda: on_items(app), "the list has focus")
        rows = row_texts(app)
        assert len(rows) == 2
        # Oldest first: in the order the first meeting planned them.
        assert rows[0].startswith(f"• {CALL['title']}\n")
        assert rows[1].startswith(f"• {MORNING['title']}\n")
        assert all(row.endswith(NOT_EVALUATED) for row in rows)

        await evaluate_row(
            pilot, 0, CarriedOut.PARTLY, Verdict.CONTINUE, "Ringede til tre.", "For få endnu."
        )
        assert row_texts(app)[0].startswith(f"✓ {CALL['title']}\n")
        assert "Beslutning: Fortsæt · Gennemført: delvist" in row_texts(app)[0]

        await evaluate_row(
            pilot, 1, CarriedOut.YES, Verdict.ADAPT, "Flere kom.", "Én gang er for lidt."
        )
        # Adapt opens the new trial action, filled in from the old one, to be refined.
        form = await wait_for_screen(pilot, TrialActionForm)
        assert focused_id(app) == "ta-title"
        assert form.query_one("#ta-title", Input).value == MORNING["title"]
        assert form.query_one("#ta-owner", Input).value == MORNING["owner"]
        assert form.query_one("#ta-prediction", Input).value == MORNING["prediction"]
        # Due: the next meeting in the rhythm, counted from this meeting (24 Nov + 14 days).
        assert form.query_one("#ta-due", Input).value == "2026-12-08"
        await clear_input(pilot)
        await paste_text(pilot, MORNING_ADAPTED)
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, MeetingScreen)
        assert row_texts(app)[1].endswith(f"→ justeret til {MORNING_ADAPTED}")

        for _ in range(4):
            await next_phase(pilot)
        assert row_texts(app)[0].startswith(f"Prøvehandling: {MORNING_ADAPTED}\n")
        await end_meeting(pilot)

    second = sessionfile.read(workspace / "sessions" / f"{second_id}.toml")
    assert second.ended_at is not None
    first = sessionfile.read(workspace / "sessions" / f"{first_id}.toml")
    call_id, morning_id = (a.id for a in first.trial_actions)
    assert [(e.trial_action, e.carried_out, e.verdict) for e in second.evaluations] == [
        (call_id, CarriedOut.PARTLY, Verdict.CONTINUE),
        (morning_id, CarriedOut.YES, Verdict.ADAPT),
    ]
    # Readable on its own: each evaluation names its trial action's title beside the id.
    assert [e.title for e in second.evaluations] == [CALL["title"], MORNING["title"]]
    written = (workspace / "sessions" / f"{second_id}.toml").read_text(encoding="utf-8")
    assert f'trial_action = "{call_id}"\ntrial_action_title = "{CALL["title"]}"\n' in written
    [adapted] = second.trial_actions
    assert adapted.id not in (call_id, morning_id)
    assert (adapted.title, adapted.adapted_from, adapted.due) == (
        MORNING_ADAPTED,
        morning_id,
        date(2026, 12, 8),
    )
    assert (adapted.owner, adapted.measure, adapted.development_point) == (
        MORNING["owner"],
        MORNING["measure"],
        MORNING["point"],
    )

    # The third meeting, in a new run of the app the day after.
    clock.advance(minutes=DAY)
    app = make_app()
    async with run_app(app, SIZE) as pilot:
        await start_from_start_screen(pilot, "Tredje møde")
        await wait_until(pilot, lambda: on_items(app), "the list has focus")
        rows = row_texts(app)
        # Continued: still open. Adapted: the new one is open, the old one is closed.
        assert [row.split("\n")[0] for row in rows] == [
            f"• {CALL['title']}",
            f"• {MORNING_ADAPTED}",
        ]
        assert not any(MORNING["title"] + "\n" in row for row in rows)
        # The continued one carries what the second meeting said of it.
        assert "Sidste møde: Fortsæt. Hvad vi lærte: For få endnu." in rows[0]
        assert rows[0].endswith(NOT_EVALUATED)
        assert "Sidste møde" not in rows[1]


# DESIGN.md's example session file, as a colleague might write it by hand; ids changed.
HANDWRITTEN = session_text(
    "2026-11-22-1300-kollegas-moede",
    title="Refleksionsmøde, familiebehandling (Birgits maskine)",
    template="indsatsniveau",
    started_at="2026-11-22T13:00:00+01:00",
    ended_at="2026-11-22T14:55:00+01:00",
    previous="2026-11-08-1300-kollegas-forrige",
    participants=[{"name": "Mette", "role": "facilitator"}],
    phases=[phase(planned_minutes=20, elapsed_seconds=1260)],
    notes=[
        note(
            text="Fremmødet i gruppeforløbet faldt fra 80 % til 55 % i oktober.",
            source="Fremmøderegistrering",
            created_at="2026-11-22T13:14:03+01:00",
        )
    ],
    decisions=[
        {
            "text": "Vi flytter gruppeforløbet til formiddag i december.",
            "created_at": "2026-11-22T14:41:10+01:00",
        }
    ],
    trial_actions=[
        trial_action(
            "ta-birgit1",
            title="Ring dagen før til familier der udeblev sidst",
            due="2026-12-06",
            prediction="Mindst 4 af 6 familier møder op.",
            measure="Fremmøde pr. gang i december.",
            development_point="Fastholdelse i gruppeforløb",
            adapted_from="ta-birgit0",
        )
    ],
    evaluations=[
        evaluation(
            "ta-birgit0",
            carried_out="partly",
            what_happened="...",
            compared_to_prediction="...",
            learning="...",
            verdict="adapt",
        )
    ],
)


async def test_handwritten_session_file_is_taken_in_and_followed_up(
    make_app: AppFactory, workspace: Path
) -> None:
    (workspace / "sessions" / "2026-11-22-1300-kollegas-moede.toml").write_text(
        HANDWRITTEN, encoding="utf-8"
    )
    app = make_app()
    async with run_app(app, SIZE) as pilot:
        await wait_until(pilot, lambda: app.store is not None, "the store is open")
        start = await wait_for_screen(pilot, StartScreen)
        await wait_until(
            pilot,
            lambda: (
                start.query_one("#recent", OptionList).option_count > 0
                and start.query_one("#recent", OptionList).get_option_at_index(0).id is not None
            ),
            "the recent meetings are listed",
        )
        recent = start.query_one("#recent", OptionList)
        assert recent.get_option("2026-11-22-1300-kollegas-moede") is not None
        assert "mødefil" not in str(start.query_one("#start-status", Static).content)

        await start_from_start_screen(pilot, "Næste møde")
        await wait_until(pilot, lambda: on_items(app), "the list has focus")
        [row] = row_texts(app)
        assert row.startswith("• Ring dagen før til familier der udeblev sidst\n")
        assert "Jonas" in row
        assert "Mindst 4 af 6 familier møder op." in row
