"""Group AHP: aggregating several decision-makers' judgements or priorities.

``K`` decision-makers each give a complete pairwise matrix ``A_k`` (n, n),
stacked as ``As`` (K, n, n), with weights ``lam`` (K,) (non-negative, positive
sum; normalised to sum 1, and the normalised weights are what callers report).

* AIJ, aggregation of individual judgements (Aczel & Saaty 1983; Forman &
  Peniwati 1998): the weighted geometric mean ``prod_k A_k ** lam_k``, entry by
  entry. It is the only such mean that keeps the result reciprocal, so the
  group matrix is a pairwise matrix like any other.
* AIP, aggregation of individual priorities (Forman & Peniwati 1998): each
  decision-maker's priorities ``w_k`` are combined by the weighted geometric
  mean (renormalised to sum 1) or the weighted arithmetic mean. With the
  geometric mean and geometric-mean priorities, AIP and AIJ give the same
  vector.
* Dispersion of pair (i, j): the weighted standard deviation of
  ``ln a_ij^(k)`` over the decision-makers (0 = all agree; ``ln 3 = 1.10``
  means a typical spread of a factor 3 around the group judgement).

References
----------
Aczel, J. and Saaty, T. L. (1983). Procedures for synthesizing ratio
judgements. Journal of Mathematical Psychology 27(1), 93-102.

Forman, E. and Peniwati, K. (1998). Aggregating individual judgments and
priorities with the analytic hierarchy process. European Journal of
Operational Research 108(1), 165-169.
"""

from __future__ import annotations

from typing import Final

import numpy as np

from mcda._types import ArrayLike, FloatArray
from mcda.errors import InputError, JudgementError
from mcda.kernels._validate import check_choice, first_position, fmt_position, fmt_value
from mcda.kernels.ahp import _as_pairwise, _pairwise_array

__all__ = ["AIP_MEANS", "aggregate_judgements", "aggregate_priorities", "judgement_dispersion"]

#: Means accepted by :func:`aggregate_priorities`.
AIP_MEANS: Final[tuple[str, ...]] = ("geometric", "arithmetic")


def _as_stack(As: ArrayLike, name: str = "matrices") -> FloatArray:
    arr = _pairwise_array(As, name)
    if arr.ndim != 3 or arr.shape[0] < 1 or arr.shape[1] != arr.shape[2]:
        raise JudgementError(f"{name} must have shape (K, n, n) with K >= 1; got {arr.shape}")
    for k in range(arr.shape[0]):
        if np.isnan(arr[k]).any():
            pos = first_position(np.isnan(arr[k]))
            raise JudgementError(
                f"{name}[{k}]{fmt_position('', pos)} is missing (nan): group aggregation needs complete "
                "matrices; complete each one first (mcda.ahp.complete)"
            )
        _as_pairwise(arr[k], f"{name}[{k}]")
    return arr


def _as_group_weights(lam: ArrayLike | None, k: int, name: str = "weights") -> FloatArray:
    if lam is None:
        return np.full(k, 1.0 / k)
    try:
        arr = np.asarray(lam, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InputError(f"{name} must be real numbers, one per decision-maker: {exc}") from None
    if arr.shape != (k,):
        raise InputError(f"{name} must have shape ({k},), one weight per decision-maker; got {arr.shape}")
    bad = ~(np.isfinite(arr) & (arr >= 0))
    if bad.any():
        pos = first_position(bad)
        raise InputError(f"{fmt_position(name, pos)} = {fmt_value(arr[pos])}: decision-maker weights "
                         "must be finite and non-negative")
    total = float(arr.sum())
    if total <= 0:
        raise InputError(f"{name} sum to 0; at least one decision-maker needs a positive weight")
    return np.asarray(arr / total, dtype=np.float64)


def _aij(As: FloatArray, lam: FloatArray) -> FloatArray:
    return np.asarray(np.exp(np.tensordot(lam, np.log(As), axes=1)), dtype=np.float64)


def _dispersion(As: FloatArray, lam: FloatArray) -> FloatArray:
    logs = np.log(As)
    mean = np.tensordot(lam, logs, axes=1)
    var = np.tensordot(lam, (logs - mean) ** 2, axes=1)
    return np.asarray(np.sqrt(np.maximum(var, 0.0)), dtype=np.float64)


def _aip(P: FloatArray, lam: FloatArray, mean: str) -> FloatArray:
    if mean == "arithmetic":
        agg = lam @ P
    else:
        logs = lam @ np.log(P)
        agg = np.exp(logs - logs.max())
    return np.asarray(agg / agg.sum(), dtype=np.float64)


def aggregate_judgements(As: ArrayLike, weights: ArrayLike | None = None) -> FloatArray:
    """AIJ: weighted geometric mean of K complete pairwise matrices.

    Parameters
    ----------
    As : array_like, shape (K, n, n)
        One complete pairwise matrix per decision-maker.
    weights : array_like, shape (K,), optional
        Decision-maker weights (non-negative, positive sum; normalised). Default equal.

    Returns
    -------
    ndarray, shape (n, n)
        The group matrix, positive and reciprocal.

    Examples
    --------
    >>> print(aggregate_judgements([[[1, 2], [0.5, 1]], [[1, 8], [0.125, 1]]]))
    [[1.   4.  ]
     [0.25 1.  ]]
    """
    arr = _as_stack(As)
    return _aij(arr, _as_group_weights(weights, arr.shape[0]))


def judgement_dispersion(As: ArrayLike, weights: ArrayLike | None = None) -> FloatArray:
    """Per-pair weighted standard deviation of the log judgements, shape (n, n), symmetric.

    Examples
    --------
    >>> D = judgement_dispersion([[[1, 2], [0.5, 1]], [[1, 8], [0.125, 1]]])
    >>> round(float(D[0, 1]), 6) == round(float(np.log(2)), 6)
    True
    """
    arr = _as_stack(As)
    return _dispersion(arr, _as_group_weights(weights, arr.shape[0]))


def aggregate_priorities(P: ArrayLike, weights: ArrayLike | None = None, mean: str = "geometric") -> FloatArray:
    """AIP: combine K priority vectors (K, n) into one, summing to 1.

    Parameters
    ----------
    P : array_like, shape (K, n)
        Strictly positive priorities, one row per decision-maker.
    weights : array_like, shape (K,), optional
        Decision-maker weights (normalised). Default equal.
    mean : {"geometric", "arithmetic"}
        Weighted geometric mean renormalised to sum 1 (default), or weighted
        arithmetic mean (Forman & Peniwati 1998 allow either for AIP).

    Examples
    --------
    >>> print(aggregate_priorities([[0.5, 0.5], [0.9, 0.1]], mean="arithmetic"))
    [0.7 0.3]
    """
    check_choice(mean, AIP_MEANS, "mean")
    try:
        arr = np.asarray(P, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InputError(f"P must be real numbers of shape (K, n): {exc}") from None
    if arr.ndim != 2 or arr.shape[0] < 1 or arr.shape[1] < 1:
        raise InputError(f"P must have shape (K decision-makers, n items); got {arr.shape}")
    bad = ~(np.isfinite(arr) & (arr > 0))
    if bad.any():
        pos = first_position(bad)
        raise InputError(f"{fmt_position('P', pos)} = {fmt_value(arr[pos])}: priorities must be finite and > 0")
    return _aip(arr, _as_group_weights(weights, arr.shape[0]), mean)
