"""Hostile inputs through weighting schemes and AHP: a typed MCDAError or finite results.

Complements ``test_properties.py`` (every scoring method): no public function
returns NaN or inf in a weight, priority or index, and nothing but an
``MCDAError`` escapes.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mcda
from mcda import ahp, weights
from mcda.errors import MCDAError
from mcda.testing import hostile_matrices

#: A bounded run in CI; ``MCDA_FUZZ_EXAMPLES=20000`` for a release check (docs/reliability.md).
FAST = settings(max_examples=int(os.environ.get("MCDA_FUZZ_EXAMPLES", "0")) or 80, deadline=None,
                derandomize=True, suppress_health_check=[HealthCheck.too_slow])
OBJECTIVE = ["entropy", "critic", "std", "merec"]
hostile_floats = st.one_of(
    st.sampled_from([np.nan, np.inf, -np.inf, 0.0, -1.0, 1e308, 5e-324]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(0.1, 10),
)


def finite_or_typed_error(fn: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        out = fn(*args, **kwargs)
    except MCDAError:
        return None
    return out


@pytest.mark.parametrize("name", OBJECTIVE)
@FAST
@given(X=hostile_matrices(), data=st.data())
def test_objective_weights(name: str, X: np.ndarray, data: st.DataObject) -> None:
    benefit = data.draw(hnp.arrays(np.bool_, X.shape[1]))
    w = finite_or_typed_error(getattr(weights, name), X, benefit)
    if w is not None:
        assert np.isfinite(w).all() and (w >= 0).all() and np.isclose(w.sum(), 1.0)


@pytest.mark.parametrize("name", ["roc", "rank_sum", "rank_reciprocal", "swara"])
@FAST
@given(values=hnp.arrays(np.float64, st.integers(0, 6), elements=hostile_floats))
def test_rank_based_weights(name: str, values: np.ndarray) -> None:
    w = finite_or_typed_error(getattr(weights, name), values)
    if w is not None:
        assert np.isfinite(w).all() and (w >= 0).all() and np.isclose(w.sum(), 1.0)


@pytest.mark.parametrize("model", ["linear", "nonlinear"])
@FAST
@given(b=hnp.arrays(np.float64, st.integers(0, 5), elements=hostile_floats), data=st.data())
def test_bwm(model: str, b: np.ndarray, data: st.DataObject) -> None:
    o = data.draw(hnp.arrays(np.float64, b.shape, elements=hostile_floats))
    if data.draw(st.booleans()) and b.size >= 2:  # a well-formed problem (a 1 at best and worst, equal a_BW)
        b[0], o[-1] = 1.0, 1.0
        o[0] = b[-1] = abs(b[-1]) if np.isfinite(b[-1]) else 9.0
    w = finite_or_typed_error(weights.bwm, b, o, model)
    if w is not None:
        assert np.isfinite(w).all() and (w >= 0).all() and np.isclose(w.sum(), 1.0)


@FAST
@given(A=st.integers(1, 6).flatmap(lambda n: hnp.arrays(np.float64, (n, n), elements=hostile_floats)),
       method=st.sampled_from(["eigen", "geometric", "column_mean"]))
def test_ahp_priorities_and_consistency(A: np.ndarray, method: str) -> None:
    p = finite_or_typed_error(ahp.priorities, A, method=method)
    if p is not None:
        assert np.isfinite(p).all() and (p > 0).all() and np.isclose(p.sum(), 1.0)
    c = finite_or_typed_error(ahp.consistency, A, method=method)
    if c is not None:
        assert all(np.isfinite(x) for x in (c.lambda_max, c.ci, c.cr))


@FAST
@given(A=st.integers(2, 5).flatmap(lambda n: hnp.arrays(np.float64, (n, n), elements=st.one_of(
    st.just(np.nan), st.floats(0.1, 9)))), method=st.sampled_from(["harker", "llsm"]))
def test_ahp_complete(A: np.ndarray, method: str) -> None:
    full = finite_or_typed_error(ahp.complete, A, method=method)
    if full is not None:
        assert np.isfinite(full).all() and (full > 0).all()


# ---------------------------------------------------------------- the array fuzzer: foreign arrays, extremes, near ties

KERNEL_CALLS = ["wsm", "wpm", "topsis", "vikor", "promethee_ii", "copras", "edas", "waspas"]
# CI runs a bounded, seeded sample; a release check runs a long random one, e.g.
#   MCDA_FUZZ_EXAMPLES=5000 pytest tests/test_hostile.py
_LONG = int(os.environ.get("MCDA_FUZZ_EXAMPLES", "0"))
SEEDED = settings(max_examples=_LONG or 40, deadline=None, derandomize=not _LONG,
                  suppress_health_check=[HealthCheck.too_slow])
_positive = hnp.arrays(np.float64, st.tuples(st.integers(2, 5), st.integers(1, 4)), elements=st.floats(0.5, 10.0))


def _call(name: str, X: Any, benefit: np.ndarray) -> Any:
    from mcda import kernels

    n = np.shape(X)[1]
    out = getattr(kernels, name)(X, np.full(n, 1.0 / n), benefit)
    return getattr(out, "phi", getattr(out, "Q", out))


@pytest.mark.parametrize("name", KERNEL_CALLS)
@SEEDED
@given(X=_positive, data=st.data())
def test_masked_arrays_are_refused_not_scored_through_the_mask(name: str, X: np.ndarray, data: st.DataObject) -> None:
    from mcda.errors import InputError

    mask = data.draw(hnp.arrays(np.bool_, X.shape))
    benefit = np.ones(X.shape[1], dtype=bool)
    with pytest.raises(InputError, match="masked"):
        _call(name, np.ma.array(X, mask=mask), benefit)


@pytest.mark.parametrize("name", KERNEL_CALLS)
@SEEDED
@given(X=_positive, imag=st.floats(-1.0, 1.0))
def test_complex_arrays_are_refused_without_a_warning(name: str, X: np.ndarray, imag: float) -> None:
    import warnings

    from mcda.errors import InputError

    benefit = np.ones(X.shape[1], dtype=bool)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a ComplexWarning would fail the test
        with pytest.raises(InputError, match="complex"):
            _call(name, X + 1j * imag, benefit)


@pytest.mark.parametrize("name", KERNEL_CALLS)
@SEEDED
@given(X=_positive, exponent=st.integers(-300, 300), data=st.data())
def test_extreme_magnitudes_give_finite_scores_or_a_typed_error(name: str, X: np.ndarray, exponent: int,
                                                                 data: st.DataObject) -> None:
    benefit = data.draw(hnp.arrays(np.bool_, X.shape[1]))
    out = finite_or_typed_error(_call, name, X * 10.0**exponent, benefit)
    if out is not None:
        assert np.isfinite(out).all()


@pytest.mark.parametrize("method", ["topsis", "wsm", "wpm", "vikor", "edas"])
@SEEDED
@given(base=hnp.arrays(np.float64, 3, elements=st.floats(0.5, 100.0)),
       steps=hnp.arrays(np.int64, (4, 3), elements=st.integers(-3, 3)),
       units=hnp.arrays(np.float64, 3, elements=st.floats(0.01, 100.0)))
def test_near_equal_alternatives_flip_only_under_the_near_tie_flag(method: str, base: np.ndarray, steps: np.ndarray,
                                                                    units: np.ndarray) -> None:
    """Alternatives a few 1e-12 apart: a change of units may reorder them, but only pairs the flag marks."""
    from mcda.arrays import DecisionArrays
    from mcda.methods import get_method
    from mcda.results import score_arrays

    X = base * (1.0 + 1e-12 * steps)
    benefit, w = np.array([True, False, True]), np.array([0.3, 0.3, 0.4])
    meth = get_method(method)
    before = score_arrays(DecisionArrays.from_matrix(X, w, benefit), meth)
    after = score_arrays(DecisionArrays.from_matrix(X * units, w, benefit), meth)
    s0, s1 = before.scores.to_numpy(), after.scores.to_numpy()
    flagged = before.near_ties.to_numpy() & after.near_ties.to_numpy()
    sign = 1.0 if meth.higher_is_better else -1.0
    for i in range(4):
        for k in range(4):
            if sign * (s0[i] - s0[k]) > 0 and sign * (s1[i] - s1[k]) < 0:  # a strict swap
                assert flagged[i] and flagged[k], (s0, s1, flagged)


def test_topsis_leader_swap_under_a_change_of_units_is_flagged() -> None:
    """A seeded case found by the fuzzer: the leader changed when the units changed (with the kernels
    of that time), scores a few 1e-6 apart."""
    from mcda.arrays import DecisionArrays
    from mcda.methods import get_method
    from mcda.results import score_arrays

    base = np.array([1.549260005488362, 0.3067984171442635, 0.0006614839097117037])
    X = base * (1.0 + 1e-12 * np.array([[-1, 3, 2], [3, 0, 0], [3, 2, -2], [-2, -1, 3]]))
    benefit, w = np.array([True, False, True]), np.array([0.3, 0.3, 0.4])
    before = score_arrays(DecisionArrays.from_matrix(X, w, benefit), get_method("topsis"))
    after = score_arrays(DecisionArrays.from_matrix(X * [3.0, 7.0, 0.1], w, benefit), get_method("topsis"))
    # The two leaders are closer than the kernels' rounding can separate: whether the units swap them
    # depends on the order of floating-point operations, so the flag must cover both in both unit systems.
    for res in (before, after):
        assert res.near_ties[before.leader] and res.near_ties[after.leader]
        assert res.near_ties[res.ranking[0]] and res.near_ties[res.ranking[1]]


@pytest.mark.parametrize("name", ["wsm", "wpm", "waspas", "topsis", "copras"])
def test_a_denormal_on_a_cost_criterion_scores_finitely_without_warnings(name: str) -> None:
    """Found by the property suite: 1 / 2.2e-311 overflows, so the fast path must not take the
    reciprocal of such a column (RuntimeWarnings are errors in this suite)."""
    X = np.array([[2.22507386e-311], [1.0]])
    S = mcda.get_method(name).scores(X, np.array([1.0]), np.array([False]))
    assert np.isfinite(S).all()
