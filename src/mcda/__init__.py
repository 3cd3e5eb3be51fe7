"""mcda: evidence-based weighted multi-criteria decision analysis.

Load a study file, score it, and check its verdicts::

    >>> import mcda
    >>> study = mcda.load_study("criteria/hunyuan_vs_stepfun.yaml")  # doctest: +SKIP
    >>> study.score("balanced", method="topsis").ranking             # doctest: +SKIP
    >>> study.check_verdicts()                                         # doctest: +SKIP
"""

from mcda import ahp, compare, errors, kernels, plot, sensitivity, weights
from mcda.arrays import DecisionArrays
from mcda.errors import MCDAError, StudyValidationError
from mcda.io import load_study, loads_study, read_table_study, save_study, study_from_frame
from mcda.methods import AHP, COPRAS, EDAS, PROMETHEE_II, TOPSIS, VIKOR, WASPAS, WPM, WSM, get_method, method_names
from mcda.model import (
    Alternative,
    Criterion,
    EvidenceItem,
    MissingCell,
    Source,
    StudyModel,
    Verdict,
    WeightProfile,
)
from mcda.results import ScoreResult
from mcda.study import Provenance, Study
from mcda.weights import EffectiveWeights

__version__ = "0.1.0"

__all__ = [
    "AHP",
    "COPRAS",
    "EDAS",
    "PROMETHEE_II",
    "TOPSIS",
    "VIKOR",
    "WASPAS",
    "WPM",
    "WSM",
    "Alternative",
    "Criterion",
    "DecisionArrays",
    "EffectiveWeights",
    "EvidenceItem",
    "MCDAError",
    "MissingCell",
    "Provenance",
    "ScoreResult",
    "Source",
    "Study",
    "StudyModel",
    "StudyValidationError",
    "Verdict",
    "WeightProfile",
    "__version__",
    "ahp",
    "compare",
    "errors",
    "get_method",
    "kernels",
    "load_study",
    "loads_study",
    "method_names",
    "plot",
    "read_table_study",
    "save_study",
    "sensitivity",
    "study_from_frame",
    "weights",
]
