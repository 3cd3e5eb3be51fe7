"""PROMETHEE I and II: outranking flows from per-criterion preference functions.

For criteria ``j`` and alternatives ``a, b`` let ``d_j(a, b) = x_aj - x_bj``
for a benefit criterion and ``x_bj - x_aj`` for a cost criterion (how much
``a`` is better than ``b``). The six standard generalised criteria of Brans &
Vincke (1985) turn ``d`` into a preference degree ``P_j(a, b)`` in [0, 1]:

==========  =========  ===============================================================
name        params     ``P(d)`` (0 for ``d <= 0`` in every case)
==========  =========  ===============================================================
"usual"     --         1 for ``d > 0``
"u-shape"   q          1 for ``d > q``, else 0 (quasi-criterion)
"v-shape"   p          ``d / p`` for ``0 < d <= p``, 1 beyond
"level"     q, p       0 for ``d <= q``, 1/2 for ``q < d <= p``, 1 beyond
"linear"    q, p       0 for ``d <= q``, ``(d - q) / (p - q)`` for ``q < d <= p``, 1 beyond
"gaussian"  s          ``1 - exp(-d**2 / (2 s**2))``
==========  =========  ===============================================================

``q`` is the indifference threshold, ``p`` the strict-preference threshold,
``s`` the inflection point of the Gaussian; all are in the units of the
criterion. With weights ``w`` the aggregated preference index is
``pi(a, b) = sum_j w_j P_j(a, b)``, and with m alternatives the flows are

* positive (leaving) flow ``phi+(a) = sum_b pi(a, b) / (m - 1)``, higher is better;
* negative (entering) flow ``phi-(a) = sum_b pi(b, a) / (m - 1)``, lower is better;
* net flow ``phi(a) = phi+(a) - phi-(a)`` in [-1, 1], higher is better (PROMETHEE II).

PROMETHEE I (:func:`promethee_i`) keeps ``phi+`` and ``phi-`` apart and
yields a partial preorder: ``a`` outranks ``b`` when it is at least as good on
both flows and better on one; indifferent when equal on both; incomparable
when the flows disagree.

The flows are linear in the weights: ``phi+ = W @ F+.T`` with
``F+_aj = sum_b P_j(a, b) / (m - 1)`` (and ``F-`` likewise), computed once per
criterion from the data; a batch of weight vectors costs one matrix product
and no loop over samples. The (m, m, n) preference tensor is never built by
the flows: for the five piecewise functions ``F+`` and ``F-`` come from one
sort of each column in O(m log m) time (counts and prefix sums at the
breakpoints; ties and differences exactly on ``q`` or ``p`` are decided by the
same float comparison as the pairwise definition), and the Gaussian is summed
pair by pair a bounded block at a time. Memory is O(m n) either way. With one
alternative (m = 1) all flows are 0.

References
----------
Brans, J.-P. and Vincke, Ph. (1985). A preference ranking organisation method
(the PROMETHEE method for multiple criteria decision-making). *Management
Science* 31(6), 647-656. doi:10.1287/mnsc.31.6.647.

Brans, J.-P., Vincke, Ph. and Mareschal, B. (1986). How to select and how to
rank projects: the PROMETHEE method. *European Journal of Operational
Research* 24(2), 228-238. doi:10.1016/0377-2217(86)90044-5.

Brans, J.-P. and Mareschal, B. (2005). PROMETHEE methods. In Figueira, Greco
and Ehrgott (eds.), *Multiple Criteria Decision Analysis: State of the Art
Surveys*, Springer, 163-186.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, NamedTuple

import numpy as np

from mcda._params import positive
from mcda._types import ArrayLike, BoolArray, FloatArray
from mcda.errors import InputError
from mcda.kernels import _promethee_sorted as _sorted
from mcda.kernels._validate import as_benefit, as_matrix, as_scores, as_weights, check_choice

__all__ = [
    "PREFERENCE_FUNCTIONS",
    "PrometheeResult",
    "preference_matrices",
    "promethee_i",
    "promethee_ii",
    "unicriterion_flows",
]

#: Names of the six generalised criteria, in Brans & Vincke's order (types I-VI).
PREFERENCE_FUNCTIONS: Final[tuple[str, ...]] = ("usual", "u-shape", "v-shape", "level", "linear", "gaussian")
#: Bytes of pairwise differences and preferences held at once by :func:`promethee_ii`.
BLOCK_BYTES: Final[int] = 1 << 26
#: Fewest alternatives for which piecewise criteria are summed from a sort rather than pair by pair.
SORTED_FROM: Final[int] = 96
#: Largest (m, m, n) array :func:`preference_matrices` returns (checked before allocating).
MAX_MATRIX_BYTES: Final[int] = 1 << 31

#: Which thresholds each preference function uses.
_NEEDS: Final[dict[str, tuple[str, ...]]] = {
    "usual": (),
    "u-shape": ("q",),
    "v-shape": ("p",),
    "level": ("q", "p"),
    "linear": ("q", "p"),
    "gaussian": ("s",),
}


class PrometheeResult(NamedTuple):
    """PROMETHEE flows, each of shape ``W.shape[:-1] + (m,)``.

    Attributes
    ----------
    phi_plus : ndarray
        Positive (leaving) flow in [0, 1]; **higher is better**.
    phi_minus : ndarray
        Negative (entering) flow in [0, 1]; **lower is better**.
    phi : ndarray
        Net flow ``phi_plus - phi_minus`` in [-1, 1]; **higher is better**
        (the PROMETHEE II complete ranking). Sums to 0 over alternatives.
    """

    phi_plus: FloatArray
    phi_minus: FloatArray
    phi: FloatArray


def _per_criterion(value: object, n: int, name: str) -> list[object]:
    if isinstance(value, (str, int, float, np.floating, np.integer)):
        return [value] * n
    items = list(value)  # type: ignore[call-overload]
    if len(items) != n:
        raise InputError(f"{name} must be one value or {n} values, one per criterion; got {len(items)}")
    return items


def _thresholds(value: float | ArrayLike, n: int, name: str) -> FloatArray:
    try:
        arr = np.broadcast_to(np.asarray(value, dtype=np.float64), (n,)).copy()
    except ValueError:
        raise InputError(f"{name} must be one number or {n} numbers, one per criterion; "
                         f"got shape {np.shape(value)}") from None
    bad = ~(np.isfinite(arr) & (arr >= 0))
    if bad.any():
        j = int(np.flatnonzero(bad)[0])
        raise InputError(f"{name}[{j}] = {arr[j]:.10g}: thresholds must be finite and non-negative")
    return arr


def _check_params(funcs: list[str], q: FloatArray, p: FloatArray, s: FloatArray) -> None:
    for j, f in enumerate(funcs):
        if f == "v-shape" and not p[j] > 0:
            raise InputError(f"criterion {j}: preference function 'v-shape' needs p > 0; got p = {p[j]:.10g}")
        if f in ("level", "linear") and not p[j] > q[j]:
            raise InputError(f"criterion {j}: preference function {f!r} needs p > q; "
                             f"got q = {q[j]:.10g}, p = {p[j]:.10g}")
        if f == "gaussian" and not s[j] > 0:
            raise InputError(f"criterion {j}: preference function 'gaussian' needs s > 0; got s = {s[j]:.10g}")


def _preference(d: FloatArray, func: str, q: float, p: float, s: float) -> FloatArray:
    """``P(d)`` of one generalised criterion, elementwise (no validation)."""
    pos = d > 0
    if func == "usual":
        return pos.astype(np.float64)
    if func == "u-shape":
        return (d > q).astype(np.float64)
    if func == "v-shape":
        return np.clip(d / p, 0.0, 1.0)
    if func == "level":
        return np.where(d > p, 1.0, np.where(d > q, 0.5, 0.0))
    if func == "linear":
        return np.clip((d - q) / (p - q), 0.0, 1.0)
    if func == "gaussian":
        z = d / s  # (d / s)**2, not d**2 / s**2: both squares underflow to 0 for tiny s (0 / 0)
        return np.where(pos, -np.expm1(-0.5 * (z * z)), 0.0)
    raise AssertionError(f"unreachable: {func!r}")  # pragma: no cover


def _preference_matrices(
    X: FloatArray, benefit: BoolArray, funcs: Sequence[str], q: FloatArray, p: FloatArray, s: FloatArray,
    others: FloatArray | None = None,
) -> FloatArray:
    """Unvalidated :func:`preference_matrices`: ``P[a, b, j]``, shape (m, m, n) (rows ``X``, columns
    ``others``, by default ``X`` itself)."""
    sign = np.where(benefit, 1.0, -1.0)
    Y = X if others is None else others
    # A difference beyond the float range (values near ±1e308) becomes ±inf: larger than any
    # finite threshold, which every preference function maps to its limit, 1 (or 0 for -inf).
    with np.errstate(over="ignore"):
        D = (X[:, None, :] - Y[None, :, :]) * sign  # D[a, b, j]: how much a beats b on j
        P = np.empty_like(D)
        for j, f in enumerate(funcs):  # a loop over criteria, never over samples
            P[:, :, j] = _preference(D[:, :, j], f, q[j], p[j], s[j])
    return P


def _breakpoints(funcs: Sequence[str], q: FloatArray, p: FloatArray) -> tuple[FloatArray, FloatArray, np.ndarray]:
    """``t0``, ``t1`` and the middle piece of each piecewise function (see :mod:`._promethee_sorted`)."""
    zero = np.zeros_like(q)
    t0 = np.where([f in ("u-shape", "level", "linear") for f in funcs], q, zero)
    t1 = np.where([f == "u-shape" for f in funcs], q, np.where([f == "usual" for f in funcs], zero, p))
    kind = np.array([_sorted.HALF if f == "level" else _sorted.RAMP if f in ("v-shape", "linear") else _sorted.STEP
                     for f in funcs])
    return t0, t1, kind


def _pairwise_sums(
    X: FloatArray, benefit: BoolArray, funcs: Sequence[str], q: FloatArray, p: FloatArray, s: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Row and column sums of ``P`` (each (m, n)) from the pairwise differences, a block of rows at a time.

    At most :data:`BLOCK_BYTES` of the (m, m, n) preference array exists at once.
    """
    m, n = X.shape
    rows = max(1, min(m, BLOCK_BYTES // (16 * m * n)))
    if rows == m:
        P = _preference_matrices(X, benefit, funcs, q, p, s)
        return P.sum(axis=1), P.sum(axis=0)
    plus, minus = np.empty((m, n)), np.zeros((m, n))
    for a in range(0, m, rows):
        P = _preference_matrices(X[a:a + rows], benefit, funcs, q, p, s, X)
        plus[a:a + rows] = P.sum(axis=1)
        minus += P.sum(axis=0)
    return plus, minus


def _unicriterion_flows(
    X: FloatArray, benefit: BoolArray, funcs: Sequence[str], q: FloatArray, p: FloatArray, s: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Row and column sums of ``P`` (each (m, n)) in O(m n) memory.

    Piecewise criteria (all but the Gaussian) come from one sort per criterion
    in O(m log m) (:mod:`._promethee_sorted`), with every tie and every
    difference on a threshold decided exactly as in the pairwise definition;
    Gaussian criteria, ramps too narrow for their data to be summed accurately
    from prefix sums (:func:`._promethee_sorted.ramp_ok`), and small problems
    (below :data:`SORTED_FROM` alternatives) are summed pair by pair, a bounded block at a time.
    """
    m, n = X.shape
    Y = X * np.where(benefit, 1.0, -1.0)
    t0, t1, kind = _breakpoints(funcs, q, p)
    fast = np.array([f != "gaussian" for f in funcs]) & (m >= SORTED_FROM)
    ramp = fast & (kind == _sorted.RAMP)
    if ramp.any():
        fast[ramp] = _sorted.ramp_ok(Y[:, ramp], (t1 - t0)[ramp])
    plus, minus = np.empty((m, n)), np.empty((m, n))
    cols = np.flatnonzero(fast)
    if cols.size:
        plus[:, cols], minus[:, cols] = _sorted.sorted_sums(Y[:, cols], t0[cols], t1[cols], kind[cols])
    rest = np.flatnonzero(~fast)
    if rest.size:
        sub = np.ascontiguousarray(X[:, rest])
        plus[:, rest], minus[:, rest] = _pairwise_sums(sub, benefit[rest], [funcs[int(j)] for j in rest],
                                                       q[rest], p[rest], s[rest])
    return plus, minus


def _flows(P: FloatArray, W: FloatArray) -> PrometheeResult:
    """Flows for weights ``W (..., n)`` from ``P (m, m, n)`` (no validation)."""
    return _flows_from_sums((P.sum(axis=1), P.sum(axis=0)), W)


def _flows_from_sums(P_sums: tuple[FloatArray, FloatArray], W: FloatArray) -> PrometheeResult:
    """Flows for weights ``W (..., n)`` from the row and column sums of ``P`` (no validation)."""
    m = P_sums[0].shape[0]
    scale = 1.0 / (m - 1) if m > 1 else 0.0
    F_plus = P_sums[0] * scale  # (m, n)
    F_minus = P_sums[1] * scale
    phi_plus = np.asarray(W @ F_plus.T, dtype=np.float64)
    phi_minus = np.asarray(W @ F_minus.T, dtype=np.float64)
    return PrometheeResult(phi_plus, phi_minus, phi_plus - phi_minus)


def _validated_params(
    n: int, preference: str | Sequence[str], q: float | ArrayLike, p: float | ArrayLike, s: float | ArrayLike
) -> tuple[list[str], FloatArray, FloatArray, FloatArray]:
    funcs = [check_choice(f, PREFERENCE_FUNCTIONS, "preference") for f in _per_criterion(preference, n, "preference")]
    qa, pa, sa = _thresholds(q, n, "q"), _thresholds(p, n, "p"), _thresholds(s, n, "s")
    _check_params(funcs, qa, pa, sa)
    return funcs, qa, pa, sa


def preference_matrices(
    X: ArrayLike,
    benefit: ArrayLike,
    preference: str | Sequence[str] = "usual",
    q: float | ArrayLike = 0.0,
    p: float | ArrayLike = 0.0,
    s: float | ArrayLike = 0.0,
) -> FloatArray:
    """Per-criterion preference degrees ``P[a, b, j]`` in [0, 1], shape (m, m, n).

    Weight-independent; parameters as in :func:`promethee_ii`.

    Examples
    --------
    >>> P = preference_matrices([[1.0], [3.0]], [True], "v-shape", p=4.0)
    >>> print(P[:, :, 0])
    [[0.  0. ]
     [0.5 0. ]]
    """
    arr = as_matrix(X)
    m, n = arr.shape
    mask = as_benefit(benefit, n)
    funcs, qa, pa, sa = _validated_params(n, preference, q, p, s)
    if m * m * n * 8 > MAX_MATRIX_BYTES:
        raise InputError(f"preference matrices of {m} alternatives x {n} criteria would take "
                         f"{m * m * n * 8 / 1e9:.1f} GB (limit {MAX_MATRIX_BYTES / 1e9:.1f} GB); "
                         "promethee_ii computes the flows in bounded memory without them")
    return _preference_matrices(arr, mask, funcs, qa, pa, sa)


def unicriterion_flows(
    X: ArrayLike,
    benefit: ArrayLike,
    preference: str | Sequence[str] = "usual",
    q: float | ArrayLike = 0.0,
    p: float | ArrayLike = 0.0,
    s: float | ArrayLike = 0.0,
) -> FloatArray:
    """Net unicriterion flows ``phi_j(a)``, shape (m, n): ``phi = phi_j @ w`` for weights ``w``.

    Computed in bounded memory (no (m, m, n) array for large m); parameters as
    in :func:`promethee_ii`.

    Examples
    --------
    >>> print(unicriterion_flows([[1.0], [3.0]], [True], "v-shape", p=4.0))
    [[-0.5]
     [ 0.5]]
    """
    arr = as_matrix(X)
    m, n = arr.shape
    mask = as_benefit(benefit, n)
    funcs, qa, pa, sa = _validated_params(n, preference, q, p, s)
    plus, minus = _unicriterion_flows(arr, mask, funcs, qa, pa, sa)
    return np.asarray((plus - minus) / (m - 1) if m > 1 else np.zeros((m, n)), dtype=np.float64)


def promethee_ii(
    X: ArrayLike,
    W: ArrayLike,
    benefit: ArrayLike,
    preference: str | Sequence[str] = "usual",
    q: float | ArrayLike = 0.0,
    p: float | ArrayLike = 0.0,
    s: float | ArrayLike = 0.0,
) -> PrometheeResult:
    """PROMETHEE positive, negative and net flows; rank by the net flow ``phi`` (higher is better).

    Parameters
    ----------
    X : array_like, shape (m, n)
        Decision matrix (m alternatives, n criteria), finite.
    W : array_like, shape (n,) or (..., n)
        Non-negative weights, each row summing to 1 (not renormalised).
    benefit : array_like of bool, shape (n,)
        True where a criterion is maximised.
    preference : str or sequence of str, default "usual"
        One of :data:`PREFERENCE_FUNCTIONS` for every criterion, or one name
        per criterion.
    q, p, s : float or array_like of shape (n,), default 0
        Indifference and preference thresholds and the Gaussian parameter, in
        the units of each criterion; only those the chosen function uses are
        read ("v-shape" needs p > 0, "level"/"linear" p > q, "gaussian" s > 0).

    Returns
    -------
    PrometheeResult
        ``phi_plus``, ``phi_minus``, ``phi``, each ``W.shape[:-1] + (m,)``.
        All zero when m = 1.

    Examples
    --------
    >>> X = [[6.0, 5.0], [4.0, 1.0], [2.0, 2.0], [1.0, 3.0]]
    >>> r = promethee_ii(X, [0.5, 0.5], [True, False], "v-shape", p=2.0)
    >>> print(r.phi.round(4))
    [ 0.      0.5833 -0.0833 -0.5   ]
    """
    arr = as_matrix(X)
    n = arr.shape[1]
    mask = as_benefit(benefit, n)
    weights = as_weights(W, n)
    funcs, qa, pa, sa = _validated_params(n, preference, q, p, s)
    return _flows_from_sums(_unicriterion_flows(arr, mask, funcs, qa, pa, sa), weights)


def promethee_i(result: PrometheeResult, atol: float = 1e-12) -> np.ndarray:
    """PROMETHEE I partial preorder from the positive and negative flows.

    Parameters
    ----------
    result : PrometheeResult
        Flows from :func:`promethee_ii`, any batch shape ``(..., m)``.
    atol : float, default 1e-12
        Flows closer than this are equal.

    Returns
    -------
    ndarray of int8, shape (..., m, m)
        ``rel[..., a, b]`` is 1 when ``a`` outranks ``b`` (``a P b``: at least
        as good on both flows, better on one), -1 when ``b`` outranks ``a``,
        0 when they are indifferent (equal on both flows; the diagonal), and
        2 when they are incomparable (the two flows disagree).

    Examples
    --------
    >>> X = [[6.0, 5.0], [4.0, 1.0], [2.0, 2.0], [1.0, 3.0]]
    >>> print(promethee_i(promethee_ii(X, [0.5, 0.5], [True, False], "v-shape", p=2.0)))
    [[ 0 -1  2  1]
     [ 1  0  1  1]
     [ 2 -1  0  1]
     [-1 -1 -1  0]]
    """
    atol = positive(atol, "atol", allow_zero=True)
    plus = as_scores(result.phi_plus, "phi_plus")
    minus = as_scores(result.phi_minus, "phi_minus")
    if plus.shape != minus.shape:
        raise InputError(f"phi_plus and phi_minus must have one shape; got {plus.shape} and {minus.shape}")
    dp = plus[..., :, None] - plus[..., None, :]
    dm = minus[..., None, :] - minus[..., :, None]  # > 0 where a has the smaller negative flow
    better = (dp > atol) | (dm > atol)
    worse = (dp < -atol) | (dm < -atol)
    rel = np.zeros(dp.shape, dtype=np.int8)
    rel[better & ~worse] = 1
    rel[worse & ~better] = -1
    rel[better & worse] = 2
    return rel
