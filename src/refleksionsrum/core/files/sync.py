"""Keep sessions/ and the store in step: write session files, take in the ones people drop in."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from refleksionsrum.core.files import sessionfile
from refleksionsrum.core.files.atomic import FILE_MODE, atomic_write_text
from refleksionsrum.core.files.sessionfile import SessionFileError
from refleksionsrum.core.models import Meeting
from refleksionsrum.core.store.database import Store, StoreError
from refleksionsrum.core.store.tables import SessionFileRow
from refleksionsrum.core.workspace import Workspace, make_private_folder


def open_store(workspace: Workspace) -> Store:
    """Open the workspace's database, private to its owner."""
    make_private_folder(workspace.sessions_dir)
    path = workspace.database_path
    if path is not None:
        # Made here as an empty file (which SQLite takes as a new database) so that it
        # is private from its first moment, whatever the umask; its -wal and -shm
        # files are given the database file's permissions by SQLite.
        with contextlib.suppress(OSError):
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    store = Store(workspace.database_url)
    protect_database(workspace)
    return store


def protect_database(workspace: Workspace) -> None:
    path = workspace.database_path
    if path is None:
        return
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.chmod(f"{path}{suffix}", FILE_MODE)


def session_path(workspace: Workspace, meeting_id: str) -> Path:
    return workspace.sessions_dir / sessionfile.file_name(meeting_id)


def write_session_file(workspace: Workspace, store: Store, meeting: Meeting) -> Path:
    """Write the meeting's session file atomically and note it, so it is not taken in again."""
    path = session_path(workspace, meeting.id)
    make_private_folder(workspace.sessions_dir)
    atomic_write_text(path, sessionfile.dumps(meeting))
    stat = path.stat()
    store.files.record(
        SessionFileRow(
            name=path.name, mtime_ns=stat.st_mtime_ns, size=stat.st_size, meeting_id=meeting.id
        )
    )
    return path


@dataclass
class IngestReport:
    """What taking in sessions/ found: meetings taken in, and files that could not be read."""

    taken_in: list[str] = field(default_factory=list)
    problems: list[SessionFileError] = field(default_factory=list)


def ingest(workspace: Workspace, store: Store) -> IngestReport:
    """Take in session files that are new or changed since they were last seen.

    A meeting still running in the store is left alone: the store is newer than
    any file, which will be rewritten from it.
    """
    report = IngestReport()
    folder = workspace.sessions_dir
    if not folder.is_dir():
        write_pending_files(workspace, store)
        return report
    known = store.files.known()
    for path in sorted(folder.glob("*.toml")):
        try:
            stat = path.stat()
        except OSError:
            continue
        seen = known.get(path.name)
        if (
            seen is not None
            and seen.problem is None
            and (seen.mtime_ns, seen.size) == (stat.st_mtime_ns, stat.st_size)
        ):
            continue
        # New, changed or known to be broken: a broken file is read again on each
        # start, so its message still names line and column (and a clash may be gone).
        row = SessionFileRow(name=path.name, mtime_ns=stat.st_mtime_ns, size=stat.st_size)
        try:
            meeting = sessionfile.read(path)
        except SessionFileError as unreadable:
            report.problems.append(unreadable)
            row.problem = unreadable.message_key
            store.files.record(row)
            continue
        row.meeting_id = meeting.id
        if store.is_running(meeting.id):
            store.files.record(row)
            continue
        try:
            _take_in(store, meeting)
        except StoreError:
            clash = SessionFileError(path, "session.clash")
            report.problems.append(clash)
            row.problem = clash.message_key
            store.files.record(row)
            continue
        store.files.record(row)
        report.taken_in.append(meeting.id)
    write_pending_files(workspace, store)
    return report


def write_pending_files(workspace: Workspace, store: Store) -> list[str]:
    """Write the session files a full or read-only disk kept behind; returns those written.

    A file the app could not write when the meeting ended or the app quit is written
    on the next start, once the problem is gone. Still failing: it stays pending.
    """
    written = []
    for meeting_id in store.files.pending():
        if not store.has_meeting(meeting_id):
            store.files.clear_pending(meeting_id)
            continue
        try:
            write_session_file(workspace, store, store.load_meeting(meeting_id))
        except OSError:
            continue
        store.files.clear_pending(meeting_id)
        written.append(meeting_id)
    return written


def _take_in(store: Store, meeting: Meeting) -> None:
    # A file carries no clock state: a meeting taken in is paused where its last
    # phase with time used stands.
    used = [i for i, phase in enumerate(meeting.phases) if phase.elapsed_ms > 0]
    meeting.clock.current = used[-1] if used else 0
    meeting.clock.running = False
    store.save_meeting(meeting)


def check_sessions(folder: Path) -> tuple[int, list[SessionFileError]]:
    """Read every session file in ``folder``: (how many were fine, the problems)."""
    good = 0
    problems: list[SessionFileError] = []
    seen_ids: dict[str, Path] = {}
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        try:
            meeting = sessionfile.read(path)
        except SessionFileError as problem:
            problems.append(problem)
            continue
        if meeting.id in seen_ids:
            problems.append(
                SessionFileError(
                    path,
                    "session.duplicate_meeting",
                    value=meeting.id,
                    other=seen_ids[meeting.id].name,
                )
            )
            continue
        seen_ids[meeting.id] = path
        good += 1
    return good, problems
