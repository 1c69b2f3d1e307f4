"""The new trial action's form opened again and again in one meeting: always as new.

The meeting screen keeps that form and fills it in anew for each Ctrl+A (made fresh every
time it took 50-80 ms to show). What a facilitator relies on: after a save it opens empty,
after Escape it brings back what was typed and says so, and never says so when nothing
was typed (the proposed date alone once did), and no complaint from an earlier opening.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static

from refleksionsrum.tui.forms import TrialActionForm
from refleksionsrum.tui.meeting import MeetingScreen
from refleksionsrum.tui.summary import SummaryScreen
from support.pilot import (
    AppFactory,
    RRPilot,
    burst,
    end_meeting,
    fill_trial_action,
    focused_id,
    open_action_form,
    paste_text,
    plain,
    run_app,
    wait_for_saves,
    wait_for_screen,
    wait_until,
)

SIZE = (100, 30)
RESTORED = "sat ind igen"


def values(form: Screen[Any]) -> dict[str, str]:
    return {i.id or "": i.value for i in form.query(Input)}


def top_line(form: TrialActionForm) -> str:
    return plain(form.query_one(".form-error", Static).content)


async def close_with_escape(pilot: RRPilot, form: Screen[Any]) -> None:
    await pilot.press("escape")
    await wait_until(pilot, lambda: pilot.app.screen is not form, "the form closes")


async def opened_again(pilot: RRPilot, form: TrialActionForm) -> TrialActionForm:
    """Escape, then Ctrl+A: the form as the next opening shows it."""
    await close_with_escape(pilot, form)
    await pilot.press("ctrl+a")
    return await wait_for_screen(pilot, TrialActionForm)


async def test_after_a_save_the_form_opens_empty_with_the_proposed_date(
    make_app: AppFactory,
) -> None:
    app = make_app(new=True, title="Prøvehandlinger i træk")
    async with run_app(app, SIZE) as pilot:
        first = await open_action_form(pilot)
        proposed = values(first)["ta-due"]
        await fill_trial_action(pilot, "Ring dagen før", "Jonas", "Færre udeblivelser", "Tal")
        await pilot.press("ctrl+a")
        again = await wait_for_screen(pilot, TrialActionForm)
        assert values(again) == {
            "ta-title": "",
            "ta-owner": "",
            "ta-due": proposed,
            "ta-prediction": "",
            "ta-measure": "",
            "ta-point": "",
        }
        assert top_line(again) == ""
        assert focused_id(app) == "ta-title"
        # Keys typed right behind the Ctrl+A land in the title, as in a new form.
        burst(pilot, *"Mød", "enter", *"Ali")
        await wait_until(pilot, lambda: values(again)["ta-owner"] == "Ali", "the owner")
        assert values(again)["ta-title"] == "Mød"
        assert app.room is not None
        titles = [a.title for a in app.room.meeting.trial_actions]
        assert titles == ["Ring dagen før"]


async def test_escape_with_nothing_typed_leaves_nothing_to_bring_back(
    make_app: AppFactory,
) -> None:
    app = make_app(new=True, title="Prøvehandlinger i træk")
    async with run_app(app, SIZE) as pilot:
        form = await open_action_form(pilot)
        again = await opened_again(pilot, form)
        await pilot.pause()
        # The proposed date is no typing: "what you wrote last is back" would be untrue.
        assert RESTORED not in top_line(again)
        assert values(again)["ta-title"] == ""


async def test_escape_after_typing_brings_the_text_back_and_says_so(
    make_app: AppFactory,
) -> None:
    app = make_app(new=True, title="Prøvehandlinger i træk")
    async with run_app(app, SIZE) as pilot:
        form = await open_action_form(pilot)
        await paste_text(pilot, "Ring dagen før")
        again = await opened_again(pilot, form)
        await wait_until(pilot, lambda: RESTORED in top_line(again), "the restored notice")
        assert values(again)["ta-title"] == "Ring dagen før"


async def test_a_complaint_from_the_last_opening_is_gone(make_app: AppFactory) -> None:
    app = make_app(new=True, title="Prøvehandlinger i træk")
    async with run_app(app, SIZE) as pilot:
        form = await open_action_form(pilot)
        await pilot.press("ctrl+s")  # nothing filled in: the title is asked for
        error = form.query_one("#ta-title-error", Static)
        await wait_until(pilot, lambda: bool(error.display), "the complaint")
        again = await opened_again(pilot, form)
        await pilot.pause()
        assert top_line(again) == ""
        assert not any(hint.display for hint in again.query(".field-error"))


async def test_the_kept_form_goes_when_the_meeting_ends(make_app: AppFactory) -> None:
    app = make_app(new=True, title="Prøvehandlinger i træk")
    async with run_app(app, SIZE) as pilot:
        form = await open_action_form(pilot)
        await close_with_escape(pilot, form)
        assert app.is_screen_installed(form)
        summary = await end_meeting(pilot)
        assert isinstance(summary, SummaryScreen)
        await wait_until(pilot, lambda: not app.is_screen_installed(form), "the form is let go")


async def test_a_form_brought_back_while_the_kept_one_is_open_leaves_it_alone(
    make_app: AppFactory,
) -> None:
    """A refused save reopens its form when the store answers, maybe over a new one."""
    app = make_app(new=True, title="Prøvehandlinger i træk")
    async with run_app(app, SIZE) as pilot:
        form = await open_action_form(pilot)
        await paste_text(pilot, "Mit nye udkast")
        screen = app.screen_stack[-2]
        assert isinstance(screen, MeetingScreen)
        refused = replace(screen.editor.blank_action(), title="Den afviste")
        screen.editor.edit_trial_action(refused)
        await wait_until(
            pilot,
            lambda: app.screen is not form and values(app.screen).get("ta-title") == "Den afviste",
            "the refused one's form",
        )
        assert values(form)["ta-title"] == "Mit nye udkast"
        await close_with_escape(pilot, app.screen)
        assert app.screen is form


async def test_a_save_right_behind_the_last_keys_leaves_no_draft_behind(
    make_app: AppFactory,
) -> None:
    """Changes handled after the Ctrl+S that closed the form: the kept form stores nothing."""
    app = make_app(new=True, title="Prøvehandlinger i træk")
    async with run_app(app, SIZE) as pilot:
        form = await open_action_form(pilot)
        burst(
            pilot,
            *"Ring", "enter", *"Jonas", "enter", "enter", *"Færre", "enter", *"Tal", "ctrl+s",
        )  # fmt: skip
        await wait_until(pilot, lambda: app.screen is not form, "the form saved and closed")
        await wait_for_saves(pilot)
        for _ in range(3):
            await pilot.pause()
        # No draft timer started by those late changes: nothing will be written later.
        assert form._draft_timer is None
        assert app.room is not None
        assert [a.title for a in app.room.meeting.trial_actions] == ["Ring"]
        await wait_until(
            pilot,
            lambda: "form:new-action" not in app.room.drafts.pending(),  # type: ignore[union-attr]
            "the saved form's draft dropped",
        )
        await pilot.press("ctrl+a")
        again = await wait_for_screen(pilot, TrialActionForm)
        await pilot.pause()
        assert values(again)["ta-title"] == ""
        assert RESTORED not in top_line(again)


async def test_the_kept_form_follows_a_change_to_the_contrast_theme(
    make_app: AppFactory,
) -> None:
    """F6 while the form is closed: opened again, it is drawn in the new theme's colours."""
    app = make_app(new=True, title="Prøvehandlinger i træk")
    async with run_app(app, SIZE) as pilot:
        form = await open_action_form(pilot)
        panel = form.query_one(".form")
        standard = panel.styles.background
        await close_with_escape(pilot, form)
        await pilot.press("f6")
        await wait_until(pilot, lambda: app.theme.endswith("kontrast"), "the contrast theme")
        await pilot.press("ctrl+a")
        await wait_until(pilot, lambda: app.screen is form, "the kept form again")
        await pilot.pause()
        contrast = panel.styles.background
        assert contrast != standard
        # As a form made in the contrast theme is.
        fresh = TrialActionForm(form.action, [])
        await pilot.press("escape")
        await app.push_screen(fresh)
        await wait_until(pilot, lambda: bool(fresh.query(".form")), "a new form")
        await pilot.pause()
        assert fresh.query_one(".form").styles.background == contrast


async def test_a_complaint_below_the_fold_is_scrolled_into_view_at_80x24(
    make_app: AppFactory,
) -> None:
    """Ctrl+S with the prediction empty, typing in the owner: the complaint is seen."""
    app = make_app(new=True, title="Prøvehandlinger i træk")
    async with run_app(app, (80, 24)) as pilot:
        form = await open_action_form(pilot)
        burst(pilot, *"Ring", "enter", *"Ali", "ctrl+s")
        hint = form.query_one("#ta-prediction-error", Static)
        await wait_until(pilot, lambda: bool(hint.display), "the complaint")
        scroller = form.query_one(VerticalScroll)
        await wait_until(
            pilot,
            lambda: scroller.content_region.contains_region(hint.region),
            "the complaint in view",
        )
        assert "forventer" in plain(hint.content)
        assert focused_id(app) == "ta-owner"  # the typist's field keeps the keys
