"""check, export and indexing on a large workspace (issue 12): printed figures, no asserts.

  python tests/benchmarks/bench_files.py WORKSPACE [--rounds N]

WORKSPACE is made by generate.py (python tests/benchmarks/generate.py DIR 10000). Each
figure runs the console script in a fresh process, as a user would; indexing hard-links
the session files into a new workspace and times the first `export` there, which opens
an empty database and takes every file in.
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


def _run(args: list[str], name: str = "") -> float:
    """Wall seconds of one run; its CPU seconds (with its workers') go to CPU[name].

    On a shared machine the wall time holds the moments others had the cores; the
    CPU time says what the work itself cost (its workers' time summed).
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    begun = time.perf_counter()
    done = subprocess.run(
        [str(CONSOLE_SCRIPT), *args], capture_output=True, text=True, stdin=subprocess.DEVNULL
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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    root: Path = args.workspace
    files = len(list((root / "sessions").glob("*.toml")))
    meeting = newest_meeting(root)
    figures: dict[str, list[float]] = {"check_s": [], "export_s": [], "index_s": []}
    load = [os.getloadavg()[0]]
    _run(["export", meeting, "--workspace", str(root)])  # warm the page cache
    for _ in range(args.rounds):
        figures["check_s"].append(_run(["check", "--workspace", str(root)], "check_s"))
        figures["export_s"].append(_run(["export", meeting, "--workspace", str(root)], "export_s"))
        with tempfile.TemporaryDirectory() as temp:
            fresh = Path(temp) / "ws"
            (fresh / "sessions").mkdir(parents=True)
            shutil.copy(root / "config.toml", fresh / "config.toml")
            for path in (root / "sessions").glob("*.toml"):
                os.link(path, fresh / "sessions" / path.name)
            figures["index_s"].append(
                _run(["export", meeting, "--workspace", str(fresh)], "index_s")
            )
        load.append(os.getloadavg()[0])
    targets = {"check_s": 15.0, "export_s": 0.3, "index_s": 30.0}
    print(f"{files:,} session files; load average {min(load):.1f} to {max(load):.1f}")
    for name, values in figures.items():
        median = statistics.median(values)
        verdict = "PASS" if median < targets[name] else "MISS"
        low, high = min(values), max(values)
        print(
            f"{name:10} median {median:7.2f} s  (min {low:.2f}, max {high:.2f}, n={len(values)})"
            f"  target < {targets[name]} s  {verdict}"
            f"  (CPU, workers summed: median {statistics.median(CPU[name]):.2f} s)"
        )
    print(json.dumps({"files": files, "load": load, **figures, "cpu": CPU}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
