"""Weighted sum (WSM) and weighted product (WPM) models, vectorised over weights.

Both work on the oriented matrix ``R = normalize(X, benefit, normalization)``
(higher is better in every column):

* WSM: ``S[..., i] = sum_j W[..., j] * R[i, j]``, i.e. ``W @ R.T``;
* WPM: ``S[..., i] = prod_j R[i, j] ** W[..., j]``, computed as
  ``exp(W @ log(R).T)``, with ``0 ** w = 0`` for ``w > 0`` and ``0 ** 0 = 1``.

Ratios of WPM scores are Bridgman's (1922) ratios
``P(A_K / A_L) = prod_j (a_Kj / a_Lj) ** w_j`` (Triantaphyllou 2000, ch. 2);
they do not depend on the normalisation as long as it only rescales columns
("none", "max" and "sum" do, which is why WPM accepts only those).

References
----------
Fishburn, P. C. (1967). Additive utilities with incomplete product sets.
Operations Research 15, 537-542 (the weighted sum model).

Bridgman, P. W. (1922). *Dimensional Analysis*. Yale University Press.

Triantaphyllou, E. (2000). *Multi-Criteria Decision Making Methods: A
Comparative Study*. Kluwer, Dordrecht. Chapter 2.
"""

from __future__ import annotations

from typing import Final

import numpy as np

from mcda._types import ArrayLike, BoolArray, FloatArray
from mcda.errors import InputError, NormalizationError
from mcda.kernels._fast import col_range, folded_normalization, regular, rowdot
from mcda.kernels._validate import (
    as_benefit,
    as_matrix,
    as_matrix_range,
    as_single_weights,
    as_weights,
    check_choice,
    first_position,
    fmt_position,
    fmt_value,
)
from mcda.kernels.normalize import (
    NORMALIZATIONS,
    Normalization,
    _normalize,
    check_normalizable,
)

__all__ = ["WPM_NORMALIZATIONS", "wpm", "wsm", "wsm_contributions"]

#: Normalisations allowed for WPM: the ones that only rescale columns (positive ratios).
WPM_NORMALIZATIONS: Final[tuple[str, ...]] = ("max", "sum", "none")


def _validated(
    X: ArrayLike, W: ArrayLike, benefit: ArrayLike, normalization: str
) -> tuple[FloatArray, FloatArray, BoolArray, tuple[FloatArray, FloatArray]]:
    arr, hi, lo = as_matrix_range(X)
    n = arr.shape[1]
    mask = as_benefit(benefit, n)
    weights = as_weights(W, n)
    check_choice(normalization, NORMALIZATIONS, "normalization")
    check_normalizable(arr, mask, normalization, lo)
    return arr, weights, mask, (hi, lo)


def _wsm(
    X: FloatArray, W: FloatArray, benefit: BoolArray, normalization: str,
    hilo: tuple[FloatArray, FloatArray] | None = None,
) -> FloatArray:
    """Unvalidated :func:`wsm`: ``W @ R.T`` with the normalisation folded into the weights.

    ``R`` is never built: its linear columns become coefficients on ``X`` and the
    inverted cost columns ("max", "sum") one reciprocal of those columns.
    """
    hi, lo = col_range(X) if hilo is None else hilo
    parts = folded_normalization(X, hi, lo, benefit, normalization) if regular(hi, lo) else None
    if parts is None:
        return _wsm_general(X, W, benefit, normalization)
    A, B, inv, A_inv, INV = parts
    S = rowdot(W * A, X)
    if inv.size:
        S += rowdot(W[..., inv] * A_inv, INV)
    S += np.asarray(W @ B)[..., None]
    return S


def _wsm_general(X: FloatArray, W: FloatArray, benefit: BoolArray, normalization: str) -> FloatArray:
    R = _normalize(X, benefit, normalization)
    return np.asarray(W @ R.T, dtype=np.float64)


def _wpm(
    X: FloatArray, W: FloatArray, benefit: BoolArray, normalization: str,
    hilo: tuple[FloatArray, FloatArray] | None = None,
) -> FloatArray:
    """Unvalidated :func:`wpm` (``R`` must be non-negative after normalisation).

    With every value positive, ``log r_ij = ±log x_ij + k_j`` (+ on benefit
    columns, - on the inverted cost columns): one logarithm of ``X`` and one
    product, the constants ``k`` folded into the weights.
    """
    hi, lo = col_range(X) if hilo is None else hilo
    positive = bool((lo > 0).all()) and normalization in WPM_NORMALIZATIONS and regular(hi, lo)
    parts = folded_normalization(X, hi, lo, benefit, normalization, need_inv=False) if positive else None
    if parts is None:
        return _wpm_general(X, W, benefit, normalization)
    A, _, inv, A_inv, _ = parts
    k = np.zeros_like(A)
    np.log(A, out=k, where=benefit)
    k[inv] = np.log(A_inv)
    logX = np.log(X)
    S = rowdot(W * np.where(benefit, 1.0, -1.0), logX)
    del logX
    S += np.asarray(W @ k)[..., None]
    return np.exp(S, out=S)


def _wpm_general(X: FloatArray, W: FloatArray, benefit: BoolArray, normalization: str) -> FloatArray:
    R = _normalize(X, benefit, normalization)
    positive = R > 0
    logR = np.log(R, out=np.zeros_like(R), where=positive)
    S = np.exp(W @ logR.T)
    if not positive.all():
        # An alternative with r_ij = 0 scores 0 as soon as w_j > 0; w_j = 0 means 0**0 = 1.
        hits = (W > 0).astype(np.float64) @ (~positive).T.astype(np.float64)
        S = np.where(hits > 0, 0.0, S)
    return np.asarray(S, dtype=np.float64)


def wsm(
    X: ArrayLike, W: ArrayLike, benefit: ArrayLike, normalization: Normalization = "max"
) -> FloatArray:
    """Weighted sum model scores, higher is better.

    Parameters
    ----------
    X : array_like, shape (m, n)
        Decision matrix (m alternatives, n criteria), finite.
    W : array_like, shape (n,) or (..., n)
        Non-negative weights, each row summing to 1 (not renormalised).
    benefit : array_like of bool, shape (n,)
        True where a criterion is maximised.
    normalization : {"max", "none", "minmax", "sum", "vector"}
        Passed to :func:`~mcda.kernels.normalize`; "none" requires every
        criterion to be a benefit criterion on a common scale.

    Returns
    -------
    ndarray, shape W.shape[:-1] + (m,)
        ``W @ R.T`` with ``R = normalize(X, benefit, normalization)``.

    Examples
    --------
    Triantaphyllou (2000), ch. 2: three alternatives, four benefit criteria
    on a common scale.

    >>> X = [[25, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]]
    >>> w = [0.20, 0.15, 0.40, 0.25]
    >>> print(wsm(X, w, [True] * 4, normalization="none").round(2))
    [21.5 22.  22. ]
    """
    arr, weights, mask, hilo = _validated(X, W, benefit, normalization)
    return _wsm(arr, weights, mask, normalization, hilo)


def wpm(
    X: ArrayLike, W: ArrayLike, benefit: ArrayLike, normalization: Normalization = "max"
) -> FloatArray:
    """Weighted product model scores ``prod_j r_ij ** w_j``, higher is better.

    Computed in log space, vectorised over weight rows. A zero ``r_ij`` with a
    positive weight gives the alternative a score of 0; with a zero weight it
    contributes a factor 1 (``0 ** 0 = 1``), never NaN.

    Parameters
    ----------
    X : array_like, shape (m, n)
        Decision matrix, finite and (for "none") non-negative.
    W : array_like, shape (n,) or (..., n)
        Non-negative weights, each row summing to 1.
    benefit : array_like of bool, shape (n,)
        True where a criterion is maximised.
    normalization : {"max", "sum", "none"}
        Only normalisations that turn each column into positive ratios are
        allowed; "minmax" and "vector" raise :class:`~mcda.errors.InputError`.

    Returns
    -------
    ndarray, shape W.shape[:-1] + (m,)
        Scores; ``S[..., k] / S[..., l]`` is Bridgman's ratio ``P(A_k / A_l)``.

    Examples
    --------
    Triantaphyllou (2000), ch. 2: ``P(A1/A2) = 1.007``.

    >>> X = [[25, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]]
    >>> s = wpm(X, [0.20, 0.15, 0.40, 0.25], [True] * 4)
    >>> round(float(s[0] / s[1]), 3)
    1.007
    """
    if normalization not in WPM_NORMALIZATIONS:
        check_choice(normalization, NORMALIZATIONS, "normalization")
        raise InputError(
            f"WPM needs a normalization that yields positive ratios, one of "
            f"{', '.join(repr(a) for a in WPM_NORMALIZATIONS)}; got {normalization!r}"
        )
    arr, weights, mask, hilo = _validated(X, W, benefit, normalization)
    negative = arr < 0 if (hilo[1] < 0).any() else np.zeros((1,), dtype=bool)
    if negative.any():
        pos = first_position(negative)
        raise NormalizationError(
            f"{fmt_position('X', pos)} = {fmt_value(arr[pos])}: WPM raises values to "
            "powers and needs non-negative values"
        )
    return _wpm(arr, weights, mask, normalization, hilo)


def wsm_contributions(
    X: ArrayLike, w: ArrayLike, benefit: ArrayLike, normalization: Normalization = "max"
) -> FloatArray:
    """Per-criterion contributions ``w_j * r_ij`` to the WSM score, for one weight vector.

    Parameters
    ----------
    X : array_like, shape (m, n)
    w : array_like, shape (n,)
        One weight vector (non-negative, summing to 1).
    benefit : array_like of bool, shape (n,)
    normalization : {"max", "none", "minmax", "sum", "vector"}

    Returns
    -------
    ndarray, shape (m, n)
        Row sums equal ``wsm(X, w, benefit, normalization)``.

    Examples
    --------
    >>> c = wsm_contributions([[2.0, 1.0], [1.0, 2.0]], [0.75, 0.25], [True, True])
    >>> print(c)
    [[0.75  0.125]
     [0.375 0.25 ]]
    """
    arr = as_matrix(X)
    n = arr.shape[1]
    mask = as_benefit(benefit, n)
    weights = as_single_weights(w, n)
    check_choice(normalization, NORMALIZATIONS, "normalization")
    check_normalizable(arr, mask, normalization)
    return weights * _normalize(arr, mask, normalization)
