"""Evidence items -> decision-matrix cells, with provenance per cell.

Rules (also in ``docs/study_format.md``):

* an item gives bounds ``(lo, hi)``: a number ``x`` gives ``(x, x)``, an ordinal
  level its numeric value twice, an interval its bounds;
* several items on one cell are combined by the **confidence-weighted mean** of
  the lower bounds and of the upper bounds; the cell's confidence is the
  confidence-weighted mean of the items' confidences (``Σc²/Σc``);
* the point value for scoring is the midpoint ``(lo + hi) / 2``;
* declared missing cells follow their policy (``worst``, ``scale-worst``,
  ``exclude-criterion``, ``error``); a missing value never silently becomes 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from mcda.arrays import DecisionArrays
from mcda.errors import MissingEvidenceError, StudyError
from mcda.model import Criterion, EvidenceItem, MissingCell, NumericScale, OrdinalScale, StudyModel

__all__ = ["Cell", "build_cells", "evidence_matrix", "item_bounds", "scale_worst"]


@dataclass(frozen=True)
class Cell:
    """One (alternative, leaf) cell and what it rests on.

    ``lo``/``hi`` are ``None`` only for a missing cell with policy ``error`` or
    ``exclude-criterion``.
    """

    alternative: str
    criterion: str
    lo: float | None
    hi: float | None
    confidence: float
    items: tuple[EvidenceItem, ...]
    missing: MissingCell | None = None

    @property
    def value(self) -> float | None:
        """The point value used for scoring: the midpoint of the bounds."""
        if self.lo is None or self.hi is None:
            return None
        return float(midpoint(np.float64(self.lo), np.float64(self.hi)))


def midpoint(lo: Any, hi: Any) -> Any:
    """``(lo + hi) / 2`` without overflow: ``lo / 2 + hi / 2`` where the sum is not finite.

    Both forms agree wherever the sum is finite; halving first would lose the
    smallest subnormal numbers, so it is used only where needed.

    >>> float(midpoint(np.float64(1.7e308), np.float64(1.7e308)))
    1.7e+308
    """
    with np.errstate(over="ignore", invalid="ignore"):
        total = lo + hi
        return np.where(np.isfinite(total), total / 2.0, lo / 2.0 + hi / 2.0)


def item_bounds(item: EvidenceItem, leaf: Criterion) -> tuple[float, float]:
    """``(lo, hi)`` of one evidence item on its leaf's numeric axis.

    Examples
    --------
    >>> leaf = Criterion(id="q", name="Q", direction="max",
    ...                  scale={"kind": "ordinal", "levels": ["low", "mid", "high"]})
    >>> item = EvidenceItem(id="e", alternative="a", criterion="q", value="mid", sources=["s"])
    >>> item_bounds(item, leaf)
    (2.0, 2.0)
    """
    v = item.value
    if isinstance(leaf.scale, OrdinalScale):
        x = leaf.scale.level_values()[v]
        return (x, x)
    if isinstance(v, tuple):
        return (float(v[0]), float(v[1]))
    return (float(v), float(v))


def scale_worst(leaf: Criterion) -> float | None:
    """The worst value the leaf's scale declares (policy ``scale-worst``), or None without that bound.

    >>> scale_worst(Criterion(id="c", name="C", direction="min", scale={"kind": "ratio", "upper": 9}))
    9.0
    """
    scale = leaf.scale
    if isinstance(scale, OrdinalScale):  # levels run in increasing value: worst first on max, last on min
        values = list(scale.level_values().values())
        return values[0] if leaf.direction == "max" else values[-1]
    if isinstance(scale, NumericScale):
        return scale.lower if leaf.direction == "max" else scale.upper
    return None


def build_cells(model: StudyModel) -> dict[tuple[str, str], Cell]:
    """Every (alternative, leaf) cell of a validated study.

    Raises
    ------
    StudyError
        When a ``worst`` missing cell has no bound and no observed value to use.
    """
    leaves = {leaf.id: leaf for leaf in model.criteria.leaves()}
    grouped: dict[tuple[str, str], list[EvidenceItem]] = {}
    for item in model.evidence:
        grouped.setdefault((item.alternative, item.criterion), []).append(item)
    cells: dict[tuple[str, str], Cell] = {}
    for key, items in grouped.items():
        bounds = np.array([item_bounds(it, leaves[key[1]]) for it in items])
        conf = np.array([it.confidence for it in items])
        share = conf / conf.sum()
        lo, hi = share @ bounds
        cells[key] = Cell(key[0], key[1], float(lo), float(hi), float(share @ conf), tuple(items))
    grouped_cells = dict(cells)
    for gap in model.missing:
        key = (gap.alternative, gap.criterion)
        leaf = leaves[gap.criterion]
        if gap.policy not in ("worst", "scale-worst"):
            cells[key] = Cell(*key, None, None, 0.0, (), gap)
            continue
        if gap.policy == "scale-worst":
            worst = scale_worst(leaf)
        else:
            observed = [x for k, c in grouped_cells.items() if k[1] == gap.criterion
                        and (x := c.lo if leaf.direction == "max" else c.hi) is not None]
            worst = (min(observed) if leaf.direction == "max" else max(observed)) if observed else None
        if worst is None:
            raise StudyError(f"missing cell ({gap.alternative}, {gap.criterion}) has policy "
                             f"{gap.policy!r} but there is no value to use: "
                             + ("the scale declares no bound on the worst side" if gap.policy == "scale-worst"
                                else "no alternative has evidence on this criterion"))
        cells[key] = Cell(*key, worst, worst, 0.0, (), gap)
    return cells


def evidence_matrix(
    cells: dict[tuple[str, str], Cell], alternatives: list[str], leaves: list[str], benefit: dict[str, bool],
) -> DecisionArrays:
    """Arrange cells as :class:`~mcda.arrays.DecisionArrays`; drop excluded leaves; refuse ``error`` cells.

    ``X`` holds the midpoints of the bounds, ``benefit`` the leaves' directions
    (``benefit[leaf]``), and ``w`` equal weights: a profile's weights replace them
    when the study prepares a profile (:meth:`mcda.Study.arrays`).

    Raises
    ------
    MissingEvidenceError
        When a needed cell is declared missing with policy ``error``.
    """
    excluded = tuple(
        leaf for leaf in leaves
        if any((c := cells[(a, leaf)]).missing is not None and c.missing.policy == "exclude-criterion"
               for a in alternatives)
    )
    kept = [leaf for leaf in leaves if leaf not in excluded]
    for leaf in kept:
        for a in alternatives:
            cell = cells[(a, leaf)]
            if cell.lo is None:
                note = f" ({cell.missing.note})" if cell.missing and cell.missing.note else ""
                raise MissingEvidenceError(
                    f"cell ({a}, {leaf}) has no evidence and its missing policy is 'error'{note}; "
                    "add evidence, or choose policy 'worst' or 'exclude-criterion'"
                )
    lo = np.array([[cells[(a, leaf)].lo for leaf in kept] for a in alternatives], dtype=float)
    hi = np.array([[cells[(a, leaf)].hi for leaf in kept] for a in alternatives], dtype=float)
    conf = np.array([[cells[(a, leaf)].confidence for leaf in kept] for a in alternatives], dtype=float)
    shape = (len(alternatives), len(kept))
    lo, hi = lo.reshape(shape), hi.reshape(shape)
    return DecisionArrays(
        X=np.asarray(midpoint(lo, hi), dtype=np.float64), lo=lo, hi=hi, confidence=conf.reshape(shape),
        benefit=np.array([benefit[leaf] for leaf in kept], dtype=bool),
        w=np.full(len(kept), 1.0 / len(kept)) if kept else np.zeros(0),
        alternatives=tuple(alternatives), criteria=tuple(kept), excluded=excluded,
    )
