"""The end-to-end tests' screens: named tmux sessions on one private server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .panes import Panes


@pytest.fixture
def panes() -> Iterator[Panes]:
    """Sessions for several people's screens; every program in them ends with the test."""
    both = Panes()
    try:
        yield both
    finally:
        both.kill()
