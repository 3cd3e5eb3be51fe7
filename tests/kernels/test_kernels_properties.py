"""Hypothesis properties of the kernels: invariants, not examples.

Matrices are small (m <= 6, n <= 5) and values bounded, so each property runs
in well under a second; the scorer properties run for each of the ten
(method, normalisation) pairs, 15 examples each.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mcda.errors import NormalizationError
from mcda.kernels import (
    ahp_priorities,
    consistency_index,
    consistency_ratio,
    lambda_max,
    near_ties,
    rank,
    topsis,
    wpm,
    wsm,
)

FAST = settings(max_examples=60, deadline=None)
# The scorer properties run once per (method, normalisation): fewer examples each.
PER_METHOD = settings(max_examples=15, deadline=None)

SCORERS: list[tuple[str, Callable[..., np.ndarray], str]] = [
    *(("wsm", wsm, n) for n in ("max", "minmax", "sum", "vector")),
    *(("wpm", wpm, n) for n in ("max", "sum")),
    *(("topsis", topsis, n) for n in ("vector", "minmax", "max", "sum")),
]
IDS = [f"{name}-{norm}" for name, _, norm in SCORERS]
scorers = pytest.mark.parametrize(("name", "func", "norm"), SCORERS, ids=IDS)

values = st.floats(min_value=0.1, max_value=1000.0, allow_nan=False, allow_infinity=False)


@st.composite
def problems(draw: st.DrawFn, max_m: int = 6, max_n: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """A positive decision matrix (m, n) and a benefit mask (n,)."""
    m = draw(st.integers(1, max_m))
    n = draw(st.integers(1, max_n))
    X = draw(arrays(np.float64, (m, n), elements=values))
    benefit = draw(arrays(np.bool_, (n,)))
    return X, benefit


@st.composite
def weight_batches(draw: st.DrawFn, n: int, max_k: int = 4) -> np.ndarray:
    """k weight vectors of length n: non-negative (zeros allowed), each summing to 1."""
    k = draw(st.integers(1, max_k))
    raw = draw(arrays(np.float64, (k, n), elements=st.floats(0.0, 1.0)))
    raw[:, 0] += 1e-3  # at least one positive weight per row
    return raw / raw.sum(axis=1, keepdims=True)


@scorers
@PER_METHOD
@given(data=st.data())
def test_dominance_is_respected(
    name: str, func: Callable[..., np.ndarray], norm: str, data: st.DataObject
) -> None:
    X, benefit = data.draw(problems())
    assume(X.shape[0] >= 2)
    n = X.shape[1]
    improve = data.draw(arrays(np.float64, (n,), elements=st.floats(1.0, 3.0)))
    X = X.copy()
    # Row 0 weakly dominates row 1: at least as good on every criterion.
    X[0] = np.where(benefit, X[1] * improve, X[1] / improve)
    W = data.draw(weight_batches(n))
    S = func(X, W, benefit, normalization=norm)
    assert np.all(S[:, 0] >= S[:, 1] - 1e-12 * np.maximum(1.0, np.abs(S[:, 1])))


@scorers
@PER_METHOD
@given(data=st.data())
def test_outputs_finite_or_documented_error(
    name: str, func: Callable[..., np.ndarray], norm: str, data: st.DataObject
) -> None:
    """Zeros, repeated values and constant columns: finite scores or a NormalizationError."""
    m, n = data.draw(st.integers(1, 6)), data.draw(st.integers(1, 5))
    gritty = st.sampled_from([0.0, 0.0, 1.0, 1.0, 1e-9, 5.0, 1e6])
    X = data.draw(arrays(np.float64, (m, n), elements=gritty | values))
    benefit = data.draw(arrays(np.bool_, (n,)))
    W = data.draw(weight_batches(n))
    try:
        S = func(X, W, benefit, normalization=norm)
    except NormalizationError as exc:
        zero_cost = (X == 0) & ~benefit
        assert zero_cost.any() and name in ("wsm", "wpm") and norm in ("max", "sum"), exc
        assert "X[" in str(exc)
        return
    assert np.isfinite(S).all()
    if name == "topsis":
        assert np.all((S >= 0) & (S <= 1))


@scorers
@PER_METHOD
@given(data=st.data())
def test_positive_column_scaling_invariance(
    name: str, func: Callable[..., np.ndarray], norm: str, data: st.DataObject
) -> None:
    X, benefit = data.draw(problems())
    c = data.draw(arrays(np.float64, (X.shape[1],), elements=st.floats(0.01, 100.0)))
    W = data.draw(weight_batches(X.shape[1]))
    np.testing.assert_allclose(
        func(X * c, W, benefit, normalization=norm),
        func(X, W, benefit, normalization=norm),
        rtol=1e-9,
        atol=1e-12,
    )


# ------------------------------------------------------------------------------ AHP

priority_vectors = st.integers(1, 10).flatmap(
    lambda n: arrays(np.float64, (n,), elements=st.floats(1 / 9, 9.0))
)


@FAST
@given(v=priority_vectors)
def test_consistent_matrix_has_zero_cr_and_priorities_v(v: np.ndarray) -> None:
    A = v[:, None] / v[None, :]
    n = len(v)
    assert abs(consistency_ratio(A)) <= 1e-9
    assert abs(consistency_index(A)) <= 1e-9
    assert lambda_max(A) == pytest.approx(n, abs=1e-9)
    for method in ("eigen", "geometric"):
        np.testing.assert_allclose(ahp_priorities(A, method), v / v.sum(), rtol=1e-9)  # type: ignore[arg-type]


@st.composite
def reciprocal_matrices(draw: st.DrawFn) -> np.ndarray:
    n = draw(st.integers(1, 8))
    scale = st.sampled_from([1 / 9, 1 / 7, 1 / 5, 1 / 3, 1.0, 2.0, 3.0, 5.0, 7.0, 9.0])
    A = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            A[i, j] = draw(scale)
            A[j, i] = 1.0 / A[i, j]
    return A


@FAST
@given(A=reciprocal_matrices())
def test_any_reciprocal_matrix_gives_valid_priorities(A: np.ndarray) -> None:
    n = A.shape[0]
    p = ahp_priorities(A)
    assert np.all(p > 0) and p.sum() == pytest.approx(1.0)
    lam = lambda_max(A)
    assert lam >= n - 1e-9
    np.testing.assert_allclose(A @ p, lam * p, rtol=1e-8)
    assert consistency_ratio(A) >= 0.0
    g = ahp_priorities(A, "geometric")
    assert np.all(g > 0) and g.sum() == pytest.approx(1.0)


# -------------------------------------------------------------------------- ranking

distinct_scores = st.integers(1, 8).flatmap(
    lambda m: st.lists(st.integers(-1000, 1000), min_size=m, max_size=m, unique=True)
)


@FAST
@given(s=distinct_scores, higher=st.booleans())
def test_ranks_are_a_permutation_without_ties(s: list[int], higher: bool) -> None:
    scores = np.asarray(s, dtype=np.float64) / 7.0
    for ties in ("min", "dense", "ordinal", "average"):
        r = rank(scores, higher_is_better=higher, ties=ties)  # type: ignore[arg-type]
        np.testing.assert_array_equal(np.sort(r), np.arange(1, len(s) + 1))
    best = int(np.argmax(scores) if higher else np.argmin(scores))
    assert rank(scores, higher_is_better=higher)[best] == 1


@FAST
@given(s=st.lists(st.sampled_from([0.0, 0.25, 0.5, 1.0]), min_size=1, max_size=8))
def test_rank_policies_agree_with_their_definitions(s: list[float]) -> None:
    scores = np.asarray(s)
    better = (scores[None, :] > scores[:, None]).sum(axis=1)  # strictly better alternatives
    equal = (scores[None, :] == scores[:, None]).sum(axis=1)  # including itself
    np.testing.assert_array_equal(rank(scores, ties="min"), better + 1)
    np.testing.assert_array_equal(rank(scores, ties="average"), better + (equal + 1) / 2)
    dense = np.array([len(set(scores[scores > x])) + 1 for x in scores])
    np.testing.assert_array_equal(rank(scores, ties="dense"), dense)
    ordinal = rank(scores, ties="ordinal")
    np.testing.assert_array_equal(np.sort(ordinal), np.arange(1, len(s) + 1))
    assert (near_ties(scores) == (equal > 1)).all()


@FAST
@given(
    s=arrays(
        np.float64, st.tuples(st.integers(0, 3), st.integers(1, 6)), elements=st.floats(-10, 10)
    )
)
def test_batched_ranks_equal_looped(s: np.ndarray) -> None:
    for ties in ("min", "dense", "ordinal", "average"):
        r = rank(s, ties=ties)  # type: ignore[arg-type]
        for i in range(s.shape[0]):
            np.testing.assert_array_equal(r[i], rank(s[i], ties=ties))  # type: ignore[arg-type]
