"""Shared helpers of :mod:`mcda.sensitivity`: validation, random streams, claims.

What a method can do (prepared scorers, closed forms) is asked of the method
itself (:class:`mcda.methods.Method`); scratch buffers live in :mod:`mcda.kernels._blocks`.

Nothing here knows about ids: every function works on positions.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any

import numpy as np

from mcda._types import ArrayLike, BoolArray, FloatArray
from mcda.errors import InputError
from mcda.kernels._blocks import MATMUL_PIECE, Workspace, scratch, thin_matmul
from mcda.kernels._validate import as_benefit, as_matrix, as_single_weights
from mcda.kernels.claims import check_claim, claim_margins, claim_pairs
from mcda.methods import Method, Scorer, get_method

__all__ = [
    "MATMUL_PIECE",
    "Scorer",
    "Workspace",
    "as_generator",
    "block_generator",
    "check_claim",
    "claim_margins",
    "claim_pairs",
    "one_blas_thread",
    "resolve_method",
    "root_entropy",
    "scratch",
    "thin_matmul",
    "validated_problem",
]


def resolve_method(method: str | Method, options: dict[str, Any] | None = None) -> Method:
    """A :class:`~mcda.methods.Method` from a registered name, a method object or a duck-typed
    object, with ``options`` applied (see :func:`mcda.get_method`)."""
    return get_method(method, **(options or {}))


def validated_problem(
    X: ArrayLike, benefit: ArrayLike, w: ArrayLike | None = None
) -> tuple[FloatArray, BoolArray, FloatArray | None]:
    """Validate ``X (m, n)``, ``benefit (n,)`` and, when given, one weight vector ``w (n,)``."""
    arr = as_matrix(X)
    mask = as_benefit(benefit, arr.shape[1])
    weights = None if w is None else as_single_weights(w, arr.shape[1])
    return arr, mask, weights


def as_generator(rng: np.random.Generator | int | None) -> np.random.Generator:
    """``numpy.random.default_rng(rng)``, refusing anything that is not a seed or a Generator."""
    if rng is not None and not isinstance(rng, np.random.Generator | int | np.integer):
        raise InputError(f"rng must be a numpy.random.Generator, an int seed or None; got {type(rng).__name__}")
    return np.random.default_rng(rng)


def root_entropy(rng: np.random.Generator | int | None) -> tuple[int, ...]:
    """Entropy that fixes every block stream of one analysis.

    An int seed is used as is; a Generator gives four fresh 63-bit words (so two
    analyses that share a Generator get different, reproducible streams); ``None``
    gives fresh OS entropy.
    """
    if isinstance(rng, int | np.integer) and not isinstance(rng, bool):
        if rng < 0:
            raise InputError(f"rng seed must be non-negative; got {rng}")
        return (int(rng),)
    gen = as_generator(rng)
    return tuple(int(x) for x in gen.integers(0, 2**63, size=4))


def block_generator(entropy: tuple[int, ...], stream: int, block: int) -> np.random.Generator:
    """The generator of block ``block`` of stream ``stream``.

    Streams are keyed by ``SeedSequence(entropy, spawn_key=(stream, block))``, so a
    block's numbers depend only on the seed, the stream and the block index, never
    on how blocks are grouped into chunks or spread over threads.
    """
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(entropy, spawn_key=(stream, block))))


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """BLAS limited to one thread inside the block (``threadpoolctl``), for loops of tiny products.

    An optimiser such as SLSQP on a few dozen variables calls BLAS thousands of
    times on tiny matrices; handing each call to a thread pool cost six times the
    arithmetic on the 2-core machine (benchmarks/README.md). Results do not
    depend on it.

    >>> with one_blas_thread():
    ...     float(np.ones(3) @ np.ones(3))
    3.0
    """
    with _blas_controller().limit(limits=1, user_api="blas"):
        yield


_CONTROLLER: list[Any] = []  # [number of loaded modules, threadpoolctl.ThreadpoolController]


def _blas_controller() -> Any:
    """One ``ThreadpoolController`` for the process, rebuilt only after new modules were imported.

    Building one scans the loaded shared libraries (milliseconds); a library
    (e.g. SciPy's own BLAS) can only appear with an import, so an unchanged
    number of imported modules means an unchanged set of thread pools.
    """
    from threadpoolctl import ThreadpoolController

    if not _CONTROLLER or _CONTROLLER[0] != len(sys.modules):
        _CONTROLLER[:] = [len(sys.modules), ThreadpoolController()]
    return _CONTROLLER[1]
