"""Numerical kernels of :mod:`mcda`: numpy arrays in, numpy arrays out.

Contract (binding for every kernel):

* ``X``: float64 decision matrix, shape ``(m, n)``: m alternatives, n criteria.
* ``benefit``: bool mask, shape ``(n,)``, True where a criterion is maximised.
* ``W``: weights of shape ``(n,)`` or ``(..., n)``; non-negative, each row
  summing to 1 (checked, never renormalised silently).
* Result: shape ``W.shape[:-1] + (m,)``. One weight vector and a batch of a
  million are the same call; there is no Python loop over samples.

Kernels never mutate inputs, never print and never touch global random state.
Each public function validates its inputs once (cheap, vectorised checks whose
messages name the position, e.g. ``W[3, 1]``) and then calls a private,
unvalidated twin (``_wsm``, ``_topsis``, ...) that hot paths may call directly
with arrays they have already validated.

No pandas, no pydantic, no plotting here: only numpy (and scipy where needed).
"""

from __future__ import annotations

from mcda.kernels.additive import wpm, wsm, wsm_contributions
from mcda.kernels.ahp import (
    GCI_THRESHOLDS,
    PRIORITY_METHODS,
    RANDOM_INDEX,
    RANDOM_INDEX_NAMES,
    ahp_priorities,
    consistency_index,
    consistency_ratio,
    gci_threshold,
    geometric_consistency_index,
    judgement_errors,
    lambda_max,
    random_index,
)
from mcda.kernels.ahp_batch import AhpBatch, ahp_batch
from mcda.kernels.ahp_group import aggregate_judgements, aggregate_priorities, judgement_dispersion
from mcda.kernels.ahp_incomplete import comparison_groups, complete_matrix, harker_priorities, llsm_priorities
from mcda.kernels.ahp_synthesis import SYNTHESIS_MODES, ahp_local_priorities, ahp_synthesis
from mcda.kernels.copras import CoprasDetails, copras, copras_details
from mcda.kernels.edas import edas
from mcda.kernels.normalize import NORMALIZATIONS, SCALINGS, normalize, scale
from mcda.kernels.promethee import (
    PREFERENCE_FUNCTIONS,
    PrometheeResult,
    preference_matrices,
    promethee_i,
    promethee_ii,
    unicriterion_flows,
)
from mcda.kernels.ranking import near_ties, rank
from mcda.kernels.topsis import TopsisDetails, topsis, topsis_details
from mcda.kernels.vikor import VikorCompromise, VikorResult, vikor, vikor_compromise
from mcda.kernels.waspas import waspas

__all__ = [
    "GCI_THRESHOLDS",
    "NORMALIZATIONS",
    "PREFERENCE_FUNCTIONS",
    "PRIORITY_METHODS",
    "RANDOM_INDEX",
    "RANDOM_INDEX_NAMES",
    "SCALINGS",
    "SYNTHESIS_MODES",
    "AhpBatch",
    "CoprasDetails",
    "PrometheeResult",
    "TopsisDetails",
    "VikorCompromise",
    "VikorResult",
    "aggregate_judgements",
    "aggregate_priorities",
    "ahp_batch",
    "ahp_local_priorities",
    "ahp_priorities",
    "ahp_synthesis",
    "comparison_groups",
    "complete_matrix",
    "consistency_index",
    "consistency_ratio",
    "copras",
    "copras_details",
    "edas",
    "gci_threshold",
    "geometric_consistency_index",
    "harker_priorities",
    "judgement_dispersion",
    "judgement_errors",
    "lambda_max",
    "llsm_priorities",
    "near_ties",
    "normalize",
    "preference_matrices",
    "promethee_i",
    "promethee_ii",
    "random_index",
    "rank",
    "scale",
    "topsis",
    "topsis_details",
    "unicriterion_flows",
    "vikor",
    "vikor_compromise",
    "waspas",
    "wpm",
    "wsm",
    "wsm_contributions",
]
