"""VIKOR: compromise ranking by group utility S, individual regret R and index Q.

Procedure of Opricovic (1998) and Opricovic & Tzeng (2004), for weights ``w``
and the parameter ``v`` ("weight of the strategy of the majority of criteria"):

1. best ``f*_j`` and worst ``f-_j`` value of every criterion (max/min for a
   benefit criterion, min/max for a cost criterion);
2. ``d_ij = (f*_j - x_ij) / (f*_j - f-_j)`` in [0, 1] (linear normalisation;
   0 = best), ``S_i = sum_j w_j d_ij`` and ``R_i = max_j w_j d_ij``;
3. ``Q_i = v (S_i - S*) / (S- - S*) + (1 - v) (R_i - R*) / (R- - R*)`` with
   ``S* = min S``, ``S- = max S`` and likewise for R.

**Lower is better** for S, R and Q. The compromise conditions are checked
by :func:`vikor_compromise`.

Degenerate data get defined values, never NaN: a constant column
(``f*_j = f-_j``) has ``d_ij = 0`` for every alternative (it separates
nobody); when every alternative has the same S (``S* = S-``, e.g. a single
alternative) the S-term of Q is 0 for all, and likewise for R. Identical
alternatives therefore get ``Q = 0``.

The batched kernel never builds an ``(S, m, n)`` tensor: ``S = W @ d.T`` is
one matrix product and ``R`` is a running maximum over the n criteria.

References
----------
Opricovic, S. (1998). *Multicriteria Optimization of Civil Engineering
Systems*. Faculty of Civil Engineering, Belgrade.

Opricovic, S. and Tzeng, G.-H. (2004). Compromise solution by MCDM methods:
A comparative analysis of VIKOR and TOPSIS. *European Journal of Operational
Research* 156(2), 445-455. doi:10.1016/S0377-2217(03)00020-1.

Opricovic, S. and Tzeng, G.-H. (2007). Extended VIKOR method in comparison
with outranking methods. *European Journal of Operational Research* 178(2),
514-529. doi:10.1016/j.ejor.2006.01.020.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from mcda._params import positive
from mcda._types import ArrayLike, BoolArray, FloatArray
from mcda.errors import InputError
from mcda.kernels._fast import col_range, regular, rowdot
from mcda.kernels._validate import as_benefit, as_matrix_range, as_scores, as_weights
from mcda.kernels.normalize import _unit_cols

__all__ = ["VikorCompromise", "VikorResult", "vikor", "vikor_compromise", "vikor_regrets"]


class VikorResult(NamedTuple):
    """VIKOR measures, each of shape ``W.shape[:-1] + (m,)``; **lower is better** for all three.

    Attributes
    ----------
    S : ndarray
        Group utility, ``sum_j w_j d_ij`` (weighted Manhattan distance to the ideal).
    R : ndarray
        Individual regret, ``max_j w_j d_ij`` (weighted Chebyshev distance).
    Q : ndarray
        Compromise index in [0, 1]; the ranking measure of VIKOR.
    """

    S: FloatArray
    R: FloatArray
    Q: FloatArray


class VikorCompromise(NamedTuple):
    """Opricovic & Tzeng's compromise conditions, for each weight vector of a batch.

    Attributes
    ----------
    best : ndarray of int, shape (...)
        Index of the alternative ranked first by Q (lowest index among exact ties).
    advantage : ndarray of bool, shape (...)
        C1, acceptable advantage: ``Q(a'') - Q(a') >= DQ = 1/(m - 1)``, where
        ``a''`` is second by Q. True when m = 1.
    stability : ndarray of bool, shape (...)
        C2, acceptable stability: ``a'`` is also ranked first (possibly tied)
        by S or by R.
    compromise : ndarray of bool, shape (..., m)
        The compromise set: ``{a'}`` when C1 and C2 hold; ``{a', a''}`` when
        only C2 fails; otherwise every alternative with ``Q - Q(a') < DQ``.
    """

    best: np.ndarray
    advantage: np.ndarray
    stability: np.ndarray
    compromise: np.ndarray


def vikor_regrets(X: FloatArray, benefit: BoolArray) -> FloatArray:
    """Normalised distances to the best value, ``d_ij`` in [0, 1] (0 = best), shape (m, n).

    Unvalidated helper: ``X`` float64 (m, n), ``benefit`` bool (n,). Constant
    columns give 0.

    Examples
    --------
    >>> import numpy as np
    >>> print(vikor_regrets(np.array([[1.0, 5.0], [3.0, 5.0]]), np.array([True, False])))
    [[1. 0.]
     [0. 0.]]
    """
    X = _unit_cols(X)  # regrets are ratios to the range: scale-free, and no overflow near ±1e308
    hi, lo = X.max(axis=0), X.min(axis=0)
    best = np.where(benefit, hi, lo)
    span = hi - lo
    d = np.zeros_like(X)
    np.divide(np.abs(best - X), span, out=d, where=span > 0)
    return d


def _rescale(a: FloatArray) -> FloatArray:
    """``(a - min) / (max - min)`` along the last axis, 0 where the range is 0."""
    lo = a.min(axis=-1, keepdims=True)
    span = a.max(axis=-1, keepdims=True) - lo
    out = np.zeros_like(a)
    np.divide(a - lo, span, out=out, where=span > 0)
    return out


def _vikor(
    X: FloatArray, W: FloatArray, benefit: BoolArray, v: float, hilo: tuple[FloatArray, FloatArray] | None = None
) -> VikorResult:
    """Unvalidated :func:`vikor`.

    ``w_j d_ij = c_j |x_ij - x*_j|`` with ``c = w / (max - min)`` (0 on constant
    columns): one temporary ``|X - best|``; S is one product, R a row maximum.
    """
    hi, lo = col_range(X) if hilo is None else hilo
    if not regular(hi, lo):
        return _vikor_general(X, W, benefit, v)
    span = hi - lo
    C = np.zeros(np.broadcast_shapes(W.shape, span.shape))
    np.divide(W, span, out=C, where=span > 0)
    T = np.subtract(X, np.where(benefit, hi, lo))
    np.abs(T, out=T)
    S = rowdot(C, T)
    if W.ndim == 1:
        T *= C
        R = T.max(axis=1)
    else:
        R = np.zeros((*W.shape[:-1], X.shape[0]), dtype=np.float64)
        for j in range(X.shape[1]):  # a loop over criteria, never over samples
            np.maximum(R, C[..., j, None] * T[:, j], out=R)
    del T
    Q = v * _rescale(S) + (1.0 - v) * _rescale(R)
    return VikorResult(S, R, Q)


def _vikor_general(X: FloatArray, W: FloatArray, benefit: BoolArray, v: float) -> VikorResult:
    d = vikor_regrets(X, benefit)
    S = np.asarray(W @ d.T, dtype=np.float64)
    R = np.zeros((*W.shape[:-1], X.shape[0]), dtype=np.float64)
    for j in range(X.shape[1]):  # a loop over criteria, never over samples
        np.maximum(R, W[..., j, None] * d[:, j], out=R)
    Q = v * _rescale(S) + (1.0 - v) * _rescale(R)
    return VikorResult(S, R, Q)


def _check_v(v: float) -> float:
    try:
        val = float(v)
    except (TypeError, ValueError):
        raise InputError(f"v must be a number in [0, 1]; got {v!r}") from None
    if not (0.0 <= val <= 1.0):
        raise InputError(f"v must be in [0, 1] (weight of the group-utility strategy); got {v!r}")
    return val


def vikor(X: ArrayLike, W: ArrayLike, benefit: ArrayLike, v: float = 0.5) -> VikorResult:
    """VIKOR group utility S, individual regret R and compromise index Q; lower is better.

    Parameters
    ----------
    X : array_like, shape (m, n)
        Decision matrix (m alternatives, n criteria), finite.
    W : array_like, shape (n,) or (..., n)
        Non-negative weights, each row summing to 1 (not renormalised).
    benefit : array_like of bool, shape (n,)
        True where a criterion is maximised.
    v : float, default 0.5
        Weight of the "majority of criteria" strategy (S) against individual
        regret (R); 0.5 is Opricovic & Tzeng's "by consensus" value.

    Returns
    -------
    VikorResult
        ``S``, ``R`` and ``Q``, each of shape ``W.shape[:-1] + (m,)``, all
        lower-is-better. See the module docstring for degenerate data.

    Examples
    --------
    >>> X = [[1.0, 3000.0], [2.0, 3750.0], [5.0, 4500.0]]
    >>> r = vikor(X, [0.6, 0.4], [True, False])
    >>> print(r.S, r.R, r.Q)
    [0.6  0.65 0.4 ] [0.6  0.45 0.4 ] [0.9   0.625 0.   ]
    """
    arr, hi, lo = as_matrix_range(X)
    n = arr.shape[1]
    mask = as_benefit(benefit, n)
    weights = as_weights(W, n)
    return _vikor(arr, weights, mask, _check_v(v), (hi, lo))


def _top_by(a: FloatArray, best: np.ndarray, atol: float) -> np.ndarray:
    """True where ``best`` attains the row minimum of ``a`` (within ``atol``)."""
    val = np.take_along_axis(a, best[..., None], axis=-1)[..., 0]
    return np.asarray(val <= a.min(axis=-1) + atol)


def vikor_compromise(result: VikorResult, atol: float = 1e-12) -> VikorCompromise:
    """Check Opricovic & Tzeng's conditions C1, C2 and form the compromise set.

    Parameters
    ----------
    result : VikorResult
        Output of :func:`vikor` (any batch shape).
    atol : float, default 1e-12
        Tolerance for ties in S and R when checking C2, and on the DQ threshold.

    Returns
    -------
    VikorCompromise
        Vectorised over the batch: no Python loop over weight vectors.

    Examples
    --------
    >>> X = [[1.0, 3000.0], [2.0, 3750.0], [5.0, 4500.0]]
    >>> c = vikor_compromise(vikor(X, [0.6, 0.4], [True, False]))
    >>> int(c.best), bool(c.advantage), bool(c.stability), c.compromise
    (2, True, True, array([False, False,  True]))
    """
    atol = positive(atol, "atol", allow_zero=True)
    S, R, Q = (as_scores(a, name) for a, name in zip(result, ("S", "R", "Q"), strict=True))
    if not (S.shape == R.shape == Q.shape):
        raise InputError(f"S, R and Q must have one shape; got {S.shape}, {R.shape}, {Q.shape}")
    m = Q.shape[-1]
    order = np.argsort(Q, axis=-1, kind="stable")
    best = order[..., 0]
    q_best = np.take_along_axis(Q, order[..., :1], axis=-1)
    if m == 1:
        advantage = np.ones(Q.shape[:-1], dtype=bool)
    else:
        dq = 1.0 / (m - 1)
        q_second = np.take_along_axis(Q, order[..., 1:2], axis=-1)
        advantage = np.asarray((q_second - q_best >= dq - atol)[..., 0])
    stability = np.asarray(_top_by(S, best, atol) | _top_by(R, best, atol))
    first = np.zeros(Q.shape, dtype=bool)
    np.put_along_axis(first, order[..., :1], True, axis=-1)
    pair = first.copy()
    if m > 1:
        np.put_along_axis(pair, order[..., 1:2], True, axis=-1)
        near = (Q - q_best) < (1.0 / (m - 1)) - atol
    else:
        near = first
    both = (advantage & stability)[..., None]
    only_c2_fails = (advantage & ~stability)[..., None]
    compromise = np.where(both, first, np.where(only_c2_fails, pair, near | first))
    return VikorCompromise(np.asarray(best, dtype=np.int64), advantage, stability, compromise)
