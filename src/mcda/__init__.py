"""mcda: evidence-based weighted multi-criteria decision analysis.

Load a study file, score it, and check its verdicts::

    >>> import mcda
    >>> study = mcda.load_study("criteria/hunyuan_vs_stepfun.yaml")  # doctest: +SKIP
    >>> study.score("balanced", method="topsis").ranking             # doctest: +SKIP
    >>> study.check_verdicts()                                         # doctest: +SKIP
"""

import typing as _typing

from mcda import errors
from mcda.errors import MCDAError, StudyValidationError

if _typing.TYPE_CHECKING:
    from mcda import ahp, compare, kernels, plot, sensitivity, weights
    from mcda.arrays import DecisionArrays
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


#: Where each public name lives; it is imported on first use (``mcda.X`` or
#: ``from mcda import X``), so ``import mcda`` stays quick and loads neither
#: pandas nor scipy nor matplotlib.
_LAZY = {
    **dict.fromkeys(["ahp", "compare", "kernels", "plot", "sensitivity", "weights"], ""),
    "DecisionArrays": "mcda.arrays",
    **dict.fromkeys(["load_study", "loads_study", "read_table_study", "save_study", "study_from_frame"], "mcda.io"),
    **dict.fromkeys(["AHP", "COPRAS", "EDAS", "PROMETHEE_II", "TOPSIS", "VIKOR", "WASPAS", "WPM", "WSM",
                     "get_method", "method_names"], "mcda.methods"),
    **dict.fromkeys(["Alternative", "Criterion", "EvidenceItem", "MissingCell", "Source", "StudyModel",
                     "Verdict", "WeightProfile"], "mcda.model"),
    "ScoreResult": "mcda.results",
    "Provenance": "mcda.study",
    "Study": "mcda.study",
    "EffectiveWeights": "mcda.weights",
}


def __getattr__(name: str) -> _typing.Any:
    """Import a public name on first use and keep it as a module attribute."""
    import importlib

    where = _LAZY.get(name)
    if where is None:
        raise AttributeError(f"module 'mcda' has no attribute {name!r}")
    module = importlib.import_module(where or f"mcda.{name}")
    value: _typing.Any = module if not where else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
