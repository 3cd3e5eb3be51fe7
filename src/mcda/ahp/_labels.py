"""Matrices in, matrices out: numpy arrays stay arrays, DataFrames keep their item labels."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from mcda._lazy import is_frame, lazy_module
from mcda._types import FloatArray
from mcda.errors import JudgementError

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

__all__ = ["Labels", "as_labelled", "labelled_matrix", "labelled_vector"]

Labels = list[Hashable] | None


def as_labelled(A: Any, name: str = "A") -> tuple[FloatArray, Labels]:
    """``(float array, labels)``; labels are the DataFrame's item ids, ``None`` for arrays.

    A DataFrame must carry the same unique labels on rows and columns; its
    columns are put in row order, so ``A.loc[a, b]`` keeps its meaning.
    """
    if is_frame(A):
        rows, cols = list(A.index), list(A.columns)
        if len(set(rows)) != len(rows):
            dup = next(x for x in rows if rows.count(x) > 1)
            raise JudgementError(f"{name}: item {dup!r} labels two rows; item labels must be unique")
        if set(rows) != set(cols) or len(cols) != len(rows):
            raise JudgementError(f"{name}: rows and columns must list the same items; rows {rows}, columns {cols}")
        try:
            arr = A.loc[rows, rows].to_numpy(dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise JudgementError(f"{name} must hold real numbers: {exc}") from None
        return arr, rows
    try:
        return np.asarray(A, dtype=np.float64), None
    except (TypeError, ValueError) as exc:
        raise JudgementError(f"{name} must be a square array of real numbers or a labelled DataFrame: {exc}") from None


def labelled_vector(w: FloatArray, labels: Labels, name: str) -> FloatArray | pd.Series:
    """``w`` as a Series indexed by ``labels``, or the array itself when there are none."""
    if labels is None:
        return w
    return pd.Series(w, index=pd.Index(labels, name="item"), name=name)


def labelled_matrix(M: FloatArray, labels: Labels) -> FloatArray | pd.DataFrame:
    """``M`` as a DataFrame labelled on both axes, or the array itself."""
    if labels is None:
        return M
    return pd.DataFrame(M, index=pd.Index(labels, name="item"), columns=pd.Index(labels, name="item"))


def item_names(labels: Labels, n: int) -> Sequence[Hashable]:
    """The labels, or positions ``0..n-1`` for an unlabelled matrix."""
    return labels if labels is not None else list(range(n))
