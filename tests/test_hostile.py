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
