"""Methods built on one normalised table: WSM, WPM, WASPAS and AHP synthesis.

WSM and AHP are linear in the weights (:meth:`~mcda.methods.Method.linear_table`),
WPM is log-linear where no normalised value is zero; sensitivity analysis uses
these declared forms for exact tipping points and minimum changes, and for
scoring stacks of sampled matrices in one call.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Literal

import numpy as np

from mcda import kernels
from mcda._types import BoolArray, FloatArray
from mcda.kernels._raw import normalize as _normalize
from mcda.kernels.ahp_synthesis import SYNTHESIS_MODES, ahp_local_priorities, ahp_synthesis
from mcda.methods._base import Method
from mcda.methods._engine import check_engine, engine_repr

__all__ = ["AHP", "WASPAS", "WPM", "WSM", "normalize_stack"]


def normalize_stack(Xs: FloatArray, benefit: BoolArray, method: str) -> FloatArray:
    """Normalise every matrix of a stack (S, m, n) at once (column-wise normalisations only).

    Columns are treated independently, so the stack is laid side by side as one
    (m, S * n) matrix.

    >>> Xs = np.array([[[1.0, 2.0], [2.0, 1.0]], [[1.0, 4.0], [4.0, 1.0]]])
    >>> normalize_stack(Xs, np.array([True, False]), "max")[1].tolist()
    [[0.25, 0.25], [1.0, 1.0]]
    """
    S, m, n = Xs.shape
    flat = Xs.transpose(1, 0, 2).reshape(m, S * n)
    R = _normalize(flat, np.tile(benefit, S), method)
    return R.reshape(m, S, n).transpose(1, 0, 2)


class _Linear(Method):
    """Shared stack scoring of methods whose scores are ``W @ R.T`` with ``R`` a normalisation of X."""

    name: ClassVar[str] = "linear"
    higher_is_better: ClassVar[bool] = True
    vectorised_evidence: ClassVar[bool] = True

    def _table_normalization(self) -> str:
        raise NotImplementedError  # pragma: no cover

    def linear_table(self, X: FloatArray, benefit: BoolArray) -> FloatArray | None:
        """The normalised table ``R``: scores are ``W @ R.T``."""
        return _normalize(np.asarray(X, dtype=np.float64), np.asarray(benefit, dtype=bool),
                          self._table_normalization())

    def stack_scores(self, Xs: FloatArray, W: FloatArray, benefit: BoolArray) -> FloatArray:
        """One einsum over the stack when there is one matrix per weight row."""
        if Xs.shape[0] != W.shape[0]:
            return super().stack_scores(Xs, W, benefit)
        return np.einsum("skn,smn->skm", W, normalize_stack(Xs, benefit, self._table_normalization()))


@dataclass(frozen=True)
class WSM(_Linear, register=True):
    """Weighted sum model: ``S_i = Σ_j w_j r_ij`` on benefit-oriented normalised values.

    ``normalization`` (default ``"max"``, Hwang & Yoon's linear scale
    transformation: ``x/max`` for benefit, ``min/x`` for cost) names the
    normalisation; see :func:`mcda.kernels.normalize`.

    ``engine="numba"`` (the ``fast`` extra) scores one weight vector with a
    fused compiled kernel, to rounding the same numbers; see :mod:`mcda.methods._engine`.

    >>> WSM().scores(np.array([[1.0, 4.0], [2.0, 2.0]]), np.array([0.5, 0.5]), np.array([True, True]))
    array([0.75, 0.75])
    """

    normalization: Literal["max", "minmax", "sum", "vector", "none"] = "max"
    engine: str = field(default="numpy", repr=False)
    name: ClassVar[str] = "wsm"
    higher_is_better: ClassVar[bool] = True

    def __post_init__(self) -> None:
        check_engine(self.engine, self.name)

    def __repr__(self) -> str:
        return engine_repr(self)

    def _table_normalization(self) -> str:
        return str(self.normalization)

    def scores(self, X: FloatArray, W: FloatArray, benefit: BoolArray) -> FloatArray:
        """Weighted sums, shape (..., m)."""
        if self.engine == "numba":
            from mcda.kernels import compiled

            return compiled.wsm(X, W, benefit, normalization=self.normalization)
        return kernels.wsm(X, W, benefit, normalization=self.normalization)

    def _explain(self, X: FloatArray, w: FloatArray, benefit: BoolArray) -> dict[str, FloatArray]:
        """``normalized`` r_ij and ``contribution`` w_j r_ij (rows sum to the score)."""
        R = _normalize(X, benefit, self.normalization)
        return {"normalized": R, "contribution": R * w}


@dataclass(frozen=True)
class AHP(_Linear, register=True):
    """AHP synthesis (Saaty 1980): ``S_i = sum_j w_j r_ij`` with per-leaf local priorities ``r``.

    Leaves compared pairwise hold their priorities; leaves rated from evidence
    hold ratio-scale values. ``mode="distributive"`` (default, Saaty's classic
    synthesis) uses ``x / sum(x)`` and, on cost leaves, ``(1/x) / sum(1/x)``;
    ``mode="ideal"`` uses ``x / max(x)`` and ``min(x) / x``, which keeps the
    ranking when an alternative that is nowhere best is added. See
    :mod:`mcda.kernels.ahp_synthesis`.

    >>> AHP().scores(np.array([[0.2, 10.0], [0.8, 30.0]]), np.array([0.5, 0.5]), np.array([True, True]))
    array([0.225, 0.775])
    """

    mode: Literal["distributive", "ideal"] = "distributive"
    name: ClassVar[str] = "ahp"
    higher_is_better: ClassVar[bool] = True

    def _table_normalization(self) -> str:
        return SYNTHESIS_MODES[self.mode]

    def scores(self, X: FloatArray, W: FloatArray, benefit: BoolArray) -> FloatArray:
        """Global priorities, shape (..., m)."""
        return ahp_synthesis(X, W, benefit, mode=self.mode)

    def _explain(self, X: FloatArray, w: FloatArray, benefit: BoolArray) -> dict[str, FloatArray]:
        """``priority`` r_ij (local, per leaf) and ``contribution`` w_j r_ij (rows sum to the score)."""
        R = ahp_local_priorities(X, benefit, mode=self.mode)
        return {"priority": R, "contribution": R * w}


@dataclass(frozen=True)
class WPM(Method, register=True):
    """Weighted product model: ``S_i = Π_j r_ij^{w_j}`` on positive normalised values.

    >>> WPM().scores(np.array([[1.0, 4.0], [2.0, 2.0]]), np.array([0.5, 0.5]), np.array([True, True]))
    array([0.70710678, 0.70710678])
    """

    normalization: Literal["max", "sum", "none"] = "max"
    name: ClassVar[str] = "wpm"
    higher_is_better: ClassVar[bool] = True
    vectorised_evidence: ClassVar[bool] = True

    def scores(self, X: FloatArray, W: FloatArray, benefit: BoolArray) -> FloatArray:
        """Weighted products, shape (..., m)."""
        return kernels.wpm(X, W, benefit, normalization=self.normalization)

    def log_linear_table(self, X: FloatArray, benefit: BoolArray) -> FloatArray | None:
        """``ln r_ij`` when every normalised value is positive (else None: a zero has no logarithm)."""
        R = _normalize(np.asarray(X, dtype=np.float64), np.asarray(benefit, dtype=bool), self.normalization)
        return None if np.any(R <= 0) else np.log(R)

    def stack_scores(self, Xs: FloatArray, W: FloatArray, benefit: BoolArray) -> FloatArray:
        """Products over the whole stack in one einsum (a zero factor with positive weight gives 0)."""
        if Xs.shape[0] != W.shape[0]:
            return super().stack_scores(Xs, W, benefit)
        R = normalize_stack(Xs, benefit, self.normalization)
        pos = R > 0
        logR = np.log(R, out=np.zeros_like(R), where=pos)
        out = np.exp(np.einsum("skn,smn->skm", W, logR))
        hits = np.einsum("skn,smn->skm", (W > 0).astype(float), (~pos).astype(float))
        return np.where(hits > 0, 0.0, out)

    def _explain(self, X: FloatArray, w: FloatArray, benefit: BoolArray) -> dict[str, FloatArray]:
        """``normalized`` r_ij, ``factor`` r_ij^w_j (rows multiply to S), ``log_contribution``
        w_j ln r_ij and ``zero_factor`` (1.0 where r_ij = 0 and w_j > 0, else 0.0); all finite.

        A criterion with weight 0 contributes the factor 1 (``0^0 = 1``) and the log
        contribution 0. A zero normalised value under a positive weight makes the
        score exactly 0: it is flagged in ``zero_factor``, its factor is 0 and its
        log contribution is defined as 0, so ``log_contribution`` sums to ln S on
        rows without a zero factor and describes the other criteria on rows with one.
        """
        R = np.asarray(_normalize(X, benefit, self.normalization), dtype=np.float64)
        wv = np.broadcast_to(np.asarray(w, dtype=np.float64), R.shape)
        pos, weighted = R > 0, wv > 0
        logs = np.log(R, out=np.zeros_like(R), where=pos)
        contrib = np.where(weighted & pos, logs * wv, 0.0)
        zero = weighted & ~pos
        factor = np.where(weighted, np.where(pos, np.exp(contrib), 0.0), 1.0)
        return {"normalized": R, "factor": factor, "log_contribution": contrib, "zero_factor": zero.astype(np.float64)}


@dataclass(frozen=True)
class WASPAS(Method, register=True):
    """WASPAS (Zavadskas et al. 2012): ``lambda_ * WSM + (1 - lambda_) * WPM``, higher is better.

    Both parts use the linear ``max`` normalisation; ``lambda_`` defaults to 0.5.

    >>> WASPAS().scores(np.array([[1.0, 4.0], [2.0, 2.0]]), np.array([0.5, 0.5]), np.array([True, True]))
    array([0.72855339, 0.72855339])
    """

    lambda_: float = 0.5
    name: ClassVar[str] = "waspas"
    higher_is_better: ClassVar[bool] = True

    @classmethod
    def variants(cls) -> list[Method]:
        """The default and the two pure ends (``lambda_`` 1: WSM, 0: WPM)."""
        return [cls(), cls(1.0), cls(0.0)]

    def scores(self, X: FloatArray, W: FloatArray, benefit: BoolArray) -> FloatArray:
        """Joint generalised criterion Q, shape (..., m)."""
        return kernels.waspas(X, W, benefit, lambda_=self.lambda_)

    def _explain(self, X: FloatArray, w: FloatArray, benefit: BoolArray) -> dict[str, FloatArray]:
        """``normalized`` r_ij, ``contribution`` w_j r_ij (WSM part, rows sum to Q1) and the WPM
        part's ``factor``, ``log_contribution`` and ``zero_factor`` (see :meth:`WPM._explain`;
        all finite, zeros and zero weights defined there)."""
        return WPM("max")._explain(X, w, benefit) | {"contribution": WSM("max")._explain(X, w, benefit)["contribution"]}
