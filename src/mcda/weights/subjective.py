"""Subjective weights from rankings and simple judgements: ROC, RS, RR, SWARA, BWM.

Rank-based weights take ``ranks``: one number per criterion, lower = more
important (1 = most important), in the criteria's own order; the returned
weights are in the same order. Tied ranks share equally the weights of the
positions they occupy (e.g. ranks ``[1, 2, 2]`` give the second and third
criterion the mean of the 2nd and 3rd position weights), so any ranking
convention ("min" 1, 2, 2, 4 or "dense" 1, 2, 2, 3) gives the same result.

With n criteria and position k = 1..n:

* rank-order centroid (Barron & Barrett 1996): ``w_k = (1/n) sum_(i=k..n) 1/i``;
* rank sum (Stillwell et al. 1981): ``w_k = 2 (n + 1 - k) / (n (n + 1))``;
* rank reciprocal (Stillwell et al. 1981): ``w_k = (1/k) / sum_i (1/i)``.

References
----------
Stillwell, W. G., Seaver, D. A. and Edwards, W. (1981). A comparison of
weight approximation techniques in multiattribute utility decision making.
*Organizational Behavior and Human Performance* 28(1), 62-77.

Barron, F. H. and Barrett, B. E. (1996). Decision quality using ranked
attribute weights. *Management Science* 42(11), 1515-1523.

Keršulienė, V., Zavadskas, E. K. and Turskis, Z. (2010). Selection of
rational dispute resolution method by applying new step-wise weight
assessment ratio analysis (SWARA). *Journal of Business Economics and
Management* 11(2), 243-258. doi:10.3846/jbem.2010.12.

Rezaei, J. (2015). Best-worst multi-criteria decision-making method. *Omega*
53, 49-57. doi:10.1016/j.omega.2014.11.009.

Rezaei, J. (2016). Best-worst multi-criteria decision-making method: some
properties and a linear model. *Omega* 64, 126-130.
doi:10.1016/j.omega.2015.12.001.

Liang, F., Brunelli, M. and Rezaei, J. (2020). Consistency issues in the
best worst method: measurements and thresholds. *Omega* 96, 102175.
doi:10.1016/j.omega.2019.102175.
"""

from __future__ import annotations

from typing import Final, Literal, NamedTuple

import numpy as np

from mcda._types import ArrayLike, FloatArray
from mcda.errors import ConvergenceError, InputError
from mcda.kernels._validate import check_choice

__all__ = ["BWM_CONSISTENCY_INDEX", "BwmResult", "bwm", "bwm_details", "rank_reciprocal", "rank_sum", "roc", "swara"]

#: Rezaei (2015), Table 5: consistency index CI of the nonlinear BWM for a_BW = 1..9.
BWM_CONSISTENCY_INDEX: Final[dict[int, float]] = {
    1: 0.0, 2: 0.44, 3: 1.00, 4: 1.63, 5: 2.30, 6: 3.00, 7: 3.73, 8: 4.47, 9: 5.23,
}


def _as_vector(a: ArrayLike, name: str, min_len: int = 1) -> FloatArray:
    try:
        arr = np.asarray(a, dtype=np.float64)
    except (TypeError, ValueError):
        raise InputError(f"{name} must be a sequence of numbers; got {a!r}") from None
    if arr.ndim != 1 or arr.size < min_len:
        raise InputError(f"{name} must be a 1-D sequence of at least {min_len} number(s); got shape {arr.shape}")
    bad = ~np.isfinite(arr)
    if bad.any():
        j = int(np.flatnonzero(bad)[0])
        raise InputError(f"{name}[{j}] = {arr[j]}: values must be finite")
    return arr


def _from_positions(ranks: ArrayLike, position_weights: FloatArray) -> FloatArray:
    """Give each criterion the mean weight of the positions its (tied) rank occupies."""
    r = _as_vector(ranks, "ranks")
    n = r.size
    order = np.argsort(r, kind="stable")
    sorted_r = r[order]
    starts = np.concatenate([[True], sorted_r[1:] != sorted_r[:-1]])
    group = np.cumsum(starts) - 1
    means = np.bincount(group, weights=position_weights) / np.bincount(group)
    out = np.empty(n)
    out[order] = means[group]
    return out


def roc(ranks: ArrayLike) -> FloatArray:
    """Rank-order centroid weights (Barron & Barrett 1996).

    Parameters
    ----------
    ranks : array_like, shape (n,)
        Importance rank of each criterion, lower = more important; ties allowed.

    Returns
    -------
    ndarray, shape (n,)
        Weights in the order of ``ranks``, summing to 1.

    Examples
    --------
    >>> print(roc([2, 1, 3, 4]).round(4))
    [0.2708 0.5208 0.1458 0.0625]
    """
    n = _as_vector(ranks, "ranks").size
    k = np.arange(1, n + 1)
    pos = np.cumsum((1.0 / k)[::-1])[::-1] / n
    return _from_positions(ranks, pos)


def rank_sum(ranks: ArrayLike) -> FloatArray:
    """Rank-sum weights ``2 (n + 1 - k) / (n (n + 1))`` (Stillwell et al. 1981).

    Examples
    --------
    >>> print(rank_sum([1, 2, 3, 4]))
    [0.4 0.3 0.2 0.1]
    """
    n = _as_vector(ranks, "ranks").size
    k = np.arange(1, n + 1)
    return _from_positions(ranks, 2.0 * (n + 1 - k) / (n * (n + 1)))


def rank_reciprocal(ranks: ArrayLike) -> FloatArray:
    """Rank-reciprocal weights ``(1/k) / sum_i (1/i)`` (Stillwell et al. 1981).

    Examples
    --------
    >>> print(rank_reciprocal([1, 2, 3, 4]).round(4))
    [0.48 0.24 0.16 0.12]
    """
    n = _as_vector(ranks, "ranks").size
    inv = 1.0 / np.arange(1, n + 1)
    return _from_positions(ranks, inv / inv.sum())


def swara(s: ArrayLike) -> FloatArray:
    """SWARA weights (Keršulienė et al. 2010) from comparative importances.

    The criteria are listed from the most to the least important. ``s[j]`` is
    the comparative importance ``s_(j+2)`` of criterion ``j + 1`` relative to
    criterion ``j`` (how much less important it is), so ``len(s) == n - 1``.
    Then ``k_1 = 1``, ``k_j = s_j + 1``; ``q_1 = 1``, ``q_j = q_(j-1) / k_j``;
    ``w_j = q_j / sum_k q_k``.

    Parameters
    ----------
    s : array_like, shape (n - 1,)
        Non-negative comparative importances (0 = as important as the previous).

    Returns
    -------
    ndarray, shape (n,)
        Weights in the importance order, non-increasing, summing to 1.

    Examples
    --------
    >>> print(swara([0.25, 0.0, 1.0]).round(4))
    [0.3333 0.2667 0.2667 0.1333]
    """
    arr = _as_vector(s, "s", min_len=0)
    bad = arr < 0
    if bad.any():
        j = int(np.flatnonzero(bad)[0])
        raise InputError(f"s[{j}] = {arr[j]:.10g}: comparative importances must be non-negative "
                         "(list the criteria from most to least important)")
    q = np.concatenate([[1.0], np.cumprod(1.0 / (1.0 + arr))])
    return np.asarray(q / q.sum(), dtype=np.float64)


class BwmResult(NamedTuple):
    """Best-Worst Method result.

    Attributes
    ----------
    weights : ndarray, shape (n,)
        Optimal weights, summing to 1.
    xi : float
        Optimal ``xi``: for the linear model (Rezaei 2016) the largest deviation
        ``|w_B - a_Bj w_j|`` or ``|w_j - a_jW w_W|``; for the nonlinear model
        (Rezaei 2015) the largest ``|w_B / w_j - a_Bj|`` or ``|w_j / w_W - a_jW|``.
        0 for fully consistent comparisons.
    consistency_ratio : float
        Input-based ratio of Liang, Brunelli & Rezaei (2020), for either model:
        ``max_j |a_Bj a_jW - a_BW| / (a_BW**2 - a_BW)``, 0 when ``a_BW = 1``.
    best, worst : int
        Positions of the best and worst criterion.
    output_ratio : float or None
        Rezaei's (2015) ``CR = xi* / CI(a_BW)`` (:data:`BWM_CONSISTENCY_INDEX`):
        only for the nonlinear model with an integer ``a_BW`` in 2..9, else None.
    """

    weights: FloatArray
    xi: float
    consistency_ratio: float
    best: int
    worst: int
    output_ratio: float | None = None


#: Largest BWM comparison accepted: far above any judgement scale, small enough for the LP solver.
BWM_MAX_COMPARISON = 1e6


def _best_worst(a_b: FloatArray, a_w: FloatArray) -> tuple[int, int]:
    for name, arr in (("best_to_others", a_b), ("others_to_worst", a_w)):
        bad = arr < 1
        if bad.any():
            j = int(np.flatnonzero(bad)[0])
            raise InputError(f"{name}[{j}] = {arr[j]:.10g}: BWM comparisons are >= 1 (1 = equally important)")
        big = arr > BWM_MAX_COMPARISON
        if big.any():
            j = int(np.flatnonzero(big)[0])
            raise InputError(f"{name}[{j}] = {arr[j]:.10g}: BWM comparisons are at most {BWM_MAX_COMPARISON:g} "
                             "(a judgement scale such as 1-9; larger ratios are beyond what the programs resolve)")
    best_cands = np.flatnonzero(a_b == 1)
    worst_cands = np.flatnonzero(a_w == 1)
    if best_cands.size == 0 or worst_cands.size == 0:
        raise InputError("best_to_others needs a 1 at the best criterion and others_to_worst a 1 at the worst")
    best = int(best_cands[np.argmax(a_w[best_cands])])
    worst = int(worst_cands[np.argmax(a_b[worst_cands])])
    if a_b.size > 1 and best == worst:
        raise InputError("the best and the worst criterion must differ: all comparisons are 1")
    if not np.isclose(a_b[worst], a_w[best]):
        raise InputError(f"best_to_others[{worst}] = {a_b[worst]:.10g} and others_to_worst[{best}] = "
                         f"{a_w[best]:.10g} both state a_BW (best over worst) and must be equal")
    return best, worst


def _solve_lp(c: FloatArray, A: FloatArray, n_weights: int, what: str, strict: bool = True) -> np.ndarray | None:
    """``min c x`` s.t. ``A x <= 0``, the first ``n_weights`` variables sum to 1, ``x >= 0``.

    None when infeasible, or (``strict=False``) when the solver cannot decide.
    """
    from scipy.optimize import linprog

    eq = np.zeros((1, c.size))
    eq[0, :n_weights] = 1.0
    try:
        res = linprog(c, A_ub=A, b_ub=np.zeros(A.shape[0]), A_eq=eq, b_eq=[1.0],
                      bounds=[(0, None)] * c.size, method="highs")
    except ValueError as exc:  # the solver refuses the program (e.g. non-finite coefficients)
        raise ConvergenceError(f"BWM {what} program could not be solved: {exc}") from None
    if res.status == 2 or (res.status != 0 and not strict):
        return None
    if res.status != 0:  # pragma: no cover - the programs here are bounded
        raise ConvergenceError(f"BWM {what} program failed: {res.message}")
    return np.asarray(res.x)


def _feasible(x: np.ndarray | None, what: str) -> np.ndarray:
    if x is None:  # pragma: no cover - w = e_B with a large xi is always feasible
        raise ConvergenceError(f"BWM {what} program found no feasible weights")
    return x


def _linear_bwm(a_b: FloatArray, a_w: FloatArray, best: int, worst: int) -> tuple[FloatArray, float]:
    """Rezaei (2016): minimise xi s.t. |w_B - a_Bj w_j| <= xi, |w_j - a_jW w_W| <= xi."""
    n = a_b.size
    rows = []
    for j in range(n):  # 4n small constraints; n is the number of criteria
        e = np.zeros(n + 1)
        e[best] += 1.0
        e[j] -= a_b[j]
        f = np.zeros(n + 1)
        f[j] += 1.0
        f[worst] -= a_w[j]
        rows += [e, -e, f, -f]
    A = np.array(rows)
    A[:, n] = -1.0  # ... - xi <= 0
    c = np.zeros(n + 1)
    c[n] = 1.0
    x = _feasible(_solve_lp(c, A, n, "linear"), "linear")
    return x[:n], float(x[n])


def _ratio_rows(a_b: FloatArray, a_w: FloatArray, best: int, worst: int, xi: float) -> FloatArray:
    """|w_B / w_j - a_Bj| <= xi and |w_j / w_W - a_jW| <= xi, linear for a fixed xi."""
    n = a_b.size
    rows = []
    for j in range(n):
        for lo_hi in (+1.0, -1.0):
            r = np.zeros(n)
            r[best] += lo_hi
            r[j] -= lo_hi * a_b[j] + xi
            rows.append(r)
            s = np.zeros(n)
            s[j] += lo_hi
            s[worst] -= lo_hi * a_w[j] + xi
            rows.append(s)
    return np.array(rows)


def _nonlinear_bwm(a_b: FloatArray, a_w: FloatArray, best: int, worst: int) -> tuple[FloatArray, float]:
    """Rezaei (2015): the smallest xi whose ratio constraints are feasible, by bisection on LPs."""
    n = a_b.size
    lo, hi = 0.0, float(a_b.max() * a_w.max())
    x = _feasible(_solve_lp(np.zeros(n), _ratio_rows(a_b, a_w, best, worst, hi), n, "nonlinear"), "nonlinear")
    while hi - lo > 1e-9 * max(1.0, hi):  # far below any printed precision
        mid = 0.5 * (lo + hi)
        # Near the boundary the solver may not decide; treat that as infeasible (hi stays feasible).
        found = _solve_lp(np.zeros(n), _ratio_rows(a_b, a_w, best, worst, mid), n, "nonlinear", strict=False)
        if found is None:
            lo = mid
        else:
            hi, x = mid, found
    return x, hi


def bwm_details(
    best_to_others: ArrayLike, others_to_worst: ArrayLike, model: Literal["linear", "nonlinear"] = "linear"
) -> BwmResult:
    """Best-Worst Method weights and consistency, solved with :func:`scipy.optimize.linprog`.

    ``model="linear"`` (default, Rezaei 2016): minimise ``xi`` subject to
    ``|w_B - a_Bj w_j| <= xi`` and ``|w_j - a_jW w_W| <= xi`` for every j,
    ``sum w = 1``, ``w >= 0``; one LP, a unique ``xi`` and (in general) unique weights.

    ``model="nonlinear"`` (Rezaei 2015): the same with ratios,
    ``|w_B / w_j - a_Bj| <= xi`` and ``|w_j / w_W - a_jW| <= xi``; solved as a
    bisection on ``xi`` over LP feasibility problems. ``xi*`` is unique, the
    weights may not be (Rezaei 2016); the solution of the last feasible LP is
    returned.

    Parameters
    ----------
    best_to_others : array_like, shape (n,)
        ``a_Bj``: how much more important the best criterion is than each
        criterion (1 at the best itself), on a 1-9 scale or any scale >= 1.
    others_to_worst : array_like, shape (n,)
        ``a_jW``: how much more important each criterion is than the worst
        (1 at the worst itself). ``a_BW`` must appear in both vectors alike.

    model : {"linear", "nonlinear"}, default "linear"

    Returns
    -------
    BwmResult

    Examples
    --------
    >>> r = bwm_details([1, 2, 4], [4, 2, 1])
    >>> print(r.weights.round(4), round(r.xi, 6), r.consistency_ratio)
    [0.5714 0.2857 0.1429] 0.0 0.0
    """
    a_b = _as_vector(best_to_others, "best_to_others")
    a_w = _as_vector(others_to_worst, "others_to_worst")
    n = a_b.size
    if a_w.size != n:
        raise InputError(f"best_to_others and others_to_worst must have one entry per criterion; "
                         f"got {n} and {a_w.size}")
    best, worst = _best_worst(a_b, a_w)
    check_choice(model, ("linear", "nonlinear"), "model")
    if n == 1:
        return BwmResult(np.ones(1), 0.0, 0.0, 0, 0)
    solve = _linear_bwm if model == "linear" else _nonlinear_bwm
    w, xi = solve(a_b, a_w, best, worst)
    w = np.clip(w, 0.0, None)
    a_bw = float(a_b[worst])
    cr = 0.0 if a_bw == 1 else float(np.max(np.abs(a_b * a_w - a_bw)) / (a_bw * a_bw - a_bw))
    ci = BWM_CONSISTENCY_INDEX.get(int(a_bw)) if a_bw == int(a_bw) else None
    output = xi / ci if model == "nonlinear" and ci else None
    return BwmResult(w / w.sum(), xi, cr, best, worst, output)


def bwm(
    best_to_others: ArrayLike, others_to_worst: ArrayLike, model: Literal["linear", "nonlinear"] = "linear"
) -> FloatArray:
    """Best-Worst Method weights (linear model by default); see :func:`bwm_details` for ``xi`` and CR.

    Examples
    --------
    >>> print(bwm([1, 2, 4], [4, 2, 1]).round(4))
    [0.5714 0.2857 0.1429]
    """
    return bwm_details(best_to_others, others_to_worst, model).weights
