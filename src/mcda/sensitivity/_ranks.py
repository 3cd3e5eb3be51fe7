"""Rank statistics of SMAA-2 on score blocks laid out as (m alternatives, S samples).

Private helpers of :mod:`mcda.sensitivity.smaa`: counts that stay exact
integers (acceptability, ties, pairwise wins) and per-block float sums for the
central weights.

Memory is linear in m: ranks come from one sort per sample (no (m, m, S)
comparison tensor); pairwise wins are counted over row groups of at most
:data:`PAIR_BUDGET` bytes; tie counts are kept sparse (two entries per tied
alternative and sample) and expanded one alternative at a time at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mcda._types import FloatArray
from mcda.sensitivity._common import Workspace, scratch

__all__ = ["PAIR_BUDGET", "TieCounts", "central_sums", "first_counts", "rank_stats", "shares"]

#: Bytes of boolean pairwise comparisons held at once while counting wins.
PAIR_BUDGET = 1 << 26


@dataclass
class TieCounts:
    """Rank positions spanned by tied alternatives, per tie size g, as sparse integer counts.

    Dense, ``c[g, i, r]`` would count samples in which alternative i sits in a
    tie group of size g that spans rank r (each worth 1/g). Stored as a
    difference along r: ``+1`` at the group's first rank b and ``-1`` at
    ``b + g``, keyed ``(g * m + i) * (m + 1) + r``; integers keep the sums exact.
    """

    m: int
    keys: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    counts: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))

    @classmethod
    def of_block(cls, m: int, better: np.ndarray, g: np.ndarray) -> TieCounts:
        """From per-sample ranks (m, T) and tie group sizes (m, T) of the samples with a tie."""
        base = (g.astype(np.int64) * m + np.arange(m)[:, None]) * (m + 1)
        keys = np.concatenate([(base + better).ravel(), (base + better + g).ravel()])
        signs = np.concatenate([np.ones(better.size, np.int64), -np.ones(better.size, np.int64)])
        return cls(m)._merged(keys, signs)

    def _merged(self, keys: np.ndarray, counts: np.ndarray) -> TieCounts:
        allk = np.concatenate([self.keys, keys])
        order = np.argsort(allk, kind="stable")
        ks = allk[order]
        if ks.size == 0:
            return TieCounts(self.m)
        starts = np.flatnonzero(np.r_[True, ks[1:] != ks[:-1]])
        tot = np.add.reduceat(np.concatenate([self.counts, counts])[order], starts)
        keep = tot != 0
        return TieCounts(self.m, ks[starts][keep], tot[keep])

    def add(self, other: TieCounts) -> None:
        """Add another block's counts in place."""
        merged = self._merged(other.keys, other.counts)
        self.keys, self.counts = merged.keys, merged.counts

    def shares(self, total: int) -> FloatArray:
        """Acceptability shares (m, m) of the tied samples: ``sum_g c[g, i, r] / g / total``."""
        m = self.m
        out = np.zeros((m, m))
        g_of, rest = np.divmod(self.keys, m * (m + 1))
        i_of, r_of = np.divmod(rest, m + 1)
        order = np.argsort(i_of, kind="stable")
        bounds = np.searchsorted(i_of[order], np.arange(m + 1))
        for i in np.flatnonzero(np.diff(bounds)):
            sel = order[bounds[i]:bounds[i + 1]]
            inside = sel[r_of[sel] < m]  # a difference at r = m ends a group at the last rank
            diff = np.zeros((m, m + 1), np.int64)  # (rank r, tie size g)
            diff[r_of[inside], g_of[inside]] = self.counts[inside]  # keys are unique
            out[i] = shares(np.cumsum(diff, axis=0), total)
        return out


def _count_last(G: np.ndarray, ws: Workspace | None = None) -> np.ndarray:
    """Number of True along the last axis of a bool array (c, m, S), as int64 (c, m).

    Packing eight booleans per byte and counting bits is five times faster than
    ``count_nonzero`` here; numpy < 2.0 (no ``bitwise_count``) sums bytes instead.
    """
    if hasattr(np, "bitwise_count"):
        packed = np.packbits(G, axis=-1)
        return np.bitwise_count(packed, out=scratch(ws, "bits", packed.shape, np.uint8)).sum(axis=-1, dtype=np.int64)
    return G.view(np.uint8).sum(axis=-1, dtype=np.int64)  # pragma: no cover - numpy < 2


def pairwise_wins(sT: FloatArray, ws: Workspace | None = None) -> np.ndarray:
    """``wins[i, k] = #(s_i > s_k)`` over the samples of ``sT`` (m, S), in row groups of bounded size."""
    m, S = sT.shape
    rows = max(1, min(m, PAIR_BUDGET // max(1, m * S)))
    wins = np.empty((m, m), np.int64)
    for a in range(0, m, rows):
        b = min(m, a + rows)
        G = np.greater(sT[a:b, None, :], sT[None, :, :], out=scratch(ws, "G", (b - a, m, S), np.bool_))
        wins[a:b] = _count_last(G, ws)
    return wins


def sample_ranks(sT: FloatArray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per sample of ``sT`` (m, S), higher is better: ``better`` (alternatives strictly better,
    the 0-based rank), ``g`` (size of the tie group) and ``top`` (the alternative sorted first)."""
    m, S = sT.shape
    order = np.argsort(sT, axis=0, kind="stable")[::-1]  # best first
    V = np.take_along_axis(sT, order, axis=0)
    pos = np.arange(m, dtype=np.int32)[:, None]
    new = np.ones((m, S), dtype=bool)
    np.not_equal(V[1:], V[:-1], out=new[1:])
    start = np.maximum.accumulate(np.where(new, pos, 0), axis=0)
    last = np.ones((m, S), dtype=bool)
    last[:-1] = new[1:]
    end = np.minimum.accumulate(np.where(last, pos, m - 1)[::-1], axis=0)[::-1]
    better = np.empty((m, S), np.int32)
    g = np.empty((m, S), np.int32)
    np.put_along_axis(better, order, start, axis=0)
    np.put_along_axis(g, order, end - start + 1, axis=0)
    return better, g, order[0]


def rank_stats(sT: FloatArray, ws: Workspace | None = None, pairwise: bool = True) -> tuple[Any, ...]:
    """From scores (m, S), higher is better: acceptability counts, tie counts, wins, first place, better.

    ``first`` is the index of the best alternative per sample, or -1 where several tie first;
    the tie counts are a :class:`TieCounts`, or None when no sample has a tie; the wins
    are None unless ``pairwise`` (they cost m * m comparisons per sample).
    """
    m, S = sT.shape
    better, g, top = sample_ranks(sT)
    tie = (g > 1).any(axis=0)
    first = np.where(g[top, np.arange(S)] == 1, top, -1).astype(np.int64)
    idx = better + (np.arange(m, dtype=np.int64) * m)[:, None]
    acc = np.bincount((idx[:, ~tie] if tie.any() else idx).ravel(), minlength=m * m).reshape(m, m)
    ties = TieCounts.of_block(m, better[:, tie], g[:, tie]) if tie.any() else None
    return acc.astype(np.int64), ties, pairwise_wins(sT, ws) if pairwise else None, first, better


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
