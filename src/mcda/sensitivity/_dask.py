"""SMAA-2 and P(holds) on a Dask cluster, with the same numbers as the local backend.

The block driver (:func:`~mcda.sensitivity._driver.run_blocks`) draws samples in blocks of
:data:`~mcda.sensitivity._driver.BLOCK_SIZE`, block ``b`` of stream ``k`` from its own generator
``SeedSequence(entropy, spawn_key=(k, b))`` (:func:`~mcda.sensitivity._common.block_generator`),
and the caller adds the per-block totals in block order. Here the same chunks of blocks are Dask
tasks: the typed :class:`~mcda.sensitivity._driver.BlockContext` (without its prepared scorer) is
scattered once, a worker draws and scores its blocks with the same block task as the local backend
and returns their per-block totals (SMAA's counts and sums, the confidence pass's first-place
counts, P(holds)'s hits and replicate sums), and the client adds them in block order.
Integer counts are exact and every float sum associates in the same order, so a seed gives
a **bitwise-identical** result whatever the number of workers, and a task that is re-run
after a worker dies gives the same totals again (its blocks' streams depend only on the
seed and the block index).

At most ``2 x`` (threads on the cluster) tasks are in flight, so the memory on the
client and on each worker stays bounded by the chunk size whatever the sample count.

Dask is imported only here, and only when ``backend="dask"`` is asked for.
"""

from __future__ import annotations

import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from mcda.errors import InputError, MissingDependencyError

if TYPE_CHECKING:
    from mcda.sensitivity._driver import BlockContext

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


def _ordered(client: Any, fn: Callable[..., Any], jobs: list[Any], name: str, fixed: tuple[Any, ...],
             *args: Any) -> Iterator[Any]:
    """Results of ``fn(job, *fixed, *args)`` for every job, in job order, at most 2 per cluster thread in
    flight; ``args`` (arrays, the context) are scattered to every worker once, ``fixed`` (functions) go as is."""
    threads = max(1, sum(client.nthreads().values()))
    shared = client.scatter(list(args), broadcast=True, hash=False) if args else []
    tag = uuid.uuid4().hex[:12]
    pending: deque[Any] = deque()
    try:
        for i, job in enumerate(jobs):
            pending.append(client.submit(fn, job, *fixed, *shared, key=f"mcda-{name}-{tag}-{i}", pure=False))
            if len(pending) >= 2 * threads:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for fut in pending:
            fut.cancel()
        for fut in shared:
            fut.release()


def _chunk_task(job: tuple[int, int], task: Callable[..., Any], merge: Any, ctx: BlockContext,
                *args: Any) -> list[Any]:
    """On a worker: the per-block totals of blocks ``job[0]..job[1]-1``, as the local backend forms them."""
    from mcda.sensitivity._driver import chunk

    ws = _WORKER.__dict__.setdefault("ws", {})  # one workspace per worker thread, reused between tasks
    return chunk(job, ctx.on_worker(), task, merge, ws, *args)


def run_chunks(client: Any, jobs: list[tuple[int, int]], ctx: BlockContext, task: Callable[..., Any],
               merge: Any, label: str, *args: Any) -> Iterator[list[Any]]:
    """:func:`~mcda.sensitivity._driver.run_blocks` on a Dask cluster: one task per chunk, results in block order.

    The context (without its scorer) and ``args`` are scattered to every worker once; each task's
    key names the analysis (``mcda-_smaa_chunk-...``, ``mcda-_holds_chunk-...``).
    """
    yield from _ordered(client, _chunk_task, jobs, f"_{label}_chunk", (task, merge), ctx, *args)
