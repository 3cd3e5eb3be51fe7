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
    RANDOM_INDEX,
    ahp_priorities,
    consistency_index,
    consistency_ratio,
    lambda_max,
)
from mcda.kernels.copras import CoprasDetails, copras, copras_details
from mcda.kernels.edas import edas
from mcda.kernels.normalize import NORMALIZATIONS, SCALINGS, normalize, scale
from mcda.kernels.promethee import (
    PREFERENCE_FUNCTIONS,
    PrometheeResult,
    preference_matrices,
    promethee_i,
    promethee_ii,
)
from mcda.kernels.ranking import near_ties, rank
from mcda.kernels.topsis import TopsisDetails, topsis, topsis_details
from mcda.kernels.vikor import VikorCompromise, VikorResult, vikor, vikor_compromise
from mcda.kernels.waspas import waspas

__all__ = [
    "NORMALIZATIONS",
    "PREFERENCE_FUNCTIONS",
    "RANDOM_INDEX",
    "SCALINGS",
    "CoprasDetails",
    "PrometheeResult",
    "TopsisDetails",
    "VikorCompromise",
    "VikorResult",
    "ahp_priorities",
    "consistency_index",
    "consistency_ratio",
    "copras",
    "copras_details",
    "edas",
    "lambda_max",
    "near_ties",
    "normalize",
    "preference_matrices",
    "promethee_i",
    "promethee_ii",
    "rank",
    "scale",
    "topsis",
    "topsis_details",
    "vikor",
    "vikor_compromise",
    "waspas",
    "wpm",
    "wsm",
    "wsm_contributions",
]
