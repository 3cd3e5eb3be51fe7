"""Weight profiles and verdicts."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from mcda.model._base import Frozen, Id, Number, Text

__all__ = ["Verdict", "WeightProfile"]


class WeightProfile(Frozen):
    """Local weights at inner nodes of the criteria tree.

    ``weights[node][child]`` is the weight of ``child`` relative to its
    siblings. Global leaf weights are the products of normalised local weights
    down the tree. ``unlisted="equal"`` is an explicit opt-in to equal weights
    at nodes the profile does not weight; the default is an error.

    Examples
    --------
    >>> p = WeightProfile(id="p", weights={"root": {"a": 2, "b": 1}})
    >>> p.weights["root"]["a"]
    2.0
    """

    id: Id
    description: Text | None = None
    weights: dict[Id, dict[Id, Number]] = Field(default_factory=dict)
    unlisted: Literal["error", "equal"] = "error"


class Verdict(Frozen):
    """A claim about a study: who leads, or the full ranking, under a profile and method(s).

    Examples
    --------
    >>> Verdict(id="v", statement="A wins", profile="p", method="topsis", leader="a").methods
    ('topsis',)
    """

    id: Id
    statement: Text
    profile: Id
    method: Id | Annotated[list[Id], Field(min_length=1)] = "topsis"
    scope: Id | None = None
    leader: Id | None = None
    ranking: Annotated[list[Id], Field(min_length=2)] | None = None
    expect: Literal["hold", "fail"] = "hold"
    reason: Text | None = None

    @property
    def methods(self) -> tuple[str, ...]:
        """The method names to check, as a tuple."""
        return (self.method,) if isinstance(self.method, str) else tuple(self.method)
