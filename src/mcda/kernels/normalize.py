"""Normalisation of a decision matrix, column by column.

Two operations, kept apart on purpose:

* :func:`normalize` *orients* the matrix: every column of the result is
  "higher is better", cost criteria are inverted. Used by WSM and WPM.
* :func:`scale` only rescales each column by positive affine maps and never
  inverts; the direction stays in the ``benefit`` mask. Used by TOPSIS, which
  handles direction through the ideal and anti-ideal points.

Methods (``x`` is one column, ``m`` the number of alternatives):

=========  =============================  ==================================  ===============
method     benefit column                 cost column (``normalize`` only)    needs
=========  =============================  ==================================  ===============
"none"     ``x``                          not allowed (NormalizationError)    --
"max"      ``x / max(x)``                 ``min(x) / x``                      x >= 0; cost x > 0
"minmax"   ``(x - min) / (max - min)``    ``(max - x) / (max - min)``         --
"sum"      ``x / sum(x)``                 ``(1/x) / sum(1/x)``                x >= 0; cost x > 0
"vector"   ``x / ||x||_2``                ``1 - x / ||x||_2``                 cost x >= 0
=========  =============================  ==================================  ===============

"max" is the *linear scale transformation* of Hwang & Yoon (1981); "vector"
is their vector normalisation, the TOPSIS default.

Degenerate columns get fixed, documented values, never NaN or inf:

* constant column (including all-zero) under "minmax": all 1.0;
* all-zero column under "max": all 1.0; under "sum": all ``1/m``;
  under "vector": 0.0 for a benefit column (and for :func:`scale`), 1.0 for a
  cost column.

Such columns do not discriminate between alternatives, so any constant is
correct for rankings; the values above make weighted sums read naturally.

References
----------
Hwang, C.-L. and Yoon, K. (1981). *Multiple Attribute Decision Making: Methods
and Applications. A State-of-the-Art Survey.* Lecture Notes in Economics and
Mathematical Systems 186. Springer, Berlin. doi:10.1007/978-3-642-48318-9.
"""

from __future__ import annotations

from typing import Final, Literal, TypeAlias

import numpy as np

from mcda._types import ArrayLike, BoolArray, FloatArray
from mcda.errors import NormalizationError
from mcda.kernels._validate import (
    as_benefit,
    as_matrix,
    check_choice,
    first_position,
    fmt_position,
    fmt_value,
)

__all__ = ["NORMALIZATIONS", "SCALINGS", "Normalization", "Scaling", "normalize", "scale"]

Normalization: TypeAlias = Literal["none", "max", "minmax", "sum", "vector"]
Scaling: TypeAlias = Literal["vector", "minmax", "max", "sum"]

#: Methods accepted by :func:`normalize`.
NORMALIZATIONS: Final[tuple[str, ...]] = ("none", "max", "minmax", "sum", "vector")
#: Methods accepted by :func:`scale`.
SCALINGS: Final[tuple[str, ...]] = ("vector", "minmax", "max", "sum")


# --------------------------------------------------------------------------- maths


def _div(num: FloatArray, den: FloatArray, fill: float, shape: tuple[int, ...]) -> FloatArray:
    """``num / den`` where ``den > 0``, ``fill`` elsewhere; never warns."""
    pos = den > 0
    if pos.all() and np.shape(num) == shape:  # the common case: a plain division, no fill pass
        return np.divide(num, den, dtype=np.float64, order="C")  # C order, as the fill pass gives
    out = np.full(shape, fill, dtype=np.float64)
    np.divide(num, den, out=out, where=pos)
    return out


#: Below this many rows numpy sums a column strictly in order, whatever the memory layout (its pairwise
#: summation starts at 8 terms), so a row-by-row sum gives the same bits.
_FEW_ROWS = 8


def _cols(X: FloatArray, ufunc: np.ufunc) -> FloatArray:
    """``ufunc.reduce(X, axis=0)`` for ``np.maximum``, ``np.minimum`` or ``np.add``, with the same bits.

    A wide table of few rows (a stack of sampled matrices laid side by side, or
    the columns picked by a boolean mask, which numpy lays out column-major)
    makes numpy loop over each short column separately; a few whole-row
    operations are many times faster. Maxima and minima do not depend on the
    order; sums of fewer than :data:`_FEW_ROWS` terms are in order either way.
    """
    m = X.shape[0]
    if X.ndim != 2 or m < 2 or m >= _FEW_ROWS or X.shape[1] < 64 * m:
        return np.asarray(ufunc.reduce(X, axis=0))
    out = ufunc(X[0], X[1])
    for r in range(2, m):
        ufunc(out, X[r], out=out)
    return out


def _unit_cols(X: FloatArray) -> FloatArray:
    """Each column divided by its largest ``|x|`` (all-zero columns stay 0).

    Every scale-free computation (min-max, ratios to the range, shares) gives the
    same result on the output; it keeps differences such as ``max - min`` of
    values near ±1e308 from overflowing.
    """
    return _div(X, _cols(np.abs(X), np.maximum), 0.0, X.shape)


def _scale_cols(X: FloatArray, method: str) -> FloatArray:
    """Direction-preserving scaling of every column of ``X`` (no validation)."""
    m = X.shape[0]
    if method == "none":
        return X.astype(np.float64, copy=True)
    if method == "max":
        return _div(X, _cols(np.abs(X), np.maximum), 1.0, X.shape)
    # Every other scaling first divides by the largest |x| (see _unit_cols), which keeps
    # ranges and sums away from overflow; the results are unchanged by it.
    Y = _unit_cols(X)
    if method == "minmax":
        lo, hi = _cols(Y, np.minimum), _cols(Y, np.maximum)
        return _div(Y - lo, hi - lo, 1.0, X.shape)
    if method == "sum":
        return _div(Y, _cols(Y, np.add), 1.0 / m, X.shape)
    if method == "vector":
        return _div(Y, np.sqrt(_cols(Y * Y, np.add)), 0.0, X.shape)
    raise AssertionError(f"unreachable: {method!r}")  # pragma: no cover


def _invert_cols(X: FloatArray, method: str) -> FloatArray:
    """Cost-column transform of :func:`normalize` (no validation)."""
    m = X.shape[0]
    if method == "minmax":
        Y = _unit_cols(X)
        lo, hi = _cols(Y, np.minimum), _cols(Y, np.maximum)
        return _div(hi - Y, hi - lo, 1.0, X.shape)
    if method == "vector":
        return 1.0 - _scale_cols(X, "vector")
    # "max" and "sum" invert: r = min(x) / x lies in (0, 1] for x > 0.
    ratio = _div(np.broadcast_to(_cols(X, np.minimum), X.shape), X, 1.0, X.shape)
    if method == "max":
        return ratio
    if method == "sum":
        return _div(ratio, _cols(ratio, np.add), 1.0 / m, X.shape)
    raise AssertionError(f"unreachable: {method!r}")  # pragma: no cover


def _normalize(X: FloatArray, benefit: BoolArray, method: str) -> FloatArray:
    """Unvalidated :func:`normalize`: ``X`` float64 (m, n), ``benefit`` bool (n,)."""
    if benefit.all():
        return _scale_cols(X, method)
    R = np.empty_like(X)
    R[:, benefit] = _scale_cols(X[:, benefit], method)
    cost = ~benefit
    R[:, cost] = _invert_cols(X[:, cost], method)
    return R


def _scale(X: FloatArray, method: str) -> FloatArray:
    """Unvalidated :func:`scale`."""
    return _scale_cols(X, method)


# --------------------------------------------------------------------- validation


def _require(bad: np.ndarray, X: FloatArray, rule: str) -> None:
    if bad.any():
        pos = first_position(bad)
        raise NormalizationError(f"{fmt_position('X', pos)} = {fmt_value(X[pos])}: {rule}")


def check_normalizable(X: FloatArray, benefit: BoolArray, method: str, lo: FloatArray | None = None) -> None:
    """Raise :class:`NormalizationError` if ``normalize(X, benefit, method)`` is undefined.

    ``lo``: the column minima of ``X`` when the caller has them (saves a pass).
    """
    cost = ~benefit
    if method == "none" and cost.any():
        j = int(np.flatnonzero(cost)[0])
        raise NormalizationError(
            f"criterion {j} is a cost criterion, but normalization 'none' cannot invert it; "
            "use 'max', 'minmax', 'sum' or 'vector', or give the column as a benefit"
        )
    if method not in ("max", "sum", "vector"):
        return
    if lo is None:  # one pass; cells are located only on failure
        lo = X.min(axis=0) if X.size else np.zeros(X.shape[1])
    if method in ("max", "sum") and (lo < 0).any():
        _require(X < 0, X, f"normalization {method!r} needs non-negative values")
    if method in ("max", "sum") and (lo[cost] <= 0).any():
        _require(
            (X == 0) & cost,
            X,
            f"normalization {method!r} inverts cost criteria (1/x) and needs values > 0 there",
        )
    if method == "vector" and (lo[cost] < 0).any():
        _require(
            (X < 0) & cost,
            X,
            "normalization 'vector' inverts cost criteria (1 - x/||x||) and needs "
            "non-negative values there",
        )


def check_scalable(X: FloatArray, method: str) -> None:
    """Raise :class:`NormalizationError` if ``scale(X, method)`` is undefined."""
    if method in ("max", "sum") and X.size and X.min() < 0:
        _require(X < 0, X, f"scaling {method!r} needs non-negative values")


# ------------------------------------------------------------------------- public


def normalize(X: ArrayLike, benefit: ArrayLike, method: Normalization = "max") -> FloatArray:
    """Normalise a decision matrix so that higher is better in every column.

    Parameters
    ----------
    X : array_like, shape (m, n)
        Decision matrix, finite; m alternatives in rows, n criteria in columns.
    benefit : array_like of bool, shape (n,)
        True where a criterion is maximised, False where it is minimised (cost).
    method : {"max", "none", "minmax", "sum", "vector"}
        See the module docstring for the formulas and the degenerate-column rules.

    Returns
    -------
    ndarray, shape (m, n)
        New float64 array; ``X`` is not modified.

    Raises
    ------
    InputError
        Bad shape, dtype or non-finite value.
    NormalizationError
        A value the method cannot handle, naming the cell and the rule
        (negative under "max"/"sum", zero on a cost criterion under "max"/"sum",
        any cost criterion under "none").

    Examples
    --------
    >>> X = [[25.0, 4.0], [10.0, 2.0]]
    >>> print(normalize(X, [True, False], "max"))
    [[1.  0.5]
     [0.4 1. ]]
    """
    arr = as_matrix(X)
    mask = as_benefit(benefit, arr.shape[1])
    check_choice(method, NORMALIZATIONS, "normalization")
    check_normalizable(arr, mask, method)
    return _normalize(arr, mask, method)


def scale(X: ArrayLike, method: Scaling = "vector") -> FloatArray:
    """Rescale each column without changing its direction (for TOPSIS).

    Parameters
    ----------
    X : array_like, shape (m, n)
        Decision matrix, finite.
    method : {"vector", "minmax", "max", "sum"}
        ``x/||x||``, ``(x-min)/(max-min)``, ``x/max(x)`` or ``x/sum(x)``.
        "max" and "sum" need non-negative values.

    Returns
    -------
    ndarray, shape (m, n)
        Every column is a positive multiple of ``x`` (or of ``x - min`` for
        "minmax"), so orderings within columns are preserved. All-zero columns
        give 0.0 ("vector"), 1.0 ("max") or ``1/m`` ("sum"); constant columns
        give 1.0 under "minmax".

    Examples
    --------
    >>> print(scale([[3.0, 1.0], [4.0, 3.0]], "vector"))
    [[0.6        0.31622777]
     [0.8        0.9486833 ]]
    """
    arr = as_matrix(X)
    check_choice(method, SCALINGS, "scaling")
    check_scalable(arr, method)
    return _scale(arr, method)
