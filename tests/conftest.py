"""Shared fixtures: a fresh workspace, a frozen clock, an app on both; no test leaks its
language or workspace into the next. Shared helpers are in tests/support/."""

from __future__ import annotations

import gc
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from refleksionsrum.core import collector, i18n
from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.workspace import ENV_VAR, Workspace, init_workspace
from refleksionsrum.tui.app import RefleksionsrumApp
from support.pilot import AppFactory
from support.tmux import Tmux, tmux_server

# Hypothesis' default deadline (200 ms an example) fails at random on a loaded machine:
# speed is measured in tests/benchmarks, never asserted here.
settings.register_profile("refleksionsrum", deadline=None)


def pytest_configure(config: pytest.Config) -> None:
    """The tests keep their caches (parsed TOML, parsed styles) in a folder of their own,
    never the developer's ~/.cache; the programs they start inherit it."""
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="refleksionsrum-cache-")


settings.load_profile("refleksionsrum")


@pytest.fixture(autouse=True)
def danish_after_each_test() -> Iterator[None]:
    """The language is process-wide; put it back to the default after every test."""
    yield
    i18n.set_language(i18n.DEFAULT_LANGUAGE)


@pytest.fixture(autouse=True)
def no_workspace_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's own REFLEKSIONSRUM_WORKSPACE must not steer the tests."""
    monkeypatch.delenv(ENV_VAR, raising=False)


@pytest.fixture(autouse=True)
def no_terminal_size_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """pytest-xdist's workers set COLUMNS=80 and LINES=24, and Rich obeys them over the real
    terminal: a program the tests start in a 400-column terminal would wrap at 80."""
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A new workspace made by `init` (Danish config, empty sessions/); returns its folder."""
    return init_workspace(tmp_path / "workspace")


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


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    """A private tmux server (100x30 unless the test sets width and height before `start`)."""
    with tmux_server() as server:
        yield server


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The base URL of a PostgreSQL server for the tests (see tests/pgcluster.py)."""
    from pgcluster import ENV, cluster

    given = os.environ.get(ENV)
    if given:
        yield given
        return
    with cluster() as url:
        yield url


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test."""
    from pgcluster import fresh_database

    with fresh_database(pg_server) as url:
        yield url


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test in a real terminal (marked `tmux`) runs alone, after the parallel pass:
    scripts/test.sh runs `-m "not serial"` on the workers, then `-m serial`."""
    for item in items:
        if item.get_closest_marker("tmux") is not None:
            item.add_marker(pytest.mark.serial)


@pytest.fixture
def fresh_collector() -> Iterator[None]:
    """The cycle collector on, nothing paused or frozen, before the test and after it."""
    gc.enable()
    yield
    collector._STATE.update(open=0, was_on=True, loading=False)
    gc.unfreeze()
    gc.enable()
