"""Weight profiles over the criteria tree -> effective global leaf weights."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from mcda.ahp import Consistency, evaluate_judgements
from mcda.errors import InputError, Problem, StudyError, StudyValidationError
from mcda.model import Criterion, WeightProfile, check_profile, format_path
from mcda.model.profiles import NodeRule, ObjectiveRule
from mcda.weights import objective

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
    global_weights:
        Global weight of every node in the scope (the scope node has 1): the
        product of the normalised local weights on its path.
    consistency:
        For nodes weighted by AHP judgements: their :class:`~mcda.ahp.Consistency`.
    warnings:
        One message per node whose judgements are not acceptably consistent
        (CR above 0.1, or GCI above its threshold for ``priority: geometric``),
        naming the most inconsistent judgements. The weights are still those of
        the judgements as given (``max_cr`` in the profile makes it an error).
    """

    profile: str
    scope: str
    local: dict[str, dict[str, float]]
    leaves: dict[str, float]
    excluded: tuple[str, ...] = ()
    global_weights: dict[str, float] = field(default_factory=dict)
    consistency: dict[str, Consistency] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def _repr_html_(self) -> str:
        """Notebook display: local and global weight of every node, AHP consistency, warnings."""
        import pandas as pd

        from mcda._display import html_block, html_frame

        parent = {child: node for node, kids in self.local.items() for child in kids}
        rows = [{"node": n, "parent": parent.get(n, ""), "local": self.local.get(parent.get(n, ""), {}).get(n, 1.0),
                 "global": g, "leaf": n in self.leaves} for n, g in self.global_weights.items()]
        df = pd.DataFrame(rows, columns=["node", "parent", "local", "global", "leaf"]).set_index("node")
        notes = [f"{node}: {c.summary()}" for node, c in self.consistency.items()] + list(self.warnings)
        excl = [f"excluded: {', '.join(self.excluded)}"] if self.excluded else []
        return html_block(f"Effective weights · profile {self.profile} · scope {self.scope}",
                          [html_frame(df, max_rows=200)], notes + excl)


def _has_leaf(node: Criterion, excluded: set[str]) -> bool:
    return any(leaf.id not in excluded for leaf in node.leaves())


def _objective_local(profile: WeightProfile, n: Criterion, rule: ObjectiveRule, kids: list[Criterion],
                     columns: Mapping[str, object] | None) -> dict[str, float]:
    """Local weights of a node's leaf children from their decision-matrix columns."""
    where = f"profile {profile.id!r} node {n.id!r} ({{method: {rule.method}}})"
    if columns is None:
        raise StudyError(f"{where}: objective weights need the decision matrix; compute them through "
                         "Study.weights / Study.score, or pass columns= to tree_weights")
    missing = [c.id for c in kids if not c.is_leaf or c.id not in columns]
    if missing:
        raise StudyError(f"{where}: objective weights need a column of values for every child; none for {missing}")
    X = np.column_stack([np.asarray(columns[c.id], dtype=float) for c in kids])
    benefit = np.array([c.direction == "max" for c in kids], dtype=bool)
    try:
        w = getattr(objective, rule.method)(X, benefit)
    except InputError as exc:
        raise StudyError(f"{where}: {exc}") from None
    return {c.id: float(v) for c, v in zip(kids, w, strict=True)}


def _raw_local(profile: WeightProfile, n: Criterion, kids: list[Criterion],
               consistency: dict[str, Consistency], warnings: list[str],
               columns: Mapping[str, object] | None = None) -> dict[str, float]:
    """Un-normalised local weights of ``kids`` at ``n``: given, equal, or AHP priorities.

    Priorities of judgements are computed over all children and then restricted
    to ``kids`` (children left after an exclude-criterion policy), the same rule
    as for direct weights.
    """
    given = profile.weights.get(n.id)
    if isinstance(given, ObjectiveRule):
        return _objective_local(profile, n, given, kids, columns)
    if isinstance(given, NodeRule):
        res = evaluate_judgements(given.judgements, [c.id for c in n.children or ()], given,
                                  f"profile {profile.id!r} node {n.id!r}")
        consistency[n.id] = res.consistency
        if res.warning is not None:
            warnings.append(res.warning)
        return {c.id: res.priorities[c.id] for c in kids}
    return {c.id: (given[c.id] if given is not None else 1.0) for c in kids}


def tree_weights(
    root: Criterion, profile: WeightProfile, scope: str | None = None, exclude: tuple[str, ...] = (),
    columns: Mapping[str, object] | None = None,
) -> EffectiveWeights:
    """Global leaf weights of ``profile`` inside the subtree ``scope``.

    Local weights are normalised per node; a leaf's global weight is the product
    of its ancestors' normalised local weights, from the scope node down.
    Excluded leaves are dropped and their siblings renormalised. A node weighted
    by AHP judgements gets their priorities as local weights, and its
    consistency (with a warning when not acceptable) is reported. A node with
    an objective rule (``{method: entropy}`` ...) gets the weights of that
    method computed from ``columns`` (leaf id -> values over the alternatives).

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
    nodes: dict[str, float] = {}
    consistency: dict[str, Consistency] = {}
    warnings: list[str] = []

    def visit(n: Criterion, mass: float) -> None:
        nodes[n.id] = mass
        if n.is_leaf:
            leaves[n.id] = mass
            return
        kids = [c for c in n.children or () if _has_leaf(c, excluded)]
        raw = _raw_local(profile, n, kids, consistency, warnings, columns)
        total = sum(raw.values())
        if not math.isfinite(total) or 0 < total < 1e-300:  # e.g. weights of 1e308: divide by the largest first
            top = max(raw.values())
            raw = {k: w / top for k, w in raw.items()}
            total = sum(raw.values())
        if total <= 0:
            dropped = [c.id for c in n.children or () if c not in kids]
            raise StudyError(f"profile {profile.id!r}: node {n.id!r} has zero total weight after "
                             f"excluding {dropped} (missing-value policy exclude-criterion)")
        local[n.id] = {k: w / total for k, w in raw.items()}
        for c in kids:
            visit(c, mass * local[n.id][c.id])

    visit(node, 1.0)
    dropped = tuple(sorted(excluded & {x.id for x in node.leaves()}))
    return EffectiveWeights(profile.id, node.id, local, leaves, dropped, nodes, consistency, tuple(warnings))
