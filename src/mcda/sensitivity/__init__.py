"""Sensitivity analysis: what would flip a verdict.

* :func:`sweep`: scores and ranks while one node's weight runs over [0, 1];
* :func:`tipping_points`: exact weights where two alternatives swap places;
* :func:`min_change`: the smallest L1 weight change that overturns a claim;
* :func:`smaa`: SMAA-2 acceptability indices, central weights, confidence factors;
* weight samplers and the evidence-uncertainty model;
* :func:`rank_reversal`: checks that add, remove or copy an alternative.

Everything here works on arrays (positions, not ids); :class:`mcda.Study`
re-attaches ids. See ``docs/sensitivity.md`` for the mathematics.
"""

from mcda.sensitivity.oat import SweepResult, sweep
from mcda.sensitivity.path import WeightPath, group_path, leaf_path, node_path, sweepable_nodes
from mcda.sensitivity.tipping import TippingPoints, tipping_points

__all__ = [
    "SweepResult",
    "TippingPoints",
    "WeightPath",
    "group_path",
    "leaf_path",
    "node_path",
    "sweep",
    "sweepable_nodes",
    "tipping_points",
]
