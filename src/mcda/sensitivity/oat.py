"""One-at-a-time sweeps: scores and ranks along a weight path.

The swept node's local weight ``t`` runs over [0, 1] while its siblings keep
their ratios (see :mod:`mcda.sensitivity.path`), so every weight vector on the
sweep is non-negative and sums to 1. Unlike percentage perturbations of one
weight followed by renormalisation, no weight ever goes negative.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from mcda import defaults
from mcda._lazy import lazy_module
from mcda._params import MAX_GRID, count
from mcda._types import ArrayLike, FloatArray, IntArray
from mcda.errors import InputError
from mcda.kernels._raw import rank as _rank
from mcda.kernels._raw import tie_tolerance as _tolerance
from mcda.kernels.ranking import DEFAULT_TIE_RTOL
from mcda.methods import Method
from mcda.sensitivity._common import resolve_method, validated_problem
from mcda.sensitivity.path import WeightPath, leaf_path

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

__all__ = ["SweepResult", "sweep"]


@dataclass(frozen=True)
class SweepResult:
    """Scores and ranks along a sweep.

    Attributes
    ----------
    t : ndarray, shape (k,)
        Local weight of the swept node, increasing, including the profile's ``t0``.
    weights : ndarray, shape (k, n)
        Global weights at each ``t`` (rows non-negative, summing to 1).
    scores : ndarray, shape (k, m)
    ranks : ndarray of int, shape (k, m)
        1 = best; ties share the lowest rank.
    path : WeightPath
    method : str
    higher_is_better : bool
    """

    t: FloatArray
    weights: FloatArray
    scores: FloatArray
    ranks: IntArray
    path: WeightPath
    method: str
    higher_is_better: bool

    def to_frame(self, alternatives: list[str] | None = None) -> pd.DataFrame:
        """Long table for plotting: node, weight (= t), alternative, score, rank, at_profile."""
        k, m = self.scores.shape
        alts = alternatives or [f"a{i}" for i in range(m)]
        return pd.DataFrame({
            "node": self.path.node,
            "weight": np.repeat(self.t, m),
            "alternative": np.tile(np.asarray(alts, dtype=object), k),
            "score": self.scores.ravel(),
            "rank": self.ranks.ravel(),
            "at_profile": np.repeat(np.isclose(self.t, self.path.t0, rtol=0, atol=1e-12), m),
        })

    def _repr_html_(self) -> str:
        """Notebook display: scores at eleven points of the sweep, with the profile's point."""
        from mcda._display import html_block, html_frame

        picks = sorted({int(i) for i in np.linspace(0, self.t.size - 1, min(11, self.t.size)).round()}
                       | {int(np.argmin(np.abs(self.t - self.path.t0)))})
        df = pd.DataFrame(self.scores[picks], index=pd.Index(self.t[picks], name="weight"),
                          columns=[f"a{i}" for i in range(self.scores.shape[1])])
        return html_block(f"Sweep of {self.path.node} ({self.method}); profile weight {self.path.t0:.4g}",
                          [html_frame(df)])


def sweep(
    X: ArrayLike,
    benefit: ArrayLike,
    path: WeightPath | int,
    method: str | Method = defaults.METHOD,
    *,
    w: ArrayLike | None = None,
    n_points: int = defaults.SWEEP_POINTS,
    t: ArrayLike | None = None,
    **options: Any,
) -> SweepResult:
    """Scores and ranks while one node's weight runs over [0, 1].

    Parameters
    ----------
    X : array_like, shape (m, n)
    benefit : array_like of bool, shape (n,)
    path : WeightPath or int
        A path (:func:`~mcda.weights.node_path` for a criteria tree,
        :func:`~mcda.sensitivity.group_path`), or a criterion position of a flat
        problem, in which case ``w`` gives the weights.
    method : str or method object
        Any registered method; ``**options`` are its settings.
    n_points : int
        Number of equally spaced values of ``t`` (the profile's ``t0`` is added).
    t : array_like, optional
        Explicit values of ``t`` in [0, 1] instead of the grid.

    Returns
    -------
    SweepResult

    Examples
    --------
    >>> X = [[1.0, 3.0], [2.0, 1.0]]
    >>> res = sweep(X, [True, True], 0, "wsm", w=[0.5, 0.5], n_points=3)
    >>> res.t.tolist(), res.ranks[:, 0].tolist()
    ([0.0, 0.5, 1.0], [1, 1, 2])
    """
    arr, mask, _ = validated_problem(X, benefit)
    if isinstance(path, bool) or not isinstance(path, WeightPath | int | np.integer):
        raise InputError(f"sweep: path must be a WeightPath (node_path, group_path) or a criterion position "
                         f"(an int), got {path!r} ({type(path).__name__})")
    if isinstance(path, int | np.integer):
        if w is None:
            raise InputError("sweep over a criterion position needs the weights w")
        path = leaf_path(w, int(path))
    if path.n != arr.shape[1]:
        raise InputError(f"path has {path.n} weights but X has {arr.shape[1]} criteria")
    if t is None:
        grid = np.unique(np.append(np.linspace(0.0, 1.0, count(n_points, "n_points", minimum=2,
                                                               maximum=MAX_GRID)), path.t0))
    else:
        try:
            grid = np.unique(np.asarray(t, dtype=np.float64).ravel())
        except (TypeError, ValueError) as exc:
            raise InputError(f"t must be numbers in [0, 1]: {exc}") from None
        if grid.size == 0:
            raise InputError("t must contain at least one value in [0, 1]")
    meth = resolve_method(method, options)
    W = path.weights(grid)
    S = meth.prepare(arr, mask)(W)
    ranks = _rank(S, meth.higher_is_better, "min", _tolerance(S, None, DEFAULT_TIE_RTOL))
    return SweepResult(grid, W, S, np.asarray(ranks, dtype=np.int64), path, meth.name, meth.higher_is_better)
