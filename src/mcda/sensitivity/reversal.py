"""Rank-reversal checks: does the order of two alternatives depend on a third one?

A method is free of rank reversal when adding or removing an alternative
never swaps two others (Belton & Gear 1983 for AHP; Wang & Triantaphyllou 2008
for TOPSIS and ELECTRE, whose test criteria 1 and 2 these checks follow). Three checks:

* ``"remove"``: drop each alternative in turn and re-score the rest;
* ``"copy"``: add an exact copy of each alternative in turn;
* ``"add"``: add given new alternatives (default: one alternative that is
  worst on every criterion, dominated by all the others).

A pair counts as reversed when it was strictly ordered before (gap above
``rtol`` times the largest |score|) and strictly ordered the other way after.
Normalisations that depend on the set of alternatives (x/max, vector, min-max,
and the TOPSIS ideal points) are what make reversals possible; WSM on raw
values (``normalization="none"``) never reverses.

References
----------
Belton, V. and Gear, T. (1983). On a short-coming of Saaty's method of analytic
hierarchies. Omega 11(3), 228-230.
Wang, X. and Triantaphyllou, E. (2008). Ranking irregularities when evaluating
alternatives by using some ELECTRE methods. Omega 36(1), 45-63.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from mcda import defaults
from mcda._lazy import lazy_module
from mcda._order import weights_before_benefit
from mcda._params import positive
from mcda._types import ArrayLike, FloatArray, IntArray
from mcda.errors import InputError
from mcda.methods import Method
from mcda.sensitivity._common import resolve_method, validated_problem

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

__all__ = ["ReversalReport", "rank_reversal"]

CHECKS = ("remove", "copy", "add")


@dataclass(frozen=True)
class ReversalReport:
    """Reversed pairs found by the checks.

    Attributes
    ----------
    check : ndarray of str, shape (p,)
        "remove", "copy" or "add".
    subject : ndarray of int, shape (p,)
        The removed or copied alternative, or the index of the added row.
    ahead, behind : ndarray of int, shape (p,)
        The pair as ordered originally; after the change ``behind`` leads ``ahead``.
    checks_run : int
        How many modified problems were scored.
    method : str
    n_alternatives : int
    """

    check: np.ndarray
    subject: IntArray
    ahead: IntArray
    behind: IntArray
    checks_run: int
    method: str
    n_alternatives: int

    def __len__(self) -> int:
        return int(self.ahead.size)

    def to_frame(self, alternatives: list[str] | None = None) -> pd.DataFrame:
        """One row per reversed pair: check, subject, ahead, behind."""
        alts = np.asarray(alternatives or [f"a{i}" for i in range(self.n_alternatives)], dtype=object)
        subj = [f"added[{s}]" if c == "add" else alts[s] for c, s in zip(self.check, self.subject, strict=True)]
        return pd.DataFrame({"check": self.check, "subject": subj, "ahead": alts[self.ahead],
                             "behind": alts[self.behind], "method": self.method})

    def _repr_html_(self) -> str:
        """Notebook display: the reversed pairs."""
        from mcda._display import html_block, html_frame

        return html_block(f"Rank reversal checks ({self.method}): {len(self)} reversed pair(s) in "
                          f"{self.checks_run} checks", [html_frame(self.to_frame(), index=False)])


def _order(s: FloatArray, higher: bool, rtol: float) -> np.ndarray:
    """Strict order matrix: +1 where i is ahead of k, -1 behind, 0 tied within tolerance."""
    key = s if higher else -s
    tol = rtol * max(float(np.abs(s).max()), 1e-300)
    d = key[:, None] - key[None, :]
    return np.where(d > tol, 1, np.where(d < -tol, -1, 0))


@weights_before_benefit
def rank_reversal(
    X: ArrayLike,
    w: ArrayLike,
    benefit: ArrayLike,
    method: str | Method = defaults.METHOD,
    *,
    checks: Sequence[str] = CHECKS,
    added: ArrayLike | None = None,
    rtol: float = 1e-9,
    **options: Any,
) -> ReversalReport:
    """Pairs whose order reverses when an alternative is removed, copied or added.

    Parameters
    ----------
    X : array_like, shape (m, n)
    w : array_like, shape (n,)
    benefit : array_like of bool, shape (n,)
        The order ``(X, w, benefit)`` is the kernels' ``(X, W, benefit)``; the old
        ``(X, benefit, w)`` still works, with a DeprecationWarning, until 0.2.
    method : str or method object
    checks : sequence of {"remove", "copy", "add"}
    added : array_like, shape (k, n), optional
        Rows to add one at a time in the "add" check (default: the worst value of each column).
    rtol : float
        Scores closer than ``rtol`` times the largest |score| count as tied.

    Examples
    --------
    TOPSIS with vector normalisation: a0 edges out a1 (0.5321 to 0.5312), but
    without a2 the order flips (0.352 to 0.648).

    >>> X = [[1.0, 5.0], [3.0, 3.0], [5.0, 0.5]]
    >>> rep = rank_reversal(X, [0.5, 0.5], [True, True], "topsis", checks=["remove"])
    >>> rep.to_frame()[["check", "subject", "ahead", "behind"]].values.tolist()
    [['remove', 'a2', 'a0', 'a1']]
    """
    rtol = positive(rtol, "rtol", allow_zero=True, maximum=1.0)
    arr, mask, wv = validated_problem(X, benefit, w)
    if wv is None:
        raise InputError("rank_reversal needs the weights w")
    bad = [c for c in checks if c not in CHECKS]
    if bad:
        raise InputError(f"unknown check(s) {bad}; choose from {', '.join(CHECKS)}")
    meth = resolve_method(method, options)
    m = arr.shape[0]
    higher = meth.higher_is_better
    base = _order(np.asarray(meth.scores(arr, wv, mask)), higher, rtol)
    worst = np.where(mask, arr.min(axis=0), arr.max(axis=0))[None, :]
    extra = worst if added is None else np.atleast_2d(np.asarray(added, dtype=np.float64))
    if extra.shape[1:] != (arr.shape[1],):
        raise InputError(f"added rows must have {arr.shape[1]} columns; got shape {extra.shape}")
    cases: list[tuple[str, int, FloatArray, IntArray]] = []  # (check, subject, matrix, original positions)
    keep_all = np.arange(m)
    for r in range(m) if "remove" in checks else ():
        cases.append(("remove", r, np.delete(arr, r, axis=0), np.delete(keep_all, r)))
    for r in range(m) if "copy" in checks else ():
        cases.append(("copy", r, np.vstack([arr, arr[r]]), keep_all))
    for r in range(extra.shape[0]) if "add" in checks else ():
        cases.append(("add", r, np.vstack([arr, extra[r]]), keep_all))
    rows: list[tuple[str, int, int, int]] = []
    for check, subject, Xc, pos in cases:
        after = _order(np.asarray(meth.scores(Xc, wv, mask))[: pos.size], higher, rtol)
        before = base[np.ix_(pos, pos)]
        ii, kk = np.nonzero((before == 1) & (after == -1))
        rows += [(check, subject, int(pos[i]), int(pos[k])) for i, k in zip(ii, kk, strict=True)]
    return ReversalReport(
        check=np.array([r[0] for r in rows], dtype=object), subject=np.array([r[1] for r in rows], dtype=np.int64),
        ahead=np.array([r[2] for r in rows], dtype=np.int64), behind=np.array([r[3] for r in rows], dtype=np.int64),
        checks_run=len(cases), method=meth.name, n_alternatives=m,
    )
