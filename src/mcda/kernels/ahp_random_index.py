"""Random-index tables of the AHP consistency ratio, each named, each sourced.

The consistency ratio ``CR = CI / RI(n)`` divides Saaty's consistency index
by the mean consistency index of random reciprocal matrices of order ``n``.
Different simulations give different means, and the AHP libraries in use
quietly pick different ones, so the same matrix gets different CRs. Here the
table is always a named argument:

=======================  ======================================================  ==========
name                     source                                                  n
=======================  ======================================================  ==========
``"saaty"`` (default)    Saaty (1980), *The Analytic Hierarchy Process*          1..10
``"saaty_2005"``         Saaty (2005), *Theory and Applications of the ANP*,     1..15
                         p. 31 (also in Saaty 2008)
``"alonso_lamata"``      Alonso & Lamata (2006): ``RI(n) = (1.7699 n - 4.3513)   any n
                         / (n - 1)``, their regression of the mean lambda_max
``"alonso_lamata_table"``  Alonso & Lamata (2006), simulated table                1..15
``"donegan_dodd"``       Donegan & Dodd (1991)                                   1..20
``"tummala_ling"``       Tummala & Ling (1998)                                   1..15
=======================  ======================================================  ==========

Every table has ``RI(1) = RI(2) = 0``: every reciprocal matrix of order 1 or 2
is consistent and its CR is defined as 0. No value is ever interpolated or
extrapolated: asking a table for an ``n`` it does not cover is an error.

Which peer uses which (checked in their source code): AHPy defaults to
Donegan & Dodd and offers Saaty (2005); pymcdm uses Tummala & Ling; pyDecision
and the old ``skcriteria.ahp`` module use Saaty (1980) extended to n = 15 with
1.51, 1.48, 1.56, 1.57, 1.59 (other code extends it with 1.51, 1.54, ...; the
extensions disagree, so ``"saaty"`` stops at 10); R's ahpsurvey uses Saaty
(2005). See ``docs/ahp.md`` for what was and was not verified.

References
----------
Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill, New York.

Saaty, T. L. (2005). *Theory and Applications of the Analytic Network
Process*. RWS Publications, Pittsburgh.

Alonso, J. A. and Lamata, M. T. (2006). Consistency in the analytic hierarchy
process: a new approach. International Journal of Uncertainty, Fuzziness and
Knowledge-Based Systems 14(4), 445-459.

Donegan, H. A. and Dodd, F. J. (1991). A note on Saaty's random indexes.
Mathematical and Computer Modelling 15(10), 135-137.

Tummala, V. M. R. and Ling, H. (1998). A note on the computation of the mean
random consistency index of the analytic hierarchy process (AHP). Theory and
Decision 44(3), 221-230.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from mcda.errors import InputError

__all__ = ["ALONSO_LAMATA_COEFFICIENTS", "RANDOM_INDEX", "RANDOM_INDEX_NAMES", "random_index"]


def _table(values: Mapping[int, float]) -> Mapping[int, float]:
    return MappingProxyType({1: 0.0, 2: 0.0, **values})


#: Tabulated random indices, by table name, then by matrix order n.
RANDOM_INDEX: Final[Mapping[str, Mapping[int, float]]] = MappingProxyType(
    {
        "saaty": _table(
            {3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49}
        ),
        "saaty_2005": _table(
            {3: 0.52, 4: 0.89, 5: 1.11, 6: 1.25, 7: 1.35, 8: 1.40, 9: 1.45, 10: 1.49,
             11: 1.52, 12: 1.54, 13: 1.56, 14: 1.58, 15: 1.59}
        ),
        "alonso_lamata_table": _table(
            {3: 0.5245, 4: 0.8815, 5: 1.1086, 6: 1.2479, 7: 1.3417, 8: 1.4056, 9: 1.4499,
             10: 1.4854, 11: 1.5141, 12: 1.5365, 13: 1.5551, 14: 1.5713, 15: 1.5838}
        ),
        "donegan_dodd": _table(
            {3: 0.4914, 4: 0.8286, 5: 1.0591, 6: 1.1797, 7: 1.2519, 8: 1.3171, 9: 1.3733,
             10: 1.4055, 11: 1.4213, 12: 1.4497, 13: 1.4643, 14: 1.4822, 15: 1.4969,
             16: 1.5078, 17: 1.5153, 18: 1.5262, 19: 1.5313, 20: 1.5371}
        ),
        "tummala_ling": _table(
            {3: 0.5799, 4: 0.8921, 5: 1.1159, 6: 1.2358, 7: 1.3322, 8: 1.3952, 9: 1.4537,
             10: 1.4882, 11: 1.5117, 12: 1.5356, 13: 1.5571, 14: 1.5714, 15: 1.5831}
        ),
    }
)

#: ``(slope, intercept)`` of Alonso & Lamata's (2006) regression of the mean
#: lambda_max of random matrices, ``lambda_bar(n) = 2.7699 n - 4.3513``, so that
#: ``RI(n) = (lambda_bar(n) - n) / (n - 1) = (1.7699 n - 4.3513) / (n - 1)``.
ALONSO_LAMATA_COEFFICIENTS: Final[tuple[float, float]] = (2.7699, -4.3513)

#: Every accepted ``ri`` name: the tables plus the formula ``"alonso_lamata"``.
RANDOM_INDEX_NAMES: Final[tuple[str, ...]] = ("saaty", "saaty_2005", "alonso_lamata", "alonso_lamata_table",
                                              "donegan_dodd", "tummala_ling")


def check_ri_name(ri: object) -> str:
    """Return ``ri`` if it names a random index, else raise :class:`InputError`."""
    if not isinstance(ri, str) or ri not in RANDOM_INDEX_NAMES:
        raise InputError(f"ri must be one of {', '.join(map(repr, RANDOM_INDEX_NAMES))}; got {ri!r}")
    return ri


def _random_index(n: int, ri: str) -> float:
    """Unvalidated :func:`random_index` (``ri`` is a known name, ``n >= 1``)."""
    if n <= 2:
        return 0.0
    if ri == "alonso_lamata":
        slope, intercept = ALONSO_LAMATA_COEFFICIENTS
        return ((slope - 1.0) * n + intercept) / (n - 1)
    table = RANDOM_INDEX[ri]
    if n not in table:
        raise InputError(
            f"the {ri!r} random index table covers n = {min(table)}..{max(table)}; "
            f"A is {n} x {n}; no value is extrapolated, split the comparisons into smaller groups "
            "or name a table that covers n (e.g. ri='alonso_lamata', a formula for any n)"
        )
    return table[n]


def random_index(n: int, ri: str = "saaty") -> float:
    """Random consistency index ``RI(n)`` from a named table or formula.

    Parameters
    ----------
    n : int
        Matrix order, ``n >= 1``.
    ri : str
        One of :data:`RANDOM_INDEX_NAMES`; see the module docstring for sources.

    Returns
    -------
    float
        ``RI(n)``; 0.0 for ``n <= 2``.

    Raises
    ------
    InputError
        Unknown name, ``n < 1``, or ``n`` beyond the table (never extrapolated).

    Examples
    --------
    >>> random_index(8)
    1.41
    >>> random_index(8, "tummala_ling")
    1.3952
    >>> round(random_index(20, "alonso_lamata"), 4)
    1.634
    """
    check_ri_name(ri)
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InputError(f"n must be an integer >= 1 (the matrix order); got {n!r}")
    return _random_index(n, ri)
