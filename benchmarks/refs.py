"""Tuned numpy references for the single-call scoring kernels (default settings of each method).

Each is what a careful numpy programmer would write for the regular case (every
column non-constant, positive values): no validation, no degenerate-column rules,
one temporary of the size of ``X`` at most, matrix-vector products for the row
sums. :mod:`harness` times our validated kernels against these and checks that
both give the same scores.
"""

from __future__ import annotations

import numpy as np

__all__ = ["REFERENCES", "copras", "edas", "topsis", "vikor", "waspas", "wpm", "wsm"]


def topsis(X: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """Vector-normalised TOPSIS closeness (Hwang & Yoon)."""
    a2 = (w / np.sqrt(np.einsum("ij,ij->j", X, X))) ** 2
    hi, lo = X.max(axis=0), X.min(axis=0)
    T = np.subtract(X, np.where(benefit, hi, lo))
    np.square(T, out=T)
    dp = np.sqrt(T @ a2)
    np.subtract(X, np.where(benefit, lo, hi), out=T)
    np.square(T, out=T)
    dm = np.sqrt(T @ a2)
    return dm / (dp + dm)


def wsm(X: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """Weighted sum with linear 'max' normalisation (cost: min / x)."""
    hi, lo = X.max(axis=0), X.min(axis=0)
    s = X @ np.where(benefit, w / hi, 0.0)
    cost = ~benefit
    if cost.any():
        inv = np.reciprocal(X[:, cost])
        s += inv @ (w * lo)[cost]
    return s


def wpm(X: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """Weighted product with 'max' normalisation, in log space."""
    hi, lo = X.max(axis=0), X.min(axis=0)
    sign = np.where(benefit, 1.0, -1.0)
    const = np.sum(np.where(benefit, -w * np.log(hi), w * np.log(lo)))
    return np.exp(np.log(X) @ (sign * w) + const)


def waspas(X: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """WASPAS with lambda = 0.5: the mean of WSM and WPM ('max' normalisation)."""
    return 0.5 * wsm(X, w, benefit) + 0.5 * wpm(X, w, benefit)


def _rescale(a: np.ndarray) -> np.ndarray:
    lo = a.min()
    return (a - lo) / (a.max() - lo)


def vikor(X: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """VIKOR compromise index Q with v = 0.5."""
    hi, lo = X.max(axis=0), X.min(axis=0)
    T = np.subtract(X, np.where(benefit, hi, lo))
    np.abs(T, out=T)
    T *= w / (hi - lo)
    S = T @ np.ones(X.shape[1])
    R = T.max(axis=1)
    return 0.5 * _rescale(S) + 0.5 * _rescale(R)


def edas(X: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """EDAS appraisal score."""
    av = X.mean(axis=0)
    c = w / av
    cb, cc = np.where(benefit, c, 0.0), np.where(benefit, 0.0, c)
    T = np.subtract(X, av)
    np.maximum(T, 0.0, out=T)        # distances above the average
    sp, sn = T @ cb, T @ cc
    np.subtract(av, X, out=T)
    np.maximum(T, 0.0, out=T)        # distances below it
    sn += T @ cb
    sp += T @ cc
    return (sp / sp.max() + 1.0 - sn / sn.max()) / 2.0


def copras(X: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """COPRAS relative significance Q (sum normalisation)."""
    c = w / X.sum(axis=0)
    sp, sm = X @ np.where(benefit, c, 0.0), X @ np.where(benefit, 0.0, c)
    return sp + sm.sum() / (sm * np.sum(1.0 / sm))


REFERENCES = {"TOPSIS": topsis, "WSM": wsm, "WPM": wpm, "VIKOR": vikor, "EDAS": edas,
              "COPRAS": copras, "WASPAS": waspas}
