"""Rank statistics of SMAA-2 on score blocks laid out as (m alternatives, S samples).

Private helpers of :mod:`mcda.sensitivity.smaa`: counts that stay exact
integers (acceptability, ties, pairwise wins) and per-block float sums for the
central weights.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mcda._types import BoolArray, FloatArray
from mcda.sensitivity._common import Workspace, scratch

__all__ = ["central_sums", "first_counts", "rank_stats", "shares"]


def _tie_counts(G: np.ndarray, better: np.ndarray, tie: BoolArray) -> np.ndarray | None:
    """Rank positions spanned by tied alternatives, counted per tie size g: shape (m + 1, m, m).

    ``out[g, i, r]`` counts samples where i sits in a tie group of size g that spans
    rank r; each such count is worth 1/g. Integers keep the sums exact.
    """
    m = better.shape[0]
    out = np.zeros((m + 1) * m * m, dtype=np.int64)
    b = better[:, tie].astype(np.int64)
    worse = G[:, :, tie].sum(axis=0, dtype=np.int64)  # worse[i, s] = #(k: s_k < s_i)
    g = m - b - worse
    base = g * (m * m) + np.arange(m)[:, None] * m + b
    for o in range(m):  # rank offsets inside a tie group; only samples with ties get here
        sel = o < g
        if sel.any():
            out += np.bincount((base + o)[sel], minlength=out.size)
    return out.reshape(m + 1, m, m)


def _count_last(G: np.ndarray, ws: Workspace | None = None) -> np.ndarray:
    """Number of True along the last axis of a bool array (m, m, S), as int64 (m, m).

    Packing eight booleans per byte and counting bits is five times faster than
    ``count_nonzero`` here; numpy < 2.0 (no ``bitwise_count``) sums bytes instead.
    """
    if hasattr(np, "bitwise_count"):
        packed = np.packbits(G, axis=-1)
        return np.bitwise_count(packed, out=scratch(ws, "bits", packed.shape, np.uint8)).sum(axis=-1, dtype=np.int64)
    return G.view(np.uint8).sum(axis=-1, dtype=np.int64)  # pragma: no cover - numpy < 2


def rank_stats(sT: FloatArray, ws: Workspace | None = None) -> tuple[Any, ...]:
    """From scores (m, S), higher is better: acceptability counts, tie counts, wins, first place, better.

    ``first`` is the index of the best alternative per sample, or -1 where several tie first.
    """
    m, S = sT.shape
    G = np.greater(sT[None, :, :], sT[:, None, :], out=scratch(ws, "G", (m, m, S), np.bool_))  # s_k > s_i
    small = np.int8 if m < 128 else np.int32
    better = G.view(np.int8).sum(axis=1, dtype=small, out=scratch(ws, "better", (m, S), small))  # strictly better
    wins = _count_last(G, ws).T  # wins[k, i] = #(s_k > s_i)
    tie = better.sum(axis=0, dtype=np.int64) != m * (m - 1) // 2
    idx = np.add(better, (np.arange(m, dtype=np.int64) * m)[:, None], out=scratch(ws, "idx", (m, S), np.int64))
    tops = np.equal(better, 0, out=scratch(ws, "tops", (m, S), np.bool_))
    which = np.multiply(tops, np.arange(m, dtype=np.int16)[:, None], out=scratch(ws, "which", (m, S), np.int16))
    first = which.sum(axis=0, dtype=np.int64)
    if tie.any():
        acc = np.bincount(idx[:, ~tie].ravel(), minlength=m * m).reshape(m, m)
        first[tops.sum(axis=0) > 1] = -1
    else:
        acc = np.bincount(idx.ravel(), minlength=m * m).reshape(m, m)
    ties = _tie_counts(G, better, tie) if tie.any() else None
    return acc.astype(np.int64), ties, wins, first, better


def central_sums(first: np.ndarray, better: np.ndarray, WT: FloatArray, m: int,
                 ws: Workspace | None = None) -> tuple[FloatArray, ...]:
    """Per-alternative sums of w and w**2 over the samples it ranks first, and their (fractional) count."""
    n = WT.shape[0]
    clean = first >= 0
    everyone = bool(clean.all())
    f, w = (first, WT) if everyone else (first[clean], WT[:, clean])
    idx = np.add(f[None, :] * n, np.arange(n)[:, None], out=scratch(ws, "cidx", (n, f.size), np.int64)).ravel()
    w2 = np.multiply(w, w, out=scratch(ws, "w2c", w.shape))
    s1 = np.bincount(idx, weights=w.ravel(), minlength=m * n).reshape(m, n).astype(np.float64)
    s2 = np.bincount(idx, weights=w2.ravel(), minlength=m * n).reshape(m, n).astype(np.float64)
    cnt = np.bincount(f, minlength=m).astype(np.float64)
    if not everyone:  # samples with several alternatives tied first
        top = (better[:, ~clean] == 0).astype(np.float64)
        top /= top.sum(axis=0)
        s1 += top @ WT[:, ~clean].T
        s2 += top @ (WT[:, ~clean] ** 2).T
        cnt += top.sum(axis=1)
    return s1, s2, cnt


def first_counts(S: FloatArray) -> np.ndarray:
    """Scores (..., k, m), weight row k belonging to alternative k: counts (k, m + 1) of
    "k is first, in a tie group of size g" (worth 1/g each), summed over the leading axes."""
    k, m = S.shape[-2], S.shape[-1]
    own = S[..., np.arange(k), np.arange(k)]
    best = S.max(axis=-1)
    g = np.where(own == best, (S == best[..., None]).sum(axis=-1), 0).reshape(-1, k)
    rows = np.broadcast_to(np.arange(k) * (m + 1), g.shape)
    return np.bincount((rows + g).ravel(), minlength=k * (m + 1)).reshape(k, m + 1)


def shares(counts: np.ndarray, total: int) -> FloatArray:
    """Turn counts per tie size (..., m + 1) into probabilities (group size 0 means 'not first')."""
    g = np.arange(counts.shape[-1], dtype=np.float64)
    return np.asarray((counts[..., 1:] / g[1:]).sum(axis=-1) / total, dtype=np.float64)
