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
from mcda.errors import UnknownNameError, did_you_mean
from mcda.kernels.ahp_synthesis import ahp_local_priorities, ahp_synthesis
from mcda.kernels.edas import edas_distances
from mcda.kernels.vikor import vikor_regrets

__all__ = [
    "AHP",
    "COPRAS",
    "EDAS",
    "METHODS",
    "PROMETHEE_II",
    "TOPSIS",
    "VIKOR",
    "WASPAS",
    "WPM",
    "WSM",
    "Method",
    "get_method",
    "method_names",
]


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
        with np.errstate(divide="ignore", invalid="ignore"):  # -inf * 0 where w = 0 is discarded below
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


@dataclass(frozen=True)
class VIKOR:
    """VIKOR (Opricovic & Tzeng 2004): compromise index Q, **lower is better**.

    ``v`` (default 0.5, "by consensus") weighs group utility S against
    individual regret R. S, R and the compromise conditions are available
    from :func:`mcda.kernels.vikor` and :func:`mcda.kernels.vikor_compromise`.
    """

    v: float = 0.5
    name: ClassVar[str] = "vikor"
    higher_is_better: ClassVar[bool] = False

    def scores(self, X: FloatArray, W: FloatArray, benefit: BoolArray) -> FloatArray:
        """Q, shape (..., m); lower is better."""
        return kernels.vikor(X, W, benefit, v=self.v).Q

    def explain(self, X: FloatArray, w: FloatArray, benefit: BoolArray) -> dict[str, FloatArray]:
        """``distance`` d_ij in [0, 1] (0 = best) and ``weighted_distance`` w_j d_ij
        (rows sum to S; their maximum is R)."""
        kernels.vikor(X, w, benefit, v=self.v)  # validates
        d = vikor_regrets(np.asarray(X, dtype=np.float64), np.asarray(benefit, dtype=bool))
        return {"distance": d, "weighted_distance": d * np.asarray(w, dtype=np.float64)}


@dataclass(frozen=True)
class PROMETHEE_II:
    """PROMETHEE II (Brans & Vincke 1985): net outranking flow, higher is better.

    ``preference`` is one of ``"usual"`` (default), ``"u-shape"``,
    ``"v-shape"``, ``"level"``, ``"linear"``, ``"gaussian"``, or one name per
    criterion; ``q``, ``p``, ``s`` are thresholds in criterion units (one
    value or one per criterion). Positive and negative flows and the
    PROMETHEE I preorder: :func:`mcda.kernels.promethee_ii`, :func:`mcda.kernels.promethee_i`.
    """

    preference: str | tuple[str, ...] = "usual"
    q: float | tuple[float, ...] = 0.0
    p: float | tuple[float, ...] = 0.0
    s: float | tuple[float, ...] = 0.0
    name: ClassVar[str] = "promethee_ii"
    higher_is_better: ClassVar[bool] = True

    def __post_init__(self) -> None:
        for f in ("preference", "q", "p", "s"):
            value = getattr(self, f)
            if isinstance(value, list):
                object.__setattr__(self, f, tuple(value))

    def _options(self) -> dict[str, Any]:
        return {"preference": self.preference, "q": self.q, "p": self.p, "s": self.s}

    def scores(self, X: FloatArray, W: FloatArray, benefit: BoolArray) -> FloatArray:
        """Net flows phi, shape (..., m)."""
        return kernels.promethee_ii(X, W, benefit, **self._options()).phi

    def explain(self, X: FloatArray, w: FloatArray, benefit: BoolArray) -> dict[str, FloatArray]:
        """``net_flow_contribution``: w_j times the criterion's net flow (rows sum to phi)."""
        kernels.promethee_ii(X, w, benefit, **self._options())  # validates
        P = kernels.preference_matrices(X, benefit, **self._options())
        m = P.shape[0]
        unicriterion = (P.sum(axis=1) - P.sum(axis=0)) / (m - 1) if m > 1 else np.zeros(P.shape[1:])
        return {"unicriterion_net_flow": unicriterion,
                "net_flow_contribution": unicriterion * np.asarray(w, dtype=np.float64)}


@dataclass(frozen=True)
class COPRAS:
    """COPRAS (Zavadskas et al. 1994): relative significance Q, higher is better.

    Takes cost criteria as they are; raising a cost value never raises the
    alternative's Q. Utility degrees ``Q / max Q``: :func:`mcda.kernels.copras_details`.
    """

    name: ClassVar[str] = "copras"
    higher_is_better: ClassVar[bool] = True

    def scores(self, X: FloatArray, W: FloatArray, benefit: BoolArray) -> FloatArray:
        """Relative significance, shape (..., m)."""
        return kernels.copras(X, W, benefit)

    def explain(self, X: FloatArray, w: FloatArray, benefit: BoolArray) -> dict[str, FloatArray]:
        """``weighted``: w_j x_ij / sum_k x_kj (benefit columns sum to S+, cost columns to S-)."""
        return {"weighted": kernels.copras_details(X, w, benefit).weighted}


@dataclass(frozen=True)
class EDAS:
    """EDAS (Keshavarz Ghorabaee et al. 2015): appraisal score in [0, 1], higher is better."""

    name: ClassVar[str] = "edas"
    higher_is_better: ClassVar[bool] = True

    def scores(self, X: FloatArray, W: FloatArray, benefit: BoolArray) -> FloatArray:
        """Appraisal scores, shape (..., m)."""
        return kernels.edas(X, W, benefit)

    def explain(self, X: FloatArray, w: FloatArray, benefit: BoolArray) -> dict[str, FloatArray]:
        """``positive`` w_j PDA_ij and ``negative`` w_j NDA_ij (rows sum to SP and SN)."""
        kernels.edas(X, w, benefit)  # validates
        pda, nda = edas_distances(np.asarray(X, dtype=np.float64), np.asarray(benefit, dtype=bool))
        wa = np.asarray(w, dtype=np.float64)
        return {"positive": pda * wa, "negative": nda * wa}


@dataclass(frozen=True)
class WASPAS:
    """WASPAS (Zavadskas et al. 2012): ``lambda_ * WSM + (1 - lambda_) * WPM``, higher is better.

    Both parts use the linear ``max`` normalisation; ``lambda_`` defaults to 0.5.
    """

    lambda_: float = 0.5
    name: ClassVar[str] = "waspas"
    higher_is_better: ClassVar[bool] = True

    def scores(self, X: FloatArray, W: FloatArray, benefit: BoolArray) -> FloatArray:
        """Joint generalised criterion Q, shape (..., m)."""
        return kernels.waspas(X, W, benefit, lambda_=self.lambda_)

    def explain(self, X: FloatArray, w: FloatArray, benefit: BoolArray) -> dict[str, FloatArray]:
        """``normalized`` r_ij, ``contribution`` w_j r_ij (WSM part) and ``log_contribution``
        w_j ln r_ij (WPM part, rows sum to ln Q2)."""
        kernels.waspas(X, w, benefit, lambda_=self.lambda_)  # validates
        return WPM("max").explain(X, w, benefit) | {"contribution": WSM("max").explain(X, w, benefit)["contribution"]}


@dataclass(frozen=True)
class AHP:
    """AHP synthesis (Saaty 1980): ``S_i = sum_j w_j r_ij`` with per-leaf local priorities ``r``.

    Leaves compared pairwise hold their priorities; leaves rated from evidence
    hold ratio-scale values. ``mode="distributive"`` (default, Saaty's classic
    synthesis) uses ``x / sum(x)`` and, on cost leaves, ``(1/x) / sum(1/x)``;
    ``mode="ideal"`` uses ``x / max(x)`` and ``min(x) / x``, which keeps the
    ranking when an alternative that is nowhere best is added. See
    :mod:`mcda.kernels.ahp_synthesis`.
    """

    mode: Literal["distributive", "ideal"] = "distributive"
    name: ClassVar[str] = "ahp"
    higher_is_better: ClassVar[bool] = True

    def scores(self, X: FloatArray, W: FloatArray, benefit: BoolArray) -> FloatArray:
        """Global priorities, shape (..., m)."""
        return ahp_synthesis(X, W, benefit, mode=self.mode)

    def explain(self, X: FloatArray, w: FloatArray, benefit: BoolArray) -> dict[str, FloatArray]:
        """``priority`` r_ij (local, per leaf) and ``contribution`` w_j r_ij (rows sum to the score)."""
        R = ahp_local_priorities(X, benefit, mode=self.mode)
        return {"priority": R, "contribution": R * w}


METHODS: dict[str, type[Any]] = {
    "ahp": AHP,
    "wsm": WSM,
    "wpm": WPM,
    "topsis": TOPSIS,
    "vikor": VIKOR,
    "promethee_ii": PROMETHEE_II,
    "copras": COPRAS,
    "edas": EDAS,
    "waspas": WASPAS,
}


def method_names() -> list[str]:
    """Registered method names, sorted.

    >>> method_names()[:3]
    ['ahp', 'copras', 'edas']
    """
    return sorted(METHODS)


def get_method(method: str | Method, **options: Any) -> Method:
    """A method object from a name (plus options) or an existing method object.

    Raises
    ------
    UnknownNameError
        For an unknown method name or option.

    Examples
    --------
    >>> get_method("wsm", normalization="minmax")
    WSM(normalization='minmax')
    >>> get_method(get_method("topsis"), normalization="max")
    TOPSIS(normalization='max')
    """
    if not isinstance(method, str):
        return dataclasses.replace(method, **options) if options else method  # type: ignore[type-var]
    cls = METHODS.get(method.lower())
    if cls is None:
        raise UnknownNameError(f"unknown method {method!r}{did_you_mean(method, method_names())}; "
                               f"known methods: {', '.join(method_names())}")
    fields = {f.name for f in dataclasses.fields(cls)}
    bad = sorted(set(options) - fields)
    if bad:
        raise UnknownNameError(f"method {method!r} has no option(s) {bad}; options: {sorted(fields)}")
    obj: Method = cls(**options)
    return obj
