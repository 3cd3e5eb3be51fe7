"""Distance, outranking and ratio methods: VIKOR, PROMETHEE II, COPRAS, EDAS.

None of them is linear in the weights, so sensitivity analysis uses their
default capabilities (numeric tipping points, one call per sampled matrix).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from mcda import kernels
from mcda._types import BoolArray, FloatArray
from mcda.kernels.edas import edas_distances
from mcda.kernels.vikor import vikor_regrets
from mcda.methods._base import Method

__all__ = ["COPRAS", "EDAS", "PROMETHEE_II", "VIKOR"]


@dataclass(frozen=True)
class VIKOR(Method, register=True):
    """VIKOR (Opricovic & Tzeng 2004): compromise index Q, **lower is better**.

    ``v`` (default 0.5, "by consensus") weighs group utility S against
    individual regret R. S, R and the compromise conditions are available
    from :func:`mcda.kernels.vikor` and :func:`mcda.kernels.vikor_compromise`.
    """

    v: float = 0.5
    name: ClassVar[str] = "vikor"
    higher_is_better: ClassVar[bool] = False

    @classmethod
    def variants(cls) -> list[Method]:
        """Consensus (0.5), pure regret (0) and pure group utility (1)."""
        return [cls(), cls(0.0), cls(1.0)]

    def scores(self, X: FloatArray, W: FloatArray, benefit: BoolArray) -> FloatArray:
        """Q, shape (..., m); lower is better."""
        return kernels.vikor(X, W, benefit, v=self.v).Q

    def _explain(self, X: FloatArray, w: FloatArray, benefit: BoolArray) -> dict[str, FloatArray]:
        """``distance`` d_ij in [0, 1] (0 = best) and ``weighted_distance`` w_j d_ij
        (rows sum to S; their maximum is R)."""
        d = vikor_regrets(np.asarray(X, dtype=np.float64), np.asarray(benefit, dtype=bool))
        return {"distance": d, "weighted_distance": d * np.asarray(w, dtype=np.float64)}


@dataclass(frozen=True)
class PROMETHEE_II(Method, register=True):
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

    @classmethod
    def variants(cls) -> list[Method]:
        """Every preference function with scalar thresholds (in the units of unit-scale data)."""
        return [cls(), cls("u-shape", q=0.05), cls("v-shape", p=0.5), cls("level", q=0.05, p=0.5),
                cls("linear", q=0.05, p=0.5), cls("gaussian", s=0.25)]

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

    def _explain(self, X: FloatArray, w: FloatArray, benefit: BoolArray) -> dict[str, FloatArray]:
        """``net_flow_contribution``: w_j times the criterion's net flow (rows sum to phi)."""
        unicriterion = kernels.unicriterion_flows(X, benefit, **self._options())  # bounded memory
        return {"unicriterion_net_flow": unicriterion,
                "net_flow_contribution": unicriterion * np.asarray(w, dtype=np.float64)}


@dataclass(frozen=True)
class COPRAS(Method, register=True):
    """COPRAS (Zavadskas et al. 1994): relative significance Q, higher is better.

    Takes cost criteria as they are; raising a cost value never raises the
    alternative's Q. Utility degrees ``Q / max Q``: :func:`mcda.kernels.copras_details`.
    """

    name: ClassVar[str] = "copras"
    higher_is_better: ClassVar[bool] = True

    def scores(self, X: FloatArray, W: FloatArray, benefit: BoolArray) -> FloatArray:
        """Relative significance, shape (..., m)."""
        return kernels.copras(X, W, benefit)

    def _explain(self, X: FloatArray, w: FloatArray, benefit: BoolArray) -> dict[str, FloatArray]:
        """``weighted``: w_j x_ij / sum_k x_kj (benefit columns sum to S+, cost columns to S-)."""
        return {"weighted": kernels.copras_details(X, w, benefit).weighted}


@dataclass(frozen=True)
class EDAS(Method, register=True):
    """EDAS (Keshavarz Ghorabaee et al. 2015): appraisal score in [0, 1], higher is better."""

    name: ClassVar[str] = "edas"
    higher_is_better: ClassVar[bool] = True

    def scores(self, X: FloatArray, W: FloatArray, benefit: BoolArray) -> FloatArray:
        """Appraisal scores, shape (..., m)."""
        return kernels.edas(X, W, benefit)

    def _explain(self, X: FloatArray, w: FloatArray, benefit: BoolArray) -> dict[str, FloatArray]:
        """``positive`` w_j PDA_ij and ``negative`` w_j NDA_ij (rows sum to SP and SN)."""
        pda, nda = edas_distances(np.asarray(X, dtype=np.float64), np.asarray(benefit, dtype=bool))
        wa = np.asarray(w, dtype=np.float64)
        return {"positive": pda * wa, "negative": nda * wa}
