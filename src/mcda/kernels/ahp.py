"""Analytic Hierarchy Process kernels for one pairwise comparison matrix.

A pairwise comparison matrix ``A`` (n, n) holds judgements ``A[i, j]`` = how
much more important (or preferred) element i is than element j. It must be
positive, have ones on the diagonal and be reciprocal, ``A[j, i] = 1 / A[i, j]``.

Priority methods (each named, none hidden):

* ``"eigen"`` (Saaty 1977, 1980): the principal right eigenvector (Perron
  vector) of ``A``, real and strictly positive, normalised to sum 1.
* ``"geometric"``: normalised geometric means of the rows, the logarithmic
  least-squares solution (Crawford & Williams 1985).
* ``"column_mean"``: each column divided by its sum, then the row means (the
  "approximate" method of many textbooks; Saaty 1980, ch. 2).

All three agree when ``A`` is consistent (``A[i, k] = A[i, j] A[j, k]``);
eigen and geometric also agree for every ``n <= 3``.

Consistency: ``lambda_max`` is always the Perron eigenvalue (whatever the
priority method), ``CI = (lambda_max - n) / (n - 1)``, ``CR = CI / RI(n)`` with a
named random-index table (:mod:`mcda.kernels.ahp_random_index`). The geometric
consistency index ``GCI = 2 / ((n - 1)(n - 2)) * sum_{i<j} ln^2(a_ij w_j / w_i)``
(``w`` the row geometric means; natural logarithm) is the consistency measure
that goes with the geometric method (Aguaron & Moreno-Jimenez 2003); their
thresholds are 0.31 (n = 3), 0.35 (n = 4) and 0.37 (n > 4).

References
----------
Saaty, T. L. (1977). A scaling method for priorities in hierarchical
structures. Journal of Mathematical Psychology 15(3), 234-281.

Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill, New York.

Saaty, T. L. (1990). How to make a decision: the analytic hierarchy process.
European Journal of Operational Research 48(1), 9-26.

Crawford, G. and Williams, C. (1985). A note on the analysis of subjective
judgment matrices. Journal of Mathematical Psychology 29(4), 387-405.

Aguaron, J. and Moreno-Jimenez, J. M. (2003). The geometric consistency index:
approximated thresholds. European Journal of Operational Research 147(1),
137-145.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, Literal, TypeAlias

import numpy as np

from mcda._types import ArrayLike, FloatArray, IntArray
from mcda.errors import ConvergenceError, InputError, JudgementError
from mcda.kernels._validate import check_choice, first_position, fmt_position, fmt_value, refuse_foreign
from mcda.kernels.ahp_random_index import (
    RANDOM_INDEX,
    RANDOM_INDEX_NAMES,
    _random_index,
    check_ri_name,
    random_index,
)

__all__ = [
    "GCI_THRESHOLDS",
    "JUDGEMENT_RANGE",
    "PRIORITY_METHODS",
    "RANDOM_INDEX",
    "RANDOM_INDEX_NAMES",
    "ahp_priorities",
    "consistency_index",
    "consistency_ratio",
    "gci_threshold",
    "geometric_consistency_index",
    "judgement_errors",
    "lambda_max",
    "random_index",
]

PriorityMethod: TypeAlias = Literal["eigen", "geometric", "column_mean"]

#: Names accepted by ``method=`` of :func:`ahp_priorities`.
PRIORITY_METHODS: Final[tuple[str, ...]] = ("eigen", "geometric", "column_mean")

#: GCI acceptance thresholds of Aguaron & Moreno-Jimenez (2003) by matrix order;
#: every n > 4 uses 0.37, and n <= 2 is always consistent (GCI = 0).
GCI_THRESHOLDS: Final[Mapping[int, float]] = MappingProxyType({3: 0.31, 4: 0.35})
_GCI_THRESHOLD_LARGE = 0.37

_RTOL = 1e-9

#: Judgements outside ``[1e-50, 1e50]`` are refused: beyond it, eigenvalues of the
#: matrix (and with them lambda_max, CI and CR) cannot be computed reliably in
#: double precision. Every scale a study can declare lies well inside.
JUDGEMENT_RANGE: Final[tuple[float, float]] = (1e-50, 1e50)
_RANGE_RULE = ("pairwise judgements must lie within 1e-50..1e50 (a ratio beyond that cannot be checked for "
               "consistency in double precision); rescale the judgements")


def _pairwise_array(A: ArrayLike, name: str) -> FloatArray:
    """``A`` as float64, refusing masked, complex and non-numeric input with a :class:`JudgementError`."""
    try:
        refuse_foreign(A, name)
        arr = np.asarray(A, dtype=np.float64)
    except InputError as exc:
        raise JudgementError(str(exc)) from None
    except (TypeError, ValueError, OverflowError) as exc:
        raise JudgementError(f"{name} must be a square array of real numbers: {exc}") from None
    return arr


def out_of_range(arr: FloatArray) -> np.ndarray:
    """Mask of finite positive judgements outside :data:`JUDGEMENT_RANGE`."""
    lo, hi = JUDGEMENT_RANGE
    with np.errstate(invalid="ignore"):
        return np.asarray(np.isfinite(arr) & (arr > 0) & ((arr < lo) | (arr > hi)))


def _as_pairwise(A: ArrayLike, name: str = "A") -> FloatArray:
    """Validate a complete pairwise comparison matrix; every problem is a :class:`JudgementError`."""
    arr = _pairwise_array(A, name)
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1] or arr.shape[0] < 1:
        raise JudgementError(f"{name} must be a square (n, n) matrix with n >= 1; got {arr.shape}")
    if _plain_pairwise(arr):
        return arr
    for bad, rule in (
        (~np.isfinite(arr), "pairwise judgements must be finite"),
        (~(arr > 0), "pairwise judgements must be positive"),
        (out_of_range(arr), _RANGE_RULE),
    ):
        if bad.any():
            pos = first_position(bad)
            raise JudgementError(f"{fmt_position(name, pos)} = {fmt_value(arr[pos])}: {rule}")
    diag = np.abs(np.diag(arr) - 1.0) > _RTOL
    if diag.any():
        i = int(np.flatnonzero(diag)[0])
        raise JudgementError(
            f"{fmt_position(name, (i, i))} = {fmt_value(arr[i, i])}: an element compared with "
            "itself must be 1"
        )
    off = np.triu(np.abs(arr * arr.T - 1.0) > _RTOL, k=1)
    if off.any():
        i, j = first_position(off)
        raise JudgementError(
            f"{fmt_position(name, (i, j))} = {fmt_value(arr[i, j])} but "
            f"{fmt_position(name, (j, i))} = {fmt_value(arr[j, i])}: judgements must be "
            f"reciprocal, {name}[j, i] = 1 / {name}[i, j] (relative tolerance {_RTOL:g})"
        )
    return arr


def _plain_pairwise(arr: FloatArray) -> bool:
    """The usual case in a few whole-matrix tests; any failure is then located by :func:`_as_pairwise`.

    True only when every judgement lies in :data:`JUDGEMENT_RANGE` (so is positive and
    finite) and the matrix is reciprocal; min >= lo is False for NaN, and
    |a_ii^2 - 1| <= tol implies |a_ii - 1| <= tol.
    """
    lo, hi = JUDGEMENT_RANGE
    with np.errstate(over="ignore", invalid="ignore"):
        return bool(arr.size and arr.min() >= lo and arr.max() <= hi
                    and np.abs(arr * arr.T - 1.0).max() <= _RTOL)


def _power_iteration(A: FloatArray, tol: float = 1e-14, max_iter: int = 10_000) -> FloatArray:
    v: FloatArray = np.full(A.shape[0], 1.0 / A.shape[0])
    for _ in range(max_iter):
        nxt: FloatArray = A @ v
        nxt /= nxt.sum()
        if np.max(np.abs(nxt - v)) <= tol:
            return nxt
        v = nxt
    raise ConvergenceError(f"power iteration for the Perron vector did not converge in {max_iter}")


def _perron(A: FloatArray) -> tuple[float, FloatArray]:
    """Perron eigenvalue and eigenvector (positive, summing to 1).

    ``A`` must be non-negative and primitive (a positive matrix, or an
    irreducible one with a positive diagonal, such as Harker's matrix).

    A positive matrix is first balanced, ``B = D^-1 A D`` with ``D`` the row
    geometric means (computed in the log domain): ``B`` has the same eigenvalues,
    its entries are the residuals ``a_ij w_j / w_i`` (all 1 for a consistent
    matrix), so the result does not depend on the magnitude of the judgements.
    A Perron eigenvalue below ``n`` (impossible for a positive reciprocal matrix)
    or not finite is a numerical failure and raises :class:`JudgementError`.
    """
    if A.size and np.all(A > 0):
        logA = np.log(A)
        d = logA.mean(axis=1)
        B = np.exp(logA - d[:, None] + d[None, :])
        lam, vb = _perron_raw(B)
        n = A.shape[0]
        if not np.isfinite(lam) or (lam < n - 1e-9 * n and np.allclose(A * A.T, 1.0)):
            raise JudgementError(f"lambda_max = {fmt_value(lam)} of this {n} x {n} matrix is not a valid Perron "
                                f"eigenvalue (it must be finite and >= n = {n}): the judgements cannot be "
                                "checked for consistency in double precision; rescale them")
        logv = np.log(vb) + d
        v = np.exp(logv - logv.max())
        return lam, np.asarray(v / v.sum(), dtype=np.float64)
    return _perron_raw(A)


def _perron_raw(A: FloatArray) -> tuple[float, FloatArray]:
    values, vectors = np.linalg.eig(A)
    k = int(values.real.argmax())
    vec = vectors[:, k]
    # numpy may hand back a complex dtype (other eigenvalues are complex) and any
    # unit-modulus phase; dividing by the largest entry removes both.
    vec = (vec / vec[np.abs(vec).argmax()]).real
    v = vec / vec.sum()
    if not (np.isfinite(v).all() and (v > 0).all()):
        v = _power_iteration(A)
    lam = float(values[k].real)
    return lam, v


def _geometric(A: FloatArray) -> FloatArray:
    logs = np.log(A).mean(axis=1)
    g = np.exp(logs - logs.max())  # shift: no overflow for large matrices
    return np.asarray(g / g.sum(), dtype=np.float64)


def _priorities_and_lambda(A: FloatArray, method: str = "eigen") -> tuple[FloatArray, float]:
    """Priorities of ``method`` and lambda_max, with one eigen-decomposition (1.0 for n = 1)."""
    if A.shape[0] == 1:
        return np.ones(1), 1.0
    lam, v = _perron(A)
    return (v if method == "eigen" else _ahp_priorities(A, method)), lam


def _ahp_priorities(A: FloatArray, method: str = "eigen") -> FloatArray:
    """Unvalidated :func:`ahp_priorities`."""
    if method == "geometric":
        return _geometric(A)
    if method == "column_mean":
        return np.asarray((A / A.sum(axis=0)).mean(axis=1), dtype=np.float64)
    return _perron(A)[1]


def _consistency_index(A: FloatArray, lam: float | None = None) -> float:
    """CI of ``A``; ``lam``: its lambda_max when already known (saves an eigen-decomposition)."""
    n = int(A.shape[0])
    if n < 2:
        return 0.0
    # lambda_max >= n for every positive reciprocal matrix (Saaty 1977); clip rounding noise.
    return max((_perron(A)[0] if lam is None else lam) - n, 0.0) / float(n - 1)


def _consistency_ratio(A: FloatArray, ri: str) -> float:
    n = int(A.shape[0])
    if n <= 2:
        return 0.0
    return _consistency_index(A) / _random_index(n, ri)


def _gci(A: FloatArray) -> float:
    n = int(A.shape[0])
    if n <= 2:
        return 0.0
    # ln(a_ij w_j / w_i) with w the normalised row geometric means: normalising adds
    # the same constant to every ln w_i, which cancels, so the row means of ln A serve.
    logA = np.log(A)
    logw = logA.mean(axis=1)
    resid = logA - logw[:, None] + logw[None, :]
    upper = resid[_upper(n)]
    return float(np.dot(upper, upper) * 2.0 / ((n - 1) * (n - 2)))


_UPPER: dict[int, tuple[IntArray, IntArray]] = {}


def _upper(n: int) -> tuple[IntArray, IntArray]:
    """Indices of the strict upper triangle of an (n, n) matrix, computed once per size."""
    if n not in _UPPER:
        i, j = np.triu_indices(n, k=1)
        _UPPER[n] = (i, j)
    return _UPPER[n]


def ahp_priorities(A: ArrayLike, method: PriorityMethod = "eigen") -> FloatArray:
    """Priority vector of a pairwise comparison matrix.

    Parameters
    ----------
    A : array_like, shape (n, n)
        Positive reciprocal matrix with unit diagonal.
    method : {"eigen", "geometric", "column_mean"}
        "eigen": principal right eigenvector (Saaty 1980). "geometric":
        normalised row geometric means (Crawford & Williams 1985).
        "column_mean": mean of the column-normalised matrix.

    Returns
    -------
    ndarray, shape (n,)
        Strictly positive priorities summing to 1.

    Raises
    ------
    JudgementError
        ``A`` not square, not finite, not positive, diagonal not 1, or not
        reciprocal; the message names the entry, e.g. ``A[0, 2]``.

    Examples
    --------
    >>> A = [[1, 3, 5], [1/3, 1, 5/3], [1/5, 3/5, 1]]
    >>> print(ahp_priorities(A).round(4))
    [0.6522 0.2174 0.1304]
    >>> print(ahp_priorities(A, "column_mean").round(4))
    [0.6522 0.2174 0.1304]
    """
    arr = _as_pairwise(A)
    check_choice(method, PRIORITY_METHODS, "method")
    return _ahp_priorities(arr, method)


def lambda_max(A: ArrayLike) -> float:
    """Principal (Perron) eigenvalue of a pairwise comparison matrix.

    It is ``>= n``, with equality exactly when the matrix is consistent.

    Examples
    --------
    >>> round(lambda_max([[1, 2], [0.5, 1]]), 12)
    2.0
    """
    return _perron(_as_pairwise(A))[0]


def consistency_index(A: ArrayLike) -> float:
    """Saaty's consistency index ``CI = (lambda_max - n) / (n - 1)``; 0 for n = 1.

    Examples
    --------
    >>> consistency_index([[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]])
    0.0
    """
    return _consistency_index(_as_pairwise(A))


def consistency_ratio(A: ArrayLike, ri: str = "saaty") -> float:
    """Consistency ratio ``CR = CI / RI(n)`` with an explicitly named random-index table.

    Parameters
    ----------
    A : array_like, shape (n, n)
        Pairwise comparison matrix.
    ri : str
        One of :data:`RANDOM_INDEX_NAMES`; ``"saaty"`` (the default) is Saaty's
        (1980) table for n = 1..10 (0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41,
        1.45, 1.49). See :mod:`mcda.kernels.ahp_random_index` for the others.

    Returns
    -------
    float
        0.0 for n <= 2 (every such reciprocal matrix is consistent). Saaty's
        rule of thumb accepts CR <= 0.10.

    Raises
    ------
    InputError
        Unknown table, or n beyond the table (no value is extrapolated).
    JudgementError
        Invalid matrix.

    Examples
    --------
    Saaty (1990), "Financing" matrix: CR = 0.056.

    >>> round(consistency_ratio([[1, 1/7, 1/5], [7, 1, 3], [5, 1/3, 1]]), 3)
    0.056
    """
    arr = _as_pairwise(A)
    check_ri_name(ri)
    return _consistency_ratio(arr, ri)


def geometric_consistency_index(A: ArrayLike) -> float:
    """Geometric consistency index (GCI) of Aguaron & Moreno-Jimenez (2003).

    ``GCI = 2 / ((n - 1)(n - 2)) * sum_{i<j} ln^2(a_ij w_j / w_i)`` with ``w``
    the row geometric means (the priorities of ``method="geometric"``). It is 0
    exactly for consistent matrices and, by definition, for ``n <= 2``. Compare
    it with :func:`gci_threshold`.

    Examples
    --------
    For n = 3 it equals ``ln^2(a_12 a_23 / a_13) / 3``:

    >>> round(geometric_consistency_index([[1, 2, 1], [0.5, 1, 2], [1, 0.5, 1]]), 6)
    0.640604
    """
    return _gci(_as_pairwise(A))


def gci_threshold(n: int) -> float:
    """GCI acceptance threshold for order ``n`` (Aguaron & Moreno-Jimenez 2003).

    0.31 for n = 3, 0.35 for n = 4, 0.37 for n > 4; for n <= 2 the GCI is 0
    and the threshold returned is 0.37 (it is never exceeded).

    Examples
    --------
    >>> [gci_threshold(n) for n in (3, 4, 5, 9)]
    [0.31, 0.35, 0.37, 0.37]
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InputError(f"n must be an integer >= 1 (the matrix order); got {n!r}")
    return GCI_THRESHOLDS.get(n, _GCI_THRESHOLD_LARGE)


def _judgement_errors(A: FloatArray, w: FloatArray) -> FloatArray:
    return np.asarray(A * w[None, :] / w[:, None], dtype=np.float64)


def judgement_errors(A: ArrayLike, w: ArrayLike) -> FloatArray:
    """Saaty's error matrix ``e_ij = a_ij * w_j / w_i`` of judgements against priorities.

    ``e_ij = 1`` where the judgement agrees with the priorities; the value
    consistent with them is ``w_i / w_j``, and ``|ln e_ij|`` ranks the
    judgements from the most to the least inconsistent.

    Parameters
    ----------
    A : array_like, shape (n, n)
        Pairwise comparison matrix.
    w : array_like, shape (n,)
        Strictly positive priorities.

    Returns
    -------
    ndarray, shape (n, n)
        Reciprocal (``e_ji = 1 / e_ij``) with unit diagonal.

    Examples
    --------
    >>> A = [[1, 2, 1], [0.5, 1, 2], [1, 0.5, 1]]
    >>> print(judgement_errors(A, ahp_priorities(A)).round(3))
    [[1.    1.587 0.63 ]
     [0.63  1.    1.587]
     [1.587 0.63  1.   ]]
    """
    arr = _as_pairwise(A)
    try:
        vec = np.asarray(w, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InputError(f"w must be an array of real numbers: {exc}") from None
    if vec.shape != (arr.shape[0],):
        raise InputError(f"w must have shape ({arr.shape[0]},), one priority per row of A; got {vec.shape}")
    bad = ~(np.isfinite(vec) & (vec > 0))
    if bad.any():
        pos = first_position(bad)
        raise InputError(f"{fmt_position('w', pos)} = {fmt_value(vec[pos])}: priorities must be finite and > 0")
    return _judgement_errors(arr, vec)
