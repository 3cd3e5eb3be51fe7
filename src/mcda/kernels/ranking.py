"""Ranks from scores, with ties detected within a tolerance, vectorised over rows.

Scores computed along different paths (a batch versus one vector, another
summation order) differ in the last bits; comparing them with ``==`` would
make ties depend on rounding. Here two scores are tied when they differ by at
most a tolerance, by default ``1e-12 * max|s|`` over the row, i.e. twelve
significant digits. Tied groups are formed by chaining neighbours in sorted
order (single linkage): if a ~ b and b ~ c then a, b, c share a rank, even if
``|a - c|`` exceeds the tolerance.
"""

from __future__ import annotations

from typing import Final, Literal, TypeAlias

import numpy as np

from mcda._types import ArrayLike, BoolArray, FloatArray, IntArray
from mcda.errors import InputError
from mcda.kernels._validate import as_scores, check_choice

__all__ = ["DEFAULT_TIE_RTOL", "TIE_POLICIES", "near_ties", "rank"]

TiePolicy: TypeAlias = Literal["min", "dense", "ordinal", "average"]

#: Tie policies accepted by :func:`rank`.
TIE_POLICIES: Final[tuple[str, ...]] = ("min", "dense", "ordinal", "average")
#: Default tie tolerance of :func:`rank`, relative to the largest |score| of the row.
DEFAULT_TIE_RTOL: Final[float] = 1e-12


def _tolerance(s: FloatArray, atol: float | None, rtol: float) -> FloatArray:
    scale = np.abs(s).max(axis=-1, keepdims=True)
    base = 0.0 if atol is None else atol
    return np.asarray(base + rtol * scale, dtype=np.float64)


def _check_tol(value: float, name: str) -> float:
    tol = float(value)
    if not (np.isfinite(tol) and tol >= 0):
        raise InputError(f"{name} must be finite and non-negative; got {value!r}")
    return tol


def _scatter(order: np.ndarray, values: np.ndarray) -> np.ndarray:
    out = np.empty_like(values)
    np.put_along_axis(out, order, values, axis=-1)
    return out


def _rank(s: FloatArray, higher_is_better: bool, ties: str, tol: FloatArray) -> np.ndarray:
    """Unvalidated :func:`rank`; ``tol`` broadcasts against ``s[..., :1]``."""
    key = s if higher_is_better else -s
    m = s.shape[-1]
    order = np.argsort(-key, axis=-1, kind="stable")  # best first, ties by index
    best_first = np.take_along_axis(key, order, axis=-1)
    gaps = best_first[..., :-1] - best_first[..., 1:]
    ones = np.ones((*s.shape[:-1], 1), dtype=bool)
    starts = np.concatenate([ones, gaps > tol], axis=-1)
    pos = np.broadcast_to(np.arange(1, m + 1), s.shape)
    if ties == "dense":
        return _scatter(order, np.cumsum(starts, axis=-1, dtype=np.int64))
    if ties == "ordinal":
        dense = _scatter(order, np.cumsum(starts, axis=-1, dtype=np.int64))
        return _scatter(np.argsort(dense, axis=-1, kind="stable"), pos.astype(np.int64))
    first = np.maximum.accumulate(np.where(starts, pos, 0), axis=-1)
    if ties == "min":
        return _scatter(order, first.astype(np.int64))
    ends = np.concatenate([starts[..., 1:], ones], axis=-1)
    last = np.flip(
        np.minimum.accumulate(np.flip(np.where(ends, pos, m + 1), axis=-1), axis=-1), axis=-1
    )
    return _scatter(order, (first + last) / 2.0)


def rank(
    scores: ArrayLike,
    higher_is_better: bool = True,
    ties: TiePolicy = "min",
    atol: float | None = None,
) -> IntArray | FloatArray:
    """Rank alternatives along the last axis, 1 = best.

    Parameters
    ----------
    scores : array_like, shape (..., m)
        Finite scores; each row is ranked on its own.
    higher_is_better : bool
        False for scores where lower is better (e.g. distances).
    ties : {"min", "dense", "ordinal", "average"}
        "min": competition ranking 1, 2, 2, 4. "dense": 1, 2, 2, 3.
        "ordinal": 1, 2, 3, 4 with tied alternatives in index order.
        "average": 1, 2.5, 2.5, 4 (float result).
    atol : float, optional
        Absolute tie tolerance. Default: ``1e-12 * max|s|`` of each row
        (:data:`DEFAULT_TIE_RTOL`). Pass 0.0 for exact comparison.

    Returns
    -------
    ndarray, shape (..., m)
        int64 ranks, or float64 for ``ties="average"``.

    Examples
    --------
    >>> print(rank([0.2, 0.9, 0.5, 0.9]))
    [4 1 3 1]
    >>> print(rank([0.2, 0.9, 0.5, 0.9], ties="dense"), rank([3.0, 1.0], higher_is_better=False))
    [3 1 2 1] [2 1]
    >>> print(rank([21.5, 22.0, 0.1 + 0.2 + 21.7], ties="average"))
    [3.  1.5 1.5]
    """
    s = as_scores(scores)
    check_choice(ties, TIE_POLICIES, "ties")
    if atol is None:
        tol = _tolerance(s, None, DEFAULT_TIE_RTOL)
    else:
        tol = np.asarray(_check_tol(atol, "atol"))
    return _rank(s, bool(higher_is_better), ties, tol)


def near_ties(scores: ArrayLike, rtol: float = 1e-6, atol: float = 0.0) -> BoolArray:
    """Mark alternatives whose score is within tolerance of another alternative's.

    Alternative i is marked when ``|s_i - s_k| <= atol + rtol * max_l |s_l|``
    for some other alternative k of the same row. Use it to flag rankings
    that hinge on differences smaller than the precision of the inputs.

    Parameters
    ----------
    scores : array_like, shape (..., m)
    rtol : float
        Tolerance relative to the largest |score| of the row.
    atol : float
        Absolute tolerance added to it.

    Returns
    -------
    ndarray of bool, shape (..., m)

    Examples
    --------
    >>> print(near_ties([0.5, 0.5000001, 0.7, 0.1]))
    [ True  True False False]
    """
    s = as_scores(scores)
    tol = _tolerance(s, _check_tol(atol, "atol"), _check_tol(rtol, "rtol"))
    order = np.argsort(s, axis=-1, kind="stable")
    ascending = np.take_along_axis(s, order, axis=-1)
    close = (ascending[..., 1:] - ascending[..., :-1]) <= tol
    no = np.zeros((*s.shape[:-1], 1), dtype=bool)
    marked = np.concatenate([close, no], axis=-1) | np.concatenate([no, close], axis=-1)
    return np.asarray(_scatter(order, marked), dtype=np.bool_)
