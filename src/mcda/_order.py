"""One argument order for arrays: ``(X, w, benefit, ...)``, as in the kernels' ``(X, W, benefit)``.

Until version 0.2 the sensitivity functions that take one weight vector took
``(X, benefit, w, ...)``. :func:`weights_before_benefit` keeps such calls
working for one deprecation cycle: a boolean mask where the weights belong is
unambiguous (weights are numbers, ``benefit`` must be a boolean mask), so the
two arguments are swapped back with a :class:`DeprecationWarning` that names
the function and the new order.
"""

from __future__ import annotations

import functools
import inspect
import warnings
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import numpy as np

P = ParamSpec("P")
R = TypeVar("R")


def _is_mask(x: Any) -> bool:
    try:
        return np.asarray(x).dtype == np.bool_
    except Exception:  # an object numpy cannot read is left to the function's own validation
        return False


def weights_before_benefit(func: Callable[P, R]) -> Callable[P, R]:
    """Accept the deprecated ``(X, benefit, w, ...)`` order of ``func(X, w, benefit, ...)`` with a warning.

    Examples
    --------
    >>> import warnings
    >>> @weights_before_benefit
    ... def f(X, w, benefit):
    ...     return list(w), list(benefit)
    >>> f([[1.0]], [1.0], [True])
    ([1.0], [True])
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     f([[1.0]], [True], [1.0])
    ([1.0], [True])
    >>> caught[0].category.__name__
    'DeprecationWarning'
    """

    names = list(inspect.signature(func).parameters)
    i = names.index("w")  # positional index of w; benefit follows it
    if names[i + 1] != "benefit":
        raise TypeError(f"{func.__qualname__} must take (..., w, benefit, ...)")

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if len(args) <= i or not _is_mask(args[i]) or "benefit" in kwargs:
            return func(*args, **kwargs)
        lead, rest = list(args[:i]), list(args[i:])
        if len(rest) > 1 and not _is_mask(rest[1]):
            rest[0], rest[1] = rest[1], rest[0]
        elif len(rest) == 1 and "w" in kwargs:
            kwargs["benefit"] = rest[0]
            rest[0] = kwargs.pop("w")
        else:
            return func(*args, **kwargs)
        name = func.__qualname__
        warnings.warn(
            f"{name}(X, benefit, w, ...) is deprecated and will be removed in mcda 0.2: "
            f"pass {name}(X, w, benefit, ...), the order of the kernels (X, W, benefit)",
            DeprecationWarning, stacklevel=2)
        return func(*lead, *rest, **kwargs)  # type: ignore[arg-type]

    return wrapper
