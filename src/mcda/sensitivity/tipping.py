"""Exact tipping points: where two alternatives swap places along a weight path.

Along a path ``w(t) = a + t b`` (:mod:`mcda.sensitivity.path`) every method's
score gap between alternatives ``i`` and ``k`` is a function of ``t`` alone.

* **WSM** (any normalisation: all are weight-independent), and AHP synthesis,
  which is a weighted sum of normalised local priorities: with ``R`` the
  normalised matrix, ``S_i(t) = R_i·a + t R_i·b`` is linear, so each pair has
  at most one crossing, ``t* = -(R_i - R_k)·a / (R_i - R_k)·b``.
* **WPM** (Bridgman 1922; Triantaphyllou 2000, ch. 2): ``ln S_i(t) = ln R_i·a + t ln R_i·b``
  is linear in ``t``; the same formula in log space. A zero in ``R`` breaks the
  log-linearity; such problems use the numeric route below.
* **TOPSIS** (Hwang & Yoon 1981) with its weight-independent scalings: the
  ideal points of ``V = R w`` are ``w R+`` and ``w R-`` because ``w >= 0``, so
  ``d+_i(t)^2 = p_i(t) = sum_j (a_j + t b_j)^2 (R_ij - R+_j)^2`` and
  ``d-_i(t)^2 = q_i(t)`` are quadratics in ``t``. Closeness is equal when
  ``sqrt(q_i) (sqrt(p_k) + sqrt(q_k)) = sqrt(q_k) (sqrt(p_i) + sqrt(q_i))``;
  the ``sqrt(q_i q_k)`` terms cancel, leaving ``sqrt(q_i p_k) = sqrt(q_k p_i)``.
  Both sides are non-negative, so squaring is an equivalence:
  ``f(t) = q_i(t) p_k(t) - q_k(t) p_i(t) = 0``, a polynomial of degree <= 4 whose
  sign is the sign of ``C_i - C_k`` wherever ``d+ + d- > 0``. Spurious roots can
  only come from points where an alternative has ``d+ = d- = 0`` (closeness
  defined as 0.5) and from rounding; both are removed by re-scoring.

Every real root in (0, 1) of these polynomials is found with the eigenvalues
of its companion matrix (batched over all pairs), polished by Newton steps, and
**confirmed by scoring** the method at ``t* ± ε``: it is kept only if the two
alternatives are in opposite orders on the two sides (touching points, where
they tie without swapping, are dropped). Roots exactly at ``t = 0`` or ``t = 1``
are not swaps inside the range and are not reported.

**Other methods** (and WPM with zeros) are handled numerically: the gap is
evaluated on a grid of ``n_scan`` points (one batched call), every sign change
is refined with ``scipy.optimize.brentq``, then confirmed the same way. Two
crossings of one pair inside one grid cell leave no sign change on the grid;
they are looked for where the gap dips towards zero (a local minimum of its
magnitude whose parabolic fit falls below half of it): the gap is minimised on
the two cells around it and, if it changes sign, both crossings are refined.
A double crossing whose dip the grid does not show at all (a narrow spike
between two grid points) can still be missed: raise ``n_scan``.

References
----------
Hwang, C.-L. and Yoon, K. (1981). *Multiple Attribute Decision Making.* Springer.
Triantaphyllou, E. (2000). *Multi-Criteria Decision Making Methods: A Comparative Study.* Kluwer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from mcda import defaults
from mcda._lazy import lazy_module
from mcda._params import MAX_GRID, count
from mcda._types import ArrayLike, BoolArray, FloatArray, IntArray
from mcda.errors import InputError
from mcda.methods import Method
from mcda.sensitivity._common import Scorer, resolve_method, validated_problem
from mcda.sensitivity.path import WeightPath, leaf_path

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

__all__ = ["TippingPoints", "gap_polynomials", "pair_polynomials", "tipping_points"]

_EPSILONS = (1e-7, 1e-5, 1e-3)
#: Scores (rows × alternatives, or grid points × pairs) held at once while scanning and confirming roots.
CONFIRM_ROWS = 1 << 22


@dataclass(frozen=True)
class TippingPoints:
    """Confirmed order swaps along one weight path, sorted by ``t``.

    Attributes
    ----------
    t : ndarray, shape (p,)
        Values of the swept local weight where a pair swaps, in (0, 1).
    ahead, behind : ndarray of int, shape (p,)
        The pair: ``ahead`` leads ``behind`` just below ``t``, the reverse just above.
    leader_before, leader_after : ndarray of int, shape (p,)
        The best alternative just below and just above ``t``.
    leader_changes : ndarray of bool, shape (p,)
    distance : ndarray, shape (p,)
        L1 distance between the global weights at ``t`` and the profile's.
    path : WeightPath
    method : str
    exact : bool
        True for the closed forms (WSM, WPM, TOPSIS), False for the numeric scan.
    """

    t: FloatArray
    ahead: IntArray
    behind: IntArray
    leader_before: IntArray
    leader_after: IntArray
    leader_changes: BoolArray
    distance: FloatArray
    path: WeightPath
    method: str
    exact: bool

    def __len__(self) -> int:
        return int(self.t.size)

    def to_frame(self, alternatives: list[str] | None = None) -> pd.DataFrame:
        """One row per tipping point: node, weight_now, weight, ahead, behind, leaders, distance."""
        m = int(max([*self.ahead, *self.behind, *self.leader_before, 0])) + 1
        alts = np.asarray(alternatives or [f"a{i}" for i in range(m)], dtype=object)
        return pd.DataFrame({
            "node": self.path.node, "weight_now": self.path.t0, "weight": self.t,
            "ahead": alts[self.ahead], "behind": alts[self.behind],
            "leader_before": alts[self.leader_before], "leader_after": alts[self.leader_after],
            "leader_changes": self.leader_changes, "l1_distance": self.distance,
            "method": self.method, "exact": self.exact,
        })

    def _repr_html_(self) -> str:
        """Notebook display: one row per tipping point."""
        from mcda._display import html_block, html_frame

        return html_block(f"Tipping points of {self.path.node} ({self.method}, "
                          f"{'exact' if self.exact else 'numeric'}): {len(self)}",
                          [html_frame(self.to_frame(), index=False)])


# --------------------------------------------------------------- gap polynomials


def _pairs(m: int) -> tuple[IntArray, IntArray]:
    i, k = np.triu_indices(m, 1)
    return i.astype(np.int64), k.astype(np.int64)


def gap_polynomials(
    method: Method, X: FloatArray, benefit: BoolArray, A: FloatArray, B: FloatArray, i: IntArray, k: IntArray,
) -> FloatArray | None:
    """Gap polynomials ``f(t)``, whose sign is that of ``S_i - S_k`` along ``w(t) = A + t B``.

    ``A`` and ``B`` (..., n) broadcast against the pairs ``i, k`` (p,); the result
    has shape (..., p, d + 1), highest degree first (d = 1 for WSM/WPM, 4 for
    TOPSIS). None when the method has no closed form for this data (the method
    declares it: :meth:`mcda.methods.Method.gap_polynomials`).
    """
    return method.gap_polynomials(X, benefit, A, B, i, k)


def pair_polynomials(
    method: Method, X: FloatArray, benefit: BoolArray, path: WeightPath
) -> tuple[IntArray, IntArray, FloatArray | None]:
    """Gap polynomials of every pair ``i < k`` along one path: ``(i, k, coefficients (p, d + 1) or None)``."""
    i, k = _pairs(X.shape[0])
    return i, k, gap_polynomials(method, X, benefit, path.a, path.b, i, k)


def _unit_roots(coefs: FloatArray) -> tuple[IntArray, FloatArray]:
    """Real roots in (0, 1) of each row's polynomial: (row index, root), batched by degree."""
    scale = np.abs(coefs).max(axis=1, keepdims=True)
    c = np.where(np.abs(coefs) <= 1e-12 * scale, 0.0, coefs)
    nz = c != 0
    lead = np.where(nz.any(axis=1), nz.argmax(axis=1), c.shape[1])
    degree = c.shape[1] - 1 - lead
    rows, roots = [], []
    for d in range(1, c.shape[1]):
        sel = np.flatnonzero(degree == d)
        if sel.size == 0:
            continue
        sub = c[sel, c.shape[1] - 1 - d:]
        sub = sub / sub[:, :1]
        comp = np.zeros((sel.size, d, d))
        comp[:, 0, :] = -sub[:, 1:]
        if d > 1:
            comp[:, np.arange(1, d), np.arange(d - 1)] = 1.0
        z = np.linalg.eigvals(comp)
        real = np.abs(z.imag) <= 1e-6 * (1.0 + np.abs(z.real))
        r = _newton(sub, np.where(real, z.real, 2.0))
        ok = real & (r > 0.0) & (r < 1.0)
        rr, cc = np.nonzero(ok)
        rows.append(sel[rr])
        roots.append(r[rr, cc])
    if not rows:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    return np.concatenate(rows).astype(np.int64), np.concatenate(roots)


def _newton(monic: FloatArray, r: FloatArray, steps: int = 4) -> FloatArray:
    """A few Newton steps on each row's polynomial, starting from each of its roots r (rows, d)."""
    d = monic.shape[1] - 1
    deriv = monic[:, :-1] * np.arange(d, 0, -1)
    for _ in range(steps):
        f = np.zeros_like(r)
        for j in range(d + 1):
            f = f * r + monic[:, j : j + 1]
        g = np.zeros_like(r)
        for j in range(d):
            g = g * r + deriv[:, j : j + 1]
        step = np.divide(f, g, out=np.zeros_like(f), where=np.abs(g) > 1e-300)
        r = np.where(np.abs(step) < 1e-3, r - step, r)
    return r


# ------------------------------------------------------------------ numeric route


def _scan_roots(scorer: Scorer, path: WeightPath, m: int, n_scan: int) -> tuple[IntArray, IntArray, FloatArray]:
    """Roots of every pair's score gap on a grid of ``n_scan`` points, pairs taken in bounded pieces."""
    grid = np.linspace(0.0, 1.0, n_scan)
    S = scorer(path.weights(grid))
    tol = 1e-12 * np.abs(S).max(axis=1, keepdims=True)
    i_all, k_all = _pairs(m)
    piece = max(1, CONFIRM_ROWS // n_scan)
    parts = [_scan_pairs(scorer, path, grid, S, tol, i_all[a:a + piece], k_all[a:a + piece])
             for a in range(0, i_all.size, piece)]
    return (np.concatenate([p[0] for p in parts] or [np.zeros(0, np.int64)]),
            np.concatenate([p[1] for p in parts] or [np.zeros(0, np.int64)]),
            np.concatenate([p[2] for p in parts] or [np.zeros(0)]))


def _scan_pairs(scorer: Scorer, path: WeightPath, grid: FloatArray, S: FloatArray, tol: FloatArray,
                i: IntArray, k: IntArray) -> tuple[IntArray, IntArray, FloatArray]:
    from scipy.optimize import brentq

    G = S[:, i] - S[:, k]
    sg = np.where(np.abs(G) <= tol, 0.0, np.sign(G))
    js, ps = np.nonzero(sg[:-1] * sg[1:] < 0)
    out_i, out_k, out_t = [], [], []
    for j, p in zip(js.tolist(), ps.tolist(), strict=True):
        a, b = int(i[p]), int(k[p])

        def gap(x: float, a: int = a, b: int = b) -> float:
            s = scorer(path.weights(np.array([x])))[0]
            return float(s[a] - s[b])

        out_i.append(a)
        out_k.append(b)
        out_t.append(brentq(gap, grid[j], grid[j + 1], xtol=1e-13, rtol=1e-13))
    # a gap that is zero on a grid point between two opposite signs
    zj, zp = np.nonzero((sg[1:-1] == 0) & (sg[:-2] * sg[2:] < 0))
    out_i += i[zp].tolist()
    out_k += k[zp].tolist()
    out_t += grid[zj + 1].tolist()
    for a, b, t in _close_pairs(scorer, path, grid, G, sg, i, k, float(tol.max())):
        out_i.append(a)
        out_k.append(b)
        out_t.append(t)
    return np.asarray(out_i, dtype=np.int64), np.asarray(out_k, dtype=np.int64), np.asarray(out_t, dtype=float)


def _close_pairs(
    scorer: Scorer, path: WeightPath, grid: FloatArray, G: FloatArray, sg: FloatArray, i: IntArray, k: IntArray,
    tol: float,
) -> list[tuple[int, int, float]]:
    """Two crossings of one pair inside one grid cell: no sign change on the grid, but a dip.

    Where ``|gap|`` has a local minimum at an interior grid point with one sign
    on both neighbours, and the parabola through the three values dips below
    half the middle value, the gap is minimised (signed) on the two cells; if
    the minimum has the other sign (beyond rounding, ``tol``), both crossings are
    refined with brentq; a dip that only touches zero is not a swap.
    """
    from scipy.optimize import brentq, minimize_scalar

    G0, G1, G2 = G[:-2], G[1:-1], G[2:]
    same = (sg[:-2] == sg[1:-1]) & (sg[1:-1] == sg[2:]) & (sg[1:-1] != 0)
    dip = same & (np.abs(G1) < np.abs(G0)) & (np.abs(G1) <= np.abs(G2))
    curv = (G0 + G2 - 2.0 * G1) / 2.0  # parabola a u^2 + c u + G1 on u in {-1, 0, 1}
    slope = (G2 - G0) / 2.0
    bends = dip & (sg[1:-1] * curv > 0)  # curving back towards zero
    vertex = G1 - slope**2 / (4.0 * np.where(bends, curv, 1.0))
    dip = bends & (sg[1:-1] * vertex < 0.5 * np.abs(G1))
    out: list[tuple[int, int, float]] = []
    for j, p in zip(*(x.tolist() for x in np.nonzero(dip)), strict=True):
        a, b, s = int(i[p]), int(k[p]), float(sg[j + 1, p])

        def gap(x: float, a: int = a, b: int = b) -> float:
            v = scorer(path.weights(np.array([x])))[0]
            return float(v[a] - v[b])

        lo, hi = float(grid[j]), float(grid[j + 2])
        res = minimize_scalar(lambda x, s=s: s * gap(x), bounds=(lo, hi), method="bounded",
                              options={"xatol": 1e-12})
        x = float(res.x)
        if s * gap(x) < -tol:
            out.append((a, b, brentq(gap, lo, x, xtol=1e-13, rtol=1e-13)))
            out.append((a, b, brentq(gap, x, hi, xtol=1e-13, rtol=1e-13)))
    return out


# ------------------------------------------------------------------ confirmation


def _room(t: FloatArray, pair: IntArray) -> FloatArray:
    """Half the distance to the nearest other root of the same pair, or to an end of [0, 1]."""
    room = np.minimum(t, 1.0 - t)
    order = np.lexsort((t, pair))
    ts, ps = t[order], pair[order]
    same = ps[1:] == ps[:-1]
    gap = np.where(same, (ts[1:] - ts[:-1]) / 2.0, np.inf)
    near = np.minimum(np.append(gap, np.inf), np.insert(gap, 0, np.inf))
    out = np.empty_like(room)
    out[order] = np.minimum(room[order], near)
    return out


def _confirm(
    scorer: Scorer, path: WeightPath, m: int, i: IntArray, k: IntArray, t: FloatArray, higher: bool
) -> tuple[FloatArray, IntArray, IntArray, IntArray, IntArray]:
    """Keep the roots where the pair is in opposite orders at t - ε and t + ε.

    Roots are checked in pieces of at most :data:`CONFIRM_ROWS` // m, and only the
    leaders and the pair's order are kept per root, so memory stays linear in the
    number of roots (never roots × m).
    """
    zero = np.zeros(t.size, dtype=np.int64)
    t, ahead, behind, lb, la, _ = _confirm_along(scorer, path.a[None, :], path.b[None, :], zero, m, i, k, t, higher)
    return t, ahead, behind, lb, la


def _confirm_along(
    scorer: Scorer, A: FloatArray, B: FloatArray, where: IntArray, m: int, i: IntArray, k: IntArray, t: FloatArray,
    higher: bool,
) -> tuple[FloatArray, IntArray, IntArray, IntArray, IntArray, IntArray]:
    """:func:`_confirm` for roots of many paths, path ``j`` being ``max(A[j] + t B[j], 0)`` (``where``: each
    root's path); the rounding tolerance is taken per path, as one path at a time would take it."""
    room = _room(t, (where * m + i) * m + k)
    keep = np.zeros(t.size, dtype=bool)
    first_i = np.zeros(t.size, dtype=bool)
    lead = np.zeros((2, t.size), dtype=np.int64)
    todo = np.ones(t.size, dtype=bool)
    sign = 1.0 if higher else -1.0
    piece = max(1, CONFIRM_ROWS // max(1, m))
    for eps in _EPSILONS:
        cand = np.flatnonzero(todo & (room > eps))
        for a in range(0, cand.size, piece):
            sel = cand[a:a + piece]
            tt = np.concatenate([t[sel] - eps, t[sel] + eps])
            at = np.concatenate([where[sel], where[sel]])
            S = scorer(np.maximum(A[at] + tt[:, None] * B[at], 0.0))  # path.weights, row by row
            big = np.zeros(A.shape[0])
            np.maximum.at(big, at, np.abs(S).max(axis=1))
            tol = 1e-12 * big[where[sel]]
            below, above = S[: sel.size], S[sel.size :]
            r = np.arange(sel.size)
            g0 = below[r, i[sel]] - below[r, k[sel]]
            g1 = above[r, i[sel]] - above[r, k[sel]]
            resolved = (np.abs(g0) > tol) & (np.abs(g1) > tol)
            keep[sel[resolved & (np.sign(g0) != np.sign(g1))]] = True
            first_i[sel] = sign * g0 > 0
            lead[0, sel], lead[1, sel] = (sign * below).argmax(axis=1), (sign * above).argmax(axis=1)
            todo[sel[resolved]] = False
    sel = np.flatnonzero(keep)
    ahead = np.where(first_i[sel], i[sel], k[sel])
    behind = np.where(first_i[sel], k[sel], i[sel])
    return t[sel], ahead, behind, lead[0, sel], lead[1, sel], where[sel]


def tipping_points(
    X: ArrayLike,
    benefit: ArrayLike,
    path: WeightPath | int,
    method: str | Method = defaults.METHOD,
    *,
    w: ArrayLike | None = None,
    n_scan: int = defaults.TIPPING_SCAN,
    **options: Any,
) -> TippingPoints:
    """Every value of the swept weight at which two alternatives swap places.

    Parameters
    ----------
    X : array_like, shape (m, n)
    benefit : array_like of bool, shape (n,)
    path : WeightPath or int
        The sweep path, or a criterion position of a flat problem (then ``w`` is needed).
    method : str or method object
        Closed forms for WSM, WPM (no zeros after normalisation) and TOPSIS;
        any other method object is scanned numerically.
    n_scan : int
        Grid size of the numeric route.

    Returns
    -------
    TippingPoints

    Examples
    --------
    Two alternatives, two benefit criteria, WSM with the "max" normalisation:
    with ``t`` the weight of criterion 0 the scores are ``t`` and ``1 - t/2``,
    which cross at ``t = 2/3``.

    >>> tp = tipping_points([[2.0, 0.0], [1.0, 1.0]], [True, True], 0, "wsm", w=[0.5, 0.5])
    >>> print(tp.t.round(6), tp.ahead, tp.behind, tp.leader_changes)
    [0.666667] [1] [0] [ True]
    """
    arr, mask, _ = validated_problem(X, benefit)
    if isinstance(path, int | np.integer):
        if w is None:
            raise InputError("tipping_points over a criterion position needs the weights w")
        path = leaf_path(w, int(path))
    if not isinstance(path, WeightPath):
        raise InputError(f"path must be a WeightPath or a criterion position (int); got {path!r}")
    if path.n != arr.shape[1]:
        raise InputError(f"path has {path.n} weights but X has {arr.shape[1]} criteria")
    scan = count(n_scan, "n_scan", minimum=3, maximum=MAX_GRID)
    meth = resolve_method(method, options)
    scorer = meth.prepare(arr, mask)
    m = arr.shape[0]
    ii, kk, coefs = pair_polynomials(meth, arr, mask, path)
    if coefs is not None:
        rows, roots = _unit_roots(coefs)
        ci, ck, ct = ii[rows], kk[rows], roots
    else:
        ci, ck, ct = _scan_roots(scorer, path, m, scan)
    t, ahead, behind, lb, la = _confirm(scorer, path, m, ci, ck, ct, meth.higher_is_better)
    order = np.lexsort((behind, ahead, t))
    t, ahead, behind, lb, la = t[order], ahead[order], behind[order], lb[order], la[order]
    return TippingPoints(
        t=t, ahead=ahead, behind=behind, leader_before=lb, leader_after=la,
        leader_changes=lb != la, distance=path.distance(t), path=path, method=meth.name,
        exact=coefs is not None,
    )
