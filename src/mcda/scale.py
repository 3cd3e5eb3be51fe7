"""Score catalogues and grids of millions of alternatives on Dask.

:func:`score_table` scores every row of a table (a Dask DataFrame, or a Parquet
file, directory or glob) or every cell of a raster (a Dask array of shape
``(rows, cols, criteria)``, the GIS weighted overlay) with one weight vector, in
two passes over the data:

1. a **statistics pass** per partition (or raster block): per column the largest
   ``|x|``, min, max, the sums and sums of squares of ``x / max|x|`` (combined
   across partitions without overflow), ``sum(1/x)``, and the first non-finite,
   negative or zero value; bad values raise a located error here, before any
   score is computed;
2. a **scoring pass** that normalises each partition with the global statistics,
   by the formulas of :mod:`mcda.kernels.normalize`, and scores it.

The scores equal the in-memory ``method.scores`` to rounding (1e-12). Methods whose
normalisation needs only column statistics are supported: WSM, WPM, AHP synthesis
and TOPSIS. Methods that compare every pair of alternatives (PROMETHEE) or need
other whole-matrix statistics are refused with an error naming the limit. Missing
columns, non-numeric columns, bad weights and unsupported methods are reported
before any work is scheduled.

A study whose alternatives are a table (``alternatives: {table: ...}`` in its file) is
scored by :func:`score_study_table` (:mod:`mcda.scale_study`): the same two passes, with
the study's criteria tree, value functions, missing-value policies and profiles per row.

Dask is imported only when this module's functions are called (the ``dask`` extra).

Examples
--------
>>> import dask.dataframe as dd, pandas as pd
>>> df = dd.from_pandas(pd.DataFrame({"price": [10.0, 20.0, 40.0], "quality": [3.0, 5.0, 4.0]}), npartitions=2)
>>> out = score_table(df, {"price": "cost", "quality": "benefit"}, [0.5, 0.5], "wsm").compute()
>>> print(out[["score", "rank"]].round(4).to_string())
   score  rank
0  0.800     1
1  0.750     2
2  0.525     3

The same scores as in memory (price is a cost: ``min / x``; quality: ``x / max``):

>>> from mcda.methods import WSM
>>> print(WSM().scores(np.array([[10.0, 3.0], [20.0, 5.0], [40.0, 4.0]]), np.array([0.5, 0.5]),
...                    np.array([False, True])))
[0.8   0.75  0.525]
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from mcda._types import FloatArray
from mcda.errors import InputError, MissingDependencyError, NormalizationError, did_you_mean
from mcda.kernels._validate import as_single_weights
from mcda.methods import Method, get_method
from mcda.methods.additive import AHP, WPM, WSM
from mcda.methods.topsis import TOPSIS

__all__ = ["SUPPORTED_METHODS", "score_study_table", "score_table"]

#: Methods :func:`score_table` runs at scale: their normalisation needs only per-column statistics.
SUPPORTED_METHODS = ("ahp", "topsis", "wpm", "wsm")
_SYNTHESIS = {"distributive": "sum", "ideal": "max"}


@dataclass(frozen=True)
class _Plan:
    """What the scoring needs besides the data: criteria, directions, weights, method and normalisation."""

    criteria: tuple[str, ...]
    benefit: np.ndarray
    w: FloatArray
    kind: str  # "sum" (WSM, AHP), "product" (WPM) or "topsis"
    norm: str
    orient: bool  # True: normalize (cost columns inverted); False: scale only (TOPSIS)


def _dask() -> Any:
    try:
        import dask
        import dask.array
        import dask.dataframe
    except ImportError as exc:
        raise MissingDependencyError("mcda.scale needs Dask: pip install 'mcda-evidence[dask]'") from exc
    return dask


def _plan(criteria: Mapping[str, Any] | Sequence[str], weights: Any, method: str | Method,
          options: dict[str, Any]) -> _Plan:
    if isinstance(criteria, Mapping):
        names = [str(c) for c in criteria]
        benefit = []
        for c, d in criteria.items():
            if d not in ("benefit", "cost", True, False):
                raise InputError(f"criterion {c!r}: direction must be 'benefit', 'cost', True or False; got {d!r}")
            benefit.append(d in ("benefit", True))
    else:
        names, benefit = [str(c) for c in criteria], [True] * len(criteria)
    if not names or len(set(names)) != len(names):
        raise InputError(f"criteria must be distinct column names, at least one; got {names}")
    if isinstance(weights, Mapping):
        unknown = sorted(set(weights) - set(names))
        if unknown:
            raise InputError(f"weights name {unknown}, which are not among the criteria {names}")
        weights = [weights.get(c, 0.0) for c in names]
    w = as_single_weights(weights, len(names), "weights")
    meth = get_method(method, **options)
    mask = np.asarray(benefit, dtype=bool)
    if isinstance(meth, TOPSIS):
        plan = _Plan(tuple(names), mask, w, "topsis", meth.normalization, False)
    elif isinstance(meth, WPM):
        plan = _Plan(tuple(names), mask, w, "product", meth.normalization, True)
    elif isinstance(meth, AHP):
        plan = _Plan(tuple(names), mask, w, "sum", _SYNTHESIS[meth.mode], True)
    elif isinstance(meth, WSM):
        plan = _Plan(tuple(names), mask, w, "sum", meth.normalization, True)
    else:
        raise InputError(f"method {meth.name!r} cannot score a table at scale: mcda.scale scores the methods whose "
                         f"normalisation needs only per-column statistics ({', '.join(SUPPORTED_METHODS)}); "
                         f"{meth.name!r} needs the whole matrix at once (PROMETHEE compares all m * m pairs), "
                         "so screen the table to a few thousand rows and score them in memory")
    if plan.orient and plan.norm == "none" and not mask.all():
        j = int(np.flatnonzero(~mask)[0])
        raise NormalizationError(f"criterion {names[j]!r} is a cost criterion, but normalization 'none' "
                                 "cannot invert it; use 'max', 'minmax', 'sum' or 'vector'")
    return plan


# --- statistics pass --------------------------------------------------------------------------------
def _block_stats(X: FloatArray, where: Any) -> dict[str, Any]:
    """Column statistics of one block ``X`` (k, n); ``where(i)`` names its row ``i`` (a label or a raster cell).

    For each rule (non-finite, negative, zero) the first offending row of every column is kept, so
    the client can report the first cell that breaks a rule on the columns it applies to.
    """
    X = np.asarray(X, dtype=np.float64)
    out: dict[str, Any] = {"k": X.shape[0]}
    for rule, bad in (("nonfinite", ~np.isfinite(X)), ("negative", X < 0), ("zero", X == 0)):
        cols = np.flatnonzero(bad.any(axis=0))
        out[rule] = {int(j): (where(int(np.argmax(bad[:, j]))), float(X[np.argmax(bad[:, j]), j])) for j in cols}
    if out["nonfinite"]:
        return out
    a = np.abs(X).max(axis=0, initial=0.0)
    Y = np.divide(X, a, out=np.zeros_like(X), where=a > 0)
    out.update(a=a, lo=X.min(axis=0, initial=np.inf), hi=X.max(axis=0, initial=-np.inf),
               s1=Y.sum(axis=0), s2=(Y * Y).sum(axis=0),
               sinv=np.divide(1.0, X, out=np.zeros_like(X), where=X > 0).sum(axis=0))
    return out


def _rules(plan: _Plan) -> list[tuple[str, np.ndarray, str]]:
    """(rule, columns it applies to, what it says) for the plan's normalisation (see check_normalizable)."""
    every, cost = np.ones_like(plan.benefit), ~plan.benefit
    rules = [("nonfinite", every, "values must be finite (no NaN or infinity)")]
    verb = "normalization" if plan.orient else "scaling"
    if plan.norm in ("max", "sum") or (plan.kind == "product" and plan.norm == "none"):
        rules.append(("negative", every, f"{verb} {plan.norm!r} needs non-negative values"))
    if plan.norm in ("max", "sum") and plan.orient:
        rules.append(("zero", cost, f"normalization {plan.norm!r} inverts cost criteria (1/x) and needs values > 0 "
                                    "there"))
    if plan.norm == "vector" and plan.orient:
        rules.append(("negative", cost, "normalization 'vector' inverts cost criteria (1 - x/||x||) and needs "
                                        "non-negative values there"))
    return rules


def _combine(parts: list[dict[str, Any]], plan: _Plan, source: str) -> dict[str, Any]:
    """Global statistics from the per-block ones (in block order); a located error for the first bad value."""
    for rule, cols, text in _rules(plan):
        for p in parts:
            hits = [j for j in sorted(p[rule]) if cols[j]]
            if hits:
                where, value = p[rule][hits[0]]
                raise NormalizationError(f"{source}: {where}, column {plan.criteria[hits[0]]!r} = {value!r}: {text}")
    m = sum(p["k"] for p in parts)
    if m == 0:
        raise InputError(f"{source}: no rows to score")
    parts = [p for p in parts if p["k"]]
    a = np.max([p["a"] for p in parts], axis=0)
    s1, s2, sinv = np.zeros_like(a), np.zeros_like(a), np.zeros_like(a)
    for p in parts:  # block sums of x / a_p rescaled to x / a: no overflow; block order
        r = np.divide(p["a"], a, out=np.zeros_like(a), where=a > 0)
        s1 += p["s1"] * r
        s2 += p["s2"] * r * r
        sinv += p["sinv"]
    lo = np.min([p["lo"] for p in parts], axis=0)
    hi = np.max([p["hi"] for p in parts], axis=0)
    return dict(m=m, a=a, lo=lo, hi=hi, s1=s1, s2=s2, sinv=sinv)


# --- scoring pass (the formulas of mcda.kernels.normalize with global statistics) -------------------
def _div(num: Any, den: FloatArray, fill: float, shape: tuple[int, ...]) -> FloatArray:
    out = np.full(shape, fill, dtype=np.float64)
    np.divide(num, den, out=out, where=den > 0)
    return out


def _scale_cols(X: FloatArray, st: dict[str, Any], norm: str) -> FloatArray:
    """``normalize._scale_cols`` of these rows, with the whole table's column statistics."""
    a = st["a"]
    if norm == "none":
        return X.copy()
    Y = _div(X, a, 0.0, X.shape)
    if norm == "minmax":
        lo, hi = _div(st["lo"], a, 0.0, a.shape), _div(st["hi"], a, 0.0, a.shape)
        return _div(Y - lo, hi - lo, 1.0, X.shape)
    if norm == "max":
        return _div(X, a, 1.0, X.shape)
    if norm == "sum":
        return _div(Y, st["s1"], 1.0 / st["m"], X.shape)
    return _div(Y, np.sqrt(st["s2"]), 0.0, X.shape)  # vector


def _invert_cols(X: FloatArray, st: dict[str, Any], norm: str) -> FloatArray:
    """``normalize._invert_cols`` of these rows (cost columns), with the whole table's column statistics."""
    a = st["a"]
    if norm == "minmax":
        Y = _div(X, a, 0.0, X.shape)
        lo, hi = _div(st["lo"], a, 0.0, a.shape), _div(st["hi"], a, 0.0, a.shape)
        return _div(hi - Y, hi - lo, 1.0, X.shape)
    if norm == "vector":
        return 1.0 - _scale_cols(X, st, "vector")
    ratio = _div(np.broadcast_to(st["lo"], X.shape), X, 1.0, X.shape)
    if norm == "max":
        return ratio
    return _div(ratio, st["lo"] * st["sinv"], 1.0 / st["m"], X.shape)  # sum: sum_i min/x_i = min * sum_i 1/x_i


def _sub(st: dict[str, Any], cols: np.ndarray) -> dict[str, Any]:
    return {k: (v[cols] if isinstance(v, np.ndarray) else v) for k, v in st.items()}


def _scores(X: FloatArray, st: dict[str, Any], plan: _Plan) -> FloatArray:
    """Scores of the rows ``X`` (k, n) given the whole table's statistics."""
    X = np.asarray(X, dtype=np.float64)
    b, w = plan.benefit, plan.w
    if plan.kind == "topsis":
        R = _scale_cols(X, st, plan.norm)
        ends = _scale_cols(np.stack([st["hi"], st["lo"]]), st, plan.norm)  # monotone: the column max and min
        ideal, anti = np.where(b, ends[0], ends[1]), np.where(b, ends[1], ends[0])
        ww = w * w
        dp, dm = np.sqrt(((R - ideal) ** 2) @ ww), np.sqrt(((R - anti) ** 2) @ ww)
        total = dp + dm
        return np.divide(dm, total, out=np.full_like(total, 0.5), where=total > 0)
    R = np.empty_like(X)
    R[:, b] = _scale_cols(X[:, b], _sub(st, b), plan.norm)
    if not b.all():
        R[:, ~b] = _invert_cols(X[:, ~b], _sub(st, ~b), plan.norm)
    if plan.kind == "sum":
        return np.asarray(R @ w, dtype=np.float64)
    positive = R > 0
    S = np.exp(np.log(R, out=np.zeros_like(R), where=positive) @ w)
    return np.where((~positive).astype(np.float64) @ (w > 0).astype(np.float64) > 0, 0.0, S)


# --- sources -------------------------------------------------------------------------------------------
def _frame(source: Any, plan: _Plan, keep: Sequence[str]) -> tuple[Any, str]:
    """The Dask DataFrame of ``source`` with the criteria and kept columns, checked from its metadata only."""
    dd = _dask().dataframe
    if isinstance(source, str | os.PathLike):
        name = os.fspath(source)
        try:
            ddf = dd.read_parquet(name)
        except (OSError, ValueError) as exc:
            raise InputError(f"{name}: cannot read as Parquet: {exc}") from exc
    elif isinstance(source, dd.DataFrame):
        ddf, name = source, "table"
    else:
        raise InputError(f"source must be a Parquet path or glob, a Dask DataFrame or a Dask array; "
                         f"got {type(source).__name__}")
    cols = [str(c) for c in ddf.columns]
    for c in (*plan.criteria, *keep):
        if c not in cols:
            raise InputError(f"{name}: no column {c!r}{did_you_mean(c, cols)}; columns: {cols}")
    for c in plan.criteria:
        if ddf.dtypes[c].kind not in "biuf":
            raise InputError(f"{name}: column {c!r} has dtype {ddf.dtypes[c]}, not a number")
    return ddf[[*keep, *dict.fromkeys(plan.criteria)]], name


def _frame_stats(df: pd.DataFrame, criteria: list[str], part: int) -> dict[str, Any]:
    index = df.index
    return _block_stats(df[criteria].to_numpy(np.float64), lambda i: f"row {index[i]!r} (partition {part})")


def _frame_scores(df: pd.DataFrame, st: dict[str, Any], plan: _Plan, keep: list[str]) -> pd.DataFrame:
    out = df[keep].copy()
    out["score"] = _scores(df[list(plan.criteria)].to_numpy(np.float64), st, plan)
    return out


def _compute(client: Any, tasks: list[Any]) -> list[Any]:
    if client is not None:
        return list(client.gather(client.compute(tasks)))
    return list(_dask().compute(*tasks))


def _ranked(scored: Any, client: Any) -> Any:
    """Rows sorted by score, best first, with competition ranks (1 + the number of strictly better rows).

    The sorted scores (the ``keep`` columns and ``score``, not the criteria) are persisted in the
    cluster's memory between the pass that finds where each partition's ranks start and the output.
    """
    dask = _dask()
    ordered = scored.sort_values("score", ascending=False)
    ordered = client.persist(ordered) if client is not None else ordered.persist()  # sorted once, read twice
    ends = _compute(client, [dask.delayed(_ends)(p) for p in ordered.to_delayed()])
    carries, offset, run = [], 0, (None, 0)  # run: (score of the last rows so far, rank of its first row)
    for n, first, last, last_pos in ends:
        carry = run if n and run[0] is not None and first == run[0] else (None, 0)
        carries.append((offset, carry))
        if n:
            run = carry if last == carry[0] else (last, offset + last_pos + 1)
        offset += n
    meta = ordered._meta.assign(rank=np.int64(0))
    return ordered.map_partitions(_rank_part, carries, meta=meta, align_dataframes=False)


def _ends(df: pd.DataFrame) -> tuple[int, float | None, float | None, int]:
    s = -df["score"].to_numpy()
    if not s.size:
        return 0, None, None, 0
    return s.size, float(-s[0]), float(-s[-1]), int(np.searchsorted(s, s[-1], "left"))


def _rank_part(df: pd.DataFrame, carries: list[Any], partition_info: dict[str, Any] | None = None) -> pd.DataFrame:
    offset, (carry_score, carry_rank) = carries[0 if partition_info is None else partition_info["number"]]
    s = -df["score"].to_numpy()
    rank = offset + np.searchsorted(s, s, "left") + 1
    if carry_score is not None:
        rank = np.where(-s == carry_score, carry_rank, rank)
    return df.assign(rank=rank.astype(np.int64))


def score_table(source: Any, criteria: Mapping[str, Any] | Sequence[str], weights: Any,
                method: str | Method = "topsis", *, keep: Sequence[str] = (),
                output: str | os.PathLike[str] | None = None, top_k: int | None = None,
                client: Any = None, **options: Any) -> Any:
    """Score every row of a table, or every cell of a raster, on Dask (see the module docstring).

    Parameters
    ----------
    source : str, path, dask DataFrame or dask Array
        A Parquet file, directory or glob; a Dask DataFrame; or a Dask array ``(rows, cols, criteria)``.
    criteria : mapping or sequence of str
        Column names; a mapping gives each one's direction (``"benefit"``/``"cost"`` or True/False),
        a sequence means every criterion is a benefit. For a raster: one name per band, in band order.
    weights : sequence or mapping of float
        One non-negative weight per criterion, summing to 1 (a mapping: unlisted criteria weigh 0).
    method : str or method object
        ``"topsis"``, ``"wsm"``, ``"wpm"`` or ``"ahp"`` (with their options, e.g. ``normalization``).
    keep : sequence of str
        Table columns copied to the output (e.g. an id).
    output : path, optional
        Write the scored table (``keep`` columns, ``score``, ``rank``) to this Parquet directory and
        return its path.
    top_k : int, optional
        Only the k best rows (a pandas DataFrame, or written to ``output``).
    client : dask.distributed.Client, optional
        Where to compute (default: the current Dask scheduler).

    Returns
    -------
    dask DataFrame sorted by rank (best first) with ``score`` and ``rank``; a pandas DataFrame with
    ``top_k``; the output path with ``output``; for a raster source a Dask array of scores
    ``(rows, cols)``.

    Raises
    ------
    InputError
        Unknown or non-numeric column, bad weights, unsupported method: before any work is scheduled.
    NormalizationError
        A non-finite value, or a value the normalisation cannot take (e.g. a negative or zero value on
        a cost criterion under ``"max"``), naming the row and column, before any score is computed.
    """
    plan = _plan(criteria, weights, method, options)
    if top_k is not None and (isinstance(top_k, bool) or not isinstance(top_k, int) or top_k < 1):
        raise InputError(f"top_k must be a positive integer; got {top_k!r}")
    dask = _dask()
    if isinstance(source, dask.array.Array):
        return _score_raster(source, plan, client)
    ddf, name = _frame(source, plan, list(keep))
    crit = list(plan.criteria)
    parts = ddf.to_delayed()
    stats = _combine(_compute(client, [dask.delayed(_frame_stats)(p, crit, i) for i, p in enumerate(parts)]),
                     plan, name)
    meta = ddf._meta[list(keep)].assign(score=np.float64(0))
    scored = ddf.map_partitions(_frame_scores, stats, plan, list(keep), meta=meta, align_dataframes=False)
    return _deliver(scored, top_k, output, client)


def _deliver(scored: Any, top_k: int | None, output: str | os.PathLike[str] | None, client: Any) -> Any:
    """Ranks of the scored rows: the top k (pandas), or all (Dask, sorted), optionally written to Parquet."""
    if top_k is not None:
        best = _compute(client, [scored.nlargest(top_k, "score")])[0]
        s = -best["score"].to_numpy()
        best = best.assign(rank=(np.searchsorted(s, s, "left") + 1).astype(np.int64))
        if output is None:
            return best
        best.to_parquet(os.fspath(output))
        return os.fspath(output)
    ranked = _ranked(scored, client)
    if output is None:
        return ranked
    task = ranked.to_parquet(os.fspath(output), compute=False)
    _compute(client, [task])
    return os.fspath(output)


def score_study_table(study: Any, profile: Any, method: str | Method = "topsis", **kwargs: Any) -> Any:
    """Score a study whose alternatives are a table (``alternatives: {table: ...}``) on Dask.

    The study's criteria tree, value functions, missing-value policies and profiles apply
    per row, as in memory; see :func:`mcda.scale_study.score_study_table` for the
    parameters and the checks made before any work is scheduled.
    """
    from mcda.scale_study import score_study_table as run

    return run(study, profile, method, **kwargs)


def _score_raster(arr: Any, plan: _Plan, client: Any) -> Any:
    """A score raster ``(rows, cols)`` of a Dask array ``(rows, cols, criteria)`` (statistics computed now)."""
    dask = _dask()
    n = len(plan.criteria)
    if arr.ndim != 3 or arr.shape[2] != n:
        raise InputError(f"raster must have shape (rows, cols, {n}) for {n} criteria; got {arr.shape}")
    if arr.dtype.kind not in "biuf":
        raise InputError(f"raster has dtype {arr.dtype}, not a number")
    arr = arr.rechunk({2: -1})
    r0 = np.cumsum((0, *arr.chunks[0]))
    c0 = np.cumsum((0, *arr.chunks[1]))
    blocks = arr.to_delayed()
    tasks = [dask.delayed(_raster_stats)(blocks[i, j, 0], int(r0[i]), int(c0[j]))
             for i in range(blocks.shape[0]) for j in range(blocks.shape[1])]
    stats = _combine(_compute(client, tasks), plan, "raster")
    return arr.map_blocks(_raster_scores, stats, plan, drop_axis=2, dtype=np.float64)


def _raster_stats(block: np.ndarray, row0: int, col0: int) -> dict[str, Any]:
    cols = block.shape[1]
    return _block_stats(block.reshape(-1, block.shape[2]),
                        lambda i: f"cell ({row0 + i // cols}, {col0 + i % cols})")


def _raster_scores(block: np.ndarray, st: dict[str, Any], plan: _Plan) -> np.ndarray:
    return _scores(block.reshape(-1, block.shape[2]), st, plan).reshape(block.shape[:2])
