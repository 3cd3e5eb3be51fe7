"""The :class:`Study` facade: a validated study model plus everything you can ask of it."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from mcda import defaults, kernels, sensitivity
from mcda._lazy import lazy_module
from mcda._locate import located
from mcda._params import count, positive
from mcda._progress import progress_iter, wanted
from mcda._types import RNGLike
from mcda.ahp import PairwiseResult, evaluate_judgements
from mcda.arrays import DecisionArrays
from mcda.compare import compare_rankings
from mcda.errors import MCDAError, Problem, StudyError, StudyValidationError, UnknownNameError, did_you_mean
from mcda.evidence import Cell, build_cells, evidence_matrix
from mcda.methods import Method, get_method, method_names
from mcda.model import EvidenceItem, MissingCell, Source, StudyModel, WeightProfile, check_study, format_path
from mcda.model.profiles import NodeRule
from mcda.results import ScoreResult, WeightChange, score_arrays
from mcda.sensitivity import WeightPath
from mcda.sensitivity.robustness import ClaimAnalysis, ClaimDraws
from mcda.value_functions import apply_value_functions, describe, transform, value_table
from mcda.verdicts import (
    ROBUSTNESS_COLUMNS,
    VerdictOutcome,
    add_status,
    evaluate_verdict,
    robustness_row,
    verdict_status,
    with_missing_marker,
)
from mcda.weights import EffectiveWeights, node_path, sweepable_nodes, tree_weights

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

__all__ = ["Provenance", "Study"]


def _share_evidence(draws: ClaimDraws, shared: dict[tuple[str | None, tuple[int, ...]], Any],
                    scope: str | None) -> None:
    """Let ``draws`` reuse the sampled evidence matrices of an earlier profile of the same scope.

    Evidence draws depend on the scope's matrix and bounds and on the seed's streams, never on
    the profile's weights, so profiles checked in one scope with the same seed entropy would draw
    the very same matrices (an int seed gives every profile the same entropy; a Generator gives
    each fresh words, and then nothing is shared). Sharing changes no number.
    """
    draws.cache.matrices = shared.setdefault((scope, draws.entropy), draws.cache.matrices)


def _columns(em: DecisionArrays) -> dict[str, np.ndarray]:
    """Leaf id -> point values over the alternatives (for objective weights in profiles)."""
    return {c: em.X[:, j] for j, c in enumerate(em.criteria)}


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
    value_function: str = "linear"
    value_bounds: tuple[float, float] | None = None

    @property
    def raw(self) -> float | None:
        """The raw point value of the cell (midpoint of the evidence bounds)."""
        return self.cell.value

    @property
    def value(self) -> float | None:
        """The value scored by every method: the raw value itself under ``linear``, else the
        midpoint of the value function's image of the bounds."""
        if self.value_bounds is None:
            return self.raw
        return (self.value_bounds[0] + self.value_bounds[1]) / 2.0

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

    def _repr_html_(self) -> str:
        """Notebook display: the cell's value and origin, its evidence items and sources."""
        from mcda._display import html_block, html_frame, html_pairs

        c = self.cell
        pairs = {"value": c.value, "bounds": None if c.lo is None else f"[{c.lo:.6g}, {c.hi:.6g}]",
                 "confidence": c.confidence, "origin": self.origin}
        srcs = [f"{s.id}: {s.title}" + (f" <{s.url}>" if s.url else "") for s in self.sources]
        return html_block(f"Cell ({self.alternative}, {self.criterion})",
                          [html_pairs(pairs), html_frame(self.to_frame(), index=False)], srcs)


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
        problems = check_study(model)
        if problems:
            raise StudyValidationError([Problem(format_path(p), m, path) for p, m in problems], path)
        self._init(model, path)

    def _init(self, model: StudyModel, path: str | None) -> None:
        self.model = model
        self.path = path
        #: Prepared (evidence matrix, weights, read-only arrays) per (profile id, scope), built once.
        self._prepared: dict[tuple[str, str | None], tuple[EffectiveWeights, DecisionArrays]] = {}
        #: The evidence matrix (after value functions) per scope, built once.
        self._matrices: dict[str | None, DecisionArrays] = {}

    @classmethod
    def _from_checked(cls, model: StudyModel, path: str | None = None) -> Study:
        """A study from a model that :func:`~mcda.model.check_study` has already passed (the loaders);
        validation happens once, where the data enters."""
        study = cls.__new__(cls)
        study._init(model, path)
        return study

    def __repr__(self) -> str:
        m = self.model
        def n(k: int, one: str, many: str) -> str:
            return f"{k} {one if k == 1 else many}"

        parts = [n(len(m.alternatives), "alternative", "alternatives"),
                 n(len(self.leaves), "leaf criterion", "leaf criteria"),
                 n(len(m.evidence), "evidence item", "evidence items"),
                 n(len(m.profiles), "profile", "profiles"), n(len(m.verdicts), "verdict", "verdicts")]
        return f"Study({m.title!r}: {', '.join(parts)})"

    def _repr_html_(self) -> str:
        """Notebook display: what the study holds, its profiles and verdicts."""
        from mcda._display import html_block, html_frame, html_pairs

        m = self.model
        pairs = {"alternatives": ", ".join(a.name for a in m.alternatives), "leaf criteria": len(self.leaves),
                 "evidence items": len(m.evidence), "declared missing cells": len(m.missing),
                 "sources": len(m.sources), "profiles": ", ".join(self.profiles), "file": self.path}
        verdicts = pd.DataFrame([{"id": v.id, "profile": v.profile, "methods": ", ".join(v.methods),
                                  "scope": v.scope or m.criteria.id, "statement": v.statement} for v in m.verdicts],
                                columns=["id", "profile", "methods", "scope", "statement"])
        return html_block(m.title, [html_pairs(pairs), html_frame(verdicts, index=False)], self.warnings)

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
        raise UnknownNameError(f"unknown profile {profile!r}{did_you_mean(profile, self.profiles)}; "
                               f"known profiles: {', '.join(self.profiles)}")

    def _scope_leaves(self, scope: str | None) -> list[str]:
        node = self.model.criteria if scope is None else self.model.criteria.find(scope)
        if node is None:
            nodes = [n.id for n in self.model.criteria.walk()]
            raise UnknownNameError(f"unknown scope {scope!r}{did_you_mean(str(scope), nodes)}; "
                                   f"criteria nodes: {', '.join(nodes)}")
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
        out = [r.warning for r in self.comparisons.values() if r.warning] + self._scoring_problems()
        for prof in self.model.profiles:
            for node_id, rule in prof.weights.items():
                node = self.model.criteria.find(node_id)
                if isinstance(rule, NodeRule) and node is not None:
                    res = evaluate_judgements(rule.judgements, [c.id for c in node.children or ()], rule,
                                              f"profile {prof.id!r} node {node_id!r}")
                    out += [res.warning] if res.warning else []
        return out

    def _scoring_problems(self) -> list[str]:
        """Why a verdict's method cannot score its profile, one line each (a file that validates
        then says which of the methods it names will fail, and where)."""
        out = []
        for v in self.model.verdicts:
            for name in v.methods:
                try:
                    self.score(v.profile, name, v.scope)
                except MCDAError as exc:
                    out.append(f"verdict {v.id!r} cannot be checked with {name!r}: {exc}")
        return out

    # --- matrix and provenance ----------------------------------------------------
    def _directions(self) -> dict[str, bool]:
        return {c.id: c.direction == "max" for c in self.model.criteria.leaves()}

    def evidence_matrix(self, scope: str | None = None) -> DecisionArrays:
        """Bounds, point values (after value functions) and confidences of the cells in ``scope``,
        with the leaves' directions and equal weights (a profile's weights: :meth:`arrays`).
        Built once per scope; the arrays are read-only."""
        em = self._matrices.get(scope)
        if em is None and self.model.table is not None:
            raise StudyError(f"the alternatives of this study are the rows of the table {self.model.table.path!r}; "
                             "score them with mcda.scale.score_study_table(study, profile, method)")
        if em is None:
            raw = evidence_matrix(self.cells, self.alternatives, self._scope_leaves(scope), self._directions())
            em = self._matrices[scope] = apply_value_functions(raw, {c.id: c for c in self.model.criteria.leaves()})
            em.frozen()
        return em

    def matrix(self, scope: str | None = None, bound: str = "point") -> pd.DataFrame:
        """Decision matrix (alternatives x leaves) of point values, or ``bound="lo"|"hi"``.

        Ordinal levels appear as their numeric values; intervals as their
        midpoints (``point``) or bounds. Leaves excluded by a missing-value
        policy are left out.
        """
        em = self.evidence_matrix(scope)
        values = {"point": em.X, "lo": em.lo, "hi": em.hi, "confidence": em.confidence}
        if bound not in values:
            raise UnknownNameError(f"bound must be one of {list(values)}, got {bound!r}")
        df = pd.DataFrame(values[bound], index=list(em.alternatives), columns=list(em.criteria))
        df.index.name, df.columns.name = "alternative", "criterion"
        return df

    def _raw_matrix(self, em: DecisionArrays) -> pd.DataFrame | None:
        """Raw point values of ``em``'s cells when a leaf in it has a non-linear value function."""
        leaves = {c.id: c for c in self.model.criteria.leaves()}
        if all(describe(leaves[c]) == "linear" for c in em.criteria):
            return None
        raw = evidence_matrix(self.cells, list(em.alternatives), list(em.criteria), self._directions())
        return pd.DataFrame(raw.X, index=list(em.alternatives), columns=list(em.criteria))

    def values(self, scope: str | None = None) -> pd.DataFrame:
        """Raw value and value of every cell in ``scope`` (one row per alternative and leaf), with the
        leaf's value function; ``value`` is what every method scores (see :mod:`mcda.value_functions`)."""
        leaves = {c.id: c for c in self.model.criteria.leaves()}
        raw = evidence_matrix(self.cells, self.alternatives, self._scope_leaves(scope), self._directions())
        return value_table(raw, apply_value_functions(raw, leaves), leaves)

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
        leaf = self.model.criteria.find(criterion)
        bounds = None
        if leaf is not None and describe(leaf) != "linear" and cell.lo is not None and cell.hi is not None:
            a, b = (float(v) for v in transform(leaf, np.array([cell.lo, cell.hi])))
            bounds = (min(a, b), max(a, b))
        return Provenance(alternative, criterion, cell, cell.items,
                          tuple(by_id[s] for s in dict.fromkeys(src_ids)), cell.missing, compared,
                          describe(leaf) if leaf is not None else "linear", bounds)

    # --- weights and scores ---------------------------------------------------------
    def _prepare(
        self, profile: str | WeightProfile, scope: str | None
    ) -> tuple[EffectiveWeights, DecisionArrays]:
        """The effective weights and arrays of a profile and scope, built once.

        A profile of the study is prepared once per scope and reused by scoring,
        sensitivity and verdict loops (the arrays are read-only); a profile object
        from outside the study is prepared afresh.
        """
        prof = self.profile(profile)
        own = any(p is prof for p in self.model.profiles)
        key = (prof.id, scope)
        hit = self._prepared.get(key) if own else None
        if hit is None:
            hit = self._build(prof, scope)
            if own:
                self._prepared[key] = hit
        return hit

    def _build(
        self, profile: WeightProfile, scope: str | None
    ) -> tuple[EffectiveWeights, DecisionArrays]:
        """Build the effective weights and arrays of a profile and scope (the scope's evidence
        matrix with the profile's global leaf weights)."""
        em = self.evidence_matrix(scope)
        ew = tree_weights(self.model.criteria, self.profile(profile), scope, em.excluded, _columns(em))
        w = np.array([ew.leaves[c] for c in em.criteria], dtype=float)
        return ew, dataclasses.replace(em, w=w).frozen()

    def weights(self, profile: str | WeightProfile, scope: str | None = None) -> EffectiveWeights:
        """Effective (normalised) local and global weights of a profile within a scope."""
        return self._prepare(profile, scope)[0]

    def arrays(self, profile: str | WeightProfile, scope: str | None = None) -> DecisionArrays:
        """The :class:`DecisionArrays` for a profile and scope."""
        return self._prepare(profile, scope)[1]

    def score(
        self, profile: str | WeightProfile, method: str | Method = defaults.METHOD,
        scope: str | None = None, **options: Any,
    ) -> ScoreResult:
        """Score the alternatives under a profile with a method, within a scope.

        The result's ``warnings`` carry the consistency diagnostics of the AHP
        judgements used (profile nodes in the scope, compared leaves scored).

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
        """
        prof = self.profile(profile)
        meth = get_method(method, **options)
        ew, arrays = self._prepare(prof, scope)
        with located(list(arrays.alternatives), list(arrays.criteria), prof.id, meth.name):
            result = score_arrays(arrays, meth, prof.id, ew.scope)
        leaf_warnings = tuple(w for leaf in arrays.criteria if leaf in self.comparisons
                              for w in [self.comparisons[leaf].warning] if w)
        return dataclasses.replace(result, local_weights=ew.local, excluded=ew.excluded,
                                   warnings=ew.warnings + leaf_warnings, raw_matrix=self._raw_matrix(arrays))

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
        table = self.rank_table(profile, methods, scope)
        df = compare_rankings({str(c): table[c].to_numpy() for c in table.columns})
        df.attrs["ranks"] = table
        return df

    def rank_table(
        self, profile: str | WeightProfile | list[str | WeightProfile] | None = None,
        methods: list[str | Method] | None = None, scope: str | None = None,
    ) -> pd.DataFrame:
        """Ranks (1 = best, average ranks for ties) of every alternative (rows) under each method,
        or ``profile/method`` when several profiles are given (columns): the table
        :meth:`compare_methods` compares."""
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
        return pd.DataFrame(ranks, index=pd.Index(self.alternatives, name="alternative"))

    # --- sensitivity (mcda.sensitivity on arrays; ids re-attached here) -----------------
    def _located(self, arr: DecisionArrays, profile: str | WeightProfile, method: str | Method) -> Any:
        """Kernel errors about a position of X, re-raised with alternative and criterion ids."""
        name = profile.id if isinstance(profile, WeightProfile) else str(profile)
        return located(list(arr.alternatives), list(arr.criteria), name, str(getattr(method, "name", method)))

    def sweep_paths(self, profile: str | WeightProfile, scope: str | None = None) -> dict[str, WeightPath]:
        """The sweep path of every node below the scope that has a weighted sibling."""
        arr, ew = self.arrays(profile, scope), self.weights(profile, scope)
        node = self.model.criteria.find(ew.scope) or self.model.criteria
        return {nid: node_path(node, ew.local, nid, arr.criteria) for nid in sweepable_nodes(node, ew.local)}

    def sweep(self, profile: str | WeightProfile, node: str, method: str | Method = defaults.METHOD,
              scope: str | None = None, n_points: int = defaults.SWEEP_POINTS, **options: Any) -> pd.DataFrame:
        """Scores and ranks while ``node``'s local weight runs over [0, 1], its siblings keeping
        their ratios: one row per (weight, alternative), see :func:`mcda.sensitivity.sweep`."""
        arr, ew = self.arrays(profile, scope), self.weights(profile, scope)
        path = node_path(self.model.criteria.find(ew.scope) or self.model.criteria, ew.local, node, arr.criteria)
        with self._located(arr, profile, method):
            res = sensitivity.sweep(arr.X, arr.benefit, path, method, n_points=n_points, **options)
        df = res.to_frame(list(arr.alternatives))
        df.insert(0, "profile", ew.profile)
        df.insert(1, "method", res.method)
        return df

    def tipping_points(self, profile: str | WeightProfile, method: str | Method = defaults.METHOD,
                       scope: str | None = None, nodes: list[str] | None = None, **options: Any) -> pd.DataFrame:
        """Every weight (of every node, or of ``nodes``) at which two alternatives swap places,
        nearest to the profile first; see :func:`mcda.sensitivity.tipping_points`."""
        arr = self.arrays(profile, scope)
        paths = self.sweep_paths(profile, scope)
        unknown = sorted(set(nodes or ()) - set(paths))
        if unknown:
            hint = did_you_mean(unknown[0], list(paths))
            raise UnknownNameError(f"cannot sweep {unknown}{hint}; nodes with siblings in scope: {', '.join(paths)}")
        with self._located(arr, profile, method):
            frames = [sensitivity.tipping_points(arr.X, arr.benefit, paths[n], method, **options)
                      .to_frame(list(arr.alternatives)) for n in (nodes or list(paths))]
        cols = ["node", "weight_now", "weight", "ahead", "behind", "leader_before", "leader_after",
                "leader_changes", "l1_distance", "method", "exact"]
        frames = [f for f in frames if len(f)]
        df = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=cols)
        return df.sort_values(["l1_distance", "node"], kind="stable").reset_index(drop=True)

    def min_change(self, profile: str | WeightProfile, method: str | Method = defaults.METHOD, scope: str | None = None,
                   claim: str | list[str] | None = None, **options: Any) -> pd.DataFrame:
        """The smallest L1 change of the leaf weights that overturns ``claim`` (a leader id or a
        ranking; default: the current leader). One row per leaf: weight, new_weight, change;
        ``df.attrs`` holds found, l1, exact, leader_after, margin_before, margin_after.
        :meth:`weight_change` returns the same answer as an object."""
        return self.weight_change(profile, method, scope, claim, **options).to_frame()

    def weight_change(self, profile: str | WeightProfile, method: str | Method = defaults.METHOD,
                      scope: str | None = None,
                      claim: str | list[str] | None = None, **options: Any) -> WeightChange:
        """:meth:`min_change` as a :class:`~mcda.results.WeightChange`: distance, leader after,
        found, exact, margins, weights before and after (``.to_frame()`` for the table)."""
        arr = self.arrays(profile, scope)
        alts = list(arr.alternatives)
        unknown = [a for a in ([claim] if isinstance(claim, str) else claim or []) if a not in alts]
        if unknown:
            raise UnknownNameError(f"unknown alternative(s) {unknown}{did_you_mean(unknown[0], alts)}; "
                                   f"alternatives: {', '.join(alts)}")
        pos = None if claim is None else alts.index(claim) if isinstance(claim, str) else [alts.index(a) for a in claim]
        with self._located(arr, profile, method):
            res = sensitivity.min_change(arr.X, arr.w, arr.benefit, pos, method, **options)
        ids = arr.alternative_ids
        crits = list(arr.criteria)
        return WeightChange(
            found=res.found, distance=res.distance, exact=res.exact, method=res.method,
            claim=ids(res.claim), margin_before=res.margin_before, margin_after=res.margin_after,
            leader_after=None if res.leader_after is None else ids([res.leader_after])[0],
            before=pd.Series(arr.w, index=crits, name="weight"),
            after=None if res.weights is None else pd.Series(res.weights, index=crits, name="new_weight"))

    def smaa(self, profile: str | WeightProfile | None = None, method: str | Method = defaults.METHOD,
             scope: str | None = None, n_samples: int = defaults.SMAA_SAMPLES, rng: RNGLike = defaults.SEED,
             concentration: float | None = None, evidence: str = defaults.SMAA_EVIDENCE,
             backend: str = "local", client: Any = None, pairwise: bool | None = None,
             **options: Any) -> pd.DataFrame:
        """SMAA-2 on the study: weights uniform on the simplex of the scope's leaves, or, with a
        ``profile``, a Dirichlet around its weights (``concentration``, default 100). One row per
        alternative with column groups acceptability, acceptability_se, central_weights,
        central_weights_se, confidence, and winning when the pairwise winning indices are computed
        (``pairwise``: True always, False never, None up to ``defaults.SMAA_PAIRWISE_MAX``
        alternatives); see :func:`mcda.sensitivity.smaa` (also for ``backend="dask"`` and
        ``client``: the same numbers computed on a Dask cluster)."""
        count(n_samples, "n_samples")
        if concentration is not None:
            positive(concentration, "concentration")
        equal = WeightProfile(id="uniform", unlisted="equal")  # only the scope's leaves matter then
        arr = self.arrays(profile if profile is not None else equal, scope)
        kappa = defaults.CONCENTRATION if concentration is None else concentration
        dist = None if profile is None else sensitivity.WeightDistribution.dirichlet(arr.w, kappa)
        with self._located(arr, profile if profile is not None else equal, method):
            res = sensitivity.smaa(arr.X, arr.benefit, method, n_samples, rng, weights=dist, lo=arr.lo, hi=arr.hi,
                                   confidence=arr.confidence, evidence=evidence, backend=backend,
                                   client=client, pairwise=pairwise, **options)
        return res.to_frame(list(arr.alternatives), list(arr.criteria))

    def rank_reversal(self, profile: str | WeightProfile, method: str | Method = defaults.METHOD,
                      scope: str | None = None, **options: Any) -> pd.DataFrame:
        """Pairs whose order reverses when an alternative is removed, copied, or a dominated one
        added; see :func:`mcda.sensitivity.rank_reversal`."""
        arr = self.arrays(profile, scope)
        return sensitivity.rank_reversal(arr.X, arr.w, arr.benefit, method, **options).to_frame(list(arr.alternatives))

    # --- verdicts -----------------------------------------------------------------------
    def verdict_outcomes(self, method: str | Method | None = None, **options: Any) -> list[VerdictOutcome]:
        """Check every verdict with each of its methods (or only ``method``, with ``options``, when given)."""
        if options and method is None:
            raise UnknownNameError(f"method options {sorted(options)} need a method: verdicts name several")
        out = []
        scored: dict[tuple[str, str | None, str], ScoreResult] = {}  # verdicts on one (profile, scope, method)
        for v in self.model.verdicts:
            for spec in (method,) if method is not None else v.methods:
                meth = get_method(spec, **options)
                key = (v.profile, v.scope, repr(meth))
                if key not in scored:  # scores and their near-tie check, once
                    scored[key] = self.score(v.profile, meth, v.scope)
                out.append(evaluate_verdict(v, scored[key], meth))
        return out

    def check_verdicts(self, method: str | Method | None = None, robustness: bool = True, *,
                       n_samples: int = defaults.VERDICT_SAMPLES, rng: RNGLike = defaults.SEED,
                       evidence: str = defaults.VERDICT_EVIDENCE, concentration: float = defaults.CONCENTRATION,
                       progress: bool | None = None, backend: str = "local", client: Any = None,
                       **options: Any) -> pd.DataFrame:
        """One row per (verdict, method): id, statement, profile, method, scope, claim,
        holds, margin, near_tie, leader, expect, as_expected, reason, and ``status``: the
        verdict's status over the methods checked (see :func:`mcda.verdicts.add_status`).

        With ``robustness`` (default), also what would flip each verdict (see
        :func:`mcda.verdicts.robustness_row`): the nearest claim tipping weight
        (``tip_node``, ``tip_weight_now``, ``tip_weight``, ``tip_leader``, ``tip_l1``),
        the minimum L1 weight change that overturns it (``min_l1``, ``min_l1_leader``,
        ``min_l1_change``, ``min_l1_exact``) and ``p_holds`` (± ``p_holds_se``) under a
        Dirichlet around the profile (``concentration``) and the ``evidence`` model,
        with ``n_samples`` samples seeded by ``rng``. Where nothing flips a verdict the
        robustness cells hold the missing marker ``pd.NA`` (``None`` in text columns),
        never NaN (:func:`mcda.verdicts.with_missing_marker`). ``progress`` shows a bar
        on stderr (tqdm, when installed; default: only on a terminal).

        ``method`` (a name or method object, plus ``options``) checks every verdict
        with that method instead of the verdicts' own. ``backend="dask"`` (or a Dask ``client``)
        computes ``p_holds`` on a Dask cluster, with the same numbers.
        """
        if robustness:
            count(n_samples, "n_samples")
            positive(concentration, "concentration")
        cols = ["id", "statement", "profile", "method", "scope", "claim", "holds", "margin",
                "near_tie", "leader", "expect", "as_expected", "reason"]
        rows = []
        # Shared per (profile, scope): sweep paths, weight and evidence draws; per method: scorer, tipping points.
        draws: dict[tuple[str, str | None], ClaimDraws] = {}
        analyses: dict[tuple[str, str | None, str], ClaimAnalysis] = {}
        paths_of: dict[tuple[str, str | None], dict[str, WeightPath]] = {}
        evidence_of: dict[tuple[str | None, tuple[int, ...]], Any] = {}
        outcomes = self.verdict_outcomes(method, **options)
        for o in progress_iter(outcomes, "verdicts", robustness and wanted(progress)):
            row = o.row()
            if robustness:
                v = o.verdict
                key, arr = (v.profile, v.scope), self.arrays(v.profile, v.scope)
                if key not in draws:
                    paths_of[key] = self.sweep_paths(v.profile, v.scope)
                    draws[key] = ClaimDraws(arr.X, arr.w, lo=arr.lo, hi=arr.hi, confidence=arr.confidence,
                                            evidence=evidence, concentration=concentration, n_samples=n_samples,
                                            rng=rng, backend=backend, client=client)
                    _share_evidence(draws[key], evidence_of, v.scope)
                meth = o.method_object if o.method_object is not None else get_method(o.method)
                akey = (*key, repr(meth))
                if akey not in analyses:
                    analyses[akey] = ClaimAnalysis(arr.X, arr.w, arr.benefit, list(paths_of[key].values()), meth,
                                                   draws[key])
                row.update(robustness_row(o, arr, paths_of[key], n_samples=n_samples, rng=rng, evidence=evidence,
                                          concentration=concentration, analysis=analyses[akey]))
            rows.append(row)
        df = pd.DataFrame(rows, columns=cols + (ROBUSTNESS_COLUMNS if robustness else []))
        return add_status(with_missing_marker(df), self.model.verdicts)

    def verdict_status(self, method: str | Method | None = None, **options: Any) -> pd.DataFrame:
        """One row per verdict: its margin under each method, where it holds and fails, and its status
        (holds under all / method-dependent / fails under all) against its ``expect``; see
        :func:`mcda.verdicts.verdict_status`."""
        return verdict_status(self.check_verdicts(method, robustness=False, **options), self.model.verdicts)
