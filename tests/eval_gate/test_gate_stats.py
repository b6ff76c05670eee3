"""Properties of the pure statistics behind the gate."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eval.stats import mean, paired_bootstrap_ci, percentile, wilson_interval

finite = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, allow_infinity=False)
pairs = st.integers(min_value=1, max_value=60).flatmap(
    lambda n: st.tuples(
        st.lists(finite, min_size=n, max_size=n), st.lists(finite, min_size=n, max_size=n)
    )
)
FAST = {"n_resamples": 2_000}


def test_stats_empty_input_returns_none() -> None:
    assert mean([]) is None
    assert percentile([], 95) is None
    assert wilson_interval(0, 0) is None
    assert paired_bootstrap_ci([], []) is None


def test_stats_percentile_is_linear_interpolation() -> None:
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile([10.0], 99) == 10.0
    assert percentile([1, 2, 3], 0) == 1 and percentile([1, 2, 3], 100) == 3
    with pytest.raises(ValueError, match="percentile"):
        percentile([1.0], 101)


def test_stats_bootstrap_rejects_unpaired_lengths() -> None:
    with pytest.raises(ValueError, match="length"):
        paired_bootstrap_ci([1.0, 2.0], [1.0])


@given(pairs)
@settings(max_examples=60, deadline=None)
def test_stats_bootstrap_ci_contains_observed_mean_diff(
    data: tuple[list[float], list[float]],
) -> None:
    cand, base = data
    ci = paired_bootstrap_ci(cand, base, **FAST)
    assert ci is not None and ci.n == len(cand)
    assert ci.low <= ci.mean_diff <= ci.high
    assert ci.mean_diff == pytest.approx(float(np.mean(np.subtract(cand, base))), abs=1e-9)


@given(st.lists(finite, min_size=1, max_size=60))
@settings(max_examples=40, deadline=None)
def test_stats_bootstrap_identical_inputs_give_zero_interval(values: list[float]) -> None:
    ci = paired_bootstrap_ci(values, list(values), **FAST)
    assert ci is not None
    assert (ci.mean_diff, ci.low, ci.high) == (0.0, 0.0, 0.0)


@given(pairs, st.floats(min_value=-100, max_value=100, allow_nan=False))
@settings(max_examples=60, deadline=None)
def test_stats_bootstrap_shift_moves_interval(
    data: tuple[list[float], list[float]], c: float
) -> None:
    cand, base = data
    ci = paired_bootstrap_ci(cand, base, **FAST)
    shifted = paired_bootstrap_ci([x + c for x in cand], base, **FAST)
    assert ci is not None and shifted is not None
    # Same seed, same resample indices: only rounding separates the two.
    for before, after in (
        (ci.mean_diff, shifted.mean_diff),
        (ci.low, shifted.low),
        (ci.high, shifted.high),
    ):
        assert after == pytest.approx(before + c, abs=1e-6)


@given(st.lists(finite, min_size=1, max_size=100), st.floats(0, 100), st.floats(0, 100))
def test_stats_percentile_monotone_in_q(values: list[float], q1: float, q2: float) -> None:
    lo, hi = sorted((q1, q2))
    p_lo, p_hi = percentile(values, lo), percentile(values, hi)
    assert p_lo is not None and p_hi is not None
    assert p_lo <= p_hi + 1e-9
    assert min(values) - 1e-9 <= p_lo and p_hi <= max(values) + 1e-9


@given(
    st.integers(min_value=1, max_value=10_000).flatmap(
        lambda n: st.tuples(st.integers(0, n), st.just(n))
    )
)
def test_stats_wilson_interval_inside_unit_interval(data: tuple[int, int]) -> None:
    successes, n = data
    interval = wilson_interval(successes, n)
    assert interval is not None
    low, high = interval
    assert 0.0 <= low <= successes / n <= high <= 1.0


def test_stats_wilson_zero_successes_has_positive_upper_bound() -> None:
    interval = wilson_interval(0, 200)
    assert interval is not None and interval[0] == 0.0 and 0.0 < interval[1] < 0.03


def test_stats_bootstrap_detects_a_real_shift() -> None:
    rng = np.random.default_rng(2)
    base = rng.normal(0.8, 0.1, size=200)
    ci = paired_bootstrap_ci((base - 0.1).tolist(), base.tolist())
    assert ci is not None and ci.high < -0.05


@settings(max_examples=40, deadline=None)
@given(pairs, st.integers(min_value=0, max_value=3))
def test_stats_bootstrap_is_the_percentile_interval_of_fresh_draws(
    data: tuple[list[float], list[float]], seed: int
) -> None:
    # The index matrix is drawn once per size and seed and shared: every call must still
    # give exactly the interval of its own fresh draws from the seed.
    candidate, baseline = data
    diffs = np.asarray(candidate) - np.asarray(baseline)
    index = np.random.default_rng(seed).integers(0, len(diffs), size=(2_000, len(diffs)))
    alpha = (1.0 - 0.95) / 2.0  # as the interval computes it (not quite 0.025)
    low, high = np.quantile(diffs[index].mean(axis=1), [alpha, 1.0 - alpha])
    for _ in range(2):  # the second call reads the shared matrix
        ci = paired_bootstrap_ci(candidate, baseline, seed=seed, **FAST)
        assert ci is not None
        assert (ci.low, ci.high) == (min(low, ci.mean_diff), max(high, ci.mean_diff))
