"""Pydantic v2 models of a study (frozen; unknown keys rejected) and their cross-checks."""

from mcda.model.checks import check_profile, check_study, format_path
from mcda.model.criteria import Criterion, NumericScale, OrdinalLevel, OrdinalScale, ValueFunction
from mcda.model.items import Alternative, EvidenceItem, MissingCell, Source
from mcda.model.profiles import Verdict, WeightProfile
from mcda.model.study import StudyModel
from mcda.model.table import TableSource

__all__ = [
    "Alternative",
    "Criterion",
    "EvidenceItem",
    "MissingCell",
    "NumericScale",
    "OrdinalLevel",
    "OrdinalScale",
    "Source",
    "StudyModel",
    "TableSource",
    "ValueFunction",
    "Verdict",
    "WeightProfile",
    "check_profile",
    "check_study",
    "format_path",
]
