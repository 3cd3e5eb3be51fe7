"""Verdicts: claims about a study, checked with their margin.

A claim is either ``leader: a`` (``a`` ranks strictly first) or
``ranking: [a, b, ...]`` (these alternatives take the top places in this order,
each strictly ahead of the next and of every unlisted alternative).

The **margin** is the smallest score gap the claim rests on, oriented so that a
positive margin means the claim holds. Its one definition, on positions, is
:func:`mcda.kernels.claims.claim_margins`; verdicts turn ids into positions with
:class:`~mcda.arrays.DecisionArrays` and call it, as sensitivity analysis does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from mcda import defaults
from mcda._lazy import lazy_module
from mcda._types import RNGLike
from mcda.arrays import DecisionArrays, positions
from mcda.kernels.claims import claim_margins
from mcda.methods import Method
from mcda.model import Verdict
from mcda.results import ScoreResult
from mcda.sensitivity import WeightPath
from mcda.sensitivity.robustness import ClaimAnalysis, claim_robustness

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

__all__ = ["FAILS_UNDER_ALL", "HOLDS_UNDER_ALL", "METHOD_DEPENDENT", "NUMERIC_ROBUSTNESS_COLUMNS", "ROBUSTNESS_COLUMNS",
           "TEXT_ROBUSTNESS_COLUMNS", "VerdictOutcome", "add_status", "claim_margin", "evaluate_verdict",
           "expected_status", "robustness_row", "status_of", "verdict_status", "with_missing_marker"]

#: Columns :func:`robustness_row` adds to a verdict row (see :meth:`mcda.Study.check_verdicts`).
ROBUSTNESS_COLUMNS = [
    "tip_node", "tip_weight_now", "tip_weight", "tip_leader", "tip_l1",
    "flippable", "min_l1", "min_l1_leader", "min_l1_change", "min_l1_exact", "p_holds", "p_holds_se",
]


#: Robustness columns holding numbers; where nothing flips a verdict they hold ``pd.NA`` (never NaN).
NUMERIC_ROBUSTNESS_COLUMNS = ["tip_weight_now", "tip_weight", "tip_l1", "min_l1", "p_holds", "p_holds_se"]
#: Text robustness columns: nullable strings, so that "nothing flips" is ``pd.NA`` there too.
TEXT_ROBUSTNESS_COLUMNS = ["tip_node", "tip_leader", "min_l1_leader"]


def with_missing_marker(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its robustness columns as nullable floats and strings: "nothing flips" is ``pd.NA``.

    ``pd.NA`` is the one missing marker of verdict tables: it prints as ``-`` in
    tables, as an empty cell in CSV and as ``null`` in JSON, and ``isna()`` finds
    it; no column ever holds NaN (pandas 3 would otherwise store a missing text
    cell as NaN).

    Examples
    --------
    >>> df = with_missing_marker(pd.DataFrame({"min_l1": [0.2, None], "tip_node": ["a", None]}))
    >>> df["min_l1"].tolist(), df["min_l1"].dtype
    ([0.2, <NA>], Float64Dtype())
    >>> df["tip_node"].tolist()
    ['a', <NA>]
    """
    out = frame.copy()
    for col in NUMERIC_ROBUSTNESS_COLUMNS:
        if col in out.columns:
            out[col] = pd.array([None if v is None or (isinstance(v, float) and np.isnan(v)) else float(v)
                                 for v in out[col].tolist()], dtype="Float64")
    for col in TEXT_ROBUSTNESS_COLUMNS:
        if col in out.columns:
            out[col] = pd.array([None if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)
                                 for v in out[col].tolist()], dtype="string")
    return out


def claim_margin(scores: dict[str, float], claimed: list[str], higher_is_better: bool = True) -> float:
    """Margin of the claim "``claimed`` are the top places, in this order".

    Examples
    --------
    >>> claim_margin({"a": 0.7, "b": 0.5, "c": 0.2}, ["a"])
    0.19999999999999996
    >>> claim_margin({"a": 0.7, "b": 0.5, "c": 0.2}, ["b", "a"]) < 0
    True
    """
    ids = list(scores)
    S = np.array([scores[k] for k in ids], dtype=np.float64)
    return float(claim_margins(S, positions(claimed, ids, "alternative"), higher_is_better))


@dataclass(frozen=True)
class VerdictOutcome:
    """The result of checking one verdict with one method."""

    verdict: Verdict
    method: str
    result: ScoreResult
    margin: float
    #: The method object (with its options) the verdict was checked with.
    method_object: Method | None = None

    @property
    def holds(self) -> bool:
        """True when the claim holds strictly (positive margin)."""
        return self.margin > 0

    @property
    def as_expected(self) -> bool:
        """True when the outcome matches the verdict's ``expect`` (hold or fail). A ``method-dependent``
        expectation concerns the verdict's methods together, so one outcome alone always matches it
        (see :func:`add_status`)."""
        expected = self.verdict.expected(self.method)
        return expected == "method-dependent" or self.holds == (expected == "hold")

    def row(self) -> dict[str, object]:
        """A flat record for tables."""
        v = self.verdict
        claim = f"leader: {v.leader}" if v.leader is not None else "ranking: " + " > ".join(v.claimed)
        return {
            "id": v.id,
            "statement": v.statement,
            "profile": v.profile,
            "method": self.method,
            "scope": self.result.scope,
            "claim": claim,
            "holds": self.holds,
            "margin": self.margin,
            "near_tie": bool(np.any(self.result.near_ties.to_numpy())),
            "leader": self.result.leader,
            "expect": v.expected(self.method),
            "as_expected": self.as_expected,
            "reason": v.reason or "",
        }


def evaluate_verdict(verdict: Verdict, result: ScoreResult, method: Method | None = None) -> VerdictOutcome:
    """Check a verdict against a score result computed under its profile and scope (with ``method``)."""
    scores = {str(k): float(v) for k, v in result.scores.items()}
    margin = claim_margin(scores, verdict.claimed, result.higher_is_better)
    return VerdictOutcome(verdict, result.method, result, margin, method)


def _changes(criteria: tuple[str, ...], before: np.ndarray, after: np.ndarray, top: int = 4) -> str:
    d = after - before  # equal changes (a transfer's two ends) in criterion order, whatever the last bits say
    order = [j for j in np.argsort(-np.round(np.abs(d), 12), kind="stable") if abs(d[j]) > 1e-6][:top]
    return ", ".join(f"{criteria[j]} {before[j]:.3f}->{after[j]:.3f}" for j in order)


def robustness_row(
    outcome: VerdictOutcome, arrays: DecisionArrays, paths: dict[str, WeightPath], *,
    n_samples: int = defaults.VERDICT_SAMPLES, rng: RNGLike = defaults.SEED, evidence: str = defaults.VERDICT_EVIDENCE,
    concentration: float = defaults.CONCENTRATION, analysis: ClaimAnalysis | None = None,
) -> dict[str, object]:
    """What would flip a verdict: nearest claim tipping weight, minimum L1 change, P(holds).

    ``tip_*`` describe the claim tipping point nearest to the profile over every
    sweep path (node, its local weight now and at the tipping point, the leader
    just beyond it, the L1 distance of the global weights); ``flippable`` whether
    any weight vector changes the outcome at all (False when the leader dominates
    in the scope: then ``tip_*`` and ``min_l1*`` are empty); ``min_l1*`` the
    smallest L1 change of the leaf weights that overturns the verdict (a claim
    that holds is made to fail, one that fails is made to hold; None when no
    weight vector can), who leads then and the largest weight changes;
    ``p_holds`` the share of samples, with a Dirichlet around the profile's
    weights and the evidence model, in which the claim holds.

    ``analysis`` (a :class:`~mcda.sensitivity.robustness.ClaimAnalysis` of these
    arrays, paths and method) lets several verdicts share draws and tipping
    points; the numbers are the same with or without it.
    """
    v = outcome.verdict
    claim = arrays.alternative_positions(v.claimed).tolist()
    if analysis is not None:
        r = analysis.robustness(claim)
    else:
        method = outcome.method_object if outcome.method_object is not None else outcome.method
        r = claim_robustness(arrays.X, arrays.w, arrays.benefit, claim, list(paths.values()), method,
                             lo=arrays.lo, hi=arrays.hi, confidence=arrays.confidence, evidence=evidence,
                             concentration=concentration, n_samples=n_samples, rng=rng)
    tip, mc = r.nearest, r.min_change
    return {
        "tip_node": tip.node if tip else None,
        "tip_weight_now": tip.weight_now if tip else None,
        "tip_weight": tip.weight if tip else None,
        "tip_leader": arrays.alternative_ids([tip.leader_beyond])[0] if tip else None,
        "tip_l1": tip.distance if tip else None,
        "flippable": bool(mc.found),
        "min_l1": mc.distance,
        "min_l1_leader": arrays.alternative_ids([mc.leader_after])[0] if mc.leader_after is not None else None,
        "min_l1_change": _changes(arrays.criteria, arrays.w, mc.weights) if mc.weights is not None else "",
        "min_l1_exact": mc.exact,
        "p_holds": r.p_holds,
        "p_holds_se": r.p_holds_se,
    }


# --- status across methods ----------------------------------------------------------------

#: A verdict's status over the methods it is checked with.
HOLDS_UNDER_ALL, METHOD_DEPENDENT, FAILS_UNDER_ALL = "holds under all", "method-dependent", "fails under all"


def status_of(holds: Sequence[bool]) -> str:
    """The status of a claim checked under several methods.

    >>> status_of([True, True]), status_of([True, False]), status_of([False])
    ('holds under all', 'method-dependent', 'fails under all')
    """
    if all(holds):
        return HOLDS_UNDER_ALL
    return FAILS_UNDER_ALL if not any(holds) else METHOD_DEPENDENT


def expected_status(verdict: Verdict, methods: Sequence[str] | None = None) -> str:
    """The status the verdict's ``expect`` asks for over ``methods`` (default: its own methods).

    >>> v = Verdict(id="v", statement="s", profile="p", method=["topsis", "wsm"], leader="a",
    ...             expect={"wsm": "fail"})
    >>> expected_status(v)
    'method-dependent'
    """
    if verdict.expect == "method-dependent":
        return METHOD_DEPENDENT
    return status_of([verdict.expected(m) == "hold" for m in (methods or verdict.methods)])


def add_status(rows: pd.DataFrame, verdicts: Iterable[Verdict]) -> pd.DataFrame:
    """Add a ``status`` column (the verdict's status over the methods checked) to per-method verdict rows,
    after ``reason`` (so robustness columns stay last).

    A ``method-dependent`` expectation is judged here, on all rows of the verdict: it is met when the
    claim holds under at least one method and fails under at least one. Checked under a single
    method it cannot be judged, and those rows keep ``as_expected`` True.
    """
    out = rows.copy()
    by_id = {v.id: v for v in verdicts}
    status = {vid: status_of(list(g["holds"])) for vid, g in out.groupby("id", sort=False)}
    at = out.columns.get_loc("reason") + 1 if "reason" in out.columns else len(out.columns)
    out.insert(int(at), "status", out["id"].map(status))  # before any robustness columns
    for vid, g in out.groupby("id", sort=False):
        if by_id[str(vid)].expect == "method-dependent" and len(g) > 1:
            out.loc[g.index, "as_expected"] = status[vid] == METHOD_DEPENDENT
    return out


def verdict_status(rows: pd.DataFrame, verdicts: Iterable[Verdict]) -> pd.DataFrame:
    """One row per verdict from per-method rows (:meth:`mcda.Study.check_verdicts`): the margin under
    each method (one column per method, NaN where not checked), ``holds_under``, ``fails_under``,
    ``status``, ``expect`` (the expected status) and ``as_expected``.
    """
    by_id = {v.id: v for v in verdicts}
    methods = list(dict.fromkeys(rows["method"]))
    table = []
    for vid, g in rows.groupby("id", sort=False):
        v = by_id[str(vid)]
        checked = list(g["method"])
        status = status_of(list(g["holds"]))
        expect = expected_status(v, checked)
        record: dict[str, object] = {"id": vid, "profile": v.profile, "scope": g["scope"].iloc[0],
                                     "claim": g["claim"].iloc[0]}
        record.update({m: float(g.loc[g["method"] == m, "margin"].iloc[0]) if m in checked else np.nan
                       for m in methods})
        record.update(holds_under=", ".join(g.loc[g["holds"], "method"]) or "-",
                      fails_under=", ".join(g.loc[~g["holds"], "method"]) or "-", status=status, expect=expect,
                      as_expected=status == expect or (expect == METHOD_DEPENDENT and len(checked) < 2))
        table.append(record)
    return pd.DataFrame(table, columns=["id", "profile", "scope", "claim", *methods, "holds_under", "fails_under",
                                        "status", "expect", "as_expected"])
