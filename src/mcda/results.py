"""Results: arrays with ids re-attached, named intermediates, pandas views."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from mcda import kernels
from mcda._lazy import lazy_module
from mcda._types import FloatArray
from mcda.arrays import DecisionArrays
from mcda.methods import Method

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

__all__ = ["NEAR_TIE_RTOL", "ScoreResult", "score_arrays"]

#: Relative tolerance (of the score range, or of 1 when all scores are equal)
#: under which two alternatives are flagged as a near tie.
NEAR_TIE_RTOL = 1e-6


@dataclass(frozen=True)
class ScoreResult:
    """Scores of one method under one profile and scope.

    Attributes
    ----------
    scores:
        Score per alternative id.
    ranks:
        Rank per alternative (1 = best; ties share the lowest rank, "min" policy).
    ranking:
        Alternative ids, best first (ties in input order).
    weights:
        Effective global weights of the leaves used (sum to 1).
    near_ties:
        True for alternatives whose score is within :data:`NEAR_TIE_RTOL` of another's.
    method, profile, scope:
        What was computed.
    matrix:
        The decision matrix used (alternatives x leaves, point values).
    details:
        Named (m, n) intermediate tables from the method's ``explain``.
    local_weights:
        Normalised local weights per inner node.
    excluded:
        Leaves dropped by an ``exclude-criterion`` missing policy.
    warnings:
        Warning-level diagnostics behind the numbers, e.g. AHP judgements (at a
        profile node or on a compared leaf) that are not acceptably consistent.

    Examples
    --------
    >>> from mcda.arrays import DecisionArrays
    >>> from mcda.methods import WSM
    >>> arr = DecisionArrays.from_matrix([[1.0, 4.0], [2.0, 2.0]], [True, True], [0.5, 0.5],
    ...                                  ["x", "y"], ["c1", "c2"])
    >>> res = score_arrays(arr, WSM())
    >>> res.ranking
    ['x', 'y']
    """

    scores: pd.Series
    ranks: pd.Series
    ranking: list[str]
    weights: pd.Series
    near_ties: pd.Series
    method: str
    profile: str
    scope: str
    higher_is_better: bool
    matrix: pd.DataFrame
    details: dict[str, FloatArray] = field(repr=False)
    local_weights: dict[str, dict[str, float]] = field(default_factory=dict, repr=False)
    excluded: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def leader(self) -> str:
        """The best-ranked alternative."""
        return self.ranking[0]

    def to_frame(self) -> pd.DataFrame:
        """One row per alternative, best first: score, rank, near_tie."""
        df = pd.DataFrame({"score": self.scores, "rank": self.ranks, "near_tie": self.near_ties})
        df.index.name = "alternative"
        return df.loc[self.ranking]

    def explain(self) -> pd.DataFrame:
        """Per (alternative, criterion): value, weight and the method's named contributions.

        For WSM, ``contribution`` sums over criteria to the score. For WPM,
        ``log_contribution`` sums to ln(score). For TOPSIS, ``d_plus_share`` and
        ``d_minus_share`` are each criterion's share of the squared distances
        to the ideal and the anti-ideal (each sums to 1 over criteria when the
        distance is positive).
        """
        alts, crits = list(self.matrix.index), list(self.matrix.columns)
        idx = pd.MultiIndex.from_product([alts, crits], names=["alternative", "criterion"])
        cols: dict[str, np.ndarray] = {
            "value": self.matrix.to_numpy().ravel(),
            "weight": np.tile(self.weights.reindex(crits).to_numpy(), len(alts)),
        }
        cols.update({k: np.asarray(v).ravel() for k, v in self.details.items()})
        return pd.DataFrame(cols, index=idx)


def score_arrays(arrays: DecisionArrays, method: Method, profile: str = "", scope: str = "") -> ScoreResult:
    """Score a :class:`DecisionArrays` with a method and attach ids."""
    s = method.scores(arrays.X, arrays.w, arrays.benefit)
    ranks = kernels.rank(s, higher_is_better=method.higher_is_better, ties="min")
    order = np.argsort(ranks, kind="stable")
    alts = list(arrays.alternatives)
    ties = kernels.near_ties(s, rtol=NEAR_TIE_RTOL)
    return ScoreResult(
        scores=pd.Series(s, index=alts, name=method.name),
        ranks=pd.Series(np.asarray(ranks, dtype=int), index=alts, name="rank"),
        ranking=[alts[i] for i in order],
        weights=pd.Series(arrays.w, index=list(arrays.criteria), name="weight"),
        near_ties=pd.Series(ties, index=alts, name="near_tie"),
        method=method.name,
        profile=profile,
        scope=scope,
        higher_is_better=method.higher_is_better,
        matrix=pd.DataFrame(arrays.X, index=alts, columns=list(arrays.criteria)),
        details=method.explain(arrays.X, arrays.w, arrays.benefit),
    )
