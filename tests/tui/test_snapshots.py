"""Snapshots of the screens at a laptop's and a projector's size, on a frozen clock."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.workspace import Workspace
from refleksionsrum.tui.app import RefleksionsrumApp
from refleksionsrum.tui.meeting import MeetingScreen
from support.pilot import (
    SIZES,
    RRPilot,
    next_phase,
    open_action_form,
    record,
    steady_cursors,
    wait_for_screen,
    wait_for_store,
    wait_until,
)
from support.samples import phase, session_text

SnapCompare = Any

ENDED = session_text(
    "2026-11-09-1300-familiebehandling",
    title="Refleksionsmøde, familiebehandling",
    ended_at="2026-11-09T13:32:00+01:00",
    phases=[phase(planned_minutes=7, elapsed_seconds=480)],
    notes=(),
    trial_actions=(),
    evaluations=(),
)
RUNNING = session_text(
    "2026-11-23-0830-boerneteamet",
    title="Børneteamet, kvartalsmøde",
    template="indsatsniveau",
    started_at="2026-11-23T08:30:00+01:00",
    ended_at=None,
    phases=[
        phase("followup", "Opfølgning", 20, 900),
        phase(planned_minutes=30, elapsed_seconds=300),
    ],
    notes=(),
    trial_actions=(),
    evaluations=(),
)


@pytest.fixture
def relative_workspace(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The workspace by a relative path: the start screen shows its folder, same on every run."""
    monkeypatch.chdir(workspace.parent)
    return Path(workspace.name)


def app_on(root: Path, **options: Any) -> RefleksionsrumApp:
    return RefleksionsrumApp(Workspace.open(root), clock=FakeClock(), **options)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_start_screen(
    size: tuple[int, int], relative_workspace: Path, snap_compare: SnapCompare
) -> None:
    sessions = relative_workspace / "sessions"
    (sessions / "2026-11-09-1300-familiebehandling.toml").write_text(ENDED, encoding="utf-8")
    (sessions / "2026-11-23-0830-boerneteamet.toml").write_text(RUNNING, encoding="utf-8")

    async def loaded(pilot: RRPilot) -> None:
        await wait_for_store(pilot)
        await steady_cursors(pilot)

    assert snap_compare(app_on(relative_workspace), terminal_size=size, run_before=loaded)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_meeting_screen_data_phase(
    size: tuple[int, int], relative_workspace: Path, snap_compare: SnapCompare
) -> None:
    clock = FakeClock()
    app = RefleksionsrumApp(
        Workspace.open(relative_workspace),
        clock=clock,
        new=True,
        title="Refleksionsmøde, familiebehandling",
    )

    async def two_observations(pilot: RRPilot) -> None:
        screen = await wait_for_screen(pilot, MeetingScreen)
        clock.advance(minutes=4, seconds=40)
        await next_phase(pilot)
        await record(pilot, "Fremmødet faldt fra 80 % til 55 % i oktober.")
        await record(pilot, "Tre familier udeblev uden afbud.")
        clock.advance(minutes=2, seconds=15)
        screen.tick()
        await wait_until(pilot, lambda: len(screen.room.notes_here()) == 2, "two items")
        await steady_cursors(pilot)

    assert snap_compare(app, terminal_size=size, run_before=two_observations)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_trial_action_form_opened_again(
    size: tuple[int, int], relative_workspace: Path, snap_compare: SnapCompare
) -> None:
    """The kept form, opened a second time: centred, over the meeting dimmed behind it."""
    app = app_on(relative_workspace, new=True, title="Refleksionsmøde, familiebehandling")

    async def opened_twice(pilot: RRPilot) -> None:
        first = await open_action_form(pilot)
        await pilot.press("escape")
        await wait_until(pilot, lambda: pilot.app.screen is not first, "the form closes")
        await pilot.press("ctrl+a")
        await wait_until(pilot, lambda: pilot.app.screen is first, "the same form again")
        await steady_cursors(pilot)

    assert snap_compare(app, terminal_size=size, run_before=opened_twice)
