"""Scoring methods as small frozen settings objects, and the name -> method registry.

A method object holds only its settings; :meth:`scores` calls the numpy kernel.
All methods follow the kernel contract: ``X (m, n)``, ``W (..., n)``,
``benefit (n,)`` -> ``(..., m)``.

Examples
--------
>>> import numpy as np
>>> m = get_method("topsis", normalization="minmax")
>>> m
TOPSIS(normalization='minmax')
>>> m.scores(np.array([[1.0, 2.0], [2.0, 1.0]]), np.array([0.5, 0.5]), np.array([True, True]))
array([0.5, 0.5])
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, Protocol

import numpy as np

from mcda import kernels
from mcda._types import BoolArray, FloatArray
from mcda.errors import UnknownNameError

__all__ = ["METHODS", "TOPSIS", "WPM", "WSM", "Method", "get_method", "method_names"]


class Method(Protocol):
    """What every scoring method provides."""

    name: ClassVar[str]
    higher_is_better: ClassVar[bool]

    def scores(self, X: FloatArray, W: FloatArray, benefit: BoolArray) -> FloatArray:
        """Scores (..., m) for weights W (..., n)."""
        ...

    def explain(self, X: FloatArray, w: FloatArray, benefit: BoolArray) -> dict[str, FloatArray]:
        """Named (m, n) tables showing how each criterion made up each score."""
        ...


@dataclass(frozen=True)
class WSM:
    """Weighted sum model: ``S_i = Σ_j w_j r_ij`` on benefit-oriented normalised values.

    ``normalization`` (default ``"max"``, Hwang & Yoon's linear scale
    transformation: ``x/max`` for benefit, ``min/x`` for cost) names the
    normalisation; see :func:`mcda.kernels.normalize`.
    """

    normalization: Literal["max", "minmax", "sum", "vector", "none"] = "max"
    name: ClassVar[str] = "wsm"
    higher_is_better: ClassVar[bool] = True

    def scores(self, X: FloatArray, W: FloatArray, benefit: BoolArray) -> FloatArray:
        """Weighted sums, shape (..., m)."""
        return kernels.wsm(X, W, benefit, normalization=self.normalization)

    def explain(self, X: FloatArray, w: FloatArray, benefit: BoolArray) -> dict[str, FloatArray]:
        """``normalized`` r_ij and ``contribution`` w_j r_ij (rows sum to the score)."""
        R = kernels.normalize(X, benefit, self.normalization)
        return {"normalized": R, "contribution": R * w}


@dataclass(frozen=True)
class WPM:
    """Weighted product model: ``S_i = Π_j r_ij^{w_j}`` on positive normalised values."""

    normalization: Literal["max", "sum", "none"] = "max"
    name: ClassVar[str] = "wpm"
    higher_is_better: ClassVar[bool] = True

    def scores(self, X: FloatArray, W: FloatArray, benefit: BoolArray) -> FloatArray:
        """Weighted products, shape (..., m)."""
        return kernels.wpm(X, W, benefit, normalization=self.normalization)

    def explain(self, X: FloatArray, w: FloatArray, benefit: BoolArray) -> dict[str, FloatArray]:
        """``normalized`` r_ij and ``log_contribution`` w_j ln r_ij (rows sum to ln S)."""
        R = kernels.normalize(X, benefit, self.normalization)
        with np.errstate(divide="ignore"):
            logs = np.where(R > 0, np.log(np.where(R > 0, R, 1.0)), -np.inf)
        contrib = np.where(w > 0, logs * w, 0.0)
        return {"normalized": R, "log_contribution": contrib}


@dataclass(frozen=True)
class TOPSIS:
    """TOPSIS (Hwang & Yoon 1981): closeness to the ideal, higher is better.

    ``normalization`` defaults to ``"vector"``, the textbook method. Some
    libraries default to min-max and therefore print different numbers.
    """

    normalization: Literal["vector", "minmax", "max", "sum"] = "vector"
    name: ClassVar[str] = "topsis"
    higher_is_better: ClassVar[bool] = True

    def scores(self, X: FloatArray, W: FloatArray, benefit: BoolArray) -> FloatArray:
        """Closeness coefficients, shape (..., m)."""
        return kernels.topsis(X, W, benefit, normalization=self.normalization)

    def explain(self, X: FloatArray, w: FloatArray, benefit: BoolArray) -> dict[str, FloatArray]:
        """Each criterion's share of the squared distances to the ideal and anti-ideal."""
        d = kernels.topsis_details(X, w, benefit, normalization=self.normalization)
        dp = d.d_plus_parts.sum(axis=1, keepdims=True)
        dm = d.d_minus_parts.sum(axis=1, keepdims=True)
        return {
            "normalized": d.normalized,
            "d_plus_share": np.divide(d.d_plus_parts, dp, out=np.zeros_like(d.d_plus_parts), where=dp > 0),
            "d_minus_share": np.divide(d.d_minus_parts, dm, out=np.zeros_like(d.d_minus_parts), where=dm > 0),
        }


METHODS: dict[str, type[Any]] = {"wsm": WSM, "wpm": WPM, "topsis": TOPSIS}


def method_names() -> list[str]:
    """Registered method names, sorted."""
    return sorted(METHODS)


def get_method(method: str | Method, **options: Any) -> Method:
    """A method object from a name (plus options) or an existing method object.

    Raises
    ------
    UnknownNameError
        For an unknown method name or option.
    """
    if not isinstance(method, str):
        return dataclasses.replace(method, **options) if options else method  # type: ignore[type-var]
    cls = METHODS.get(method.lower())
    if cls is None:
        raise UnknownNameError(f"unknown method {method!r}; known methods: {', '.join(method_names())}")
    fields = {f.name for f in dataclasses.fields(cls)}
    bad = sorted(set(options) - fields)
    if bad:
        raise UnknownNameError(f"method {method!r} has no option(s) {bad}; options: {sorted(fields)}")
    obj: Method = cls(**options)
    return obj
