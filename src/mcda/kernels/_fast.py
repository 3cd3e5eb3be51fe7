"""Shared pieces of the single-pass scoring paths (numpy only, no validation).

Every scoring kernel here is written so that the work on ``X`` is a handful of
passes (column maxima and minima, one elementwise transform into at most one
temporary of the size of ``X``, matrix-vector or matrix-matrix products), with
the per-column constants of the normalisation folded into the weights. Such
folding is exact in real arithmetic; in floating point it needs the columns'
magnitudes to stay well inside the float64 range, which :func:`regular` checks.
Matrices outside that range (values near 1e308 or 1e-308) take the kernels'
general paths, which first scale each column by its largest ``|x|``.
"""

from __future__ import annotations

import numpy as np

from mcda._types import BoolArray, FloatArray, IntArray

__all__ = ["SAFE_RANGE", "col_range", "folded_normalization", "regular", "rowdot"]

#: Column magnitudes (largest ``|x|``) for which folding the normalisation into
#: the weights neither overflows nor loses precision to subnormal numbers.
SAFE_RANGE = (1e-100, 1e100)


def col_range(X: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Column maxima and minima of ``X`` (m >= 1), two passes, no temporary."""
    return X.max(axis=0), X.min(axis=0)


def regular(hi: FloatArray, lo: FloatArray) -> bool:
    """True if every column's largest ``|x|`` is 0 or inside :data:`SAFE_RANGE`."""
    top = np.maximum(np.abs(hi), np.abs(lo))
    ok = (top == 0) | ((top >= SAFE_RANGE[0]) & (top <= SAFE_RANGE[1]))
    return bool(ok.all())


def rowdot(C: FloatArray, M: FloatArray) -> FloatArray:
    """``C @ M.T`` for coefficients ``C`` of shape (..., n) and ``M`` (m, n): shape (..., m).

    One weight vector is a matrix-vector product (``M @ c``); a batch is one
    matrix product. Both sum over criteria in BLAS order.
    """
    if C.ndim == 1:
        return np.asarray(M @ C, dtype=np.float64)
    return np.asarray(C @ M.T, dtype=np.float64)


def _inverse(den: FloatArray, fill: float = 0.0) -> FloatArray:
    out = np.full_like(den, fill)
    np.divide(1.0, den, out=out, where=den > 0)
    return out


#: Min-max columns whose range is below this fraction of their largest |x| take the general path.
NARROW_SPAN = 1e-3


def folded_normalization(
    X: FloatArray, hi: FloatArray, lo: FloatArray, benefit: BoolArray, method: str, need_inv: bool = True
) -> tuple[FloatArray, FloatArray, IntArray, FloatArray, FloatArray] | None:
    """``normalize(X, benefit, method)`` as per-column constants, without building it.

    Returns ``(A, B, inv, A_inv, INV)``: ``R[:, j] = A_j X[:, j] + B_j`` on every
    column except those listed in ``inv`` (cost columns under "max" and "sum"),
    where ``R[:, inv[k]] = A_inv[k] * INV[:, k]`` with ``INV = 1 / X[:, inv]``
    (``A_j = B_j = 0`` there). Degenerate columns get the constants that give
    :func:`~mcda.kernels.normalize`'s documented values. ``None`` when a
    column to invert holds a zero (the general path applies its rule).
    With ``need_inv=False`` and method "max", ``INV`` is not built (empty).
    """
    m = X.shape[0]
    cost = ~benefit
    top = np.maximum(np.abs(hi), np.abs(lo))
    A, B = np.zeros_like(hi), np.zeros_like(hi)
    inv = np.flatnonzero(cost) if method in ("max", "sum") else np.zeros(0, dtype=np.int64)
    if (inv.size and not (lo[inv] >= SAFE_RANGE[0]).all()) or (method == "none" and cost.any()):
        return None  # a zero, or a value so small that 1/x overflows: the general path applies its rule
    if method == "minmax" and np.any((hi > lo) & (hi - lo < NARROW_SPAN * top)):
        # A_j x + B_j cancels catastrophically on a column whose range is tiny next to its values
        # (error ~ eps |x| / span); the general path subtracts first.
        return None
    if method == "none":
        A[:] = 1.0
    elif method == "minmax":
        span = hi - lo
        A = np.where(benefit, 1.0, -1.0) * _inverse(span)
        B = np.where(span > 0, np.where(benefit, -lo, hi) * _inverse(span), 1.0)
    elif method == "vector":
        a = _inverse(np.sqrt(np.einsum("ij,ij->j", X, X)))
        A = np.where(benefit, a, -a)
        B = np.where(benefit, 0.0, 1.0)
    elif method == "max":
        A = np.where(benefit, _inverse(top), 0.0)
        B = np.where(benefit & (top == 0), 1.0, 0.0)
    else:  # "sum"
        total = X.sum(axis=0)
        A = np.where(benefit, _inverse(total), 0.0)
        B = np.where(benefit & (total <= 0), 1.0 / m, 0.0)
    build = inv.size and (need_inv or method == "sum")
    INV = np.reciprocal(X[:, inv]) if build else np.zeros((m, 0))
    A_inv = lo[inv] if method == "max" else _inverse(INV.sum(axis=0))
    return A, B, inv, A_inv, INV
