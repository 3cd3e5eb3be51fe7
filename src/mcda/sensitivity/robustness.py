"""How robust is a claim? Nearest tipping weight, minimum change, probability of holding.

A claim ("these alternatives take the top places, in this order") is checked
under a profile's weights ``w``. Three measures:

* **nearest tipping weight**: along every sweep path (one per node of the
  criteria tree), the order of the alternatives is constant between two
  consecutive tipping points, so the claim is evaluated once inside each
  interval (at its midpoint); a tipping point where the claim's truth changes
  is a *claim tipping point*. The one whose global weights are nearest (L1) to
  the profile's is reported with the leader just beyond it.
* **minimum change**: :func:`~mcda.sensitivity.min_change`, which flips the
  claim (a holding claim is made to fail, a failing one to hold).
* **probability of holding** under weight uncertainty, a Dirichlet around the
  profile with concentration :data:`DEFAULT_CONCENTRATION` (so
  ``sd(w_j) = sqrt(w_j (1 - w_j) / (kappa + 1))``, e.g. 0.04 for a weight of 0.2),
  and evidence uncertainty (:mod:`~mcda.sensitivity.uncertainty`, "mixture" by
  default), with its Monte Carlo standard error.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from mcda import defaults
from mcda._order import weights_before_benefit
from mcda._params import count, positive
from mcda._types import FloatArray, RNGLike
from mcda.errors import InputError
from mcda.methods import Method
from mcda.sensitivity._common import (
    Workspace,
    check_claim,
    claim_margins,
    one_blas_thread,
    resolve_method,
    root_entropy,
)
from mcda.sensitivity._dask import resolve_backend
from mcda.sensitivity._driver import BLOCK_SIZE, BlockContext, DrawCache, block_matrices, block_weights, run_blocks
from mcda.sensitivity._replicates import ratio_se, replicate_ids
from mcda.sensitivity._tipping_batch import tipping_points_along
from mcda.sensitivity.min_change import MinChange, min_change
from mcda.sensitivity.path import WeightPath
from mcda.sensitivity.sampling import WeightDistribution
from mcda.sensitivity.tipping import TippingPoints
from mcda.sensitivity.uncertainty import check_evidence, evidence_group

__all__ = ["DEFAULT_CONCENTRATION", "ClaimAnalysis", "ClaimDraws", "ClaimRobustness", "ClaimTip", "claim_robustness",
           "holds_probability"]

#: Dirichlet concentration around a profile used for P(holds).
DEFAULT_CONCENTRATION = defaults.CONCENTRATION


@dataclass(frozen=True)
class ClaimTip:
    """A point on a sweep path where a claim starts or stops holding."""

    node: str
    weight_now: float
    weight: float
    leader_beyond: int
    holds_beyond: bool
    distance: float


@dataclass(frozen=True)
class ClaimRobustness:
    """Robustness measures of one claim (positions, not ids)."""

    tips: list[ClaimTip]
    min_change: MinChange
    p_holds: float
    p_holds_se: float
    n_samples: int

    @property
    def nearest(self) -> ClaimTip | None:
        """The claim tipping point nearest to the profile (L1 on global weights), if any."""
        return min(self.tips, key=lambda tip: tip.distance) if self.tips else None

    def _repr_html_(self) -> str:
        """Notebook display: nearest tipping point, minimum change and P(holds)."""
        from mcda._display import html_block, html_pairs

        tip = self.nearest
        pairs = {"nearest tipping node": tip.node if tip else None, "its weight now": tip.weight_now if tip else None,
                 "tipping weight": tip.weight if tip else None, "min L1 change": self.min_change.distance,
                 "P(holds)": self.p_holds, "SE": self.p_holds_se, "samples": self.n_samples}
        return html_block("Claim robustness", [html_pairs(pairs)])


class ClaimDraws:
    """Weight and evidence samples of one problem and profile, drawn once and shared.

    Every claim and every method checked on the same (matrix, weights) sees the
    same draws: the weight block ``b`` comes from stream 0, its evidence
    matrices from stream 1 (the block streams of :mod:`mcda.sensitivity._driver`),
    exactly as a single :func:`holds_probability` call draws them, so sharing
    changes no number. Methods that cannot score a stack of matrices share one
    matrix between ``group`` weight samples and get their own evidence draws.
    """

    def __init__(self, X: FloatArray, w: FloatArray, *, lo: FloatArray | None = None,
                 hi: FloatArray | None = None, confidence: FloatArray | None = None,
                 evidence: str = defaults.VERDICT_EVIDENCE, concentration: float = defaults.CONCENTRATION,
                 n_samples: int = defaults.VERDICT_SAMPLES,
                 rng: RNGLike = defaults.SEED, backend: str = "local", client: Any = None) -> None:
        self.X = X
        self.client = resolve_backend(backend, client)  # None: local; else P(holds) runs on this Dask client
        self.n_samples = count(n_samples, "n_samples")
        positive(concentration, "concentration")
        self.lo, self.hi, self.conf = check_evidence(X, lo, hi, confidence, evidence)
        self.evidence = evidence
        self.dist = WeightDistribution.dirichlet(w, concentration)
        self.entropy = root_entropy(rng)
        self.cache = DrawCache()

    def sizes(self) -> list[int]:
        """Samples per block."""
        n = self.n_samples
        return [min(BLOCK_SIZE, n - b * BLOCK_SIZE) for b in range(-(-n // BLOCK_SIZE))]

    def weights(self, b: int) -> FloatArray:
        """Weight samples of block ``b``, shape (k, n)."""
        return block_weights(self.dist, self.entropy, b, self.sizes()[b], self.cache)

    def matrices(self, b: int, group: int) -> FloatArray:
        """Sampled matrices of block ``b`` for methods sharing one matrix between ``group`` samples."""
        return block_matrices(self.X, self.lo, self.hi, self.conf, self.evidence, self.entropy, b,
                              self.sizes()[b], group, cache=self.cache)

    def context(self, X: FloatArray, benefit: np.ndarray, method: Method) -> BlockContext:
        """The block context of P(holds) for one method on these draws (sharing their cache)."""
        group = evidence_group(method) if self.evidence != "none" else 1
        return BlockContext(X=X, benefit=benefit, method=method, dist=self.dist, entropy=self.entropy,
                            n_samples=self.n_samples, evidence=self.evidence, lo=self.lo, hi=self.hi,
                            conf=self.conf, group=group, pairwise=False, cache=self.cache)


_Holds = tuple[int, int, float, float, float]  # hits, replicates, sum a^2, sum a k, sum k^2


def _holds_block(ctx: BlockContext, b: int, ws: Workspace, claim: np.ndarray) -> _Holds:
    """Hits of ``claim`` in block ``b`` and its replicate sums: a block task of the driver."""
    method = ctx.method
    W = ctx.weights(b)
    if ctx.evidence == "none":
        S = np.asarray(method.scores(ctx.X, W, ctx.benefit))
    else:
        S = method.stack_scores(ctx.matrices(b), W[:, None, :], ctx.benefit)[:, 0, :]
    ok = claim_margins(S, claim, method.higher_is_better) > 0
    ids = replicate_ids(W.shape[0], markov=False, group=ctx.group)
    if ids is None:
        return int(np.count_nonzero(ok)), 0, 0.0, 0.0, 0.0
    a = np.bincount(ids, weights=ok).astype(np.float64)
    kc = np.bincount(ids).astype(np.float64)
    return int(np.count_nonzero(ok)), a.size, float(a @ a), float(a @ kc), float(kc @ kc)


class ClaimAnalysis:
    """What does not depend on the claim, computed once per (problem, profile, method).

    Holds the prepared scorer, the tipping points of every sweep path (all
    pairs, so every claim can read its own from them) and the shared
    :class:`ClaimDraws`; :meth:`robustness` answers for one claim.
    """

    def __init__(self, X: FloatArray, w: FloatArray, benefit: np.ndarray, paths: Sequence[WeightPath],
                 method: Method, draws: ClaimDraws | None = None) -> None:
        self.X, self.benefit, self.w, self.paths, self.method, self.draws = X, benefit, w, list(paths), method, draws
        self.scorer = method.prepare(X, benefit)
        self._tipping: list[TippingPoints] | None = None

    @property
    def tipping(self) -> list[TippingPoints]:
        """Tipping points of every pair along every path (computed on first use)."""
        if self._tipping is None:
            self._tipping = tipping_points_along(self.X, self.benefit, self.paths, self.method)  # all paths at once
        return self._tipping

    def tips(self, claim: np.ndarray) -> list[ClaimTip]:
        """Every claim tipping point on the paths, nearest first."""
        sign = 1.0 if self.method.higher_is_better else -1.0
        tips: list[ClaimTip] = []
        for path, tp in zip(self.paths, self.tipping, strict=True):
            cuts = np.unique(tp.t)
            if cuts.size == 0:
                continue
            edges = np.concatenate([[0.0], cuts, [1.0]])
            S = self.scorer(path.weights((edges[:-1] + edges[1:]) / 2.0))  # one point per interval
            holds = claim_margins(S, claim, self.method.higher_is_better) > 0
            leaders = np.argmax(sign * S, axis=1)
            for j, t in enumerate(cuts):
                if holds[j] == holds[j + 1]:
                    continue
                beyond = j + 1 if t >= path.t0 else j  # the interval on the far side of the profile
                tips.append(ClaimTip(path.node, path.t0, float(t), int(leaders[beyond]), bool(holds[beyond]),
                                     float(path.distance(t))))
        return sorted(tips, key=lambda tip: tip.distance)

    def holds_probability(self, claim: np.ndarray) -> tuple[float, float]:
        """P(claim holds) and its standard error on the shared draws (see :func:`holds_probability`)."""
        d = self.draws
        if d is None:
            raise InputError("P(holds) needs the shared draws: build the ClaimAnalysis with a ClaimDraws")
        hits, R, a2, ak, k2 = 0, 0, 0.0, 0.0, 0.0
        for parts in run_blocks(d.context(self.X, self.benefit, self.method), _holds_block, claim,
                                client=d.client, label="holds"):
            for h, r, sa2, sak, sk2 in parts:  # in block order
                hits += h
                if r:  # only blocks with replicates add to their sums
                    R, a2, ak, k2 = R + r, a2 + sa2, ak + sak, k2 + sk2
        n = d.n_samples
        p = hits / n
        se = float(np.sqrt(p * (1 - p) / n))
        if R >= 2:
            se = max(se, float(ratio_se(np.asarray(p), np.asarray(a2), np.asarray(ak), k2, n, R)))
        return p, se

    def robustness(self, claim: int | Sequence[int]) -> ClaimRobustness:
        """Nearest claim tipping points, minimum L1 change and P(holds) of one claim."""
        cl = check_claim(claim, self.X.shape[0])
        with one_blas_thread():  # small products throughout: threads would cost more than they save
            mc = min_change(self.X, self.w, self.benefit, cl.tolist(), self.method)
            p, se = self.holds_probability(cl)
            tips = self.tips(cl)
        return ClaimRobustness(tips, mc, p, se, self.draws.n_samples if self.draws else 0)


def claim_tips(X: FloatArray, benefit: np.ndarray, claim: np.ndarray, paths: Sequence[WeightPath],
               method: Method) -> list[ClaimTip]:
    """Every claim tipping point on the given paths, nearest first."""
    return ClaimAnalysis(X, np.full(X.shape[1], 1.0 / X.shape[1]), benefit, paths, method).tips(claim)


@weights_before_benefit
def holds_probability(
    X: FloatArray, w: FloatArray, benefit: np.ndarray, claim: np.ndarray, method: Method, *,
    lo: FloatArray | None = None, hi: FloatArray | None = None, confidence: FloatArray | None = None,
    evidence: str = defaults.VERDICT_EVIDENCE, concentration: float = defaults.CONCENTRATION,
    n_samples: int = defaults.VERDICT_SAMPLES, rng: RNGLike = defaults.SEED, backend: str = "local",
    client: Any = None,
) -> tuple[float, float]:
    """P(claim holds) and its Monte Carlo standard error under weight and evidence uncertainty.

    The SE is binomial for independent draws. When a method without a vectorised
    path shares one sampled matrix between consecutive weight samples, the draws
    are correlated and the larger of that and the ratio-estimator SE across the
    groups (independent replicates; see :mod:`mcda.sensitivity.smaa`) is returned.
    ``backend="dask"`` (or a Dask ``client``) scores the blocks on a Dask cluster, with the
    same numbers bit for bit.
    """
    draws = ClaimDraws(X, w, lo=lo, hi=hi, confidence=confidence, evidence=evidence,
                       concentration=concentration, n_samples=n_samples, rng=rng, backend=backend, client=client)
    return ClaimAnalysis(X, w, benefit, [], method, draws).holds_probability(claim)


@weights_before_benefit
def claim_robustness(
    X: FloatArray, w: FloatArray, benefit: np.ndarray, claim: int | Sequence[int], paths: Sequence[WeightPath],
    method: str | Method = defaults.METHOD, *, lo: FloatArray | None = None, hi: FloatArray | None = None,
    confidence: FloatArray | None = None, evidence: str = defaults.VERDICT_EVIDENCE,
    concentration: float = defaults.CONCENTRATION, n_samples: int = defaults.VERDICT_SAMPLES,
    rng: RNGLike = defaults.SEED, **options: Any,
) -> ClaimRobustness:
    """Nearest claim tipping points, minimum L1 change and P(holds) of one claim.

    To check several claims or methods on one problem, build one :class:`ClaimDraws`
    and a :class:`ClaimAnalysis` per method instead: draws, prepared scorers and
    tipping points are then computed once.

    Examples
    --------
    >>> from mcda.sensitivity import leaf_path
    >>> X = np.array([[2.0, 0.0], [1.0, 1.0]]); b = np.array([True, True]); w = np.array([0.8, 0.2])
    >>> r = claim_robustness(X, w, b, 0, [leaf_path(w, 0)], "wsm", evidence="none", n_samples=2000)
    >>> tip = r.nearest
    >>> round(tip.weight, 4), tip.leader_beyond, round(r.min_change.distance, 4)
    (0.6667, 1, 0.2667)
    """
    n_samples = count(n_samples, "n_samples")
    positive(concentration, "concentration")
    meth = resolve_method(method, options)
    draws = ClaimDraws(X, w, lo=lo, hi=hi, confidence=confidence, evidence=evidence,
                       concentration=concentration, n_samples=n_samples, rng=rng)
    return ClaimAnalysis(X, w, benefit, paths, meth, draws).robustness(claim)
