"""Scoring methods as small frozen settings objects that declare what they can do.

A method object holds only its settings; :meth:`~Method.scores` calls the numpy
kernel. All methods follow the kernel contract: ``X (m, n)``, ``W (..., n)``,
``benefit (n,)`` -> ``(..., m)``. Capabilities used by sensitivity analysis
(prepared scorers, linear or log-linear forms, exact tipping polynomials,
vectorised scoring of sampled matrices) are declared on :class:`Method`; the
registry :data:`METHODS` is built from the classes (``register=True``).

Examples
--------
>>> import numpy as np
>>> m = get_method("topsis", normalization="minmax")
>>> m
TOPSIS(normalization='minmax')
>>> m.scores(np.array([[1.0, 2.0], [2.0, 1.0]]), np.array([0.5, 0.5]), np.array([True, True]))
array([0.5, 0.5])
"""

from mcda.methods._base import METHODS, Method, Scorer, TransposedScorer, as_method, get_method, method_names
from mcda.methods.additive import AHP, WASPAS, WPM, WSM
from mcda.methods.others import COPRAS, EDAS, PROMETHEE_II, VIKOR
from mcda.methods.topsis import TOPSIS

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
    "Scorer",
    "TransposedScorer",
    "as_method",
    "get_method",
    "method_names",
]
