"""check, export and indexing on a large workspace (issue 12): printed figures, no asserts.

  python tests/benchmarks/bench_files.py WORKSPACE [--rounds N] [--skip-index]

WORKSPACE is made by generate.py (python tests/benchmarks/generate.py DIR 10000). Each
figure runs the console script in a fresh process, as a user would; indexing hard-links
the session files into a new workspace and times the first `export` there, which opens
an empty database and takes every file in. `check` and `export` are also run, in the
same rounds, on a workspace with one meeting (the newest, copied with its database
row by `export` into a new workspace), for the ratio the issue asks of 10,000 against
an (almost) empty workspace. Each figure has the machine's 1-minute load average read
just before it ran beside it: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench_common import CONSOLE_SCRIPT

CPU: dict[str, list[float]] = {}
# As run.py: the sandbox's PYTHONDONTWRITEBYTECODE would make every run compile
# refleksionsrum's modules again, which an installed app never does.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
LOAD: dict[str, list[float]] = {}


def _run(args: list[str], name: str = "") -> float:
    """Wall seconds of one run; its CPU seconds (with its workers') go to CPU[name].

    On a shared machine the wall time holds the moments others had the cores; the
    CPU time says what the work itself cost (its workers' time summed).
    """
    LOAD.setdefault(name, []).append(os.getloadavg()[0])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    begun = time.perf_counter()
    done = subprocess.run(
        [str(CONSOLE_SCRIPT), *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=ENV,
    )
    seconds = time.perf_counter() - begun
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{args}: {done.returncode}\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    CPU.setdefault(name, []).append(cpu)
    return seconds


def newest_meeting(workspace: Path) -> str:
    names = sorted(p.stem for p in (workspace / "sessions").glob("*.toml"))
    return names[-1]


def _linked_workspace(root: Path, into: Path, names: list[str] | None = None) -> Path:
    """A new workspace at ``into`` with ``root``'s config and hard links to its session files."""
    (into / "sessions").mkdir(parents=True)
    shutil.copy(root / "config.toml", into / "config.toml")
    paths = (
        (root / "sessions").glob("*.toml")
        if names is None
        else (root / "sessions" / name for name in names)
    )
    for path in paths:
        os.link(path, into / "sessions" / path.name)
    return into


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-index", action="store_true", help="check and export only")
    parser.add_argument(
        "--export-pairs", type=int, default=0, help="more export pairs (10,000, one) for the ratio"
    )
    args = parser.parse_args()
    root: Path = args.workspace
    files = len(list((root / "sessions").glob("*.toml")))
    meeting = newest_meeting(root)
    names = ["check_s", "check_one_s", "export_s", "export_one_s"]
    if not args.skip_index:
        names.append("index_s")
    figures: dict[str, list[float]] = {name: [] for name in names}
    with tempfile.TemporaryDirectory() as keep:
        # One meeting, indexed by its first export: the "empty" side of the ratios.
        one = _linked_workspace(root, Path(keep) / "one", [f"{meeting}.toml"])
        _run(["export", meeting, "--workspace", str(one)], "warm")
        _run(["export", meeting, "--workspace", str(root)], "warm")  # the page cache
        for _ in range(args.rounds):
            # Interleaved: each pair shares the moment's load.
            figures["check_s"].append(_run(["check", "--workspace", str(root)], "check_s"))
            figures["check_one_s"].append(_run(["check", "--workspace", str(one)], "check_one_s"))
            figures["export_s"].append(
                _run(["export", meeting, "--workspace", str(root)], "export_s")
            )
            figures["export_one_s"].append(
                _run(["export", meeting, "--workspace", str(one)], "export_one_s")
            )
            if args.skip_index:
                continue
            with tempfile.TemporaryDirectory() as temp:
                fresh = _linked_workspace(root, Path(temp) / "ws")
                figures["index_s"].append(
                    _run(["export", meeting, "--workspace", str(fresh)], "index_s")
                )
        for _ in range(args.export_pairs):
            figures["export_s"].append(
                _run(["export", meeting, "--workspace", str(root)], "export_s")
            )
            figures["export_one_s"].append(
                _run(["export", meeting, "--workspace", str(one)], "export_one_s")
            )
    targets = {"check_s": 15.0, "export_s": 0.3, "index_s": 30.0}
    print(f"{files:,} session files, {os.cpu_count()} cores")
    for name, values in figures.items():
        median = statistics.median(values)
        low, high = min(values), max(values)
        target = targets.get(name)
        verdict = (
            ""
            if target is None
            else f"target < {target} s  " + ("PASS" if median < target else "MISS")
        )
        loads = ", ".join(f"{value:.1f}" for value in LOAD[name])
        print(
            f"{name:12} median {median:7.2f} s  (min {low:.2f}, max {high:.2f}, n={len(values)})"
            f"  {verdict:20}  CPU median {statistics.median(CPU[name]):.2f} s"
            f"  load {loads}"
        )
    for big, small in (("check_s", "check_one_s"), ("export_s", "export_one_s")):
        # Only the pairs of one round each: check has fewer than export with --export-pairs.
        ratios = [b / s for b, s in zip(figures[big], figures[small], strict=False)]
        print(
            f"{big} / {small}: median {statistics.median(ratios):.2f}x"
            f" (min {min(ratios):.2f}, max {max(ratios):.2f}), per-round pairs;"
            f" export target <= 1.10x"
            if big == "export_s"
            else f"{big} / {small}: median {statistics.median(ratios):.1f}x (reads every file)"
        )
    print(json.dumps({"files": files, **figures, "cpu": CPU, "load": LOAD}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
