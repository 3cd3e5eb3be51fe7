"""The ``engine`` option of TOPSIS and WSM: the numpy kernels (default) or the compiled ones.

``engine="numba"`` scores one weight vector with the fused compiled kernels of
:mod:`mcda.kernels.compiled` (the optional ``fast`` extra); batches of weight
vectors, prepared scorers and sensitivity analysis keep the numpy path, whose
numbers the compiled path reproduces to rounding. Asking for it without numba
installed is a :class:`~mcda.errors.MissingDependencyError` naming the extra,
raised when the method is made, not when it first scores.
"""

from __future__ import annotations

import dataclasses
import importlib.util
from typing import Any, Final

from mcda.errors import MissingDependencyError, UnknownNameError, did_you_mean

__all__ = ["ENGINES", "check_engine", "engine_repr", "numba_available"]

#: Accepted values of the ``engine`` option.
ENGINES: Final[tuple[str, ...]] = ("numpy", "numba")


def numba_available() -> bool:
    """True when numba can be imported (checked without importing it)."""
    return importlib.util.find_spec("numba") is not None


def check_engine(engine: object, method: str) -> None:
    """Refuse an unknown engine, or ``"numba"`` without numba installed.

    >>> check_engine("numpy", "topsis")
    >>> check_engine("numpi", "topsis")
    Traceback (most recent call last):
    ...
    mcda.errors.UnknownNameError: method 'topsis': unknown engine 'numpi' (did you mean 'numpy'?); engines: numpy, numba
    """
    if engine not in ENGINES:
        hint = did_you_mean(str(engine), list(ENGINES))
        raise UnknownNameError(f"method {method!r}: unknown engine {engine!r}{hint}; engines: {', '.join(ENGINES)}")
    if engine == "numba" and not numba_available():
        raise MissingDependencyError(f"method {method!r}: engine='numba' needs numba, which is not installed: "
                                     "pip install 'mcda-evidence[fast]'")


def engine_repr(obj: Any) -> str:
    """The dataclass repr of a method, with ``engine`` shown only when it is not the default."""
    shown = [f for f in dataclasses.fields(obj) if f.name != "engine" or obj.engine != ENGINES[0]]
    return f"{type(obj).__qualname__}({', '.join(f'{f.name}={getattr(obj, f.name)!r}' for f in shown)})"
