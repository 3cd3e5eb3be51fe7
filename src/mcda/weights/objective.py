"""Objective weights: computed from the decision matrix alone.

Every function takes ``X (m, n)`` and ``benefit (n,)`` and returns weights of
shape ``(n,)`` that are non-negative and sum to 1. Criteria that do not
separate the alternatives (constant columns) get weight 0; if no column
separates them the weights are undefined and an :class:`~mcda.errors.InputError`
is raised rather than returning equal weights.

=============  ======================================================  =====================
function       weight of criterion j proportional to                    cost criteria
=============  ======================================================  =====================
``entropy``    ``1 - E_j``, Shannon entropy of ``p_ij = r_ij / sum r``   ``normalization``
``critic``     ``sigma_j * sum_k (1 - rho_jk)`` on min-max scores      ``cost`` (see below)
``std``        standard deviation of the normalised column             irrelevant
``merec``      removal effect on a log performance measure             inverted (ratios)
=============  ======================================================  =====================

Where published examples disagree:

* **Entropy.** Hwang & Yoon (1981, pp. 52-54) take ``p_ij = x_ij / sum_i x_ij``
  from the raw values whatever the direction (``normalization="sum"``, the
  default). Many applications first apply the linear ``max`` normalisation
  (``min/x`` on cost criteria), which changes the weights of cost criteria:
  ``normalization="max"``.
* **CRITIC.** Diakoulaki et al. (1995) transform every criterion to a
  "higher is better" score ``(x - worst) / (best - worst)`` before computing
  correlations (``cost="invert"``, the default). Some applied papers min-max
  scale every column as if it were a benefit criterion (``cost="as-benefit"``).
  The standard deviations agree; the correlations of a cost criterion with
  the others change sign, hence the weights differ.
* **Standard deviation.** Sample or population standard deviation give the
  same weights (a common factor); the column scaling matters and is named by
  ``normalization`` (default min-max, as in Diakoulaki et al. 1995).

References
----------
Hwang, C.-L. and Yoon, K. (1981). *Multiple Attribute Decision Making*.
Springer LNEMS 186, pp. 52-54 (entropy method).

Diakoulaki, D., Mavrotas, G. and Papayannakis, L. (1995). Determining
objective weights in multiple criteria problems: the CRITIC method.
*Computers & Operations Research* 22(7), 763-770. doi:10.1016/0305-0548(94)00059-H.

Keshavarz-Ghorabaee, M., Amiri, M., Zavadskas, E. K., Turskis, Z. and
Antucheviciene, J. (2021). Determination of objective weights using a new
method based on the removal effects of criteria (MEREC). *Symmetry* 13(4),
525. doi:10.3390/sym13040525.
"""

from __future__ import annotations

from typing import Final, Literal

import numpy as np

from mcda._types import ArrayLike, BoolArray, FloatArray
from mcda.errors import InputError, NormalizationError
from mcda.kernels._raw import normalize as _normalize
from mcda.kernels._validate import (
    as_benefit,
    as_matrix,
    check_choice,
    first_position,
    fmt_position,
    fmt_value,
)
from mcda.kernels.normalize import NORMALIZATIONS, Normalization, check_normalizable

__all__ = ["CRITIC_COST", "ENTROPY_NORMALIZATIONS", "critic", "entropy", "merec", "std"]

#: Normalisations accepted by :func:`entropy` (they yield non-negative shares).
ENTROPY_NORMALIZATIONS: Final[tuple[str, ...]] = ("sum", "max")
#: How :func:`critic` treats cost criteria.
CRITIC_COST: Final[tuple[str, ...]] = ("invert", "as-benefit")


def _validated(X: ArrayLike, benefit: ArrayLike, what: str, min_m: int = 2) -> tuple[FloatArray, BoolArray]:
    arr = as_matrix(X)
    mask = as_benefit(benefit, arr.shape[1])
    if arr.shape[0] < min_m:
        raise InputError(f"{what} weights need at least {min_m} alternatives to measure how criteria "
                         f"separate them; X has {arr.shape[0]}")
    return arr, mask


def _share(d: FloatArray, what: str, why: str = "no criterion separates the alternatives "
           "(every column is constant)") -> FloatArray:
    total = d.sum()
    if not total > 0:
        raise InputError(f"{what} weights are undefined: {why}")
    return np.asarray(d / total, dtype=np.float64)


def _nonnegative(X: FloatArray, what: str) -> None:
    bad = X < 0
    if bad.any():
        pos = first_position(bad)
        raise NormalizationError(f"{fmt_position('X', pos)} = {fmt_value(X[pos])}: {what} needs non-negative values")


def _entropy_divergence(P: FloatArray) -> FloatArray:
    """``1 - E_j`` for columns of shares ``P`` (columns sum to 1), ``0 ln 0 = 0``."""
    m = P.shape[0]
    logs = np.log(P, out=np.zeros_like(P), where=P > 0)
    E = -(P * logs).sum(axis=0) / np.log(m)
    return np.clip(1.0 - E, 0.0, None)


def entropy(X: ArrayLike, benefit: ArrayLike, normalization: Literal["sum", "max"] = "sum") -> FloatArray:
    """Shannon-entropy weights: criteria whose values are spread unevenly weigh more.

    ``p_ij = r_ij / sum_i r_ij``, ``E_j = -sum_i p_ij ln p_ij / ln m``,
    ``w_j = (1 - E_j) / sum_k (1 - E_k)``.

    Parameters
    ----------
    X : array_like, shape (m, n)
        Decision matrix, finite and non-negative, m >= 2.
    benefit : array_like of bool, shape (n,)
        True where a criterion is maximised; used only by ``normalization="max"``.
    normalization : {"sum", "max"}, default "sum"
        "sum": ``r = x`` (Hwang & Yoon 1981; direction plays no role).
        "max": ``r = x / max x`` for benefit, ``min x / x`` for cost criteria.

    Returns
    -------
    ndarray, shape (n,)
        Weights summing to 1; constant (including all-zero) columns get 0.

    Examples
    --------
    >>> print(entropy([[1.0, 5.0], [2.0, 5.0], [9.0, 5.0]], [True, True]).round(4))
    [1. 0.]
    """
    arr, mask = _validated(X, benefit, "entropy")
    check_choice(normalization, ENTROPY_NORMALIZATIONS, "normalization")
    _nonnegative(arr, "entropy weighting")
    if normalization == "max":
        check_normalizable(arr, mask, "max")
        arr = _normalize(arr, mask, "max")
    P = _normalize(arr, np.ones(arr.shape[1], dtype=bool), "sum")
    constant = arr.max(axis=0) == arr.min(axis=0)  # exactly 0, not 1 - E rounded
    return _share(np.where(constant, 0.0, _entropy_divergence(P)), "entropy")


def _column_std(R: FloatArray) -> FloatArray:
    return np.asarray(R.std(axis=0), dtype=np.float64)


def critic(X: ArrayLike, benefit: ArrayLike, cost: Literal["invert", "as-benefit"] = "invert") -> FloatArray:
    """CRITIC weights (Diakoulaki et al. 1995): contrast times conflict.

    ``r = (x - worst) / (best - worst)`` per column, ``sigma_j`` its standard
    deviation, ``rho`` the Pearson correlations between columns,
    ``C_j = sigma_j * sum_k (1 - rho_jk)``, ``w_j = C_j / sum_k C_k``.

    Parameters
    ----------
    X : array_like, shape (m, n)
        Decision matrix, finite, m >= 2.
    benefit : array_like of bool, shape (n,)
        True where a criterion is maximised.
    cost : {"invert", "as-benefit"}, default "invert"
        "invert": cost columns become ``(max - x) / (max - min)`` (the
        original). "as-benefit": every column is ``(x - min) / (max - min)``.

    Returns
    -------
    ndarray, shape (n,)
        Weights summing to 1. A constant column gets weight 0 and does not
        enter the other criteria's conflict sums (its correlation is undefined).

    Raises
    ------
    InputError
        Every column constant, or all non-constant columns perfectly
        correlated (every conflict sum is 0, the weights are 0/0).

    Examples
    --------
    >>> X = [[1.0, 2.0, 3.0], [2.0, 4.0, 1.0], [3.0, 5.0, 2.0]]
    >>> print(critic(X, [True, True, False]).round(4))
    [0.2988 0.2135 0.4877]
    """
    arr, mask = _validated(X, benefit, "CRITIC")
    check_choice(cost, CRITIC_COST, "cost")
    orient = mask if cost == "invert" else np.ones_like(mask)
    R = _normalize(arr, orient, "minmax")
    sigma = _column_std(R)
    live = sigma > 0
    C = np.zeros(arr.shape[1])
    if live.sum() == 1:
        C[live] = sigma[live]
    elif live.any():
        rho = np.corrcoef(R[:, live], rowvar=False)
        C[live] = sigma[live] * (1.0 - np.clip(rho, -1.0, 1.0)).sum(axis=1)
    if live.sum() > 1 and not C.sum() > 0:
        raise InputError("CRITIC weights are undefined: the non-constant criteria are perfectly "
                         "correlated (after orienting them), so none conflicts with another")
    return _share(C, "CRITIC")


def std(X: ArrayLike, benefit: ArrayLike, normalization: Normalization = "minmax") -> FloatArray:
    """Standard-deviation weights: ``w_j`` proportional to the spread of the normalised column.

    Parameters
    ----------
    X : array_like, shape (m, n)
        Decision matrix, finite, m >= 2.
    benefit : array_like of bool, shape (n,)
        True where a criterion is maximised (inverting a column does not change
        its spread under "minmax").
    normalization : {"minmax", "max", "sum", "vector", "none"}, default "minmax"
        Column normalisation applied first (see :func:`mcda.kernels.normalize`);
        "none" uses raw values, which makes the weights depend on units.

    Returns
    -------
    ndarray, shape (n,)
        Weights summing to 1; constant columns get 0.

    Examples
    --------
    >>> print(std([[1.0, 10.0], [2.0, 10.0], [3.0, 40.0]], [True, False]).round(4))
    [0.4641 0.5359]
    """
    arr, mask = _validated(X, benefit, "standard-deviation")
    check_choice(normalization, NORMALIZATIONS, "normalization")
    if normalization == "none":
        mask = np.ones_like(mask)
    check_normalizable(arr, mask, normalization)
    return _share(_column_std(_normalize(arr, mask, normalization)), "standard-deviation")


def merec(X: ArrayLike, benefit: ArrayLike) -> FloatArray:
    """MEREC weights (Keshavarz-Ghorabaee et al. 2021): effect of removing each criterion.

    ``n_ij = min_k x_kj / x_ij`` for benefit and ``x_ij / max_k x_kj`` for
    cost criteria (in (0, 1], 1 = best); overall performance
    ``S_i = ln(1 + mean_j |ln n_ij|)``; with criterion j removed
    ``S'_ij = ln(1 + (1/n) sum_(k != j) |ln n_ik|)``;
    ``E_j = sum_i |S'_ij - S_i|``; ``w_j = E_j / sum_k E_k``.

    Parameters
    ----------
    X : array_like, shape (m, n)
        Decision matrix, finite and strictly positive, m >= 1.
    benefit : array_like of bool, shape (n,)
        True where a criterion is maximised.

    Returns
    -------
    ndarray, shape (n,)
        Weights summing to 1; constant columns get 0.

    Examples
    --------
    >>> print(merec([[1.0, 4.0], [2.0, 2.0], [4.0, 1.0]], [True, False]).round(4))
    [0.5 0.5]
    """
    arr, mask = _validated(X, benefit, "MEREC", min_m=1)
    bad = arr <= 0
    if bad.any():
        pos = first_position(bad)
        raise NormalizationError(f"{fmt_position('X', pos)} = {fmt_value(arr[pos])}: MEREC takes "
                                 "logarithms of ratios and needs values > 0")
    logs = np.log(arr)  # |ln n_ij| from differences of logs: the ratios themselves can underflow
    L = np.abs(np.where(mask, logs.min(axis=0) - logs, logs - logs.max(axis=0)))  # (m, n)
    n = arr.shape[1]
    S = np.log1p(L.sum(axis=1) / n)
    S_removed = np.log1p((L.sum(axis=1, keepdims=True) - L) / n)
    return _share(np.abs(S_removed - S[:, None]).sum(axis=0), "MEREC")
