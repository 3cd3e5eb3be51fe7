"""SMAA-2 as three steps: sample weights, score them, analyse the scores.

:func:`~mcda.sensitivity.smaa` is the one-call convenience (threads, evidence
uncertainty, replicate standard errors). The steps let a user score the
weights with anything (their own model, a simulation) and still get the
acceptability analysis, as SALib separates ``sample``, the user's model and
``analyze``:

* :func:`smaa_weights` draws exactly the weights :func:`smaa` draws for the
  same seed and distribution (same blocks, same streams);
* score them, e.g. ``S = method.scores(X, W, benefit)``;
* :func:`analyze_scores` turns scores ``S (N, m)`` (and the weights, for
  central weights) into an :class:`~mcda.sensitivity.SMAAResult`, with the
  same rank statistics as :func:`smaa` (ties split exactly, 1/g each).

For the same seed and distribution, ``analyze_scores(method.scores(X, W, b), W,
confidence_scorer=...)`` equals ``smaa(X, b, method, ...)`` without evidence
uncertainty (tested).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from mcda._params import count
from mcda._types import ArrayLike, FloatArray, RNGLike
from mcda.errors import InputError
from mcda.sensitivity._common import block_generator
from mcda.sensitivity._driver import BLOCK_SIZE, W_STREAM
from mcda.sensitivity._ranks import TieCounts, central_sums, first_counts, rank_counts, shares
from mcda.sensitivity.sampling import WeightDistribution
from mcda.sensitivity.smaa import SMAAResult, wants_pairwise, weight_streams

__all__ = ["analyze_scores", "smaa_weights"]


def smaa_weights(n: int, n_samples: int, rng: RNGLike = 0, *, weights: WeightDistribution | None = None
                 ) -> FloatArray:
    """The weight samples :func:`~mcda.sensitivity.smaa` draws for this seed, shape (n_samples, n).

    Examples
    --------
    >>> W = smaa_weights(3, 5, rng=1)
    >>> W.shape, bool(np.allclose(W.sum(axis=1), 1.0))
    ((5, 3), True)
    """
    N = count(n_samples, "n_samples")
    dist, entropy = weight_streams(weights, int(n), rng)
    blocks = [dist.sample_T(min(BLOCK_SIZE, N - b * BLOCK_SIZE), block_generator(entropy, W_STREAM, b)).T
              for b in range(-(-N // BLOCK_SIZE))]
    return np.ascontiguousarray(np.concatenate(blocks, axis=0))


def analyze_scores(
    S: ArrayLike, W: ArrayLike | None = None, *, higher_is_better: bool = True,
    confidence_scorer: Callable[[FloatArray], FloatArray] | None = None, method: str = "scores",
    pairwise: bool | None = None,
) -> SMAAResult:
    """SMAA-2 indices from scores already computed for sampled weights.

    Parameters
    ----------
    S : array_like, shape (N, m)
        Scores of the m alternatives under each of the N weight samples.
    W : array_like, shape (N, n), optional
        The weight samples; needed for central weights (else they are empty, n = 0).
    higher_is_better : bool
    confidence_scorer : callable, optional
        ``W (m, n) -> scores (m, m)``: scores at each alternative's central weights,
        for the confidence factors (else they are 0 and ``n_confidence_samples`` is 0).
    method : str
        The name recorded in the result.
    pairwise : bool, optional
        Whether to count the pairwise winning indices (m * m per sample): as in
        :func:`~mcda.sensitivity.smaa`, ``None`` counts them for at most
        :data:`mcda.defaults.SMAA_PAIRWISE_MAX` alternatives.

    Returns
    -------
    SMAAResult
        With binomial standard errors (the samples are taken as independent).

    Examples
    --------
    >>> S = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    >>> res = analyze_scores(S)
    >>> res.rank_acceptability.tolist()
    [[0.5, 0.5], [0.5, 0.5]]
    """
    s = np.asarray(S, dtype=np.float64)
    if s.ndim != 2 or s.shape[0] < 1 or s.shape[1] < 1:
        raise InputError(f"S must have shape (N samples, m alternatives) with N, m >= 1; got {s.shape}")
    if not np.isfinite(s).all():
        i, j = np.argwhere(~np.isfinite(s))[0]
        raise InputError(f"S[{i}, {j}] = {s[i, j]}: scores must be finite")
    N, m = s.shape
    w = np.zeros((N, 0)) if W is None else np.asarray(W, dtype=np.float64)
    if w.ndim != 2 or w.shape[0] != N:
        raise InputError(f"W must have shape (N = {N}, n); got {w.shape}")
    n = w.shape[1]
    sign = 1.0 if higher_is_better else -1.0
    pairs = wants_pairwise(pairwise, m)
    acc = np.zeros((m, m), np.int64)
    wins = np.zeros((m, m), np.int64)
    tied: TieCounts | None = None
    cw_sum, cw_sq, first_n = np.zeros((m, n)), np.zeros((m, n)), np.zeros(m)
    for a in range(0, N, BLOCK_SIZE):  # the same block statistics as smaa, in bounded memory
        sT = np.ascontiguousarray(sign * s[a:a + BLOCK_SIZE].T)
        a_counts, ties, w_counts, ranks = rank_counts(sT, pairwise=pairs)
        acc += a_counts
        if w_counts is not None:
            wins += w_counts
        if ties is not None:
            if tied is None:
                tied = ties
            else:
                tied.add(ties)
        s1, s2, cnt = central_sums(ranks, np.ascontiguousarray(w[a:a + BLOCK_SIZE].T), m)
        cw_sum, cw_sq, first_n = cw_sum + s1, cw_sq + s2, first_n + cnt
    ra = np.asarray(acc / N + (np.zeros((m, m)) if tied is None else tied.shares(N)), dtype=np.float64)
    win = wins / N if pairs else None
    has = first_n > 0
    safe = np.where(has, first_n, 1.0)[:, None]
    cw = np.where(has[:, None], cw_sum / safe, 0.0)
    cw_se = np.sqrt(np.maximum(np.where(has[:, None], cw_sq / safe, 0.0) - cw**2, 0.0) / safe)
    conf, n_conf = np.zeros(m), 0
    if confidence_scorer is not None and n:
        Wc = np.where(has[:, None], cw, 1.0 / n)
        Sc = sign * np.asarray(confidence_scorer(Wc), dtype=np.float64)
        conf = np.where(has, shares(first_counts(Sc), 1), 0.0)
    return SMAAResult(
        rank_acceptability=ra, rank_acceptability_se=np.sqrt(ra * (1 - ra) / N),
        central_weights=cw, central_weights_se=cw_se, confidence=conf, confidence_se=np.zeros(m),
        winning=win, winning_se=None if win is None else np.sqrt(win * (1 - win) / N),
        n_samples=N, n_confidence_samples=n_conf,
        method=method, evidence="none", replicates=0, sampler="given",
    )
