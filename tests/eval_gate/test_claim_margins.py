"""Each claim kind's margin follows from the checker's measured false-alarm share by one
rule, which keeps two stray findings passing and a 5 % excess failing."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from eval.gate.margins import CAP, FLOOR, binomial_quantile, careful_upper_bound, derived_margin
from eval.stats import paired_bootstrap_ci


@given(st.integers(min_value=1, max_value=60), st.floats(min_value=0.0, max_value=1.0))
def test_binomial_quantile_is_the_smallest_k_reaching_q(n: int, p: float) -> None:
    k = binomial_quantile(0.95, n, p)

    def cdf(upto: int) -> float:
        return sum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(upto + 1))

    assert 0 <= k <= n
    assert cdf(k) >= 0.95 - 1e-12
    assert k == 0 or cdf(k - 1) < 0.95


@given(st.floats(min_value=0.0, max_value=0.5), st.floats(min_value=0.0, max_value=0.5))
def test_the_margin_grows_with_the_noise_and_stays_between_floor_and_cap(
    a: float, b: float
) -> None:
    low, high = sorted((a, b))
    assert FLOOR <= derived_margin(low) <= derived_margin(high) <= CAP


def test_the_rule_passes_two_stray_findings_and_fails_a_five_percent_excess() -> None:
    assert derived_margin(0.0) == FLOOR
    two_stray = paired_bootstrap_ci([1.0] * 2 + [0.0] * 198, [0.0] * 200)
    excess = paired_bootstrap_ci([1.0] * 10 + [0.0] * 190, [0.0] * 200)
    assert two_stray is not None and excess is not None
    assert two_stray.high <= FLOOR
    assert excess.high > CAP
    # A careful model at 0.5 % noise shows at most 3.5 % in 19 runs of 20.
    assert careful_upper_bound(0.005) == 0.035
