"""Value functions: raw leaf values -> value, before normalisation and weighting.

A leaf may declare ``value_function`` (see :class:`mcda.model.ValueFunction`). It is
the multi-attribute value theory step that says how much each raw amount is worth:

* ``linear`` (default): the raw value is scored as it is (the library's behaviour
  without a value function, exactly);
* ``log``: ``v(x) = log2(1 + (x - L) / unit)`` with ``L`` the scale's lower bound
  (ordinal: the first level's value) and ``unit`` (default 1) the raw amount that
  counts as one step. Each doubling of ``1 + (x - L) / unit`` adds one unit of
  value: diminishing returns for counts that span orders of magnitude;
* ``saturating``: ``v(x) = min((x - L) / (level - L), 1)``: the property is fully
  present at ``level`` (e.g. three device classes are "full coverage");
* ``piecewise``: linear interpolation through ``points`` ``[[x, v], ...]`` with ``x``
  strictly increasing inside the scale and ``v`` in [0, 1]; increasing on a ``max``
  leaf, decreasing on a ``min`` leaf, because a value is always "higher is better".

A non-linear value is always higher-is-better, so a leaf with one is scored as a
benefit (:func:`value_benefit`). An interval ``[lo, hi]`` maps to
``[v(lo), v(hi)]`` (ends swapped for a decreasing function); the point value used
for scoring is, as for raw values, the midpoint of the bounds.

Examples
--------
>>> import numpy as np
>>> from mcda.model import Criterion
>>> leaf = Criterion(id="d", name="Device classes", direction="max",
...                  scale={"kind": "ratio", "lower": 0, "upper": 5},
...                  value_function={"kind": "saturating", "level": 3})
>>> transform(leaf, np.array([0.0, 1.5, 3.0, 5.0])).tolist()
[0.0, 0.5, 1.0, 1.0]
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import numpy as np

from mcda._lazy import lazy_module
from mcda._types import FloatArray
from mcda.arrays import DecisionArrays
from mcda.errors import StudyError
from mcda.evidence import midpoint
from mcda.model import Criterion
from mcda.model.value_checks import check_value_function, domain, scale_bounds

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

__all__ = ["apply_value_functions", "check_value_function", "describe", "domain", "is_nonlinear", "transform",
           "value_benefit", "value_table"]

def is_nonlinear(leaf: Criterion) -> bool:
    """True when the leaf declares a value function other than ``linear``."""
    return leaf.value_function is not None and leaf.value_function.kind != "linear"


def value_benefit(leaf: Criterion) -> bool:
    """Whether the leaf's matrix column is a benefit: always for a non-linear value, else its direction.

    >>> value_benefit(Criterion(id="c", name="C", direction="min", scale={"kind": "ratio"}))
    False
    """
    return True if is_nonlinear(leaf) else leaf.direction == "max"


def transform(leaf: Criterion, x: FloatArray) -> FloatArray:
    """The value of raw values ``x`` on ``leaf`` (identity without a non-linear value function).

    Raises
    ------
    StudyError
        When a raw value lies outside the function's domain (see :func:`domain`).

    Examples
    --------
    >>> leaf = Criterion(id="n", name="N", direction="max", scale={"kind": "ratio", "lower": 0},
    ...                  value_function={"kind": "log"})
    >>> transform(leaf, np.array([0.0, 1.0, 3.0])).tolist()
    [0.0, 1.0, 2.0]
    """
    x = np.asarray(x, dtype=float)
    vf = leaf.value_function
    if vf is None or vf.kind == "linear":
        return x
    low, high = domain(leaf)
    outside = (x < low - 1e-12) | (x > high + 1e-12)
    if np.any(outside):
        bad = float(x[outside].flat[0])
        raise StudyError(f"criterion {leaf.id!r}: raw value {bad:g} is outside the domain [{low:g}, {high:g}] "
                         f"of its {vf.kind!r} value function")
    lower = scale_bounds(leaf)[0]
    base = 0.0 if lower is None else float(lower)
    if vf.kind == "log":
        return np.log2(1.0 + (x - base) / (vf.unit or 1.0))
    if vf.kind == "saturating":
        return np.minimum((x - base) / (float(vf.level or 0.0) - base), 1.0)
    pts = np.asarray(vf.points, dtype=float)
    return np.interp(x, pts[:, 0], pts[:, 1])


def _decreasing(leaf: Criterion) -> bool:
    vf = leaf.value_function
    pts = vf.points if vf is not None and vf.kind == "piecewise" else None
    return bool(pts) and pts is not None and pts[-1][1] < pts[0][1]


def apply_value_functions(em: DecisionArrays, leaves: dict[str, Criterion]) -> DecisionArrays:
    """The arrays with every column's bounds mapped to value (and such columns made benefits).

    Columns of leaves without a non-linear value function are returned unchanged
    (the same array objects' values), so ``linear`` reproduces raw scoring exactly.
    """
    cols = [j for j, c in enumerate(em.criteria) if is_nonlinear(leaves[c])]
    if not cols:
        return em
    lo, hi = em.lo.copy(), em.hi.copy()
    for j in cols:
        leaf = leaves[em.criteria[j]]
        a, b = transform(leaf, em.lo[:, j]), transform(leaf, em.hi[:, j])
        lo[:, j], hi[:, j] = (b, a) if _decreasing(leaf) else (a, b)
    benefit = np.array([value_benefit(leaves[c]) for c in em.criteria], dtype=bool)
    return dataclasses.replace(em, X=np.asarray(midpoint(lo, hi), dtype=np.float64), lo=lo, hi=hi, benefit=benefit)


def describe(leaf: Criterion) -> str:
    """A short text of the leaf's value function, e.g. ``"saturating at 3"``.

    >>> describe(Criterion(id="c", name="C", direction="max", scale={"kind": "ratio"}))
    'linear'
    """
    vf = leaf.value_function
    if vf is None or vf.kind == "linear":
        return "linear"
    if vf.kind == "log":
        return f"log (unit {vf.unit or 1.0:g})"
    if vf.kind == "saturating":
        return f"saturating at {vf.level:g}"
    return "piecewise " + " ".join(f"({x:g}, {v:g})" for x, v in vf.points or ())


def value_table(raw: DecisionArrays, valued: DecisionArrays, leaves: dict[str, Criterion]) -> pd.DataFrame:
    """Raw bounds and value bounds side by side, one row per (alternative, leaf) cell."""
    rows = []
    for i, alt in enumerate(raw.alternatives):
        for j, c in enumerate(raw.criteria):
            rows.append({"alternative": alt, "criterion": c, "value_function": describe(leaves[c]),
                         "raw_lo": raw.lo[i, j], "raw_hi": raw.hi[i, j], "raw": raw.X[i, j],
                         "value_lo": valued.lo[i, j], "value_hi": valued.hi[i, j], "value": valued.X[i, j]})
    return pd.DataFrame(rows)
