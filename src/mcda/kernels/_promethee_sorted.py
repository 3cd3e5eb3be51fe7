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


def _split(V: FloatArray, e: int) -> tuple[FloatArray, FloatArray]:
    """``V = hi + lo`` exactly, ``hi`` a multiple of ``2**e``, ``|lo| <= 2**(e - 1)``."""
    hi = np.ldexp(np.rint(np.ldexp(V, -e)), e)
    return hi, V - hi


def _prefix_len(z: FloatArray, t: float) -> np.ndarray:
    """``#{k : fl(z[a] - z[k]) > t}`` for every ``a``; ``z`` sorted ascending.

    The predicate is true on a prefix of ``z``. ``fl(y - z)`` is within
    ``eps/2 (|y| + |z|)`` of ``y - z``, so only values within a band ``B`` (four
    times that bound) of ``z[a] - t`` can go either way: two ``searchsorted``
    calls bracket the answer (the queries are sorted, so each is a merge) and a
    binary search on the predicate itself finishes it, a step or two unless
    many values tie within rounding of the breakpoint.
    """
    m = z.shape[0]
    with np.errstate(over="ignore", invalid="ignore"):
        B = 4.0 * np.finfo(np.float64).eps * (2.0 * np.abs(z).max() + abs(t))
        centre = z - t
        lo = np.searchsorted(z, centre - B, side="left")
        hi = np.searchsorted(z, centre + B, side="right")
    for _ in range(int((hi - lo).max(initial=0)).bit_length()):
        mid = (lo + hi) >> 1
        with np.errstate(over="ignore", invalid="ignore"):
            true = (z - z[np.minimum(mid, m - 1)]) > t
        open_ = lo < hi
        true &= open_
        np.copyto(hi, mid, where=~true & open_)
        np.copyto(lo, mid + 1, where=true)
    return lo


def _ramp_sums(z: FloatArray, start: np.ndarray, stop: np.ndarray) -> FloatArray:
    """``sum_{start[a] <= k < stop[a]} (z[a] - z[k])`` for every ``a`` (``z`` sorted)."""
    m = z.shape[0]
    e = int(np.frexp(np.abs(z).max() * m)[1]) - _HEADROOM  # m max|z| <= 2**(e + 50)
    z_hi, z_lo = _split(z, e)
    H = np.concatenate([[0.0], np.cumsum(z_hi)])  # exact: multiples of 2**e below 2**(e + 53)
    L = np.concatenate([[0.0], np.cumsum(z_lo)])
    cnt = (stop - start).astype(np.float64)
    exact = cnt * z_hi - (H[stop] - H[start])
    exact += cnt * z_lo - (L[stop] - L[start])
    return exact


def sorted_sums(Y: FloatArray, t0: FloatArray, t1: FloatArray, kind: np.ndarray) -> tuple[FloatArray, FloatArray]:
    """Leaving and entering sums ``sum_b P(y_a - y_b)``, ``sum_b P(y_b - y_a)``, each (m, k).

    ``Y`` (m, k) oriented values; per column the breakpoints ``t0 <= t1`` and the
    ``kind`` of middle piece (:data:`STEP`, :data:`HALF`, :data:`RAMP`). RAMP
    columns must pass :func:`ramp_ok`. One criterion at a time: O(m) memory each.
    """
    m, k = Y.shape
    out = np.empty((2, m, k))
    for j in range(k):  # a loop over criteria
        for side, y in enumerate((Y[:, j], -Y[:, j])):  # entering sums: the leaving sums of -y
            order = np.argsort(y)
            z = y[order]
            c0 = _prefix_len(z, float(t0[j]))  # P = 1 on [0, c1), the middle piece on [c1, c0)
            c1 = c0 if t1[j] == t0[j] else _prefix_len(z, float(t1[j]))
            sums = c1.astype(np.float64)
            if kind[j] == HALF:
                sums += 0.5 * (c0 - c1)
            elif kind[j] == RAMP:
                G = _ramp_sums(z, c1, c0)  # sum over the window of d = y_a - z_k
                sums += (G - (c0 - c1) * t0[j]) / (t1[j] - t0[j])
            out[side, order, j] = sums  # back to the alternatives' order
    return out[0], out[1]
