"""Incomplete pairwise comparison matrices: Harker's eigenvector and the LLSM.

A missing judgement is written ``nan`` (in both ``A[i, j]`` and ``A[j, i]``).
Priorities exist only when the *comparison graph* (items as vertices, given
judgements as edges) is connected; otherwise some groups of items are never
compared with each other and their relative weight is unknowable, which is an
error naming the groups.

* Harker (1987), ``method="harker"``: replace every missing ``a_ij`` by 0 and
  every diagonal entry by ``1 + m_i`` (``m_i`` = missing judgements in row
  i); the priorities are the Perron vector of that matrix. Equivalently, the
  missing entries are set to ``w_i / w_j`` and ``w`` is then the Perron
  vector of the completed matrix, with the same Perron value.
* Logarithmic least squares, ``method="llsm"`` (Kwiesielewicz 1996; Bozoki,
  Fulop & Ronyai 2010): minimise ``sum over given (i, j) of
  (ln a_ij - ln w_i + ln w_j)^2``. With ``y = ln w`` this is the Laplacian
  system ``L y = r`` of the comparison graph (``r_i`` = sum of ``ln a_ij`` over
  the given j), unique up to a constant when the graph is connected. On a
  complete matrix it gives the row geometric means.

The *completed* matrix fills each missing entry with ``w_i / w_j``; its Perron
vector (Harker) or row geometric means (LLSM) are the priorities again.

References
----------
Harker, P. T. (1987). Incomplete pairwise comparisons in the analytic
hierarchy process. Mathematical Modelling 9(11), 837-848.

Kwiesielewicz, M. (1996). The logarithmic least squares and the generalized
pseudoinverse in estimating ratios. European Journal of Operational Research
93(3), 611-619.

Bozoki, S., Fulop, J. and Ronyai, L. (2010). On optimal completion of
incomplete pairwise comparison matrices. Mathematical and Computer Modelling
52(1-2), 318-333.
"""

from __future__ import annotations

from typing import Final

import numpy as np

from mcda._types import ArrayLike, BoolArray, FloatArray
from mcda.errors import JudgementError
from mcda.kernels._validate import check_choice, first_position, fmt_position, fmt_value
from mcda.kernels.ahp import (
    _RANGE_RULE,
    _RTOL,
    _ahp_priorities,
    _pairwise_array,
    _perron,
    _plain_pairwise,
    out_of_range,
)

__all__ = [
    "COMPLETION_METHODS",
    "GAP_METHODS",
    "comparison_groups",
    "complete_matrix",
    "harker_priorities",
    "llsm_priorities",
]

#: Names accepted by ``method=`` of :func:`complete_matrix`.
COMPLETION_METHODS: Final[tuple[str, ...]] = ("harker", "llsm")

#: The incomplete-matrix method that extends each priority method: Harker's
#: eigenvector extends ``"eigen"``, the LLSM extends ``"geometric"`` (both reduce
#: to their method on a complete matrix); ``"column_mean"`` has no extension.
GAP_METHODS: Final[dict[str, str]] = {"eigen": "harker", "geometric": "llsm"}


def _as_incomplete(A: ArrayLike, name: str = "A") -> FloatArray:
    """Validate a pairwise matrix in which ``nan`` marks a missing judgement."""
    arr = _pairwise_array(A, name)
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1] or arr.shape[0] < 1:
        raise JudgementError(f"{name} must be a square (n, n) matrix with n >= 1; got {arr.shape}")
    if _plain_pairwise(arr):  # complete and valid (False with any nan): nothing to locate
        return arr
    known = ~np.isnan(arr)
    diag = ~known.diagonal() | (np.abs(np.diag(arr) - 1.0) > _RTOL)
    if diag.any():
        i = int(np.flatnonzero(diag)[0])
        raise JudgementError(
            f"{fmt_position(name, (i, i))} = {fmt_value(arr[i, i])}: an element compared with itself must be 1"
        )
    for bad, rule in (
        (known & ~np.isfinite(arr), "pairwise judgements must be finite (nan marks a missing one)"),
        (known & ~(arr > 0), "pairwise judgements must be positive"),
        (known & out_of_range(arr), _RANGE_RULE),
    ):
        if bad.any():
            pos = first_position(bad)
            raise JudgementError(f"{fmt_position(name, pos)} = {fmt_value(arr[pos])}: {rule}")
    half = known != known.T
    if half.any():
        i, j = first_position(half)
        raise JudgementError(
            f"{fmt_position(name, (i, j))} = {fmt_value(arr[i, j])} but {fmt_position(name, (j, i))} = "
            f"{fmt_value(arr[j, i])}: a missing judgement must be missing in both places (nan, nan)"
        )
    both = np.triu(known, k=1)
    off = both & (np.abs(np.where(both, arr * arr.T, 1.0) - 1.0) > _RTOL)
    if off.any():
        i, j = first_position(off)
        raise JudgementError(
            f"{fmt_position(name, (i, j))} = {fmt_value(arr[i, j])} but {fmt_position(name, (j, i))} = "
            f"{fmt_value(arr[j, i])}: judgements must be reciprocal, {name}[j, i] = 1 / {name}[i, j]"
        )
    return arr


def _groups(known: BoolArray) -> list[list[int]]:
    """Connected components of the comparison graph, each sorted, ordered by their first item.

    A breadth-first search over the (small) boolean adjacency matrix; the same
    groups, in the same order, as ``scipy.sparse.csgraph.connected_components``.
    """
    adjacent = known | known.T
    n = adjacent.shape[0]
    label = np.full(n, -1)
    groups: list[list[int]] = []
    for start in range(n):
        if label[start] >= 0:
            continue
        label[start] = len(groups)
        frontier = np.array([start])
        while frontier.size:
            reached = adjacent[frontier].any(axis=0) & (label < 0)
            frontier = np.flatnonzero(reached)
            label[frontier] = len(groups)
        groups.append([int(i) for i in np.flatnonzero(label == len(groups))])
    return groups


def comparison_groups(known: ArrayLike) -> list[list[int]]:
    """Connected components of the comparison graph, each a sorted list of positions.

    Parameters
    ----------
    known : array_like of bool, shape (n, n)
        True where a judgement is given (symmetric; the diagonal is ignored).

    Examples
    --------
    >>> comparison_groups([[1, 1, 0, 0], [1, 1, 0, 0], [0, 0, 1, 1], [0, 0, 1, 1]])
    [[0, 1], [2, 3]]
    """
    mask = np.asarray(known, dtype=bool)
    if mask.ndim != 2 or mask.shape[0] != mask.shape[1]:
        raise JudgementError(f"known must be a square (n, n) mask; got {mask.shape}")
    return _groups(mask)


def _check_connected(known: BoolArray, name: str) -> None:
    groups = _groups(known)
    if len(groups) > 1:
        shown = " and ".join("{" + ", ".join(map(str, g)) + "}" for g in groups)
        raise JudgementError(
            f"{name}: the comparison graph is not connected: the groups {shown} are never compared "
            "with each other, so their relative priorities are unknowable; add a judgement linking them"
        )


def _harker(A: FloatArray) -> tuple[float, FloatArray]:
    known = ~np.isnan(A)
    B = np.where(known, A, 0.0)
    np.fill_diagonal(B, 1.0 + (~known).sum(axis=1))
    return _perron(B)


def _llsm(A: FloatArray) -> FloatArray:
    n = A.shape[0]
    known = ~np.isnan(A)
    np.fill_diagonal(known, False)
    logs = np.where(known, np.log(np.where(known, A, 1.0)), 0.0)
    laplacian = np.diag(known.sum(axis=1).astype(np.float64)) - known.astype(np.float64)
    # Connected graph: L has rank n - 1 with null space 1; adding 11^T/n pins sum(y) = 0.
    y = np.linalg.solve(laplacian + np.full((n, n), 1.0 / n), logs.sum(axis=1))
    w = np.exp(y - y.max())
    return np.asarray(w / w.sum(), dtype=np.float64)


def _fill(A: FloatArray, w: FloatArray) -> FloatArray:
    return np.where(np.isnan(A), w[:, None] / w[None, :], A)


def _validated_connected(A: ArrayLike, name: str = "A") -> FloatArray:
    arr = _as_incomplete(A, name)
    _check_connected(~np.isnan(arr), name)
    return arr


def harker_priorities(A: ArrayLike) -> FloatArray:
    """Harker's (1987) eigenvector priorities of an incomplete matrix (``nan`` = missing).

    Returns
    -------
    ndarray, shape (n,)
        Strictly positive, summing to 1; the Perron vector when ``A`` is complete.

    Raises
    ------
    JudgementError
        Invalid entries (naming the position) or a disconnected comparison graph
        (naming the groups).

    Examples
    --------
    >>> nan = float("nan")
    >>> print(harker_priorities([[1, 2, nan], [0.5, 1, 2], [nan, 0.5, 1]]).round(4))
    [0.5714 0.2857 0.1429]
    """
    return _harker(_validated_connected(A))[1]


def llsm_priorities(A: ArrayLike) -> FloatArray:
    """Logarithmic least-squares priorities of an incomplete matrix (``nan`` = missing).

    Equal to the row geometric means when ``A`` is complete.

    Examples
    --------
    >>> nan = float("nan")
    >>> print(llsm_priorities([[1, 2, nan], [0.5, 1, 2], [nan, 0.5, 1]]).round(4))
    [0.5714 0.2857 0.1429]
    """
    return _llsm(_validated_connected(A))


def complete_matrix(A: ArrayLike, method: str = "harker") -> tuple[FloatArray, FloatArray]:
    """Fill the missing judgements of ``A`` with ``w_i / w_j`` from Harker's or the LLSM priorities.

    Parameters
    ----------
    A : array_like, shape (n, n)
        Pairwise matrix with ``nan`` for missing judgements (both triangles).
    method : {"harker", "llsm"}
        Which priorities ``w`` fill the gaps.

    Returns
    -------
    completed : ndarray, shape (n, n)
        Positive reciprocal matrix; given entries unchanged.
    w : ndarray, shape (n,)
        The priorities used.

    Examples
    --------
    >>> nan = float("nan")
    >>> C, w = complete_matrix([[1, 2, nan], [0.5, 1, 2], [nan, 0.5, 1]])
    >>> print(C.round(3))
    [[1.   2.   4.  ]
     [0.5  1.   2.  ]
     [0.25 0.5  1.  ]]
    """
    check_choice(method, COMPLETION_METHODS, "method")
    arr = _validated_connected(A)
    w = _harker(arr)[1] if method == "harker" else _llsm(arr)
    return _fill(arr, w), w


def _priorities_any(A: FloatArray, method: str, name: str = "A") -> tuple[FloatArray, FloatArray]:
    """``(completed matrix, priorities)`` of a validated, connected, possibly incomplete matrix.

    A complete matrix is returned as is with the priorities of ``method``; an
    incomplete one is completed with the method of :data:`GAP_METHODS`.
    """
    gaps = np.isnan(A)
    if not gaps.any():
        return A, _ahp_priorities(A, method)
    if method not in GAP_METHODS:
        i, j = first_position(gaps)
        raise JudgementError(
            f"{fmt_position(name, (i, j))} is missing: priority method {method!r} needs every judgement; "
            "use 'eigen' (Harker's method fills the gaps) or 'geometric' (logarithmic least squares)"
        )
    w = _harker(A)[1] if method == "eigen" else _llsm(A)
    return _fill(A, w), w
