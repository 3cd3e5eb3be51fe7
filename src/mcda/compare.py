"""Comparing rankings: Spearman, Kendall tau-b, weighted Spearman r_w and the WS coefficient.

Every function takes two rank arrays of shape ``(..., m)`` (1 = best; ties as
average ranks or any other tie convention, used as given) and returns the
coefficient for each row, shape ``(...)``: one pair of rankings and a batch of
rankings from a sensitivity analysis are the same call.

==========================  =====================================  =========  ===============
function                    formula                                symmetric  range
==========================  =====================================  =========  ===============
:func:`spearman`            Pearson correlation of the ranks       yes        [-1, 1]
:func:`kendall_tau`         tau-b (ties corrected)                 yes        [-1, 1]
:func:`weighted_spearman`   ``r_w`` of Pinto da Costa & Soares      yes        [-1, 1] (ties: approx.)
:func:`ws_coefficient`      WS of Sałabun & Urbaniak               no         [0, 1] (no ties)
==========================  =====================================  =========  ===============

With ``N`` alternatives and ranks ``x`` (reference) and ``y``::

    r_w = 1 - 6 sum_i (x_i - y_i)**2 ((N - x_i + 1) + (N - y_i + 1)) / (N**4 + N**3 - N**2 - N)
    WS  = 1 - sum_i 2**(-x_i) |x_i - y_i| / max(|x_i - 1|, |x_i - N|)

``r_w`` and ``WS`` weigh disagreements near the top of the ranking more than
those near the bottom; ``WS`` is relative to the reference ranking ``x``.

Degenerate rows get defined values, never NaN: with a single alternative
every coefficient is 1; when one ranking is all tied (no variance), Spearman
and Kendall are 1 if the other is all tied too and 0 otherwise.

References
----------
Kendall, M. G. (1945). The treatment of ties in ranking problems.
*Biometrika* 33(3), 239-251.

Pinto da Costa, J. and Soares, C. (2005). A weighted rank measure of
correlation. *Australian & New Zealand Journal of Statistics* 47(4), 515-529.

Sałabun, W. and Urbaniak, K. (2020). A new coefficient of rankings
similarity in decision-making problems. In *Computational Science - ICCS
2020*, LNCS 12138, Springer, 632-645. doi:10.1007/978-3-030-50417-5_47.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from mcda._lazy import lazy_module
from mcda._types import ArrayLike, FloatArray
from mcda.errors import InputError
from mcda.kernels._validate import as_scores

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

__all__ = [
    "COMPARISON_COLUMNS",
    "compare_rankings",
    "kendall_tau",
    "spearman",
    "weighted_spearman",
    "ws_coefficient",
]


def _pair(x: ArrayLike, y: ArrayLike) -> tuple[FloatArray, FloatArray]:
    a, b = as_scores(x, "x"), as_scores(y, "y")
    try:
        a, b = np.broadcast_arrays(a, b)
    except ValueError:
        raise InputError(f"x and y must have compatible shapes (..., m); got {a.shape} and {b.shape}") from None
    return np.asarray(a), np.asarray(b)


def _ratio(num: FloatArray, den: FloatArray, flat_x: np.ndarray, flat_y: np.ndarray) -> FloatArray:
    """``num / den``; where ``den == 0``: 1 if both rankings are flat, else 0."""
    fallback = np.where(flat_x & flat_y, 1.0, 0.0)
    out = np.array(fallback, dtype=np.float64)
    np.divide(num, den, out=out, where=den > 0)
    return np.asarray(np.clip(out, -1.0, 1.0), dtype=np.float64)


def spearman(x: ArrayLike, y: ArrayLike) -> FloatArray:
    """Spearman's rank correlation: Pearson's correlation of the two rank vectors.

    Equals ``1 - 6 sum d**2 / (N (N**2 - 1))`` when there are no ties.

    Examples
    --------
    >>> float(spearman([1, 2, 3, 4, 5], [2, 1, 3, 4, 5]))
    0.9
    """
    a, b = _pair(x, y)
    da = a - a.mean(axis=-1, keepdims=True)
    db = b - b.mean(axis=-1, keepdims=True)
    va, vb = (da * da).sum(axis=-1), (db * db).sum(axis=-1)
    flat_a, flat_b = va <= 1e-12 * a.shape[-1], vb <= 1e-12 * b.shape[-1]
    den = np.where(flat_a | flat_b, 0.0, np.sqrt(va * vb))
    return _ratio((da * db).sum(axis=-1), den, flat_a, flat_b)


def kendall_tau(x: ArrayLike, y: ArrayLike) -> FloatArray:
    """Kendall's tau-b: ``(C - D) / sqrt((P - T_x) (P - T_y))`` over the ``P = N(N-1)/2`` pairs.

    ``C``/``D`` count concordant/discordant pairs, ``T_x``/``T_y`` the pairs
    tied in ``x``/``y``. Builds ``(..., m, m)`` sign tables (m is small).

    Examples
    --------
    >>> float(kendall_tau([1, 2, 3, 4, 5], [2, 1, 3, 4, 5]))
    0.8
    """
    a, b = _pair(x, y)
    if a.shape[-1] == 1:
        return np.ones(a.shape[:-1])
    sa = np.sign(a[..., :, None] - a[..., None, :])
    sb = np.sign(b[..., :, None] - b[..., None, :])
    s = (sa * sb).sum(axis=(-2, -1)) / 2.0
    untied_a = (sa != 0).sum(axis=(-2, -1)) / 2.0
    untied_b = (sb != 0).sum(axis=(-2, -1)) / 2.0
    return _ratio(s, np.sqrt(untied_a * untied_b), untied_a == 0, untied_b == 0)


def weighted_spearman(x: ArrayLike, y: ArrayLike) -> FloatArray:
    """Weighted Spearman ``r_w`` (Pinto da Costa & Soares 2005); top ranks weigh more.

    Examples
    --------
    >>> round(float(weighted_spearman([1, 2, 3, 4, 5], [2, 1, 3, 4, 5])), 4)
    0.85
    >>> round(float(weighted_spearman([1, 2, 3, 4, 5], [1, 2, 3, 5, 4])), 4)
    0.95
    """
    a, b = _pair(x, y)
    n = float(a.shape[-1])
    if n == 1:
        return np.ones(a.shape[:-1])
    num = 6.0 * ((a - b) ** 2 * ((n - a + 1) + (n - b + 1))).sum(axis=-1)
    return np.asarray(1.0 - num / (n**4 + n**3 - n**2 - n), dtype=np.float64)


def ws_coefficient(x: ArrayLike, y: ArrayLike) -> FloatArray:
    """WS similarity of ranking ``y`` to the reference ranking ``x`` (Sałabun & Urbaniak 2020).

    Not symmetric: ``x`` is the reference. 1 for identical rankings; a
    disagreement at the top of ``x`` costs more than one at the bottom.

    Examples
    --------
    >>> round(float(ws_coefficient([1, 2, 3, 4, 5], [2, 1, 3, 4, 5])), 4)
    0.7917
    >>> round(float(ws_coefficient([1, 2, 3, 4, 5], [1, 2, 3, 5, 4])), 4)
    0.9714
    """
    a, b = _pair(x, y)
    n = a.shape[-1]
    span = np.maximum(np.abs(a - 1), np.abs(a - n))
    term = np.divide(np.abs(a - b), span, out=np.zeros_like(a), where=span > 0)
    return np.asarray(1.0 - (2.0 ** (-a) * term).sum(axis=-1), dtype=np.float64)


#: Column order of :func:`compare_rankings`.
COMPARISON_COLUMNS = ("reference", "other", "spearman", "kendall", "weighted_spearman", "ws")


def compare_rankings(rankings: Mapping[str, ArrayLike]) -> pd.DataFrame:
    """Every coefficient for every ordered pair of labelled rankings of the same alternatives.

    Parameters
    ----------
    rankings : mapping of label -> array_like, shape (m,)
        Rank vectors (1 = best), all over the same alternatives in the same order.

    Returns
    -------
    pandas.DataFrame
        One row per ordered pair ``(reference, other)`` with ``reference != other``
        (WS is not symmetric), columns :data:`COMPARISON_COLUMNS`.

    Examples
    --------
    >>> df = compare_rankings({"a": [1, 2, 3], "b": [1, 3, 2]})
    >>> df[["reference", "other", "spearman", "ws"]].round(4).to_string(index=False)
    'reference other  spearman     ws\\n        a     b       0.5 0.6875\\n        b     a       0.5 0.6875'
    """
    labels = list(rankings)
    if len(labels) < 2:
        raise InputError(f"need at least two rankings to compare; got {len(labels)}")
    R = np.stack([as_scores(rankings[k], f"rankings[{k!r}]") for k in labels])
    pairs = [(i, j) for i in range(len(labels)) for j in range(len(labels)) if i != j]
    a, b = R[[i for i, _ in pairs]], R[[j for _, j in pairs]]
    return pd.DataFrame({
        "reference": [labels[i] for i, _ in pairs],
        "other": [labels[j] for _, j in pairs],
        "spearman": spearman(a, b),
        "kendall": kendall_tau(a, b),
        "weighted_spearman": weighted_spearman(a, b),
        "ws": ws_coefficient(a, b),
    }, columns=list(COMPARISON_COLUMNS))
