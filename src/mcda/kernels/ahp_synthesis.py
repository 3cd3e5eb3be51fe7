"""AHP synthesis: a weighted sum of per-leaf priorities, vectorised over weights.

Each column of ``X`` (m alternatives, n leaves) holds the alternatives' values
on one leaf: priorities derived from pairwise comparisons, or ratio-scale
evidence values (absolute measurement). The column is turned into local
priorities ``R[:, j]`` by the *mode*, and the global score is
``S[..., i] = sum_j W[..., j] * R[i, j]`` (Saaty 1980; the kernel contract:
``X (m, n)``, ``W (..., n)`` -> ``(..., m)``).

=====================  ==================================  =====================================
mode                   benefit leaf (``max``)              cost leaf (``min``)
=====================  ==================================  =====================================
``"distributive"``     ``x / sum(x)``                      ``(1/x) / sum(1/x)``
``"ideal"``            ``x / max(x)``                      ``min(x) / x``  (= ``(1/x) / max(1/x)``)
=====================  ==================================  =====================================

A cost leaf is read on a ratio scale: an alternative with half the cost is
twice as good on it. Both modes need ``x >= 0`` on benefit leaves and ``x > 0``
on cost leaves (otherwise :class:`~mcda.errors.NormalizationError` names the
cell). Priorities from comparisons already sum to 1, so the distributive mode
leaves them unchanged.

Distributive mode is the classic synthesis (Saaty 1980). In ideal mode
(Belton & Gear 1983; Saaty 1994) the best alternative on each leaf gets 1, so
adding or removing an alternative that is not the best on any leaf leaves the
other alternatives' scores, and hence their ranking, unchanged; in
distributive mode such an alternative can reverse the ranking of the others.

References
----------
Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill, New York.

Belton, V. and Gear, T. (1983). On a short-coming of Saaty's method of
analytic hierarchies. Omega 11(3), 228-230.

Saaty, T. L. (1994). Highlights and critical points in the theory and
application of the analytic hierarchy process. European Journal of
Operational Research 74(3), 426-447.
"""

from __future__ import annotations

from typing import Final, Literal, TypeAlias

import numpy as np

from mcda._types import ArrayLike, BoolArray, FloatArray
from mcda.kernels._validate import as_benefit, as_matrix, as_weights, check_choice
from mcda.kernels.normalize import _normalize, check_normalizable

__all__ = ["SYNTHESIS_MODES", "ahp_local_priorities", "ahp_synthesis"]

SynthesisMode: TypeAlias = Literal["distributive", "ideal"]

#: Synthesis modes and the normalisation of :func:`mcda.kernels.normalize` each one is.
SYNTHESIS_MODES: Final[dict[str, str]] = {"distributive": "sum", "ideal": "max"}


def _ahp_local_priorities(X: FloatArray, benefit: BoolArray, mode: str) -> FloatArray:
    """Unvalidated :func:`ahp_local_priorities`."""
    return _normalize(X, benefit, SYNTHESIS_MODES[mode])


def _ahp_synthesis(X: FloatArray, W: FloatArray, benefit: BoolArray, mode: str) -> FloatArray:
    """Unvalidated :func:`ahp_synthesis`."""
    return np.asarray(W @ _ahp_local_priorities(X, benefit, mode).T, dtype=np.float64)


def _validated(X: ArrayLike, benefit: ArrayLike, mode: str) -> tuple[FloatArray, BoolArray]:
    arr = as_matrix(X)
    mask = as_benefit(benefit, arr.shape[1])
    check_choice(mode, tuple(SYNTHESIS_MODES), "mode")
    check_normalizable(arr, mask, SYNTHESIS_MODES[mode])
    return arr, mask


def ahp_local_priorities(X: ArrayLike, benefit: ArrayLike, mode: SynthesisMode = "distributive") -> FloatArray:
    """Per-leaf local priorities ``R`` (m, n) of the synthesis mode (see the module docstring).

    Examples
    --------
    >>> print(ahp_local_priorities([[2.0, 1.0], [6.0, 4.0]], [True, False]))
    [[0.25 0.8 ]
     [0.75 0.2 ]]
    >>> print(ahp_local_priorities([[2.0, 1.0], [6.0, 4.0]], [True, False], "ideal"))
    [[0.33333333 1.        ]
     [1.         0.25      ]]
    """
    arr, mask = _validated(X, benefit, mode)
    return _ahp_local_priorities(arr, mask, mode)


def ahp_synthesis(
    X: ArrayLike, W: ArrayLike, benefit: ArrayLike, mode: SynthesisMode = "distributive"
) -> FloatArray:
    """AHP global priorities ``W @ R.T`` for weights ``W`` (..., n) -> scores (..., m).

    Parameters
    ----------
    X : array_like, shape (m, n)
        Per-leaf values: comparison priorities or ratio-scale evidence values.
    W : array_like, shape (..., n)
        Global leaf weights, non-negative, each row summing to 1.
    benefit : array_like of bool, shape (n,)
        True for ``max`` leaves.
    mode : {"distributive", "ideal"}
        See the module docstring.

    Returns
    -------
    ndarray, shape (..., m)
        Higher is better. Distributive scores of one weight vector sum to 1.

    Examples
    --------
    >>> X = [[0.2, 10.0], [0.8, 30.0]]
    >>> print(ahp_synthesis(X, [0.5, 0.5], [True, True]))
    [0.225 0.775]
    >>> print(ahp_synthesis(X, [[0.5, 0.5], [1.0, 0.0]], [True, True], "ideal").round(4))
    [[0.2917 1.    ]
     [0.25   1.    ]]
    """
    arr, mask = _validated(X, benefit, mode)
    weights = as_weights(W, arr.shape[1])
    return _ahp_synthesis(arr, weights, mask, mode)
