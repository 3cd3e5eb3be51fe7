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

import numpy as np
import pandas as pd

from mcda._types import FloatArray
from mcda.errors import StudyError
from mcda.evidence import EvidenceMatrix
from mcda.model import Criterion, NumericScale, OrdinalScale, ValueFunction

__all__ = ["apply_value_functions", "check_value_function", "describe", "domain", "is_nonlinear", "transform",
           "value_benefit", "value_table"]

Path = tuple[str | int, ...]
PathProblem = tuple[Path, str]
_PARAMS = {"linear": set(), "log": {"unit"}, "saturating": {"level"}, "piecewise": {"points"}}


def is_nonlinear(leaf: Criterion) -> bool:
    """True when the leaf declares a value function other than ``linear``."""
    return leaf.value_function is not None and leaf.value_function.kind != "linear"


def value_benefit(leaf: Criterion) -> bool:
    """Whether the leaf's matrix column is a benefit: always for a non-linear value, else its direction.

    >>> value_benefit(Criterion(id="c", name="C", direction="min", scale={"kind": "ratio"}))
    False
    """
    return True if is_nonlinear(leaf) else leaf.direction == "max"


def _scale_bounds(leaf: Criterion) -> tuple[float | None, float | None]:
    scale = leaf.scale
    if isinstance(scale, OrdinalScale):
        values = list(scale.level_values().values())
        return min(values), max(values)
    if isinstance(scale, NumericScale):
        return scale.lower, scale.upper
    return None, None


def domain(leaf: Criterion) -> tuple[float, float]:
    """The raw values the leaf's value function accepts, ``(low, high)`` (``inf`` when open).

    >>> domain(Criterion(id="c", name="C", direction="max", scale={"kind": "ratio", "lower": 0},
    ...                  value_function={"kind": "piecewise", "points": [[1, 0], [4, 1]]}))
    (1.0, 4.0)
    """
    vf = leaf.value_function
    lower, upper = _scale_bounds(leaf)
    if vf is not None and vf.kind == "piecewise" and vf.points:
        return float(vf.points[0][0]), float(vf.points[-1][0])
    low = -np.inf if lower is None or vf is None or vf.kind == "linear" else float(lower)
    return low, np.inf if upper is None else float(upper)


def _check_piecewise(vf: ValueFunction, leaf: Criterion, path: Path) -> list[PathProblem]:
    pts = vf.points or []
    problems: list[PathProblem] = []
    if len(pts) < 2:
        return [((*path, "points"), f"a piecewise value function needs at least 2 points [x, v], got {len(pts)}")]
    lower, upper = _scale_bounds(leaf)
    for i, (x, v) in enumerate(pts):
        where = (*path, "points", i)
        if not 0.0 <= v <= 1.0:
            problems.append((where, f"value {v:g} at x = {x:g} is outside [0, 1]"))
        if (lower is not None and x < lower) or (upper is not None and x > upper):
            problems.append((where, f"x = {x:g} is outside the scale of criterion {leaf.id!r} "
                             f"[{'-inf' if lower is None else f'{lower:g}'}, "
                             f"{'inf' if upper is None else f'{upper:g}'}]"))
        if i and x <= pts[i - 1][0]:
            problems.append((where, f"x values must be strictly increasing: x = {x:g} follows {pts[i - 1][0]:g}"))
    vs = [v for _, v in pts]
    rising = leaf.direction == "max"
    steps = np.diff(vs)
    bad = np.flatnonzero(steps < 0) if rising else np.flatnonzero(steps > 0)
    if len(bad):
        i = int(bad[0]) + 1
        problems.append(((*path, "points", i), f"values must be {'non-decreasing' if rising else 'non-increasing'} "
                         f"on a {leaf.direction!r} leaf (value is higher-is-better): {vs[i - 1]:g} then {vs[i]:g}"))
    elif vs[0] == vs[-1]:
        problems.append(((*path, "points"), "the points give every x the same value; the leaf would not discriminate"))
    return problems


def check_value_function(leaf: Criterion, path: Path) -> list[PathProblem]:
    """Problems of a leaf's value function, each located at ``path`` (the leaf's ``value_function``).

    >>> leaf = Criterion(id="c", name="C", direction="max", scale={"kind": "ratio", "lower": 0},
    ...                  value_function={"kind": "piecewise", "points": [[0, 0], [2, 1.2]]})
    >>> check_value_function(leaf, ("criteria", "value_function"))[0][1]
    'value 1.2 at x = 2 is outside [0, 1]'
    """
    vf = leaf.value_function
    if vf is None or leaf.scale is None:
        return []
    extra = sorted(k for k in ("unit", "level", "points") if getattr(vf, k) is not None and k not in _PARAMS[vf.kind])
    problems: list[PathProblem] = [((*path, k), f"value function {vf.kind!r} takes no {k!r}") for k in extra]
    if vf.kind == "linear":
        return problems
    if vf.kind == "piecewise":
        return problems + _check_piecewise(vf, leaf, path)
    lower, upper = _scale_bounds(leaf)
    if leaf.direction != "max":
        problems.append(((*path, "kind"), f"value function {vf.kind!r} describes diminishing returns of a benefit; "
                         f"criterion {leaf.id!r} is a cost (direction min): use a decreasing piecewise function"))
    if lower is None:
        problems.append(((*path, "kind"), f"value function {vf.kind!r} starts at the scale's lower bound: "
                         f"criterion {leaf.id!r} must declare scale.lower"))
    if vf.kind == "log" and vf.unit is not None and vf.unit <= 0:
        problems.append(((*path, "unit"), f"unit must be positive, got {vf.unit:g}"))
    if vf.kind == "saturating":
        if vf.level is None:
            problems.append(((*path,), "a saturating value function needs `level` (the raw value that counts as full)"))
        elif lower is not None and vf.level <= lower:
            problems.append(((*path, "level"), f"level {vf.level:g} must exceed the scale's lower bound {lower:g}"))
        elif upper is not None and vf.level > upper:
            problems.append(((*path, "level"), f"level {vf.level:g} is outside the scale (upper bound {upper:g})"))
    return problems


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
    lower = _scale_bounds(leaf)[0]
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


def apply_value_functions(em: EvidenceMatrix, leaves: dict[str, Criterion]) -> EvidenceMatrix:
    """An :class:`~mcda.evidence.EvidenceMatrix` with every column's bounds mapped to value.

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
    return dataclasses.replace(em, lo=lo, hi=hi)


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


def value_table(raw: EvidenceMatrix, valued: EvidenceMatrix, leaves: dict[str, Criterion]) -> pd.DataFrame:
    """Raw bounds and value bounds side by side, one row per (alternative, leaf) cell."""
    rows = []
    for i, alt in enumerate(raw.alternatives):
        for j, c in enumerate(raw.criteria):
            rows.append({"alternative": alt, "criterion": c, "value_function": describe(leaves[c]),
                         "raw_lo": raw.lo[i, j], "raw_hi": raw.hi[i, j], "raw": raw.point[i, j],
                         "value_lo": valued.lo[i, j], "value_hi": valued.hi[i, j], "value": valued.point[i, j]})
    return pd.DataFrame(rows)
