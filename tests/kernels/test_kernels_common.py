"""Common tests run against every scoring kernel and every normalisation it accepts.

Kernel-level checks of WSM, WPM and TOPSIS for every normalisation variant the
method classes declare (invariance to units, dominance, degenerate data, invalid
input). Shapes, batching and equivariance are checked for every registered
method in ``tests/test_method_contract.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pytest

from mcda.errors import InputError, NormalizationError
from mcda.kernels import topsis, wpm, wsm
from mcda.methods import METHODS as REGISTRY


@dataclass(frozen=True)
class Method:
    name: str
    func: Callable[..., np.ndarray]
    normalization: str

    def __call__(self, X: object, W: object, benefit: object) -> np.ndarray:
        return self.func(X, W, benefit, normalization=self.normalization)

    @property
    def orients(self) -> bool:
        """False for "none": it cannot handle cost criteria."""
        return self.normalization != "none"

    @property
    def inverts_with_ratios(self) -> bool:
        """WSM/WPM with "max"/"sum" invert cost columns through 1/x."""
        return self.name in ("wsm", "wpm") and self.normalization in ("max", "sum")


# The normalisation variants each method class declares (mcda.methods: Method.variants).
METHODS = [Method(v.name, {"wsm": wsm, "wpm": wpm, "topsis": topsis}[v.name], v.normalization)  # type: ignore[attr-defined]
           for name in ("wsm", "wpm", "topsis") for v in REGISTRY[name].variants()]
IDS = [f"{m.name}-{m.normalization}" for m in METHODS]

X0 = np.array(
    [
        [3.0, 200.0, 0.7, 12.0],
        [5.0, 150.0, 0.9, 10.0],
        [4.0, 300.0, 0.4, 15.0],
        [2.0, 250.0, 0.8, 11.0],
        [6.0, 100.0, 0.6, 14.0],
    ]
)
M, N = X0.shape
W0 = np.array([0.4, 0.3, 0.2, 0.1])


def benefit_for(method: Method) -> np.ndarray:
    return np.array([True, False, True, False]) if method.orients else np.ones(N, dtype=bool)


def random_weights(shape: tuple[int, ...], seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).dirichlet(np.ones(N), size=shape)


pytestmark = pytest.mark.parametrize("method", METHODS, ids=IDS)


# ----------------------------------------------------------------- shapes, batching


def test_does_not_mutate_inputs(method: Method) -> None:
    X, W, b = X0.copy(), random_weights((3,)), benefit_for(method)
    X_before, W_before, b_before = X.copy(), W.copy(), b.copy()
    method(X, W, b)
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(W, W_before)
    np.testing.assert_array_equal(b, b_before)


def test_accepts_lists(method: Method) -> None:
    S = method(X0.tolist(), W0.tolist(), benefit_for(method).tolist())
    np.testing.assert_allclose(S, method(X0, W0, benefit_for(method)))


# --------------------------------------------------------- equivariance, invariance


def test_positive_column_scaling_leaves_scores_unchanged(method: Method) -> None:
    if method.normalization == "none":
        pytest.skip("'none' works on raw values, which are not scale-free")
    c = np.array([10.0, 0.01, 3.0, 1e4])
    W = random_weights((5,), seed=3)
    S = method(X0, W, benefit_for(method))
    np.testing.assert_allclose(method(X0 * c, W, benefit_for(method)), S, rtol=1e-10)


def test_dominating_alternative_scores_at_least_as_high(method: Method) -> None:
    b = benefit_for(method)
    X = X0.copy()
    # Alternative 0 made better than alternative 1 on every criterion (or equal on one).
    X[0] = np.where(b, X[1] * 1.1, X[1] * 0.9)
    X[0, 2] = X[1, 2]
    S = method(X, random_weights((50,), seed=4), b)
    assert np.all(S[:, 0] >= S[:, 1] - 1e-12)


# ----------------------------------------------------------------- degenerate data


def test_constant_column_is_finite_and_irrelevant(method: Method) -> None:
    X = X0.copy()
    X[:, 2] = 0.5
    S = method(X, random_weights((5,), seed=5), benefit_for(method))
    assert np.isfinite(S).all()
    # Weight on a constant column does not change the order of the alternatives.
    w_a = np.array([0.5, 0.3, 0.0, 0.2])
    w_b = np.array([0.5, 0.3, 0.0, 0.2]) * 0.5 + np.array([0.0, 0.0, 0.5, 0.0])
    order_a = np.argsort(-method(X, w_a, benefit_for(method)))
    order_b = np.argsort(-method(X, w_b, benefit_for(method)))
    np.testing.assert_array_equal(order_a, order_b)


def test_all_zero_benefit_column_is_finite(method: Method) -> None:
    X = X0.copy()
    X[:, 0] = 0.0  # column 0 is a benefit criterion in every configuration
    S = method(X, random_weights((5,), seed=6), benefit_for(method))
    assert np.isfinite(S).all()


def test_single_alternative(method: Method) -> None:
    S = method(X0[:1], random_weights((3,), seed=7), benefit_for(method))
    assert S.shape == (3, 1)
    assert np.isfinite(S).all()
    if method.name == "topsis":
        np.testing.assert_array_equal(S, 0.5)


def test_identical_alternatives_score_equal(method: Method) -> None:
    X = np.repeat(X0[:1], 4, axis=0)
    S = method(X, random_weights((3,), seed=8), benefit_for(method))
    assert np.isfinite(S).all()
    np.testing.assert_allclose(S, S[:, :1] * np.ones((1, 4)), rtol=1e-12)
    if method.name == "topsis":
        np.testing.assert_array_equal(S, 0.5)


# ------------------------------------------------------------------- invalid input


def test_nan_in_X_names_the_cell(method: Method) -> None:
    X = X0.copy()
    X[2, 1] = np.nan
    with pytest.raises(InputError, match=r"X\[2, 1\] = nan: decision matrix values must be finite"):
        method(X, W0, benefit_for(method))


def test_inf_in_X_names_the_cell(method: Method) -> None:
    X = X0.copy()
    X[4, 3] = np.inf
    with pytest.raises(InputError, match=r"X\[4, 3\] = inf"):
        method(X, W0, benefit_for(method))


@pytest.mark.parametrize(
    ("W", "pattern"),
    [
        ([0.5, -0.1, 0.4, 0.2], r"W\[1\] = -0\.1: weights must be finite and non-negative"),
        ([0.5, np.nan, 0.3, 0.2], r"W\[1\] = nan: weights must be finite"),
        ([[0.4, 0.3, 0.2, 0.1], [0.2, 0.2, 0.2, -0.4]], r"W\[1, 3\] = -0\.4"),
        ([0.4, 0.3, 0.2, 0.2], r"W sums to 1\.1: each weight vector must sum to 1"),
        ([[0.4, 0.3, 0.2, 0.1], [0.25, 0.25, 0.25, 0.2]], r"W\[1\] sums to 0\.95"),
        ([0.4, 0.3, 0.3], r"W must have shape \(\.\.\., 4\)"),
        (0.25, r"W must have shape \(\.\.\., 4\)"),
    ],
)
def test_invalid_weights_are_errors_with_position(method: Method, W: object, pattern: str) -> None:
    with pytest.raises(InputError, match=pattern):
        method(X0, W, benefit_for(method))


def test_weights_are_not_renormalised(method: Method) -> None:
    with pytest.raises(InputError, match="not renormalised"):
        method(X0, W0 * 2, benefit_for(method))


def test_weight_sum_tolerance_is_tight_but_not_exact(method: Method) -> None:
    w = W0.copy()
    w[0] += 5e-10  # inside the 1e-9 tolerance
    method(X0, w, benefit_for(method))
    w[0] += 5e-9
    with pytest.raises(InputError):
        method(X0, w, benefit_for(method))


@pytest.mark.parametrize(
    ("X", "pattern"),
    [
        (np.arange(4.0), r"X must be a 2-D decision matrix"),
        (np.ones((0, 4)), r"got shape \(0, 4\)"),
        (np.ones((2, 3, 4)), r"X must be a 2-D decision matrix"),
        ([["a", "b", "c", "d"]], r"X must be an array of real numbers"),
    ],
)
def test_bad_matrix_shapes(method: Method, X: object, pattern: str) -> None:
    with pytest.raises(InputError, match=pattern):
        method(X, W0, benefit_for(method))


def test_weight_length_must_match_criteria(method: Method) -> None:
    with pytest.raises(InputError, match=r"shape \(\.\.\., 3\)"):
        method(X0[:, :3], W0, benefit_for(method)[:3])


@pytest.mark.parametrize(
    ("benefit", "pattern"),
    [
        ([True, True, True], r"benefit must have shape \(4,\)"),
        ([1, 0, 1, 0], r"benefit must be a boolean mask"),
        (["max", "min", "max", "min"], r"benefit must be a boolean mask"),
    ],
)
def test_bad_benefit(method: Method, benefit: object, pattern: str) -> None:
    with pytest.raises(InputError, match=pattern):
        method(X0, W0, benefit)


def test_zero_on_cost_criterion(method: Method) -> None:
    """Zero on a cost criterion: an error where the method inverts with 1/x, finite otherwise."""
    X = X0.copy()
    X[3, 1] = 0.0  # column 1 is a cost criterion where the method orients
    b = benefit_for(method)
    if method.inverts_with_ratios:
        with pytest.raises(NormalizationError, match=r"X\[3, 1\] = 0: normalization"):
            method(X, W0, b)
    else:
        assert np.isfinite(method(X, W0, b)).all()


def test_negative_values(method: Method) -> None:
    """Negative data: an error for ratio-based normalisations, fine for min-max/vector scaling."""
    X = X0.copy()
    X[1, 0] = -2.0  # a benefit column in every configuration
    b = benefit_for(method)
    if method.normalization in ("max", "sum") or method.name == "wpm":
        with pytest.raises(NormalizationError, match=r"X\[1, 0\] = -2"):
            method(X, W0, b)
    else:
        assert np.isfinite(method(X, W0, b)).all()


def test_unknown_normalization(method: Method) -> None:
    with pytest.raises(InputError, match="normalization must be one of"):
        method.func(X0, W0, benefit_for(method), normalization="zscore")
