"""Everything a report shows, computed once from a :class:`~mcda.Study` (no formatting here).

The HTML and Markdown renderers read the same :class:`ReportData`, so the two
formats always state the same numbers.
"""

from __future__ import annotations

import math
import platform
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import numpy as np
import pandas as pd

import mcda
from mcda import defaults
from mcda.errors import MCDAError
from mcda.methods import Method, get_method, method_names
from mcda.model import Criterion, OrdinalScale
from mcda.model.profiles import NodeRule
from mcda.results import ScoreResult
from mcda.sensitivity.robustness import DEFAULT_CONCENTRATION, claim_tips
from mcda.study import Study

__all__ = ["AHPNode", "GapContribution", "ReportData", "ReportOptions", "TornadoNode", "VerdictChart",
           "collect", "gap_contributions"]


@dataclass(frozen=True)
class ReportOptions:
    """Settings of a report; every one of them is printed in the reproducibility stamp.

    Attributes
    ----------
    method:
        The method (a name, or a method object with its options) of the contribution charts and
        SMAA (default ``"topsis"``).
    methods:
        Methods of the score table and the method-agreement view (default: every registered one).
    n_samples:
        Monte Carlo samples for P(holds) of each verdict and for SMAA-2.
    seed:
        Seed of every random draw.
    evidence:
        Evidence-uncertainty model of P(holds) (``"none"``, ``"interval"``, ``"mixture"``).
    concentration:
        Dirichlet concentration around each profile for P(holds) and SMAA-2.
    n_points:
        Points of each sweep chart.
    tornado_rows:
        Most nodes shown per tornado chart (nearest flips first).
    """

    method: str | Method = defaults.METHOD
    methods: tuple[str, ...] | None = None
    n_samples: int = 20000
    seed: int = 0
    evidence: str = "mixture"
    concentration: float = DEFAULT_CONCENTRATION
    n_points: int = 101
    tornado_rows: int = 12


@dataclass(frozen=True)
class GapContribution:
    """Per-criterion contributions to the gap between the leader and the runner-up of one result."""

    profile: str
    method: str
    leader: str
    runner_up: str
    gap: float
    contributions: pd.Series   # criterion -> contribution (positive favours the leader)
    measure: str               # what a contribution is
    additive: bool             # True when the contributions sum to the score gap

    def largest(self, k: int) -> list[str]:
        """The ``k`` criteria with the largest |contribution|, largest first (ties in criterion order)."""
        return list(self.contributions.abs().sort_values(ascending=False, kind="stable").index[:k])


@dataclass(frozen=True)
class TornadoNode:
    """How far one node's local weight can move before a verdict flips."""

    node: str
    now: float
    low: float
    high: float
    low_flips: bool
    high_flips: bool
    leader_low: str
    leader_high: str
    distance: float  # L1 distance of the global weights to the nearest flip (inf: no flip)


@dataclass(frozen=True)
class VerdictChart:
    """The data of one verdict's 'what would flip it' charts."""

    verdict: str
    profile: str
    method: str
    scope: str
    tornado: list[TornadoNode]
    hidden: int                       # nodes left out of the tornado (farther flips or none)
    sweep_node: str | None
    sweep: pd.DataFrame | None        # weight, alternative, score
    tips: list[tuple[float, str, str]]  # (weight, leader left, leader right) where the leader changes


@dataclass(frozen=True)
class AHPNode:
    """An AHP-weighted node of a profile: its consistency and its worst judgement."""

    profile: str
    node: str
    index: str
    value: float
    threshold: float
    acceptable: bool
    worst: str


@dataclass
class ReportData:
    """Everything the report shows."""

    study: Study
    options: ReportOptions
    names: dict[str, str]
    methods: list[str]
    verdicts: pd.DataFrame
    status: dict[str, str]
    scores: dict[str, dict[str, ScoreResult | str]]
    weights: dict[str, Any]
    ahp_nodes: list[AHPNode]
    contributions: dict[str, GapContribution | None]
    charts: list[VerdictChart]
    smaa: dict[str, pd.DataFrame]
    smaa_uniform: pd.DataFrame
    stamp: dict[str, str]
    warnings: list[str] = field(default_factory=list)

    def verdict_rows(self) -> list[SimpleNamespace]:
        """The rows of :attr:`verdicts` as attribute records, in table order."""
        return [SimpleNamespace(**{str(k): v for k, v in r.items()}) for r in self.verdicts.to_dict("records")]

    def name(self, ident: str) -> str:
        """The display name of an alternative or criteria node id (the id itself when unnamed)."""
        return self.names.get(ident, ident)


def gap_contributions(res: ScoreResult, benefit: dict[str, bool] | None = None) -> GapContribution | None:
    """Why the leader leads: each criterion's part of the gap to the runner-up.

    WSM and AHP: ``w_j (r_leader,j - r_runner,j)``, summing to the score gap. WPM:
    ``w_j (ln r_leader,j - ln r_runner,j)``, summing to the gap of ln scores. Other
    methods (TOPSIS ...) are not additive; the bars then show the weighted,
    normalised advantage ``w_j (r_leader,j - r_runner,j)``, signed by ``benefit``
    (leaf id -> True for ``max``) so that positive favours the leader on cost criteria too.
    """
    if len(res.ranking) < 2:
        return None
    lead, second = res.ranking[0], res.ranking[1]
    alts = list(res.matrix.index)
    i, k = alts.index(lead), alts.index(second)
    w = res.weights.reindex(res.matrix.columns).to_numpy()
    if "contribution" in res.details and res.method in ("wsm", "ahp"):
        c = np.asarray(res.details["contribution"])
        values, measure, additive = c[i] - c[k], "weighted normalised score difference", True
    elif "log_contribution" in res.details and res.method == "wpm":
        c = np.asarray(res.details["log_contribution"])
        values, measure, additive = c[i] - c[k], "weighted log-ratio (sums to ln of the score ratio)", True
    else:
        R = np.asarray(res.details.get("normalized", res.matrix.to_numpy()))
        sign = np.array([1.0 if (benefit or {}).get(c, True) else -1.0 for c in res.matrix.columns])
        values, measure, additive = sign * w * (R[i] - R[k]), "weighted normalised advantage", False
    gap = float(res.scores[lead] - res.scores[second])
    return GapContribution(res.profile, res.method, lead, second, gap,
                           pd.Series(values, index=list(res.matrix.columns)), measure, additive)


def _status(rows: pd.DataFrame) -> str:
    holds = rows["holds"].astype(bool)
    if holds.all():
        return "holds under all methods"
    if not holds.any():
        return "fails under all methods"
    return "method-dependent"


def _worst_judgement(rule: NodeRule, local: dict[str, float], names: dict[str, str]) -> str:
    """The given judgement farthest (|ln ratio|) from the one the priorities imply."""
    best, text = -1.0, ""
    for j in rule.judgements:
        if local.get(j.a, 0) <= 0 or local.get(j.b, 0) <= 0:
            continue
        implied = local[j.a] / local[j.b]
        dev = abs(math.log(j.value / implied))
        if dev > best:
            best = dev
            text = (f"{names.get(j.a, j.a)} vs {names.get(j.b, j.b)}: given {j.value:.4g}, "
                    f"consistent {implied:.4g}")
    return text


def _ahp_nodes(study: Study, names: dict[str, str]) -> list[AHPNode]:
    out = []
    for p in study.model.profiles:
        ew = study.weights(p.id)
        for node, cons in ew.consistency.items():
            rule = p.weights.get(node)
            worst = _worst_judgement(rule, ew.local.get(node, {}), names) if isinstance(rule, NodeRule) else ""
            value = cons.gci if cons.index == "gci" else cons.cr
            out.append(AHPNode(p.id, node, cons.index.upper(), value, cons.threshold, cons.acceptable, worst))
    return out


def _tornado(study: Study, profile: str, scope: str | None, method: str, claim: list[str]) -> list[TornadoNode]:
    arr = study.arrays(profile, scope)
    alts = list(arr.alternatives)
    paths = study.sweep_paths(profile, scope)
    tips = claim_tips(arr.X, arr.benefit, np.array([alts.index(a) for a in claim]), list(paths.values()),
                      get_method(method))
    rows = []
    for node, path in paths.items():
        mine = [t for t in tips if t.node == node]
        below = max((t for t in mine if t.weight < path.t0), key=lambda t: t.weight, default=None)
        above = min((t for t in mine if t.weight >= path.t0), key=lambda t: t.weight, default=None)
        dist = min((t.distance for t in (below, above) if t is not None), default=math.inf)
        rows.append(TornadoNode(node, path.t0, below.weight if below else 0.0, above.weight if above else 1.0,
                                below is not None, above is not None,
                                alts[below.leader_beyond] if below else "", alts[above.leader_beyond] if above else "",
                                dist))
    return sorted(rows, key=lambda r: (r.distance, r.node))


def _verdict_chart(study: Study, verdict: Any, row: pd.Series, opts: ReportOptions) -> VerdictChart:
    method = verdict.methods[0]
    claim = verdict.claimed
    rows = _tornado(study, verdict.profile, verdict.scope, method, claim)
    shown = [r for r in rows if math.isfinite(r.distance)][: opts.tornado_rows]
    node = row["tip_node"] if isinstance(row.get("tip_node"), str) else (shown[0].node if shown else None)
    if node is None:
        paths = list(study.sweep_paths(verdict.profile, verdict.scope))
        node = paths[0] if paths else None
    sweep, tips = None, []
    if node is not None:
        df = study.sweep(verdict.profile, node, method, verdict.scope, n_points=opts.n_points)
        sweep = df[["weight", "alternative", "score"]]
        tp = study.tipping_points(verdict.profile, method, verdict.scope, nodes=[node])
        cols = zip(tp["weight"], tp["leader_before"], tp["leader_after"], tp["leader_changes"], strict=True)
        tips = [(float(w), str(a), str(b)) for w, a, b, changes in cols if changes]
    return VerdictChart(verdict.id, verdict.profile, method, row["scope"], shown, len(rows) - len(shown),
                        node, sweep, tips)


def _scores(study: Study, methods: Sequence[str]) -> dict[str, dict[str, ScoreResult | str]]:
    out: dict[str, dict[str, ScoreResult | str]] = {}
    for p in study.profiles:
        out[p] = {}
        for m in methods:
            try:
                out[p][m] = study.score(p, m)
            except MCDAError as exc:  # a method may not apply to this matrix (e.g. WPM with zeros)
                out[p][m] = f"not applicable: {exc}"
    return out


def _stamp(study: Study, opts: ReportOptions, methods: Sequence[str], sha256: str | None) -> dict[str, str]:
    settings = "; ".join(repr(get_method(m)) for m in methods)
    return {
        "library": f"mcda {mcda.__version__}",
        "study file": study.path or "(built in memory)",
        "study sha256": sha256 or "(no file)",
        "seed": str(opts.seed),
        "samples (P(holds), SMAA-2)": str(opts.n_samples),
        "evidence model (P(holds))": opts.evidence,
        "Dirichlet concentration": f"{opts.concentration:g}",
        "sweep points": str(opts.n_points),
        "method of contributions and SMAA-2": repr(get_method(opts.method)),
        "method settings": settings,
        "Python / NumPy / pandas": f"{platform.python_version()} / {np.__version__} / {pd.__version__}",
    }


def collect(study: Study, options: ReportOptions | None = None, sha256: str | None = None,
            progress: Callable[[str], None] | None = None) -> ReportData:
    """Compute everything the report shows.

    Parameters
    ----------
    study:
        The study.
    options:
        :class:`ReportOptions` (defaults when None).
    sha256:
        Hash of the study file, for the reproducibility stamp.
    progress:
        Called with the name of each step as it starts (for a progress bar).
    """
    opts = options or ReportOptions()
    step = progress or (lambda _name: None)
    get_method(opts.method)  # unknown method: fail before any work
    methods = list(opts.methods) if opts.methods else method_names()
    for m in methods:
        get_method(m)
    names = {a.id: a.name for a in study.model.alternatives}
    names.update({c.id: c.name for c in study.model.criteria.walk()})
    step("verdicts")
    verdicts = study.check_verdicts(n_samples=opts.n_samples, rng=opts.seed, evidence=opts.evidence,
                                    concentration=opts.concentration, progress=False)  # the report has its bar
    status = {str(vid): _status(rows) for vid, rows in verdicts.groupby("id", sort=False)}
    step("scores")
    scores = _scores(study, methods)
    weights = {p: study.weights(p) for p in study.profiles}
    contributions = {}
    benefit = {leaf.id: leaf.direction == "max" for leaf in study.model.criteria.leaves()}
    for p in study.profiles:
        res = scores[p].get(opts.method) if opts.method in scores[p] else study.score(p, opts.method)
        contributions[p] = gap_contributions(res, benefit) if isinstance(res, ScoreResult) else None
    step("what would flip it")
    first = verdicts.drop_duplicates("id").set_index("id")
    charts = [_verdict_chart(study, v, first.loc[v.id], opts) for v in study.model.verdicts]
    step("SMAA-2")
    smaa = {p: study.smaa(p, opts.method, n_samples=opts.n_samples, rng=opts.seed,
                          concentration=opts.concentration, progress=False) for p in study.profiles}
    uniform = study.smaa(None, opts.method, n_samples=opts.n_samples, rng=opts.seed, progress=False)
    return ReportData(study, opts, names, methods, verdicts, status, scores, weights, _ahp_nodes(study, names),
                      contributions, charts, smaa, uniform, _stamp(study, opts, methods, sha256),
                      list(study.warnings))


def leaf_scale(leaf: Criterion) -> str:
    """A short description of a leaf's scale: unit, or ordinal levels worst first."""
    if isinstance(leaf.scale, OrdinalScale):
        return "ordinal: " + " < ".join(lv.name for lv in leaf.scale.named_levels())
    if leaf.scale is None:
        return ""
    return f"{leaf.scale.kind}" + (f", {leaf.scale.unit}" if leaf.scale.unit else "")


@dataclass(frozen=True)
class EvidenceRow:
    """One line of a leaf's evidence table: a cell's raw and scored value, and one evidence item,
    or a declared-missing cell, or a cell filled from pairwise comparisons (``item`` None)."""

    alternative: str
    raw: float | None
    value: float | None
    item: Any = None
    missing: Any = None
    origin: str = ""
    sources: tuple[tuple[str, str | None], ...] = ()  # (title, url) per source of the item


def evidence_rows(study: Study, leaf: Criterion) -> list[EvidenceRow]:
    """The evidence table of one leaf, one row per evidence item (first row of a cell carries its values)."""
    by_id = {s.id: s for s in study.model.sources}
    rows: list[EvidenceRow] = []
    for a in study.alternatives:
        prov = study.provenance(a, leaf.id)
        if prov.missing is not None:
            rows.append(EvidenceRow(a, prov.raw, prov.value, missing=prov.missing))
        elif prov.comparison is not None and not prov.items:
            rows.append(EvidenceRow(a, prov.raw, prov.value, origin=prov.origin))
        for it in prov.items if prov.missing is None else ():
            srcs = tuple((by_id[s].title, by_id[s].url) if s in by_id else (s, None) for s in it.sources)
            rows.append(EvidenceRow(a, prov.raw, prov.value, item=it, sources=srcs))
    return rows
