"""EDAS, Evaluation based on Distance from Average Solution (Keshavarz Ghorabaee et al. 2015).

1. Average solution ``AV_j = mean_i x_ij``.
2. Positive and negative distances from the average, relative to it::

       benefit j:  PDA_ij = max(0, x_ij - AV_j) / AV_j,  NDA_ij = max(0, AV_j - x_ij) / AV_j
       cost j:     PDA_ij = max(0, AV_j - x_ij) / AV_j,  NDA_ij = max(0, x_ij - AV_j) / AV_j

3. ``SP_i = sum_j w_j PDA_ij``, ``SN_i = sum_j w_j NDA_ij``.
4. ``NSP_i = SP_i / max_k SP_k``, ``NSN_i = 1 - SN_i / max_k SN_k``.
5. Appraisal score ``AS_i = (NSP_i + NSN_i) / 2`` in [0, 1], **higher is better**.

Degenerate data: a constant column (including all zeros) has ``PDA = NDA =
0``. If every positively weighted column is constant, ``max SP = max SN = 0``
and every alternative gets ``NSP = 0``, ``NSN = 1``, ``AS = 0.5``. A column
that is not constant but averages to a value ``<= 0`` is an error: the
distances are relative to the average and would change sign.

References
----------
Keshavarz Ghorabaee, M., Zavadskas, E. K., Olfat, L. and Turskis, Z. (2015).
Multi-criteria inventory classification using a new method of evaluation
based on distance from average solution (EDAS). *Informatica* 26(3),
435-451. doi:10.15388/Informatica.2015.57.
"""

from __future__ import annotations

import numpy as np

from mcda._types import ArrayLike, BoolArray, FloatArray
from mcda.errors import NormalizationError
from mcda.kernels._fast import col_range, regular, rowdot
from mcda.kernels._validate import as_benefit, as_matrix_sums, as_weights

__all__ = ["edas", "edas_distances"]


def edas_distances(X: FloatArray, benefit: BoolArray) -> tuple[FloatArray, FloatArray]:
    """``(PDA, NDA)``, each of shape (m, n): unvalidated helper of :func:`edas`.

    Examples
    --------
    >>> import numpy as np
    >>> pda, nda = edas_distances(np.array([[1.0], [3.0]]), np.array([True]))
    >>> print(pda.ravel(), nda.ravel())
    [0.  0.5] [0.5 0. ]
    """
    # PDA and NDA are ratios to the column average, so each column may be scaled first:
    # this keeps means of huge values (e.g. 1e308) from overflowing.
    top = np.abs(X).max(axis=0)
    X = X / np.where(top > 0, top, 1.0)
    av = X.mean(axis=0)
    above = np.maximum(X - av, 0.0)
    below = np.maximum(av - X, 0.0)
    pos = np.where(benefit, above, below)
    neg = np.where(benefit, below, above)
    ok = av > 0
    pda = np.divide(pos, av, out=np.zeros_like(X), where=ok)
    nda = np.divide(neg, av, out=np.zeros_like(X), where=ok)
    return pda, nda


def _unit_max(a: FloatArray) -> FloatArray:
    top = a.max(axis=-1, keepdims=True)
    return np.divide(a, top, out=np.zeros_like(a), where=top > 0)


def _edas(X: FloatArray, W: FloatArray, benefit: BoolArray, av: FloatArray | None = None) -> FloatArray:
    """Unvalidated :func:`edas`.

    ``sum_j w_j PDA_ij = sum_j (w_j / av_j) max(±(x_ij - av_j), 0)``: one
    temporary, holding ``max(X - av, 0)`` and then ``max(av - X, 0)``.
    ``av``: the column averages, when the caller has them.
    """
    if not regular(*col_range(X)):
        return _edas_general(X, W, benefit)
    av = X.mean(axis=0) if av is None else av
    C = np.zeros(np.broadcast_shapes(W.shape, av.shape))
    np.divide(W, av, out=C, where=av > 0)
    Cb, Cc = np.where(benefit, C, 0.0), np.where(benefit, 0.0, C)
    T = np.subtract(X, av)
    np.maximum(T, 0.0, out=T)
    sp, sn = rowdot(Cb, T), rowdot(Cc, T)
    np.subtract(av, X, out=T)
    np.maximum(T, 0.0, out=T)
    sn += rowdot(Cb, T)
    sp += rowdot(Cc, T)
    del T
    return (_unit_max(sp) + 1.0 - _unit_max(sn)) / 2.0


def _edas_general(X: FloatArray, W: FloatArray, benefit: BoolArray) -> FloatArray:
    pda, nda = edas_distances(X, benefit)
    sp = np.asarray(W @ pda.T, dtype=np.float64)
    sn = np.asarray(W @ nda.T, dtype=np.float64)
    return (_unit_max(sp) + 1.0 - _unit_max(sn)) / 2.0


def _check_averages(X: FloatArray, av: FloatArray) -> None:
    if (av > 0).all():  # averages from the column sums; an overflowed sum is not finite, looked at again below
        return
    top = np.abs(X).max(axis=0)
    scale = np.where(top > 0, top, 1.0)
    av = (X / scale).mean(axis=0) * scale  # the sign is what matters; scaled to avoid overflow
    constant = X.max(axis=0) == X.min(axis=0)
    bad = (av <= 0) & ~constant
    if bad.any():
        j = int(np.flatnonzero(bad)[0])
        raise NormalizationError(
            f"X[:, {j}] averages to {av[j]:.10g}: EDAS measures distances relative to the column "
            "average and needs a positive average (shift the criterion to positive values)"
        )


def edas(X: ArrayLike, W: ArrayLike, benefit: ArrayLike) -> FloatArray:
    """EDAS appraisal scores in [0, 1]; higher is better.

    Parameters
    ----------
    X : array_like, shape (m, n)
        Decision matrix (m alternatives, n criteria), finite; each non-constant
        column must have a positive average.
    W : array_like, shape (n,) or (..., n)
        Non-negative weights, each row summing to 1 (not renormalised).
    benefit : array_like of bool, shape (n,)
        True where a criterion is maximised.

    Returns
    -------
    ndarray, shape W.shape[:-1] + (m,)
        Appraisal scores ``AS``; 0.5 for everyone when no positively weighted
        column separates the alternatives.

    Examples
    --------
    >>> X = [[10.0, 5.0], [20.0, 10.0], [30.0, 6.0]]
    >>> print(edas(X, [0.5, 0.5], [True, False]).round(4))
    [0.2222 0.0714 1.    ]
    """
    arr, total = as_matrix_sums(X)
    mask = as_benefit(benefit, arr.shape[1])
    weights = as_weights(W, arr.shape[1])
    av = total / arr.shape[0]  # what X.mean(axis=0) computes
    _check_averages(arr, av)
    return _edas(arr, weights, mask, av if np.isfinite(av).all() else None)
