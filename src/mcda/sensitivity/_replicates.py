"""Standard errors from independent replicates, for Monte Carlo draws that are not independent.

Private helpers of :mod:`mcda.sensitivity.smaa` and :mod:`mcda.sensitivity.robustness`.
When samples come in correlated runs (the points of one hit-and-run chain, the
weight samples that share one sampled matrix), the runs themselves are
independent **replicates**. For an estimate ``p = sum_c a_c / sum_c k_c``
(``a_c`` what replicate ``c`` adds up, ``k_c`` its number of samples) the
ratio-estimator variance across the ``R`` replicates is

    var(p) = R / (R - 1) * sum_c (a_c - p k_c)^2 / (sum_c k_c)^2,

which needs only the running sums ``sum a_c^2``, ``sum a_c k_c`` and
``sum k_c^2`` (kept per block, added in block order, so the result does not
depend on how blocks are grouped).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mcda._types import FloatArray
from mcda.sensitivity.sampling import chain_ids
from mcda.sensitivity.uncertainty import group_ids

__all__ = ["Replicates", "ratio_se", "replicate_ids"]


def replicate_ids(k: int, markov: bool, group: int) -> np.ndarray | None:
    """The independent replicate of each of a block's ``k`` samples; None when every sample is independent.

    ``markov``: weights from hit-and-run (one replicate per chain); ``group``: samples
    sharing one sampled matrix (one replicate per group). With both, chains
    interleave while groups are consecutive, so the whole block is one replicate.

    Examples
    --------
    >>> replicate_ids(6, markov=False, group=2).tolist()
    [0, 0, 1, 1, 2, 2]
    >>> replicate_ids(6, markov=False, group=1) is None
    True
    """
    if markov and group > 1:
        return np.zeros(k, dtype=np.int64)
    if markov:
        return chain_ids(k)
    if group > 1:
        return group_ids(k, group)
    return None


def ratio_se(p: FloatArray, a2: FloatArray, ak: FloatArray, k2: FloatArray | float, total: FloatArray | float,
             R: int) -> FloatArray:
    """Ratio-estimator standard error of ``p = sum a_c / total`` across ``R >= 2`` replicates.

    Examples
    --------
    Two replicates of 10 samples with 3 and 7 hits: ``p = 0.5`` and the SE is
    ``sqrt(2 * (2^2 + 2^2)) / 20 = 0.2``.

    >>> float(ratio_se(np.array(0.5), np.array(9.0 + 49.0), np.array(30.0 + 70.0), 200.0, 20.0, 2))
    0.2
    """
    dev = np.maximum(a2 - 2.0 * p * ak + p * p * k2, 0.0)
    return np.asarray(np.sqrt(R / (R - 1) * dev) / total, dtype=np.float64)


def _pair_sums(ids: np.ndarray, better: np.ndarray, sT: FloatArray, kc: FloatArray, R: int,
               pairwise: bool = True) -> tuple[FloatArray | None, ...]:
    """``sum_c a_c^2`` and ``sum_c a_c k_c`` for the acceptability and the winning counts.

    Per replicate c, ``a_c[i, r]`` counts samples where i takes rank r and
    ``w_c[i, k]`` those where s_i > s_k. Both are built for a group of rows i at a
    time (at most about 64 MB), so memory stays linear in m. The counts are
    integers, so the sums are exact whatever the grouping. Without ``pairwise`` the
    winning sums are None and no (m, m) comparison is made.
    """
    m, S = sT.shape
    order = np.argsort(ids, kind="stable")
    starts = np.searchsorted(ids[order], np.arange(R))
    so = sT[:, order]
    acc2, acck = np.empty((m, m)), np.empty((m, m))
    wins2, winsk = (np.empty((m, m)), np.empty((m, m))) if pairwise else (None, None)
    rows = max(1, min(m, (1 << 26) // max(1, 8 * m * max(S, R))))
    for a0 in range(0, m, rows):
        b0 = min(m, a0 + rows)
        c = b0 - a0
        keys = ids[None, :] * (c * m) + np.arange(c)[:, None] * m + better[a0:b0]
        a = np.bincount(keys.ravel(), minlength=R * c * m).reshape(R, c, m).astype(np.float64)
        acc2[a0:b0], acck[a0:b0] = (a * a).sum(axis=0), np.einsum("rij,r->ij", a, kc)
        if wins2 is not None and winsk is not None:
            G = (so[a0:b0, None, :] > so[None, :, :]).astype(np.int32)  # G[i, k, s] = s_i > s_k
            w = np.moveaxis(np.add.reduceat(G, starts, axis=2), 2, 0).astype(np.float64)  # (R, i, k)
            wins2[a0:b0], winsk[a0:b0] = (w * w).sum(axis=0), np.einsum("rij,r->ij", w, kc)
    return acc2, acck, wins2, winsk


_COUNTS = ("acc2", "acck", "wins2", "winsk")  # integer-valued sums: exact in any order


@dataclass
class Replicates:
    """Running sums over independent replicates for the SMAA-2 indices.

    ``k2 = sum k_c^2``; for acceptability and winning counts ``a_c``:
    ``acc2, wins2 = sum a_c^2`` and ``acck, winsk = sum a_c k_c``; for the central
    weights, with ``s_c`` the replicate's sum of ``w`` over its first places and
    ``f_c`` their number: ``cw2 = sum s_c^2``, ``cwf = sum s_c f_c``, ``f2 = sum f_c^2``.
    The winning sums are None when the pairwise winning indices are not computed.
    """

    R: int
    k2: float
    acc2: FloatArray  # (m, m)
    acck: FloatArray
    wins2: FloatArray | None  # (m, m)
    winsk: FloatArray | None
    cw2: FloatArray  # (m, n)
    cwf: FloatArray
    f2: FloatArray  # (m,)

    @classmethod
    def zeros(cls, m: int, n: int, pairwise: bool = True) -> Replicates:
        """Empty sums for m alternatives and n criteria."""
        return cls(0, 0.0, np.zeros((m, m)), np.zeros((m, m)), np.zeros((m, m)) if pairwise else None,
                   np.zeros((m, m)) if pairwise else None, np.zeros((m, n)), np.zeros((m, n)), np.zeros(m))

    def add(self, other: Replicates) -> None:
        """Add another block's sums in place."""
        self.R += other.R
        self.k2 += other.k2
        for name in ("acc2", "acck", "wins2", "winsk", "cw2", "cwf", "f2"):
            mine, theirs = getattr(self, name), getattr(other, name)
            if mine is not None and theirs is not None:
                mine += theirs

    def move_counts(self, other: Replicates) -> None:
        """Move ``other``'s integer-valued (m, m) sums into these, leaving zeros there (exact in any order)."""
        for name in _COUNTS:
            mine, theirs = getattr(self, name), getattr(other, name)
            if mine is not None and theirs is not None:
                mine += theirs
                setattr(other, name, np.zeros(()))

    @classmethod
    def of_block(cls, ids: np.ndarray, better: np.ndarray, first: np.ndarray, WT: FloatArray,
                 sT: FloatArray, pairwise: bool = True) -> Replicates:
        """The sums of one block from its per-sample ranks.

        ``ids`` (S,) replicate per sample (every replicate 0..R-1 present);
        ``better`` (m, S) number of alternatives strictly better (the rank, 0-based;
        a tied sample counts at the best rank it shares); ``first`` (S,) the leader
        or -1 when several tie first (left out of the central weights); ``WT`` (n, S)
        weights; ``sT`` (m, S) scores, higher is better; ``pairwise``: also the winning sums.
        """
        m, n = sT.shape[0], WT.shape[0]
        R = int(ids.max()) + 1
        kc = np.bincount(ids, minlength=R).astype(np.float64)
        acc2, acck, wins2, winsk = _pair_sums(ids, better, sT, kc, R, pairwise)
        assert acc2 is not None and acck is not None
        clean = first >= 0
        fi, ri = first[clean], ids[clean]
        f = np.bincount(ri * m + fi, minlength=R * m).reshape(R, m).astype(np.float64)
        sidx = ((ri * m + fi)[None, :] * n + np.arange(n)[:, None]).ravel()
        sc = np.bincount(sidx, weights=WT[:, clean].ravel(), minlength=R * m * n).reshape(R, m, n)
        return cls(R, float(kc @ kc), acc2, acck, wins2, winsk,
                   (sc * sc).sum(axis=0), np.einsum("rij,ri->ij", sc, f), (f * f).sum(axis=0))
