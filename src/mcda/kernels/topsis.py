"""TOPSIS, the Technique for Order Preference by Similarity to Ideal Solution.

Textbook procedure of Hwang & Yoon (1981):

1. ``R = scale(X, normalization)``: direction-preserving column scaling,
   vector normalisation ``x / ||x||_2`` by default (Hwang & Yoon's choice);
2. ``V = R * w`` (weighted normalised matrix);
3. ideal ``V+``: column maximum for benefit criteria, minimum for cost
   criteria; anti-ideal ``V-``: the reverse;
4. Euclidean separations ``d+ = ||V_i - V+||``, ``d- = ||V_i - V-||``;
5. relative closeness ``C_i = d-_i / (d+_i + d-_i)`` in [0, 1], higher is better.

The batched kernel never builds the ``(S, m, n)`` tensor ``V`` for S weight
vectors: because weights are non-negative, ``V+ = w * R+`` and
``d+^2 = sum_j w_j^2 (R_ij - R+_j)^2``, i.e. ``(W**2) @ ((R - R+)**2).T``, one
matrix product of shape ``(S, n) @ (n, m)``.

If ``d+ + d- = 0`` for an alternative (every alternative is identical on
every positively weighted criterion, e.g. a single alternative), its
closeness is defined as 0.5: it is as close to the ideal as to the anti-ideal.

.. note::
   Other libraries differ in the default normalisation: some use min-max
   scaling (or linear ``x / max``) and call the result TOPSIS. Closeness values
   then differ from the textbook numbers, and rankings can differ too. Here the
   default is vector normalisation, as in Hwang & Yoon (1981); other scalings
   are explicit choices through ``normalization``.

References
----------
Hwang, C.-L. and Yoon, K. (1981). *Multiple Attribute Decision Making: Methods
and Applications. A State-of-the-Art Survey.* Lecture Notes in Economics and
Mathematical Systems 186. Springer, Berlin. The fighter-aircraft example used
in the tests is on pp. 133-134. doi:10.1007/978-3-642-48318-9.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mcda._types import ArrayLike, BoolArray, FloatArray
from mcda.kernels._fast import col_range, regular, rowdot
from mcda.kernels._validate import (
    as_benefit,
    as_matrix_range,
    as_single_weights,
    as_weights,
    check_choice,
)
from mcda.kernels.normalize import SCALINGS, Scaling, _scale, check_scalable

__all__ = ["TopsisDetails", "topsis", "topsis_details"]


@dataclass(frozen=True)
class TopsisDetails:
    """Every intermediate result of TOPSIS for one weight vector (read-only arrays).

    Attributes
    ----------
    normalized : ndarray, shape (m, n)
        ``R = scale(X, normalization)``.
    weighted : ndarray, shape (m, n)
        ``V = R * w``.
    ideal, anti_ideal : ndarray, shape (n,)
        Positive and negative ideal points of ``V``.
    d_plus, d_minus : ndarray, shape (m,)
        Euclidean separations from the ideal and the anti-ideal.
    closeness : ndarray, shape (m,)
        ``d_minus / (d_plus + d_minus)``, 0.5 where both are 0.
    d_plus_parts, d_minus_parts : ndarray, shape (m, n)
        Each criterion's squared-distance term, ``(V - ideal) ** 2`` and
        ``(V - anti_ideal) ** 2``; rows sum to ``d_plus ** 2`` and ``d_minus ** 2``.
    """

    normalized: FloatArray
    weighted: FloatArray
    ideal: FloatArray
    anti_ideal: FloatArray
    d_plus: FloatArray
    d_minus: FloatArray
    closeness: FloatArray
    d_plus_parts: FloatArray
    d_minus_parts: FloatArray


def _ideals(R: FloatArray, benefit: BoolArray) -> tuple[FloatArray, FloatArray]:
    hi, lo = R.max(axis=0), R.min(axis=0)
    return np.where(benefit, hi, lo), np.where(benefit, lo, hi)


def _closeness(d_plus: FloatArray, d_minus: FloatArray) -> FloatArray:
    total = d_plus + d_minus
    return np.divide(d_minus, total, out=np.full_like(total, 0.5), where=total > 0)


def _scale_factors(X: FloatArray, hi: FloatArray, lo: FloatArray, normalization: str) -> FloatArray:
    """``a`` (n,) with ``scale(X, normalization) = (X - c) * a`` column by column, for regular ``X``.

    Every scaling is a positive affine map of each column, so the separations
    only need ``a``: ``R_ij - R+_j = a_j (x_ij - x+_j)``. Degenerate columns
    (all zero, or constant under "minmax") are constant after scaling: ``a_j = 0``.
    """
    if normalization == "vector":
        den = np.sqrt(np.einsum("ij,ij->j", X, X))
    elif normalization == "minmax":
        den = hi - lo
    elif normalization == "max":
        den = np.maximum(np.abs(hi), np.abs(lo))
    else:  # "sum"
        den = X.sum(axis=0)
    a = np.zeros_like(den)
    np.divide(1.0, den, out=a, where=den > 0)
    return a


def _topsis(
    X: FloatArray, W: FloatArray, benefit: BoolArray, normalization: str,
    hilo: tuple[FloatArray, FloatArray] | None = None,
) -> FloatArray:
    """Unvalidated :func:`topsis`; ``W`` of shape (..., n) gives scores (..., m).

    ``d+^2 = sum_j (w_j a_j)^2 (x_ij - x+_j)^2`` with the column factors ``a``
    of the scaling: one temporary of the size of ``X``, reused for ``d-``.
    ``hilo``: the column maxima and minima, when the caller has them.
    """
    hi, lo = col_range(X) if hilo is None else hilo
    if not regular(hi, lo):
        return _topsis_general(X, W, benefit, normalization)
    A2 = W * _scale_factors(X, hi, lo, normalization)
    np.square(A2, out=A2)
    T = np.subtract(X, np.where(benefit, hi, lo))
    np.square(T, out=T)
    d_plus = rowdot(A2, T)
    np.subtract(X, np.where(benefit, lo, hi), out=T)
    np.square(T, out=T)
    d_minus = rowdot(A2, T)
    del T
    return _closeness(np.sqrt(d_plus, out=d_plus), np.sqrt(d_minus, out=d_minus))


def _topsis_general(X: FloatArray, W: FloatArray, benefit: BoolArray, normalization: str) -> FloatArray:
    """:func:`_topsis` for any finite ``X``: scales the columns first (values near 1e308 included)."""
    R = _scale(X, normalization)
    ideal, anti = _ideals(R, benefit)
    m = R.shape[0]
    # One product for both separations: (..., n) @ (n, 2m).
    parts = np.concatenate([((R - ideal) ** 2).T, ((R - anti) ** 2).T], axis=1)
    d2: FloatArray = (W * W) @ parts
    return _closeness(np.sqrt(d2[..., :m]), np.sqrt(d2[..., m:]))


def _validated(
    X: ArrayLike, benefit: ArrayLike, normalization: str
) -> tuple[FloatArray, BoolArray, tuple[FloatArray, FloatArray]]:
    arr, hi, lo = as_matrix_range(X)
    mask = as_benefit(benefit, arr.shape[1])
    check_choice(normalization, SCALINGS, "normalization")
    if normalization in ("max", "sum") and (lo < 0).any():
        check_scalable(arr, normalization)
    return arr, mask, (hi, lo)


def topsis(
    X: ArrayLike, W: ArrayLike, benefit: ArrayLike, normalization: Scaling = "vector"
) -> FloatArray:
    """TOPSIS relative closeness to the ideal solution, higher is better.

    Parameters
    ----------
    X : array_like, shape (m, n)
        Decision matrix (m alternatives, n criteria), finite.
    W : array_like, shape (n,) or (..., n)
        Non-negative weights, each row summing to 1 (not renormalised).
    benefit : array_like of bool, shape (n,)
        True where a criterion is maximised, False for cost criteria.
    normalization : {"vector", "minmax", "max", "sum"}
        Direction-preserving column scaling (see :func:`~mcda.kernels.scale`).
        The default "vector" is Hwang & Yoon's (1981); libraries that default
        to min-max scaling give different numbers.

    Returns
    -------
    ndarray, shape W.shape[:-1] + (m,)
        Closeness coefficients in [0, 1]; 0.5 where ``d+ + d- = 0``.

    Examples
    --------
    Hwang & Yoon (1981, pp. 133-134), fighter-aircraft example. The book,
    which rounds intermediate values to four decimals, prints 0.643, 0.268,
    0.613, 0.312.

    >>> X = [[2.0, 1500, 20000, 5.5, 5, 9], [2.5, 2700, 18000, 6.5, 3, 5],
    ...      [1.8, 2000, 21000, 4.5, 7, 7], [2.2, 1800, 20000, 5.0, 5, 5]]
    >>> w = [0.2, 0.1, 0.1, 0.1, 0.2, 0.3]
    >>> benefit = [True, True, True, False, True, True]
    >>> print(topsis(X, w, benefit).round(4))
    [0.6433 0.2684 0.6135 0.3123]
    """
    arr, mask, hilo = _validated(X, benefit, normalization)
    weights = as_weights(W, arr.shape[1])
    return _topsis(arr, weights, mask, normalization, hilo)


def _readonly(a: np.ndarray) -> FloatArray:
    out = np.asarray(a, dtype=np.float64)
    out.flags.writeable = False
    return out


def topsis_details(
    X: ArrayLike, w: ArrayLike, benefit: ArrayLike, normalization: Scaling = "vector"
) -> TopsisDetails:
    """TOPSIS for one weight vector, with every intermediate result named.

    Same definitions as :func:`topsis` (whose closeness it reproduces); see
    :class:`TopsisDetails` for the fields. As there, the default "vector"
    normalisation is the textbook one; min-max defaults elsewhere give other numbers.

    Parameters
    ----------
    X : array_like, shape (m, n)
    w : array_like, shape (n,)
        One weight vector (non-negative, summing to 1).
    benefit : array_like of bool, shape (n,)
    normalization : {"vector", "minmax", "max", "sum"}

    Returns
    -------
    TopsisDetails

    Examples
    --------
    >>> d = topsis_details([[1.0, 2.0], [2.0, 1.0]], [0.5, 0.5], [True, False])
    >>> print(d.ideal.round(4), d.anti_ideal.round(4))
    [0.4472 0.2236] [0.2236 0.4472]
    >>> print(d.closeness)
    [0. 1.]
    """
    arr, mask, _ = _validated(X, benefit, normalization)
    weights = as_single_weights(w, arr.shape[1])
    R = _scale(arr, normalization)
    V = R * weights
    ideal, anti = _ideals(V, mask)
    plus_parts = (V - ideal) ** 2
    minus_parts = (V - anti) ** 2
    d_plus = np.sqrt(plus_parts.sum(axis=1))
    d_minus = np.sqrt(minus_parts.sum(axis=1))
    return TopsisDetails(
        normalized=_readonly(R),
        weighted=_readonly(V),
        ideal=_readonly(ideal),
        anti_ideal=_readonly(anti),
        d_plus=_readonly(d_plus),
        d_minus=_readonly(d_minus),
        closeness=_readonly(_closeness(d_plus, d_minus)),
        d_plus_parts=_readonly(plus_parts),
        d_minus_parts=_readonly(minus_parts),
    )
