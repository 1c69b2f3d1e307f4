"""Shared fixtures: a fresh workspace, and no test leaks its language or workspace into the next."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from refleksionsrum.core import i18n
from refleksionsrum.core.workspace import ENV_VAR, init_workspace


@pytest.fixture(autouse=True)
def danish_after_each_test() -> Iterator[None]:
    """The language is process-wide; put it back to the default after every test."""
    yield
    i18n.set_language(i18n.DEFAULT_LANGUAGE)


@pytest.fixture(autouse=True)
def no_workspace_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's own REFLEKSIONSRUM_WORKSPACE must not steer the tests."""
    monkeypatch.delenv(ENV_VAR, raising=False)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A new workspace made by `init` (Danish config, empty sessions/); returns its folder."""
    return init_workspace(tmp_path / "workspace")


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
