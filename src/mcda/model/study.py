"""The study document: everything in one study file, as one frozen model."""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, Field

from mcda.model._base import Frozen, Text
from mcda.model.criteria import Criterion
from mcda.model.items import Alternative, EvidenceItem, MissingCell, Source
from mcda.model.judgements import LeafComparison
from mcda.model.profiles import Verdict, WeightProfile
from mcda.model.table import TableSource

__all__ = ["StudyModel"]


def _file_layout(schema: dict[str, Any]) -> None:
    """The JSON Schema as the file is written: ``table`` is ``alternatives: {table: ...}``, not a top-level key."""
    props = schema.get("properties", {})
    table = props.pop("table", None)
    if table is None or "alternatives" not in props:
        return
    ref = next(x for x in table.get("anyOf", [table]) if "$ref" in x)
    listed = {k: v for k, v in props["alternatives"].items() if k not in ("title", "default")}
    props["alternatives"] = {
        "title": "Alternatives",
        "description": "The alternatives as a list, or as the rows of a Parquet table ({table: {...}}).",
        "anyOf": [listed, {"type": "object", "properties": {"table": ref}, "required": ["table"],
                           "additionalProperties": False}],
    }


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

    model_config = ConfigDict(json_schema_extra=_file_layout)

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
