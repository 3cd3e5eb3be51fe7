"""Results: arrays with ids re-attached, named intermediates, pandas views."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from mcda import kernels
from mcda._lazy import lazy_module
from mcda._types import FloatArray
from mcda.arrays import DecisionArrays
from mcda.errors import MCDAError
from mcda.methods import Method

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

__all__ = ["NEAR_TIE_RTOL", "ScoreResult", "WeightChange", "rounding_tolerance", "score_arrays"]

#: Relative tolerance (of the largest |score|) under which two alternatives are
#: flagged as a near tie; :func:`rounding_tolerance` is added to it.
NEAR_TIE_RTOL = 1e-6


def rounding_tolerance(method: Method, X: FloatArray, w: FloatArray, benefit: np.ndarray, s: FloatArray) -> float:
    """How far the method's own rounding can move the scores: an absolute tolerance for the near-tie flag.

    A kernel rounds every intermediate (a normalised value is correct to about one
    unit in the last place, ``eps``). When alternatives differ only in the last
    dozen digits, TOPSIS and similar methods divide such rounding noise by tiny
    distances, and scores far apart (1e-5) can swap under a mere change of units.
    The noise is measured, not guessed: every cell is scaled by ``1 ± 2 eps u``
    (``u`` in {±0.5, ±1}, a function of the cell's value, so equal values stay
    equal), the data are scored twice, and four times the largest change of a
    score is returned (0.0 for well-conditioned data, where it is ~1e-16).
    """
    eps = float(np.finfo(np.float64).eps)
    u = ((np.ascontiguousarray(X, dtype=np.float64).view(np.int64) >> 7) & 3).astype(np.float64) - 1.5
    dev = 0.0
    for sign in (1.0, -1.0):
        try:
            sp = np.asarray(method.scores(X * (1.0 + 2.0 * eps * sign * u), w, benefit), dtype=np.float64)
        except (MCDAError, ValueError, FloatingPointError):  # a perturbed cell crosses a method's limit: no estimate
            return 0.0
        if sp.shape == s.shape and np.all(np.isfinite(sp)):
            dev = max(dev, float(np.abs(sp - s).max()))
    return 4.0 * dev


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
        True for alternatives whose score is within :data:`NEAR_TIE_RTOL` (relative) plus
        the method's own rounding (:func:`rounding_tolerance`) of another's.
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
    raw_matrix:
        The raw point values before leaf value functions (``None`` when every leaf
        is linear: then ``matrix`` holds the raw values).

    Examples
    --------
    >>> from mcda.arrays import DecisionArrays
    >>> from mcda.methods import WSM
    >>> arr = DecisionArrays.from_matrix([[1.0, 4.0], [2.0, 2.0]], [0.5, 0.5], [True, True],
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
    raw_matrix: pd.DataFrame | None = field(default=None, repr=False)

    @property
    def leader(self) -> str:
        """The best-ranked alternative."""
        return self.ranking[0]

    def to_frame(self) -> pd.DataFrame:
        """One row per alternative, best first: score, rank, near_tie."""
        df = pd.DataFrame({"score": self.scores, "rank": self.ranks, "near_tie": self.near_ties})
        df.index.name = "alternative"
        return df.loc[self.ranking]

    def _repr_html_(self) -> str:
        """Notebook display: the score table, best first, with the warnings."""
        from mcda._display import html_block, html_frame

        title = (f"{self.method} scores · profile {self.profile or '–'} · scope {self.scope or '–'}"
                 + ("" if self.higher_is_better else " (lower is better)"))
        return html_block(title, [html_frame(self.to_frame())], self.warnings)

    def explain(self) -> pd.DataFrame:
        """Per (alternative, criterion): value, weight and the method's named contributions.

        ``value`` is what the method scored; when a leaf value function is in use, ``raw``
        (the raw point value before it) comes first.

        For WSM, ``contribution`` sums over criteria to the score. For WPM,
        ``factor`` multiplies to the score and ``log_contribution`` sums to ln(score)
        unless ``zero_factor`` marks a zero value that makes the score 0 (every
        entry is finite; see :meth:`mcda.methods.WPM.explain`). For TOPSIS, ``d_plus_share`` and
        ``d_minus_share`` are each criterion's share of the squared distances
        to the ideal and the anti-ideal (each sums to 1 over criteria when the
        distance is positive).
        """
        alts, crits = list(self.matrix.index), list(self.matrix.columns)
        idx = pd.MultiIndex.from_product([alts, crits], names=["alternative", "criterion"])
        cols: dict[str, np.ndarray] = {} if self.raw_matrix is None else {
            "raw": self.raw_matrix.reindex(index=alts, columns=crits).to_numpy().ravel()}
        cols |= {
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
    ties = kernels.near_ties(s, rtol=NEAR_TIE_RTOL,
                             atol=rounding_tolerance(method, arrays.X, arrays.w, arrays.benefit, s))
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


@dataclass(frozen=True)
class WeightChange:
    """The smallest L1 change of the leaf weights that overturns a claim (ids attached).

    Attributes
    ----------
    found:
        False when no weight vector overturns the claim.
    distance:
        L1 distance between the weights before and after (None when not found).
    exact:
        True when ``distance`` is a proven minimum (linear programme), else a verified upper bound.
    method, claim:
        The method and the claimed top places (ids, best first).
    leader_after:
        Who leads with the new weights.
    margin_before, margin_after:
        The claim's margin before and after.
    before, after:
        Leaf weights before and after (``after`` is None when not found).
    """

    found: bool
    distance: float | None
    exact: bool
    method: str
    claim: list[str]
    leader_after: str | None
    margin_before: float
    margin_after: float | None
    before: pd.Series
    after: pd.Series | None

    def to_frame(self) -> pd.DataFrame:
        """One row per leaf: weight, new_weight, change (``attrs`` repeat the scalar answers)."""
        new = self.after if self.after is not None else self.before
        df = pd.DataFrame({"weight": self.before, "new_weight": new, "change": new - self.before})
        df.index.name = "criterion"
        df.attrs.update(found=self.found, l1=self.distance, exact=self.exact, method=self.method,
                        claim=list(self.claim), margin_before=self.margin_before,
                        margin_after=self.margin_after, leader_after=self.leader_after)
        return df

    def _repr_html_(self) -> str:
        """Notebook display: the answer and the weights that moved."""
        from mcda._display import html_block, html_frame, html_pairs

        df = self.to_frame()
        pairs = {"found": self.found, "L1 distance": self.distance, "exact": self.exact,
                 "leader after": self.leader_after, "margin before": self.margin_before,
                 "margin after": self.margin_after}
        return html_block(f"Minimum weight change against {' > '.join(self.claim)} ({self.method})",
                          [html_pairs(pairs), html_frame(df[df["change"].abs() > 1e-9])])
