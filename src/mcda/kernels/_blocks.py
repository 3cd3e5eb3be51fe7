"""Scratch buffers and thin matrix products for block-wise loops over weight samples.

Numpy only; used by the prepared scorers of :mod:`mcda.methods` and by the
SMAA loop of :mod:`mcda.sensitivity`.
"""

from __future__ import annotations

import numpy as np

from mcda._types import FloatArray

__all__ = ["MATMUL_PIECE", "Workspace", "scratch", "thin_matmul"]

#: Reusable scratch buffers of one chunk of work, by name (see :func:`scratch`).
Workspace = dict[str, np.ndarray]

#: Columns per piece in :func:`thin_matmul`.
MATMUL_PIECE = 512


def scratch(ws: Workspace | None, name: str, shape: tuple[int, ...], dtype: type = np.float64) -> np.ndarray:
    """An uninitialised array of ``shape``, reusing ``ws[name]`` when it is large enough.

    The big temporaries of an SMAA block (the pairwise comparison tensor, the
    separations) are megabytes each. Allocating them afresh for every block lets
    the C allocator hand the memory back to the system and fault it in again
    each time, which made the whole loop two to three times slower; reusing them
    within a chunk avoids that. ``ws=None`` allocates.

    >>> ws: Workspace = {}
    >>> scratch(ws, "a", (2, 3)).shape, ws["a"].size
    ((2, 3), 6)
    """
    size = int(np.prod(shape))
    if ws is None:
        return np.empty(shape, dtype)
    buf = ws.get(name)
    if buf is None or buf.size < size or buf.dtype != np.dtype(dtype):
        buf = ws[name] = np.empty(size, dtype)
    return buf[:size].reshape(shape)


def thin_matmul(A: FloatArray, B: FloatArray, out: FloatArray | None = None) -> FloatArray:
    """``A @ B`` for a small ``A`` (p, q) and a wide ``B`` (q, S), in pieces of 512 columns.

    BLAS libraries hand products above a size threshold to several threads; for
    these thin products the hand-off costs more than the arithmetic (ten times
    more on a busy machine), so each piece is kept below the threshold.

    >>> thin_matmul(np.eye(2), np.arange(4.0).reshape(2, 2)).tolist()
    [[0.0, 1.0], [2.0, 3.0]]
    """
    if out is None:
        out = np.empty((A.shape[0], B.shape[1]))
    for i in range(0, B.shape[1], MATMUL_PIECE):
        np.matmul(A, B[:, i : i + MATMUL_PIECE], out=out[:, i : i + MATMUL_PIECE])
    return out

