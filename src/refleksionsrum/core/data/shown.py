"""Which data sources a meeting looked at: the session file's optional [[data_shown]] table.

Format-1 readers ignore the table (unknown keys are kept, never an error); it lives in
the meeting's extra keys, so the store and the session file carry it without a migration.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from refleksionsrum.core.data.views import DataView
from refleksionsrum.core.models import Meeting

TABLE = "data_shown"


@dataclass(frozen=True)
class Shown:
    """One data source as the meeting saw it."""

    name: str
    file: str = ""
    median: float | None = None
    signal: bool | None = None
    finding: str | None = None
    verdict: str | None = None
    problem: str | None = None
    shown_at: datetime | None = None


def shown_in(meeting: Meeting) -> list[Shown]:
    """The [[data_shown]] records of a meeting; entries a hand-edited file spoilt are skipped."""
    raw = meeting.extra.get(TABLE)
    if not isinstance(raw, list):
        return []
    found = []
    for entry in raw:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            continue
        median = entry.get("median")
        found.append(
            Shown(
                name=entry["name"],
                file=_text(entry.get("file")) or "",
                median=float(median)
                if isinstance(median, int | float) and not isinstance(median, bool)
                else None,
                signal=entry["signal"] if isinstance(entry.get("signal"), bool) else None,
                finding=_text(entry.get("finding")),
                verdict=_text(entry.get("verdict")),
                problem=_text(entry.get("problem")),
                shown_at=entry["shown_at"] if isinstance(entry.get("shown_at"), datetime) else None,
            )
        )
    return found


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def record(view: DataView, when: datetime) -> dict[str, Any]:
    """The [[data_shown]] entry for a view shown at ``when``."""
    entry: dict[str, Any] = {"name": view.source.name, "file": view.source.file}
    current = view.current
    if current is not None:
        entry["median"] = current.median
        entry["signal"] = current.signal
        entry["finding"] = current.finding.value
        entry["verdict"] = view.verdict()
    elif view.problem is not None:
        entry["problem"] = view.problem.message()
    entry["shown_at"] = when
    return entry
