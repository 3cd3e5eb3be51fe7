"""Column reductions of wide tables with few rows (stacks of sampled matrices side by side) take a
row-by-row route; the bits must be those of numpy's own column reductions, for every layout."""

from __future__ import annotations

import numpy as np
import pytest

from mcda.kernels.normalize import _cols, _normalize


def reference(X: np.ndarray, benefit: np.ndarray, method: str) -> np.ndarray:
    """The normalisation with numpy's reductions on C-ordered copies (the layout the fill pass gives)."""
    def scale(A: np.ndarray) -> np.ndarray:
        A = np.ascontiguousarray(A)
        if method == "max":
            return A / np.abs(A).max(axis=0)
        Y = np.ascontiguousarray(A / np.abs(A).max(axis=0))
        if method == "minmax":
            return (Y - Y.min(axis=0)) / (Y.max(axis=0) - Y.min(axis=0))
        if method == "sum":
            return Y / Y.sum(axis=0)
        return Y / np.sqrt((Y * Y).sum(axis=0))

    def invert(A: np.ndarray) -> np.ndarray:
        A = np.ascontiguousarray(A)
        if method == "minmax":
            Y = np.ascontiguousarray(A / np.abs(A).max(axis=0))
            return (Y.max(axis=0) - Y) / (Y.max(axis=0) - Y.min(axis=0))
        if method == "vector":
            return 1.0 - scale(A)
        ratio = np.ascontiguousarray(A.min(axis=0) / A)
        return ratio if method == "max" else ratio / ratio.sum(axis=0)

    R = np.empty_like(X)
    R[:, benefit] = scale(X[:, benefit])
    R[:, ~benefit] = invert(X[:, ~benefit])
    return R


@pytest.mark.parametrize("m", [2, 3, 5, 7, 8, 9, 12])
@pytest.mark.parametrize("method", ["max", "minmax", "sum", "vector"])
def test_same_bits_as_numpy_reductions(m: int, method: str) -> None:
    rng = np.random.default_rng(m)
    X = rng.uniform(0.5, 10.0, (m, 3000)) * 10.0 ** rng.integers(-6, 6, (1, 3000))
    benefit = rng.random(3000) < 0.6
    np.testing.assert_array_equal(_normalize(X, benefit, method), reference(X, benefit, method))


def test_cols_matches_reduce_in_either_layout() -> None:
    rng = np.random.default_rng(0)
    for m in (2, 4, 7):
        X = rng.standard_normal((m, 5000)) * 10.0 ** rng.integers(-8, 8, (m, 5000))
        for A in (X, np.asfortranarray(X)):
            for uf in (np.maximum, np.minimum, np.add):
                np.testing.assert_array_equal(_cols(A, uf), uf.reduce(A, axis=0))
