"""Shared fixtures for the core tests: a fake clock, a fresh workspace and its store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from refleksionsrum.core import i18n
from refleksionsrum.core.clock import FakeClock
from refleksionsrum.core.files.sync import open_store
from refleksionsrum.core.store.database import Store
from refleksionsrum.core.workspace import Workspace, init_workspace


@pytest.fixture(autouse=True)
def _danish() -> Iterator[None]:
    # The catalogue choice is process-wide; every test starts in the default language.
    i18n.set_language("da")
    yield
    i18n.set_language("da")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return Workspace.open(init_workspace(tmp_path / "ws"))


@pytest.fixture
def store(workspace: Workspace) -> Iterator[Store]:
    opened = open_store(workspace)
    yield opened
    opened.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Every store test runs on both backends: SQLite by default, PostgreSQL for a team."""
    if request.param == "postgresql":
        found: str = request.getfixturevalue("pg_url")
        return found
    return f"sqlite:///{tmp_path / 'store.db'}"
