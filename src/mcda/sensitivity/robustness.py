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

from mcda._types import FloatArray
from mcda.methods import Method
from mcda.sensitivity._common import (
    block_generator,
    check_claim,
    claim_margins,
    prepare,
    resolve_method,
    root_entropy,
)
from mcda.sensitivity._replicates import ratio_se, replicate_ids
from mcda.sensitivity.min_change import MinChange, min_change
from mcda.sensitivity.path import WeightPath
from mcda.sensitivity.sampling import WeightDistribution
from mcda.sensitivity.smaa import BLOCK_SIZE
from mcda.sensitivity.tipping import tipping_points
from mcda.sensitivity.uncertainty import batched_scores, check_evidence, evidence_group, sample_evidence

__all__ = ["DEFAULT_CONCENTRATION", "ClaimRobustness", "ClaimTip", "claim_robustness", "holds_probability"]

#: Dirichlet concentration around a profile used for P(holds).
DEFAULT_CONCENTRATION = 100.0


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


def claim_tips(X: FloatArray, benefit: np.ndarray, claim: np.ndarray, paths: Sequence[WeightPath],
               method: Method) -> list[ClaimTip]:
    """Every claim tipping point on the given paths, nearest first."""
    scorer = prepare(method, X, benefit)
    sign = 1.0 if method.higher_is_better else -1.0
    tips: list[ClaimTip] = []
    for path in paths:
        tp = tipping_points(X, benefit, path, method)
        cuts = np.unique(tp.t)
        if cuts.size == 0:
            continue
        edges = np.concatenate([[0.0], cuts, [1.0]])
        S = scorer(path.weights((edges[:-1] + edges[1:]) / 2.0))  # one point per interval
        holds = claim_margins(S, claim, method.higher_is_better) > 0
        leaders = np.argmax(sign * S, axis=1)
        for j, t in enumerate(cuts):
            if holds[j] == holds[j + 1]:
                continue
            beyond = j + 1 if t >= path.t0 else j  # the interval on the far side of the profile
            tips.append(ClaimTip(path.node, path.t0, float(t), int(leaders[beyond]), bool(holds[beyond]),
                                 float(path.distance(t))))
    return sorted(tips, key=lambda tip: tip.distance)


def holds_probability(
    X: FloatArray, benefit: np.ndarray, w: FloatArray, claim: np.ndarray, method: Method, *,
    lo: FloatArray | None = None, hi: FloatArray | None = None, confidence: FloatArray | None = None,
    evidence: str = "mixture", concentration: float = DEFAULT_CONCENTRATION, n_samples: int = 20000,
    rng: np.random.Generator | int | None = 0,
) -> tuple[float, float]:
    """P(claim holds) and its Monte Carlo standard error under weight and evidence uncertainty.

    The SE is binomial for independent draws. When a method without a vectorised
    path shares one sampled matrix between consecutive weight samples, the draws
    are correlated and the larger of that and the ratio-estimator SE across the
    groups (independent replicates; see :mod:`mcda.sensitivity.smaa`) is returned.
    """
    lo_, hi_, conf = check_evidence(X, lo, hi, confidence, evidence)
    dist = WeightDistribution.dirichlet(w, concentration)
    entropy = root_entropy(rng)
    group = evidence_group(method) if evidence != "none" else 1
    hits, R, a2, ak, k2 = 0, 0, 0.0, 0.0, 0.0
    for b in range(-(-n_samples // BLOCK_SIZE)):
        k = min(BLOCK_SIZE, n_samples - b * BLOCK_SIZE)
        W = dist.sample(k, block_generator(entropy, 0, b))
        if evidence == "none":
            S = np.asarray(method.scores(X, W, benefit))
        else:
            Xs = sample_evidence(X, lo_, hi_, conf, -(-k // group), block_generator(entropy, 1, b), evidence)
            S = batched_scores(method, Xs, W[:, None, :], benefit)[:, 0, :]
        ok = claim_margins(S, claim, method.higher_is_better) > 0
        hits += int(np.count_nonzero(ok))
        ids = replicate_ids(k, markov=False, group=group)
        if ids is not None:
            a = np.bincount(ids, weights=ok).astype(np.float64)
            kc = np.bincount(ids).astype(np.float64)
            R, a2, ak, k2 = R + a.size, a2 + float(a @ a), ak + float(a @ kc), k2 + float(kc @ kc)
    p = hits / n_samples
    se = float(np.sqrt(p * (1 - p) / n_samples))
    if R >= 2:
        se = max(se, float(ratio_se(np.asarray(p), np.asarray(a2), np.asarray(ak), k2, n_samples, R)))
    return p, se


def claim_robustness(
    X: FloatArray, benefit: np.ndarray, w: FloatArray, claim: int | Sequence[int], paths: Sequence[WeightPath],
    method: str | Method = "topsis", *, lo: FloatArray | None = None, hi: FloatArray | None = None,
    confidence: FloatArray | None = None, evidence: str = "mixture",
    concentration: float = DEFAULT_CONCENTRATION, n_samples: int = 20000,
    rng: np.random.Generator | int | None = 0, **options: Any,
) -> ClaimRobustness:
    """Nearest claim tipping points, minimum L1 change and P(holds) of one claim.

    Examples
    --------
    >>> from mcda.sensitivity import leaf_path
    >>> X = np.array([[2.0, 0.0], [1.0, 1.0]]); b = np.array([True, True]); w = np.array([0.8, 0.2])
    >>> r = claim_robustness(X, b, w, 0, [leaf_path(w, 0)], "wsm", evidence="none", n_samples=2000)
    >>> tip = r.nearest
    >>> round(tip.weight, 4), tip.leader_beyond, round(r.min_change.distance, 4)
    (0.6667, 1, 0.2667)
    """
    meth = resolve_method(method, options)
    cl = check_claim(claim, X.shape[0])
    tips = claim_tips(X, benefit, cl, paths, meth)
    mc = min_change(X, benefit, w, cl.tolist(), meth)
    p, se = holds_probability(X, benefit, w, cl, meth, lo=lo, hi=hi, confidence=confidence, evidence=evidence,
                              concentration=concentration, n_samples=n_samples, rng=rng)
    return ClaimRobustness(tips, mc, p, se, n_samples)
