"""The data review on the shared screen: charts of the team's own files, flipped and noted."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from data.sources import ATTENDANCE_SOURCE, FIXTURES
from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.data.shown import shown_in
from refleksionsrum.core.export import referat
from refleksionsrum.core.files.sessionfile import read as read_session_file
from refleksionsrum.core.workspace import Workspace
from refleksionsrum.tui.app import RefleksionsrumApp
from refleksionsrum.tui.datareview import DataReview
from refleksionsrum.tui.meeting import MeetingScreen
from support.pilot import (
    SIZES,
    RRPilot,
    next_phase,
    plain,
    run_app,
    steady_cursors,
    wait_for_screen,
    wait_until,
)

SnapCompare = Any

SOURCES = (
    ATTENDANCE_SOURCE
    + """
[[data]]
name = "Tilfredshed"
file = "data/tilfredshed.xlsx"
value = "Score"
"""
)

# An earlier meeting planned a trial action measured by the attendance source.
EARLIER = """\
format = 1
id = "2014-11-03-1300-gruppe"
title = "Kvartalsmøde"
template = "indsatsniveau"
started_at = 2014-11-03T13:00:00+01:00
ended_at = 2014-11-03T15:00:00+01:00

[[trial_actions]]
id = "ta-0001"
title = "Ring dagen før"
owner = "Jonas"
due = 2014-12-01
prediction = "Flere møder op."
measure = "Fremmøde i gruppeforløbet pr. måned"
"""


@pytest.fixture
def data_workspace(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (workspace / "data").mkdir()
    shutil.copy(FIXTURES / "fremmoede_excel_da.csv", workspace / "data" / "fremmoede.csv")
    config = workspace / "config.toml"
    config.write_text(config.read_text(encoding="utf-8") + SOURCES, encoding="utf-8")
    (workspace / "sessions" / "2014-11-03-1300-gruppe.toml").write_text(EARLIER, "utf-8")
    monkeypatch.chdir(workspace.parent)
    return Path(workspace.name)


def app_on(root: Path) -> RefleksionsrumApp:
    return RefleksionsrumApp(
        Workspace.open(root), clock=FakeClock(), new=True, title="Kvartalsmøde, gruppeforløb"
    )


async def to_data_review(pilot: RRPilot) -> DataReview:
    screen = await wait_for_screen(pilot, MeetingScreen)
    await next_phase(pilot)
    await wait_until(pilot, lambda: screen.query(DataReview), "the data review")
    review = screen.query_one(DataReview)
    await wait_until(pilot, lambda: review.painted > 0, "a chart")
    return review


def text_of(review: DataReview, selector: str) -> str:
    return plain(review.query_one(selector, Static).render())


async def test_flipping_shows_each_source_and_a_bad_file_as_a_notice(data_workspace: Path) -> None:
    app = app_on(data_workspace)
    async with run_app(app, (160, 45)) as pilot:
        review = await to_data_review(pilot)
        assert review.border_title == "Fremmøde i gruppeforløbet"
        assert "datakilde 1 af 2" in str(review.border_subtitle)
        verdict = text_of(review, "#data-verdict")
        assert "Median 19." in verdict
        assert "15 punkter under medianen (grænsen er 8)" in verdict
        # The trial action planned in November 2014 is marked on the chart.
        assert "▼" in text_of(review, "#data-chart")
        assert "Ring dagen før" in verdict
        shown = review.painted
        await pilot.press("f7")
        await wait_until(pilot, lambda: review.painted > shown, "the second source")
        assert review.index == 1
        assert "tilfredshed.xlsx: filen findes ikke." in text_of(review, "#data-chart")
        # The meeting goes on: the entry line still records.
        assert isinstance(app.focused, Input)
        await pilot.press("f7")
        await wait_until(pilot, lambda: review.index == 0, "back to the first")


async def test_f8_records_the_chart_as_an_observation_and_the_referat_lists_it(
    data_workspace: Path,
) -> None:
    app = app_on(data_workspace)
    async with run_app(app, (160, 45)) as pilot:
        review = await to_data_review(pilot)
        room = review.room
        await pilot.press("f8")
        await wait_until(pilot, lambda: room.notes_here(), "an observation")
        (note,) = room.notes_here()
        assert note.text == (
            "Fremmøde i gruppeforløbet: median 19, signal: langt forløb under medianen"
        )
        assert note.source == "Fremmøde i gruppeforløbet"
        await next_phase(pilot)  # the session file is written at the phase change
        assert not screen_has_review(app)
        path = data_workspace / "sessions" / f"{room.meeting.id}.toml"
        meeting = read_session_file(path)
        (shown,) = shown_in(meeting)
        assert (shown.name, shown.median, shown.signal) == ("Fremmøde i gruppeforløbet", 19, True)
        minutes = referat(meeting)
        assert "## Data vi så på" in minutes
        assert "**Fremmøde i gruppeforløbet** Median 19. Usædvanligt langt forløb" in minutes


def screen_has_review(app: RefleksionsrumApp) -> bool:
    return bool(app.screen.query(DataReview))


async def test_without_data_sources_the_data_phase_is_as_before(workspace: Path) -> None:
    app = RefleksionsrumApp(Workspace.open(workspace), clock=FakeClock(), new=True, title="Møde")
    async with run_app(app, (80, 24)) as pilot:
        screen = await wait_for_screen(pilot, MeetingScreen)
        await next_phase(pilot)
        assert screen.room.records == "data"
        assert not screen.query(DataReview)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_data_review_snapshot(
    size: tuple[int, int], data_workspace: Path, snap_compare: SnapCompare
) -> None:
    async def charted(pilot: RRPilot) -> None:
        await to_data_review(pilot)
        await steady_cursors(pilot)

    assert snap_compare(app_on(data_workspace), terminal_size=size, run_before=charted)
