"""Score a study whose alternatives are the rows of a Parquet table, on Dask.

A study file may give its alternatives as a table instead of listing them with
evidence items (see ``docs/study_format.md``)::

    alternatives:
      table:
        path: catalogue/*.parquet          # relative to the study file
        id: sku                            # the column naming each row
        columns: {cost.price: price_eur, quality.rating: stars}
        missing: {quality.rating: worst}   # policy for empty cells; default error

:func:`score_study_table` scores every row under one of the study's profiles, with
the criteria tree, value functions and missing-value policies applied per row exactly
as :meth:`mcda.Study.score` applies them to evidence (to rounding, 1e-12). The checks
run in this order, each error naming the file or partition, the row id, the column and
the criterion:

1. from the study and the table's schema (nothing read): the method, unknown
   columns, non-numeric column types;
2. from the Parquet row-group statistics (each file's footer; a row group that breaks
   a rule is then read, two columns of it, to name the row): empty cells where the
   policy is ``error``, empty ids, values outside a value function's domain, negative
   or zero values the normalisation cannot take on linear criteria, and whether the id
   ranges of the row groups are disjoint;
3. in the statistics pass, one task per partition, before any score is computed:
   the same rules for what the metadata could not decide (a Dask DataFrame source,
   statistics a writer left out, NaN stored as a value), ordinal level names,
   duplicate ids (within a partition; across partitions by hashing the ids unless the
   metadata ruled it out), and the rules on the values empty cells are filled with.

Examples
--------
A study of three products in a Parquet file, scored with WSM (product c has no price; the
policy ``worst`` gives it the highest price observed, 20, as it would in memory):

>>> import os, tempfile, pandas as pd, mcda.io
>>> folder = tempfile.mkdtemp()
>>> pd.DataFrame({"sku": ["a", "b", "c"], "price": [10.0, 20.0, None], "stars": [3.0, 5.0, 4.0]}
...              ).to_parquet(os.path.join(folder, "products.parquet"))
>>> text = '''
... title: Products
... alternatives:
...   table: {path: products.parquet, id: sku, columns: {price: price, stars: stars}, missing: {price: worst}}
... criteria:
...   id: root
...   name: Overall
...   children:
...     - {id: price, name: Price, direction: min, scale: {kind: ratio, lower: 0}}
...     - {id: stars, name: Stars, direction: max, scale: {kind: ratio, lower: 0, upper: 5}}
... profiles:
...   - {id: even, weights: {root: {price: 1, stars: 1}}}
... '''
>>> study = mcda.io.loads_study(text, os.path.join(folder, "study.yaml"))
>>> best = score_study_table(study, "even", "wsm", top_k=3, scheduler="synchronous")
>>> print(best.to_string(index=False))
sku  score  rank
  a   0.80     1
  b   0.75     2
  c   0.65     3
"""

from __future__ import annotations

import dataclasses
import os
from collections import Counter
from typing import Any

import numpy as np
import pandas as pd

from mcda import scale
from mcda._table_meta import check_metadata, parquet_files
from mcda._table_rows import Spec, ids_among, partition_scores, partition_stats
from mcda.errors import InputError, MissingEvidenceError, NormalizationError, did_you_mean
from mcda.evidence import scale_worst
from mcda.methods import Method, get_method
from mcda.model import Criterion
from mcda.value_functions import transform, value_benefit
from mcda.weights import tree_weights

__all__ = ["score_study_table"]

_ERRORS: dict[str, type[Exception]] = {"missing": MissingEvidenceError, "value": InputError, "id": InputError}


def _source(path: str, study_path: str | None) -> str:
    if "://" in path or os.path.isabs(path) or study_path is None:
        return path
    return os.path.join(os.path.dirname(study_path), path)


def _frame(source: str, spec: Spec, keep: list[str]) -> Any:
    """The Dask DataFrame of the table's needed columns, checked against its schema (nothing read)."""
    dd = scale._dask().dataframe
    try:
        ddf = dd.read_parquet(source)
    except (OSError, ValueError) as exc:
        raise InputError(f"{source}: cannot read as Parquet: {exc}") from exc
    cols = [str(c) for c in ddf.columns]
    wanted = [(spec.id, "the row ids"), *[(c, f"criterion {leaf.id!r}") for c, leaf in zip(spec.columns, spec.leaves,
                                                                                          strict=True)],
              *[(c, "keep") for c in keep]]
    missing = [f"no column {c!r} for {what}{did_you_mean(c, cols)}" for c, what in wanted if c not in cols]
    if missing:
        raise InputError(f"{source}: {'; '.join(missing)}; columns: {cols}")
    for j, (c, leaf) in enumerate(zip(spec.columns, spec.leaves, strict=True)):
        dtype = ddf.dtypes[c]
        names = pd.api.types.is_string_dtype(dtype) or isinstance(dtype, pd.CategoricalDtype)
        if dtype.kind not in "biuf" and not (spec.levels(j) is not None and names):
            raise InputError(f"{source}: column {c!r} (criterion {leaf.id!r}) has dtype {ddf.dtypes[c]}, not a "
                             "number" + (" or level names" if spec.levels(j) is not None else ""))
    return ddf[list(dict.fromkeys([spec.id, *keep, *spec.columns]))]


def _needs(probe: Any, n: int) -> dict[str, np.ndarray]:
    """Per column, whether the method's normalisation refuses negative values, and zero values."""
    needs = {rule: np.zeros(n, bool) for rule in ("negative", "zero")}
    for rule, cols, _ in scale._rules(probe):
        if rule in needs:
            needs[rule] |= cols
    return needs


def _checked_parts(ddf: Any, spec: Spec, client: Any, source: str) -> list[dict[str, Any]]:
    """The statistics pass: every partition's checks and statistics; the first problem raised, located."""
    dask = scale._dask()
    parts = scale._compute(client, [dask.delayed(partition_stats)(p, spec, i) for i, p in enumerate(ddf.to_delayed())])
    for p in parts:
        if p["problems"]:
            kind, message = p["problems"][0]
            raise _ERRORS[kind](f"{source}: {message}")
    if not sum(p["k"] for p in parts):
        raise InputError(f"{source}: no rows to score")
    _check_ids(parts, ddf, spec, client, source)
    return parts


def _check_ids(parts: list[dict[str, Any]], ddf: Any, spec: Spec, client: Any, source: str) -> None:
    """Duplicate ids across partitions: equal hashes, confirmed on the ids themselves (a collision is not one)."""
    if not spec.hashes:
        return
    h = np.sort(np.concatenate([p["hashes"] for p in parts if p["k"]] or [np.zeros(0, np.uint64)]))
    repeated = np.unique(h[1:][h[1:] == h[:-1]])
    if not repeated.size:
        return
    dask = scale._dask()
    found = scale._compute(client, [dask.delayed(ids_among)(p, spec, repeated) for p in ddf.to_delayed()])
    twice = [x for x, n in Counter(x for ids in found for x in ids).items() if n > 1]
    if twice:
        raise InputError(f"{source}: duplicate id {twice[0]!r} in column {spec.id!r} (in two partitions)")


def _fills(parts: list[dict[str, Any]], spec: Spec, kept: list[int], source: str) -> tuple[np.ndarray, np.ndarray]:
    """Per kept column: how many cells are empty, and the value they are filled with (0 where none are)."""
    empty = np.sum([p["empty"] for p in parts if p["k"]], axis=0)[kept]
    raw_lo = np.min([p["raw_lo"] for p in parts if p["k"]], axis=0)[kept]
    raw_hi = np.max([p["raw_hi"] for p in parts if p["k"]], axis=0)[kept]
    fills = np.zeros(len(kept))
    for i, j in enumerate(kept):
        if not empty[i]:
            continue
        leaf, policy = spec.leaves[j], spec.policies[j]
        worst = scale_worst(leaf) if policy == "scale-worst" else raw_lo[i] if leaf.direction == "max" else raw_hi[i]
        if worst is None or not np.isfinite(worst):
            raise InputError(f"{source}: column {spec.columns[j]!r} (criterion {leaf.id!r}) has empty cells with "
                             f"policy {policy!r} but no value to use: every cell of the column is empty")
        fills[i] = float(transform(leaf, np.array([float(worst)]))[0])
    return empty, fills


def _check_rules(parts: list[dict[str, Any]], plan: Any, spec: Spec, kept: list[int], empty: np.ndarray,
                 fills: np.ndarray, source: str) -> None:
    """The first value (or fill value) the method's normalisation cannot take, located."""
    for rule, cols, text in scale._rules(plan):
        if rule == "nonfinite":
            continue
        for p in parts:
            hits = [i for i, j in enumerate(kept) if cols[i] and j in p[rule]]
            if hits:
                where, value = p[rule][kept[hits[0]]]
                raise NormalizationError(f"{source}: {where} = {value!r}: {text}")
        bad = fills < 0 if rule == "negative" else fills == 0
        filled = np.flatnonzero(cols & (empty > 0) & bad)
        if filled.size:
            i = int(filled[0])
            j = kept[i]
            raise NormalizationError(f"{source}: the {int(empty[i])} empty cells of column {spec.columns[j]!r} "
                                     f"(criterion {spec.leaves[j].id!r}, policy {spec.policies[j]!r}) are filled "
                                     f"with {float(fills[i])!r}: {text}")


def _with_fills(st: dict[str, Any], empty: np.ndarray, fills: np.ndarray) -> dict[str, Any]:
    """The column statistics with ``empty[j]`` more cells of value ``fills[j]`` (no rescaling overflow)."""
    has = empty > 0
    af = np.where(has, np.abs(fills), 0.0)
    a = np.maximum(st["a"], af)
    r_old = np.divide(st["a"], a, out=np.zeros_like(a), where=a > 0)
    r_new = np.divide(af, a, out=np.zeros_like(a), where=a > 0)
    y = np.divide(fills, af, out=np.zeros_like(a), where=af > 0)
    inv = np.divide(empty, fills, out=np.zeros_like(a), where=has & (fills > 0))
    return {**st, "a": a, "s1": st["s1"] * r_old + empty * y * r_new,
            "s2": st["s2"] * r_old * r_old + empty * (y * r_new) ** 2, "sinv": st["sinv"] + inv,
            "lo": np.where(has, np.minimum(st["lo"], fills), st["lo"]),
            "hi": np.where(has, np.maximum(st["hi"], fills), st["hi"])}


def _sub(part: dict[str, Any], kept: list[int]) -> dict[str, Any]:
    """A partition's statistics on the kept columns only (rule hits left out: checked by _check_rules)."""
    if not part["k"]:
        return {"k": 0, "nonfinite": {}, "negative": {}, "zero": {}}
    return {"k": part["k"], "nonfinite": {}, "negative": {}, "zero": {},
            **{key: part[key][kept] for key in ("a", "lo", "hi", "s1", "s2", "sinv")}}


def score_study_table(study: Any, profile: Any, method: str | Method = "topsis", *, scope: str | None = None,
                      keep: tuple[str, ...] | list[str] = (), output: str | os.PathLike[str] | None = None,
                      top_k: int | None = None, client: Any = None, scheduler: str | None = None,
                      **options: Any) -> Any:
    """Score every row of a table study under ``profile`` with ``method`` (see the module docstring).

    Parameters
    ----------
    study : mcda.Study
        A study whose file gives ``alternatives: {table: ...}``.
    profile : str or WeightProfile
        One of the study's profiles (weights or AHP judgements; objective weights are refused on load).
    method : str or method object
        ``"topsis"``, ``"wsm"``, ``"wpm"`` or ``"ahp"`` (:data:`mcda.scale.SUPPORTED_METHODS`), with ``options``.
    scope : str, optional
        A criteria node: only its leaves are scored, with the profile's local weights from there down.
    keep : sequence of str
        More table columns to copy to the output besides the id column.
    output, top_k, client
        As for :func:`mcda.scale.score_table`: write all rows with global ranks to a Parquet directory,
        return only the k best rows (pandas), and the Dask client to compute on (default: the current one).
    scheduler : str, optional
        A Dask scheduler name for this call when no client is given (``"synchronous"``, ``"threads"``):
        the passes and the sort run there, and a returned Dask DataFrame is computed with
        ``.compute(scheduler=...)``.

    Returns
    -------
    As :func:`mcda.scale.score_table`: a Dask DataFrame sorted by rank, a pandas DataFrame (``top_k``) or
    the output path; the columns are the id column, ``keep``, ``score`` and ``rank``.

    Raises
    ------
    InputError
        A study without a table, an unsupported method, an unknown or non-numeric column, a value outside a
        value function's domain or an ordinal scale, an empty or duplicate id, a column that is all empty.
    MissingEvidenceError
        An empty cell on a criterion whose missing policy is ``error``.
    NormalizationError
        A value (or fill value) the method's normalisation cannot take.
    """
    if scheduler is not None:
        with scale._dask().config.set({"scheduler": scheduler, "dataframe.shuffle.method": "tasks"}):
            return score_study_table(study, profile, method, scope=scope, keep=keep, output=output, top_k=top_k,
                                     client=client, **options)
    table = study.model.table
    if table is None:
        raise InputError("this study lists its alternatives (no `alternatives: {table: ...}`); score it in memory "
                         "with study.score(profile, method)")
    prof, meth = study.profile(profile), get_method(method, **options)
    leaves: list[Criterion] = [study.model.criteria.find(c) for c in study._scope_leaves(scope)]
    spec = Spec(table.id, tuple(leaves), tuple(table.columns[c.id] for c in leaves),
                tuple(table.policy(c.id) for c in leaves))
    probe = scale._plan({c.id: value_benefit(c) for c in leaves}, np.full(len(leaves), 1.0 / len(leaves)), meth, {})
    if top_k is not None and (isinstance(top_k, bool) or not isinstance(top_k, int) or top_k < 1):
        raise InputError(f"top_k must be a positive integer; got {top_k!r}")
    source = _source(table.path, study.path)
    ddf = _frame(source, spec, list(keep))
    files = parquet_files(source)
    spec = dataclasses.replace(spec, hashes=not (files and check_metadata(files, spec, _needs(probe, len(leaves)))))
    parts = _checked_parts(ddf, spec, client, source)
    empty_all = np.sum([p["empty"] for p in parts if p["k"]], axis=0)
    excluded = tuple(c.id for j, c in enumerate(leaves) if spec.policies[j] == "exclude-criterion" and empty_all[j])
    kept = [j for j, c in enumerate(leaves) if c.id not in excluded]
    if not kept:
        raise InputError(f"{source}: every criterion in scope is excluded by its 'exclude-criterion' policy")
    ew = tree_weights(study.model.criteria, prof, scope, excluded, {})
    plan = scale._plan({leaves[j].id: value_benefit(leaves[j]) for j in kept},
                       [ew.leaves[leaves[j].id] for j in kept], meth, {})
    empty, fills = _fills(parts, spec, kept, source)
    _check_rules(parts, plan, spec, kept, empty, fills, source)
    stats = _with_fills(scale._combine([_sub(p, kept) for p in parts], plan, source), empty, fills)
    meta = ddf._meta[list(dict.fromkeys([spec.id, *keep]))].assign(score=np.float64(0))
    scored = ddf.map_partitions(partition_scores, spec, np.asarray(kept), fills, stats, plan, list(keep), meta=meta,
                                align_dataframes=False)
    return scale._deliver(scored, top_k, output, client)
