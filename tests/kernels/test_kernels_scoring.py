"""Unit tests specific to WSM, WPM and TOPSIS (beyond the common contract)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from mcda.errors import InputError, NormalizationError
from mcda.kernels import TopsisDetails, topsis, topsis_details, wpm, wsm, wsm_contributions
from mcda.kernels.additive import _wpm, _wsm
from mcda.kernels.topsis import _topsis

X = np.array([[3.0, 200.0, 0.7], [5.0, 150.0, 0.9], [4.0, 300.0, 0.4], [2.0, 250.0, 0.8]])
B = np.array([True, False, True])
W = np.array([0.5, 0.3, 0.2])

# ------------------------------------------------------------------------------ WSM


def test_wsm_is_weighted_sum_of_normalized_matrix() -> None:
    R = np.column_stack([X[:, 0] / 5.0, 150.0 / X[:, 1], X[:, 2] / 0.9])
    np.testing.assert_allclose(wsm(X, W, B), R @ W)


def test_wsm_contributions_sum_to_wsm() -> None:
    for normalization in ("max", "minmax", "sum", "vector"):
        C = wsm_contributions(X, W, B, normalization)  # type: ignore[arg-type]
        assert C.shape == X.shape
        np.testing.assert_allclose(C.sum(axis=1), wsm(X, W, B, normalization))  # type: ignore[arg-type]


def test_wsm_contributions_takes_one_weight_vector() -> None:
    with pytest.raises(InputError, match=r"w must be one weight vector of shape \(3,\)"):
        wsm_contributions(X, np.tile(W, (2, 1)), B)
    with pytest.raises(InputError, match=r"w\[2\] = -0\.2"):
        wsm_contributions(X, [0.6, 0.6, -0.2], B)


# ------------------------------------------------------------------------------ WPM


def test_wpm_is_weighted_product() -> None:
    R = np.column_stack([X[:, 0] / 5.0, 150.0 / X[:, 1], X[:, 2] / 0.9])
    np.testing.assert_allclose(wpm(X, W, B), np.prod(R**W, axis=1), rtol=1e-13)


def test_wpm_zero_with_positive_weight_scores_zero() -> None:
    Xz = X.copy()
    Xz[2, 0] = 0.0  # benefit column: r = 0
    S = wpm(Xz, W, B)
    assert S[2] == 0.0
    assert np.all(S[[0, 1, 3]] > 0)


def test_wpm_zero_with_zero_weight_is_a_factor_one() -> None:
    Xz = X.copy()
    Xz[2, 0] = 0.0
    w = np.array([0.0, 0.6, 0.4])
    S = wpm(Xz, w, B)
    expected = wpm(X[:, 1:], w[1:], B[1:])
    np.testing.assert_allclose(S, expected, rtol=1e-13)
    # Batched: one row with a positive weight on the zero, one without.
    S2 = wpm(Xz, np.stack([W, w]), B)
    assert S2[0, 2] == 0.0
    np.testing.assert_allclose(S2[1], expected, rtol=1e-13)


@pytest.mark.parametrize("normalization", ["minmax", "vector"])
def test_wpm_rejects_non_ratio_normalizations(normalization: str) -> None:
    with pytest.raises(InputError, match="WPM needs a normalization that yields positive ratios"):
        wpm(X, W, B, normalization)  # type: ignore[arg-type]


def test_wpm_none_rejects_negative_values() -> None:
    Xn = X.copy()
    Xn[1, 2] = -0.5
    with pytest.raises(NormalizationError, match=r"X\[1, 2\] = -0\.5: WPM"):
        wpm(Xn, W, [True, True, True], "none")


def test_private_kernels_match_public_ones() -> None:
    Ws = np.random.default_rng(0).dirichlet(np.ones(3), size=10)
    np.testing.assert_array_equal(_wsm(X, Ws, B, "max"), wsm(X, Ws, B, "max"))
    np.testing.assert_array_equal(_wpm(X, Ws, B, "sum"), wpm(X, Ws, B, "sum"))
    np.testing.assert_array_equal(_topsis(X, Ws, B, "vector"), topsis(X, Ws, B))


# --------------------------------------------------------------------------- TOPSIS


def test_topsis_details_matches_topsis_and_parts_sum_to_squared_distances() -> None:
    for normalization in ("vector", "minmax", "max", "sum"):
        d = topsis_details(X, W, B, normalization)  # type: ignore[arg-type]
        np.testing.assert_allclose(d.closeness, topsis(X, W, B, normalization), rtol=1e-12)  # type: ignore[arg-type]
        np.testing.assert_allclose(d.d_plus_parts.sum(axis=1), d.d_plus**2, rtol=1e-12)
        np.testing.assert_allclose(d.d_minus_parts.sum(axis=1), d.d_minus**2, rtol=1e-12)
        np.testing.assert_allclose(d.weighted, d.normalized * W)


def test_topsis_details_fields_and_shapes() -> None:
    d = topsis_details(X, W, B)
    m, n = X.shape
    shapes = {
        "normalized": (m, n),
        "weighted": (m, n),
        "ideal": (n,),
        "anti_ideal": (n,),
        "d_plus": (m,),
        "d_minus": (m,),
        "closeness": (m,),
        "d_plus_parts": (m, n),
        "d_minus_parts": (m, n),
    }
    assert {f.name for f in dataclasses.fields(TopsisDetails)} == set(shapes)
    for name, shape in shapes.items():
        assert getattr(d, name).shape == shape, name
    # Ideal: max for benefit, min for cost; anti-ideal the reverse.
    np.testing.assert_allclose(
        d.ideal, [d.weighted[:, 0].max(), d.weighted[:, 1].min(), d.weighted[:, 2].max()]
    )
    np.testing.assert_allclose(
        d.anti_ideal, [d.weighted[:, 0].min(), d.weighted[:, 1].max(), d.weighted[:, 2].min()]
    )


def test_topsis_details_is_frozen_and_read_only() -> None:
    d = topsis_details(X, W, B)
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.closeness = np.zeros(4)  # type: ignore[misc]
    with pytest.raises(ValueError, match="read-only"):
        d.closeness[0] = 1.0


def test_topsis_details_takes_one_weight_vector() -> None:
    with pytest.raises(InputError, match="one weight vector"):
        topsis_details(X, np.tile(W, (2, 1)), B)


def test_topsis_closeness_in_unit_interval() -> None:
    Ws = np.random.default_rng(1).dirichlet(np.ones(3), size=100)
    C = topsis(X, Ws, B)
    assert np.all((C >= 0) & (C <= 1))


def test_topsis_all_identical_on_weighted_criteria_is_half() -> None:
    Xi = X.copy()
    Xi[:, 0] = 3.0  # the only weighted criterion is constant
    assert np.all(topsis(Xi, [1.0, 0.0, 0.0], B) == 0.5)


def test_topsis_min_max_default_elsewhere_gives_other_numbers() -> None:
    """The documented difference: vector (textbook) and min-max scaling disagree."""
    vec = topsis(X, W, B)
    mm = topsis(X, W, B, "minmax")
    assert not np.allclose(vec, mm, atol=1e-3)


def test_topsis_no_tensor_equals_explicit_tensor_computation() -> None:
    Ws = np.random.default_rng(2).dirichlet(np.ones(3), size=(4, 5))
    R = X / np.linalg.norm(X, axis=0)
    V = Ws[..., None, :] * R  # (4, 5, m, n)
    ideal = np.where(B, V.max(axis=-2), V.min(axis=-2))[..., None, :]
    anti = np.where(B, V.min(axis=-2), V.max(axis=-2))[..., None, :]
    dp = np.sqrt(((V - ideal) ** 2).sum(-1))
    dm = np.sqrt(((V - anti) ** 2).sum(-1))
    np.testing.assert_allclose(topsis(X, Ws, B), dm / (dp + dm), rtol=1e-12)
