"""Search, board and history over a large workspace (issue 9): printed figures, no asserts.

  python tests/benchmarks/bench_search.py DIR [--runs N]

DIR is a workspace made by generate.py (e.g. 10,000 meetings, about 300,000 records).
The index is dropped and built again from the store, then one-word, two-word and
compound-part queries are timed, and the board's and history's reads and first draw.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from pathlib import Path

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
    print(f"index build: {done.done} meetings, {docs} records in {seconds:.1f} s")
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


async def first_draws(root: Path) -> None:
    """From the key on the start screen to the table drawn with its first rows."""
    from textual.widgets import DataTable

    from refleksionsrum.tui.app import RefleksionsrumApp

    app = RefleksionsrumApp(Workspace.open(root))
    async with app.run_test(size=(160, 45)) as pilot:
        app.load_store()
        for _ in range(6000):
            if app.store is not None:
                break
            await pilot.pause(0.05)
        for key, screen_name in (("f7", "HistoryScreen"), ("f8", "BoardScreen")):
            for _ in range(3):
                begun = time.perf_counter()
                await pilot.press(key)
                for _ in range(10_000):
                    if type(app.screen).__name__ == screen_name:
                        table = app.screen.query_one(DataTable)
                        if table.row_count:
                            break
                    await pilot.pause(0)
                await pilot.pause(0)  # one refresh: the rows are drawn
                seconds = time.perf_counter() - begun
                print(f"{screen_name} first draw: {_ms(seconds)} ({table.row_count} rows shown)")
                await pilot.press("escape")
                for _ in range(10_000):
                    if type(app.screen).__name__ != screen_name:
                        break
                    await pilot.pause(0)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--no-screens", action="store_true")
    args = parser.parse_args(argv)
    workspace = Workspace.open(Path(args.dir))
    if not args.no_build:
        build(workspace)
    queries(workspace, args.runs)
    if not args.no_screens:
        asyncio.run(first_draws(Path(args.dir)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
