"""Figures for sweeps, tipping points and SMAA-2 results (needs matplotlib: the ``plot`` extra).

Every function takes the labelled DataFrame a :class:`mcda.Study` method returns
(or, for SMAA, an :class:`~mcda.sensitivity.SMAAResult`), draws on ``ax`` (a new
figure when omitted) and returns the Axes, so figures compose and can be saved
with ``ax.figure.savefig(...)``. Nothing here computes: the numbers drawn are
exactly those in the frame.

* :func:`sweep_plot`: scores (or ranks) along a one-at-a-time sweep of one
  node's weight, with the profile's weight and the tipping points marked;
* :func:`tipping_plot`: per node, how far its weight must move (from the
  profile's value to the nearest tipping point) for the leader to change;
* :func:`acceptability_plot`: stacked rank acceptability indices;
* :func:`central_weights_plot`: central weight vectors with their standard errors.

Install with ``pip install 'mcda-evidence[plot]'``; without matplotlib every
function raises :class:`~mcda.errors.MissingDependencyError`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from mcda._lazy import lazy_module
from mcda._plotting import new_axes as _axes
from mcda._plotting import pyplot
from mcda._plotting import require_frame as _require
from mcda.errors import InputError
from mcda.sensitivity import SMAAResult

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["acceptability_plot", "central_weights_plot", "pyplot", "sweep_plot", "tipping_plot"]


def sweep_plot(sweep: pd.DataFrame, tipping: pd.DataFrame | None = None, *, value: str = "score",
               ax: Axes | None = None) -> Axes:
    """Scores (or ranks) of every alternative while one node's weight runs over [0, 1].

    Parameters
    ----------
    sweep : DataFrame
        :meth:`mcda.Study.sweep` output for one node (columns ``node``, ``weight``,
        ``alternative``, ``score``, ``rank``, ``at_profile``).
    tipping : DataFrame, optional
        :meth:`mcda.Study.tipping_points` output; the rows of this node are drawn
        as vertical lines, solid where the leader changes, dotted otherwise.
    value : {"score", "rank"}
    ax : matplotlib Axes, optional

    Examples
    --------
    >>> import mcda
    >>> study = mcda.load_study("tests/data/laptops.yaml")
    >>> ax = sweep_plot(study.sweep("balanced", "build"), study.tipping_points("balanced"))
    >>> ax.get_xlabel(), len(ax.get_lines()) >= 3
    ('weight of build', True)
    """
    _require(sweep, ["node", "weight", "alternative", "score", "rank", "at_profile"], "sweep")
    if value not in ("score", "rank"):
        raise InputError(f"value must be 'score' or 'rank'; got {value!r}")
    nodes = sweep["node"].unique()
    if len(nodes) != 1:
        raise InputError(f"sweep must cover one node; got {len(nodes)}: {list(nodes)}")
    node = str(nodes[0])
    ax = _axes(ax, (6.4, 4.0))
    for alt, rows in sweep.groupby("alternative", sort=False):
        rows = rows.sort_values("weight")
        ax.plot(rows["weight"], rows[value], label=str(alt), drawstyle="steps-post" if value == "rank" else "default")
    now = sweep.loc[sweep["at_profile"].astype(bool), "weight"]
    if len(now):
        ax.axvline(float(now.iloc[0]), color="0.3", linewidth=1.0, linestyle="--", label="profile")
    if tipping is not None:
        _require(tipping, ["node", "weight", "leader_changes"], "tipping")
        here = tipping[tipping["node"] == node]
        for row in here.itertuples():
            ax.axvline(float(row.weight), color="black" if row.leader_changes else "0.6", linewidth=0.8,
                       linestyle="-" if row.leader_changes else ":")
    if value == "rank":
        m = sweep["alternative"].nunique()
        ax.set_ylim(m + 0.5, 0.5)
        ax.set_yticks(range(1, m + 1))
    ax.set_xlim(0.0, 1.0)
    ax.set_xlabel(f"weight of {node}")
    ax.set_ylabel(value)
    method = sweep["method"].iloc[0] if "method" in sweep.columns else None
    profile = sweep["profile"].iloc[0] if "profile" in sweep.columns else None
    ax.set_title(" · ".join(str(x) for x in (profile, method) if x is not None))
    ax.legend(fontsize="small")
    return ax


def tipping_plot(tipping: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """For each node, the move of its weight that changes the leader: a bar from now to the tipping point.

    Only the leader-changing tipping point nearest to the profile (on the
    weight axis) is drawn per node; nodes without one are listed with no bar.
    Each bar is labelled with the leader on the far side of its tipping point:
    ``leader_after`` when the weight is raised to it, ``leader_before`` when it is
    lowered. The legend tells raised (red) from lowered (blue) weights.

    Parameters
    ----------
    tipping : DataFrame
        :meth:`mcda.Study.tipping_points` output (columns ``node``, ``weight_now``,
        ``weight``, ``leader_before``, ``leader_after``, ``leader_changes``).

    Examples
    --------
    >>> import mcda
    >>> study = mcda.load_study("tests/data/laptops.yaml")
    >>> ax = tipping_plot(study.tipping_points("balanced"))
    >>> ax.get_xlabel()
    'node weight (bar: from the profile to where the leader changes)'
    """
    _require(tipping, ["node", "weight_now", "weight", "leader_before", "leader_after", "leader_changes"], "tipping",
             empty_ok=True)
    if tipping.empty:  # no single node's weight changes any order: say so on the figure
        ax = _axes(ax, (6.4, 1.2))
        ax.text(0.5, 0.5, "no tipping point: moving any one node's weight changes no order",
                ha="center", va="center", transform=ax.transAxes)
        ax.set_xlim(0.0, 1.0)
        ax.set_yticks([])
        ax.set_xlabel("node weight")
        return ax
    nodes = list(dict.fromkeys(tipping["node"]))
    flips = tipping[tipping["leader_changes"].astype(bool)].copy()
    flips["move"] = (flips["weight"] - flips["weight_now"]).abs()
    nearest = flips.sort_values("move").groupby("node", sort=False).head(1).set_index("node")
    ax = _axes(ax, (6.4, 0.6 + 0.35 * len(nodes)))
    y = np.arange(len(nodes))
    now = tipping.groupby("node", sort=False)["weight_now"].first().reindex(nodes).to_numpy(dtype=float)
    for j, node in enumerate(nodes):
        if node in nearest.index:
            row = nearest.loc[node]
            lo, hi = sorted((float(row["weight_now"]), float(row["weight"])))
            up = bool(row["weight"] > row["weight_now"])
            ax.barh(j, hi - lo, left=lo, height=0.5, color=_UP if up else _DOWN)
            beyond = row["leader_after"] if up else row["leader_before"]  # the leader on the far side
            ax.annotate(f" {beyond} " if up else f"{beyond} ", (float(row["weight"]), j), va="center",
                        ha="left" if up else "right", fontsize="small")
    marker = ax.plot(now, y, "k|", markersize=12, label="profile")[0]
    ax.set_yticks(y, [str(n) for n in nodes])
    ax.invert_yaxis()
    ax.set_xlim(0.0, 1.0)
    ax.set_xlabel("node weight (bar: from the profile to where the leader changes)")
    from matplotlib.patches import Patch

    handles = [marker, Patch(color=_UP, label="raise the weight: new leader at the end"),
               Patch(color=_DOWN, label="lower the weight: new leader at the end")]
    ax.legend(handles=handles, fontsize="small", loc="upper center", bbox_to_anchor=(0.5, -0.25 - 0.6 / len(nodes)),
              frameon=False, ncol=1)
    return ax


_UP, _DOWN = "tab:red", "tab:blue"


def _smaa_frame(smaa: pd.DataFrame | SMAAResult) -> pd.DataFrame:
    frame = smaa.to_frame() if isinstance(smaa, SMAAResult) else smaa
    if not isinstance(frame, pd.DataFrame) or not isinstance(frame.columns, pd.MultiIndex):
        raise InputError("smaa must be an SMAAResult or the DataFrame Study.smaa returns")
    return frame


def acceptability_plot(smaa: pd.DataFrame | SMAAResult, *, ax: Axes | None = None) -> Axes:
    """Rank acceptability indices as stacked horizontal bars, rank 1 first.

    Examples
    --------
    >>> from mcda.sensitivity import smaa
    >>> res = smaa([[1.0, 0.0], [0.0, 1.0], [0.4, 0.4]], [True, True], "wsm", 4000, rng=0)
    >>> ax = acceptability_plot(res)
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['rank 1', 'rank 2', 'rank 3']
    """
    frame = _smaa_frame(smaa)
    _require(frame, [], "smaa")
    if "acceptability" not in frame.columns.get_level_values(0):
        raise InputError("smaa lacks the 'acceptability' columns")
    acc = frame["acceptability"]
    ax = _axes(ax, (6.4, 0.6 + 0.4 * len(acc)))
    left = np.zeros(len(acc))
    colors = _ramp(acc.shape[1])
    for r, col in enumerate(acc.columns):
        vals = acc[col].to_numpy(dtype=float)
        ax.barh(np.arange(len(acc)), vals, left=left, height=0.6, color=colors[r], label=f"rank {r + 1}")
        left += vals
    ax.set_yticks(np.arange(len(acc)), [str(a) for a in acc.index])
    ax.invert_yaxis()
    ax.set_xlim(0.0, 1.0)
    ax.set_xlabel("rank acceptability")
    ax.legend(fontsize="small", loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    return ax


def central_weights_plot(smaa: pd.DataFrame | SMAAResult, *, ax: Axes | None = None) -> Axes:
    """Central weight vectors with ±1 standard error: one row per criterion, one bar per alternative.

    Alternatives that never rank first have no central weights and are left out.
    A dotted line marks ``1/n``, the centre of the uniform weight distribution.

    Examples
    --------
    >>> from mcda.sensitivity import smaa
    >>> res = smaa([[1.0, 0.0], [0.0, 1.0]], [True, True], "wsm", 4000, rng=0)
    >>> ax = central_weights_plot(res)
    >>> [t.get_text() for t in ax.get_yticklabels()], len(ax.patches)
    (['c0', 'c1'], 4)
    """
    frame = _smaa_frame(smaa)
    top = frame.columns.get_level_values(0)
    if "central_weights" not in top or "acceptability" not in top:
        raise InputError("smaa lacks the 'central_weights' or 'acceptability' columns")
    firsts = np.asarray(frame["acceptability"], dtype=float)[:, 0] > 0
    cw = frame["central_weights"][firsts]
    if cw.empty:
        raise InputError("no alternative ever ranks first: no central weights to draw")
    se = frame["central_weights_se"][firsts] if "central_weights_se" in top else None
    k, n = cw.shape
    ax = _axes(ax, (6.4, 1.0 + n * (0.12 * k + 0.1)))
    height = 0.8 / k
    y = np.arange(n)
    for a, alt in enumerate(cw.index):
        err: Any = None if se is None else se.loc[alt].to_numpy(dtype=float)
        ax.barh(y + (a - (k - 1) / 2) * height, cw.loc[alt].to_numpy(dtype=float), height, xerr=err, capsize=2,
                label=str(alt))
    ax.axvline(1.0 / n, color="0.4", linewidth=0.8, linestyle=":", label="1/n")
    ax.set_yticks(y, [str(c) for c in cw.columns])
    ax.invert_yaxis()
    ax.set_xlabel("central weight")
    ax.set_xlim(0.0, min(1.0, max(float(np.nanmax(cw.to_numpy(dtype=float))) * 1.3, 2.0 / n)))
    ax.legend(fontsize="small", loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    return ax


def _ramp(k: int) -> list[Any]:
    """``k`` colours from dark (rank 1) to light (last rank)."""
    from matplotlib import colormaps

    cmap = colormaps["viridis"]
    return [cmap(v) for v in np.linspace(0.15, 0.9, max(k, 1))]


# Figures of results beyond sensitivity frames live in mcda._figures (kept apart for size); they are part
# of this module's public surface.
from mcda._figures import (  # noqa: E402
    agreement_plot,
    contributions_plot,
    evidence_plot,
    min_change_plot,
    verdicts_plot,
    weights_plot,
)

__all__ += ["agreement_plot", "contributions_plot", "evidence_plot", "min_change_plot", "verdicts_plot",
            "weights_plot"]
