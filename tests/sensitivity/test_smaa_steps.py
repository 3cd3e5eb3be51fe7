"""SMAA-2 in steps (sample -> score -> analyse) gives what the one-call smaa() gives."""

from __future__ import annotations

import numpy as np
import pytest

import mcda
from mcda.errors import InputError
from mcda.sensitivity import WeightDistribution, analyze_scores, smaa, smaa_weights

X = np.array([[3.0, 200.0, 0.7, 12.0], [5.0, 150.0, 0.9, 10.0], [4.0, 300.0, 0.4, 15.0],
              [2.0, 250.0, 0.8, 11.0], [6.0, 100.0, 0.6, 14.0]])
B = np.array([True, False, True, False])


@pytest.mark.parametrize("method", ["topsis", "wsm", "vikor"])
@pytest.mark.parametrize("dist", [None, WeightDistribution.dirichlet([0.4, 0.3, 0.2, 0.1], 30.0)])
def test_the_steps_reproduce_the_one_call(method: str, dist: WeightDistribution | None) -> None:
    N = 20000  # more than two blocks
    meth = mcda.get_method(method)
    W = smaa_weights(4, N, rng=5, weights=dist)
    S = meth.scores(X, W, B)
    steps = analyze_scores(S, W, higher_is_better=meth.higher_is_better,
                           confidence_scorer=lambda Wc: meth.scores(X, Wc, B), method=meth.name)
    one = smaa(X, B, meth, N, rng=5, weights=dist)
    np.testing.assert_allclose(steps.rank_acceptability, one.rank_acceptability, rtol=0, atol=1e-12)
    np.testing.assert_allclose(steps.winning, one.winning, rtol=0, atol=1e-12)
    np.testing.assert_allclose(steps.central_weights, one.central_weights, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(steps.confidence, one.confidence, rtol=0, atol=1e-12)


def test_ties_are_split_exactly() -> None:
    S = np.array([[1.0, 1.0, 0.0], [0.0, 1.0, 1.0]])  # a0, a1 tie first, then a1, a2 do
    res = analyze_scores(S)
    np.testing.assert_allclose(res.rank_acceptability[:, 0], [0.25, 0.5, 0.25])
    np.testing.assert_allclose(res.rank_acceptability.sum(axis=1), 1.0)
    np.testing.assert_allclose(res.rank_acceptability.sum(axis=0), 1.0)


def test_lower_is_better_and_bad_input() -> None:
    res = analyze_scores(np.array([[0.1, 0.9]]), higher_is_better=False)
    assert res.rank_acceptability[0, 0] == 1.0
    with pytest.raises(InputError, match=r"S\[0, 1\]"):
        analyze_scores(np.array([[0.1, np.nan]]))
    with pytest.raises(InputError, match="W must have shape"):
        analyze_scores(np.ones((3, 2)), np.ones((2, 2)))
