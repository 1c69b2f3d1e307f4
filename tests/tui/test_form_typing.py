"""Forms filled in at a typist's speed: every key lands in the field it was meant for.

The trial-action form dropped text typed fast into its last field after an invalid date,
and its proposed due date took typed keys behind it ("2026-12-152026-12-10"). The
evaluation form began in its second field, so answers typed with Tab between them went
one field too low, and the last, typed into the verdict list, was lost and chose a verdict.
"""

from __future__ import annotations

from textual.widgets import Input, RadioSet, Static

from refleksionsrum.core.clock import FakeClock
from refleksionsrum.tui.forms import EvaluationForm, TrialActionForm
from refleksionsrum.tui.meeting import MeetingScreen
from refleksionsrum.tui.start import StartScreen
from support.pilot import (
    AppFactory,
    RRPilot,
    burst,
    end_meeting,
    fill_trial_action,
    focused_id,
    on_items,
    open_action_form,
    plain,
    run_app,
    spelled,
    start_from_start_screen,
    wait_for_screen,
    wait_until,
)

SIZE = (100, 30)


def values(form: object) -> dict[str, str]:
    return {i.id or "": i.value for i in form.query(Input)}  # type: ignore[attr-defined]


async def test_the_proposed_date_is_replaced_by_what_is_typed(make_app: AppFactory) -> None:
    app = make_app(new=True, title="Hurtige fingre")
    async with run_app(app, SIZE) as pilot:
        form = await open_action_form(pilot)
        proposed = form.query_one("#ta-due", Input).value
        assert proposed
        burst(pilot, *"Ring", "enter", *"Jonas", "enter", *"2026-12-10", "enter")
        await wait_until(pilot, lambda: focused_id(app) == "ta-prediction", "the prediction")
        assert form.query_one("#ta-due", Input).value == "2026-12-10"


async def test_text_typed_after_an_invalid_date_is_kept_and_the_date_named(
    make_app: AppFactory,
) -> None:
    app = make_app(new=True, title="Hurtige fingre")
    async with run_app(app, SIZE) as pilot:
        form = await open_action_form(pilot)
        burst(
            pilot,
            *"Ring", "enter", *"Jonas", "enter", *"32.13", "enter",
            *"Fire", "enter", *"Tal", "enter", *spelled("Fastholdelse"), "enter",
            *spelled("og mere"),
        )  # fmt: skip
        await wait_until(pilot, lambda: "mere" in "".join(values(form).values()), "the keys")
        for _ in range(5):
            await pilot.pause()
        assert app.screen is form  # not saved: the date cannot be read
        found = values(form)
        assert found["ta-prediction"] == "Fire"
        assert found["ta-measure"] == "Tal"
        # What was typed behind the Enter that tried to save stays where it was typed,
        # shown; the date keeps its complaint beside it (typing elsewhere cannot wipe it).
        assert found["ta-point"] == "Fastholdelseog mere"
        assert focused_id(app) == "ta-point"
        assert found["ta-due"] == "32.13"
        assert "Datoen kan ikke læses" in plain(form.query_one("#ta-due-error", Static).content)


async def test_the_evaluation_form_begins_at_its_first_field_and_tabs_in_order(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(new=True, title="Hurtige fingre")
    async with run_app(app, SIZE) as pilot:
        form = await open_evaluation(pilot, clock)
        assert focused_id(app) == "carried"
        burst(
            pilot, "down", "enter", "tab",
            *spelled("Det skete"), "tab", *spelled("Som ventet"), "tab",
            *spelled("Vi lærte"), "tab", *spelled("adopt it"),
        )  # fmt: skip
        await wait_until(pilot, lambda: "adopt it" in hint_of(form, "verdict"), "the verdict hint")
        found = values(form)
        assert form.query_one("#carried", RadioSet).pressed_index == 1
        assert found["ev-happened"] == "Det skete"
        assert found["ev-compared"] == "Som ventet"
        assert found["ev-learning"] == "Vi lærte"
        # Typed into the verdict list: nothing chosen, and the text is shown, not lost.
        assert form.query_one("#verdict", RadioSet).pressed_index == -1
        assert focused_id(app) == "verdict"


def hint_of(form: EvaluationForm, field: str) -> str:
    return plain(form.query_one(f"#{field}-error", Static).content)


async def open_evaluation(pilot: RRPilot, clock: FakeClock) -> EvaluationForm:
    """A meeting with a trial action, ended; the next meeting's follow-up opens its form."""
    form = await open_action_form(pilot)
    await fill_trial_action(pilot, "Ring", "Jonas", "Fire", "Tal")
    assert pilot.app.screen is not form
    await end_meeting(pilot)
    await pilot.press("escape")
    await wait_for_screen(pilot, StartScreen)
    clock.advance(minutes=14 * 24 * 60)
    await start_from_start_screen(pilot, "Næste")
    await wait_until(pilot, lambda: on_items(pilot.app), "the follow-up list")
    await pilot.press("enter")
    return await wait_for_screen(pilot, EvaluationForm)


async def test_ctrl_s_right_behind_the_last_keys_saves_all_of_them(make_app: AppFactory) -> None:
    """Ctrl+S was a priority binding: it ran before the keys typed just ahead of it had
    reached their field, and the trial action was saved without its last words (or
    refused for an empty field that was not empty)."""
    app = make_app(new=True, title="Hurtige fingre")
    async with run_app(app, SIZE) as pilot:
        form = await open_action_form(pilot)
        burst(
            pilot,
            *"Ring", "enter", *"Jonas", "enter", "enter", *"Fire", "enter",
            *spelled("dage fra henvendelse til visitation SLUT"), "ctrl+s",
        )  # fmt: skip
        screen = await wait_for_screen(pilot, MeetingScreen)
        await wait_until(pilot, lambda: bool(screen.room.meeting.trial_actions), "the action")
        (saved,) = screen.room.meeting.trial_actions
        assert (saved.title, saved.owner, saved.prediction) == ("Ring", "Jonas", "Fire")
        assert saved.measure == "dage fra henvendelse til visitation SLUT"
        assert app.screen is not form


async def test_a_form_taller_than_the_screen_opens_at_its_top(make_app: AppFactory) -> None:
    app = make_app(new=True, title="Lille skærm")
    async with run_app(app, (80, 24)) as pilot:
        form = await open_action_form(pilot)
        scroller = form.query_one(".form")
        await wait_until(pilot, lambda: scroller.max_scroll_y > 0, "a form taller than the screen")
        for _ in range(3):
            await pilot.pause()
        assert scroller.scroll_y == 0
        assert focused_id(app) == "ta-title"


async def test_a_form_opened_again_after_escape_says_its_text_was_kept(
    make_app: AppFactory,
) -> None:
    """Escape keeps what was typed; a new user took the text back in the fields for a
    cancel that had not worked. The form now says so at its top."""
    app = make_app(new=True, title="Fortrudt")
    async with run_app(app, SIZE) as pilot:
        form = await open_action_form(pilot)
        assert plain(form.query_one(".form-error", Static).content) == ""
        await pilot.press(*"Annulleres", "escape")
        await wait_for_screen(pilot, MeetingScreen)
        await pilot.press("ctrl+a")
        again = await wait_for_screen(pilot, TrialActionForm)
        assert again.query_one("#ta-title", Input).value == "Annulleres"
        said = plain(again.query_one(".form-error", Static).content)
        assert "sat ind igen" in said
