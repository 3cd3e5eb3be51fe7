"""Rank statistics of SMAA-2 on score blocks laid out as (m alternatives, S samples).

Private helpers of :mod:`mcda.sensitivity.smaa`: counts that stay exact
integers (acceptability, ties, pairwise wins) and per-block float sums for the
central weights.

Time and memory are O(m log m) and O(m) per sample: ranks come from one sort
per sample (on an (S, m) layout, each sample contiguous), acceptability counts
from one ``bincount`` of (alternative, rank) keys, tie groups are resolved only
for the samples that have a tie, and tie counts are kept sparse (two entries
per tied alternative and sample) and expanded one alternative at a time at the
end. Only the pairwise winning counts, when asked for, cost m * m per sample;
they are counted over row groups of at most :data:`PAIR_BUDGET` bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mcda._types import FloatArray
from mcda.sensitivity._common import Workspace, scratch

__all__ = ["PAIR_BUDGET", "BlockRanks", "TieCounts", "block_ranks", "central_sums", "first_counts", "rank_counts",
           "rank_stats", "shares"]

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


@dataclass
class BlockRanks:
    """The order of the alternatives in every sample of a block, from one sort per sample.

    ``order[s]`` lists the alternatives best first (ties in any order); ``first[s]``
    is the leader, or -1 where several tie first; ``tie[s]`` says whether sample s
    has any tie. For the tied samples only, ``better_tied`` and ``g_tied`` (m, T)
    give each alternative's 0-based rank (the best rank its tie group spans) and
    the size of its tie group. Nothing here is (m, m) per sample.
    """

    order: np.ndarray  # (S, m)
    first: np.ndarray  # (S,) int64
    tie: np.ndarray  # (S,) bool
    better_tied: np.ndarray  # (m, T) int32
    g_tied: np.ndarray  # (m, T) int32

    def better(self) -> np.ndarray:
        """Every alternative's 0-based rank in every sample, (m, S) (a tied one: the best rank it shares)."""
        S, m = self.order.shape
        out = np.empty((S, m), np.int32)
        clean = ~self.tie
        pos = np.broadcast_to(np.arange(m, dtype=np.int32), (int(clean.sum()), m))
        inner = np.empty(pos.shape, np.int32)
        np.put_along_axis(inner, self.order[clean], pos, axis=1)
        out[clean] = inner
        out[self.tie] = self.better_tied.T
        return np.ascontiguousarray(out.T)

    def shared_first(self) -> np.ndarray:
        """For the samples where several alternatives tie first (``first == -1``), in sample order:
        (m, F) True where the alternative is one of them."""
        cols = self.first[self.tie] < 0
        return np.asarray(self.better_tied[:, cols] == 0)


def _tie_groups(V: np.ndarray, order: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ranks (best rank of the group) and tie-group sizes (m, T), from sorted values and orders (T, m)."""
    T, m = V.shape
    pos = np.arange(m, dtype=np.int32)[None, :]
    new = np.ones((T, m), dtype=bool)
    np.not_equal(V[:, 1:], V[:, :-1], out=new[:, 1:])
    start = np.maximum.accumulate(np.where(new, pos, 0), axis=1)
    last = np.ones((T, m), dtype=bool)
    last[:, :-1] = new[:, 1:]
    end = np.minimum.accumulate(np.where(last, pos, m - 1)[:, ::-1], axis=1)[:, ::-1]
    better = np.empty((T, m), np.int32)
    g = np.empty((T, m), np.int32)
    np.put_along_axis(better, order, start.astype(np.int32), axis=1)
    np.put_along_axis(g, order, (end - start + 1).astype(np.int32), axis=1)
    return np.ascontiguousarray(better.T), np.ascontiguousarray(g.T)


def block_ranks(sT: FloatArray, ws: Workspace | None = None) -> BlockRanks:
    """Sort every sample of ``sT`` (m, S), higher is better: O(m log m) time and O(m) memory per sample.

    The scores are laid out (S, m) so that each sample's sort runs on contiguous memory.
    """
    m, S = sT.shape
    neg = np.negative(sT.T, out=scratch(ws, "neg", (S, m)))  # ascending order = best first
    order = np.argsort(neg, axis=1)
    V = np.sort(neg, axis=1)  # the values in that order (equal values are interchangeable); faster than a gather
    eq = np.equal(V[:, 1:], V[:, :-1], out=scratch(ws, "eq", (S, m - 1), np.bool_))
    tie = eq.any(axis=1) if m > 1 else np.zeros(S, bool)
    first = order[:, 0].astype(np.int64)
    if m > 1:
        first[eq[:, 0]] = -1
    if tie.any():
        bt, gt = _tie_groups(V[tie], order[tie])
    else:
        bt = gt = np.zeros((m, 0), np.int32)
    return BlockRanks(order, first, tie, bt, gt)


def rank_stats(sT: FloatArray, ws: Workspace | None = None, pairwise: bool = True) -> tuple[Any, ...]:
    """Like :func:`rank_counts`, with the ranks spelled out: acceptability counts, tie counts, wins,
    ``first`` (S,) and ``better`` (m, S), each alternative's 0-based rank (the best rank a tie shares)."""
    acc, ties, wins, r = rank_counts(sT, ws, pairwise)
    return acc, ties, wins, r.first, r.better()


def rank_counts(sT: FloatArray, ws: Workspace | None = None, pairwise: bool = True) -> tuple[Any, ...]:
    """From scores (m, S), higher is better: acceptability counts, tie counts, wins and the :class:`BlockRanks`.

    The tie counts are a :class:`TieCounts`, or None when no sample has a tie; the wins
    are None unless ``pairwise`` (they cost m * m comparisons per sample, everything
    else O(m log m)).
    """
    m = sT.shape[0]
    r = block_ranks(sT, ws)
    clean = r.order if not r.tie.any() else r.order[~r.tie]
    keys = np.multiply(clean, m, out=scratch(ws, "akeys", clean.shape, np.int64))
    keys += np.arange(m, dtype=np.int64)  # key i * m + rank
    acc = np.bincount(keys.ravel(), minlength=m * m).reshape(m, m).astype(np.int64)
    ties = TieCounts.of_block(m, r.better_tied, r.g_tied) if r.tie.any() else None
    return acc, ties, pairwise_wins(sT, ws) if pairwise else None, r


def central_sums(ranks: BlockRanks, WT: FloatArray, m: int, ws: Workspace | None = None) -> tuple[FloatArray, ...]:
    """Per-alternative sums of w and w**2 over the samples it ranks first, and their (fractional) count."""
    n = WT.shape[0]
    first = ranks.first
    clean = first >= 0
    everyone = bool(clean.all())
    f, w = (first, WT) if everyone else (first[clean], WT[:, clean])
    idx = np.add(f[None, :] * n, np.arange(n)[:, None], out=scratch(ws, "cidx", (n, f.size), np.int64)).ravel()
    w2 = np.multiply(w, w, out=scratch(ws, "w2c", w.shape))
    s1 = np.bincount(idx, weights=w.ravel(), minlength=m * n).reshape(m, n).astype(np.float64)
    s2 = np.bincount(idx, weights=w2.ravel(), minlength=m * n).reshape(m, n).astype(np.float64)
    cnt = np.bincount(f, minlength=m).astype(np.float64)
    if not everyone:  # samples with several alternatives tied first
        top = ranks.shared_first().astype(np.float64)
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
