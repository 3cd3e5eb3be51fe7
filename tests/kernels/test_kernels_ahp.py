"""Unit tests of the AHP basics: validation, priorities, consistency, random index."""

from __future__ import annotations

import numpy as np
import pytest

from mcda.errors import InputError, JudgementError
from mcda.kernels import (
    RANDOM_INDEX,
    ahp_priorities,
    consistency_index,
    consistency_ratio,
    lambda_max,
)
from mcda.kernels.ahp import _perron

CONSISTENT = np.array([[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]])
INCONSISTENT = np.array([[1, 3, 1 / 5], [1 / 3, 1, 4], [5, 1 / 4, 1]])


def test_random_index_saaty_table() -> None:
    """Saaty (1980): n = 1..10 -> 0, 0, .58, .90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49."""
    assert dict(RANDOM_INDEX["saaty"]) == {
        1: 0.0,
        2: 0.0,
        3: 0.58,
        4: 0.90,
        5: 1.12,
        6: 1.24,
        7: 1.32,
        8: 1.41,
        9: 1.45,
        10: 1.49,
    }
    with pytest.raises(TypeError):
        RANDOM_INDEX["saaty"][3] = 0.52  # type: ignore[index]


@pytest.mark.parametrize("method", ["eigen", "geometric"])
def test_consistent_matrix(method: str) -> None:
    p = ahp_priorities(CONSISTENT, method)  # type: ignore[arg-type]
    np.testing.assert_allclose(p, [4 / 7, 2 / 7, 1 / 7], rtol=1e-12)
    assert lambda_max(CONSISTENT) == pytest.approx(3.0, abs=1e-12)
    assert consistency_index(CONSISTENT) == pytest.approx(0.0, abs=1e-12)
    assert consistency_ratio(CONSISTENT) == pytest.approx(0.0, abs=1e-12)


def test_consistency_index_is_never_negative() -> None:
    rng = np.random.default_rng(3)
    for n in range(1, 9):
        v = rng.uniform(0.1, 10, n)
        A = v[:, None] / v[None, :]
        assert consistency_index(A) >= 0.0


def test_inconsistent_matrix() -> None:
    lam = lambda_max(INCONSISTENT)
    assert lam > 3.0
    assert consistency_index(INCONSISTENT) == pytest.approx((lam - 3) / 2)
    assert consistency_ratio(INCONSISTENT) == pytest.approx((lam - 3) / 2 / 0.58)
    assert consistency_ratio(INCONSISTENT) > 0.1


def test_geometric_equals_eigen_for_n_3() -> None:
    np.testing.assert_allclose(
        ahp_priorities(INCONSISTENT, "geometric"), ahp_priorities(INCONSISTENT), rtol=1e-10
    )


def test_priorities_positive_sum_to_one_and_real_with_complex_spectrum() -> None:
    # A cyclic, strongly inconsistent 4 x 4 matrix: its spectrum is complex.
    A = np.array([[1, 9, 1 / 9, 1], [1 / 9, 1, 9, 1 / 9], [9, 1 / 9, 1, 9], [1, 9, 1 / 9, 1]])
    assert np.iscomplexobj(np.linalg.eigvals(A))
    p = ahp_priorities(A)
    assert p.dtype == np.float64
    assert np.all(p > 0)
    assert p.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(A @ p, lambda_max(A) * p, rtol=1e-10)


def test_small_matrices() -> None:
    assert ahp_priorities([[1.0]]).tolist() == [1.0]
    assert consistency_ratio([[1.0]]) == 0.0
    assert consistency_index([[1.0]]) == 0.0
    A2 = [[1, 7], [1 / 7, 1]]
    np.testing.assert_allclose(ahp_priorities(A2), [7 / 8, 1 / 8])
    assert consistency_ratio(A2) == 0.0


def test_beyond_random_index_table_is_an_error() -> None:
    A = np.ones((11, 11))
    with pytest.raises(InputError, match=r"covers n = 1\.\.10; A is 11 x 11"):
        consistency_ratio(A)
    # priorities and CI are still defined
    np.testing.assert_allclose(ahp_priorities(A), 1 / 11)
    assert consistency_index(A) == pytest.approx(0.0, abs=1e-12)


def test_unknown_random_index_table() -> None:
    with pytest.raises(InputError, match="ri must be one of 'saaty'"):
        consistency_ratio(CONSISTENT, ri="alonso-lamata")


def test_unknown_priority_method() -> None:
    with pytest.raises(InputError, match="method must be one of"):
        ahp_priorities(CONSISTENT, "mean")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("A", "pattern"),
    [
        (np.ones((2, 3)), r"A must be a square \(n, n\) matrix"),
        (np.ones(3), r"A must be a square"),
        (np.ones((0, 0)), r"A must be a square"),
        ([[1, np.nan], [1, 1]], r"A\[0, 1\] = nan: pairwise judgements must be finite"),
        ([[1, -2], [-0.5, 1]], r"A\[0, 1\] = -2: pairwise judgements must be positive"),
        ([[1, 0], [np.inf, 1]], r"A\[1, 0\] = inf: pairwise judgements must be finite"),
        ([[1, 2], [0.5, 2]], r"A\[1, 1\] = 2: an element compared with itself must be 1"),
        (
            [[1, 2, 3], [0.5, 1, 4], [1 / 3, 0.2, 1]],
            r"A\[1, 2\] = 4 but A\[2, 1\] = 0\.2: judgements must be reciprocal",
        ),
    ],
)
def test_invalid_matrices_raise_judgement_error_naming_the_entry(A: object, pattern: str) -> None:
    for func in (ahp_priorities, lambda_max, consistency_index, consistency_ratio):
        with pytest.raises(JudgementError, match=pattern):
            func(A)  # type: ignore[operator]


def test_reciprocity_tolerance() -> None:
    A = np.array([[1, 3.0], [1 / 3 * (1 + 5e-10), 1]])
    ahp_priorities(A)  # within 1e-9
    A[1, 0] = 1 / 3 * (1 + 5e-9)
    with pytest.raises(JudgementError, match="reciprocal"):
        ahp_priorities(A)


def test_does_not_mutate_input() -> None:
    A = INCONSISTENT.copy()
    ahp_priorities(A)
    consistency_ratio(A)
    np.testing.assert_array_equal(A, INCONSISTENT)


def test_perron_falls_back_to_power_iteration(monkeypatch: pytest.MonkeyPatch) -> None:
    """If eig ever returned an unusable vector, the power iteration takes over."""

    def broken_eig(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        values = np.linalg.eigvals(a)
        return values, np.full((a.shape[0], a.shape[0]), np.nan)

    monkeypatch.setattr(np.linalg, "eig", broken_eig)
    lam, v = _perron(INCONSISTENT)
    assert np.all(v > 0)
    np.testing.assert_allclose(INCONSISTENT @ v, lam * v, rtol=1e-10)
