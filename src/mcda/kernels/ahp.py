"""Analytic Hierarchy Process basics: priorities and consistency of one pairwise matrix.

A pairwise comparison matrix ``A`` (n, n) holds judgements ``A[i, j]`` = how
much more important element i is than element j. It must be positive,
have ones on the diagonal and be reciprocal, ``A[j, i] = 1 / A[i, j]``.

* Priorities, ``method="eigen"`` (Saaty 1977, 1980): the principal right
  eigenvector of ``A`` (Perron vector), normalised to sum 1.
* Priorities, ``method="geometric"``: normalised geometric means of the rows
  (logarithmic least squares; Crawford & Williams 1985). Equal to the eigen
  priorities when ``A`` is consistent, and for every ``n <= 3``.
* Consistency: ``lambda_max`` (the Perron eigenvalue, >= n), the consistency
  index ``CI = (lambda_max - n) / (n - 1)`` and the consistency ratio
  ``CR = CI / RI(n)`` with a random-index table ``RI`` named explicitly.

References
----------
Saaty, T. L. (1977). A scaling method for priorities in hierarchical
structures. Journal of Mathematical Psychology 15(3), 234-281.

Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill, New York.

Saaty, T. L. (1990). How to make a decision: the analytic hierarchy process.
European Journal of Operational Research 48(1), 9-26.

Crawford, G. and Williams, C. (1985). A note on the analysis of subjective
judgment matrices. Journal of Mathematical Psychology 29(4), 387-405.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, Literal, TypeAlias

import numpy as np

from mcda._types import ArrayLike, FloatArray
from mcda.errors import ConvergenceError, InputError, JudgmentError
from mcda.kernels._validate import check_choice, first_position, fmt_position, fmt_value

__all__ = [
    "RANDOM_INDEX",
    "ahp_priorities",
    "consistency_index",
    "consistency_ratio",
    "lambda_max",
]

PriorityMethod: TypeAlias = Literal["eigen", "geometric"]

#: Random consistency index tables, by name, then by matrix order n.
#:
#: ``"saaty"``: Saaty (1980), *The Analytic Hierarchy Process*, the random
#: index table for n = 1..10 (average consistency index of randomly generated
#: reciprocal matrices with entries from the 1/9..9 scale):
#: 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49. These are also the
#: values behind the consistency ratios printed in Saaty (1990), e.g.
#: CR = 0.169 for the 8 x 8 house-buying matrix (CI 0.238 / RI 1.41).
RANDOM_INDEX: Final[Mapping[str, Mapping[int, float]]] = MappingProxyType(
    {
        "saaty": MappingProxyType(
            {
                1: 0.0,
                2: 0.0,
                3: 0.58,
                4: 0.90,
                5: 1.12,
                6: 1.24,
                7: 1.32,
                8: 1.41,
                9: 1.45,
                10: 1.49,
            }
        ),
    }
)

_RTOL = 1e-9


def _as_pairwise(A: ArrayLike, name: str = "A") -> FloatArray:
    """Validate a pairwise comparison matrix; every problem is a :class:`JudgmentError`."""
    try:
        arr = np.asarray(A, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise JudgmentError(f"{name} must be a square array of real numbers: {exc}") from None
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1] or arr.shape[0] < 1:
        raise JudgmentError(f"{name} must be a square (n, n) matrix with n >= 1; got {arr.shape}")
    for bad, rule in (
        (~np.isfinite(arr), "pairwise judgements must be finite"),
        (~(arr > 0), "pairwise judgements must be positive"),
    ):
        if bad.any():
            pos = first_position(bad)
            raise JudgmentError(f"{fmt_position(name, pos)} = {fmt_value(arr[pos])}: {rule}")
    diag = np.abs(np.diag(arr) - 1.0) > _RTOL
    if diag.any():
        i = int(np.flatnonzero(diag)[0])
        raise JudgmentError(
            f"{fmt_position(name, (i, i))} = {fmt_value(arr[i, i])}: an element compared with "
            "itself must be 1"
        )
    off = np.triu(np.abs(arr * arr.T - 1.0) > _RTOL, k=1)
    if off.any():
        i, j = first_position(off)
        raise JudgmentError(
            f"{fmt_position(name, (i, j))} = {fmt_value(arr[i, j])} but "
            f"{fmt_position(name, (j, i))} = {fmt_value(arr[j, i])}: judgements must be "
            f"reciprocal, {name}[j, i] = 1 / {name}[i, j] (relative tolerance {_RTOL:g})"
        )
    return arr


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
    """Perron eigenvalue and eigenvector (positive, summing to 1) of a positive matrix."""
    values, vectors = np.linalg.eig(A)
    k = int(np.argmax(values.real))
    vec = vectors[:, k]
    # numpy may hand back a complex dtype (other eigenvalues are complex) and any
    # unit-modulus phase; dividing by the largest entry removes both.
    vec = (vec / vec[np.argmax(np.abs(vec))]).real
    v = vec / vec.sum()
    if not (np.all(np.isfinite(v)) and np.all(v > 0)):
        v = _power_iteration(A)
    lam = float(values[k].real)
    return lam, v


def _ahp_priorities(A: FloatArray, method: str = "eigen") -> FloatArray:
    """Unvalidated :func:`ahp_priorities`."""
    if method == "geometric":
        g = np.exp(np.log(A).mean(axis=1))
        return np.asarray(g / g.sum(), dtype=np.float64)
    return _perron(A)[1]


def _consistency_index(A: FloatArray) -> float:
    n = int(A.shape[0])
    if n < 2:
        return 0.0
    # lambda_max >= n for every positive reciprocal matrix (Saaty 1977); clip rounding noise.
    return max(_perron(A)[0] - n, 0.0) / float(n - 1)


def ahp_priorities(A: ArrayLike, method: PriorityMethod = "eigen") -> FloatArray:
    """Priority vector of a pairwise comparison matrix.

    Parameters
    ----------
    A : array_like, shape (n, n)
        Positive reciprocal matrix with unit diagonal.
    method : {"eigen", "geometric"}
        "eigen": principal right eigenvector (Saaty 1980). "geometric":
        normalised row geometric means (Crawford & Williams 1985).

    Returns
    -------
    ndarray, shape (n,)
        Strictly positive priorities summing to 1.

    Raises
    ------
    JudgmentError
        ``A`` not square, not finite, not positive, diagonal not 1, or not
        reciprocal; the message names the entry, e.g. ``A[0, 2]``.

    Examples
    --------
    >>> A = [[1, 3, 5], [1/3, 1, 5/3], [1/5, 3/5, 1]]
    >>> print(ahp_priorities(A).round(4))
    [0.6522 0.2174 0.1304]
    """
    arr = _as_pairwise(A)
    check_choice(method, ("eigen", "geometric"), "method")
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
        Key of :data:`RANDOM_INDEX`; ``"saaty"`` is Saaty's (1980) table for
        n = 1..10 (0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49).

    Returns
    -------
    float
        0.0 for n <= 2 (every such reciprocal matrix is consistent). Saaty's
        rule of thumb accepts CR <= 0.10.

    Raises
    ------
    InputError
        Unknown table, or n beyond the table (no value is extrapolated).
    JudgmentError
        Invalid matrix.

    Examples
    --------
    Saaty (1990), "Financing" matrix: CR = 0.056.

    >>> round(consistency_ratio([[1, 1/7, 1/5], [7, 1, 3], [5, 1/3, 1]]), 3)
    0.056
    """
    arr = _as_pairwise(A)
    table = RANDOM_INDEX.get(ri) if isinstance(ri, str) else None
    if table is None:
        raise InputError(f"ri must be one of {', '.join(map(repr, RANDOM_INDEX))}; got {ri!r}")
    n = arr.shape[0]
    if n <= 2:
        return 0.0
    if n not in table:
        raise InputError(
            f"the {ri!r} random index table covers n = {min(table)}..{max(table)}; "
            f"A is {n} x {n}; no value is extrapolated, split the comparisons into smaller groups"
        )
    return _consistency_index(arr) / table[n]
