"""SMAA-2 against the two founding papers' worked cases, at their printed precision.

Sources. Both papers print their input data and their results (in percent,
rounded to whole numbers):

* Lahdelma, R., Hokkanen, J. and Salminen, P. (1998). SMAA - Stochastic
  multiobjective acceptability analysis. European Journal of Operational
  Research 106(1), 137-143, section 5: six alternatives, four criteria,
  acceptability indices and confidence factors.
* Lahdelma, R. and Salminen, P. (2001). SMAA-2: Stochastic multicriteria
  acceptability analysis for group decision making. Operations Research 49(3),
  444-454, section 5 (the Helsinki general cargo harbour case): thirteen
  alternatives, eleven criteria, the full rank acceptability matrix, the
  holistic acceptability indices (centroid meta-weights) and the k-best-ranks
  acceptabilities for k = 1, 2, 3.

The primary papers could not be read here. The numbers were read in the
transcription of both cases in pysensmcda 2.0.0 (its
``tests/tests_smaa/test_literature_benchmark.py``, PyPI sdist); the data
arrays and the printed results below are the papers' numbers, the code is ours.
That every one of the 169 cells of the 2001 rank acceptability matrix comes out
within one percentage point corroborates the transcription.

The model of both papers, and how it maps onto :func:`mcda.sensitivity.smaa`:

* an additive utility with **linear partial value functions** fixed on the
  nominal data, from the column's worst value (0) to its best (1); the
  functions are applied to sampled values as they are, so a sample beyond the
  nominal range scores below 0 or above 1. Because they are affine and fixed,
  we apply them once to the nominal values and to the interval bounds and score
  with WSM on the transformed values (``normalization="none"``, all benefit);
* criterion values **uniform on [x - d, x + d]** (an affine map keeps a uniform
  distribution uniform, so the transformed bounds carry the same model):
  ``evidence="interval"``;
* weights **uniform on the simplex** (no preference information).

Tolerance: a printed whole percentage is within 0.5 of the exact value; with
200,000 samples three Monte Carlo standard errors are at most 0.34 percentage
points, so 1.0 covers both.
"""

from __future__ import annotations

import numpy as np
import pytest

from mcda.sensitivity import SMAAResult, smaa

N = 200_000
TOL = 1.0  # percentage points


def value_scaled(X: np.ndarray, benefit: np.ndarray, d: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The papers' linear partial values of the nominal matrix and of the bounds x - d, x + d."""
    worst = np.where(benefit, X.min(axis=0), X.max(axis=0))
    best = np.where(benefit, X.max(axis=0), X.min(axis=0))

    def u(V: np.ndarray) -> np.ndarray:
        return (V - worst) / (best - worst)

    a, b = u(X - d), u(X + d)
    return u(X), np.minimum(a, b), np.maximum(a, b)


def run(X: np.ndarray, benefit: np.ndarray, d: np.ndarray, seed: int) -> SMAAResult:
    U, lo, hi = value_scaled(X, benefit, d)
    return smaa(U, np.ones(X.shape[1], dtype=bool), "wsm", N, rng=seed, lo=lo, hi=hi, evidence="interval",
                normalization="none", n_confidence=N)


# --------------------------------------------------------------------- Lahdelma, Hokkanen & Salminen (1998)

X_1998 = np.array([
    [5.0, -1.5, 15.0, 4.0],
    [2.5, -3.8, 25.0, 2.5],
    [3.0, -2.8, 10.0, 2.8],
    [3.0, -3.2, 16.0, 3.2],
    [2.0, -6.7, 0.0, 1.0],
    [4.0, -3.4, 30.0, 3.5],
])
# uncertainty: +-0.5 on criterion 1, +-10 % of the value on criterion 2, +-10 on 3, +-0.5 on 4
D_1998 = np.array([0.5, 0.0, 10.0, 0.5]) + np.array([0.0, 0.1, 0.0, 0.0]) * np.abs(X_1998)
ACCEPTABILITY_1998 = np.array([74, 1, 0, 0, 0, 25])
CONFIDENCE_1998 = np.array([99, 12, 0, 1, np.nan, 71])  # V has no central weights: no confidence factor


@pytest.fixture(scope="module")
def municipal() -> SMAAResult:
    return run(X_1998, np.ones(4, dtype=bool), D_1998, seed=1998)


def test_1998_acceptability_indices(municipal: SMAAResult) -> None:
    np.testing.assert_allclose(municipal.rank_acceptability[:, 0] * 100, ACCEPTABILITY_1998, atol=TOL)


def test_1998_confidence_factors(municipal: SMAAResult) -> None:
    # a confidence factor is evaluated at an estimated central weight vector and carries that
    # estimate's error too: half a point more
    printed = ~np.isnan(CONFIDENCE_1998)
    np.testing.assert_allclose(municipal.confidence[printed] * 100, CONFIDENCE_1998[printed], atol=TOL + 0.5)
    # V is dominated under every weight and value draw: never first, so no central weights
    assert municipal.rank_acceptability[4, 0] == 0 and np.all(municipal.central_weights[4] == 0)


# --------------------------------------------------------------------- Lahdelma & Salminen (2001)

X_2001 = np.array([
    [4, 1.0, 985, 30, 166, 705, 25000, 4.5, 4.2, 15.1, 1.75],
    [4, 2.5, 985, 30, 166, 765, 25000, 4.5, 4.1, 15.3, 1.69],
    [4, 1.5, 985, 30, 166, 705, 25000, 4.5, 4.3, 12.7, 1.75],
    [4, 1.5, 985, 30, 166, 705, 25000, 4.5, 4.3, 12.2, 1.65],
    [4, 1.5, 985, 35, 177, 705, 25000, 4.5, 4.4, 15.1, 1.68],
    [4, 2.5, 985, 35, 177, 765, 25000, 4.5, 4.3, 15.3, 1.62],
    [4, 2.0, 985, 35, 177, 705, 25000, 4.5, 4.5, 12.7, 1.68],
    [4, 2.0, 985, 35, 177, 705, 25000, 4.5, 4.5, 12.2, 1.58],
    [4, 1.0, 985, 35, 166, 705, 25000, 4.5, 4.6, 14.8, 1.72],
    [4, 2.5, 985, 35, 166, 765, 25000, 4.5, 4.5, 15.0, 1.66],
    [4, 1.5, 985, 35, 166, 705, 25000, 4.5, 4.7, 12.4, 1.72],
    [4, 2.0, 985, 35, 166, 705, 25000, 4.5, 4.7, 11.9, 1.62],
    [1, 0.0, 1300, 50, 266, 4200, 0, 2.0, 1.0, 18.8, 1.00],  # "ZERO": no development
])
BENEFIT_2001 = np.array([False, False, False, True, True, False, True, True, True, False, True])
D_2001 = (X_2001.max(axis=0) - X_2001.min(axis=0)) / 10  # +-10 % of each criterion's range
RANK_ACCEPTABILITY_2001 = np.array([
    [5, 7, 7, 7, 7, 7, 9, 11, 13, 11, 10, 6, 1],
    [0, 0, 0, 0, 0, 1, 1, 2, 4, 9, 19, 47, 16],
    [5, 8, 9, 11, 12, 13, 11, 9, 8, 7, 5, 2, 1],
    [3, 6, 8, 10, 11, 12, 11, 10, 10, 8, 6, 4, 1],
    [4, 7, 9, 10, 11, 11, 12, 13, 12, 6, 3, 1, 0],
    [0, 1, 1, 2, 3, 4, 5, 7, 10, 19, 26, 19, 2],
    [9, 12, 13, 13, 13, 12, 10, 8, 6, 3, 1, 0, 0],
    [8, 10, 11, 11, 11, 11, 10, 10, 9, 5, 2, 1, 0],
    [18, 15, 11, 10, 9, 9, 11, 8, 5, 3, 1, 1, 0],
    [0, 1, 1, 2, 3, 4, 6, 9, 12, 22, 22, 15, 3],
    [27, 21, 16, 12, 9, 6, 4, 2, 1, 1, 0, 0, 0],
    [11, 12, 12, 11, 10, 10, 9, 9, 8, 5, 2, 1, 0],
    [10, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 76],
])
HOLISTIC_2001 = np.array([28, 7, 34, 30, 33, 14, 42, 39, 49, 14, 61, 42, 15])  # centroid meta-weights
KBR_2001 = np.array([  # k = 1, 2, 3
    [5, 11, 18], [0, 0, 0], [5, 12, 22], [3, 9, 17], [4, 11, 20], [0, 1, 2], [9, 21, 34],
    [8, 18, 29], [18, 33, 45], [0, 1, 2], [27, 48, 64], [11, 22, 34], [10, 11, 12],
])


@pytest.fixture(scope="module")
def harbour() -> SMAAResult:
    return run(X_2001, BENEFIT_2001, D_2001, seed=2001)


def test_2001_rank_acceptability_matrix(harbour: SMAAResult) -> None:
    np.testing.assert_allclose(harbour.rank_acceptability * 100, RANK_ACCEPTABILITY_2001, atol=TOL)


def test_2001_holistic_acceptability_with_centroid_metaweights(harbour: SMAAResult) -> None:
    np.testing.assert_allclose(harbour.holistic_acceptability("centroid") * 100, HOLISTIC_2001, atol=TOL)


def test_2001_k_best_ranks_acceptability(harbour: SMAAResult) -> None:
    got = np.column_stack([harbour.kbr_acceptability(k) for k in (1, 2, 3)])
    np.testing.assert_allclose(got * 100, KBR_2001, atol=TOL)


def test_2001_no_development_is_an_extreme_alternative(harbour: SMAAResult) -> None:
    """The paper's point about ZERO: certain of first place at its central weights, yet mostly last."""
    assert harbour.confidence[12] == pytest.approx(1.0, abs=0.01)
    assert harbour.rank_acceptability[12, -1] > 0.7
