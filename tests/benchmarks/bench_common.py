"""Shared helpers for the benchmarks: statistics, child scripts with JSON output, paths."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PYTHON = Path(sys.executable)
# The console script sits next to the interpreter of the virtual environment.
CONSOLE_SCRIPT = PYTHON.parent / "refleksionsrum"


@dataclass(frozen=True)
class Spread:
    """Median, min and max of a list of numbers (and how many there were)."""

    median: float
    low: float
    high: float
    n: int

    @classmethod
    def of(cls, values: list[float]) -> Spread:
        if not values:
            raise ValueError("no values")
        return cls(statistics.median(values), min(values), max(values), len(values))


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (p99 of 1,000 values is the 990th smallest)."""
    ordered = sorted(values)
    rank = max(1, round(pct / 100 * len(ordered) + 0.4999))
    return ordered[min(rank, len(ordered)) - 1]


def run_child(script: str, *args: str, timeout: float = 900) -> Any:
    """Run one of the benchmark scripts in a fresh interpreter; it prints one JSON line last."""
    done = subprocess.run(
        [str(PYTHON), str(HERE / script), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{script} {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def emit(result: Any) -> None:
    """A child script's answer: one JSON line on stdout."""
    print(json.dumps(result))
