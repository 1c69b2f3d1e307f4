"""Snapshots of the screens across meetings at a laptop's and a projector's size."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable

from memory_corpus import write_archive
from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.workspace import Workspace
from refleksionsrum.tui.app import RefleksionsrumApp
from refleksionsrum.tui.board import BoardScreen
from refleksionsrum.tui.history import HistoryScreen
from refleksionsrum.tui.learning import LearningScreen
from refleksionsrum.tui.search import SearchScreen
from support.pilot import (
    SIZES,
    RRPilot,
    steady_cursors,
    type_text,
    wait_for_screen,
    wait_for_store,
    wait_until,
)

SnapCompare = Any


@pytest.fixture
def archive(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The corpus by a relative path, so the header shows the same folder on every run."""
    write_archive(Workspace.open(workspace))
    monkeypatch.chdir(workspace.parent)
    return Path(workspace.name)


def app_on(root: Path) -> RefleksionsrumApp:
    return RefleksionsrumApp(Workspace.open(root), clock=FakeClock())


async def steady(pilot: RRPilot) -> None:
    await steady_cursors(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_search_screen(size: tuple[int, int], archive: Path, snap_compare: SnapCompare) -> None:
    async def searched(pilot: RRPilot) -> None:
        await wait_for_store(pilot)
        await pilot.press("ctrl+f")
        screen = await wait_for_screen(pilot, SearchScreen)
        await type_text(pilot, "transport")
        await wait_until(pilot, lambda: len(screen.hits) == 4, "four hits")
        await steady(pilot)

    assert snap_compare(app_on(archive), terminal_size=size, run_before=searched)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_board_screen(size: tuple[int, int], archive: Path, snap_compare: SnapCompare) -> None:
    async def board(pilot: RRPilot) -> None:
        await wait_for_store(pilot)
        await pilot.press("f8")
        screen = await wait_for_screen(pilot, BoardScreen)
        table = screen.query_one(DataTable)
        await wait_until(pilot, lambda: table.row_count == 2, "the open ones")
        await steady(pilot)

    assert snap_compare(app_on(archive), terminal_size=size, run_before=board)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_history_screen(size: tuple[int, int], archive: Path, snap_compare: SnapCompare) -> None:
    async def history(pilot: RRPilot) -> None:
        await wait_for_store(pilot)
        await pilot.press("f7")
        screen = await wait_for_screen(pilot, HistoryScreen)
        table = screen.query_one(DataTable)
        await wait_until(pilot, lambda: table.row_count == 3, "three meetings")
        await steady(pilot)

    assert snap_compare(app_on(archive), terminal_size=size, run_before=history)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_learning_screen(size: tuple[int, int], archive: Path, snap_compare: SnapCompare) -> None:
    async def learning(pilot: RRPilot) -> None:
        await wait_for_store(pilot)
        await pilot.press("f9")
        screen = await wait_for_screen(pilot, LearningScreen)
        await wait_until(pilot, lambda: len(screen.lessons) == 3, "the point's lessons")
        await steady(pilot)

    assert snap_compare(app_on(archive), terminal_size=size, run_before=learning)
