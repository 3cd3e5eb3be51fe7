"""DecisionArrays: the one boundary where ids become positions.

Everything below this layer (kernels, sampling) works on positions only; ids are
re-attached by :mod:`mcda.results`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from mcda._order import weights_before_benefit
from mcda._types import BoolArray, FloatArray, IntArray
from mcda.errors import InputError, UnknownNameError, did_you_mean

__all__ = ["DecisionArrays", "positions"]


def positions(ids: str | Sequence[str], known: Sequence[str], what: str) -> IntArray:
    """Positions of ``ids`` in ``known``: the one conversion from ids to positions.

    Raises :class:`~mcda.errors.UnknownNameError` naming the unknown ids, the
    closest known one, and every known id.

    >>> positions(["b", "a"], ("a", "b", "c"), "alternative").tolist()
    [1, 0]
    """
    wanted = [ids] if isinstance(ids, str) else list(ids)
    index = {k: i for i, k in enumerate(known)}
    unknown = [x for x in wanted if x not in index]
    if unknown:
        hint = did_you_mean(str(unknown[0]), [str(k) for k in known])
        raise UnknownNameError(f"unknown {what}(s) {unknown}{hint}; {what}s: {', '.join(map(str, known))}")
    return np.array([index[x] for x in wanted], dtype=np.int64)


@dataclass(frozen=True)
class DecisionArrays:
    """A decision problem as arrays.

    Attributes
    ----------
    X:
        (m, n) point values (interval midpoints).
    lo, hi:
        (m, n) lower and upper bounds of each cell.
    confidence:
        (m, n) confidence of each cell in [0, 1] (0 for cells filled by a missing policy).
    benefit:
        (n,) True where the criterion is maximised.
    w:
        (n,) global weights, summing to 1.
    alternatives, criteria:
        The ids of the rows and columns.
    excluded:
        Leaf ids left out by an ``exclude-criterion`` missing-value policy (not columns).

    Examples
    --------
    >>> import numpy as np
    >>> a = DecisionArrays.from_matrix([[1.0, 2.0], [3.0, 1.0]], [0.5, 0.5], [True, False])
    >>> a.X.shape, a.alternatives
    ((2, 2), ('a0', 'a1'))
    """

    X: FloatArray
    lo: FloatArray
    hi: FloatArray
    confidence: FloatArray
    benefit: BoolArray
    w: FloatArray
    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    excluded: tuple[str, ...] = ()

    @property
    def shape(self) -> tuple[int, int]:
        """(m, n): alternatives by criteria."""
        return (len(self.alternatives), len(self.criteria))

    def alternative_positions(self, ids: str | Sequence[str]) -> IntArray:
        """Row positions of alternative ids (one id gives a one-element array)."""
        return positions(ids, self.alternatives, "alternative")

    def criterion_positions(self, ids: str | Sequence[str]) -> IntArray:
        """Column positions of criterion ids."""
        return positions(ids, self.criteria, "criterion")

    def alternative_ids(self, rows: Sequence[int] | np.ndarray) -> list[str]:
        """The ids of alternative positions: the one conversion from positions back to ids."""
        return [self.alternatives[int(i)] for i in np.asarray(rows, dtype=np.int64).ravel()]

    def frozen(self) -> DecisionArrays:
        """The same arrays made read-only, safe to share between analyses (a cache holds these)."""
        for a in (self.X, self.lo, self.hi, self.confidence, self.benefit, self.w):
            a.flags.writeable = False
        return self

    @classmethod
    @weights_before_benefit
    def from_matrix(
        cls,
        X: object,
        w: object,
        benefit: object,
        alternatives: list[str] | None = None,
        criteria: list[str] | None = None,
    ) -> DecisionArrays:
        """Arrays from a plain matrix (point values; bounds equal the values, confidence 1).

        The order ``(X, w, benefit)`` is the kernels' ``(X, W, benefit)``; the old ``(X, benefit, w)``
        still works, with a DeprecationWarning, until 0.2.
        """
        x = np.array(X, dtype=float)
        if x.ndim != 2:
            raise InputError(f"X must be a 2-D matrix (alternatives x criteria); got shape {x.shape}")
        m, n = x.shape
        mask, wv = np.asarray(benefit), np.array(w, dtype=float)
        if mask.dtype != np.bool_ or mask.shape != (n,):
            raise InputError(f"benefit must be a boolean mask of shape ({n},) (True = maximise); "
                             f"got dtype {mask.dtype}, shape {mask.shape}")
        if wv.shape != (n,):
            raise InputError(f"w must have shape ({n},), one weight per criterion; got {wv.shape}")
        return cls(
            X=x, lo=x.copy(), hi=x.copy(), confidence=np.ones_like(x),
            benefit=mask.copy(), w=wv,
            alternatives=tuple(alternatives or [f"a{i}" for i in range(m)]),
            criteria=tuple(criteria or [f"c{j}" for j in range(n)]),
        )
