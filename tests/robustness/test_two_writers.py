"""Two processes write to one meeting at the same time: nothing is lost, nothing is locked out.

Promise 8 of issue 4: the facilitator's process (through MeetingRoom, with checkpoints)
and a note-taker's (through Store) make 1,000 edits each, at once, to the same meeting in
the same SQLite database. WAL, a busy timeout and BEGIN IMMEDIATE for every write must
make them queue: every note arrives, and no write fails with "database is locked".
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from refleksionsrum.core.clock import SystemClock
from refleksionsrum.core.files import sessionfile
from refleksionsrum.core.files.sync import open_store
from refleksionsrum.core.meeting.starting import new_meeting
from refleksionsrum.core.workspace import Workspace
from support.waiting import DEADLINE_S

from .peek import poll, query

# Alone, after the parallel pass: two processes making 2,000 writes is a load of its own.
pytestmark = pytest.mark.serial

EDITS = 1_000
WRITER = Path(__file__).with_name("writer.py")


def test_two_processes_make_1000_edits_each_and_lose_nothing(workspace: Path) -> None:
    opened = Workspace.open(workspace)
    store = open_store(opened)
    meeting = new_meeting(store, opened.config.template(), "To skrivere", [], SystemClock())
    revision = store.revision()
    store.close()

    go = workspace.parent / "go"
    writers = {
        role: subprocess.Popen(
            [
                sys.executable,
                str(WRITER),
                role,
                str(workspace),
                meeting.id,
                str(EDITS),
                str(go),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for role in ("facilitator", "note-taker")
    }
    ready = [go.with_name(f"go.{role}.ready") for role in writers]
    poll(lambda: all(path.exists() for path in ready), bool, "both writers ready")
    go.touch()
    reports = {}
    for role, process in writers.items():
        out, err = process.communicate(timeout=10 * DEADLINE_S)
        assert process.returncode == 0, err
        reports[role] = json.loads(out.strip().splitlines()[-1])

    for role, report in reports.items():
        assert report["failures"] == [], f"{role}: {report['failures'][:3]}"
    texts = [str(row[0]) for row in query(workspace, "SELECT text FROM note ORDER BY pk")]
    for role in ("facilitator", "note-taker"):
        mine = [text for text in texts if text.startswith(f"{role} ")]
        assert mine == [f"{role} {number}" for number in range(EDITS)]
    assert len(texts) == 2 * EDITS
    ((now,),) = query(workspace, "SELECT value FROM meta WHERE key = 'revision'")
    assert int(str(now)) >= revision + 2 * EDITS
    # The facilitator's last checkpoint wrote the file with all of its own notes.
    saved = sessionfile.read(workspace / "sessions" / f"{meeting.id}.toml")
    assert [n.text for n in saved.notes if n.text.startswith("facilitator ")] == [
        f"facilitator {number}" for number in range(EDITS)
    ]
