"""The cycle collector, held while the program loads (launch.py), is back after the first frame."""

from __future__ import annotations

import gc

import pytest

from refleksionsrum.core import collector
from refleksionsrum.tui.start import StartScreen
from support.pilot import AppFactory, run_app, wait_for_screen, wait_until


@pytest.fixture
def held(fresh_collector: None) -> None:
    """As launch.py leaves it for the app: held since the program's first line."""
    collector.hold_while_loading()


async def test_the_start_screen_drawn_brings_the_collector_back(
    held: None, make_app: AppFactory
) -> None:
    assert not gc.isenabled()
    async with run_app(make_app(), (100, 30)) as pilot:
        await wait_for_screen(pilot, StartScreen)
        await wait_until(pilot, gc.isenabled, "the collector on again")
        assert gc.get_freeze_count() > 0  # what loading made is kept out of collections


async def test_a_meeting_started_from_the_command_line_brings_it_back_too(
    held: None, make_app: AppFactory
) -> None:
    async with run_app(make_app(new=True, title="Straks i gang"), (100, 30)) as pilot:
        await wait_until(pilot, gc.isenabled, "the collector on again")
