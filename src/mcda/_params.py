"""Validation of analysis parameters (sample counts, concentrations, tolerances, ...).

Every public function that takes a numeric analysis parameter validates it once,
on entry, through these helpers, so that a bad value is refused with the
parameter's name and the rule broken instead of turning into a silent wrong
answer (a negative sample count giving a probability of ``-0.0``), a division
by zero, or a foreign ``TypeError`` deep inside numpy.

Rules shared by every helper:

* ``bool`` is not a number here (``True`` is refused where a count is expected);
* a count is an integer; an integral float such as ``1e5`` is accepted, a
  fractional one is refused;
* real parameters must be finite;
* ``None`` is never read as "use the default" unless the signature says so
  (there is no ``value or default``: ``0`` is a value, and it is checked).

Examples
--------
>>> from mcda._params import count, positive
>>> count(1e4, "n_samples")
10000
>>> try:
...     count(-5, "n_samples")
... except ValueError as exc:
...     print(exc)
n_samples must be an integer >= 1; got -5
>>> try:
...     positive(0, "concentration")
... except ValueError as exc:
...     print(exc)
concentration must be a finite number > 0; got 0
"""

from __future__ import annotations

import math
import numbers

from mcda.errors import InputError

__all__ = ["MAX_GRID", "MAX_SAMPLES", "count", "fraction", "optional_count", "positive", "real"]

#: Largest sample count accepted by a Monte Carlo analysis (a larger one is almost surely a typo).
MAX_SAMPLES = 10**9
#: Largest grid (sweep points, scan points) accepted along one weight path.
MAX_GRID = 10**7


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _real(value: object, name: str, rule: str) -> float:
    """``value`` as a finite float, or :class:`InputError` saying ``rule``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InputError(f"{name} must be {rule}; got {_show(value)} ({type(value).__name__})")
    try:
        x = float(value)
    except (OverflowError, ValueError):
        raise InputError(f"{name} must be {rule}; got {_show(value)}") from None
    if not math.isfinite(x):
        raise InputError(f"{name} must be {rule}; got {_show(value)}")
    return x


def count(value: object, name: str, *, minimum: int = 1, maximum: int = MAX_SAMPLES) -> int:
    """An integer in ``[minimum, maximum]`` (integral floats accepted), else :class:`InputError`.

    Examples
    --------
    >>> count(3, "n_points", minimum=2)
    3
    >>> try:
    ...     count(2.5, "n_samples")
    ... except ValueError as exc:
    ...     print(exc)
    n_samples must be an integer >= 1; got 2.5
    """
    rule = f"an integer >= {minimum}"
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        k = int(value)
    else:
        x = _real(value, name, rule)
        if not x.is_integer():
            raise InputError(f"{name} must be {rule}; got {_show(value)}")
        k = int(x)
    if k < minimum:
        raise InputError(f"{name} must be {rule}; got {_show(value)}")
    if k > maximum:
        raise InputError(f"{name} = {k} is larger than the limit {maximum}; use at most {maximum}")
    return k


def optional_count(value: object, name: str, *, minimum: int = 1, maximum: int = MAX_SAMPLES) -> int | None:
    """``None``, or :func:`count`."""
    return None if value is None else count(value, name, minimum=minimum, maximum=maximum)


def positive(value: object, name: str, *, allow_zero: bool = False, maximum: float | None = None) -> float:
    """A finite real ``> 0`` (``>= 0`` with ``allow_zero``), at most ``maximum`` when given.

    Examples
    --------
    >>> positive(1e-9, "tol")
    1e-09
    """
    rule = f"a finite number {'>=' if allow_zero else '>'} 0"
    if maximum is not None:
        rule += f" and <= {maximum:g}"
    x = _real(value, name, rule)
    if x < 0 or (x == 0 and not allow_zero) or (maximum is not None and x > maximum):
        raise InputError(f"{name} must be {rule}; got {_show(value)}")
    return x


def fraction(value: object, name: str, *, open_low: bool = True, open_high: bool = True) -> float:
    """A real in the interval (0, 1), with either end closed on request (e.g. a level or alpha).

    Examples
    --------
    >>> fraction(0.95, "level")
    0.95
    >>> try:
    ...     fraction(1.0, "level")
    ... except ValueError as exc:
    ...     print(exc)
    level must be a number in (0, 1); got 1.0
    """
    rule = f"a number in {'(' if open_low else '['}0, 1{')' if open_high else ']'}"
    x = _real(value, name, rule)
    low_bad = x <= 0 if open_low else x < 0
    high_bad = x >= 1 if open_high else x > 1
    if low_bad or high_bad:
        raise InputError(f"{name} must be {rule}; got {_show(value)}")
    return x


def real(value: object, name: str) -> float:
    """Any finite real (not a bool)."""
    return _real(value, name, "a finite number")
