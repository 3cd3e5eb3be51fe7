"""Compact HTML for notebooks (``_repr_html_``): small escaped tables, float noise rounded away.

Used by the result classes of every layer; pure formatting, no computation.

Examples
--------
>>> clean(5.55e-17), clean(0.30000000000000004)
(0.0, 0.3)
>>> "<table" in html_frame(__import__("pandas").DataFrame({"x": [1.0]}))
True
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from html import escape
from typing import TYPE_CHECKING, Any

import numpy as np

from mcda._lazy import lazy_module

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

__all__ = ["clean", "html_block", "html_frame", "html_pairs"]

#: Significant digits shown; values smaller than ``NOISE`` in magnitude show as 0.
DIGITS = 12
NOISE = 1e-12


def clean(x: Any) -> Any:
    """A float rounded to :data:`DIGITS` significant digits, with ``|x| < NOISE`` shown as 0.0."""
    if isinstance(x, bool | np.bool_) or not isinstance(x, float | np.floating):
        return x
    v = float(x)
    if not math.isfinite(v):
        return v
    if abs(v) < NOISE:
        return 0.0
    return float(f"{v:.{DIGITS}g}")


def _cell(x: Any) -> str:
    x = clean(x)
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if isinstance(x, float):
        if x == 0:
            return "0"
        if abs(x) < 1e-3 or abs(x) >= 1e6:
            return f"{x:.4g}"
        return f"{x:.4f}".rstrip("0").rstrip(".")
    return escape(str(x))


def html_frame(df: pd.DataFrame, max_rows: int = 40, index: bool = True) -> str:
    """A DataFrame as a compact, escaped HTML table (at most ``max_rows`` rows, then a count)."""
    shown = df.head(max_rows)
    cols = [" / ".join(map(str, c)) if isinstance(c, tuple) else str(c) for c in shown.columns]
    head = ("<th>" + escape(str(shown.index.name or "")) + "</th>" if index else "") + "".join(
        f"<th>{escape(c)}</th>" for c in cols)
    rows = []
    for key, row in zip(shown.index, shown.itertuples(index=False), strict=True):
        label = " / ".join(map(str, key)) if isinstance(key, tuple) else str(key)
        cells = (f"<th>{escape(label)}</th>" if index else "") + "".join(f"<td>{_cell(v)}</td>" for v in row)
        rows.append(f"<tr>{cells}</tr>")
    more = f"<p><small>{len(df) - max_rows} more rows</small></p>" if len(df) > max_rows else ""
    return (f'<table class="mcda"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>{more}')


def html_pairs(pairs: Mapping[str, Any]) -> str:
    """Name/value pairs as a two-column table."""
    rows = "".join(f"<tr><th>{escape(str(k))}</th><td>{_cell(v)}</td></tr>" for k, v in pairs.items())
    return f'<table class="mcda"><tbody>{rows}</tbody></table>'


def html_block(title: str, parts: Iterable[str], notes: Iterable[str] = ()) -> str:
    """A titled block of already-built HTML parts and escaped notes."""
    note = "".join(f"<p><small>{escape(n)}</small></p>" for n in notes)
    return f'<div class="mcda-result"><b>{escape(title)}</b>{"".join(parts)}{note}</div>'
