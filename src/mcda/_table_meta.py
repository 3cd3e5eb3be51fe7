"""Checks of a Parquet table from its metadata (schema and row-group statistics), before any Dask task.

Parquet keeps, per row group and column, the number of nulls and the min and max
(NaN excluded). That is enough to find, without scanning the data: an empty cell
on a criterion whose missing policy is ``error``, an empty id, a value outside a
value function's domain, a negative or zero value that the method's normalisation
cannot take on a linear criterion, and whether the row groups' id ranges are
disjoint (then no id repeats across them). A row group that breaks a rule is then
read (two columns of it) to name the row. Statistics a writer left out only mean
that the check happens in the statistics pass instead.
"""

from __future__ import annotations

import glob
import itertools
import os
from collections.abc import Callable
from typing import Any

import numpy as np

from mcda._table_rows import Spec
from mcda.errors import InputError, MissingEvidenceError, NormalizationError
from mcda.model.value_checks import domain
from mcda.value_functions import is_nonlinear

__all__ = ["check_metadata", "parquet_files"]

#: (column position in the spec or -1 for the id, row group statistics) -> first bad row predicate, or None.
Rule = tuple[int, str, Callable[[Any], bool], Callable[[np.ndarray], np.ndarray], type[Exception]]


def parquet_files(path: str) -> list[str]:
    """The local Parquet files of ``path`` (a file, a directory or a glob), in Dask's order; [] for a URL."""
    if "://" in path:
        return []
    if glob.has_magic(path):
        return sorted(p for p in glob.glob(path) if os.path.isfile(p))
    if os.path.isdir(path):
        return sorted(glob.glob(os.path.join(path, "**", "*.parquet"), recursive=True))
    return [path] if os.path.isfile(path) else []


def _rules(spec: Spec, needs: dict[str, np.ndarray]) -> list[Rule]:
    """The rules the metadata can decide: (column, what, statistics test, row test, error type)."""
    rules: list[Rule] = [(-1, "is empty (every row needs an id)", _has_nulls, _isnull, InputError)]
    for j, leaf in enumerate(spec.leaves):
        if spec.policies[j] == "error":
            rules.append((j, "has no value, and the criterion's missing policy is 'error'",
                          _has_nulls, _isnull, MissingEvidenceError))
        if spec.levels(j) is not None:
            continue
        if is_nonlinear(leaf):
            low, high = domain(leaf)
            rules.append((j, f"is outside the domain [{low:g}, {high:g}] of its value function",
                          _stats_outside(low, high), _rows_outside(low, high), InputError))
            continue
        if spec.policies[j] == "exclude-criterion":
            continue  # the column may be dropped; if kept, the statistics pass checks its values
        if needs["negative"][j]:
            rules.append((j, "is negative, which the method's normalisation cannot take",
                          lambda s: s.has_min_max and s.min < 0, lambda x: x < 0, NormalizationError))
        if needs["zero"][j]:
            rules.append((j, "is zero on a cost criterion, which the method's normalisation inverts (1/x)",
                          lambda s: s.has_min_max and s.min <= 0, lambda x: x <= 0, NormalizationError))
    return rules


def _stats_outside(low: float, high: float) -> Callable[[Any], bool]:
    return lambda s: bool(s.has_min_max and (s.min < low - 1e-12 or s.max > high + 1e-12))


def _rows_outside(low: float, high: float) -> Callable[[np.ndarray], np.ndarray]:
    return lambda x: (x < low - 1e-12) | (x > high + 1e-12)


def _has_nulls(st: Any) -> bool:
    return bool(st.has_null_count and st.null_count > 0)


def _isnull(x: np.ndarray) -> np.ndarray:
    import pandas as pd

    return np.asarray(pd.isna(x))


def _locate(file: str, group: int, spec: Spec, rule: Rule) -> None:
    """Read the id and the rule's column of one row group and raise the rule's error at its first bad row."""
    import pyarrow.parquet as pq

    j, what, _, bad_rows, error = rule
    col = spec.id if j < 0 else spec.columns[j]
    table = pq.ParquetFile(file).read_row_group(group, columns=list(dict.fromkeys([spec.id, col])))
    x = table.column(col).to_numpy(zero_copy_only=False)
    with np.errstate(invalid="ignore"):
        hits = np.flatnonzero(bad_rows(x if j < 0 else np.asarray(x, dtype=np.float64)))
    if not hits.size:
        return  # the statistics were looser than the data
    i = int(hits[0])
    ids = table.column(spec.id).to_pylist()
    where = f"row {i} of row group {group}" if j < 0 else f"row {ids[i]!r} (row group {group})"
    what_col = f"column {col!r}" if j < 0 else f"column {col!r} (criterion {spec.leaves[j].id!r})"
    value = "" if j < 0 or bad_rows is _isnull else f" = {float(x[i])!r}"
    raise error(f"{file}: {where}, {what_col}{value} {what}")


def check_metadata(files: list[str], spec: Spec, needs: dict[str, np.ndarray]) -> bool:
    """Raise the first rule broken according to the files' row-group statistics (located by one
    targeted read); return whether the id ranges of all row groups are known and disjoint."""
    import pyarrow.parquet as pq

    rules = _rules(spec, needs)
    ranges: list[tuple[Any, Any]] = []
    complete = True
    for file in files:
        meta = pq.ParquetFile(file).metadata
        names = [meta.schema.column(c).name for c in range(meta.num_columns)]
        for g in range(meta.num_row_groups):
            group = meta.row_group(g)
            for rule in rules:
                col = spec.id if rule[0] < 0 else spec.columns[rule[0]]
                if col not in names:
                    continue
                st = group.column(names.index(col)).statistics
                if st is not None and rule[2](st):
                    _locate(file, g, spec, rule)
            st = group.column(names.index(spec.id)).statistics if spec.id in names else None
            if st is None or not st.has_min_max:
                complete = False
            elif group.num_rows:
                ranges.append((st.min, st.max))
    if not complete:
        return False
    try:
        ranges.sort()
        return all(prev[1] < nxt[0] for prev, nxt in itertools.pairwise(ranges))
    except TypeError:
        return False
