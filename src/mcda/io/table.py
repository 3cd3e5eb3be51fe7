"""Decision matrices from tables (CSV files or DataFrames) as studies.

A table gives one row per alternative and one numeric column per criterion.
:func:`study_from_frame` turns it into a flat study (root -> one leaf per
column) with one evidence item per cell citing the table as its source, so
every result keeps its provenance.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from mcda._lazy import lazy_module
from mcda.errors import Problem, StudyValidationError
from mcda.model import StudyModel
from mcda.study import Study

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

__all__ = ["read_table_study", "study_from_frame"]

_SAFE = re.compile(r"[^A-Za-z0-9_.\-]+")


def _safe_id(text: str) -> str:
    out = _SAFE.sub("_", str(text).strip()).strip("._-")
    return out or "x"


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
    alt_ids = [_safe_id(a) for a in frame.index]
    for i, (alt, row) in enumerate(frame.iterrows()):
        for c, value in zip(cols, row.tolist(), strict=True):
            ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
            if not ok:
                problems.append(Problem(f"row {i + 1} ({alt}), column {c!r}",
                                        f"cell must be a finite number, got {value!r}", file, i + 2))
                continue
            evidence.append({"id": f"cell.{alt_ids[i]}.{_safe_id(c)}", "alternative": alt_ids[i],
                             "criterion": _safe_id(c), "value": float(value), "sources": ["table"]})
    w = {str(k): v for k, v in weights.items()} if weights is not None else {c: 1.0 for c in cols}
    for c in cols:
        x = w.get(c)
        if not (isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x) and x >= 0):
            problems.append(Problem(f"weights[{c!r}]", f"needs a finite non-negative weight, got {x!r}", file))
    if problems:
        raise StudyValidationError(problems, file)
    model = StudyModel.model_validate({
        "title": title,
        "alternatives": [{"id": a, "name": str(name)} for a, name in zip(alt_ids, frame.index, strict=True)],
        "criteria": {"id": "root", "name": title, "children": [
            {"id": _safe_id(c), "name": c, "direction": directions[c], "scale": {"kind": "ratio"}} for c in cols]},
        "sources": [{"id": "table", "title": source, "kind": "dataset"}],
        "evidence": evidence,
        "profiles": [{"id": "given", "description": "weights given with the table",
                      "weights": {"root": {_safe_id(c): float(w[c]) for c in cols}}}],
    })
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
    try:
        frame = pd.read_csv(file, index_col=index_col)
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise StudyValidationError([Problem("", f"cannot read CSV: {exc}", file)], file) from None
    return study_from_frame(frame, directions, weights, title=title or os.path.basename(file),
                            source=os.path.basename(file), file=file)

