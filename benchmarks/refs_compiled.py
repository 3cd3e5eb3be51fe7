"""Fused compiled references (plain numba loops) for the compiled engine's single-call kernels.

What a careful numba programmer would write for the regular case at default
settings: no validation, no degenerate-column rules, one pass for the column
statistics and one for the scores, sequential loops. :mod:`cases` times
``engine="numba"`` against these (imported only by that section).
"""

from __future__ import annotations

import numba
import numpy as np

__all__ = ["topsis", "wsm"]


@numba.njit(cache=False)
def topsis(X: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled
    """Vector-normalised TOPSIS closeness (Hwang & Yoon)."""
    m, n = X.shape
    hi, lo, sq = X[0].copy(), X[0].copy(), np.zeros(n)
    for i in range(m):
        for j in range(n):
            x = X[i, j]
            hi[j] = max(hi[j], x)
            lo[j] = min(lo[j], x)
            sq[j] += x * x
    a2, best, worst = np.empty(n), np.empty(n), np.empty(n)
    for j in range(n):
        a2[j] = w[j] * w[j] / sq[j]
        best[j] = hi[j] if benefit[j] else lo[j]
        worst[j] = lo[j] if benefit[j] else hi[j]
    out = np.empty(m)
    for i in range(m):
        dp = 0.0
        dm = 0.0
        for j in range(n):
            t = X[i, j] - best[j]
            dp += a2[j] * t * t
            t = X[i, j] - worst[j]
            dm += a2[j] * t * t
        dp, dm = np.sqrt(dp), np.sqrt(dm)
        out[i] = dm / (dp + dm)
    return out


@numba.njit(cache=False)
def wsm(X: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled
    """Weighted sum with linear 'max' normalisation (cost: min / x)."""
    m, n = X.shape
    hi, lo = X[0].copy(), X[0].copy()
    for i in range(m):
        for j in range(n):
            x = X[i, j]
            hi[j] = max(hi[j], x)
            lo[j] = min(lo[j], x)
    c = np.empty(n)
    for j in range(n):
        c[j] = w[j] / hi[j] if benefit[j] else w[j] * lo[j]
    out = np.empty(m)
    for i in range(m):
        s = 0.0
        for j in range(n):
            s += c[j] * X[i, j] if benefit[j] else c[j] / X[i, j]
        out[i] = s
    return out
