"""Translate matrix positions in kernel errors into study ids, at the Study boundary.

Kernels know positions only: they say ``X[1, 3] = -1: normalization 'max' needs
non-negative values`` (see :mod:`mcda.kernels._validate`). A study user needs
the alternative, the criterion, the profile and the method, and what to change.
:func:`located` re-raises such an error as the same class with that context:

>>> from mcda.errors import NormalizationError
>>> try:
...     with located(["a1", "a2"], ["speed", "price"], "p", "wsm"):
...         raise NormalizationError("X[1, 1] = 0: needs values > 0 on cost criteria")
... except NormalizationError as exc:
...     print(str(exc).splitlines()[0])
profile 'p', method 'wsm': alternative 'a2', criterion 'price' (X[1, 1]) = 0: needs values > 0 on cost criteria
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from mcda.errors import InputError

__all__ = ["located"]

_CELL = re.compile(r"^X\[(\d+), (\d+)\]")
_COLUMN = re.compile(r"^X\[:, (\d+)\]")
_CRITERION = re.compile(r"^criterion (\d+)")

_ZERO_COST = ("to score it, give the cell a positive value, or use a method or normalisation that accepts a 0 on "
              "a cost criterion: topsis, vikor, promethee_ii, copras, edas, or normalization='minmax' / 'vector'")
_NEGATIVE = ("to score it, shift the criterion's values (for an ordinal scale: its level values) to be >= 0, "
             "or use a method that accepts negative values: topsis, vikor or promethee_ii")
_GENERIC = "to score it, change the value or choose a method or normalisation that accepts it"


def _hint(message: str) -> str:
    if "cost" in message and "> 0" in message:
        return _ZERO_COST
    if "non-negative" in message or "positive average" in message:
        return _NEGATIVE
    return _GENERIC


def _where(message: str, alternatives: Sequence[str], criteria: Sequence[str]) -> tuple[str, str] | None:
    """``(located prefix, rest of the message)`` when the message starts with a position of X."""
    if (m := _CELL.match(message)) and int(m[1]) < len(alternatives) and int(m[2]) < len(criteria):
        i, j = int(m[1]), int(m[2])
        return f"alternative {alternatives[i]!r}, criterion {criteria[j]!r} ({m[0]})", message[m.end():]
    if (m := _COLUMN.match(message)) and int(m[1]) < len(criteria):
        return f"criterion {criteria[int(m[1])]!r} ({m[0]})", message[m.end():]
    if (m := _CRITERION.match(message)) and int(m[1]) < len(criteria):
        return f"criterion {criteria[int(m[1])]!r} (position {m[1]})", message[m.end():]
    return None


@contextmanager
def located(alternatives: Sequence[str], criteria: Sequence[str], profile: str, method: str) -> Iterator[None]:
    """Re-raise an :class:`InputError` that names a position of X with ids, profile, method and a hint."""
    try:
        yield
    except InputError as exc:
        message = str(exc)
        found = _where(message, alternatives, criteria)
        if found is None:
            raise
        prefix, rest = found
        text = f"profile {profile!r}, method {method!r}: {prefix}{rest}\n  {_hint(message)}"
        try:
            new = type(exc)(text)
        except TypeError:  # a subclass with its own constructor: keep the class family
            new = InputError(text)
        raise new from None
