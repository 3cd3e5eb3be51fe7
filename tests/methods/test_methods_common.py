"""Common tests run against every new ranking method and its named variants.

With the thresholds of the case table (in the units of its columns): invariance
to units and to scaling all weights, dominance, degenerate data (constant and
all-zero columns, one alternative, identical alternatives: finite results or a
clear error, never NaN) and invalid input. Shapes, batching, equivariance and
no mutation are checked for every registered method in
``tests/test_method_contract.py``.
"""

from __future__ import annotations

import numpy as np
import pytest
from _method_cases import B0, CASES, IDS, X0, Case, N, random_weights

from mcda.errors import InputError
from mcda.kernels import rank

pytestmark = pytest.mark.parametrize("case", CASES, ids=IDS)


def ranks(case: Case, S: np.ndarray) -> np.ndarray:
    return np.asarray(rank(S, higher_is_better=case.higher_is_better, ties="min", atol=1e-9))


# ----------------------------------------------------------------- shapes, batching


def test_accepts_lists(case: Case) -> None:
    w = random_weights((), seed=2)
    np.testing.assert_allclose(case.score(X0.tolist(), w.tolist(), B0.tolist()), case.score(X0, w, B0))


# --------------------------------------------------------- equivariance, invariance


def test_units_do_not_matter(case: Case) -> None:
    """Multiplying a column by c > 0 (and its thresholds with it) leaves the scores unchanged."""
    c = np.array([10.0, 0.01, 3.0, 1e4])
    W = random_weights((5,), seed=3)
    np.testing.assert_allclose(
        case.score(X0 * c, W, B0, **case.scaled_options(c)), case.score(X0, W, B0), rtol=1e-9, atol=1e-12
    )


def test_scaling_all_weights_keeps_the_ranking(case: Case) -> None:
    """The private twin with weights c * w: the same ranking (scores unchanged or scaled by c)."""
    if not case.homogeneous:
        pytest.skip("WASPAS mixes a sum (degree 1) and a product (degree c) of weights: not homogeneous")
    W = random_weights((6,), seed=4)
    base = case.raw(X0, W, B0)
    for c in (0.3, 2.0, 17.0):
        scaled = case.raw(X0, c * W, B0)
        np.testing.assert_array_equal(ranks(case, scaled), ranks(case, base))
        ratio = np.divide(scaled, base, out=np.ones_like(base), where=np.abs(base) > 1e-12)
        assert np.allclose(ratio, 1.0) or np.allclose(ratio, c), ratio


def test_dominating_alternative_ranks_at_least_as_high(case: Case) -> None:
    X = X0.copy()
    X[0] = np.where(B0, X[1] * 1.1, X[1] * 0.9)  # row 0 better than row 1 on every criterion ...
    X[0, 2] = X[1, 2]  # ... but one, where they are equal
    S = case.score(X, random_weights((50,), seed=4), B0)
    assert np.all(case.better_or_equal(S[:, 0], S[:, 1]))


def test_weights_on_one_criterion_follow_that_criterion(case: Case) -> None:
    """All weight on one criterion: the ranking is that criterion's order (ties allowed)."""
    for j in range(N):
        w = np.zeros(N)
        w[j] = 1.0
        S = case.score(X0, w, B0)
        col = X0[:, j] if B0[j] else -X0[:, j]
        better = col[:, None] > col[None, :]
        s = S if case.higher_is_better else -S
        assert np.all(s[:, None] >= s[None, :] - 1e-12, where=better)


# ----------------------------------------------------------------- degenerate data


def test_constant_column_is_finite_and_irrelevant(case: Case) -> None:
    X = X0.copy()
    X[:, 2] = 0.5
    assert np.isfinite(case.score(X, random_weights((5,), seed=5), B0)).all()
    w_a = np.array([0.5, 0.3, 0.0, 0.2])
    w_b = np.array([0.25, 0.15, 0.5, 0.1])  # half the weight moved onto the constant column
    np.testing.assert_array_equal(ranks(case, case.score(X, w_a, B0)), ranks(case, case.score(X, w_b, B0)))


@pytest.mark.parametrize("col", [0, 1])  # a benefit and a cost column
def test_all_zero_column(case: Case, col: int) -> None:
    """All-zero column: finite scores, or (WASPAS on a cost column: min/x) an error naming the cell."""
    X = X0.copy()
    X[:, col] = 0.0
    W = random_weights((5,), seed=6)
    if case.name == "waspas" and not B0[col]:
        with pytest.raises(InputError, match=rf"X\[0, {col}\] = 0"):
            case.score(X, W, B0)
        return
    assert np.isfinite(case.score(X, W, B0)).all()


def test_single_alternative(case: Case) -> None:
    S = case.score(X0[:1], random_weights((3,), seed=7), B0)
    assert S.shape == (3, 1)
    assert np.isfinite(S).all()


def test_identical_alternatives_score_equal(case: Case) -> None:
    X = np.repeat(X0[:1], 4, axis=0)
    S = case.score(X, random_weights((3,), seed=8), B0)
    assert np.isfinite(S).all()
    np.testing.assert_allclose(S, S[:, :1] * np.ones((1, 4)), rtol=1e-12, atol=1e-15)


# ------------------------------------------------------------------- invalid input


def test_nan_in_X_names_the_cell(case: Case) -> None:
    X = X0.copy()
    X[2, 1] = np.nan
    with pytest.raises(InputError, match=r"X\[2, 1\] = nan: decision matrix values must be finite"):
        case.score(X, random_weights((), seed=1), B0)


@pytest.mark.parametrize(
    ("W", "pattern"),
    [
        ([0.5, -0.1, 0.4, 0.2], r"W\[1\] = -0\.1: weights must be finite and non-negative"),
        ([[0.4, 0.3, 0.2, 0.1], [0.25, 0.25, 0.25, 0.2]], r"W\[1\] sums to 0\.95"),
        ([0.4, 0.3, 0.3], r"W must have shape \(\.\.\., 4\)"),
    ],
)
def test_invalid_weights_are_errors_with_position(case: Case, W: object, pattern: str) -> None:
    with pytest.raises(InputError, match=pattern):
        case.score(X0, W, B0)


def test_bad_benefit(case: Case) -> None:
    with pytest.raises(InputError, match=r"benefit must be a boolean mask"):
        case.score(X0, random_weights((), seed=1), [1, 0, 1, 0])


def test_negative_values(case: Case) -> None:
    """Negative data: ratio-based methods refuse it naming the cell; the others handle it."""
    X = X0.copy()
    X[1, 0] = -2.0
    W = random_weights((3,), seed=10)
    if case.name in ("copras", "waspas"):
        with pytest.raises(InputError, match=r"X\[1, 0\] = -2"):
            case.score(X, W, B0)
    else:
        assert np.isfinite(case.score(X, W, B0)).all()
