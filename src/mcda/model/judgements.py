"""AHP pairwise judgements in study files: one judgement, the options of a set, and their checks.

A judgement says how many times ``a`` is preferred to (more important than)
``b``. It is written as a mapping or as a short list::

    - {a: data, b: edge, value: 3, note: "why"}
    - [data, open_source, "1/3"]

``value`` is a positive number or a fraction string such as ``"1/3"`` (YAML
reads an unquoted ``1/3`` as that string). A set of judgements (at a criteria
node, weighting its children, or on a leaf, comparing the alternatives) has
options: ``priority`` (eigen | geometric | column_mean), ``ri`` (the
random-index table), ``scale`` (``saaty``: every value within 1/9..9;
``positive``: any value within 1e-50..1e50, e.g. from aggregation) and ``max_cr`` (turn
a consistency ratio above it into an error).

Per-judgement rules (self-comparison, non-positive, non-finite, unparsable)
are checked when the model is built; rules about the set (unknown items, a
pair given twice with contradicting values, values outside the scale, a
disconnected comparison graph, CR above ``max_cr``) by
:func:`judgement_problems` and :func:`consistency_problems`, each problem
located at ``judgements[k]``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import Field, field_validator, model_validator

from mcda._types import FloatArray
from mcda.errors import InputError, JudgementError
from mcda.kernels._raw import as_incomplete as _as_incomplete
from mcda.kernels._raw import consistency_ratio as _consistency_ratio
from mcda.kernels._raw import groups as _groups
from mcda.kernels._raw import priorities_any as _priorities_any
from mcda.kernels.ahp import JUDGEMENT_RANGE
from mcda.kernels.ahp_random_index import check_ri_name
from mcda.model._base import Frozen, Id, Text

__all__ = [
    "SAATY_RANGE",
    "Judgement",
    "LeafComparison",
    "PairwiseOptions",
    "consistency_problems",
    "judgement_matrix",
    "judgement_problems",
    "parse_judgement_value",
]

#: Bounds of Saaty's 1-9 scale and its reciprocals.
SAATY_RANGE = (1.0 / 9.0, 9.0)
_REL = 1e-9
_FRACTION = re.compile(r"^\s*([+-]?\d+(?:\.\d*)?|[+-]?\.\d+)\s*(?:/\s*([+-]?\d+(?:\.\d*)?|[+-]?\.\d+)\s*)?$")

Suffix = tuple[str | int, ...]


def parse_judgement_value(v: Any) -> float:
    """A judgement value as a float: a number, or a string ``"p"`` or ``"p/q"``.

    Raises
    ------
    ValueError
        Not a number or fraction, not finite (``1/0``), or not positive.

    Examples
    --------
    >>> parse_judgement_value("1/3") == 1 / 3, parse_judgement_value(5)
    (True, 5.0)
    """
    if isinstance(v, bool) or not isinstance(v, int | float | str):
        raise ValueError(f"a judgement value is a positive number or a fraction like '1/3', got {v!r}")
    if isinstance(v, str):
        m = _FRACTION.match(v)
        if m is None:
            raise ValueError(f"a judgement value is a positive number or a fraction like '1/3', got {v!r}")
        num, den = float(m.group(1)), float(m.group(2)) if m.group(2) is not None else 1.0
        x = num / den if den != 0 else math.inf
    else:
        x = float(v)
    if not math.isfinite(x):
        raise ValueError(f"judgement value {v!r} is not finite")
    if x <= 0:
        raise ValueError(f"judgement value {v!r} is not positive; write 'b over a' as a reciprocal such as '1/3'")
    return x


class Judgement(Frozen):
    """One pairwise judgement: ``a`` is ``value`` times as preferred as ``b``.

    Examples
    --------
    >>> Judgement.model_validate(["data", "edge", "1/3"]).value == 1 / 3
    True
    >>> Judgement(a="x", b="x", value=2)
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Judgement
      Value error, self-comparison 'x' vs 'x': an item is not compared with itself ...
    """

    a: Id
    b: Id
    value: float
    note: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        if isinstance(data, list | tuple):
            if len(data) != 3:
                raise ValueError(f"a judgement list is [a, b, value] (3 items), got {len(data)} items")
            return {"a": data[0], "b": data[1], "value": data[2]}
        return data

    @field_validator("value", mode="before")
    @classmethod
    def _value(cls, v: Any) -> float:
        return parse_judgement_value(v)

    @model_validator(mode="after")
    def _not_self(self) -> Judgement:
        if self.a == self.b:
            raise ValueError(f"self-comparison {self.a!r} vs {self.b!r}: an item is not compared with itself "
                             "(its judgement is always 1)")
        return self


class PairwiseOptions(Frozen):
    """Options shared by every set of judgements (see the module docstring)."""

    priority: Literal["eigen", "geometric", "column_mean"] = "eigen"
    ri: str = "saaty"
    scale: Literal["saaty", "positive"] = "saaty"
    max_cr: Annotated[float, Field(gt=0.0, le=1.0, strict=False)] | None = None

    @field_validator("ri")
    @classmethod
    def _ri(cls, v: str) -> str:
        try:
            return check_ri_name(v)
        except InputError as exc:
            raise ValueError(str(exc)) from None


class LeafComparison(PairwiseOptions):
    """Judgements comparing the alternatives on one leaf criterion (top-level ``comparisons:``).

    The priorities become that leaf's cells (ratio scale, summing to 1), so
    the leaf needs no evidence items; ``sources`` and ``note`` say where the
    judgements come from.
    """

    criterion: Id
    judgements: Annotated[list[Judgement], Field(min_length=1)]
    sources: list[Id] = Field(default_factory=list)
    note: Text | None = None


def _fmt(x: float) -> str:
    """``3`` -> "3", ``1/3`` -> "1/3", anything else (and anything beyond 1e6) to 6 significant digits."""
    for v, form in ((x, "{}"), (1.0 / x if x > 1e-6 else 0.0, "1/{}")):
        if 1 <= v <= 1e6 and abs(v - round(v)) <= 1e-9 * v:
            return form.format(round(v))
    return f"{x:.6g}"


def judgement_problems(
    judgements: Sequence[Judgement], items: Sequence[str], scale: str = "saaty", owner: str = "the node"
) -> list[tuple[Suffix, str]]:
    """Problems of a set of judgements over ``items``, each with a ``("judgements", k)`` suffix.

    Checks: every ``a``/``b`` is one of ``items``; a pair given twice agrees
    with itself; values lie on ``scale``; the comparison graph is connected.

    Examples
    --------
    >>> js = [Judgement(a="x", b="y", value=3), Judgement(a="y", b="x", value=2)]
    >>> judgement_problems(js, ["x", "y"])[0][1]
    "the pair ('x', 'y') is given twice with contradicting values: 3 at judgements[0] means 1/3 here, not 2"
    """
    problems: list[tuple[Suffix, str]] = []
    index = {x: i for i, x in enumerate(items)}
    seen: dict[frozenset[str], tuple[int, Judgement]] = {}
    lo, hi = SAATY_RANGE
    for k, j in enumerate(judgements):
        where: Suffix = ("judgements", k)
        unknown = [x for x in (j.a, j.b) if x not in index]
        for x in unknown:
            shown = ", ".join(items[:8]) + (", ..." if len(items) > 8 else "")
            problems.append((where, f"{x!r} is not one of the items compared at {owner} ({shown})"))
        if scale == "saaty" and not (lo * (1 - _REL) <= j.value <= hi * (1 + _REL)):
            problems.append((where, f"value {_fmt(j.value)} is outside the declared scale 'saaty' (1/9..9); "
                             "use `scale: positive` for values that do not come from the 1-9 scale"))
        elif not (JUDGEMENT_RANGE[0] <= j.value <= JUDGEMENT_RANGE[1]):
            problems.append((where, f"value {_fmt(j.value)} is outside the range of the scale 'positive' "
                             "(1e-50..1e50, where consistency can still be computed); rescale the judgements"))
        key = frozenset((j.a, j.b))
        if key in seen:
            k0, j0 = seen[key]
            expected = j0.value if j0.a == j.a else 1.0 / j0.value
            if abs(j.value / expected - 1.0) > _REL:
                problems.append((where, f"the pair ({j0.a!r}, {j0.b!r}) is given twice with contradicting "
                                 f"values: {_fmt(j0.value)} at judgements[{k0}] means {_fmt(expected)} here, "
                                 f"not {_fmt(j.value)}"))
        else:
            seen[key] = (k, j)
    if not problems and len(items) > 1:
        known = np.eye(len(items), dtype=bool)
        for j in judgements:
            known[index[j.a], index[j.b]] = known[index[j.b], index[j.a]] = True
        groups = _groups(known)
        if len(groups) > 1:
            shown = " and ".join("{" + ", ".join(items[i] for i in g) + "}" for g in groups)
            problems.append((("judgements",), f"the judgements at {owner} do not connect all items: the groups "
                             f"{shown} are never compared with each other; add a judgement linking them"))
    return problems


def judgement_matrix(judgements: Iterable[Judgement], items: Sequence[str]) -> FloatArray:
    """The (n, n) pairwise matrix of valid judgements; ``nan`` where a pair is not judged.

    Examples
    --------
    >>> judgement_matrix([Judgement(a="y", b="x", value=2)], ["x", "y"]).tolist()
    [[1.0, 0.5], [2.0, 1.0]]
    """
    index = {x: i for i, x in enumerate(items)}
    A = np.full((len(items), len(items)), np.nan)
    np.fill_diagonal(A, 1.0)
    for j in judgements:
        A[index[j.a], index[j.b]] = j.value
        A[index[j.b], index[j.a]] = 1.0 / j.value
    return A


def consistency_problems(
    judgements: Sequence[Judgement], items: Sequence[str], options: PairwiseOptions, owner: str = "the node"
) -> list[tuple[Suffix, str]]:
    """The ``max_cr`` error of a valid, connected set of judgements (empty without ``max_cr``)."""
    if options.max_cr is None or len(items) <= 2:
        return []
    try:
        A = _as_incomplete(judgement_matrix(judgements, items))
        completed, _ = _priorities_any(A, options.priority)
    except JudgementError as exc:
        return [(("judgements",), str(exc))]
    cr = _consistency_ratio(completed, options.ri)
    if cr > options.max_cr:
        return [(("judgements",), f"the judgements at {owner} are inconsistent: CR = {cr:.3f} (ri {options.ri!r}) "
                 f"exceeds max_cr = {options.max_cr:g}; revise the most inconsistent judgements "
                 "(mcda.ahp.consistency lists them) or drop max_cr to accept them with a warning")]
    return []
