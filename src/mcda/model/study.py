"""The study document: everything in one study file, as one frozen model."""

from __future__ import annotations

from pydantic import Field

from mcda.model._base import Frozen, Text
from mcda.model.criteria import Criterion
from mcda.model.items import Alternative, EvidenceItem, MissingCell, Source
from mcda.model.judgements import LeafComparison
from mcda.model.profiles import Verdict, WeightProfile
from mcda.model.table import TableSource

__all__ = ["StudyModel"]


class StudyModel(Frozen):
    """A whole study: alternatives, criteria tree, sources, evidence, profiles, verdicts.

    With ``table`` the alternatives are the rows of a Parquet table (``alternatives`` and
    ``evidence`` stay empty). Constructing the model checks types and shapes only; cross-references are
    checked by :func:`mcda.model.check_study` (which :class:`mcda.Study` runs).

    Examples
    --------
    >>> m = StudyModel(title="t", alternatives=[], criteria={"id": "root", "name": "R"})
    >>> m.criteria.id
    'root'
    """

    title: Text
    description: Text | None = None
    alternatives: list[Alternative] = Field(default_factory=list)
    criteria: Criterion
    sources: list[Source] = Field(default_factory=list)
    evidence: list[EvidenceItem] = Field(default_factory=list)
    missing: list[MissingCell] = Field(default_factory=list)
    comparisons: list[LeafComparison] = Field(default_factory=list)
    profiles: list[WeightProfile] = Field(default_factory=list)
    verdicts: list[Verdict] = Field(default_factory=list)
    #: The alternatives as rows of a table instead of ``alternatives`` and ``evidence``
    #: (written ``alternatives: {table: ...}`` in a study file).
    table: TableSource | None = None
