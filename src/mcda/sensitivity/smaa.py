"""SMAA-2: stochastic multicriteria acceptability analysis (Lahdelma & Salminen 2001).

For weights ``w`` drawn from a distribution on the simplex (uniform when
nothing is known; see :mod:`mcda.sensitivity.sampling`) and, optionally,
decision matrices drawn from the evidence-uncertainty model
(:mod:`mcda.sensitivity.uncertainty`), SMAA-2 reports:

* **rank acceptability** ``b_i^r``: the share of samples in which alternative
  ``i`` takes rank ``r`` (an (m, m) matrix whose rows and columns sum to 1);
* **central weights** ``w_i^c``: the mean weight vector of the samples in
  which ``i`` ranks first (zeros when it never does);
* **confidence factors** ``p_i^c``: the probability that ``i`` ranks first
  when the weights are its central weights and the matrix is uncertain (with
  ``evidence="none"`` this is 0 or 1, computed exactly);
* **pairwise winning indices** ``c_ik``: the probability that ``i`` scores
  strictly better than ``k``. They cost m * m comparisons per sample where the
  other indices cost O(m log m) (one sort and counts), so they are computed
  only when asked (``pairwise=True``) or, by default (``pairwise=None``), for at
  most :data:`mcda.defaults.SMAA_PAIRWISE_MAX` alternatives; otherwise the
  result's ``winning`` is None and :meth:`SMAAResult.winning_indices` says how
  to ask for them. The other indices do not depend on this choice.

Monte Carlo standard errors, for independent draws: binomial
``sqrt(p (1 - p) / N)`` for every index and confidence factor; for central
weights, per component ``sd(w_j | i first) / sqrt(N_i)`` with ``N_i`` the
(possibly fractional, see ties) number of samples where ``i`` ranks first.

When draws are **not independent** (hit-and-run weights, whose rows are
autocorrelated within a chain; or evidence sampling for a method without a
vectorised path, where :data:`~mcda.sensitivity.uncertainty.GENERIC_GROUP`
consecutive samples share one matrix), the formulas above are too small. The
samples are then split into independent **replicates** (one per hit-and-run
chain, one per shared matrix, or one per block when both apply) and each index
gets the ratio-estimator standard error across replicates,
``sqrt(R / (R - 1) * sum_c (a_c - p k_c)^2) / N`` (``a_c`` the replicate's
count, ``k_c`` its samples), the larger of this and the independent-draws
formula being reported. For this estimate a tied sample counts at the best rank
it shares and not for the central weights. ``SMAAResult.replicates`` says how
many replicates were used (0: independent draws).

**Ties** (equal scores, e.g. identical alternatives): the tied alternatives
share the rank positions they span equally (each gets ``1/g`` of each of the
``g`` positions), so rows and columns still sum to 1; a tie counts for neither
side in the winning indices; a sample with ``g`` alternatives tied first adds
``1/g`` of its weight to each of their central weights.

**Reproducibility**: random numbers are generated in blocks of
:data:`BLOCK_SIZE` samples; block ``b`` of stream ``k`` (weights, evidence,
confidence pass) has its own generator keyed ``SeedSequence(entropy,
spawn_key=(k, b))``. Blocks are grouped into chunks (``chunk_size``, rounded up
to whole blocks) that are scored in one vectorised call and, with ``n_jobs >
1``, on several threads; integer counts are exact and the float sums for the
central weights are formed per block and added in block order, so **the
result for a seed does not depend on the chunk size or the number of threads**.

References
----------
Lahdelma, R. and Salminen, P. (2001). SMAA-2: Stochastic multicriteria
acceptability analysis for group decision making. Operations Research 49(3), 444-454.
Tervonen, T. and Figueira, J. R. (2008). A survey on stochastic multicriteria
acceptability analysis methods. Journal of Multi-Criteria Decision Analysis 15, 1-14.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from mcda import defaults
from mcda._lazy import lazy_module
from mcda._params import count, optional_count
from mcda._progress import wanted
from mcda._types import ArrayLike, FloatArray, RNGLike
from mcda.errors import InputError
from mcda.methods import Method
from mcda.sensitivity._common import (
    block_generator,
    resolve_method,
    root_entropy,
    validated_problem,
)
from mcda.sensitivity._dask import resolve_backend
from mcda.sensitivity._driver import BLOCK_SIZE, P_STREAM, BlockContext, run_blocks
from mcda.sensitivity._replicates import ratio_se
from mcda.sensitivity._smaa_blocks import _add, _block, _confidence, _fold_counts, _Totals
from mcda.sensitivity.sampling import WeightDistribution
from mcda.sensitivity.uncertainty import check_evidence, evidence_group

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

__all__ = ["BLOCK_SIZE", "MAX_ALTERNATIVES", "SMAAResult", "smaa"]

#: Largest number of alternatives SMAA accepts: the results hold several (m, m) matrices and the
#: pairwise winning indices cost m * m comparisons per sample.
MAX_ALTERNATIVES = 2000
#: Largest ``chunk_size`` (samples scored per vectorised call).
MAX_CHUNK = 1 << 22


def weight_streams(weights: WeightDistribution | None, n: int, rng: RNGLike
                   ) -> tuple[WeightDistribution, tuple[int, ...]]:
    """The weight distribution of an analysis (uniform by default; "auto" resolved) and the entropy
    of its block streams: the one place a seed becomes SMAA's weights (:func:`smaa`, :func:`smaa_weights`)."""
    dist = weights if weights is not None else WeightDistribution.uniform(n)
    if dist.n != n:
        raise InputError(f"weight distribution has {dist.n} criteria but the problem has {n}")
    if dist.constraints is not None:
        dist.constraints.validate(n)
    entropy = root_entropy(rng)
    return dist.resolve(block_generator(entropy, P_STREAM, 0)), entropy


def wants_pairwise(pairwise: bool | None, m: int) -> bool:
    """Whether an analysis of ``m`` alternatives counts the pairwise winning indices (see :func:`smaa`)."""
    if pairwise is not None and not isinstance(pairwise, bool | np.bool_):
        raise InputError(f"pairwise must be True, False or None; got {pairwise!r}")
    return m <= defaults.SMAA_PAIRWISE_MAX if pairwise is None else bool(pairwise)


def check_size(m: int, n: int) -> None:
    """Refuse problems beyond :data:`MAX_ALTERNATIVES` before anything is allocated."""
    if m > MAX_ALTERNATIVES:
        gb = 6 * m * m * 8 / 1e9
        raise InputError(f"SMAA on {m} alternatives ({n} criteria) is beyond the limit of {MAX_ALTERNATIVES} "
                         f"alternatives (its (m, m) result matrices alone would take {gb:.1f} GB); "
                         "screen the alternatives first, e.g. drop dominated ones")


@dataclass(frozen=True)
class SMAAResult:
    """SMAA-2 indices with their Monte Carlo standard errors (see the module docstring).

    Attributes
    ----------
    rank_acceptability, rank_acceptability_se : ndarray, shape (m, m)
        ``[i, r]``: probability that alternative i takes rank r + 1.
    central_weights, central_weights_se : ndarray, shape (m, n)
    confidence, confidence_se : ndarray, shape (m,)
    winning, winning_se : ndarray, shape (m, m), or None
        ``[i, k]``: probability that i scores strictly better than k; None when not computed
        (``pairwise=False``, or more than :data:`mcda.defaults.SMAA_PAIRWISE_MAX` alternatives
        with ``pairwise=None``): :meth:`winning_indices` then raises, saying how to ask for them.
    n_samples, n_confidence_samples : int
        Samples of the main pass and of the confidence pass (0: computed exactly).
    method, evidence : str
    replicates : int
        Independent replicates behind the standard errors of correlated draws
        (0: the draws are independent; see the module docstring).
    sampler : str
        How the weights were drawn: ``"uniform"`` (exact, unconstrained),
        ``"dirichlet"`` (around a profile), or for constrained weights
        ``"exact"``, ``"rejection"`` or ``"hit-and-run"`` (what "auto" chose).
    """

    rank_acceptability: FloatArray
    rank_acceptability_se: FloatArray
    central_weights: FloatArray
    central_weights_se: FloatArray
    confidence: FloatArray
    confidence_se: FloatArray
    winning: FloatArray | None
    winning_se: FloatArray | None
    n_samples: int
    n_confidence_samples: int
    method: str
    evidence: str
    replicates: int = 0
    sampler: str = "uniform"

    def winning_indices(self) -> tuple[FloatArray, FloatArray]:
        """The pairwise winning indices and their standard errors, or a clear error when they were not computed.

        Examples
        --------
        >>> res = smaa([[1.0, 0.0], [0.0, 1.0]], [True, True], "wsm", 2000, rng=0, pairwise=False)
        >>> res.winning is None
        True
        >>> try:
        ...     res.winning_indices()
        ... except InputError as exc:
        ...     print(str(exc)[:47])
        the pairwise winning indices were not computed
        """
        if self.winning is None or self.winning_se is None:
            m = self.rank_acceptability.shape[0]
            raise InputError(
                f"the pairwise winning indices were not computed for these {m} alternatives (they cost m * m "
                f"comparisons per sample; by default only up to {defaults.SMAA_PAIRWISE_MAX} alternatives): "
                "ask for them with smaa(..., pairwise=True), Study.smaa(..., pairwise=True) or "
                "mcda smaa --pairwise")
        return self.winning, self.winning_se

    def kbr_acceptability(self, k: int) -> FloatArray:
        """k-best-ranks acceptability ``a_i^k = sum_{r <= k} b_i^r``: the share of samples where i ranks in the top k.

        Examples
        --------
        >>> res = smaa([[1.0, 0.0], [0.0, 1.0], [0.4, 0.4]], [True, True], "wsm", 4000, rng=0)
        >>> print(res.kbr_acceptability(3))
        [1. 1. 1.]
        """
        m = self.rank_acceptability.shape[0]
        top = count(k, "k", maximum=m)
        return np.asarray(self.rank_acceptability[:, :top].sum(axis=1), dtype=np.float64)

    def holistic_acceptability(self, metaweights: str | ArrayLike = "centroid") -> FloatArray:
        """Holistic acceptability ``a_i^h = sum_r alpha^r b_i^r`` (Lahdelma & Salminen 2001, section 3).

        ``metaweights`` are decreasing rank weights with ``alpha^1 = 1``: ``"centroid"``
        (``alpha^r = sum_{k=r}^m 1/k / sum_{k=1}^m 1/k``), ``"linear"``
        (``(m - r) / (m - 1)``), ``"inverse"`` (``1 / r``), or m numbers of your own
        (non-negative, non-increasing, the first equal to 1).

        Examples
        --------
        Two alternatives that lead half the time each: with the inverse weights
        (1, 1/2) each scores 1/2 + 1/2 * 1/2.

        >>> res = smaa([[1.0, 0.0], [0.0, 1.0]], [True, True], "wsm", 20000, rng=0)
        >>> print(res.holistic_acceptability("inverse").round(2))
        [0.75 0.75]
        """
        m = self.rank_acceptability.shape[0]
        r = np.arange(1, m + 1, dtype=np.float64)
        if isinstance(metaweights, str):
            if metaweights == "centroid":
                inv = 1.0 / r
                alpha = np.cumsum(inv[::-1])[::-1] / inv.sum()
            elif metaweights == "linear":
                alpha = (m - r) / (m - 1) if m > 1 else np.ones(1)
            elif metaweights == "inverse":
                alpha = 1.0 / r
            else:
                raise InputError(f"metaweights must be 'centroid', 'linear', 'inverse' or {m} numbers; "
                                 f"got {metaweights!r}")
        else:
            alpha = np.asarray(metaweights, dtype=np.float64)
            if (alpha.shape != (m,) or not np.all(np.isfinite(alpha)) or np.any(alpha < 0)
                    or np.any(np.diff(alpha) > 0) or alpha[0] != 1.0):
                raise InputError(f"metaweights must be {m} finite numbers, non-negative, non-increasing, "
                                 f"the first equal to 1; got {metaweights!r}")
        return np.asarray(self.rank_acceptability @ alpha, dtype=np.float64)

    def to_frame(self, alternatives: list[str] | None = None, criteria: list[str] | None = None) -> pd.DataFrame:
        """One row per alternative; column groups ``acceptability`` (rank 1..m), ``acceptability_se``,
        ``central_weights`` (per criterion), ``central_weights_se``, ``confidence``, ``winning`` (vs each;
        only when the pairwise winning indices were computed, see :meth:`winning_indices`).

        ``attrs`` carries the method, evidence model, sample counts, sampler, replicates and
        ``pairwise`` (whether the ``winning`` group is there)."""
        m, n = self.central_weights.shape
        alts = alternatives or [f"a{i}" for i in range(m)]
        crits = criteria or [f"c{j}" for j in range(n)]
        ranks = [f"rank_{r + 1}" for r in range(m)]
        blocks = {
            "acceptability": pd.DataFrame(self.rank_acceptability, index=alts, columns=ranks),
            "acceptability_se": pd.DataFrame(self.rank_acceptability_se, index=alts, columns=ranks),
            "central_weights": pd.DataFrame(self.central_weights, index=alts, columns=crits),
            "central_weights_se": pd.DataFrame(self.central_weights_se, index=alts, columns=crits),
            "confidence": pd.DataFrame({"value": self.confidence, "se": self.confidence_se}, index=alts),
        }
        if self.winning is not None:
            blocks["winning"] = pd.DataFrame(self.winning, index=alts, columns=alts)
        df = pd.concat(blocks, axis=1)
        df.index.name = "alternative"
        df.attrs.update(method=self.method, evidence=self.evidence, n_samples=self.n_samples,
                        n_confidence_samples=self.n_confidence_samples, sampler=self.sampler,
                        replicates=self.replicates, pairwise=self.winning is not None)
        return df

    def _repr_html_(self) -> str:
        """Notebook display: rank acceptability, confidence and central weights."""
        from mcda._display import html_block, html_frame

        df = self.to_frame()
        parts = [html_frame(pd.concat([df["acceptability"], df["confidence"]], axis=1)),
                 "<p>central weights</p>", html_frame(pd.DataFrame(df["central_weights"]))]
        return html_block(f"SMAA-2 ({self.method}, {self.n_samples} samples, weights {self.sampler}, "
                          f"evidence {self.evidence})", parts)


def smaa(
    X: ArrayLike,
    benefit: ArrayLike,
    method: str | Method = defaults.METHOD,
    n_samples: int = defaults.SMAA_SAMPLES,
    rng: np.random.Generator | int | None = None,
    *,
    weights: WeightDistribution | None = None,
    lo: ArrayLike | None = None,
    hi: ArrayLike | None = None,
    confidence: ArrayLike | None = None,
    evidence: str = defaults.SMAA_EVIDENCE,
    n_confidence: int | None = None,
    chunk_size: int = 65536,
    n_jobs: int | None = None,
    progress: bool | None = None,
    backend: str = "local",
    client: Any = None,
    pairwise: bool | None = None,
    **options: Any,
) -> SMAAResult:
    """SMAA-2 rank acceptability indices, central weights, confidence factors and winning indices.

    Parameters
    ----------
    X : array_like, shape (m, n)
        Point values (used as is when ``evidence="none"``).
    benefit : array_like of bool, shape (n,)
    method : str or method object
        Any registered method; TOPSIS and WSM use precomputed fast paths.
    n_samples : int
        Monte Carlo samples of the main pass.
    rng : Generator, int or None
        Seed; the result for a seed does not depend on ``chunk_size`` or ``n_jobs``.
    weights : WeightDistribution, optional
        Default: uniform on the simplex.
    lo, hi, confidence : array_like, shape (m, n), optional
        Cell bounds and confidences for the evidence model.
    evidence : {"none", "interval", "mixture"}
        See :mod:`mcda.sensitivity.uncertainty`.
    n_confidence : int, optional
        Samples of the confidence pass (default ``min(n_samples, 20000)``).
    chunk_size : int
        Samples scored per vectorised call (rounded up to whole blocks); bounds memory.
    n_jobs : int, optional
        Threads (default: the number of CPUs).
    progress : bool, optional
        A progress bar on stderr over the sample blocks (tqdm, when installed); default:
        only when stderr is a terminal. The result does not depend on it.
    backend : {"local", "dask"}
        ``"dask"`` scores the chunks as tasks on a Dask cluster (``client``, or the current
        client) with a bitwise-identical result; see :mod:`mcda.sensitivity._dask`.
    client : dask.distributed.Client, optional
        The cluster for ``backend="dask"`` (passing one implies it).
    pairwise : bool, optional
        Whether to compute the pairwise winning indices (m * m comparisons per sample):
        ``True`` always, ``False`` never, ``None`` (default) for at most
        :data:`mcda.defaults.SMAA_PAIRWISE_MAX` alternatives. Without them ``winning`` and
        ``winning_se`` are None; every other index is the same either way.

    Returns
    -------
    SMAAResult

    Examples
    --------
    Alternative 0 is better on criterion 0, alternative 1 on criterion 1; with
    uniform weights and WSM on raw values each leads half the time.

    >>> res = smaa([[1.0, 0.0], [0.0, 1.0]], [True, True], "wsm", 20000, rng=0, normalization="none")
    >>> print(res.rank_acceptability.round(1), res.confidence)
    [[0.5 0.5]
     [0.5 0.5]] [1. 1.]
    """
    N = count(n_samples, "n_samples")
    n_conf_arg = optional_count(n_confidence, "n_confidence")
    chunk = count(chunk_size, "chunk_size", maximum=MAX_CHUNK)
    threads = optional_count(n_jobs, "n_jobs", maximum=1024)
    cluster = resolve_backend(backend, client)
    arr, mask, _ = validated_problem(X, benefit)
    meth = resolve_method(method, options)
    m, n = arr.shape
    check_size(m, n)
    lo_, hi_, conf = check_evidence(arr, lo, hi, confidence, evidence)  # type: ignore[arg-type]
    dist, entropy = weight_streams(weights, n, rng)
    if evidence != "none":
        for bound in (lo_, hi_):
            meth.scores(bound, np.full(n, 1.0 / n), mask)  # the method must accept every draw's range
    ctx = BlockContext(X=arr, benefit=mask, method=meth, dist=dist, entropy=entropy, n_samples=N,
                       evidence=evidence, lo=lo_, hi=hi_, conf=conf, group=evidence_group(meth),
                       pairwise=wants_pairwise(pairwise, m),
                       progress=wanted(progress), scorer=meth.prepare_T(arr, mask))
    per_chunk = max(1, -(-chunk // BLOCK_SIZE))
    jobs = (os.cpu_count() or 1) if threads is None else threads
    tot = _Totals.zeros(m, n, ctx.pairwise)
    for parts in run_blocks(ctx, _block, per_chunk=per_chunk, n_jobs=jobs, client=cluster, merge=_fold_counts,
                            label="smaa", single_blas=True):
        _add(tot, parts)
    n_conf = min(N, defaults.CONFIDENCE_SAMPLES) if n_conf_arg is None else n_conf_arg
    return _result(ctx, tot, n_conf, per_chunk, jobs, cluster)


def _result(ctx: BlockContext, tot: _Totals, n_conf: int, per_chunk: int, n_jobs: int, cluster: Any) -> SMAAResult:
    """The indices and their standard errors from the totals of the main pass (and the confidence pass)."""
    m, N = ctx.m, ctx.n_samples
    tied = np.zeros((m, m)) if tot.ties is None else tot.ties.shares(N)
    acc = np.asarray(tot.acc / N + tied, dtype=np.float64)
    has = tot.first > 0
    safe = np.where(has, tot.first, 1.0)[:, None]
    cw = np.where(has[:, None], tot.cw_sum / safe, 0.0)
    var = np.maximum(np.where(has[:, None], tot.cw_sq / safe, 0.0) - cw**2, 0.0)
    cw_se = np.sqrt(var / safe)
    conf_p, n_used = _confidence(ctx, cw, has, n_conf, per_chunk, n_jobs, cluster)
    win = None if tot.wins is None else tot.wins / N
    acc_se = np.sqrt(acc * (1 - acc) / N)
    win_se = None if win is None else np.sqrt(win * (1 - win) / N)
    rep = tot.rep
    n_rep = 0 if rep is None else rep.R
    if rep is not None and rep.R >= 2:
        acc_se = np.maximum(acc_se, ratio_se(acc, rep.acc2, rep.acck, rep.k2, N, rep.R))
        if win is not None and win_se is not None and rep.wins2 is not None and rep.winsk is not None:
            win_se = np.maximum(win_se, ratio_se(win, rep.wins2, rep.winsk, rep.k2, N, rep.R))
        cw_rep = ratio_se(cw, rep.cw2, rep.cwf, rep.f2[:, None], safe, rep.R)
        cw_se = np.where(has[:, None], np.maximum(cw_se, cw_rep), 0.0)
    return SMAAResult(
        rank_acceptability=acc, rank_acceptability_se=acc_se,
        central_weights=cw, central_weights_se=cw_se,
        confidence=conf_p, confidence_se=np.sqrt(conf_p * (1 - conf_p) / n_used) if n_used else np.zeros(m),
        winning=win, winning_se=win_se,
        n_samples=N, n_confidence_samples=n_used, method=ctx.method.name, evidence=ctx.evidence, replicates=n_rep,
        sampler=ctx.dist.sampler,
    )
