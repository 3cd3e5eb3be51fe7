"""PROMETHEE unicriterion flow sums in O(m log m) per criterion, from one sort.

For a criterion with oriented values ``y`` (``x`` for benefit, ``-x`` for
cost) the leaving sum of alternative ``a`` is ``sum_b P(y_a - y_b)``. Every
generalised criterion except the Gaussian is piecewise in ``d`` with two
breakpoints ``t0 <= t1``: ``P = 0`` for ``d <= t0``, ``1`` for ``d > t1`` and,
between them, a constant (1/2 for "level") or the ramp ``(d - t0) / (t1 - t0)``
("v-shape": ``t0 = 0, t1 = p``; "linear": ``t0 = q, t1 = p``). With the column
sorted, ``z_0 <= ... <= z_{m-1}``, the float difference ``fl(y_a - z_k)`` does
not increase with ``k`` (rounding is monotone), so ``{k : fl(y_a - z_k) > t}``
is a prefix of the sorted column. Its length is found by a vectorised binary
search on that very predicate, so ties and differences exactly on a threshold
fall on the same side as in the pairwise definition, bit for bit.

The ramp needs ``sum_{k in window} (y_a - z_k)``, a difference of prefix sums.
To keep it as accurate as the pairwise sum (no cancellation between large
prefix sums), every value is split exactly into a high part on a coarse grid
``2**e`` and a low remainder: prefix sums and products of the high parts are
exact integers times ``2**e``, and the low parts are tiny.

The entering sum ``sum_b P(y_b - y_a)`` is the leaving sum of the negated
column (``fl(y_b - y_a) = fl(-y_a - (-y_b))`` exactly), so both come from one call.
"""

from __future__ import annotations

from typing import Final

import numpy as np

from mcda._types import BoolArray, FloatArray

__all__ = ["ramp_ok", "sorted_sums"]

#: Kinds of the middle piece between the breakpoints.
STEP: Final[int] = 0  # no middle piece (usual, u-shape: t0 == t1)
HALF: Final[int] = 1  # level: 1/2
RAMP: Final[int] = 2  # v-shape, linear: (d - t0) / (t1 - t0)

#: Bits below 2**53 kept free in the exact high-part sums (m * max|y| <= 2**(e + _HEADROOM)).
_HEADROOM: Final[int] = 50


def _grid_exponents(Z: FloatArray) -> np.ndarray:
    """Per row ``e`` with ``m * max|z| <= 2**(e + 50)``: sums of m values on the grid ``2**e`` are exact."""
    top = np.abs(Z).max(axis=1) * Z.shape[1]
    return np.frexp(top)[1][:, None] - _HEADROOM


def ramp_ok(Y: FloatArray, width: FloatArray) -> BoolArray:
    """Ramp columns of ``Y`` (m, k), ramps ``width = t1 - t0``, whose sums the split makes accurate.

    Needs ``2**e`` a normal number and ``m * max|y|`` finite, and the rounding of the
    low parts' prefix sums (at most ``m**2 eps 2**e``) below ``2**-50`` of a flow:
    ``m 2**e <= 4 width``. Other columns (a ramp narrower than about ``1e-17 m**2 max|y|``,
    values all within 1e-290 of zero, or near the float limit) are summed pair by pair.
    """
    m = Y.shape[0]
    with np.errstate(over="ignore"):
        top = np.abs(Y).max(axis=0) * m
        e = np.frexp(top)[1] - _HEADROOM
        fine = (top == 0) | ((e > -1000) & (m * np.ldexp(1.0, e) <= 4.0 * width))
    return np.asarray(np.isfinite(top) & (top < 2.0**960) & fine, dtype=bool)


def _split(V: FloatArray, e: np.ndarray) -> tuple[FloatArray, FloatArray]:
    """``V = hi + lo`` exactly, ``hi`` a multiple of ``2**e`` (per row), ``|lo| <= 2**(e - 1)``."""
    hi = np.ldexp(np.rint(np.ldexp(V, -e)), e)
    return hi, V - hi


def _bracket(Z: FloatArray, t: FloatArray) -> tuple[np.ndarray, np.ndarray]:
    """Indices ``lo <= hi`` (K, m) with the predicate of :func:`_prefix_len` true below ``lo``
    and false from ``hi`` on.

    ``fl(y - z)`` is within ``eps/2 (|y| + |z|)`` of ``y - z``, so only values within a
    band ``B`` of ``y - t`` can go either way; ``B`` is four times that bound, one per row.
    """
    K = Z.shape[0]
    lo, hi = np.empty(Z.shape, dtype=np.intp), np.empty(Z.shape, dtype=np.intp)
    with np.errstate(over="ignore", invalid="ignore"):
        B = 4.0 * np.finfo(np.float64).eps * (2.0 * np.abs(Z).max(axis=1) + np.abs(t))
        for j in range(K):  # a loop over criteria; the queries are sorted, so each search is a merge
            centre = Z[j] - t[j]
            lo[j] = np.searchsorted(Z[j], centre - B[j], side="left")
            hi[j] = np.searchsorted(Z[j], centre + B[j], side="right")
    return lo, hi


def _prefix_len(Z: FloatArray, t: FloatArray) -> np.ndarray:
    """``#{k : fl(Z[j, a] - Z[j, k]) > t[j]}`` for every ``j, a``; rows of ``Z`` sorted ascending.

    The predicate is true on a prefix; a binary search on the predicate itself,
    all rows at once, inside the bracket of :func:`_bracket` (a step or two
    unless many values tie within rounding of a breakpoint).
    """
    K, m = Z.shape
    lo, hi = _bracket(Z, t)
    flat = Z.ravel()
    offset = (np.arange(K) * m)[:, None]
    tt = t[:, None]
    for _ in range(int((hi - lo).max(initial=0)).bit_length()):
        mid = (lo + hi) >> 1
        zk = flat[np.minimum(mid, m - 1) + offset]
        with np.errstate(over="ignore", invalid="ignore"):
            true = (Z - zk) > tt
        open_ = lo < hi
        true &= open_
        np.copyto(hi, mid, where=~true & open_)
        np.copyto(lo, mid + 1, where=true)
    return lo


def _ramp_sums(Z: FloatArray, start: np.ndarray, stop: np.ndarray) -> FloatArray:
    """``sum_{start <= k < stop} (Z[j, a] - Z[j, k])`` for every ``j, a`` (rows of ``Z`` sorted)."""
    K, m = Z.shape
    e = _grid_exponents(Z)
    z_hi, z_lo = _split(Z, e)
    zero = np.zeros((K, 1))
    H = np.concatenate([zero, np.cumsum(z_hi, axis=1)], axis=1).ravel()  # exact: multiples of 2**e
    L = np.concatenate([zero, np.cumsum(z_lo, axis=1)], axis=1).ravel()
    offset = (np.arange(K) * (m + 1))[:, None]
    a, b = start + offset, stop + offset
    cnt = (stop - start).astype(np.float64)
    exact = cnt * z_hi - (H[b] - H[a])
    small = cnt * z_lo - (L[b] - L[a])
    return np.asarray(exact + small, dtype=np.float64)


def sorted_sums(Y: FloatArray, t0: FloatArray, t1: FloatArray, kind: np.ndarray) -> tuple[FloatArray, FloatArray]:
    """Leaving and entering sums ``sum_b P(y_a - y_b)``, ``sum_b P(y_b - y_a)``, each (m, k).

    ``Y`` (m, k) oriented values; per column the breakpoints ``t0 <= t1`` and the
    ``kind`` of middle piece (:data:`STEP`, :data:`HALF`, :data:`RAMP`). RAMP
    columns must pass :func:`ramp_ok`.
    """
    k = Y.shape[1]
    Yt = np.concatenate([Y.T, -Y.T])  # (2k, m); the entering sums are the leaving sums of -y
    order = np.argsort(Yt, axis=1)
    Z = np.take_along_axis(Yt, order, axis=1)  # everything below in sorted order, queries included
    T0, T1, K = np.tile(t0, 2), np.tile(t1, 2), np.tile(kind, 2)
    both = _prefix_len(np.concatenate([Z, Z]), np.concatenate([T0, T1]))
    c0, c1 = both[:2 * k], both[2 * k:]  # windows: P = 1 on [0, c1), the middle piece on [c1, c0)
    out = c1.astype(np.float64)
    half = K == HALF
    out[half] += 0.5 * (c0[half] - c1[half])
    ramp = K == RAMP
    if ramp.any():
        G = _ramp_sums(Z[ramp], c1[ramp], c0[ramp])  # sum over the window of d = y_a - z_k
        out[ramp] += (G - (c0[ramp] - c1[ramp]) * T0[ramp, None]) / (T1 - T0)[ramp, None]
    sums = np.empty_like(out)
    np.put_along_axis(sums, order, out, axis=1)  # back to the alternatives' order
    return sums[:k].T, sums[k:].T
