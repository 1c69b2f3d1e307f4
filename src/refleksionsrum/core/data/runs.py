"""The Anhøj runs analysis of a run chart, as in qicharts2: longest run and number of crossings."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

# Below this many useful points the rules cannot tell signal from noise.
MIN_USEFUL = 10
_EXACT_UP_TO = 1_000


class Side(StrEnum):
    """Where a run lies relative to the centre line."""

    ABOVE = "above"
    BELOW = "below"


class Finding(StrEnum):
    """What the analysis of one part says."""

    TOO_FEW = "too-few"
    RANDOM = "random"
    SIGNAL = "signal"


@dataclass(frozen=True)
class Run:
    """Consecutive useful points on one side of the centre line (indices into the series)."""

    side: Side
    points: tuple[int, ...]

    @property
    def length(self) -> int:
        return len(self.points)


@dataclass(frozen=True)
class PartAnalysis:
    """The runs analysis of one part of the chart (the whole chart unless it is split)."""

    first: int  # index of the part's first point in the series
    last: int  # index of its last point, inclusive
    median: float  # the centre line used
    baseline: int  # how many points the centre line was computed from
    n_obs: int
    n_useful: int
    longest_run: int
    longest_run_max: int
    n_crossings: int
    n_crossings_min: int
    runs: tuple[Run, ...]

    @property
    def long_run_signal(self) -> bool:
        return self.n_useful > 0 and self.longest_run > self.longest_run_max

    @property
    def crossings_signal(self) -> bool:
        return self.n_useful > 0 and self.n_crossings < self.n_crossings_min

    @property
    def finding(self) -> Finding:
        if self.n_useful < MIN_USEFUL:
            return Finding.TOO_FEW
        if self.long_run_signal or self.crossings_signal:
            return Finding.SIGNAL
        return Finding.RANDOM

    @property
    def signal(self) -> bool:
        return self.finding is Finding.SIGNAL

    @property
    def longest(self) -> Run | None:
        return max(self.runs, key=lambda run: run.length, default=None)

    def signal_points(self) -> set[int]:
        """The points of every run longer than the limit (none unless there is a signal)."""
        if not self.signal:
            return set()
        return {i for run in self.runs if run.length > self.longest_run_max for i in run.points}


def longest_run_max(n_useful: int) -> int:
    """The longest run expected by chance: round(log2(n)) + 3 (Schilling 2012)."""
    return round(math.log2(n_useful)) + 3 if n_useful > 0 else 0


@lru_cache(maxsize=512)
def crossings_min(n_useful: int) -> int:
    """The fewest crossings expected by chance: the 5 % quantile of binomial(n - 1, 0.5).

    The smallest k with P(X <= k) >= 0.05, as R's qbinom(0.05, m, 0.5) gives:
    counted exactly in integers (20 * sum C(m, i) >= 2**m) for the charts a team
    draws, and in floating point past that, where the exact sum gets slow.
    """
    m = max(n_useful - 1, 0)
    if m > _EXACT_UP_TO:
        return _crossings_min_float(m)
    total = 1 << m
    term = 1  # C(m, 0)
    cumulative = 0
    for k in range(m + 1):
        cumulative += term
        if 20 * cumulative >= total:
            return k
        term = term * (m - k) // (k + 1)
    return m


def _crossings_min_float(m: int) -> int:
    log_all = m * math.log(2)
    log_m = math.lgamma(m + 1)
    cumulative = 0.0
    for k in range(m + 1):
        cumulative += math.exp(log_m - math.lgamma(k + 1) - math.lgamma(m - k + 1) - log_all)
        if cumulative >= 0.05:
            return k
    return m


def part_bounds(n: int, parts: tuple[int, ...]) -> list[tuple[int, int]]:
    """Split n points after each point number in ``parts`` (qicharts2's makeparts)."""
    cuts = sorted({0, *(p for p in parts if 0 < p < n)})
    ends = [*cuts[1:], n]
    return [(start, end - 1) for start, end in zip(cuts, ends, strict=True)]


def analyse(
    values: list[float], freeze: int | None = None, parts: tuple[int, ...] = ()
) -> list[PartAnalysis]:
    """The runs analysis of each part of ``values``, in time order.

    As in qicharts2, ``freeze`` makes the median of the first N points the centre
    line of the whole chart, and is ignored when the chart is split in ``parts``.
    """
    if not values:
        return []
    if parts:
        freeze = None
    result = []
    for first, last in part_bounds(len(values), parts):
        chunk = values[first : last + 1]
        baseline = chunk if freeze is None else values[: min(freeze, len(values))]
        result.append(_analyse_part(chunk, first, statistics.median(baseline), len(baseline)))
    return result


def _analyse_part(values: list[float], offset: int, median: float, baseline: int) -> PartAnalysis:
    runs: list[Run] = []
    side: Side | None = None
    current: list[int] = []
    for index, y in enumerate(values, start=offset):
        if y == median:
            continue  # on the centre line: neither breaks nor adds to a run
        here = Side.ABOVE if y > median else Side.BELOW
        if here is not side and current and side is not None:
            runs.append(Run(side, tuple(current)))
            current = []
        side = here
        current.append(index)
    if current and side is not None:
        runs.append(Run(side, tuple(current)))
    n_useful = sum(run.length for run in runs)
    return PartAnalysis(
        first=offset,
        last=offset + len(values) - 1,
        median=median,
        baseline=baseline,
        n_obs=len(values),
        n_useful=n_useful,
        longest_run=max((run.length for run in runs), default=0),
        longest_run_max=longest_run_max(n_useful),
        n_crossings=max(len(runs) - 1, 0),
        n_crossings_min=crossings_min(n_useful),
        runs=tuple(runs),
    )
