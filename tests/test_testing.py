"""mcda.testing: the strategies users property-test their own studies with."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import mcda
from mcda.testing import decision_problems, weight_vectors, weights_near

SEED = mcda.load_study(Path(__file__).resolve().parents[1] / "criteria" / "hunyuan_vs_stepfun.yaml")
SHORT_TERM = SEED.arrays("short_term_1_2y")
TOPSIS = mcda.get_method("topsis")


@settings(max_examples=200, deadline=None)
@given(weights_near(SHORT_TERM.w, rel=0.10))
def test_short_term_verdict_holds_within_ten_percent_of_its_profile(w: np.ndarray) -> None:
    """The docstring example of mcda.testing, on verdict v8 of the seed study."""
    s = TOPSIS.scores(SHORT_TERM.X, w, SHORT_TERM.benefit)
    assert s[SHORT_TERM.alternatives.index("tencent")] == s.max()


@given(st.integers(1, 8).flatmap(weight_vectors))
def test_weight_vectors_are_on_the_simplex(w: np.ndarray) -> None:
    assert (w >= 0).all() and np.isclose(w.sum(), 1.0)


@given(st.data())
def test_weights_near_stay_near(data: st.DataObject) -> None:
    base = data.draw(st.integers(1, 6).flatmap(weight_vectors))
    rel = data.draw(st.floats(0.0, 0.5))
    w = data.draw(weights_near(base, rel))
    assert np.isclose(w.sum(), 1.0) and (w[base == 0] == 0).all()
    nz = base > 0
    ratio = w[nz] / base[nz]
    assert (ratio >= (1 - rel) / (1 + rel) - 1e-12).all() and (ratio <= (1 + rel) / (1 - rel) + 1e-12).all()


@given(decision_problems())
def test_decision_problems_are_valid_inputs(problem: mcda.DecisionArrays) -> None:
    m, n = problem.shape
    assert problem.X.shape == (m, n) and problem.benefit.shape == (n,) and np.isclose(problem.w.sum(), 1.0)
    assert np.isfinite(TOPSIS.scores(problem.X, problem.w, problem.benefit)).all()
