"""Live views (issue 8): propagation between processes, the cost of an idle joined view, and
two writers on one meeting. Printed, never asserted.

  python tests/benchmarks/bench_live.py [--saves 200] [--items 1000] [--idle-s 60]
                                        [--settle-s 15] [--skip-pg]

(--items 0 or --idle-s 0 leaves that figure out; --settle-s 0 measures as before.)

Propagation: a second process saves a note (200 times, at a person's pace); this process
notices it with the watcher a joined view uses and reloads the meeting (the read model the
screen draws from): the time from the commit to the reloaded note, p50 and p95.
Drawn: the same saves into a joined view (the app under App.run_test, headless, in
this process): from the commit to the frame after the new row is in the list.
Idle cost: CPU time of `refleksionsrum join` in a terminal over --idle-s seconds, from
--settle-s seconds after it first showed (before that it is still starting).
Two writers: two processes each add --items notes to one meeting at once; the store then
holds every note once, and no writer saw "database is locked" (or any other failure).
PostgreSQL runs on REFLEKSIONSRUM_TEST_PG or a throwaway cluster (tests/pgcluster.py).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench_common import CONSOLE_SCRIPT, percentile  # noqa: E402

from refleksionsrum.core.live.watch import watch  # noqa: E402
from refleksionsrum.core.models import Meeting, Note, NoteKind, PhaseRecord  # noqa: E402
from refleksionsrum.core.store.database import Store, StoreError  # noqa: E402
from refleksionsrum.tui.items import shown_rows  # noqa: E402

MEETING = "bench-live"


def a_meeting() -> Meeting:
    return Meeting(
        id=MEETING,
        title="Benchmark",
        template="borgerniveau",
        started_at=datetime.now(UTC),
        phases=[PhaseRecord("data", "Datagennemgang", 10)],
    )


# -- child processes -----------------------------------------------------------------------


def child_saver(url: str, saves: int, meeting_id: str = MEETING, phase: str = "data") -> None:
    """Save notes at a person's pace; each carries the wall time just before its commit."""
    store = Store(url)
    for number in range(saves):
        time.sleep(random.uniform(0.05, 0.15))
        note = Note(phase, NoteKind.NOTE, f"{number} {time.time()!r}", _now())
        store.items.add_note(meeting_id, note)
    store.close()


def child_writer(url: str, who: str, items: int, start_at: float) -> None:
    store = Store(url)
    failures: dict[str, int] = {}
    while time.time() < start_at:
        time.sleep(0.001)
    for number in range(items):
        try:
            store.items.add_note(MEETING, Note("data", NoteKind.NOTE, f"{who}-{number}", _now()))
        except StoreError as error:
            failures[error.key] = failures.get(error.key, 0) + 1
    store.close()
    print(json.dumps(failures))


def _load() -> str:
    """The machine's load average (1, 5, 15 min), printed beside every figure."""
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f}"


def _now() -> datetime:
    return datetime.now(UTC)


def _child(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, text=True)


# -- the figures -----------------------------------------------------------------------------


def propagation(url: str, saves: int) -> tuple[float, float, int]:
    store = Store(url)
    store.save_meeting(a_meeting())
    watcher = watch(url, MEETING, store.meeting_revision(MEETING))
    seen: set[str] = set()
    latencies: list[float] = []
    saver = _child("saver", url, str(saves))
    deadline = time.monotonic() + saves * 2 + 60
    while len(seen) < saves and time.monotonic() < deadline:
        if watcher.wait(1.0) is None:
            continue
        meeting = store.load_meeting(MEETING)
        arrived = time.time()
        for note in meeting.notes:
            if note.text not in seen:
                seen.add(note.text)
                latencies.append((arrived - float(note.text.split()[1])) * 1000)
    saver.wait()
    watcher.close()
    store.close()
    return percentile(latencies, 50), percentile(latencies, 95), len(latencies)


async def _drawn(url: str | None, saves: int) -> list[float]:
    from refleksionsrum.core.clock import SystemClock
    from refleksionsrum.core.files.sync import open_store
    from refleksionsrum.core.meeting.room import MeetingRoom
    from refleksionsrum.core.meeting.starting import new_meeting
    from refleksionsrum.core.workspace import Workspace, init_workspace
    from refleksionsrum.tui.app import RefleksionsrumApp

    folder = Path(tempfile.mkdtemp(prefix="rr-drawn-")) / "ws"
    init_workspace(folder)
    if url is not None:
        config = folder / "config.toml"
        config.write_text(f"database_url = {json.dumps(url)}\n" + config.read_text())
    workspace = Workspace.open(folder)
    clock = SystemClock()
    store = open_store(workspace)
    template = workspace.config.template("borgerniveau")
    latencies: list[float] = []

    def drawn(texts: list[str]) -> None:
        arrived = time.time()
        latencies.extend((arrived - float(text.split()[1])) * 1000 for text in texts)

    meeting = new_meeting(store, template, "Drawn", [], clock)
    facilitator = MeetingRoom(workspace, store, meeting, clock)
    facilitator.next_phase()  # the data review, where the saver's notes go
    app = RefleksionsrumApp(Workspace.open(folder), join=meeting.id, clock=clock)
    try:
        await _watch_rows(app, store.url, meeting.id, saves, drawn)
    finally:
        facilitator.end()
    store.close()
    return latencies


async def _watch_rows(
    app: Any, url: str, meeting_id: str, saves: int, drawn: Callable[[list[str]], None]
) -> None:
    from refleksionsrum.tui.meeting import MeetingScreen

    async with app.run_test(size=(120, 36)) as pilot:
        deadline = time.monotonic() + 120
        # The screen is pushed before it is composed and drawn: wait for it to be settled
        # (querying its rows before that failed, and the app then shut down mid-mount).
        while not (
            isinstance(app.screen, MeetingScreen)
            and app.screen.settled
            and app.screen.room.phase.key == "data"
        ):
            if time.monotonic() > deadline:
                raise RuntimeError("the joined view never showed the data review")
            await pilot.pause(0.05)
        saver = _child("saver", url, str(saves), meeting_id, "data")
        try:
            await _count_rows(app, saves, drawn)
        finally:
            saver.kill()  # a failed try's saver must not write into the next one
            saver.wait()


async def _count_rows(app: Any, saves: int, drawn: Callable[[list[str]], None]) -> None:

    seen: set[str] = set()
    items = app.screen.items  # the shown phase's list (the phase does not move here)
    assert items is not None
    looked = 0
    deadline = time.monotonic() + saves * 2 + 60
    while len(seen) < saves and time.monotonic() < deadline:
        # A cheap look at the list: a new row (rows are only added here), then the
        # frame it is drawn in.
        await asyncio.sleep(0.002)
        rows = shown_rows(items)
        if len(rows) == looked:
            continue
        new = []
        for row in rows[looked:]:
            if not row.is_mounted:
                break  # not mounted yet: looked at again next time
            looked += 1
            text = " ".join(line.plain for line in row.shown_texts())
            words = text.split()
            if len(words) >= 2 and words[0].isdigit() and text not in seen:
                seen.add(text)
                new.append(" ".join(words[:2]))
        if new:
            app.call_after_refresh(drawn, new)
    await asyncio.sleep(0.1)  # the last frame's call_after_refresh


def drawn_propagation(url: str | None, saves: int) -> tuple[float, float, int]:
    """From a save in another process to the row drawn in a joined view (headless).

    ``url``: a PostgreSQL database; None: the workspace's own SQLite file.
    """
    latencies = asyncio.run(_drawn(url, saves))
    return percentile(latencies, 50), percentile(latencies, 95), len(latencies)


def two_writers(url: str, items: int) -> dict[str, object]:
    store = Store(url)
    store.save_meeting(a_meeting())
    start_at = time.time() + 3
    writers = [_child("writer", url, who, str(items), str(start_at)) for who in ("a", "b")]
    failures: dict[str, int] = {}
    for writer in writers:
        out, _ = writer.communicate()
        for key, count in json.loads(out.strip().splitlines()[-1]).items():
            failures[key] = failures.get(key, 0) + count
    texts = [note.text for note in store.load_meeting(MEETING).notes]
    store.close()
    wanted = {f"{who}-{n}" for who in ("a", "b") for n in range(items)}
    return {
        "lost": len(wanted - set(texts)),
        "duplicated": len(texts) - len(set(texts)),
        "failures": failures,
        "locked": failures.get("store.locked", 0),
    }


def idle_cpu(seconds: float, settle_s: float) -> float:
    """Percent of one core used by an idle joined view (facilitator running beside it),
    measured from ``settle_s`` after it first showed."""
    folder = Path(tempfile.mkdtemp(prefix="rr-idle-"))
    workspace = folder / "ws"
    subprocess.run([str(CONSOLE_SCRIPT), "init", str(workspace)], check=True, capture_output=True)
    socket = f"rr-bench-{os.getpid()}"
    tmux = ["tmux", "-L", socket, "-f", os.devnull]
    ws = ["--workspace", str(workspace)]
    try:
        facilitator = [str(CONSOLE_SCRIPT), *ws, "new", "--title", "Idle"]
        subprocess.run(
            [*tmux, "new-session", "-d", "-s", "fac", "-x", "120", "-y", "32", *facilitator],
            check=True,
        )
        _wait_for(tmux, "fac", "OPFØLGNING")
        subprocess.run(
            [
                *tmux,
                "new-session",
                "-d",
                "-s",
                "nt",
                "-x",
                "120",
                "-y",
                "32",
                str(CONSOLE_SCRIPT),
                *ws,
                "join",
            ],
            check=True,
        )
        _wait_for(tmux, "nt", "referent")
        pid = int(
            subprocess.run(
                [*tmux, "display-message", "-p", "-t", "nt", "#{pane_pid}"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        # The first seconds after the first paint are the end of starting (the store is
        # loaded, the session file written): ~0.8 s of CPU, not the cost of watching.
        time.sleep(settle_s)
        before = _cpu_s(pid)
        time.sleep(seconds)  # a benchmark of idleness: the wait is the measurement
        return (_cpu_s(pid) - before) / seconds * 100
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True, check=False)


def _wait_for(tmux: list[str], name: str, text: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        shown = subprocess.run(
            [*tmux, "capture-pane", "-p", "-t", name], capture_output=True, text=True, check=False
        ).stdout
        if text in shown:
            return
        time.sleep(0.2)
    raise RuntimeError(f"{name} never showed {text!r}")


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def postgresql() -> Iterator[str]:
    from pgcluster import ENV, cluster, fresh_database

    given = os.environ.get(ENV)
    with contextlib.ExitStack() as stack:
        base = given or stack.enter_context(cluster())
        yield stack.enter_context(fresh_database(base))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "saver":
        child_saver(sys.argv[2], int(sys.argv[3]), *sys.argv[4:6])
        return
    if len(sys.argv) > 1 and sys.argv[1] == "writer":
        child_writer(sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--idle-s", type=float, default=60.0)
    parser.add_argument("--settle-s", type=float, default=15.0)
    parser.add_argument("--skip-pg", action="store_true")
    args = parser.parse_args()
    backends: list[tuple[str, contextlib.AbstractContextManager[str]]] = [("SQLite", _sqlite())]
    if not args.skip_pg:
        backends.append(("PostgreSQL", postgresql()))
    print(f"{'figure':44} {'value':>26}  {'target':24} load (1, 5, 15 min)")
    print(f"{'before':44} {'':>26}  {'':24} {_load()}")
    for name, opened in backends:
        with opened as url:
            p50, p95, n = propagation(url, args.saves)
            label = f"propagation {name} (n={n})"
            shown = f"p50 {p50:.0f} ms, p95 {p95:.0f} ms"
            print(f"{label:44} {shown:>26}  {'p95 < 500 ms (goal 250)':24} {_load()}")
        with contextlib.nullcontext(None) if name == "SQLite" else postgresql() as drawn_url:
            p50, p95, n = drawn_propagation(drawn_url, args.saves)
            label = f"  to the row drawn, {name} (n={n})"
            shown = f"p50 {p50:.0f} ms, p95 {p95:.0f} ms"
            print(f"{label:44} {shown:>26}  {'p95 < 500 ms (goal 250)':24} {_load()}")
        if args.items <= 0:
            continue
        with _sqlite() if name == "SQLite" else postgresql() as url:
            found = two_writers(url, args.items)
            shown = f"lost {found['lost']}, dup {found['duplicated']}, locked {found['locked']}"
            label = f"two writers x {args.items} {name}"
            print(f"{label:44} {shown:>26}  {'0, 0, 0':24} {_load()}")
            if found["failures"]:
                print(f"  failures: {found['failures']}")
    if args.idle_s > 0:
        cpu = idle_cpu(args.idle_s, args.settle_s)
        label = f"idle joined view, CPU over {args.idle_s:.0f} s ({args.settle_s:.0f} s in)"
        print(f"{label:44} {f'{cpu:.2f} % of a core':>26}  {'< 2 %':24} {_load()}")


@contextlib.contextmanager
def _sqlite() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="rr-live-") as folder:
        yield f"sqlite:///{folder}/store.db"


if __name__ == "__main__":
    main()
