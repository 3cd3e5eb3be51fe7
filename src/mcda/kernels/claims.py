"""Claims about a ranking and their margins: the one definition, on positions.

A claim is either a leader (one alternative position: it ranks strictly first)
or a ranking (distinct positions that take the top places in this order, each
strictly ahead of the next and of every unlisted alternative).

The **margin** is the smallest score gap the claim rests on, oriented so that a
positive margin means the claim holds: for a leader, its score minus the best
other score; for a ranking, the smallest gap between consecutive listed
alternatives and between the last listed one and the best unlisted one.
Verdicts (:mod:`mcda.verdicts`) and sensitivity analysis both use these
functions; ids are turned into positions before they are called.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from mcda._types import FloatArray, IntArray
from mcda.errors import InputError

__all__ = ["check_claim", "claim_margins", "claim_pairs"]


def check_claim(claim: int | Sequence[int], m: int) -> IntArray:
    """Validate a claim: one alternative position (the leader) or a ranking of distinct positions.

    >>> check_claim([2, 0], 3).tolist()
    [2, 0]
    """
    if m < 2:
        raise InputError(f"a claim needs at least two alternatives to compare; got m = {m}")
    idx = np.atleast_1d(np.asarray(claim))
    if idx.ndim != 1 or idx.size < 1 or not np.issubdtype(idx.dtype, np.integer):
        raise InputError(f"claim must be an alternative position or a list of positions; got {claim!r}")
    if idx.min() < 0 or idx.max() >= m:
        raise InputError(f"claim {idx.tolist()} names a position outside 0..{m - 1}")
    if len(set(idx.tolist())) != idx.size:
        raise InputError(f"claim {idx.tolist()} names an alternative twice")
    return idx.astype(np.int64)


def claim_margins(S: FloatArray, claim: IntArray, higher_is_better: bool = True) -> FloatArray:
    """Margin of the claim "``claim`` take the top places, in this order" for every row of S.

    Parameters
    ----------
    S : ndarray, shape (..., m)
    claim : ndarray of int, shape (k,)

    Returns
    -------
    ndarray, shape (...)

    Examples
    --------
    >>> float(claim_margins(np.array([0.7, 0.5, 0.2]), np.array([0])))
    0.19999999999999996
    >>> claim_margins(np.array([[0.7, 0.5, 0.2], [0.1, 0.5, 0.2]]), np.array([1, 0])).tolist()
    [-0.19999999999999996, -0.1]
    """
    s = S if higher_is_better else -S
    picked = s[..., claim]
    gaps = [picked[..., :-1] - picked[..., 1:]] if claim.size > 1 else []
    rest = np.ones(S.shape[-1], dtype=bool)  # the unclaimed alternatives (a mask: setdiff1d sorts, slowly)
    rest[claim] = False
    if rest.any():
        gaps.append(picked[..., -1:] - s[..., rest].max(axis=-1, keepdims=True))
    return np.asarray(np.concatenate(gaps, axis=-1).min(axis=-1), dtype=np.float64)


def claim_pairs(claim: IntArray, m: int) -> list[tuple[int, int]]:
    """The (ahead, behind) pairs a claim rests on: consecutive claimed ones, then last vs every unclaimed.

    >>> claim_pairs(np.array([1, 0]), 3)
    [(1, 0), (0, 2)]
    """
    ids = claim.tolist()
    pairs = [(int(ids[j]), int(ids[j + 1])) for j in range(len(ids) - 1)]
    last = int(claim[-1])
    taken = set(claim.tolist())
    pairs += [(last, int(b)) for b in range(m) if b not in taken]
    return pairs
