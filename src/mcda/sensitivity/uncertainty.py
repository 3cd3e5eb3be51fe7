"""The evidence-uncertainty model, and scoring of many sampled decision matrices at once.

Evidence models (``evidence=``), per cell ``(i, j)`` with bounds ``[lo, hi]``,
point value ``x`` and confidence ``c`` in [0, 1]:

* ``"none"``: the point value ``x``, always.
* ``"interval"``: uniform on ``[lo, hi]`` (the point value where ``lo = hi``).
  The interval says "somewhere in here" and nothing more, so every value in it
  is treated as equally likely.
* ``"mixture"`` (the default of :func:`mcda.Study.check_verdicts` and of the
  CLI): the ``"interval"`` draw is kept with probability ``c``; with probability
  ``1 - c`` the cell is replaced by a value uniform on the **column's observed
  range** ``[min_i lo_ij, max_i hi_ij]``, i.e. "this piece of evidence may be
  wrong, and then the value could be anything seen for this criterion". A cell
  with confidence 1 keeps its interval; a cell with confidence 0 (filled by a
  missing-value policy) is the least certain: it is always drawn from the
  whole range. Draws stay inside the observed range, so a normalisation that
  is valid on the bounds stays valid on every draw.

Cells are independent of each other and of the weights. TOPSIS, WSM, AHP and
WPM draw one matrix per weight sample. Other methods cannot score a stack of
matrices in one call; for them each sampled matrix is shared by a group of
:data:`GENERIC_GROUP` consecutive weight samples (one method call per group).
Every (weights, matrix) pair is still a draw from the joint distribution, so
the estimates are unbiased, but the draws are no longer independent:
:func:`mcda.sensitivity.smaa` then takes its standard errors across the groups.
"""

from __future__ import annotations

from typing import Final

import numpy as np

from mcda._types import FloatArray
from mcda.errors import InputError
from mcda.methods import Method

__all__ = ["EVIDENCE_MODELS", "GENERIC_GROUP", "check_evidence", "evidence_group", "group_ids",
           "sample_evidence"]

#: Names of the evidence models.
EVIDENCE_MODELS: Final[tuple[str, ...]] = ("none", "interval", "mixture")
#: Weight samples per sampled matrix for methods that cannot score a stack of matrices at once.
GENERIC_GROUP: Final[int] = 64


def check_evidence(
    X: FloatArray, lo: FloatArray | None, hi: FloatArray | None, confidence: FloatArray | None, model: str
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Validate bounds and confidences against ``X``; defaults: ``lo = hi = X``, confidence 1."""
    if model not in EVIDENCE_MODELS:
        raise InputError(f"evidence model must be one of {', '.join(map(repr, EVIDENCE_MODELS))}; got {model!r}")
    lo_ = X.copy() if lo is None else np.asarray(lo, dtype=np.float64)
    hi_ = X.copy() if hi is None else np.asarray(hi, dtype=np.float64)
    c = np.ones_like(X) if confidence is None else np.asarray(confidence, dtype=np.float64)
    for name, a in (("lo", lo_), ("hi", hi_), ("confidence", c)):
        if a.shape != X.shape or not np.all(np.isfinite(a)):
            raise InputError(f"{name} must be a finite array of shape {X.shape}")
    bad = (lo_ > X + 1e-12 * np.abs(X)) | (hi_ < X - 1e-12 * np.abs(X))
    if bad.any():
        i, j = np.argwhere(bad)[0]
        raise InputError(f"X[{i}, {j}] = {X[i, j]:g} lies outside its bounds [{lo_[i, j]:g}, {hi_[i, j]:g}]")
    if np.any((c < 0) | (c > 1)):
        i, j = np.argwhere((c < 0) | (c > 1))[0]
        raise InputError(f"confidence[{i}, {j}] = {c[i, j]:g} must lie in [0, 1]")
    return lo_, hi_, c


def sample_evidence(
    X: FloatArray, lo: FloatArray, hi: FloatArray, confidence: FloatArray, size: int,
    rng: np.random.Generator, model: str = "mixture",
) -> FloatArray:
    """Sampled decision matrices under an evidence model, shape (size, m, n).

    Examples
    --------
    >>> X = np.array([[1.0, 5.0], [3.0, 7.0]])
    >>> lo, hi = np.array([[0.0, 5.0], [3.0, 7.0]]), np.array([[2.0, 5.0], [3.0, 7.0]])
    >>> Xs = sample_evidence(X, lo, hi, np.ones((2, 2)), 1000, np.random.default_rng(0), "interval")
    >>> bool(Xs[:, 0, 0].min() >= 0.0 and Xs[:, 0, 0].max() <= 2.0), bool(np.all(Xs[:, 1] == X[1]))
    (True, True)
    """
    if model == "none":
        return np.broadcast_to(X, (size, *X.shape))
    wide = hi > lo
    out = np.broadcast_to(X, (size, *X.shape)).copy()
    if wide.any():
        u = rng.random((size, int(wide.sum())))
        out[:, wide] = lo[wide] + u * (hi - lo)[wide]
    if model == "mixture":
        doubt = confidence < 1.0
        if doubt.any():
            cmin, cmax = lo.min(axis=0), hi.max(axis=0)
            k = int(doubt.sum())
            replace = rng.random((size, k)) >= confidence[doubt]
            j = np.nonzero(doubt)[1]
            draw = cmin[j] + rng.random((size, k)) * (cmax - cmin)[j]
            out[:, doubt] = np.where(replace, draw, out[:, doubt])
    return out


def evidence_group(method: Method) -> int:
    """Weight samples that share one sampled matrix: 1 for methods that score a stack of
    matrices at once (``method.vectorised_evidence``), :data:`GENERIC_GROUP` for the others."""
    return 1 if method.vectorised_evidence else GENERIC_GROUP


def group_ids(size: int, group: int) -> np.ndarray:
    """Which sampled matrix each of ``size`` weight samples is scored with, for groups of ``group``.

    :meth:`mcda.methods.Method.stack_scores` splits ``size`` samples over ``U = ceil(size / group)``
    matrices in consecutive runs of ``ceil(size / U)``.

    Examples
    --------
    >>> group_ids(5, 2).tolist()
    [0, 0, 1, 1, 2]
    """
    U = -(-int(size) // max(1, int(group)))
    return np.arange(int(size)) // max(1, -(-int(size) // max(1, U)))
