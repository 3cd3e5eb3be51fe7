"""WASPAS, Weighted Aggregated Sum Product ASsessment (Zavadskas et al. 2012).

On the linear ``max`` normalisation of the decision matrix (``x / max x`` for
benefit criteria, ``min x / x`` for cost criteria; see
:func:`~mcda.kernels.normalize`)::

    Q1_i = sum_j w_j r_ij            (weighted sum model)
    Q2_i = prod_j r_ij ** w_j        (weighted product model)
    Q_i  = lambda * Q1_i + (1 - lambda) * Q2_i

``Q`` is the joint generalised criterion, **higher is better**, in (0, 1].
``lambda = 1`` gives WSM and ``lambda = 0`` gives WPM; the default 0.5 is the
equal mix of Zavadskas et al. (2012). Because the WPM part is multiplicative,
WASPAS (unlike WSM) is not homogeneous in the weights.

Data rules are those of the two parts: values must be non-negative, and
zero is not allowed on a cost criterion (``min x / x``). A zero normalised
value with a positive weight makes the WPM part 0.

References
----------
Zavadskas, E. K., Turskis, Z., Antucheviciene, J. and Zakarevicius, A.
(2012). Optimization of weighted aggregated sum product assessment.
*Elektronika ir Elektrotechnika* 122(6), 3-6. doi:10.5755/j01.eee.122.6.1810.

Chakraborty, S. and Zavadskas, E. K. (2014). Applications of WASPAS method
in manufacturing decision making. *Informatica* 25(1), 1-20.
doi:10.15388/Informatica.2014.01.
"""

from __future__ import annotations

import numpy as np

from mcda._types import ArrayLike, BoolArray, FloatArray
from mcda.errors import InputError, NormalizationError
from mcda.kernels._fast import col_range
from mcda.kernels._validate import (
    as_benefit,
    as_matrix_range,
    as_weights,
    first_position,
    fmt_position,
    fmt_value,
)
from mcda.kernels.additive import _wpm, _wsm
from mcda.kernels.normalize import check_normalizable

__all__ = ["waspas"]


def _waspas(
    X: FloatArray, W: FloatArray, benefit: BoolArray, lambda_: float, hilo: tuple[FloatArray, FloatArray] | None = None
) -> FloatArray:
    """Unvalidated :func:`waspas`."""
    hilo = col_range(X) if hilo is None else hilo
    q1 = _wsm(X, W, benefit, "max", hilo)
    q2 = _wpm(X, W, benefit, "max", hilo)
    return np.asarray(lambda_ * q1 + (1.0 - lambda_) * q2, dtype=np.float64)


def check_lambda(lambda_: float) -> float:
    """``lambda_`` as a float in [0, 1], else :class:`InputError`."""
    try:
        val = float(lambda_)
    except (TypeError, ValueError):
        raise InputError(f"lambda_ must be a number in [0, 1]; got {lambda_!r}") from None
    if not (0.0 <= val <= 1.0):
        raise InputError(f"lambda_ must be in [0, 1] (share of the weighted sum in WASPAS); got {lambda_!r}")
    return val


def waspas(X: ArrayLike, W: ArrayLike, benefit: ArrayLike, lambda_: float = 0.5) -> FloatArray:
    """WASPAS joint generalised criterion Q; higher is better.

    Parameters
    ----------
    X : array_like, shape (m, n)
        Decision matrix (m alternatives, n criteria), finite and
        non-negative, with no zero on a cost criterion.
    W : array_like, shape (n,) or (..., n)
        Non-negative weights, each row summing to 1 (not renormalised).
    benefit : array_like of bool, shape (n,)
        True where a criterion is maximised.
    lambda_ : float in [0, 1], default 0.5
        Share of the weighted sum (1 = WSM, 0 = WPM).

    Returns
    -------
    ndarray, shape W.shape[:-1] + (m,)

    Raises
    ------
    NormalizationError
        A negative value, or a zero on a cost criterion, naming the cell.

    Examples
    --------
    >>> X = [[10.0, 5.0], [20.0, 10.0], [40.0, 5.0]]
    >>> print(waspas(X, [0.5, 0.5], [True, False]).round(4))
    [0.5625 0.5    1.    ]
    """
    arr, hi, lo = as_matrix_range(X)
    n = arr.shape[1]
    mask = as_benefit(benefit, n)
    weights = as_weights(W, n)
    lam = check_lambda(lambda_)
    negative = arr < 0 if (lo < 0).any() else np.zeros((1,), dtype=bool)
    if negative.any():
        pos = first_position(negative)
        raise NormalizationError(
            f"{fmt_position('X', pos)} = {fmt_value(arr[pos])}: WASPAS raises normalised values "
            "to powers and needs non-negative values"
        )
    check_normalizable(arr, mask, "max", lo)
    return _waspas(arr, weights, mask, lam, (hi, lo))
