"""Unit tests of normalize/scale: formulas, degenerate columns, domain errors."""

from __future__ import annotations

import numpy as np
import pytest

from mcda.errors import InputError, NormalizationError
from mcda.kernels import NORMALIZATIONS, SCALINGS, normalize, scale

X = np.array([[1.0, 4.0], [2.0, 2.0], [4.0, 1.0]])
B = np.array([True, False])


def test_max_linear_scale_transformation() -> None:
    R = normalize(X, B, "max")
    np.testing.assert_allclose(R[:, 0], [0.25, 0.5, 1.0])  # x / max
    np.testing.assert_allclose(R[:, 1], [0.25, 0.5, 1.0])  # min / x


def test_minmax() -> None:
    R = normalize(X, B, "minmax")
    np.testing.assert_allclose(R[:, 0], [0.0, 1 / 3, 1.0])
    np.testing.assert_allclose(R[:, 1], [0.0, 2 / 3, 1.0])


def test_sum() -> None:
    R = normalize(X, B, "sum")
    np.testing.assert_allclose(R[:, 0], [1 / 7, 2 / 7, 4 / 7])
    inv = np.array([1 / 4, 1 / 2, 1.0])
    np.testing.assert_allclose(R[:, 1], inv / inv.sum())
    np.testing.assert_allclose(R.sum(axis=0), 1.0)


def test_vector() -> None:
    R = normalize(X, B, "vector")
    norm = np.sqrt(21.0)
    np.testing.assert_allclose(R[:, 0], X[:, 0] / norm)
    np.testing.assert_allclose(R[:, 1], 1 - X[:, 1] / norm)


def test_none_returns_a_copy() -> None:
    Xb = X.copy()
    R = normalize(Xb, [True, True], "none")
    np.testing.assert_array_equal(R, X)
    R[0, 0] = 99.0
    assert Xb[0, 0] == 1.0


def test_none_rejects_cost_criteria_naming_the_column() -> None:
    with pytest.raises(NormalizationError, match="criterion 1 is a cost criterion"):
        normalize(X, B, "none")


@pytest.mark.parametrize("method", ["max", "minmax", "sum", "vector"])
def test_every_column_is_higher_is_better(method: str) -> None:
    R = normalize(X, B, method)  # type: ignore[arg-type]
    # Column 0 increases with x (benefit); column 1 decreases with x (cost).
    assert np.all(np.diff(R[:, 0]) > 0)
    assert np.all(np.diff(R[:, 1]) > 0)  # x of column 1 decreases down the rows


@pytest.mark.parametrize(
    ("method", "benefit_value", "cost_value"),
    [("max", 1.0, None), ("sum", 1 / 3, None), ("vector", 0.0, 1.0), ("minmax", 1.0, 1.0)],
)
def test_all_zero_column(method: str, benefit_value: float, cost_value: float | None) -> None:
    Z = np.zeros((3, 1))
    np.testing.assert_array_equal(normalize(Z, [True], method), benefit_value)  # type: ignore[arg-type]
    if cost_value is None:
        with pytest.raises(NormalizationError, match=r"X\[0, 0\] = 0"):
            normalize(Z, [False], method)  # type: ignore[arg-type]
    else:
        np.testing.assert_array_equal(normalize(Z, [False], method), cost_value)  # type: ignore[arg-type]


@pytest.mark.parametrize("method", NORMALIZATIONS)
def test_constant_column_is_finite(method: str) -> None:
    C = np.full((4, 1), 7.0)
    R = normalize(C, [True], method)  # type: ignore[arg-type]
    assert np.isfinite(R).all()
    assert np.ptp(R) == 0.0
    if method == "minmax":
        np.testing.assert_array_equal(R, 1.0)


@pytest.mark.parametrize("method", ["max", "sum"])
def test_negative_values_rejected_naming_cell_and_rule(method: str) -> None:
    Xn = X.copy()
    Xn[2, 0] = -1.5
    with pytest.raises(NormalizationError, match=r"X\[2, 0\] = -1\.5: .*non-negative"):
        normalize(Xn, B, method)  # type: ignore[arg-type]


def test_vector_rejects_negatives_only_on_cost_columns() -> None:
    Xn = X.copy()
    Xn[0, 0] = -1.0
    assert np.isfinite(normalize(Xn, B, "vector")).all()
    Xn[1, 1] = -1.0
    with pytest.raises(NormalizationError, match=r"X\[1, 1\] = -1: normalization 'vector'"):
        normalize(Xn, B, "vector")


def test_minmax_accepts_negative_values() -> None:
    Xn = X - 10.0
    np.testing.assert_allclose(normalize(Xn, B, "minmax"), normalize(X, B, "minmax"))


@pytest.mark.parametrize("method", ["max", "sum"])
def test_zero_on_cost_column_rejected(method: str) -> None:
    Xz = X.copy()
    Xz[1, 1] = 0.0
    with pytest.raises(NormalizationError, match=r"X\[1, 1\] = 0: .*inverts cost criteria"):
        normalize(Xz, B, method)  # type: ignore[arg-type]
    # ... while a zero on a benefit column is fine.
    Xz = X.copy()
    Xz[1, 0] = 0.0
    assert np.isfinite(normalize(Xz, B, method)).all()  # type: ignore[arg-type]


def test_normalization_error_is_an_input_error_and_a_value_error() -> None:
    with pytest.raises(ValueError):
        normalize(X, B, "none")
    assert issubclass(NormalizationError, InputError)


def test_unknown_method() -> None:
    with pytest.raises(InputError, match="normalization must be one of"):
        normalize(X, B, "zscore")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="scaling must be one of"):
        scale(X, "none")  # type: ignore[arg-type]


def test_extreme_magnitudes_do_not_overflow() -> None:
    big = np.array([[1e300, 1e-300], [3e300, 2e-300]])
    for method in ("max", "sum", "vector", "minmax"):
        R = normalize(big, [True, False], method)  # type: ignore[arg-type]
        assert np.isfinite(R).all(), method
    np.testing.assert_allclose(normalize(big, [True, True], "vector")[:, 0], [0.1**0.5, 0.9**0.5])


# --------------------------------------------------------------------------- scale


@pytest.mark.parametrize("method", SCALINGS)
def test_scale_preserves_direction(method: str) -> None:
    R = scale(X, method)  # type: ignore[arg-type]
    assert np.all(np.diff(R[:, 0]) > 0)
    assert np.all(np.diff(R[:, 1]) < 0)  # no inversion


def test_scale_formulas() -> None:
    np.testing.assert_allclose(scale(X, "max")[:, 1], [1.0, 0.5, 0.25])
    np.testing.assert_allclose(scale(X, "sum")[:, 1], [4 / 7, 2 / 7, 1 / 7])
    np.testing.assert_allclose(scale(X, "vector")[:, 1], X[:, 1] / np.sqrt(21.0))
    np.testing.assert_allclose(scale(X, "minmax")[:, 1], [1.0, 1 / 3, 0.0])


def test_scale_degenerate_columns() -> None:
    Z = np.zeros((4, 1))
    assert (scale(Z, "vector") == 0.0).all()
    assert (scale(Z, "max") == 1.0).all()
    assert (scale(Z, "sum") == 0.25).all()
    assert (scale(Z + 3.0, "minmax") == 1.0).all()


def test_scale_rejects_negatives_for_ratio_methods() -> None:
    Xn = X.copy()
    Xn[0, 1] = -4.0
    for method in ("max", "sum"):
        with pytest.raises(NormalizationError, match=r"X\[0, 1\] = -4: scaling"):
            scale(Xn, method)  # type: ignore[arg-type]
    assert np.isfinite(scale(Xn, "vector")).all()
    assert np.isfinite(scale(Xn, "minmax")).all()


def test_scale_validates_matrix() -> None:
    with pytest.raises(InputError, match=r"X\[0, 1\] = nan"):
        scale([[1.0, np.nan]], "vector")
