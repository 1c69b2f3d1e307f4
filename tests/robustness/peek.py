"""Look into a workspace's database from outside the program, the way a second reader would."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

# Waiting for the program lives with the other shared material; the robustness tests
# import it from here too.
from support.waiting import poll as poll


def database(workspace: Path) -> Path:
    return workspace / "sessions" / "refleksionsrum.db"


def query(workspace: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(database(workspace), timeout=10)
    try:
        return list(connection.execute(sql, params))
    finally:
        connection.close()


def notes(workspace: Path, phase: str | None = None) -> list[str]:
    """Texts of the notes recorded (in ``phase``), in the order they were recorded."""
    if phase is None:
        return [str(row[0]) for row in query(workspace, "SELECT text FROM note ORDER BY pk")]
    rows = query(workspace, "SELECT text FROM note WHERE phase = ? ORDER BY pk", phase)
    return [str(row[0]) for row in rows]


def drafts(workspace: Path) -> dict[str, dict[str, str]]:
    """Every stored draft by its key (entry:<phase>, form:...)."""
    rows = query(workspace, "SELECT key, fields_json FROM draft")
    return {str(key): json.loads(str(fields)) for key, fields in rows}


def meeting_state(workspace: Path) -> tuple[int, bool]:
    """(current phase, running) of the one meeting."""
    ((current, running),) = query(workspace, "SELECT current_phase, running FROM meeting")
    return int(str(current)), bool(running)
