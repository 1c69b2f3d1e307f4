"""Search, board and history over a large workspace (issue 9): printed figures, no asserts.

  python tests/benchmarks/bench_search.py DIR [--runs N]

DIR is a workspace made by generate.py (e.g. 10,000 meetings, about 300,000 records).
The index is dropped and built again from the store, then one-word, two-word and
compound-part queries are timed; then, in the app (App.run_test at 160x45), each memory
screen from its key to drawn and to its list filled, beside a bare Textual app's key to a
screen with a 100-row table, measured before and after in the same run. The machine's
load is printed beside the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_common import percentile

from refleksionsrum.core.files.sync import open_store
from refleksionsrum.core.search.find import search
from refleksionsrum.core.search.indexer import update_index
from refleksionsrum.core.workspace import Workspace

ONE_WORD = ("fremmøde", "borgere", "ventetid", "trivsel", "forældre", "dialog", "indsats")
TWO_WORDS = ("fremmøde oktober", "tidlig kontakt", "skole trivsel", "data læring")
# Parts of the generator's compounds: hjemmebesøg, dagtilbud, målkompasset, gruppeforløb.
PARTS = ("besøg", "tilbud", "kompasset", "gruppe", "forløb")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def build(workspace: Workspace) -> None:
    store = open_store(workspace)
    path = workspace.database_path
    assert path is not None
    with store.writing() as session:
        session.connection().exec_driver_sql("DELETE FROM meta WHERE key = 'search_index'")
    before = os.path.getsize(path)
    begun = time.perf_counter()
    done = update_index(store)
    seconds = time.perf_counter() - begun
    raw = store.engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
        docs = raw.driver_connection.execute("SELECT COUNT(*) FROM search_doc").fetchone()[0]  # type: ignore[union-attr]
    finally:
        raw.close()
    store.close()
    after = os.path.getsize(path)
    print(f"index build ({_load()}): {done.done} meetings, {docs} records in {seconds:.1f} s")
    print(
        f"database: {before / 2**20:.0f} MiB before, {after / 2**20:.0f} MiB after "
        f"(the index: about {(after - before) / 2**20:.0f} MiB; freed pages of the old one "
        "stay in the file until VACUUM)"
    )


def queries(workspace: Workspace, runs: int) -> None:
    store = open_store(workspace)
    try:
        for name, group in (("one word", ONE_WORD), ("two words", TWO_WORDS), ("part", PARTS)):
            times, cpu = [], []
            found = 0
            for _ in range(runs):
                for query in group:
                    begun, begun_cpu = time.perf_counter(), time.process_time()
                    hits = search(store, query)
                    times.append(time.perf_counter() - begun)
                    cpu.append(time.process_time() - begun_cpu)
                    found += len(hits)
            # CPU time as well: on a shared, loaded machine the wall time measures the queue.
            print(
                f"search, {name:9}: p50 {_ms(percentile(times, 50))}  "
                f"p95 {_ms(percentile(times, 95))}  max {_ms(max(times))}  "
                f"cpu p95 {_ms(percentile(cpu, 95))}  "
                f"({len(times)} queries, {found // len(times)} hits each on average)"
            )
        for query in ("fremmøde ejer:jonas fra:2026-01-01", '"tidlig kontakt" -skole'):
            times = []
            for _ in range(runs):
                begun = time.perf_counter()
                search(store, query)
                times.append(time.perf_counter() - begun)
            print(f"search, {query!r}: p95 {_ms(percentile(times, 95))}")
    finally:
        store.close()


# The target for the board's and history's first draw, after the key.
DRAW_TARGET_S = 0.150
REFRESH_WAIT_S = 10.0


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.2f} (5 min {five:.2f}) on {os.cpu_count()} cores"


def _key(pilot: Any, key: str) -> float:
    """A key as the terminal's driver sends it, without waiting; the time it was sent.

    (Pilot.press returns only once the whole process is idle, worker threads too: it
    cannot tell a screen drawn at once from one drawn after its read.)
    """
    from textual import events

    begun = time.perf_counter()
    pilot.app.post_message(events.Key(key, None))
    return begun


async def _drawn(pilot: Any, ready: Callable[[], bool], deadline_s: float = 60.0) -> float:
    """Wait until ``ready()`` and the screen's next refresh after it: the time it came."""
    app = pilot.app
    begun = time.perf_counter()
    while not ready():
        if time.perf_counter() - begun > deadline_s:
            raise TimeoutError("not drawn within the deadline")
        await asyncio.sleep(0.002)
    refreshed = asyncio.Event()
    app.screen.call_after_refresh(refreshed.set)
    try:
        await asyncio.wait_for(refreshed.wait(), REFRESH_WAIT_S)
    except TimeoutError:
        # Seen once in a long run: say so rather than hang; the figure shows it.
        print(f"  (no refresh came within {REFRESH_WAIT_S:.0f} s)", file=sys.stderr)
    return time.perf_counter()


async def _gone(pilot: Any, screen: Any) -> None:
    while pilot.app.screen is screen:
        await pilot.pause(0)
    await pilot.pause(0.05)


async def bare_draws(rounds: int) -> list[float]:
    """The yardstick: a bare Textual app's key to a screen with a 100-row table drawn."""
    from bare_table import TableApp, TableScreen

    app = TableApp()
    seconds = []
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause(0.2)
        for _ in range(rounds):
            begun = _key(pilot, "f7")
            done = await _drawn(
                pilot,
                lambda: isinstance(app.screen, TableScreen) and app.screen.filled,
            )
            seconds.append(done - begun)
            screen = app.screen
            _key(pilot, "escape")
            await _gone(pilot, screen)
    return seconds


Figures = dict[str, list[float]]


def _on(pilot: Any, name: str) -> bool:
    return type(pilot.app.screen).__name__ == name


def _rows(pilot: Any) -> int:
    from textual.widgets import DataTable

    return int(pilot.app.screen.query_one(DataTable).row_count)


async def _history(pilot: Any, figures: Figures) -> None:
    """F7, then a filter typed (the list read again off the UI thread)."""
    from textual.widgets import Input

    begun = _key(pilot, "f7")
    drawn = await _drawn(pilot, lambda: _on(pilot, "HistoryScreen"))
    filled = await _drawn(pilot, lambda: _on(pilot, "HistoryScreen") and _rows(pilot) > 0)
    figures["history drawn"].append(drawn - begun)
    figures["history filled"].append(filled - begun)
    screen = pilot.app.screen
    begun = time.perf_counter()
    screen.query_one("#h-text", Input).value = "familie"
    refilled = await _drawn(pilot, lambda: not screen.reader.busy and _rows(pilot) > 0)
    figures["history filter to list"].append(refilled - begun)
    _key(pilot, "escape")
    await _gone(pilot, screen)


async def _board(pilot: Any, figures: Figures) -> None:
    """F8 (the open tab), then the closed tab: thousands of trial actions."""
    from textual.widgets import Tabs

    begun = _key(pilot, "f8")
    drawn = await _drawn(pilot, lambda: _on(pilot, "BoardScreen"))
    filled = await _drawn(
        pilot, lambda: _on(pilot, "BoardScreen") and not pilot.app.screen.reader.busy
    )
    figures["board drawn"].append(drawn - begun)
    figures["board filled (open tab)"].append(filled - begun)
    screen = pilot.app.screen
    begun = time.perf_counter()
    screen.query_one(Tabs).active = "closed"
    closed = await _drawn(
        pilot,
        lambda: screen.view.value == "closed" and not screen.reader.busy and _rows(pilot) > 0,
    )
    figures["board closed tab filled"].append(closed - begun)
    _key(pilot, "escape")
    await _gone(pilot, screen)


async def _learning(pilot: Any, figures: Figures) -> None:
    """F9, to the points and the first page of lessons."""
    begun = _key(pilot, "f9")
    drawn = await _drawn(pilot, lambda: _on(pilot, "LearningScreen"))
    filled = await _drawn(
        pilot, lambda: _on(pilot, "LearningScreen") and bool(pilot.app.screen.lessons)
    )
    figures["learning drawn"].append(drawn - begun)
    figures["learning filled"].append(filled - begun)
    screen = pilot.app.screen
    _key(pilot, "escape")
    await _gone(pilot, screen)


async def _search(pilot: Any, figures: Figures) -> None:
    """Ctrl+F, then a word typed to its hits drawn."""
    from textual.widgets import Input

    begun = _key(pilot, "ctrl+f")
    drawn = await _drawn(pilot, lambda: _on(pilot, "SearchScreen"))
    figures["search drawn"].append(drawn - begun)
    screen = pilot.app.screen
    await _drawn(pilot, lambda: pilot.app.memory.ready)
    begun = time.perf_counter()
    screen.query_one("#query", Input).value = "fremmøde"
    hits = await _drawn(pilot, lambda: bool(screen.hits))
    figures["search query to hits"].append(hits - begun)
    _key(pilot, "escape")
    await _gone(pilot, screen)


async def screen_draws(root: Path, rounds: int) -> Figures:
    """Key to each memory screen drawn (at once, empty) and to its list filled."""
    from refleksionsrum.tui.app import RefleksionsrumApp

    figures: Figures = defaultdict(list)
    app = RefleksionsrumApp(Workspace.open(root))
    async with app.run_test(size=(160, 45)) as pilot:
        app.load_store()
        await _drawn(pilot, lambda: app.store is not None, deadline_s=600)
        # The index update after the store opens (a worker) is done before timing starts.
        await _drawn(pilot, lambda: app.memory.ready, deadline_s=1800)
        await pilot.pause(0.2)
        # A round first, not counted: each screen's first opening imports its modules.
        warm: Figures = defaultdict(list)
        for measure in (_history, _board, _learning, _search):
            await measure(pilot, warm)
        for name, values in warm.items():
            figures[f"{name}, first time"] = values
        for _ in range(rounds):
            for measure in (_history, _board, _learning, _search):
                await measure(pilot, figures)
    return figures


def first_draws(root: Path, rounds: int) -> None:
    """Each figure's median and max beside the bare app's, with the target where there is one."""
    print(f"first draws: {_load()} before")
    bare = asyncio.run(bare_draws(rounds))
    figures = asyncio.run(screen_draws(root, rounds))
    bare += asyncio.run(bare_draws(rounds))
    bare_median = statistics.median(bare)
    print(
        f"bare Textual app, key to a 100-row table drawn: median {_ms(bare_median)}  "
        f"max {_ms(max(bare))}  (n={len(bare)}, before and after)"
    )
    targets = {
        "history drawn": DRAW_TARGET_S,
        "history filled": DRAW_TARGET_S,
        "board drawn": DRAW_TARGET_S,
        "board filled (open tab)": DRAW_TARGET_S,
        "board closed tab filled": DRAW_TARGET_S,
        # Not in the issue: held to the board's and history's target.
        "learning drawn": DRAW_TARGET_S,
        "learning filled": DRAW_TARGET_S,
        "search drawn": DRAW_TARGET_S,
    }
    for name, values in sorted(figures.items(), key=lambda item: "first time" in item[0]):
        median = statistics.median(values)
        target = targets.get(name)
        verdict = ""
        if target is not None:
            verdict = f"  target < {target * 1000:.0f} ms: {'PASS' if median < target else 'MISS'}"
        print(
            f"{name:37}: median {_ms(median)}  max {_ms(max(values))}  "
            f"{median / bare_median:5.2f}x bare  (n={len(values)}){verdict}"
        )
    print(f"first draws: {_load()} after")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--no-screens", action="store_true")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of the first draws")
    args = parser.parse_args(argv)
    workspace = Workspace.open(Path(args.dir))
    print(f"bench_search: {_load()}")
    if not args.no_build:
        build(workspace)
    queries(workspace, args.runs)
    if not args.no_screens:
        first_draws(Path(args.dir), args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
