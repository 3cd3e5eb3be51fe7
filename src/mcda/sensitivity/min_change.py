"""The smallest change of weights (L1 distance on the simplex) that overturns a claim.

"Overturn" means flip: a claim that holds is made to fail, a claim that fails
is made to hold (``MinChange.target`` says which).

A claim is "these alternatives take the top places, in this order" (a leader
claim has one alternative); it holds while its margin (see
:func:`mcda.verdicts.claim_margin`) is positive. We look for the weight vector
``w'`` on the simplex closest to the profile's ``w`` in L1 distance
``sum_j |w'_j - w_j|`` at which the margin is at most ``-delta`` (``delta`` =
:data:`OVERTURN_DELTA` times the largest |score|), so that re-scoring shows the
claim **strictly** overturned: another alternative takes a claimed place. A
claim that only a tie could break (e.g. all weight on a criterion where the two
alternatives are equal) is reported as not overturnable. The distance is the
infimum up to ``O(delta)``.
Moving a mass ``x`` of weight from one criterion to another costs ``2x``.

* **WSM** (and AHP synthesis, a weighted sum too): every score is linear in ``w``, so for each pair ``(p, q)`` the claim
  rests on ("p ahead of q") the problem

  ``min sum_j d_j  s.t.  -d <= w' - w <= d,  w' >= 0,  sum w' = 1,  (R_p - R_q)·w' <= -delta``

  is a linear programme (``scipy.optimize.linprog``, HiGHS); the best over the
  pairs is the global optimum (``exact=True``). To make a failing claim hold,
  every pair must be ordered by ``delta`` at once: a single programme.
  The method declares the table ``R`` (:meth:`mcda.methods.Method.linear_table`).
* **WPM** without a zero after normalisation: ``ln S_i = w·ln R_i`` is linear in
  ``w`` and ``ln`` keeps the order, so the same programme on ``ln R`` (with
  ``delta`` relative to the largest |ln S|) is exact too
  (:meth:`~mcda.methods.Method.log_linear_table`).

  With one constraint (one pair) the programme is solved in closed form: all moved
  mass goes to a criterion of least gap coefficient and is taken from those of
  largest coefficient first (a fractional knapsack); several constraints (a
  failing ranking made to hold) go to ``linprog``.
* **TOPSIS with two alternatives**: with ``u = w * w`` the claim's sign is that of
  ``u·(Q_p - P_p)`` (``P``, ``Q`` the squared separations), so the problem is the
  separable programme ``min L1 s.t. sum_j c_j w'_j^2 <= 0``, solved exactly
  (:mod:`mcda.sensitivity._topsis_change`: one receiving criterion, water-filling
  donors) and confirmed on the exact gap quartic: a global minimum (``exact=True``).
* **Other methods** (TOPSIS with more alternatives, WPM with zeros, any method object): the problem
  is not convex. For TOPSIS, sequential separable programmes (the pair's gap
  linearised in ``u``) give the first candidates. Further candidates come from
  straight transfers ``w + s (e_k - e_j)`` between every two criteria and from
  moves towards every vertex ``e_k``; along each of these
  affine paths the first point where the claim fails is found exactly with the
  tipping-point polynomials (TOPSIS, WPM) or by a scan with ``brentq``
  (others). The ``n_starts`` cheapest candidates then start a local
  optimisation (SLSQP on ``w' = w + u - v``, ``u, v >= 0``, minimising
  ``sum(u + v)``) that may combine several transfers. The best result is
  re-scored with the method itself; it is a verified upper bound on the true
  minimum (``exact=False``); for TOPSIS it is first pulled back along its segment
  to the first strict flip.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from mcda import defaults
from mcda._lazy import lazy_module
from mcda._order import weights_before_benefit
from mcda._params import count
from mcda._types import ArrayLike, BoolArray, FloatArray, IntArray
from mcda.errors import InputError
from mcda.methods import Method
from mcda.methods.topsis import TOPSIS
from mcda.sensitivity._common import (
    Scorer,
    check_claim,
    claim_margins,
    claim_pairs,
    one_blas_thread,
    resolve_method,
    validated_problem,
)
from mcda.sensitivity._topsis_change import pull_back, topsis_min_change
from mcda.sensitivity.tipping import _unit_roots

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

__all__ = ["MinChange", "min_change"]

#: Margin (relative to the largest |score|) by which the returned weights overturn the claim;
#: above the feasibility tolerance of the LP solver (1e-7), so that a solution is strictly overturning.
OVERTURN_DELTA = 1e-6


@dataclass(frozen=True)
class MinChange:
    """The smallest weight change found that overturns a claim.

    Attributes
    ----------
    found : bool
        False when no weight vector on the simplex overturns the claim.
    distance : float or None
        L1 distance ``sum |weights - w|`` (0 when the claim already fails).
    weights : ndarray, shape (n,), or None
        The overturning weight vector (non-negative, summing to 1).
    w : ndarray, shape (n,)
        The starting weights.
    claim : ndarray of int
    margin_before, margin_after : float
        Claim margin at ``w`` and (re-scored with the method) at ``weights``.
    leader_after : int or None
        Who leads at ``weights``.
    exact : bool
        True when the distance is a global minimum (the linear programme of WSM, AHP and WPM;
        the separable programme of TOPSIS with two alternatives).
    method : str
    target : {"fail", "hold"}
        What the change achieves: a claim that holds is made to fail, a claim
        that fails is made to hold.
    """

    found: bool
    distance: float | None
    weights: FloatArray | None
    w: FloatArray
    claim: IntArray
    margin_before: float
    margin_after: float | None
    leader_after: int | None
    exact: bool
    method: str
    target: str = "fail"

    def to_frame(self, criteria: list[str] | None = None) -> pd.DataFrame:
        """One row per criterion: weight (before), new_weight (after), change."""
        names = criteria or [f"c{j}" for j in range(self.w.size)]
        new = self.weights if self.weights is not None else self.w
        return pd.DataFrame({"weight": self.w, "new_weight": new, "change": new - self.w},
                            index=pd.Index(names, name="criterion"))

    def _repr_html_(self) -> str:
        """Notebook display: the answer (found, distance, leader after) and the weights that moved."""
        from mcda._display import html_block, html_frame, html_pairs

        df = self.to_frame()
        pairs = {"found": self.found, "L1 distance": self.distance, "exact": self.exact,
                 "leader after": None if self.leader_after is None else f"a{self.leader_after}",
                 "margin before": self.margin_before, "margin after": self.margin_after}
        return html_block(f"Minimum weight change that makes the claim {self.target} ({self.method})",
                          [html_pairs(pairs), html_frame(df[df["change"].abs() > 1e-9])])


def _lp_wsm(R: FloatArray, w: FloatArray, pairs: list[tuple[int, int]], delta: float,
            target: str) -> FloatArray | None:
    """Closest weights (L1) where one pair is reversed by delta ("fail": best over the pairs,
    a union) or every pair is ordered by delta ("hold": one programme, an intersection)."""
    from scipy.optimize import linprog

    n = w.size
    eye = np.eye(n)
    base_A = np.vstack([np.hstack([eye, -eye]), np.hstack([-eye, -eye])])
    gaps = np.array([R[p] - R[q] for p, q in pairs])  # (pairs, n): gap_pq = (R_p - R_q)·w'
    groups = [gaps[i : i + 1] for i in range(len(pairs))] if target == "fail" else [-gaps]
    best, best_cost = None, np.inf
    for G in groups:
        if G.shape[0] == 1:  # one constraint: the programme's optimum in closed form
            x = _l1_one_constraint(G[0], -delta, w)
            cost = np.inf if x is None else float(np.abs(x - w).sum())
            if cost < best_cost:
                best, best_cost = x, cost
            continue
        A_ub = np.vstack([base_A, np.hstack([G, np.zeros((G.shape[0], n))])])
        b_ub = np.concatenate([w, -w, np.full(G.shape[0], -delta)])
        A_eq = np.append(np.ones(n), np.zeros(n))[None, :]
        res = linprog(np.append(np.zeros(n), np.ones(n)), A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=[1.0],
                      bounds=[(0.0, 1.0)] * n + [(0.0, None)] * n, method="highs")
        if res.status == 0 and res.fun < best_cost:
            best, best_cost = np.clip(res.x[:n], 0.0, None), float(res.fun)
    return None if best is None else best / best.sum()


def _l1_one_constraint(g: FloatArray, b: float, w: FloatArray) -> FloatArray | None:
    """``argmin ||x - w||_1`` over the simplex subject to ``g·x <= b`` (None when infeasible).

    Moving a mass ``y`` from criterion ``j`` to ``k`` costs ``2 y`` and lowers
    ``g·x`` by ``y (g_j - g_k)``, so an optimum sends all mass to one ``k`` of
    least ``g`` and takes it from the criteria of largest ``g`` first (a
    fractional knapsack): the linear programme's optimum, without a solver.

    >>> _l1_one_constraint(np.array([1.0, 0.0]), 0.25, np.array([0.5, 0.5])).tolist()
    [0.25, 0.75]
    """
    need = float(g @ w) - b
    if need <= 0:
        return w.copy()
    k = int(np.argmin(g))
    gain = g - g[k]
    order = [j for j in np.argsort(-g, kind="stable") if gain[j] > 0 and w[j] > 0]
    take = np.zeros_like(w)
    for j in order:
        take[j] = min(w[j], need / gain[j])
        need -= take[j] * gain[j]
        if need <= 0:
            break
    if need > 1e-12 * max(1.0, abs(b)):
        return None
    x = w - take
    x[k] += take.sum()
    return np.maximum(x, 0.0)


def _shrink(scorer: Scorer, w: FloatArray, best: FloatArray | None, claim: IntArray, higher: bool,
            target: str, steps: int = 60) -> FloatArray | None:
    """The point of the segment ``[w, best]`` nearest ``w`` where the claim is still strictly overturned.

    The programme asks for a margin of ``-delta``; where the score gap moves slowly
    with the weights that costs far more than overturning needs. Along the segment
    each pair's gap is linear (in log space for WPM), so the claim margin, their
    minimum, is concave: the overturned part of the segment is one interval
    ending at ``best``, and bisection finds its start.
    """
    if best is None:
        return None

    def flipped(t: FloatArray) -> np.ndarray:
        margins = claim_margins(scorer(w + t[:, None] * (best - w)), claim, higher)
        return margins < 0 if target == "fail" else margins > 0

    if not flipped(np.ones(1))[0]:
        return best
    lo, hi = 0.0, 1.0
    for _ in range(steps // 4):  # three interior points per round: the bracket shrinks fourfold
        t = lo + (hi - lo) * np.array([0.25, 0.5, 0.75])
        ok = flipped(t)
        first = int(np.argmax(ok)) if ok.any() else 3
        lo, hi = (lo if first == 0 else float(t[first - 1])), (float(t[first]) if first < 3 else hi)
    return np.maximum(w + hi * (best - w), 0.0)  # a convex combination of two simplex points


def _candidate_paths(w: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Transfers ``w + t w_j (e_k - e_j)`` for every j != k with w_j > 0, and moves ``w + t (e_k - w)``."""
    n = w.size
    j, k = np.nonzero(~np.eye(n, dtype=bool))
    keep = w[j] > 0
    j, k = j[keep], k[keep]
    B = np.zeros((j.size, n))
    B[np.arange(j.size), k] += w[j]
    B[np.arange(j.size), j] -= w[j]
    B = np.vstack([B, np.eye(n) - w])
    return np.broadcast_to(w, B.shape).copy(), B


def _first_failure_exact(meth: Method, X: FloatArray, benefit: BoolArray, A: FloatArray,
                         B: FloatArray, pairs: list[tuple[int, int]]) -> tuple[IntArray, FloatArray] | None:
    """Candidate (path index, t) where a claim pair swaps, from the tipping polynomials (all paths at
    once); None when the method has no closed form for this data."""
    p = np.array([a for a, _ in pairs], dtype=np.int64)
    q = np.array([b for _, b in pairs], dtype=np.int64)
    coefs = meth.gap_polynomials(X, benefit, A, B, p, q)  # (P, pairs, d + 1)
    if coefs is None:
        return None
    rows, roots = _unit_roots(coefs.reshape(-1, coefs.shape[-1]))
    return rows // len(pairs), roots


def _first_failure_scan(scorer: Scorer, A: FloatArray, B: FloatArray, claim: IntArray, higher: bool,
                        sign: float, n_grid: int = 101) -> tuple[IntArray, FloatArray]:
    """First grid point of each path where the claim's status has flipped (one batched call)."""
    grid = np.linspace(0.0, 1.0, n_grid)
    W = np.maximum(A[:, None, :] + grid[None, :, None] * B[:, None, :], 0.0)
    fails = sign * claim_margins(scorer(W), claim, higher) > 0  # (P, n_grid): True once flipped
    rows = np.flatnonzero(fails.any(axis=1))
    return rows.astype(np.int64), grid[np.maximum(fails[rows].argmax(axis=1) - 1, 0)]


def _best_candidates(scorer: Scorer, A: FloatArray, B: FloatArray, rows: IntArray, t: FloatArray,
                     claim: IntArray, higher: bool, delta: float, k: int, sign: float) -> list[FloatArray]:
    """The k cheapest points just past a candidate where ``sign * margin`` exceeds delta."""
    if rows.size == 0:
        return []
    cost = t * np.abs(B[rows]).sum(axis=1)
    out: list[FloatArray] = []
    for step in (1e-7, 1e-5, 1e-3, 1e-2, 3e-2):
        tt = np.minimum(t + step, 1.0)
        W = np.maximum(A[rows] + tt[:, None] * B[rows], 0.0)
        W /= W.sum(axis=1, keepdims=True)
        ok = sign * claim_margins(scorer(W), claim, higher) > delta
        if ok.any():
            order = np.argsort(np.where(ok, cost, np.inf))[: k]
            out += [W[i] for i in order if ok[i]]
            if len(out) >= k:
                break
    return out


def _refine(scorer: Scorer, w: FloatArray, start: FloatArray, claim: IntArray, higher: bool,
            delta: float, sign: float) -> FloatArray:
    from scipy.optimize import minimize

    n = w.size
    x0 = np.concatenate([np.maximum(start - w, 0.0), np.maximum(w - start, 0.0)])
    h = 1e-7
    eye = np.eye(n) * h

    def weights(x: FloatArray) -> FloatArray:
        return w + x[:n] - x[n:]

    def fail_all(x: FloatArray) -> FloatArray:  # at w' and at the n forward steps, one batched call
        v = np.maximum(weights(x), 0.0)
        V = np.vstack([v, v + eye])
        return sign * claim_margins(scorer(V / V.sum(axis=1, keepdims=True)), claim, higher) - 2 * delta

    def fail(x: FloatArray) -> float:
        v = np.maximum(weights(x), 0.0)
        return float(sign * claim_margins(scorer(v / v.sum()), claim, higher) - 2 * delta)

    def fail_jac(x: FloatArray) -> FloatArray:
        f = fail_all(x)
        g = (f[1:] - f[0]) / h
        return np.concatenate([g, -g])[None, :]

    A_eq = np.concatenate([np.ones(n), -np.ones(n)])[None, :]
    A_w = np.hstack([np.eye(n), -np.eye(n)])
    cons = [{"type": "eq", "fun": lambda x: A_eq @ x, "jac": lambda x: A_eq},
            {"type": "ineq", "fun": weights, "jac": lambda x: A_w},
            {"type": "ineq", "fun": fail, "jac": fail_jac}]
    with warnings.catch_warnings():
        # some SciPy releases warn when SLSQP steps outside the bounds and clips back; the clipped
        # point is what we use (and every result is re-scored), so the notice carries no information
        warnings.filterwarnings("ignore", message="Values in x were outside bounds", category=RuntimeWarning)
        res = minimize(lambda x: float(x.sum()), x0, jac=lambda x: np.ones_like(x), method="SLSQP",
                       bounds=[(0.0, 1.0)] * n + [(0.0, float(v)) for v in w], constraints=cons,
                       options={"maxiter": 100, "ftol": 1e-12})
    v = np.maximum(weights(res.x), 0.0)
    return v / v.sum()


@weights_before_benefit
def min_change(
    X: ArrayLike,
    w: ArrayLike,
    benefit: ArrayLike,
    claim: int | list[int] | None = None,
    method: str | Method = defaults.METHOD,
    *,
    n_starts: int = defaults.MIN_CHANGE_STARTS,
    **options: Any,
) -> MinChange:
    """Smallest L1 change of the weights that flips a claim (holds -> fails, fails -> holds),
    verified by re-scoring.

    Parameters
    ----------
    X : array_like, shape (m, n)
    w : array_like, shape (n,)
    benefit : array_like of bool, shape (n,)
        The order ``(X, w, benefit)`` is the kernels' ``(X, W, benefit)``; the old
        ``(X, benefit, w)`` still works, with a DeprecationWarning, until 0.2.
        The profile's weights (non-negative, summing to 1).
    claim : int or list of int, optional
        A leader (one position) or a ranking of the top places. Default: the
        current leader under ``w``.
    method : str or method object
    n_starts : int
        Local optimisations started from the best candidates (non-WSM methods).

    Returns
    -------
    MinChange

    Examples
    --------
    WSM on raw values: alternative 0 leads 0.6 to 0.55. Moving ``x`` of weight
    from criterion 0 to criterion 1 changes the gap by ``-0.9 x``, so ``x = 1/18``
    (an L1 distance of ``1/9``) makes them tie.

    >>> res = min_change([[1.0, 0.2], [0.5, 0.6]], [0.5, 0.5], [True, True], method="wsm",
    ...                  normalization="none")
    >>> res.found, round(res.distance, 4), res.leader_after, res.exact
    (True, 0.1111, 1, True)
    """
    starts_n = count(n_starts, "n_starts", maximum=1000)
    arr, mask, wv = validated_problem(X, benefit, w)
    if wv is None:
        raise InputError("min_change needs the profile's weights w")
    meth = resolve_method(method, options)
    scorer = meth.prepare(arr, mask)
    higher = meth.higher_is_better
    s0 = scorer(wv)
    if claim is None:
        claim = int(np.argmax(s0 if higher else -s0))
    cl = check_claim(claim, arr.shape[0])
    before = float(claim_margins(s0, cl, higher))
    target, sign = ("fail", -1.0) if before > 0 else ("hold", 1.0)
    delta = OVERTURN_DELTA * max(1.0, float(np.abs(s0).max()))
    pairs = claim_pairs(cl, arr.shape[0])
    R = meth.linear_table(arr, mask)
    if R is not None:  # scores linear in the weights: an exact linear programme
        R = R if higher else -R
        best = _shrink(scorer, wv, _lp_wsm(R, wv, pairs, delta, target), cl, higher, target)
        return _result(meth, arr, mask, wv, cl, before, best, True, target)
    L = meth.log_linear_table(arr, mask)
    if L is not None:  # log-linear (WPM without zeros): the order is linear in log space, the same programme
        L = L if higher else -L
        log_delta = OVERTURN_DELTA * max(1.0, float(np.abs(wv @ L.T).max()))
        best = _shrink(scorer, wv, _lp_wsm(L, wv, pairs, log_delta, target), cl, higher, target)
        return _result(meth, arr, mask, wv, cl, before, best, True, target)
    cands: list[FloatArray] = []
    if isinstance(meth, TOPSIS) and (target == "fail" or len(pairs) == 1):
        cands = topsis_min_change(meth, arr, mask, scorer, wv, cl, pairs, target)
        if cands and arr.shape[0] == 2:  # the separable programme was the exact problem: a global minimum
            return _result(meth, arr, mask, wv, cl, before, _cheapest(scorer, wv, cl, higher, sign, cands),
                           True, target)
    A, B = _candidate_paths(wv)
    exact = _first_failure_exact(meth, arr, mask, A, B, pairs)
    rows, t = exact if exact is not None else _first_failure_scan(scorer, A, B, cl, higher, sign)
    cands.sort(key=lambda c: float(np.abs(c - wv).sum()))  # the two cheapest join the local searches
    starts = cands[:2] + _best_candidates(scorer, A, B, rows, t, cl, higher, delta, starts_n, sign)
    with one_blas_thread():  # SLSQP's small products: threads cost more than the arithmetic
        refined = [_refine(scorer, wv, start, cl, higher, delta, sign) for start in starts]
    tried = [*cands[2:], *(cand for start, ref in zip(starts, refined, strict=True) for cand in (start, ref))]
    best = _cheapest(scorer, wv, cl, higher, sign, tried)
    if best is not None and isinstance(meth, TOPSIS):
        best = pull_back(meth, arr, mask, scorer, wv, best, cl, pairs, target)
    return _result(meth, arr, mask, wv, cl, before, best, False, target)


def _cheapest(scorer: Scorer, w: FloatArray, claim: IntArray, higher: bool, sign: float,
              cands: list[FloatArray]) -> FloatArray | None:
    """The candidate nearest ``w`` (L1) that flips the claim when scored (first of equals)."""
    best, best_cost = None, np.inf
    for cand in cands:
        cost = float(np.abs(cand - w).sum())
        if cost < best_cost and sign * claim_margins(scorer(cand), claim, higher) > 0:
            best, best_cost = cand, cost
    return best


def _result(meth: Method, X: FloatArray, benefit: BoolArray, w: FloatArray, claim: IntArray,
            before: float, best: FloatArray | None, exact: bool, target: str) -> MinChange:
    none = MinChange(False, None, None, w, claim, before, None, None, exact, meth.name, target)
    if best is None:
        return none
    s = np.asarray(meth.scores(X, best, benefit), dtype=np.float64)  # verification with the method itself
    after = float(claim_margins(s, claim, meth.higher_is_better))
    if (after >= 0) if target == "fail" else (after <= 0):  # not strictly flipped on re-scoring
        return none
    leader = int(np.argmax(s if meth.higher_is_better else -s))
    return MinChange(True, float(np.abs(best - w).sum()), best, w, claim, before, after, leader, exact,
                     meth.name, target)
