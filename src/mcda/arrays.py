"""DecisionArrays: the one boundary where ids become positions.

Everything below this layer (kernels, sampling) works on positions only; ids are
re-attached by :mod:`mcda.results`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mcda._types import BoolArray, FloatArray

__all__ = ["DecisionArrays"]


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

    Examples
    --------
    >>> import numpy as np
    >>> a = DecisionArrays.from_matrix([[1.0, 2.0], [3.0, 1.0]], [True, False], [0.5, 0.5])
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

    @property
    def shape(self) -> tuple[int, int]:
        """(m, n): alternatives by criteria."""
        return (len(self.alternatives), len(self.criteria))

    @classmethod
    def from_matrix(
        cls,
        X: object,
        benefit: object,
        w: object,
        alternatives: list[str] | None = None,
        criteria: list[str] | None = None,
    ) -> DecisionArrays:
        """Arrays from a plain matrix (point values; bounds equal the values, confidence 1)."""
        x = np.array(X, dtype=float)
        m, n = x.shape
        return cls(
            X=x, lo=x.copy(), hi=x.copy(), confidence=np.ones_like(x),
            benefit=np.array(benefit, dtype=bool), w=np.array(w, dtype=float),
            alternatives=tuple(alternatives or [f"a{i}" for i in range(m)]),
            criteria=tuple(criteria or [f"c{j}" for j in range(n)]),
        )
