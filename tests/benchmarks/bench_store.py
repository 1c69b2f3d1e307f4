"""Store and file benchmarks, each run in a fresh interpreter: prints one JSON line.

python bench_store.py edits WORKDIR COUNT SETS     Store.add_note on a new meeting
python bench_store.py session-file WORKDIR REPEATS  one 300-item session file, atomically
python bench_store.py scale SOURCE WORKDIR REPEATS SETS
                                                    ingest SOURCE's files into an empty
                                                    database, then open trial actions and
                                                    SETS x 1,000 edits against that database
"""

from __future__ import annotations

import gc
import os
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench_common import emit, percentile
from generate import build_meetings

from refleksionsrum.core.clock import SystemClock
from refleksionsrum.core.files import sessionfile
from refleksionsrum.core.files.atomic import atomic_write_text
from refleksionsrum.core.files.sync import ingest, open_store, write_session_file
from refleksionsrum.core.meeting.starting import new_meeting
from refleksionsrum.core.models import Meeting, Note, NoteKind
from refleksionsrum.core.store.database import Store
from refleksionsrum.core.workspace import Workspace, init_workspace

ITEMS_IN_BIG_FILE = 300


def _ms(start_ns: int) -> float:
    return (time.perf_counter_ns() - start_ns) / 1e6


def time_edits(store: Store, workspace: Workspace, count: int) -> dict[str, Any]:
    """``count`` notes added one by one to a new meeting: each call commits before it returns."""
    meeting = new_meeting(store, workspace.config.template(), "Målemøde", [], SystemClock())
    clock = SystemClock()
    times: list[float] = []
    # CPU time of this thread per edit too: on a shared machine the wall-clock tail also
    # holds the moments the scheduler gave the core to someone else.
    cpu_times: list[float] = []
    for number in range(count):
        note = Note("data", NoteKind.OBSERVATION, f"Iagttagelse nummer {number}", clock.now())
        cpu_begun = time.thread_time_ns()
        begun = time.perf_counter_ns()
        store.items.add_note(meeting.id, note)
        times.append(_ms(begun))
        cpu_times.append((time.thread_time_ns() - cpu_begun) / 1e6)
    stored = len(store.load_meeting(meeting.id).notes)
    if stored != count:
        raise RuntimeError(f"{stored} notes stored, {count} added")
    return {
        "p50_ms": percentile(times, 50),
        "p99_ms": percentile(times, 99),
        "max_ms": max(times),
        "cpu_p50_ms": percentile(cpu_times, 50),
        "cpu_p99_ms": percentile(cpu_times, 99),
        "min_ms": min(times),
        "count": count,
    }


def big_meeting() -> Meeting:
    """One meeting with 300 items: a generated meeting, its notes repeated."""
    meeting = build_meetings(1)[0]
    others = len(meeting.decisions) + len(meeting.trial_actions) + len(meeting.evaluations)
    base = meeting.notes
    meeting.notes = [
        replace(base[i % len(base)], text=f"{base[i % len(base)].text} ({i})")
        for i in range(ITEMS_IN_BIG_FILE - others)
    ]
    return meeting


def time_session_file(root: Path, repeats: int) -> dict[str, Any]:
    """write_session_file (dumps, atomic write with fsync, note it in the store), and its parts."""
    init_workspace(root)
    workspace = Workspace.open(root)
    store = open_store(workspace)
    meeting = big_meeting()
    store.save_meeting(meeting)
    whole: list[float] = []
    dumps: list[float] = []
    atomic: list[float] = []
    text = sessionfile.dumps(meeting)
    target = workspace.sessions_dir / "atomic-only.toml"
    for _ in range(repeats):
        begun = time.perf_counter_ns()
        write_session_file(workspace, store, meeting)
        whole.append(_ms(begun))
        begun = time.perf_counter_ns()
        sessionfile.dumps(meeting)
        dumps.append(_ms(begun))
        begun = time.perf_counter_ns()
        atomic_write_text(target, text)
        atomic.append(_ms(begun))
    store.close()
    written = sessionfile.read(workspace.sessions_dir / sessionfile.file_name(meeting.id))
    items = (
        len(written.notes)
        + len(written.decisions)
        + len(written.trial_actions)
        + len(written.evaluations)
    )
    return {
        "write_ms": whole,
        "dumps_ms": dumps,
        "atomic_ms": atomic,
        "items": items,
        "bytes": len(text.encode()),
    }


def time_scale(source: Path, root: Path, repeats: int, sets: int) -> dict[str, Any]:
    """Index every session file of ``source`` into a new, empty database; then query it."""
    init_workspace(root)
    workspace = Workspace.open(root)
    files = sorted(source.glob("sessions/*.toml"))
    for path in files:
        # Hard links: the same bytes and mtimes, no copying; ingest only reads them.
        os.link(path, workspace.sessions_dir / path.name)
    store = open_store(workspace)
    gc.collect()
    begun = time.perf_counter_ns()
    report = ingest(workspace, store)
    ingest_s = _ms(begun) / 1000
    if report.problems or len(report.taken_in) != len(files):
        raise RuntimeError(f"ingest took {len(report.taken_in)} of {len(files)}: {report.problems}")

    meeting = new_meeting(store, workspace.config.template(), "Ny opfølgning", [], SystemClock())
    open_ms: list[float] = []
    found = 0
    for _ in range(repeats):
        begun = time.perf_counter_ns()
        found = len(store.open_trial_actions(meeting.id))
        open_ms.append(_ms(begun))
    plan = _query_plan(store, meeting.id)
    edits = [time_edits(store, workspace, 1000) for _ in range(sets)]
    store.close()
    return {
        "files": len(files),
        "ingest_s": ingest_s,
        "open_ms": open_ms,
        "open_found": found,
        "open_plan": plan,
        "edits": edits,
    }


def _query_plan(store: Store, meeting_id: str) -> list[str]:
    """SQLite's plan for open_trial_actions, to see scans that an index would avoid."""
    from sqlalchemy import event

    statements: list[tuple[str, Any]] = []

    def remember(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        statements.append((statement, params))

    event.listen(store.engine, "before_cursor_execute", remember)
    store.open_trial_actions(meeting_id)
    event.remove(store.engine, "before_cursor_execute", remember)
    statement, params = statements[-1]
    raw = store.engine.raw_connection()
    try:
        rows = raw.cursor().execute(f"EXPLAIN QUERY PLAN {statement}", params).fetchall()
    finally:
        raw.close()
    return [str(row[-1]) for row in rows]


def main(argv: list[str]) -> int:
    command, *rest = argv
    if command == "edits":
        sets = []
        for number in range(int(rest[2])):
            # A new workspace per set: each set starts from the same, empty database.
            root = init_workspace(Path(rest[0]) / f"set{number}")
            workspace = Workspace.open(root)
            store = open_store(workspace)
            sets.append(time_edits(store, workspace, int(rest[1])))
            store.close()
        emit(sets)
    elif command == "session-file":
        emit(time_session_file(Path(rest[0]), int(rest[1])))
    elif command == "scale":
        emit(time_scale(Path(rest[0]), Path(rest[1]), int(rest[2]), int(rest[3])))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
