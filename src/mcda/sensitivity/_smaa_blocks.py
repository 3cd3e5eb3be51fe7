"""The block tasks of SMAA-2 (:func:`mcda.sensitivity.smaa`) and how their per-block totals add up.

:func:`_block` draws and scores one block of the main pass and counts its rank
statistics; :func:`_fold_counts` moves a block's exact integer counts into its
chunk's first block (the driver's merge); :func:`_add` adds a chunk's per-block
totals in block order; :func:`_confidence` runs the confidence pass, one
:func:`_confidence_block` per block. All run through the block driver
(:func:`mcda.sensitivity._driver.run_blocks`), locally or on Dask.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from mcda._types import BoolArray, FloatArray
from mcda.sensitivity._common import Workspace
from mcda.sensitivity._driver import C_STREAM, BlockContext, run_blocks
from mcda.sensitivity._ranks import TieCounts, central_sums, first_counts, rank_counts, shares
from mcda.sensitivity._replicates import Replicates, replicate_ids

_PAIR_BYTES = 1 << 26  # score bytes of the confidence pass held at once


@dataclass
class _Totals:
    acc: np.ndarray  # (m, m) int64: counts from samples without ties
    ties: TieCounts | None  # tie counts per tie size g (worth 1/g each); None: no tie
    wins: np.ndarray | None  # (m, m) int64: wins[i, k] = #(s_i > s_k); None: not counted
    cw_sum: FloatArray  # (m, n)
    cw_sq: FloatArray  # (m, n)
    first: FloatArray  # (m,)
    rep: Replicates | None = None

    @classmethod
    def zeros(cls, m: int, n: int, pairwise: bool) -> _Totals:
        return cls(np.zeros((m, m), np.int64), TieCounts(m), np.zeros((m, m), np.int64) if pairwise else None,
                   np.zeros((m, n)), np.zeros((m, n)), np.zeros(m), Replicates.zeros(m, n, pairwise))


def _block(ctx: BlockContext, b: int, ws: Workspace) -> _Totals:
    """Everything for block ``b`` (big temporaries in the thread's workspace): a block task of the driver."""
    WT = ctx.weights_T(b, ws)
    if ctx.evidence == "none":
        assert ctx.scorer is not None  # prepared by smaa() and again on each Dask worker
        sT = ctx.scorer(WT, ws)
    else:
        Xs = ctx.matrices(b)
        sT = np.ascontiguousarray(ctx.method.stack_scores(Xs, WT.T[:, None, :], ctx.benefit)[:, 0, :].T)
    if not ctx.higher:
        sT = -sT
    acc, ties, wins, ranks = rank_counts(sT, ws, pairwise=ctx.pairwise)
    s1, s2, cnt = central_sums(ranks, WT, ctx.m, ws)
    ids = replicate_ids(WT.shape[1], ctx.dist.markov, ctx.group if ctx.evidence != "none" else 1)
    rep = None if ids is None else Replicates.of_block(ids, ranks.better(), ranks.first, WT, sT,
                                                       pairwise=ctx.pairwise)
    return _Totals(acc, ties, wins, s1, s2, cnt, rep)


_ZERO_INT, _ZERO_FLOAT = np.zeros((), np.int64), np.zeros(())


def _fold_counts(into: _Totals, t: _Totals) -> None:
    """Move ``t``'s integer counts into ``into`` (exact whatever the order), leaving zeros in ``t``.

    The driver's merge: a chunk in flight holds one set of (m, m) counts, not one per block;
    the float sums stay per block, to be added in block order.
    """
    into.acc += t.acc
    if into.wins is not None and t.wins is not None:
        into.wins += t.wins
    if t.ties is not None:
        if into.ties is None:
            into.ties = t.ties
        else:
            into.ties.add(t.ties)
    t.acc, t.wins, t.ties = _ZERO_INT, None if t.wins is None else _ZERO_INT, None
    if into.rep is not None and t.rep is not None:  # integer-valued float sums: exact as well
        into.rep.move_counts(t.rep)


def _add(tot: _Totals, parts: list[_Totals]) -> None:
    for p in parts:  # block order: float sums associate the same way for every chunk size
        tot.acc += p.acc
        if p.ties is not None and tot.ties is not None:
            tot.ties.add(p.ties)
        if tot.wins is not None and p.wins is not None:
            tot.wins += p.wins
        tot.cw_sum += p.cw_sum
        tot.cw_sq += p.cw_sq
        tot.first += p.first
        if p.rep is not None and tot.rep is not None:
            tot.rep.add(p.rep)


def _confidence(ctx: BlockContext, Wc: FloatArray, has: BoolArray, n_conf: int, per_chunk: int, n_jobs: int,
                client: Any = None) -> tuple[FloatArray, int]:
    Wc = np.where(has[:, None], Wc, 1.0 / Wc.shape[1])  # no central weight: any valid row, result masked
    sign = 1.0 if ctx.higher else -1.0
    if ctx.evidence == "none":
        assert ctx.scorer is not None
        S = sign * ctx.scorer(np.ascontiguousarray(Wc.T)).T  # (m weights, m alternatives)
        return np.where(has, shares(first_counts(S), 1), 0.0), 0
    pass_ctx = ctx.replace(n_samples=n_conf, progress=False)
    if client is not None:  # a few tasks per cluster thread
        per_chunk = max(1, -(-pass_ctx.n_blocks // (4 * max(1, sum(client.nthreads().values())))))
    counts = np.zeros((ctx.m, ctx.m + 1), dtype=np.int64)
    for parts in run_blocks(pass_ctx, _confidence_block, Wc, per_chunk=per_chunk, n_jobs=n_jobs, client=client,
                            label="confidence", single_blas=True):
        for part in parts:  # exact integer sums
            counts += part
    return np.where(has, shares(counts, n_conf), 0.0), n_conf


def _confidence_block(ctx: BlockContext, b: int, ws: Workspace, Wc: FloatArray) -> np.ndarray:
    """First-place counts (m, m + 1) of block ``b`` of the confidence pass (exact integers)."""
    m = ctx.m
    sign = 1.0 if ctx.higher else -1.0
    k = ctx.block_size(b)
    Xs = ctx.matrices(b, C_STREAM)
    U = Xs.shape[0]
    g = -(-k // U)  # weight rows per sampled matrix (see Method.stack_scores)
    step = max(1, _PAIR_BYTES // (8 * m * m * g))  # matrices per piece
    counts = np.zeros((m, m + 1), dtype=np.int64)
    for u in range(0, U, step):  # pieces of whole matrices: scores (rows, m, m) stay bounded
        rows = min(k, (u + step) * g) - u * g
        W = np.broadcast_to(Wc, (rows, *Wc.shape))
        counts += first_counts(sign * ctx.method.stack_scores(Xs[u:u + step], W, ctx.benefit))
    return counts
