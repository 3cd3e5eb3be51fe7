"""Weight profiles over the criteria tree -> effective global leaf weights."""

from __future__ import annotations

from dataclasses import dataclass

from mcda.errors import Problem, StudyError, StudyValidationError
from mcda.model import Criterion, WeightProfile, check_profile, format_path

__all__ = ["EffectiveWeights", "tree_weights"]


@dataclass(frozen=True)
class EffectiveWeights:
    """The weights actually used: normalised local weights and global leaf weights.

    Attributes
    ----------
    profile, scope:
        Profile id and the criteria node the weights are for.
    local:
        ``local[node][child]``: normalised weight of each child (sums to 1 per node).
    leaves:
        Global leaf weights within the scope, depth-first order, summing to 1.
    excluded:
        Leaves dropped by an ``exclude-criterion`` missing-value policy.
    """

    profile: str
    scope: str
    local: dict[str, dict[str, float]]
    leaves: dict[str, float]
    excluded: tuple[str, ...] = ()


def _has_leaf(node: Criterion, excluded: set[str]) -> bool:
    return any(leaf.id not in excluded for leaf in node.leaves())


def tree_weights(
    root: Criterion, profile: WeightProfile, scope: str | None = None, exclude: tuple[str, ...] = ()
) -> EffectiveWeights:
    """Global leaf weights of ``profile`` inside the subtree ``scope``.

    Local weights are normalised per node; a leaf's global weight is the product
    of its ancestors' normalised local weights, from the scope node down.
    Excluded leaves are dropped and their siblings renormalised.

    Examples
    --------
    >>> leaf = dict(direction="max", scale={"kind": "ratio"})
    >>> root = Criterion(id="root", name="R", children=[
    ...     dict(id="a", name="A", **leaf),
    ...     dict(id="g", name="G", children=[dict(id="b", name="B", **leaf),
    ...                                      dict(id="c", name="C", **leaf)])])
    >>> p = WeightProfile(id="p", weights={"root": {"a": 1, "g": 3}, "g": {"b": 1, "c": 1}})
    >>> tree_weights(root, p).leaves
    {'a': 0.25, 'b': 0.375, 'c': 0.375}
    """
    problems = check_profile(profile, root)
    if problems:
        raise StudyValidationError(
            [Problem(f"profile {profile.id!r} " + format_path(p), m) for p, m in problems]
        )
    node = root.find(scope) if scope is not None else root
    if node is None:
        raise StudyError(f"unknown scope {scope!r}: not a node of the criteria tree")
    excluded = set(exclude)
    if not _has_leaf(node, excluded):
        raise StudyError(f"every leaf under {node.id!r} is excluded by a missing-value policy")
    local: dict[str, dict[str, float]] = {}
    leaves: dict[str, float] = {}

    def visit(n: Criterion, mass: float) -> None:
        if n.is_leaf:
            leaves[n.id] = mass
            return
        kids = [c for c in n.children or () if _has_leaf(c, excluded)]
        given = profile.weights.get(n.id)
        raw = {c.id: (given[c.id] if given is not None else 1.0) for c in kids}
        total = sum(raw.values())
        if total <= 0:
            dropped = [c.id for c in n.children or () if c not in kids]
            raise StudyError(f"profile {profile.id!r}: node {n.id!r} has zero total weight after "
                             f"excluding {dropped} (missing-value policy exclude-criterion)")
        local[n.id] = {k: w / total for k, w in raw.items()}
        for c in kids:
            visit(c, mass * local[n.id][c.id])

    visit(node, 1.0)
    return EffectiveWeights(profile.id, node.id, local, leaves, tuple(sorted(excluded & {x.id for x in node.leaves()})))
