"""Texts from config.toml, session files and people are shown as written on every screen.

A team's template called "[/]" (or with "[b]" in a phase title, a prompt, a participant's
name) once stopped the start screen and `new` with a MarkupError: the select list read the
title as markup. Every screen is walked here with such texts in every place a team or a
file can put them.
"""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from refleksionsrum.tui.app import RefleksionsrumApp
from refleksionsrum.tui.forms import TrialActionForm
from refleksionsrum.tui.meeting import MeetingScreen
from refleksionsrum.tui.presentation import PresentationScreen
from refleksionsrum.tui.start import StartScreen
from refleksionsrum.tui.summary import ReferatView, SummaryScreen
from support.pilot import (
    AppFactory,
    RRPilot,
    end_meeting,
    next_phase,
    paste_text,
    record,
    run_app,
    wait_for_screen,
    wait_for_store,
    wait_until,
)

MARK = "[/]"
SIZE = (100, 30)


def markup_everywhere(workspace: Path) -> None:
    """Put markup-like text in every title, purpose and prompt of config.toml."""
    config = workspace / "config.toml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r'^(title|purpose) = "', lambda m: f'{m[1]} = "{MARK}[b]', text, flags=re.M)
    text = re.sub(r'^    "', lambda _: f'    "{MARK}[red]', text, flags=re.M)
    config.write_text(text, encoding="utf-8")


def shown(pilot: RRPilot) -> str:
    """Everything the screen draws now, as plain text (from the screenshot's SVG)."""
    svg = pilot.app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


async def alive(pilot: RRPilot) -> None:
    await pilot.pause()
    assert pilot.app.is_running and pilot.app.return_code is None


@asynccontextmanager
async def markup_start(
    make_app: AppFactory, workspace: Path
) -> AsyncIterator[tuple[RefleksionsrumApp, RRPilot]]:
    """The start screen of a workspace with markup in every text, its store open."""
    markup_everywhere(workspace)
    app = make_app()
    async with run_app(app, SIZE) as pilot:
        await wait_for_store(pilot)
        yield app, pilot


async def present_and_back(pilot: RRPilot) -> None:
    await pilot.press("f5")
    await wait_for_screen(pilot, PresentationScreen)
    await pilot.press("right", "f2")
    await alive(pilot)
    assert MARK in shown(pilot)
    await pilot.press("escape")
    await wait_for_screen(pilot, MeetingScreen)


async def test_a_template_titled_like_markup_opens_the_start_screen(
    make_app: AppFactory, workspace: Path
) -> None:
    async with markup_start(make_app, workspace) as (app, pilot):
        await alive(pilot)
        assert f"{MARK}[b]Borgerniveau" in shown(pilot)
        # The open list shows every template's title as written too.
        chooser = app.screen.query_one("#template")
        chooser.focus()
        await pilot.press("enter")
        await alive(pilot)
        assert f"{MARK}[b]Organisatorisk niveau" in shown(pilot)
        await pilot.press("escape")
        await alive(pilot)


async def test_new_with_such_a_template_runs_the_whole_meeting(
    make_app: AppFactory, workspace: Path
) -> None:
    markup_everywhere(workspace)
    app = make_app(new=True)
    async with run_app(app, SIZE) as pilot:
        screen = await wait_for_screen(pilot, MeetingScreen)
        room = screen.room
        await wait_until(pilot, lambda: MARK in shown(pilot), "the meeting drawn")
        assert f"{MARK}[b]Borgerniveau" in room.meeting.title
        await present_and_back(pilot)
        for _ in range(len(room.meeting.phases) - 1):
            await next_phase(pilot)
            await alive(pilot)
            assert f"{MARK}[b]" in shown(pilot)
            if room.records in ("data", "reflection", "wonder", "next"):
                await record(pilot, f"{MARK} note [i]")
            await present_and_back(pilot)
        await pilot.press("ctrl+a")
        form = await wait_for_screen(pilot, TrialActionForm)
        await alive(pilot)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is not form, "the form closes")
        summary = await end_meeting(pilot)
        await alive(pilot)
        assert f"{MARK}[b]Borgerniveau" in shown(pilot)
        assert isinstance(summary, SummaryScreen)
        await pilot.click("#show-referat")
        await wait_for_screen(pilot, ReferatView)
        await alive(pilot)
        await pilot.press("escape")
        await wait_for_screen(pilot, SummaryScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, StartScreen)
        await alive(pilot)
        assert f"{MARK}[b]Borgerniveau" in shown(pilot)


async def test_participants_and_follow_up_from_files_are_shown_as_written(
    make_app: AppFactory, workspace: Path
) -> None:
    async with markup_start(make_app, workspace) as (app, pilot):
        app.screen.query_one("#participants").focus()
        await pilot.pause()
        await paste_text(pilot, f"{MARK}Mette, [red]Jonas")
        await pilot.press("enter")
        screen = await wait_for_screen(pilot, MeetingScreen)
        room = screen.room
        while room.records != "next":
            await next_phase(pilot)
        await pilot.press("ctrl+a")
        await wait_for_screen(pilot, TrialActionForm)
        await alive(pilot)
        assert f"{MARK}Mette, [red]Jonas" in shown(pilot)
        await pilot.press("escape")
        await wait_for_screen(pilot, MeetingScreen)
