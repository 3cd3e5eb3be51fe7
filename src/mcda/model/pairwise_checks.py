"""Cross-checks of AHP judgements in a study: node rules in profiles and leaf comparisons.

Each function returns ``(path, message)`` problems, never stopping at the
first, with paths such as ``("profiles", 3, "weights", "root", "judgements", 2)``
that the loader turns into ``file:line`` locations.
"""

from __future__ import annotations

from collections.abc import Iterable

from mcda.model.criteria import Criterion, NumericScale
from mcda.model.judgements import Judgement, LeafComparison, PairwiseOptions, consistency_problems, judgement_problems
from mcda.model.profiles import RULE_KEYS, NodeRule
from mcda.model.study import StudyModel

__all__ = ["check_comparisons", "check_node_rule", "check_reserved_ids"]

Path = tuple[str | int, ...]
PathProblem = tuple[Path, str]


def _pairwise(
    judgements: list[Judgement], items: list[str], options: PairwiseOptions, owner: str, path: Path
) -> list[PathProblem]:
    found = judgement_problems(judgements, items, options.scale, owner)
    if not found:
        found = consistency_problems(judgements, items, options, owner)
    return [((*path, *suffix), message) for suffix, message in found]


def check_node_rule(rule: NodeRule, node: Criterion, path: Path) -> list[PathProblem]:
    """Problems of the judgements weighting ``node``'s children (``path`` = the node's entry).

    Examples
    --------
    >>> leaf = dict(direction="max", scale={"kind": "ratio"})
    >>> root = Criterion(id="root", name="R", children=[dict(id="a", name="A", **leaf),
    ...                                                  dict(id="b", name="B", **leaf)])
    >>> check_node_rule(NodeRule(judgements=[["a", "c", 2]]), root, ("weights", "root"))[0]
    (('weights', 'root', 'judgements', 0), "'c' is not one of the items compared at node 'root' (a, b)")
    """
    children = [c.id for c in node.children or ()]
    return _pairwise(rule.judgements, children, rule, f"node {node.id!r}", path)


def check_reserved_ids(root: Criterion) -> list[PathProblem]:
    """Criteria node ids that collide with the reserved keys of a weight rule."""
    problems: list[PathProblem] = []

    def visit(node: Criterion, path: Path) -> None:
        if node.id in RULE_KEYS:
            problems.append(((*path, "id"), f"criterion id {node.id!r} is reserved: a profile entry with that key "
                             f"would read as a weight rule ({', '.join(sorted(RULE_KEYS))}); rename the criterion"))
        for i, child in enumerate(node.children or ()):
            visit(child, (*path, "children", i))

    visit(root, ("criteria",))
    return problems


def _comparison_target(c: LeafComparison, leaves: dict[str, Criterion], inner: Iterable[str],
                       p: Path) -> list[PathProblem]:
    leaf = leaves.get(c.criterion)
    if leaf is None:
        what = "an inner node" if c.criterion in set(inner) else "not a criterion"
        return [((*p, "criterion"), f"{c.criterion!r} is {what}; comparisons of alternatives sit on a leaf "
                 "criterion (judgements between a node's children go in a profile)")]
    problems: list[PathProblem] = []
    if leaf.direction != "max":
        problems.append(((*p, "criterion"), f"leaf {c.criterion!r} has direction {leaf.direction!r}: pairwise "
                         "comparisons of alternatives express preference (how much better a is than b), "
                         "so the leaf must be declared `direction: max`"))
    if not (isinstance(leaf.scale, NumericScale) and leaf.scale.kind == "ratio"):
        problems.append(((*p, "criterion"), f"leaf {c.criterion!r} must have a ratio scale: comparisons give "
                         "ratio-scale priorities"))
    return problems


def check_comparisons(m: StudyModel, leaves: dict[str, Criterion], inner: Iterable[str]) -> list[PathProblem]:
    """Problems of the top-level ``comparisons:`` section against the tree, evidence and sources."""
    problems: list[PathProblem] = []
    alts = [a.id for a in m.alternatives]
    srcs = {s.id for s in m.sources}
    first: dict[str, int] = {}
    on_leaf = {e.criterion for e in m.evidence} | {g.criterion for g in m.missing}
    for i, c in enumerate(m.comparisons):
        p: Path = ("comparisons", i)
        if c.criterion in first:
            problems.append(((*p, "criterion"), f"leaf {c.criterion!r} already has comparisons at "
                             f"comparisons[{first[c.criterion]}]; give one set per leaf"))
            continue
        first[c.criterion] = i
        target = _comparison_target(c, leaves, inner, p)
        problems += target
        if c.criterion in on_leaf:
            problems.append(((*p, "criterion"), f"leaf {c.criterion!r} has both comparisons and evidence or "
                             "missing entries; its cells come from the comparisons, so remove the others"))
        for j, s in enumerate(c.sources):
            if s not in srcs:
                problems.append(((*p, "sources", j), f"unknown source {s!r} (known sources: "
                                 f"{', '.join(sorted(srcs)) or 'none'})"))
        if not target:
            problems += _pairwise(c.judgements, alts, c, f"leaf {c.criterion!r}", p)
    return problems
