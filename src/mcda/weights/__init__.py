"""Weights: profiles over the criteria tree (more schemes arrive with later issues)."""

from mcda.weights.objective import critic, entropy, merec, std
from mcda.weights.paths import node_path, sweepable_nodes
from mcda.weights.subjective import (
    BWM_CONSISTENCY_INDEX,
    BwmResult,
    bwm,
    bwm_details,
    rank_reciprocal,
    rank_sum,
    roc,
    swara,
)
from mcda.weights.tree import EffectiveWeights, tree_weights

__all__ = [
    "BWM_CONSISTENCY_INDEX",
    "BwmResult",
    "EffectiveWeights",
    "bwm",
    "bwm_details",
    "critic",
    "entropy",
    "merec",
    "node_path",
    "rank_reciprocal",
    "rank_sum",
    "roc",
    "std",
    "swara",
    "sweepable_nodes",
    "tree_weights",
]
