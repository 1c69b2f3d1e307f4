"""A page of a long list read from the store: some of its rows, and how many it has in all."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

R = TypeVar("R")


@dataclass(frozen=True)
class Page(Generic[R]):
    """Rows ``offset`` to ``offset + limit`` of a filter's (a tab's), and the filter's count."""

    count: int
    rows: list[R]
