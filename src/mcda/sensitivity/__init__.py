"""Sensitivity analysis: what would flip a verdict.

* :func:`sweep`: scores and ranks while one node's weight runs over [0, 1];
* :func:`tipping_points`: exact weights where two alternatives swap places;
* :func:`min_change`: the smallest L1 weight change that overturns a claim;
* :func:`smaa`: SMAA-2 acceptability indices, central weights, confidence factors; or in
  steps, :func:`smaa_weights` -> your scores -> :func:`analyze_scores`;
* weight samplers and the evidence-uncertainty model;
* :func:`rank_reversal`: checks that add, remove or copy an alternative.

Everything here works on arrays (positions, not ids); :class:`mcda.Study`
re-attaches ids. See ``docs/sensitivity.md`` for the mathematics.
"""

from mcda.sensitivity.min_change import MinChange, min_change
from mcda.sensitivity.oat import SweepResult, sweep
from mcda.sensitivity.path import WeightPath, group_path, leaf_path
from mcda.sensitivity.reversal import ReversalReport, rank_reversal
from mcda.sensitivity.sampling import (
    HIT_AND_RUN_CHAINS,
    WeightConstraints,
    WeightDistribution,
    chain_ids,
    hit_and_run,
    sample_constrained,
    sample_dirichlet,
    sample_uniform,
)
from mcda.sensitivity.smaa import BLOCK_SIZE, SMAAResult, smaa
from mcda.sensitivity.smaa_steps import analyze_scores, smaa_weights
from mcda.sensitivity.tipping import TippingPoints, tipping_points
from mcda.sensitivity.uncertainty import EVIDENCE_MODELS, sample_evidence

__all__ = [
    "BLOCK_SIZE",
    "EVIDENCE_MODELS",
    "HIT_AND_RUN_CHAINS",
    "MinChange",
    "ReversalReport",
    "SMAAResult",
    "SweepResult",
    "TippingPoints",
    "WeightConstraints",
    "WeightDistribution",
    "WeightPath",
    "analyze_scores",
    "chain_ids",
    "group_path",
    "hit_and_run",
    "leaf_path",
    "min_change",
    "rank_reversal",
    "sample_constrained",
    "sample_dirichlet",
    "sample_evidence",
    "sample_uniform",
    "smaa",
    "smaa_weights",
    "sweep",
    "tipping_points",
]
