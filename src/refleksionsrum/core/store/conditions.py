"""SQL conditions joined by AND, each added with the named parameters it takes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Conditions:
    """A filter's WHERE, built one condition at a time (the history, the board, search)."""

    where: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)

    def add(self, condition: str, **params: Any) -> None:
        self.where.append(condition)
        self.params.update(params)

    @property
    def clause(self) -> str:
        """``WHERE a AND b``; nothing when there is no condition."""
        return ("WHERE " + " AND ".join(self.where)) if self.where else ""
