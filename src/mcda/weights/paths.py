"""Sweep paths of the criteria tree: one node's local weight over [0, 1], its siblings keeping
their ratios (the tree side of :mod:`mcda.sensitivity.path`, which works on arrays only)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import numpy as np

from mcda.errors import UnknownNameError
from mcda.model import Criterion
from mcda.sensitivity.path import WeightPath

__all__ = ["node_path", "sweepable_nodes"]


def _subtree_shares(node: Criterion, local: dict[str, dict[str, float]], mass: float, out: dict[str, float]) -> None:
    if node.is_leaf:
        out[node.id] = mass
        return
    kids = local.get(node.id, {})
    for child in node.children or ():
        if child.id in kids:
            _subtree_shares(child, local, mass * kids[child.id], out)


def _parent_chain(scope: Criterion, node_id: str) -> list[Criterion] | None:
    """Nodes from ``scope`` down to the node with id ``node_id`` (inclusive), or None."""
    if scope.id == node_id:
        return [scope]
    for child in scope.children or ():
        chain = _parent_chain(child, node_id)
        if chain is not None:
            return [scope, *chain]
    return None


def node_path(
    scope: Criterion, local: dict[str, dict[str, float]], node: str, criteria: Sequence[str]
) -> WeightPath:
    """The sweep path of a node of the criteria tree (at any level below ``scope``).

    Parameters
    ----------
    scope : Criterion
        The scope node (the root of the weighted subtree).
    local : dict
        Normalised local weights per inner node (``EffectiveWeights.local``);
        children missing from it (excluded leaves) are skipped.
    node : str
        The node to sweep: a strict descendant of ``scope``.
    criteria : sequence of str
        Leaf ids in matrix column order.

    Examples
    --------
    >>> leaf = dict(direction="max", scale={"kind": "ratio"})
    >>> root = Criterion(id="root", name="R", children=[
    ...     dict(id="a", name="A", **leaf),
    ...     dict(id="g", name="G", children=[dict(id="b", name="B", **leaf), dict(id="c", name="C", **leaf)])])
    >>> local = {"root": {"a": 0.25, "g": 0.75}, "g": {"b": 0.5, "c": 0.5}}
    >>> p = node_path(root, local, "g", ["a", "b", "c"])
    >>> p.t0, p.weights([0.0, 0.75, 1.0]).tolist()
    (0.75, [[1.0, 0.0, 0.0], [0.25, 0.375, 0.375], [0.0, 0.5, 0.5]])
    """
    chain = _parent_chain(scope, node)
    if chain is None or len(chain) < 2:
        where = "is the scope itself" if chain else f"is not below the scope {scope.id!r}"
        raise UnknownNameError(f"cannot sweep node {node!r}: it {where}; sweep one of its descendants")
    parent, target = chain[-2], chain[-1]
    siblings = local.get(parent.id, {})
    if target.id not in siblings:
        raise UnknownNameError(f"cannot sweep node {node!r}: every leaf under it is excluded")
    g = 1.0
    for upper, lower in pairwise(chain[:-1]):
        g *= local[upper.id][lower.id]
    outside: dict[str, float] = {}
    _subtree_shares(scope, local, 1.0, outside)
    inside: dict[str, float] = {}
    _subtree_shares(target, local, 1.0, inside)
    t0 = siblings[target.id]
    others = [c for c in parent.children or () if c.id in siblings and c.id != target.id]
    equal = t0 >= 1.0 or not others
    sib: dict[str, float] = {}
    for c in others:
        _subtree_shares(c, local, 1.0 / len(others) if equal else siblings[c.id] / (1.0 - t0), sib)
    under_parent: dict[str, float] = {}
    _subtree_shares(parent, local, 1.0, under_parent)
    n = len(criteria)
    o, u, s = np.zeros(n), np.zeros(n), np.zeros(n)
    for j, leaf in enumerate(criteria):
        if leaf in under_parent:
            u[j], s[j] = inside.get(leaf, 0.0), sib.get(leaf, 0.0)
        else:
            o[j] = outside.get(leaf, 0.0)
    if not others:
        s = u.copy()  # an only child: its weight cannot change anything
    return WeightPath(a=o + g * s, b=g * (u - s), t0=float(t0), node=node, equal_siblings=bool(equal and others))


def sweepable_nodes(scope: Criterion, local: dict[str, dict[str, float]]) -> list[str]:
    """Ids of every node strictly below ``scope`` that has at least one weighted sibling, depth first.

    Examples
    --------
    >>> leaf = dict(direction="max", scale={"kind": "ratio"})
    >>> root = Criterion(id="root", name="R", children=[dict(id="a", name="A", **leaf),
    ...                                                  dict(id="b", name="B", **leaf)])
    >>> sweepable_nodes(root, {"root": {"a": 0.5, "b": 0.5}})
    ['a', 'b']
    """
    out: list[str] = []

    def visit(n: Criterion) -> None:
        kids = [c for c in n.children or () if c.id in local.get(n.id, {})]
        for c in kids:
            if len(kids) > 1:
                out.append(c.id)
            visit(c)

    visit(scope)
    return out
