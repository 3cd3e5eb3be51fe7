"""Tipping points of many weight paths in one pass.

``tipping_points_along(X, benefit, paths, method)`` equals
``[tipping_points(X, benefit, p, method) for p in paths]``: the same gap
polynomials, roots and confirmation (:mod:`mcda.sensitivity.tipping`), but the
problem is validated and prepared once, the polynomials of every (path, pair)
come from one call, their roots from one batched eigenvalue problem and the
confirming scores from one call per ``ε``. A verdict's robustness needs the
tipping points of every node of its scope (dozens of paths on a small matrix),
where one call per path cost far more in overhead than in arithmetic.
Methods without closed forms are scanned path by path, as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from mcda import defaults
from mcda._types import ArrayLike
from mcda.errors import InputError
from mcda.methods import Method
from mcda.sensitivity._common import resolve_method, validated_problem
from mcda.sensitivity.path import WeightPath
from mcda.sensitivity.tipping import (
    TippingPoints,
    _confirm_along,
    _pairs,
    _unit_roots,
    gap_polynomials,
    tipping_points,
)

__all__ = ["tipping_points_along"]


def tipping_points_along(
    X: ArrayLike, benefit: ArrayLike, paths: Sequence[WeightPath], method: str | Method = defaults.METHOD, *,
    n_scan: int = defaults.TIPPING_SCAN, **options: Any,
) -> list[TippingPoints]:
    """The tipping points of every path, as :func:`~mcda.sensitivity.tipping_points` gives them one by one.

    Examples
    --------
    >>> from mcda.sensitivity import leaf_path
    >>> X, b, w = [[2.0, 0.0], [1.0, 1.0]], [True, True], [0.5, 0.5]
    >>> [tp.t.round(6).tolist() for tp in tipping_points_along(X, b, [leaf_path(w, 0), leaf_path(w, 1)], "wsm")]
    [[0.666667], [0.333333]]
    """
    arr, mask, _ = validated_problem(X, benefit)
    meth = resolve_method(method, options)
    paths = list(paths)
    for path in paths:
        if not isinstance(path, WeightPath):
            raise InputError(f"paths must be WeightPath objects; got {path!r}")
        if path.n != arr.shape[1]:
            raise InputError(f"path {path.node!r} has {path.n} weights but X has {arr.shape[1]} criteria")
    if not paths:
        return []
    A, B = np.stack([p.a for p in paths]), np.stack([p.b for p in paths])
    ii, kk = _pairs(arr.shape[0])
    coefs = gap_polynomials(meth, arr, mask, A, B, ii, kk)  # (paths, pairs, d + 1)
    if coefs is None:  # no closed form: the numeric scan, path by path
        return [tipping_points(arr, mask, p, meth, n_scan=n_scan) for p in paths]
    scorer = meth.prepare(arr, mask)
    rows, roots = _unit_roots(coefs.reshape(-1, coefs.shape[-1]))
    where, pair = rows // ii.size, rows % ii.size
    t, ahead, behind, lb, la, at = _confirm_along(scorer, A, B, where, arr.shape[0], ii[pair], kk[pair], roots,
                                                  meth.higher_is_better)
    out = []
    for j, path in enumerate(paths):
        sel = np.flatnonzero(at == j)
        order = sel[np.lexsort((behind[sel], ahead[sel], t[sel]))]
        out.append(TippingPoints(
            t=t[order], ahead=ahead[order], behind=behind[order], leader_before=lb[order], leader_after=la[order],
            leader_changes=lb[order] != la[order], distance=path.distance(t[order]), path=path, method=meth.name,
            exact=True,
        ))
    return out
