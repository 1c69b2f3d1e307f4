"""The Anhøj runs analysis against qicharts2's published figures (its vignette and appendix)."""

from __future__ import annotations

import pytest

from refleksionsrum.core.data import runs
from refleksionsrum.core.data.runs import (
    Finding,
    Side,
    analyse,
    crossings_min,
    longest_run_max,
    part_bounds,
)

# qicharts2's `cdi` data set: hospital-acquired C. difficile infections per month,
# 2012-11 to 2015-10; the intervention began at point 25.
CDI = [17, 12, 27, 20, 20, 18, 22, 19, 19, 24, 17, 16, 24, 19, 19, 22, 25, 19]
CDI += [17, 6, 25, 17, 11, 14, 9, 11, 7, 13, 5, 5, 3, 5, 9, 4, 5, 9]

# Appendix 2 of the qicharts2 vignette, all of it: n useful, the upper limit of the longest
# run, the lower limit of the number of crossings.
_TABLE = """
10,6,2 11,6,2 12,7,3 13,7,3 14,7,4 15,7,4 16,7,4 17,7,5
18,7,5 19,7,6 20,7,6 21,7,6 22,7,7 23,8,7 24,8,8 25,8,8
26,8,8 27,8,9 28,8,9 29,8,10 30,8,10 31,8,11 32,8,11 33,8,11
34,8,12 35,8,12 36,8,13 37,8,13 38,8,14 39,8,14 40,8,14 41,8,15
42,8,15 43,8,16 44,8,16 45,8,17 46,9,17 47,9,17 48,9,18 49,9,18
50,9,19 51,9,19 52,9,20 53,9,20 54,9,21 55,9,21 56,9,21 57,9,22
58,9,22 59,9,23 60,9,23 61,9,24 62,9,24 63,9,25 64,9,25 65,9,25
66,9,26 67,9,26 68,9,27 69,9,27 70,9,28 71,9,28 72,9,29 73,9,29
74,9,29 75,9,30 76,9,30 77,9,31 78,9,31 79,9,32 80,9,32 81,9,33
82,9,33 83,9,34 84,9,34 85,9,34 86,9,35 87,9,35 88,9,36 89,9,36
90,9,37 91,10,37 92,10,38 93,10,38 94,10,39 95,10,39 96,10,39 97,10,40
98,10,40 99,10,41 100,10,41
"""
APPENDIX = [tuple(int(v) for v in row.split(",")) for row in _TABLE.split()]


@pytest.mark.parametrize(("n", "run_max", "cross_min"), APPENDIX)
def test_limits_match_the_published_table(n: int, run_max: int, cross_min: int) -> None:
    assert longest_run_max(n) == run_max
    assert crossings_min(n) == cross_min


def test_appendix_is_complete() -> None:
    assert [row[0] for row in APPENDIX] == list(range(10, 101))


@pytest.mark.parametrize("n", [1001, 1002, 1500, 2048, 3001])
def test_large_n_float_sum_agrees_with_the_exact_count(
    n: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Past 1000 points the quantile is summed in floating point, for speed.
    fast = crossings_min(n)
    monkeypatch.setattr(runs, "_EXACT_UP_TO", 10**9)
    crossings_min.cache_clear()
    try:
        assert crossings_min(n) == fast
    finally:
        crossings_min.cache_clear()


def test_cdi_with_a_frozen_baseline_shows_the_vignette_run() -> None:
    # "The median number of CDIs per month in the before period is 19. An unusually
    # long run of 15 data points below the median proves that the CDI rate is reduced."
    (part,) = analyse(CDI, freeze=24)
    assert part.median == 19
    assert part.baseline == 24
    assert part.longest_run == 15
    assert part.longest is not None and part.longest.side is Side.BELOW
    assert part.longest_run_max == 8
    assert part.finding is Finding.SIGNAL
    # The run: points 22 to 36 (0-based 21..35).
    assert part.signal_points() == set(range(21, 36))


def test_cdi_whole_series_is_a_signal() -> None:
    (part,) = analyse(CDI)
    assert part.median == 17
    assert part.n_obs == 36
    assert part.n_useful == 32  # four points lie on the median
    assert part.signal


def test_cdi_split_after_the_baseline_shows_random_variation_in_both_parts() -> None:
    # "Since both periods show only random variation, a control chart may be applied."
    before, after = analyse(CDI, parts=(24,))
    assert (before.first, before.last, before.median) == (0, 23, 19)
    assert (after.first, after.last, after.median) == (24, 35, 6)
    assert before.finding is Finding.RANDOM
    assert after.finding is Finding.RANDOM


def test_parts_override_freeze_as_in_qicharts2() -> None:
    assert analyse(CDI, freeze=12, parts=(24,)) == analyse(CDI, parts=(24,))


def test_points_on_the_median_neither_break_nor_add_to_a_run() -> None:
    values = [1.0, 1.0, 2.0, 1.0, 1.0, 3.0, 3.0, 3.0, 2.0, 3.0, 3.0]
    (part,) = analyse(values)
    assert part.median == 2.0
    assert part.n_useful == 9
    assert [run.length for run in part.runs] == [4, 5]
    assert part.n_crossings == 1


def test_fewer_than_ten_useful_points_is_too_few_to_judge() -> None:
    (judged,) = analyse([1.0] * 5 + [2.0] * 5)
    assert judged.n_useful == 10
    assert judged.finding is Finding.SIGNAL  # one crossing, fewer than the 2 expected
    (fewer,) = analyse([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0])
    assert fewer.n_useful == 8  # 5.0 is the median
    assert fewer.finding is Finding.TOO_FEW
    assert not fewer.signal


def test_parts_outside_the_series_are_ignored_like_makeparts() -> None:
    assert part_bounds(10, (0, 4, 10, 40)) == [(0, 3), (4, 9)]
    assert part_bounds(10, ()) == [(0, 9)]
