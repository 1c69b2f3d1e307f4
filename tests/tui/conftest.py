"""Fixtures for the TUI tests: a frozen clock and an app factory on the test workspace."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.workspace import Workspace
from refleksionsrum.tui.app import RefleksionsrumApp

AppFactory = Callable[..., RefleksionsrumApp]


@pytest.fixture
def clock() -> FakeClock:
    """Monday 23 November 2026, 09:00 in Copenhagen, until a test moves it."""
    return FakeClock()


@pytest.fixture
def make_app(workspace: Path, clock: FakeClock) -> AppFactory:
    """A new app on the test workspace and the test's clock (each call reopens the workspace)."""

    def make(**options: Any) -> RefleksionsrumApp:
        return RefleksionsrumApp(Workspace.open(workspace), clock=clock, **options)

    return make
