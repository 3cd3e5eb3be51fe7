"""Shared helpers of :mod:`mcda.sensitivity`: validation, random streams, fast scorers, claims.

Nothing here knows about ids: every function works on positions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Any

import numpy as np

from mcda._types import ArrayLike, BoolArray, FloatArray, IntArray
from mcda.errors import InputError
from mcda.kernels._validate import as_benefit, as_matrix, as_single_weights
from mcda.kernels.ahp_synthesis import SYNTHESIS_MODES
from mcda.kernels.normalize import _normalize, _scale
from mcda.kernels.topsis import _closeness, _ideals
from mcda.methods import AHP, TOPSIS, WPM, WSM, Method, get_method

__all__ = [
    "Scorer",
    "Workspace",
    "as_generator",
    "block_generator",
    "check_claim",
    "claim_margins",
    "claim_pairs",
    "closed_form",
    "linear_normalization",
    "prepare",
    "prepare_T",
    "resolve_method",
    "root_entropy",
    "scratch",
    "thin_matmul",
    "validated_problem",
]

#: A prepared scoring function: weights (..., n) -> scores (..., m).
Scorer = Callable[..., FloatArray]
#: Reusable scratch buffers of one chunk of work, by name (see :func:`scratch`).
Workspace = dict[str, np.ndarray]


def scratch(ws: Workspace | None, name: str, shape: tuple[int, ...], dtype: type = np.float64) -> np.ndarray:
    """An uninitialised array of ``shape``, reusing ``ws[name]`` when it is large enough.

    The big temporaries of an SMAA block (the pairwise comparison tensor, the
    separations) are megabytes each. Allocating them afresh for every block lets
    the C allocator hand the memory back to the system and fault it in again
    each time, which made the whole loop two to three times slower; reusing them
    within a chunk avoids that. ``ws=None`` allocates.
    """
    size = int(np.prod(shape))
    if ws is None:
        return np.empty(shape, dtype)
    buf = ws.get(name)
    if buf is None or buf.size < size or buf.dtype != np.dtype(dtype):
        buf = ws[name] = np.empty(size, dtype)
    return buf[:size].reshape(shape)


def resolve_method(method: str | Method, options: dict[str, Any] | None = None) -> Method:
    """A method object from a registered name or an existing object (see :func:`mcda.get_method`)."""
    return get_method(method, **(options or {}))


def validated_problem(
    X: ArrayLike, benefit: ArrayLike, w: ArrayLike | None = None
) -> tuple[FloatArray, BoolArray, FloatArray | None]:
    """Validate ``X (m, n)``, ``benefit (n,)`` and, when given, one weight vector ``w (n,)``."""
    arr = as_matrix(X)
    mask = as_benefit(benefit, arr.shape[1])
    weights = None if w is None else as_single_weights(w, arr.shape[1])
    return arr, mask, weights


def as_generator(rng: np.random.Generator | int | None) -> np.random.Generator:
    """``numpy.random.default_rng(rng)``, refusing anything that is not a seed or a Generator."""
    if rng is not None and not isinstance(rng, np.random.Generator | int | np.integer):
        raise InputError(f"rng must be a numpy.random.Generator, an int seed or None; got {type(rng).__name__}")
    return np.random.default_rng(rng)


def root_entropy(rng: np.random.Generator | int | None) -> tuple[int, ...]:
    """Entropy that fixes every block stream of one analysis.

    An int seed is used as is; a Generator gives four fresh 63-bit words (so two
    analyses that share a Generator get different, reproducible streams); ``None``
    gives fresh OS entropy.
    """
    if isinstance(rng, int | np.integer) and not isinstance(rng, bool):
        if rng < 0:
            raise InputError(f"rng seed must be non-negative; got {rng}")
        return (int(rng),)
    gen = as_generator(rng)
    return tuple(int(x) for x in gen.integers(0, 2**63, size=4))


def block_generator(entropy: tuple[int, ...], stream: int, block: int) -> np.random.Generator:
    """The generator of block ``block`` of stream ``stream``.

    Streams are keyed by ``SeedSequence(entropy, spawn_key=(stream, block))``, so a
    block's numbers depend only on the seed, the stream and the block index, never
    on how blocks are grouped into chunks or spread over threads.
    """
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(entropy, spawn_key=(stream, block))))


# ----------------------------------------------------------------- prepared scorers


def _topsis_scorer(X: FloatArray, benefit: BoolArray, normalization: str) -> Scorer:
    R = _scale(X, normalization)
    ideal, anti = _ideals(R, benefit)
    m = R.shape[0]
    parts = np.concatenate([((R - ideal) ** 2).T, ((R - anti) ** 2).T], axis=1)

    def score(W: FloatArray) -> FloatArray:
        d2 = np.sqrt((W * W) @ parts)
        return _closeness(d2[..., :m], d2[..., m:])

    return score


def _wsm_scorer(X: FloatArray, benefit: BoolArray, normalization: str) -> Scorer:
    RT = np.ascontiguousarray(_normalize(X, benefit, normalization).T)
    return lambda W: np.asarray(W @ RT, dtype=np.float64)


def linear_normalization(method: Method) -> str | None:
    """The normalisation ``N`` if the method's score is the weighted sum ``W @ normalize(X, N).T``.

    True of WSM (its ``normalization``) and of AHP synthesis (``sum`` in distributive
    mode, ``max`` in ideal mode); such methods share the WSM fast paths and closed forms.
    """
    if type(method) is WSM:
        return str(method.normalization)
    if type(method) is AHP:
        return SYNTHESIS_MODES[method.mode]
    return None


def prepare(method: Method, X: FloatArray, benefit: BoolArray) -> Scorer:
    """A scoring function ``W (..., n) -> S (..., m)`` for a fixed, validated problem.

    TOPSIS and WSM precompute their weight-independent normalised tables once
    (fast paths recognised by type); every other method, WPM included, calls
    ``method.scores``. The method validates ``X`` here, once, with a uniform weight vector.
    """
    n = X.shape[1]
    method.scores(X, np.full(n, 1.0 / n), benefit)  # let the method refuse bad data now
    if type(method) is TOPSIS:
        return _topsis_scorer(X, benefit, method.normalization)
    linear = linear_normalization(method)
    if linear is not None:
        return _wsm_scorer(X, benefit, linear)
    return lambda W: np.asarray(method.scores(X, W, benefit), dtype=np.float64)


#: Columns per piece in :func:`thin_matmul`.
MATMUL_PIECE = 512


def thin_matmul(A: FloatArray, B: FloatArray, out: FloatArray | None = None) -> FloatArray:
    """``A @ B`` for a small ``A`` (p, q) and a wide ``B`` (q, S), in pieces of 512 columns.

    BLAS libraries hand products above a size threshold to several threads; for
    these thin products the hand-off costs more than the arithmetic (ten times
    more on a busy machine), so each piece is kept below the threshold.
    """
    if out is None:
        out = np.empty((A.shape[0], B.shape[1]))
    for i in range(0, B.shape[1], MATMUL_PIECE):
        np.matmul(A, B[:, i : i + MATMUL_PIECE], out=out[:, i : i + MATMUL_PIECE])
    return out


def prepare_T(method: Method, X: FloatArray, benefit: BoolArray) -> Scorer:
    """Like :func:`prepare` but on transposed layouts: weights (n, S) -> scores (m, S).

    Laying samples along the last axis keeps every intermediate contiguous per
    alternative, which is what the SMAA loop wants.
    """
    n, m = X.shape[1], X.shape[0]
    method.scores(X, np.full(n, 1.0 / n), benefit)
    if type(method) is TOPSIS:
        R = _scale(X, method.normalization)
        ideal, anti = _ideals(R, benefit)
        parts_T = np.ascontiguousarray(np.concatenate([(R - ideal) ** 2, (R - anti) ** 2], axis=0))

        def topsis_T(WT: FloatArray, ws: Workspace | None = None) -> FloatArray:
            S = WT.shape[1]
            W2 = np.multiply(WT, WT, out=scratch(ws, "w2", WT.shape))
            d = thin_matmul(parts_T, W2, out=scratch(ws, "d", (2 * m, S)))
            np.sqrt(d, out=d)
            total = np.add(d[:m], d[m:], out=scratch(ws, "total", (m, S)))
            if total.min() > 0:
                np.divide(d[m:], total, out=total)
                return total
            return np.divide(d[m:], total, out=np.full_like(total, 0.5), where=total > 0)

        return topsis_T
    linear = linear_normalization(method)
    if linear is not None:
        R = np.ascontiguousarray(_normalize(X, benefit, linear))
        return lambda WT, ws=None: thin_matmul(R, WT, out=scratch(ws, "d", (m, WT.shape[1])))
    return lambda WT, ws=None: np.ascontiguousarray(np.asarray(method.scores(X, WT.T, benefit), dtype=np.float64).T)


def closed_form(method: Method) -> str | None:
    """``"wsm"`` (WSM, AHP), ``"wpm"`` or ``"topsis"`` when an exact formula applies, else None."""
    if linear_normalization(method) is not None:
        return "wsm"
    if type(method) is WPM:
        return "wpm"
    if type(method) is TOPSIS:
        return "topsis"
    return None


# ------------------------------------------------------------------------- claims


def check_claim(claim: int | Sequence[int], m: int) -> IntArray:
    """Validate a claim: one alternative position (the leader) or a ranking of distinct positions."""
    if m < 2:
        raise InputError(f"a claim needs at least two alternatives to compare; got m = {m}")
    idx = np.atleast_1d(np.asarray(claim))
    if idx.ndim != 1 or idx.size < 1 or not np.issubdtype(idx.dtype, np.integer):
        raise InputError(f"claim must be an alternative position or a list of positions; got {claim!r}")
    if idx.min() < 0 or idx.max() >= m:
        raise InputError(f"claim {idx.tolist()} names a position outside 0..{m - 1}")
    if len(set(idx.tolist())) != idx.size:
        raise InputError(f"claim {idx.tolist()} names an alternative twice")
    return idx.astype(np.int64)


def claim_margins(S: FloatArray, claim: IntArray, higher_is_better: bool = True) -> FloatArray:
    """Margin of the claim "``claim`` take the top places, in this order" for every row of S.

    Same definition as :func:`mcda.verdicts.claim_margin`: the smallest of the
    gaps between consecutive claimed alternatives and between the last claimed
    one and the best unclaimed one, oriented so that positive means the claim holds.

    Parameters
    ----------
    S : ndarray, shape (..., m)
    claim : ndarray of int, shape (k,)

    Returns
    -------
    ndarray, shape (...)
    """
    s = S if higher_is_better else -S
    picked = s[..., claim]
    gaps = [picked[..., :-1] - picked[..., 1:]] if claim.size > 1 else []
    rest = np.setdiff1d(np.arange(S.shape[-1]), claim)
    if rest.size:
        gaps.append(picked[..., -1:] - s[..., rest].max(axis=-1, keepdims=True))
    return np.asarray(np.concatenate(gaps, axis=-1).min(axis=-1), dtype=np.float64)


def claim_pairs(claim: IntArray, m: int) -> list[tuple[int, int]]:
    """The (ahead, behind) pairs a claim rests on: consecutive claimed ones, then last vs every unclaimed."""
    pairs = [(int(a), int(b)) for a, b in pairwise(claim.tolist())]
    last = int(claim[-1])
    pairs += [(last, int(b)) for b in range(m) if b not in set(claim.tolist())]
    return pairs
