"""More figures of :mod:`mcda.plot`: contributions, method agreement, verdict robustness, the weights
tree, the evidence confidence matrix, and a minimum weight change before/after.

As in :mod:`mcda.plot`, each function draws exactly the numbers of the object or
frame it is given (nothing is computed here beyond choosing what to show) and
returns the Axes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from mcda._plotting import new_axes as _axes
from mcda._plotting import require_frame as _require
from mcda.errors import InputError
from mcda.results import ScoreResult, WeightChange
from mcda.weights import EffectiveWeights

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["agreement_plot", "contributions_plot", "evidence_plot", "min_change_plot", "verdicts_plot",
           "weights_plot"]

POS, NEG = "#0072B2", "#D55E00"


def contributions_plot(result: ScoreResult, *, top: int = 12, benefit: dict[str, bool] | None = None,
                       ax: Axes | None = None) -> Axes:
    """Why the leader leads: each criterion's part of the gap to the runner-up, as diverging bars.

    The parts are those of :func:`mcda.report.gap_contributions` (exact for WSM,
    AHP and, in logs, WPM); the ``top`` largest are drawn, the rest summed in one bar.

    Examples
    --------
    >>> import mcda
    >>> study = mcda.load_study("tests/data/laptops.yaml")
    >>> ax = contributions_plot(study.score("balanced", "wsm"))
    >>> ax.get_title()
    'alpha vs beta (wsm)'
    """
    from mcda.report import gap_contributions

    if not isinstance(result, ScoreResult):
        raise InputError(f"result must be a ScoreResult; got {type(result).__name__}")
    gc = gap_contributions(result, benefit)
    if gc is None:
        raise InputError("one alternative only: there is no gap to explain")
    s = gc.contributions
    order = list(s.abs().sort_values(ascending=False, kind="stable").index)
    labels, values = [str(c) for c in order[:top]], [float(s[c]) for c in order[:top]]
    if len(order) > top:
        labels.append(f"{len(order) - top} other criteria")
        values.append(float(s[order[top:]].sum()))
    ax = _axes(ax, (6.4, 0.8 + 0.3 * len(labels)))
    y = np.arange(len(labels))
    ax.barh(y, values, color=[POS if v >= 0 else NEG for v in values], height=0.6)
    ax.axvline(0.0, color="0.2", linewidth=0.8)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlabel(f"{gc.measure} (positive favours {gc.leader})")
    ax.set_title(f"{gc.leader} vs {gc.runner_up} ({gc.method})")
    return ax


def agreement_plot(ranks: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Method agreement: each alternative's rank (rows) under each method (columns), joined by lines.

    ``ranks`` is :meth:`mcda.Study.rank_table` (also ``compare_methods(...).attrs["ranks"]``),
    1 = best.

    Examples
    --------
    >>> import mcda
    >>> study = mcda.load_study("tests/data/laptops.yaml")
    >>> ranks = study.rank_table("balanced", ["wsm", "topsis", "vikor"])
    >>> [ln.get_label() for ln in agreement_plot(ranks).get_lines()]
    ['alpha', 'beta', 'gamma']
    """
    _require(ranks, [], "ranks")
    ax = _axes(ax, (1.6 + 0.9 * ranks.shape[1], 0.8 + 0.45 * len(ranks)))
    x = np.arange(ranks.shape[1])
    for alt, row in ranks.iterrows():
        ax.plot(x, row.to_numpy(dtype=float), marker="o", linewidth=2.5, alpha=0.85, label=str(alt))
    ax.set_xticks(x, [str(c) for c in ranks.columns], rotation=30, ha="right")
    ax.set_yticks(np.arange(1, len(ranks) + 1))
    ax.invert_yaxis()
    ax.set_ylabel("rank (1 = best)")
    ax.set_xlabel("method")
    ax.set_title("Ranks across methods")
    ax.legend(fontsize="small", loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    return ax


def verdicts_plot(verdicts: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Verdict robustness: P(holds) ± SE per (verdict, method), blue where the verdict holds now.

    ``verdicts`` is :meth:`mcda.Study.check_verdicts` output with robustness
    (columns ``id``, ``method``, ``holds``, ``p_holds``, ``p_holds_se``).

    Examples
    --------
    >>> import mcda
    >>> study = mcda.load_study("tests/data/laptops.yaml")
    >>> ax = verdicts_plot(study.check_verdicts(n_samples=500))
    >>> len(ax.patches)
    3
    """
    _require(verdicts, ["id", "method", "holds", "p_holds", "p_holds_se"], "verdicts")
    labels = [f"{i} ({m})" for i, m in zip(verdicts["id"], verdicts["method"], strict=True)]
    p = verdicts["p_holds"].to_numpy(dtype=float)
    ax = _axes(ax, (6.4, 0.8 + 0.3 * len(labels)))
    y = np.arange(len(labels))
    colours = [POS if h else NEG for h in verdicts["holds"].astype(bool)]
    ax.barh(y, p, xerr=verdicts["p_holds_se"].to_numpy(dtype=float), color=colours, height=0.6, capsize=2)
    ax.axvline(0.5, color="0.5", linewidth=0.8, linestyle=":")
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlim(0.0, 1.0)
    ax.set_xlabel("P(holds) under weight and evidence uncertainty (blue: holds at the profile)")
    ax.set_title("Verdict robustness")
    return ax


def weights_plot(weights: EffectiveWeights, *, ax: Axes | None = None) -> Axes:
    """The weights tree: global weight of every leaf, grouped under its parent node (labelled).

    Examples
    --------
    >>> import mcda
    >>> ax = weights_plot(mcda.load_study("tests/data/laptops.yaml").weights("power_user"))
    >>> [round(float(p.get_width()), 4) for p in ax.patches]
    [0.1667, 0.5, 0.1667, 0.1667]
    """
    if not isinstance(weights, EffectiveWeights):
        raise InputError(f"weights must be EffectiveWeights (Study.weights); got {type(weights).__name__}")
    parent = {child: node for node, kids in weights.local.items() for child in kids}
    leaves = list(weights.leaves)
    groups = list(dict.fromkeys(parent.get(c, weights.scope) for c in leaves))
    order = [c for g in groups for c in leaves if parent.get(c, weights.scope) == g]
    ax = _axes(ax, (6.4, 0.8 + 0.28 * len(order)))
    y = np.arange(len(order))
    colours: dict[str, Any] = {g: f"C{k % 10}" for k, g in enumerate(groups)}
    for g in groups:
        idx = [j for j, c in enumerate(order) if parent.get(c, weights.scope) == g]
        ax.barh(y[idx], [weights.leaves[order[j]] for j in idx], color=colours[g], height=0.7,
                label=f"{g} ({weights.global_weights.get(g, 1.0):.3f})")
    ax.set_yticks(y, order)
    ax.invert_yaxis()
    ax.set_xlabel("global weight")
    ax.set_title(f"Weights · profile {weights.profile}")
    ax.legend(fontsize="small", title="parent (its global weight)", loc="center left", bbox_to_anchor=(1.01, 0.5),
              frameon=False)
    return ax


def evidence_plot(confidence: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """The evidence matrix: confidence of every cell (alternatives x leaves); 0 marks a declared gap.

    ``confidence`` is :meth:`mcda.Study.matrix` with ``bound="confidence"``.

    Examples
    --------
    >>> import mcda
    >>> ax = evidence_plot(mcda.load_study("tests/data/laptops.yaml").matrix(bound="confidence"))
    >>> ax.images[0].get_array().shape
    (3, 4)
    """
    _require(confidence, [], "confidence")
    data = confidence.to_numpy(dtype=float)
    ax = _axes(ax, (1.5 + 0.32 * data.shape[1], 1.2 + 0.4 * data.shape[0]))
    img = ax.imshow(data, vmin=0.0, vmax=1.0, cmap="viridis", aspect="auto")
    for (i, j), v in np.ndenumerate(data):
        ax.text(j, i, "gap" if v == 0 else f"{v:.2f}", ha="center", va="center", fontsize="x-small",
                color="white" if v < 0.6 else "black")
    ax.set_xticks(np.arange(data.shape[1]), [str(c) for c in confidence.columns], rotation=60, ha="right")
    ax.set_yticks(np.arange(data.shape[0]), [str(a) for a in confidence.index])
    ax.set_xlabel("leaf criterion")
    ax.set_title("Evidence confidence per cell (gap: declared missing)")
    ax.figure.colorbar(img, ax=ax, label="confidence")
    return ax


def min_change_plot(change: WeightChange | pd.DataFrame, *, top: int = 12, ax: Axes | None = None) -> Axes:
    """The smallest weight change that overturns a claim: weights before and after, for the leaves that move.

    ``change`` is :meth:`mcda.Study.weight_change` or the :meth:`mcda.Study.min_change` frame.

    Examples
    --------
    >>> import mcda
    >>> ax = min_change_plot(mcda.load_study("tests/data/laptops.yaml").weight_change("balanced", "wsm"))
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['before', 'after']
    """
    df = change.to_frame() if isinstance(change, WeightChange) else change
    _require(df, ["weight", "new_weight", "change"], "change")
    moved = df[df["change"].abs() > 1e-9]
    shown = moved.reindex(moved["change"].abs().sort_values(ascending=False, kind="stable").index[:top])
    ax = _axes(ax, (6.4, 1.0 + 0.45 * max(len(shown), 1)))
    y = np.arange(len(shown))
    ax.barh(y - 0.2, shown["weight"].to_numpy(dtype=float), height=0.4, color="0.6", label="before")
    ax.barh(y + 0.2, shown["new_weight"].to_numpy(dtype=float), height=0.4, color=NEG, label="after")
    ax.set_yticks(y, [str(c) for c in shown.index])
    ax.invert_yaxis()
    ax.set_xlabel("leaf weight")
    leader = df.attrs.get("leader_after")
    l1 = df.attrs.get("l1")
    ax.set_title("Minimum weight change" + (f": L1 {l1:.3f}, then {leader} leads" if leader and l1 is not None
                                            else ": none overturns the claim"))
    ax.legend(fontsize="small", loc="lower right")
    return ax
