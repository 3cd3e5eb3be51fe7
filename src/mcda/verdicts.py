"""Verdicts: claims about a study, checked with their margin.

A claim is either ``leader: a`` (``a`` ranks strictly first) or
``ranking: [a, b, ...]`` (these alternatives take the top places in this order,
each strictly ahead of the next and of every unlisted alternative).

The **margin** is the smallest score gap the claim rests on, oriented so that a
positive margin means the claim holds: for a leader, its score minus the best
other score; for a ranking, the smallest gap between consecutive listed
alternatives and between the last listed one and the best unlisted one.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from mcda.model import Verdict
from mcda.results import ScoreResult

__all__ = ["VerdictOutcome", "claim_margin", "evaluate_verdict"]


def claim_margin(scores: dict[str, float], claimed: list[str], higher_is_better: bool = True) -> float:
    """Margin of the claim "``claimed`` are the top places, in this order".

    Examples
    --------
    >>> claim_margin({"a": 0.7, "b": 0.5, "c": 0.2}, ["a"])
    0.19999999999999996
    >>> claim_margin({"a": 0.7, "b": 0.5, "c": 0.2}, ["b", "a"]) < 0
    True
    """
    sign = 1.0 if higher_is_better else -1.0
    s = {k: sign * v for k, v in scores.items()}
    gaps = [s[a] - s[b] for a, b in pairwise(claimed)]
    rest = [v for k, v in s.items() if k not in claimed]
    if rest:
        gaps.append(s[claimed[-1]] - max(rest))
    return float(min(gaps))


@dataclass(frozen=True)
class VerdictOutcome:
    """The result of checking one verdict with one method."""

    verdict: Verdict
    method: str
    result: ScoreResult
    margin: float

    @property
    def holds(self) -> bool:
        """True when the claim holds strictly (positive margin)."""
        return self.margin > 0

    @property
    def as_expected(self) -> bool:
        """True when the outcome matches the verdict's ``expect`` (hold or fail)."""
        return self.holds == (self.verdict.expected(self.method) == "hold")

    def row(self) -> dict[str, object]:
        """A flat record for tables."""
        v = self.verdict
        claim = f"leader: {v.leader}" if v.leader is not None else "ranking: " + " > ".join(v.ranking or ())
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


def evaluate_verdict(verdict: Verdict, result: ScoreResult) -> VerdictOutcome:
    """Check a verdict against a score result computed under its profile and scope."""
    claimed = [verdict.leader] if verdict.leader is not None else list(verdict.ranking or ())
    scores = {str(k): float(v) for k, v in result.scores.items()}
    margin = claim_margin(scores, claimed, result.higher_is_better)
    return VerdictOutcome(verdict, result.method, result, margin)
