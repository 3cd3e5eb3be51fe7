"""Weight paths: one node's local weight swept over [0, 1], its siblings keeping their ratios.

Let node ``N`` have parent ``P`` in the criteria tree, ``g`` the global weight of
``P``, ``t`` the local weight of ``N`` in ``P``. Sweeping ``t`` while the
siblings of ``N`` keep their ratios gives global leaf weights

``w(t) = o + g * ((1 - t) * s + t * u) = a + t * b``

with ``o`` the (unchanged) weights of the leaves outside ``P``, ``u`` the
within-``N`` shares of the leaves under ``N`` (products of local weights below
``N``, summing to 1) and ``s`` the shares of the leaves under the siblings
(their local weights divided by ``1 - t0``, times the products below them, summing to 1).
So ``a = o + g s``, ``b = g (u - s)``: the weights are affine in ``t``,
non-negative, and sum to 1 for every ``t`` in [0, 1] by construction. At the
profile's own value ``t0``, ``w(t0)`` is the profile's weight vector.

When ``t0 = 1`` the siblings' ratios are undefined (all zero); they are then
split equally, and :attr:`WeightPath.equal_siblings` says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from mcda._types import ArrayLike, FloatArray
from mcda.errors import InputError
from mcda.kernels._validate import as_single_weights

__all__ = ["WeightPath", "group_path", "leaf_path"]


@dataclass(frozen=True)
class WeightPath:
    """The affine weight path ``w(t) = a + t b``, ``t`` in [0, 1].

    Attributes
    ----------
    a, b : ndarray, shape (n,)
        ``a >= 0``, ``a + b >= 0``, ``sum(a) = 1``, ``sum(b) = 0``.
    t0 : float
        The value of ``t`` that reproduces the profile's weights.
    node : str
        What is swept (a node id, or ``"c3"`` for criterion position 3).
    equal_siblings : bool
        True when ``t0 = 1`` forced an equal split between the siblings.

    Examples
    --------
    >>> p = leaf_path([0.5, 0.3, 0.2], 0)
    >>> print(p.weights([0.0, 0.5, 1.0]).round(3))
    [[0.  0.6 0.4]
     [0.5 0.3 0.2]
     [1.  0.  0. ]]
    """

    a: FloatArray
    b: FloatArray
    t0: float
    node: str = ""
    equal_siblings: bool = False

    @property
    def n(self) -> int:
        """Number of criteria."""
        return int(self.a.shape[0])

    def weights(self, t: ArrayLike) -> FloatArray:
        """Global weights along the path: ``t`` of shape (k,) (or scalar) -> (k, n) (or (n,)).

        Values are clipped at 0 (rounding can leave -1e-17 where a weight reaches 0).
        """
        tt = np.asarray(t, dtype=np.float64)
        if np.any((tt < 0) | (tt > 1)) or not np.all(np.isfinite(tt)):
            raise InputError(f"path parameter t must lie in [0, 1]; got {tt.min()}..{tt.max()}")
        W = self.a + tt[..., None] * self.b
        return np.maximum(W, 0.0)

    def distance(self, t: ArrayLike) -> FloatArray:
        """L1 distance ``|t - t0| * ||b||_1`` between ``w(t)`` and the profile's ``w(t0)``."""
        return np.abs(np.asarray(t, dtype=np.float64) - self.t0) * float(np.abs(self.b).sum())


def _shares_from_weights(v: FloatArray) -> FloatArray:
    total = v.sum()
    return v / total if total > 0 else np.full(v.shape, 1.0 / v.size)


def group_path(w: ArrayLike, members: Sequence[int], label: str | None = None) -> WeightPath:
    """Sweep the total weight of a group of criteria of a flat problem.

    The group's members keep their ratios (equal if they are all zero), the
    other criteria keep theirs (equal if they are all zero).

    Parameters
    ----------
    w : array_like, shape (n,)
        The weights (non-negative, summing to 1).
    members : sequence of int
        Positions of the criteria in the group (not all of them).

    Examples
    --------
    >>> p = group_path([0.2, 0.2, 0.6], [0, 1])
    >>> p.t0, p.weights(1.0).tolist()
    (0.4, [0.5, 0.5, 0.0])
    """
    arr = np.asarray(w, dtype=np.float64)
    wv = as_single_weights(arr, arr.shape[-1] if arr.ndim else 0)
    n = wv.size
    idx = np.unique(np.asarray(members, dtype=np.int64))
    if idx.size == 0 or idx.min() < 0 or idx.max() >= n or idx.size == n:
        raise InputError(f"members must be 1..{n - 1} distinct positions in 0..{n - 1}; got {list(members)}")
    inside = np.zeros(n, dtype=bool)
    inside[idx] = True
    u, s = np.zeros(n), np.zeros(n)
    u[inside] = _shares_from_weights(wv[inside])
    s[~inside] = _shares_from_weights(wv[~inside])
    t0 = float(wv[inside].sum())
    equal = bool(wv[~inside].sum() <= 0)
    name = label if label is not None else ",".join(f"c{i}" for i in idx)
    return WeightPath(a=s, b=u - s, t0=min(max(t0, 0.0), 1.0), node=name, equal_siblings=equal)


def leaf_path(w: ArrayLike, j: int) -> WeightPath:
    """Sweep criterion ``j`` of a flat problem; the others keep their ratios."""
    return group_path(w, [j], label=f"c{int(j)}")
