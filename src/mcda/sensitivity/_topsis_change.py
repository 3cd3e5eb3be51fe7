"""Minimum weight change for TOPSIS: sequential separable programmes in the squared weights.

With ``P`` and ``Q`` the squared per-criterion separations from the ideal and
the anti-ideal (weight-independent for every TOPSIS scaling), alternative
``p`` is ahead of ``q`` exactly when

``f(u) = (u·Q_p)(u·P_q) - (u·Q_q)(u·P_p) > 0``,  ``u = w * w``

(:meth:`mcda.methods.TOPSIS.gap_polynomials` is this ``f`` along a line). ``f``
is a quadratic form in ``u`` and homogeneous of degree 2, so its linearisation
at ``u_x`` is ``c·u - f(u_x)`` with ``c = grad f(u_x)``. Replacing ``f`` by it
leaves a *separable* problem in ``w``:

``min sum_j |w'_j - w_j|  s.t.  sum_j c_j w'_j^2 <= f(u_x),  w' on the simplex``,

solved exactly below: the mass moved, ``M``, goes to one criterion (adding
``y`` to ``k`` changes ``c_k w_k^2`` by ``c_k (2 w_k y + y^2)``, convex in
``y``, so splitting it never helps) and is taken from the criteria with
``c_j > 0`` by water-filling (removing ``r_j`` gains ``c_j (2 w_j r_j - r_j^2)``,
concave: at the optimum every partly drained criterion has the same marginal
gain ``2 c_j (w_j - r_j) = lambda``). For each receiving criterion the gain is
monotone in ``lambda``, found by bisection; the cheapest receiver wins.

The candidate is then moved onto the exact boundary along the segment from
``w`` (the first root of the gap quartic, confirmed by scoring) and the
programme is linearised again there. For two alternatives ``P_0 = Q_1`` and
``P_1 = Q_0``, so on the boundary ``c`` is proportional to ``Q_0 - P_0`` and
the separable programme *is* the exact problem: the second step returns its
global minimum. With more alternatives the steps stop when the cost no longer
falls; the caller re-scores every candidate.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from mcda._types import BoolArray, FloatArray, IntArray
from mcda.methods import Scorer
from mcda.methods.topsis import TOPSIS
from mcda.sensitivity._common import claim_margins
from mcda.sensitivity.tipping import _unit_roots

#: Relative steps past a boundary root at which the flip is confirmed by scoring.
_PAST = np.array([1e-13, 1e-11, 1e-9, 1e-7, 1e-5, 1e-3])


def separable_step(c: FloatArray, beta: float, w: FloatArray, iters: int = 60) -> FloatArray | None:
    """The weights nearest ``w`` (L1) on the simplex with ``sum_j c_j w'_j^2 <= beta``; None if none.

    >>> separable_step(np.array([1.0, -1.0]), 0.0, np.array([0.8, 0.2])).round(6).tolist()
    [0.5, 0.5]
    """
    need = float(c @ (w * w)) - beta
    if need <= 0:
        return None  # the linearisation holds at w already: no direction to move in
    src = (c > 0) & (w > 0)
    sinks = np.flatnonzero(c <= 0)
    if not src.any() or sinks.size == 0:
        return None
    cs, ws = c[src], w[src]
    half = 0.5 / cs

    def drained(lam: FloatArray) -> tuple[FloatArray, FloatArray]:  # mass removed and gain, per lambda
        r = np.minimum(np.maximum(ws - lam[:, None] * half, 0.0), ws)
        return r.sum(axis=1), (cs * (2.0 * ws * r - r * r)).sum(axis=1)

    ck, wk = c[sinks], w[sinks]

    def gain(lam: FloatArray) -> tuple[FloatArray, FloatArray]:
        mass, g = drained(lam)
        return mass, g - ck * (2.0 * wk * mass + mass * mass)

    lo = np.zeros(sinks.size)  # lambda = 0: every source drained (largest gain)
    hi = np.full(sinks.size, float((2.0 * cs * ws).max()))
    feasible = gain(lo)[1] >= need
    if not feasible.any():
        return None
    for _ in range(iters):  # largest lambda (least mass) whose gain still covers the need
        mid = (lo + hi) / 2.0
        ok = gain(mid)[1] >= need
        lo, hi = np.where(ok, mid, lo), np.where(ok, hi, mid)
    mass, _ = gain(lo)
    mass = np.where(feasible, mass, np.inf)
    best = int(np.argmin(mass))
    out = w.copy()
    out[src] -= np.minimum(np.maximum(ws - lo[best] * half, 0.0), ws)
    out[sinks[best]] += mass[best]
    return np.maximum(out, 0.0)


def _boundary(gap: Callable[[FloatArray, FloatArray], FloatArray], scorer: Callable[[FloatArray], FloatArray],
              w: FloatArray, target: FloatArray, claim: IntArray, sign: float) -> FloatArray | None:
    """The point nearest ``w`` on the ray through ``target`` (up to the simplex's edge) where the
    claim is strictly flipped on re-scoring: the first confirmed root of the pair's gap quartic."""
    d = target - w
    neg = d < 0
    reach = float(np.min(w[neg] / -d[neg])) if neg.any() else 1.0
    d = d * max(1.0, reach)
    _, roots = _unit_roots(gap(w, d).reshape(1, -1))
    for r in np.sort(np.append(roots, 1.0)):
        tt = np.minimum(r * (1.0 + _PAST) + _PAST * 1e-2, 1.0)
        W = np.maximum(w + tt[:, None] * d, 0.0)
        W /= W.sum(axis=1, keepdims=True)
        ok = sign * claim_margins(scorer(W), claim, True) > 0
        if ok.any():
            return W[int(np.argmax(ok))]
    return None


def topsis_candidates(P: FloatArray, Q: FloatArray, gap_poly: Callable[..., FloatArray],
                      scorer: Callable[[FloatArray], FloatArray], w: FloatArray, claim: IntArray,
                      pairs: list[tuple[int, int]], target: str, steps: int = 12) -> list[FloatArray]:
    """Overturning weights from sequential separable programmes, one run per pair the claim rests on
    ("fail": any pair reversed will do) or for its single pair ("hold" of a one-pair claim).

    ``gap_poly(A, B, i, k)`` gives the gap quartics along ``A + t B``; ``scorer`` the closeness.
    With two alternatives one exact step is taken: ``f = (u·(Q_p - P_p)) (u·(Q_p + P_p))``.
    """
    sign = -1.0 if target == "fail" else 1.0
    o = 1.0 if target == "fail" else -1.0  # o * f < 0 is what we want
    two = P.shape[0] == 2
    out: list[FloatArray] = []
    for p, q in pairs:

        def gap(a: FloatArray, b: FloatArray, p: int = p, q: int = q) -> FloatArray:
            return np.asarray(gap_poly(a, b, np.array([p]), np.array([q])))[0]

        x, best = w, np.inf
        for _ in range(1 if two else steps):
            u = x * x
            sQp, sPq, sQq, sPp = u @ Q[p], u @ P[q], u @ Q[q], u @ P[p]
            if two:  # the sign of f is that of u·(Q_p - P_p): a separable constraint, exactly
                c, beta = o * (Q[p] - P[p]), 0.0
            else:
                c, beta = o * (Q[p] * sPq + P[q] * sQp - Q[q] * sPp - P[p] * sQq), o * (sQp * sPq - sQq * sPp)
            step = separable_step(c, beta, w)
            if step is None:
                break
            cand = _boundary(gap, scorer, w, step, claim, sign)
            if cand is None:  # the linearisation promised too much: linearise again where the ray ends
                x = step
                continue
            cost = float(np.abs(cand - w).sum())
            if cost >= best * (1.0 - 1e-12):
                break
            out.append(cand)
            x, best = cand, cost
    return out


def topsis_min_change(meth: TOPSIS, X: FloatArray, benefit: BoolArray, scorer: Scorer, w: FloatArray,
                      claim: IntArray, pairs: list[tuple[int, int]], target: str) -> list[FloatArray]:
    """Overturning weight candidates of the sequential separable programmes for a TOPSIS claim."""
    P, Q = meth._separations(X, benefit)
    return topsis_candidates(P, Q, _gap_poly(meth, X, benefit), scorer, w, claim, pairs, target)


def pull_back(meth: TOPSIS, X: FloatArray, benefit: BoolArray, scorer: Scorer, w: FloatArray, best: FloatArray,
              claim: IntArray, pairs: list[tuple[int, int]], target: str) -> FloatArray:
    """``best`` moved back along the segment from ``w`` to the first point where the claim is strictly
    flipped (a local search stops a margin short of it); ``best`` itself when that is nearest."""
    gap_poly, sign = _gap_poly(meth, X, benefit), -1.0 if target == "fail" else 1.0
    out, cost = best, float(np.abs(best - w).sum())
    for p, q in pairs if target == "fail" or len(pairs) == 1 else []:

        def gap(a: FloatArray, b: FloatArray, p: int = p, q: int = q) -> FloatArray:
            return gap_poly(a, b, np.array([p]), np.array([q]))[0]

        cand = _boundary(gap, scorer, w, best, claim, sign)
        if cand is not None and float(np.abs(cand - w).sum()) < cost:
            out, cost = cand, float(np.abs(cand - w).sum())
    return out


def _gap_poly(meth: TOPSIS, X: FloatArray, benefit: BoolArray) -> Callable[..., FloatArray]:
    def gap_poly(A: FloatArray, B: FloatArray, i: IntArray, k: IntArray) -> FloatArray:
        return np.asarray(meth.gap_polynomials(X, benefit, A, B, i, k))

    return gap_poly
