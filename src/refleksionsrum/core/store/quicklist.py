"""A quick look at the workspace with the standard library alone, before SQLModel is loaded.

The start screen needs only the lists of meetings and whether any session file
changed. Reading those with sqlite3 takes milliseconds; importing the store
(SQLAlchemy, SQLModel, pydantic) takes about 300 ms and 28 MiB, so it is loaded
only when files must be taken in or the facilitator starts or resumes a meeting.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from refleksionsrum.core.store.schema import SCHEMA_VERSION
from refleksionsrum.core.summary import MeetingSummary, Participant
from refleksionsrum.core.workspace import Workspace

if TYPE_CHECKING:
    from refleksionsrum.core.files.sessionfile import SessionFileError

RECENT = 20
# Problems that come from comparing a file with other files and the store.
COPY_OR_CLASH = {
    "session.duplicate_meeting",
    "session.disagrees",
    "session.clash",
    "session.clash_held",
    "session.clash_store",
}

_LIST = """
SELECT m.id, m.title, m.template, m.started_at, m.ended_at, p.title
FROM meeting AS m
LEFT JOIN phase AS p ON p.meeting_id = m.id AND p.position = m.current_phase
WHERE m.ended_at IS {running}
ORDER BY m.started_utc DESC
{limit}
"""


_LAST_PARTICIPANTS = """
SELECT name, role FROM participant
WHERE meeting_id = (SELECT id FROM meeting ORDER BY started_utc DESC LIMIT 1)
ORDER BY pk
"""


@dataclass
class QuickLook:
    """The start screen's lists, and what the full store still has to do."""

    running: list[MeetingSummary] = field(default_factory=list)
    recent: list[MeetingSummary] = field(default_factory=list)
    problems: list[SessionFileError] = field(default_factory=list)
    # Session files a full or read-only disk kept behind: the store writes them.
    files_pending: bool = False
    # Who took part in the latest meeting: the start screen offers them again.
    last_participants: list[Participant] = field(default_factory=list)


def quick_look(workspace: Workspace) -> QuickLook | None:
    """The lists from the database file, or None when only the full store can tell.

    None for a database that is not SQLite, newer than this program, or cannot be
    read: the full store then gives the user its clear message.
    """
    path = workspace.database_path
    if path is None:
        return None
    if not path.exists():
        # A new workspace has no database yet; a missing folder is the store's to report.
        return QuickLook() if path.parent.is_dir() else None
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        version = connection.execute(
            "SELECT value FROM meta WHERE key = 'schema_version'"
        ).fetchone()
        if version is None or int(version[0]) != SCHEMA_VERSION:
            return None
        pending = connection.execute(
            "SELECT 1 FROM meta WHERE key LIKE 'file_pending:%' LIMIT 1"
        ).fetchone()
        look = QuickLook(
            running=_summaries(connection, "NULL", ""),
            recent=_summaries(connection, "NOT NULL", f"LIMIT {RECENT}"),
            files_pending=pending is not None,
            last_participants=[
                Participant(str(name), str(role))
                for name, role in connection.execute(_LAST_PARTICIPANTS).fetchall()
            ],
        )
    except (sqlite3.Error, ValueError):
        return None
    finally:
        connection.close()
    return look


def _summaries(connection: sqlite3.Connection, running: str, limit: str) -> list[MeetingSummary]:
    rows = connection.execute(_LIST.format(running=running, limit=limit)).fetchall()
    return [
        MeetingSummary(
            id=row[0],
            title=row[1],
            template=row[2],
            started_at=datetime.fromisoformat(row[3]),
            ended_at=datetime.fromisoformat(row[4]) if row[4] else None,
            current_phase_title=row[5],
        )
        for row in rows
    ]


def files_to_take_in(workspace: Workspace) -> tuple[bool, list[SessionFileError]]:
    """(whether a session file is new or changed, the files known not to be used)."""
    # Here, not at the top: the start screen's lists need neither, and the look that
    # fills them runs while Textual is imported (4 ms less before the first frame).
    from refleksionsrum.core.files.judge import list_folder
    from refleksionsrum.core.files.sessionfile import SessionFileError, read

    folder = workspace.sessions_dir
    path = workspace.database_path
    found, odd = list_folder(folder)
    names = {item.name: (item.mtime_ns, item.size) for item in found}
    if not names:
        return False, odd
    if path is None or not path.exists():
        return True, []
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            known = {
                row[0]: (row[1], row[2], row[3])
                for row in connection.execute(
                    "SELECT name, mtime_ns, size, problem FROM session_file"
                )
            }
        finally:
            connection.close()
    except sqlite3.Error:
        return True, []
    unreadable = []
    for name, (mtime, size) in names.items():
        seen = known.get(name)
        if seen is None or (seen[0], seen[1]) != (mtime, size):
            return True, []
        if seen[2] in COPY_OR_CLASH:
            # Judged against what the store holds: only the store can say it again.
            return True, []
        if seen[2]:
            unreadable.append(folder / name)
    problems = list(odd)
    for file in sorted(unreadable):
        # Read again for the full reason and position (tomllib only, no store).
        try:
            read(file)
        except SessionFileError as problem:
            problems.append(problem)
        else:
            return True, []  # readable after all (a newer program): take it in
    return False, sorted(problems, key=lambda p: p.path.name)


def unreadable_database(workspace: Workspace) -> bool:
    """Whether the workspace's SQLite file exists but is not a database SQLite can read.

    Random bytes, a text file or a file cut short: found here in milliseconds, with
    the standard library alone, so the user gets one message before any screen.
    """
    path = workspace.database_path
    if path is None or not path.is_file() or path.stat().st_size == 0:
        return False  # none yet, or the empty file open_store makes: a new database
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return False  # cannot be opened at all: the store says why
    try:
        connection.execute("SELECT name FROM sqlite_master").fetchall()
        connection.execute("SELECT key, value FROM meta").fetchall()
    except sqlite3.DatabaseError as error:
        # A locked or missing table is not corruption; those the store handles.
        return _corrupt(error)
    finally:
        connection.close()
    return False


def _corrupt(error: sqlite3.DatabaseError) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT)
    text = str(error)
    return "not a database" in text or "malformed" in text
