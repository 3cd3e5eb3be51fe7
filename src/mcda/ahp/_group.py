"""Incomplete matrices and several decision-makers: ``complete`` and ``aggregate``."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from mcda._lazy import is_frame, lazy_module
from mcda._types import FloatArray
from mcda.ahp._core import Consistency, consistency
from mcda.ahp._labels import Labels, as_labelled, labelled_matrix, labelled_vector
from mcda.errors import JudgementError
from mcda.kernels._raw import ahp_priorities as _ahp_priorities
from mcda.kernels._raw import aij as _aij
from mcda.kernels._raw import aip as _aip
from mcda.kernels._raw import as_group_weights as _as_group_weights
from mcda.kernels._raw import as_stack as _as_stack
from mcda.kernels._raw import dispersion as _dispersion
from mcda.kernels._validate import check_choice
from mcda.kernels.ahp import PRIORITY_METHODS
from mcda.kernels.ahp_group import AIP_MEANS
from mcda.kernels.ahp_incomplete import COMPLETION_METHODS, complete_matrix

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

__all__ = ["GroupResult", "aggregate", "complete"]


def complete(A: Any, method: str = "harker") -> FloatArray | pd.DataFrame:
    """Fill the missing judgements (``nan``) of a pairwise matrix.

    Each missing ``a_ij`` becomes ``w_i / w_j``, with ``w`` from Harker's (1987)
    eigenvector method (``"harker"``) or the logarithmic least-squares method
    (``"llsm"``). Given judgements are unchanged. The completed matrix's
    eigen priorities (Harker) or geometric priorities (LLSM) equal ``w``.

    Parameters
    ----------
    A : array_like or pandas.DataFrame, shape (n, n)
        ``nan`` in both ``A[i, j]`` and ``A[j, i]`` for a missing judgement.
    method : {"harker", "llsm"}

    Raises
    ------
    JudgementError
        Invalid entries (naming the position) or a comparison graph that is
        not connected (naming the groups that are never compared).

    Examples
    --------
    >>> nan = float("nan")
    >>> print(complete([[1, 2, nan], [1/2, 1, 2], [nan, 1/2, 1]], "llsm").round(2))
    [[1.   2.   4.  ]
     [0.5  1.   2.  ]
     [0.25 0.5  1.  ]]
    """
    check_choice(method, COMPLETION_METHODS, "method")
    arr, labels = as_labelled(A)
    try:
        completed, _ = complete_matrix(arr, method)
    except JudgementError as exc:
        if labels is None:
            raise
        raise JudgementError(f"{exc} (items by position: {dict(enumerate(labels))})") from None
    return labelled_matrix(completed, labels)


@dataclass(frozen=True)
class GroupResult:
    """Aggregated judgements or priorities of several decision-makers.

    Attributes
    ----------
    how:
        ``"aij"`` or ``"aip"``.
    priorities:
        Group priorities (sum 1), labelled when the inputs were.
    matrix:
        AIJ: the group pairwise matrix (weighted geometric mean). ``None`` for AIP.
    consistency:
        AIJ: consistency of the group matrix. ``None`` for AIP.
    individual:
        One row of priorities per decision-maker (K, n).
    dispersion:
        Per pair, the weighted standard deviation of the decision-makers' log
        judgements (n, n); large values show where they disagree.
    weights:
        The decision-makers' weights as used (normalised to sum 1).
    method:
        The priority method.
    """

    how: str
    priorities: FloatArray | pd.Series
    matrix: FloatArray | pd.DataFrame | None
    consistency: Consistency | None
    individual: FloatArray | pd.DataFrame
    dispersion: FloatArray | pd.DataFrame
    weights: FloatArray | pd.Series
    method: str

    def disagreements(self, top: int = 3) -> pd.DataFrame:
        """The ``top`` pairs with the largest dispersion: a, b, dispersion."""
        D = np.asarray(self.dispersion)
        n = D.shape[0]
        names = list(range(n)) if isinstance(self.dispersion, np.ndarray) else list(self.dispersion.index)
        i, j = np.triu_indices(n, k=1)
        order = np.argsort(-D[i, j], kind="stable")[:top]
        return pd.DataFrame({"a": [names[k] for k in i[order]], "b": [names[k] for k in j[order]],
                             "dispersion": D[i, j][order]})


def _stack(judgement_matrices: Any) -> tuple[FloatArray, Labels, list[Hashable] | None]:
    if isinstance(judgement_matrices, Mapping):
        makers: list[Hashable] | None = list(judgement_matrices)
        mats = list(judgement_matrices.values())
    elif isinstance(judgement_matrices, np.ndarray) and judgement_matrices.ndim == 3:
        makers, mats = None, list(judgement_matrices)
    else:
        makers, mats = None, list(judgement_matrices)
    if not mats:
        raise JudgementError("judgement_matrices is empty; give at least one decision-maker's matrix")
    arrays, labels = [], None
    for k, M in enumerate(mats):
        arr, lab = as_labelled(M, f"matrices[{k}]")
        if is_frame(M):
            if labels is None:
                labels = lab
            elif set(lab or ()) != set(labels):
                raise JudgementError(f"matrices[{k}] compares items {lab}, but matrices[0] compares {labels}")
            else:
                arr = M.loc[labels, labels].to_numpy(dtype=np.float64)
        arrays.append(arr)
    shapes = {a.shape for a in arrays}
    if len(shapes) > 1:
        raise JudgementError(f"all matrices must have the same shape; got {sorted(shapes)}")
    return _as_stack(np.stack(arrays)), labels, makers


def _dm_weights(weights: Any, k: int, makers: list[Hashable] | None) -> FloatArray:
    if isinstance(weights, Mapping):
        if makers is None or set(weights) != set(makers):
            raise JudgementError(f"weights names decision-makers {sorted(map(str, weights))}, but the matrices "
                                f"are for {makers if makers is not None else 'unnamed decision-makers (a list)'}")
        weights = [weights[m] for m in makers]
    return _as_group_weights(weights, k)


def aggregate(judgement_matrices: Sequence[Any] | Mapping[Hashable, Any] | FloatArray, how: str = "aij",
              weights: Sequence[float] | Mapping[Hashable, float] | None = None, method: str = "eigen",
              mean: str = "geometric", ri: str = "saaty") -> GroupResult:
    """Aggregate several decision-makers' complete pairwise matrices.

    Parameters
    ----------
    judgement_matrices : sequence, mapping {decision-maker: matrix}, or array (K, n, n)
        Complete pairwise matrices (arrays or DataFrames with the same labels).
    how : {"aij", "aip"}
        AIJ: weighted geometric mean of the judgements, then priorities of the
        group matrix. AIP: each decision-maker's priorities, then their weighted
        ``mean`` (Forman & Peniwati 1998).
    weights : sequence or mapping, optional
        Decision-maker weights, non-negative with a positive sum (normalised;
        reported in the result). Default equal.
    method : {"eigen", "geometric", "column_mean"}
        Priority method.
    mean : {"geometric", "arithmetic"}
        AIP only: how priorities are combined (geometric renormalised, or arithmetic).
    ri : str
        Random-index table for the group matrix's consistency (AIJ).

    Examples
    --------
    >>> r = aggregate([[[1, 2], [1/2, 1]], [[1, 8], [1/8, 1]]], how="aij")
    >>> print(r.matrix[0, 1], r.priorities, round(float(r.dispersion[0, 1]), 4))
    4.0 [0.8 0.2] 0.6931
    """
    check_choice(how, ("aij", "aip"), "how")
    check_choice(method, PRIORITY_METHODS, "method")
    check_choice(mean, AIP_MEANS, "mean")
    As, labels, makers = _stack(judgement_matrices)
    lam = _dm_weights(weights, As.shape[0], makers)
    individual = np.stack([_ahp_priorities(A, method) for A in As])
    if how == "aij":
        group = _aij(As, lam)
        w, matrix = _ahp_priorities(group, method), labelled_matrix(group, labels)
        cons: Consistency | None = consistency(matrix, ri=ri, method=method)
    else:
        w, matrix, cons = _aip(individual, lam, mean), None, None
    ind = individual if labels is None else pd.DataFrame(
        individual, index=pd.Index(makers if makers is not None else range(len(As)), name="decision_maker"),
        columns=pd.Index(labels, name="item"))
    lam_out = lam if makers is None else pd.Series(lam, index=pd.Index(makers, name="decision_maker"), name="weight")
    return GroupResult(how, labelled_vector(w, labels, "priority"), matrix, cons, ind,
                       labelled_matrix(_dispersion(As, lam), labels), lam_out, method)
