"""One meeting read with sqlite3 alone, for `export`: no SQLModel import when nothing changed.

Importing the store costs most of a second; an export of one meeting needs a few
queries. This path is taken only when the quick look shows the store is up to date
(no session file new, changed or still to write); otherwise the full store takes
the files in first, as always.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from refleksionsrum.core.files.judge import SUFFIX
from refleksionsrum.core.models import Meeting, TrialAction
from refleksionsrum.core.store import rowread
from refleksionsrum.core.store.listing import listed_key, worth_noting
from refleksionsrum.core.store.quicklist import COPY_OR_CLASH
from refleksionsrum.core.store.schema import SCHEMA_VERSION
from refleksionsrum.core.workspace import Workspace

_CHILDREN = ("participant", "phase", "note", "decision", "trial_action", "evaluation")


@dataclass
class QuickMeeting:
    """A meeting and the trial actions its evaluations follow up."""

    meeting: Meeting
    followed_up: dict[str, TrialAction] = field(default_factory=dict)


class NoSuchMeeting(LookupError):
    """No meeting with that id; ``message`` names the meetings there are."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _rows(cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> SimpleNamespace:
    # Columns as attributes, which is all rowread's conversions ask of a row.
    return SimpleNamespace(
        **{d[0]: value for d, value in zip(cursor.description, row, strict=True)}
    )


def quick_meeting(workspace: Workspace, meeting_id: str) -> QuickMeeting | None:
    """The meeting from the database file, or None when only the full store can tell."""
    path = workspace.database_path
    if path is None or not path.exists():
        return None
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    connection.row_factory = _rows
    try:
        if not _store_is_current(connection):
            return None
        found = _read(connection, meeting_id)
        if found is None or not _files_agree(connection, workspace, found):
            return None
        return found
    except (sqlite3.Error, OSError, ValueError, KeyError, AttributeError):
        return None  # anything unexpected: the full store says it properly
    finally:
        connection.close()


def _store_is_current(connection: sqlite3.Connection) -> bool:
    """A schema this program reads, and no session file still to write."""
    version = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if version is None or int(version.value) != SCHEMA_VERSION:
        return False
    pending = connection.execute(
        "SELECT 1 AS one FROM meta WHERE key LIKE 'file_pending:%' LIMIT 1"
    ).fetchone()
    return pending is None


def _files_agree(connection: sqlite3.Connection, workspace: Workspace, found: QuickMeeting) -> bool:
    """Whether taking in sessions/ now could not change what this export shows.

    Not every file is looked at (10,000 stats and rows were half of an export):
    a file with a new name may be anything, so the names are compared; of the
    files already seen, only those that can change this meeting are: its own
    files, those of the meetings whose trial actions it follows up (their
    titles), and the files not used (one may have been mended into a copy).
    """
    folder = workspace.sessions_dir
    if not _no_new_names(connection, workspace.database_path, folder):
        return False
    meetings = {found.meeting.id} | {
        a.meeting_id for a in found.followed_up.values() if a.meeting_id is not None
    }
    marks = ", ".join("?" for _ in meetings)
    rows = connection.execute(
        "SELECT name, mtime_ns, size, problem FROM session_file"
        f" WHERE meeting_id IN ({marks}) OR problem IS NOT NULL",
        sorted(meetings),
    ).fetchall()
    for row in rows:
        if row.problem in COPY_OR_CLASH:
            return False  # judged against the store: only the store can judge it again
        try:
            info = os.stat(folder / row.name)
        except FileNotFoundError:
            continue  # gone: taking in changes nothing
        if (info.st_mtime_ns, info.st_size) != (row.mtime_ns, row.size):
            return False
    return True


def _no_new_names(connection: sqlite3.Connection, database: Path | None, folder: Path) -> bool:
    """Whether every *.toml name in the folder is one the store has seen."""
    key = listed_key(folder)
    noted = connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    looked_at = time.time_ns()
    mtime = os.stat(folder).st_mtime_ns  # before the listing (core/store/listing.py)
    if noted is not None and int(noted.value) == mtime:
        return True  # not a name added, removed or renamed since all were seen
    # listdir, not scandir: names only, no object an entry.
    names = {name for name in os.listdir(folder) if name.endswith(SUFFIX)}
    plain = connection.cursor()
    plain.row_factory = None  # 10,000 names: no object a row
    known = {name for (name,) in plain.execute("SELECT name FROM session_file")}
    if names - known:
        return False
    if database is not None and worth_noting(mtime, looked_at):
        _note_listing(database, key, mtime)
    return True


def _note_listing(database: Path, key: str, mtime_ns: int) -> None:
    """Note the folder's mtime for the next export; a hint, left unsaid if the database is busy.

    Written while this export's reading connection is still open: the writer is not the
    last to close, so it leaves the -wal and -shm files (and the folder's mtime) as they are.
    """
    try:
        writer = sqlite3.connect(database, timeout=0.05)
    except sqlite3.Error:
        return
    try:
        with writer:
            writer.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, str(mtime_ns)),
            )
    except sqlite3.Error:
        pass  # busy (a meeting is saving) or read-only: the next export lists the names
    finally:
        writer.close()


def _read(connection: sqlite3.Connection, meeting_id: str) -> QuickMeeting | None:
    row = connection.execute("SELECT * FROM meeting WHERE id = ?", (meeting_id,)).fetchone()
    if row is None:
        return None  # the full store lists the meetings there are
    children = {
        table: connection.execute(
            f"SELECT * FROM {table} WHERE meeting_id = ? ORDER BY pk",
            (meeting_id,),
        ).fetchall()
        for table in _CHILDREN
    }
    meeting = rowread.to_meeting(row, *(children[table] for table in _CHILDREN))
    followed_up = {}
    for evaluation in meeting.evaluations:
        found = connection.execute(
            "SELECT a.*, m.started_at AS planned_at FROM trial_action AS a"
            " JOIN meeting AS m ON m.id = a.meeting_id WHERE a.id = ?",
            (evaluation.trial_action,),
        ).fetchone()
        if found is not None:
            followed_up[evaluation.trial_action] = rowread.to_trial_action(found, found.planned_at)
    # As Store.load_meeting: each evaluation carries its trial action's title.
    meeting.evaluations = [
        replace(
            e, title=followed_up[e.trial_action].title if e.trial_action in followed_up else None
        )
        for e in meeting.evaluations
    ]
    return QuickMeeting(meeting, followed_up)


def meeting_from_store(workspace: Workspace, meeting_id: str) -> QuickMeeting:
    """The meeting through the full store, after taking in what changed in sessions/."""
    from refleksionsrum.core.files.sync import ingest, open_store
    from refleksionsrum.core.i18n import t

    store = open_store(workspace)
    try:
        report = ingest(workspace, store)
        if not store.has_meeting(meeting_id):
            message = f"refleksionsrum: {t('store.no_meeting', id=meeting_id)}"
            if report.problems:
                message += " " + t("cli.export.unreadable", count=len(report.problems))
            running, recent = store.summaries(limit=10)
            known = [m.id for m in running + recent]
            if known:
                message += "\n" + t("cli.export.known") + "\n" + "\n".join(f"  {i}" for i in known)
            raise NoSuchMeeting(message)
        meeting = store.load_meeting(meeting_id)
        found = QuickMeeting(meeting)
        for evaluation in meeting.evaluations:
            action = store.trial_action(evaluation.trial_action)
            if action is not None:
                found.followed_up[evaluation.trial_action] = action
        return found
    finally:
        store.close()
