"""Judgements of a study (node rules and leaf comparisons) -> priorities with their consistency."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mcda.ahp._core import Consistency, evaluate
from mcda.model.judgements import Judgement, PairwiseOptions, judgement_matrix

__all__ = ["PairwiseResult", "evaluate_judgements"]


@dataclass(frozen=True)
class PairwiseResult:
    """Priorities of a set of judgements from a study, with where they come from.

    Attributes
    ----------
    owner:
        What was compared, e.g. ``"profile 'p' node 'root'"`` or ``"leaf 'x'"``.
    priorities:
        Item id -> priority (sum 1), in item order.
    consistency:
        :class:`~mcda.ahp.Consistency` of the (completed) matrix.
    options:
        The rule or comparison the judgements came from (priority method, ri, ...).
    """

    owner: str
    priorities: dict[str, float]
    consistency: Consistency
    options: PairwiseOptions

    @property
    def warning(self) -> str | None:
        """A warning-level message when the judgements are not acceptably consistent, else ``None``."""
        if self.consistency.acceptable:
            return None
        return f"{self.owner}: inconsistent judgements, {self.consistency.summary()}"


def evaluate_judgements(judgements: Sequence[Judgement], items: Sequence[str], options: PairwiseOptions,
                        owner: str) -> PairwiseResult:
    """Priorities and consistency of validated judgements over ``items`` (gaps filled per the priority method).

    Examples
    --------
    >>> from mcda.model.profiles import NodeRule
    >>> rule = NodeRule(judgements=[["a", "b", 3]])
    >>> r = evaluate_judgements(rule.judgements, ["a", "b"], rule, "node 'root'")
    >>> {k: round(v, 6) for k, v in r.priorities.items()}, r.consistency.cr
    ({'a': 0.75, 'b': 0.25}, 0.0)
    """
    A = judgement_matrix(judgements, items)
    ev = evaluate(A, list(items), options.priority, options.ri, name=owner)
    return PairwiseResult(owner, {x: float(w) for x, w in zip(items, ev.priorities, strict=True)},
                          ev.consistency, options)
