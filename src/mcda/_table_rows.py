"""Per-partition work of :mod:`mcda.scale_study`: table rows -> raw values -> values, checks and statistics.

Runs on the Dask workers (plain pandas and numpy; nothing here imports Dask).
A partition's raw values are its criterion columns as floats (an ordinal leaf's
level names mapped to their values), empty cells NaN; its values are the raw
values through the leaves' value functions (:func:`mcda.value_functions.transform`),
exactly as in memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from mcda._types import FloatArray
from mcda.model import Criterion, OrdinalScale
from mcda.model.value_checks import domain
from mcda.value_functions import is_nonlinear, transform

__all__ = ["Spec", "partition_scores", "partition_stats"]


@dataclass(frozen=True)
class Spec:
    """What a task needs: the id column, the scope's leaves, their columns and missing-value policies."""

    id: str
    leaves: tuple[Criterion, ...]
    columns: tuple[str, ...]
    policies: tuple[str, ...]
    hashes: bool = False  # return the ids' hashes (duplicates across partitions not ruled out by metadata)

    def levels(self, j: int) -> dict[str, float] | None:
        scale = self.leaves[j].scale
        return scale.level_values() if isinstance(scale, OrdinalScale) else None

    def where(self, ids: Any, i: int, j: int, part: int) -> str:
        return (f"row {ids[i]!r} (partition {part}), column {self.columns[j]!r} "
                f"(criterion {self.leaves[j].id!r})")


def _column(df: pd.DataFrame, spec: Spec, j: int, part: int, ids: Any) -> tuple[FloatArray, str | None]:
    """Raw values of criterion ``j`` (NaN where empty) and the first problem of the column, if any."""
    s = df[spec.columns[j]]
    levels = spec.levels(j)
    if levels is not None and s.dtype.kind not in "biuf":
        x = s.map(levels).to_numpy(np.float64, na_value=np.nan)
        bad = np.flatnonzero(s.notna().to_numpy() & np.isnan(x))
        if bad.size:
            return x, (f"{spec.where(ids, int(bad[0]), j, part)}: {s.iloc[bad[0]]!r} is not a level of the "
                       f"ordinal scale {list(levels)}")
        return x, None
    x = s.to_numpy(np.float64, na_value=np.nan)
    if levels is not None:
        bad = np.flatnonzero(~np.isnan(x) & ~np.isin(x, list(levels.values())))
        if bad.size:
            return x, (f"{spec.where(ids, int(bad[0]), j, part)}: {x[bad[0]]!r} is not the value of a level of "
                       f"the ordinal scale {levels}")
    return x, None


def _raw(df: pd.DataFrame, spec: Spec, part: int, check: bool = True) -> tuple[FloatArray, list[tuple[str, str]]]:
    """The raw matrix (k, n) and (``check``) the first problem of each kind: (kind, message)."""
    ids = df[spec.id].to_numpy()
    X = np.empty((len(df), len(spec.leaves)))
    problems: list[tuple[str, str]] = []
    for j, leaf in enumerate(spec.leaves):
        X[:, j], problem = _column(df, spec, j, part, ids)
        if problem:
            problems.append(("value", problem))
        if not check:
            continue
        x = X[:, j]
        empty = np.flatnonzero(np.isnan(x))
        if empty.size and spec.policies[j] == "error":
            problems.append(("missing", f"{spec.where(ids, int(empty[0]), j, part)}: no value, and the "
                             "criterion's missing policy is 'error'; fill the cell, or give the criterion a "
                             "policy (worst, scale-worst, exclude-criterion) under alternatives.table.missing"))
        infinite = np.flatnonzero(np.isinf(x))
        if infinite.size:
            problems.append(("value", f"{spec.where(ids, int(infinite[0]), j, part)} = {x[infinite[0]]!r}: "
                             "values must be finite"))
        if is_nonlinear(leaf):
            low, high = domain(leaf)
            out = np.flatnonzero((x < low - 1e-12) | (x > high + 1e-12))
            if out.size:
                problems.append(("value", f"{spec.where(ids, int(out[0]), j, part)} = {x[out[0]]!r}: outside the "
                                 f"domain [{low:g}, {high:g}] of its {leaf.value_function.kind!r} value "  # type: ignore[union-attr]
                                 "function"))
    return X, problems


def values(X: FloatArray, spec: Spec) -> FloatArray:
    """The values of raw values ``X`` (NaN stays NaN): each leaf's value function, column by column."""
    V = X.copy()
    for j, leaf in enumerate(spec.leaves):
        if is_nonlinear(leaf):
            ok = ~np.isnan(X[:, j])
            V[ok, j] = transform(leaf, X[ok, j])
    return V


def _ids(df: pd.DataFrame, spec: Spec, part: int) -> tuple[str | None, Any]:
    ids = df[spec.id]
    if ids.isna().any():
        i = int(np.flatnonzero(ids.isna().to_numpy())[0])
        return f"partition {part}, row {i} of the partition: column {spec.id!r} is empty (every row needs an id)", None
    dup = ids.duplicated()
    if dup.any():
        return f"duplicate id {ids[dup].iloc[0]!r} in column {spec.id!r} (partition {part})", None
    hashes = np.sort(pd.util.hash_pandas_object(ids, index=False).to_numpy()) if spec.hashes else None
    return None, hashes


def partition_stats(df: pd.DataFrame, spec: Spec, part: int) -> dict[str, Any]:
    """Checks and column statistics of one partition, over its non-empty cells.

    The value statistics are those of :func:`mcda.scale._block_stats` (largest ``|v|``,
    min, max, sums of ``v / max|v|`` and their squares, ``sum(1/v)``, the first negative
    and zero value per column) taken over the cells that hold a value; the empty cells
    are counted (``empty``, first row in ``first_empty``) and filled on the client.
    """
    out: dict[str, Any] = {"k": len(df)}
    X, problems = _raw(df, spec, part)
    dup, out["hashes"] = _ids(df, spec, part)
    if dup:
        problems.append(("id", dup))
    out["problems"] = problems
    if problems:
        return out
    V = values(X, spec)
    present = ~np.isnan(V)
    out["empty"] = (~present).sum(axis=0)
    Vz = np.where(present, V, 0.0)
    where = df[spec.id].to_numpy()
    for rule, bad in (("negative", present & (V < 0)), ("zero", present & (V == 0))):
        cols = np.flatnonzero(bad.any(axis=0))
        out[rule] = {int(j): (spec.where(where, int(np.argmax(bad[:, j])), int(j), part),
                              float(V[np.argmax(bad[:, j]), j])) for j in cols}
    out["nonfinite"] = {}
    a = np.abs(Vz).max(axis=0, initial=0.0)
    Y = np.divide(Vz, a, out=np.zeros_like(Vz), where=a > 0)
    out.update(a=a, lo=np.where(present, V, np.inf).min(axis=0, initial=np.inf),
               hi=np.where(present, V, -np.inf).max(axis=0, initial=-np.inf), s1=Y.sum(axis=0),
               s2=(Y * Y).sum(axis=0), sinv=np.divide(1.0, Vz, out=np.zeros_like(Vz), where=Vz > 0).sum(axis=0),
               raw_lo=np.where(present, X, np.inf).min(axis=0, initial=np.inf),
               raw_hi=np.where(present, X, -np.inf).max(axis=0, initial=-np.inf))
    return out


def ids_among(df: pd.DataFrame, spec: Spec, hashes: np.ndarray) -> list[Any]:
    """The ids of this partition whose hash is one of ``hashes`` (to tell duplicates from hash collisions)."""
    h = pd.util.hash_pandas_object(df[spec.id], index=False).to_numpy()
    return df[spec.id][np.isin(h, hashes)].tolist()


def partition_scores(df: pd.DataFrame, spec: Spec, kept: np.ndarray, fills: FloatArray, st: dict[str, Any],
                     plan: Any, keep: list[str]) -> pd.DataFrame:
    """Scores of one partition: values of the kept criteria, empty cells filled, scored with global statistics."""
    from mcda import scale  # the scoring formulas of score_table, with the whole table's statistics

    X, _ = _raw(df, spec, 0, check=False)
    V = values(X, spec)[:, kept]
    empty = np.isnan(V)
    if empty.any():
        V = np.where(empty, fills, V)
    out = df[list(dict.fromkeys([spec.id, *keep]))].copy()
    out["score"] = scale._scores(V, st, plan)
    return out
