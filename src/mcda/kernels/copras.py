"""COPRAS, COmplex PRoportional ASsessment (Zavadskas, Kaklauskas & Šarka 1994).

1. Sum normalisation without inversion: ``d_ij = x_ij / sum_k x_kj``; the
   weighted values are ``w_j d_ij``.
2. ``S+_i`` sums the weighted values over benefit criteria, ``S-_i`` over cost
   criteria.
3. Relative significance (the COPRAS score, **higher is better**)::

       Q_i = S+_i + (min_k S-_k * sum_k S-_k) / (S-_i * sum_k (min_k S-_k / S-_k))
           = S+_i + sum_k S-_k / (S-_i * sum_k 1 / S-_k)

4. Utility degree ``N_i = Q_i / max_k Q_k`` (printed as a percentage in the
   papers); same ranking as Q.

The cost term is decreasing in the alternative's own cost: since the weighted
cost columns are sum-normalised, ``sum_k S-_k`` equals the total weight of the
cost criteria whatever the data, and ``S-_i * sum_k 1/S-_k = 1 + sum_(k != i)
S-_i / S-_k`` grows with ``S-_i``. Raising a cost value of an alternative
therefore never raises its Q. (Implementations that apply a direction-flipping
normalisation *before* COPRAS's own cost term count the direction twice and
reward higher cost; this kernel takes the raw matrix and the benefit mask.)

Data rules: values must be non-negative (sum normalisation). An all-zero
column gets ``d = 1/m`` (it separates nobody). ``S-`` is 0 for an alternative
only if it is 0 on every positively weighted cost criterion; the cost term is
then the limit as those costs go to 0 together: ``sum_k S-_k / z`` for each of
the z alternatives with ``S- = 0`` and 0 for the others. With no positively
weighted cost criterion, ``Q = S+``.

References
----------
Zavadskas, E. K., Kaklauskas, A. and Šarka, V. (1994). The new method of
multicriteria complex proportional assessment of projects. *Technological
and Economic Development of Economy* 1(3), 131-139.

Zavadskas, E. K., Kaklauskas, A., Turskis, Z. and Tamošaitienė, J. (2008).
Selection of the effective dwelling house walls by applying attributes
values determined at intervals. *Journal of Civil Engineering and
Management* 14(2), 85-93. doi:10.3846/1392-3730.2008.14.3.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from mcda._types import ArrayLike, BoolArray, FloatArray
from mcda.errors import NormalizationError
from mcda.kernels._fast import regular, rowdot
from mcda.kernels._validate import (
    as_benefit,
    as_matrix_sums,
    as_single_weights,
    as_weights,
    first_position,
    fmt_position,
    fmt_value,
)
from mcda.kernels.normalize import _scale

__all__ = ["CoprasDetails", "copras", "copras_details"]


class CoprasDetails(NamedTuple):
    """COPRAS intermediates for one weight vector.

    Attributes
    ----------
    weighted : ndarray, shape (m, n)
        ``w_j x_ij / sum_k x_kj``.
    s_plus, s_minus : ndarray, shape (m,)
        Sums of the weighted values over benefit and over cost criteria.
    Q : ndarray, shape (m,)
        Relative significance (the score; higher is better).
    utility : ndarray, shape (m,)
        Utility degree ``Q / max Q`` in (0, 1] (multiply by 100 for the papers' %).
    """

    weighted: FloatArray
    s_plus: FloatArray
    s_minus: FloatArray
    Q: FloatArray
    utility: FloatArray


#: Relative size below which a weighted cost sum counts as 0 (its inverse would overflow).
_TINY = 1e-280


def _cost_term(s_minus: FloatArray) -> FloatArray:
    """``sum S- / (S-_i sum 1/S-)`` along the last axis, with its limits at S- = 0.

    Computed on ``r = S- / max S-`` (the expression is scale-free), so tiny
    weights cannot overflow ``1/S-``.
    """
    total = s_minus.sum(axis=-1, keepdims=True)
    top = s_minus.max(axis=-1, keepdims=True)
    r = np.divide(s_minus, top, out=np.zeros_like(s_minus), where=top > 0)
    zero = r <= _TINY
    if not zero.any():  # the usual case: the same arithmetic as below, without the masks
        r *= np.sum(1.0 / r, axis=-1, keepdims=True)
        return np.asarray(np.divide(total, r, out=r), dtype=np.float64)
    z = zero.sum(axis=-1, keepdims=True)
    inv = np.divide(1.0, r, out=np.zeros_like(r), where=~zero)
    denom = r * inv.sum(axis=-1, keepdims=True)
    regular = np.divide(total, denom, out=np.zeros_like(s_minus), where=(denom > 0) & ~zero)
    limit = np.where(zero, total / np.maximum(z, 1), 0.0)
    return np.where(z > 0, limit, regular)


def _copras(X: FloatArray, W: FloatArray, benefit: BoolArray, total: FloatArray | None = None) -> FloatArray:
    """Unvalidated :func:`copras`: relative significance Q, shape (..., m).

    ``S+ = sum_benefit w_j x_ij / sum_i x_ij`` is a product of ``X`` with the
    weights divided by the column sums (all-zero columns: ``1/m`` each): no temporary.
    ``total``: the column sums, when the caller has them; with non-negative
    values they bound the magnitudes (``max <= sum <= m max``).
    """
    total = X.sum(axis=0) if total is None else total
    if not regular(total, X.min(axis=0) if (total <= 0).any() else total):
        return _copras_general(X, W, benefit)
    A = np.zeros_like(total)
    np.divide(1.0, total, out=A, where=total > 0)
    B = np.where(total > 0, 0.0, 1.0 / X.shape[0])
    s_plus = rowdot(W * np.where(benefit, A, 0.0), X)
    s_plus += np.asarray(W @ np.where(benefit, B, 0.0))[..., None]
    s_minus = rowdot(W * np.where(benefit, 0.0, A), X)
    s_minus += np.asarray(W @ np.where(benefit, 0.0, B))[..., None]
    s_plus += _cost_term(s_minus)
    return s_plus


def _copras_general(X: FloatArray, W: FloatArray, benefit: BoolArray) -> FloatArray:
    D = _scale(X, "sum")
    s_plus = np.asarray(W[..., benefit] @ D[:, benefit].T, dtype=np.float64)
    s_minus = np.asarray(W[..., ~benefit] @ D[:, ~benefit].T, dtype=np.float64)
    return s_plus + _cost_term(s_minus)


def _validated(
    X: ArrayLike, benefit: ArrayLike
) -> tuple[FloatArray, BoolArray, FloatArray]:
    arr, total = as_matrix_sums(X)
    mask = as_benefit(benefit, arr.shape[1])
    negative = arr < 0 if arr.min() < 0 else np.zeros((1,), dtype=bool)
    if negative.any():
        pos = first_position(negative)
        raise NormalizationError(
            f"{fmt_position('X', pos)} = {fmt_value(arr[pos])}: COPRAS normalises each column by "
            "its sum and needs non-negative values"
        )
    return arr, mask, total


def copras(X: ArrayLike, W: ArrayLike, benefit: ArrayLike) -> FloatArray:
    """COPRAS relative significance Q; higher is better.

    Parameters
    ----------
    X : array_like, shape (m, n)
        Decision matrix (m alternatives, n criteria), finite and non-negative.
        Cost criteria are given as they are (not inverted).
    W : array_like, shape (n,) or (..., n)
        Non-negative weights, each row summing to 1 (not renormalised).
    benefit : array_like of bool, shape (n,)
        True where a criterion is maximised.

    Returns
    -------
    ndarray, shape W.shape[:-1] + (m,)
        ``Q``; divide by its maximum over alternatives for the utility degree.

    Raises
    ------
    NormalizationError
        A negative value, naming the cell.

    Examples
    --------
    >>> X = [[10.0, 5.0], [20.0, 10.0], [30.0, 5.0]]
    >>> print(copras(X, [0.5, 0.5], [True, False]).round(4))
    [0.2833 0.2667 0.45  ]
    """
    arr, mask, hilo = _validated(X, benefit)
    return _copras(arr, as_weights(W, arr.shape[1]), mask, hilo)


def copras_details(X: ArrayLike, w: ArrayLike, benefit: ArrayLike) -> CoprasDetails:
    """COPRAS for one weight vector with its intermediates named; see :class:`CoprasDetails`.

    Examples
    --------
    >>> d = copras_details([[10.0, 5.0], [20.0, 10.0], [30.0, 5.0]], [0.5, 0.5], [True, False])
    >>> print(d.s_minus, d.utility.round(4))
    [0.125 0.25  0.125] [0.6296 0.5926 1.    ]
    """
    arr, mask, _ = _validated(X, benefit)
    weights = as_single_weights(w, arr.shape[1])
    V = _scale(arr, "sum") * weights
    s_plus = V[:, mask].sum(axis=1)
    s_minus = V[:, ~mask].sum(axis=1)
    Q = s_plus + _cost_term(s_minus)
    top = Q.max()
    utility = Q / top if top > 0 else np.ones_like(Q)
    return CoprasDetails(V, s_plus, s_minus, Q, utility)
