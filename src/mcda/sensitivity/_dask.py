"""SMAA-2 and P(holds) on a Dask cluster, with the same numbers as the local backend.

The local backend draws samples in blocks of :data:`~mcda.sensitivity.smaa.BLOCK_SIZE`,
block ``b`` of stream ``k`` from its own generator ``SeedSequence(entropy, spawn_key=(k, b))``
(:func:`~mcda.sensitivity._common.block_generator`), and adds the per-block totals in
block order. Here the same chunks of blocks are Dask tasks: a worker draws and scores
its blocks and returns their per-block totals (acceptability, tie and winning counts,
central-weight sums, replicate statistics; the confidence pass's first-place counts; for
P(holds) the hits and replicate sums),
and the client adds them in block order. Integer counts are exact and every float sum
associates in the same order, so a seed gives a **bitwise-identical** result whatever
the number of workers, and a task that is re-run after a worker dies gives the same
totals again (its blocks' streams depend only on the seed and the block index).

At most ``2 x`` (threads on the cluster) tasks are in flight, so the memory on the
client and on each worker stays bounded by the chunk size whatever the sample count.

Dask is imported only here, and only when ``backend="dask"`` is asked for.
"""

from __future__ import annotations

import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from mcda.errors import InputError, MissingDependencyError

__all__ = ["BACKENDS", "get_dask_client", "resolve_backend"]

#: Backends the sampling analyses accept.
BACKENDS = ("local", "dask")
_WORKER = threading.local()  # per worker thread: the scoring workspace, reused between tasks


def resolve_backend(backend: str, client: Any) -> Any:
    """The Dask client to use, or ``None`` for the local backend.

    A ``client`` implies ``backend="dask"``; ``backend="dask"`` without one uses the
    current client (:func:`distributed.get_client`).
    """
    if backend not in BACKENDS:
        raise InputError(f"backend must be one of {', '.join(map(repr, BACKENDS))}; got {backend!r}")
    if backend == "local" and client is None:
        return None
    return get_dask_client(client)


def get_dask_client(client: Any = None) -> Any:
    """``client``, or the current Dask client; a clear error when Dask or a client is missing."""
    try:
        from distributed import Client, get_client
    except ImportError as exc:
        raise MissingDependencyError("backend='dask' needs Dask: pip install 'mcda-evidence[dask]'") from exc
    if client is not None:
        if not isinstance(client, Client):
            raise InputError(f"client must be a dask.distributed.Client; got {type(client).__name__}")
        return client
    try:
        return get_client()
    except ValueError as exc:
        raise InputError("backend='dask' needs a Dask client: pass client=Client(...) or create one first "
                         "(dask.distributed.Client('tcp://scheduler:8786') for an existing cluster)") from exc


def _ordered(client: Any, fn: Callable[..., Any], jobs: list[Any], *args: Any) -> Iterator[Any]:
    """Results of ``fn(job, *args)`` for every job, in job order, at most 2 per cluster thread in flight."""
    threads = max(1, sum(client.nthreads().values()))
    shared = client.scatter(list(args), broadcast=True, hash=False) if args else []
    tag = uuid.uuid4().hex[:12]
    pending: deque[Any] = deque()
    try:
        for i, job in enumerate(jobs):
            pending.append(client.submit(fn, job, *shared, key=f"mcda-{fn.__name__}-{tag}-{i}", pure=False))
            if len(pending) >= 2 * threads:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for fut in pending:
            fut.cancel()
        for fut in shared:
            fut.release()


# --- SMAA-2 --------------------------------------------------------------------------------
def _smaa_chunk(job: tuple[int, int], payload: dict[str, Any]) -> list[Any]:
    """On a worker: the per-block totals of blocks ``job[0]..job[1]-1`` (as the local backend forms them)."""
    from mcda.sensitivity.smaa import _chunk

    scorer = payload["method"].prepare_T(payload["X"], payload["benefit"])
    return _chunk(job, dict(payload, local=_WORKER, scorer=scorer))


def run_smaa(ctx: dict[str, Any], n_blocks: int, per_chunk: int, client: Any) -> Any:
    """The local backend's ``_run`` on a Dask cluster: chunks are tasks, totals are added in block order."""
    from mcda._progress import progress_bar
    from mcda.sensitivity._ranks import TieCounts
    from mcda.sensitivity._replicates import Replicates
    from mcda.sensitivity.smaa import _add, _Totals

    m, n = ctx["m"], ctx["n"]
    tot = _Totals(np.zeros((m, m), np.int64), TieCounts(m), np.zeros((m, m), np.int64),
                  np.zeros((m, n)), np.zeros((m, n)), np.zeros(m), Replicates.zeros(m, n))
    payload = {k: v for k, v in ctx.items() if k not in ("local", "scorer", "progress")}
    jobs = [(b, min(b + per_chunk, n_blocks)) for b in range(0, n_blocks, per_chunk)]
    bar = progress_bar(n_blocks, "SMAA-2 blocks (dask)", bool(ctx.get("progress")) and len(jobs) > 1)
    try:
        for parts in _ordered(client, _smaa_chunk, jobs, payload):
            _add(tot, parts)
            bar.update(len(parts))
    finally:
        bar.close()
    return tot


def _confidence_chunk(blocks: tuple[int, int], payload: dict[str, Any]) -> np.ndarray:
    """On a worker: the confidence pass's first-place counts over a range of blocks."""
    from mcda.sensitivity.smaa import _confidence_counts

    return _confidence_counts(payload, payload["Wc"], payload["n_conf"], blocks)


def run_confidence(ctx: dict[str, Any], Wc: np.ndarray, n_conf: int, n_blocks: int, client: Any) -> np.ndarray:
    """The confidence pass's counts (m, m + 1), one task per chunk of blocks (exact integer sums)."""
    payload = {k: v for k, v in ctx.items() if k not in ("local", "scorer", "progress")}
    payload.update(Wc=Wc, n_conf=n_conf)
    per_chunk = max(1, -(-n_blocks // (4 * max(1, sum(client.nthreads().values())))))
    jobs = [(b, min(b + per_chunk, n_blocks)) for b in range(0, n_blocks, per_chunk)]
    counts = np.zeros((ctx["m"], ctx["m"] + 1), dtype=np.int64)
    for part in _ordered(client, _confidence_chunk, jobs, payload):
        counts += part
    return counts


# --- P(holds) ------------------------------------------------------------------------------
def _holds_block(b: int, payload: dict[str, Any]) -> tuple[int, int, float, float, float]:
    """On a worker: hits and replicate sums of block ``b``, drawn exactly as :class:`ClaimDraws` draws it."""
    from mcda.sensitivity._common import block_generator, claim_margins
    from mcda.sensitivity._replicates import replicate_ids
    from mcda.sensitivity.uncertainty import sample_evidence

    method, X, group = payload["method"], payload["X"], payload["group"]
    k = min(payload["block"], payload["N"] - b * payload["block"])
    W = payload["dist"].sample(k, block_generator(payload["entropy"], 0, b))
    if payload["evidence"] == "none":
        S = np.asarray(method.scores(X, W, payload["benefit"]))
    else:
        Xs = sample_evidence(X, payload["lo"], payload["hi"], payload["conf"], -(-k // group),
                             block_generator(payload["entropy"], 1, b), payload["evidence"])
        S = method.stack_scores(Xs, W[:, None, :], payload["benefit"])[:, 0, :]
    ok = claim_margins(S, payload["claim"], method.higher_is_better) > 0
    ids = replicate_ids(k, markov=False, group=group)
    if ids is None:
        return int(np.count_nonzero(ok)), 0, 0.0, 0.0, 0.0
    a = np.bincount(ids, weights=ok).astype(np.float64)
    kc = np.bincount(ids).astype(np.float64)
    return int(np.count_nonzero(ok)), a.size, float(a @ a), float(a @ kc), float(kc @ kc)


def holds_sums(analysis: Any, claim: np.ndarray, group: int, client: Any) -> tuple[int, int, float, float, float]:
    """Hits and replicate sums of :meth:`ClaimAnalysis.holds_probability`, one Dask task per block."""
    from mcda.sensitivity.smaa import BLOCK_SIZE

    d = analysis.draws
    payload = dict(method=analysis.method, X=analysis.X, benefit=analysis.benefit, group=group, claim=claim,
                   dist=d.dist, entropy=d.entropy, evidence=d.evidence, lo=d.lo, hi=d.hi, conf=d.conf,
                   N=d.n_samples, block=BLOCK_SIZE)
    hits, R, a2, ak, k2 = 0, 0, 0.0, 0.0, 0.0
    for h, r, sa2, sak, sk2 in _ordered(client, _holds_block, list(range(len(d.sizes()))), payload):
        hits += h
        if r:  # the local loop adds only where the block has replicates
            R, a2, ak, k2 = R + r, a2 + sa2, ak + sak, k2 + sk2
    return hits, R, a2, ak, k2
