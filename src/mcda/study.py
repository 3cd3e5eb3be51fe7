"""The :class:`Study` facade: a validated study model plus everything you can ask of it."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from mcda import kernels, sensitivity
from mcda._lazy import lazy_module
from mcda.ahp import PairwiseResult, evaluate_judgements
from mcda.arrays import DecisionArrays
from mcda.compare import compare_rankings
from mcda.errors import Problem, StudyValidationError, UnknownNameError
from mcda.evidence import Cell, EvidenceMatrix, build_cells, evidence_matrix
from mcda.methods import Method, get_method, method_names
from mcda.model import EvidenceItem, MissingCell, Source, StudyModel, WeightProfile, check_study, format_path
from mcda.model.profiles import NodeRule
from mcda.results import ScoreResult, score_arrays
from mcda.sensitivity import WeightPath, node_path, sweepable_nodes
from mcda.sensitivity.robustness import DEFAULT_CONCENTRATION
from mcda.verdicts import ROBUSTNESS_COLUMNS, VerdictOutcome, evaluate_verdict, robustness_row
from mcda.weights import EffectiveWeights, tree_weights

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

__all__ = ["Provenance", "Study"]


def _columns(em: EvidenceMatrix) -> dict[str, np.ndarray]:
    """Leaf id -> point values over the alternatives (for objective weights in profiles)."""
    return {c: em.point[:, j] for j, c in enumerate(em.criteria)}


@dataclass(frozen=True)
class Provenance:
    """What stands behind one decision-matrix cell."""

    alternative: str
    criterion: str
    cell: Cell
    items: tuple[EvidenceItem, ...]
    sources: tuple[Source, ...]
    missing: MissingCell | None
    comparison: PairwiseResult | None = None

    @property
    def origin(self) -> str:
        """Where the value comes from: evidence items, a missing-value policy, or pairwise comparisons."""
        if self.comparison is not None:
            return (f"from pairwise comparisons of the alternatives ({self.comparison.options.priority} "
                    f"priorities; {self.comparison.consistency.summary()})")
        if self.missing is not None:
            return f"declared missing, policy {self.missing.policy!r}"
        return f"from {len(self.items)} evidence item(s)"

    def to_frame(self) -> pd.DataFrame:
        """One row per evidence item with its value, confidence, sources and quote."""
        return pd.DataFrame(
            [{"evidence": it.id, "value": it.value, "confidence": it.confidence,
              "sources": ", ".join(it.sources), "quote": it.quote, "note": it.note} for it in self.items],
            columns=["evidence", "value", "confidence", "sources", "quote", "note"],
        )


class Study:
    """A validated study. Load one with :func:`mcda.load_study`, or build from a model.

    Examples
    --------
    >>> import mcda
    >>> study = mcda.load_study("criteria/hunyuan_vs_stepfun.yaml")  # doctest: +SKIP
    >>> study.score("balanced", method="topsis").ranking  # doctest: +SKIP
    ['tencent', 'stepfun']
    """

    def __init__(self, model: StudyModel, path: str | None = None) -> None:
        problems = check_study(model, method_names())
        if problems:
            raise StudyValidationError([Problem(format_path(p), m, path) for p, m in problems], path)
        self.model = model
        self.path = path

    def __repr__(self) -> str:
        m = self.model
        def n(k: int, one: str, many: str) -> str:
            return f"{k} {one if k == 1 else many}"

        parts = [n(len(m.alternatives), "alternative", "alternatives"),
                 n(len(self.leaves), "leaf criterion", "leaf criteria"),
                 n(len(m.evidence), "evidence item", "evidence items"),
                 n(len(m.profiles), "profile", "profiles"), n(len(m.verdicts), "verdict", "verdicts")]
        return f"Study({m.title!r}: {', '.join(parts)})"

    # --- look-ups ---------------------------------------------------------------
    @property
    def title(self) -> str:
        """The study title."""
        return self.model.title

    @property
    def alternatives(self) -> list[str]:
        """Alternative ids, in file order."""
        return [a.id for a in self.model.alternatives]

    @property
    def leaves(self) -> list[str]:
        """Leaf criterion ids, depth first."""
        return [c.id for c in self.model.criteria.leaves()]

    @property
    def profiles(self) -> list[str]:
        """Weight profile ids, in file order."""
        return [p.id for p in self.model.profiles]

    def profile(self, profile: str | WeightProfile) -> WeightProfile:
        """A profile by id (a :class:`WeightProfile` object is returned as is)."""
        if isinstance(profile, WeightProfile):
            return profile
        for p in self.model.profiles:
            if p.id == profile:
                return p
        raise UnknownNameError(f"unknown profile {profile!r}; known profiles: {', '.join(self.profiles)}")

    def _scope_leaves(self, scope: str | None) -> list[str]:
        node = self.model.criteria if scope is None else self.model.criteria.find(scope)
        if node is None:
            nodes = [n.id for n in self.model.criteria.walk()]
            raise UnknownNameError(f"unknown scope {scope!r}; criteria nodes: {', '.join(nodes)}")
        return [leaf.id for leaf in node.leaves()]

    @cached_property
    def cells(self) -> dict[tuple[str, str], Cell]:
        """Every (alternative, leaf) cell with its evidence; compared leaves hold their priorities."""
        cells = build_cells(self.model)
        for leaf, res in self.comparisons.items():
            for alt, p in res.priorities.items():
                cells[(alt, leaf)] = Cell(alt, leaf, p, p, 1.0, ())
        return cells

    @cached_property
    def comparisons(self) -> dict[str, PairwiseResult]:
        """Leaf id -> priorities (sum 1) and consistency of the alternatives compared pairwise on it."""
        return {c.criterion: evaluate_judgements(c.judgements, self.alternatives, c, f"leaf {c.criterion!r}")
                for c in self.model.comparisons}

    @cached_property
    def warnings(self) -> list[str]:
        """Warning-level diagnostics: AHP judgements (profile nodes, compared leaves) that are not
        acceptably consistent, each naming the most inconsistent judgements."""
        out = [r.warning for r in self.comparisons.values() if r.warning]
        for prof in self.model.profiles:
            for node_id, rule in prof.weights.items():
                node = self.model.criteria.find(node_id)
                if isinstance(rule, NodeRule) and node is not None:
                    res = evaluate_judgements(rule.judgements, [c.id for c in node.children or ()], rule,
                                              f"profile {prof.id!r} node {node_id!r}")
                    out += [res.warning] if res.warning else []
        return out

    # --- matrix and provenance ----------------------------------------------------
    def evidence_matrix(self, scope: str | None = None) -> EvidenceMatrix:
        """Bounds, point values and confidences of the cells in ``scope`` as arrays."""
        return evidence_matrix(self.cells, self.alternatives, self._scope_leaves(scope))

    def matrix(self, scope: str | None = None, bound: str = "point") -> pd.DataFrame:
        """Decision matrix (alternatives x leaves) of point values, or ``bound="lo"|"hi"``.

        Ordinal levels appear as their numeric values; intervals as their
        midpoints (``point``) or bounds. Leaves excluded by a missing-value
        policy are left out.
        """
        em = self.evidence_matrix(scope)
        values = {"point": em.point, "lo": em.lo, "hi": em.hi, "confidence": em.confidence}
        if bound not in values:
            raise UnknownNameError(f"bound must be one of {list(values)}, got {bound!r}")
        df = pd.DataFrame(values[bound], index=list(em.alternatives), columns=list(em.criteria))
        df.index.name, df.columns.name = "alternative", "criterion"
        return df

    def provenance(self, alternative: str, criterion: str) -> Provenance:
        """The evidence items and sources behind one cell."""
        if (alternative, criterion) not in self.cells:
            raise UnknownNameError(f"no cell ({alternative!r}, {criterion!r}); alternatives: "
                                   f"{', '.join(self.alternatives)}; leaves: {', '.join(self.leaves)}")
        cell = self.cells[(alternative, criterion)]
        compared = self.comparisons.get(criterion)
        src_ids = list(dict.fromkeys(s for it in cell.items for s in it.sources))
        if compared is not None:
            src_ids += [s for c in self.model.comparisons if c.criterion == criterion for s in c.sources]
        by_id = {s.id: s for s in self.model.sources}
        return Provenance(alternative, criterion, cell, cell.items,
                          tuple(by_id[s] for s in dict.fromkeys(src_ids)), cell.missing, compared)

    # --- weights and scores ---------------------------------------------------------
    def _prepare(
        self, profile: str | WeightProfile, scope: str | None
    ) -> tuple[EvidenceMatrix, EffectiveWeights, DecisionArrays]:
        """The evidence matrix, effective weights and arrays of a profile and scope, built once."""
        em = self.evidence_matrix(scope)
        ew = tree_weights(self.model.criteria, self.profile(profile), scope, em.excluded, _columns(em))
        leaves = {c.id: c for c in self.model.criteria.leaves()}
        arrays = DecisionArrays(
            X=em.point, lo=em.lo, hi=em.hi, confidence=em.confidence,
            benefit=np.array([leaves[c].direction == "max" for c in em.criteria], dtype=bool),
            w=np.array([ew.leaves[c] for c in em.criteria], dtype=float),
            alternatives=em.alternatives, criteria=em.criteria,
        )
        return em, ew, arrays

    def weights(self, profile: str | WeightProfile, scope: str | None = None) -> EffectiveWeights:
        """Effective (normalised) local and global weights of a profile within a scope."""
        return self._prepare(profile, scope)[1]

    def arrays(self, profile: str | WeightProfile, scope: str | None = None) -> DecisionArrays:
        """The :class:`DecisionArrays` for a profile and scope."""
        return self._prepare(profile, scope)[2]

    def score(
        self, profile: str | WeightProfile, method: str | Method = "topsis",
        scope: str | None = None, **options: Any,
    ) -> ScoreResult:
        """Score the alternatives under a profile with a method, within a scope.

        Parameters
        ----------
        profile:
            A profile id of the study, or a :class:`~mcda.model.WeightProfile`.
        method:
            A method name (``"topsis"``, ``"wsm"``, ``"wpm"``, ``"ahp"``, ...) or method object.
        scope:
            A criteria node; only its leaves are scored, weighted by the profile's
            local weights from that node down. Default: the root.
        **options:
            Method options, e.g. ``normalization="minmax"``, or ``mode="ideal"`` for AHP.

        The result's ``warnings`` carry the consistency diagnostics of the AHP
        judgements used (profile nodes in the scope, compared leaves scored).
        """
        prof = self.profile(profile)
        meth = get_method(method, **options)
        em, ew, arrays = self._prepare(prof, scope)
        result = score_arrays(arrays, meth, prof.id, ew.scope)
        leaf_warnings = tuple(w for leaf in em.criteria if leaf in self.comparisons
                              for w in [self.comparisons[leaf].warning] if w)
        return dataclasses.replace(result, local_weights=ew.local, excluded=ew.excluded,
                                   warnings=ew.warnings + leaf_warnings)

    def compare_methods(
        self, profile: str | WeightProfile | list[str | WeightProfile] | None = None,
        methods: list[str | Method] | None = None, scope: str | None = None,
    ) -> pd.DataFrame:
        """How far rankings agree across methods (and profiles) on this study.

        Parameters
        ----------
        profile:
            One profile, a list of profiles, or None for every profile of the study.
        methods:
            Method names or objects; default: every registered method.
        scope:
            Criteria node to score within (default: the root).

        Returns
        -------
        pandas.DataFrame
            One row per ordered pair of rankings (``reference``, ``other``) with
            Spearman, Kendall tau-b, weighted Spearman r_w and WS (see
            :mod:`mcda.compare`). Labels are method names, or ``profile/method``
            when several profiles are compared; a method object is labelled by
            its repr. ``df.attrs["ranks"]`` holds the rank table (average ranks
            for ties, 1 = best), alternatives by labels.
        """
        profs = self.profiles if profile is None else profile if isinstance(profile, list) else [profile]
        meths: list[str | Method] = list(methods) if methods is not None else list(method_names())
        ranks: dict[str, np.ndarray] = {}
        for p in profs:
            prof = self.profile(p)
            for m in meths:
                res = self.score(prof, m, scope)
                label = m if isinstance(m, str) else repr(m)
                label = f"{prof.id}/{label}" if len(profs) > 1 else label
                s = res.scores.reindex(self.alternatives).to_numpy()
                ranks[label] = np.asarray(kernels.rank(s, res.higher_is_better, ties="average"), dtype=float)
        df = compare_rankings(ranks)
        df.attrs["ranks"] = pd.DataFrame(ranks, index=pd.Index(self.alternatives, name="alternative"))
        return df

    # --- sensitivity (mcda.sensitivity on arrays; ids re-attached here) -----------------
    def sweep_paths(self, profile: str | WeightProfile, scope: str | None = None) -> dict[str, WeightPath]:
        """The sweep path of every node below the scope that has a weighted sibling."""
        arr, ew = self.arrays(profile, scope), self.weights(profile, scope)
        node = self.model.criteria.find(ew.scope) or self.model.criteria
        return {nid: node_path(node, ew.local, nid, arr.criteria) for nid in sweepable_nodes(node, ew.local)}

    def sweep(self, profile: str | WeightProfile, node: str, method: str | Method = "topsis",
              scope: str | None = None, n_points: int = 101, **options: Any) -> pd.DataFrame:
        """Scores and ranks while ``node``'s local weight runs over [0, 1], its siblings keeping
        their ratios: one row per (weight, alternative), see :func:`mcda.sensitivity.sweep`."""
        arr, ew = self.arrays(profile, scope), self.weights(profile, scope)
        path = node_path(self.model.criteria.find(ew.scope) or self.model.criteria, ew.local, node, arr.criteria)
        res = sensitivity.sweep(arr.X, arr.benefit, path, method, n_points=n_points, **options)
        df = res.to_frame(list(arr.alternatives))
        df.insert(0, "profile", ew.profile)
        df.insert(1, "method", res.method)
        return df

    def tipping_points(self, profile: str | WeightProfile, method: str | Method = "topsis",
                       scope: str | None = None, nodes: list[str] | None = None, **options: Any) -> pd.DataFrame:
        """Every weight (of every node, or of ``nodes``) at which two alternatives swap places,
        nearest to the profile first; see :func:`mcda.sensitivity.tipping_points`."""
        arr = self.arrays(profile, scope)
        paths = self.sweep_paths(profile, scope)
        unknown = sorted(set(nodes or ()) - set(paths))
        if unknown:
            raise UnknownNameError(f"cannot sweep {unknown}; nodes with siblings in scope: {', '.join(paths)}")
        frames = [sensitivity.tipping_points(arr.X, arr.benefit, paths[n], method, **options)
                  .to_frame(list(arr.alternatives)) for n in (nodes or list(paths))]
        cols = ["node", "weight_now", "weight", "ahead", "behind", "leader_before", "leader_after",
                "leader_changes", "l1_distance", "method", "exact"]
        frames = [f for f in frames if len(f)]
        df = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=cols)
        return df.sort_values(["l1_distance", "node"], kind="stable").reset_index(drop=True)

    def min_change(self, profile: str | WeightProfile, method: str | Method = "topsis", scope: str | None = None,
                   claim: str | list[str] | None = None, **options: Any) -> pd.DataFrame:
        """The smallest L1 change of the leaf weights that overturns ``claim`` (a leader id or a
        ranking; default: the current leader). One row per leaf: weight, new_weight, change;
        ``df.attrs`` holds found, l1, exact, leader_after, margin_before, margin_after."""
        arr = self.arrays(profile, scope)
        alts = list(arr.alternatives)
        unknown = [a for a in ([claim] if isinstance(claim, str) else claim or []) if a not in alts]
        if unknown:
            raise UnknownNameError(f"unknown alternative(s) {unknown}; alternatives: {', '.join(alts)}")
        pos = None if claim is None else alts.index(claim) if isinstance(claim, str) else [alts.index(a) for a in claim]
        res = sensitivity.min_change(arr.X, arr.benefit, arr.w, pos, method, **options)
        new = res.weights if res.weights is not None else arr.w
        df = pd.DataFrame({"weight": arr.w, "new_weight": new, "change": new - arr.w},
                          index=pd.Index(list(arr.criteria), name="criterion"))
        df.attrs.update(found=res.found, l1=res.distance, exact=res.exact, method=res.method,
                        claim=[alts[i] for i in res.claim], margin_before=res.margin_before,
                        margin_after=res.margin_after,
                        leader_after=None if res.leader_after is None else alts[res.leader_after])
        return df

    def smaa(self, profile: str | WeightProfile | None = None, method: str | Method = "topsis",
             scope: str | None = None, n_samples: int = 100_000, rng: np.random.Generator | int | None = 0,
             concentration: float | None = None, evidence: str = "none", **options: Any) -> pd.DataFrame:
        """SMAA-2 on the study: weights uniform on the simplex of the scope's leaves, or, with a
        ``profile``, a Dirichlet around its weights (``concentration``, default 100). One row per
        alternative with column groups acceptability, acceptability_se, central_weights,
        central_weights_se, confidence, winning; see :func:`mcda.sensitivity.smaa`."""
        equal = WeightProfile(id="uniform", unlisted="equal")  # only the scope's leaves matter then
        arr = self.arrays(profile if profile is not None else equal, scope)
        dist = None if profile is None else sensitivity.WeightDistribution.dirichlet(arr.w, concentration or 100.0)
        res = sensitivity.smaa(arr.X, arr.benefit, method, n_samples, rng, weights=dist, lo=arr.lo, hi=arr.hi,
                               confidence=arr.confidence, evidence=evidence, **options)
        return res.to_frame(list(arr.alternatives), list(arr.criteria))

    def rank_reversal(self, profile: str | WeightProfile, method: str | Method = "topsis",
                      scope: str | None = None, **options: Any) -> pd.DataFrame:
        """Pairs whose order reverses when an alternative is removed, copied, or a dominated one
        added; see :func:`mcda.sensitivity.rank_reversal`."""
        arr = self.arrays(profile, scope)
        return sensitivity.rank_reversal(arr.X, arr.benefit, arr.w, method, **options).to_frame(list(arr.alternatives))

    # --- verdicts -----------------------------------------------------------------------
    def verdict_outcomes(self, method: str | None = None) -> list[VerdictOutcome]:
        """Check every verdict with each of its methods (or only ``method`` when given)."""
        out = []
        for v in self.model.verdicts:
            for name in (method,) if method else v.methods:
                out.append(evaluate_verdict(v, self.score(v.profile, name, v.scope)))
        return out

    def check_verdicts(self, method: str | None = None, robustness: bool = True, *, n_samples: int = 20000,
                       rng: np.random.Generator | int | None = 0, evidence: str = "mixture",
                       concentration: float = DEFAULT_CONCENTRATION) -> pd.DataFrame:
        """One row per (verdict, method): id, statement, profile, method, scope, claim,
        holds, margin, near_tie, leader, expect, as_expected, reason.

        With ``robustness`` (default), also what would flip each verdict (see
        :func:`mcda.verdicts.robustness_row`): the nearest claim tipping weight
        (``tip_node``, ``tip_weight_now``, ``tip_weight``, ``tip_leader``, ``tip_l1``),
        the minimum L1 weight change that overturns it (``min_l1``, ``min_l1_leader``,
        ``min_l1_change``, ``min_l1_exact``) and ``p_holds`` (± ``p_holds_se``) under a
        Dirichlet around the profile (``concentration``) and the ``evidence`` model,
        with ``n_samples`` samples seeded by ``rng``.
        """
        cols = ["id", "statement", "profile", "method", "scope", "claim", "holds", "margin",
                "near_tie", "leader", "expect", "as_expected", "reason"]
        rows = []
        for o in self.verdict_outcomes(method):
            row = o.row()
            if robustness:
                v = o.verdict
                row.update(robustness_row(o, self.arrays(v.profile, v.scope), self.sweep_paths(v.profile, v.scope),
                                          n_samples=n_samples, rng=rng, evidence=evidence,
                                          concentration=concentration))
            rows.append(row)
        return pd.DataFrame(rows, columns=cols + (ROBUSTNESS_COLUMNS if robustness else []))
