"""The Analytic Hierarchy Process, complete, with every number explained.

One matrix::

    >>> import mcda
    >>> A = [[1, 3, 5], [1/3, 1, 2], [1/5, 1/2, 1]]
    >>> mcda.ahp.priorities(A).round(3)
    array([0.648, 0.23 , 0.122])
    >>> c = mcda.ahp.consistency(A, ri="saaty")
    >>> round(c.lambda_max, 4), round(c.cr, 4), c.acceptable
    (3.0037, 0.0032, True)

* :func:`priorities` -- ``method="eigen"`` (principal right eigenvector, Saaty
  1980), ``"geometric"`` (row geometric mean) or ``"column_mean"``.
* :func:`consistency` -- lambda_max, CI, CR with a *named* random-index table
  (``ri=``; see :mod:`mcda.kernels.ahp_random_index`), GCI; above the
  threshold the result lists the most inconsistent judgements and the values
  consistent with the current priorities.
* :func:`complete` -- incomplete matrices (``nan``): Harker's method or the
  logarithmic least-squares method; the comparison graph must be connected.
* :func:`aggregate` -- several decision-makers: AIJ or AIP, optional weights,
  per-pair dispersion.
* :func:`judgement_matrix` -- a labelled matrix from judgements ``{a, b, value}``.

Matrices may be numpy arrays or pandas DataFrames labelled by item id; labels
are kept in the results. In study files, judgements weight a node's children
(a profile entry ``{judgements: [...]}``) or compare the alternatives on a leaf
(the ``comparisons:`` section); ``Study.score(profile, method="ahp",
mode="distributive"|"ideal")`` synthesises. ``docs/ahp.md`` documents every choice.
"""

from mcda.ahp._core import (
    CR_THRESHOLD,
    Consistency,
    Evaluation,
    JudgementDiagnostic,
    consistency,
    evaluate,
    judgement_matrix,
    priorities,
)
from mcda.ahp._group import GroupResult, aggregate, complete
from mcda.ahp._study import PairwiseResult, evaluate_judgements
from mcda.kernels.ahp import GCI_THRESHOLDS, PRIORITY_METHODS, gci_threshold
from mcda.kernels.ahp_random_index import RANDOM_INDEX, RANDOM_INDEX_NAMES, random_index

__all__ = [
    "CR_THRESHOLD",
    "GCI_THRESHOLDS",
    "PRIORITY_METHODS",
    "RANDOM_INDEX",
    "RANDOM_INDEX_NAMES",
    "Consistency",
    "Evaluation",
    "GroupResult",
    "JudgementDiagnostic",
    "PairwiseResult",
    "aggregate",
    "complete",
    "consistency",
    "evaluate",
    "evaluate_judgements",
    "gci_threshold",
    "judgement_matrix",
    "priorities",
    "random_index",
]
