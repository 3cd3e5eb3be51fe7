"""Alternatives, sources, evidence items and declared missing cells."""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator

from mcda.model._base import Frozen, Id, Text, nfc

__all__ = ["Alternative", "EvidenceItem", "EvidenceValue", "MissingCell", "Source"]

#: A number, an ordinal level name, or an interval ``(lo, hi)``.
EvidenceValue = float | str | tuple[float, float]

SOURCE_KINDS = ("article", "benchmark", "vendor_claim", "report", "dataset", "other")


class Alternative(Frozen):
    """An option being compared.

    Examples
    --------
    >>> Alternative(id="a", name="Option A").name
    'Option A'
    """

    id: Id
    name: Text
    description: Text | None = None


class Source(Frozen):
    """Where evidence comes from."""

    id: Id
    title: Text
    url: Text | None = None
    date: dt.date | Text | None = None
    kind: Literal["article", "benchmark", "vendor_claim", "report", "dataset", "other"] = "other"


def _is_number(x: object) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


class EvidenceItem(Frozen):
    """One fact about one alternative on one leaf criterion.

    ``value`` is a number, an ordinal level name, or an interval ``[lo, hi]``.

    Examples
    --------
    >>> EvidenceItem(id="e1", alternative="a", criterion="price", value=[10, 12],
    ...              sources=["s1"], confidence=0.8).value
    (10.0, 12.0)
    """

    id: Id
    alternative: Id
    criterion: Id
    value: Any
    sources: Annotated[list[Id], Field(min_length=1)]
    confidence: Annotated[float, Field(gt=0.0, le=1.0, strict=True)] = 1.0
    quote: Text | None = None
    note: Text | None = None

    @field_validator("value", mode="before")
    @classmethod
    def _check_value(cls, v: Any) -> EvidenceValue:
        if _is_number(v):
            if not math.isfinite(v):
                raise ValueError(f"value must be finite, got {v!r}")
            return float(v)
        if isinstance(v, str):
            if not v.strip():
                raise ValueError("an ordinal level name must not be empty")
            return nfc(v)
        if isinstance(v, list | tuple) and len(v) == 2 and all(_is_number(x) for x in v):
            lo, hi = float(v[0]), float(v[1])
            if not (math.isfinite(lo) and math.isfinite(hi)):
                raise ValueError(f"interval bounds must be finite, got [{v[0]!r}, {v[1]!r}]")
            if lo > hi:
                raise ValueError(f"interval [{v[0]!r}, {v[1]!r}] has lo > hi")
            return (lo, hi)
        raise ValueError(
            "value must be a number, an ordinal level name or an interval [lo, hi] of two "
            f"numbers, got {v!r} ({type(v).__name__})"
        )


class MissingCell(Frozen):
    """A declared gap: no evidence for this (alternative, leaf) cell, and what to do about it.

    Policies: ``worst`` (the worst value observed among the alternatives with
    evidence on that leaf), ``scale-worst`` (the worst value the leaf's scale
    declares: its ``lower``/``upper`` bound or its first ordinal level),
    ``exclude-criterion`` (drop the leaf for every alternative), ``error``
    (refuse to score anything that needs the cell).
    """

    alternative: Id
    criterion: Id
    policy: Literal["worst", "scale-worst", "exclude-criterion", "error"]
    note: Text | None = None
