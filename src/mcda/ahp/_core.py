"""Priorities and consistency of one pairwise matrix, with diagnostics that name the judgements."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from pydantic import ValidationError

from mcda._lazy import lazy_module
from mcda._types import FloatArray
from mcda.ahp._labels import Labels, as_labelled, item_names, labelled_vector
from mcda.errors import JudgementError
from mcda.kernels._raw import ahp_priorities as _ahp_priorities
from mcda.kernels._raw import as_incomplete as _as_incomplete
from mcda.kernels._raw import as_pairwise as _as_pairwise
from mcda.kernels._raw import check_connected as _check_connected
from mcda.kernels._raw import consistency_index as _consistency_index
from mcda.kernels._raw import gci as _gci
from mcda.kernels._raw import judgement_errors as _judgement_errors
from mcda.kernels._raw import perron as _perron
from mcda.kernels._raw import priorities_and_lambda as _priorities_and_lambda
from mcda.kernels._raw import priorities_any as _priorities_any
from mcda.kernels._raw import random_index as _random_index
from mcda.kernels._validate import check_choice, first_position, fmt_position
from mcda.kernels.ahp import PRIORITY_METHODS, gci_threshold
from mcda.kernels.ahp_random_index import check_ri_name
from mcda.model.judgements import Judgement, judgement_problems
from mcda.model.judgements import judgement_matrix as _judgement_array

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

__all__ = [
    "CR_THRESHOLD",
    "Consistency",
    "JudgementDiagnostic",
    "consistency",
    "evaluate",
    "judgement_matrix",
    "priorities",
]

#: Saaty's acceptance threshold for the consistency ratio.
CR_THRESHOLD = 0.10


@dataclass(frozen=True)
class JudgementDiagnostic:
    """One given judgement compared with the value the priorities imply.

    Attributes
    ----------
    a, b:
        The items (labels, or positions for unlabelled arrays).
    given:
        The judgement ``a_ab`` as given.
    consistent:
        ``w_a / w_b``: the judgement that would agree with the current priorities.
    ratio:
        ``given / consistent`` (Saaty's ``e_ab``); ``|ln ratio|`` ranks the judgements.
    """

    a: Hashable
    b: Hashable
    given: float
    consistent: float
    ratio: float

    def __str__(self) -> str:
        return f"{self.a} vs {self.b}: given {self.given:.4g}, consistent with the priorities {self.consistent:.4g}"


@dataclass(frozen=True)
class Consistency:
    """Consistency of a pairwise matrix, and a diagnostic when it is not acceptable.

    Attributes
    ----------
    n:
        Matrix order.
    lambda_max, ci, cr:
        Perron eigenvalue, ``(lambda_max - n) / (n - 1)`` and ``ci / ri``.
    ri, ri_table:
        ``RI(n)`` and the name of the random-index table it comes from.
    gci, gci_threshold:
        Geometric consistency index and its threshold for ``n``.
    method:
        The priority method; it decides the acceptance index: GCI for
        ``"geometric"``, CR otherwise.
    threshold:
        The acceptance threshold of that index (0.1 for CR unless chosen;
        :func:`mcda.kernels.gci_threshold` for GCI unless chosen).
    acceptable:
        Whether the index is within the threshold.
    completed:
        True when the matrix had missing judgements that were filled (Harker
        for eigen, LLSM for geometric) before measuring.
    inconsistent_judgements:
        Empty when acceptable; otherwise the most inconsistent *given*
        judgements, worst first, each with the value consistent with the
        current priorities. Never a silent fallback: the priorities are still
        those of the judgements as given.
    """

    n: int
    lambda_max: float
    ci: float
    cr: float
    ri: float
    ri_table: str
    gci: float
    gci_threshold: float
    method: str
    threshold: float
    acceptable: bool
    completed: bool = False
    inconsistent_judgements: tuple[JudgementDiagnostic, ...] = field(default=())

    @property
    def index(self) -> str:
        """``"gci"`` or ``"cr"``: the index the acceptance is judged on."""
        return "gci" if self.method == "geometric" else "cr"

    def summary(self) -> str:
        """One line: the index, its threshold and, when not acceptable, the worst judgements."""
        value = self.gci if self.index == "gci" else self.cr
        table = "" if self.index == "gci" else f", ri {self.ri_table!r}"
        head = f"{self.index.upper()} = {value:.3f} {'<=' if self.acceptable else '>'} {self.threshold:g}{table}"
        if self.acceptable:
            return head
        worst = "; ".join(str(d) for d in self.inconsistent_judgements)
        return f"{head}; most inconsistent judgements: {worst}"

    def to_frame(self) -> pd.DataFrame:
        """The diagnostic as a table: a, b, given, consistent, ratio (empty when acceptable)."""
        return pd.DataFrame([vars(d) for d in self.inconsistent_judgements],
                            columns=["a", "b", "given", "consistent", "ratio"])

    def _repr_html_(self) -> str:
        """Notebook display: the indices and, when not acceptable, the worst judgements."""
        from mcda._display import html_block, html_frame, html_pairs

        pairs = {"n": self.n, "lambda_max": self.lambda_max, "CI": self.ci, "CR": self.cr,
                 f"RI ({self.ri_table})": self.ri, "GCI": self.gci, "acceptable": self.acceptable}
        parts = [html_pairs(pairs)] + ([] if self.acceptable else [html_frame(self.to_frame(), index=False)])
        return html_block(f"AHP consistency: {self.summary().split(';')[0]}", parts)


def _diagnose(A: FloatArray, given: np.ndarray, w: FloatArray, names: Sequence[Hashable], top: int
              ) -> tuple[JudgementDiagnostic, ...]:
    E = _judgement_errors(A, w)
    upper = np.triu(given, k=1)
    i_idx, j_idx = np.nonzero(upper)
    badness = np.abs(np.log(E[i_idx, j_idx]))
    order = np.argsort(-badness, kind="stable")[:top]
    return tuple(
        JudgementDiagnostic(names[i], names[j], float(A[i, j]), float(w[i] / w[j]), float(E[i, j]))
        for i, j in zip(i_idx[order], j_idx[order], strict=True)
    )


def _consistency(completed: FloatArray, given: np.ndarray, w: FloatArray, names: Sequence[Hashable], method: str,
                 ri: str, threshold: float | None, top: int, lam: float | None = None) -> Consistency:
    n = int(completed.shape[0])
    if lam is None:
        lam = _perron(completed)[0] if n > 1 else 1.0
    ci = _consistency_index(completed, lam)
    r = _random_index(n, ri)
    cr = ci / r if n > 2 else 0.0
    gci, gthr = _gci(completed), gci_threshold(n)
    if method == "geometric":
        limit = gthr if threshold is None else threshold
        ok = gci <= limit
    else:
        limit = CR_THRESHOLD if threshold is None else threshold
        ok = cr <= limit
    diag = () if ok else _diagnose(completed, given, w, names, top)
    return Consistency(n, lam, ci, cr, r, ri, gci, gthr, method, float(limit), ok,
                       bool((~given).any()), diag)


def _check_options(method: str, ri: str, threshold: float | None, top: int) -> None:
    check_choice(method, PRIORITY_METHODS, "method")
    check_ri_name(ri)
    if threshold is not None and not (isinstance(threshold, int | float) and 0 < threshold < float("inf")):
        raise JudgementError(f"threshold must be a positive number or None; got {threshold!r}")
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise JudgementError(f"top must be an integer >= 1; got {top!r}")


def _complete_only(A: Any) -> tuple[FloatArray, Labels]:
    arr, labels = as_labelled(A)
    if arr.ndim == 2 and np.isnan(arr).any():
        pos = first_position(np.isnan(arr))
        raise JudgementError(
            f"{fmt_position('A', pos)} is missing (nan): priorities of an incomplete matrix need a completion "
            "method; use mcda.ahp.complete(A, method='harker' or 'llsm') first"
        )
    return _as_pairwise(arr), labels


def priorities(A: Any, method: str = "eigen") -> FloatArray | pd.Series:
    """Priority vector of a complete pairwise comparison matrix.

    Parameters
    ----------
    A : array_like or pandas.DataFrame, shape (n, n)
        Positive reciprocal matrix with unit diagonal; a DataFrame is labelled
        by item ids on both axes.
    method : {"eigen", "geometric", "column_mean"}
        Principal right eigenvector (Saaty 1980), row geometric mean (Crawford
        & Williams 1985) or mean of the column-normalised matrix.

    Returns
    -------
    ndarray (n,), or Series indexed by the labels for a DataFrame
        Strictly positive, summing to 1.

    Examples
    --------
    >>> import pandas as pd
    >>> A = pd.DataFrame([[1, 3], [1/3, 1]], index=["x", "y"], columns=["x", "y"])
    >>> priorities(A).round(2).to_dict()
    {'x': 0.75, 'y': 0.25}
    """
    check_choice(method, PRIORITY_METHODS, "method")
    arr, labels = _complete_only(A)
    return labelled_vector(_ahp_priorities(arr, method), labels, "priority")


def consistency(A: Any, ri: str = "saaty", method: str = "eigen", threshold: float | None = None,
                top: int = 3) -> Consistency:
    """lambda_max, CI, CR (with the named random-index table), GCI and an acceptance verdict.

    Parameters
    ----------
    A : array_like or pandas.DataFrame, shape (n, n)
        Complete pairwise matrix (complete an incomplete one with :func:`complete`).
    ri : str
        Random-index table (:data:`mcda.kernels.RANDOM_INDEX_NAMES`); default Saaty (1980).
    method : {"eigen", "geometric", "column_mean"}
        Priority method: the diagnostic compares judgements with these
        priorities, and ``"geometric"`` is judged on the GCI instead of the CR.
    threshold : float, optional
        Acceptance threshold of that index; default 0.1 for CR, the
        size-dependent GCI thresholds (0.31, 0.35, 0.37) for GCI.
    top : int
        How many inconsistent judgements the diagnostic lists.

    Examples
    --------
    Saaty (1990), house example: CR = 0.169 > 0.1, so the result names the
    judgements that disagree most with the priorities.

    >>> A = [[1, 5, 3, 7, 6, 6, 1/3, 1/4], [1/5, 1, 1/3, 5, 3, 3, 1/5, 1/7],
    ...      [1/3, 3, 1, 6, 3, 4, 6, 1/5], [1/7, 1/5, 1/6, 1, 1/3, 1/4, 1/7, 1/8],
    ...      [1/6, 1/3, 1/3, 3, 1, 1/2, 1/5, 1/6], [1/6, 1/3, 1/4, 4, 2, 1, 1/5, 1/6],
    ...      [3, 5, 1/6, 7, 5, 5, 1, 1/2], [4, 7, 5, 8, 6, 6, 2, 1]]
    >>> c = consistency(A)
    >>> round(c.cr, 3), c.acceptable
    (0.169, False)
    >>> d = c.inconsistent_judgements[0]
    >>> (d.a, d.b, d.given, round(d.consistent, 2))
    (2, 6, 6.0, 1.13)
    """
    _check_options(method, ri, threshold, top)
    arr, labels = _complete_only(A)
    w, lam = _priorities_and_lambda(arr, method)
    names = item_names(labels, arr.shape[0])
    return _consistency(arr, np.ones(arr.shape, dtype=bool), w, names, method, ri, threshold, top, lam)


@dataclass(frozen=True)
class Evaluation:
    """Priorities and consistency of a possibly incomplete matrix (used by studies)."""

    priorities: FloatArray
    completed: FloatArray
    consistency: Consistency


def evaluate(A: FloatArray, names: Sequence[Hashable], method: str = "eigen", ri: str = "saaty",
             threshold: float | None = None, top: int = 3, name: str = "A") -> Evaluation:
    """Priorities (Harker for eigen, LLSM for geometric on gaps) and consistency of ``A`` (nan = missing)."""
    _check_options(method, ri, threshold, top)
    arr = _as_incomplete(A, name)
    known = ~np.isnan(arr)
    if known.all():  # complete: one eigen-decomposition gives the priorities and lambda_max
        w, lam = _priorities_and_lambda(arr, method)
        return Evaluation(w, arr, _consistency(arr, known, w, names, method, ri, threshold, top, lam))
    _check_connected(known, name)
    completed, w = _priorities_any(arr, method, name)
    return Evaluation(w, completed, _consistency(completed, known, w, names, method, ri, threshold, top))


def judgement_matrix(judgements: Iterable[Any], items: Sequence[str] | None = None,
                     scale: str = "saaty") -> pd.DataFrame:
    """Pairwise matrix from judgements ``{a, b, value}`` or ``(a, b, value)``; ``nan`` where not judged.

    Values are numbers or fraction strings such as ``"1/3"``. Every rule of
    the study format applies, with the judgement's position in the message:
    self-comparison, a pair given twice with contradicting values, an unknown
    item, non-positive or non-finite values, values outside ``scale``
    (``"saaty"``: 1/9..9; ``"positive"``: any value within 1e-50..1e50), and a
    comparison graph that does not connect all items.

    Parameters
    ----------
    judgements : iterable
        Mappings ``{"a": ..., "b": ..., "value": ...}`` or triples.
    items : sequence of str, optional
        Item order (default: order of first appearance); judgements must name these.
    scale : {"saaty", "positive"}

    Returns
    -------
    pandas.DataFrame
        Labelled by item on both axes.

    Examples
    --------
    >>> M = judgement_matrix([("data", "edge", 3), ("edge", "open", "1/2")])
    >>> print(M.round(3).to_string())
    item   data  edge  open
    item
    data  1.000   3.0   NaN
    edge  0.333   1.0   0.5
    open    NaN   2.0   1.0
    """
    check_choice(scale, ("saaty", "positive"), "scale")
    parsed: list[Judgement] = []
    for k, raw in enumerate(judgements):
        try:
            parsed.append(raw if isinstance(raw, Judgement) else Judgement.model_validate(raw))
        except ValidationError as exc:
            msg = "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in exc.errors())
            raise JudgementError(f"judgements[{k}]: {msg}") from None
    if items is None:
        items = list(dict.fromkeys(x for j in parsed for x in (j.a, j.b)))
    problems = judgement_problems(parsed, list(items), scale, "these items")
    if problems:
        raise JudgementError("; ".join(
            (f"judgements[{suffix[1]}]: " if len(suffix) > 1 else "judgements: ") + msg for suffix, msg in problems))
    labels = pd.Index(list(items), name="item")
    return pd.DataFrame(_judgement_array(parsed, list(items)), index=labels, columns=labels)
