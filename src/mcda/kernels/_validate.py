"""Shared, cheap input validation for the kernels.

Every public kernel validates its inputs once, through these helpers, and then
calls its private, unvalidated twin. Checks are vectorised (``np.isfinite(W).all()``
and friends); positions are only looked up when something is wrong, so validating
a batch of a million weight vectors costs a few passes over memory.

Messages name the offending position the way numpy indexes it (``X[2, 0]``,
``W[3, 1]``) and the rule that was broken.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np

from mcda._types import ArrayLike, BoolArray, FloatArray
from mcda.errors import InputError

__all__ = [
    "WEIGHT_SUM_RTOL",
    "all_finite",
    "as_benefit",
    "as_matrix",
    "as_matrix_range",
    "as_matrix_sums",
    "as_scores",
    "as_single_weights",
    "as_weights",
    "check_choice",
    "first_position",
    "fmt_position",
    "fmt_value",
    "refuse_foreign",
]

#: Relative tolerance on ``sum(w) == 1`` for every weight row.
WEIGHT_SUM_RTOL = 1e-9


def fmt_position(name: str, index: tuple[int, ...]) -> str:
    """Format ``("W", (3, 1))`` as ``"W[3, 1]"`` (and ``("W", ())`` as ``"W"``)."""
    if not index:
        return name
    return f"{name}[{', '.join(str(int(i)) for i in index)}]"


def fmt_value(value: float) -> str:
    """Short, exact-enough rendering of one number for an error message."""
    return f"{float(value):.10g}"


def first_position(mask: np.ndarray) -> tuple[int, ...]:
    """Index (row-major order) of the first ``True`` in ``mask``; ``mask`` must have one."""
    flat = int(np.flatnonzero(mask)[0])
    return tuple(int(i) for i in np.unravel_index(flat, mask.shape))


def check_choice(value: object, allowed: Collection[str], name: str) -> str:
    """Return ``value`` if it is one of ``allowed``, else raise :class:`InputError`."""
    if not isinstance(value, str) or value not in allowed:
        options = ", ".join(repr(a) for a in allowed)
        raise InputError(f"{name} must be one of {options}; got {value!r}")
    return value


def refuse_foreign(a: object, name: str) -> None:
    """Refuse masked arrays and complex numbers, which a float conversion would silently change.

    A masked array's mask would be dropped (the hidden values scored as if they
    were data) and complex values would lose their imaginary part with only a
    ``ComplexWarning``; both are errors here. Fill masked values yourself
    (``a.filled(...)``) or take the real part on purpose (``a.real``).
    """
    if isinstance(a, np.ma.MaskedArray):
        raise InputError(f"{name} is a masked array: masks are not supported, since the masked cells would be "
                         "scored as data; fill them first (a.filled(value)) or drop those rows/columns")
    try:
        complex_ = np.iscomplexobj(a)  # type: ignore[arg-type]
    except (TypeError, ValueError):  # ragged or odd input: the float conversion reports it
        complex_ = False
    if complex_:
        raise InputError(f"{name} has a complex dtype: values must be real numbers "
                         "(take .real yourself if the imaginary parts are known to be 0)")


def all_finite(arr: np.ndarray) -> bool:
    """True if every value is finite, in one pass and without a boolean temporary.

    NaN and infinities propagate through a sum; a sum of finite values can still
    overflow, so ``False`` only means "look cell by cell" (callers then locate
    the first bad cell, if any, for the message).
    """
    with np.errstate(over="ignore", invalid="ignore"):
        return bool(np.isfinite(np.sum(arr)))


def _plain_weights(arr: FloatArray) -> bool:
    """The common case in two passes: every weight >= 0 (and not NaN), every row sums to 1.

    Non-negative rows that sum to 1 cannot hold a weight above 1; anything else
    goes through the cell-by-cell checks, which name the first offending position.
    """
    if arr.size == 0:
        return False
    with np.errstate(over="ignore", invalid="ignore"):
        lowest = arr.min()
        if not (lowest >= 0.0):  # also False for NaN
            return False
        sums = arr.sum(axis=-1)
        return bool(np.all(np.abs(sums - 1.0) <= WEIGHT_SUM_RTOL))


def _as_float_array(a: ArrayLike, name: str) -> FloatArray:
    refuse_foreign(a, name)
    try:
        arr = np.asarray(a, dtype=np.float64)
    except (TypeError, ValueError, OverflowError) as exc:
        raise InputError(f"{name} must be an array of real numbers: {exc}") from None
    return arr


def as_matrix(X: ArrayLike, name: str = "X") -> FloatArray:
    """Validate a decision matrix: float64, shape ``(m, n)`` with m, n >= 1, all finite.

    Raises
    ------
    InputError
        Naming the shape, or the first non-finite cell, e.g.
        ``"X[2, 0] = nan: decision matrix values must be finite"``.
    """
    arr = _as_float_array(X, name)
    if arr.ndim != 2 or arr.shape[0] < 1 or arr.shape[1] < 1:
        raise InputError(
            f"{name} must be a 2-D decision matrix of shape (m alternatives, n criteria) "
            f"with m, n >= 1; got shape {arr.shape}"
        )
    if not all_finite(arr):
        bad = ~np.isfinite(arr)
        if bad.any():
            pos = first_position(bad)
            raise InputError(
                f"{fmt_position(name, pos)} = {fmt_value(arr[pos])}: "
                "decision matrix values must be finite"
            )
    return arr


def as_matrix_range(X: ArrayLike, name: str = "X") -> tuple[FloatArray, FloatArray, FloatArray]:
    """:func:`as_matrix`, also returning the column maxima and minima it checks finiteness with.

    NaN and infinities show in a column's maximum or minimum, so two passes
    validate the matrix and give the kernels their column ranges.
    """
    arr = _as_float_array(X, name)
    if arr.ndim != 2 or arr.shape[0] < 1 or arr.shape[1] < 1:
        return as_matrix(arr, name), np.zeros(0), np.zeros(0)  # raises, naming the shape
    hi, lo = arr.max(axis=0), arr.min(axis=0)
    if not (np.isfinite(hi).all() and np.isfinite(lo).all()):
        as_matrix(arr, name)  # raises, naming the first non-finite cell
    return arr, hi, lo


def as_matrix_sums(X: ArrayLike, name: str = "X") -> tuple[FloatArray, FloatArray]:
    """:func:`as_matrix`, also returning the column sums it checks finiteness with (one pass)."""
    arr = _as_float_array(X, name)
    if arr.ndim != 2 or arr.shape[0] < 1 or arr.shape[1] < 1:
        return as_matrix(arr, name), np.zeros(0)  # raises, naming the shape
    with np.errstate(over="ignore", invalid="ignore"):
        total = arr.sum(axis=0)
    if not np.isfinite(total).all():
        as_matrix(arr, name)  # raises, naming the first non-finite cell (or the sum overflowed)
    return arr, total


def as_benefit(benefit: ArrayLike, n: int) -> BoolArray:
    """Validate the benefit mask: boolean dtype, shape ``(n,)`` (True = maximise)."""
    refuse_foreign(benefit, "benefit")
    arr = np.asarray(benefit)
    if arr.dtype != np.bool_:
        raise InputError(
            f"benefit must be a boolean mask (True = maximise, False = minimise); "
            f"got dtype {arr.dtype}"
        )
    if arr.shape != (n,):
        raise InputError(f"benefit must have shape ({n},), one flag per criterion; got {arr.shape}")
    return arr


def as_weights(W: ArrayLike, n: int, name: str = "W") -> FloatArray:
    """Validate weights of shape ``(..., n)``: finite, non-negative, each row summing to 1.

    Rows are *not* renormalised: a row that does not sum to 1 within
    :data:`WEIGHT_SUM_RTOL` is an error, so that the weights used are the weights typed.
    """
    arr = _as_float_array(W, name)
    if arr.ndim < 1 or arr.shape[-1] != n:
        raise InputError(
            f"{name} must have shape (..., {n}), one weight per criterion in the last axis; "
            f"got shape {arr.shape}"
        )
    if _plain_weights(arr):
        return arr
    bad = ~(np.isfinite(arr) & (arr >= 0.0))
    if bad.any():
        pos = first_position(bad)
        raise InputError(
            f"{fmt_position(name, pos)} = {fmt_value(arr[pos])}: "
            "weights must be finite and non-negative"
        )
    big = arr > 1.0 + WEIGHT_SUM_RTOL  # checked first: summing huge weights would overflow
    if big.any():
        pos = first_position(big)
        raise InputError(
            f"{fmt_position(name, pos)} = {fmt_value(arr[pos])}: a weight cannot exceed 1, "
            "since each weight vector must sum to 1"
        )
    sums = arr.sum(axis=-1)
    off = np.abs(sums - 1.0) > WEIGHT_SUM_RTOL
    if np.any(off):
        pos = first_position(np.asarray(off)) if arr.ndim > 1 else ()
        total = sums[pos] if arr.ndim > 1 else sums
        raise InputError(
            f"{fmt_position(name, pos)} sums to {fmt_value(total)}: each weight vector must sum "
            f"to 1 (relative tolerance {WEIGHT_SUM_RTOL:g}); weights are not renormalised "
            "silently, divide by the sum yourself if that is what you mean"
        )
    return arr


def as_single_weights(w: ArrayLike, n: int, name: str = "w") -> FloatArray:
    """Like :func:`as_weights` but for exactly one weight vector of shape ``(n,)``."""
    arr = _as_float_array(w, name)
    if arr.ndim != 1:
        raise InputError(f"{name} must be one weight vector of shape ({n},); got {arr.shape}")
    return as_weights(arr, n, name)


def as_scores(scores: ArrayLike, name: str = "scores") -> FloatArray:
    """Validate scores of shape ``(..., m)`` with m >= 1, all finite."""
    arr = _as_float_array(scores, name)
    if arr.ndim < 1 or arr.shape[-1] < 1:
        raise InputError(f"{name} must have shape (..., m) with m >= 1; got shape {arr.shape}")
    bad = ~np.isfinite(arr)
    if bad.any():
        pos = first_position(bad)
        raise InputError(
            f"{fmt_position(name, pos)} = {fmt_value(arr[pos])}: scores must be finite"
        )
    return arr
