"""The block driver of the sampling analyses: one typed context, one way to draw and fold blocks.

SMAA-2 (:mod:`mcda.sensitivity.smaa`) and the probability that a claim holds
(:mod:`mcda.sensitivity.robustness`) both draw weight samples (and, under
evidence uncertainty, decision matrices) in blocks of :data:`BLOCK_SIZE`: block
``b`` of stream ``k`` comes from its own generator ``SeedSequence(entropy,
spawn_key=(k, b))`` (:func:`~mcda.sensitivity._common.block_generator`). A
:class:`BlockContext` holds everything a block needs (the problem, the method,
the weight distribution, the seed's entropy, the evidence model); a *block task*
``task(ctx, b, ws, *args)`` turns block ``b`` into per-block totals; and
:func:`run_blocks` runs the task over every block, in chunks of whole blocks, on
threads or as Dask tasks, handing the per-block totals back **in block order**.
Integer counts are exact and float sums are added in block order by the caller,
so a seed gives the same numbers whatever the chunk size, the number of threads
or the backend.
"""

from __future__ import annotations

import contextlib
import dataclasses
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from mcda._progress import progress_bar
from mcda._types import BoolArray, FloatArray
from mcda.methods import Method, TransposedScorer
from mcda.sensitivity._common import Workspace, block_generator, one_blas_thread
from mcda.sensitivity.sampling import WeightDistribution
from mcda.sensitivity.uncertainty import sample_evidence

__all__ = ["BLOCK_SIZE", "BlockContext", "DrawCache", "block_matrices", "block_weights", "run_blocks"]

#: Samples per random-number block (part of what a seed means; never changes results across chunk sizes).
BLOCK_SIZE = 8192
#: Block streams: weights, evidence matrices, SMAA's confidence pass, the "auto" sampler's choice.
W_STREAM, X_STREAM, C_STREAM, P_STREAM = 0, 1, 2, 3

T = TypeVar("T")


@dataclass
class DrawCache:
    """Weight and matrix draws kept per block, so that several analyses of one problem share them."""

    weights: dict[int, FloatArray] = field(default_factory=dict)
    matrices: dict[tuple[int, int], FloatArray] = field(default_factory=dict)  # (group, block)


@dataclass(frozen=True)
class BlockContext:
    """What every block of one sampling analysis needs (read-only; sent as is to Dask workers).

    Attributes
    ----------
    X : ndarray, shape (m, n)
        Point values (scored as is when ``evidence == "none"``).
    benefit : ndarray of bool, shape (n,)
    method : Method
    dist : WeightDistribution
        The weight distribution ("auto" already resolved).
    entropy : tuple of int
        The seed's entropy: with the stream and block index it fixes every draw.
    n_samples : int
        Samples of the pass (the last block may be short).
    evidence : str
        ``"none"``, ``"interval"`` or ``"mixture"``.
    lo, hi, conf : ndarray, shape (m, n)
        Cell bounds and confidences of the evidence model.
    group : int
        Weight samples that share one sampled matrix (1: every sample has its own).
    pairwise : bool
        Whether SMAA counts the pairwise winning indices (m * m per sample).
    progress : bool
        A progress bar over the blocks (never sent to workers).
    scorer : callable, optional
        The method's prepared scorer ``(n, S) -> (m, S)`` (prepared again on each worker).
    cache : DrawCache, optional
        Draws kept between analyses (local only; workers draw again).
    """

    X: FloatArray
    benefit: BoolArray
    method: Method
    dist: WeightDistribution
    entropy: tuple[int, ...]
    n_samples: int
    evidence: str
    lo: FloatArray
    hi: FloatArray
    conf: FloatArray
    group: int = 1
    pairwise: bool = True
    progress: bool = False
    scorer: TransposedScorer | None = field(default=None, compare=False, repr=False)
    cache: DrawCache | None = field(default=None, compare=False, repr=False)

    @property
    def m(self) -> int:
        """Number of alternatives."""
        return int(self.X.shape[0])

    @property
    def n(self) -> int:
        """Number of criteria."""
        return int(self.X.shape[1])

    @property
    def higher(self) -> bool:
        """Whether a higher score is better for the method."""
        return bool(self.method.higher_is_better)

    @property
    def n_blocks(self) -> int:
        """Blocks of the pass."""
        return -(-self.n_samples // BLOCK_SIZE)

    def block_size(self, b: int) -> int:
        """Samples in block ``b``."""
        return min(BLOCK_SIZE, self.n_samples - b * BLOCK_SIZE)

    def replace(self, **changes: Any) -> BlockContext:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)

    def for_wire(self) -> BlockContext:
        """What is sent to a Dask worker: no scorer (a closure), no cache, no progress bar."""
        return self.replace(scorer=None, cache=None, progress=False)

    def on_worker(self) -> BlockContext:
        """The context a worker runs with: the scorer prepared again where point values are scored."""
        if self.scorer is None and self.evidence == "none":
            return self.replace(scorer=self.method.prepare_T(self.X, self.benefit))
        return self

    def weights_T(self, b: int, ws: Workspace | None = None) -> FloatArray:
        """Weight samples of block ``b``, laid out (n, k) (in ``ws`` scratch when given)."""
        return self.dist.sample_T(self.block_size(b), block_generator(self.entropy, W_STREAM, b), ws)

    def weights(self, b: int) -> FloatArray:
        """Weight samples of block ``b``, shape (k, n): the numbers of :meth:`weights_T`, kept in the cache."""
        return block_weights(self.dist, self.entropy, b, self.block_size(b), self.cache)

    def matrices(self, b: int, stream: int = X_STREAM) -> FloatArray:
        """Sampled matrices (ceil(k / group), m, n) of block ``b`` of ``stream`` (cached for the evidence stream)."""
        return block_matrices(self.X, self.lo, self.hi, self.conf, self.evidence, self.entropy, b,
                              self.block_size(b), self.group, stream, self.cache)


def block_weights(dist: WeightDistribution, entropy: tuple[int, ...], b: int, k: int,
                  cache: DrawCache | None = None) -> FloatArray:
    """The ``k`` weight samples (k, n) of block ``b`` (kept in ``cache`` when given)."""
    if cache is not None and b in cache.weights:
        return cache.weights[b]
    W = dist.sample(k, block_generator(entropy, W_STREAM, b))
    if cache is not None:
        cache.weights[b] = W
    return W


def block_matrices(X: FloatArray, lo: FloatArray, hi: FloatArray, conf: FloatArray, evidence: str,
                   entropy: tuple[int, ...], b: int, k: int, group: int, stream: int = X_STREAM,
                   cache: DrawCache | None = None) -> FloatArray:
    """The sampled matrices (ceil(k / group), m, n) of block ``b`` of ``stream``, one per ``group`` weight
    samples (kept in ``cache`` for the evidence stream)."""
    keep = cache is not None and stream == X_STREAM
    if keep and cache is not None and (group, b) in cache.matrices:
        return cache.matrices[(group, b)]
    Xs = sample_evidence(X, lo, hi, conf, -(-k // group), block_generator(entropy, stream, b), evidence)
    if keep and cache is not None:
        cache.matrices[(group, b)] = Xs
    return Xs


_TITLES = {"smaa": "SMAA-2", "confidence": "SMAA-2 confidence", "holds": "P(holds)"}  # progress bar titles

#: A block task: ``task(ctx, b, ws, *args)`` -> the totals of block ``b``.
BlockTask = Callable[..., T]
#: Folds a later block's exact counts into the chunk's first block (memory: one set per chunk in flight).
Merge = Callable[[T, T], None]


def chunk(job: tuple[int, int], ctx: BlockContext, task: BlockTask[T], merge: Merge[T] | None, ws: Workspace,
          *args: Any) -> list[T]:
    """Totals of blocks ``job[0]..job[1]-1``, one block after the other (each block's arrays stay in cache)."""
    out: list[T] = []
    for b in range(*job):
        t = task(ctx, b, ws, *args)
        if out and merge is not None:
            merge(out[0], t)
        out.append(t)
    return out


def run_blocks(ctx: BlockContext, task: BlockTask[T], *args: Any, n_blocks: int | None = None,
               per_chunk: int = 1, n_jobs: int = 1, client: Any = None, merge: Merge[T] | None = None,
               label: str = "blocks", single_blas: bool = False) -> Iterator[list[T]]:
    """The totals of every block, chunk by chunk, in block order.

    Chunks of ``per_chunk`` whole blocks run on ``n_jobs`` threads (each thread with
    its own scratch workspace) or, with a Dask ``client``, as tasks on the cluster
    (:mod:`mcda.sensitivity._dask`). At most ``2 x`` (threads) chunks are in flight,
    so memory stays bounded by the chunk size whatever the number of samples. With
    ``single_blas``, BLAS runs on one thread meanwhile (locally): the products of a block
    are thin, and handing them to BLAS's own threads cost up to ten times the arithmetic
    on a loaded machine (the limit itself costs about a millisecond, so short runs that
    are already limited, such as P(holds) inside a robustness check, leave it off).
    ``args`` are passed to the task after ``(ctx, b, ws)`` (sent once to the workers).
    """
    total = ctx.n_blocks if n_blocks is None else n_blocks
    jobs = [(b, min(b + per_chunk, total)) for b in range(0, total, per_chunk)]
    bar = progress_bar(total, f"{_TITLES.get(label, label)} blocks" + (" (dask)" if client is not None else ""),
                       ctx.progress and len(jobs) > 1)
    try:
        if client is not None:
            from mcda.sensitivity._dask import run_chunks

            for parts in run_chunks(client, jobs, ctx.for_wire(), task, merge, label, *args):
                bar.update(len(parts))
                yield parts
            return
        with one_blas_thread() if single_blas else contextlib.nullcontext():
            for parts in _local(jobs, ctx, task, merge, n_jobs, *args):
                bar.update(len(parts))
                yield parts
    finally:
        bar.close()


def _local(jobs: list[tuple[int, int]], ctx: BlockContext, task: BlockTask[T], merge: Merge[T] | None,
           n_jobs: int, *args: Any) -> Iterator[list[T]]:
    """The chunks on this machine, in order: one after the other, or on ``n_jobs`` threads."""
    local = threading.local()

    def work(job: tuple[int, int]) -> list[T]:
        ws: Workspace = local.__dict__.setdefault("ws", {})  # one per thread, for the whole run
        return chunk(job, ctx, task, merge, ws, *args)

    if n_jobs <= 1 or len(jobs) == 1:
        yield from map(work, jobs)
        return
    with ThreadPoolExecutor(max_workers=n_jobs) as pool:
        pending: deque[Future[list[T]]] = deque()
        for job in jobs:
            pending.append(pool.submit(work, job))
            if len(pending) >= 2 * n_jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
