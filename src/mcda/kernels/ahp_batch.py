"""Eigenvector priorities and consistency of many pairwise matrices of one size, in one call.

A hierarchy has many comparison matrices, usually of a few sizes. For a stack
``A`` of shape ``(k, n, n)`` :func:`ahp_batch` validates every matrix with
whole-stack checks (a failure names the matrix and the entry, ``A[3][0, 2]``),
takes one ``numpy.linalg.eig`` of the stack and returns, per matrix, the
Perron priorities, ``lambda_max``, CI and CR, the same numbers as
:func:`~mcda.kernels.ahp_priorities` and :func:`~mcda.kernels.consistency_ratio`
matrix by matrix (a matrix whose eigenvector numpy returns with mixed signs is
recomputed the way the single-matrix kernel does it).

Examples
--------
>>> A = [[[1, 3], [1/3, 1]], [[1, 1/2], [2, 1]]]
>>> r = ahp_batch(A)
>>> print(r.priorities.round(4))
[[0.75   0.25  ]
 [0.3333 0.6667]]
>>> print(r.cr)
[0. 0.]
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from mcda._types import ArrayLike, FloatArray
from mcda.errors import JudgmentError
from mcda.kernels.ahp import _as_pairwise, _perron, _plain_pairwise
from mcda.kernels.ahp_random_index import _random_index, check_ri_name

__all__ = ["AhpBatch", "ahp_batch"]


class AhpBatch(NamedTuple):
    """Per-matrix results of :func:`ahp_batch`, first axis = matrix."""

    priorities: FloatArray
    """(k, n): Perron vectors, positive, each summing to 1."""
    lambda_max: FloatArray
    """(k,): principal eigenvalues (>= n)."""
    ci: FloatArray
    """(k,): ``(lambda_max - n) / (n - 1)``, clipped at 0; 0 for n = 1."""
    cr: FloatArray
    """(k,): ``ci / RI(n)`` with the named table; 0 for n <= 2."""


def _validated_stack(A: ArrayLike) -> FloatArray:
    try:
        arr = np.asarray(A, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise JudgmentError(f"A must be a stack of square arrays of real numbers: {exc}") from None
    if arr.ndim != 3 or arr.shape[1] != arr.shape[2] or arr.shape[1] < 1:
        raise JudgmentError(f"A must have shape (k, n, n), k matrices of one size n >= 1; got {arr.shape}")
    with np.errstate(over="ignore", invalid="ignore"):
        plain = arr.size == 0 or bool(
            arr.min() > 0 and arr.max() < np.inf
            and np.abs(arr * arr.transpose(0, 2, 1) - 1.0).max() <= 1e-9)
    if not plain:
        for i, M in enumerate(arr):
            if not _plain_pairwise(M):
                _as_pairwise(M, f"A[{i}]")  # raises, naming the matrix and the entry
    return arr


def ahp_batch(A: ArrayLike, ri: str = "saaty") -> AhpBatch:
    """Eigenvector priorities, lambda_max, CI and CR of ``k`` pairwise matrices of size ``n``.

    Parameters
    ----------
    A : array_like, shape (k, n, n)
        Positive reciprocal matrices with unit diagonals.
    ri : str
        Random-index table for the CR (see :data:`~mcda.kernels.RANDOM_INDEX_NAMES`).

    Returns
    -------
    AhpBatch
        ``priorities`` (k, n), ``lambda_max``, ``ci`` and ``cr`` (k,).

    Raises
    ------
    JudgmentError
        A matrix breaks a rule; the message names it, e.g. ``A[2][0, 1]``.
    InputError
        Unknown random-index table, or n beyond it.

    Examples
    --------
    >>> A = [[[1, 2, 4], [1/2, 1, 2], [1/4, 1/2, 1]]] * 2
    >>> r = ahp_batch(A)
    >>> print(r.priorities[0].round(4), r.lambda_max.round(6), r.cr)
    [0.5714 0.2857 0.1429] [3. 3.] [0. 0.]
    """
    arr = _validated_stack(A)
    check_ri_name(ri)
    k, n = arr.shape[0], arr.shape[1]
    r = _random_index(n, ri)
    if n == 1 or k == 0:  # nothing to decompose
        return AhpBatch(np.ones((k, n)), np.ones(k) * n, np.zeros(k), np.zeros(k))
    values, vectors = np.linalg.eig(arr)
    top = values.real.argmax(axis=1)
    lam = np.take_along_axis(values.real, top[:, None], axis=1)[:, 0]
    vec = np.take_along_axis(vectors, top[:, None, None], axis=2)[:, :, 0]
    big = np.abs(vec).argmax(axis=1)
    vec = (vec / np.take_along_axis(vec, big[:, None], axis=1)).real
    with np.errstate(divide="ignore", invalid="ignore"):
        w = vec / vec.sum(axis=1, keepdims=True)
    for i in np.flatnonzero(~(np.isfinite(w) & (w > 0)).all(axis=1)):
        lam[i], w[i] = _perron(arr[i])  # the single-matrix path, with its power-iteration fallback
    ci = np.maximum(lam - n, 0.0) / (n - 1)
    cr = ci / r if n > 2 else np.zeros(k)
    return AhpBatch(np.asarray(w, dtype=np.float64), lam, ci, cr)
