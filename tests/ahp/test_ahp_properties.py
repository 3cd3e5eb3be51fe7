"""Hypothesis properties of the AHP: invariants that hold for every matrix, not just examples."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mcda import ahp
from mcda.kernels.ahp_incomplete import harker_priorities, llsm_priorities
from mcda.kernels.ahp_synthesis import ahp_synthesis

FAST = settings(max_examples=50, deadline=None)
METHODS = ["eigen", "geometric", "column_mean"]
SAATY = [1 / 9, 1 / 7, 1 / 5, 1 / 3, 1 / 2, 1.0, 2.0, 3.0, 5.0, 7.0, 9.0]

ratio_vectors = st.integers(1, 9).flatmap(lambda n: arrays(np.float64, (n,), elements=st.floats(1 / 9, 9.0)))


@st.composite
def reciprocal(draw: st.DrawFn, min_n: int = 1, max_n: int = 8) -> np.ndarray:
    n = draw(st.integers(min_n, max_n))
    A = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            A[i, j] = draw(st.sampled_from(SAATY))
            A[j, i] = 1.0 / A[i, j]
    return A


@st.composite
def connected_gaps(draw: st.DrawFn) -> np.ndarray:
    """A reciprocal matrix with some judgements removed, its comparison graph kept connected."""
    A = draw(reciprocal(min_n=3, max_n=7))
    n = A.shape[0]
    order = draw(st.permutations(range(n)))
    tree = {frozenset((order[k], order[k + 1])) for k in range(n - 1)}  # a spanning path stays
    for i in range(n):
        for j in range(i + 1, n):
            if frozenset((i, j)) not in tree and draw(st.booleans()):
                A[i, j] = A[j, i] = np.nan
    return A


@FAST
@given(v=ratio_vectors, method=st.sampled_from(METHODS))
def test_consistent_matrix_has_zero_cr_and_exact_ratio_weights(v: np.ndarray, method: str) -> None:
    A = v[:, None] / v[None, :]
    np.testing.assert_allclose(ahp.priorities(A, method), v / v.sum(), rtol=1e-9)
    c = ahp.consistency(A, method=method)
    assert abs(c.cr) <= 1e-9 and abs(c.gci) <= 1e-9 and c.acceptable
    assert c.lambda_max == pytest.approx(len(v), abs=1e-9)


@FAST
@given(A=reciprocal(), method=st.sampled_from(METHODS), data=st.data())
def test_permuting_items_permutes_priorities(A: np.ndarray, method: str, data: st.DataObject) -> None:
    perm = np.array(data.draw(st.permutations(range(A.shape[0]))))
    P = A[np.ix_(perm, perm)]
    np.testing.assert_allclose(ahp.priorities(P, method), ahp.priorities(A, method)[perm], rtol=1e-8)
    assert ahp.consistency(P).cr == pytest.approx(ahp.consistency(A).cr, rel=1e-8, abs=1e-12)


@FAST
@given(A=reciprocal())
def test_transpose_inverts_the_preference_order(A: np.ndarray) -> None:
    """A.T says "b over a" wherever A said "a over b". For the geometric mean the
    priorities become exactly proportional to 1/w, so the order is inverted; the
    eigenvector agrees with it for n <= 3 (where both methods coincide). For n >= 4
    the right eigenvector of A.T is in general *not* proportional to 1/w (Johnson,
    Beine & Wang 1979, "right-left asymmetry"), so no order property is claimed there.
    """
    w, wt = ahp.priorities(A, "geometric"), ahp.priorities(A.T, "geometric")
    np.testing.assert_allclose(wt, (1 / w) / (1 / w).sum(), rtol=1e-9)
    i, j = np.triu_indices(len(w), k=1)
    strict = np.abs(np.log(w[i] / w[j])) > 1e-9
    assert np.all((w[i] > w[j])[strict] == (wt[i] < wt[j])[strict])
    if len(w) <= 3:
        np.testing.assert_allclose(ahp.priorities(A.T), wt, rtol=1e-8)


@FAST
@given(A=reciprocal(min_n=2))
def test_aij_of_identical_matrices_is_the_matrix(A: np.ndarray) -> None:
    r = ahp.aggregate([A, A, A], weights=[1, 2, 3])
    np.testing.assert_allclose(r.matrix, A, rtol=1e-12)
    np.testing.assert_allclose(r.priorities, ahp.priorities(A), rtol=1e-10)
    assert np.all(np.abs(r.dispersion) <= 1e-12)


@FAST
@given(A=reciprocal(min_n=2), lam=st.floats(0.0, 1.0), data=st.data())
def test_aij_is_reciprocal_and_between_the_judgements(A: np.ndarray, lam: float, data: st.DataObject) -> None:
    B = data.draw(reciprocal(min_n=A.shape[0], max_n=A.shape[0]))
    G = ahp.aggregate([A, B], weights=[lam, 1 - lam] if 0 < lam < 1 else None).matrix
    np.testing.assert_allclose(G * G.T, 1.0, rtol=1e-12)
    assert np.all(G >= np.minimum(A, B) * (1 - 1e-12)) and np.all(G <= np.maximum(A, B) * (1 + 1e-12))


@FAST
@given(A=reciprocal(min_n=2))
def test_gap_methods_reduce_to_their_complete_methods(A: np.ndarray) -> None:
    np.testing.assert_allclose(harker_priorities(A), ahp.priorities(A, "eigen"), rtol=1e-8)
    np.testing.assert_allclose(llsm_priorities(A), ahp.priorities(A, "geometric"), rtol=1e-9)


@FAST
@given(A=connected_gaps())
def test_completions_are_valid_and_self_consistent(A: np.ndarray) -> None:
    for method, prio in (("harker", "eigen"), ("llsm", "geometric")):
        C = ahp.complete(A, method)
        assert np.all(np.isfinite(C)) and np.all(C > 0)
        np.testing.assert_allclose(C * C.T, 1.0, rtol=1e-9)
        given_ = ~np.isnan(A)
        np.testing.assert_array_equal(C[given_], A[given_])
        w = harker_priorities(A) if method == "harker" else llsm_priorities(A)
        np.testing.assert_allclose(ahp.priorities(C, prio), w, rtol=1e-7)


@FAST
@given(
    X=st.integers(2, 6).flatmap(lambda m: st.integers(1, 5).flatmap(
        lambda n: arrays(np.float64, (m, n), elements=st.floats(0.01, 100.0)))),
    data=st.data(),
)
def test_ideal_mode_keeps_scores_when_an_alternative_nowhere_best_is_added(X: np.ndarray, data: st.DataObject) -> None:
    """Ideal mode divides each leaf by its best value; a new alternative that beats no
    one's best leaves everyone else's score, and hence ranking, exactly as it was."""
    m, n = X.shape
    benefit = data.draw(arrays(np.bool_, (n,)))
    w = data.draw(arrays(np.float64, (n,), elements=st.floats(0.01, 1.0)))
    w = w / w.sum()
    best = np.where(benefit, X.max(axis=0), X.min(axis=0))
    frac = data.draw(arrays(np.float64, (n,), elements=st.floats(0.0, 1.0)))
    new = np.where(benefit, best * (0.01 + 0.99 * frac), best / (0.01 + 0.99 * frac))  # never better than best
    before = ahp_synthesis(X, w, benefit, "ideal")
    after = ahp_synthesis(np.vstack([X, new]), w, benefit, "ideal")
    np.testing.assert_allclose(after[:m], before, rtol=1e-12)


@FAST
@given(
    X=st.integers(1, 6).flatmap(lambda m: st.integers(1, 5).flatmap(
        lambda n: arrays(np.float64, (m, n), elements=st.floats(0.01, 100.0)))),
    mode=st.sampled_from(["distributive", "ideal"]),
    data=st.data(),
)
def test_synthesis_contract(X: np.ndarray, mode: str, data: st.DataObject) -> None:
    """Batched == looped, permuting alternatives permutes scores, unit changes change nothing."""
    m, n = X.shape
    benefit = data.draw(arrays(np.bool_, (n,)))
    W = np.random.default_rng(data.draw(st.integers(0, 99))).dirichlet(np.ones(n), size=(3, 2))
    S = ahp_synthesis(X, W, benefit, mode)  # type: ignore[arg-type]
    assert S.shape == (3, 2, m) and np.all(np.isfinite(S))
    np.testing.assert_allclose(S[1, 0], ahp_synthesis(X, W[1, 0], benefit, mode), rtol=1e-12)  # type: ignore[arg-type]
    perm = np.array(data.draw(st.permutations(range(m))))
    np.testing.assert_allclose(ahp_synthesis(X[perm], W, benefit, mode)[..., :], S[..., perm], rtol=1e-12)  # type: ignore[arg-type]
    c = data.draw(arrays(np.float64, (n,), elements=st.floats(0.1, 10.0)))
    np.testing.assert_allclose(ahp_synthesis(X * c, W, benefit, mode), S, rtol=1e-9)  # type: ignore[arg-type]
    if mode == "distributive":
        np.testing.assert_allclose(S.sum(axis=-1), 1.0, rtol=1e-12)
