"""Weight profiles and verdicts."""

from __future__ import annotations

from typing import Annotated, Any, Final, Literal

from pydantic import Discriminator, Field, Tag

from mcda.model._base import Frozen, Id, Number, Text
from mcda.model.judgements import Judgement, PairwiseOptions

__all__ = ["OBJECTIVE_METHODS", "RULE_KEYS", "NodeRule", "NodeWeights", "ObjectiveRule", "Verdict", "WeightProfile"]

#: Keys that make a node's entry a :class:`NodeRule` instead of direct weights
#: ``{child: number}``. They are reserved: no criteria node may use one as its id
#: (``method`` is kept for objective weighting rules).
RULE_KEYS: Final[frozenset[str]] = frozenset({"judgements", "priority", "ri", "scale", "max_cr", "method"})


class NodeRule(PairwiseOptions):
    """A node weighted by a rule instead of direct numbers: AHP pairwise judgements of its children.

    Options are those of :class:`~mcda.model.judgements.PairwiseOptions`
    (``priority``, ``ri``, ``scale``, ``max_cr``). New kinds of rule add
    fields here and their key to :data:`RULE_KEYS`.

    Examples
    --------
    >>> r = NodeRule(judgements=[["a", "b", 3], {"a": "b", "b": "c", "value": "1/2"}])
    >>> r.priority, [j.value for j in r.judgements]
    ('eigen', [3.0, 0.5])
    """

    judgements: Annotated[list[Judgement], Field(min_length=1)]


#: Objective weighting methods a profile node may name (see :mod:`mcda.weights.objective`).
OBJECTIVE_METHODS: Final[tuple[str, ...]] = ("entropy", "critic", "std", "merec")


class ObjectiveRule(Frozen):
    """A node whose children are leaves, weighted from the decision matrix: ``{method: entropy}``.

    The local weights are those of the named objective method
    (:func:`mcda.weights.entropy`, ``critic``, ``std`` or ``merec``, each with its
    documented defaults) computed on the point values of the node's leaf
    children over all alternatives, with the leaves' directions.

    Examples
    --------
    >>> ObjectiveRule(method="critic").method
    'critic'
    """

    method: Literal["entropy", "critic", "std", "merec"]


def _node_kind(v: Any) -> str:
    if isinstance(v, ObjectiveRule) or (isinstance(v, dict) and "method" in v and "judgements" not in v):
        return "objective"
    if isinstance(v, NodeRule) or (isinstance(v, dict) and RULE_KEYS & set(v)):
        return "rule"
    return "direct"


#: A node's entry in a profile: direct local weights ``{child: number}``, a :class:`NodeRule`
#: (AHP judgements) or an :class:`ObjectiveRule` (``method: entropy`` ...).
NodeWeights = Annotated[
    Annotated[dict[Id, Number], Tag("direct")]
    | Annotated[NodeRule, Tag("rule")]
    | Annotated[ObjectiveRule, Tag("objective")],
    Discriminator(_node_kind),
]


class WeightProfile(Frozen):
    """Local weights at inner nodes of the criteria tree.

    ``weights[node][child]`` is the weight of ``child`` relative to its
    siblings, or ``weights[node]`` is a :class:`NodeRule` (AHP judgements
    between the children) or an :class:`ObjectiveRule` (weights computed from
    the decision matrix of the node's leaf children, e.g. ``{method: entropy}``).
    Global leaf weights are the products of normalised local weights down the
    tree. ``unlisted="equal"`` is an explicit opt-in to equal weights at nodes
    the profile does not weight; the default is an error.

    Examples
    --------
    >>> p = WeightProfile(id="p", weights={"root": {"a": 2, "b": 1}})
    >>> p.weights["root"]["a"]
    2.0
    """

    id: Id
    description: Text | None = None
    weights: dict[Id, NodeWeights] = Field(default_factory=dict)
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
    expect: Literal["hold", "fail", "method-dependent"] | dict[Id, Literal["hold", "fail"]] = "hold"
    reason: Text | None = None

    @property
    def methods(self) -> tuple[str, ...]:
        """The method names to check, as a tuple."""
        return (self.method,) if isinstance(self.method, str) else tuple(self.method)

    @property
    def claimed(self) -> list[str]:
        """The claimed alternatives, best first: ``[leader]`` or the ranking.

        >>> Verdict(id="v", statement="s", profile="p", ranking=["b", "a"]).claimed
        ['b', 'a']
        """
        return [self.leader] if self.leader is not None else list(self.ranking or ())

    def expected(self, method: str) -> Literal["hold", "fail", "method-dependent"]:
        """What the verdict expects under ``method``: ``expect`` may be one value or one per method.
        ``method-dependent`` expects the claim to hold under some of its methods and fail under others.

        >>> Verdict(id="v", statement="s", profile="p", method=["topsis", "wsm"], leader="a",
        ...         expect={"wsm": "fail"}).expected("topsis")
        'hold'
        """
        if isinstance(self.expect, str):
            return self.expect
        return self.expect.get(method, "hold")
