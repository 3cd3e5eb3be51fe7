"""Weights: profiles over the criteria tree (more schemes arrive with later issues)."""

from mcda.weights.tree import EffectiveWeights, tree_weights

__all__ = ["EffectiveWeights", "tree_weights"]
