"""Compiled single-call TOPSIS and WSM (the optional ``fast`` extra: numba).

Used by the method objects when asked for (``get_method("topsis", engine="numba")``)
and a single weight vector is scored. Each call makes two fused passes over
``X``: one for the column statistics (maxima, minima, sums and sums of
squares), which also proves every value finite, and one that writes the
scores, with no temporary of the size of ``X`` (WSM's "sum" normalisation
adds a pass for the sums of reciprocals of its cost columns). The loops are sequential (no ``prange``), so a
result does not depend on the number of threads.

The per-column constants are those of the numpy kernels (:mod:`.topsis`,
:mod:`.additive`, :func:`._fast.folded_normalization`), computed from the same
statistics; only the order of the additions differs, so the scores agree with
the numpy path to rounding (the tests check 1e-12). Everything the compiled
path does not cover (a batch of weight vectors, a matrix outside
:data:`._fast.SAFE_RANGE`, a degenerate column the general path has a rule
for, and every invalid input, which the numpy path rejects with its located
error) is handed to the numpy kernel unchanged.

Importing this module imports numba; ``import mcda`` never does. Compiled code
is not cached on disk (``cache=False``): numba would write it beside this file,
inside an installed package. The first call in a process compiles (about a
second); later calls do not.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numba
import numpy as np

from mcda._types import ArrayLike, BoolArray, FloatArray
from mcda.errors import MCDAError
from mcda.kernels._fast import NARROW_SPAN, SAFE_RANGE, regular
from mcda.kernels._validate import _as_float_array, as_benefit, as_weights, check_choice
from mcda.kernels.additive import wsm as numpy_wsm
from mcda.kernels.normalize import NORMALIZATIONS, SCALINGS, check_normalizable
from mcda.kernels.topsis import topsis as numpy_topsis

__all__ = ["topsis", "wsm"]

@numba.njit(cache=False, nogil=True)
def _column_stats(X: Any) -> Any:  # pragma: no cover - compiled
    """One pass: column maxima, minima, sums and sums of squares. A NaN or an infinity shows
    in a sum (as does a sum beyond the float range: the caller then takes the numpy path)."""
    m, n = X.shape
    hi, lo = X[0].copy(), X[0].copy()
    s, sq = np.zeros(n), np.zeros(n)
    for i in range(m):
        for j in range(n):
            x = X[i, j]
            hi[j] = max(hi[j], x)
            lo[j] = min(lo[j], x)
            s[j] += x
            sq[j] += x * x
    return hi, lo, s, sq


@numba.njit(cache=False, nogil=True)
def _reciprocal_sums(X: Any, cols: Any) -> Any:  # pragma: no cover - compiled
    """Sums of ``1 / x`` over the nonzero values of the columns ``cols`` (WSM's "sum" on cost criteria)."""
    m = X.shape[0]
    rec = np.zeros(X.shape[1])
    for i in range(m):
        for j in cols:
            x = X[i, j]
            if x != 0.0:
                rec[j] += 1.0 / x
    return rec


def _stats(arr: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, bool]:
    hi, lo, s, sq = _column_stats(arr)
    ok = bool(np.isfinite(hi).all() and np.isfinite(lo).all() and np.isfinite(s).all() and np.isfinite(sq).all())
    return hi, lo, s, sq, ok


@numba.njit(cache=False, nogil=True)
def _topsis_scores(X: Any, a2: Any, ideal: Any, anti: Any) -> Any:  # pragma: no cover - compiled
    """Closeness ``d- / (d+ + d-)`` per row, ``d+^2 = sum_j a2_j (x_ij - ideal_j)^2``; 0.5 where both are 0."""
    m, n = X.shape
    out = np.empty(m)
    for i in range(m):
        dp = 0.0
        dm = 0.0
        for j in range(n):
            x = X[i, j]
            t = x - ideal[j]
            dp += a2[j] * (t * t)
            t = x - anti[j]
            dm += a2[j] * (t * t)
        dp, dm = np.sqrt(dp), np.sqrt(dm)
        total = dp + dm
        out[i] = dm / total if total > 0.0 else 0.5
    return out


@numba.njit(cache=False, nogil=True)
def _wsm_scores(X: Any, c: Any, c_inv: Any, inv: Any, const: float) -> Any:  # pragma: no cover - compiled
    """``sum_j c_j x_ij + sum_{j in inv} c_inv_j / x_ij + const`` per row."""
    m, n = X.shape
    out = np.empty(m)
    for i in range(m):
        total = 0.0
        for j in range(n):
            x = X[i, j]
            if inv[j]:
                total += c_inv[j] / x
            else:
                total += c[j] * x
        out[i] = total + const
    return out


def _inverse(den: FloatArray, fill: float = 0.0) -> FloatArray:
    out = np.full_like(den, fill)
    np.divide(1.0, den, out=out, where=den > 0)
    return out


def _matrix(X: ArrayLike) -> FloatArray | None:
    """``X`` as a 2-D float64 array the compiled loops take, or None (the numpy path then validates)."""
    arr = _as_float_array(X, "X")
    if arr.ndim != 2 or arr.shape[0] < 1 or arr.shape[1] < 1:
        return None
    return arr


def _single(W: ArrayLike, n: int) -> FloatArray | None:
    """One validated weight vector, or None for a batch (the numpy path scores batches)."""
    w = as_weights(W, n)
    return w if w.ndim == 1 else None


_Stats = tuple[FloatArray, FloatArray, FloatArray, FloatArray]  # column max, min, sum, sum of squares


def _checked(X: ArrayLike, W: ArrayLike, benefit: ArrayLike, normalization: str, choices: Sequence[str]
             ) -> tuple[FloatArray, BoolArray, FloatArray, _Stats] | None:
    """``(X, benefit, w, column statistics)`` when the compiled path may score, else None: then the numpy
    path scores, or raises in its own order (a bad X first); batches of weights go there too."""
    arr = _matrix(X)
    if arr is None:
        return None
    n = arr.shape[1]
    try:
        mask = as_benefit(benefit, n)
        check_choice(normalization, choices, "normalization")
        w = _single(W, n)
    except MCDAError:
        return None
    hi, lo, s, sq, ok = _stats(arr)
    if w is None or not ok:
        return None
    return arr, mask, w, (hi, lo, s, sq)


def topsis(X: ArrayLike, W: ArrayLike, benefit: ArrayLike, normalization: str = "vector") -> FloatArray:
    """:func:`mcda.kernels.topsis` by the compiled path (same arguments, same validation, same numbers).

    Examples
    --------
    >>> X = np.array([[2.0, 1500, 20000, 5.5, 5, 9], [2.5, 2700, 18000, 6.5, 3, 5],
    ...               [1.8, 2000, 21000, 4.5, 7, 7], [2.2, 1800, 20000, 5.0, 5, 5]])
    >>> w = np.array([0.2, 0.1, 0.1, 0.1, 0.2, 0.3])
    >>> print(topsis(X, w, np.array([True, True, True, False, True, True])).round(4))
    [0.6433 0.2684 0.6135 0.3123]
    """
    checked = _checked(X, W, benefit, normalization, SCALINGS)
    if checked is None:
        return numpy_topsis(X, W, benefit, normalization)  # type: ignore[arg-type]
    arr, mask, w, (hi, lo, s, sq) = checked
    if not regular(hi, lo) or (normalization in ("max", "sum") and (lo < 0).any()):
        return numpy_topsis(arr, w, mask, normalization)  # type: ignore[arg-type]
    if normalization == "vector":
        den = np.sqrt(sq)
    elif normalization == "minmax":
        den = hi - lo
    elif normalization == "max":
        den = np.maximum(np.abs(hi), np.abs(lo))
    else:  # "sum"
        den = s
    a2 = np.square(w * _inverse(den))  # the scale factors of .topsis._scale_factors
    return np.asarray(_topsis_scores(arr, a2, np.where(mask, hi, lo), np.where(mask, lo, hi)), dtype=np.float64)


def _wsm_coefficients(
    hi: FloatArray, lo: FloatArray, s: FloatArray, sq: FloatArray, rec: FloatArray, benefit: BoolArray,
    method: str, m: int,
) -> tuple[FloatArray, FloatArray, BoolArray, FloatArray] | None:
    """``(A, B, inv, A_inv)`` of :func:`._fast.folded_normalization` from the column statistics, or None."""
    cost = ~benefit
    top = np.maximum(np.abs(hi), np.abs(lo))
    inv = cost if method in ("max", "sum") else np.zeros_like(cost)
    if (inv.any() and not (lo[inv] >= SAFE_RANGE[0]).all()) or (method == "none" and cost.any()):
        return None
    if method == "minmax" and np.any((hi > lo) & (hi - lo < NARROW_SPAN * top)):
        return None
    if method == "none":
        A, B = np.ones_like(hi), np.zeros_like(hi)
    elif method == "minmax":
        span = hi - lo
        A = np.where(benefit, 1.0, -1.0) * _inverse(span)
        B = np.where(span > 0, np.where(benefit, -lo, hi) * _inverse(span), 1.0)
    elif method == "vector":
        a = _inverse(np.sqrt(sq))
        A, B = np.where(benefit, a, -a), np.where(benefit, 0.0, 1.0)
    elif method == "max":
        A, B = np.where(benefit, _inverse(top), 0.0), np.where(benefit & (top == 0), 1.0, 0.0)
    else:  # "sum"
        A, B = np.where(benefit, _inverse(s), 0.0), np.where(benefit & (s <= 0), 1.0 / m, 0.0)
    A_inv = np.where(inv, lo if method == "max" else _inverse(rec), 0.0)
    return A, B, inv, A_inv


def wsm(X: ArrayLike, W: ArrayLike, benefit: ArrayLike, normalization: str = "max") -> FloatArray:
    """:func:`mcda.kernels.wsm` by the compiled path (same arguments, same validation, same numbers).

    Examples
    --------
    >>> X = np.array([[25.0, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]])
    >>> print(wsm(X, np.array([0.20, 0.15, 0.40, 0.25]), np.array([True] * 4), "none").round(2))
    [21.5 22.  22. ]
    """
    checked = _checked(X, W, benefit, normalization, NORMALIZATIONS)
    if checked is None:
        return numpy_wsm(X, W, benefit, normalization)  # type: ignore[arg-type]
    arr, mask, w, (hi, lo, s, sq) = checked
    m, n = arr.shape
    check_normalizable(arr, mask, normalization, lo)
    cost = np.flatnonzero(~mask)
    rec = _reciprocal_sums(arr, cost) if normalization == "sum" and cost.size else np.zeros(n)
    parts = _wsm_coefficients(hi, lo, s, sq, rec, mask, normalization, m) if regular(hi, lo) else None
    if parts is None:
        return numpy_wsm(arr, w, mask, normalization)  # type: ignore[arg-type]
    A, B, inv, A_inv = parts
    return np.asarray(_wsm_scores(arr, w * A, w * A_inv, inv, float(w @ B)), dtype=np.float64)
