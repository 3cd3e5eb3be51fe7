"""The criteria tree: inner nodes group children, leaves carry a direction and a scale."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import Field

from mcda.model._base import Frozen, Id, Number, Text

__all__ = ["Criterion", "NumericScale", "OrdinalLevel", "OrdinalScale", "Scale", "ValueFunction"]


class NumericScale(Frozen):
    """A ratio or interval scale with an optional unit and optional bounds.

    Examples
    --------
    >>> NumericScale(kind="ratio", unit="tokens", lower=0).lower
    0.0
    """

    kind: Literal["ratio", "interval"]
    unit: Text | None = None
    lower: Number | None = None
    upper: Number | None = None


class OrdinalLevel(Frozen):
    """One named level of an ordinal scale."""

    name: Annotated[Text, Field(min_length=1)]
    value: Number | None = None
    description: Text | None = None


class OrdinalScale(Frozen):
    """Named levels in increasing order of value. Values default to 1, 2, 3, ... (equally spaced).

    The leaf's ``direction`` applies to the values as to any number: on a
    ``max`` leaf the first level is the worst, on a ``min`` leaf the last one is
    (e.g. ``risk: [low, medium, high]`` with ``direction: min``).

    Examples
    --------
    >>> s = OrdinalScale(kind="ordinal", levels=["low", "high"])
    >>> s.level_values()
    {'low': 1.0, 'high': 2.0}
    """

    kind: Literal["ordinal"]
    levels: list[Annotated[Text, Field(min_length=1)] | OrdinalLevel]

    def named_levels(self) -> list[OrdinalLevel]:
        """The levels as :class:`OrdinalLevel` objects, in increasing order of value."""
        return [lv if isinstance(lv, OrdinalLevel) else OrdinalLevel(name=lv) for lv in self.levels]

    def level_values(self) -> dict[str, float]:
        """Numeric value of each level: the given values, else 1, 2, 3, ..."""
        levels = self.named_levels()
        if all(lv.value is not None for lv in levels):
            return {lv.name: float(lv.value) for lv in levels}  # type: ignore[arg-type]
        return {lv.name: float(i + 1) for i, lv in enumerate(levels)}


Scale = Annotated[NumericScale | OrdinalScale, Field(discriminator="kind")]


class ValueFunction(Frozen):
    """How a leaf's raw values map to value before weighting (multi-attribute value theory).

    ``linear`` (the default) scores the raw value itself. The others give a value
    in which higher is better: ``log`` (``log2(1 + (x - lower) / unit)``, diminishing
    returns), ``saturating`` (rises linearly from the scale's lower bound to 1 at
    ``level`` and stays there) and ``piecewise`` (linear interpolation between
    ``points`` ``[[x, v], ...]``, ``v`` in [0, 1], increasing on a ``max`` leaf and
    decreasing on a ``min`` leaf). See :mod:`mcda.value_functions`.

    Examples
    --------
    >>> ValueFunction(kind="saturating", level=3).level
    3.0
    >>> ValueFunction(kind="piecewise", points=[[0, 0], [1, 0.6], [4, 1]]).points[1]
    (1.0, 0.6)
    """

    kind: Literal["linear", "log", "saturating", "piecewise"] = "linear"
    unit: Number | None = None
    level: Number | None = None
    points: list[tuple[Number, Number]] | None = None
    note: Text | None = None


class Criterion(Frozen):
    """A node of the criteria tree.

    A leaf has ``direction`` (``max`` = benefit, ``min`` = cost) and ``scale``;
    an inner node has ``children`` and neither of the two.

    Examples
    --------
    >>> leaf = Criterion(id="price", name="Price", direction="min",
    ...                  scale={"kind": "ratio", "unit": "EUR"})
    >>> root = Criterion(id="root", name="Overall", children=[leaf])
    >>> [c.id for c in root.leaves()]
    ['price']
    """

    id: Id
    name: Text
    description: Text | None = None
    direction: Literal["max", "min"] | None = None
    scale: Scale | None = None
    value_function: ValueFunction | None = None
    children: list[Criterion] | None = None

    @property
    def is_leaf(self) -> bool:
        """True when the node has no children."""
        return not self.children

    def walk(self) -> Iterator[Criterion]:
        """Every node of the subtree, depth first, parents before children."""
        yield self
        for child in self.children or ():
            yield from child.walk()

    def leaves(self) -> list[Criterion]:
        """The leaves of the subtree, depth first."""
        return [node for node in self.walk() if node.is_leaf]

    def find(self, node_id: str) -> Criterion | None:
        """The node with this id in the subtree, or ``None``."""
        return next((node for node in self.walk() if node.id == node_id), None)
