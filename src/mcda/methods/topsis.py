"""TOPSIS as a method object: prepared separations, exact quartic tipping polynomials,
and stacks of sampled matrices scored in one call."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Literal

import numpy as np

from mcda import kernels
from mcda._types import BoolArray, FloatArray
from mcda.kernels._blocks import Workspace, scratch, thin_matmul
from mcda.kernels._raw import closeness as _closeness
from mcda.kernels._raw import ideals as _ideals
from mcda.kernels._raw import scale as _scale
from mcda.methods._base import Method, Scorer, TransposedScorer, _polymul2
from mcda.methods._engine import check_engine, engine_repr

__all__ = ["TOPSIS"]


@dataclass(frozen=True)
class TOPSIS(Method, register=True):
    """TOPSIS (Hwang & Yoon 1981): closeness to the ideal, higher is better.

    ``normalization`` defaults to ``"vector"``, the textbook method. Some
    libraries default to min-max and therefore print different numbers.

    ``engine="numba"`` (the ``fast`` extra) scores one weight vector with a
    fused compiled kernel, to rounding the same numbers; see :mod:`mcda.methods._engine`.

    >>> TOPSIS().scores(np.array([[1.0, 2.0], [2.0, 1.0]]), np.array([0.5, 0.5]), np.array([True, True]))
    array([0.5, 0.5])
    """

    normalization: Literal["vector", "minmax", "max", "sum"] = "vector"
    engine: str = field(default="numpy", repr=False)
    name: ClassVar[str] = "topsis"
    higher_is_better: ClassVar[bool] = True
    vectorised_evidence: ClassVar[bool] = True

    def __post_init__(self) -> None:
        check_engine(self.engine, self.name)

    def __repr__(self) -> str:
        return engine_repr(self)

    def scores(self, X: FloatArray, W: FloatArray, benefit: BoolArray) -> FloatArray:
        """Closeness coefficients, shape (..., m)."""
        if self.engine == "numba":
            from mcda.kernels import compiled

            return compiled.topsis(X, W, benefit, normalization=self.normalization)
        return kernels.topsis(X, W, benefit, normalization=self.normalization)

    def _separations(self, X: FloatArray, benefit: BoolArray) -> tuple[FloatArray, FloatArray]:
        """Squared per-criterion distances to the ideal ``P`` and the anti-ideal ``Q``, each (m, n)."""
        R = _scale(np.asarray(X, dtype=np.float64), self.normalization)
        ideal, anti = _ideals(R, np.asarray(benefit, dtype=bool))
        return (R - ideal) ** 2, (R - anti) ** 2

    def prepare(self, X: FloatArray, benefit: BoolArray) -> Scorer:
        """Separations precomputed once: each call is one product ``W**2 @ [P Q].T``."""
        self.check(X, benefit)
        P, Q = self._separations(X, benefit)
        m = P.shape[0]
        parts = np.concatenate([P.T, Q.T], axis=1)

        def score(W: FloatArray) -> FloatArray:
            d2 = np.sqrt((W * W) @ parts)
            return _closeness(d2[..., :m], d2[..., m:])

        return score

    def prepare_T(self, X: FloatArray, benefit: BoolArray) -> TransposedScorer:
        """Transposed layout with scratch buffers, for the SMAA loop."""
        self.check(X, benefit)
        P, Q = self._separations(X, benefit)
        m = P.shape[0]
        parts_T = np.ascontiguousarray(np.concatenate([P, Q], axis=0))

        def topsis_T(WT: FloatArray, ws: Workspace | None = None) -> FloatArray:
            S = WT.shape[1]
            W2 = np.multiply(WT, WT, out=scratch(ws, "w2", WT.shape))
            d = thin_matmul(parts_T, W2, out=scratch(ws, "d", (2 * m, S)))
            np.sqrt(d, out=d)
            total = np.add(d[:m], d[m:], out=scratch(ws, "total", (m, S)))
            if total.min() > 0:
                np.divide(d[m:], total, out=total)
                return total
            return np.divide(d[m:], total, out=np.full_like(total, 0.5), where=total > 0)

        return topsis_T

    def gap_polynomials(
        self, X: FloatArray, benefit: BoolArray, A: FloatArray, B: FloatArray, i: np.ndarray, k: np.ndarray
    ) -> FloatArray | None:
        """Quartics whose sign is that of ``C_i - C_k`` along ``w(t) = A + t B``.

        ``C_i > C_k`` iff ``d-_i d+_k > d-_k d+_i``; squaring both sides (all
        distances are non-negative) gives ``Q_i(t) P_k(t) - Q_k(t) P_i(t)`` with
        ``P, Q`` the squared separations, quadratic in ``t``.
        """
        P, Q = self._separations(X, benefit)
        A, B = A[..., None, :], B[..., None, :]

        def quad(T: FloatArray) -> FloatArray:  # sum_j (A_j + t B_j)^2 T_j as (..., p, 3)
            return np.stack([(B * B * T).sum(-1), (2.0 * A * B * T).sum(-1), (A * A * T).sum(-1)], axis=-1)

        return _polymul2(quad(Q[i]), quad(P[k])) - _polymul2(quad(Q[k]), quad(P[i]))

    def stack_scores(self, Xs: FloatArray, W: FloatArray, benefit: BoolArray) -> FloatArray:
        """Closeness under every sampled matrix of the stack at once."""
        if Xs.shape[0] != W.shape[0]:
            return super().stack_scores(Xs, W, benefit)
        S_, m, n = Xs.shape
        R = _scale(Xs.transpose(1, 0, 2).reshape(m, S_ * n), self.normalization).reshape(m, S_, n).transpose(1, 0, 2)
        ideal = np.where(benefit, R.max(axis=1), R.min(axis=1))[:, None, :]
        anti = np.where(benefit, R.min(axis=1), R.max(axis=1))[:, None, :]
        W2 = W * W
        dp = np.sqrt(np.einsum("skn,smn->skm", W2, (R - ideal) ** 2))
        dm = np.sqrt(np.einsum("skn,smn->skm", W2, (R - anti) ** 2))
        tot = dp + dm
        return np.divide(dm, tot, out=np.full_like(tot, 0.5), where=tot > 0)

    def _explain(self, X: FloatArray, w: FloatArray, benefit: BoolArray) -> dict[str, FloatArray]:
        """Each criterion's share of the squared distances to the ideal and anti-ideal."""
        d = kernels.topsis_details(X, w, benefit, normalization=self.normalization)
        dp = d.d_plus_parts.sum(axis=1, keepdims=True)
        dm = d.d_minus_parts.sum(axis=1, keepdims=True)
        return {
            "normalized": d.normalized,
            "d_plus_share": np.divide(d.d_plus_parts, dp, out=np.zeros_like(d.d_plus_parts), where=dp > 0),
            "d_minus_share": np.divide(d.d_minus_parts, dm, out=np.zeros_like(d.d_minus_parts), where=dm > 0),
        }
