"""Cross-checks of a study: references, coverage, scales and weights.

:func:`check_study` returns every problem found (it never stops at the first),
each located by a path tuple such as ``("evidence", 12, "criterion")`` that the
loader turns into a file line.
"""

from __future__ import annotations

import difflib
import math
from collections import Counter
from collections.abc import Iterable, Sequence

from mcda.methods import method_names
from mcda.model.criteria import Criterion, NumericScale, OrdinalScale
from mcda.model.items import EvidenceItem
from mcda.model.pairwise_checks import check_comparisons, check_node_rule, check_reserved_ids
from mcda.model.profiles import NodeRule, ObjectiveRule, WeightProfile
from mcda.model.study import StudyModel
from mcda.model.table_checks import check_table
from mcda.model.value_checks import check_value_function, domain

__all__ = ["Path", "PathProblem", "check_profile", "check_study", "format_path"]

Path = tuple[str | int, ...]
PathProblem = tuple[Path, str]


def format_path(path: Path) -> str:
    """Render ``("evidence", 3, "value")`` as ``evidence[3].value``.

    Examples
    --------
    >>> format_path(("profiles", 0, "weights", "edge.small", "x"))
    "profiles[0].weights['edge.small'].x"
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif "." in part or not part:
            out += f"[{part!r}]"
        else:
            out += f".{part}" if out else part
    return out


def _known(kind: str, names: Iterable[str], wrong: str, limit: int = 8) -> str:
    names = list(names)
    close = difflib.get_close_matches(wrong, names, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    shown = ", ".join(names[:limit]) + (", ..." if len(names) > limit else "")
    return f"{hint}known {kind}: {shown}" if names else f"no {kind} are defined"


def _duplicates(ids: Sequence[str], section: str) -> list[PathProblem]:
    counts = Counter(ids)
    seen: set[str] = set()
    problems: list[PathProblem] = []
    for i, x in enumerate(ids):
        if counts[x] > 1 and x in seen:
            first = ids.index(x)
            problems.append(((section, i, "id"), f"duplicate id {x!r} (first used at {section}[{first}])"))
        seen.add(x)
    return problems


def _node_paths(node: Criterion, path: Path = ("criteria",)) -> list[tuple[Criterion, Path]]:
    out = [(node, path)]
    for i, child in enumerate(node.children or ()):
        out.extend(_node_paths(child, (*path, "children", i)))
    return out


def _check_scale(scale: NumericScale | OrdinalScale, path: Path) -> list[PathProblem]:
    if isinstance(scale, NumericScale):
        if scale.lower is not None and scale.upper is not None and scale.lower > scale.upper:
            return [((*path, "lower"), f"lower bound {scale.lower} exceeds upper bound {scale.upper}")]
        return []
    problems: list[PathProblem] = []
    levels = scale.named_levels()
    if len(levels) < 2:
        problems.append(((*path, "levels"), f"an ordinal scale needs at least 2 levels, got {len(levels)}"))
    names = [lv.name for lv in levels]
    for i, name in enumerate(names):
        if name in names[:i]:
            problems.append(((*path, "levels", i), f"duplicate level name {name!r}"))
    given = [lv.value is not None for lv in levels]
    if any(given) and not all(given):
        problems.append(((*path, "levels"), "give a value for every level or for none (then 1, 2, 3, ...)"))
    elif all(given):
        values = [lv.value for lv in levels]
        for i in range(1, len(values)):
            if not values[i] > values[i - 1]:  # type: ignore[operator]
                problems.append(((*path, "levels", i, "value"),
                                 f"level values must increase along the list (the direction says whether "
                                 f"higher is better); {values[i]} follows {values[i - 1]}"))
    return problems


def _check_tree(root: Criterion) -> list[PathProblem]:
    problems: list[PathProblem] = []
    nodes = _node_paths(root)
    seen: dict[str, Path] = {}
    for node, path in nodes:
        if node.id in seen:
            problems.append(((*path, "id"), f"criterion id {node.id!r} is used twice in the tree "
                             f"(first at {format_path(seen[node.id])}); ids must be unique"))
        else:
            seen[node.id] = path
        if node.is_leaf:
            if node.children is not None:
                problems.append(((*path, "children"), "children must not be an empty list; omit it for a leaf"))
            if node.direction is None:
                problems.append(((*path,), f"leaf criterion {node.id!r} needs a direction (max or min)"))
            if node.scale is None:
                problems.append(((*path,), f"leaf criterion {node.id!r} needs a scale"))
            else:
                problems.extend(_check_scale(node.scale, (*path, "scale")))
                problems.extend(check_value_function(node, (*path, "value_function")))
        else:
            for key in ("direction", "scale"):
                if getattr(node, key) is not None:
                    problems.append(((*path, key), f"inner node {node.id!r} has children, so it "
                                     f"must not have a {key} (only leaves do)"))
    return problems


def _check_value_domain(item: EvidenceItem, leaf: Criterion, path: Path) -> list[PathProblem]:
    """A raw value outside the leaf's piecewise value function's points cannot be given a value."""
    vf, scale = leaf.value_function, leaf.scale
    if vf is None or vf.kind != "piecewise" or not vf.points or len(vf.points) < 2 or scale is None:
        return []
    v = item.value
    if isinstance(scale, OrdinalScale):
        if not isinstance(v, str) or v not in scale.level_values():
            return []
        lo = hi = scale.level_values()[v]
    elif isinstance(v, str):
        return []
    else:
        lo, hi = (v, v) if isinstance(v, float) else v
    low, high = domain(leaf)
    if lo < low or hi > high:
        return [(path, f"value {item.value!r} of criterion {leaf.id!r} lies outside its piecewise value "
                 f"function's points [{low:g}, {high:g}]; add a point that covers it")]
    return []


def _check_value(item: EvidenceItem, leaf: Criterion, path: Path) -> list[PathProblem]:
    scale, v = leaf.scale, item.value
    if scale is None:
        return []
    if leaf.value_function is not None:
        domain_problems = _check_value_domain(item, leaf, path)
        if domain_problems:
            return domain_problems
    if isinstance(scale, OrdinalScale):
        if not isinstance(v, str):
            return [(path, f"criterion {leaf.id!r} has an ordinal scale: value must be one of its "
                     f"level names {list(scale.level_values())}, got {v!r}")]
        if v not in scale.level_values():
            return [(path, f"{v!r} is not a level of criterion {leaf.id!r} "
                     f"({_known('levels', scale.level_values(), v)})")]
        return []
    if isinstance(v, str):
        return [(path, f"criterion {leaf.id!r} has a numeric {scale.kind} scale: value must be a "
                 f"number or an interval [lo, hi], got the string {v!r}")]
    lo, hi = (v, v) if isinstance(v, float) else v
    problems: list[PathProblem] = []
    if scale.lower is not None and lo < scale.lower:
        problems.append((path, f"value {lo:g} is below the scale's lower bound {scale.lower:g} "
                         f"on criterion {leaf.id!r}"))
    if scale.upper is not None and hi > scale.upper:
        problems.append((path, f"value {hi:g} is above the scale's upper bound {scale.upper:g} "
                         f"on criterion {leaf.id!r}"))
    return problems


def _check_evidence(m: StudyModel, leaves: dict[str, Criterion], inner: set[str]) -> list[PathProblem]:
    problems = _duplicates([e.id for e in m.evidence], "evidence")
    alts = [a.id for a in m.alternatives]
    srcs = {s.id for s in m.sources}
    for i, e in enumerate(m.evidence):
        p: Path = ("evidence", i)
        if e.alternative not in alts:
            problems.append(((*p, "alternative"), f"unknown alternative {e.alternative!r} in evidence "
                             f"{e.id!r} ({_known('alternatives', alts, e.alternative)})"))
        if e.criterion in inner:
            problems.append(((*p, "criterion"), f"evidence {e.id!r} is on {e.criterion!r}, which is "
                             f"not a leaf; evidence must sit on a leaf criterion"))
        elif e.criterion not in leaves:
            problems.append(((*p, "criterion"), f"unknown criterion {e.criterion!r} in evidence "
                             f"{e.id!r} ({_known('leaves', leaves, e.criterion)})"))
        else:
            problems.extend(_check_value(e, leaves[e.criterion], (*p, "value")))
        for j, s in enumerate(e.sources):
            if s not in srcs:
                problems.append(((*p, "sources", j), f"unknown source {s!r} in evidence {e.id!r} "
                                 f"({_known('sources', sorted(srcs), s)})"))
    return problems


def _check_coverage(m: StudyModel, leaves: dict[str, Criterion]) -> list[PathProblem]:
    problems: list[PathProblem] = []
    alts = [a.id for a in m.alternatives]
    have = {(e.alternative, e.criterion) for e in m.evidence}
    declared: dict[tuple[str, str], int] = {}
    for i, c in enumerate(m.missing):
        p: Path = ("missing", i)
        cell = (c.alternative, c.criterion)
        if c.alternative not in alts:
            problems.append(((*p, "alternative"), f"unknown alternative {c.alternative!r} "
                             f"({_known('alternatives', alts, c.alternative)})"))
        if c.criterion not in leaves:
            problems.append(((*p, "criterion"), f"{c.criterion!r} is not a leaf criterion "
                             f"({_known('leaves', leaves, c.criterion)})"))
        node = leaves.get(c.criterion)
        if node is not None and c.policy == "scale-worst" and isinstance(node.scale, NumericScale):
            bound = "lower" if node.direction == "max" else "upper"
            if getattr(node.scale, bound) is None:
                problems.append(((*p, "policy"), f"policy 'scale-worst' needs criterion {c.criterion!r} "
                                 f"to declare a {bound!r} bound on its scale"))
        if node is not None and c.policy == "worst" and not any(k[1] == c.criterion for k in have):
            problems.append(((*p, "policy"), f"policy 'worst' uses the worst observed value, but no "
                             f"alternative has evidence on {c.criterion!r}"))
        if cell in declared:
            problems.append((p, f"cell ({c.alternative}, {c.criterion}) is declared missing twice "
                             f"(also missing[{declared[cell]}])"))
        declared.setdefault(cell, i)
        if cell in have:
            problems.append((p, f"cell ({c.alternative}, {c.criterion}) is declared missing but "
                             "has evidence; remove one of the two"))
    compared = {c.criterion for c in m.comparisons}
    for leaf in leaves:
        for alt in alts:
            if leaf not in compared and (alt, leaf) not in have and (alt, leaf) not in declared:
                problems.append((("evidence",), f"no evidence for alternative {alt!r} on criterion "
                                 f"{leaf!r}; add an evidence item or a `missing:` entry with a policy "
                                 "(worst, exclude-criterion, error)"))
    return problems


def check_profile(profile: WeightProfile, root: Criterion, path: Path = ()) -> list[PathProblem]:
    """Problems of one weight profile against a criteria tree (empty list if none).

    Examples
    --------
    >>> from mcda.model import Criterion, WeightProfile
    >>> leaf = dict(direction="max", scale={"kind": "ratio"})
    >>> root = Criterion(id="root", name="R", children=[dict(id="a", name="A", **leaf),
    ...                                                  dict(id="b", name="B", **leaf)])
    >>> check_profile(WeightProfile(id="p", weights={"root": {"a": 1}}), root)[0][1]
    "node 'root': child 'b' has no weight; give every child a weight (0 is allowed)"
    """
    problems: list[PathProblem] = []
    inner = {n.id: n for n in root.walk() if not n.is_leaf}
    for node_id, local in profile.weights.items():
        p: Path = (*path, "weights", node_id)
        node = inner.get(node_id)
        if node is None:
            what = "a leaf" if root.find(node_id) else "not a criteria node"
            problems.append((p, f"cannot weight {node_id!r}: it is {what}; weights are given at "
                             f"inner nodes ({_known('inner nodes', inner, node_id)})"))
            continue
        children = [c.id for c in node.children or ()]
        if isinstance(local, NodeRule):
            problems.extend(check_node_rule(local, node, p))
            continue
        if isinstance(local, ObjectiveRule):
            inner_kids = [c.id for c in node.children or () if not c.is_leaf]
            if inner_kids:
                problems.append(((*p, "method"), f"objective weights ({local.method}) are computed from the "
                                 f"decision matrix of leaf children, but {node_id!r} has inner children "
                                 f"{inner_kids}; weight an inner node's leaves at that node instead"))
            continue
        for child, w in local.items():
            if child not in children:
                problems.append(((*p, child), f"{child!r} is not a child of {node_id!r} "
                                 f"({_known('children', children, child)})"))
            elif not (math.isfinite(w) and w >= 0):
                problems.append(((*p, child), f"weight must be finite and non-negative, got {w!r}"))
        for child in children:
            if child not in local:
                problems.append((p, f"node {node_id!r}: child {child!r} has no weight; give every "
                                 "child a weight (0 is allowed)"))
        if local and all(math.isfinite(w) and w >= 0 for w in local.values()) and sum(local.values()) <= 0:
            problems.append((p, f"weights at node {node_id!r} sum to 0; at least one must be positive"))
    if profile.unlisted == "error":
        for node_id in inner:
            if node_id not in profile.weights:
                problems.append(((*path, "weights"), f"profile {profile.id!r} does not weight node "
                                 f"{node_id!r}; weight it or set `unlisted: equal` explicitly"))
    return problems


def _check_verdicts(m: StudyModel, nodes: dict[str, Criterion], methods: Iterable[str]) -> list[PathProblem]:
    problems = _duplicates([v.id for v in m.verdicts], "verdicts")
    alts = [a.id for a in m.alternatives]
    profiles = [p.id for p in m.profiles]
    known_methods = sorted(methods)
    for i, v in enumerate(m.verdicts):
        p: Path = ("verdicts", i)
        if v.profile not in profiles:
            problems.append(((*p, "profile"), f"unknown profile {v.profile!r} "
                             f"({_known('profiles', profiles, v.profile)})"))
        for name in v.methods:
            if name not in known_methods:
                problems.append(((*p, "method"), f"unknown method {name!r} "
                                 f"({_known('methods', known_methods, name)})"))
        if v.scope is not None and v.scope not in nodes:
            problems.append(((*p, "scope"), f"unknown criteria node {v.scope!r} "
                             f"({_known('nodes', nodes, v.scope)})"))
        if isinstance(v.expect, dict):
            for name in v.expect:
                if name not in v.methods:
                    problems.append(((*p, "expect", name), f"expect names method {name!r}, which the "
                                     f"verdict does not check (methods: {', '.join(v.methods)})"))
        if (v.leader is None) == (v.ranking is None):
            problems.append((p, "a verdict claims exactly one of `leader: <id>` or `ranking: [ids]`"))
        claimed = v.claimed
        for j, a in enumerate(claimed):
            key: Path = (*p, "leader") if v.leader is not None else (*p, "ranking", j)
            if a not in alts:
                problems.append((key, f"unknown alternative {a!r} ({_known('alternatives', alts, a)})"))
            elif a in claimed[:j]:
                problems.append((key, f"alternative {a!r} appears twice in the ranking"))
    return problems


def check_study(m: StudyModel, methods: Iterable[str] | None = None) -> list[PathProblem]:
    """Every cross-reference, coverage, scale and weight problem of a study.

    The loaders call it once; a :class:`~mcda.Study` built from a loaded model
    is not checked again.

    Parameters
    ----------
    m:
        The study model.
    methods:
        Method names verdicts may use; default: every registered method
        (:func:`mcda.methods.method_names`).

    Returns
    -------
    list of (path, message)
        Empty when the study is valid.
    """
    problems: list[PathProblem] = []
    if m.table is None and len(m.alternatives) < 2:
        problems.append((("alternatives",), f"a study needs at least 2 alternatives to compare, "
                         f"got {len(m.alternatives)}"))
    problems += _duplicates([a.id for a in m.alternatives], "alternatives")
    problems += _duplicates([s.id for s in m.sources], "sources")
    problems += _check_tree(m.criteria)
    problems += check_reserved_ids(m.criteria)
    nodes = {n.id: n for n in m.criteria.walk()}
    leaves = {n.id: n for n in m.criteria.leaves()}
    if m.criteria.is_leaf:
        problems.append((("criteria",), "the criteria root needs children (at least one leaf)"))
    inner = set(nodes) - set(leaves)
    problems += check_table(m, leaves, inner)
    problems += _check_evidence(m, leaves, inner)
    problems += _check_coverage(m, leaves)
    problems += check_comparisons(m, leaves, inner)
    problems += _duplicates([p.id for p in m.profiles], "profiles")
    for i, prof in enumerate(m.profiles):
        problems += check_profile(prof, m.criteria, ("profiles", i))
    if m.table is None:  # a table study has no verdicts (check_table says so)
        problems += _check_verdicts(m, nodes, method_names() if methods is None else methods)
    return problems
