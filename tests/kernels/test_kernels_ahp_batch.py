"""ahp_batch: one call over a stack of pairwise matrices gives each matrix's single-call results."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mcda.errors import InputError, JudgmentError
from mcda.kernels import ahp_batch, ahp_priorities, consistency_index, consistency_ratio, lambda_max
from mcda.testing import random_reciprocal as _reciprocal


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 10), k=st.integers(1, 6),
       noise=st.floats(0.0, 1.5))
def test_each_matrix_matches_the_single_call(seed: int, n: int, k: int, noise: float) -> None:
    rng = np.random.default_rng(seed)
    stack = np.stack([_reciprocal(rng, n, noise) for _ in range(k)])
    r = ahp_batch(stack)
    assert r.priorities.shape == (k, n) and r.cr.shape == (k,)
    for i, A in enumerate(stack):
        np.testing.assert_allclose(r.priorities[i], ahp_priorities(A), rtol=1e-9, atol=1e-12)
        assert r.lambda_max[i] == pytest.approx(lambda_max(A), rel=1e-12, abs=1e-12)
        assert r.ci[i] == pytest.approx(consistency_index(A), rel=1e-9, abs=1e-12)
        assert r.cr[i] == pytest.approx(consistency_ratio(A), rel=1e-9, abs=1e-12)


def test_saaty_financing_matrix_in_a_stack() -> None:
    """Saaty (1990), 'Financing' matrix, CR = 0.056 (as in the single-matrix doctest)."""
    A = np.array([[1, 1 / 5, 1 / 3, 1 / 7], [5, 1, 3, 1 / 2], [3, 1 / 3, 1, 1 / 5], [7, 2, 5, 1]], dtype=float)
    consistent = np.array([[1, 2, 4, 8], [1 / 2, 1, 2, 4], [1 / 4, 1 / 2, 1, 2], [1 / 8, 1 / 4, 1 / 2, 1]])
    r = ahp_batch([A, consistent])
    assert round(float(r.cr[0]), 3) == round(consistency_ratio(A), 3)
    assert r.cr[1] == pytest.approx(0.0, abs=1e-12)
    np.testing.assert_allclose(r.priorities[1], [8 / 15, 4 / 15, 2 / 15, 1 / 15], rtol=1e-12)


def test_a_bad_matrix_is_named() -> None:
    good = np.array([[1.0, 2.0], [0.5, 1.0]])
    bad = np.array([[1.0, 2.0], [0.4, 1.0]])
    with pytest.raises(JudgmentError, match=r"A\[1\]\[0, 1\]"):
        ahp_batch([good, bad])
    with pytest.raises(JudgmentError, match=r"shape \(k, n, n\)"):
        ahp_batch(good)
    with pytest.raises(InputError, match="ri must be one of"):
        ahp_batch(np.ones((1, 3, 3)), ri="nonsense")
