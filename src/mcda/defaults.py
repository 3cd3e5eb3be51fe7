"""The library's defaults, in one place: the Python API and the command line read them from here.

>>> from mcda import defaults
>>> defaults.METHOD, defaults.SMAA_SAMPLES, defaults.VERDICT_SAMPLES, defaults.CONCENTRATION, defaults.SEED
('topsis', 100000, 20000, 100.0, 0)
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "CONCENTRATION",
    "CONFIDENCE_SAMPLES",
    "METHOD",
    "MIN_CHANGE_STARTS",
    "SEED",
    "SMAA_EVIDENCE",
    "SMAA_PAIRWISE_MAX",
    "SMAA_SAMPLES",
    "SWEEP_POINTS",
    "TIPPING_SCAN",
    "VERDICT_EVIDENCE",
    "VERDICT_SAMPLES",
]

#: The scoring method when none is named (textbook TOPSIS, vector normalisation).
METHOD: Final[str] = "topsis"
#: SMAA-2 weight samples (``smaa``, ``Study.smaa``, ``mcda smaa``).
SMAA_SAMPLES: Final[int] = 100_000
#: Samples of the SMAA confidence-factor pass, at most (``min(n_samples, CONFIDENCE_SAMPLES)``).
CONFIDENCE_SAMPLES: Final[int] = 20_000
#: Samples behind P(holds) of a verdict (``check_verdicts``, ``mcda sensitivity``).
VERDICT_SAMPLES: Final[int] = 20_000
#: Dirichlet concentration around a profile's weights (sd of a weight w: sqrt(w (1 - w) / 101)).
CONCENTRATION: Final[float] = 100.0
#: Seed of every random procedure when none is given.
SEED: Final[int] = 0
#: Evidence model of verdict robustness: interval draws, kept with the cell's confidence.
VERDICT_EVIDENCE: Final[str] = "mixture"
#: Evidence model of SMAA: point values (weight uncertainty only).
SMAA_EVIDENCE: Final[str] = "none"
#: Most alternatives for which SMAA computes the pairwise winning indices unless asked (``pairwise=None``):
#: they cost m * m comparisons per sample, the other indices O(m log m); ``pairwise=True`` always computes them.
SMAA_PAIRWISE_MAX: Final[int] = 50
#: Points of a one-at-a-time sweep.
SWEEP_POINTS: Final[int] = 101
#: Grid of the numeric tipping-point scan.
TIPPING_SCAN: Final[int] = 1001
#: Local optimisations started by a minimum-change search without a closed form.
MIN_CHANGE_STARTS: Final[int] = 5
