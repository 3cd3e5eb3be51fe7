"""Checks of a leaf's value function (the maths is in :mod:`mcda.value_functions`)."""

from __future__ import annotations

import numpy as np

from mcda.model.criteria import Criterion, NumericScale, OrdinalScale, ValueFunction

__all__ = ["check_value_function", "domain", "scale_bounds"]

Path = tuple[str | int, ...]
PathProblem = tuple[Path, str]
_PARAMS: dict[str, set[str]] = {"linear": set(), "log": {"unit"}, "saturating": {"level"}, "piecewise": {"points"}}


def scale_bounds(leaf: Criterion) -> tuple[float | None, float | None]:
    """The leaf scale's lower and upper bounds (ordinal: its smallest and largest level values)."""
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
    lower, upper = scale_bounds(leaf)
    if vf is not None and vf.kind == "piecewise" and vf.points:
        return float(vf.points[0][0]), float(vf.points[-1][0])
    low = -np.inf if lower is None or vf is None or vf.kind == "linear" else float(lower)
    return low, np.inf if upper is None else float(upper)


def _check_piecewise(vf: ValueFunction, leaf: Criterion, path: Path) -> list[PathProblem]:
    pts = vf.points or []
    problems: list[PathProblem] = []
    if len(pts) < 2:
        return [((*path, "points"), f"a piecewise value function needs at least 2 points [x, v], got {len(pts)}")]
    lower, upper = scale_bounds(leaf)
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
    lower, upper = scale_bounds(leaf)
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
