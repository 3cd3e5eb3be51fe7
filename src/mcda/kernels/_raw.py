"""Unvalidated kernel pieces that the layers above need: the one place they are shared.

Each name here is a kernel's inner function without the input checks of its
public wrapper. Callers outside :mod:`mcda.kernels` import them from this
module only (``tests/test_architecture.py`` checks it), after validating their
inputs once at their own boundary.
"""

from __future__ import annotations

from mcda.kernels.ahp import _ahp_priorities as ahp_priorities
from mcda.kernels.ahp import _as_pairwise as as_pairwise
from mcda.kernels.ahp import _consistency_index as consistency_index
from mcda.kernels.ahp import _consistency_ratio as consistency_ratio
from mcda.kernels.ahp import _gci as gci
from mcda.kernels.ahp import _judgement_errors as judgement_errors
from mcda.kernels.ahp import _perron as perron
from mcda.kernels.ahp import _priorities_and_lambda as priorities_and_lambda
from mcda.kernels.ahp_group import _aij as aij
from mcda.kernels.ahp_group import _aip as aip
from mcda.kernels.ahp_group import _as_group_weights as as_group_weights
from mcda.kernels.ahp_group import _as_stack as as_stack
from mcda.kernels.ahp_group import _dispersion as dispersion
from mcda.kernels.ahp_incomplete import _as_incomplete as as_incomplete
from mcda.kernels.ahp_incomplete import _check_connected as check_connected
from mcda.kernels.ahp_incomplete import _groups as groups
from mcda.kernels.ahp_incomplete import _priorities_any as priorities_any
from mcda.kernels.ahp_random_index import _random_index as random_index
from mcda.kernels.normalize import _normalize as normalize
from mcda.kernels.normalize import _scale as scale
from mcda.kernels.ranking import _rank as rank
from mcda.kernels.ranking import _tolerance as tie_tolerance
from mcda.kernels.topsis import _closeness as closeness
from mcda.kernels.topsis import _ideals as ideals

__all__ = [
    "ahp_priorities",
    "aij",
    "aip",
    "as_group_weights",
    "as_incomplete",
    "as_pairwise",
    "as_stack",
    "check_connected",
    "closeness",
    "consistency_index",
    "consistency_ratio",
    "dispersion",
    "gci",
    "groups",
    "ideals",
    "judgement_errors",
    "normalize",
    "perron",
    "priorities_and_lambda",
    "priorities_any",
    "random_index",
    "rank",
    "scale",
    "tie_tolerance",
]
