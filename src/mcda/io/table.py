"""Decision matrices from tables (CSV files or DataFrames) as studies.

A table gives one row per alternative and one numeric column per criterion.
:func:`study_from_frame` turns it into a flat study (root -> one leaf per
column) with one evidence item per cell citing the table as its source, so
every result keeps its provenance.
"""

from __future__ import annotations

import io
import math
import os
import re
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING

from pydantic import ValidationError

from mcda._lazy import lazy_module
from mcda.errors import Problem, StudyValidationError
from mcda.io.reader import read_bounded
from mcda.io.yaml_loader import MAX_BYTES
from mcda.model import StudyModel
from mcda.model.profiles import RULE_KEYS
from mcda.study import Study

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

__all__ = ["read_table_study", "study_from_frame"]

_SAFE = re.compile(r"[^A-Za-z0-9_.\-]+")
_MAX_ID = 64
#: Ids a column cannot have: the root node's, and the keys of weight rules (``method``, ``scale``, ...).
_RESERVED = frozenset({"root"}) | RULE_KEYS


def _safe_id(text: str) -> str:
    out = _SAFE.sub("_", str(text).strip()).strip("._-")[:_MAX_ID].rstrip("._-")
    return out or "x"


def _unique_ids(labels: list[str], reserved: frozenset[str] = frozenset()) -> list[str]:
    """ASCII ids for ``labels``: safe characters, at most 64 long, unique (``_2``, ``_3``, ... on a clash).

    Examples
    --------
    >>> _unique_ids(["Unit price (€)", "Unit price ($)", "root"], frozenset({"root"}))
    ['Unit_price', 'Unit_price_2', 'root_2']
    """
    used = set(reserved)
    out = []
    for label in labels:
        base = _safe_id(label)
        candidate, k = base, 1
        while candidate in used:
            k += 1
            candidate = f"{base}_{k}"
        used.add(candidate)
        out.append(candidate)
    return out


def _renames(kind: str, labels: list[str], ids: list[str]) -> list[str]:
    return [f"{kind} {label[:40]!r}{'...' if len(label) > 40 else ''} has id {i!r}"
            for label, i in zip(labels, ids, strict=True) if label != i]


_validate = StudyModel.model_validate


def study_from_frame(
    frame: pd.DataFrame,
    directions: Mapping[str, str],
    weights: Mapping[str, float] | None = None,
    *,
    title: str = "Table study",
    source: str = "table",
    file: str | None = None,
) -> Study:
    """A flat :class:`~mcda.Study` from a DataFrame (index: alternatives, columns: criteria).

    Labels become ASCII ids (unique, at most 64 characters, never ``root`` or a
    weight-rule key such as ``method``); the labels stay as names, and every label
    whose id differs is listed in one :class:`UserWarning`.

    Parameters
    ----------
    frame:
        Numeric values; the index names the alternatives.
    directions:
        ``{column: "max" | "min"}`` for every column.
    weights:
        ``{column: weight}`` for profile ``"given"``; default equal weights.
    title, source, file:
        Study title, source title, and the file name used in error messages.

    Raises
    ------
    StudyValidationError
        Naming the row and column of every non-numeric or non-finite cell, and
        every column without a direction.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"price": [900, 1200], "speed": [6, 9]}, index=["a", "b"])
    >>> s = study_from_frame(df, {"price": "min", "speed": "max"})
    >>> s.score("given", "wsm").ranking
    ['b', 'a']
    """
    problems: list[Problem] = []
    cols = [str(c) for c in frame.columns]
    for c in cols:
        if directions.get(c) not in ("max", "min"):
            problems.append(Problem(f"column {c!r}", f"needs a direction 'max' or 'min', got "
                                    f"{directions.get(c)!r}", file))
    for extra in sorted(set(directions) - set(cols)):
        problems.append(Problem(f"column {extra!r}", "has a direction but is not in the table", file))
    evidence = []
    labels = [str(a) for a in frame.index]
    alt_ids = _unique_ids(labels)
    crit_ids = dict(zip(cols, _unique_ids(cols, _RESERVED), strict=True)) if len(set(cols)) == len(cols) else {}
    if len(set(cols)) != len(cols):
        dup = sorted({c for c in cols if cols.count(c) > 1})
        problems.append(Problem(f"column {dup[0]!r}", "appears more than once in the table; column labels "
                                "must be unique", file))
    bad_cells: dict[int, list[str]] = {}
    first_bad: dict[int, int] = {}
    for i, (alt, row) in enumerate(frame.iterrows()):
        for j, (c, value) in enumerate(zip(cols, row.tolist(), strict=True)):
            ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
            if not ok:
                bad_cells.setdefault(j, []).append(f"row {i + 1} ({alt}): {value!r}")
                first_bad.setdefault(j, i)
                continue
            evidence.append({"id": f"cell.{i + 1}.{j + 1}", "alternative": alt_ids[i],
                             "criterion": crit_ids.get(c, "x"), "value": float(value), "sources": ["table"]})
    for j, cells in bad_cells.items():  # one problem per column, not one per cell
        more = f" and {len(cells) - 3} more" if len(cells) > 3 else ""
        problems.append(Problem(f"column {cols[j]!r}", f"every cell must be a finite number; {len(cells)} "
                                f"{'is' if len(cells) == 1 else 'are'} not: {', '.join(cells[:3])}{more}",
                                file, first_bad[j] + 2))
    w = {str(k): v for k, v in weights.items()} if weights is not None else {c: 1.0 for c in cols}
    for c in cols:
        x = w.get(c)
        if not (isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x) and x >= 0):
            problems.append(Problem(f"weights[{c!r}]", f"needs a finite non-negative weight, got {x!r}", file))
    if problems:
        raise StudyValidationError(problems, file)
    renamed = _renames("row", labels, alt_ids) + _renames("column", cols, [crit_ids[c] for c in cols])
    if renamed:
        warnings.warn("table labels that are not ids keep their text as the name: " + "; ".join(renamed),
                      UserWarning, stacklevel=2)
    try:
        model = _validate({
        "title": title,
        "alternatives": [{"id": a, "name": label} for a, label in zip(alt_ids, labels, strict=True)],
        "criteria": {"id": "root", "name": title, "children": [
            {"id": crit_ids[c], "name": c, "direction": directions[c], "scale": {"kind": "ratio"}} for c in cols]},
        "sources": [{"id": "table", "title": source, "kind": "dataset"}],
        "evidence": evidence,
        "profiles": [{"id": "given", "description": "weights given with the table",
                      "weights": {"root": {crit_ids[c]: float(w[c]) for c in cols}}}],
        })
    except ValidationError as exc:  # e.g. a title that is not text
        raise StudyValidationError([Problem(".".join(map(str, e["loc"])), e["msg"], file)
                                    for e in exc.errors()], file) from None
    return Study(model, file)


def read_table_study(
    path: str | os.PathLike[str],
    directions: Mapping[str, str],
    weights: Mapping[str, float] | None = None,
    *,
    index_col: str | int = 0,
    title: str | None = None,
) -> Study:
    """A flat study from a CSV file (first column: alternative names). See :func:`study_from_frame`.

    Examples
    --------
    >>> s = read_table_study("examples/data/suppliers.csv",
    ...                      {"unit_price_eur": "min", "lead_time_days": "min", "defect_rate_ppm": "min",
    ...                       "capacity_units_per_week": "max", "certifications": "max"})
    >>> s.alternatives[:2]
    ['Northwind_Metals', 'Baltic_Castings']
    """
    file = os.fspath(path)
    raw = read_bounded(file, MAX_BYTES, "table")
    try:
        header = pd.read_csv(io.BytesIO(raw), nrows=0)
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise StudyValidationError([Problem("", f"cannot read CSV: {exc}", file, 1)], file) from None
    names = [str(c) for c in header.columns]
    if isinstance(index_col, bool) or not (
            (isinstance(index_col, int) and -len(names) <= index_col < len(names)) or index_col in names):
        raise StudyValidationError([Problem("index_col", f"{index_col!r} is not a column of the table: give a "
                                            f"position 0..{len(names) - 1} or one of {names[:8]}", file, 1)], file)
    try:
        frame = pd.read_csv(io.BytesIO(raw), index_col=index_col)
    except (ValueError, IndexError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise StudyValidationError([Problem("", f"cannot read CSV: {exc}", file)], file) from None
    return study_from_frame(frame, directions, weights, title=title or os.path.basename(file),
                            source=os.path.basename(file), file=file)

