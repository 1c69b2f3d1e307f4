"""The benchmark suite of issue 5: start-up, memory, saving and scale, against a bare Textual app.

  python tests/benchmarks/run.py [--quick] [--json FILE]

Prints a table (median, min and max of each figure, its target, PASS or MISS) and with
--json writes the figures. Nothing is asserted: a MISS is a finding, not a failure.
--quick uses fewer runs and 500 meetings instead of 10,000 (under a minute on 2 cores;
a smoke test: with 2 or 3 pairs its ratios are rough);
the full run takes a few minutes, more the first time, when the 10,000 meetings are
generated (they are cached in the temp folder, keyed by the generator's version and the
source of the files that decide the database and session file layout).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

# A user's installed app has its bytecode compiled; without this, every launch would
# compile refleksionsrum's own modules again (the sandbox sets it) and the comparison
# with the bare app, whose library is precompiled, would be unfair.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

from bare_app import READY_TEXT
from bench_common import CONSOLE_SCRIPT, HERE, PYTHON, run_child
from bench_terminal import Launch, Program, tmux_server
from figures import Figure, machine, number, ratios, report
from generate import VERSION as GENERATOR_VERSION
from generate import meeting_title

ROOT = HERE.parents[1]
# The files whose changes make a cached workspace stale.
LAYOUT_SOURCES = (
    "store/tables.py",
    "store/rowmap.py",
    "files/sessionfile.py",
    "files/sessionwrite.py",
)
FIRST_PAINT = ("Nyt møde",)
NONE_RUNNING = "Ingen møder i gang"
NONE_RECENT = "Ingen afsluttede møder endnu"
# The form's title field: a frame that holds the lists but not the form is not the
# whole screen (Textual drew one such until 4 Dec: tui/app.py, get_default_screen).
TITLE_FIELD = "fx Familiebehandling"
FULL_MEETINGS = 10_000


@dataclass(frozen=True)
class Plan:
    """How much to run: the full suite, or the quick one."""

    screen_rounds: int
    typing_pairs: int
    edit_sets: int
    meetings: int
    open_repeats: int
    file_repeats: int


FULL = Plan(
    screen_rounds=10,
    typing_pairs=8,
    edit_sets=5,
    meetings=FULL_MEETINGS,
    open_repeats=50,
    file_repeats=30,
)
QUICK = Plan(
    screen_rounds=3, typing_pairs=2, edit_sets=3, meetings=500, open_repeats=20, file_repeats=10
)


# -- the parts --------------------------------------------------------------------------------


def cached_workspace(meetings: int, say: Callable[[str], None]) -> tuple[Path, dict[str, Any]]:
    """The generated workspace for ``meetings``: made once, then reused from the temp folder."""
    digest = hashlib.sha1(GENERATOR_VERSION.encode())
    for name in LAYOUT_SOURCES:
        digest.update((ROOT / "src/refleksionsrum/core" / name).read_bytes())
    key = f"{meetings}-{digest.hexdigest()[:10]}"
    folder = Path(tempfile.gettempdir()) / f"refleksionsrum-bench-{key}"
    done = folder / "generated.json"
    if done.is_file():
        info = json.loads(done.read_text())
        info["cached"] = True
        return folder / "workspace", info
    if folder.exists():
        shutil.rmtree(folder)  # an interrupted generation
    folder.mkdir(parents=True)
    say(f"generating {meetings:,} meetings in {folder} (cached for later runs)")
    info = run_child("generate.py", str(folder / "workspace"), str(meetings), timeout=1800)
    done.write_text(json.dumps(info))
    info["cached"] = False
    return folder / "workspace", info


def init_with_console_script(folder: Path) -> Path:
    """A fresh workspace made the way a user makes one: `refleksionsrum init DIR`."""
    subprocess.run(
        [str(CONSOLE_SCRIPT), "init", str(folder)], check=True, capture_output=True, text=True
    )
    return folder


def screens(
    plan: Plan, empty: Path, big: Path, big_info: dict[str, Any]
) -> tuple[list[Launch], list[Launch], list[Launch]]:
    """Bare app, refleksionsrum on the empty workspace, and on the big one: B, E, L, B, E, L..."""
    bare = Program("bare", (str(PYTHON), str(HERE / "bare_app.py")), (READY_TEXT,), (READY_TEXT,))
    on_empty = Program(
        "empty",
        (str(CONSOLE_SCRIPT), "--workspace", str(empty)),
        FIRST_PAINT,
        (NONE_RUNNING, NONE_RECENT, TITLE_FIELD),
    )
    on_big = Program(
        "big",
        (str(CONSOLE_SCRIPT), "--workspace", str(big)),
        FIRST_PAINT,
        (NONE_RUNNING, meeting_title(big_info["meetings"]), TITLE_FIELD),
    )
    with tmux_server() as server:
        # Warm-up round, not counted: disk cache, bytecode, the empty workspace's database.
        for program in (bare, on_empty, on_big):
            server.launch(program)
        results: tuple[list[Launch], list[Launch], list[Launch]] = ([], [], [])
        for _ in range(plan.screen_rounds):
            for program, into in zip((bare, on_empty, on_big), results, strict=True):
                into.append(server.launch(program))
    return results


def measure(
    plan: Plan, work: Path, say: Callable[[str], None]
) -> tuple[list[Figure], dict[str, Any]]:
    figures: list[Figure] = []
    raw: dict[str, Any] = {}
    n = plan.meetings
    big, big_info = cached_workspace(n, say)
    raw["generation"] = big_info

    say("first screen and memory in tmux (bare, empty workspace, big workspace, interleaved)")
    empty = init_with_console_script(work / "empty")
    bare, on_empty, on_big = screens(plan, empty, big, big_info)
    raw["screens"] = {
        "bare": [asdict(x) | {"screen": ""} for x in bare],
        "empty": [asdict(x) | {"screen": ""} for x in on_empty],
        "big": [asdict(x) | {"screen": ""} for x in on_big],
    }
    ms = 1000.0
    s1 = "1. first screen"
    figures += [
        Figure.of(
            s1,
            "bare Textual app (Header, Static, Footer)",
            "ms",
            [x.fully_drawn_s * ms for x in bare],
        ),
        Figure.of(
            s1,
            "refleksionsrum: first paint ('Nyt møde')",
            "ms",
            [x.first_paint_s * ms for x in on_empty],
        ),
        Figure.of(
            s1,
            "refleksionsrum: fully drawn (form and lists filled in)",
            "ms",
            [x.fully_drawn_s * ms for x in on_empty],
        ),
        Figure.of(
            s1,
            "ratio first paint / bare",
            "x",
            ratios([x.first_paint_s for x in on_empty], [x.fully_drawn_s for x in bare]),
            note="no target of its own; shows what the worker defers",
        ),
        Figure.of(
            s1,
            "ratio fully drawn / bare",
            "x",
            ratios([x.fully_drawn_s for x in on_empty], [x.fully_drawn_s for x in bare]),
            1.15,
            strict=False,
        ),
    ]
    mib = 1 / 1024
    s2 = "2. peak memory (VmHWM after the first screen)"
    figures += [
        Figure.of(s2, "bare Textual app", "MiB", [x.peak_rss_kib * mib for x in bare]),
        Figure.of(
            s2, "refleksionsrum (empty workspace)", "MiB", [x.peak_rss_kib * mib for x in on_empty]
        ),
        Figure.of(
            s2,
            "ratio refleksionsrum / bare",
            "x",
            ratios([x.peak_rss_kib for x in on_empty], [x.peak_rss_kib for x in bare]),
            2.0,
            strict=False,
        ),
    ]

    say(f"saving: {plan.edit_sets} x 1,000 Store.add_note")
    edit_sets = run_child(
        "bench_store.py", "edits", str(work / "edits"), "1000", str(plan.edit_sets)
    )
    raw["edits"] = edit_sets
    say(f"saving: typing 200 characters through Pilot, {plan.typing_pairs} pairs on/off")
    typing = run_child("bench_typing.py", str(work / "typing"), str(plan.typing_pairs))
    raw["typing"] = typing
    s3 = "3. saving an edit"
    figures += [
        Figure.of(
            s3, "Store.add_note p50 (1,000 edits per set)", "ms", [x["p50_ms"] for x in edit_sets]
        ),
        Figure.of(
            s3,
            "Store.add_note p99 (1,000 edits per set)",
            "ms",
            [x["p99_ms"] for x in edit_sets],
            2.0,
        ),
        Figure.of(
            s3,
            "typing 200 chars + 10 Enter, saving on: CPU",
            "ms",
            [x * ms for x in typing["on_cpu_s"]],
        ),
        Figure.of(
            s3,
            "typing 200 chars + 10 Enter, saving off: CPU",
            "ms",
            [x * ms for x in typing["off_cpu_s"]],
        ),
        Figure.of(
            s3,
            "ratio saving on / off, CPU time",
            "x",
            ratios(typing["on_cpu_s"], typing["off_cpu_s"]),
            1.1,
            strict=False,
        ),
        Figure.of(s3, "typing, saving on: wall clock", "ms", [x * ms for x in typing["on_s"]]),
        Figure.of(s3, "typing, saving off: wall clock", "ms", [x * ms for x in typing["off_s"]]),
        Figure.of(
            s3,
            "ratio saving on / off, wall clock",
            "x",
            ratios(typing["on_s"], typing["off_s"]),
            note="noisier on a shared machine; the CPU ratio carries the target",
        ),
    ]

    say("scale: a 300-item session file, written atomically")
    file_bench = run_child(
        "bench_store.py", "session-file", str(work / "file"), str(plan.file_repeats)
    )
    raw["session_file"] = file_bench
    say(f"scale: indexing {n:,} session files into an empty database, then queries")
    scale = run_child(
        "bench_store.py",
        "scale",
        str(big),
        str(work / "ingest"),
        str(plan.open_repeats),
        str(plan.edit_sets),
        timeout=1800,
    )
    raw["scale"] = scale
    s4 = f"4. scale: {n:,} finished meetings"
    ingest_limit = 30.0 * n / FULL_MEETINGS
    scaled = "" if n == FULL_MEETINGS else f" (30 s x {n:,}/10,000)"
    figures += [
        Figure.of(
            s4,
            f"generating the workspace{' (cached)' if big_info['cached'] else ''}",
            "s",
            [big_info["seconds"]],
            note="the run that made it; cached since" if big_info["cached"] else "",
        ),
        Figure.of(
            s4,
            f"first screen, {n:,} meetings, fully drawn",
            "ms",
            [x.fully_drawn_s * ms for x in on_big],
        ),
        Figure.of(
            s4,
            "first screen, empty workspace, fully drawn",
            "ms",
            [x.fully_drawn_s * ms for x in on_empty],
        ),
        Figure.of(
            s4,
            f"ratio {n:,} meetings / empty",
            "x",
            ratios([x.fully_drawn_s for x in on_big], [x.fully_drawn_s for x in on_empty]),
            1.1,
            strict=False,
        ),
        Figure.of(
            s4, f"peak memory, {n:,} meetings", "MiB", [x.peak_rss_kib * mib for x in on_big]
        ),
        Figure.of(
            s4,
            f"open trial actions for a new meeting ({scale['open_found']} found)",
            "ms",
            scale["open_ms"],
            10.0,
        ),
        Figure.of(
            s4,
            f"write a {file_bench['items']}-item session file (write_session_file)",
            "ms",
            file_bench["write_ms"],
            10.0,
        ),
        Figure.of(s4, "  of which sessionfile.dumps", "ms", file_bench["dumps_ms"]),
        Figure.of(
            s4, "  of which atomic_write_text (fsync, rename)", "ms", file_bench["atomic_ms"]
        ),
        Figure.of(
            s4,
            f"index {scale['files']:,} session files into an empty database",
            "s",
            [scale["ingest_s"]],
            ingest_limit,
            target=f"< {number(ingest_limit)} s{scaled}",
        ),
        Figure.of(
            s4,
            f"Store.add_note p99 with {n:,} meetings in the database",
            "ms",
            [x["p99_ms"] for x in scale["edits"]],
            2.0,
        ),
    ]
    return figures, raw


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run.py", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, 500 meetings")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--markdown", metavar="FILE", help="also write the table as Markdown")
    parser.add_argument(
        "--from-json", metavar="FILE", help="measure nothing: show the figures of an earlier --json"
    )
    args = parser.parse_args(argv)
    if args.from_json:
        earlier = json.loads(Path(args.from_json).read_text(encoding="utf-8"))
        report([Figure(**f) for f in earlier["figures"]], earlier["meta"], args.markdown)
        return 0
    plan = QUICK if args.quick else FULL
    begun = time.perf_counter()

    def say(text: str) -> None:
        print(f"[{time.perf_counter() - begun:6.1f} s] {text}", file=sys.stderr, flush=True)

    if shutil.which("tmux") is None:
        print("run.py: tmux is needed for the first-screen figures", file=sys.stderr)
        return 2
    words = ["python tests/benchmarks/run.py", *(sys.argv[1:] if argv is None else argv)]
    meta = machine() | {"command": " ".join(words), "plan": asdict(plan)}
    work = Path(tempfile.mkdtemp(prefix="refleksionsrum-bench-run-"))
    try:
        figures, raw = measure(plan, work, say)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    meta["seconds"] = time.perf_counter() - begun
    meta["load_average_after"] = os.getloadavg()
    sys.stderr.flush()
    report(figures, meta, args.markdown)
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {"meta": meta, "figures": [asdict(f) for f in figures], "raw": raw},
                indent=2,
                ensure_ascii=False,
            )
            + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
