"""Keep sessions/ and the store in step: write session files, take in the ones people drop in."""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from refleksionsrum.core.collector import collection_paused
from refleksionsrum.core.files import sessionfile
from refleksionsrum.core.files.atomic import FILE_MODE, atomic_write_text, utf8_safe
from refleksionsrum.core.files.judge import Parsed, judge, list_folder
from refleksionsrum.core.files.reading import check_folder, read_many
from refleksionsrum.core.files.sessionfile import SessionFileError
from refleksionsrum.core.models import Meeting
from refleksionsrum.core.store.database import Store
from refleksionsrum.core.store.fileindex import SeenFile
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
    text = utf8_safe(sessionfile.dumps(meeting))
    atomic_write_text(path, text)
    stat = path.stat()
    store.files.record(
        SessionFileRow(
            name=path.name, mtime_ns=stat.st_mtime_ns, size=stat.st_size, meeting_id=meeting.id
        ),
        written=sessionfile.digest(text.encode("utf-8")),
    )
    return path


@dataclass
class IngestReport:
    """What taking in sessions/ found: meetings taken in, and files that could not be read."""

    taken_in: list[str] = field(default_factory=list)
    problems: list[SessionFileError] = field(default_factory=list)


class _StoreHoldings:
    """What the store has, for the judgement of files (read once, up front)."""

    def __init__(self, store: Store, known: dict[str, SeenFile]) -> None:
        self.store = store
        self.ids, self.running, self.owners = store.files.holdings()
        self._sources: dict[str, set[str]] = {}
        for row in known.values():
            if row.meeting_id is not None and row.problem is None:
                self._sources.setdefault(row.meeting_id, set()).add(row.name)

    def meeting(self, meeting_id: str) -> Meeting | None:
        return self.store.load_meeting(meeting_id) if meeting_id in self.ids else None

    def is_running(self, meeting_id: str) -> bool:
        return meeting_id in self.running

    def sources(self, meeting_id: str) -> set[str]:
        return self._sources.get(meeting_id, set())

    def action_owner(self, action_id: str) -> str | None:
        return self.owners.get(action_id)


def ingest(workspace: Workspace, store: Store) -> IngestReport:
    """Take in session files that are new or changed since they were last seen.

    The files are judged as `check` judges them (core/files/judge.py), with what
    the store holds counted first: a copy of a meeting under another name never
    replaces what the store has unless it has everything the store has, and a
    meeting still running in the store is left alone (its file is rewritten from it).
    """
    report = IngestReport()
    folder = workspace.sessions_dir
    if not folder.is_dir():
        write_pending_files(workspace, store)
        return report
    found, report.problems = list_folder(folder)
    known = store.files.known()
    fresh = []
    for item in found:
        seen = known.get(item.name)
        if (
            seen is not None
            and seen.problem is None
            and (seen.mtime_ns, seen.size) == (item.mtime_ns, item.size)
        ):
            continue
        # New, changed or known to be unused: a file with a problem is read again on
        # each start, so its message still names line and column (and a clash may be gone).
        fresh.append(item)
    rows = {item.name: SeenFile(item.name, item.mtime_ns, item.size) for item in fresh}
    # Thousands of meetings made and stored at once, each some fifty objects that live
    # on: with the collector running, receiving 10,000 parsed meetings from the worker
    # processes took 5 s, without it 0.7 s. They hold no cycles.
    with collection_paused():
        parsed, unreadable = read_many(fresh)
        holdings = _StoreHoldings(store, known)
        for copy in _older_copies(store, holdings, parsed):
            # Written by the app (here or in another workspace on this database) and not
            # edited since, but older than the database: bring it up to date.
            parsed.remove(copy)
            del rows[copy.path.name]
            try:
                write_session_file(workspace, store, store.load_meeting(copy.meeting.id))
            except OSError:
                store.files.mark_pending(copy.meeting.id)
        verdict = judge(parsed, holdings)
        problems = unreadable + verdict.problems
        for agreed in verdict.agree:
            rows[agreed.path.name].meeting_id = agreed.meeting.id
            make_private_file(agreed.path)
        for taken in verdict.take_in:
            _pause_where_it_stands(taken.meeting)
        refused = set(store.save_meetings([taken.meeting for taken in verdict.take_in]))
        for taken in verdict.take_in:
            if taken.meeting.id in refused:
                problems.append(
                    SessionFileError(taken.path, "session.clash_store", value=taken.meeting.id)
                )
                continue
            rows[taken.path.name].meeting_id = taken.meeting.id
            make_private_file(taken.path)
            report.taken_in.append(taken.meeting.id)
        for problem in problems:
            rows[problem.path.name].problem = problem.message_key
        store.files.record_many(list(rows.values()))
    report.problems = sorted(report.problems + problems, key=lambda p: p.path.name)
    write_pending_files(workspace, store)
    return report


def _older_copies(store: Store, holdings: _StoreHoldings, parsed: list[Parsed]) -> list[Parsed]:
    """Files the app wrote of a meeting the store holds, unchanged since: never taken in.

    A file's bytes that match a copy the app wrote are no one's edit. Without this, a
    note-taker's workspace sharing the database kept the copy written when they left, and
    their next start took it in over the facilitator's later items.
    """
    held = [p for p in parsed if p.meeting.id in holdings.ids and p.digest]
    if not held:
        return []
    written = store.files.written([p.meeting.id for p in held])
    return [
        p
        for p in held
        if p.digest in written.get(p.meeting.id, set())
        and p.path.name == sessionfile.file_name(p.meeting.id)
    ]


def make_private_file(path: Path) -> None:
    """A session file taken in becomes the owner's alone, like the app's own (0600)."""
    with contextlib.suppress(OSError):
        info = path.lstat()
        # Not through a symlink: the file it points to belongs to someone's other folder.
        if stat.S_ISREG(info.st_mode) and info.st_mode & 0o077:
            os.chmod(path, FILE_MODE)


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


def _pause_where_it_stands(meeting: Meeting) -> None:
    # A file carries no clock state: a meeting taken in is paused where its last
    # phase with time used stands.
    used = [i for i, phase in enumerate(meeting.phases) if phase.elapsed_ms > 0]
    meeting.clock.current = used[-1] if used else 0
    meeting.clock.running = False


def check_sessions(folder: Path) -> tuple[int, list[SessionFileError]]:
    """Read every session file in ``folder``: (how many were fine, the problems)."""
    checked = check_folder(folder)
    return checked.good, checked.problems
